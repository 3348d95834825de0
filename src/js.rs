//! The wasm-bindgen surface: option validation with `TypeError`s that name the key, JavaScript
//! callbacks isolated from each other, and `ignitionUrl`. The package's JavaScript entry
//! (`src/js/index.js`) wraps these exports in the public `Watcher` class and the `init()` guard.

use alloc::string::String;
use alloc::vec::Vec;
use alloc::vec;
use js_sys::{Function, Object, Reflect, TypeError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortSignal, HtmlIFrameElement};

use crate::fields::{EventFields, Key};
use crate::ignition::{Environment, Ignition};
use crate::js_value::{call, event_object, record, Slot};
use crate::origin::indexed;
use crate::signere::Signere;
use crate::vendor::Vendor;
use crate::watch::{ignored_object, Ignored, Source, Unknown, Watch, Watcher};

/// Options every vendor takes, besides its event callbacks.
const SHARED_OPTIONS: &[&str] = &["origins", "source", "once", "signal", "debug", "onEvent", "onUnknown", "onIgnored"];

/// The handle behind the package's `Watcher` class.
#[wasm_bindgen]
#[derive(Debug)]
pub struct WatcherHandle(Watcher);

#[wasm_bindgen]
impl WatcherHandle {
    /// Remove the listener; idempotent; safe from inside any callback.
    pub fn stop(&self) {
        self.0.stop();
    }

    /// `true` until stopped.
    #[wasm_bindgen(getter)]
    pub fn active(&self) -> bool {
        self.0.active()
    }
}

/// `watchIgnition(options)`.
#[wasm_bindgen(js_name = watchIgnition)]
pub fn watch_ignition(options: JsValue) -> Result<WatcherHandle, JsValue> {
    start::<Ignition>(read_options(options, &IGNITION)?)
}

/// `watchSignere(options)`.
#[wasm_bindgen(js_name = watchSignere)]
pub fn watch_signere(options: JsValue) -> Result<WatcherHandle, JsValue> {
    start::<Signere>(read_options(options, &SIGNERE)?)
}

/// What reading a vendor's options needs to know of it.
struct VendorOptions {
    watch_fn: &'static str,
    callbacks: &'static [&'static str],
    /// Whether `environment` is an option (Ignition).
    environment: bool,
}

const IGNITION: VendorOptions = VendorOptions { watch_fn: Ignition::WATCH_FN, callbacks: Ignition::CALLBACKS, environment: true };
const SIGNERE: VendorOptions = VendorOptions { watch_fn: Signere::WATCH_FN, callbacks: Signere::CALLBACKS, environment: false };

