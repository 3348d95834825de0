//! Hostile input through the real listener in headless Chromium, through the JavaScript API (the
//! built `dist/index.js`) and through the Rust API (`embed_events::Watch`) alike: origin lookalikes
//! and allow-list entries, checked against the browser's own URL parser, and the noise corpus
//! (tests/data/noise.json) from allowed and disallowed senders. Synthetic `MessageEvent`s carry any
//! `origin` and `source`. Real cross-origin frames, lifecycle abuse and listener counts are in
//! tests/e2e/lifecycle.test.mjs.
#![cfg(target_arch = "wasm32")]

#[path = "support/js_api.rs"]
mod js_api;
#[path = "support/origin_cases.rs"]
mod origin_cases;

use std::cell::Cell;
use std::rc::Rc;

use embed_events::{AllowList, Ignition, Signere, Watch};
use js_api::{post, watch_ignition, watch_signere, Api, Watcher, APIS};
use origin_cases::{Entry, BROWSER_ENTRIES, ENTRIES, LOOKALIKES};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlIFrameElement;

wasm_bindgen_test_configure!(run_in_browser);

const NOISE: &str = include_str!("data/noise.json");
const PRODUCTION: &str = "https://ignition.axle.insure";

#[wasm_bindgen(inline_js = r#"
const CALLBACKS = {
  ignition: ["onComplete", "onExit", "onError"],
  signere: ["onDocumentExpired", "onDocumentRead", "onEidSelected", "onLanguageChanged", "onSignSuccess",
            "onSignError", "onSpinnerOn", "onSpinnerOff", "onUserAborted", "onAppStarted", "onOutdatedBrowser"],
};

/** Records every callback of one watcher. */
export class Recorder {
  constructor(vendor) { this.vendor = vendor; this.log = []; }
  /** Options with every callback recording, the given origins (an array, or undefined) and source. */
  options(origins, source) {
    const o = {};
    for (const name of CALLBACKS[this.vendor]) o[name] = (e) => this.log.push(name + " " + JSON.stringify(e));
    o.onEvent = (e) => this.log.push("onEvent " + JSON.stringify(e));
    o.onUnknown = (u) => this.log.push("onUnknown " + String(u.name).slice(0, 40));
    o.onIgnored = (i) => this.log.push("onIgnored " + i.reason);
    if (origins !== undefined) o.origins = origins;
    if (source !== undefined) o.source = source;
    return o;
  }
  take() { const s = this.log.join("\n"); this.log = []; return s; }
}

export function frame(src) {
  const f = document.createElement("iframe");
  if (src) f.src = src;
  document.body.appendChild(f);
  return f;
}
export function removeFrame(f) { f.remove(); }
export function contentWindow(f) { return f.contentWindow; }
export function frameSrc(f) { return f.src; }
export function errorOf(f) {
  try { f(); return "no error"; } catch (e) { return e.constructor.name + ": " + e.message; }
}
/** The browser's own serialisation of the origin of `s` (`new URL(s).origin`), or "" when `s` does not parse. */
export function urlOrigin(s) {
  try { return new URL(s).origin; } catch { return ""; }
}
/** Whether the browser itself ever serialises an origin as this string (`new URL(s).origin === s`). */
export function browserSerialises(s) {
  if (s === "null") return true; // an opaque origin (a sandboxed frame) serialises as "null"
  try { return new URL(s).origin === s; } catch { return false; }
}

/** Errors that reach the window (uncaught exceptions in listeners, wasm traps) and reportError calls. */
const seen = { errors: [], reported: [] };
let installed = false;
export function watchErrors() {
  if (!installed) {
    installed = true;
    window.addEventListener("error", (e) => { seen.errors.push(String(e.message)); });
    globalThis.reportError = (e) => seen.reported.push(String(e && e.message));
  }
  seen.errors.length = 0;
  seen.reported.length = 0;
}
export function windowErrors() { return JSON.stringify(seen.errors.slice(0, 10)) + (seen.errors.length > 10 ? ` (+${seen.errors.length - 10})` : ""); }
export function reportedErrors() { return JSON.stringify(seen.reported.slice(0, 10)); }

// The wasm instance inside dist/index.js, seen as the package compiles it (on its first call, after
// this module is evaluated), so that the JavaScript values it holds can be counted.
const instances = [];
{
  const Instance = WebAssembly.Instance;
  WebAssembly.Instance = new Proxy(Instance, {
    construct(target, args) {
      const instance = Reflect.construct(target, args);
      instances.push(instance);
      return instance;
    },
  });
}
const packageInstance = () => instances.find((i) => typeof i.exports.decode === "function");
const tablesOf = (instance) => Object.values(instance.exports).filter((v) => v instanceof WebAssembly.Table);
/**
 * The values held in the tables the package's wasm exports (where wasm-bindgen keeps the
 * JavaScript values a wasm holds), or -1 if it has not started.
 */
export function packageReferences() {
  const instance = packageInstance();
  if (!instance) return -1;
  let held = 0;
  for (const table of tablesOf(instance)) for (let i = 0; i < table.length; i++) if (table.get(i) != null) held++;
  return held;
}
/**
 * Whether packageReferences() would see a JavaScript value held in any table of the package's wasm
 * that can hold one (checked with a slot of its own past the end, which the wasm never reaches).
 * A wasm with no such table cannot keep a JavaScript value at all.
 */
export function packageReferencesSeen() {
  const instance = packageInstance();
  if (!instance) return false;
  for (const table of tablesOf(instance)) {
    let slot;
    try {
      slot = table.grow(1, null);
      table.set(slot, {});
    } catch {
      continue; // a table of functions
    }
    const before = packageReferences();
    table.set(slot, null);
    if (packageReferences() !== before - 1) return false;
  }
  return true;
}

// ---- the noise corpus --------------------------------------------------------------------------

