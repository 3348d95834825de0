// The JavaScript half of the wasm boundary, used by both the JavaScript and the Rust API:
// the window listener's sender checks (so unrelated messages never enter wasm), and reading and
// writing fields by key index (so names are not re-encoded per message and values are not copied).
// Nothing here runs at import time.

let KEYS = [];
const THREW = Symbol("threw");

/** The key table, in `Key::NAMES` order; set once by wasm. */
export function setKeys(keys) {
  KEYS = keys;
}

/**
 * An own data property of `object`, by key index: `undefined` for a missing, `null` or accessor
 * property (getters are never called), and a symbol if a Proxy trap throws.
 */
export function field(object, key) {
  let descriptor;
  try {
    descriptor = Object.getOwnPropertyDescriptor(object, KEYS[key]);
  } catch {
    return THREW;
  }
  const value = descriptor === undefined ? undefined : descriptor.value;
  return value === null ? undefined : value;
}

/** The position in `keys` (key indices) of the key `text` is, or -1. */
export function which(text, keys) {
  for (let i = 0; i < keys.length; i++) if (text === KEYS[keys[i]]) return i;
  return -1;
}

/** A fresh plain object `{ [tag]: name }`, by key indices. */
export function tagged(tag, name) {
  return { [KEYS[tag]]: KEYS[name] };
}

/** `object[key] = value`, by key index. */
export function set(object, key, value) {
  object[KEYS[key]] = value;
}

/** `object[key] = name`, both by key index. */
export function setName(object, key, name) {
  object[KEYS[key]] = KEYS[name];
}

/**
 * Listen to the window's messages. The sender is checked here, in this order: `frame`'s
 * `contentWindow` (read at each message) or `win`, then the origin. `handle(event, reason)` runs
 * with reason 0 for a message to decode, and with 1 (source) or 2 (origin) only when
 * `reportIgnored`. Returns the function that removes the listener.
 */
export function listen(frame, win, origins, reportIgnored, handle) {
  const listener = (event) => {
    let reason = 0;
    if (frame !== undefined || win !== undefined) {
      const expected = frame !== undefined ? frame.contentWindow : win;
      if (expected === null || event.source !== expected) reason = 1;
    }
    if (reason === 0 && !origins.includes(event.origin)) reason = 2;
    if (reason === 0 || reportIgnored) handle(event, reason);
  };
  window.addEventListener("message", listener);
  return () => window.removeEventListener("message", listener);
}
