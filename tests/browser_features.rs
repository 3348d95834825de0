//! Beyond the peers, in the browser: the awaited outcome (JavaScript's `watcher.outcome`, Rust's
//! `Watch::on_outcome`), the silence report (`silenceMs` / `onSilence`, `Watch::on_silence`, and
//! `debug`'s warning for an Ignition frame without its `origin` parameter), and the redirect return
//! (`readIgnitionRedirect`, `read_ignition_redirect`). Synthetic `MessageEvent`s with any `origin`
//! and `source`, through the JavaScript API as users import it (the built `dist/index.js`) and
//! through the Rust API, with the same options and assertions where both have the feature.
//!
//! Timers are real: silence tests use a 50 ms `silenceMs` and wait on JavaScript promises (the
//! tests are `async`). A test that expects no report starts a second, "control" watcher after the
//! one under test, with the same `silenceMs`, that hears nothing: once the control has reported,
//! the earlier timer of the watcher under test has run too, whatever the engine's timer precision.
#![cfg(target_arch = "wasm32")]

#[path = "support/js_api.rs"]
mod js_api;

use std::cell::RefCell;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

use embed_events::{read_ignition_redirect, Event, Ignition, Signere, Watch, WatchError};
use js_api::{post, read_ignition_redirect as js_read_ignition_redirect, Api, Watcher, APIS};
use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{AbortSignal, HtmlIFrameElement};

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
export function canonValue(value) { return JSON.stringify(sortKeys(value === undefined ? null : value)); }

/**
 * Records, in order, every callback of a watcher (`[callback, value]`, `["onUnknown", name]`,
 * `["onIgnored", reason]`), its outcome (`["outcome", event]`, or `["aborted", how]`), and apart
 * from them its silence reports.
 */
export class Probe {
  constructor() { this.log = []; this.reports = []; this.during = []; }
  /** Options with every callback recording, plus `extra` (JSON) and `source`. */
  options(vendor, extraJson, source) {
    const o = {};
    for (const name of CALLBACKS[vendor]) o[name] = (e) => this.log.push([name, e]);
    o.onEvent = (e) => this.log.push(["onEvent", e]);
    o.onUnknown = (u) => this.log.push(["onUnknown", u.name]);
    o.onIgnored = (i) => this.log.push(["onIgnored", i.reason]);
    Object.assign(o, JSON.parse(extraJson || "{}"));
    if (source !== undefined && source !== null) o.source = source;
    return o;
  }
  /** `options` with `onIgnored` also recording `[reason, detail]` in `ignored`. */
  recordingIgnored(options) {
    const prev = options.onIgnored;
    this.ignored = [];
    options.onIgnored = (i) => { if (prev) prev(i); this.ignored.push([i.reason, i.detail]); };
    return options;
  }
  ignoredJson() { return JSON.stringify(this.ignored ?? []); }
  /** `options` with `onSilence` recording the reports. */
  reporting(options) { options.onSilence = (r) => this.reports.push(r); return options; }
  /** `options` with `signal`. */
  withSignal(options, signal) { options.signal = signal; return options; }
  /** Wrap callback `name` to run `action` ("stop": `target.stop()`) after recording. */
  with(options, name, action, target) {
    const prev = options[name];
    options[name] = (e) => {
      if (prev) prev(e);
      if (action === "stop") target.stop();
    };
    return options;
  }
  /**
   * Wrap callback `name` to note, in `during`, whether `holder.watcher.outcome` has settled yet
   * while the callback runs: `Promise.race` with an already-resolved promise settles with the
   * first of the two that is settled.
   */
  noteOutcomeDuring(options, name, holder) {
    const prev = options[name];
    const pending = {};
    options[name] = (e) => {
      if (prev) prev(e);
      const outcome = holder.watcher.outcome;
      Promise.race([outcome, Promise.resolve(pending)]).then(
        (v) => this.during.push([name, v === pending ? "pending" : "settled"]),
        () => this.during.push([name, "settled"]),
      );
    };
    return options;
  }
  /** Read a JavaScript watcher's `outcome` and record how it settles. */
  observe(watcher) {
    watcher.outcome.then(
      (event) => this.log.push(["outcome", event]),
      (error) => this.log.push(["aborted", `${error?.constructor?.name}:${error?.name}`, error instanceof DOMException]),
    );
  }
  /** A Rust watcher's outcome: an event's JSON, or `undefined` for `None`. */
  outcomeRust(json) {
    this.log.push(json === undefined ? ["aborted", "None"] : ["outcome", JSON.parse(json)]);
  }
  /** A Rust watcher's silence report (`Silence::to_json`). */
  reportRust(json) { this.reports.push(JSON.parse(json)); }
  json() { return canonValue(this.log); }
  len() { return this.log.length; }
  reportsJson() { return canonValue(this.reports); }
  reportCount() { return this.reports.length; }
  detail(i) { return this.reports[i]?.detail ?? "(no report)"; }
  duringJson() { return JSON.stringify(this.during); }
}

/** Holds a watcher for callbacks that need it (`holder.watcher`). */
export function holder() { return { watcher: null }; }
export function hold(holder, watcher) { holder.watcher = watcher; }


export function frame(src) {
  const f = document.createElement("iframe");
  if (src) f.src = src;
  document.body.appendChild(f);
  return f;
}
export function setFrameSrc(f, src) { f.src = src; }
/** An iframe that is never added to the document (so it loads nothing), with its src. */
export function detachedFrame(src) {
  const f = document.createElement("iframe");
  f.src = src;
  return f;
}
export function removeFrame(f) { f.remove(); }
export function contentWindow(f) { return f.contentWindow; }
export function pageOrigin() { return location.origin; }

export function sleep(ms) { return new Promise((resolve) => setTimeout(resolve, ms)); }
export function abortController() { return new AbortController(); }
export function abortedSignal() { return AbortSignal.abort(); }

/** What reached console.warn, and the promise rejections nobody handled, since `resetGlobals`. */
const seen = { warnings: [], rejections: [] };
let installed = false;
export function resetGlobals() {
  if (!installed) {
    installed = true;
    const warn = console.warn.bind(console);
    console.warn = (...args) => { seen.warnings.push(args.map(String).join(" ")); warn(...args); };
    window.addEventListener("unhandledrejection", (e) => {
      const r = e.reason;
      seen.rejections.push(`${r?.constructor?.name}:${r?.name}`);
      // Seen and counted: keep it off the console.
      e.preventDefault();
    });
  }
  seen.warnings.length = 0;
  seen.rejections.length = 0;
}
export function warnings() { return JSON.stringify(seen.warnings); }
export function rejections() { return JSON.stringify(seen.rejections); }

/** Read `watcher.outcome` twice: the same promise both times? */
export function sameOutcome(watcher) { return watcher.outcome === watcher.outcome; }
/** Read `watcher.outcome` and leave it unhandled. */
export function readAndDrop(watcher) { void watcher.outcome; }

/** The error `f` throws, as "Constructor: message", or "no error". */
export function errorOf(f) {
  try { f(); return "no error"; } catch (e) { return e.constructor.name + ": " + e.message; }
}
/** `readIgnitionRedirect`'s answer as canonical JSON, or its error as "Constructor: message". */
export function answerOf(f) {
  try { return canonValue(f()); } catch (e) { return e.constructor.name + ": " + e.message; }
}
export function urlObject(href) { return new URL(href); }

