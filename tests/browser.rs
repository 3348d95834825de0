//! The listener in headless Chromium: synthetic `MessageEvent`s with any `origin` and `source`,
//! through the JavaScript API as users import it (the built `dist/index.js`) and through the Rust
//! API (`embed_events::Watch`). Most tests run the same options and assertions against both (see
//! tests/support/js_api.rs); option types, callback isolation and `ignitionUrl` are JavaScript's.
#![cfg(target_arch = "wasm32")]

#[path = "support/cases.rs"]
mod cases;
#[path = "support/js_api.rs"]
mod js_api;
#[path = "support/queue.rs"]
mod queue;

use std::cell::RefCell;
use std::rc::Rc;

use cases::{Expect, For, CASES};
use embed_events::{report::{Reason, Source}, Ignition, IgnitionEvent, Signere, SignereEvent, Watch};
use js_api::{ignition_url, post, post_parsed, watch_ignition, Api, Watcher, APIS};
use queue::{Queue, QueueEvent};
use wasm_bindgen::prelude::*;
use wasm_bindgen_test::*;
use web_sys::HtmlIFrameElement;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
const CALLBACKS = {
  ignition: ["onComplete", "onExit", "onError"],
  signere: ["onDocumentExpired", "onDocumentRead", "onEidSelected", "onLanguageChanged", "onSignSuccess",
            "onSignError", "onSpinnerOn", "onSpinnerOff", "onUserAborted", "onAppStarted", "onOutdatedBrowser"],
};

function sortKeys(v) {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === "object") return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}

/** Canonical JSON (sorted keys), to compare values whatever their key order. */
export function canon(json) { return JSON.stringify(sortKeys(JSON.parse(json))); }

/** Records every callback of a watcher, in order. */
export class Rec {
  constructor() { this.log = []; this.origins = []; this.extras = []; }
  /** Options with every callback recording, plus `extra` (JSON) and `source`. */
  options(vendor, extraJson, source) {
    const o = {};
    for (const name of CALLBACKS[vendor]) o[name] = (e) => this.log.push([name, e]);
    o.onEvent = (e) => this.log.push(["onEvent", e]);
    o.onUnknown = (u) => this.log.push(["onUnknown", u.name, u.data]);
    o.onIgnored = (i) => {
      this.log.push(["onIgnored", i.reason, i.detail]);
      this.origins.push(i.origin);
      const { reason, origin, detail, ...extra } = i;
      this.extras.push(extra);
    };
    Object.assign(o, JSON.parse(extraJson || "{}"));
    if (source !== undefined) o.source = source;
    return o;
  }
  /** Add a callback that runs `action` ("throw", "stop", "abort", "call") with `target` before recording. */
  with(options, name, action, target) {
    const prev = options[name];
    options[name] = (e) => {
      if (action === "stop") target.stop();
      if (action === "abort") target.abort();
      if (action === "call") target(e);
      if (action === "throw") { prev && prev(e); throw new Error("callback failure " + name); }
      if (prev && action !== "throw") prev(e);
    };
    return options;
  }
  /** The log as canonical JSON, leaving out unknown messages' data. */
  json() { return canon(JSON.stringify(this.log.map((e) => e[0] === "onUnknown" ? e.slice(0, 2) : e))); }
  len() { return this.log.length; }
  ignoredOrigins() { return JSON.stringify(this.origins); }
  /** Each onIgnored report's members besides reason, origin and detail, as canonical JSON. */
  ignoredExtras() { return canon(JSON.stringify(this.extras)); }
  /** Whether each delivered value is a fresh plain object with no shared identity. */
  freshPlainObjects() {
    const values = this.log.filter((e) => e[0] !== "onIgnored" && e[0] !== "onUnknown").map((e) => e[1]);
    return values.every((v) => Object.getPrototypeOf(v) === Object.prototype) && new Set(values).size === values.length;
  }
  unknownData(i) { return JSON.stringify(this.log[i][2]); }
  clear() { this.log = []; }
}

export function postPlainEvent() { window.dispatchEvent(new Event("message")); }

export function frame(src, sandbox) {
  const f = document.createElement("iframe");
  if (sandbox) f.setAttribute("sandbox", "allow-scripts");
  if (src) f.src = src;
  document.body.appendChild(f);
  return f;
}
export function removeFrame(f) { f.remove(); }
export function contentWindow(f) { return f.contentWindow; }

/** Errors thrown out of listeners, and what reportError / console.debug received. */
const seen = { errors: [], reported: [], debug: [] };
let installed = false;
export function watchGlobals() {
  if (!installed) {
    installed = true;
    window.addEventListener("error", (e) => seen.errors.push(String(e.message)));
    const debug = console.debug.bind(console);
    console.debug = (...args) => { seen.debug.push(JSON.stringify(args)); debug(...args); };
    globalThis.reportError = (e) => seen.reported.push(String(e && e.message));
  }
  seen.errors.length = 0; seen.reported.length = 0; seen.debug.length = 0;
}
export function thrownErrors() { return JSON.stringify(seen.errors); }
export function reportedErrors() { return JSON.stringify(seen.reported); }
export function debugLines() { return seen.debug.join("\n"); }

