// Serves the built example (dist/, see build.sh) the way it is meant to run: the application on
// http://127.0.0.1:5183, the fake vendor pages (www/frames) on http://localhost:5184, another
// origin, and the intruder page on http://127.0.0.2:5185, a third one (examples/serve.mjs, shared
// with the Yew example). tests/e2e/leptos-example.test.mjs uses serveExample({ ports }) too:
// it returns { url, urls: { app, vendor, intruder }, close() }, and ports 0 means any free ones.
//
//   node examples/leptos/serve.mjs    # then open the URL it prints
import { exampleServer } from "../serve.mjs";

export const { EXAMPLE_DIR, DIST, DEFAULT_PORTS, serveExample } = exampleServer(import.meta.url, {
  app: 5183,
  vendor: 5184,
  intruder: 5185,
});
