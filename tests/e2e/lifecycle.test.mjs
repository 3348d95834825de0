// Lifecycle under abuse, in each browser engine (EMBED_EVENTS_ENGINE: Chromium through Playwright,
// Firefox ESR and WebKitGTK through WebDriver; see tests/engines/), against the built package
// (dist/) on http://127.0.0.1 with vendor frames on http://localhost (another site) and
// http://127.0.0.2 (a third origin), and, for the bulk tests, frames on another port of 127.0.0.1
// (another origin in the host's process): stop(), free() and an abort from inside every kind of
// callback, callbacks that start watchers, a callback that throws 10,000 times, 300 watchers on 300
// frames, removed and navigated frames, a shared AbortSignal, 10,000 watch/stop cycles and 100,000
// messages. The page never calls init(): importing compiles nothing, and the first watcher compiles
// the one wasm instance every later watcher shares. After each: no callback after stop, no uncaught
// error or wasm trap, no `message` listener left behind (counted with the DevTools protocol:
// DOMDebugger.getEventListeners on window, in Chromium, where it must agree with the page's own
// counter of addEventListener/removeEventListener calls, which counts in the other engines), no
// `abort` listener left on a signal, and neither the wasm memory, nor its table of JavaScript
// references, nor the page's JavaScript heap (after a forced garbage collection; Chromium only,
// named as skipped elsewhere) grows from one round to an identical second one. Runs after
// `node scripts/build.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { ENGINE, HEAP_UNSEEN_REASON, onPageError } from "./support.mjs";
import { jsHeapUsed, listenersOn, openHost, useServersAndBrowser, windowMessageListeners } from "./support/lifecycle-server.mjs";

const fixture = useServersAndBrowser();

/** A fresh host page with the package loaded, three vendor frames, and the baseline listener count. */
async function host() {
  const { page } = await openHost(fixture.browser, fixture.servers);
  const pageErrors = [];
  // Chromium reports the page's uncaught errors from outside too; in every engine the page's own
  // `error` listener records them (t.errors), which assertClean reads.
  onPageError(page, (e) => { if (pageErrors.length < 20) pageErrors.push(e.message); });
  await page.evaluate(async ({ vendor, evil, peer }) => {
    // A and B: the vendor (another site); E: a third origin; P and Q: another origin on this
    // site, which shares this page's process (for the bulk tests, where cross-process messaging
    // would only add minutes).
    [window.A, window.B, window.E, window.P, window.Q] = await Promise.all([
      t.frame(`${vendor}/vendor.html`), t.frame(`${vendor}/vendor.html`), t.frame(`${evil}/vendor.html`),
      t.frame(`${peer}/vendor.html`), t.frame(`${peer}/vendor.html`),
    ]);
  }, { vendor: fixture.servers.vendor, evil: fixture.servers.evil, peer: fixture.servers.peer });
  const baseline = await windowMessageListeners(page);
  assert.equal(baseline, 1, "the host page has only its harness listener");
  assert.equal((await page.evaluate(() => t.memory())).instances, 0, "importing the package compiled wasm");
  return { page, pageErrors, baseline };
}

async function assertClean({ page, pageErrors, baseline }, what) {
  assert.equal(await windowMessageListeners(page), baseline, `${what}: a message listener was left behind`);
  const { errors, reported } = await page.evaluate(() => ({ errors: t.errors.slice(0, 5), reported: t.reported.slice(0, 5) }));
  assert.deepEqual(errors, [], `${what}: uncaught errors (or wasm traps) reached the window`);
  assert.deepEqual(pageErrors, [], `${what}: page errors`);
  const { instances } = await page.evaluate(() => t.memory());
  assert.equal(instances, 1, `${what}: every watcher shares one wasm instance, made by the first call`);
  return reported;
}

const VALID = {
  ignition: [
    ["onComplete", { status: "complete", authCode: "cod_1", client: "cli_1" }],
    ["onExit", { status: "exit", step: "carrier-login" }],
    ["onError", '{"status":"error","message":"m"}'],
  ],
  signere: [
    ["onDocumentExpired", '{"type":"document_expired","payload":{"documentId":"d1"}}'],
    ["onDocumentRead", '{"type":"document_read"}'],
    ["onEidSelected", '{"type":"eid_selected","payload":{"eid":"no_bankid"}}'],
    ["onLanguageChanged", { type: "language_changed", payload: { language: "EN" } }],
    ["onSignSuccess", '{"type":"sign_success","payload":{"documentId":"d1"}}'],
    ["onSignError", '{"type":"sign_error","payload":{"errorCode":"SA-1017"}}'],
    ["onSpinnerOn", '{"type":"spinner_on"}'],
    ["onSpinnerOff", { type: "spinner_off" }],
    ["onUserAborted", '{"type":"user_canceled","payload":{"documentId":"d1"}}'],
    ["onAppStarted", '{"type":"app_started","payload":{"documentId":"d1"}}'],
    ["onOutdatedBrowser", '{"type":"outdated_browser"}'],
  ],
};

