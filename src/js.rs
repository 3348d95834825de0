//! The wasm-bindgen surface: option validation with `TypeError`s that name the key, JavaScript
//! callbacks isolated from each other, and `ignitionUrl`. The package's JavaScript entry
//! (`src/js/index.js`) wraps these exports in the public `Watcher` class and the `init()` guard.

use js_sys::{Function, Object, Reflect, TypeError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortSignal, HtmlIFrameElement};

use crate::fields::{EventFields, Key};
use crate::ignition::{Environment, Ignition};
use crate::js_value::{event_object, record};
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
    watch::<Ignition>(options, |watch, key, value| match key {
        "environment" => match value.as_string().as_deref().and_then(Environment::parse) {
            Some(environment) => Ok(watch.environment(environment)),
            None => Err(expected::<Ignition>(key, "\"production\" or \"sandbox\"", value)),
        },
        _ => Err(JsValue::UNDEFINED),
    })
}

/// `watchSignere(options)`.
#[wasm_bindgen(js_name = watchSignere)]
pub fn watch_signere(options: JsValue) -> Result<WatcherHandle, JsValue> {
    watch::<Signere>(options, |_, _, _| Err(JsValue::UNDEFINED))
}

/// A vendor-specific option: applies it, or returns `Err(undefined)` for a key it does not know.
type VendorOption<V> = fn(JsWatch<V>, &str, &JsValue) -> Result<JsWatch<V>, JsValue>;

/// The JavaScript API's watcher: strings stay JavaScript strings.
type JsWatch<V> = Watch<V, JsValue>;