function defineOwn(object, key, value) {
  // Own data properties, so that a "__proto__" key stays a key and never becomes the prototype.
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

function generate(spec) {
  if (typeof spec === "string") return spec;
  if ("repeat" in spec) return spec.repeat.repeat(spec.times);
  if ("concat" in spec) return spec.concat.map(generate).join("");
  if ("wide" in spec) { const o = {}; for (let i = 0; i < spec.wide; i++) o["k" + i] = i; return o; }
  if ("nest" in spec) {
    let v = "leaf" in spec ? spec.leaf : null;
    for (let i = 0; i < spec.depth; i++) {
      if (spec.nest === "array") v = [v];
      else { const o = {}; defineOwn(o, spec.key, v); v = o; }
    }
    return v;
  }
  throw new Error("unknown generator " + JSON.stringify(spec));
}

function special(name) {
  switch (name) {
    case "NaN": return NaN;
    case "Infinity": return Infinity;
    case "-Infinity": return -Infinity;
    case "-0": return -0;
    case "undefined": return undefined;
    case "symbol": return Symbol("status");
    case "bigint": return 12345678901234567890n;
    case "date": return new Date(0);
    case "regexp": return /"status":"complete"/g;
    case "map": return new Map([["status", "complete"], ["authCode", "cod_map"]]);
    case "set": return new Set(["complete"]);
    case "arraybuffer": return new TextEncoder().encode('{"status":"exit"}').buffer;
    case "uint8array": return new TextEncoder().encode('{"status":"exit"}');
    case "blob": return new Blob(['{"status":"exit"}'], { type: "application/json" });
    case "error": return Object.assign(new Error("status"), { status: "complete" });
    case "error-complete": return Object.assign(new Error("status"), { status: "complete", authCode: "cod_err" });
    case "string-object": return new String('{"status":"exit"}');
    case "boolean-object": return new Boolean(true);
    case "lone-surrogate": return "\ud800";
  }
  throw new Error("unknown special " + name);
}

/** A corpus value with its generators expanded. */
export function expand(v) {
  if (Array.isArray(v)) return v.map(expand);
  if (v !== null && typeof v === "object") {
    const keys = Object.keys(v);
    if (keys.length === 1 && keys[0] === "$gen") return generate(v.$gen);
    if (keys.length === 1 && keys[0] === "$js") return special(v.$js);
    const out = {};
    for (const k of keys) defineOwn(out, k, expand(v[k]));
    return out;
  }
  return v;
}

/**
 * JSON.stringify, also for the corpus's values nested deeper than an engine's JSON.stringify goes
 * (Firefox throws "too much recursion" at 10,000 levels; Chromium and WebKitGTK do not): then the
 * same text, written without recursion. Other errors (a BigInt) are thrown as JSON.stringify throws them.
 */
function stringify(value) {
  try {
    return JSON.stringify(value);
  } catch (error) {
    if (!/recursion|call stack/i.test(String(error))) throw error;
  }
  let out = "";
  const stack = [{ v: value, keys: null, i: -1 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const v = top.v;
    if (top.i === -1) {
      if (v === null || typeof v !== "object") { out += JSON.stringify(v) ?? "null"; stack.pop(); continue; }
      top.keys = Array.isArray(v) ? null : Object.keys(v).filter((k) => v[k] !== undefined);
      out += top.keys ? "{" : "[";
      top.i = 0;
    }
    if (top.i === (top.keys ? top.keys.length : v.length)) { out += top.keys ? "}" : "]"; stack.pop(); continue; }
    if (top.i > 0) out += ",";
    if (top.keys) out += JSON.stringify(top.keys[top.i]) + ":";
    stack.push({ v: top.keys ? v[top.keys[top.i]] : v[top.i], keys: null, i: -1 });
    top.i++;
  }
  return out;
}

function canon(v) {
  const sort = (x) => x !== null && typeof x === "object" && !Array.isArray(x)
    ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, sort(x[k])])) : x;
  return JSON.stringify(sort(v));
}

function short(entries) {
  return JSON.stringify(entries.map((e) => e.map((x) => { const s = typeof x === "string" ? x : canon(x); return s && s.length > 80 ? s.slice(0, 80) + "…" : s; })));
}

/**
 * Sends every corpus entry, as given and as JSON text, from the allowed sender and from five
 * disallowed ones, to an Ignition and a Signere watcher with every callback; returns a report.
 */