/// A JavaScript options object, checked, and not yet tied to a vendor's types (so that reading it
/// is one function, not one per vendor).
#[derive(Default)]
struct JsOptions {
    origins: Option<Vec<String>>,
    source: Option<Source>,
    environment: Option<Environment>,
    once: bool,
    debug: bool,
    signal: Option<AbortSignal>,
    on_event: Option<Function>,
    on_unknown: Option<Function>,
    on_ignored: Option<Function>,
    callbacks: Vec<(&'static str, Function)>,
}

fn read_options(options: JsValue, vendor: &VendorOptions) -> Result<JsOptions, JsValue> {
    let fail = |parts: &[&str]| type_error(vendor.watch_fn, parts);
    let expected = |key: &str, what: &str, value: &JsValue| fail(&[key, " must be ", what, ", got ", &type_name(value)]);
    let options: Object = if options.is_undefined() {
        Object::new()
    } else if options.is_object() && !js_sys::Array::is_array(&options) {
        options.unchecked_into()
    } else {
        return Err(fail(&["options must be an object, got ", &type_name(&options)]));
    };
    let mut read = JsOptions::default();
    for key in Object::keys(&options).iter() {
        let value = Reflect::get(&options, &key)?;
        let key = key.as_string().unwrap_or_default();
        if value.is_undefined() {
            continue;
        }
        let key = key.as_str();
        let function = |value: JsValue| value.dyn_into::<Function>().map_err(|v| expected(key, "a function", &v));
        let boolean = |value: &JsValue| value.as_bool().ok_or_else(|| expected(key, "a boolean", value));
        match key {
            "origins" => read.origins = Some(origins(&value).map_err(|(key, what, got)| expected(&key, what, &got))?),
            "source" => read.source = Some(source(&value).ok_or_else(|| expected(key, "an <iframe> element or a Window", &value))?),
            "once" => read.once = boolean(&value)?,
            "debug" => read.debug = boolean(&value)?,
            "signal" => read.signal = Some(value.dyn_into().map_err(|v| expected(key, "an AbortSignal", &v))?),
            "environment" if vendor.environment => {
                let environment = value.as_string().as_deref().and_then(Environment::parse);
                read.environment = Some(environment.ok_or_else(|| expected(key, "\"production\" or \"sandbox\"", &value))?);
            }
            "onEvent" => read.on_event = Some(function(value)?),
            "onUnknown" => read.on_unknown = Some(function(value)?),
            "onIgnored" => read.on_ignored = Some(function(value)?),
            _ => match vendor.callbacks.iter().find(|&&name| name == key) {
                Some(&name) => read.callbacks.push((name, function(value)?)),
                None => return Err(unknown_option(vendor, key)),
            },
        }
    }
    Ok(read)
}

/// Start the vendor's watcher with JavaScript callbacks, each isolated from the others.
fn start<V: Vendor>(options: JsOptions) -> Result<WatcherHandle, JsValue> {
    let JsOptions { origins, source, environment, once, debug, signal, on_event, on_unknown, on_ignored, callbacks } = options;
    let mut watch = Watch::<V, Slot>::new().once(once).debug(debug).with_environment(environment);
    if let Some(origins) = origins {
        watch = watch.origins(origins);
    }
    if let Some(source) = source {
        watch = watch.source(source);
    }
    if let Some(signal) = signal {
        watch = watch.signal(signal);
    }
    if let Some(f) = on_unknown {
        watch = watch.on_unknown(move |unknown: Unknown<Slot>| {
            call(&f, record(&[(Key::NAME, &unknown.name.value()), (Key::DATA, &unknown.data)]));
        });
    }
    if let Some(f) = on_ignored {
        watch = watch.on_ignored(move |ignored: Ignored| call(&f, ignored_object(&ignored)));
    }
    let watcher = watch
        .start_raw(move |event: V::Event<Slot>, live| {
            if let Some((_, f)) = callbacks.iter().find(|(name, _)| *name == event.callback()) {
                call(f, event_object::<Slot, _>(V::TAG, &event, false));
            }
            if let Some(f) = on_event.as_ref().filter(|_| live.is_live()) {
                call(f, event_object::<Slot, _>(V::TAG, &event, false));
            }
        })
        .map_err(|e| type_error(V::WATCH_FN, &[&e.message()]))?;
    Ok(WatcherHandle(watcher.into_detached()))
}

/// `origins`: a string or an array of strings; on a wrong type, the key at fault, what was
/// expected, and what was given.
fn origins(value: &JsValue) -> Result<Vec<String>, (String, &'static str, JsValue)> {
    if let Some(origin) = value.as_string() {
        return Ok(vec![origin]);
    }
    if !js_sys::Array::is_array(value) {
        return Err(("origins".into(), "a string or an array of strings", value.clone()));
    }
    let array: &js_sys::Array = value.unchecked_ref();
    let mut list = Vec::new();
    for (index, entry) in array.iter().enumerate() {
        match entry.as_string() {
            Some(entry) => list.push(entry),
            None => return Err((indexed("origins", index), "a string", entry)),
        }
    }
    Ok(list)
}

fn source(value: &JsValue) -> Option<Source> {
    if let Some(frame) = value.dyn_ref::<HtmlIFrameElement>() {
        return Some(Source::Frame(frame.clone()));
    }
    // A WindowProxy, even a cross-origin one (whose prototype cannot be read), is its own `window`.
    let is_window = value.is_object()
        && Reflect::get(value, &JsValue::from_str("window")).is_ok_and(|window| window == *value);
    is_window.then(|| Source::Window(value.clone().unchecked_into()))
}

fn unknown_option(vendor: &VendorOptions, key: &str) -> JsValue {
    let environment: &[&str] = if vendor.environment { &["environment"] } else { &[] };
    let suggestion = SHARED_OPTIONS.iter().chain(vendor.callbacks).chain(environment).find(|known| known.eq_ignore_ascii_case(key));
    match suggestion {
        Some(known) => type_error(vendor.watch_fn, &["unknown option \"", key, "\" (did you mean \"", known, "\"?)"]),
        None => type_error(vendor.watch_fn, &["unknown option \"", key, "\""]),
    }
}

/// `typeof`, with `null` and arrays told apart.
fn type_name(value: &JsValue) -> String {
    if value.is_null() {
        "null".into()
    } else if js_sys::Array::is_array(value) {
        "an array".into()
    } else {
        value.js_typeof().as_string().unwrap_or_default()
    }
}

/// `TypeError("embed-events: watchIgnition: once must be a boolean, got string")`.
fn type_error(watch_fn: &str, parts: &[&str]) -> JsValue {
    let mut message = String::from("embed-events: ");
    message.push_str(watch_fn);
    message.push_str(": ");
    for part in parts {
        message.push_str(part);
    }
    TypeError::new(&message).into()
}

/// `ignitionUrl(url, parentOrigin?)`: `url` with its `origin` parameter set.
#[wasm_bindgen(js_name = ignitionUrl)]
pub fn ignition_url(url: JsValue, parent_origin: JsValue) -> Result<String, JsValue> {
    let fail = |parts: &[&str]| -> JsValue {
        let mut message = String::from("embed-events: ignitionUrl: ");
        for part in parts {
            message.push_str(part);
        }
        TypeError::new(&message).into()
    };
    let text = match url.dyn_ref::<web_sys::Url>() {
        Some(url) => url.href(),
        None => url.as_string().ok_or_else(|| fail(&["url must be a string or a URL, got ", &type_name(&url)]))?,
    };
    let parent = if parent_origin.is_undefined() {
        None
    } else {
        let parent = parent_origin
            .as_string()
            .ok_or_else(|| fail(&["parentOrigin must be a string, got ", &type_name(&parent_origin)]))?;
        Some(parent)
    };
    crate::ignition_url(&text, parent.as_deref()).map_err(|e| fail(&[&e.message()]))
}
