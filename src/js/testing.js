// embed-events/testing: helpers for an integrator's own tests (jsdom, happy-dom or a real browser).
// A message "from the vendor" is a `MessageEvent` dispatched on `window` with the vendor's origin
// and the frame's window as its source, which is exactly what a watcher checks. Nothing here loads
// the wasm module or imports the main entry: these are plain data and one DOM call.

import examples from "./examples.js";
import { isWindow } from "./windows.js";

const fail = (message) => new TypeError(`embed-events/testing: dispatchVendorMessage: ${message}`);

/** `typeof`, with `null` and arrays told apart. */
const typeName = (value) => (value === null ? "null" : Array.isArray(value) ? "an array" : typeof value);


const isFrame = (value) => {
  const Frame = typeof HTMLIFrameElement === "function" ? HTMLIFrameElement : window.HTMLIFrameElement;
  return typeof Frame === "function" && value instanceof Frame;
};

/**
 * Dispatch on `window`, synchronously, a `MessageEvent` whose `data` is `data` (as given), whose
 * `origin` is `origin` and whose `source` is the `contentWindow` of `source` when it is an
 * `<iframe>` (null where the environment gives iframes no window, as happy-dom does), `source` when
 * it is a Window, and `null` when it is absent.
 */
export function dispatchVendorMessage(data, options) {
  if (typeof window === "undefined" || typeof window.dispatchEvent !== "function") {
    throw new Error("embed-events/testing: dispatchVendorMessage needs a browser page (there is no window here)");
  }
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw fail(`options must be an object with an origin, got ${typeName(options)}`);
  }
  const { origin, source } = options;
  if (typeof origin !== "string") throw fail(`origin must be a string, got ${typeName(origin)}`);
  let from = null;
  if (source == null) from = null;
  else if (isFrame(source)) from = source.contentWindow;
  else if (isWindow(source)) from = source;
  else throw fail(`source must be an <iframe> element or a Window, got ${typeName(source)}`);
  const Message = typeof window.MessageEvent === "function" ? window.MessageEvent : MessageEvent;
  let event;
  try {
    event = new Message("message", { data, origin, source: from });
  } catch (error) {
    // Engines differ in which windows their MessageEvent constructor takes as `source`: Firefox
    // refuses a sandboxed frame's window, WebKitGTK a removed frame's (TypeError), where Chromium
    // takes both. The same event then carries that window as its own `source` property, which is
    // what a watcher reads.
    if (from === null) throw error;
    event = new Message("message", { data, origin });
    Object.defineProperty(event, "source", { value: from, enumerable: true, configurable: true });
  }
  window.dispatchEvent(event);
}

/** Freeze `value` and everything in it, so one test cannot change what another sends. */
function frozen(value) {
  if (value !== null && typeof value === "object") {
    for (const inner of Object.values(value)) frozen(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * One realistic message per event, as the vendor posts it (an object; send `JSON.stringify` of it
 * to test the string form), by vendor and event name: Ignition's by `status`, Signere's by `type`.
 * Each is the `example` of its event in the vendor's `vendor!` declaration, which a native test
 * decodes to that event (the build writes them into examples.js).
 */
export const exampleMessages = frozen(examples);
