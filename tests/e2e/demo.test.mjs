// End-to-end: the demo (scripts/serve.mjs, the same servers as `npm start`) in each browser engine
// (EMBED_EVENTS_ENGINE: Chromium through Playwright, Firefox ESR and WebKitGTK through WebDriver;
// see tests/engines/). Buttons are clicked inside the cross-origin vendor frames; what the host page's watchers received is
// read from the page's machine-readable record (window.__wire, window.__log; see www/host/main.js).
// The host page has no set-up step: it imports the package by name and starts its watchers.
//
// Run after `node scripts/build.mjs`: node --test --test-concurrency=1 tests/e2e/
// UPDATE_SCREENSHOT=1 also writes www/screenshot.png (CONTRIBUTING.md's picture of the demo; from Chromium).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync } from "node:fs";
import { Server } from "node:http";
import { join } from "node:path";

import { ROOT, startDemo } from "../../scripts/serve.mjs";
import { ENGINE, launch, problems } from "./support.mjs";

const T = { timeout: 30_000 };
const DOC = "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41";
const EXT = "loan-agreement-2024-0117";
const CLIENT = "cli_Rk7pW2xQd9FvM3tZ";

/** Every Ignition message of the contract: button id → callback and the exact event value. */
const IGNITION_EVENTS = [
  {
    id: "complete",
    callback: "onComplete",
    value: { status: "complete", authCode: "cod_LwPJhgxnjinMEPfGYc-XV", client: CLIENT, result: "link" },
  },
  { id: "exit", callback: "onExit", value: { status: "exit", step: "carrier-login", client: CLIENT } },
  {
    id: "error",
    callback: "onError",
    value: { status: "error", message: "The carrier's website did not respond", client: CLIENT },
  },
];

/** Every Signere message of the contract (sign_error in its three payload forms, both user_* names). */
const SIGNERE_EVENTS = [
  { id: "app_started", callback: "onAppStarted", value: { type: "app_started", documentId: DOC } },
  {
    id: "document_read",
    callback: "onDocumentRead",
    value: { type: "document_read", documentId: DOC, externalDocumentId: EXT },
  },
  { id: "eid_selected", callback: "onEidSelected", value: { type: "eid_selected", eid: "no_bankid" } },
  { id: "language_changed", callback: "onLanguageChanged", value: { type: "language_changed", language: "EN" } },
  { id: "spinner_on", callback: "onSpinnerOn", value: { type: "spinner_on" } },
  { id: "spinner_off", callback: "onSpinnerOff", value: { type: "spinner_off" } },
  { id: "outdated_browser", callback: "onOutdatedBrowser", value: { type: "outdated_browser" } },
  {
    id: "sign_error-nested",
    callback: "onSignError",
    value: { type: "sign_error", code: "cookies_disabled", message: "Cookies are disabled in this browser" },
  },
  {
    id: "sign_error-flat",
    callback: "onSignError",
    value: {
      type: "sign_error",
      code: "SA-1017",
      message: "Operation timed out",
      eidCode: "C161",
      eidMessage: "The BankID session timed out",
      documentId: DOC,
    },
  },
  {
    id: "sign_error-legacy",
    callback: "onSignError",
    value: { type: "sign_error", code: "SA-1020", message: "Error starting Norwegian BankID" },
  },
  { id: "sign_success", callback: "onSignSuccess", value: { type: "sign_success", documentId: DOC } },
  {
    id: "document_expired",
    callback: "onDocumentExpired",
    value: { type: "document_expired", documentId: DOC, externalDocumentId: EXT },
  },
  { id: "user_aborted", callback: "onUserAborted", value: { type: "user_aborted", documentId: DOC } },
  { id: "user_canceled", callback: "onUserAborted", value: { type: "user_aborted", documentId: DOC } },
];

const ENCODINGS = [
  { key: "object", label: "as objects", wire: "object" },
  { key: "json", label: "as JSON strings", wire: "JSON string" },
];

const FRAMES = {
  ignition: "#ignition-frame",
  signere: "#signere-frame",
  intruder: "#intruder-frame",
  sandbox: "#sandbox-frame",
};
const WATCHERS = ["ignition", "signere", "sandbox"];

