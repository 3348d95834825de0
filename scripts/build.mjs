// npm run build: the npm module's crate (npm/) as release wasm → wasm-opt -Oz → the bytes inlined
// in a JS module (see `inline`) → src/js/index.js bundled with esbuild into dist/index.js (ESM) and dist/index.cjs (CommonJS), each one
// self-contained file → the subpath entries testing and react (each as .js and .cjs) → the types beside them → the server entry
// webhooks (.js, .cjs, its readers and types generated from the webhook tables). Prints the shipped size.
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { shippedSize } from "./size.mjs";
import { webhookTypes } from "./webhook-types.mjs";
import { exampleKey, exampleTypes, reactTypes, vendorTypes } from "./vendor-types.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: "inherit" });
// Built beside dist/ and renamed over it at the end, so a reader never finds it half-written.
// `--test-vendor`: the test build, with the test-only vendor of tests/support/queue.rs after the
// crate's own (the npm crate's test-vendor feature), into target/test-package/dist; dist/ is left as it is.
const testVendor = process.argv.includes("--test-vendor");
const cargoFeatures = testVendor ? ["--features", "test-vendor"] : [];
const dist = testVendor ? join(root, "target/test-package/dist") : join(root, "dist");
const out = `${dist}.building-${process.pid}`;
const stage = join(root, testVendor ? "target/npm-stage-test" : "target/npm-stage");