/** Every kind of callback, with the message (and the sender frame) that makes it run first. */
function callbackKinds(vendor) {
  const valid = VALID[vendor];
  const [firstName, first] = valid[0];
  return [
    ...valid.map(([name, message]) => ({ callback: name, source: "A", sender: "A", trigger: message, expect: [name] })),
    { callback: "onEvent", source: "A", sender: "A", trigger: first, expect: [firstName, "onEvent"] },
    { callback: "onUnknown", source: "A", sender: "A", trigger: vendor === "ignition" ? { status: "opened" } : '{"type":"ping"}', expect: ["onUnknown"] },
    { callback: "onIgnored", reason: "malformed", source: "A", sender: "A", trigger: "GET_URL", expect: ["onIgnored malformed"] },
    { callback: "onIgnored", reason: "source", source: "A", sender: "B", trigger: first, expect: ["onIgnored source"] },
    // Watching frame E (the third origin) with only the vendor origin allowed.
    { callback: "onIgnored", reason: "origin", source: "E", sender: "E", trigger: first, expect: ["onIgnored origin"] },
  ];
}

test("stop(), free() or an abort from inside every kind of callback: nothing runs after, nothing is left behind", async () => {
  const h = await host();
  let cases = 0;
  for (const vendor of ["ignition", "signere"]) {
    for (const kind of callbackKinds(vendor)) {
      for (const action of ["stop", "free", "abort"]) {
        const what = `${vendor} ${kind.callback}${kind.reason ? ` (${kind.reason})` : ""} → ${action}()`;
        const result = await h.page.evaluate(async ({ vendor, kind, action, valid, vendorOrigin }) => {
          const log = [];
          const controller = new AbortController();
          window.lastSignal = controller.signal;
          const options = t.recording(vendor, log, { origins: [vendorOrigin], source: window[kind.source], signal: controller.signal });
          const inner = options[kind.callback];
          let acted = 0;
          let w;
          options[kind.callback] = (value) => {
            inner(value);
            if (acted++ > 0) return;
            if (action === "stop") { w.stop(); w.stop(); }
            else if (action === "free") { w.free(); w.free(); w.stop(); }
            else controller.abort();
          };
          w = vendor === "ignition" ? pkg.watchIgnition(options) : pkg.watchSignere(options);
          const sender = window[kind.sender];
          // The trigger, then everything that would make some callback run if the watcher were live.
          await t.send(sender, [kind.trigger, kind.trigger, "GET_URL", ...valid]);
          await t.send(A, [kind.trigger, "GET_URL", ...valid]);
          await t.send(B, valid);
          await t.send(E, valid);
          t.post(valid[0], vendorOrigin, A.contentWindow);
          return { log: log.map((e) => e[0] === "onIgnored" ? `onIgnored ${e[1]}` : e[0]), acted, active: w.active };
        }, { vendor, kind, action, valid: VALID[vendor].map((v) => v[1]), vendorOrigin: fixture.servers.vendor });
        assert.deepEqual(result.log, kind.expect, `${what}: callbacks`);
        assert.equal(result.acted, 1, what);
        assert.equal(result.active, false, what);
        assert.equal(await listenersOn(h.page, "window.lastSignal", "abort"), 0, `${what}: the signal still has a listener`);
        await assertClean(h, what);
        cases++;
      }
    }
  }
  console.log(`[lifecycle] stop/free/abort from inside a callback: ${cases} cases`);
  assert.equal(cases, 3 * (8 + 16));
  await h.page.close();
});

