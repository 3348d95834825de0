// The shipped size as users pay for it: the package's default entry bundled and minified with
// esbuild (the wasm is inside it, as base64), gzip -9. Used by the build, the size budget test and
// `npm run bench`.
import { build } from "esbuild";
import { gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";

const dist = new URL("../dist/", import.meta.url);

/**
 * The size of `entry` (a file in dist/) as users pay for it; `external` imports (React, the main
 * entry from a subpath entry) are left out, as they are counted on their own.
 */
export async function shippedSize(entry = "index.js", external = []) {
  const result = await build({
    entryPoints: [fileURLToPath(new URL(entry, dist))],
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    logLevel: "silent",
    external,
  });
  const js = result.outputFiles[0].contents;
  return { jsBytes: js.length, shippedGzip: gzipSync(js, { level: 9 }).length };
}
