// The built package under Node: importing it (as an ES module or with require) touches no browser
// global and compiles nothing (server-side rendering); there is no set-up step, so the first call of
// any export works synchronously, in a module instance nobody initialised (watch*() throws an Error
// that says watchers need a browser page, ignitionUrl works); init() is optional and idempotent;
// `require("embed-events")` loads dist/index.cjs with the same exports; package.json describes an
// ES module package with `import` and `require` conditions, each with its types. Runs after
// `npm run build`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const root = new URL("../../", import.meta.url);
const dist = new URL("dist/", root);
const require = createRequire(import.meta.url);
/** The exports these tests use (the entry may have more; both builds must have the same). */
const EXPORTS = ["Watcher", "default", "ignitionUrl", "watchIgnition", "watchSignere"];

let instances = 0;
/** A module instance of dist/index.js of its own: never initialised, whatever other tests did. */
const freshEsm = () => import(new URL(`index.js?instance=${++instances}`, dist));
/** The same for dist/index.cjs, through require. */
function freshCjs() {
  const path = fileURLToPath(new URL("index.cjs", dist));
  delete require.cache[path];
  return require(path);
}

/** Runs `body` with WebAssembly.Module counted; returns how many modules were compiled. */
async function countingCompiles(body) {
  const Module = WebAssembly.Module;
  let compiled = 0;
  WebAssembly.Module = new Proxy(Module, {
    construct(target, args, newTarget) {
      compiled++;
      return Reflect.construct(target, args, newTarget);
    },
  });
  try {
    await body();
  } finally {
    WebAssembly.Module = Module;
  }
  return compiled;
}

const BROWSER_GLOBALS = ["window", "document", "self", "location", "top", "parent", "addEventListener"];

/** Runs `body` with a getter on each browser global that records its name; returns the names read. */
async function recordingBrowserGlobals(body) {
  const touched = [];
  for (const name of BROWSER_GLOBALS) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() { touched.push(name); return undefined; },
    });
  }
  try {
    await body();
  } finally {
    for (const name of BROWSER_GLOBALS) delete globalThis[name];
  }
  return touched;
}

const NEEDS_A_PAGE = (name) => (e) =>
  e instanceof Error && !(e instanceof TypeError) && e.message.includes(name) && /watchers need a browser page/.test(e.message) && !/init/.test(e.message);

test("importing the package touches no browser global and compiles nothing (ES module and CommonJS)", async () => {
  let esm;
  let cjs;
  const compiled = await countingCompiles(async () => {
    const touched = await recordingBrowserGlobals(async () => {
      esm = await freshEsm();
      cjs = freshCjs();
    });
    assert.deepEqual(touched, []);
  });
  assert.equal(compiled, 0, "importing compiled the wasm");
  for (const pkg of [esm, cjs]) {
    assert.equal(typeof pkg.default, "function");
    assert.equal(typeof pkg.watchIgnition, "function");
    assert.equal(typeof pkg.watchSignere, "function");
    assert.equal(typeof pkg.ignitionUrl, "function");
    assert.equal(typeof pkg.Watcher, "function");
  }
});

test("with no init(), the first call of each export works synchronously: watch*() says it needs a browser page, ignitionUrl() works", async () => {
  for (const load of [freshEsm, freshCjs]) {
    // A fresh instance per call, so that each call is the first of its module instance.
    const first = [
      ["watchIgnition", (pkg) => pkg.watchIgnition({})],
      ["watchIgnition", (pkg) => pkg.watchIgnition({ environment: "sandbox", onComplete() {} })],
      ["watchSignere", (pkg) => pkg.watchSignere({ origins: "https://sign.idfy.io" })],
      ["watchSignere", (pkg) => pkg.watchSignere({})],
    ];
    for (const [name, call] of first) {
      const pkg = await load();
      assert.throws(() => call(pkg), NEEDS_A_PAGE(name));
    }
    // Option TypeErrors are thrown right there, on the first call too.
    let pkg = await load();
    assert.throws(() => pkg.watchIgnition({ oncomplete() {} }), (e) => e instanceof TypeError && /"oncomplete"/.test(e.message) && /onComplete/.test(e.message));
    pkg = await load();
    assert.throws(() => pkg.watchSignere({ origins: 42 }), (e) => e instanceof TypeError && /origins/.test(e.message));
    // ignitionUrl: the first call returns the URL.
    pkg = await load();
    assert.equal(
      pkg.ignitionUrl("https://ignition.axle.insure/?token=ign_1", "https://shop.example"),
      "https://ignition.axle.insure/?token=ign_1&origin=https%3A%2F%2Fshop.example",
    );
    pkg = await load();
    assert.equal(pkg.ignitionUrl(new URL("https://ignition.axle.insure/"), "https://shop.example:8443"), "https://ignition.axle.insure/?origin=https%3A%2F%2Fshop.example%3A8443");
    // On a server there is no page origin to default to, and a URL that does not parse is a TypeError.
    pkg = await load();
    assert.throws(() => pkg.ignitionUrl("https://ignition.axle.insure/"), (e) => e instanceof TypeError && /parentOrigin/.test(e.message));
    pkg = await load();
    assert.throws(() => pkg.ignitionUrl("not a url", "https://shop.example"), TypeError);
  }
});