test("callbacks that start watchers: new watchers miss the current event, then see the rest; all stop cleanly", async () => {
  const h = await host();
  const result = await h.page.evaluate(async ({ vendorOrigin }) => {
    const exit = { status: "exit" };
    // 1. Every exit starts another watcher.
    const spawned = [];
    const counts = [];
    const parentLog = [];
    const parent = pkg.watchIgnition(t.recording("ignition", parentLog, {
      origins: vendorOrigin, source: A,
      onExit: () => {
        const i = spawned.length;
        counts.push(0);
        spawned.push(pkg.watchIgnition({ origins: vendorOrigin, source: A, onExit: () => { counts[i]++; } }));
      },
    }));
    await t.send(A, [exit, exit, exit, exit]);
    const nested = { spawned: spawned.length, counts: counts.slice() };
    parent.stop();
    for (const w of spawned) w.stop();
    // 2. Re-subscribing: each exit stops its watcher and starts a replacement, 100 times.
    let current;
    let deliveries = 0;
    let started = 0;
    const start = () => {
      started++;
      current = pkg.watchIgnition({ origins: vendorOrigin, source: A, onExit: () => { deliveries++; current.stop(); start(); } });
    };
    start();
    await t.send(A, Array.from({ length: 100 }, () => exit));
    const resubscribed = { deliveries, started, active: current.active };
    current.stop();
    // 3. A callback whose new watcher cannot start (a bad option): the TypeError is reported, delivery goes on.
    const log = [];
    const w = pkg.watchIgnition(t.recording("ignition", log, {
      origins: vendorOrigin, source: A,
      onExit: () => { pkg.watchSignere({ origins: "https://a.example/path" }); },
    }));
    t.reported.length = 0;
    await t.send(A, [exit, exit]);
    const failing = { events: log.filter((e) => e[0] === "onEvent").length, reported: t.reported.slice() };
    t.reported.length = 0;
    w.stop();
    return { nested, resubscribed, failing };
  }, { vendorOrigin: fixture.servers.vendor });
  // Watcher k (started during exit k+1) sees exits k+2..4: the DOM runs no listener added during dispatch.
  assert.deepEqual(result.nested, { spawned: 4, counts: [3, 2, 1, 0] });
  assert.deepEqual(result.resubscribed, { deliveries: 100, started: 101, active: true });
  assert.equal(result.failing.events, 2);
  assert.equal(result.failing.reported.length, 2);
  assert.match(result.failing.reported[0], /origins\[0\]: "https:\/\/a\.example\/path" has a path/);
  await assertClean(h, "watchers started from callbacks");
  await h.page.close();
});

test("a callback that throws on every one of 10,000 events: each is reported, delivery goes on, nothing breaks", async () => {
  const h = await host();
  const result = await h.page.evaluate(async ({ vendorOrigin }) => {
    const A = P;
    t.reported.length = 0;
    let exits = 0;
    let events = 0;
    let ignored = 0;
    const w = pkg.watchIgnition({
      origins: vendorOrigin, source: A,
      onExit: () => { exits++; throw new Error("onExit failed " + exits); },
      onEvent: () => { events++; throw new TypeError("onEvent failed"); },
      onIgnored: (i) => { if (!window.harness.current.sentinel) { ignored++; throw new RangeError("onIgnored failed"); } },
    });
    const memoryBefore = t.memory();
    const batch = [];
    for (let i = 0; i < 5000; i++) batch.push({ status: "exit", step: String(i) }, "GET_URL");
    await t.send(A, batch, 60000);
    await t.send(A, batch.filter((m) => typeof m === "object"), 60000);
    const reported = t.reported.length;
    const sample = [t.reported[0], t.reported[1], t.reported[2]];
    t.reported.length = 0;
    // Still live and decoding.
    let last;
    const probe = pkg.watchIgnition({ origins: vendorOrigin, source: A, onComplete: (e) => { last = e.authCode; } });
    await t.send(A, [{ status: "complete", authCode: "cod_after" }]);
    probe.stop();
    const active = w.active;
    w.stop();
    return { exits, events, ignored, reported, sample, last, active, memoryBefore, memoryAfter: t.memory() };
  }, { vendorOrigin: fixture.servers.peer });
  assert.equal(result.exits, 10_000);
  assert.equal(result.events, 10_000 + 1); // and the complete sent afterwards
  assert.equal(result.ignored, 5_000);
  assert.equal(result.reported, 10_000 + 10_000 + 5_000);
  assert.deepEqual(result.sample, ["onExit failed 1", "onEvent failed", "onIgnored failed"]);
  assert.equal(result.last, "cod_after");
  assert.equal(result.active, true);
  console.log(`[lifecycle] 10,000 throwing events: wasm memory ${result.memoryBefore.bytes} → ${result.memoryAfter.bytes} bytes, externref table ${result.memoryBefore.externrefs} → ${result.memoryAfter.externrefs}`);
  await assertClean(h, "throwing callbacks");
  await h.page.close();
});