run("cargo", ["build", "--release", "-p", "embed-events-npm", "--lib", "--target", "wasm32-unknown-unknown", ...cargoFeatures]);
rmSync(stage, { recursive: true, force: true });
mkdirSync(stage, { recursive: true });
const built = join(root, "target/wasm32-unknown-unknown/release/embed_events_npm.wasm");
const wasm = join(stage, "embed_events.wasm");
const before = statSync(built).size;
// The features rustc's wasm32 target emits, and no others: `--all-features` would let wasm-opt
// introduce proposals no browser ships (it rewrote strings to stringref).
const features = ["bulk-memory", "nontrapping-float-to-int", "sign-ext", "mutable-globals", "reference-types", "multivalue"];
// The memory is the module's own (zero-filled) and its first 1 KB unused (Rust places the stack
// first): telling wasm-opt so, then -Oz, whole-program type flow and -Oz again until nothing
// changes saves 66 shipped gzip bytes over one -Oz.
run(join(root, "node_modules/.bin/wasm-opt"), [
  "--low-memory-unused", "--zero-filled-memory", "-Oz", "--gufa", "--converge", "-Oz",
  ...features.map((f) => `--enable-${f}`), "--strip-debug", "--strip-producers", "--strip-target-features", built, "-o", wasm,
]);
const bytes = readFileSync(wasm);
writeFileSync(join(stage, "wasm-bytes.js"), inline(bytes));
// The server entry's own module (npm/hmac: HMAC-SHA256 for the Signere webhooks), optimised for
// speed, not size: the server entry has no size budget, and the browser entry never loads it.
run("cargo", ["build", "--release", "-p", "embed-events-hmac", "--target", "wasm32-unknown-unknown"]);
const hmacWasm = join(stage, "hmac.wasm");
run(join(root, "node_modules/.bin/wasm-opt"), [
  "-O3", ...features.map((f) => `--enable-${f}`), "--strip-debug", "--strip-producers", "--strip-target-features",
  join(root, "target/wasm32-unknown-unknown/release/embed_events_hmac.wasm"), "-o", hmacWasm,
]);
const hmacBytes = readFileSync(hmacWasm);
writeFileSync(join(stage, "hmac-bytes.js"), inline(hmacBytes));
// The vendors' tables, as the wasm module numbers them (printed by npm/src/bin/tables.rs).
const core = JSON.parse(execFileSync("cargo", ["run", "--quiet", "--release", "-p", "embed-events-npm", "--bin", "tables", ...cargoFeatures], { cwd: root }));
// The webhook tables (of the vendors that declare webhooks, in list order) go to the server entry's
// own file, so the browser entry does not grow; their doc text (`Webhook::DOCS`) to its types only.
const webhookTables = core.webhooks;
delete core.webhooks;
const webhookDocs = core.webhookDocs;
delete core.webhookDocs;
// Each vendor's doc text and example messages (`Vendor::DOCS`), for the types and for
// embed-events/testing only: none of it goes into tables.js, so the browser entry does not grow.
const docs = core.docs;
delete core.docs;
// The wasm input area's size (npm/src/lib.rs), written as its own constant for src/js/wasm.js.
const inputLen = core.inputLen;
delete core.inputLen;
// Without false flags, and without `from` where it is only the key (src/js/webhook-reader.js reads both so).
const compact = (key, value) => {
  if (value === false) return undefined;
  if (value?.from?.length === 1 && value.from[0] === value.key) delete value.from;
  return value;
};
writeFileSync(
  join(stage, "webhook-tables.js"),
  `// The vendors' webhook tables (npm run build).\nexport default ${JSON.stringify(JSON.parse(JSON.stringify(webhookTables), compact))};\n`,
);
// Each vendor's webhook reader (`readIgnitionWebhook`, …), one line each over the tables' reader,
// as the server entry exports them.
writeFileSync(join(stage, "webhook-readers.js"), webhookReaders(webhookTables));
// The tables with the declarations' doc text, for the types: each event, envelope field, field and
// nested record's field with its `doc`.
const withDocs = (fields, docs) => fields.map((f, i) => ({ ...f, doc: docs[i].doc, ...(f.fields && { fields: withDocs(f.fields, docs[i].fields) }) }));
const documentedWebhooks = webhookTables.map((t, i) => ({
  ...t,
  envelope: withDocs(t.envelope, webhookDocs[i].envelope),
  events: t.events.map((e, j) => ({ ...e, doc: webhookDocs[i].events[j].doc, fields: withDocs(e.fields, webhookDocs[i].events[j].fields) })),
}));
// Without what the JavaScript never reads (the wasm decodes; default origins come in `origins`),
// without false flags, without `callback` where it is the name's ("document_read" → "onDocumentRead",
// as src/js/index.js reads it back), and each event's fields as their keys, the secret ones also in
// `secrets`.
const vendors = structuredClone(core.vendors);
// The full tables, for the types and the example messages: each event with its doc text and its
// example message (parsed), each field with its doc text, each environment with its origin.
vendors.forEach((t, i) => {
  t.environmentOrigins = core.origins[i][0].map(([origin]) => origin);
  t.events.forEach((e, j) => {
    const d = docs[i].events[j];
    e.doc = d.doc;
    e.example = JSON.parse(d.example);
    e.fields.forEach((f, k) => (f.doc = d.fields[k]));
  });
});
for (const t of core.vendors) {
  delete t.defaultOrigin;
  for (const e of t.events) {
    delete e.aliases;
    if (!e.terminal) delete e.terminal;
    if (e.callback === `on${e.name.replace(/(?:^|_)(.)/g, (_, c) => c.toUpperCase())}`) delete e.callback;
    const secrets = e.fields.filter((f) => f.secret).map((f) => f.key);
    if (secrets.length) e.secrets = secrets;
    e.fields = e.fields.map((f) => f.key);
  }
}
// The numbers first: the tables are the file's last statement (tests/integrations/support.mjs reads them).
writeFileSync(join(stage, "tables.js"), `// The vendors' tables (npm run build).\n${vendorNumbers(vendors)}export const INPUT_LEN = ${inputLen};\nexport default ${JSON.stringify(core)};\n`);
// Each vendor's watcher and React hook, one line each, from the same list.
writeFileSync(join(stage, "vendors.js"), vendorWatchers(vendors));
writeFileSync(join(stage, "react-hooks.js"), vendorHooks(vendors));
cpSync(join(root, "src/js"), stage, { recursive: true });
// embed-events/testing's `exampleMessages` (src/js/testing.js freezes it): per vendor (`ignition`),
// each event's example message by its name, as its declaration gives it.
const examples = Object.fromEntries(
  vendors.map((t) => [exampleKey(t), Object.fromEntries(t.events.map((e) => [e.name, e.example]))]),
);
writeFileSync(join(stage, "examples.js"), `// Each vendor's example messages (npm run build, from the \`example\` of each event in its declaration).\nexport default ${JSON.stringify(examples)};\n`);

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const common = { entryPoints: [join(stage, "index.js")], bundle: true, target: "es2022", logLevel: "warning", legalComments: "none" };
await build({ ...common, format: "esm", outfile: join(out, "index.js") });
await build({ ...common, format: "cjs", outfile: join(out, "index.cjs") });
// The types: src/js/index.d.ts (the shared types) with every vendor's, generated from the tables
// and the declarations' doc text (scripts/vendor-types.mjs), in place of its lines that name
// ./vendor-types.js; react.d.ts likewise with the hooks (./react-vendor-types.js) and testing.d.ts
// with the example messages' types (./example-types.js). One file per entry and format, as the
// exports name them.
const generatedTypes = {
  index: vendorTypes(vendors),
  react: reactTypes(vendors),
  testing: exampleTypes(vendors),
};
const withVendors = (name, text) => {
  const lines = /^.*"\.\/(?:react-vendor|vendor|example)-types\.js";\n/gm;
  const at = text.search(lines);
  if (at < 0) throw new Error(`src/js/${name}.d.ts has no line naming ./vendor-types.js (or react-vendor-, example-) to put the vendors' types in place of`);
  return text.slice(0, at) + generatedTypes[name] + text.slice(at).replace(lines, "");
};
const indexTypes = withVendors("index", readFileSync(join(root, "src/js/index.d.ts"), "utf8"));
writeFileSync(join(out, "index.d.ts"), indexTypes);
writeFileSync(join(out, "index.d.cts"), indexTypes);
// The subpath entries: `embed-events/testing` (plain data and one DOM call, no wasm) and
// `embed-events/react`, which imports the main entry of its own format and `react`, both left
// external, so an app holds one copy of the watcher and of the wasm.
const mainEntry = (file) => ({
  name: "main-entry",
  setup(b) {
    b.onResolve({ filter: /^\.\/index\.js$/ }, () => ({ path: `./${file}`, external: true }));
  },
});
for (const name of ["testing", "react"]) {
  for (const [format, ext, main] of [["esm", "js", "index.js"], ["cjs", "cjs", "index.cjs"]]) {
    await build({
      ...common, entryPoints: [join(stage, `${name}.js`)], format, outfile: join(out, `${name}.${ext}`),
      external: ["react"], plugins: [mainEntry(main)],
    });
  }
  let types = readFileSync(join(root, `src/js/${name}.d.ts`), "utf8");
  types = withVendors(name, types);
  writeFileSync(join(out, `${name}.d.ts`), types);
  writeFileSync(join(out, `${name}.d.cts`), types.replaceAll(`from "./index.js"`, `from "./index.cjs"`));
}
// `embed-events/webhooks`, the server entry: self-contained (its own HMAC module inlined, not the
// browser entry's), its readers (webhook-readers.js) and its types generated from the same tables
// and the declarations' doc text (scripts/webhook-types.mjs).
for (const [format, ext] of [["esm", "js"], ["cjs", "cjs"]]) {
  await build({ ...common, entryPoints: [join(stage, "webhooks.js")], format, outfile: join(out, `webhooks.${ext}`) });
}
writeFileSync(join(out, "webhooks.d.ts"), webhookTypes(documentedWebhooks));
writeFileSync(join(out, "webhooks.d.cts"), webhookTypes(documentedWebhooks));
rmSync(dist, { recursive: true, force: true });
renameSync(out, dist);

