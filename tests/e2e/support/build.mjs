// Builds an example of the Rust API for its end-to-end test, unless what it builds is newer than
// every source: the example's own files and the crate's (src/, Cargo.toml).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

import { ROOT } from "../../../scripts/serve.mjs";

/** The newest modification time of a file, or of a directory and anything under it. */
function newest(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/**
 * Run `command` with `args` (in `cwd`, within `timeout` ms when given) unless `output` exists and
 * is newer than each of `sources` (paths relative to `dir`, the example's folder) and the crate's
 * sources. `label` prefixes what is logged; `product` names the output and `what` the build in the
 * log and in the error thrown, with the end of the build's stderr, when it fails.
 */
export function ensureBuilt({ label, dir, sources, output, product, what, command, args, cwd, timeout }) {
  const inputs = [...sources.map((p) => join(dir, p)), ...["src", "Cargo.toml"].map((p) => join(ROOT, p))];
  if (existsSync(output) && statSync(output).mtimeMs > Math.max(...inputs.map(newest))) {
    console.log(`[${label}] ${product} is up to date`);
    return;
  }
  const started = Date.now();
  const result = spawnSync(command, args, { cwd, encoding: "utf8", maxBuffer: 64 << 20, timeout });
  if (result.status !== 0) {
    throw new Error(`${what} failed (${result.error?.message ?? `exit ${result.status}`}):\n${(result.stderr ?? "").slice(-6000)}`);
  }
  console.log(`[${label}] built ${product} (${what}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * ensureBuilt for a Rust example compiled to wasm by its build.sh (which runs examples/build.sh)
 * into `dist` (with `app_bg.wasm`), from its folder `dir` under examples/.
 */
export function ensureWasmExample(label, dir, dist) {
  ensureBuilt({
    label,
    dir,
    sources: ["src", "Cargo.toml", "Cargo.lock", "index.html", "build.sh", "../build.sh"],
    output: join(dist, "app_bg.wasm"),
    product: `${relative(ROOT, dist)}/`,
    what: `${relative(ROOT, dir)}/build.sh`,
    command: "bash",
    args: [join(dir, "build.sh")],
  });
}
