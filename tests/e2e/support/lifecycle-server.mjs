// Test servers for the lifecycle and secrets end-to-end tests: the host page and the built package
// on http://127.0.0.1:P, a vendor frame on http://localhost:P2 (another origin and site), the same
// vendor page on http://127.0.0.2:P3 (a third origin, where a frame can be navigated away to) and on
// http://127.0.0.1:P4 (another origin on the host's site). Node's built-in http server only; bound
// to loopback addresses; every server closes with close().
import { after, before } from "node:test";
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { ENGINE, LISTENER_COUNTER, WASM_INSTANCES, jsHeapUsed as heapOf, launch, listenerCount } from "../../engines/browsers.mjs";

const root = fileURLToPath(new URL("../../../", import.meta.url));
// EMBED_EVENTS_DIST: another build of the package to serve as /dist/ (the test build, with the
// test-only vendor: tests/e2e/vendor.test.mjs).
const dist = process.env.EMBED_EVENTS_DIST ?? join(root, "dist");

const TYPES = {
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".html": "text/html; charset=utf-8",
};

// The host page: loads the package (with no set-up step: the first watcher compiles its wasm),
// exposes it, and registers one harness listener first, so that it runs before any watcher for
// every message and can say which message the watchers' callbacks are about. Classic scripts,
// which run before any module script, count event listeners in any engine
// (tests/engines/listeners.js), and record every wasm instance the page creates
// (tests/engines/instances.js), so the tests can
// read the package's wasm memory and its table of JavaScript references, which the package itself
// does not expose.
const HOST_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>embed-events lifecycle host</title>
<body>
<script>
${LISTENER_COUNTER}
</script>
<script>
${WASM_INSTANCES}
</script>
<script type="module">
import * as pkg from "/dist/index.js";
import { dispatchVendorMessage } from "/dist/testing.js";
window.harness = { seq: 0, current: null, sentinels: new Map(), received: 0 };
window.addEventListener("message", (event) => {
  const h = window.harness;
  h.received++;
  let sentinel;
  try {
    const data = event.data;
    if (data !== null && typeof data === "object" && Object.prototype.hasOwnProperty.call(data, "__sentinel")) sentinel = data.__sentinel;
  } catch {
    // Hostile data (a revoked Proxy) is not the harness's business.
  }
  h.current = { seq: ++h.seq, origin: event.origin, sentinel };
  if (sentinel !== undefined) {
    const waiter = h.sentinels.get(sentinel);
    // A new task, so that every watcher has seen the sentinel before the test goes on.
    if (waiter) { h.sentinels.delete(sentinel); setTimeout(waiter, 0); }
  }
});
// Helpers the tests drive through page.evaluate.
window.t = {
  /** An iframe on src, appended and loaded. */
  frame(src) {
    const f = document.createElement("iframe");
    f.src = src;
    const loaded = new Promise((resolve) => f.addEventListener("load", () => resolve(f), { once: true }));
    document.body.appendChild(f);
    return loaded;
  },
  /** The frame posts each message to this page, then a sentinel; resolves when the sentinel arrived. */
  send(frame, messages, timeout = 20000) {
    const id = "s" + Math.random().toString(36).slice(2);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { window.harness.sentinels.delete(id); reject(new Error("no sentinel from " + frame.src)); }, timeout);
      window.harness.sentinels.set(id, () => { clearTimeout(timer); resolve(); });
      frame.contentWindow.postMessage({ cmd: "post", messages, sentinel: id }, "*");
    });
  },
  /**
   * Synthetic message event (any origin; a window or null as source), dispatched synchronously by
   * the package's own dispatchVendorMessage, which gives it its source in every engine.
   */
  post(data, origin, source) {
    dispatchVendorMessage(data, { origin, source });
  },
  CALLBACKS: {
    ignition: ["onComplete", "onExit", "onError"],
    signere: ["onDocumentExpired", "onDocumentRead", "onEidSelected", "onLanguageChanged", "onSignSuccess",
              "onSignError", "onSpinnerOn", "onSpinnerOff", "onUserAborted", "onAppStarted", "onOutdatedBrowser"],
  },
  /** Options with every callback pushing [name, value, message seq] to log, plus extra. */
  recording(vendor, log, extra = {}) {
    const o = {};
    const seq = () => window.harness.current && window.harness.current.seq;
    for (const name of window.t.CALLBACKS[vendor]) o[name] = (e) => log.push([name, e, seq()]);
    o.onEvent = (e) => log.push(["onEvent", e, seq()]);
    o.onUnknown = (u) => log.push(["onUnknown", u.name, seq()]);
    // The fourth element says whether the message was a harness sentinel (which watchers ignore).
    o.onIgnored = (i) => log.push(["onIgnored", i.reason, seq(), window.harness.current ? window.harness.current.sentinel !== undefined : false]);
    return Object.assign(o, extra);
  },
  /** Uncaught errors that reach the window, and reportError calls. */
  errors: [],
  reported: [],
  /** The package's wasm instance: its linear memory and its table of JavaScript references (null
   * before the first call that needs the wasm), and how many instances the page has made. */
  memory() {
    const wasm = window.wasmInstances.length ? window.wasmInstances[0].exports : null;
    return {
      instances: window.wasmInstances.length,
      bytes: wasm ? wasm.memory.buffer.byteLength : null,
      externrefs: wasm && wasm.__wbindgen_externrefs ? wasm.__wbindgen_externrefs.length : null,
    };
  },
  /** Collect garbage a few times, letting tasks run in between, then measure. */
  async settledMemory() {
    for (let i = 0; i < 3; i++) {
      if (typeof gc === "function") gc();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return window.t.memory();
  },
};
window.addEventListener("error", (e) => { window.t.errors.push(String(e.message)); });
globalThis.reportError = (e) => { window.t.reported.push(e && e.message !== undefined ? String(e.message) : String(e)); };
window.pkg = pkg;
window.ready = true;
</script>
</body>`;

// The vendor frame: posts to its parent on command. The parent (another origin) sends
// { cmd: "post", messages, sentinel }; the frame posts each message, then { __sentinel }.
// With ?hello=JSON it posts that once when loaded.
const VENDOR_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>vendor frame</title>
<script>
window.addEventListener("message", (event) => {
  const command = event.data;
  if (!command || command.cmd !== "post") return;
  for (const message of command.messages) parent.postMessage(message, "*");
  if (command.sentinel !== undefined) parent.postMessage({ __sentinel: command.sentinel }, "*");
});
const hello = new URLSearchParams(location.search).get("hello");
if (hello !== null) parent.postMessage(JSON.parse(hello), "*");
</script>`;

