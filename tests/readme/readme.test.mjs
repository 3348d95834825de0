// README.md's code, run as a user would paste it (the way rustdoc runs Rust doc examples): every
// fenced block is run, or says in its fence info why not (tests/readme/blocks.mjs has the syntax).
//
// - js / jsx / ts blocks: bundled with esbuild against the built package (dist/, run `npm run build`
//   first) and run in headless Chromium on a page at http://app.test, served with the README's CSP
//   header, whose body is the README's `page` block. Every request is answered here: the page's own
//   server (`/api/…`, recorded), and the vendors' real origins (https://ignition.axle.insure,
//   https://ignition.sandbox.axle.insure, https://sign.idfy.io), where a fake vendor page posts the
//   message the block's `post=` names once it has loaded. Like the real Ignition, the fake Ignition
//   posts only when its URL has the `origin` parameter, and only to that origin. The block passes when
//   what it promises happened (a request, a console line, a text on the page), nothing on the page
//   failed, and every vendor frame loaded exactly once (a component that remounts its frame fails).
// - ts blocks are also type-checked with tsc --strict against dist/'s types.
// - runner=vitest blocks run as Vitest test files, with jsdom and with happy-dom.
// - Rust blocks are doc-tested by cargo test (src/lib.rs includes README.md under cfg(doctest)); an
//   `excerpt=` block must be an excerpt of an example that npm test builds and drives.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { collectProblems, launchBrowser } from "../e2e/support.mjs";
import { IGNITION, SIGNERE } from "../../www/frames/messages.js";
import { kind, readBlocks, value } from "./blocks.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
const README = join(ROOT, "README.md");
const WORK = join(ROOT, "target/readme");
const APP = "http://app.test";
const VERSION = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")).version;

const blocks = readBlocks(README);
const where = (block) => `README.md:${block.line} (\`\`\`${block.info})`;

/** The fake vendors: their real origins, and whether they post only to the `origin` parameter. */
const FRAMES = {
  ignition: { origin: "https://ignition.axle.insure", messages: IGNITION, toOriginParameter: true },
  sandbox: { origin: "https://ignition.sandbox.axle.insure", messages: IGNITION, toOriginParameter: true },
  signere: { origin: "https://sign.idfy.io", messages: SIGNERE, toOriginParameter: false },
};

/** What the page's server answers, beside recording every request. */
const API = {
  "/api/ignition/session": { token: "ign_readme_token" },
  "/api/signing/job": { signingUrl: "https://sign.idfy.io/?jobId=job_readme" },
};

function message(frame, id) {
  for (const group of FRAMES[frame].messages) {
    const item = group.items.find((m) => m.id === id);
    if (item) return item.data;
  }
  throw new Error(`no message "${id}" for the ${frame} frame in www/frames/messages.js`);
}

/** A fake vendor page that posts `data` (if any) once loaded. */
function vendorPage(data, toOriginParameter) {
  return `<!doctype html><title>vendor</title><p>vendor frame</p><script>
const data = ${JSON.stringify(data ?? null)};
const target = ${toOriginParameter} ? new URLSearchParams(location.search).get("origin") : "*";
if (data && target) setTimeout(() => parent.postMessage(data, target), 50);
</script>`;
}

const only = (k) => blocks.filter((b) => kind(b) === k);
const [pageBlock] = only("page");
const [cspBlock] = only("csp");

test("every README block is run, or says why not", () => {
  const unrun = blocks.filter((b) => kind(b) === "unrun").map(where);
  assert.deepEqual(unrun, [], "blocks with no way to run them and no not-run reason");
  assert.equal(only("page").length, 1, "one html block is the examples' page");
  assert.equal(only("csp").length, 1, "one http block is the CSP header");
  assert.match(cspBlock.code.trim(), /^Content-Security-Policy: script-src .*'wasm-unsafe-eval'/);
  const counts = {};
  for (const b of blocks) counts[kind(b)] = (counts[kind(b)] ?? 0) + 1;
  console.log(`[readme] ${blocks.length} blocks: ${JSON.stringify(counts)}`);
  for (const b of only("not-run")) console.log(`[readme] not run: ${where(b)}: ${b.notRun}`);
});