test("300 watchers on 300 frames: each gets only its own frame's messages", async () => {
  const h = await host();
  const N = 300;
  const started = Date.now();
  const result = await h.page.evaluate(async ({ vendor, N }) => {
    const frames = [];
    const logs = [];
    const watchers = [];
    // Frames and watchers are made in one task, so every watcher exists before any frame loads;
    // each frame posts one message on load. No `origins`: each watcher trusts its frame's src.
    for (let i = 0; i < N; i++) {
      const ignition = i % 2 === 0;
      const hello = ignition ? { status: "exit", step: String(i) } : { type: "document_read", payload: { documentId: String(i) } };
      const f = document.createElement("iframe");
      f.src = `${vendor}/vendor.html?hello=${encodeURIComponent(JSON.stringify(hello))}`;
      document.body.appendChild(f);
      frames.push(f);
      const log = [];
      logs.push(log);
      watchers.push(ignition ? pkg.watchIgnition(t.recording("ignition", log, { source: f })) : pkg.watchSignere(t.recording("signere", log, { source: f })));
    }
    const delivered = () => logs.filter((log) => log.some((e) => e[0] === "onEvent")).length;
    const deadline = Date.now() + 60000;
    while (delivered() < N && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    // A second round, on command: every frame posts its own error / sign_error.
    await Promise.all(frames.map((f, i) => t.send(f, [i % 2 === 0 ? { status: "error", message: String(i) } : { type: "sign_error", payload: { code: String(i) } }], 60000)));
    const wrong = [];
    logs.forEach((log, i) => {
      const mine = log.filter((e) => e[0] !== "onIgnored").map((e) => [e[0], e[1].step ?? e[1].documentId ?? e[1].message ?? e[1].code]);
      const want = i % 2 === 0
        ? [["onExit", String(i)], ["onEvent", String(i)], ["onError", String(i)], ["onEvent", String(i)]]
        : [["onDocumentRead", String(i)], ["onEvent", String(i)], ["onSignError", String(i)], ["onEvent", String(i)]];
      if (JSON.stringify(mine) !== JSON.stringify(want)) wrong.push([i, mine]);
      const others = log.filter((e) => e[0] === "onIgnored" && !e[3]);
      if (others.length !== 2 * (N - 1) || others.some((e) => e[1] !== "source")) wrong.push([i, "ignored", others.length]);
    });
    const active = watchers.filter((w) => w.active).length;
    watchers.forEach((w, i) => (i % 3 === 0 ? w.free() : w.stop()));
    frames.forEach((f) => f.remove());
    return { wrong: wrong.slice(0, 5), wrongCount: wrong.length, active };
  }, { vendor: fixture.servers.peer, N });
  assert.deepEqual(result.wrong, []);
  assert.equal(result.active, N);
  console.log(`[lifecycle] ${N} watchers on ${N} frames, 2 rounds: ${Date.now() - started} ms`);
  await assertClean(h, "300 watchers");
  await h.page.close();
});

test("a frame removed from the DOM or navigated to another origin: its messages are not accepted", async () => {
  const h = await host();
  const result = await h.page.evaluate(async ({ vendor, evil }) => {
    const out = {};
    const complete = { status: "complete", authCode: "cod_1" };
    // Removed.
    const f = await t.frame(`${vendor}/vendor.html`);
    const log = [];
    const w = pkg.watchIgnition(t.recording("ignition", log, { source: f }));
    await t.send(f, [complete]);
    const oldWindow = f.contentWindow;
    f.remove();
    t.post(complete, vendor, oldWindow); // what a stale reference would look like
    t.post(complete, vendor, null);
    out.removed = log.filter((e) => !e[3]).map((e) => e[0] === "onIgnored" ? "onIgnored " + e[1] : e[0]);
    log.length = 0;
    // Put back: a new browsing context; the watcher reads contentWindow at each message.
    const back = new Promise((r) => f.addEventListener("load", r, { once: true }));
    document.body.appendChild(f);
    await back;
    await t.send(f, [complete]);
    out.reinserted = log.filter((e) => !e[3]).map((e) => e[0]);
    log.length = 0;
    // Navigated to another origin: same WindowProxy, so the source check passes; the origin check
    // does not. The default allowed origin is the src when the watcher started, not the new one.
    const nav = new Promise((r) => f.addEventListener("load", r, { once: true }));
    f.src = `${evil}/vendor.html?hello=${encodeURIComponent(JSON.stringify(complete))}`;
    await nav;
    await t.send(f, [complete, { status: "exit" }]);
    out.navigatedAway = log.filter((e) => !e[3]).map((e) => e[0] === "onIgnored" ? "onIgnored " + e[1] : e[0]);
    log.length = 0;
    const home = new Promise((r) => f.addEventListener("load", r, { once: true }));
    f.contentWindow.location.href = `${vendor}/vendor.html`; // navigated from outside, cross-origin
    await home;
    await t.send(f, [complete]);
    out.navigatedBack = log.filter((e) => !e[3]).map((e) => e[0]);
    w.stop();
    f.remove();
    out.active = w.active;
    return out;
  }, { vendor: fixture.servers.vendor, evil: fixture.servers.evil });
  assert.deepEqual(result.removed, ["onComplete", "onEvent", "onIgnored source", "onIgnored source"]);
  assert.deepEqual(result.reinserted, ["onComplete", "onEvent"]);
  assert.deepEqual(result.navigatedAway, ["onIgnored origin", "onIgnored origin", "onIgnored origin"]);
  assert.deepEqual(result.navigatedBack, ["onComplete", "onEvent"]);
  await assertClean(h, "removed and navigated frames");
  await h.page.close();
});

// The testing helper (embed-events/testing) in a real engine. Engines' MessageEvent constructors
// differ in which windows they take as `source` (Firefox refuses a sandboxed frame's when the frame
// is on the page's own origin; WebKitGTK a removed frame's), and Chromium answers `window` with null
// for a closed cross-origin window: dispatchVendorMessage must dispatch "from" every frame or
// window a watcher can be bound to, and watch*() must take every window as `source`.
test("dispatchVendorMessage from sandboxed, cross-origin and removed frames and a closed window: heard exactly as the frame's own messages", async () => {
  const h = await host();
  const result = await h.page.evaluate(async ({ vendor }) => {
    const { dispatchVendorMessage, exampleMessages } = await import("/dist/testing.js");
    const calls = (log) => log.filter((e) => !e[3]).map((e) => (e[0] === "onIgnored" ? `onIgnored ${e[1]}` : e[0]));
    const out = {};
    // Sandboxed (an opaque origin, "null"), on this page's origin and on another; bound by source.
    for (const [name, base] of [["sandboxedHere", location.origin], ["sandboxedThere", vendor]]) {
      const sandboxed = document.createElement("iframe");
      sandboxed.setAttribute("sandbox", "allow-scripts");
      sandboxed.src = `${base}/vendor.html`;
      const loaded = new Promise((resolve) => sandboxed.addEventListener("load", resolve, { once: true }));
      document.body.appendChild(sandboxed);
      await loaded;
      const log = [];
      const w = pkg.watchSignere(t.recording("signere", log, { origins: ["null"], source: sandboxed }));
      dispatchVendorMessage(exampleMessages.signere.sign_success, { origin: "null", source: sandboxed });
      dispatchVendorMessage(exampleMessages.signere.sign_success, { origin: "null", source: A });
      out[name] = calls(log);
      w.stop();
      sandboxed.remove();
    }
    // Cross-origin, bound by source, its origin from the frame's src.
    let log = [];
    let w = pkg.watchIgnition(t.recording("ignition", log, { source: A }));
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: vendor, source: A });
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: vendor, source: window });
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: vendor });
    out.crossOrigin = calls(log);
    w.stop();
    // Removed: it has no window any more, so nothing "from" it is heard.
    const f = await t.frame(`${vendor}/vendor.html`);
    log = [];
    w = pkg.watchIgnition(t.recording("ignition", log, { source: f }));
    f.remove();
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: vendor, source: f });
    out.removed = calls(log);
    w.stop();
    // A removed frame's window, as a closed popup's: still a Window to watch and to dispatch from.
    const g = await t.frame(`${vendor}/vendor.html`);
    const closed = g.contentWindow;
    g.remove();
    log = [];
    w = pkg.watchIgnition(t.recording("ignition", log, { origins: vendor, source: closed }));
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: vendor, source: closed });
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: vendor, source: A });
    out.closedWindow = calls(log);
    w.stop();
    return out;
  }, { vendor: fixture.servers.vendor });
  assert.deepEqual(result.sandboxedHere, ["onSignSuccess", "onEvent", "onIgnored source"]);
  assert.deepEqual(result.sandboxedThere, ["onSignSuccess", "onEvent", "onIgnored source"]);
  assert.deepEqual(result.crossOrigin, ["onExit", "onEvent", "onIgnored source", "onIgnored source"]);
  assert.deepEqual(result.removed, ["onIgnored source"]);
  assert.deepEqual(result.closedWindow, ["onExit", "onEvent", "onIgnored source"]);
  await assertClean(h, "dispatchVendorMessage");
  await h.page.close();
});

