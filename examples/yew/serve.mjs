// Serves the built example (dist/, see build.sh) the way it is meant to run: the application on
// http://127.0.0.1:5180, the fake vendor pages (www/frames) on http://localhost:5181, another
// origin, and the intruder page on http://127.0.0.2:5182, a third one (examples/serve.mjs, shared
// with the Leptos example). tests/e2e/rust-example.test.mjs uses serveExample({ ports }) too:
// it returns { url, urls: { app, vendor, intruder }, close() }, and ports 0 means any free ones.
//
//   node examples/yew/serve.mjs    # then open the URL it prints
import { exampleServer } from "../serve.mjs";

export const { EXAMPLE_DIR, DIST, DEFAULT_PORTS, serveExample } = exampleServer(import.meta.url, {
  app: 5180,
  vendor: 5181,
  intruder: 5182,
});