let demo;
let browser;
let page;
/** Every URL the page and its frames requested: as the demo's servers received them (in every
 * engine), and as Playwright saw the requests leave (Chromium). */
const requested = [];
/** While an array: the fake vendors' webhook requests (`POST /webhook`), held back until a test
 * calls them, so that a webhook reaches the page after its message. */
let heldWebhooks = null;
{
  const emit = Server.prototype.emit;
  Server.prototype.emit = function (type, request, ...rest) {
    if (type !== "request") return emit.call(this, type, request, ...rest);
    requested.push(`http://${request.headers.host}${request.url}`);
    if (heldWebhooks && request.method === "POST" && request.url === "/webhook") {
      heldWebhooks.push(() => emit.call(this, type, request, ...rest));
      return true;
    }
    return emit.call(this, type, request, ...rest);
  };
}

before(async () => {
  demo = await startDemo({ ports: 0 });
  browser = await launch(ENGINE);
  page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.setDefaultTimeout(ENGINE === "chromium" ? 10_000 : 20_000);
  if (ENGINE === "chromium") page.on("request", (request) => requested.push(request.url()));
  await page.goto(demo.urls.host);
  await page.waitForSelector("body[data-ready]");
  for (const name of Object.keys(FRAMES)) await frameReady(name);
});

after(async () => {
  await browser?.close();
  await demo?.close();
});

// ───────────────────────────── helpers ─────────────────────────────

const frame = (name) => page.frameLocator(FRAMES[name]);

async function frameReady(name, role) {
  await frame(name).locator(role ? `body[data-role="${role}"][data-ready]` : "body[data-ready]").waitFor();
}

/** Click a segmented control of a frame page (`encoding`, or the intruder's `pose` / `from`). */
async function choose(name, control, value) {
  const button = frame(name).locator(`[data-${control}="${value}"]`);
  await button.click();
  assert.equal(await button.getAttribute("aria-checked"), "true");
}

/**
 * Click message button `id` in frame `name`, wait until the host page has dispatched the message
 * to every listener, and return what it recorded: `wire` (origin, sender, encoding, data) and
 * `entries` (every watcher callback made for that message).
 */
async function post(name, id, { encoding } = {}) {
  if (encoding) await choose(name, "encoding", encoding);
  const before = await page.evaluate(() => window.__wire.length);
  await frame(name).locator(`[data-msg="${id}"]`).click();
  try {
    await page.waitForFunction((n) => window.__wire.length > n && window.__wire[n].settled, before, { timeout: 5_000 });
  } catch (error) {
    throw new Error(`clicking ${id} in the ${name} frame posted no message to the host page`, { cause: error });
  }
  return page.evaluate((seq) => {
    const wire = window.__wire[seq - 1];
    return { wire: { ...wire }, entries: window.__log.filter((e) => e.msg === seq) };
  }, before + 1);
}

/** The callbacks `watcher` made for a posted message: [kind, callback, reason?] rows. */
const calls = (result, watcher) =>
  result.entries.filter((e) => e.watcher === watcher).map((e) => (e.kind === "ignored" ? [e.kind, e.value.reason] : [e.kind, e.callback]));

/** Assert that `watcher` delivered `expected` to its callback then to onEvent, and nothing else. */
function assertDelivered(result, watcher, { callback, value }) {
  assert.deepEqual(calls(result, watcher), [["event", callback], ["onEvent", "onEvent"]]);
  const [event, onEvent] = result.entries.filter((e) => e.watcher === watcher);
  assert.deepEqual(event.value, value);
  // Exactly the documented fields: nothing extra, no key holding undefined, a plain object.
  assert.deepEqual([...event.keys].sort(), Object.keys(value).sort());
  assert.equal(event.plain, true, "the event value is a plain object");
  assert.deepEqual(onEvent.value, value);
}

/** Assert that `watcher` made exactly one onIgnored call with `reason`; returns its value. */
function assertIgnored(result, watcher, reason) {
  assert.deepEqual(calls(result, watcher), [["ignored", reason]], `${watcher} ignores it with reason ${reason}`);
  const { value } = result.entries.find((e) => e.watcher === watcher);
  assert.equal(value.origin, result.wire.origin);
  assert.equal(typeof value.detail, "string");
  assert.ok(value.detail.length > 0, "the detail explains why");
  return value;
}

