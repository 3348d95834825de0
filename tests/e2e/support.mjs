// Shared by the end-to-end tests: the browser engines (tests/engines/browsers.mjs: Chromium through
// playwright-core, Firefox ESR and WebKitGTK through WebDriver; EMBED_EVENTS_ENGINE picks one), and,
// for the tests that run in Chromium only, the system Chromium through playwright-core and a
// collector of everything a page (or any of its frames) reports as an error.
import { chromium } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../engines/browsers.mjs";

export {
  CONSOLE_UNSEEN_REASON,
  ENGINE,
  HEAP_UNSEEN_REASON,
  LABELS,
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
