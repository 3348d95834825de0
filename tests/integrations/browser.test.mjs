// embed-events/testing and embed-events/react in headless Chromium, against the built package (run
// `npm run build` first). Pages are served by Playwright's request routing: the app on
// http://app.test, the vendors' frames on their real origins (https://ignition.axle.insure,
// https://ignition.sandbox.axle.insure, https://sign.idfy.io), each frame a page that posts back what
// its parent asks it to, so a real cross-origin postMessage can be compared with dispatchVendorMessage.
//
// The React app (react-app/main.jsx, React 19, StrictMode, bundled by esbuild as development build so
// that StrictMode mounts twice) runs with EventTarget.prototype.addEventListener and
// removeEventListener wrapped before any of its scripts (tests/engines/listeners.js), to count the
// `message` listeners on window.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { LISTENER_COUNTER, collectProblems, launchBrowser } from "../e2e/support.mjs";
import { bundleReactPage } from "../e2e/support/react-bundle.mjs";
import { DELIVERED, ORIGINS } from "./expected.mjs";
import { root, vendorTablesJson } from "./support.mjs";

const APP = "http://app.test";
const TABLES = JSON.parse(vendorTablesJson());
const { ignition: IGNITION, sandbox: SANDBOX, signere: SIGNERE } = ORIGINS;
const VENDORS = new Set([IGNITION, SANDBOX, SIGNERE]);

// A vendor's frame: posts to its parent whatever the parent asks it to post.
const VENDOR_PAGE = `<!doctype html><title>vendor</title><script>
addEventListener("message", (e) => { if (e.source === parent && e.data && "post" in e.data) parent.postMessage(e.data.post, "*"); });
</script>`;

const TESTING_PAGE = `<!doctype html><title>testing</title>
<script type="importmap">{ "imports": { "embed-events": "/dist/index.js", "embed-events/testing": "/dist/testing.js" } }</script>
<script type="module">
import * as pkg from "embed-events";
import * as testing from "embed-events/testing";
Object.assign(window, { pkg, testing });
</script>`;

const REACT_PAGE = `<!doctype html><title>react</title><div id="root"></div><script src="/app.js"></script>`;

let browser;
let app;
let appInputs;

before(async () => {
  const result = await bundleReactPage("tests/integrations/react-app/main.jsx", { metafile: true });
  app = result.outputFiles[0].text;
  appInputs = Object.keys(result.metafile.inputs);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** A page of a fresh context whose requests are all answered here. */
async function open(path, { countListeners = false } = {}) {
  const context = await browser.newContext();
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    const html = (body) => route.fulfill({ status: 200, contentType: "text/html", body });
    const js = (body) => route.fulfill({ status: 200, contentType: "text/javascript", body });
    if (VENDORS.has(url.origin)) return html(VENDOR_PAGE);
    if (url.origin !== APP) return route.abort();
    if (url.pathname === "/testing.html") return html(TESTING_PAGE);
    if (url.pathname === "/react.html") return html(REACT_PAGE);
    if (url.pathname === "/app.js") return js(app);
    if (/^\/dist\/(index|testing|react)\.js$/.test(url.pathname)) return js(readFileSync(join(root, url.pathname)));
    return route.fulfill({ status: 404, body: "" });
  });
  const page = await context.newPage();
  if (countListeners) await page.addInitScript(LISTENER_COUNTER);
  const problems = collectProblems(page);
  await page.goto(`${APP}${path}`);
  return { page, problems, close: () => context.close() };
}

test("the React app's bundle holds one copy of the package: react.js, testing.js and index.js, no other", () => {
  const ours = appInputs.filter((p) => p.startsWith("dist/") || p.includes("npm-stage") || p.startsWith("src/"));
  assert.deepEqual(ours.sort(), ["dist/index.js", "dist/react.js", "dist/testing.js"]);
  assert.equal(app.split("watchers need a browser page").length - 1, 1);
});