/** The page's URL, for a test to change with history.replaceState and restore. */
export function pageUrl() { return location.href; }
export function replaceUrl(url) { history.replaceState(history.state, "", url); }
export function evalOptions(source) { return (0, eval)(`(${source})`); }
"#)]
extern "C" {
    fn canon(json: &str) -> String;
    type Probe;
    #[wasm_bindgen(constructor)]
    fn new() -> Probe;
    #[wasm_bindgen(method)]
    fn options(this: &Probe, vendor: &str, extra_json: &str, source: &JsValue) -> JsValue;
    #[wasm_bindgen(method)]
    fn reporting(this: &Probe, options: JsValue) -> JsValue;
    #[wasm_bindgen(method, js_name = recordingIgnored)]
    fn recording_ignored(this: &Probe, options: JsValue) -> JsValue;
    #[wasm_bindgen(method, js_name = ignoredJson)]
    fn ignored_json(this: &Probe) -> String;
    #[wasm_bindgen(method, js_name = withSignal)]
    fn with_signal(this: &Probe, options: JsValue, signal: &AbortSignal) -> JsValue;
    #[wasm_bindgen(method)]
    fn with(this: &Probe, options: JsValue, name: &str, action: &str, target: &JsValue) -> JsValue;
    #[wasm_bindgen(method, js_name = noteOutcomeDuring)]
    fn note_outcome_during(this: &Probe, options: JsValue, name: &str, holder: &JsValue) -> JsValue;
    #[wasm_bindgen(method)]
    fn observe(this: &Probe, watcher: &Watcher);
    #[wasm_bindgen(method, js_name = outcomeRust)]
    fn outcome_rust(this: &Probe, json: Option<String>);
    #[wasm_bindgen(method, js_name = reportRust)]
    fn report_rust(this: &Probe, json: &str);
    #[wasm_bindgen(method)]
    fn json(this: &Probe) -> String;
    #[wasm_bindgen(method)]
    fn len(this: &Probe) -> usize;
    #[wasm_bindgen(method, js_name = reportsJson)]
    fn reports_json(this: &Probe) -> String;
    #[wasm_bindgen(method, js_name = reportCount)]
    fn report_count(this: &Probe) -> usize;
    #[wasm_bindgen(method)]
    fn detail(this: &Probe, index: usize) -> String;
    #[wasm_bindgen(method, js_name = duringJson)]
    fn during_json(this: &Probe) -> String;

    fn holder() -> JsValue;
    fn hold(holder: &JsValue, watcher: &Watcher);
    fn frame(src: &str) -> HtmlIFrameElement;
    #[wasm_bindgen(js_name = setFrameSrc)]
    fn set_frame_src(frame: &HtmlIFrameElement, src: &str);
    #[wasm_bindgen(js_name = detachedFrame)]
    fn detached_frame(src: &str) -> HtmlIFrameElement;
    #[wasm_bindgen(js_name = removeFrame)]
    fn remove_frame(frame: &HtmlIFrameElement);
    #[wasm_bindgen(js_name = contentWindow)]
    fn content_window(frame: &HtmlIFrameElement) -> JsValue;
    #[wasm_bindgen(js_name = pageOrigin)]
    fn page_origin() -> String;
    #[wasm_bindgen(js_name = sleep)]
    fn sleep_promise(ms: u32) -> Promise;
    #[wasm_bindgen(js_name = abortController)]
    fn abort_controller() -> web_sys::AbortController;
    #[wasm_bindgen(js_name = abortedSignal)]
    fn aborted_signal() -> AbortSignal;
    #[wasm_bindgen(js_name = resetGlobals)]
    fn reset_globals();
    fn warnings() -> String;
    fn rejections() -> String;
    #[wasm_bindgen(js_name = sameOutcome)]
    fn same_outcome(watcher: &Watcher) -> bool;
    #[wasm_bindgen(js_name = readAndDrop)]
    fn read_and_drop(watcher: &Watcher);
    #[wasm_bindgen(js_name = errorOf)]
    fn error_of(f: &Function) -> String;
    #[wasm_bindgen(js_name = answerOf)]
    fn answer_of(f: &Function) -> String;
    #[wasm_bindgen(js_name = urlObject)]
    fn url_object(href: &str) -> JsValue;
    #[wasm_bindgen(js_name = pageUrl)]
    fn page_url() -> String;
    #[wasm_bindgen(js_name = replaceUrl)]
    fn replace_url(url: &str);
    #[wasm_bindgen(js_name = evalOptions)]
    fn eval_options(source: &str) -> JsValue;
}

const VENDOR: &str = "https://vendor.example";
const OTHER: &str = "https://other.example";
/// The silence time of every silence test.
const MS: u32 = 50;

// ───────────────────────────── waiting on JavaScript ─────────────────────────────

/// A JavaScript promise as a Rust future (its fulfilment value, or its rejection reason).
struct Settled {
    shared: Rc<RefCell<(Option<Result<JsValue, JsValue>>, Option<Waker>)>>,
    _callbacks: [Closure<dyn FnMut(JsValue)>; 2],
}

fn settled(promise: &Promise) -> Settled {
    let shared: Rc<RefCell<(Option<Result<JsValue, JsValue>>, Option<Waker>)>> = Rc::default();
    let finish = |ok: bool| {
        let shared = shared.clone();
        Closure::<dyn FnMut(JsValue)>::new(move |value: JsValue| {
            let waker = {
                let mut s = shared.borrow_mut();
                s.0 = Some(if ok { Ok(value) } else { Err(value) });
                s.1.take()
            };
            if let Some(waker) = waker {
                waker.wake();
            }
        })
    };
    let callbacks = [finish(true), finish(false)];
    let _ = promise.then2(&callbacks[0], &callbacks[1]);
    Settled { shared, _callbacks: callbacks }
}

impl Future for Settled {
    type Output = Result<JsValue, JsValue>;
    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut s = self.shared.borrow_mut();
        match s.0.take() {
            Some(result) => Poll::Ready(result),
            None => {
                s.1 = Some(cx.waker().clone());
                Poll::Pending
            }
        }
    }
}

/// A timer task of `ms` milliseconds (0: after every promise job queued so far has run).
async fn sleep(ms: u32) {
    let _ = settled(&sleep_promise(ms)).await;
}

/// Wait until `done()`, for at most two seconds (a silence test's 50 ms, many times over).
async fn until(what: &str, done: impl Fn() -> bool) {
    for _ in 0..200 {
        if done() {
            return;
        }
        sleep(10).await;
    }
    panic!("waited two seconds for {what}");
}

// ───────────────────────────── one watcher, either API ─────────────────────────────

/// A watcher of either API, with `stop` and `active`.
enum Handle {
    Js(Watcher),
    Rust(Rc<embed_events::Watcher>),
}

impl Handle {
    fn stop(&self) {
        match self {
            Handle::Js(w) => w.stop(),
            Handle::Rust(w) => w.stop(),
        }
    }
    fn active(&self) -> bool {
        match self {
            Handle::Js(w) => w.active(),
            Handle::Rust(w) => w.active(),
        }
    }
}

/// Start a watcher of `vendor` from a `watch*()` options object. `observe`: record its outcome
/// in `probe` (JavaScript: read `outcome` right after the start; Rust: `on_outcome`).
fn start(api: Api, vendor: &str, options: JsValue, probe: &Probe, observe: bool) -> Result<Handle, JsValue> {
    match api {
        Api::Js => {
            let watcher = api.watch(vendor, options)?;
            if observe {
                probe.observe(&watcher);
            }
            Ok(Handle::Js(watcher))
        }
        Api::Rust => {
            let started = match vendor {
                "ignition" => rust_start::<Ignition>(&options, probe, observe),
                "signere" => rust_start::<Signere>(&options, probe, observe),
                _ => panic!("no vendor {vendor:?}"),
            };
            started.map(Handle::Rust).map_err(|e| js_sys::TypeError::new(&e.message()).into())
        }
    }
}

use js_api::{function, get};

/// The Rust watcher of vendor `V` from a `watch*()` options object: origins, environment, source, once, debug,
/// signal, the callbacks (each event to its callback, then to `onEvent` unless the watcher was
/// stopped inside that callback), `onUnknown`, `onIgnored`, `silenceMs` with `onSilence`
/// (`Watch::on_silence`, its report written by `Silence::to_json`), and with `observe`,
/// `Watch::on_outcome`.
fn rust_start<V: js_api::Environments>(
    options: &JsValue,
    probe: &Probe,
    observe: bool,
) -> Result<Rc<embed_events::Watcher>, WatchError> {
    let mut watch = js_api::configure::<V>(options);
    if let Some(name) = get(options, "environment").as_string() {
        watch = V::environment(watch, &name)?;
    }
    if let (Some(ms), Some(f)) = (get(options, "silenceMs").as_f64(), function(options, "onSilence")) {
        watch = watch.on_silence(ms as u32, move |silence, detail| {
            let _ = f.call1(&JsValue::UNDEFINED, &js_sys::JSON::parse(&silence.to_json(&detail)).unwrap());
        });
    }
    if observe {
        let probe: Probe = AsRef::<JsValue>::as_ref(probe).clone().unchecked_into();
        watch = watch.on_outcome(move |outcome| probe.outcome_rust(outcome.map(|e| e.to_json())));
    }
    js_api::start_with_callbacks(watch, options)
}

/// An object whose `stop()` stops the watcher in `handle` (set after the start).
fn stopper(handle: &Rc<RefCell<Option<Handle>>>) -> JsValue {
    let handle = handle.clone();
    let o = js_sys::Object::new();
    let stop = Closure::<dyn Fn()>::new(move || {
        if let Some(w) = handle.borrow().as_ref() {
            w.stop();
        }
    });
    Reflect::set(&o, &"stop".into(), &stop.into_js_value()).unwrap();
    o.into()
}