export function runCorpus(json, watchIgnition, watchSignere, allowedFrame, otherFrame) {
  const ALLOWED = "https://vendor.example", OTHER = "https://other.example";
  const corpus = JSON.parse(json);
  const log = [];
  const watchers = [];
  for (const [vendor, create] of [["ignition", watchIgnition], ["signere", watchSignere]]) {
    const o = { origins: [ALLOWED], source: allowedFrame };
    for (const name of CALLBACKS[vendor]) o[name] = (e) => log.push([vendor, name, e]);
    o.onEvent = (e) => log.push([vendor, "onEvent", e]);
    o.onUnknown = (u) => log.push([vendor, "onUnknown", u.name]);
    o.onIgnored = (i) => log.push([vendor, "onIgnored", i.reason, i.detail]);
    const w = create(o);
    if (w instanceof Error) throw w;
    watchers.push(w);
  }
  const senders = [
    { name: "the allowed frame and origin", origin: ALLOWED, source: allowedFrame.contentWindow },
    { name: "a wrong origin", origin: OTHER, source: allowedFrame.contentWindow, reason: "origin" },
    { name: "the opaque origin", origin: "null", source: allowedFrame.contentWindow, reason: "origin" },
    { name: "a wrong frame", origin: ALLOWED, source: otherFrame.contentWindow, reason: "source" },
    { name: "no source", origin: ALLOWED, source: null, reason: "source" },
    { name: "the page itself", origin: ALLOWED, source: window, reason: "source" },
  ];
  const problems = [];
  const counts = { entries: corpus.entries.length, tags: new Set(corpus.entries.map((e) => e.tag)).size, messages: 0,
    deliveries: 0, onEvent: 0, unknown: 0, malformed: 0, ignoredOrigin: 0, ignoredSource: 0, valid: 0 };
  corpus.entries.forEach((entry, i) => {
    let value = expand(entry.data);
    if (entry.stringify) value = stringify(value);
    const forms = [["as given", value]];
    if (typeof value !== "string") {
      let text;
      try { text = stringify(value); } catch { /* BigInt */ }
      if (typeof text === "string") forms.push(["as JSON text", text]);
    }
    const valid = entry.valid ? { ...entry.valid, value: canon(expand(entry.valid.value)) } : null;
    if (valid) counts.valid++;
    for (const [form, data] of forms) {
      for (const sender of senders) {
        log.length = 0;
        window.dispatchEvent(new MessageEvent("message", { data, origin: sender.origin, source: sender.source }));
        counts.messages++;
        for (const vendor of ["ignition", "signere"]) {
          const got = log.filter((e) => e[0] === vendor);
          const where = `#${i} [${entry.tag}] ${entry.what}, ${form}, from ${sender.name}, to ${vendor}`;
          let ok;
          if (sender.reason) {
            ok = got.length === 1 && got[0][1] === "onIgnored" && got[0][2] === sender.reason;
            if (ok) counts[sender.reason === "origin" ? "ignoredOrigin" : "ignoredSource"]++;
          } else if (valid && valid.vendor === vendor) {
            ok = got.length === 2 && got[0][1] === valid.callback && canon(got[0][2]) === valid.value
              && got[1][1] === "onEvent" && canon(got[1][2]) === valid.value;
            if (ok) { counts.deliveries++; counts.onEvent++; }
          } else {
            ok = got.length === 1 && (got[0][1] === "onUnknown" || (got[0][1] === "onIgnored" && got[0][2] === "malformed"));
            if (ok) counts[got[0][1] === "onUnknown" ? "unknown" : "malformed"]++;
          }
          if (!ok) problems.push(`${where}: got ${short(got)}`);
        }
      }
    }
  });
  // The instance is not poisoned: both watchers still decode and deliver.
  log.length = 0;
  window.dispatchEvent(new MessageEvent("message", { data: { status: "complete", authCode: "cod_after" }, origin: ALLOWED, source: allowedFrame.contentWindow }));
  window.dispatchEvent(new MessageEvent("message", { data: '{"type":"sign_success","payload":{"documentId":"d_after"}}', origin: ALLOWED, source: allowedFrame.contentWindow }));
  const after = short(log.map((e) => e.slice(1)));
  for (const w of watchers) w.stop();
  log.length = 0;
  window.dispatchEvent(new MessageEvent("message", { data: { status: "exit" }, origin: ALLOWED, source: allowedFrame.contentWindow }));
  return { counts, problems: problems.slice(0, 25), problemCount: problems.length, after, afterStop: log.length };
}

export function get(o, key) { return o[key]; }
export function getJson(o, key) { return JSON.stringify(o[key]); }

/** Message data of one kind, for the reference-leak tests. */
export function sample(kind) {
  switch (kind) {
    case "valid object": return { status: "complete", authCode: "cod_1", client: "cli_1", extra: { a: [1] } };
    case "valid JSON text": return '{"type":"sign_error","payload":{"error":{"code":"c"},"documentId":"d"}}';
    case "unknown": return { status: "opened", type: "ping" };
    case "malformed object": return { status: "complete", authCode: 42, type: ["x"] };
    case "JSON that is not an object": return "[1,2]";
    case "not JSON": return "GET_URL";
    case "a throwing Proxy trap": return new Proxy({}, { getOwnPropertyDescriptor() { throw new Error("trap"); } });
  }
}

/** Revoked proxies where the decoder looks: as the data, as a field, as a nested object. */
export function revokedProxyMessages() {
  const { proxy, revoke } = Proxy.revocable({}, {});
  revoke();
  return [proxy, { status: proxy }, { status: "complete", authCode: proxy }, { type: "sign_error", payload: proxy },
          { type: "sign_error", payload: { error: proxy } }];
}

// Issue 19, D1-D3: hostile same-page data (the tests below, with the re-entrancy test). One inline
// module for the whole suite: each one more is one more script the test page loads.
const send = (data, origin) => window.dispatchEvent(new MessageEvent("message", { data, origin }));

/**
 * Data of `tag` (with `fields`) behind a Proxy: `descriptor` runs in its getOwnPropertyDescriptor
 * trap (the package reads members by descriptor) before the target answers; `get` is its get trap.
 */
function proxied(fields, descriptor, get) {
  return new Proxy(fields, {
    getOwnPropertyDescriptor(target, key) {
      descriptor(key);
      return Reflect.getOwnPropertyDescriptor(target, key);
    },
    get,
  });
}

/**
 * D1: while the shape of a Signere `sign_success` is read, its Proxy dispatches an Ignition
 * `complete` (once), which the Ignition watcher decodes meanwhile.
 */
export function sendReentrant(origin) {
  let sent = false;
  send(proxied({ type: "sign_success", payload: { documentId: "d_outer" } }, () => {
    if (!sent) {
      sent = true;
      send({ status: "complete", authCode: "cod_inner" }, origin);
    }
  }), origin);
}

/** D2: an unknown tag behind a Proxy whose get trap throws (its descriptors answer). */
export function sendThrowingGet(origin) {
  send(proxied({ type: "not_a_type" }, () => {}, () => { throw new Error("get trap"); }), origin);
}

/** D2: a Proxy whose every trap throws. */
export function sendThrowingEverywhere(origin) {
  const fail = () => { throw new Error("trap"); };
  send(new Proxy({ type: "not_a_type" }, { get: fail, getOwnPropertyDescriptor: fail, ownKeys: fail, has: fail }), origin);
}

/** D3: an unknown tag whose descriptor says "not_a_type" and whose get trap answers 42. */
export function sendTwoFaced(origin) {
  send(proxied({ type: "not_a_type" }, () => {}, () => 42), origin);
}

