// End-to-end, in each browser engine (EMBED_EVENTS_ENGINE: Chromium through Playwright, Firefox ESR and
// WebKitGTK through WebDriver; see tests/engines/), through the demo (scripts/serve.mjs, the same
// servers as `npm start`) across its real origins: each watcher's awaited `outcome` in the host page's outcome panel, the silent
// Ignition frame (its URL lacks the `origin` parameter) and its watcher's silence report, and the
// redirect return page (readIgnitionRedirect() on its own address, then history.replaceState); and,
// on a page of its own, the package under a Content-Security-Policy without 'wasm-unsafe-eval'.
// What the page shows is checked, and what it recorded for tests (window.__outcomes,
// window.__silence, window.__redirect; see www/host/main.js and www/host/redirect.js).
//
// Run after `node scripts/build.mjs`: node --test tests/e2e/features.test.mjs
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

import { ROOT, listen, startDemo } from "../../scripts/serve.mjs";
import { ENGINE, launch, problems as problemsOf } from "./support.mjs";

const T = { timeout: 30_000 };
const DOC = "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41";
const CLIENT = "cli_Rk7pW2xQd9FvM3tZ";
const AUTH_CODE = "cod_LwPJhgxnjinMEPfGYc-XV";
/** The silent frame's silenceMs (www/host/main.js). */
const SILENCE_MS = 3000;
const NO_ORIGIN_DETAIL =
  `Nothing was heard from Ignition in ${SILENCE_MS} ms: the iframe's src has no "origin" query parameter, ` +
  "without which Ignition posts no messages; set it with ignitionUrl: iframe.src = ignitionUrl(url).";

let demo;
let browser;
let page;

