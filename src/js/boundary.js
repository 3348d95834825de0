// The JavaScript half of the wasm boundary, used by both the JavaScript and the Rust API.
//
// The window listener checks the sender and reads `event.data` here, so unrelated messages never
// enter wasm. For a message that does, its values stay on this side: the listener opens a *frame*,
// an array holding the data object and every string, object and event value the decoder touches,
// and wasm refers to them by slot number. Names cross as indices into the key table wasm hands over
// once. So decoding an accepted message moves integers across the boundary, never strings.
// Nothing here runs at import time.

let KEYS = [];
let INDEX = new Map();
let frame = [];

/** The key table, in `Key::NAMES` order; set once by wasm. */
export function setKeys(keys) {
  KEYS = keys;
  INDEX = new Map(keys.map((key, i) => [key, i]));
}

/**
 * The kind of the own data property `name` of `object`: 0 absent (missing, `null`, `undefined`, or
 * an accessor: getters are never called), 1 a string, 2 an object (not an array), 3 anything else
 * (or a Proxy trap that throws). A string or an object is pushed onto the frame.
 */
function kindOf(object, name) {
  let value;
  try {
    const descriptor = Object.getOwnPropertyDescriptor(object, name);
    value = descriptor === undefined ? undefined : descriptor.value;
  } catch {
    return 3;
  }
  if (value === undefined || value === null) return 0;
  const kind = typeof value === "string" ? 1 : isRecord(value) ? 2 : 3;
  if (kind !== 3) frame.push(value);
  return kind;
}

/** An object that is not an array (`Array.isArray` throws on a revoked Proxy: that is not a record). */
function isRecord(value) {
  if (value === null || typeof value !== "object") return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/** The field `key` (by index) of the object in `slot`, as `kind | valueSlot << 2` (see `kindOf`). */
export function field(slot, key) {
  const kind = kindOf(frame[slot], KEYS[key]);
  return kind === 1 || kind === 2 ? kind | (frame.length - 1) << 2 : kind;
}

/**
 * A fresh plain object `{ [tag]: name }` with the first `n` of up to five fields, each a key index
 * and the slot of its value (as arguments, not an array: no view of wasm memory per call), in a new
 * slot.
 */
export function build(tag, name, n, k0, s0, k1, s1, k2, s2, k3, s3, k4, s4) {
  // Not `{ [key]: value }`: a computed key in a literal takes a slow path in V8 (the profile showed
  // build() at 11% of an accepted message's time, 2% this way).
  const object = {};
  object[KEYS[tag]] = KEYS[name];
  if (n > 0) object[KEYS[k0]] = frame[s0];
  if (n > 1) object[KEYS[k1]] = frame[s1];
  if (n > 2) object[KEYS[k2]] = frame[s2];
  if (n > 3) object[KEYS[k3]] = frame[s3];
  if (n > 4) object[KEYS[k4]] = frame[s4];
  return frame.push(object) - 1;
}

/** The origin of the message being handled (its event is in slot 1 of its frame); "" if none. */
export function origin() {
  const origin = frame[1].origin;
  return typeof origin === "string" ? origin : "";
}

/** This page's origin, or undefined where there is no `window` (not a browser page). */
export function pageOrigin() {
  return typeof window === "undefined" ? undefined : String(window.location.origin);
}

/** The value in `slot`. */
export function value(slot) {
  return frame[slot];
}

/** The key index of the name the string in `slot` is, or -1. */
export function keyOf(slot) {
  const key = INDEX.get(frame[slot]);
  return key === undefined ? -1 : key;
}

/** A fresh plain object `{ [tag]: name }` (key indices), in a new slot. */
export function tagged(tag, name) {
  const object = {};
  object[KEYS[tag]] = KEYS[name];
  return frame.push(object) - 1;
}

/** A fresh empty object, in a new slot. */
export function empty() {
  return frame.push({}) - 1;
}

/** `object[key] = value`, the object and the value by slot, the key by index. */
export function set(object, key, slot) {
  frame[object][KEYS[key]] = frame[slot];
}

/** `object[key] = name`, the object by slot, key and name by index. */
export function setName(object, key, name) {
  frame[object][KEYS[key]] = KEYS[name];
}

/** `object[key] = text`, the object by slot, the key by index. */
export function setText(object, key, text) {
  frame[object][KEYS[key]] = text;
}

/** `object[key] = value`, the object by slot, the key by index. */
export function setValue(object, key, value) {
  frame[object][KEYS[key]] = value;
}

/**
 * Call a user callback with the value in `slot`. A callback that throws is reported with
 * `globalThis.reportError` (or `console.error` where that does not exist), and delivery goes on.
 */
export function call(callback, slot) {
  try {
    callback(frame[slot]);
  } catch (error) {
    if (typeof globalThis.reportError === "function") globalThis.reportError(error);
    else console.error(error);
  }
}

/**
 * Listen to the window's messages. The sender is checked here, in this order: `frame`'s
 * `contentWindow` (read at each message) or `win`, then the origin; then `event.data` is read (a
 * string is parsed as JSON) and must be an object. `handle(0)` runs for a message to decode, with
 * a new frame holding the data object in slot 0 and the event in slot 1; for a message that is
 * not handed over, `handle(verdict)` runs (the event in slot 1) only when `reportIgnored`, with
 * verdict 1 another source, 2 an origin not allowed, 3 a string that is not JSON, 4 data that is
 * not an object, 6 an event that is not a MessageEvent. When `signal` aborts, `handle(5)` runs.
 * A message dispatched from inside `handle` to this same listener is handled right after.
 * Returns the function that removes both listeners.
 */
export function listen(source, win, origins, reportIgnored, signal, handle) {
  // A message dispatched synchronously from inside one of this watcher's own callbacks waits until
  // the current one is handled (a handler is never re-entered), unless the watcher stops first.
  let busy = false;
  let removed = false;
  const waiting = [];
  const run = (verdict, data, event) => {
    // A callback may dispatch another message synchronously: each message has its own frame.
    const outer = frame;
    frame = [data, event];
    try {
      handle(verdict);
    } finally {
      frame = outer;
    }
  };
  const listener = (event) => {
    let verdict = 0;
    let data;
    if (source !== undefined || win !== undefined) {
      const expected = source !== undefined ? source.contentWindow : win;
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
      if (verdict === 0 && !isRecord(data)) verdict = 4;
    }
    if (verdict !== 0 && !reportIgnored) return;
    if (verdict === 2 && !(event instanceof MessageEvent)) verdict = 6;
    if (busy) {
      waiting.push([verdict, data, event]);
      return;
    }
    busy = true;
    try {
      run(verdict, data, event);
      while (waiting.length > 0 && !removed) run(...waiting.shift());
    } finally {
      busy = false;
      waiting.length = 0;
    }
  };
  const abort = () => handle(5);
  window.addEventListener("message", listener);
  signal?.addEventListener("abort", abort, { once: true });
  return () => {
    removed = true;
    window.removeEventListener("message", listener);
    signal?.removeEventListener("abort", abort);
  };
}