/** Options recording into `log` under `prefix`, with the settling of `outcome` once read. */
export function recordingOptions(log, prefix, callbacks, once) {
  const o = { origins: ["https://vendor.example"], once };
  for (const name of [...callbacks, "onEvent", "onUnknown", "onIgnored"]) {
    // `data` is not written out: reading it runs the Proxy's traps.
    o[name] = (e) => log.push(`${prefix} ${name} ${name === "onUnknown" || name === "onIgnored"
      ? `${e.reason ?? ""} ${typeof e.name} ${String(e.name)} ${"data" in e ? "with data" : "without data"}` : JSON.stringify(e)}`);
  }
  return o;
}
export function recordOutcome(log, watcher) {
  return watcher.outcome.then((e) => log.push("outcome " + JSON.stringify(e)), (e) => log.push("outcome rejected " + e.name));
}
"#)]
extern "C" {
    type Recorder;
    #[wasm_bindgen(constructor)]
    fn new(vendor: &str) -> Recorder;
    #[wasm_bindgen(method)]
    fn options(this: &Recorder, origins: JsValue, source: JsValue) -> JsValue;
    #[wasm_bindgen(method)]
    fn take(this: &Recorder) -> String;
    fn frame(src: &str) -> HtmlIFrameElement;
    #[wasm_bindgen(js_name = removeFrame)]
    fn remove_frame(frame: &HtmlIFrameElement);
    #[wasm_bindgen(js_name = contentWindow)]
    fn content_window(frame: &HtmlIFrameElement) -> JsValue;
    #[wasm_bindgen(js_name = frameSrc)]
    fn frame_src(frame: &HtmlIFrameElement) -> String;
    #[wasm_bindgen(js_name = errorOf)]
    fn error_of(f: &js_sys::Function) -> String;
    #[wasm_bindgen(js_name = urlOrigin)]
    fn url_origin(s: &str) -> String;
    #[wasm_bindgen(js_name = packageReferences)]
    fn package_references() -> i32;
    #[wasm_bindgen(js_name = packageReferencesSeen)]
    fn package_references_seen() -> bool;
    #[wasm_bindgen(js_name = browserSerialises)]
    fn browser_serialises(origin: &str) -> bool;
    #[wasm_bindgen(js_name = watchErrors)]
    fn watch_errors();
    #[wasm_bindgen(js_name = windowErrors)]
    fn window_errors() -> String;
    #[wasm_bindgen(js_name = reportedErrors)]
    fn reported_errors() -> String;
    #[wasm_bindgen(js_name = runCorpus)]
    fn run_corpus(
        json: &str,
        watch_ignition: &js_sys::Function,
        watch_signere: &js_sys::Function,
        allowed: &HtmlIFrameElement,
        other: &HtmlIFrameElement,
    ) -> JsValue;
    fn get(o: &JsValue, key: &str) -> JsValue;
    #[wasm_bindgen(js_name = getJson)]
    fn get_json(o: &JsValue, key: &str) -> String;
    #[wasm_bindgen(js_name = revokedProxyMessages)]
    fn revoked_proxy_messages() -> js_sys::Array;
    fn sample(kind: &str) -> JsValue;
    #[wasm_bindgen(js_name = sendReentrant)]
    fn send_reentrant(origin: &str);
    #[wasm_bindgen(js_name = sendThrowingGet)]
    fn send_throwing_get(origin: &str);
    #[wasm_bindgen(js_name = sendThrowingEverywhere)]
    fn send_throwing_everywhere(origin: &str);
    #[wasm_bindgen(js_name = sendTwoFaced)]
    fn send_two_faced(origin: &str);
    #[wasm_bindgen(js_name = recordingOptions)]
    fn recording_options(log: &js_sys::Array, prefix: &str, callbacks: JsValue, once: bool) -> JsValue;
    #[wasm_bindgen(js_name = recordOutcome)]
    fn record_outcome(log: &js_sys::Array, watcher: &Watcher) -> js_sys::Promise;
}

fn strings(list: &[&str]) -> JsValue {
    list.iter().map(|s| JsValue::from_str(s)).collect::<js_sys::Array>().into()
}

const EXIT: &str = r#"{"status":"exit"}"#;

/// What an Ignition watcher with `origins` (and `source`) does with an exit message from `sender`:
/// `"onExit"`, or `"onIgnored <reason>"`.
fn verdict(rec: &Recorder, sender: &str, source: &JsValue) -> String {
    post(&JsValue::from_str(EXIT), sender, source);
    let log = rec.take();
    match log.as_str() {
        "onExit {\"status\":\"exit\"}\nonEvent {\"status\":\"exit\"}" => "onExit".into(),
        other => other.to_string(),
    }
}

fn start(api: Api, origins: &[&str], source: &HtmlIFrameElement) -> (Recorder, Watcher) {
    let rec = Recorder::new("ignition");
    let watcher = api
        .watch("ignition", rec.options(strings(origins), source.into()))
        .unwrap_or_else(|e| panic!("{api:?}: {origins:?}: {e:?}"));
    (rec, watcher)
}

/// The error `api`'s watcher of `vendor` throws for `origins` (with `source`), or `"no error"`.
fn start_error(api: Api, vendor: &'static str, origins: &[&str], source: &HtmlIFrameElement) -> String {
    let options = Recorder::new(vendor).options(strings(origins), source.into());
    error_of(&Closure::once_into_js(move || api.watch(vendor, options).map(|w| w.stop())).into())
}

