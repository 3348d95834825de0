// End-to-end: the Yew example (examples/yew), an application on the Rust API, in headless
// Chromium. It is built with examples/yew/build.sh unless dist/ is newer than every source
// (the example's and the crate's), then served as examples/yew/serve.mjs serves it: the
// application on http://127.0.0.1, the fake vendor pages on http://localhost, the intruder on
// http://127.0.0.2. Buttons are clicked inside the cross-origin vendor frames, and the test reads
// what the application shows: each typed event's Debug text, exactly; nothing from the intruder;
// and, once the component is unmounted, no `message` listener left on the window (counted with the
// DevTools protocol: DOMDebugger.getEventListeners).
import { after, before, test } from "node:test";
import assert from "node:assert/strict";

import { DIST, EXAMPLE_DIR, serveExample } from "../../examples/yew/serve.mjs";
import { launchBrowser, messageListeners, openExample } from "./support.mjs";
import { ensureWasmExample } from "./support/build.mjs";

const T = { timeout: 60_000 };
const AUTH_CODE = "cod_LwPJhgxnjinMEPfGYc-XV";
const CLIENT = "cli_Rk7pW2xQd9FvM3tZ";
const DOC = "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41";

let served;
let browser;
let page;
let cdp;
let problems = [];

before(async () => {
  ensureWasmExample("rust-example", EXAMPLE_DIR, DIST);
  served = await serveExample({ ports: 0 });
  browser = await launchBrowser();
  ({ page, problems, cdp } = await openExample(browser, served.url));
  await framesReady();
});

after(async () => {
  await browser?.close();
  await served?.close();
});

// ───────────────────────────── helpers ─────────────────────────────

const frame = (name) => page.frameLocator(`#${name}-frame`);
const flow = (name) => page.locator(`[data-flow="${name}"]`);

async function framesReady() {
  for (const name of ["ignition", "signere", "intruder"]) await frame(name).locator("body[data-ready]").waitFor();
  // The watchers start once their frames are in the page.
  await page.waitForFunction(() => document.querySelectorAll('[data-flow][data-active="true"]').length === 2);
}

/** The Debug lines the application shows for `name`'s events. */
const shown = (name) => flow(name).locator(".events li").allTextContents();

const ignoredCount = async (name) => Number(await flow(name).locator("[data-ignored]").getAttribute("data-ignored"));

const waitFor = (predicate, arg) => page.waitForFunction(predicate, arg, { timeout: 10_000 });

/** Click message button `id` in frame `name` and wait until `name`'s list has one line more. */
async function deliver(name, id) {
  const before = (await shown(name)).length;
  await frame(name).locator(`[data-msg="${id}"]`).click();
  await waitFor(([f, n]) => document.querySelectorAll(`[data-flow="${f}"] .events li`).length > n, [name, before]);
}

/**
 * Click message button `id` in frame `sender`, and wait until the watcher of `witness` reported it
 * ignored: the message has then reached every listener on the window.
 */
async function postIgnored(sender, id, witness) {
  const before = await ignoredCount(witness);
  await frame(sender).locator(`[data-msg="${id}"]`).click();
  await waitFor(([f, n]) => Number(document.querySelector(`[data-flow="${f}"] [data-ignored]`).dataset.ignored) > n, [witness, before]);
}

const lastIgnored = async (name) => (await flow(name).locator("[data-ignored]").textContent()).replace(/^Ignored \d+; the last: /, "");

// ───────────────────────────── tests ─────────────────────────────

test("the component embeds both flows from another origin and starts one watcher for each", T, async () => {
  const app = new URL(served.urls.app).origin;
  assert.notEqual(new URL(served.urls.vendor).origin, app);
  const ignition = new URL(await page.locator("#ignition-frame").getAttribute("src"));
  assert.equal(ignition.origin, served.urls.vendor);
  assert.equal(ignition.searchParams.get("origin"), app, "ignition_url() put the page's origin in origin=");
  assert.equal(ignition.searchParams.get("token"), "ign_example", "and kept the other parameters");
  const signere = new URL(await page.locator("#signere-frame").getAttribute("src"));
  assert.equal(signere.origin, served.urls.vendor);
  assert.equal(signere.searchParams.get("parent"), app);
  for (const name of ["ignition", "signere"]) {
    assert.equal(await flow(name).getAttribute("data-active"), "true", `${name} is watching`);
    assert.deepEqual(await shown(name), [], `${name} shows no event yet`);
  }
  assert.equal(await messageListeners(cdp), 2, "one window message listener per watcher");
});

