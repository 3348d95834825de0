// Shared by the end-to-end tests: the browser engines (tests/engines/browsers.mjs: Chromium through
// playwright-core, Firefox ESR and WebKitGTK through WebDriver; EMBED_EVENTS_ENGINE picks one), and,
// for the tests that run in Chromium only, the system Chromium through playwright-core, a collector
// of everything a page (or any of its frames) reports as an error, the page of an example of the
// Rust API, and its window's `message` listeners as the DevTools protocol counts them.
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../engines/browsers.mjs";

export {
  CONSOLE_UNSEEN_REASON,
  ENGINE,
  HEAP_UNSEEN_REASON,
  LABELS,
  LISTENER_COUNTER,
  consoleTexts,
  jsHeapUsed,
  launch,
  listenerCount,
  onPageError,
  problems,
} from "../engines/browsers.mjs";

export { CHROMIUM };

/** Headless Chromium with the flags these machines need, plus `extraArgs`; nothing is downloaded. */
export function launchBrowser(extraArgs = []) {
  return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/**
 * `gc()` in the page, so that memory is measured after the garbage collector has run, not whenever
 * it happens to.
 */
export const EXPOSE_GC = "--js-flags=--expose-gc";

/**
 * Collects uncaught exceptions and console errors of `page` and all its frames (Playwright reports
 * both for every frame of the page). Returns the live list.
 */
export function collectProblems(page) {
  const problems = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (message.type() === "error") {
      const { url } = message.location();
      problems.push(`console.error${url ? ` (${url})` : ""}: ${message.text()}`);
    }
  });
  page.on("crash", () => problems.push("the page crashed"));
  return problems;
}

/**
 * A page of `browser` (Chromium) on an example of the Rust API at `url`, loaded until its body says
 * `data-ready`: `{ page, problems, cdp }`, with what the page reports as errors (collectProblems)
 * and a DevTools protocol session for messageListeners.
 */
export async function openExample(browser, url) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(15_000);
  const problems = collectProblems(page);
  const cdp = await page.context().newCDPSession(page);
  await page.goto(url);
  await page.waitForSelector("body[data-ready]");
  return { page, problems, cdp };
}

/** How many `message` listeners the page's window has, as the DevTools protocol sees them (`cdp`: a CDPSession). */
export async function messageListeners(cdp) {
  const { result } = await cdp.send("Runtime.evaluate", { expression: "window", objectGroup: "listener-count" });
  try {
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    return listeners.filter((l) => l.type === "message").length;
  } finally {
    await cdp.send("Runtime.releaseObjectGroup", { objectGroup: "listener-count" });
  }
}