test("one AbortSignal for 100 watchers, aborted from inside one watcher's callback, stops them all", async () => {
  const h = await host();
  const result = await h.page.evaluate(async ({ vendorOrigin }) => {
    const controller = new AbortController();
    window.sharedSignal = controller.signal;
    const calls = [];
    const watchers = [];
    for (let i = 0; i < 100; i++) {
      const vendor = i % 2 ? "signere" : "ignition";
      const log = [];
      calls.push(log);
      const options = t.recording(vendor, log, { origins: vendorOrigin, source: A, signal: controller.signal });
      if (i === 40) {
        const inner = options.onExit;
        options.onExit = (e) => { inner(e); controller.abort(); };
      }
      watchers.push(vendor === "ignition" ? pkg.watchIgnition(options) : pkg.watchSignere(options));
    }
    await t.send(A, [{ status: "exit" }, { status: "exit" }, '{"type":"spinner_on"}']);
    return {
      // Watchers 0..40 saw the first exit (Ignition ones) or ignored it as malformed (Signere ones);
      // 41..99 were stopped before the browser got to their listener.
      before41: calls.slice(0, 41).map((log) => log.map((e) => e[0]).join(",")),
      after40: calls.slice(41).filter((log) => log.length > 0).length,
      active: watchers.filter((w) => w.active).length,
      aborted: controller.signal.aborted,
    };
  }, { vendorOrigin: fixture.servers.vendor });
  result.before41.forEach((calls, i) => {
    // Watcher 40 aborts inside onExit, so its own onEvent does not run either.
    assert.equal(calls, i % 2 ? "onIgnored" : i === 40 ? "onExit" : "onExit,onEvent", `watcher ${i}`);
  });
  assert.equal(result.after40, 0);
  assert.equal(result.active, 0);
  assert.equal(await listenersOn(h.page, "window.sharedSignal", "abort"), 0, "the signal keeps listeners");
  await assertClean(h, "shared AbortSignal");
  await h.page.close();
});

