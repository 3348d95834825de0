// npm run build: release wasm (size-tuned profile, without std) → wasm-bindgen (web target) →
// wasm-opt -Oz → short import names (scripts/short-imports.mjs) → dist/ with the hand-written
// entry, option checks and types. Prints the sizes.
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { shortenImports } from "./short-imports.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
// Built beside dist/ and renamed over it at the end, so a reader never finds it half-written.
const dist = join(root, "dist");
const out = join(root, `dist.building-${process.pid}`);
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });

run("cargo", ["build", "--release", "--lib", "--target", "wasm32-unknown-unknown", "--no-default-features"]);
rmSync(out, { recursive: true, force: true });
mkdirSync(out);
run("wasm-bindgen", [
  "--target", "web", "--no-typescript", "--out-dir", out, "--out-name", "embed_events",
  join(root, "target/wasm32-unknown-unknown/release/embed_events.wasm"),
]);
const wasm = join(out, "embed_events_bg.wasm");
const before = statSync(wasm).size;
// The features rustc's wasm32 target emits, and no others: `--all-features` would let wasm-opt
// introduce proposals no browser ships (it rewrote strings to stringref).
const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];
run(join(root, "node_modules/.bin/wasm-opt"), [
  "-Oz", ...features.map((f) => `--enable-${f}`), "--strip-debug", "--strip-producers", "--strip-target-features", wasm, "-o", wasm,
]);
// wasm-bindgen names the glue's imports after their functions plus a 16-digit hash, in both files.
const glue = join(out, "embed_events.js");
const short = shortenImports(readFileSync(wasm), readFileSync(glue, "utf8"), "./embed_events_bg.js");
writeFileSync(wasm, short.wasm);
writeFileSync(glue, short.js);
copyFileSync(join(root, "src/js/index.js"), join(out, "index.js"));
copyFileSync(join(root, "src/js/options.js"), join(out, "options.js"));
copyFileSync(join(root, "src/js/index.d.ts"), join(out, "index.d.ts"));
rmSync(dist, { recursive: true, force: true });
renameSync(out, dist);

const bytes = readFileSync(join(dist, "embed_events_bg.wasm"));
console.log(`[build] dist/embed_events_bg.wasm: ${before} bytes from wasm-bindgen, ${bytes.length} after wasm-opt -Oz and short import names, ${gzipSync(bytes, { level: 9 }).length} gzip -9`);
