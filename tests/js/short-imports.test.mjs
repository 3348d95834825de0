// scripts/short-imports.mjs on a module with every kind of import (function, table, memory,
// global, from two modules), assembled with binaryen's wasm-as: the glue module's imports get short
// names in the wasm and in the glue, the others keep theirs, and the module stays valid. The built
// package exercises it end to end (every e2e test loads it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { shortenImports } from "../../scripts/short-imports.mjs";

const wasmAs = fileURLToPath(new URL("../../node_modules/.bin/wasm-as", import.meta.url));

const WAT = `(module
  (import "./glue_bg.js" "__wbg_origin_fba7d3755dd37895" (func $origin (param i32) (result i32)))
  (import "./snippets/x/boundary.js" "field" (func $field (param i32 i32) (result i32)))
  (import "./glue_bg.js" "__wbg_table_0123456789abcdef" (table 2 10 funcref))
  (import "./glue_bg.js" "__wbg_memory_0123456789abcdef" (memory 1 2))
  (import "./glue_bg.js" "__wbg_global_0123456789abcdef" (global i32))
  (import "./glue_bg.js" "__wbindgen_init_externref_table" (func $init))
  (func (export "run") (param i32) (result i32)
    (call $field (call $origin (local.get 0)) (global.get 0))))`;

const GLUE = `const imports = { "./glue_bg.js": {
  __wbg_origin_fba7d3755dd37895: function(a) { return a + 1; },
  __wbg_table_0123456789abcdef: new WebAssembly.Table({ initial: 2, maximum: 10, element: "anyfunc" }),
  __wbg_memory_0123456789abcdef: new WebAssembly.Memory({ initial: 1, maximum: 2 }),
  __wbg_global_0123456789abcdef: 7,
  __wbindgen_init_externref_table: function() {},
}, "./snippets/x/boundary.js": { field: (a, b) => a * 100 + b } };
return imports;`;

test("short import names: only the glue module's, in the wasm and the glue alike", () => {
  const dir = mkdtempSync(join(tmpdir(), "short-imports-"));
  try {
    writeFileSync(join(dir, "m.wat"), WAT);
    execFileSync(wasmAs, ["--enable-reference-types", join(dir, "m.wat"), "-o", join(dir, "m.wasm")]);
    const wasm = readFileSync(join(dir, "m.wasm"));
    const { wasm: short, js, renamed } = shortenImports(wasm, GLUE, "./glue_bg.js");
    assert.equal(renamed.size, 5);
    assert.ok(WebAssembly.validate(short));
    // wasm-as orders imports its own way: compare each with the original it came from.
    const before = WebAssembly.Module.imports(new WebAssembly.Module(wasm));
    const after = WebAssembly.Module.imports(new WebAssembly.Module(short));
    assert.deepEqual(
      after.map((i) => [i.module, i.name, i.kind]),
      before.map((i) => [i.module, i.module === "./glue_bg.js" ? renamed.get(i.name) : i.name, i.kind]),
    );
    assert.deepEqual([...renamed.values()].sort(), ["a", "b", "c", "d", "e"]);
    assert.ok(after.some((i) => i.name === "field"), "the snippet's import keeps its name");
    assert.ok(short.length < wasm.length);
    // The rewritten glue still provides every import: the module instantiates and runs.
    const instance = new WebAssembly.Instance(new WebAssembly.Module(short), new Function(js)());
    assert.equal(instance.exports.run(4), 507);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("short import names: a glue that names an import twice is refused, not half-renamed", () => {
  const dir = mkdtempSync(join(tmpdir(), "short-imports-"));
  try {
    writeFileSync(join(dir, "m.wat"), WAT);
    execFileSync(wasmAs, ["--enable-reference-types", join(dir, "m.wat"), "-o", join(dir, "m.wasm")]);
    const twice = GLUE + "\n// __wbg_origin_fba7d3755dd37895";
    assert.throws(() => shortenImports(readFileSync(join(dir, "m.wasm")), twice, "./glue_bg.js"), /appears 2 times/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
