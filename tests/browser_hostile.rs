//! Hostile input through the real listener in headless Chromium: origin lookalikes and allow-list
//! entries where the browser's URL parser has its say, and the noise corpus (tests/data/noise.json)
//! from allowed and disallowed senders. Synthetic `MessageEvent`s carry any `origin` and `source`.
//! Real cross-origin frames, lifecycle abuse and listener counts are in tests/e2e/lifecycle.test.mjs.
#![cfg(target_arch = "wasm32")]

#[path = "support/origin_cases.rs"]
mod origin_cases;
#[path = "support/js_api.rs"]
mod js_api;

use embed_events::js::WatcherHandle;
use js_api::{watch_ignition, watch_signere};
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

export function post(data, origin, source) {
  window.dispatchEvent(new MessageEvent("message", { data, origin, source }));
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
    if (entry.stringify) value = JSON.stringify(value);
    const forms = [["as given", value]];
    if (typeof value !== "string") {
      let text;
      try { text = JSON.stringify(value); } catch { /* BigInt */ }
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
"#)]
extern "C" {
    type Recorder;
    #[wasm_bindgen(constructor)]
    fn new(vendor: &str) -> Recorder;
    #[wasm_bindgen(method)]
    fn options(this: &Recorder, origins: JsValue, source: JsValue) -> JsValue;
    #[wasm_bindgen(method)]
    fn take(this: &Recorder) -> String;
    fn post(data: &JsValue, origin: &str, source: &JsValue);
    fn frame(src: &str) -> HtmlIFrameElement;
    #[wasm_bindgen(js_name = removeFrame)]
    fn remove_frame(frame: &HtmlIFrameElement);
    #[wasm_bindgen(js_name = contentWindow)]
    fn content_window(frame: &HtmlIFrameElement) -> JsValue;
    #[wasm_bindgen(js_name = frameSrc)]
    fn frame_src(frame: &HtmlIFrameElement) -> String;
    #[wasm_bindgen(js_name = errorOf)]
    fn error_of(f: &js_sys::Function) -> String;
    #[wasm_bindgen(js_name = browserSerialises)]
    fn browser_serialises(origin: &str) -> bool;
    #[wasm_bindgen(js_name = watchErrors)]
    fn watch_errors();
    #[wasm_bindgen(js_name = windowErrors)]
    fn window_errors() -> String;
    #[wasm_bindgen(js_name = reportedErrors)]
    fn reported_errors() -> String;
    #[wasm_bindgen(js_name = runCorpus)]
    fn run_corpus(json: &str, watch_ignition: &js_sys::Function, watch_signere: &js_sys::Function, allowed: &HtmlIFrameElement, other: &HtmlIFrameElement) -> JsValue;
    fn get(o: &JsValue, key: &str) -> JsValue;
    #[wasm_bindgen(js_name = getJson)]
    fn get_json(o: &JsValue, key: &str) -> String;
    #[wasm_bindgen(js_name = revokedProxyMessages)]
    fn revoked_proxy_messages() -> js_sys::Array;
    fn sample(kind: &str) -> JsValue;
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

fn start(origins: &[&str], source: &HtmlIFrameElement) -> (Recorder, WatcherHandle) {
    let rec = Recorder::new("ignition");
    let watcher = watch_ignition(rec.options(strings(origins), source.into())).unwrap_or_else(|e| panic!("{origins:?}: {e:?}"));
    (rec, watcher)
}

#[wasm_bindgen_test]
fn origin_lookalikes_are_accepted_or_ignored_as_the_table_says() {
    watch_errors();
    let f = frame("");
    let source = content_window(&f);
    let mut wrong = Vec::new();
    let mut realistic_rejected = 0;
    for case in LOOKALIKES {
        let (rec, watcher) = start(case.list, &f);
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
    remove_frame(&f);
    assert!(wrong.is_empty(), "{} of {} cases wrong:\n{}", wrong.len(), LOOKALIKES.len(), wrong.join("\n"));
    assert_eq!(window_errors(), "[]");
    console_log!(
        "origin lookalikes in the browser: {} sender cases; {realistic_rejected} of the rejected ones are origins a real frame could have",
        LOOKALIKES.len()
    );
}

#[wasm_bindgen_test]
fn allow_list_entries_normalise_or_throw_a_type_error_that_names_them() {
    let f = frame("");
    let source = content_window(&f);
    for case in ENTRIES {
        match case.expect {
            Entry::Normalises(want) => {
                let (rec, watcher) = start(&[case.entry], &f);
                assert_eq!(verdict(&rec, want, &source), "onExit", "entry {:?} should accept {want:?}", case.entry);
                if case.entry != want {
                    assert_eq!(verdict(&rec, case.entry, &source), "onIgnored origin", "entry {:?} accepts itself verbatim", case.entry);
                }
                watcher.stop();
            }
            Entry::Rejected(reason) => {
                let options = Recorder::new("ignition").options(strings(&["https://ok.example", case.entry]), f.clone().into());
                let err = error_of(&Closure::once_into_js(move || watch_ignition(options).map(|w| w.stop())).into());
                let want = format!("TypeError: embed-events: watchIgnition: origins[1]: \"{}\" {reason}", case.entry);
                assert!(err.starts_with(&want), "entry {:?}:\n got {err:?}\nwant {want:?}…", case.entry);
            }
        }
    }
    remove_frame(&f);
}

#[wasm_bindgen_test]
fn the_browser_canonicalises_idn_ipv4_and_percent_encoded_entries() {
    let f = frame("");
    let source = content_window(&f);
    for case in BROWSER_ENTRIES {
        match case.canonical {
            Some(canonical) => {
                assert!(browser_serialises(canonical), "{canonical:?} is not what a browser sends");
                let (rec, watcher) = start(&[case.entry], &f);
                assert_eq!(verdict(&rec, canonical, &source), "onExit", "entry {:?} should accept {canonical:?}", case.entry);
                assert_eq!(verdict(&rec, case.entry, &source), "onIgnored origin", "entry {:?} accepts itself verbatim", case.entry);
                // A lookalike entry never lets the real production origin in, and vice versa.
                let production = if canonical == PRODUCTION { "onExit" } else { "onIgnored origin" };
                assert_eq!(verdict(&rec, PRODUCTION, &source), production, "entry {:?} vs production", case.entry);
                watcher.stop();
            }
            None => {
                let options = Recorder::new("signere").options(strings(&[case.entry]), f.clone().into());
                let err = error_of(&Closure::once_into_js(move || watch_signere(options).map(|w| w.stop())).into());
                let want = format!("TypeError: embed-events: watchSignere: origins[0]: \"{}\" does not parse as an origin (bad host)", case.entry);
                assert_eq!(err, want, "entry {:?}", case.entry);
            }
        }
    }
    remove_frame(&f);
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
        for vendor in ["ignition", "signere"] {
            let rec = Recorder::new(vendor);
            let options = rec.options(JsValue::UNDEFINED, f.clone().into());
            let watcher = if vendor == "ignition" { watch_ignition(options) } else { watch_signere(options) }.unwrap();
            let message = JsValue::from_str(if vendor == "ignition" { EXIT } else { r#"{"type":"spinner_on"}"# });
            post(&message, canonical, &source);
            assert!(rec.take().contains("onEvent"), "{vendor}: {src} ({}) should allow {canonical}", frame_src(&f));
            for spelling in spellings.iter().chain(&[PRODUCTION]) {
                post(&message, spelling, &source);
                assert_eq!(rec.take(), "onIgnored origin", "{vendor}: {src} allows {spelling}");
            }
            watcher.stop();
        }
        remove_frame(&f);
    }
}

#[wasm_bindgen_test]
fn the_noise_corpus_reaches_no_callback_but_on_ignored_or_on_unknown() {
    watch_errors();
    let allowed = frame("");
    let other = frame("");
    let wi = Closure::<dyn Fn(JsValue) -> JsValue>::new(|o| watch_ignition(o).map_or_else(|e| e, JsValue::from));
    let ws = Closure::<dyn Fn(JsValue) -> JsValue>::new(|o| watch_signere(o).map_or_else(|e| e, JsValue::from));
    let report = run_corpus(NOISE, wi.as_ref().unchecked_ref(), ws.as_ref().unchecked_ref(), &allowed, &other);
    let counts = get_json(&report, "counts");
    console_log!("noise corpus: {counts}");
    let problems = get(&report, "problemCount").as_f64().unwrap();
    assert!(problems == 0.0, "{problems} messages went wrong (first 25):\n{}", get_json(&report, "problems").replace("\",\"", "\n"));
    let entries = get(&get(&report, "counts"), "entries").as_f64().unwrap();
    assert!(entries >= 120.0, "the corpus has only {entries} entries");
    assert!(get(&get(&report, "counts"), "valid").as_f64().unwrap() >= 1.0);
    // No exception, no trap, no reported error, for any of them.
    assert_eq!(window_errors(), "[]");
    assert_eq!(reported_errors(), "[]");
    // Not poisoned: both watchers still deliver, and a stopped watcher calls nothing.
    assert_eq!(
        get(&report, "after").as_string().unwrap(),
        r#"[["onComplete","{\"authCode\":\"cod_after\",\"status\":\"complete\"}"],["onEvent","{\"authCode\":\"cod_after\",\"status\":\"complete\"}"],["onIgnored","malformed","type: missing"],["onIgnored","malformed","status: missing"],["onSignSuccess","{\"documentId\":\"d_after\",\"type\":\"sign_success\"}"],["onEvent","{\"documentId\":\"d_after\",\"type\":\"sign_success\"}"]]"#
    );
    assert_eq!(get(&report, "afterStop").as_f64(), Some(0.0));
    remove_frame(&allowed);
    remove_frame(&other);
}

/// Regression: a revoked `Proxy` where the decoder looks (as the data, or as a field value) made
/// the listener throw `TypeError: Cannot perform 'IsArray' on a proxy that has been revoked`
/// (`Array.isArray` was called outside any try). Only a script in the page can dispatch such an
/// event (structured clone cannot carry a Proxy), but the contract says hostile data never throws. At 1968154, where the wasm did the reading, the exceptions unwound through the wasm and
/// after 1,024 of them the instance trapped on every message, for every watcher ("table index is out
/// of bounds"; tests/e2e/lifecycle.test.mjs sends 3,300). This test sends only five, so that it
/// cannot poison the other tests of this instance.
#[wasm_bindgen_test]
fn a_revoked_proxy_in_message_data_is_malformed_never_thrown() {
    watch_errors();
    let rec = Recorder::new("ignition");
    let watcher = watch_ignition(rec.options(strings(&["https://vendor.example"]), JsValue::UNDEFINED)).unwrap();
    let srec = Recorder::new("signere");
    let swatcher = watch_signere(srec.options(strings(&["https://vendor.example"]), JsValue::UNDEFINED)).unwrap();
    for message in revoked_proxy_messages().iter() {
        post(&message, "https://vendor.example", &JsValue::NULL);
    }
    let (ignition, signere, errors) = (rec.take(), srec.take(), window_errors());
    watcher.stop();
    swatcher.stop();
    assert_eq!(errors, "[]", "exceptions escaped the listener");
    assert_eq!(ignition.matches("onIgnored malformed").count(), 5, "{ignition}");
    assert_eq!(signere.matches("onIgnored malformed").count(), 5, "{signere}");
}

/// How many more JavaScript values the wasm holds after `n` messages of `kind` to both vendors'
/// watchers (every callback registered, `throwing` ones throw), each from the watched frame,
/// from a wrong origin and from a wrong frame.
fn references_kept(kind: &str, n: usize, throwing: bool) -> i64 {
    let f = frame("");
    let other = frame("");
    let source = content_window(&f);
    let other_source = content_window(&other);
    let mut watchers = Vec::new();
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
    watchers.push(watch_ignition(options("ignition")).unwrap());
    watchers.push(watch_signere(options("signere")).unwrap());
    let data = sample(kind);
    // One round first, so that anything allocated once (and kept on purpose) is not counted.
    for (origin, from) in [("https://vendor.example", &source), ("https://other.example", &source), ("https://vendor.example", &other_source)] {
        post(&data, origin, from);
    }
    let before = i64::from(wasm_bindgen::externref_heap_live_count());
    for _ in 0..n {
        for (origin, from) in [("https://vendor.example", &source), ("https://other.example", &source), ("https://vendor.example", &other_source)] {
            post(&data, origin, from);
        }
    }
    let after = i64::from(wasm_bindgen::externref_heap_live_count());
    for w in watchers {
        w.stop();
    }
    remove_frame(&f);
    remove_frame(&other);
    after - before
}

#[wasm_bindgen_test]
fn messages_leave_no_javascript_reference_behind() {
    watch_errors();
    for kind in ["valid object", "valid JSON text", "unknown", "malformed object", "JSON that is not an object"] {
        assert_eq!(references_kept(kind, 500, false), 0, "{kind}: JavaScript references leak");
    }
    assert_eq!(window_errors(), "[]");
}

/// Messages that make a JavaScript call throw (JSON.parse of a string that is not JSON, a Proxy
/// trap) must not leave a reference behind either: with wasm-bindgen 0.2.130 every exception caught
/// inside the wasm keeps a slot of the externref table for ever (`let _ = js_sys::JSON::parse("x")`
/// alone leaks one per call). 1968154 leaked one per such message and watcher; since e4c891b the
/// JavaScript half reads the data and nothing leaks.
#[wasm_bindgen_test]
fn messages_that_make_a_javascript_call_throw_leave_no_reference_behind() {
    watch_errors();
    for kind in ["not JSON", "a throwing Proxy trap"] {
        assert_eq!(references_kept(kind, 500, false), 0, "{kind}: JavaScript references leak");
    }
    assert_eq!(window_errors(), "[]");
}

/// A user callback that throws must not leave a reference behind either. Up to e4c891b callbacks
/// were called through a catching import and every throw kept one slot of the externref table (and
/// the error object) for ever: 3,500 after these 500 messages; since a3b1b7c nothing leaks.
#[wasm_bindgen_test]
fn a_throwing_callback_leaves_no_javascript_reference_behind() {
    watch_errors();
    let kept = references_kept("valid object", 500, true);
    watch_errors(); // the thrown callbacks were reported, as they should be
    assert_eq!(kept, 0, "JavaScript references kept after 500 messages to throwing callbacks");
}