export function abortController() { return new AbortController(); }
export function abortedSignal() { return AbortSignal.abort(); }
export function errorOf(f) {
  try { f(); return "no error"; } catch (e) { return e.constructor.name + ": " + e.message; }
}
export function hostileData(kind) {
  switch (kind) {
    case "getter": return Object.defineProperty({ authCode: "c" }, "status", { enumerable: true, get() { throw new Error("getter ran"); } });
    case "proxy": return new Proxy({}, { getOwnPropertyDescriptor() { throw new Error("trap ran"); }, get() { throw new Error("trap ran"); } });
    case "inherited": return Object.create({ status: "complete", authCode: "inherited" });
    case "function": return () => 1;
    case "symbol": return Symbol("x");
    case "array": return [1, 2];
    case "date": return new Date(0);
    case "bigint": return 10n;
  }
}
"#)]
extern "C" {
    fn canon(json: &str) -> String;
    type Rec;
    #[wasm_bindgen(constructor)]
    fn new() -> Rec;
    #[wasm_bindgen(method)]
    fn options(this: &Rec, vendor: &str, extra_json: &str, source: JsValue) -> JsValue;
    #[wasm_bindgen(method)]
    fn with(this: &Rec, options: JsValue, name: &str, action: &str, target: &JsValue) -> JsValue;
    #[wasm_bindgen(method)]
    fn json(this: &Rec) -> String;
    #[wasm_bindgen(method)]
    fn len(this: &Rec) -> usize;
    #[wasm_bindgen(method, js_name = ignoredOrigins)]
    fn ignored_origins(this: &Rec) -> String;
    #[wasm_bindgen(method, js_name = freshPlainObjects)]
    fn fresh_plain_objects(this: &Rec) -> bool;
    #[wasm_bindgen(method, js_name = ignoredExtras)]
    fn ignored_extras(this: &Rec) -> String;
    #[wasm_bindgen(method, js_name = unknownData)]
    fn unknown_data(this: &Rec, index: usize) -> String;
    #[wasm_bindgen(method)]
    fn clear(this: &Rec);
    #[wasm_bindgen(js_name = postPlainEvent)]
    fn post_plain_event();
    fn frame(src: &str, sandbox: bool) -> HtmlIFrameElement;
    #[wasm_bindgen(js_name = removeFrame)]
    fn remove_frame(frame: &HtmlIFrameElement);
    #[wasm_bindgen(js_name = contentWindow)]
    fn content_window(frame: &HtmlIFrameElement) -> JsValue;
    #[wasm_bindgen(js_name = watchGlobals)]
    fn watch_globals();
    #[wasm_bindgen(js_name = thrownErrors)]
    fn thrown_errors() -> String;
    #[wasm_bindgen(js_name = reportedErrors)]
    fn reported_errors() -> String;
    #[wasm_bindgen(js_name = debugLines)]
    fn debug_lines() -> String;
    #[wasm_bindgen(js_name = abortController)]
    fn abort_controller() -> web_sys::AbortController;
    #[wasm_bindgen(js_name = abortedSignal)]
    fn aborted_signal() -> web_sys::AbortSignal;
    #[wasm_bindgen(js_name = errorOf)]
    fn error_of(f: &js_sys::Function) -> String;
    #[wasm_bindgen(js_name = hostileData)]
    fn hostile_data(kind: &str) -> JsValue;
}

const VENDOR: &str = "https://vendor.example";
const OTHER: &str = "https://other.example";

fn vendor_name(vendor: For) -> &'static str {
    match vendor {
        For::Ignition => "ignition",
        For::Signere => "signere",
    }
}

fn watch(api: Api, vendor: For, options: JsValue) -> Result<Watcher, JsValue> {
    api.watch(vendor_name(vendor), options)
}