before(async () => {
  demo = await startDemo({ ports: 0 });
  browser = await launch(ENGINE);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(ENGINE === "chromium" ? 10_000 : 20_000);
  await page.goto(demo.urls.host);
  await page.waitForSelector("body[data-ready]");
  for (const selector of ["#ignition-frame", "#signere-frame", "#sandbox-frame", "#silent-frame"]) {
    await page.frameLocator(selector).locator("body[data-ready]").waitFor();
  }
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

// ───────────────────────────── helpers ─────────────────────────────

/**
 * Click message button `id` in the frame `selector` of `p`, and wait until the host page has
 * dispatched the message to every listener (window.__wire, www/host/main.js).
 */
async function post(p, selector, id) {
  const before = await p.evaluate(() => window.__wire.length);
  await p.frameLocator(selector).locator(`[data-msg="${id}"]`).click();
  await p.waitForFunction((n) => window.__wire.length > n && window.__wire[n].settled, before, { timeout: 5_000 });
  // The outcome settles in a promise job after the dispatch: give it a task.
  await p.evaluate(() => new Promise((resolve) => setTimeout(resolve, 0)));
}

const outcomeRow = (name) => page.locator(`#outcomes [data-outcome-of="${name}"]`);

async function outcomeState(name) {
  const row = outcomeRow(name);
  return { state: await row.getAttribute("data-state"), generation: Number(await row.getAttribute("data-generation")) };
}

const outcomes = () => page.evaluate(() => window.__outcomes.map((o) => ({ ...o })));

// ───────────────────────────── the outcome ─────────────────────────────

describe("watcher.outcome in the outcome panel", () => {
  test("every watcher's outcome is pending at the start", T, async () => {
    for (const name of ["ignition", "signere", "sandbox"]) {
      assert.deepEqual(await outcomeState(name), { state: "pending", generation: 1 }, name);
      assert.match(await outcomeRow(name).locator(".outcome-value").textContent(), /pending/);
    }
    assert.deepEqual(await outcomes(), []);
  });

  test("Ignition's complete (with once): the outcome resolves with the event, shown on the page", T, async () => {
    await post(page, "#ignition-frame", "complete");
    await page.locator('#outcomes [data-outcome-of="ignition"][data-state="resolved"]').waitFor();
    const value = { status: "complete", authCode: AUTH_CODE, client: CLIENT, result: "link" };
    assert.deepEqual(await outcomes(), [{ watcher: "ignition", generation: 1, state: "resolved", value }]);
    assert.deepEqual(JSON.parse(await outcomeRow("ignition").locator(".outcome-value").textContent()), value);
    // The event reached its callback first: the delivered-events list has it.
    assert.equal(await page.locator('#events .entry[data-watcher="ignition"]').count(), 1);
  });

  test("Signere: non-terminal events leave the outcome pending; sign_success resolves it", T, async () => {
    for (const id of ["app_started", "spinner_on", "sign_error-flat", "eid_selected"]) {
      await post(page, "#signere-frame", id);
      assert.equal((await outcomeState("signere")).state, "pending", `${id} settled the outcome`);
    }
    await post(page, "#signere-frame", "sign_success");
    await page.locator('#outcomes [data-outcome-of="signere"][data-state="resolved"]').waitFor();
    const settled = (await outcomes()).filter((o) => o.watcher === "signere");
    assert.deepEqual(settled, [
      { watcher: "signere", generation: 1, state: "resolved", value: { type: "sign_success", documentId: DOC } },
    ]);
    // Without once, the watcher goes on; a later terminal event is not a second outcome.
    await post(page, "#signere-frame", "user_aborted");
    assert.equal((await outcomes()).filter((o) => o.watcher === "signere").length, 1);
    assert.equal((await outcomeState("signere")).state, "resolved");
  });

  test("Abort all: the watcher still waiting rejects with an AbortError DOMException; settled ones keep their event", T, async () => {
    await page.locator("#abort-all").click();
    await page.locator('#outcomes [data-outcome-of="sandbox"][data-state="rejected"]').waitFor();
    const all = await outcomes();
    assert.equal(all.length, 3);
    assert.deepEqual(all[2].watcher, "sandbox");
    assert.equal(all[2].state, "rejected");
    assert.equal(all[2].error.name, "AbortError");
    assert.equal(all[2].error.domException, true);
    assert.match(await outcomeRow("sandbox").locator(".outcome-value").textContent(), /^AbortError: /);
    assert.equal((await outcomeState("ignition")).state, "resolved");
    assert.equal((await outcomeState("signere")).state, "resolved");
  });

  test("Restart all: a new outcome per watcher; stop() rejects it", T, async () => {
    await page.locator("#start-all").click();
    for (const name of ["ignition", "signere", "sandbox"]) {
      assert.deepEqual(await outcomeState(name), { state: "pending", generation: 2 }, name);
    }
    // Restarting settled watchers (their free()) changes nothing that was recorded.
    assert.equal((await outcomes()).length, 3);
    await page.locator('#watchers [data-watcher="signere"] [data-action="stop"]').click();
    await page.locator('#outcomes [data-outcome-of="signere"][data-state="rejected"]').waitFor();
    const last = (await outcomes()).at(-1);
    assert.deepEqual(
      { watcher: last.watcher, generation: last.generation, state: last.state, name: last.error.name },
      { watcher: "signere", generation: 2, state: "rejected", name: "AbortError" },
    );
    await page.locator('#watchers [data-watcher="signere"] [data-action="start"]').click();
    assert.deepEqual(await outcomeState("signere"), { state: "pending", generation: 3 });
    // The restarted watcher delivers, and its outcome resolves.
    await post(page, "#signere-frame", "document_expired");
    await page.locator('#outcomes [data-outcome-of="signere"][data-state="resolved"]').waitFor();
    assert.deepEqual((await outcomes()).at(-1).value.type, "document_expired");
  });
});

// ───────────────────────────── silence ─────────────────────────────

describe("the silent Ignition frame", () => {
  test("its URL has no origin parameter, so the fake Ignition posts nothing", T, async () => {
    const src = new URL(await page.locator("#silent-frame").getAttribute("src"));
    assert.equal(src.origin, demo.urls.vendor);
    assert.equal(src.searchParams.has("origin"), false);
    assert.ok(src.searchParams.get("token"));
    const frame = page.frameLocator("#silent-frame");
    assert.match(await frame.locator(".warning").textContent(), /No origin= parameter/);
    assert.equal(await frame.locator('[data-msg="complete"]').isDisabled(), true);
  });

  test("after silenceMs its watcher's report shows on the page: the missing parameter and ignitionUrl", T, async () => {
    await page.locator('#silence-report[data-state="reported"]').waitFor({ timeout: SILENCE_MS + 7_000 });
    assert.equal(await page.locator('[data-testid="silence-detail"]').textContent(), NO_ORIGIN_DETAIL);
    const reports = await page.evaluate(() => window.__silence);
    assert.equal(reports.length, 1, "reported once");
    const [report] = reports;
    assert.equal(report.ms, SILENCE_MS);
    assert.equal(report.detail, NO_ORIGIN_DETAIL);
    // The other frames' messages were ignored for their source (another window), never for their origin.
    assert.equal(report.ignored.origin, 0);
    assert.deepEqual(report.origins, []);
    assert.ok(report.ignored.source > 0, "the other frames' messages were counted");
    assert.match(await page.locator("#silence-report").textContent(), /by source/);
  });

  test("Restart: a new watcher reports again after silenceMs, once", T, async () => {
    await page.locator("#silent-restart").click();
    assert.equal(await page.locator("#silence-report").getAttribute("data-state"), "waiting");
    await page.locator('#silence-report[data-state="reported"]').waitFor({ timeout: SILENCE_MS + 7_000 });
    const reports = await page.evaluate(() => window.__silence);
    assert.equal(reports.length, 2);
    assert.equal(reports[1].detail, NO_ORIGIN_DETAIL);
    assert.equal(reports[1].ignored.source, 0, "a fresh watcher counts afresh");
  });
});

// ───────────────────────────── the redirect return ─────────────────────────────

describe("the redirect return page", () => {
  let tab;
  const redirect = () => tab.evaluate(() => window.__redirect);
  const open = async (label) => {
    await Promise.all([tab.waitForURL(/\/redirect\.html/), tab.locator(`a[data-redirect="${label}"]`).click()]);
    await tab.waitForSelector("body[data-ready]");
    return redirect();
  };

  before(async () => {
    tab = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    tab.setDefaultTimeout(ENGINE === "chromium" ? 10_000 : 20_000);
    await tab.goto(demo.urls.host);
    await tab.waitForSelector("body[data-ready]");
  });

  test("Ignition's complete: the typed event is shown and authCode leaves the address bar", T, async () => {
    const { before: first, result, after: cleaned } = await open("complete");
    const cleanUrl = `${demo.urls.host}redirect.html?tab=connect#coverage`;
    assert.match(first, new RegExp(`[?&]authCode=${AUTH_CODE}(&|$)`));
    assert.deepEqual(result, {
      kind: "event",
      event: { status: "complete", authCode: AUTH_CODE, client: CLIENT, result: "link" },
      cleanUrl,
    });
    assert.equal(cleaned, cleanUrl);
    assert.equal(tab.url(), cleanUrl);
    assert.doesNotMatch(tab.url(), /authCode|status=/);
    // What the page shows: the address before, the result, the address after.
    assert.match(await tab.locator('[data-testid="url-before"]').textContent(), new RegExp(`authCode=${AUTH_CODE}`));
    assert.equal(await tab.locator('[data-testid="result"]').getAttribute("data-kind"), "event");
    assert.deepEqual(JSON.parse(await tab.locator('[data-testid="result"]').textContent()), result);
    assert.equal(await tab.locator('[data-testid="url-after"]').textContent(), cleanUrl);
  });

  test("a reload replays nothing: no parameters, a null result, the address unchanged", T, async () => {
    const cleanUrl = tab.url();
    await tab.reload();
    await tab.waitForSelector("body[data-ready]");
    assert.deepEqual(await redirect(), { before: cleanUrl, result: null, after: cleanUrl });
    assert.equal(tab.url(), cleanUrl);
    assert.equal(await tab.locator('[data-testid="result"]').getAttribute("data-kind"), "null");
    // Back goes to the demo: the address that carried the auth code is not in the history.
    await tab.goBack();
    await tab.waitForURL(demo.urls.host);
    await tab.waitForSelector("body[data-ready]");
  });

  test("the other rows: unknown status, a missing authCode, authCode twice, no status", T, async () => {
    const base = `${demo.urls.host}redirect.html`;
    let r = await open("unknown status");
    assert.deepEqual(r.result, { kind: "unknown", name: "attempted", cleanUrl: `${base}?tab=connect` });
    assert.equal(tab.url(), `${base}?tab=connect`);

    r = await open("complete without authCode");
    assert.deepEqual(r.result, { kind: "malformed", detail: "authCode: missing", cleanUrl: base });
    assert.equal(tab.url(), base);

    r = await open("authCode twice");
    assert.deepEqual(r.result, { kind: "malformed", detail: "authCode: given twice", cleanUrl: base });
    assert.doesNotMatch(await tab.locator('[data-testid="result"]').textContent(), /cod_1|cod_2/);
    assert.equal(tab.url(), base);

    r = await open("exit");
    assert.deepEqual(r.result.event, { status: "exit", step: "carrier-login", client: CLIENT });
    assert.equal(tab.url(), `${base}?tab=connect`);

    r = await open("no status");
    assert.equal(r.result, null);
    assert.equal(r.after, r.before, "nothing to remove");
    assert.equal(tab.url(), `${base}?tab=connect`);
  });

  test("no uncaught error or console error on the redirect page", T, async () => {
    assert.deepEqual(await problemsOf(tab), []);
    await tab.close();
  });
});

describe("a page whose Content-Security-Policy lacks 'wasm-unsafe-eval'", () => {
  // A page served with `script-src 'self' 'unsafe-inline'` (or with 'wasm-unsafe-eval' added),
  // whose module script imports the built package and starts a watcher, then writes what happened
  // into the page. 'unsafe-inline' lets the WebDriver engines' harness run its inline scripts (see
  // tests/engines/webdriver.mjs); it allows no WebAssembly, which only 'wasm-unsafe-eval' (or
  // 'unsafe-eval') does.
  const POLICY = "script-src 'self' 'unsafe-inline'";
  const PAGE = `<!doctype html><meta charset="utf-8"><title>embed-events under a CSP</title><body><script type="module" src="/csp.js"></script>`;
  const SCRIPT = `import { watchIgnition } from "/dist/index.js";
let result;
try {
  watchIgnition().stop();
  result = "no error";
} catch (error) {
  result = \`\${error.constructor.name}: \${error.message}\`;
}
document.body.dataset.result = result;`;
  let server;
  let tab;
  const resultUnder = async (policy) => {
    await tab.goto(`${server.url}/csp.html?policy=${encodeURIComponent(policy)}`);
    await tab.waitForSelector("body[data-result]", { state: "attached" });
    return tab.locator("body").getAttribute("data-result");
  };

  before(async () => {
    server = await listen((req, res) => {
      const url = new URL(req.url, "http://x");
      const headers = { "Cache-Control": "no-store", "Content-Type": "text/javascript; charset=utf-8" };
      if (url.pathname === "/csp.html") {
        headers["Content-Type"] = "text/html; charset=utf-8";
        headers["Content-Security-Policy"] = url.searchParams.get("policy");
        return res.writeHead(200, headers).end(PAGE);
      }
      if (url.pathname === "/csp.js") return res.writeHead(200, headers).end(SCRIPT);
      if (url.pathname === "/dist/index.js") return res.writeHead(200, headers).end(readFileSync(join(ROOT, "dist", "index.js")));
      res.writeHead(404).end();
    });
    tab = await browser.newPage({ viewport: { width: 1024, height: 768 } });
    tab.setDefaultTimeout(ENGINE === "chromium" ? 10_000 : 20_000);
  });

  after(async () => {
    await tab?.close();
    await server?.close();
  });

  test("without 'wasm-unsafe-eval': the watcher throws an Error that names it", T, async () => {
    assert.equal(
      await resultUnder(POLICY),
      "Error: embed-events: add 'wasm-unsafe-eval' to the CSP's script-src (WebAssembly is blocked)",
    );
  });

  test("with 'wasm-unsafe-eval' added, the watcher starts", T, async () => {
    assert.equal(await resultUnder(`${POLICY} 'wasm-unsafe-eval'`), "no error");
  });
});

test("no uncaught error or console error on the host page or in its frames", T, async () => {
  assert.deepEqual(await problemsOf(page), []);
});