/** Two identical rounds of `round`: linear memory never shrinks, but the allocator reuses what it
 * freed, so the second round must need no more memory, and hold no more JavaScript references
 * (the externref table), than the first; and the JavaScript heap after a forced collection must
 * not grow by more than the collector's own noise (JS_HEAP_SLACK), where a leak of anything per
 * watcher or per message (a listener, a closure, a queued event) would show as megabytes. */
async function twoRounds(h, what, round) {
  const settled = async () => ({ ...(await h.page.evaluate(() => t.settledMemory())), heap: await jsHeapUsed(h.page) });
  const start = await settled();
  const first = { ...(await round()), memory: await settled() };
  const second = { ...(await round()), memory: await settled() };
  const kb = (bytes) => (bytes === null ? "(not measured)" : `${Math.round(bytes / 1024)} KB`);
  console.log(
    `[lifecycle] ${what}: wasm memory ${start.bytes} → ${first.memory.bytes} → ${second.memory.bytes} bytes; ` +
      `externref table ${start.externrefs} → ${first.memory.externrefs} → ${second.memory.externrefs}; ` +
      `JS heap ${kb(start.heap)} → ${kb(first.memory.heap)} → ${kb(second.memory.heap)}`,
  );
  return { start, first, second };
}

/** What a forced garbage collection leaves varying between two identical rounds (measured: tens of KB). */
const JS_HEAP_SLACK = 256 * 1024;

/** The wasm memory and reference table (every engine), then the JavaScript heap as a subtest of
 * `t` (skipped, with the reason, in an engine where it cannot be measured). */
async function assertFlat(t, { first, second }, what) {
  assert.equal(typeof first.memory.bytes, "number", `${what}: the wasm instance was never made`);
  assert.equal(second.memory.bytes, first.memory.bytes, `${what}: wasm memory grew between two identical rounds`);
  assert.equal(second.memory.externrefs, first.memory.externrefs, `${what}: the table of JavaScript references grew between two identical rounds`);
  const heap = `${what}: the JavaScript heap after a forced garbage collection does not grow`;
  if (first.memory.heap === null) return t.test(heap, { skip: HEAP_UNSEEN_REASON[ENGINE] });
  await t.test(heap, () => {
    assert.ok(
      second.memory.heap <= first.memory.heap + JS_HEAP_SLACK,
      `${what}: the JavaScript heap grew by ${second.memory.heap - first.memory.heap} bytes between two identical rounds`,
    );
  });
}