#[wasm_bindgen_test]
fn origin_lookalikes_are_accepted_or_ignored_as_the_table_says() {
    watch_errors();
    let f = frame("");
    let source = content_window(&f);
    for api in APIS {
        let mut wrong = Vec::new();
        let mut realistic_rejected = 0;
        for case in LOOKALIKES {
            let (rec, watcher) = start(api, case.list, &f);
            let got = verdict(&rec, case.sender, &source);
            let want = if case.accept { "onExit" } else { "onIgnored origin" };
            if got != want {
                wrong.push(format!("{:?} vs {:?}: got {got:?}, want {want:?}", case.list, case.sender));
            }
            if case.accept {
                // Whatever is accepted is an origin the browser itself produces for a real sender.
                assert!(browser_serialises(case.sender), "{:?} is accepted but no browser sends it", case.sender);
            } else if browser_serialises(case.sender) {
                realistic_rejected += 1;
            }
            watcher.stop();
        }
        assert!(wrong.is_empty(), "{api:?}: {} of {} cases wrong:\n{}", wrong.len(), LOOKALIKES.len(), wrong.join("\n"));
        console_log!(
            "origin lookalikes in the browser ({api:?}): {} sender cases; {realistic_rejected} of the rejected ones are origins a real frame could have",
            LOOKALIKES.len()
        );
    }
    remove_frame(&f);
    assert_eq!(window_errors(), "[]");
}

#[wasm_bindgen_test]
fn allow_list_entries_normalise_or_throw_a_type_error_that_names_them() {
    let f = frame("");
    let source = content_window(&f);
    for api in APIS {
        for case in ENTRIES {
            match case.expect {
                Entry::Normalises(want) => {
                    let (rec, watcher) = start(api, &[case.entry], &f);
                    assert_eq!(verdict(&rec, want, &source), "onExit", "{api:?}: entry {:?} should accept {want:?}", case.entry);
                    if case.entry != want {
                        assert_eq!(
                            verdict(&rec, case.entry, &source),
                            "onIgnored origin",
                            "{api:?}: entry {:?} accepts itself verbatim",
                            case.entry
                        );
                    }
                    watcher.stop();
                }
                // What `Origin::parse` does not canonicalise itself is the engine's, in a browser.
                // (A host the engine maps to a space or another character no host has is refused.)
                // The URL standard's answer is Node's, from the table (engines are laxer in places).
                Entry::Rejected(reason) if reason == origin_cases::UNSUPPORTED => {
                    let node = origin_cases::NODE.iter().find(|c| c.entry == case.entry).expect("every entry is in NODE").node;
                    let canonical = node.unwrap_or("");
                    if canonical.is_empty() || canonical.contains(['%', '*', '"']) {
                        let err = start_error(api, "ignition", &[case.entry], &f);
                        let want = format!("TypeError: embed-events: watchIgnition: origins[0]: \"{}\" ", case.entry);
                        assert!(err.starts_with(&want), "{api:?}: entry {:?}:\n got {err:?}\nwant {want:?}…", case.entry);
                        continue;
                    }
                    let (rec, watcher) = start(api, &[case.entry], &f);
                    assert_eq!(verdict(&rec, &canonical, &source), "onExit", "{api:?}: {:?} should accept {canonical:?}", case.entry);
                    watcher.stop();
                }
                Entry::Rejected(reason) => {
                    let err = start_error(api, "ignition", &["https://ok.example", case.entry], &f);
                    let want = format!("TypeError: embed-events: watchIgnition: origins[1]: \"{}\" {reason}", case.entry);
                    assert!(err.starts_with(&want), "{api:?}: entry {:?}:\n got {err:?}\nwant {want:?}…", case.entry);
                }
            }
        }
    }
    remove_frame(&f);
}

#[wasm_bindgen_test]
fn the_browser_canonicalises_idn_ipv4_and_percent_encoded_entries() {
    let f = frame("");
    let source = content_window(&f);
    let mut wrong = Vec::new();
    for api in APIS {
        for case in BROWSER_ENTRIES {
            match case.canonical {
                Some(canonical) => {
                    assert!(browser_serialises(canonical), "{canonical:?} is not what a browser sends");
                    let rec = Recorder::new("ignition");
                    let watcher = match api.watch("ignition", rec.options(strings(&[case.entry]), f.clone().into())) {
                        Ok(watcher) => watcher,
                        Err(e) => {
                            wrong.push(format!("{api:?}: entry {:?} should be accepted: {e:?}", case.entry));
                            continue;
                        }
                    };
                    let mut check = |sender: &str, want: &str, what: &str| {
                        let got = verdict(&rec, sender, &source);
                        if got != want {
                            wrong.push(format!("{api:?}: entry {:?} {what}: got {got:?}", case.entry));
                        }
                    };
                    check(canonical, "onExit", &format!("should accept {canonical:?}"));
                    check(case.entry, "onIgnored origin", "accepts itself verbatim");
                    // A lookalike entry never lets the real production origin in, and vice versa.
                    let production = if canonical == PRODUCTION { "onExit" } else { "onIgnored origin" };
                    check(PRODUCTION, production, "vs production");
                    watcher.stop();
                }
                None => {
                    let err = start_error(api, "signere", &[case.entry], &f);
                    let want = format!(
                        "TypeError: embed-events: watchSignere: origins[0]: \"{}\" does not parse as an origin (bad host)",
                        case.entry
                    );
                    if err != want {
                        wrong.push(format!("{api:?}: entry {:?}: got {err:?}, want {want:?}", case.entry));
                    }
                }
            }
        }
    }
    remove_frame(&f);
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
}

/// Every allow-list entry in the tables that a watcher accepts.
fn accepted_entries() -> Vec<&'static str> {
    let mut entries: Vec<&str> = Vec::new();
    entries.extend(ENTRIES.iter().filter(|c| matches!(c.expect, Entry::Normalises(_))).map(|c| c.entry));
    entries.extend(BROWSER_ENTRIES.iter().filter(|c| c.canonical.is_some()).map(|c| c.entry));
    entries.extend(LOOKALIKES.iter().flat_map(|c| c.list.iter().copied()));
    entries.sort_unstable();
    entries.dedup();
    entries
}

