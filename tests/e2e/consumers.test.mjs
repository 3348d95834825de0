// The consumer matrix: the package as npm publishes it, installed untouched into the apps and test
// set-ups front-end developers use (tests/consumers/<fixture>/, one test each; see its README.md).
//
// Before all: `npm pack` once. Each fixture: its own dependencies from its package-lock.json (`npm ci`,
// once per machine), then the tarball (`npm install --no-save`, lock untouched), then its own npm
// script (build / test / typecheck). Browser apps are served on 127.0.0.1 and embed the fake vendor
// pages (www/frames) from http://localhost:PORT, another origin; Chromium clicks a message in the
// vendor frame and the app must show the typed event.
//
// Run: node --test --test-concurrency=1 tests/e2e/consumers.test.mjs
// One fixture: add --test-name-pattern="webpack 5" (the pack and the servers still run).
// EMBED_EVENTS_TARBALL=/path/embed-events-0.1.0.tgz tests that tarball instead of packing the repository.
// CONSUMERS_VERBOSE=1 prints every fixture's commands and output (a failure always prints its own).
// KEEP_TMP=1 keeps the temporary directory (the packed tarball).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { FRAMES_DIR, listen, staticHandler } from "../../scripts/serve.mjs";
import { LISTENER_COUNTER, collectProblems, launchBrowser } from "./support.mjs";
import {
  CONSUMERS_DIR,
  Log,
  installDependencies,
  installTarball,
  packedTarball,
  run,
} from "../consumers/support.mjs";

const T = { timeout: 300_000 };
const WAIT = { timeout: 15_000 };
const DOCUMENT_ID = "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41";
const SIGN_SUCCESS = { type: "sign_success", documentId: DOCUMENT_ID };
const EID_SELECTED = { type: "eid_selected", eid: "no_bankid" };
const IGNITION_TOKEN_URL = "https://ignition.axle.insure/?token=t";
const APP_ORIGIN = "https://app.example.com";
const IGNITION_URL_FOR_APP = `${IGNITION_TOKEN_URL}&origin=${encodeURIComponent(APP_ORIGIN)}`;

/** What the tarball must hold, and nothing else; `OPTIONAL_FILES` may ship too (entries still to come). */
const EXPECTED_FILES = [
  "LICENSE-APACHE",
  "LICENSE-MIT",
  "README.md",
  "dist/index.cjs",
  "dist/index.d.cts",
  "dist/index.d.ts",
  "dist/index.js",
  "package.json",
];
const OPTIONAL_FILES = /^dist\/(testing|react|webhooks)\.(js|cjs|d\.ts|d\.cts)$/;

let tmp;
let tarball;
let tarballFiles;
let vendor;
let browser;