test("browser: dispatchVendorMessage and exampleMessages with both watchers, as a real frame's postMessage", async () => {
  const { page, problems, close } = await open("/testing.html");
  await page.waitForFunction(() => window.testing && window.pkg);
  const result = await page.evaluate(async ({ tables, origins }) => {
    const { pkg, testing } = window;
    const { dispatchVendorMessage, exampleMessages } = testing;
    const loaded = (src) =>
      new Promise((resolve) => {
        const f = document.createElement("iframe");
        f.addEventListener("load", () => resolve(f), { once: true });
        f.src = src;
        document.body.append(f);
      });
    const frames = {
      Ignition: await loaded(`${origins.Ignition}/frame.html`),
      Signere: await loaded(`${origins.Signere}/frame.html`),
    };
    const other = await loaded(`${origins.Ignition}/frame.html?other`);
    const examples = { Ignition: exampleMessages.ignition, Signere: exampleMessages.signere };
    const watch = { Ignition: pkg.watchIgnition, Signere: pkg.watchSignere };
    const recording = (table, log) => {
      const options = {};
      for (const name of [...table.events.map((e) => e.callback), "onEvent", "onIgnored", "onUnknown"]) {
        options[name] = (value) => log.push([name, value]);
      }
      return options;
    };
    const out = { delivered: {}, real: {}, synchronous: true, ignored: {} };
    for (const table of tables) {
      const vendor = table.name;
      const frame = frames[vendor];
      for (const e of table.events) {
        const log = [];
        const w = watch[vendor]({ source: frame, origins: origins[vendor], ...recording(table, log) });
        const message = examples[vendor][e.name];
        dispatchVendorMessage(message, { origin: origins[vendor], source: frame });
        out.synchronous &&= log.length === 2;
        dispatchVendorMessage(JSON.stringify(message), { origin: origins[vendor], source: frame });
        out.delivered[`${vendor} ${e.name}`] = log.splice(0);
        // The same message posted by the vendor's frame itself, from its real origin.
        frame.contentWindow.postMessage({ post: message }, "*");
        const deadline = Date.now() + 5000;
        while (log.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
        await new Promise((r) => setTimeout(r, 20));
        out.real[`${vendor} ${e.name}`] = log.splice(0);
        w.stop();
      }
    }
    // Origin and source checks.
    const log = [];
    const w = pkg.watchIgnition({ source: frames.Ignition, ...recording(tables[0], log) });
    const complete = exampleMessages.ignition.complete;
    dispatchVendorMessage(complete, { origin: "https://evil.example", source: frames.Ignition });
    dispatchVendorMessage(complete, { origin: origins.Sandbox, source: frames.Ignition });
    dispatchVendorMessage(complete, { origin: origins.Ignition, source: other });
    dispatchVendorMessage(complete, { origin: origins.Ignition, source: window });
    dispatchVendorMessage(complete, { origin: origins.Ignition });
    out.ignored.connected = log.splice(0).map(([name, value]) => `${name} ${value.reason} ${value.origin}`);
    // A frame removed from the page has no window: a message with a null source is not its own.
    const removed = frames.Ignition;
    removed.remove();
    out.removedWindow = removed.contentWindow;
    dispatchVendorMessage(complete, { origin: origins.Ignition, source: removed });
    dispatchVendorMessage(complete, { origin: origins.Ignition });
    out.ignored.removed = log.splice(0).map(([name, value]) => `${name} ${value.reason}`);
    w.stop();
    return out;
  }, { tables: TABLES, origins: { Ignition: IGNITION, Sandbox: SANDBOX, Signere: SIGNERE } });

  for (const table of TABLES) {
    for (const e of table.events) {
      const key = `${table.name} ${e.name}`;
      const value = DELIVERED[table.name][e.name];
      const once = [[e.callback, value], ["onEvent", value]];
      assert.deepEqual(result.delivered[key], [...once, ...once], key);
      assert.deepEqual(result.real[key], once, `${key}, posted by the frame`);
    }
  }
  assert.equal(result.synchronous, true, "the callbacks had run when dispatchVendorMessage returned");
  assert.deepEqual(result.ignored.connected, [
    "onIgnored origin https://evil.example",
    `onIgnored origin ${SANDBOX}`,
    `onIgnored source ${IGNITION}`,
    `onIgnored source ${IGNITION}`,
    `onIgnored source ${IGNITION}`,
  ]);
  assert.equal(result.removedWindow, null);
  assert.deepEqual(result.ignored.removed, ["onIgnored source", "onIgnored source"]);
  assert.deepEqual(problems, []);
  await close();
});

/** The React page, and helpers to drive it. */
async function reactApp() {
  const h = await open("/react.html", { countListeners: true });
  const { page } = h;
  await page.waitForFunction(() => window.app);
  // React renders from a scheduler task and runs effects after paint: wait for both, twice (an
  // effect's state update renders again).
  const settle = () =>
    page.evaluate(async () => {
      for (let i = 0; i < 2; i++) await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 10)));
    });
  return {
    ...h,
    async render(component, props) {
      await page.evaluate(([c, p]) => window.app.render(c, p), [component, props]);
      await settle();
    },
    async send(vendor, name, origin, frameId) {
      await page.evaluate((args) => window.app.send(...args), [vendor, name, origin, frameId]);
      await settle();
    },
    listeners: () =>
      page.evaluate(() => ({
        live: __listeners.count(window, "message"),
        adds: __listeners.added(window, "message"),
        max: __listeners.most(window, "message"),
      })),
    state: async () => JSON.parse(await page.locator("#state").textContent()),
    takeLog: () => page.evaluate(() => window.app.log.splice(0)),
  };
}

