// The three engines the browser tests run in, and one way to start each:
//
//   chromium  /usr/bin/chromium through playwright-core (DevTools protocol available)
//   firefox   Firefox ESR through geckodriver (WebDriver), headless
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver (WebDriver), under Xvfb
//
// EMBED_EVENTS_ENGINE picks the engine of a test file (default chromium); scripts/test.sh runs
// every suite once per engine. An engine that cannot be started fails the test that needs it.
//
// What a test needs beyond Playwright's Page API, each engine gives its own way (see the helpers
// at the end): the problems a page reports (uncaught errors, console.error), what reached the
// console as seen from outside the page, listener counts, and the JavaScript heap.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Session, WebDriverPage, startDriver } from "./webdriver.mjs";

export const ENGINES = ["chromium", "firefox", "webkit"];
export const LABELS = { chromium: "Chromium", firefox: "Firefox ESR", webkit: "WebKitGTK" };

/** The engine this test process drives. */
export const ENGINE = process.env.EMBED_EVENTS_ENGINE || "chromium";
if (!ENGINES.includes(ENGINE)) {
  throw new Error(`EMBED_EVENTS_ENGINE=${ENGINE}: expected one of ${ENGINES.join(", ")}`);
}

/** The in-page listener counter (a classic script to run before the page's own scripts). */
export const LISTENER_COUNTER = readFileSync(new URL("./listeners.js", import.meta.url), "utf8");

/** tests/engines/instances.js, for pages that inline it: records every wasm instance a page makes. */
export const WASM_INSTANCES = readFileSync(new URL("./instances.js", import.meta.url), "utf8");

function which(name) {
  try {
    return execFileSync("sh", ["-c", `command -v ${name}`], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
}

function multiarch() {
  try {
    return execFileSync("gcc", ["-print-multiarch"], { encoding: "utf8" }).trim();
  } catch {
    return `${process.arch === "arm64" ? "aarch64" : "x86_64"}-linux-gnu`;
  }
}

/** Chromium's binary (the CHROMIUM variable overrides it). */
export const CHROMIUM = process.env.CHROMIUM ?? "/usr/bin/chromium";

/** The flags Chromium runs with here, for the engine runs and the Chromium-only suites alike. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Where each engine's programs are (each overridable from the environment). */
export function programs() {
  const cargoBin = join(homedir(), ".cargo", "bin");
  return {
    chromium: CHROMIUM,
    chromedriver: process.env.CHROMEDRIVER ?? which("chromedriver") ?? "/usr/bin/chromedriver",
    firefox: process.env.FIREFOX ?? which("firefox-esr") ?? which("firefox") ?? "/usr/bin/firefox-esr",
    geckodriver: process.env.GECKODRIVER ?? which("geckodriver") ?? join(cargoBin, "geckodriver"),
    webkitWebDriver: process.env.WEBKIT_WEBDRIVER ?? which("WebKitWebDriver") ?? "/usr/bin/WebKitWebDriver",
    miniBrowser: process.env.MINIBROWSER ?? `/usr/lib/${multiarch()}/webkit2gtk-4.1/MiniBrowser`,
    xvfbRun: which("xvfb-run") ?? "/usr/bin/xvfb-run",
  };
}

function need(path, what, install) {
  if (!path || !existsSync(path)) throw new Error(`${what} not found (${path}); ${install} (scripts/setup.sh installs it)`);
}

// Per page: what the helpers below need to know.
const extras = new WeakMap();

/**
 * Start `engine`. `exposeGc`: Chromium's page gets `gc()` (the other engines have no such switch).
 * Returns `{ engine, label, version, newPage({ viewport }), close() }`; pages are Playwright pages
 * in Chromium and WebDriverPages elsewhere.
 */
export async function launch(engine = ENGINE, { exposeGc = false } = {}) {
  if (engine === "chromium") return launchChromium({ exposeGc });
  return launchWebDriver(engine);
}

async function launchChromium({ exposeGc }) {
  const p = programs();
  need(p.chromium, "Chromium", "install it: apt-get install chromium");
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: p.chromium,
    args: [...CHROMIUM_ARGS, ...(exposeGc ? ["--js-flags=--expose-gc"] : [])],
  });
  return {
    engine: "chromium",
    label: LABELS.chromium,
    version: browser.version(),
    async newPage(options = {}) {
      const page = await browser.newPage(options.viewport ? { viewport: options.viewport } : {});
      const problems = [];
      const consoleTexts = [];
      page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        consoleTexts.push(message.text());
        if (message.type() === "error") {
          const { url } = message.location();
          problems.push(`console.error${url ? ` (${url})` : ""}: ${message.text()}`);
        }
      });
      page.on("crash", () => problems.push("the page crashed"));
      extras.set(page, { engine: "chromium", problems, consoleTexts, cdp: null });
      return page;
    },
    close: () => browser.close(),
  };
}

