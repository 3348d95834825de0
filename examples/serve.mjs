// Serves a built Rust example (its dist/, see its build.sh) the way it is meant to run: the
// application on http://127.0.0.1, the fake vendor pages (www/frames) on http://localhost, another
// origin, and the intruder page on http://127.0.0.2, a third one. The same servers as the demo
// (scripts/serve.mjs), loopback only. Each example's serve.mjs is this with its directory and
// ports; the end-to-end tests call them too.
import { existsSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";

import { FRAMES_DIR, ROOT, listen, staticHandler } from "../scripts/serve.mjs";

/**
 * Start the three servers for the example built into `dist`. `ports`: `{ app, vendor, intruder }`
 * (missing ones from `defaults`), or 0 for any free ports. Returns `{ url, urls: { app, vendor,
 * intruder }, close() }`; `url` is the application's page, with the vendor and intruder origins in
 * its query.
 */
export async function serveExample(dist, { ports, defaults }) {
  if (!existsSync(join(dist, "app.js"))) {
    const dir = relative(ROOT, join(dist, ".."));
    throw new Error(`${dir}/dist/ is missing: run ${dir}/build.sh first`);
  }
  const want = ports === 0 ? { app: 0, vendor: 0, intruder: 0 } : { ...defaults, ...ports };
  const running = [];
  const close = () => Promise.all(running.map((server) => server.close()));
  try {
    const frames = staticHandler(FRAMES_DIR, { cors: true });
    const vendor = await listen(frames, { address: "127.0.0.1", name: "localhost", port: want.vendor });
    running.push(vendor);
    let intruder;
    try {
      intruder = await listen(frames, { address: "127.0.0.2", port: want.intruder });
    } catch {
      // No 127.0.0.2 here (macOS): another port of 127.0.0.1 is a third origin too.
      intruder = await listen(frames, { address: "127.0.0.1", port: want.intruder });
    }
    running.push(intruder);
    const app = await listen(staticHandler(dist), { address: "127.0.0.1", port: want.app });
    running.push(app);
    const query = new URLSearchParams({ vendor: vendor.url, intruder: intruder.url });
    return { url: `${app.url}/?${query}`, urls: { app: app.url, vendor: vendor.url, intruder: intruder.url }, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The serving of the example whose serve.mjs is `moduleUrl`, with these default ports: its
 * directory, its dist/, and `serveExample({ ports })`. When that serve.mjs is the script node runs,
 * it serves, and prints where.
 */
export function exampleServer(moduleUrl, defaults) {
  const EXAMPLE_DIR = fileURLToPath(new URL(".", moduleUrl));
  const DIST = join(EXAMPLE_DIR, "dist");
  const DEFAULT_PORTS = Object.freeze(defaults);
  const serve = ({ ports = DEFAULT_PORTS } = {}) => serveExample(DIST, { ports, defaults: DEFAULT_PORTS });
  if (process.argv[1] && fileURLToPath(moduleUrl) === process.argv[1]) {
    serve().then(({ url, urls }) => {
      console.log(`vendor pages  ${urls.vendor}`);
      console.log(`intruder      ${urls.intruder}`);
      console.log(`application   ${url}`);
      console.log("Ctrl-C stops.");
    });
  }
  return { EXAMPLE_DIR, DIST, DEFAULT_PORTS, serveExample: serve };
}
