// Consumer check: the package as npm publishes it, installed into a fresh Vite app.
//
// npm pack (into a temp dir) → copy tests/consumer to a temp dir → npm install the tarball there
// (no dependencies, so offline) → vite build with the app as root (embed-events must resolve from the
// app's node_modules) → serve the build on 127.0.0.1 and the fake Signere page on localhost (scripts/serve.mjs)
// → Chromium: a message posted by the cross-origin frame reaches the app's watcher as a typed event.
//
// Run after `node scripts/build.mjs`: node --test --test-concurrency=1 tests/e2e/
// KEEP_TMP=1 keeps the temporary directory (tarball, app, build) for a look after a failure.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { promisify } from "node:util";

import { FRAMES_DIR, ROOT, listen, staticHandler } from "../../scripts/serve.mjs";
import { collectProblems, launchBrowser } from "./support.mjs";

const run = promisify(execFile);
const T = { timeout: 60_000 };

/**
 * What the tarball must hold, and nothing else. Besides these, a LICENSE file may ship, and so may
 * wasm-bindgen's JS snippets (dist/snippets/<crate>-<hash>/…, from `#[wasm_bindgen(module = …)]`), but
 * only those that dist/embed_events.js imports.
 */
const EXPECTED_FILES = [
  "README.md",
  "dist/embed_events.js",
  "dist/embed_events_bg.wasm",
  "dist/index.d.ts",
  "dist/index.js",
  "dist/options.js",
  "package.json",
];

// npm without the network: no update check, no audit, no funding message, never the registry.
const NPM_ENV = {
  ...process.env,
  npm_config_update_notifier: "false",
  npm_config_audit: "false",
  npm_config_fund: "false",
  npm_config_offline: "true",
  npm_config_loglevel: "error",
};

let tmp;
let packed;
let tarball;
let app;
let installed;
let resolvedIds = [];
let servers = [];
let browser;

before(async () => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), "embed-events-consumer-")));
  const packDir = join(tmp, "pack");
  mkdirSync(packDir);
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", packDir], {
    cwd: ROOT,
    env: NPM_ENV,
    maxBuffer: 16 << 20,
  });
  [packed] = JSON.parse(stdout);
  tarball = join(packDir, packed.filename);

  app = join(tmp, "app");
  cpSync(join(ROOT, "tests", "consumer"), app, { recursive: true });
  await run("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--offline", tarball], {
    cwd: app,
    env: NPM_ENV,
  });
  installed = join(app, "node_modules", "embed-events");

  // The repository's Vite, with the temp app as root and no config file: "embed-events" can only
  // come from the app's node_modules. A tiny plugin records where it resolved.
  const { build } = await import("vite");
  await build({
    root: app,
    configFile: false,
    envDir: false,
    logLevel: "warn",
    base: "./",
    build: { outDir: join(tmp, "app-dist"), emptyOutDir: true, reportCompressedSize: false },
    plugins: [
      {
        name: "record-embed-events-resolution",
        enforce: "pre",
        async resolveId(source, importer, options) {
          if (source !== "embed-events") return null;
          const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
          resolvedIds.push(resolved?.id);
          return resolved;
        },
      },
    ],
  });

  servers.push(await listen(staticHandler(FRAMES_DIR, { cors: true }), { address: "127.0.0.1", name: "localhost" }));
  servers.push(await listen(staticHandler(join(tmp, "app-dist")), { address: "127.0.0.1" }));
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((server) => server.close()));
  if (tmp && !process.env.KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
});

test("npm pack ships exactly the dist files, package.json and README.md", T, () => {
  const paths = packed.files.map((f) => f.path);
  const snippets = paths.filter((path) => path.startsWith("dist/snippets/"));
  const glue = readFileSync(join(installed, "dist", "embed_events.js"), "utf8");
  for (const snippet of snippets) {
    assert.match(snippet, /\.js$/, `${snippet}: only JavaScript snippets`);
    assert.ok(glue.includes(`'./${snippet.slice("dist/".length)}'`) || glue.includes(`"./${snippet.slice("dist/".length)}"`),
      `${snippet} is imported by dist/embed_events.js`);
  }
  const files = paths.filter((path) => !/^LICEN[CS]E/i.test(path) && !snippets.includes(path)).sort();
  assert.deepEqual(files, EXPECTED_FILES);
  assert.equal(packed.name, "embed-events");
  const wasm = packed.files.find((f) => f.path === "dist/embed_events_bg.wasm");
  assert.ok(wasm.size > 1000, "the wasm is really there");
});

test("the packed package.json declares exports, types and sideEffects, pointing at shipped files", T, () => {
  const pkg = JSON.parse(readFileSync(join(installed, "package.json"), "utf8"));
  assert.equal(pkg.name, "embed-events");
  assert.equal(pkg.type, "module");
  assert.equal(pkg.sideEffects, false);
  assert.equal(pkg.types, "./dist/index.d.ts");
  assert.deepEqual(pkg.exports["."], { types: "./dist/index.d.ts", import: "./dist/index.js" });
  for (const path of [pkg.types, pkg.exports["."].import, pkg.exports["."].types]) {
    assert.ok(existsSync(join(installed, path)), `${path} is in the tarball`);
  }
  assert.equal(Object.keys(pkg.dependencies ?? {}).length, 0, "no runtime dependencies");
});

test("Vite resolves embed-events from the app's node_modules, not from the repository", T, () => {
  assert.ok(resolvedIds.length > 0, "main.js imports embed-events");
  for (const id of resolvedIds) {
    assert.ok(id?.startsWith(installed + sep), `resolved to ${id}`);
    assert.ok(!id.startsWith(ROOT + sep), `resolved to ${id}`);
  }
  assert.equal(resolvedIds[0], join(installed, "dist", "index.js"));
});

test("the built app receives a typed event from a vendor frame on another origin", T, async () => {
  const [vendor, host] = servers;
  const page = await browser.newPage();
  const problems = collectProblems(page);
  try {
    await page.goto(`${host.url}/?vendor=${encodeURIComponent(vendor.url)}`);
    await page.waitForSelector("body[data-ready]");
    const frame = page.frameLocator("#vendor");
    await frame.locator("body[data-ready]").waitFor();

    // The init() guard, as the installed package enforces it.
    const beforeInit = await page.evaluate(() => window.__beforeInit);
    assert.match(beforeInit, /^Error: .*init\(\)/);
    // ignitionUrl() from the installed package.
    const hostOrigin = new URL(host.url).origin;
    assert.equal(
      await page.evaluate(() => window.__ignitionUrl),
      `https://ignition.axle.insure/?token=ign_7Qx2dLrP0sVmHc4T&origin=${encodeURIComponent(hostOrigin)}`,
    );

    await frame.locator('[data-msg="eid_selected"]').click();
    await frame.locator('[data-encoding="object"]').click();
    await frame.locator('[data-msg="sign_success"]').click();
    await page.waitForFunction(() => window.__events.length >= 4);
    const events = await page.evaluate(() => window.__events);
    assert.deepEqual(events, [
      ["onEidSelected", { type: "eid_selected", eid: "no_bankid" }],
      ["onEvent", { type: "eid_selected", eid: "no_bankid" }],
      ["onSignSuccess", { type: "sign_success", documentId: "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41" }],
      ["onEvent", { type: "sign_success", documentId: "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41" }],
    ]);
    assert.deepEqual(await page.evaluate(() => window.__ignored), []);
    assert.equal(await page.evaluate(() => window.__watcher.active), true);
    assert.deepEqual(problems, []);
  } finally {
    await page.close();
  }
});