/// `{"origins": [VENDOR]}` plus more JSON members.
fn extra(more: &str) -> String {
    let mut s = format!(r#"{{"origins":["{VENDOR}"]"#);
    if !more.is_empty() {
        s.push(',');
        s.push_str(more);
    }
    s.push('}');
    s
}

/// The callback an event value goes to: `sign_error` → `onSignError`.
fn callback_of(value_json: &str) -> String {
    let tag = value_json.split('"').nth(3).unwrap();
    let mut name = String::from("on");
    for word in tag.split('_') {
        let mut chars = word.chars();
        name.extend(chars.next().map(|c| c.to_ascii_uppercase()));
        name.push_str(chars.as_str());
    }
    name
}

fn expected_log(expect: &Expect) -> String {
    let json = match expect {
        Expect::Event(value) => format!(r#"[["{}",{value}],["onEvent",{value}]]"#, callback_of(value)),
        Expect::Unknown(name) => format!(r#"[["onUnknown","{name}"]]"#),
        Expect::Malformed(detail) => format!(r#"[["onIgnored","malformed","{detail}"]]"#),
    };
    canon(&json)
}

#[wasm_bindgen_test]
fn every_shared_case_goes_to_the_right_callback_with_exactly_its_value() {
    watch_globals();
    let f = frame("", false);
    let source = content_window(&f);
    for api in APIS {
        let mut checked = 0;
        for case in CASES {
            let rec = Rec::new();
            let watcher = watch(api, case.vendor, rec.options(vendor_name(case.vendor), &extra(""), f.clone().into())).unwrap();
            let want = expected_log(&case.expect);
            post(&JsValue::from_str(case.data), VENDOR, &source);
            assert_eq!(rec.json(), want, "{api:?}, as a JSON string: {}", case.data);
            assert!(rec.fresh_plain_objects(), "{api:?}: {}", case.data);
            rec.clear();
            checked += 1;
            if !case.string_only {
                post_parsed(case.data, VENDOR, &source);
                assert_eq!(rec.json(), want, "{api:?}, as an object: {}", case.data);
                checked += 1;
            }
            watcher.stop();
        }
        assert!(checked > 100, "{api:?}");
    }
    remove_frame(&f);
    assert_eq!(thrown_errors(), "[]");
}

#[wasm_bindgen_test]
fn unknown_messages_carry_the_decoded_object() {
    for api in APIS {
        let rec = Rec::new();
        let w = api.watch("signere", rec.options("signere", &extra(""), JsValue::UNDEFINED)).unwrap();
        post(&JsValue::from_str(r#"{"type":"document_signed","payload":{"documentId":"d1"}}"#), VENDOR, &JsValue::NULL);
        assert_eq!(rec.json(), canon(r#"[["onUnknown","document_signed"]]"#), "{api:?}");
        assert_eq!(rec.unknown_data(0), r#"{"type":"document_signed","payload":{"documentId":"d1"}}"#, "{api:?}");
        w.stop();
    }
}

#[wasm_bindgen_test]
fn checks_run_source_then_origin_then_decode() {
    let vendor_frame = frame("", false);
    let other_frame = frame("", false);
    for api in APIS {
        let rec = Rec::new();
        let w = api.watch("ignition", rec.options("ignition", &extra(""), vendor_frame.clone().into())).unwrap();
        let complete = JsValue::from_str(r#"{"status":"complete","authCode":"c"}"#);
        // Wrong frame and wrong origin: the source check comes first.
        post(&complete, OTHER, &content_window(&other_frame));
        // Right frame, wrong origin.
        post(&complete, OTHER, &content_window(&vendor_frame));
        // Right frame, right origin, undecodable.
        post(&JsValue::from_str("GET_URL"), VENDOR, &content_window(&vendor_frame));
        // No source at all (a synthetic event, or a closed window).
        post(&complete, VENDOR, &JsValue::NULL);
        // The page itself (what browser extensions' content scripts post from).
        post(&complete, VENDOR, &web_sys::window().unwrap().into());
        assert_eq!(
            rec.json(),
            canon(
                r#"[["onIgnored","source","sent by another window than the watched source"],
                    ["onIgnored","origin","origin is not in the allow-list"],
                    ["onIgnored","malformed","data: a string that is not JSON"],
                    ["onIgnored","source","sent by another window than the watched source"],
                    ["onIgnored","source","sent by another window than the watched source"]]"#
            ),
            "{api:?}"
        );
        w.stop();
    }
    remove_frame(&vendor_frame);
    remove_frame(&other_frame);
}

#[wasm_bindgen_test]
fn a_removed_frame_sends_nothing_that_is_accepted() {
    for api in APIS {
        let f = frame("", false);
        let source = content_window(&f);
        let rec = Rec::new();
        let w = api.watch("ignition", rec.options("ignition", &extra(""), f.clone().into())).unwrap();
        remove_frame(&f);
        post(&JsValue::from_str(r#"{"status":"exit"}"#), VENDOR, &source);
        assert_eq!(rec.json(), canon(r#"[["onIgnored","source","sent by another window than the watched source"]]"#), "{api:?}");
        w.stop();
    }
}

#[wasm_bindgen_test]
fn origin_entries_are_normalised_before_matching() {
    for api in APIS {
        for (entry, sender) in [
            ("https://VENDOR.example/", "https://vendor.example"),
            ("https://vendor.example:443", "https://vendor.example"),
            ("http://localhost:80", "http://localhost"),
            ("https://bücher.example", "https://xn--bcher-kva.example"),
            ("http://0x7f.0.0.1:8080", "http://127.0.0.1:8080"),
            ("https://%76endor.example", "https://vendor.example"),
        ] {
            let rec = Rec::new();
            let w = api.watch("ignition", rec.options("ignition", &format!(r#"{{"origins":["{entry}"]}}"#), JsValue::UNDEFINED));
            let w = w.unwrap_or_else(|e| panic!("{api:?}: {entry}: {e:?}"));
            post(&JsValue::from_str(r#"{"status":"exit"}"#), sender, &JsValue::NULL);
            assert_eq!(
                rec.json(),
                canon(r#"[["onExit",{"status":"exit"}],["onEvent",{"status":"exit"}]]"#),
                "{api:?}: {entry} vs {sender}"
            );
            w.stop();
        }
    }
}

#[wasm_bindgen_test]
fn lookalike_origins_are_ignored() {
    for api in APIS {
        let rec = Rec::new();
        let w = api
            .watch("ignition", rec.options("ignition", r#"{"origins":"https://ignition.axle.insure"}"#, JsValue::UNDEFINED))
            .unwrap();
        let lookalikes = [
            "https://ignition.axle.insure.evil.com",
            "https://evilignition.axle.insure",
            "http://ignition.axle.insure",
            "https://ignition.axle.insure:8443",
            "https://ignition.sandbox.axle.insure",
            "null",
            "",
        ];
        for origin in lookalikes {
            post(&JsValue::from_str(r#"{"status":"complete","authCode":"c"}"#), origin, &JsValue::NULL);
        }
        assert_eq!(rec.len(), lookalikes.len(), "{api:?}");
        assert!(!rec.json().contains("onComplete"), "{api:?}");
        w.stop();
    }
}

/// The error `api`'s watcher of `vendor` throws for `options` (JSON), or `"no error"`.
fn start_error(api: Api, vendor: &'static str, options: JsValue) -> String {
    error_of(&Closure::once_into_js(move || api.watch(vendor, options).map(|w| w.stop())).into())
}

#[wasm_bindgen_test]
fn null_origin_is_accepted_only_together_with_source() {
    for api in APIS {
        let err = start_error(api, "ignition", js_sys::JSON::parse(r#"{"origins":["null"]}"#).unwrap());
        assert!(err.starts_with("TypeError: "), "{api:?}: {err}");
        assert!(err.contains(r#"origins[0]: "null" is only allowed together with source"#), "{api:?}: {err}");

        let sandboxed = frame("", true);
        let other = frame("", true);
        let rec = Rec::new();
        let w = api.watch("signere", rec.options("signere", r#"{"origins":["null"]}"#, sandboxed.clone().into())).unwrap();
        let msg = JsValue::from_str(r#"{"type":"sign_success","payload":{"documentId":"d1"}}"#);
        post(&msg, "null", &content_window(&sandboxed));
        post(&msg, "null", &content_window(&other));
        assert_eq!(
            rec.json(),
            canon(
                r#"[["onSignSuccess",{"type":"sign_success","documentId":"d1"}],["onEvent",{"type":"sign_success","documentId":"d1"}],
                    ["onIgnored","source","sent by another window than the watched source"]]"#
            ),
            "{api:?}"
        );
        w.stop();
        remove_frame(&sandboxed);
        remove_frame(&other);
    }
}

#[wasm_bindgen_test]
fn default_origins_follow_environment_then_frame_src_then_the_vendor_default() {
    let exit = JsValue::from_str(r#"{"status":"exit"}"#);
    let delivered = |rec: &Rec| rec.json().contains("onExit");
    for api in APIS {
        // Ignition with no options: production only.
        let rec = Rec::new();
        let w = api.watch("ignition", rec.options("ignition", "{}", JsValue::UNDEFINED)).unwrap();
        post(&exit, "https://ignition.sandbox.axle.insure", &JsValue::NULL);
        assert!(!delivered(&rec), "{api:?}");
        post(&exit, "https://ignition.axle.insure", &JsValue::NULL);
        assert!(delivered(&rec), "{api:?}");
        w.stop();
        // environment: sandbox.
        let rec = Rec::new();
        let w = api.watch("ignition", rec.options("ignition", r#"{"environment":"sandbox"}"#, JsValue::UNDEFINED)).unwrap();
        post(&exit, "https://ignition.axle.insure", &JsValue::NULL);
        assert!(!delivered(&rec), "{api:?}");
        post(&exit, "https://ignition.sandbox.axle.insure", &JsValue::NULL);
        assert!(delivered(&rec), "{api:?}");
        w.stop();
        // An iframe source's src origin.
        let f = frame("http://127.0.0.1:9/ignition?token=x", false);
        let rec = Rec::new();
        let w = api.watch("ignition", rec.options("ignition", "{}", f.clone().into())).unwrap();
        post(&exit, "https://ignition.axle.insure", &content_window(&f));
        assert!(!delivered(&rec), "{api:?}");
        post(&exit, "http://127.0.0.1:9", &content_window(&f));
        assert!(delivered(&rec), "{api:?}");
        w.stop();
        // Signere: the frame's src, or nothing at all.
        let rec = Rec::new();
        let w = api.watch("signere", rec.options("signere", "{}", f.clone().into())).unwrap();
        post(&JsValue::from_str(r#"{"type":"spinner_on"}"#), "http://127.0.0.1:9", &content_window(&f));
        assert!(rec.json().contains("onSpinnerOn"), "{api:?}");
        w.stop();
        remove_frame(&f);
        let blank = frame("", false);
        for options in ["{}", r#"{"once":true}"#] {
            let err = start_error(api, "signere", js_sys::JSON::parse(options).unwrap());
            assert!(
                err.starts_with("TypeError: embed-events: watchSignere: origins: Signere has no default origin"),
                "{api:?}: {err}"
            );
        }
        let o = js_sys::Object::new();
        js_sys::Reflect::set(&o, &"source".into(), &blank.clone().into()).unwrap();
        let err = start_error(api, "signere", o.into());
        assert!(err.contains("Signere has no default origin"), "{api:?}: {err}");
        remove_frame(&blank);
    }
}

/// The error thrown by `watch*(options)`, where `options` is JavaScript source.
fn watch_error(vendor: For, options: &str) -> String {
    start_error(Api::Js, vendor_name(vendor), js_sys::eval(&format!("({options})")).unwrap())
}

#[wasm_bindgen_test]
fn options_are_validated_with_type_errors_that_name_the_key() {
    let cases: &[(For, &str, &str)] = &[
        (For::Ignition, "{ oncomplete() {} }", r#"unknown option "oncomplete" (did you mean "onComplete"?)"#),
        // The closest option by edit distance, case aside.
        (For::Ignition, "{ onComplet() {} }", r#"unknown option "onComplet" (did you mean "onComplete"?)"#),
        (For::Ignition, "{ onCmplete() {} }", r#"unknown option "onCmplete" (did you mean "onComplete"?)"#),
        (For::Ignition, "{ enviroment: 'sandbox' }", r#"unknown option "enviroment" (did you mean "environment"?)"#),
        (For::Signere, "{ origins: 'https://a.com', onSignsuccess() {} }", r#"unknown option "onSignsuccess" (did you mean "onSignSuccess"?)"#),
        (For::Signere, "{ origins: 'https://a.com', onSignSucess() {} }", r#"unknown option "onSignSucess" (did you mean "onSignSuccess"?)"#),
        (For::Signere, "{ orgins: 'https://a.com' }", r#"unknown option "orgins" (did you mean "origins"?)"#),
        // Another vendor's option says whose it is.
        (For::Ignition, "{ onSignSuccess() {} }", r#"unknown option "onSignSuccess" (Signere only)"#),
        (For::Signere, r#"{ origins: "https://a.com", environment: "sandbox" }"#, r#"unknown option "environment" (Ignition only)"#),
        (For::Signere, r#"{ origins: "https://a.com", onComplete() {} }"#, r#"unknown option "onComplete" (Ignition only)"#),
        (For::Ignition, "{ onComplete: 'yes' }", "onComplete must be a function, got string"),
        (For::Ignition, "{ onEvent: {} }", "onEvent must be a function, got object"),
        (For::Ignition, "{ onIgnored: null }", "onIgnored must be a function, got null"),
        (For::Ignition, "{ once: 'true' }", "once must be a boolean, got string"),
        (For::Ignition, "{ debug: 1 }", "debug must be a boolean, got number"),
        (For::Ignition, "{ signal: new AbortController() }", "signal must be an AbortSignal, got object"),
        (For::Ignition, "{ source: document.body }", "source must be an <iframe> element or a Window, got object"),
        (For::Ignition, "{ source: 'iframe' }", "source must be an <iframe> element or a Window, got string"),
        (For::Ignition, "{ environment: 'staging' }", r#"environment must be "production" or "sandbox", got string"#),
        (For::Ignition, "{ origins: 42 }", "origins must be a string or an array of strings, got number"),
        (For::Ignition, "{ origins: [] }", "origins: the list is empty"),
        (For::Ignition, "{ origins: ['https://a.com', 7] }", "origins[1] must be a string, got number"),
        (For::Ignition, "{ origins: '*' }", r#"origins[0]: "*" is not allowed"#),
        (For::Ignition, "{ origins: ['https://a.com', 'https://a.com/x'] }", r#"origins[1]: "https://a.com/x" has a path"#),
        (For::Ignition, "{ origins: 'https://a.com?x' }", r#"origins[0]: "https://a.com?x" has a query"#),
        (For::Ignition, "{ origins: 'https://a.com#x' }", r#"origins[0]: "https://a.com#x" has a fragment"#),
        (For::Ignition, "{ origins: 'https://u:p@a.com' }", r#"origins[0]: "https://u:p@a.com" has credentials"#),
        (For::Ignition, "{ origins: 'ftp://a.com' }", r#"origins[0]: "ftp://a.com" is not an http or https origin"#),
        (For::Ignition, "{ origins: 'a.com' }", r#"origins[0]: "a.com" has no scheme"#),
        (For::Ignition, "{ origins: 'https://a b.com' }", r#"origins[0]: "https://a b.com" does not parse"#),
        (For::Ignition, "{ origins: 'https://a.com:70000' }", r#"origins[0]: "https://a.com:70000" has a port"#),
        (For::Ignition, "null", "options must be an object, got null"),
        (For::Signere, "'https://a.com'", "options must be an object, got string"),
        (For::Signere, "[]", "options must be an object, got an array"),
    ];
    for (vendor, options, want) in cases {
        let err = watch_error(*vendor, options);
        let fn_name = if *vendor == For::Ignition { "watchIgnition" } else { "watchSignere" };
        let prefix = format!("TypeError: embed-events: {fn_name}: ");
        assert!(err.starts_with(&prefix) && err.contains(want), "{options}: got {err:?}, want {want:?}");
    }
    // No option is near: no suggestion.
    for options in ["{ banana: 1 }", "{ src: 'x' }", "{ x: 1 }", "{ onCompleteHandler() {} }"] {
        let err = watch_error(For::Ignition, options);
        assert!(err.starts_with("TypeError: embed-events: watchIgnition: unknown option \"") && err.ends_with('"'), "{options}: {err}");
    }
    // Keys set to undefined are absent; watchIgnition() with no options is valid.
    assert_eq!(watch_error(For::Ignition, "{ onComplete: undefined, signal: undefined }"), "no error");
    assert_eq!(watch_error(For::Ignition, "undefined"), "no error");
}

#[wasm_bindgen_test]
fn a_throwing_callback_is_reported_and_delivery_goes_on() {
    watch_globals();
    let rec = Rec::new();
    let options = rec.options("ignition", &extra(""), JsValue::UNDEFINED);
    let options = rec.with(options, "onComplete", "throw", &JsValue::NULL);
    let options = rec.with(options, "onIgnored", "throw", &JsValue::NULL);
    let w = watch_ignition(options).unwrap();
    post(&JsValue::from_str(r#"{"status":"complete","authCode":"c"}"#), VENDOR, &JsValue::NULL);
    post(&JsValue::from_str(r#"{"status":"exit"}"#), VENDOR, &JsValue::NULL);
    post(&JsValue::from_str("noise"), OTHER, &JsValue::NULL);
    assert_eq!(
        rec.json(),
        canon(
            r#"[["onComplete",{"status":"complete","authCode":"c"}],["onEvent",{"status":"complete","authCode":"c"}],
                ["onExit",{"status":"exit"}],["onEvent",{"status":"exit"}],
                ["onIgnored","origin","origin is not in the allow-list"]]"#
        )
    );
    assert_eq!(reported_errors(), r#"["callback failure onComplete","callback failure onIgnored"]"#);
    assert_eq!(thrown_errors(), "[]");
    assert!(w.active());
    w.stop();
}

/// A JavaScript object whose `stop()` stops (twice: it is idempotent) the watcher in `handle`.
fn stopper(handle: &Rc<RefCell<Option<Watcher>>>) -> JsValue {
    let handle = handle.clone();
    let o = js_sys::Object::new();
    let stop = Closure::<dyn Fn()>::new(move || {
        if let Some(w) = handle.borrow().as_ref() {
            w.stop();
            w.stop(); // idempotent
        }
    });
    js_sys::Reflect::set(&o, &"stop".into(), &stop.into_js_value()).unwrap();
    o.into()
}

#[wasm_bindgen_test]
fn stop_inside_a_callback_ends_delivery_at_once() {
    for api in APIS {
        for callback in ["onComplete", "onEvent", "onIgnored", "onUnknown"] {
            let rec = Rec::new();
            let handle: Rc<RefCell<Option<Watcher>>> = Rc::default();
            let options = rec.options("ignition", &extra(""), JsValue::UNDEFINED);
            let options = rec.with(options, callback, "stop", &stopper(&handle));
            *handle.borrow_mut() = Some(api.watch("ignition", options).unwrap());
            let trigger = match callback {
                "onIgnored" => r#"{"status":"complete"}"#,
                "onUnknown" => r#"{"status":"opened"}"#,
                _ => r#"{"status":"complete","authCode":"c"}"#,
            };
            post(&JsValue::from_str(trigger), VENDOR, &JsValue::NULL);
            let after_first = rec.len();
            post(&JsValue::from_str(r#"{"status":"exit"}"#), VENDOR, &JsValue::NULL);
            assert_eq!(rec.len(), after_first, "{api:?}, {callback}: delivered after stop");
            assert!(!rec.json().contains("onExit"), "{api:?}, {callback}");
            if callback == "onComplete" {
                assert_eq!(
                    rec.json(),
                    canon(r#"[["onComplete",{"status":"complete","authCode":"c"}]]"#),
                    "{api:?}: onEvent ran after stop"
                );
            }
            assert!(!handle.borrow().as_ref().unwrap().active(), "{api:?}, {callback}");
        }
    }
}

#[wasm_bindgen_test]
fn once_stops_right_before_the_first_terminal_event() {
    for api in APIS {
        let rec = Rec::new();
        let w = api.watch("signere", rec.options("signere", &extra(r#""once":true"#), JsValue::UNDEFINED)).unwrap();
        post(&JsValue::from_str(r#"{"type":"document_read"}"#), VENDOR, &JsValue::NULL);
        post(&JsValue::from_str(r#"{"type":"sign_error","payload":{"code":"SA-1017"}}"#), VENDOR, &JsValue::NULL);
        assert!(w.active(), "{api:?}: non-terminal events keep a once-watcher going");
        post(&JsValue::from_str(r#"{"type":"user_canceled"}"#), VENDOR, &JsValue::NULL);
        assert!(!w.active(), "{api:?}");
        post(&JsValue::from_str(r#"{"type":"sign_success"}"#), VENDOR, &JsValue::NULL);
        assert_eq!(
            rec.json(),
            canon(
                r#"[["onDocumentRead",{"type":"document_read"}],["onEvent",{"type":"document_read"}],
                    ["onSignError",{"type":"sign_error","code":"SA-1017"}],["onEvent",{"type":"sign_error","code":"SA-1017"}],
                    ["onUserAborted",{"type":"user_aborted"}],["onEvent",{"type":"user_aborted"}]]"#
            ),
            "{api:?}"
        );
    }
}

#[wasm_bindgen_test]
fn a_message_dispatched_from_inside_a_callback_is_handled_after_it() {
    for api in APIS {
        let rec = Rec::new();
        // Posts `complete` from inside the callback it is added to.
        let nested = Closure::<dyn Fn(JsValue)>::new(|_: JsValue| post_parsed(r#"{"status":"complete","authCode":"c"}"#, VENDOR, &JsValue::NULL));
        let options = rec.with(rec.options("ignition", &extra(""), JsValue::UNDEFINED), "onError", "call", nested.as_ref());
        let w = api.watch("ignition", options).unwrap();
        post(&JsValue::from_str(r#"{"status":"error","message":"m"}"#), VENDOR, &JsValue::NULL);
        assert_eq!(
            rec.json(),
            canon(
                r#"[["onError",{"status":"error","message":"m"}],["onEvent",{"status":"error","message":"m"}],
                    ["onComplete",{"status":"complete","authCode":"c"}],["onEvent",{"status":"complete","authCode":"c"}]]"#
            ),
            "{api:?}"
        );
        // Stopped inside the callback: the waiting message is not handled.
        rec.clear();
        let handle: Rc<RefCell<Option<Watcher>>> = Rc::default();
        let stop_it = {
            let handle = handle.clone();
            Closure::<dyn Fn(JsValue)>::new(move |_: JsValue| {
                if let Some(h) = handle.borrow().as_ref() {
                    h.stop();
                }
            })
        };
        // onError posts the message, then stops the watcher, then records.
        let stopping = rec.with(rec.options("ignition", &extra(""), JsValue::UNDEFINED), "onError", "call", stop_it.as_ref());
        let stopping = rec.with(stopping, "onError", "call", nested.as_ref());
        w.stop();
        *handle.borrow_mut() = Some(api.watch("ignition", stopping).unwrap());
        post(&JsValue::from_str(r#"{"status":"error","message":"m"}"#), VENDOR, &JsValue::NULL);
        assert_eq!(rec.json(), canon(r#"[["onError",{"status":"error","message":"m"}]]"#), "{api:?}");
    }
}

/// Ignition options recording every callback, with `signal` set.
fn ignition_options_with_signal(rec: &Rec, signal: &JsValue) -> JsValue {
    let options = rec.options("ignition", &extra(""), JsValue::UNDEFINED);
    js_sys::Reflect::set(&options, &"signal".into(), signal).unwrap();
    options
}

#[wasm_bindgen_test]
fn a_signal_stops_the_watcher_even_from_inside_a_callback() {
    for api in APIS {
        // Already aborted: an inactive watcher.
        let rec = Rec::new();
        let w = api.watch("ignition", ignition_options_with_signal(&rec, &aborted_signal())).unwrap();
        assert!(!w.active(), "{api:?}");
        post(&JsValue::from_str(r#"{"status":"exit"}"#), VENDOR, &JsValue::NULL);
        assert_eq!(rec.len(), 0, "{api:?}");
        // Aborted later.
        let controller = abort_controller();
        let options = ignition_options_with_signal(&rec, &controller.signal());
        let w = api.watch("ignition", options).unwrap();
        assert!(w.active(), "{api:?}");
        controller.abort();
        assert!(!w.active(), "{api:?}");
        post(&JsValue::from_str(r#"{"status":"exit"}"#), VENDOR, &JsValue::NULL);
        assert_eq!(rec.len(), 0, "{api:?}");
        // Aborted from inside onComplete: onEvent does not run.
        let controller = abort_controller();
        let options = ignition_options_with_signal(&rec, &controller.signal());
        let options = rec.with(options, "onComplete", "abort", &controller);
        let w = api.watch("ignition", options).unwrap();
        post(&JsValue::from_str(r#"{"status":"complete","authCode":"c"}"#), VENDOR, &JsValue::NULL);
        assert!(!w.active(), "{api:?}");
        assert_eq!(rec.json(), canon(r#"[["onComplete",{"status":"complete","authCode":"c"}]]"#), "{api:?}");
    }
}

#[wasm_bindgen_test]
fn malformed_messages_of_a_known_type_carry_their_name_and_data() {
    for api in APIS {
        let rec = Rec::new();
        let i = api.watch("ignition", rec.options("ignition", &extra(""), JsValue::UNDEFINED)).unwrap();
        post(&JsValue::from_str(r#"{"status":"complete","authCode":42,"client":"c1"}"#), VENDOR, &JsValue::NULL);
        post_parsed(r#"{"status":"complete","client":"c1"}"#, VENDOR, &JsValue::NULL);
        // A tag that is not a string: the data, no name.
        post(&JsValue::from_str(r#"{"status":5}"#), VENDOR, &JsValue::NULL);
        // Not JSON, not an object, another origin: neither.
        post(&JsValue::from_str("GET_URL"), VENDOR, &JsValue::NULL);
        post(&JsValue::from_str("[1]"), VENDOR, &JsValue::NULL);
        post(&JsValue::from_str(r#"{"status":"complete","authCode":42}"#), OTHER, &JsValue::NULL);
        i.stop();
        let s = api.watch("signere", rec.options("signere", &extra(""), JsValue::UNDEFINED)).unwrap();
        post(&JsValue::from_str(r#"{"type":"eid_selected","payload":{"eidName":"BankID"}}"#), VENDOR, &JsValue::NULL);
        s.stop();
        assert_eq!(
            rec.json(),
            canon(
                r#"[["onIgnored","malformed","authCode: expected a string"],["onIgnored","malformed","authCode: missing"],
                    ["onIgnored","malformed","status: expected a string"],["onIgnored","malformed","data: a string that is not JSON"],
                    ["onIgnored","malformed","data: expected an object"],["onIgnored","origin","origin is not in the allow-list"],
                    ["onIgnored","malformed","payload.eid: missing"]]"#
            ),
            "{api:?}"
        );
        assert_eq!(
            rec.ignored_extras(),
            canon(
                r#"[{"name":"complete","data":{"status":"complete","authCode":42,"client":"c1"}},
                    {"name":"complete","data":{"status":"complete","client":"c1"}},{"data":{"status":5}},{},{},{},
                    {"name":"eid_selected","data":{"type":"eid_selected","payload":{"eidName":"BankID"}}}]"#
            ),
            "{api:?}"
        );
    }
}

#[wasm_bindgen_test]
fn debug_logs_deliveries_and_ignores_without_secrets() {
    for api in APIS {
        watch_globals();
        let rec = Rec::new();
        let w = api.watch("ignition", rec.options("ignition", &extra(r#""debug":true"#), JsValue::UNDEFINED)).unwrap();
        post(&JsValue::from_str(r#"{"status":"complete","authCode":"cod_SECRET_1","client":"cli_1"}"#), VENDOR, &JsValue::NULL);
        post(&JsValue::from_str(r#"{"status":"complete","authCode":42}"#), VENDOR, &JsValue::NULL);
        // Malformed, its data (which onIgnored gets) holding a secret.
        post(&JsValue::from_str(r#"{"status":"complete","client":"cod_SECRET_4"}"#), VENDOR, &JsValue::NULL);
        post(&JsValue::from_str(r#"{"status":"opened","authCode":"cod_SECRET_2"}"#), VENDOR, &JsValue::NULL);
        post(&JsValue::from_str(r#"{"status":"complete","authCode":"cod_SECRET_3"}"#), OTHER, &JsValue::NULL);
        let lines = debug_lines();
        assert!(
            lines.contains("[embed-events] delivered") && lines.contains("[redacted]") && lines.contains("cli_1"),
            "{api:?}: {lines}"
        );
        assert!(lines.contains("[embed-events] ignored") && lines.contains("authCode: expected a string"), "{api:?}: {lines}");
        assert!(lines.contains("[embed-events] unknown") && lines.contains("opened"), "{api:?}: {lines}");
        assert!(!lines.contains("SECRET"), "{api:?}: a secret was logged: {lines}");
        // The callback itself still gets the real value.
        assert!(rec.json().contains("cod_SECRET_1"), "{api:?}");
        w.stop();
    }
}

#[wasm_bindgen_test]
fn hostile_data_objects_are_malformed_never_thrown() {
    for api in APIS {
        watch_globals();
        let rec = Rec::new();
        let w = api.watch("ignition", rec.options("ignition", &extra(""), JsValue::UNDEFINED)).unwrap();
        for kind in ["getter", "proxy", "inherited", "function", "symbol", "array", "date", "bigint"] {
            post(&hostile_data(kind), VENDOR, &JsValue::NULL);
        }
        post_plain_event();
        assert_eq!(
            rec.json(),
            canon(
                r#"[["onIgnored","malformed","status: missing"],["onIgnored","malformed","status: expected a string"],
                    ["onIgnored","malformed","status: missing"],["onIgnored","malformed","data: expected an object"],
                    ["onIgnored","malformed","data: expected an object"],["onIgnored","malformed","data: expected an object"],
                    ["onIgnored","malformed","status: missing"],["onIgnored","malformed","data: expected an object"],
                    ["onIgnored","origin","not a MessageEvent"]]"#
            ),
            "{api:?}"
        );
        assert_eq!(thrown_errors(), "[]", "{api:?}");
        w.stop();
    }
}

#[wasm_bindgen_test]
fn ignition_url_sets_the_origin_parameter() {
    let url = |u: &str, p: Option<&str>| ignition_url(u.into(), p.map_or(JsValue::UNDEFINED, JsValue::from));
    assert_eq!(
        url("https://ignition.axle.insure/?token=ign_1", Some("https://App.Example.com:443/")).unwrap(),
        "https://ignition.axle.insure/?token=ign_1&origin=https%3A%2F%2Fapp.example.com"
    );
    assert_eq!(
        url("https://ignition.axle.insure/?origin=https://old.example&token=t", Some("http://localhost:5173")).unwrap(),
        "https://ignition.axle.insure/?origin=http%3A%2F%2Flocalhost%3A5173&token=t"
    );
    let own = web_sys::window().unwrap().location().origin().unwrap();
    let with_own = url("https://ignition.sandbox.axle.insure/", None).unwrap();
    assert_eq!(with_own, format!("https://ignition.sandbox.axle.insure/?origin={}", js_sys::encode_uri_component(&own)));
    let err = |u: JsValue, p: JsValue| format!("{:?}", ignition_url(u, p).unwrap_err());
    assert!(err("/relative".into(), JsValue::UNDEFINED).contains("url does not parse"));
    assert!(err(JsValue::from(3), JsValue::UNDEFINED).contains("url must be a string or a URL"));
    assert!(err("https://ignition.axle.insure/".into(), "https://a.com/path".into()).contains("parentOrigin has a path"));
    assert!(err("https://ignition.axle.insure/".into(), "*".into()).contains("parentOrigin is not allowed"));
}

#[wasm_bindgen_test]
fn the_rust_api_delivers_typed_events_and_stops_on_drop() {
    let events: Rc<RefCell<Vec<SignereEvent>>> = Rc::default();
    let ignored: Rc<RefCell<Vec<Reason>>> = Rc::default();
    let watcher = {
        let events = events.clone();
        let ignored = ignored.clone();
        Watch::<Signere>::new()
            .origins([VENDOR])
            .on_ignored(move |i| ignored.borrow_mut().push(i.reason))
            .start(move |e| events.borrow_mut().push(e))
            .unwrap()
    };
    post(&JsValue::from_str(r#"{"type":"eid_selected","payload":{"eid":"no_bankid"}}"#), VENDOR, &JsValue::NULL);
    post(&JsValue::from_str(r#"{"type":"eid_selected"}"#), VENDOR, &JsValue::NULL);
    assert_eq!(*events.borrow(), vec![SignereEvent::EidSelected { eid: "no_bankid".into() }]);
    assert_eq!(*ignored.borrow(), vec![Reason::Malformed]);
    drop(watcher);
    post(&JsValue::from_str(r#"{"type":"spinner_on"}"#), VENDOR, &JsValue::NULL);
    assert_eq!(events.borrow().len(), 1, "delivered after drop");

    let got: Rc<RefCell<Vec<IgnitionEvent>>> = Rc::default();
    let w = {
        let got = got.clone();
        Watch::<Ignition>::new().once(true).start(move |e| got.borrow_mut().push(e)).unwrap()
    };
    post(&JsValue::from_str(r#"{"status":"error","message":"m"}"#), "https://ignition.axle.insure", &JsValue::NULL);
    assert!(!w.active());
    assert!(matches!(&got.borrow()[..], [IgnitionEvent::Error { message: Some(m), client: None }] if m == "m"));
    assert_eq!(
        Watch::<Signere>::new().start(|_| {}).unwrap_err().message(),
        "origins: Signere has no default origin; pass origins (e.g. \"https://sign.idfy.io\"), or an iframe as source whose src is an http(s) URL"
    );
}

#[wasm_bindgen_test]
fn the_rust_api_takes_a_window_as_source_and_keeps_a_forgotten_watcher() {
    // A popup's window (here a frame's): only its messages are accepted.
    let f = frame("", false);
    let popup: web_sys::Window = content_window(&f).into();
    let got: Rc<RefCell<Vec<IgnitionEvent>>> = Rc::default();
    let ignored: Rc<RefCell<Vec<Reason>>> = Rc::default();
    let w = {
        let (got, ignored) = (got.clone(), ignored.clone());
        Watch::<Ignition>::new()
            .origins([VENDOR])
            .source(Source::from(popup.clone()))
            .on_ignored(move |i| ignored.borrow_mut().push(i.reason))
            .start(move |e| got.borrow_mut().push(e))
            .unwrap()
    };
    post(&JsValue::from_str(r#"{"status":"exit","step":"s1"}"#), VENDOR, &popup.clone().into());
    post(&JsValue::from_str(r#"{"status":"exit","step":"s2"}"#), VENDOR, &web_sys::window().unwrap().into());
    assert_eq!(*got.borrow(), vec![IgnitionEvent::Exit { step: Some("s1".into()), client: None }]);
    assert_eq!(*ignored.borrow(), vec![Reason::Source]);
    drop(w);
    // forget(): the listener outlives the handle, until `once` stops it.
    let got: Rc<RefCell<Vec<IgnitionEvent>>> = Rc::default();
    {
        let got = got.clone();
        Watch::<Ignition>::new().origins([VENDOR]).once(true).start(move |e| got.borrow_mut().push(e)).unwrap().forget();
    }
    post(&JsValue::from_str(r#"{"status":"complete","authCode":"c1"}"#), VENDOR, &JsValue::NULL);
    post(&JsValue::from_str(r#"{"status":"complete","authCode":"c2"}"#), VENDOR, &JsValue::NULL);
    assert_eq!(*got.borrow(), vec![IgnitionEvent::Complete { auth_code: "c1".into(), client: None, result: None }]);
    remove_frame(&f);
}

/// A vendor declared outside the crate with `vendor!` (tests/support/queue.rs) gets the same
/// watcher: source and origin checks, decoding by its table, typed events, `once`.
#[wasm_bindgen_test]
fn a_vendor_declared_in_one_file_is_watched_like_the_built_in_ones() {
    let f = frame("", false);
    let source = content_window(&f);
    let events: Rc<RefCell<Vec<QueueEvent>>> = Rc::default();
    let log: Rc<RefCell<Vec<String>>> = Rc::default();
    let w = {
        let (events, ignored, unknown) = (events.clone(), log.clone(), log.clone());
        Watch::<Queue>::new()
            .origins([VENDOR])
            .source(f.clone())
            .once(true)
            .on_ignored(move |i| ignored.borrow_mut().push(format!("{} {}", i.reason.as_str(), i.detail)))
            .on_unknown(move |u| unknown.borrow_mut().push(format!("unknown {}", u.name)))
            .start(move |e| events.borrow_mut().push(e))
            .unwrap()
    };
    post(&JsValue::from_str(r#"{"kind":"done","ticket":"T-7"}"#), OTHER, &source);
    post(&JsValue::from_str(r#"{"kind":"done","ticket":"T-7"}"#), VENDOR, &JsValue::NULL);
    post(&JsValue::from_str(r#"{"kind":"done"}"#), VENDOR, &source);
    post(&JsValue::from_str(r#"{"kind":"moved","ticket":"T-7"}"#), VENDOR, &source);
    assert!(w.active());
    post_parsed(r#"{"kind":"done","ticket":"T-7","extra":{"a":1}}"#, VENDOR, &source);
    assert!(!w.active(), "done is terminal: once stops the watcher");
    post(&JsValue::from_str(r#"{"kind":"done","ticket":"T-8"}"#), VENDOR, &source);
    assert_eq!(*events.borrow(), vec![QueueEvent::Done { ticket: "T-7".into() }]);
    assert_eq!(
        *log.borrow(),
        [
            "origin origin is not in the allow-list",
            "source sent by another window than the watched source",
            "malformed ticket: missing",
            "unknown moved",
        ]
    );
    use embed_events::Event;
    assert_eq!(events.borrow()[0].to_json(), r#"{"kind":"done","ticket":"T-7"}"#);
    assert_eq!(events.borrow()[0].callback(), "onDone");
    remove_frame(&f);
}

#[wasm_bindgen_test]
fn ignored_messages_carry_their_origin_whatever_the_reason() {
    let f = frame("", false);
    for api in APIS {
        let rec = Rec::new();
        let w = api.watch("signere", rec.options("signere", &extra(""), f.clone().into())).unwrap();
        post(&JsValue::from_str(r#"{"type":"eid_selected"}"#), VENDOR, &content_window(&f)); // malformed: a required field missing
        post(&JsValue::from_str("{not json"), VENDOR, &content_window(&f)); // malformed: not JSON
        post(&JsValue::from_str("[1]"), VENDOR, &content_window(&f)); // not an object
        post(&JsValue::from_str(r#"{"type":"spinner_on"}"#), OTHER, &content_window(&f)); // origin
        post(&JsValue::from_str(r#"{"type":"spinner_on"}"#), OTHER, &JsValue::NULL); // source
        assert_eq!(rec.ignored_origins(), format!(r#"["{VENDOR}","{VENDOR}","{VENDOR}","{OTHER}","{OTHER}"]"#), "{api:?}");
        w.stop();
    }
    remove_frame(&f);
}