/// The proof that the one authority (`Origin`, in Rust) matches the browser: every entry the
/// watchers accept allows exactly the origin the browser's own URL parser gives it.
#[wasm_bindgen_test]
fn every_accepted_entry_is_the_origin_new_url_gives() {
    let f = frame("");
    let source = content_window(&f);
    let mut wrong = Vec::new();
    let entries = accepted_entries();
    let mut checked = 0;
    for entry in &entries {
        if entry.trim_matches(|c: char| c <= ' ') == "null" {
            continue; // the opaque origin: no URL has it
        }
        let browser = url_origin(entry);
        match AllowList::parse([entry]) {
            Ok(list) => {
                let canonical = list.origins()[0].as_str();
                if canonical != browser {
                    wrong.push(format!("{entry:?}: Origin gives {canonical:?}, new URL(entry).origin gives {browser:?}"));
                }
            }
            Err(e) => wrong.push(format!("{entry:?}: Origin rejects it ({e}), new URL(entry).origin gives {browser:?}")),
        }
        for api in APIS {
            let rec = Recorder::new("ignition");
            match api.watch("ignition", rec.options(strings(&[entry]), f.clone().into())) {
                Ok(watcher) => {
                    let got = verdict(&rec, &browser, &source);
                    if got != "onExit" {
                        wrong.push(format!("{api:?}: {entry:?} does not accept {browser:?} (new URL(entry).origin): {got:?}"));
                    }
                    watcher.stop();
                }
                Err(e) => wrong.push(format!("{api:?}: {entry:?} is rejected: {e:?}")),
            }
        }
        checked += 1;
    }
    remove_frame(&f);
    assert!(checked >= 50, "only {checked} entries");
    assert!(wrong.is_empty(), "{} of {checked} entries wrong:\n{}", wrong.len(), wrong.join("\n"));
    console_log!("{checked} accepted allow-list entries agree with new URL(entry).origin");
}