/** WebDriver capabilities and the driver's command line, per engine. */
function webDriverSetup(engine) {
  const p = programs();
  if (engine === "firefox") {
    need(p.firefox, "Firefox", "install it: apt-get install firefox-esr");
    need(p.geckodriver, "geckodriver", "install it: cargo install geckodriver --locked");
    return {
      name: "geckodriver",
      command: (port) => [p.geckodriver, ["--port", String(port), "--host", "127.0.0.1", "--log", "warn"]],
      capabilities: {
        browserName: "firefox",
        "moz:firefoxOptions": {
          binary: p.firefox,
          args: ["-headless"],
          prefs: {
            // Every console call of every page, written to the browser's stdout (read through the
            // driver's output): the console as seen from outside the page.
            "devtools.console.stdout.content": true,
            // Nothing leaves the machine.
            "app.update.auto": false,
            "browser.shell.checkDefaultBrowser": false,
            "datareporting.policy.dataSubmissionEnabled": false,
            "toolkit.telemetry.reportingpolicy.firstRun": false,
          },
        },
        timeouts: { script: 600_000, pageLoad: 60_000, implicit: 0 },
      },
    };
  }
  need(p.webkitWebDriver, "WebKitWebDriver", "install it: apt-get install webkit2gtk-driver");
  need(p.miniBrowser, "WebKitGTK's MiniBrowser", "install it: apt-get install webkit2gtk-driver");
  need(p.xvfbRun, "xvfb-run", "install it: apt-get install xvfb");
  return {
    name: "WebKitWebDriver",
    // MiniBrowser has no headless mode: a virtual X server for it.
    command: (port) => [p.xvfbRun, ["-a", "-s", "-screen 0 1600x1200x24", p.webkitWebDriver, `--port=${port}`, "--host=local"]],
    capabilities: {
      browserName: "MiniBrowser",
      "webkitgtk:browserOptions": { binary: p.miniBrowser, args: ["--automation"] },
      timeouts: { script: 600_000, pageLoad: 60_000, implicit: 0 },
    },
  };
}