const watcherCard = (name) => page.locator(`#watchers [data-watcher="${name}"]`);

async function isActive(name) {
  return (await watcherCard(name).getAttribute("data-active")) === "true";
}

/** Set a watcher's `once` checkbox and make sure it is running. */
async function arm(name, { once }) {
  const box = watcherCard(name).locator('[data-action="once"]');
  if ((await box.isChecked()) !== once) await box.click();
  if (!(await isActive(name))) await watcherCard(name).locator('[data-action="start"]').click();
  assert.equal(await isActive(name), true);
  assert.equal(await watcherCard(name).locator('[data-action="once"]').isChecked(), once);
}

/** All three watchers running, with their default `once` (Ignition: true; the Signere ones: false). */
async function armAll() {
  await arm("ignition", { once: true });
  await arm("signere", { once: false });
  await arm("sandbox", { once: false });
}

async function activeCount() {
  return Number(await page.locator("#watcher-count").getAttribute("data-active"));
}

// ───────────────────────────── tests ─────────────────────────────

test("the host page starts three watchers and builds the Ignition URL with ignitionUrl()", T, async () => {
  assert.equal(await page.locator("#watcher-count").getAttribute("data-total"), "3");
  assert.equal(await activeCount(), 3);
  for (const name of WATCHERS) assert.equal(await isActive(name), true, `${name} is active`);
  const host = new URL(demo.urls.host).origin;
  const src = await page.locator("#ignition-frame").getAttribute("src");
  const url = new URL(src);
  assert.equal(url.origin, demo.urls.vendor);
  assert.equal(url.searchParams.get("origin"), host, "ignitionUrl() put the host's origin in origin=");
  assert.equal(url.searchParams.get("token"), "ign_7Qx2dLrP0sVmHc4T", "and kept the other parameters");
  assert.equal(await page.locator("#ignition-url").textContent(), src);
  // Three different origins, for real.
  const origins = new Set([host, demo.urls.vendor, demo.urls.intruder]);
  assert.equal(origins.size, 3);
  // The package's wasm travels inside its JavaScript: nothing else is fetched for it.
  assert.deepEqual(requested.filter((url) => new URL(url).pathname.endsWith(".wasm")), []);
});

/** Each vendor's events, and the watchers that must ignore them (they are bound to other frames). */
const VENDOR_EVENTS = [
  { label: "Ignition", vendor: "ignition", events: IGNITION_EVENTS, others: ["signere", "sandbox"] },
  { label: "Signere", vendor: "signere", events: SIGNERE_EVENTS, others: ["ignition", "sandbox"] },
];

for (const encoding of ENCODINGS) {
  for (const { label, vendor, events, others } of VENDOR_EVENTS) {
    describe(`${label} events posted ${encoding.label}`, () => {
      for (const c of events) {
        test(`${c.id} → ${c.callback} with ${Object.keys(c.value).join(", ")}`, T, async () => {
          await armAll();
          const result = await post(vendor, c.id, { encoding: encoding.key });
          assert.equal(result.wire.origin, demo.urls.vendor);
          assert.equal(result.wire.from, vendor);
          assert.equal(result.wire.encoding, encoding.wire);
          assertDelivered(result, vendor, c);
          for (const other of others) assertIgnored(result, other, "source");
        });
      }
    });
  }
}