test("Rust blocks are doc-tested by cargo test", () => {
  const lib = readFileSync(join(ROOT, "src/lib.rs"), "utf8");
  assert.match(lib, /#\[cfg\(doctest\)\][^;]*#\[doc = include_str!\("\.\.\/README\.md"\)\]/);
});

for (const block of only("excerpt")) {
  test(`${where(block)}: an excerpt of ${value(block, "excerpt")}`, () => {
    const source = readFileSync(join(ROOT, value(block, "excerpt")), "utf8").split("\n").map((l) => l.trim());
    let at = 0;
    for (const line of block.code.split("\n").map((l) => l.trim())) {
      if (line === "" || line === "// …") continue;
      const found = source.indexOf(line, at);
      assert.ok(found >= 0, `"${line}" is not in ${value(block, "excerpt")} (after line ${at})`);
      at = found + 1;
    }
  });
}

let browser;
before(async () => {
  browser = await launchBrowser();
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
});
after(async () => {
  await browser?.close();
});

/** esbuild's resolution of the package's entries to dist/, as an installed package resolves them. */
const distPlugin = {
  name: "embed-events-dist",
  setup(b) {
    b.onResolve({ filter: /^embed-events(\/(react|testing))?$/ }, ({ path }) => ({
      path: join(ROOT, "dist", `${path === "embed-events" ? "index" : path.slice("embed-events/".length)}.js`),
    }));
  },
};

async function bundle(block) {
  const file = join(WORK, `block-${block.index}.${block.lang}`);
  writeFileSync(file, block.code);
  const result = await build({
    entryPoints: [file],
    absWorkingDir: ROOT,
    nodePaths: [join(ROOT, "node_modules")],
    bundle: true,
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"development"' },
    plugins: [distPlugin],
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0].text;
}

/** Run a page in a fresh context; returns what happened once `done()` holds or the time is up. */
async function runPage(block, { html, script, csp }) {
  const posts = {};
  for (const spec of block.test?.values.post ?? []) {
    const [frame, id] = spec.split(":");
    assert.ok(FRAMES[frame], `post=${spec}: no frame "${frame}"`);
    posts[FRAMES[frame].origin] = { data: message(frame, id), frame };
  }
  const loads = {};
  const requests = [];
  const context = await browser.newContext();
  await context.route("**/*", async (route) => {
    const request = route.request();
    const url = new URL(request.url());
    const vendor = Object.values(FRAMES).find((f) => f.origin === url.origin);
    if (vendor) {
      loads[url.origin] = (loads[url.origin] ?? 0) + 1;
      return route.fulfill({ contentType: "text/html", body: vendorPage(posts[url.origin]?.data, vendor.toOriginParameter) });
    }
    const cdn = /^https:\/\/cdn\.jsdelivr\.net\/npm\/embed-events@([^/]+)\/dist\/(index|testing|react)\.js$/.exec(url.href);
    if (cdn) {
      // The CDN pattern's version must select this package's version.
      assert.ok(VERSION === cdn[1] || VERSION.startsWith(`${cdn[1]}.`), `the CDN URL's version ${cdn[1]} does not select ${VERSION}`);
      return route.fulfill({
        contentType: "text/javascript",
        headers: { "access-control-allow-origin": "*" },
        body: readFileSync(join(ROOT, "dist", `${cdn[2]}.js`)),
      });
    }
    if (url.origin !== APP) return route.abort();
    if (url.pathname.startsWith("/api/")) {
      requests.push({ path: url.pathname, body: request.postData() ?? "" });
      const answer = API[url.pathname];
      return answer ? route.fulfill({ contentType: "application/json", body: JSON.stringify(answer) }) : route.fulfill({ status: 204 });
    }
    if (url.pathname === "/snippet.js") return route.fulfill({ contentType: "text/javascript", body: script });
    const headers = csp ? { "content-security-policy": csp } : {};
    return route.fulfill({ contentType: "text/html", headers, body: html });
  });
  const page = await context.newPage();
  const problems = collectProblems(page);
  const logs = [];
  page.on("console", (m) => logs.push(m.text()));
  try {
    await page.goto(`${APP}${value(block, "url") ?? "/"}`);
    const expected = block.test?.values ?? {};
    const missing = async () => {
      const text = await page.evaluate(() => document.body.innerText).catch(() => "");
      const wants = [
        ...(expected.console ?? []).filter((t) => !logs.some((l) => l.includes(t))).map((t) => `a console line with "${t}"`),
        ...(expected.text ?? []).filter((t) => !text.includes(t)).map((t) => `the text "${t}" on the page`),
        ...(expected.request ?? []).filter((p, i) => {
          const body = expected.body?.[i];
          return !requests.some((r) => r.path === p && (body === undefined || r.body.includes(body)));
        }).map((p, i) => `a request to ${p}${expected.body?.[i] ? ` whose body holds "${expected.body[i]}"` : ""}`),
        ...Object.keys(posts).filter((o) => !loads[o]).map((o) => `a frame loaded from ${o}`),
      ];
      return wants;
    };
    const deadline = Date.now() + 10_000;
    let wants = await missing();
    while (wants.length && Date.now() < deadline && !problems.length) {
      await page.waitForTimeout(100);
      wants = await missing();
    }
    // Let anything that would happen next (a remounted frame, a late error) happen.
    await page.waitForTimeout(700);
    return { wants, problems, loads, logs, requests };
  } finally {
    await context.close();
  }
}

function check(block, { wants, problems, loads, logs }) {
  const context = `\nconsole:\n${logs.join("\n")}`;
  assert.deepEqual(problems, [], `the page reported problems${context}`);
  assert.deepEqual(wants, [], `missing${context}`);
  for (const [origin, count] of Object.entries(loads)) {
    assert.equal(count, 1, `the frame from ${origin} was loaded ${count} times, not once`);
  }
  assert.ok(Object.keys(block.test?.values ?? {}).some((k) => ["console", "text", "request"].includes(k)), `${where(block)} expects nothing`);
}

const browserBlocks = blocks.filter((b) => ["browser", "typescript"].includes(kind(b)));
for (const block of browserBlocks) {
  test(`${where(block)}: runs in Chromium`, async () => {
    const script = await bundle(block);
    const html = `<!doctype html><meta charset="utf-8"><title>README block</title>\n${pageBlock.code}<script type="module" src="/snippet.js"></script>\n`;
    const csp = cspBlock.code.trim().slice("Content-Security-Policy:".length).trim();
    check(block, await runPage(block, { html, script, csp }));
  });
}

for (const block of only("standalone")) {
  test(`${where(block)}: runs in Chromium as a whole page`, async () => {
    check(block, await runPage(block, { html: block.code, script: "" }));
  });
}

function exec(command, args, options) {
  return new Promise((resolve) => {
    execFile(command, args, { maxBuffer: 64 << 20, timeout: 120_000, ...options }, (error, stdout, stderr) =>
      resolve({ code: error ? error.code ?? 1 : 0, output: `${stdout}\n${stderr}`.trim() }),
    );
  });
}

const tsBlocks = only("typescript");
test(`TypeScript blocks (${tsBlocks.length}) compile under tsc --strict`, async () => {
  assert.ok(tsBlocks.length > 0, "the README has a TypeScript sample");
  const dir = join(WORK, "tsc");
  mkdirSync(dir, { recursive: true });
  const files = tsBlocks.map((b) => {
    const file = join(dir, `block-${b.index}.ts`);
    writeFileSync(file, b.code);
    return file;
  });
  const dist = (entry) => [join(ROOT, "dist", `${entry}.d.ts`)];
  const tsconfig = {
    compilerOptions: {
      strict: true,
      noEmit: true,
      target: "es2022",
      module: "esnext",
      moduleResolution: "bundler",
      lib: ["es2022", "dom", "dom.iterable"],
      skipLibCheck: false,
      types: [],
      paths: { "embed-events": dist("index"), "embed-events/react": dist("react"), "embed-events/testing": dist("testing") },
    },
    files,
  };
  writeFileSync(join(dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
  const { code, output } = await exec(join(ROOT, "node_modules/.bin/tsc"), ["-p", dir], { cwd: ROOT });
  assert.equal(code, 0, output);
});

const vitestBlocks = only("vitest");
for (const environment of ["jsdom", "happy-dom"]) {
  test(`Vitest blocks (${vitestBlocks.length}) pass in Vitest with ${environment}`, async () => {
    assert.ok(vitestBlocks.length > 0, "the README has a Vitest example");
    // Inside the package's directory, so that `embed-events` resolves to it as an installed package
    // does (its package.json exports, a self-reference).
    const dir = join(WORK, `vitest-${environment}`);
    mkdirSync(dir, { recursive: true });
    for (const b of vitestBlocks) writeFileSync(join(dir, `block-${b.index}.test.js`), b.code);
    writeFileSync(
      join(dir, "vitest.config.mjs"),
      `export default { cacheDir: ${JSON.stringify(join(ROOT, "node_modules/.vite/readme"))}, test: { include: ["*.test.js"] } };\n`,
    );
    const report = join(dir, "report.json");
    const { output } = await exec(
      join(ROOT, "node_modules/.bin/vitest"),
      ["run", "--environment", environment, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`],
      { cwd: dir, env: { ...process.env, NO_COLOR: "1", CI: "1" } },
    );
    const json = JSON.parse(readFileSync(report, "utf8"));
    assert.equal(json.numTotalTests, vitestBlocks.length, output);
    assert.equal(json.numPassedTests, json.numTotalTests, output);
  });
}