test("10,000 watch/stop cycles, twice: no listener left behind, wasm memory and JS heap flat", async (t) => {
  const h = await host();
  // An engine without Symbol.dispose (WebKitGTK 2.50) gets the polyfill a page would install, after
  // the package was imported: the contract says watcher[Symbol.dispose] then works too.
  const polyfilled = await h.page.evaluate(() => {
    if (typeof Symbol.dispose === "symbol") return false;
    Symbol.dispose = Symbol("Symbol.dispose");
    return true;
  });
  if (polyfilled) console.log("[lifecycle] no Symbol.dispose in this engine: a polyfill symbol was installed after the package was imported");
  const rounds = await twoRounds(h, "10,000 watch/stop cycles", () => h.page.evaluate(async ({ vendorOrigin }) => {
    const noop = () => {};
    let active = 0;
    for (let i = 0; i < 10000; i++) {
      const controller = new AbortController();
      const options = { origins: [vendorOrigin, "https://sign.idfy.io/"], source: A, signal: controller.signal, onEvent: noop, onIgnored: noop, onUnknown: noop };
      const w = i % 2 ? pkg.watchSignere({ ...options, onSignSuccess: noop }) : pkg.watchIgnition({ ...options, onComplete: noop, once: i % 4 === 0 });
      if (w.active) active++;
      switch (i % 4) {
        case 0: w.stop(); break;
        case 1: w.free(); break;
        case 2: controller.abort(); w.free(); break;
        default: w[Symbol.dispose]();
      }
    }
    return { active, memory: t.memory() };
  }, { vendorOrigin: fixture.servers.vendor }));
  assert.equal(rounds.first.active, 10_000);
  assert.equal(await windowMessageListeners(h.page), h.baseline, "watch/stop cycles left listeners behind");
  await assertFlat(t, rounds, "watch/stop cycles");
  await assertClean(h, "watch/stop cycles");
  await h.page.close();
});

/** `total` real messages from frame P (the last 10,000 from Q) to three watchers, in batches of 10,000. */
function messages(h, mix, total) {
  return () => h.page.evaluate(async ({ vendorOrigin, mix, total }) => {
    const [A, B] = [P, Q];
    const counts = { events: 0, unknown: 0, ignored: 0 };
    // Not counting the harness's sentinels, which the watchers ignore as malformed.
    const count = (key) => () => { if (!window.harness.current.sentinel) counts[key]++; };
    const ws = [
      pkg.watchIgnition({ origins: vendorOrigin, source: A, onEvent: count("events"), onUnknown: count("unknown"), onIgnored: count("ignored") }),
      pkg.watchSignere({ origins: vendorOrigin, source: A, onEvent: count("events"), onUnknown: count("unknown"), onIgnored: count("ignored") }),
      pkg.watchIgnition({ origins: vendorOrigin, onComplete: count("events") }),
    ];
    let sent = 0;
    const rounds = total / 10000;
    for (let round = 0; round < rounds; round++) {
      const batch = [];
      for (let i = 0; i < 10000; i++) batch.push(mix[(i + round) % mix.length]);
      await t.send(round === rounds - 1 ? B : A, batch, 60000);
      sent += batch.length;
    }
    for (const w of ws) w.stop();
    return { sent, counts, memory: t.memory() };
  }, { vendorOrigin: fixture.servers.peer, mix, total });
}

test("100,000 mixed messages (two rounds of 50,000): every one handled, wasm memory and JS heap flat", async (t) => {
  const h = await host();
  // Valid events of both vendors, unknown ones, malformed objects and JSON, noise from dev tools
  // and wallets; from the watched frame and from another one. (Strings that are not JSON have a
  // test of their own below.)
  const mix = [
    { status: "complete", authCode: "cod_1", client: "c", result: "link", extra: { a: [1, 2] } },
    '{"status":"exit","step":"s"}',
    { type: "sign_error", payload: { error: { code: "SA-1017", message: "timeout" }, documentId: "d" } },
    '{"type":"eid_selected","payload":{"eid":"no_bankid"}}',
    { status: "opened" }, '{"type":"ping"}', 42, null, [1, 2], "[1,2]", "null",
    { source: "react-devtools-content-script", hello: true },
    { target: "metamask-inpage", data: { name: "metamask-provider", data: { jsonrpc: "2.0", id: 1, result: "0x1" } } },
    { status: "complete", authCode: 42 }, '{"type":"eid_selected"}', JSON.stringify({ s: "x".repeat(1000) }),
  ];
  const started = Date.now();
  const rounds = await twoRounds(h, "2 × 50,000 mixed messages", messages(h, mix, 50_000));
  console.log(`[lifecycle] 50,000 mixed messages: ${JSON.stringify(rounds.first.counts)} per round; two rounds in ${Date.now() - started} ms`);
  assert.equal(rounds.first.sent + rounds.second.sent, 100_000);
  assert.deepEqual(rounds.second.counts, rounds.first.counts);
  assert.ok(rounds.first.counts.events > 10_000 && rounds.first.counts.unknown > 2_500 && rounds.first.counts.ignored > 25_000);
  await assertFlat(t, rounds, "mixed messages");
  await assertClean(h, "mixed messages");
  await h.page.close();
});