/// `{"origins": [VENDOR]}` plus more JSON members.
fn extra(more: &str) -> String {
    if more.is_empty() {
        format!(r#"{{"origins":["{VENDOR}"]}}"#)
    } else {
        format!(r#"{{"origins":["{VENDOR}"],{more}}}"#)
    }
}

fn msg(json: &str) -> JsValue {
    JsValue::from_str(json)
}

/// The log row of an outcome that ends without an event: JavaScript's rejection with an
/// `AbortError` `DOMException`, Rust's `None`.
fn aborted(api: Api) -> &'static str {
    match api {
        Api::Js => r#"["aborted","DOMException:AbortError",true]"#,
        Api::Rust => r#"["aborted","None"]"#,
    }
}

// ───────────────────────────── the outcome ─────────────────────────────

#[wasm_bindgen_test]
async fn the_outcome_is_the_first_terminal_event_after_its_callbacks() {
    for api in APIS {
        let probe = Probe::new();
        let w = start(api, "ignition", probe.options("ignition", &extra(""), &JsValue::NULL), &probe, true).unwrap();
        // Nothing terminal yet: unknown, malformed, another origin.
        post(&msg(r#"{"status":"opened"}"#), VENDOR, &JsValue::NULL);
        post(&msg(r#"{"status":"complete","authCode":42}"#), VENDOR, &JsValue::NULL);
        post(&msg(r#"{"status":"exit","step":"x"}"#), OTHER, &JsValue::NULL);
        sleep(0).await;
        assert_eq!(
            probe.json(),
            canon(r#"[["onUnknown","opened"],["onIgnored","malformed"],["onIgnored","origin"]]"#),
            "{api:?}: settled without a terminal event"
        );
        post(&msg(r#"{"status":"exit","step":"carrier-login"}"#), VENDOR, &JsValue::NULL);
        sleep(0).await;
        // A later terminal event is delivered (no `once`) but is not the outcome.
        post(&msg(r#"{"status":"complete","authCode":"cod_1"}"#), VENDOR, &JsValue::NULL);
        sleep(0).await;
        assert_eq!(
            probe.json(),
            canon(
                r#"[["onUnknown","opened"],["onIgnored","malformed"],["onIgnored","origin"],
                    ["onExit",{"status":"exit","step":"carrier-login"}],["onEvent",{"status":"exit","step":"carrier-login"}],
                    ["outcome",{"status":"exit","step":"carrier-login"}],
                    ["onComplete",{"status":"complete","authCode":"cod_1"}],["onEvent",{"status":"complete","authCode":"cod_1"}]]"#
            ),
            "{api:?}"
        );
        assert!(w.active(), "{api:?}: the outcome does not stop the watcher");
        w.stop();
        sleep(0).await;
        assert!(!probe.json().contains("aborted"), "{api:?}: stopping after the outcome changes nothing");
    }
}

#[wasm_bindgen_test]
async fn signere_non_terminal_events_do_not_settle_the_outcome() {
    for api in APIS {
        let probe = Probe::new();
        let w = start(api, "signere", probe.options("signere", &extra(""), &JsValue::NULL), &probe, true).unwrap();
        for m in [
            r#"{"type":"app_started","payload":{"documentId":"d1"}}"#,
            r#"{"type":"document_read"}"#,
            r#"{"type":"eid_selected","payload":{"eid":"no_bankid"}}"#,
            r#"{"type":"language_changed","payload":{"language":"EN"}}"#,
            r#"{"type":"spinner_on"}"#,
            r#"{"type":"spinner_off"}"#,
            r#"{"type":"sign_error","payload":{"code":"SA-1017"}}"#,
            r#"{"type":"outdated_browser"}"#,
        ] {
            post(&msg(m), VENDOR, &JsValue::NULL);
        }
        sleep(0).await;
        let log = probe.json();
        assert!(!log.contains("outcome") && !log.contains("aborted"), "{api:?}: {log}");
        assert_eq!(probe.len(), 16, "{api:?}: every event delivered: {log}");
        post(&msg(r#"{"type":"user_canceled","payload":{"documentId":"d1"}}"#), VENDOR, &JsValue::NULL);
        sleep(0).await;
        assert!(
            probe.json().ends_with(&canon(
                r#"[["onUserAborted",{"type":"user_aborted","documentId":"d1"}],["onEvent",{"type":"user_aborted","documentId":"d1"}],
                    ["outcome",{"type":"user_aborted","documentId":"d1"}]]"#
            )[1..]),
            "{api:?}: {}",
            probe.json()
        );
        w.stop();
    }
}

#[wasm_bindgen_test]
async fn with_once_the_outcome_is_the_terminal_event_not_an_abort() {
    for api in APIS {
        let probe = Probe::new();
        let w =
            start(api, "ignition", probe.options("ignition", &extra(r#""once":true"#), &JsValue::NULL), &probe, true)
                .unwrap();
        post(&msg(r#"{"status":"complete","authCode":"cod_1","client":"cli_1"}"#), VENDOR, &JsValue::NULL);
        assert!(!w.active(), "{api:?}");
        sleep(0).await;
        assert_eq!(
            probe.json(),
            canon(
                r#"[["onComplete",{"status":"complete","authCode":"cod_1","client":"cli_1"}],
                    ["onEvent",{"status":"complete","authCode":"cod_1","client":"cli_1"}],
                    ["outcome",{"status":"complete","authCode":"cod_1","client":"cli_1"}]]"#
            ),
            "{api:?}"
        );

        let probe = Probe::new();
        let w = start(api, "signere", probe.options("signere", &extra(r#""once":true"#), &JsValue::NULL), &probe, true)
            .unwrap();
        post(&msg(r#"{"type":"spinner_on"}"#), VENDOR, &JsValue::NULL);
        post(&msg(r#"{"type":"document_expired","payload":{"documentId":"d1"}}"#), VENDOR, &JsValue::NULL);
        post(&msg(r#"{"type":"sign_success"}"#), VENDOR, &JsValue::NULL);
        assert!(!w.active(), "{api:?}");
        sleep(0).await;
        assert_eq!(
            probe.json(),
            canon(
                r#"[["onSpinnerOn",{"type":"spinner_on"}],["onEvent",{"type":"spinner_on"}],
                    ["onDocumentExpired",{"type":"document_expired","documentId":"d1"}],
                    ["onEvent",{"type":"document_expired","documentId":"d1"}],
                    ["outcome",{"type":"document_expired","documentId":"d1"}]]"#
            ),
            "{api:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn a_watcher_that_stops_first_has_no_event_for_its_outcome() {
    let terminal = msg(r#"{"status":"error","message":"m"}"#);
    for api in APIS {
        let want = canon(&format!("[{}]", aborted(api)));
        // stop()
        let probe = Probe::new();
        let w = start(api, "ignition", probe.options("ignition", &extra(""), &JsValue::NULL), &probe, true).unwrap();
        w.stop();
        post(&terminal, VENDOR, &JsValue::NULL);
        sleep(0).await;
        assert_eq!(probe.json(), want, "{api:?}: stop()");
        // The signal, aborted later.
        let probe = Probe::new();
        let controller = abort_controller();
        let options = probe.with_signal(probe.options("ignition", &extra(""), &JsValue::NULL), &controller.signal());
        let w = start(api, "ignition", options, &probe, true).unwrap();
        controller.abort();
        assert!(!w.active(), "{api:?}");
        post(&terminal, VENDOR, &JsValue::NULL);
        sleep(0).await;
        assert_eq!(probe.json(), want, "{api:?}: signal");
        // An already-aborted signal: an inactive watcher, its outcome answered at once.
        let probe = Probe::new();
        let options = probe.with_signal(probe.options("ignition", &extra(""), &JsValue::NULL), &aborted_signal());
        let w = start(api, "ignition", options, &probe, true).unwrap();
        assert!(!w.active(), "{api:?}");
        post(&terminal, VENDOR, &JsValue::NULL);
        sleep(0).await;
        assert_eq!(probe.json(), want, "{api:?}: already-aborted signal");
        // Stopped inside a non-terminal event's callback.
        let probe = Probe::new();
        let handle: Rc<RefCell<Option<Handle>>> = Rc::default();
        let options =
            probe.with(probe.options("signere", &extra(""), &JsValue::NULL), "onSpinnerOn", "stop", &stopper(&handle));
        *handle.borrow_mut() = Some(start(api, "signere", options, &probe, true).unwrap());
        post(&msg(r#"{"type":"spinner_on"}"#), VENDOR, &JsValue::NULL);
        post(&msg(r#"{"type":"sign_success"}"#), VENDOR, &JsValue::NULL);
        sleep(0).await;
        assert_eq!(
            probe.json(),
            canon(&format!(r#"[["onSpinnerOn",{{"type":"spinner_on"}}],{}]"#, aborted(api))),
            "{api:?}"
        );
    }
}

#[wasm_bindgen_test]
async fn stopping_inside_the_terminal_events_callback_keeps_that_event_as_the_outcome() {
    for api in APIS {
        let probe = Probe::new();
        let handle: Rc<RefCell<Option<Handle>>> = Rc::default();
        let options =
            probe.with(probe.options("ignition", &extra(""), &JsValue::NULL), "onComplete", "stop", &stopper(&handle));
        *handle.borrow_mut() = Some(start(api, "ignition", options, &probe, true).unwrap());
        post(&msg(r#"{"status":"complete","authCode":"cod_1"}"#), VENDOR, &JsValue::NULL);
        sleep(0).await;
        assert_eq!(
            probe.json(),
            canon(
                r#"[["onComplete",{"status":"complete","authCode":"cod_1"}],["outcome",{"status":"complete","authCode":"cod_1"}]]"#
            ),
            "{api:?}: stopped inside onComplete: no onEvent, and the outcome is the event"
        );
    }
}

#[wasm_bindgen_test]
fn the_rust_outcome_answers_none_once_when_the_watcher_is_dropped() {
    let answers: Rc<RefCell<Vec<Option<String>>>> = Rc::default();
    let w = {
        let answers = answers.clone();
        Watch::<Ignition>::new()
            .origins([VENDOR])
            .on_outcome(move |outcome| answers.borrow_mut().push(outcome.map(|e| e.to_json())))
            .start(|_| {})
            .unwrap()
    };
    assert!(answers.borrow().is_empty());
    drop(w);
    post(&msg(r#"{"status":"exit"}"#), VENDOR, &JsValue::NULL);
    assert_eq!(*answers.borrow(), [None]);
}

#[wasm_bindgen_test]
async fn the_js_outcome_is_pending_while_the_terminal_events_callbacks_run() {
    // Read before the event, and for the first time inside the event's own callback.
    for read_first in [true, false] {
        let probe = Probe::new();
        let holder = holder();
        let options = probe.options("ignition", &extra(""), &JsValue::NULL);
        let options = probe.note_outcome_during(options, "onComplete", &holder);
        let options = probe.note_outcome_during(options, "onEvent", &holder);
        let w = Api::Js.watch("ignition", options).unwrap();
        hold(&holder, &w);
        if read_first {
            probe.observe(&w);
        }
        post(&msg(r#"{"status":"complete","authCode":"cod_1"}"#), VENDOR, &JsValue::NULL);
        if !read_first {
            probe.observe(&w);
        }
        sleep(0).await;
        assert_eq!(
            probe.during_json(),
            r#"[["onComplete","pending"],["onEvent","pending"]]"#,
            "read first: {read_first}: settled while its callbacks ran"
        );
        assert!(probe.json().ends_with(r#"["outcome",{"authCode":"cod_1","status":"complete"}]]"#), "{}", probe.json());
        assert!(same_outcome(&w), "one promise, whenever it is read");
        w.stop();
    }
}

#[wasm_bindgen_test]
async fn the_js_outcome_read_late_settles_with_what_happened() {
    // Read after the terminal event: resolved with it.
    let probe = Probe::new();
    let w = Api::Js.watch("ignition", probe.options("ignition", &extra(r#""once":true"#), &JsValue::NULL)).unwrap();
    post(&msg(r#"{"status":"exit"}"#), VENDOR, &JsValue::NULL);
    sleep(0).await;
    probe.observe(&w);
    sleep(0).await;
    assert!(probe.json().ends_with(r#"["outcome",{"status":"exit"}]]"#), "{}", probe.json());
    // Read after stop(): rejected with an AbortError DOMException.
    let probe = Probe::new();
    let w = Api::Js.watch("signere", probe.options("signere", &extra(""), &JsValue::NULL)).unwrap();
    w.stop();
    sleep(0).await;
    probe.observe(&w);
    sleep(0).await;
    assert_eq!(probe.json(), canon(&format!("[{}]", aborted(Api::Js))));
}

#[wasm_bindgen_test]
async fn an_unread_js_outcome_never_rejects_unhandled() {
    reset_globals();
    // Stopped, aborted, and already-aborted watchers whose outcome nobody reads.
    let probe = Probe::new();
    let w = Api::Js.watch("ignition", probe.options("ignition", &extra(""), &JsValue::NULL)).unwrap();
    w.stop();
    let controller = abort_controller();
    let _aborted_later = Api::Js.watch(
        "signere",
        probe.with_signal(probe.options("signere", &extra(""), &JsValue::NULL), &controller.signal()),
    );
    controller.abort();
    let _aborted_first = Api::Js
        .watch("ignition", probe.with_signal(probe.options("ignition", &extra(""), &JsValue::NULL), &aborted_signal()));
    let freed = Api::Js.watch("ignition", probe.options("ignition", &extra(""), &JsValue::NULL)).unwrap();
    freed.free();
    sleep(50).await;
    assert_eq!(rejections(), "[]", "an unread outcome rejected unhandled");
    // The control: an outcome read and left unhandled is reported, as an AbortError.
    let read = Api::Js.watch("ignition", probe.options("ignition", &extra(""), &JsValue::NULL)).unwrap();
    read.stop();
    read_and_drop(&read);
    until("the unhandled rejection of a read outcome", || rejections() != "[]").await;
    assert_eq!(rejections(), r#"["DOMException:AbortError"]"#);
}

// ───────────────────────────── silence ─────────────────────────────

fn report_of(ms: u32, source: u32, origin: u32, origins: &[&str], detail: &str) -> String {
    let origins: Vec<String> = origins.iter().map(|o| format!("\"{o}\"")).collect();
    let detail = js_sys::JSON::stringify(&detail.into()).unwrap().as_string().unwrap();
    canon(&format!(
        r#"[{{"ms":{ms},"ignored":{{"source":{source},"origin":{origin}}},"origins":[{}],"detail":{detail}}}]"#,
        origins.join(",")
    ))
}

const IGNITION_NO_ORIGIN_PARAMETER: &str =
    "the iframe's src has no \"origin\" query parameter, without which Ignition \
     posts no messages; set it with ignitionUrl: iframe.src = ignitionUrl(url).";
const SIGNERE_HINT: &str =
    "Signere posts web messages only when they are switched on for the signer; create the signer \
     with redirectMode \"iframe_with_webmessaging\" and domain set to this page's domain.";
const IGNITION_HINT: &str = "check that the frame loads and that the \"origin\" query parameter of its URL is this \
     page's origin (ignitionUrl(url) sets it).";

/// Start a silence watcher of `vendor` with `silenceMs: MS`, `onSilence`, `extra_json` and `source`.
fn silent(api: Api, vendor: &str, extra_json: &str, source: &JsValue, probe: &Probe) -> Handle {
    let more = if extra_json.is_empty() {
        format!(r#""silenceMs":{MS}"#)
    } else {
        format!(r#""silenceMs":{MS},{extra_json}"#)
    };
    let options = probe.reporting(probe.options(vendor, &extra(&more), source));
    start(api, vendor, options, probe, false).unwrap()
}

#[wasm_bindgen_test]
async fn silence_is_reported_once_with_what_was_ignored() {
    let f = frame("");
    let source = content_window(&f);
    let page: JsValue = web_sys::window().unwrap().into();
    for api in APIS {
        let probe = Probe::new();
        let w = silent(api, "ignition", "", &f.clone().into(), &probe);
        let exit = msg(r#"{"status":"exit"}"#);
        post(&exit, OTHER, &source);
        post(&exit, "https://b.example", &source);
        post(&exit, VENDOR, &page); // another window: ignored for its source
        post(&exit, OTHER, &source);
        post(&exit, "null", &source);
        post(&exit, VENDOR, &JsValue::NULL); // no source at all
        post(&msg("GET_URL"), "https://c.example", &page);
        assert_eq!(probe.report_count(), 0, "{api:?}: reported before silenceMs");
        until("the silence report", || probe.report_count() > 0).await;
        let detail = format!(
            "Nothing was heard from Ignition in {MS} ms, but 4 messages came from origins that are not allowed \
             (https://other.example, https://b.example, null); if one of them is Ignition's, add it to the origins option."
        );
        assert_eq!(
            probe.reports_json(),
            report_of(MS, 3, 4, &["https://other.example", "https://b.example", "null"], &detail),
            "{api:?}"
        );
        // It keeps listening, and reports only once.
        post(&exit, VENDOR, &source);
        assert!(probe.json().contains(r#"["onExit",{"status":"exit"}]"#), "{api:?}: {}", probe.json());
        sleep(3 * MS).await;
        assert_eq!(probe.report_count(), 1, "{api:?}");
        assert!(w.active(), "{api:?}");
        w.stop();
    }
    remove_frame(&f);
}

#[wasm_bindgen_test]
async fn silence_keeps_ten_origins_in_the_order_first_seen_and_words_one_origin_apart() {
    for api in APIS {
        // Twelve distinct origins, each twice: ten kept, every message counted.
        let probe = Probe::new();
        let w = silent(api, "signere", "", &JsValue::NULL, &probe);
        let origins: Vec<String> = (1..=12).map(|i| format!("https://o{i}.example")).collect();
        for round in 0..2 {
            for origin in &origins {
                post(&msg(r#"{"type":"spinner_on"}"#), origin, &JsValue::NULL);
            }
            if round == 0 {
                post(&msg(r#"{"type":"spinner_on"}"#), "https://o1.example", &JsValue::NULL);
            }
        }
        until("the silence report", || probe.report_count() > 0).await;
        let kept: Vec<&str> = origins.iter().take(10).map(String::as_str).collect();
        let detail = format!(
            "Nothing was heard from Signere in {MS} ms, but 25 messages came from origins that are not allowed ({}); \
             if one of them is Signere's, add it to the origins option.",
            kept.join(", ")
        );
        assert_eq!(probe.reports_json(), report_of(MS, 0, 25, &kept, &detail), "{api:?}");
        w.stop();

        // One origin, twice: the singular wording.
        let probe = Probe::new();
        let w = silent(api, "ignition", "", &JsValue::NULL, &probe);
        post(&msg(r#"{"status":"exit"}"#), "https://ignition.axle.insure", &JsValue::NULL);
        post(&msg(r#"{"status":"exit"}"#), "https://ignition.axle.insure", &JsValue::NULL);
        until("the silence report", || probe.report_count() > 0).await;
        let detail = format!(
            "Nothing was heard from Ignition in {MS} ms, but 2 messages came from an origin that is not allowed \
             (https://ignition.axle.insure); if it is Ignition's, add it to the origins option."
        );
        assert_eq!(probe.reports_json(), report_of(MS, 0, 2, &["https://ignition.axle.insure"], &detail), "{api:?}");
        w.stop();

        // One message.
        let probe = Probe::new();
        let w = silent(api, "ignition", "", &JsValue::NULL, &probe);
        post(&msg(r#"{"status":"exit"}"#), OTHER, &JsValue::NULL);
        until("the silence report", || probe.report_count() > 0).await;
        assert!(
            probe.detail(0).ends_with(&format!(
                "in {MS} ms, but 1 message came from an origin that is not allowed ({OTHER}); if it is Ignition's, add it to the origins option."
            )),
            "{api:?}: {}",
            probe.detail(0)
        );
        w.stop();
    }
}

#[wasm_bindgen_test]
async fn silence_of_an_ignition_frame_without_the_origin_parameter_names_ignition_url() {
    let page = page_origin();
    let without = frame(&format!("{page}/no-such-page?token=ign_1"));
    let empty = frame(&format!("{page}/no-such-page?token=ign_1&origin="));
    let with = frame(&format!("{page}/no-such-page?token=ign_1&origin={}", js_sys::encode_uri_component(&page)));
    for api in APIS {
        for (f, missing) in [(&without, true), (&empty, true), (&with, false)] {
            let probe = Probe::new();
            let w = silent(api, "ignition", "", &f.clone().into(), &probe);
            // With messages ignored for their origin, both causes: that evidence first, then the
            // missing parameter.
            post(&msg(r#"{"status":"exit"}"#), OTHER, &content_window(f));
            until("the silence report", || probe.report_count() > 0).await;
            let ignored = format!(
                "Nothing was heard from Ignition in {MS} ms, but 1 message came from an origin that is not allowed \
                 ({OTHER}); if it is Ignition's, add it to the origins option."
            );
            let detail = if missing { format!("{ignored} Also, {IGNITION_NO_ORIGIN_PARAMETER}") } else { ignored };
            assert_eq!(probe.reports_json(), report_of(MS, 0, 1, &[OTHER], &detail), "{api:?}: {}", f.src());
            w.stop();
        }
        // Signere frames have no such parameter: the web messaging hint.
        let probe = Probe::new();
        let w = silent(api, "signere", "", &without.clone().into(), &probe);
        until("the silence report", || probe.report_count() > 0).await;
        assert_eq!(probe.detail(0), format!("Nothing was heard from Signere in {MS} ms: {SIGNERE_HINT}"), "{api:?}");
        w.stop();
    }
    for f in [without, empty, with] {
        remove_frame(&f);
    }
}

#[wasm_bindgen_test]
async fn silence_without_anything_ignored_gives_each_vendors_hint() {
    for api in APIS {
        let probe = Probe::new();
        let ignition = silent(api, "ignition", "", &JsValue::NULL, &probe);
        let signere_probe = Probe::new();
        let signere = silent(api, "signere", "", &JsValue::NULL, &signere_probe);
        until("both silence reports", || probe.report_count() > 0 && signere_probe.report_count() > 0).await;
        assert_eq!(
            probe.reports_json(),
            report_of(MS, 0, 0, &[], &format!("Nothing was heard from Ignition in {MS} ms: {IGNITION_HINT}")),
            "{api:?}"
        );
        assert_eq!(
            signere_probe.reports_json(),
            report_of(MS, 0, 0, &[], &format!("Nothing was heard from Signere in {MS} ms: {SIGNERE_HINT}")),
            "{api:?}"
        );
        ignition.stop();
        signere.stop();
    }
}

#[wasm_bindgen_test]
async fn no_silence_report_once_a_message_passed_the_checks() {
    let passing = [
        ("ignition", r#"{"status":"exit"}"#),                   // delivered
        ("ignition", r#"{"status":"opened"}"#),                 // unknown
        ("ignition", "GET_URL"),                                // malformed: not JSON
        ("ignition", r#"{"status":"complete","authCode":42}"#), // malformed: a field's type
        ("ignition", "[1,2]"),                                  // malformed: not an object
        ("signere", r#"{"type":"spinner_on"}"#),                // a non-terminal event
        ("signere", r#"{"type":"eid_selected","payload":{}}"#), // malformed: a required field missing
    ];
    for api in APIS {
        for (vendor, data) in passing {
            let probe = Probe::new();
            let w = silent(api, vendor, "", &JsValue::NULL, &probe);
            post(&msg(data), OTHER, &JsValue::NULL);
            post(&msg(data), VENDOR, &JsValue::NULL);
            post(&msg(data), OTHER, &JsValue::NULL);
            let control_probe = Probe::new();
            let control = silent(api, vendor, "", &JsValue::NULL, &control_probe);
            until("the control's silence report", || control_probe.report_count() > 0).await;
            sleep(0).await;
            assert_eq!(probe.report_count(), 0, "{api:?}: {vendor} {data}: reported after a message passed the checks");
            w.stop();
            control.stop();
        }
    }
}

#[wasm_bindgen_test]
async fn no_silence_report_after_the_watcher_stops() {
    for api in APIS {
        let stopped = Probe::new();
        let w = silent(api, "ignition", "", &JsValue::NULL, &stopped);
        w.stop();
        let aborted = Probe::new();
        let controller = abort_controller();
        let options = aborted.reporting(aborted.with_signal(
            aborted.options("ignition", &extra(&format!(r#""silenceMs":{MS}"#)), &JsValue::NULL),
            &controller.signal(),
        ));
        let a = start(api, "ignition", options, &aborted, false).unwrap();
        controller.abort();
        let aborted_first = Probe::new();
        let options = aborted_first.reporting(aborted_first.with_signal(
            aborted_first.options("ignition", &extra(&format!(r#""silenceMs":{MS}"#)), &JsValue::NULL),
            &aborted_signal(),
        ));
        let b = start(api, "ignition", options, &aborted_first, false).unwrap();
        // Stopped from inside a callback, before the time.
        let inside = Probe::new();
        let handle: Rc<RefCell<Option<Handle>>> = Rc::default();
        let options = inside.reporting(inside.with(
            inside.options("ignition", &extra(&format!(r#""silenceMs":{MS}"#)), &JsValue::NULL),
            "onIgnored",
            "stop",
            &stopper(&handle),
        ));
        *handle.borrow_mut() = Some(start(api, "ignition", options, &inside, false).unwrap());
        post(&msg(r#"{"status":"exit"}"#), OTHER, &JsValue::NULL);
        let control_probe = Probe::new();
        let control = silent(api, "ignition", "", &JsValue::NULL, &control_probe);
        until("the control's silence report", || control_probe.report_count() > 0).await;
        sleep(0).await;
        for (what, probe) in [
            ("stop()", &stopped),
            ("signal", &aborted),
            ("aborted signal", &aborted_first),
            ("stop() in onIgnored", &inside),
        ] {
            assert_eq!(probe.report_count(), 0, "{api:?}: reported after {what}");
        }
        control.stop();
        drop((a, b));
    }
}

#[wasm_bindgen_test]
async fn a_silence_ms_beyond_the_browser_timer_range_does_not_report_at_once() {
    // setTimeout runs a delay above 2^31 - 1 ms (about 24.8 days) at once: a watcher must not.
    let mut early = Vec::new();
    for ms in [2_147_483_648_u64, 4_000_000_000] {
        for api in APIS {
            let probe = Probe::new();
            let options =
                probe.reporting(probe.options("ignition", &extra(&format!(r#""silenceMs":{ms}"#)), &JsValue::NULL));
            let w = start(api, "ignition", options, &probe, false).unwrap();
            let control_probe = Probe::new();
            let control = silent(api, "ignition", "", &JsValue::NULL, &control_probe);
            until("the control's silence report", || control_probe.report_count() > 0).await;
            sleep(0).await;
            if probe.report_count() > 0 {
                early.push(format!("{api:?}: silenceMs {ms}: {}", probe.detail(0)));
            }
            w.stop();
            control.stop();
        }
    }
    assert!(early.is_empty(), "reported within {MS} ms: {early:#?}");
}

#[wasm_bindgen_test]
async fn without_on_silence_the_js_detail_goes_to_console_warn() {
    reset_globals();
    let probe = Probe::new();
    let ignition = Api::Js
        .watch("ignition", probe.options("ignition", &extra(&format!(r#""silenceMs":{MS}"#)), &JsValue::NULL))
        .unwrap();
    let signere = Api::Js
        .watch("signere", probe.options("signere", &extra(&format!(r#""silenceMs":{MS}"#)), &JsValue::NULL))
        .unwrap();
    post(&msg(r#"{"status":"exit"}"#), OTHER, &JsValue::NULL);
    assert_eq!(warnings(), "[]", "warned before silenceMs");
    let control_probe = Probe::new();
    let control = silent(Api::Js, "ignition", "", &JsValue::NULL, &control_probe);
    until("the control's silence report", || control_probe.report_count() > 0).await;
    sleep(0).await;
    let lines: Vec<String> = js_sys::JSON::parse(&warnings())
        .map(|v| js_sys::Array::from(&v).iter().map(|l| l.as_string().unwrap()).collect())
        .unwrap();
    assert_eq!(lines.len(), 2, "{lines:?}");
    let ignition_detail = format!(
        "Nothing was heard from Ignition in {MS} ms, but 1 message came from an origin that is not allowed ({OTHER}); \
         if it is Ignition's, add it to the origins option."
    );
    let signere_detail = format!(
        "Nothing was heard from Signere in {MS} ms, but 1 message came from an origin that is not allowed ({OTHER}); \
         if it is Signere's, add it to the origins option."
    );
    assert!(lines[0].starts_with("embed-events") && lines[0].ends_with(&ignition_detail), "{lines:?}");
    assert!(lines[1].starts_with("embed-events") && lines[1].ends_with(&signere_detail), "{lines:?}");
    assert_eq!(probe.report_count(), 0);
    // The watchers keep listening.
    assert!(ignition.active() && signere.active());
    for w in [ignition, signere] {
        w.stop();
    }
    control.stop();
}

#[wasm_bindgen_test]
fn js_silence_options_are_validated() {
    let cases = [
        ("{ silenceMs: 0 }", "silenceMs must be a positive finite number, got number"),
        ("{ silenceMs: -5 }", "silenceMs must be a positive finite number, got number"),
        ("{ silenceMs: Infinity }", "silenceMs must be a positive finite number, got number"),
        ("{ silenceMs: NaN }", "silenceMs must be a positive finite number, got number"),
        ("{ silenceMs: '5000' }", "silenceMs must be a positive finite number, got string"),
        ("{ silenceMs: null }", "silenceMs must be a positive finite number, got null"),
        ("{ silenceMs: 5000, onSilence: 'warn' }", "onSilence must be a function, got string"),
        ("{ silenceMs: 5000, onsilence() {} }", r#"unknown option "onsilence" (did you mean "onSilence"?)"#),
        ("{ silencems: 5000 }", r#"unknown option "silencems" (did you mean "silenceMs"?)"#),
    ];
    for (options, want) in cases {
        let err = error_of(
            &Closure::once_into_js(move || Api::Js.watch("ignition", eval_options(options)).map(|w| w.stop())).into(),
        );
        assert!(
            err.starts_with("TypeError: embed-events: watchIgnition: ") && err.contains(want),
            "{options}: got {err:?}, want {want:?}"
        );
    }
    let ok = error_of(
        &Closure::once_into_js(|| {
            Api::Js
                .watch("signere", eval_options("{ origins: 'https://a.com', silenceMs: 0.5, onSilence() {} }"))
                .map(|w| w.stop())
        })
        .into(),
    );
    assert_eq!(ok, "no error");
}

#[wasm_bindgen_test]
async fn both_apis_give_the_same_report_for_the_same_situation() {
    let page = page_origin();
    let without = frame(&format!("{page}/no-such-page?token=ign_1"));
    let with = frame(&format!("{page}/no-such-page?origin={}", js_sys::encode_uri_component(&page)));
    let situations: [(&str, &str, Option<&HtmlIFrameElement>, &[&str]); 5] = [
        ("ignition", "", None, &[]),
        ("ignition", "", Some(&without), &[OTHER]),
        ("ignition", "", Some(&with), &[OTHER, "null", OTHER]),
        ("signere", "", Some(&with), &[]),
        ("signere", "", None, &["https://sign.idfy.io"]),
    ];
    for (vendor, more, f, origins) in situations {
        let source: JsValue = f.map_or(JsValue::NULL, |f| f.clone().into());
        let js = Probe::new();
        let rust = Probe::new();
        let a = silent(Api::Js, vendor, more, &source, &js);
        let b = silent(Api::Rust, vendor, more, &source, &rust);
        let from = f.map_or(JsValue::NULL, content_window);
        for origin in origins {
            post(&msg(r#"{"status":"exit","type":"spinner_on"}"#), origin, &from);
        }
        if f.is_some() {
            // Another window than the watched frame: ignored for its source.
            post(&msg("{}"), VENDOR, &web_sys::window().unwrap().into());
        }
        until("both silence reports", || js.report_count() > 0 && rust.report_count() > 0).await;
        assert_eq!(
            rust.reports_json(),
            js.reports_json(),
            "{vendor}, frame {:?}, origins {origins:?}",
            f.map(|f| f.src())
        );
        a.stop();
        b.stop();
    }
    remove_frame(&without);
    remove_frame(&with);
}

#[wasm_bindgen_test]
async fn both_apis_judge_the_frame_src_alike_when_it_changes_after_the_start() {
    // The page starts the watcher, then gives the frame its URL (with ignitionUrl()'s parameter),
    // or the other way round: a report must not depend on which API the page uses.
    let page = page_origin();
    let without = format!("{page}/no-such-page?token=ign_1");
    let with = format!("{page}/no-such-page?token=ign_1&origin={}", js_sys::encode_uri_component(&page));
    for (first, then) in [(&without, &with), (&with, &without)] {
        let f = frame(first);
        let js = Probe::new();
        let rust = Probe::new();
        let a = silent(Api::Js, "ignition", "", &f.clone().into(), &js);
        let b = silent(Api::Rust, "ignition", "", &f.clone().into(), &rust);
        set_frame_src(&f, then);
        until("both silence reports", || js.report_count() > 0 && rust.report_count() > 0).await;
        assert_eq!(rust.detail(0), js.detail(0), "src {first} at the start, then {then}");
        a.stop();
        b.stop();
        remove_frame(&f);
    }
}

#[wasm_bindgen_test]
fn debug_warns_at_the_start_when_an_ignition_frame_lacks_the_origin_parameter() {
    let page = page_origin();
    let without = frame(&format!("{page}/no-such-page?token=ign_1"));
    let with = frame(&format!("{page}/no-such-page?origin={}", js_sys::encode_uri_component(&page)));
    let blank = frame("");
    for api in APIS {
        reset_globals();
        let probe = Probe::new();
        let w = start(
            api,
            "ignition",
            probe.options("ignition", &extra(r#""debug":true"#), &without.clone().into()),
            &probe,
            false,
        )
        .unwrap();
        let lines = warnings();
        assert!(
            lines.contains(r#"the iframe's src has no \"origin\" query parameter"#)
                && lines.contains("ignitionUrl(url)"),
            "{api:?}: no warning at the start: {lines}"
        );
        assert_eq!(js_sys::Array::from(&js_sys::JSON::parse(&lines).unwrap()).length(), 1, "{api:?}: {lines}");
        w.stop();
        // No warning: without debug, with the parameter, a blank frame, no frame, or Signere.
        reset_globals();
        let quiet: [(&str, &str, JsValue); 5] = [
            ("ignition", "", without.clone().into()),
            ("ignition", r#""debug":true"#, with.clone().into()),
            ("ignition", r#""debug":true"#, blank.clone().into()),
            ("ignition", r#""debug":true"#, JsValue::NULL),
            ("signere", r#""debug":true"#, without.clone().into()),
        ];
        for (vendor, more, source) in quiet {
            let w = start(api, vendor, probe.options(vendor, &extra(more), &source), &probe, false).unwrap();
            w.stop();
        }
        assert_eq!(warnings(), "[]", "{api:?}");
    }
    for f in [without, with, blank] {
        remove_frame(&f);
    }
}

// ───────────────────────────── another environment's origin ─────────────────────────────

const PRODUCTION: &str = "https://ignition.axle.insure";
const SANDBOX: &str = "https://ignition.sandbox.axle.insure";
/// What a watcher says of each environment's origin when it trusts the other.
const TO_PRODUCTION: &str = "Ignition's production origin, which needs environment: \"production\"";
const TO_SANDBOX: &str = "Ignition's sandbox origin, which needs environment: \"sandbox\"";

/// An Ignition URL on `origin`, with the `origin` parameter as ignitionUrl() sets it.
fn ignition_src(origin: &str) -> String {
    format!("{origin}/?token=ign_1&origin=https%3A%2F%2Fapp.example.com")
}

/// `lines` as the JSON array `warnings()` gives.
fn lines_json(lines: &[String]) -> String {
    let array = js_sys::Array::new();
    for line in lines {
        array.push(&line.into());
    }
    js_sys::JSON::stringify(&array).unwrap().as_string().unwrap()
}

#[wasm_bindgen_test]
fn a_message_from_another_environments_origin_names_the_environment_value() {
    let with_origins = format!(r#"{{"origins":["{SANDBOX}"]}}"#);
    let cases: [(&str, &str, &str); 7] = [
        // The quick start's mistake: a production URL with environment "sandbox".
        (r#"{"environment":"sandbox"}"#, PRODUCTION, TO_PRODUCTION),
        (r#"{"environment":"production"}"#, SANDBOX, TO_SANDBOX),
        // No environment: production is the default.
        ("{}", SANDBOX, TO_SANDBOX),
        // Any other origin, Ignition's dev host included (no environment names it).
        (r#"{"environment":"sandbox"}"#, OTHER, "not in the allow-list"),
        (r#"{"environment":"sandbox"}"#, "https://ignition.dev.axle.insure", "not in the allow-list"),
        (r#"{"environment":"sandbox"}"#, "https://ignition.axle.insure:8443", "not in the allow-list"),
        // Given `origins`, the environment changes nothing: the origins option is the fix.
        (&with_origins, PRODUCTION, "not in the allow-list"),
    ];
    for api in APIS {
        for (options, origin, words) in cases {
            let probe = Probe::new();
            let o = probe.recording_ignored(probe.options("ignition", options, &JsValue::NULL));
            let w = start(api, "ignition", o, &probe, false).unwrap();
            post(&msg(r#"{"status":"exit"}"#), origin, &JsValue::NULL);
            w.stop();
            let detail = js_sys::JSON::stringify(&format!("origin is {words}").into()).unwrap().as_string().unwrap();
            assert_eq!(probe.ignored_json(), format!(r#"[["origin",{detail}]]"#), "{api:?}: {options:?} from {origin}");
        }
        // Signere has no environments.
        let probe = Probe::new();
        let options = probe.recording_ignored(probe.options("signere", &extra(""), &JsValue::NULL));
        let w = start(api, "signere", options, &probe, false).unwrap();
        post(&msg(r#"{"type":"spinner_on"}"#), PRODUCTION, &JsValue::NULL);
        w.stop();
        assert_eq!(probe.ignored_json(), r#"[["origin","origin is not in the allow-list"]]"#, "{api:?}");
    }
}

#[wasm_bindgen_test]
fn debug_warns_at_the_start_when_an_ignition_frame_is_on_another_environment() {
    let production = detached_frame(&ignition_src(PRODUCTION));
    let sandbox = detached_frame(&ignition_src(SANDBOX));
    let elsewhere = detached_frame(&ignition_src(VENDOR));
    let bare = detached_frame("https://ignition.axle.insure/?token=ign_1");
    let with_origins = format!(r#"{{"origins":["{SANDBOX}"],"debug":true}}"#);
    for api in APIS {
        let warned: [(&str, &HtmlIFrameElement, Vec<String>); 3] = [
            (
                r#"{"environment":"sandbox","debug":true}"#,
                &production,
                vec![format!("embed-events: watchIgnition: the iframe's src is on {TO_PRODUCTION}.")],
            ),
            (
                r#"{"environment":"production","debug":true}"#,
                &sandbox,
                vec![format!("embed-events: watchIgnition: the iframe's src is on {TO_SANDBOX}.")],
            ),
            // Both causes, the missing parameter first.
            (
                r#"{"environment":"sandbox","debug":true}"#,
                &bare,
                vec![
                    format!("embed-events: watchIgnition: {IGNITION_NO_ORIGIN_PARAMETER}"),
                    format!("embed-events: watchIgnition: the iframe's src is on {TO_PRODUCTION}."),
                ],
            ),
        ];
        for (options, f, want) in warned {
            reset_globals();
            let probe = Probe::new();
            start(api, "ignition", probe.options("ignition", options, &f.clone().into()), &probe, false).unwrap().stop();
            assert_eq!(warnings(), lines_json(&want), "{api:?}: {options} with {}", f.src());
        }
        // No warning: the same environment, no environment (the frame's origin is trusted), given
        // origins, without debug, or a frame on another host.
        reset_globals();
        let quiet: [(&str, &HtmlIFrameElement); 5] = [
            (r#"{"environment":"sandbox","debug":true}"#, &sandbox),
            (r#"{"debug":true}"#, &production),
            (&with_origins, &production),
            (r#"{"environment":"sandbox"}"#, &production),
            (r#"{"environment":"sandbox","debug":true}"#, &elsewhere),
        ];
        for (options, f) in quiet {
            let probe = Probe::new();
            start(api, "ignition", probe.options("ignition", options, &f.clone().into()), &probe, false).unwrap().stop();
        }
        assert_eq!(warnings(), "[]", "{api:?}");
    }
}

#[wasm_bindgen_test]
async fn silence_names_the_environment_value_for_another_environments_messages_or_frame() {
    let production = detached_frame(&ignition_src(PRODUCTION));
    let exit = msg(r#"{"status":"exit"}"#);
    for api in APIS {
        // Messages from production to a sandbox watcher: the evidence.
        let probe = Probe::new();
        let options = format!(r#"{{"environment":"sandbox","silenceMs":{MS}}}"#);
        let w = start(api, "ignition", probe.reporting(probe.options("ignition", &options, &JsValue::NULL)), &probe, false).unwrap();
        post(&exit, PRODUCTION, &JsValue::NULL);
        post(&exit, OTHER, &JsValue::NULL);
        post(&exit, PRODUCTION, &JsValue::NULL);
        until("the silence report", || probe.report_count() > 0).await;
        let detail = format!(
            "Nothing was heard from Ignition in {MS} ms, but 3 messages came from origins that are not allowed \
             ({PRODUCTION}, {OTHER}); {PRODUCTION} is {TO_PRODUCTION}."
        );
        assert_eq!(probe.reports_json(), report_of(MS, 0, 3, &[PRODUCTION, OTHER], &detail), "{api:?}");
        w.stop();

        // Nothing at all, from a sandbox watcher of a frame on production.
        let probe = Probe::new();
        let w = start(api, "ignition", probe.reporting(probe.options("ignition", &options, &production.clone().into())), &probe, false)
            .unwrap();
        until("the silence report", || probe.report_count() > 0).await;
        let detail = format!("Nothing was heard from Ignition in {MS} ms: the iframe's src is on {TO_PRODUCTION}.");
        assert_eq!(probe.reports_json(), report_of(MS, 0, 0, &[], &detail), "{api:?}");
        w.stop();

        // Given origins: the origins option.
        let probe = Probe::new();
        let options = format!(r#"{{"origins":["{SANDBOX}"],"silenceMs":{MS}}}"#);
        let w = start(api, "ignition", probe.reporting(probe.options("ignition", &options, &JsValue::NULL)), &probe, false).unwrap();
        post(&exit, PRODUCTION, &JsValue::NULL);
        until("the silence report", || probe.report_count() > 0).await;
        assert!(
            probe.detail(0).ends_with(&format!("({PRODUCTION}); if it is Ignition's, add it to the origins option.")),
            "{api:?}: {}",
            probe.detail(0)
        );
        w.stop();
    }
}

// ───────────────────────────── the redirect return ─────────────────────────────

/// `readIgnitionRedirect(url)` (JavaScript) as canonical JSON (`null`, a result, or the error).
fn js_redirect(url: &str) -> String {
    let url = url.to_owned();
    answer_of(&Closure::once_into_js(move || js_read_ignition_redirect(url.into())).into())
}

/// `read_ignition_redirect(url)` (Rust) as canonical JSON (`Redirect::to_json`, or `null`).
fn rust_redirect(url: &str) -> String {
    canon(&read_ignition_redirect(url).map_or("null".into(), |r| r.to_json()))
}

#[wasm_bindgen_test]
fn read_ignition_redirect_gives_each_row_of_the_table_in_both_apis() {
    let rows: &[(&str, &str)] = &[
        // No status parameter: null.
        ("https://example.com/insurance/redirect", "null"),
        ("https://example.com/insurance/redirect?tab=2", "null"),
        ("https://example.com/insurance/redirect?authCode=cod_1&client=cli_1&result=link", "null"),
        ("https://example.com/insurance/redirect?tab=2#status=complete&authCode=cod_1", "null"),
        ("https://example.com/insurance/redirect?Status=exit", "null"),
        // A known status, fields valid: the event.
        (
            "https://example.com/insurance/redirect?status=complete&authCode=cod_LwPJhgxnjinMEPfGYc-XV&client=cli_mZj6YGXhQyQnccN97aXbq&result=link",
            r#"{"kind":"event","event":{"status":"complete","authCode":"cod_LwPJhgxnjinMEPfGYc-XV","client":"cli_mZj6YGXhQyQnccN97aXbq","result":"link"},
                "cleanUrl":"https://example.com/insurance/redirect"}"#,
        ),
        (
            "https://example.com/r?tab=2&status=exit&step=carrier-login&lang=nb#top",
            r#"{"kind":"event","event":{"status":"exit","step":"carrier-login"},"cleanUrl":"https://example.com/r?tab=2&lang=nb#top"}"#,
        ),
        (
            "https://example.com/r?status=error&message=The+carrier%27s+site+is+down%21&client=cli_1",
            r#"{"kind":"event","event":{"status":"error","message":"The carrier's site is down!","client":"cli_1"},"cleanUrl":"https://example.com/r"}"#,
        ),
        (
            "https://example.com/r?st%61tus=exit&a=1&b=%20x&c&step=s#frag",
            r#"{"kind":"event","event":{"status":"exit","step":"s"},"cleanUrl":"https://example.com/r?a=1&b=%20x&c#frag"}"#,
        ),
        // An unknown status.
        (
            "https://example.com/r?status=attempted&client=cli_1&tab=2",
            r#"{"kind":"unknown","name":"attempted","cleanUrl":"https://example.com/r?tab=2"}"#,
        ),
        // A required parameter missing, or one of the six given twice.
        (
            "https://example.com/r?status=complete&client=cli_1",
            r#"{"kind":"malformed","detail":"authCode: missing","cleanUrl":"https://example.com/r"}"#,
        ),
        (
            "https://example.com/r?status=complete&authCode=cod_SECRET_1&authCode=cod_SECRET_2&keep=1",
            r#"{"kind":"malformed","detail":"authCode: given twice","cleanUrl":"https://example.com/r?keep=1"}"#,
        ),
        (
            "https://example.com/r?status=exit&client=cli_SECRET_1&client=cli_SECRET_2",
            r#"{"kind":"malformed","detail":"client: given twice","cleanUrl":"https://example.com/r"}"#,
        ),
        (
            "https://example.com/r?status=exit&status=exit#x",
            r#"{"kind":"malformed","detail":"status: given twice","cleanUrl":"https://example.com/r#x"}"#,
        ),
    ];
    for (url, want) in rows {
        let want = canon(want);
        assert_eq!(js_redirect(url), want, "JavaScript: {url}");
        assert_eq!(rust_redirect(url), want, "Rust: {url}");
        assert!(!want.contains("SECRET"), "a detail holds a value: {want}");
    }
    // A URL object reads as its href.
    let url = "https://example.com/r?status=exit&step=s1";
    let from_object = answer_of(&Closure::once_into_js(move || js_read_ignition_redirect(url_object(url))).into());
    assert_eq!(from_object, js_redirect(url));
}

#[wasm_bindgen_test]
fn read_ignition_redirect_agrees_across_the_apis_on_tricky_queries() {
    // Where the contract leaves the wording to the implementation, both APIs must still agree.
    for url in [
        "https://example.com/r?authCode=cod_1&authCode=cod_2&status=complete&status=exit",
        "https://example.com/r?client=a&step=s&client=b&step=t&status=exit",
        "https://example.com/r?status&authCode=x",
        "https://example.com/r?status=&keep=1",
        "https://example.com/r?status=complete&authCode=",
        "https://example.com/r?status=exit&step=%FF&x=%zz",
        "https://example.com/r?&&status=exit&&keep=1&&",
        "https://example.com/r?status=exit+&step=a+b",
        "https://example.com/r?status=complete&authCode=c&unknown=1&message=m",
    ] {
        assert_eq!(js_redirect(url), rust_redirect(url), "{url}");
    }
}

#[wasm_bindgen_test]
async fn the_redirect_event_is_exactly_what_the_watcher_callback_receives() {
    for (query, message) in [
        (
            "status=complete&authCode=cod_1&client=cli_1&result=link",
            r#"{"status":"complete","authCode":"cod_1","client":"cli_1","result":"link"}"#,
        ),
        ("status=exit&step=carrier-login", r#"{"status":"exit","step":"carrier-login"}"#),
        ("status=error&message=m%20n&client=c", r#"{"status":"error","message":"m n","client":"c"}"#),
        ("status=error", r#"{"status":"error"}"#),
    ] {
        let probe = Probe::new();
        let w = Api::Js.watch("ignition", probe.options("ignition", &extra(""), &JsValue::NULL)).unwrap();
        post(&msg(message), VENDOR, &JsValue::NULL);
        w.stop();
        let log: JsValue = js_sys::JSON::parse(&probe.json()).unwrap();
        let delivered = Reflect::get_u32(&Reflect::get_u32(&log, 0).unwrap(), 1).unwrap();
        let url = format!("https://example.com/r?{query}");
        let read = js_sys::JSON::parse(&js_redirect(&url)).unwrap();
        let event = Reflect::get(&read, &"event".into()).unwrap();
        assert_eq!(
            js_sys::JSON::stringify(&event).unwrap().as_string(),
            js_sys::JSON::stringify(&delivered).unwrap().as_string(),
            "{query}"
        );
    }
}

#[wasm_bindgen_test]
fn read_ignition_redirect_needs_an_absolute_url() {
    for (url, want) in [
        (JsValue::from_str("/insurance/redirect?status=exit"), "TypeError: embed-events: readIgnitionRedirect: "),
        (JsValue::from_str("status=exit"), "TypeError: embed-events: readIgnitionRedirect: "),
        (JsValue::from_str(""), "TypeError: embed-events: readIgnitionRedirect: "),
        (JsValue::from(42), "TypeError: embed-events: readIgnitionRedirect: url must be a string or a URL"),
        (JsValue::NULL, "TypeError: embed-events: readIgnitionRedirect: url must be a string or a URL"),
    ] {
        let shown = format!("{url:?}");
        let got = answer_of(&Closure::once_into_js(move || js_read_ignition_redirect(url)).into());
        assert!(got.starts_with(want), "{shown}: {got}");
    }
}

#[wasm_bindgen_test]
fn read_ignition_redirect_reads_the_page_url_by_default() {
    let original = page_url();
    let base = original.split(['?', '#']).next().unwrap().to_owned();
    replace_url(&format!("{base}?keep=1&status=exit&step=carrier-login&client=cli_1#frag"));
    let first = js_redirect_default();
    let clean = js_sys::JSON::parse(&first)
        .ok()
        .and_then(|r| Reflect::get(&r, &"cleanUrl".into()).ok())
        .and_then(|c| c.as_string());
    if let Some(clean) = &clean {
        replace_url(clean);
    }
    let after = page_url();
    let second = js_redirect_default();
    replace_url(&original);
    assert_eq!(page_url(), original);

    assert_eq!(
        first,
        canon(&format!(
            r#"{{"kind":"event","event":{{"status":"exit","step":"carrier-login","client":"cli_1"}},"cleanUrl":"{base}?keep=1#frag"}}"#
        ))
    );
    assert_eq!(after, format!("{base}?keep=1#frag"));
    assert_eq!(second, "null", "after history.replaceState(cleanUrl), a second read replays nothing");
}

fn js_redirect_default() -> String {
    answer_of(&Closure::once_into_js(|| js_read_ignition_redirect(JsValue::UNDEFINED)).into())
}
