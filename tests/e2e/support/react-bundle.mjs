// A React page's script for the browser tests: bundled by esbuild, in memory, into one classic
// script, with React's development build, in which StrictMode mounts, unmounts and mounts again.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const root = fileURLToPath(new URL("../../../", import.meta.url));

/** esbuild's result for `entry` (a path from the repository's root); `options` adds to esbuild's. */
export function bundleReactPage(entry, options = {}) {
  return build({
    entryPoints: [join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    format: "iife",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"development"' },
    write: false,
    logLevel: "silent",
    ...options,
  });
}