describe("malformed and unknown messages", () => {
  test("Ignition complete with authCode: 42 → onIgnored malformed, naming authCode", T, async () => {
    await arm("ignition", { once: true });
    const result = await post("ignition", "complete-authcode-number", { encoding: "object" });
    const ignored = assertIgnored(result, "ignition", "malformed");
    assert.match(ignored.detail, /^authCode\b.*\bstring\b/);
    assert.equal(ignored.origin, demo.urls.vendor);
    assert.equal(await isActive("ignition"), true, "a malformed message does not trigger once");
  });

  test("Ignition, a string that is not JSON → onIgnored malformed", T, async () => {
    await arm("ignition", { once: true });
    const result = await post("ignition", "not-json");
    assert.equal(result.wire.encoding, "string (not JSON)");
    assert.match(assertIgnored(result, "ignition", "malformed").detail, /JSON/);
  });

  test("Signere eid_selected without eid → onIgnored malformed, naming payload.eid", T, async () => {
    await arm("signere", { once: false });
    const result = await post("signere", "eid_selected-no-eid", { encoding: "json" });
    assert.match(assertIgnored(result, "signere", "malformed").detail, /^payload\.eid\b.*\bmissing\b/);
  });

  test("Signere, a truncated JSON string → onIgnored malformed", T, async () => {
    await arm("signere", { once: false });
    const result = await post("signere", "not-json");
    assert.equal(result.wire.encoding, "string (not JSON)");
    assert.match(assertIgnored(result, "signere", "malformed").detail, /JSON/);
  });

  test("Ignition status attempted (unknown) → onUnknown with the name and the message", T, async () => {
    await arm("ignition", { once: true });
    const result = await post("ignition", "unknown", { encoding: "object" });
    assert.deepEqual(calls(result, "ignition"), [["unknown", "onUnknown"]]);
    const { value } = result.entries.find((e) => e.watcher === "ignition");
    assert.deepEqual(value, { name: "attempted", data: { status: "attempted", client: CLIENT } });
    assert.equal(await isActive("ignition"), true);
  });

  test("Signere type document_downloaded (unknown), as a JSON string → onUnknown with the parsed message", T, async () => {
    await arm("signere", { once: false });
    const result = await post("signere", "unknown", { encoding: "json" });
    assert.deepEqual(calls(result, "signere"), [["unknown", "onUnknown"]]);
    const { value } = result.entries.find((e) => e.watcher === "signere");
    assert.deepEqual(value, {
      name: "document_downloaded",
      data: { type: "document_downloaded", payload: { documentId: DOC } },
    });
  });

  test("the diagnostics list shows malformed and unknown messages with their reason and detail", T, async () => {
    const malformed = page.locator('#diagnostics [data-reason="malformed"]').first();
    await malformed.waitFor();
    assert.match(await malformed.locator(".detail").textContent(), /JSON|missing|string/);
    const unknown = page.locator('#diagnostics [data-reason="unknown"]').first();
    assert.match(await unknown.locator(".detail").textContent(), /name: "(attempted|document_downloaded)"/);
  });
});

describe("the intruder (a third origin)", () => {
  test("posing as Ignition from its own frame: every watcher ignores it by source, nothing delivered", T, async () => {
    await armAll();
    await choose("intruder", "pose", "ignition");
    await choose("intruder", "from", "self");
    const result = await post("intruder", "complete", { encoding: "object" });
    assert.equal(result.wire.origin, demo.urls.intruder);
    assert.equal(result.wire.from, "intruder");
    for (const name of WATCHERS) assertIgnored(result, name, "source");
    assert.equal(await isActive("ignition"), true);
  });

  test("posing as Signere with JSON strings: every watcher ignores it by source", T, async () => {
    await armAll();
    await choose("intruder", "pose", "signere");
    await choose("intruder", "from", "self");
    const result = await post("intruder", "sign_success", { encoding: "json" });
    assert.equal(result.wire.origin, demo.urls.intruder);
    for (const name of WATCHERS) assertIgnored(result, name, "source");
  });

  test("the Signere frame redirected to the intruder: its watcher ignores the messages by origin", T, async () => {
    await armAll();
    await page.locator('[data-hijack="signere"]').click();
    await frameReady("signere", "intruder");
    try {
      const result = await post("signere", "sign_success", { encoding: "json" });
      assert.equal(result.wire.origin, demo.urls.intruder);
      assert.equal(result.wire.redirected, true);
      const ignored = assertIgnored(result, "signere", "origin");
      assert.equal(ignored.origin, demo.urls.intruder);
      assertIgnored(result, "ignition", "source");
      assertIgnored(result, "sandbox", "source");
      const diag = page.locator(`#diagnostics [data-reason="origin"][data-msg="${result.wire.seq}"]`);
      assert.match(await diag.locator(".src").textContent(), /Signere frame → intruder/);
    } finally {
      await page.locator('[data-hijack="signere"]').click();
      await frameReady("signere", "signere");
    }
  });

  test("the Ignition frame redirected to the intruder: its watcher ignores the messages by origin", T, async () => {
    await arm("ignition", { once: true });
    await page.locator('[data-hijack="ignition"]').click();
    await frameReady("ignition", "intruder");
    try {
      const result = await post("ignition", "complete", { encoding: "object" });
      assert.equal(result.wire.origin, demo.urls.intruder);
      assert.equal(assertIgnored(result, "ignition", "origin").origin, demo.urls.intruder);
      assert.equal(await isActive("ignition"), true, "nothing was delivered, so once did not stop it");
    } finally {
      await page.locator('[data-hijack="ignition"]').click();
      await frameReady("ignition", "ignition");
    }
  });
});

