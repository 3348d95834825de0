// Type definitions for embed-events/testing (hand-written; the build copies this file next to
// testing.js, with the example messages' types written in).

/**
 * Helpers for your own tests of code that uses embed-events, in jsdom, happy-dom or a real browser:
 * send a vendor's message to the page as the vendor's frame would, with one of the realistic
 * example messages.
 *
 * ```ts
 * import { watchIgnition } from "embed-events";
 * import { dispatchVendorMessage, exampleMessages } from "embed-events/testing";
 *
 * const watcher = watchIgnition({ source: iframe, onComplete });
 * dispatchVendorMessage(exampleMessages.ignition.complete, { origin: "https://ignition.axle.insure", source: iframe });
 * expect(onComplete).toHaveBeenCalledWith(expect.objectContaining({ status: "complete" }));
 * ```
 *
 * @packageDocumentation
 */


/** Where {@link dispatchVendorMessage}'s message comes from. */
export interface DispatchOptions {
  /** The message's `origin`, e.g. `"https://ignition.axle.insure"` (as given, not normalised). */
  origin: string;
  /**
   * The sender: an `<iframe>` element (the message's `source` is its `contentWindow`) or a `Window`
   * (itself). Absent or `null`: the message's `source` is `null`, as from no window a watcher can bind to.
   *
   * Where the environment gives iframes no window (happy-dom), an iframe's `contentWindow` is `null`, so
   * the message's `source` is `null` too, and a watcher bound to that (connected) iframe accepts it.
   */
  source?: HTMLIFrameElement | Window | null | undefined;
}

/**
 * Dispatch on `window`, synchronously, a `MessageEvent` whose `data` is `data` (as given: an object or a
 * string), whose `origin` is `options.origin`, and whose `source` is `options.source`'s `contentWindow`
 * (an iframe), `options.source` itself (a `Window`), or `null` (absent). Every watcher's callbacks for it
 * have run when this returns.
 *
 * @throws {TypeError} when `origin` is not a string or `source` is neither an iframe nor a window.
 * @throws {Error} where there is no `window` (Node without a DOM environment).
 */
export function dispatchVendorMessage(data: unknown, options: DispatchOptions): void;

// Each vendor's message type (`IgnitionMessage`, …) and `ExampleMessages`, which the build writes here
// from the list of vendors and their tables (scripts/vendor-types.mjs).
export * from "./example-types.js";

/** One realistic message per event: `exampleMessages.ignition.complete`, `exampleMessages.signere.sign_error`, … */
export const exampleMessages: ExampleMessages;
