// The package's entry. The wasm module (its bytes are inlined in the build) is compiled
// synchronously on the first call of any export, so nothing needs setting up; importing touches no
// browser global. Option types are checked here (origins in origins.js), and the listener's
// pre-filter (source, origin, JSON, object) keeps unrelated messages out of wasm; what a message
// decodes to is answered by wasm, by the same decoder the Rust API uses.
import CORE, { IGNITION } from "./tables.js";
import { allowList, originOf } from "./origins.js";
import * as wasm from "./wasm.js";
import { isRecord } from "./shape.js";
import { isWindow } from "./windows.js";
import { token } from "./token.js";
import { missingParameter, silenceDetail } from "./silence.js";

// The vendors' tables (`VendorTable::to_json`, written by the build), in the order of the one list
// of vendors (src/vendors/mod.rs), which is the number the wasm decodes each by.
const TABLES = CORE.vendors;
for (const table of TABLES) {
  table.nested = table.keys.map((k) => table.containers.includes(k));
  table.index = new Map(table.keys.map((k, i) => [k, i]));
  // A callback the build left out is the name's: "document_read" → "onDocumentRead".
  table.callbacks = table.events.map((e) => (e.callback ??= `on${e.name.replace(/(?:^|_)(.)/g, (_, c) => c.toUpperCase())}`));
}

/**
 * Prepare the module ahead of time. Never required: every export loads it on its first call.
 * Calling it any number of times is harmless.
 */
export default function init() {
  return new Promise((resolve) => resolve(void wasm.load()));
}

/** `typeof`, with `null` and arrays told apart. */
const typeName = (value) => (value === null ? "null" : Array.isArray(value) ? "an array" : typeof value);

const fail = (fn, message) => new TypeError(`embed-events: ${fn}: ${message}`);

const isFrame = (value) => typeof HTMLIFrameElement === "function" && value instanceof HTMLIFrameElement;


/**
 * Whether `event` is heard from `frame` in an environment that gives iframes no window at all
 * (happy-dom): there a frame in the document has a `null` contentWindow, and a test's synthetic
 * message from it has a `null` source, which is that contentWindow. In a browser a connected frame
 * has a window, except in WebKitGTK when the frame's src is on a port the Fetch standard blocks
 * (such as 9), which is handled the same way (and by the Rust watcher, src/watch.rs); a removed
 * frame (contentWindow `null`, not connected) is never heard; a message the browser itself
 * dispatches (`isTrusted`) with no source is not taken as the frame's.
 */
const windowless = (frame, event) => frame !== undefined && event.source === null && frame.isConnected === true && event.isTrusted !== true;

const FUNCTION = ["a function", (value) => typeof value === "function"];
const BOOLEAN = ["a boolean", (value) => typeof value === "boolean"];

/** The options every vendor takes (and `environment`, for vendors with environments). */
const SHARED = {
  origins: ["a string or an array of strings", (value) => typeof value === "string" || Array.isArray(value)],
  source: ["an <iframe> element or a Window", (value) => isFrame(value) || isWindow(value)],
  once: BOOLEAN,
  signal: ["an AbortSignal", (value) => typeof AbortSignal === "function" && value instanceof AbortSignal],
  debug: BOOLEAN,
  onEvent: FUNCTION,
  onUnknown: FUNCTION,
  onIgnored: FUNCTION,
  silenceMs: ["a positive finite number", (value) => typeof value === "number" && value > 0 && value < Infinity],
  onSilence: FUNCTION,
};

/** The option names the vendor table `table` takes. */
const optionsOf = (table) => [...Object.keys(SHARED), ...(table.environments.length ? ["environment"] : []), ...table.callbacks];

/** The edit distance (Levenshtein) between `a` and `b`, a row at a time (`left`: the new row's last). */
function distance(a, b) {
  let row = [...Array(b.length + 1).keys()];
  for (const c of a) {
    let left = row[0] + 1;
    row = row.map((up, j) => (left = j ? Math.min(up + 1, left + 1, row[j - 1] + (c !== b[j - 1])) : left));
  }
  return row.pop();
}