fn watch<V: Vendor>(options: JsValue, vendor_option: VendorOption<V>) -> Result<WatcherHandle, JsValue> {
    let options: Object = if options.is_undefined() {
        Object::new()
    } else if options.is_object() && !js_sys::Array::is_array(&options) {
        options.unchecked_into()
    } else {
        return Err(type_error::<V>(&["options must be an object, got ", &type_name(&options)]));
    };
    let mut watch = JsWatch::<V>::new();
    let mut callbacks: Vec<(&'static str, Function)> = Vec::new();
    let mut on_event = None;
    for key in Object::keys(&options).iter() {
        let key = key.as_string().unwrap_or_default();
        let value = Reflect::get(&options, &JsValue::from_str(&key))?;
        if value.is_undefined() {
            continue;
        }
        let key = key.as_str();
        watch = match key {
            "origins" => watch.origins(origins::<V>(&value)?),
            "source" => watch.source(source::<V>(&value)?),
            "once" => watch.once(boolean::<V>(key, &value)?),
            "debug" => watch.debug(boolean::<V>(key, &value)?),
            "signal" => match value.dyn_into::<AbortSignal>() {
                Ok(signal) => watch.signal(signal),
                Err(value) => return Err(expected::<V>(key, "an AbortSignal", &value)),
            },
            "onEvent" => {
                on_event = Some(function::<V>(key, value)?);
                watch
            }
            "onUnknown" => {
                let f = function::<V>(key, value)?;
                watch.on_unknown(move |unknown: Unknown<JsValue>| {
                    call(&f, &record(&[(Key::NAME, &unknown.name), (Key::DATA, &unknown.data)]));
                })
            }
            "onIgnored" => {
                let f = function::<V>(key, value)?;
                watch.on_ignored(move |ignored: Ignored| call(&f, &ignored_object(&ignored)))
            }
            _ => match V::CALLBACKS.iter().find(|&&name| name == key) {
                Some(&name) => {
                    callbacks.push((name, function::<V>(key, value)?));
                    watch
                }
                None => match vendor_option(watch, key, &value) {
                    Ok(watch) => watch,
                    Err(e) if e.is_undefined() => return Err(unknown_option::<V>(key)),
                    Err(e) => return Err(e),
                },
            },
        };
    }
    let watcher = watch
        .start_raw(move |event: V::Event<JsValue>, live| {
            if let Some((_, f)) = callbacks.iter().find(|(name, _)| *name == event.callback()) {
                call(f, &event_object::<JsValue, _>(V::TAG, &event, false));
            }
            if let Some(f) = on_event.as_ref().filter(|_| live.is_live()) {
                call(f, &event_object::<JsValue, _>(V::TAG, &event, false));
            }
        })
        .map_err(|e| type_error::<V>(&[&e.message()]))?;
    Ok(WatcherHandle(watcher.into_detached()))
}

/// Call a user callback; if it throws, report the error and go on.
fn call(f: &Function, value: &JsValue) {
    if let Err(error) = f.call1(&JsValue::UNDEFINED, value) {
        report_error(&error);
    }
}

/// `globalThis.reportError(error)`, or `console.error` where that does not exist.
fn report_error(error: &JsValue) {
    let report = Reflect::get(&js_sys::global(), &JsValue::from_str("reportError"));
    match report.ok().and_then(|f| f.dyn_into::<Function>().ok()) {
        Some(report) => {
            let _ = report.call1(&JsValue::UNDEFINED, error);
        }
        None => web_sys::console::error_1(error),
    }
}

fn origins<V: Vendor>(value: &JsValue) -> Result<Vec<String>, JsValue> {
    if let Some(origin) = value.as_string() {
        return Ok(vec![origin]);
    }
    if !js_sys::Array::is_array(value) {
        return Err(expected::<V>("origins", "a string or an array of strings", value));
    }
    let array: &js_sys::Array = value.unchecked_ref();
    let mut list = Vec::new();
    for (index, entry) in array.iter().enumerate() {
        match entry.as_string() {
            Some(entry) => list.push(entry),
            None => return Err(expected::<V>(&indexed("origins", index), "a string", &entry)),
        }
    }
    Ok(list)
}

fn source<V: Vendor>(value: &JsValue) -> Result<Source, JsValue> {
    if let Some(frame) = value.dyn_ref::<HtmlIFrameElement>() {
        return Ok(Source::Frame(frame.clone()));
    }
    // A WindowProxy, even a cross-origin one (whose prototype cannot be read), is its own `window`.
    let is_window = value.is_object()
        && Reflect::get(value, &JsValue::from_str("window")).is_ok_and(|window| window == *value);
    if is_window {
        return Ok(Source::Window(value.clone().unchecked_into()));
    }
    Err(expected::<V>("source", "an <iframe> element or a Window", value))
}

fn boolean<V: Vendor>(key: &str, value: &JsValue) -> Result<bool, JsValue> {
    value.as_bool().ok_or_else(|| expected::<V>(key, "a boolean", value))
}

fn function<V: Vendor>(key: &str, value: JsValue) -> Result<Function, JsValue> {
    value.dyn_into::<Function>().map_err(|value| expected::<V>(key, "a function", &value))
}

/// `TypeError("embed-events: watchIgnition: once must be a boolean, got string")`.
fn expected<V: Vendor>(key: &str, what: &str, value: &JsValue) -> JsValue {
    type_error::<V>(&[key, " must be ", what, ", got ", &type_name(value)])
}

fn unknown_option<V: Vendor>(key: &str) -> JsValue {
    let suggestion = SHARED_OPTIONS
        .iter()
        .chain(V::CALLBACKS)
        .chain(if V::NAME == Ignition::NAME { &["environment"][..] } else { &[] })
        .find(|known| known.eq_ignore_ascii_case(key));
    match suggestion {
        Some(known) => type_error::<V>(&["unknown option \"", key, "\" (did you mean \"", known, "\"?)"]),
        None => type_error::<V>(&["unknown option \"", key, "\""]),
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

fn type_error<V: Vendor>(parts: &[&str]) -> JsValue {
    let mut message = String::from("embed-events: ");
    message.push_str(V::WATCH_FN);
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
