// Reading a message's data for the Rust watcher (src/watch.rs), without ever throwing into the wasm:
// every exception caught on the wasm side would keep a slot of wasm-bindgen's reference table for
// ever. The JavaScript package's shape walk (shape.js) reads the same way.

/** Whether `value` is an object and not an array (a revoked Proxy is neither). */
export function isRecord(value) {
  if (value === null || typeof value !== "object") return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/** `JSON.parse(text)` in a one-element array, or `undefined` when `text` is not JSON. */
export function parse(text) {
  try {
    return [JSON.parse(text)];
  } catch {
    return undefined;
  }
}

/** Stands for a member whose reading threw (a Proxy trap): neither a string nor an object. */
const THREW = Symbol("threw");

/**
 * The value of `object`'s own enumerable data property `key` (`undefined` when there is none, or
 * it is an accessor: a getter is never called), or a symbol when reading it threw.
 */
export function member(object, key) {
  try {
    const descriptor = Object.getOwnPropertyDescriptor(object, key);
    return descriptor !== undefined && descriptor.enumerable ? descriptor.value : undefined;
  } catch {
    return THREW;
  }
}