/** Check `options` against `table`, the vendor's table; returns the options that are set. */
function readOptions(table, options) {
  const fn = table.watchFn;
  if (options === undefined) options = {};
  else if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw fail(fn, `options must be an object, got ${typeName(options)}`);
  }
  const envs = table.environments;
  const environment = [envs.map((e) => `"${e}"`).join(" or "), (value) => envs.includes(value)];
  const known = optionsOf(table);
  const read = {};
  for (const key of Object.keys(options)) {
    const value = options[key];
    if (value === undefined) continue;
    if (!known.includes(key)) {
      // Another vendor's option, else the closest (case aside) within a third of the key's length.
      const other = TABLES.find((v) => optionsOf(v).includes(key));
      let near;
      let least = key.length / 3;
      for (const name of known) {
        const d = distance(key.toLowerCase(), name.toLowerCase());
        // Ties go to the first: the next must be closer by a whole edit.
        if (d <= least) [near, least] = [name, d - 0.5];
      }
      throw fail(fn, `unknown option "${key}"${other ? ` (${other.name} only)` : near ? ` (did you mean "${near}"?)` : ""}`);
    }
    const [what, check] = key === "environment" ? environment : SHARED[key] ?? FUNCTION;
    if (!check(value)) throw fail(fn, `${key} must be ${what}, got ${typeName(value)}`);
    read[key] = value;
  }
  if (read.onSilence && read.silenceMs === undefined) {
    throw fail(fn, "onSilence needs silenceMs, how long to wait before reporting silence");
  }
  let origins = read.origins;
  if (typeof origins === "string") origins = [origins];
  else if (origins) {
    origins = Array.from(origins, (entry, index) => {
      if (typeof entry !== "string") throw fail(fn, `origins[${index}] must be a string, got ${typeName(entry)}`);
      return entry;
    });
  }
  read.origins = origins;
  return read;
}

/** Run a user callback; one that throws is reported, and delivery goes on. */
function call(callback, value) {
  if (callback === undefined) return;
  try {
    callback(value);
  } catch (error) {
    (typeof reportError === "function" ? reportError : console.error)(error);
  }
}

/**
 * `console.debug`, prefixed; `value` is printed as given, so callers pass it redacted: `#deliver`
 * replaces an event's secret fields (`authCode`) with "[redacted]", `ignore` leaves `data` out.
 */
function log(what, callback, value) {
  console.debug(`[embed-events] ${what}`, callback, value);
}

/** A running watcher, returned by watchIgnition() and watchSignere(). */
export class Watcher {
  #stop;
  #active = true;
  // Each stop ends the delivery of the event being delivered (see `#deliver`).
  #stops = 0;
  // The outcome: `#result` is [true, event] or [false, error] once known; `#settle` holds the
  // promise's resolve and reject once `outcome` has been read; `#delivering` while the terminal
  // event's callbacks run (the promise settles after them).
  #result;
  #settle;
  #outcome;
  #delivering = false;

