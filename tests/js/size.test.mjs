// The size budget: what users download, measured as the issue defines it (the JS entry bundled and
// minified with esbuild, plus the .wasm, each gzip -9). Bytes are deterministic, so this is a test.
//
// TARGET is the project's goal; CEILING is the measured size of this build, which no change may
// exceed. The README's "Size and speed" section shows the measured floor that keeps a Rust +
// wasm-bindgen build of this contract above TARGET; lower CEILING whenever the size goes down.
import { test } from "node:test";
import assert from "node:assert/strict";
import { shippedSize } from "../../scripts/size.mjs";

const TARGET = 12000;
const CEILING = 21000;

test(`shipped size stays under its ceiling (${CEILING} gzip bytes; target ${TARGET})`, async () => {
  const size = await shippedSize();
  console.log(
    `shipped: js ${size.jsBytes} bytes (${size.jsGzip} gzip) + wasm ${size.wasmBytes} bytes (${size.wasmGzip} gzip)` +
      ` = ${size.shippedGzip} gzip bytes; ceiling ${CEILING}, target ${TARGET}`,
  );
  assert.ok(size.shippedGzip <= CEILING, `shipped ${size.shippedGzip} gzip bytes, over the ceiling of ${CEILING}`);
});