before(async () => {
  tmp = realpathSync(mkdtempSync(join(tmpdir(), "embed-events-consumers-")));
  tarball = await packedTarball(tmp, "index.js");
  const { stdout } = await run("tar", ["-tzf", tarball], { cwd: tmp });
  tarballFiles = stdout.split("\n").filter(Boolean).map((path) => path.replace(/^package\//, "")).sort();
  vendor = await listen(staticHandler(FRAMES_DIR, { cors: true }), { address: "127.0.0.1", name: "localhost" });
});

after(async () => {
  await browser?.close();
  await vendor?.close();
  if (tmp && !process.env.KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
});

/** Chromium, launched by the first browser fixture (a run of the Node-only fixtures needs none). */
async function chromium() {
  browser ??= await launchBrowser();
  return browser;
}

// ───────────── fixtures ─────────────

const prepared = new Map();

/**
 * Install `name`'s dependencies and the tarball, then run its npm `script` (if any), once per run:
 * fixtures with two tests (esbuild, node) share it. Resolves to `{ dir, installed, output }`.
 */
function prepare(name, script, log) {
  if (!prepared.has(name)) {
    const dir = join(CONSUMERS_DIR, name);
    const own = new Log();
    const job = (async () => {
      await installDependencies(dir, own);
      const installed = await installTarball(dir, tarball, own);
      // A build starts from nothing, so an old build can never pass for a new one.
      if (script === "build") rmSync(join(dir, "dist"), { recursive: true, force: true });
      const output = script ? (await run("npm", ["run", script], { cwd: dir, log: own })).output : "";
      return { dir, installed, output };
    })();
    prepared.set(name, { job, log: own });
  }
  const { job, log: own } = prepared.get(name);
  return job.finally(() => log.add(own.toString()));
}

/**
 * A test for one fixture. When it fails, the error carries everything the fixture ran, with output,
 * and what the page reported.
 */
function fixture(title, body) {
  test(title, T, async (t) => {
    const log = new Log();
    try {
      await body(log);
      if (process.env.CONSUMERS_VERBOSE) for (const line of log.toString().split("\n")) t.diagnostic(line);
    } catch (error) {
      const detail = `\n\n──── commands and output ────\n${log}\n────`;
      if (error instanceof Error) {
        error.message += detail;
        throw error;
      }
      throw new Error(String(error) + detail);
    }
  });
}

/** Lines a bundler prints as warnings or errors (Rollup and Vite mark theirs "(!)"); a clean build prints none. */
function warnings(output) {
  return output.split("\n").filter((line) => /\b(warn(ing)?|error)\b|^\s*\(!\)/i.test(line));
}

/** Serve `dir` on 127.0.0.1 for the length of `use(url)`. */
async function serving(dir, use) {
  const server = await listen(staticHandler(dir), { address: "127.0.0.1" });
  try {
    return await use(server.url);
  } finally {
    await server.close();
  }
}

/** The fake Signere page, posting to `appOrigin`. */
const signingUrl = (appOrigin) => `${vendor.url}/signere.html?parent=${encodeURIComponent(appOrigin)}`;

/**
 * Open `url` with the signing frame's URL in `?signing=`, run `steps(page, frame)`, and return the
 * events the app shows in `#log` (one JSON value per line or `<li>`), asserting the page reported
 * no error.
 */
async function inApp(url, log, steps, { initScript, query = {} } = {}) {
  const page = await (await chromium()).newPage();
  const problems = collectProblems(page);
  try {
    if (initScript) await page.addInitScript(initScript);
    const params = new URLSearchParams({ signing: signingUrl(new URL(url).origin), ...query });
    await page.goto(`${url}?${params}`);
    const frame = page.frameLocator("#signing");
    await frame.locator("body[data-ready]").waitFor(WAIT);
    await steps(page, frame);
    assert.deepEqual(problems, [], "the page and its frames report no error");
  } catch (error) {
    log.add(`page ${url}: ${problems.length ? problems.join("\n") : "no error reported"}`);
    throw error;
  } finally {
    await page.close();
  }
}

/** The events the app shows: `#log` holds one JSON value per line (or per `<li>`). */
async function shown(page, count) {
  await page.waitForFunction((n) => {
    const log = document.querySelector("#log");
    return log && log.innerText.split("\n").filter((line) => line.trim()).length >= n;
  }, count, WAIT);
  const text = await page.locator("#log").innerText();
  return text.split("\n").filter((line) => line.trim()).map((line) => JSON.parse(line));
}

/** The common browser check: a sign_success clicked in the vendor frame shows up, typed, once. */
async function signsOnce(url, log) {
  await inApp(url, log, async (page, frame) => {
    await frame.locator('[data-msg="sign_success"]').click();
    assert.deepEqual(await shown(page, 1), [SIGN_SUCCESS]);
  });
}

// ───────────── the package itself ─────────────

test("npm pack ships exactly the dist files, package.json, README.md and the licences", () => {
  const files = tarballFiles.filter((path) => !OPTIONAL_FILES.test(path));
  assert.deepEqual(files, EXPECTED_FILES);
});

test("the packed package.json: exports with import and require conditions, types, no dependencies", async () => {
  const dir = join(tmp, "unpacked");
  mkdirSync(dir, { recursive: true });
  await run("tar", ["-xzf", tarball, "-C", dir], { cwd: tmp });
  const pkgDir = join(dir, "package");
  const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
  assert.equal(pkg.name, "embed-events");
  assert.equal(pkg.type, "module");
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(pkg.exports["."], {
    import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
    require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
  });
  const targets = [pkg.exports["."].import.types, pkg.exports["."].import.default, pkg.exports["."].require.types, pkg.exports["."].require.default];
  for (const field of ["types", "module", "main"]) if (pkg[field]) targets.push(pkg[field]);
  for (const path of targets) assert.ok(existsSync(join(pkgDir, path)), `${path} is in the tarball`);
  assert.equal(Object.keys(pkg.dependencies ?? {}).length, 0, "no runtime dependencies");
  assert.equal(Object.keys(pkg.peerDependencies ?? {}).filter((name) => !pkg.peerDependenciesMeta?.[name]?.optional).length, 0,
    "no required peer dependencies");
});

test("fixtures resolve embed-events from their own node_modules, never from the repository", () => {
  // Module resolution walks up from a fixture: nothing named embed-events may sit on that way, and
  // each fixture's nearest package.json (the self-reference scope) is its own.
  for (let dir = CONSUMERS_DIR; dir !== dirname(dir); dir = dirname(dir)) {
    assert.ok(!existsSync(join(dir, "node_modules", "embed-events")), `${dir}/node_modules/embed-events must not exist`);
  }
  const fixtures = readdirSync(CONSUMERS_DIR).filter((name) => existsSync(join(CONSUMERS_DIR, name, "package.json")));
  assert.ok(fixtures.length >= 11, `fixtures: ${fixtures}`);
  for (const name of fixtures) {
    const pkg = JSON.parse(readFileSync(join(CONSUMERS_DIR, name, "package.json"), "utf8"));
    assert.notEqual(pkg.name, "embed-events");
    const lock = JSON.parse(readFileSync(join(CONSUMERS_DIR, name, "package-lock.json"), "utf8"));
    assert.ok(!lock.packages["node_modules/embed-events"], `${name}/package-lock.json does not hold embed-events`);
  }
});

// ───────────── bundlers and pages in Chromium ─────────────

fixture("Vite 8 build", async (log) => {
  const { dir, output } = await prepare("vite", "build", log);
  assert.deepEqual(warnings(output), []);
  await serving(join(dir, "dist"), async (url) => {
    const origin = new URL(url).origin;
    const query = { ignition: `${vendor.url}/ignition.html?token=t` };
    await inApp(`${url}/`, log, async (page, frame) => {
      // ignitionUrl() with the page's own origin as the default parentOrigin.
      assert.equal(
        await page.locator("#ignition").getAttribute("src"),
        `${vendor.url}/ignition.html?token=t&origin=${encodeURIComponent(origin)}`,
      );
      await frame.locator('[data-msg="sign_success"]').click();
      assert.deepEqual(await shown(page, 1), [SIGN_SUCCESS]);
      const ignition = page.frameLocator("#ignition");
      await ignition.locator("body[data-ready]").waitFor(WAIT);
      await ignition.locator('[data-msg="complete"]').click();
      assert.deepEqual(await shown(page, 2), [
        SIGN_SUCCESS,
        { status: "complete", authCode: "cod_LwPJhgxnjinMEPfGYc-XV", client: "cli_Rk7pW2xQd9FvM3tZ", result: "link" },
      ]);
    }, { query });
  });
});

fixture("webpack 5", async (log) => {
  const { dir, output } = await prepare("webpack", "build", log);
  assert.deepEqual(warnings(output), []);
  await serving(dir, (url) => signsOnce(`${url}/`, log));
});

fixture("Rollup 4 with only @rollup/plugin-node-resolve", async (log) => {
  const { dir, output } = await prepare("rollup", "build", log);
  assert.deepEqual(warnings(output), []);
  await serving(dir, (url) => signsOnce(`${url}/`, log));
});

fixture("esbuild --format=esm", async (log) => {
  const { dir, output } = await prepare("esbuild", "build", log);
  assert.deepEqual(warnings(output), []);
  await serving(dir, (url) => signsOnce(`${url}/esm.html`, log));
});

fixture("esbuild iife (--bundle, default format)", async (log) => {
  const { dir, output } = await prepare("esbuild", "build", log);
  assert.deepEqual(warnings(output), []);
  await serving(dir, (url) => signsOnce(`${url}/iife.html`, log));
});

fixture("plain <script type=module>: by path, and through an import map", async (log) => {
  const { dir } = await prepare("plain", null, log);
  await serving(dir, async (url) => {
    await signsOnce(`${url}/index.html`, log);
    await signsOnce(`${url}/importmap.html`, log);
  });
});

fixture("React 19 StrictMode (esbuild, development build)", async (log) => {
  const { dir, output } = await prepare("react", "build", log);
  assert.deepEqual(warnings(output), []);
  await serving(dir, (url) =>
    inApp(`${url}/`, log, async (page, frame) => {
      // `{ live, added, removed }`: the window's `message` listeners now, added in all, and removed.
      const listeners = () =>
        page.evaluate(() => {
          const live = window.__listeners.count(window, "message");
          const added = window.__listeners.added(window, "message");
          return { live, added, removed: added - live };
        });
      // StrictMode mounts, unmounts and mounts again: two watchers started, one stopped, one live.
      await page.waitForFunction(() => window.__listeners.added(window, "message") >= 2, null, WAIT);
      assert.deepEqual(await listeners(), { live: 1, added: 2, removed: 1 }, "exactly one watcher after StrictMode's double mount");
      await frame.locator('[data-msg="eid_selected"]').click();
      await frame.locator('[data-msg="sign_success"]').click();
      assert.deepEqual(await shown(page, 2), [EID_SELECTED, SIGN_SUCCESS], "each message delivered once");
      await page.locator("#close").click();
      await page.waitForFunction(() => !document.querySelector("#signing"), null, WAIT);
      assert.deepEqual(await listeners(), { live: 0, added: 2, removed: 2 }, "nothing left after unmount");
    }, { initScript: LISTENER_COUNTER }),
  );
});

// ───────────── test runners with jsdom ─────────────

fixture("Vitest with jsdom", async (log) => {
  const { dir } = await prepare("vitest", null, log);
  const { output } = await run("npm", ["test"], { cwd: dir, log });
  assert.match(output, /Tests\s+1 passed \(1\)/);
});

fixture("Jest with jsdom, through require", async (log) => {
  const { dir } = await prepare("jest", null, log);
  const { output } = await run("npm", ["test"], { cwd: dir, log });
  assert.match(output, /Tests:\s+1 passed, 1 total/);
});

// ───────────── Node ─────────────

/** What importing (or requiring) the package reads of the browser's globals: nothing, for server-side rendering. */
const BROWSER_GLOBALS = ["window", "document", "self", "location", "top", "parent", "addEventListener"];
const trap = `const touched = [];
for (const name of ${JSON.stringify(BROWSER_GLOBALS)}) {
  Object.defineProperty(globalThis, name, { configurable: true, get() { touched.push(name); return undefined; } });
}`;
const report = `for (const name of ${JSON.stringify(BROWSER_GLOBALS)}) delete globalThis[name];
console.log(JSON.stringify({ touched, exports: Object.keys(pkg).sort(), init: typeof pkg.default, resolved }));`;

function assertServerOutput(stdout) {
  const [url, thrown, ...rest] = stdout.trimEnd().split("\n");
  assert.equal(url, IGNITION_URL_FOR_APP);
  assert.match(thrown, /^Error: .*browser page/i);
  assert.deepEqual(rest, []);
}

function assertImportOnly(stdout, resolved) {
  const result = JSON.parse(stdout);
  assert.equal(result.resolved, resolved);
  assert.deepEqual(result.touched, [], "importing reads no browser global");
  for (const name of ["default", "ignitionUrl", "watchIgnition", "watchSignere"]) assert.ok(result.exports.includes(name), name);
  assert.equal(result.init, "function");
}

fixture("Node import", async (log) => {
  const { dir } = await prepare("node", null, log);
  assertServerOutput((await run("node", ["server.mjs"], { cwd: dir, log })).stdout);
  // Evaluated code resolves bare names from the working directory, i.e. the fixture.
  const { stdout } = await run(
    "node",
    ["--input-type=module", "-e", `${trap}\nconst pkg = await import("embed-events");\nconst resolved = import.meta.resolve("embed-events");\n${report}\nawait pkg.default();`],
    { cwd: dir, log },
  );
  assertImportOnly(stdout, pathToFileURL(join(dir, "node_modules", "embed-events", "dist", "index.js")).href);
});

fixture("Node require", async (log) => {
  const { dir } = await prepare("node", null, log);
  assertServerOutput((await run("node", ["server.cjs"], { cwd: dir, log })).stdout);
  const { stdout } = await run(
    "node",
    ["-e", `${trap}\nconst pkg = require("embed-events");\nconst resolved = require.resolve("embed-events");\n${report}`],
    { cwd: dir, log },
  );
  assertImportOnly(stdout, join(dir, "node_modules", "embed-events", "dist", "index.cjs"));
});

// ───────────── TypeScript ─────────────

fixture("tsc strict, ESM project: moduleResolution bundler, node16, nodenext", async (log) => {
  await prepare("tsc-esm", "typecheck", log);
});

fixture("tsc strict, CommonJS project: moduleResolution bundler, node16, nodenext", async (log) => {
  await prepare("tsc-cjs", "typecheck", log);
});