  /** @internal Watchers are made by watchIgnition() and watchSignere(). */
  constructor(key, vendor, options) {
    if (key !== token) throw new TypeError("embed-events: Watcher is created by watchIgnition() or watchSignere()");
    // Only for a Symbol.dispose polyfilled after this module loaded (see `disposable`).
    disposable();
    const table = TABLES[vendor];
    options = readOptions(table, options);
    wasm.load();
    if (typeof window === "undefined" || typeof window.addEventListener !== "function") {
      throw new Error(`embed-events: ${table.watchFn}: watchers need a browser page (there is no window here)`);
    }
    const { source, signal, debug } = options;
    const frame = isFrame(source) ? source : undefined;
    const allow = new Set(allowList(CORE, vendor, table, options, frame, source !== undefined, (message) => fail(table.watchFn, message)));
    // Without `origins`: each origin of an environment the watcher does not trust → the words
    // for it (`VendorTable::other_environment`); and the sentence for a frame on one.
    const others = new Map(options.origins ? [] : CORE.origins[vendor][0].filter(([origin]) => !allow.has(origin)));
    const srcOther = (src) => options.environment && (src = others.get(originOf(src, true)[0])) && `the iframe's src is on ${src}.`;
    const warn = (line) => console.warn(`embed-events: ${table.watchFn}: ${line}`);
    if (signal?.aborted) {
      this.#active = false;
      this.#stopped();
      return;
    }

    // Silence: what was ignored, counted until something passes the source and origin checks
    // (`heard`). Only the silence timer reads it, so without silenceMs (a positive number when
    // set) nothing is counted.
    const silence = { ignored: { source: 0, origin: 0 }, origins: [], heard: !options.silenceMs };
    const listener = this.#serialised(this.#messageHandler(table, options, frame, others, silence, vendor, allow));
    const stop = () => this.stop();
    window.addEventListener("message", listener);
    signal?.addEventListener("abort", stop, { once: true });
    if (debug && frame) {
      const src = String(frame.src);
      for (const line of [missingParameter(table, src), srcOther(src)]) if (line) warn(line);
    }
    const timer = this.#silenceTimer(table, options, frame, others, silence, srcOther, warn);
    this.#stop = () => {
      this.#stops++;
      clearTimeout(timer);
      window.removeEventListener("message", listener);
      signal?.removeEventListener("abort", stop);
    };
  }

  /** Deliver `value`, an `e` event, to its callbacks; the first terminal one is the outcome. */
  #deliver(e, options, value) {
    const first = e.terminal && !this.#result;
    if (first) {
      this.#result = [true, value];
      this.#delivering = true;
    }
    if (options.once && e.terminal) this.stop();
    if (options.debug) {
      const shown = { ...value };
      for (const key of e.secrets ?? []) if (key in shown) shown[key] = "[redacted]";
      log("delivered", e.callback, shown);
    }
    // A stop from inside the callback ends this event's delivery: onEvent does not get it.
    const at = this.#stops;
    call(options[e.callback], value);
    if (at === this.#stops && options.onEvent) call(options.onEvent, { ...value });
    // The outcome settles after the terminal event's callbacks.
    if (first) {
      this.#delivering = false;
      this.#finish();
    }
  }

  /** The message handler: source → origin → JSON, shape → wasm decode → deliver / ignore / unknown. */
  #messageHandler(table, options, frame, others, silence, vendor, allow) {
    const { source, debug, onIgnored, onUnknown } = options;
    // Count what silence reports (until something is `heard`), then log and report to onIgnored.
    // `data`: a malformed message's, from an allowed sender, reported with its tag (when a string)
    // as onUnknown gets them; `debug` logs the report without `data`, which may hold secrets.
    const ignore = (reason, event, detail, data) => {
      const origin = typeof event.origin === "string" ? event.origin : "";
      if (!silence.heard && reason !== "malformed") {
        silence.ignored[reason]++;
        if (reason === "origin" && silence.origins.length < 10 && !silence.origins.includes(origin)) silence.origins.push(origin);
      }
      if (!onIgnored && !debug) return;
      // Words for an origin that is not allowed are made only for someone who reads them.
      if (reason === "origin") detail = typeof MessageEvent !== "function" || event instanceof MessageEvent ? `origin is ${others.get(origin) ?? "not in the allow-list"}` : "not a MessageEvent";
      const ignored = { reason, origin, detail };
      if (data && wasm.tag !== undefined) ignored.name = wasm.tag;
      if (debug) log("ignored", "onIgnored", { ...ignored });
      if (data) ignored.data = data;
      call(onIgnored, ignored);
    };
    return (event) => {
      if (source !== undefined) {
        const expected = frame ? frame.contentWindow : source;
        if (expected == null ? !windowless(frame, event) : event.source !== expected) {
          return ignore("source", event, "sent by another window than the watched source");
        }
      }
      if (!allow.has(event.origin)) return ignore("origin", event);
      silence.heard = true;
      const raw = event.data;
      let data = raw;
      if (typeof data === "string") {
        try {
          data = JSON.parse(data);
        } catch {
          return ignore("malformed", event, CORE.notJson);
        }
      }
      if (!isRecord(data)) return ignore("malformed", event, CORE.notObject);
      // A trusted event's data is the browser's structured clone, and a string's is JSON.parse's:
      // plain data (shape.js).
      const value = wasm.decode(vendor, table, data, event.isTrusted === true || data !== raw);
      if (wasm.decoded >= 0) return this.#deliver(table.events[wasm.decoded], options, value);
      if (wasm.decoded === -2) return ignore("malformed", event, value, data);
      // Unknown: the tag is a string the table does not know, as the walk read it (data is not
      // read again: a Proxy's trap could throw or answer otherwise).
      const name = wasm.tag;
      if (debug) log("unknown", "onUnknown", { name });
      call(onUnknown, { name, data });
    };
  }

  /** `handle` as the message listener, one message at a time. */
  #serialised(handle) {
    // A message dispatched from inside one of this watcher's callbacks waits until the current one
    // is handled (a callback is never re-entered), unless the watcher stops first.
    let busy = false;
    const waiting = [];
    return (event) => {
      if (busy) return void waiting.push(event);
      busy = true;
      try {
        if (this.#active) handle(event);
        while (waiting.length && this.#active) handle(waiting.shift());
      } finally {
        busy = false;
        if (waiting.length) waiting.length = 0;
      }
    };
  }

  /** Start the silence timer (none without silenceMs); it reports to onSilence, else as a warning. */
  #silenceTimer(table, options, frame, others, silence, srcOther, warn) {
    const ms = options.silenceMs;
    // Browsers run a delay beyond 2^31 - 1 ms at once: wait that long at most, as the Rust watcher does.
    return ms === undefined ? undefined : setTimeout(() => {
      if (silence.heard || !this.#active) return;
      const report = { ms, ignored: { ...silence.ignored }, origins: [...silence.origins] };
      report.detail = silenceDetail(table, report, frame ? String(frame.src) : "", others, srcOther);
      if (options.onSilence) call(options.onSilence, report);
      else warn(report.detail);
    }, Math.min(ms, 2147483647));
  }

  /** Remove the listener. Idempotent; safe from inside any callback. */
  stop() {
    if (!this.#active) return;
    this.#active = false;
    this.#stop?.();
    this.#stopped();
  }

  /** The outcome of a watcher that stops before any terminal event. */
  #stopped() {
    if (this.#result) return;
    this.#result = [false, new DOMException("embed-events: the watcher stopped before a terminal event", "AbortError")];
    this.#finish();
  }

  /** Settle `outcome`, once it has been read and the result is known. */
  #finish() {
    const settle = this.#settle;
    if (!settle || !this.#result || this.#delivering) return;
    this.#settle = undefined;
    const [ok, value] = this.#result;
    (ok ? settle[0] : settle[1])(value);
  }

  /**
   * A Promise of the first terminal event (after its callbacks), rejected with an `AbortError`
   * DOMException when the watcher stops first. Made on first read, so an unread one never rejects
   * unhandled.
   */
  get outcome() {
    if (!this.#outcome) {
      this.#outcome = new Promise((resolve, reject) => (this.#settle = [resolve, reject]));
      this.#finish();
    }
    return this.#outcome;
  }

  /** `true` until stopped (by stop(), once, or signal). */
  get active() {
    return this.#active;
  }

  /** Stop (the watcher holds nothing else to release). */
  free() {
    this.stop();
  }
}

/**
 * Give watchers `[Symbol.dispose]` (`free`), for `using`, once the engine has the symbol: here when
 * the module loads, else from the constructor of the first watcher made after a page's polyfill
 * installs it (a symbol set later cannot be noticed sooner; tests/e2e/lifecycle.test.mjs). Idempotent.
 */
function disposable() {
  const dispose = typeof Symbol === "function" ? Symbol.dispose : undefined;
  if (typeof dispose === "symbol" && !Object.hasOwn(Watcher.prototype, dispose)) {
    Object.defineProperty(Watcher.prototype, dispose, { value: Watcher.prototype.free, configurable: true, writable: true });
  }
}
disposable();

// watchIgnition, watchSignere: each vendor's watcher, one line over `Watcher` (written by the build
// from the list of vendors).
export * from "./vendors.js";

/**
 * `url` (a string or a URL) parsed, or the TypeError of function `fn` saying why not; `check(href)`
 * runs between its type check and its parsing.
 */
function parseUrl(fn, url, check) {
  const href = typeof URL === "function" && url instanceof URL ? url.href : url;
  if (typeof href !== "string") throw fail(fn, `url must be a string or a URL, got ${typeName(url)}`);
  check?.(href);
  try {
    return new URL(href);
  } catch {
    throw fail(fn, "url does not parse as an absolute URL");
  }
}

/** `url` with its `origin` query parameter set to `parentOrigin` (default: this page's origin). */
export function ignitionUrl(url, parentOrigin) {
  const fn = "ignitionUrl";
  const parsed = parseUrl(fn, url, (href) => {
    if (parentOrigin !== undefined && typeof parentOrigin !== "string") {
      throw fail(fn, `parentOrigin must be a string, got ${typeName(parentOrigin)}`);
    }
    // As `ignition_url` (src/ignition_url.rs) reads it: http(s), with no tab or newline in its
    // scheme or host (which the URL parser drops).
    if (!originOf(href, true)[0]) throw fail(fn, "url does not parse as an absolute http(s) URL");
  });
  if (parentOrigin === undefined) {
    parentOrigin = typeof location === "object" && location !== null ? String(location.origin) : "";
    if (parentOrigin === "" || parentOrigin === "null") {
      throw fail(fn, "this page has no http(s) origin of its own; pass parentOrigin");
    }
  }
  const [origin, error] = originOf(parentOrigin);
  if (!origin || origin === "null") throw fail(fn, `parentOrigin ${CORE.errors[error ?? "Host"]}`);
  parsed.searchParams.set("origin", origin);
  return parsed.href;
}

/**
 * Read the parameters Ignition sends to your `redirectUri` (`status`, `authCode`, …) from `url`
 * (default: this page's URL) with the same rules as its messages: `null` without a `status`, else
 * `{ kind: "event", event, cleanUrl }`, `{ kind: "unknown", name, cleanUrl }` or
 * `{ kind: "malformed", detail, cleanUrl }`, where `cleanUrl` is the URL without those parameters.
 */
export function readIgnitionRedirect(url) {
  const fn = "readIgnitionRedirect";
  if (url === undefined) {
    if (typeof location !== "object" || location === null) throw fail(fn, "there is no page URL here; pass the URL");
    url = String(location.href);
  }
  const parsed = parseUrl(fn, url);
  // Ignition's table: its tag and fields are the redirect's parameters.
  const table = TABLES[IGNITION];
  const params = parsed.searchParams;
  if (!params.has(table.tag)) return null;
  // The URL as given (a string keeps its parameters' encoding), else as the URL object writes it.
  const cleanUrl = withoutParameters(typeof url === "string" ? url : parsed.href, table.keys);
  const data = {};
  // In query order: the parameter named is the one whose second copy comes first.
  for (const [name, value] of params) {
    if (!table.keys.includes(name)) continue;
    if (Object.hasOwn(data, name)) return { kind: "malformed", detail: `${name}: given twice`, cleanUrl };
    data[name] = value;
  }
  const value = wasm.decode(IGNITION, table, data, true);
  if (wasm.decoded >= 0) return { kind: "event", event: value, cleanUrl };
  if (wasm.decoded === -1) return { kind: "unknown", name: wasm.tag, cleanUrl };
  return { kind: "malformed", detail: value, cleanUrl };
}

/** `href` without the query parameters named `names`; the others keep their order and encoding. */
function withoutParameters(href, names) {
  const hash = href.indexOf("#");
  const head = hash < 0 ? href : href.slice(0, hash);
  const fragment = hash < 0 ? "" : href.slice(hash);
  const question = head.indexOf("?");
  if (question < 0) return href;
  const kept = head
    .slice(question + 1)
    .split("&")
    .filter((part) => part !== "" && !names.includes(new URLSearchParams(part).keys().next().value));
  return head.slice(0, question) + (kept.length ? `?${kept.join("&")}` : "") + fragment;
}
