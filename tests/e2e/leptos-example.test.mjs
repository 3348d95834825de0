// End-to-end: the Leptos example (examples/leptos), a Leptos 0.8 application on the Rust API, in
// headless Chromium. It is built with examples/leptos/build.sh unless dist/ is newer than every
// source (the example's and the crate's), then served as examples/leptos/serve.mjs serves it: the
// application on http://127.0.0.1, the fake vendor pages on http://localhost, the intruder on
// http://127.0.0.2. Buttons are clicked inside the cross-origin frames; the test reads what the
// application renders from its signals (each typed event's Debug text), that nothing from the
// intruder is shown, and that once the `<Show>` unmounts the flows, the watchers kept with
// `on_cleanup(move || drop(watcher))` are gone: no `message` listener on the window (DevTools
// protocol), and a message posted then is handled by no one (no panic on a disposed signal).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { DIST, EXAMPLE_DIR, serveExample } from "../../examples/leptos/serve.mjs";
import { launchBrowser, messageListeners, openExample } from "./support.mjs";
import { ensureWasmExample } from "./support/build.mjs";

// The first build of Leptos takes minutes on a busy two-core machine: the before hook has no
// timeout of its own; each test has this one.
const T = { timeout: 60_000 };
const AUTH_CODE = "cod_LwPJhgxnjinMEPfGYc-XV";
const DOC = "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41";
const FLOWS = ["ignition", "signere"];

let served;
let browser;
let page;
let cdp;
let problems;

before(async () => {
  ensureWasmExample("leptos-example", EXAMPLE_DIR, DIST);
  served = await serveExample({ ports: 0 });
  browser = await launchBrowser();
  ({ page, problems, cdp } = await openExample(browser, served.url));
  await mounted();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

/** Wait until the flows' frames have loaded and both watchers run. */
async function mounted() {
  for (const name of [...FLOWS, "intruder"]) await page.frameLocator(`#${name}-frame`).locator("body[data-ready]").waitFor();
  await page.waitForFunction(() => document.querySelectorAll('[data-flow][data-active="true"]').length === 2);
}

/** What flow `name` renders: `{ active, events, outcome, ignored, lastIgnored }`. */
function flow(name) {
  return page.$eval(`[data-flow="${name}"]`, (section) => ({
    active: section.dataset.active === "true",
    events: [...section.querySelectorAll(".events li")].map((li) => li.textContent),
    outcome: section.querySelector(".outcome").textContent,
    ignored: Number(section.querySelector("[data-ignored]").dataset.ignored),
    lastIgnored: section.querySelector("[data-ignored]").textContent.replace(/^Ignored \d+; the last: /, ""),
  }));
}

/**
 * Click message button `id` inside frame `sender`, then wait until flow `witness` has rendered
 * one more event (`"events"`) or one more ignored message (`"ignored"`).
 */
async function click(sender, id, witness, what) {
  const count = (state) => (what === "events" ? state.events.length : state.ignored);
  const before = count(await flow(witness));
  await page.frameLocator(`#${sender}-frame`).locator(`[data-msg="${id}"]`).click();
  for (let tries = 0; count(await flow(witness)) === before; tries++) {
    assert.ok(tries < 200, `${witness}: no new ${what} after ${sender}'s ${id}`);
    await page.waitForTimeout(50);
  }
}

test("each flow's frame is on another origin, and each has one watcher started once it was mounted", T, async () => {
  const app = new URL(served.urls.app).origin;
  for (const name of FLOWS) {
    const src = new URL(await page.getAttribute(`#${name}-frame`, "src"));
    assert.equal(src.origin, served.urls.vendor);
    assert.notEqual(src.origin, app);
    assert.deepEqual(await flow(name), { active: true, events: [], outcome: "Waiting for the flow…", ignored: 0, lastIgnored: "Nothing ignored." });
  }
  assert.equal(new URL(await page.getAttribute("#ignition-frame", "src")).searchParams.get("origin"), app, "ignition_url() set origin=");
  assert.equal(await messageListeners(cdp), 2);
});

test("the intruder frame, on a third origin, is ignored by both watchers", T, async () => {
  const intruder = new URL(served.urls.intruder).origin;
  assert.notEqual(intruder, served.urls.vendor);
  await click("intruder", "sign_success", "signere", "ignored");
  await page.frameLocator("#intruder-frame").locator('[data-pose="ignition"]').click();
  await click("intruder", "complete", "ignition", "ignored");
  for (const name of FLOWS) {
    const state = await flow(name);
    assert.equal(state.lastIgnored, `source from ${intruder}`);
    assert.deepEqual(state.events, [], `${name} renders nothing from the intruder`);
  }
});

test("both vendors' typed events render from their signals; `once` stops Ignition's watcher", T, async () => {
  await click("signere", "app_started", "signere", "events");
  await click("signere", "sign_error-flat", "signere", "events");
  const signere = await flow("signere");
  assert.deepEqual(signere.events, [
    `AppStarted { document_id: Some("${DOC}") }`,
    `SignError { code: Some("SA-1017"), message: Some("Operation timed out"), eid_code: Some("C161"), eid_message: Some("The BankID session timed out"), document_id: Some("${DOC}") }`,
  ]);
  assert.equal(signere.outcome, "Signing failed (SA-1017): Operation timed out");

  await click("ignition", "complete", "ignition", "events");
  const ignition = await flow("ignition");
  assert.deepEqual(ignition.events, ['Complete { auth_code: "[redacted]", client: Some("cli_Rk7pW2xQd9FvM3tZ"), result: Some("link") }']);
  assert.equal(ignition.outcome, `Connected: send the authorization code (${AUTH_CODE.length} characters) to the server.`);
  assert.equal(ignition.active, false, "once(true): stopped after the terminal event");
  assert.equal((await page.textContent("body")).includes(AUTH_CODE), false, "the auth code is not on the page");
  assert.equal(await messageListeners(cdp), 1, "the stopped watcher removed its listener");
});

test("the <Show> unmounts the flows: on_cleanup drops the watchers, no listener is left, nothing more is handled", T, async () => {
  await page.click("#toggle");
  await page.waitForSelector("#unmounted");
  assert.equal(await page.locator("[data-flow], iframe").count(), 0);
  assert.equal(await messageListeners(cdp), 0, "a message listener was left behind");
  // A vendor-shaped message now reaches no watcher: were one left, it would update a disposed
  // signal, which panics in Leptos.
  await page.evaluate((origin) => {
    const data = { type: "sign_success", payload: { documentId: "x" } };
    window.postMessage(data, "*");
    dispatchEvent(new MessageEvent("message", { data, origin }));
  }, served.urls.vendor);
  await page.waitForTimeout(200);
  assert.equal(await page.textContent("body").then((text) => text.includes("SignSuccess")), false);

  await page.click("#toggle");
  await mounted();
  assert.equal(await messageListeners(cdp), 2, "mounting again starts fresh watchers");
  for (const name of FLOWS) assert.deepEqual((await flow(name)).events, []);
  await click("signere", "spinner_on", "signere", "events");
  assert.deepEqual((await flow("signere")).events, ["SpinnerOn"]);
  await page.click("#toggle");
  await page.waitForSelector("#unmounted");
  assert.equal(await messageListeners(cdp), 0);
  assert.deepEqual(problems, [], "no page error or console error");
});
