// The built package under Node: importing it touches no browser global (server-side rendering),
// watch*() before init() says to await init(), init() is idempotent, and package.json is a proper
// ES module package. Runs after `npm run build`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = new URL("../../", import.meta.url);
const dist = new URL("dist/", root);

test("importing the package touches no browser global", async () => {
  const touched = [];
  for (const name of ["window", "document", "self", "location", "top", "parent", "addEventListener"]) {
    Object.defineProperty(globalThis, name, {
      configurable: true,
      get() { touched.push(name); return undefined; },
    });
  }
  try {
    const pkg = await import(new URL("index.js", dist));
    assert.equal(typeof pkg.default, "function");
    assert.equal(typeof pkg.watchIgnition, "function");
    assert.equal(typeof pkg.watchSignere, "function");
    assert.equal(typeof pkg.ignitionUrl, "function");
  } finally {
    for (const name of ["window", "document", "self", "location", "top", "parent", "addEventListener"]) {
      delete globalThis[name];
    }
  }
  assert.deepEqual(touched, []);
});

test("watch*() and ignitionUrl() before init() throw an Error that says to await init()", async () => {
  const { watchIgnition, watchSignere, ignitionUrl } = await import(new URL("index.js", dist));
  for (const [name, call] of [
    ["watchIgnition", () => watchIgnition({})],
    ["watchSignere", () => watchSignere({ origins: "https://sign.idfy.io" })],
    ["ignitionUrl", () => ignitionUrl("https://ignition.axle.insure/")],
  ]) {
    assert.throws(call, (e) => e instanceof Error && e.message.includes(`${name}()`) && e.message.includes("await init()"));
  }
});

test("init() loads once, whoever calls it; then watchers need a window", async () => {
  const { default: init, watchIgnition, Watcher } = await import(new URL("index.js", dist));
  const bytes = readFileSync(fileURLToPath(new URL("embed_events_bg.wasm", dist)));
  const first = init(bytes);
  const second = init(bytes);
  assert.equal(first, second);
  await first;
  await init();
  assert.throws(() => watchIgnition({}), (e) => e instanceof TypeError && /there is no window/.test(e.message));
  assert.throws(() => new Watcher(), TypeError);
});

test("package.json describes an ES module package with types and no side effects", () => {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL("package.json", root)), "utf8"));
  assert.equal(pkg.name, "embed-events");
  assert.equal(pkg.type, "module");
  assert.deepEqual(pkg.exports["."], { types: "./dist/index.d.ts", import: "./dist/index.js" });
  assert.equal(pkg.types, "./dist/index.d.ts");
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(pkg.files, ["dist/"]);
});