describe('the sandboxed frame (origin "null")', () => {
  test('its messages arrive with origin "null" and are delivered to the watcher bound to it by source', T, async () => {
    await armAll();
    const result = await post("sandbox", "sign_success", { encoding: "json" });
    assert.equal(result.wire.origin, "null");
    assert.equal(result.wire.from, "sandbox");
    assertDelivered(result, "sandbox", { callback: "onSignSuccess", value: { type: "sign_success", documentId: DOC } });
    assertIgnored(result, "signere", "source");
    assertIgnored(result, "ignition", "source");
  });

  test("an object message from the sandboxed frame is delivered too", T, async () => {
    const result = await post("sandbox", "eid_selected", { encoding: "object" });
    assert.equal(result.wire.origin, "null");
    assertDelivered(result, "sandbox", { callback: "onEidSelected", value: { type: "eid_selected", eid: "no_bankid" } });
  });

  test('the same message from another sandboxed frame (also "null") is ignored by source', T, async () => {
    await choose("intruder", "pose", "signere");
    await choose("intruder", "from", "sandboxed");
    try {
      const result = await post("intruder", "sign_success", { encoding: "json" });
      assert.equal(result.wire.origin, "null");
      assert.equal(result.wire.from, "intruder/sub-frame");
      const ignored = assertIgnored(result, "sandbox", "source");
      assert.equal(ignored.origin, "null");
      for (const name of WATCHERS) assert.equal(calls(result, name).some(([kind]) => kind === "event"), false);
    } finally {
      await choose("intruder", "from", "self");
    }
  });
});

describe("once", () => {
  test("Ignition with once: complete is delivered and stops the watcher; a later exit is not delivered", T, async () => {
    await arm("ignition", { once: true });
    const done = await post("ignition", "complete", { encoding: "object" });
    assertDelivered(done, "ignition", IGNITION_EVENTS[0]);
    assert.equal(await isActive("ignition"), false);
    assert.match(await watcherCard("ignition").locator(".state").textContent(), /stopped by once \(complete\)/);
    assert.equal(await activeCount(), 2);

    const later = await post("ignition", "exit");
    assert.deepEqual(calls(later, "ignition"), [], "a stopped watcher makes no callback at all");
  });

  test("Re-arm starts the once-watcher again and it delivers the next event", T, async () => {
    assert.equal(await isActive("ignition"), false, "left stopped by the previous test");
    const rearm = watcherCard("ignition").locator('[data-action="start"]');
    assert.equal((await rearm.textContent()).trim(), "Re-arm");
    await rearm.click();
    assert.equal(await isActive("ignition"), true);
    assert.equal(await activeCount(), 3);
    const result = await post("ignition", "exit");
    assertDelivered(result, "ignition", IGNITION_EVENTS[1]);
    assert.equal(await isActive("ignition"), false, "exit is terminal too");
  });

  test("Signere with once: non-terminal events keep it running, sign_success stops it", T, async () => {
    await arm("signere", { once: true });
    try {
      for (const id of ["app_started", "document_read", "spinner_on", "sign_error-flat"]) {
        const result = await post("signere", id, { encoding: "json" });
        assert.equal(calls(result, "signere")[0]?.[0], "event", `${id} is delivered`);
        assert.equal(await isActive("signere"), true, `${id} is not terminal`);
      }
      const done = await post("signere", "sign_success");
      assertDelivered(done, "signere", { callback: "onSignSuccess", value: { type: "sign_success", documentId: DOC } });
      assert.equal(await isActive("signere"), false);
      const later = await post("signere", "spinner_off");
      assert.deepEqual(calls(later, "signere"), []);
    } finally {
      await arm("signere", { once: false });
    }
  });
});

