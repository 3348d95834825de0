// Reading a watchIgnition() / watchSignere() options object. The type of every option is checked
// here, with a TypeError that names the key; what the values mean (the origins, the vendor's
// defaults) is checked in wasm, which owns that logic for the Rust API too. Kept in JavaScript
// because it is JavaScript's own question (typeof, instanceof) and costs a fraction of the bytes.

/** `typeof`, with `null` and arrays told apart. */
function typeName(value) {
  return value === null ? "null" : Array.isArray(value) ? "an array" : typeof value;
}

/** `TypeError("embed-events: watchIgnition: once must be a boolean, got string")`. */
function fail(fn, message) {
  return new TypeError(`embed-events: ${fn}: ${message}`);
}

const isFrame = (value) => typeof HTMLIFrameElement === "function" && value instanceof HTMLIFrameElement;

// A WindowProxy, even a cross-origin one (whose prototype cannot be read), is its own `window`.
const isWindow = (value) => {
  try {
    return value !== null && typeof value === "object" && value.window === value;
  } catch {
    return false;
  }
};

const FUNCTION = ["a function", (value) => typeof value === "function"];
const BOOLEAN = ["a boolean", (value) => typeof value === "boolean"];

/** The options every vendor takes (`environment`: Ignition only): what each must be, and the check. */
const SHARED = {
  origins: ["a string or an array of strings", (value) => typeof value === "string" || Array.isArray(value)],
  source: ["an <iframe> element or a Window", (value) => isFrame(value) || isWindow(value)],
  once: BOOLEAN,
  signal: ["an AbortSignal", (value) => typeof AbortSignal === "function" && value instanceof AbortSignal],
  debug: BOOLEAN,
  onEvent: FUNCTION,
  onUnknown: FUNCTION,
  onIgnored: FUNCTION,
  environment: ['"production" or "sandbox"', (value) => value === "production" || value === "sandbox"],
};

/**
 * Check `options` for the function `fn` (`"watchIgnition"`), whose vendor has the event callbacks
 * `callbacks` and, where `environment`, that option. Returns the arguments of the wasm `watch`
 * after the vendor: `[origins, frame, window, environment, once, debug, signal, onEvent, onUnknown,
 * onIgnored, callbacks]`, where `origins` is an array of strings or undefined, and `callbacks` holds
 * the event callbacks in the order of `callbacks`.
 */
export function readOptions(fn, callbacks, environment, options) {
  if (options === undefined) options = {};
  else if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw fail(fn, `options must be an object, got ${typeName(options)}`);
  }
  const known = [...Object.keys(SHARED).filter((key) => environment || key !== "environment"), ...callbacks];
  const read = {};
  for (const key of Object.keys(options)) {
    const value = options[key];
    if (value === undefined) continue;
    if (!known.includes(key)) {
      const suggestion = known.find((name) => name.toLowerCase() === key.toLowerCase());
      throw fail(fn, `unknown option "${key}"${suggestion ? ` (did you mean "${suggestion}"?)` : ""}`);
    }
    const [what, check] = SHARED[key] ?? FUNCTION;
    if (!check(value)) throw fail(fn, `${key} must be ${what}, got ${typeName(value)}`);
    read[key] = value;
  }
  let origins = read.origins;
  if (typeof origins === "string") origins = [origins];
  else if (origins) {
    origins = Array.from(origins, (entry, index) => {
      if (typeof entry !== "string") throw fail(fn, `origins[${index}] must be a string, got ${typeName(entry)}`);
      return entry;
    });
  }
  const source = read.source;
  const frame = isFrame(source);
  return [
    origins,
    frame ? source : undefined,
    frame ? undefined : source,
    read.environment,
    read.once === true,
    read.debug === true,
    read.signal,
    read.onEvent,
    read.onUnknown,
    read.onIgnored,
    callbacks.map((name) => read[name]),
  ];
}

/** Check `ignitionUrl(url, parentOrigin?)`'s arguments; returns `[href, parentOrigin]` for wasm. */
export function urlArgs(url, parentOrigin) {
  const fn = "ignitionUrl";
  const href = typeof URL === "function" && url instanceof URL ? url.href : url;
  if (typeof href !== "string") throw fail(fn, `url must be a string or a URL, got ${typeName(url)}`);
  if (parentOrigin !== undefined && typeof parentOrigin !== "string") {
    throw fail(fn, `parentOrigin must be a string, got ${typeName(parentOrigin)}`);
  }
  return [href, parentOrigin];
}