#[wasm_bindgen_test]
fn a_frame_src_in_another_spelling_allows_only_its_canonical_origin() {
    // Loopback addresses on the discard port: nothing loads, and nothing leaves the machine.
    for (src, canonical, spellings) in [
        ("http://2130706433:9/ignition?token=x", "http://127.0.0.1:9", &["http://2130706433:9", "http://127.1:9"][..]),
        ("http://0x7f.0.0.1:9/", "http://127.0.0.1:9", &["http://0x7f.0.0.1:9"][..]),
        ("http://[0:0:0:0:0:0:0:1]:9/x", "http://[::1]:9", &["http://[0:0:0:0:0:0:0:1]:9"][..]),
        ("HTTP://LOCALHOST:9/x", "http://localhost:9", &["HTTP://LOCALHOST:9", "http://LOCALHOST:9"][..]),
    ] {
        let f = frame(src);
        let source = content_window(&f);
        for api in APIS {
            for vendor in ["ignition", "signere"] {
                let rec = Recorder::new(vendor);
                let options = rec.options(JsValue::UNDEFINED, f.clone().into());
                let watcher = api.watch(vendor, options).unwrap();
                let message = JsValue::from_str(if vendor == "ignition" { EXIT } else { r#"{"type":"spinner_on"}"# });
                post(&message, canonical, &source);
                assert!(rec.take().contains("onEvent"), "{api:?}, {vendor}: {src} ({}) should allow {canonical}", frame_src(&f));
                for spelling in spellings.iter().chain(&[PRODUCTION]) {
                    post(&message, spelling, &source);
                    assert_eq!(rec.take(), "onIgnored origin", "{api:?}, {vendor}: {src} allows {spelling}");
                }
                watcher.stop();
            }
        }
        remove_frame(&f);
    }
}

#[wasm_bindgen_test]
fn the_noise_corpus_reaches_no_callback_but_on_ignored_or_on_unknown() {
    for api in APIS {
        watch_errors();
        let allowed = frame("");
        let other = frame("");
        let wi = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |o| api.watch("ignition", o).map_or_else(|e| e, JsValue::from));
        let ws = Closure::<dyn Fn(JsValue) -> JsValue>::new(move |o| api.watch("signere", o).map_or_else(|e| e, JsValue::from));
        let report = run_corpus(NOISE, wi.as_ref().unchecked_ref(), ws.as_ref().unchecked_ref(), &allowed, &other);
        let counts = get_json(&report, "counts");
        console_log!("noise corpus ({api:?}): {counts}");
        let problems = get(&report, "problemCount").as_f64().unwrap();
        assert!(
            problems == 0.0,
            "{api:?}: {problems} messages went wrong (first 25):\n{}",
            get_json(&report, "problems").replace("\",\"", "\n")
        );
        let entries = get(&get(&report, "counts"), "entries").as_f64().unwrap();
        assert!(entries >= 120.0, "the corpus has only {entries} entries");
        assert!(get(&get(&report, "counts"), "valid").as_f64().unwrap() >= 1.0);
        // No exception, no trap, no reported error, for any of them.
        assert_eq!(window_errors(), "[]", "{api:?}");
        assert_eq!(reported_errors(), "[]", "{api:?}");
        // Not poisoned: both watchers still deliver, and a stopped watcher calls nothing.
        assert_eq!(
            get(&report, "after").as_string().unwrap(),
            r#"[["onComplete","{\"authCode\":\"cod_after\",\"status\":\"complete\"}"],["onEvent","{\"authCode\":\"cod_after\",\"status\":\"complete\"}"],["onIgnored","malformed","type: missing"],["onIgnored","malformed","status: missing"],["onSignSuccess","{\"documentId\":\"d_after\",\"type\":\"sign_success\"}"],["onEvent","{\"documentId\":\"d_after\",\"type\":\"sign_success\"}"]]"#,
            "{api:?}"
        );
        assert_eq!(get(&report, "afterStop").as_f64(), Some(0.0), "{api:?}");
        remove_frame(&allowed);
        remove_frame(&other);
    }
}

/// Regression: a revoked `Proxy` where the decoder looks (as the data, or as a field value) made
/// the listener throw `TypeError: Cannot perform 'IsArray' on a proxy that has been revoked`
/// (`Array.isArray` was called outside any try). Only a script in the page can dispatch such an
/// event (structured clone cannot carry a Proxy), but the contract says hostile data never throws.
/// When the wasm did the reading, the exceptions unwound through the wasm and after 1,024 of them
/// the instance trapped on every message, for every watcher ("table index is out of bounds";
/// tests/e2e/lifecycle.test.mjs sends 3,300). This test sends only five, so that it cannot poison
/// the other tests of this instance.
#[wasm_bindgen_test]
fn a_revoked_proxy_in_message_data_is_malformed_never_thrown() {
    for api in APIS {
        watch_errors();
        let rec = Recorder::new("ignition");
        let watcher = api.watch("ignition", rec.options(strings(&["https://vendor.example"]), JsValue::UNDEFINED)).unwrap();
        let srec = Recorder::new("signere");
        let swatcher = api.watch("signere", srec.options(strings(&["https://vendor.example"]), JsValue::UNDEFINED)).unwrap();
        for message in revoked_proxy_messages().iter() {
            post(&message, "https://vendor.example", &JsValue::NULL);
        }
        let (ignition, signere, errors) = (rec.take(), srec.take(), window_errors());
        watcher.stop();
        swatcher.stop();
        assert_eq!(errors, "[]", "{api:?}: exceptions escaped the listener");
        assert_eq!(ignition.matches("onIgnored malformed").count(), 5, "{api:?}: {ignition}");
        assert_eq!(signere.matches("onIgnored malformed").count(), 5, "{api:?}: {signere}");
    }
}

/// The JavaScript values a wasm instance holds: for [`Api::Js`] the package's own wasm (inside
/// dist/index.js), for [`Api::Rust`] this test's, where the Rust watcher runs.
fn references(api: Api) -> i64 {
    match api {
        Api::Js => i64::from(package_references()),
        Api::Rust => i64::from(wasm_bindgen::externref_heap_live_count()),
    }
}

/// A Rust watcher of `V` on frame `f` whose handler, `on_unknown` and `on_ignored` each count in
/// `calls`.
fn counting<V: embed_events::Vendor>(f: &HtmlIFrameElement, calls: &Rc<Cell<usize>>) -> embed_events::Watcher {
    let count = || {
        let calls = calls.clone();
        move || calls.set(calls.get() + 1)
    };
    let (a, b, c) = (count(), count(), count());
    Watch::<V>::new()
        .origins(["https://vendor.example"])
        .source(f.clone())
        .on_unknown(move |_| a())
        .on_ignored(move |_| b())
        .start(move |_| c())
        .unwrap()
}

/// How many more JavaScript values the wasm holds after `n` messages of `kind` to both vendors'
/// watchers, each from the watched frame, from a wrong origin and from a wrong frame. Through the
/// JavaScript API every callback is registered (`throwing` ones throw); through the Rust API the
/// handler, `on_unknown` and `on_ignored` are Rust closures (which cannot throw into JavaScript).
fn references_kept(api: Api, kind: &str, n: usize, throwing: bool) -> i64 {
    let f = frame("");
    let other = frame("");
    let source = content_window(&f);
    let other_source = content_window(&other);
    let mut js_watchers = Vec::new();
    let mut rust_watchers = Vec::new();
    let calls = Rc::new(Cell::new(0_usize));
    match api {
        Api::Js => {
            let options = |vendor: &str| {
                let options = Recorder::new(vendor).options(strings(&["https://vendor.example"]), f.clone().into());
                if throwing {
                    let thrower = js_sys::Function::new_no_args("throw new Error('callback failure')");
                    let own = if vendor == "ignition" { "onComplete" } else { "onSignError" };
                    for key in [own, "onEvent", "onUnknown", "onIgnored"] {
                        js_sys::Reflect::set(&options, &key.into(), &thrower).unwrap();
                    }
                }
                options
            };
            js_watchers.push(watch_ignition(options("ignition")).unwrap());
            js_watchers.push(watch_signere(options("signere")).unwrap());
        }
        Api::Rust => {
            rust_watchers.push(counting::<Ignition>(&f, &calls));
            rust_watchers.push(counting::<Signere>(&f, &calls));
        }
    }
    let data = sample(kind);
    let senders =
        [("https://vendor.example", &source), ("https://other.example", &source), ("https://vendor.example", &other_source)];
    // One round first, so that anything allocated once (and kept on purpose) is not counted.
    for (origin, from) in senders {
        post(&data, origin, from);
    }
    let before = references(api);
    if api == Api::Js {
        assert!(before >= 0, "the package's wasm has not started");
        assert!(package_references_seen(), "the count of the package's references does not see a held one");
    }
    for _ in 0..n {
        for (origin, from) in senders {
            post(&data, origin, from);
        }
    }
    let after = references(api);
    for w in js_watchers {
        w.stop();
    }
    if api == Api::Rust {
        // Every message reached a callback of each watcher.
        assert_eq!(calls.get(), 2 * 3 * (n + 1), "{api:?}: {kind}");
    }
    drop(rust_watchers);
    remove_frame(&f);
    remove_frame(&other);
    after - before
}

#[wasm_bindgen_test]
fn messages_leave_no_javascript_reference_behind() {
    watch_errors();
    for api in APIS {
        for kind in ["valid object", "valid JSON text", "unknown", "malformed object", "JSON that is not an object"] {
            assert_eq!(references_kept(api, kind, 500, false), 0, "{api:?}, {kind}: JavaScript references leak");
        }
    }
    assert_eq!(window_errors(), "[]");
}

/// Messages that make a JavaScript call throw (JSON.parse of a string that is not JSON, a Proxy
/// trap) must not leave a reference behind either: with wasm-bindgen 0.2.130 every exception caught
/// inside the wasm keeps a slot of the externref table for ever (`let _ = js_sys::JSON::parse("x")`
/// alone leaks one per call). So no JavaScript call on the message path may throw into the wasm.
#[wasm_bindgen_test]
fn messages_that_make_a_javascript_call_throw_leave_no_reference_behind() {
    watch_errors();
    for api in APIS {
        for kind in ["not JSON", "a throwing Proxy trap"] {
            assert_eq!(references_kept(api, kind, 500, false), 0, "{api:?}, {kind}: JavaScript references leak");
        }
    }
    assert_eq!(window_errors(), "[]");
}

/// A user callback that throws must not leave a reference behind either: when callbacks were called
/// through a catching import, every throw kept one slot of the externref table (and the error
/// object) for ever, 3,500 after these 500 messages. (JavaScript callbacks only: a Rust closure
/// cannot throw into JavaScript.)
#[wasm_bindgen_test]
fn a_throwing_callback_leaves_no_javascript_reference_behind() {
    watch_errors();
    let kept = references_kept(Api::Js, "valid object", 500, true);
    watch_errors(); // the thrown callbacks were reported, as they should be
    assert_eq!(kept, 0, "JavaScript references kept after 500 messages to throwing callbacks");
}

#[wasm_bindgen_test]
fn a_host_the_rust_parser_does_not_normalise_is_the_engines_for_both_watchers() {
    // Arabic, Devanagari, Hangul, a combining mark: `Origin::parse` refuses them natively
    // (Unsupported) rather than guess; in a browser both watchers take the engine's origin.
    let f = frame("");
    let source = content_window(&f);
    let entries = ["https://\u{645}\u{62b}\u{627}\u{644}.example", "https://\u{916}.example", "https://\u{d55c}.example:8443/", "https://e\u{301}.example"];
    for api in APIS {
        for entry in entries {
            assert_eq!(embed_events::Origin::parse(entry), Err(embed_events::error::OriginError::Unsupported), "{entry:?}");
            let canonical = url_origin(entry);
            assert!(canonical.starts_with("https://xn--"), "{entry:?}: {canonical:?}");
            let (rec, watcher) = start(api, &[entry], &f);
            assert_eq!(verdict(&rec, &canonical, &source), "onExit", "{api:?}: {entry:?} should accept {canonical:?}");
            assert_eq!(verdict(&rec, PRODUCTION, &source), "onIgnored origin", "{api:?}: {entry:?}");
            watcher.stop();
        }
    }
    remove_frame(&f);
}


fn lines(log: &js_sys::Array) -> Vec<String> {
    let lines = log.iter().map(|l| l.as_string().unwrap()).collect();
    log.set_length(0);
    lines
}

/// Issue 19, D1: a Proxy's trap that dispatches another vendor's message while the outer one's shape
/// is read (the inner one is decoded meanwhile, by the same module) no longer resets the outer
/// decoding (its `blocks` and `strings` were reset: the outer message reached `onUnknown`, and the
/// `once` watcher stayed active with its outcome unsettled): the outer `sign_success` is delivered, the `once` watcher stops and its outcome settles.
#[wasm_bindgen_test]
async fn a_message_decoded_from_inside_a_proxy_trap_leaves_the_outer_one_intact() {
    watch_errors();
    let log = js_sys::Array::new();
    let signere = watch_signere(recording_options(&log, "signere", strings(&["onSignSuccess"]), true)).unwrap();
    let ignition = watch_ignition(recording_options(&log, "ignition", strings(&["onComplete"]), false)).unwrap();
    let settled = record_outcome(&log, &signere);
    send_reentrant("https://vendor.example");
    assert!(!signere.active(), "the once watcher is still active");
    wasm_bindgen_futures::JsFuture::from(settled).await.unwrap();
    ignition.stop();
    assert_eq!(
        lines(&log),
        [
            r#"ignition onComplete {"status":"complete","authCode":"cod_inner"}"#,
            r#"ignition onEvent {"status":"complete","authCode":"cod_inner"}"#,
            r#"signere onSignSuccess {"type":"sign_success","documentId":"d_outer"}"#,
            r#"signere onEvent {"type":"sign_success","documentId":"d_outer"}"#,
            // The Ignition watcher hears the outer message too (same origin, no `source`): it has
            // no `status`, so for Ignition it is malformed.
            "ignition onIgnored malformed undefined undefined with data",
            r#"outcome {"type":"sign_success","documentId":"d_outer"}"#,
        ]
    );
    assert_eq!(window_errors(), "[]");
    assert_eq!(reported_errors(), "[]");
}

/// Issue 19, D2 and D3: the tag is read once, by descriptor, inside the guarded walk. A Proxy whose
/// get trap throws, or answers something else, around an unknown tag is an unknown message named by
/// the string read (D2 escaped as an exception, D3 named the get trap's answer); a Proxy whose every
/// trap throws is malformed. Each ends in one callback, never an exception.
#[wasm_bindgen_test]
fn a_proxys_tag_is_read_once_inside_the_guarded_walk() {
    watch_errors();
    let log = js_sys::Array::new();
    let watcher = watch_signere(recording_options(&log, "signere", strings(&["onSignSuccess"]), false)).unwrap();
    send_throwing_get("https://vendor.example");
    assert_eq!(window_errors(), "[]", "D2: the get trap's exception escaped");
    let got = lines(&log);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got, ["signere onUnknown  string not_a_type with data"], "D2");
    send_two_faced("https://vendor.example");
    let got = lines(&log);
    assert_eq!(got.len(), 1, "{got:?}");
    assert_eq!(got, ["signere onUnknown  string not_a_type with data"], "D3");
    send_throwing_everywhere("https://vendor.example");
    let got = lines(&log);
    assert_eq!(got.len(), 1, "{got:?}");
    assert!(got[0].starts_with("signere onIgnored malformed "), "{got:?}");
    watcher.stop();
    assert_eq!(window_errors(), "[]");
    assert_eq!(reported_errors(), "[]");
}