async function launchWebDriver(engine) {
  const setup = webDriverSetup(engine);
  const driver = await startDriver(setup.name, setup.command);
  let session;
  try {
    session = await Session.create(driver.url, setup.capabilities);
  } catch (error) {
    await driver.stop();
    throw new Error(`${LABELS[engine]} could not be started through ${setup.name}: ${error.message}\n${driver.output.join("").slice(-2000)}`);
  }
  const version = `${session.capabilities.browserName} ${session.capabilities.browserVersion}`;
  const pages = new Set();
  let active = null;
  let opened = 0;
  let firstWindow = await session.cmd("GET", "/window");
  return {
    engine,
    label: LABELS[engine],
    version,
    async newPage(options = {}) {
      // The session's first window, then a new one per page.
      let handle = firstWindow;
      firstWindow = null;
      if (!handle) ({ handle } = await session.cmd("POST", "/window/new", { type: "tab" }));
      const page = new WebDriverPage(session, {
        onEnter: (frame) => installCollector(page, frame),
        onLoad: () => installCollector(page, null),
      });
      page.handle = handle;
      page.problemsKey = `__embed_events_problems_${++opened}`;
      // Every command of a page goes to its own window.
      const raw = session.cmd.bind(session);
      page.session = Object.create(session, {
        cmd: {
          value: async (method, path, body) => {
            if (active !== page) {
              await raw("POST", "/window", { handle });
              active = page;
              page.current = undefined;
            }
            return raw(method, path, body);
          },
        },
      });
      page.close = async () => {
        pages.delete(page);
        if (pages.size === 0) {
          // Keep the last window (closing it would end the session): leave it blank.
          page.onEnter = page.onLoad = undefined;
          await page.goto("about:blank").catch(() => {});
          firstWindow = handle;
        } else {
          await page.session.cmd("DELETE", "/window").catch(() => {});
          // WebDriver opens new windows from the current one: make another page's window current.
          const other = pages.values().next().value;
          await raw("POST", "/window", { handle: other.handle });
          active = other;
          other.current = undefined;
        }
      };
      if (options.viewport) await page.setViewportSize(options.viewport);
      pages.add(page);
      extras.set(page, { engine, driver, consoleMark: driver.output.join("").length });
      return page;
    },
    async close() {
      await session.close();
      await driver.stop();
    },
  };
}

// ───────────────────────────── problems a page reports ─────────────────────────────

// Installed in a document (in its own realm) when a test first reaches it, and again after the top
// document may have been replaced: uncaught errors, unhandled rejections and console.error calls.
// Kept in the origin's localStorage (under the page's own key) where the document has one, so a
// frame navigated away and back keeps what it collected; else on the window (a sandboxed frame).
const COLLECTOR = (key) => {
  if (window.__problems) return;
  let store = null;
  try {
    store = window.localStorage;
    store.getItem(key);
  } catch {
    store = null;
  }
  const list = [];
  const push = (problem) => {
    list.push(problem);
    if (!store) return;
    try {
      store.setItem(key, JSON.stringify([...JSON.parse(store.getItem(key) || "[]"), problem]));
    } catch {
      // storage full or gone
    }
  };
  window.__problems = {
    all: () => ({ origin: location.origin, stored: Boolean(store), list: store ? JSON.parse(store.getItem(key) || "[]") : list }),
  };
  window.addEventListener("error", (e) => push(`pageerror (${location.href}): ${e.message}`));
  window.addEventListener("unhandledrejection", (e) => push(`pageerror (${location.href}): unhandled rejection: ${e.reason && e.reason.message ? e.reason.message : String(e.reason)}`));
  const error = console.error;
  console.error = function (...args) {
    push(`console.error (${location.href}): ${args.map((a) => (a && a.message ? a.message : String(a))).join(" ")}`);
    return error.apply(this, args);
  };
};

async function installCollector(page, frame) {
  if (frame === null) await page.enter(null);
  try {
    await page.evaluateHere(COLLECTOR, page.problemsKey);
  } catch {
    // a document that is going away; the next visit installs it
  }
}

/**
 * What the page and its frames reported so far: uncaught errors, unhandled rejections and
 * console.error calls. Chromium: everything Playwright saw, from every frame, from the start.
 * WebDriver engines: collected inside each document from the moment the test first reached it.
 */
export async function problems(page) {
  const x = extras.get(page);
  if (x.engine === "chromium") return [...x.problems];
  const seen = new Map();
  const read = async () => {
    const { origin, stored, list } = await page.evaluateHere(() => (window.__problems ? window.__problems.all() : { origin: location.origin, stored: false, list: [] }));
    // Frames of one origin share their storage: count it once.
    seen.set(stored ? origin : `${origin} #${seen.size}`, list);
  };
  await page.enter(null);
  await read();
  const ids = await page.evaluate(() => [...document.querySelectorAll("iframe")].map((f, i) => (f.id ||= `wd-frame-${i}`)));
  for (const id of ids) {
    await page.enter(`#${id}`);
    await read();
  }
  await page.enter(null);
  return [...seen.values()].flat();
}