/**
 * Each vendor's number, by its name in capitals (`IGNITION`): what the JavaScript imports to name a
 * vendor, so a vendor that is not in the list is an esbuild error ("No matching export"), never
 * another vendor's number at run time.
 */
function vendorNumbers(vendors) {
  return vendors.map((t, i) => `export const ${t.name.toUpperCase()} = ${i};\n`).join("");
}

/** The vendors' watchers (`watchIgnition`, …): the generic Watcher over each vendor's table. */
function vendorWatchers(vendors) {
  return `// Each vendor's watcher (npm run build, from the list of vendors): the Watcher over its table.
import { Watcher } from "./index.js";
import { token } from "./token.js";

${vendors.map((t, i) => `export const ${t.watchFn} = (options) => new Watcher(token, ${i}, options);\n`).join("")}`;
}

/** The vendors' React hooks (`useIgnition`, …): useWatcher over each vendor's watcher. */
function vendorHooks(vendors) {
  return `// Each vendor's React hook (npm run build, from the list of vendors): useWatcher over its watcher.
import { ${vendors.map((t) => t.watchFn).join(", ")} } from "./index.js";
import { useWatcher } from "./react-watcher.js";

${vendors.map((t) => `export const use${t.name} = (options) => useWatcher(${t.watchFn}, options);\n`).join("")}`;
}

/** The vendors' webhook readers (`readIgnitionWebhook`, …): the tables' reader over each vendor's table. */
function webhookReaders(tables) {
  return `// Each vendor's webhook reader (npm run build, from the list of vendors that declare webhooks): the reader over its table.
import { reader } from "./webhook-reader.js";

${tables.map((t, i) => `export const ${t.readFn} = reader(${i});\n`).join("")}`;
}

/**
 * The JS module that carries the wasm bytes, for src/js/bytes.js to decode: each of the 91 most
 * frequent bytes as one printable character (`#` to `~` without `\\`), every other byte as an
 * escape (space, then `!`, for the next two groups of 91) and one such character.
 */
function inline(bytes) {
  const counts = new Array(256).fill(0);
  for (const b of bytes) counts[b]++;
  const order = [...counts.keys()].sort((a, b) => counts[b] - counts[a] || a - b);
  const rank = new Array(256);
  order.forEach((b, r) => (rank[b] = r));
  const char = (r) => String.fromCharCode(35 + r + (r >= 57 ? 1 : 0));
  let text = "";
  for (const b of bytes) {
    const r = rank[b];
    text += r < 91 ? char(r) : (r < 182 ? " " : "!") + char(r % 91);
  }
  return `// The wasm module's bytes (npm run build; decoded by bytes.js).\n` +
    `export const length = ${bytes.length};\nexport const order = "${Buffer.from(order).toString("base64")}";\n` +
    `export const text = "${text}";\n`;
}

if (testVendor) {
  console.log(`[build] test package (with ${[...vendors.map((t) => t.watchFn), ...webhookTables.map((t) => t.readFn)].join(", ")}): ${dist}`);
  process.exit(0);
}
const size = await shippedSize();
const server = await shippedSize("webhooks.js");
console.log(
  `[build] wasm: ${before} bytes from rustc, ${bytes.length} after wasm-opt -Oz (inlined, see src/js/bytes.js)\n` +
    `[build] shipped: dist/index.js bundled and minified ${size.jsBytes} bytes, ${size.shippedGzip} gzip -9\n` +
    `[build] server entry: dist/webhooks.js bundled and minified ${server.jsBytes} bytes, ${server.shippedGzip} gzip -9 ` +
    `(its HMAC module ${hmacBytes.length} bytes after wasm-opt -O3)`,
);