async function handle(request, response) {
  const url = new URL(request.url, "http://x");
  const send = (status, type, body) => {
    response.writeHead(status, { "content-type": type, "cache-control": "no-store" });
    response.end(body);
  };
  try {
    if (url.pathname === "/" || url.pathname === "/host.html") return send(200, TYPES[".html"], HOST_PAGE);
    if (url.pathname === "/vendor.html") return send(200, TYPES[".html"], VENDOR_PAGE);
    if (url.pathname.startsWith("/dist/")) {
      const file = normalize(join(dist, decodeURIComponent(url.pathname.slice("/dist/".length))));
      if (!file.startsWith(dist + sep)) return send(403, "text/plain", "forbidden");
      return send(200, TYPES[extname(file)] ?? "application/octet-stream", await readFile(file));
    }
    if (url.pathname === "/favicon.ico") return send(204, "text/plain", "");
    return send(404, "text/plain", "not found");
  } catch (error) {
    return send(404, "text/plain", String(error));
  }
}

function listen(host) {
  return new Promise((resolve, reject) => {
    const server = createServer(handle);
    server.on("error", reject);
    server.listen(0, host, () => resolve(server));
  });
}

/** Start the three servers; `close()` stops them. */
export async function startServers() {
  const servers = [];
  try {
    const host = await listen("127.0.0.1");
    servers.push(host);
    const vendor = await listen("127.0.0.1");
    servers.push(vendor);
    const evil = await listen("127.0.0.2");
    servers.push(evil);
    const peer = await listen("127.0.0.1");
    servers.push(peer);
    const urls = {
      host: `http://127.0.0.1:${host.address().port}`,
      vendor: `http://localhost:${vendor.address().port}`,
      evil: `http://127.0.0.2:${evil.address().port}`,
      // Another origin on the host's site (same address, another port): its frames share the
      // host's renderer process, so bulk tests run fast.
      peer: `http://127.0.0.1:${peer.address().port}`,
    };
    // Not enumerable, so the URLs can be passed to page.evaluate as they are.
    Object.defineProperty(urls, "close", {
      value: () => Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections?.(); s.close(r); }))),
    });
    return urls;
  } catch (error) {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
    throw error;
  }
}

/** Open the host page in a new page of `browser` (tests/engines/browsers.mjs); resolves once the package is imported. */
export async function openHost(browser, servers) {
  const page = await browser.newPage();
  await page.goto(`${servers.host}/host.html`);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 20_000 });
  return { page };
}

/**
 * The page's JavaScript heap in use, in bytes, after a full garbage collection (through the
 * DevTools protocol, so nothing the page holds for the measurement is counted); `null` in an
 * engine where that cannot be measured (see tests/engines/browsers.mjs).
 */
export function jsHeapUsed(page) {
  return heapOf(page);
}

/** How many `message` listeners the page's window has (DevTools protocol in Chromium, the page's own counter elsewhere). */
export function windowMessageListeners(page) {
  return listenerCount(page, "window", "message");
}

/** Listeners of `type` on the object an expression gives (e.g. an AbortSignal kept on window). */
export function listenersOn(page, expression, type) {
  return listenerCount(page, expression, type);
}

/**
 * Register the suite's before/after hooks: start the servers and the engine under test
 * (EMBED_EVENTS_ENGINE; Chromium with `gc()` exposed, so memory is measured after a collection),
 * and close both at the end. The returned object's `servers` and `browser` are set once the before
 * hook has run.
 */
export function useServersAndBrowser() {
  const fixture = { servers: undefined, browser: undefined, engine: ENGINE };
  before(async () => {
    fixture.servers = await startServers();
    fixture.browser = await launch(ENGINE, { exposeGc: true });
  });
  after(async () => {
    await fixture.browser?.close();
    await fixture.servers?.close();
  });
  return fixture;
}
