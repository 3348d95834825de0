// Writing a message's data object as JSON text for the decoder, used by the JavaScript package's
// listener and by the Rust watcher alike. Only the keys the vendor's table names are read, at any
// depth, and only own data properties: a getter is never called (an accessor reads as absent), and a
// Proxy trap that throws makes that field a non-string. So the decoder sees exactly the fields it
// would read, and hostile objects never throw out of here.

/** Whether `value` is an object and not an array (a revoked Proxy is neither). */
export function isRecord(value) {
  if (value === null || typeof value !== "object") return false;
  try {
    return !Array.isArray(value);
  } catch {
    return false;
  }
}

/**
 * The JSON text of record `data` restricted to `keys` (each given as its JSON key and colon,
 * `"\"status\":"`, in `names` order). Values deeper than four objects are written as `{}`.
 */
export function project(data, names, keys, depth = 0) {
  let out = "{";
  for (let i = 0; i < names.length; i++) {
    let value;
    try {
      const descriptor = Object.getOwnPropertyDescriptor(data, names[i]);
      if (descriptor === undefined) continue;
      value = descriptor.value;
    } catch {
      value = 0;
    }
    if (value === undefined) continue;
    if (out.length > 1) out += ",";
    out += keys[i];
    out +=
      typeof value === "string" ? JSON.stringify(value)
      : value === null ? "null"
      : !isRecord(value) ? "0"
      : depth < 3 ? project(value, names, keys, depth + 1)
      : "{}";
  }
  return out + "}";
}
