//! The two ways into a watcher that the browser tests compare.
//!
//! - [`Api::Js`]: the JavaScript API as users import it, the package's built entry `dist/index.js`
//!   (one self-contained ES module with the wasm inlined; `npm run build` makes it, and
//!   scripts/test.sh builds it before these tests run).
//! - [`Api::Rust`]: the Rust API, `embed_events::Watch`, started from the same options object (its
//!   origins, source, environment, once, debug and signal set with the builder) and calling the same
//!   JavaScript callbacks with each event's JavaScript value (`Event::to_json`). So one test, and
//!   its assertions, run against both.
#![allow(dead_code)] // each test file uses a part

use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::{Rc, Weak};

use embed_events::{Environment, Event, Ignition, Signere, Vendor, Watch, WatchError};
use js_sys::{Function, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortSignal, HtmlIFrameElement, Window};

#[wasm_bindgen(module = "/dist/index.js")]
extern "C" {
    /// The package's `Watcher` (or, for [`Api::Rust`], an object with the same members).
    pub type Watcher;
    #[wasm_bindgen(method)]
    pub fn stop(this: &Watcher);
    #[wasm_bindgen(method, getter)]
    pub fn active(this: &Watcher) -> bool;
    #[wasm_bindgen(method)]
    pub fn free(this: &Watcher);

    /// `watchIgnition(options)`.
    #[wasm_bindgen(js_name = watchIgnition, catch)]
    pub fn watch_ignition(options: JsValue) -> Result<Watcher, JsValue>;
    /// `watchSignere(options)`.
    #[wasm_bindgen(js_name = watchSignere, catch)]
    pub fn watch_signere(options: JsValue) -> Result<Watcher, JsValue>;
    /// `ignitionUrl(url, parentOrigin?)`.
    #[wasm_bindgen(js_name = ignitionUrl, catch)]
    pub fn ignition_url(url: JsValue, parent_origin: JsValue) -> Result<String, JsValue>;
}

#[wasm_bindgen(module = "/dist/index.js")]
extern "C" {
    /// `watcher.outcome`: the JavaScript API's watchers only (a Rust watcher's outcome is
    /// `Watch::on_outcome`).
    #[wasm_bindgen(method, getter)]
    pub fn outcome(this: &Watcher) -> js_sys::Promise;
    /// `readIgnitionRedirect(url?)`; `undefined` reads the page's own URL.
    #[wasm_bindgen(js_name = readIgnitionRedirect, catch)]
    pub fn read_ignition_redirect(url: JsValue) -> Result<JsValue, JsValue>;
}

/// [`post`] of the value of JSON `text`.
pub fn post_parsed(text: &str, origin: &str, source: &JsValue) {
    post(&js_sys::JSON::parse(text).unwrap(), origin, source);
}

#[wasm_bindgen(inline_js = r#"
/** A Watcher-shaped object over a Rust watcher's `stop` and `active`. */
export function watcherObject(stop, active) {
  return { stop() { stop(); }, free() { stop(); }, get active() { return active(); } };
}

/** Dispatch a synthetic message event on window. */
export function post(data, origin, source) {
  let event;
  try {
    event = new MessageEvent("message", { data, origin, source });
  } catch (error) {
    // Some engines' MessageEvent constructor refuses some windows as `source` (TypeError): Firefox
    // a sandboxed frame's, WebKitGTK a removed frame's. The same event then gets that window as its
    // own `source` property, which is what a watcher reads.
    if (!(error instanceof TypeError) || source == null) throw error;
    event = new MessageEvent("message", { data, origin });
    Object.defineProperty(event, "source", { value: source });
  }
  window.dispatchEvent(event);
}
"#)]
extern "C" {
    #[wasm_bindgen(js_name = watcherObject)]
    fn watcher_object(stop: &Function, active: &Function) -> Watcher;
    /// Dispatch on `window`, synchronously, a synthetic `MessageEvent` with `data`, `origin` and
    /// `source` (a window, or null), giving the event its `source` in every engine (some refuse
    /// some windows in the constructor). One copy for the three browser suites.
    pub fn post(data: &JsValue, origin: &str, source: &JsValue);
}

/// Which API a test goes through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Api {
    /// `watchIgnition` / `watchSignere` from `dist/index.js`.
    Js,
    /// `Watch::<Ignition>` / `Watch::<Signere>`, from the same options.
    Rust,
}

/// Both, in the order the tests run them.
pub const APIS: [Api; 2] = [Api::Js, Api::Rust];

impl Api {
    /// A watcher of `vendor` (`"ignition"` or `"signere"`) from a `watch*()` options object. A
    /// rejected start is the error: the `TypeError` that `watch*()` throws, or for the Rust API the
    /// [`WatchError`]'s message in a `TypeError` worded the same way.
    pub fn watch(self, vendor: &str, options: JsValue) -> Result<Watcher, JsValue> {
        match (self, vendor) {
            (Api::Js, "ignition") => watch_ignition(options),
            (Api::Js, "signere") => watch_signere(options),
            (Api::Rust, "ignition") => rust_watch::<Ignition>(&options).map_err(|e| type_error::<Ignition>(&e)),
            (Api::Rust, "signere") => rust_watch::<Signere>(&options).map_err(|e| type_error::<Signere>(&e)),
            _ => panic!("no vendor {vendor:?}"),
        }
    }
}

fn type_error<V: Vendor>(error: &WatchError) -> JsValue {
    js_sys::TypeError::new(&format!("embed-events: {}: {}", V::TABLE.watch_fn, error.message())).into()
}