// Strings that are not JSON reach the wasm decoder, which answers "malformed" without throwing. An
// exception caught inside the wasm would keep a slot of wasm-bindgen's externref table for ever (see
// tests/browser_hostile.rs): 1968154, which let JSON.parse throw there, leaked three slots per
// message here. Nothing may leak.
test("non-JSON string messages from the allowed frame (two rounds of 10,000): wasm memory and JS heap flat", async (t) => {
  const h = await host();
  const rounds = await twoRounds(h, "2 × 10,000 non-JSON strings", messages(h, ["GET_URL", "nextTick", "setImmediate$0.5$1", "{", "x".repeat(100)], 10_000));
  assert.deepEqual(rounds.second.counts, rounds.first.counts);
  assert.equal(rounds.first.counts.ignored, 2 * 10_000);
  await assertFlat(t, rounds, "non-JSON strings");
  await assertClean(h, "non-JSON strings");
  await h.page.close();
});

// A user callback that throws is reported from JavaScript. Up to e4c891b callbacks were called
// through a catching wasm import, and every exception caught inside the wasm kept one slot of
// wasm-bindgen's externref table (and the error object) for ever, ~15,000 slots per round here.
// Nothing may leak.
test("callbacks that throw on every message (two rounds of 10,000): no JavaScript reference leaks", async (t) => {
  const h = await host();
  const rounds = await twoRounds(h, "2 × 10,000 messages to throwing callbacks", () => h.page.evaluate(async ({ vendorOrigin }) => {
    const fail = () => { throw new Error("callback failure"); };
    const w = pkg.watchIgnition({ origins: vendorOrigin, source: P, onExit: fail, onEvent: fail, onIgnored: (i) => { if (!window.harness.current.sentinel) fail(); } });
    const batch = [];
    for (let i = 0; i < 5000; i++) batch.push({ status: "exit" }, "GET_URL");
    await t.send(P, batch, 60000);
    w.stop();
    const reported = t.reported.length;
    t.reported.length = 0;
    return { counts: { reported } };
  }, { vendorOrigin: fixture.servers.peer }));
  assert.equal(rounds.first.counts.reported, 15_000);
  await assertFlat(t, rounds, "throwing callbacks");
  await h.page.close();
});

// Regression: see tests/browser_hostile.rs,
// a_revoked_proxy_in_message_data_is_malformed_never_thrown. A script in the page dispatches
// message events with an allowed origin whose data is, or holds, a revoked Proxy, on which
// `Array.isArray` and property reads throw. At 1968154 those exceptions unwound through the wasm
// and after 1,024 of them the instance trapped on every message, for every watcher ("table index
// is out of bounds"). Such data is malformed: nothing throws, and the shared instance keeps working.
test("revoked-Proxy message data does not throw, nor poison the wasm instance for every watcher", async () => {
  const h = await host();
  const result = await h.page.evaluate(async ({ vendorOrigin }) => {
    const delivered = [];
    const w = pkg.watchIgnition({ origins: vendorOrigin, onExit: () => delivered.push("exit") });
    const ws = pkg.watchSignere({ origins: vendorOrigin, onSpinnerOn: () => delivered.push("spinner_on") });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const data of [proxy, { status: proxy, type: proxy }, { type: "sign_error", payload: { error: proxy } }]) {
      for (let i = 0; i < 1100; i++) t.post(data, vendorOrigin, null);
    }
    t.post({ status: "exit" }, vendorOrigin, null);
    t.post({ type: "spinner_on" }, vendorOrigin, null);
    const fresh = [];
    const w2 = pkg.watchSignere({ origins: vendorOrigin, onSpinnerOn: () => fresh.push("spinner_on") });
    t.post({ type: "spinner_on" }, vendorOrigin, null);
    for (const x of [w, ws, w2]) x.stop();
    const errors = [...new Set(t.errors)];
    const count = t.errors.length;
    t.errors.length = 0;
    return { delivered, fresh, errors, count };
  }, { vendorOrigin: fixture.servers.vendor });
  h.pageErrors.length = 0;
  assert.deepEqual({ errors: result.errors, delivered: result.delivered, fresh: result.fresh },
    // ws is still watching when the second spinner_on is posted, so it hears both.
    { errors: [], delivered: ["exit", "spinner_on", "spinner_on"], fresh: ["spinner_on"] },
    `${result.count} uncaught errors`);
  await h.page.close();
});
