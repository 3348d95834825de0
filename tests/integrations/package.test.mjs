// The subpath entries as built in dist/ (run `npm run build` first): package.json maps them; under
// Node (no DOM) they import and require without touching a browser global; embed-events/react keeps
// `react` and the main entry external and renders on a server; the main entry never mentions React;
// the types compile under strict with moduleResolution bundler, node16 and nodenext; and each entry's
// shipped size (bundled and minified with esbuild, gzip -9) is printed.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { root } from "./support.mjs";

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const dist = (file) => readFileSync(join(root, "dist", file), "utf8");

test("package.json: ./testing and ./react, each with import and require conditions and types; react an optional peer", () => {
  for (const name of ["testing", "react"]) {
    assert.deepEqual(pkg.exports[`./${name}`], {
      import: { types: `./dist/${name}.d.ts`, default: `./dist/${name}.js` },
      require: { types: `./dist/${name}.d.cts`, default: `./dist/${name}.cjs` },
    });
    for (const ext of ["js", "cjs", "d.ts", "d.cts"]) assert.ok(existsSync(join(root, "dist", `${name}.${ext}`)), `dist/${name}.${ext}`);
  }
  assert.deepEqual(pkg.peerDependencies, { react: ">=18" });
  assert.deepEqual(pkg.peerDependenciesMeta, { react: { optional: true } });
  assert.equal(pkg.dependencies, undefined);
  // The .d.cts files take the main entry's types from its CommonJS declarations.
  assert.match(dist("react.d.cts"), /from "\.\/index\.cjs"/);
  assert.doesNotMatch(dist("react.d.cts"), /from "\.\/index\.js"/);
  assert.match(dist("react.d.ts"), /from "\.\/index\.js"/);
});

/** The module specifiers a built file imports or requires. */
function specifiers(text) {
  const found = new Set();
  for (const m of text.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\s*\)|\brequire\(\s*"([^"]+)"\s*\)|^\s*import\s*"([^"]+)"/gm)) {
    found.add(m[1] ?? m[2] ?? m[3] ?? m[4]);
  }
  return [...found].sort();
}

test("dist: react.js imports react and ./index.js (react.cjs: ./index.cjs), testing has no import, index never React", () => {
  assert.deepEqual(specifiers(dist("react.js")), ["./index.js", "react"]);
  assert.deepEqual(specifiers(dist("react.cjs")), ["./index.cjs", "react"]);
  assert.deepEqual(specifiers(dist("testing.js")), []);
  assert.deepEqual(specifiers(dist("testing.cjs")), []);
  for (const file of ["react.js", "react.cjs", "testing.js", "testing.cjs"]) {
    assert.doesNotMatch(dist(file), /WebAssembly/, `${file} holds no wasm`);
  }
  for (const file of ["index.js", "index.cjs"]) assert.doesNotMatch(dist(file), /\breact\b/i, `${file} never mentions React`);
});

test("Node, no DOM: embed-events/testing imports and requires alike; its messages are frozen; dispatching needs a window", async () => {
  const esm = await import("embed-events/testing");
  const cjs = require("embed-events/testing");
  assert.deepEqual(Object.keys(esm).sort(), ["dispatchVendorMessage", "exampleMessages"]);
  assert.deepEqual(Object.keys(cjs).sort(), ["dispatchVendorMessage", "exampleMessages"]);
  assert.deepEqual(cjs.exampleMessages, esm.exampleMessages);
  const frozen = (value) => value === null || typeof value !== "object" || (Object.isFrozen(value) && Object.values(value).every(frozen));
  assert.ok(frozen(esm.exampleMessages));
  assert.equal(typeof globalThis.window, "undefined");
  assert.throws(() => esm.dispatchVendorMessage({}, { origin: "https://sign.idfy.io" }), (e) => e instanceof Error && /needs a browser page/.test(e.message));
});

test("Node, no DOM: embed-events/react imports and requires; on a server the hooks render an inactive state", async () => {
  const { createElement: h, useRef } = await import("react");
  const { renderToString } = await import("react-dom/server");
  const esm = await import("embed-events/react");
  const cjs = require("embed-events/react");
  assert.deepEqual(Object.keys(esm).sort(), ["useIgnition", "useSignere"]);
  assert.deepEqual(Object.keys(cjs).sort(), ["useIgnition", "useSignere"]);
  // react.cjs loads the package's own index.cjs (not a copy).
  assert.ok(Object.keys(require.cache).some((p) => p === join(root, "dist/index.cjs")));
  function Page() {
    const frame = useRef(null);
    const a = esm.useIgnition({ source: frame, onComplete: () => {} });
    const b = esm.useSignere({ source: frame, origins: "https://sign.idfy.io" });
    return h("p", null, JSON.stringify([a, b]));
  }
  assert.equal(renderToString(h(Page)), "<p>[{&quot;active&quot;:false},{&quot;active&quot;:false}]</p>");
  assert.equal(typeof globalThis.window, "undefined");
});

function tsc(args) {
  return new Promise((resolve) => {
    execFile(join(root, "node_modules/.bin/tsc"), args, { cwd: root }, (error, stdout, stderr) => resolve({ code: error ? error.code ?? 1 : 0, output: stdout + stderr }));
  });
}

test("types: strict, with moduleResolution bundler, node16 and nodenext (ESM and CommonJS); the @ts-expect-error lines stay errors", async () => {
  const dir = "tests/integrations/types";
  const runs = await Promise.all([
    tsc(["-p", `${dir}/tsconfig.json`]),
    tsc(["-p", `${dir}/tsconfig.node16.json`]),
    tsc(["-p", `${dir}/tsconfig.node16.json`, "--module", "nodenext", "--moduleResolution", "nodenext"]),
  ]);
  for (const [i, run] of runs.entries()) assert.equal(run.code, 0, `${["bundler", "node16", "nodenext"][i]}:\n${run.output}`);
});

/** `entry` of dist/ bundled and minified with esbuild (`external` left out), gzip -9 bytes. */
async function shipped(entry, external) {
  const result = await build({
    entryPoints: [join(root, "dist", entry)],
    bundle: true,
    minify: true,
    format: "esm",
    write: false,
    external,
    logLevel: "silent",
  });
  return gzipSync(result.outputFiles[0].contents, { level: 9 }).length;
}

test("shipped size of the subpath entries (esbuild, minified, gzip -9)", async () => {
  const testing = await shipped("testing.js", []);
  const react = await shipped("react.js", ["react", "./index.js"]);
  const reactWithMain = await shipped("react.js", ["react"]);
  const main = await shipped("index.js", []);
  console.log(
    `[size] dist/testing.js ${testing} B; dist/react.js ${react} B (react and the main entry external), ` +
      `${reactWithMain} B with the main entry (${main} B alone)`,
  );
  // Neither holds the wasm: that is the main entry's, counted once.
  assert.ok(testing < 2000, `testing: ${testing}`);
  assert.ok(react < 2000, `react: ${react}`);
  assert.ok(reactWithMain - main < 2000, `react adds ${reactWithMain - main}`);
});
