// npm start (after the build): build the demo host page with Vite and serve it, the fake vendor pages
// and the intruder on three origins. Ctrl-C stops every server.
//
//   node scripts/demo.mjs               ports 5173 (host), 5174 (vendors), 5175 (intruder)
//   node scripts/demo.mjs --port 6100   ports 6100, 6101, 6102
import { startDemo, DEFAULT_PORTS } from "./serve.mjs";

function basePort() {
  const i = process.argv.indexOf("--port");
  const value = i >= 0 ? process.argv[i + 1] : process.env.DEMO_PORT;
  if (value === undefined) return null;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65533) {
    console.error(`[demo] --port must be a port number, got ${JSON.stringify(value)}`);
    process.exit(2);
  }
  return port;
}

const base = basePort();
const ports = base === null ? DEFAULT_PORTS : { host: base, vendor: base + 1, intruder: base + 2 };

let demo;
try {
  demo = await startDemo({ ports, logLevel: "warn" });
} catch (error) {
  console.error(`[demo] ${error.message}`);
  if (error.code === "EADDRINUSE") console.error("[demo] try another base port: node scripts/demo.mjs --port 6100");
  process.exit(1);
}

const { host, vendor, intruder } = demo.urls;
console.log(`
  embed-events demo

  open      ${host}

  host      ${host.replace(/\/$/, "")}   the page that registers the watchers
  redirect  ${host}redirect.html   the redirect return (linked from the host page)
  vendors   ${vendor}   fake Axle Ignition and Signere pages
  intruder  ${intruder}   a third origin posting the same messages

  Ctrl-C to stop.
`);

let stopping = false;
async function shutdown(signal) {
  if (stopping) return;
  stopping = true;
  console.log(`\n[demo] ${signal}: stopping the servers`);
  await demo.close();
  process.exit(0);
}
process.on("SIGINT", () => shutdown("SIGINT"));
process.on("SIGTERM", () => shutdown("SIGTERM"));