test("React 19 StrictMode, useSignere: one watcher at a time, each message once; callbacks and equal origins do not restart it, source and origins do; unmount leaves none", async () => {
  const app = await reactApp();
  const props = { frame: "a", origins: [SIGNERE], label: "one" };
  await app.render("Signing", props);
  // StrictMode mounted the component twice: two watchers started, the first stopped before the second.
  assert.deepEqual(await app.listeners(), { live: 1, adds: 2, max: 1 });
  assert.deepEqual(await app.state(), { active: true });

  await app.send("signere", "spinner_on", SIGNERE, "a");
  await app.send("signere", "spinner_on", SIGNERE, "b");
  assert.deepEqual(await app.takeLog(), [["one", "spinner_on"], ["one", "onEvent", "spinner_on"]]);

  // New callbacks (they close over a new label): no restart, the new ones are called.
  await app.render("Signing", { ...props, label: "two" });
  assert.equal((await app.listeners()).adds, 2);
  await app.send("signere", "spinner_on", SIGNERE, "a");
  assert.deepEqual(await app.takeLog(), [["two", "spinner_on"], ["two", "onEvent", "spinner_on"]]);

  // A new array with the same origins: no restart. Other origins: a restart.
  await app.render("Signing", { ...props, label: "two", origins: [SIGNERE] });
  assert.equal((await app.listeners()).adds, 2);
  await app.render("Signing", { ...props, label: "two", origins: [SIGNERE, "https://sign.idfy.io:8443"] });
  assert.deepEqual(await app.listeners(), { live: 1, adds: 3, max: 1 });

  // Another source: a restart; the old frame is not heard any more.
  await app.render("Signing", { ...props, label: "three", frame: "b" });
  assert.deepEqual(await app.listeners(), { live: 1, adds: 4, max: 1 });
  await app.send("signere", "spinner_on", SIGNERE, "a");
  await app.send("signere", "spinner_on", SIGNERE, "b");
  assert.deepEqual(await app.takeLog(), [["three", "spinner_on"], ["three", "onEvent", "spinner_on"]]);

  // The same ref, now holding a new iframe element (its key changed): a restart.
  await app.render("Signing", { ...props, label: "four" });
  await app.render("Signing", { ...props, label: "four", generation: 1 });
  assert.deepEqual(await app.listeners(), { live: 1, adds: 6, max: 1 });
  await app.send("signere", "spinner_on", SIGNERE, "a");
  assert.deepEqual(await app.takeLog(), [["four", "spinner_on"], ["four", "onEvent", "spinner_on"]]);

  // A terminal event: the outcome appears (the component re-rendered); the watcher keeps listening.
  await app.send("signere", "sign_success", SIGNERE, "a");
  assert.deepEqual(await app.takeLog(), [["four", "sign_success"], ["four", "onEvent", "sign_success"]]);
  assert.deepEqual(await app.state(), { active: true, outcome: DELIVERED.Signere.sign_success });

  await app.render(null);
  assert.deepEqual(await app.listeners(), { live: 0, adds: 6, max: 1 });
  await app.send("signere", "spinner_on", SIGNERE);
  assert.deepEqual(await app.takeLog(), []);
  assert.deepEqual(app.problems, []);
  await app.close();
});

test("React 19 StrictMode, useIgnition: an element source set after mount, environment restarts it, once ends it, outcome after a terminal event", async () => {
  const app = await reactApp();
  await app.render("Connect", { environment: "sandbox", label: "c" });
  let listeners = await app.listeners();
  assert.equal(listeners.live, 1);
  assert.equal(listeners.max, 1);
  assert.deepEqual(await app.state(), { active: true });

  await app.send("ignition", "complete", IGNITION, "ignition");
  assert.deepEqual(await app.takeLog(), []);
  await app.send("ignition", "complete", SANDBOX, "ignition");
  assert.deepEqual(await app.takeLog(), [["c", "complete"]]);
  assert.deepEqual(await app.state(), { active: true, outcome: DELIVERED.Ignition.complete });

  // Another environment: a restart, with no outcome yet.
  const adds = listeners.adds;
  await app.render("Connect", { environment: "production", label: "c" });
  listeners = await app.listeners();
  assert.deepEqual(listeners, { live: 1, adds: adds + 1, max: 1 });
  assert.deepEqual(await app.state(), { active: true });
  await app.send("ignition", "exit", SANDBOX, "ignition");
  await app.send("ignition", "exit", IGNITION, "ignition");
  assert.deepEqual(await app.takeLog(), [["c", "exit"]]);
  assert.deepEqual(await app.state(), { active: true, outcome: DELIVERED.Ignition.exit });

  // once: the first terminal event is delivered, and the watcher stops: active false, no listener.
  await app.render("Connect", { environment: "production", once: true, label: "d" });
  assert.deepEqual(await app.state(), { active: true });
  await app.send("ignition", "complete", IGNITION, "ignition");
  await app.send("ignition", "exit", IGNITION, "ignition");
  assert.deepEqual(await app.takeLog(), [["d", "complete"]]);
  assert.deepEqual(await app.state(), { active: false, outcome: DELIVERED.Ignition.complete });
  assert.equal((await app.listeners()).live, 0);

  await app.render(null);
  assert.deepEqual(await app.listeners(), { live: 0, adds: adds + 2, max: 1 });
  assert.deepEqual(app.problems, []);
  await app.close();
});