/// `options[key]`, or `undefined` (also when `options` is).
pub fn get(options: &JsValue, key: &str) -> JsValue {
    if options.is_undefined() {
        return JsValue::UNDEFINED;
    }
    Reflect::get(options, &key.into()).unwrap_or(JsValue::UNDEFINED)
}

/// `options[key]` when it is a function.
pub fn function(options: &JsValue, key: &str) -> Option<Function> {
    get(options, key).dyn_into::<Function>().ok()
}

fn call(f: &Option<Function>, value: &JsValue) {
    if let Some(f) = f {
        let _ = f.call1(&JsValue::UNDEFINED, value);
    }
}

/// A plain object from `[key, value]` pairs.
fn object(pairs: &[(&str, JsValue)]) -> JsValue {
    let o = js_sys::Object::new();
    for (key, value) in pairs {
        Reflect::set(&o, &(*key).into(), value).unwrap();
    }
    o.into()
}

/// The Rust watcher of vendor `V`, configured from a `watch*()` options object; the returned object
/// has the `Watcher` members. Each event goes to its callback (`onComplete`, …), then to `onEvent`
/// unless the watcher was stopped inside that callback, each as a fresh object.
pub fn rust_watch<V: Environments>(options: &JsValue) -> Result<Watcher, WatchError> {
    let mut watch = configure::<V>(options);
    if let Some(name) = get(options, "environment").as_string() {
        watch = V::environment(watch, &name)?;
    }
    let started = start_with_callbacks(watch, options)?;
    let stop = {
        let started = started.clone();
        Closure::<dyn Fn()>::new(move || started.stop())
    };
    let active = Closure::<dyn Fn() -> bool>::new(move || started.active());
    Ok(watcher_object(stop.into_js_value().unchecked_ref(), active.into_js_value().unchecked_ref()))
}

/// A Rust watch of vendor `V` with the options every vendor takes (`origins`, `source`, `once`,
/// `debug`, `signal`, `onUnknown`, `onIgnored`) read from a `watch*()` options object.
pub fn configure<V: Vendor>(options: &JsValue) -> Watch<V> {
    let mut watch = Watch::<V>::new();
    let origins = get(options, "origins");
    if let Some(origin) = origins.as_string() {
        watch = watch.origins([origin]);
    } else if origins.is_object() {
        watch = watch.origins(js_sys::Array::from(&origins).iter().map(|entry| entry.as_string().unwrap()));
    }
    let source = get(options, "source");
    if let Some(frame) = source.dyn_ref::<HtmlIFrameElement>() {
        watch = watch.source(frame.clone());
    } else if !source.is_undefined() {
        // A WindowProxy, possibly of another realm (where `instanceof Window` is false).
        watch = watch.source(source.unchecked_into::<Window>());
    }
    watch = watch.once(get(options, "once").is_truthy()).debug(get(options, "debug").is_truthy());
    let signal = get(options, "signal");
    if !signal.is_undefined() {
        watch = watch.signal(signal.unchecked_into::<AbortSignal>());
    }
    if let Some(f) = function(options, "onUnknown") {
        watch = watch.on_unknown(move |u| {
            let _ = f.call1(&JsValue::UNDEFINED, &object(&[("name", u.name.into()), ("data", u.data)]));
        });
    }
    if let Some(f) = function(options, "onIgnored") {
        watch = watch.on_ignored(move |i| {
            let mut members = vec![("reason", i.reason.as_str().into()), ("origin", i.origin.into()), ("detail", i.detail.into())];
            members.extend(i.name.map(|name| ("name", name.into())));
            members.extend(i.data.map(|data| ("data", data)));
            let ignored = object(&members);
            let _ = f.call1(&JsValue::UNDEFINED, &ignored);
        });
    }
    watch
}

/// Start `watch`, each event going to its callback of `options` (`onComplete`, …), then to
/// `onEvent` unless the watcher was stopped inside that callback, each as a fresh object.
pub fn start_with_callbacks<V: Vendor>(watch: Watch<V>, options: &JsValue) -> Result<Rc<embed_events::Watcher>, WatchError> {
    let callbacks: HashMap<&str, Function> =
        V::TABLE.events.iter().filter_map(|e| function(options, e.callback).map(|f| (e.callback, f))).collect();
    let on_event = function(options, "onEvent");
    let watcher: Rc<OnceCell<Weak<embed_events::Watcher>>> = Rc::default();
    let handler = {
        let watcher = watcher.clone();
        move |event: V::Event| {
            let active = || watcher.get().and_then(Weak::upgrade).is_some_and(|w| w.active());
            let value = || js_sys::JSON::parse(&event.to_json()).unwrap();
            let before = active();
            call(&callbacks.get(event.callback()).cloned(), &value());
            if !before || active() {
                call(&on_event, &value());
            }
        }
    };
    let started = Rc::new(watch.start(handler)?);
    let _ = watcher.set(Rc::downgrade(&started));
    Ok(started)
}

/// The `environment` option: Ignition's deployments; a vendor without any has no such option.
pub trait Environments: Vendor + Sized {
    fn environment(watch: Watch<Self>, name: &str) -> Result<Watch<Self>, WatchError>;
}

impl Environments for Ignition {
    fn environment(watch: Watch<Self>, name: &str) -> Result<Watch<Self>, WatchError> {
        Environment::parse(name).map(|e| watch.environment(e)).ok_or(WatchError::Environment)
    }
}

impl Environments for Signere {
    fn environment(_: Watch<Self>, _: &str) -> Result<Watch<Self>, WatchError> {
        Err(WatchError::Environment)
    }
}