/**
 * Everything the page's console received since the page was opened, as seen from outside the
 * page: Playwright's console events in Chromium; in Firefox, everything the browser wrote to its
 * stdout (console calls of every page and frame, with their arguments) up to a marker logged now;
 * `null` in WebKitGTK, where neither WebKitWebDriver nor MiniBrowser under --automation reports
 * console messages.
 */
export async function consoleTexts(page) {
  const x = extras.get(page);
  if (x.engine === "chromium") return [...x.consoleTexts];
  if (x.engine !== "firefox") return null;
  const marker = `embed-events-console-marker-${Math.random().toString(36).slice(2)}`;
  await page.evaluate((m) => console.log(m), marker);
  const deadline = Date.now() + 15_000;
  let text = x.driver.output.join("");
  while (!text.includes(marker)) {
    if (Date.now() > deadline) throw new Error("Firefox wrote no console output to stdout (devtools.console.stdout.content)");
    await new Promise((resolve) => setTimeout(resolve, 50));
    text = x.driver.output.join("");
  }
  return text.slice(x.consoleMark, text.indexOf(marker)).split("\n").filter((line) => line.length > 0);
}
export const CONSOLE_UNSEEN_REASON = "WebKitGTK reports no console message outside the page (MiniBrowser under --automation writes none to stdout, and WebKitWebDriver 2.50 has no BiDi log events)";

/** Uncaught errors of the top document, as the browser reports them outside the page (Chromium). */
export function onPageError(page, callback) {
  if (extras.get(page).engine === "chromium") page.on("pageerror", callback);
}

// ───────────────────────────── listeners and heap ─────────────────────────────

async function cdpOf(page) {
  const x = extras.get(page);
  x.cdp ??= await page.context().newCDPSession(page);
  return x.cdp;
}

/**
 * How many listeners of `type` the object `expression` evaluates to (in the page) has. Chromium:
 * the DevTools protocol (DOMDebugger.getEventListeners), checked against the in-page counter
 * (tests/engines/listeners.js) when the page has one. Elsewhere: the in-page counter, which the
 * page must load before its own scripts.
 */
export async function listenerCount(page, expression, type) {
  const counted = await page.evaluate(
    ({ expression, type }) => (window.__listeners ? window.__listeners.count((0, eval)(expression), type) : null),
    { expression, type },
  );
  if (extras.get(page).engine !== "chromium") {
    if (counted === null) throw new Error("the page has no listener counter (tests/engines/listeners.js)");
    return counted;
  }
  const cdp = await cdpOf(page);
  const { result } = await cdp.send("Runtime.evaluate", { expression, objectGroup: "listener-count" });
  let devtools;
  try {
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    devtools = listeners.filter((l) => type === undefined || l.type === type).length;
  } finally {
    await cdp.send("Runtime.releaseObjectGroup", { objectGroup: "listener-count" });
  }
  if (counted !== null && counted !== devtools) {
    throw new Error(`${expression}: the DevTools protocol counts ${devtools} "${type}" listeners, the in-page counter ${counted}`);
  }
  return devtools;
}

/**
 * The page's JavaScript heap in use after a full garbage collection, in bytes (Chromium, through
 * the DevTools protocol), or `null` where no test can force a collection and read the heap.
 */
export async function jsHeapUsed(page) {
  if (extras.get(page).engine !== "chromium") return null;
  const cdp = await cdpOf(page);
  await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  return usedSize;
}
export const HEAP_UNSEEN_REASON = {
  firefox: "Firefox gives a web page no way to force a garbage collection or read its JavaScript heap (no gc(), no performance.memory, no DevTools protocol here)",
  webkit: "WebKitGTK gives a web page no way to force a garbage collection or read its JavaScript heap (no gc(), no performance.memory, no DevTools protocol here)",
};
