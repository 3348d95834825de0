// The shipped size as users pay for it: the package's JS entry bundled and minified with esbuild,
// plus the .wasm, each gzip -9. Used by the size budget test and by `npm run bench`.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const dist = new URL("../dist/", import.meta.url);

export async function shippedSize() {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("index.js", dist))],
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    logLevel: "silent",
  });
  const js = result.outputFiles[0].contents;
  const wasm = readFileSync(new URL("embed_events_bg.wasm", dist));
  const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;
  const sizes = { jsBytes: js.length, jsGzip: gz(js), wasmBytes: wasm.length, wasmGzip: gz(wasm) };
  return { ...sizes, shippedGzip: sizes.jsGzip + sizes.wasmGzip };
}