describe("stop() and the abort signal", () => {
  test("stop() removes the listener: nothing is delivered until Restart", T, async () => {
    await arm("signere", { once: false });
    await watcherCard("signere").locator('[data-action="stop"]').click();
    assert.equal(await isActive("signere"), false);
    assert.match(await watcherCard("signere").locator(".state").textContent(), /stopped by stop\(\)/);

    const missed = await post("signere", "eid_selected", { encoding: "object" });
    assert.deepEqual(calls(missed, "signere"), []);
    assertIgnored(missed, "sandbox", "source");

    await watcherCard("signere").locator('[data-action="start"]').click();
    assert.equal(await isActive("signere"), true);
    const result = await post("signere", "eid_selected");
    assertDelivered(result, "signere", SIGNERE_EVENTS.find((c) => c.id === "eid_selected"));
  });

  test("Abort all aborts the shared AbortSignal: every watcher stops; Restart all brings them back", T, async () => {
    await arm("ignition", { once: true });
    await page.locator("#abort-all").click();
    assert.equal(await activeCount(), 0);
    for (const name of WATCHERS) {
      assert.equal(await isActive(name), false);
      assert.match(await watcherCard(name).locator(".state").textContent(), /aborted by signal/);
    }
    const missed = await post("signere", "spinner_on", { encoding: "json" });
    assert.deepEqual(missed.entries, [], "no watcher made any callback");
    await page.locator(`#diagnostics [data-reason="unheard"][data-msg="${missed.wire.seq}"]`).waitFor({ state: "attached" });

    await page.locator("#start-all").click();
    assert.equal(await activeCount(), 3);
    const result = await post("signere", "spinner_on");
    assertDelivered(result, "signere", { callback: "onSpinnerOn", value: { type: "spinner_on" } });
  });
});