test("messages from the intruder (a third origin) and malformed ones are not shown", T, async () => {
  const intruder = new URL(served.urls.intruder).origin;
  assert.notEqual(intruder, new URL(served.urls.vendor).origin);
  // The intruder frame poses as Signere (?as=signere), then as Ignition.
  await postIgnored("intruder", "sign_success", "signere");
  await frame("intruder").locator('[data-pose="ignition"]').click();
  await postIgnored("intruder", "complete", "ignition");
  for (const name of ["ignition", "signere"]) {
    assert.equal(await lastIgnored(name), `source from ${intruder}`, `${name} ignored the intruder`);
    assert.deepEqual(await shown(name), [], `${name} shows nothing from the intruder`);
  }
  // From the Ignition frame itself, an authCode that is not a string.
  await postIgnored("ignition", "complete-authcode-number", "ignition");
  assert.equal(await lastIgnored("ignition"), `malformed from ${served.urls.vendor}`);
  assert.deepEqual(await shown("ignition"), []);
  assert.equal(await flow("ignition").getAttribute("data-active"), "true");
});

test("each typed event is shown (its Debug text), the auth code redacted; `once` stops after a terminal event", T, async () => {
  await deliver("signere", "app_started");
  await deliver("signere", "language_changed");
  await deliver("signere", "sign_error-flat");
  assert.deepEqual(await shown("signere"), [
    `AppStarted { document_id: Some("${DOC}") }`,
    `LanguageChanged { language: "EN" }`,
    `SignError { code: Some("SA-1017"), message: Some("Operation timed out"), eid_code: Some("C161"), eid_message: Some("The BankID session timed out"), document_id: Some("${DOC}") }`,
  ]);
  assert.equal(await flow("signere").locator(".outcome").textContent(), "Signing failed (SA-1017): Operation timed out");

  await deliver("ignition", "complete");
  assert.deepEqual(await shown("ignition"), [
    `Complete { auth_code: "[redacted]", client: Some("${CLIENT}"), result: Some("link") }`,
  ]);
  assert.equal(
    await flow("ignition").locator(".outcome").textContent(),
    `Connected: send the authorization code (${AUTH_CODE.length} characters) to the server.`,
  );
  assert.equal((await page.locator("body").textContent()).includes(AUTH_CODE), false, "the auth code is not on the page");
  // Every Ignition event is terminal: with once(true) the watcher stopped and removed its listener.
  assert.equal(await flow("ignition").getAttribute("data-active"), "false");
  assert.equal(await flow("ignition").locator(".state").textContent(), "stopped");
  assert.equal(await messageListeners(cdp), 1);
  // A later Ignition message reaches the page (the Signere watcher ignores it: another source) but
  // is not shown.
  await postIgnored("ignition", "exit", "signere");
  assert.equal(await lastIgnored("signere"), `source from ${served.urls.vendor}`);
  assert.equal((await shown("ignition")).length, 1);
  assert.equal(await flow("signere").getAttribute("data-active"), "true");
});

test("unmounting the component drops its watchers: no message listener is left; mounting again starts fresh ones", T, async () => {
  const toggle = page.locator("#toggle");
  assert.equal(await messageListeners(cdp), 1, "the Signere watcher is still running");
  assert.equal(await toggle.textContent(), "Unmount");
  await toggle.click();
  await page.locator("#unmounted").waitFor();
  assert.equal(await page.locator("[data-flow], iframe").count(), 0, "the component and its frames are gone");
  assert.equal(await messageListeners(cdp), 0, "a message listener was left behind");

  assert.equal(await toggle.textContent(), "Mount");
  await toggle.click();
  await framesReady();
  assert.equal(await messageListeners(cdp), 2);
  for (const name of ["ignition", "signere"]) assert.deepEqual(await shown(name), []);
  await deliver("signere", "spinner_on");
  assert.deepEqual(await shown("signere"), ["SpinnerOn"]);

  await toggle.click();
  await page.locator("#unmounted").waitFor();
  assert.equal(await messageListeners(cdp), 0, "a message listener was left behind after the second unmount");
  assert.deepEqual(problems, [], "no page error or console error");
});
