// Serves the built example (dist/, see build.sh) the way it is meant to run: the application on
// http://127.0.0.1, the fake vendor pages (www/frames) on http://localhost, another origin, and the
// intruder page on http://127.0.0.2, a third one. The same servers as the demo (scripts/serve.mjs),
// loopback only. tests/e2e/rust-example.test.mjs uses serveExample() too.
//
//   node examples/yew/serve.mjs    # then open the URL it prints
import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

import { FRAMES_DIR, listen, staticHandler } from "../../scripts/serve.mjs";

export const EXAMPLE_DIR = fileURLToPath(new URL(".", import.meta.url));
export const DIST = join(EXAMPLE_DIR, "dist");
export const DEFAULT_PORTS = Object.freeze({ app: 5180, vendor: 5181, intruder: 5182 });

/**
 * Start the three servers. `ports`: `{ app, vendor, intruder }`, or 0 for any free ports.
 * Returns `{ url, urls: { app, vendor, intruder }, close() }`; `url` is the application's page, with
 * the vendor and intruder origins in its query.
 */
export async function serveExample({ ports = DEFAULT_PORTS } = {}) {
  if (!existsSync(join(DIST, "app.js"))) throw new Error("examples/yew/dist/ is missing: run examples/yew/build.sh first");
  const want = ports === 0 ? { app: 0, vendor: 0, intruder: 0 } : { ...DEFAULT_PORTS, ...ports };
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
    const app = await listen(staticHandler(DIST), { address: "127.0.0.1", port: want.app });
    running.push(app);
    const query = new URLSearchParams({ vendor: vendor.url, intruder: intruder.url });
    return { url: `${app.url}/?${query}`, urls: { app: app.url, vendor: vendor.url, intruder: intruder.url }, close };
  } catch (error) {
    await close();
    throw error;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { url, urls } = await serveExample();
  console.log(`vendor pages  ${urls.vendor}`);
  console.log(`intruder      ${urls.intruder}`);
  console.log(`application   ${url}`);
  console.log("Ctrl-C stops.");
}
