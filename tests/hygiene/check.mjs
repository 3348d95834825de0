// The library crate adds no global allocator, no panic handler and no wasm exports to a Rust
// user's build, under every combination of its features: tests/hygiene/ (a user's crate with its
// own global allocator, linking std) must build for wasm32 each way, and its module may export only
// its own function, its memory, the linker's __data_end and __heap_base, and wasm-bindgen's runtime (`__wbindgen*`, `__wbg*`, `__externref*`,
// `__abort_handler`, `__instance_terminated`: what every crate that links wasm-bindgen exports),
// never a function of embed-events.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dir = fileURLToPath(new URL(".", import.meta.url));
// webhooks: the server half (hmac, sha2) must not bring any of them either.
const COMBINATIONS = ["", "serde", "browser", "browser,serde", "webhooks", "browser,serde,webhooks"];
const WASM_BINDGEN_RUNTIME = /^__(wbindgen|wbg|externref_|abort_handler$|instance_terminated$)/;
/** What the linker exports from every Rust cdylib: the ends of its static data and of its stack. */
const LINKER = ["__data_end", "__heap_base"];

for (const features of COMBINATIONS) {
  test(`a user's wasm build with features [${features}] gets no allocator, panic handler or exports from embed-events`, () => {
    execFileSync("cargo", ["build", "--quiet", "--release", "--target", "wasm32-unknown-unknown", "--target-dir", "../../target/hygiene", "--features", features], {
      cwd: dir,
      stdio: "inherit",
    });
    const wasm = readFileSync(new URL("../../target/hygiene/wasm32-unknown-unknown/release/embed_events_hygiene.wasm", import.meta.url));
    const exports = WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name);
    const foreign = exports.filter((name) => !["memory", "user_probe", ...LINKER].includes(name) && !WASM_BINDGEN_RUNTIME.test(name));
    assert.deepEqual(foreign, [], `exports that are not the user's own: ${foreign.join(", ")}`);
    assert.ok(exports.includes("user_probe"));
  });
}
