// The JavaScript half of the wasm boundary, used by both the JavaScript and the Rust API:
// the window listener's sender checks (so unrelated messages never enter wasm), and reading and
// writing fields by key index (so names are not re-encoded per message and values are not copied).
// Nothing here runs at import time.

let KEYS = [];

/** The key table, in `Key::NAMES` order; set once by wasm. */
export function setKeys(keys) {
  KEYS = keys;
}

let taken;

/**
 * The kind of an own data property of `object`, by key index: 0 absent (missing, `null`,
 * `undefined`, or an accessor: getters are never called), 1 a string, 2 an object (not an array),
 * 3 anything else (or a Proxy trap that throws). For 1 and 2 the value waits in `take()`, so an
 * absent field costs one call that returns a number.
 */
export function field(object, key) {
  let descriptor;
  try {
    descriptor = Object.getOwnPropertyDescriptor(object, KEYS[key]);
  } catch {
    return 3;
  }
  const value = descriptor === undefined ? undefined : descriptor.value;
  if (value === undefined || value === null) return 0;
  if (typeof value === "string") {
    taken = value;
    return 1;
  }
  if (typeof value === "object" && !Array.isArray(value)) {
    taken = value;
    return 2;
  }
  return 3;
}

/** The value the last `field` call found. */
export function take() {
  const value = taken;
  taken = undefined;
  return value;
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
 * `contentWindow` (read at each message) or `win`, then the origin; then `event.data` is read (a
 * string is parsed as JSON) and must be an object. `handle(event, verdict, data)` runs with verdict
 * 0 and the data object for a message to decode, and otherwise only when `reportIgnored`, with
 * 1 another source, 2 an origin not allowed, 3 a string that is not JSON, 4 data that is not an
 * object. Returns the function that removes the listener.
 */
export function listen(frame, win, origins, reportIgnored, handle) {
  const listener = (event) => {
    let verdict = 0;
    let data;
    if (frame !== undefined || win !== undefined) {
      const expected = frame !== undefined ? frame.contentWindow : win;
      if (expected === null || event.source !== expected) verdict = 1;
    }
    if (verdict === 0 && !origins.includes(event.origin)) verdict = 2;
    if (verdict === 0) {
      data = event.data;
      if (typeof data === "string") {
        try {
          data = JSON.parse(data);
        } catch {
          verdict = 3;
        }
      }
      if (verdict === 0 && (data === null || typeof data !== "object" || Array.isArray(data))) verdict = 4;
    }
    if (verdict === 0 || reportIgnored) handle(event, verdict, data);
  };
  window.addEventListener("message", listener);
  return () => window.removeEventListener("message", listener);
}