test("init() is optional and idempotent: a Promise each time, any number of calls, before or after other calls; the wasm is compiled once", async () => {
  for (const load of [freshEsm, freshCjs]) {
    // Other calls first, then init().
    let pkg = await load();
    let compiled = await countingCompiles(async () => {
      assert.throws(() => pkg.watchIgnition({}), NEEDS_A_PAGE("watchIgnition"));
      assert.equal(pkg.ignitionUrl("https://ignition.axle.insure/", "https://a.example"), "https://ignition.axle.insure/?origin=https%3A%2F%2Fa.example");
      const calls = [pkg.default(), pkg.default(), pkg.default()];
      for (const p of calls) assert.ok(p instanceof Promise, "init() returns a Promise");
      await Promise.all(calls);
      await pkg.default();
      assert.throws(() => pkg.watchSignere({ origins: "https://sign.idfy.io" }), NEEDS_A_PAGE("watchSignere"));
    });
    assert.equal(compiled, 1, "the wasm is compiled once per module instance");
    // init() first (twice at once, then again), then the other calls.
    pkg = await load();
    compiled = await countingCompiles(async () => {
      const [a, b] = [pkg.default(), pkg.default()];
      assert.ok(a instanceof Promise && b instanceof Promise);
      await Promise.all([a, b]);
      await pkg.default();
      assert.throws(() => pkg.watchIgnition({}), NEEDS_A_PAGE("watchIgnition"));
      assert.equal(pkg.ignitionUrl("https://ignition.axle.insure/", "https://a.example"), "https://ignition.axle.insure/?origin=https%3A%2F%2Fa.example");
      await pkg.default();
    });
    assert.equal(compiled, 1, "the wasm is compiled once per module instance");
    assert.throws(() => new pkg.Watcher(), TypeError);
  }
});

test('require("embed-events") loads dist/index.cjs, with the same exports as import', async () => {
  assert.equal(require.resolve("embed-events"), fileURLToPath(new URL("index.cjs", dist)));
  assert.equal(import.meta.resolve("embed-events"), new URL("index.js", dist).href);
  const cjs = require("embed-events");
  const esm = await import("embed-events");
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(esm).sort());
  for (const name of Object.keys(esm)) assert.equal(typeof cjs[name], typeof esm[name], name);
  for (const name of EXPORTS) assert.ok(Object.hasOwn(esm, name), `${name} is exported`);
  // Two builds of one source: each works on its own.
  assert.ok(cjs.default() instanceof Promise);
  assert.throws(() => cjs.watchIgnition({}), NEEDS_A_PAGE("watchIgnition"));
  assert.equal(cjs.ignitionUrl("https://ignition.sandbox.axle.insure/x?y=1", "http://localhost:3000"), "https://ignition.sandbox.axle.insure/x?y=1&origin=http%3A%2F%2Flocalhost%3A3000");
  assert.throws(() => new cjs.Watcher(), TypeError);
});

test("package.json describes an ES module package with import and require conditions, each with types, and no side effects", () => {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("package.json", root)), "utf8"));
  assert.equal(pkg.name, "embed-events");
  assert.equal(pkg.type, "module");
  assert.deepEqual(pkg.exports["."], {
    import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
    require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
  });
  // TypeScript reads the first matching condition: `types` must come before `default`.
  for (const condition of ["import", "require"]) assert.deepEqual(Object.keys(pkg.exports["."][condition]), ["types", "default"], condition);
  assert.equal(pkg.main, "./dist/index.cjs");
  assert.equal(pkg.module, "./dist/index.js");
  assert.equal(pkg.types, "./dist/index.d.ts");
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(pkg.files, ["dist/", "LICENSE-MIT", "LICENSE-APACHE"]);
  for (const file of pkg.files) assert.ok(existsSync(new URL(file, root)), `${file} is missing`);
  // Every file the exports name is built, and everything built is named by the exports: nothing stale ships.
  const named = new Set();
  const walk = (target) => (typeof target === "string" ? named.add(target) : Object.values(target).forEach(walk));
  walk(pkg.exports);
  for (const file of named) assert.ok(existsSync(new URL(file, root)), `${file} is named in exports but not built`);
  for (const file of readdirSync(dist)) assert.ok(named.has(`./dist/${file}`), `dist/${file} ships but no export names it`);
});