describe("one session, three channels: the window message, the redirect return, the webhook", () => {
  /** Wait until the channels card shows vendor's webhook after its terminal event; returns its record. */
  async function channel(vendor) {
    try {
      await page.waitForFunction((v) => window.__channels[v].webhook !== undefined, vendor, { timeout: 10_000 });
    } catch (error) {
      const seen = await page.evaluate(() => JSON.stringify(window.__channels));
      throw new Error(`no ${vendor} webhook reached the page: ${seen}`, { cause: error });
    }
    return page.evaluate((v) => window.__channels[v], vendor);
  }

  test("Ignition complete: the message, the redirect return and the verified ignition.completed webhook agree", T, async () => {
    await page.waitForSelector('body[data-webhooks="connected"]');
    await arm("ignition", { once: true });
    await post("ignition", "complete", { encoding: "object" });
    const row = await channel("ignition");
    assert.deepEqual(row.message, IGNITION_EVENTS[0].value);
    assert.equal(row.redirect.kind, "event");
    assert.deepEqual(row.redirect.event, IGNITION_EVENTS[0].value, "the redirect return carries the same event");
    assert.equal(row.webhook.type, "ignition.completed");
    assert.equal(row.webhook.authCode, IGNITION_EVENTS[0].value.authCode);
    assert.equal(row.webhook.client, CLIENT);
    assert.equal(row.webhook.token, "ign_7Qx2dLrP0sVmHc4T", "the webhook names the frame's session");
    const shown = await page.locator('#channels [data-channel="ignition"]').textContent();
    assert.match(shown, /ignition\.completed/);
    assert.match(shown, /same session/);
    assert.doesNotMatch(shown, /cod_LwPJhgxnjinMEPfGYc|ign_7Qx2dLrP0sVmHc4T/, "secrets are never shown");
  });

  test("Ignition exit, twice: each message shows its own webhook, never an earlier session's", T, async () => {
    // Earlier tests ended sessions with exit too: their ignition.exited webhooks have been read.
    assert.ok(await page.evaluate(() => window.__channels.received.some((r) => r.event.type === "ignition.exited")));
    const ids = [];
    heldWebhooks = [];
    try {
      for (const _ of [1, 2]) {
        await arm("ignition", { once: true });
        await post("ignition", "exit");
        // The message is shown; its webhook is held at the vendor's server.
        assert.equal(await page.evaluate(() => window.__channels.ignition.webhook), undefined, "no earlier webhook is shown for this exit");
        for (const start = Date.now(); heldWebhooks.length === 0; ) {
          assert.ok(Date.now() - start < 5_000, "the vendor frame sent its webhook");
          await new Promise((resolve) => setTimeout(resolve, 20));
        }
        heldWebhooks.shift()();
        const row = await channel("ignition");
        assert.equal(row.webhook.type, "ignition.exited");
        ids.push(row.webhook.id);
      }
    } finally {
      const held = heldWebhooks;
      heldWebhooks = null;
      for (const send of held) send();
    }
    assert.notEqual(ids[0], ids[1]);
  });

  test("Signere sign_success: the verified document_signed webhook names the same document", T, async () => {
    await arm("signere", { once: false });
    await post("signere", "sign_success", { encoding: "json" });
    const row = await channel("signere");
    assert.deepEqual(row.message, { type: "sign_success", documentId: DOC });
    assert.equal(row.webhook.type, "document_signed");
    assert.equal(row.webhook.documentId, DOC);
    assert.equal(row.webhook.signers.length, 1);
    assert.match(await page.locator('#channels [data-channel="signere"]').textContent(), /same session · document_signed/);
  });

  test("a forged webhook (signed with the wrong key) is refused: 401 signature_invalid", T, async () => {
    const refusedBefore = await page.evaluate(() => window.__channels.refused.length);
    await page.locator("#forge").click();
    await page.waitForFunction(() => window.__channels.forged.length > 0, undefined, { timeout: 10_000 });
    const forged = await page.evaluate(() => window.__channels.forged.at(-1));
    assert.deepEqual(forged, { status: 401, code: "signature_invalid" });
    assert.equal((await page.locator("#forge-result").textContent()).trim(), "401 signature_invalid");
    await page.waitForFunction((n) => window.__channels.refused.length > n, refusedBefore, { timeout: 10_000 });
    assert.deepEqual(await page.evaluate(() => window.__channels.refused.at(-1)), { vendor: "signere", status: 401, code: "signature_invalid" });
    // The forged body never reached the page as an event.
    assert.equal(await page.evaluate(() => window.__channels.signere.webhook?.signers?.[0]?.signerName), "Demo Signer");
  });
});

test("after a full run: no uncaught error or console error on the page or in its frames; screenshot", T, async () => {
  // A representative last sequence, so the screenshot shows both vendors, the sandbox and diagnostics.
  await arm("ignition", { once: true });
  await arm("signere", { once: false });
  await arm("sandbox", { once: false });
  await choose("intruder", "pose", "signere");
  await choose("intruder", "from", "self");
  await post("intruder", "sign_success", { encoding: "json" });
  await page.locator('[data-hijack="signere"]').click();
  await frameReady("signere", "intruder");
  await post("signere", "sign_error-flat", { encoding: "json" });
  await page.locator('[data-hijack="signere"]').click();
  await frameReady("signere", "signere");
  await post("ignition", "complete-authcode-number", { encoding: "object" });
  await post("signere", "unknown", { encoding: "json" });
  await post("signere", "app_started");
  await post("signere", "eid_selected");
  await post("sandbox", "document_read", { encoding: "json" });
  await post("signere", "sign_error-flat");
  await post("ignition", "complete");
  await post("signere", "sign_success");
  await page.mouse.move(700, 880); // no hover effect in the picture
  await page.waitForTimeout(400); // let the new entries' highlight fade

  const dir = join(ROOT, "test-results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, ENGINE === "chromium" ? "demo.png" : `demo-${ENGINE}.png`);
  await page.screenshot({ path: file });
  if (process.env.UPDATE_SCREENSHOT === "1" && ENGINE === "chromium") copyFileSync(file, join(ROOT, "www", "screenshot.png"));

  assert.deepEqual(await problems(page), []);
});
