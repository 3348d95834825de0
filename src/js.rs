//! The wasm-bindgen surface: starting a watcher with JavaScript callbacks, each isolated from the
//! others, and `ignitionUrl`. The package's JavaScript entry (`src/js/index.js`) checks the options'
//! types (`src/js/options.js`) and wraps these exports in the public `Watcher` class and the
//! `init()` guard.

use alloc::string::String;
use alloc::vec::Vec;
use js_sys::{Array, Function, TypeError};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{AbortSignal, HtmlIFrameElement};

use crate::fields::{EventFields, Key};
use crate::ignition::{Environment, Ignition};
use crate::js_value::{call, event_object, record, Slot};
use crate::signere::Signere;
use crate::vendor::Vendor;
use crate::watch::{ignored_object, Ignored, Source, Unknown, Watch, Watcher};


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

/// The event callbacks of `vendor` (0 Ignition, 1 Signere), in the order [`watch`] takes them.
#[wasm_bindgen(js_name = callbackNames)]
pub fn callback_names(vendor: u8) -> Array {
    let names = if vendor == IGNITION { Ignition::CALLBACKS } else { Signere::CALLBACKS };
    names.iter().map(|name| JsValue::from_str(name)).collect()
}

/// `vendor`'s (0 Ignition, 1 Signere) watcher, from options whose types `src/js/options.js` has
/// checked; what they mean (origins, defaults) is checked here, with a `TypeError` naming the option.
#[allow(clippy::too_many_arguments)]
#[wasm_bindgen]
pub fn watch(
    vendor: u8,
    origins: Option<Array>,
    frame: Option<HtmlIFrameElement>,
    window: Option<web_sys::Window>,
    environment: Option<String>,
    once: bool,
    debug: bool,
    signal: Option<AbortSignal>,
    on_event: Option<Function>,
    on_unknown: Option<Function>,
    on_ignored: Option<Function>,
    callbacks: Array,
) -> Result<WatcherHandle, JsValue> {
    let options = JsOptions {
        origins: origins.map(|list| list.iter().filter_map(|entry| entry.as_string()).collect()),
        source: frame.map(Source::Frame).or(window.map(Source::Window)),
        environment: environment.as_deref().and_then(Environment::parse),
        once,
        debug,
        signal,
        on_event,
        on_unknown,
        on_ignored,
        callbacks: callbacks.iter().map(|f| f.dyn_into().ok()).collect(),
    };
    if vendor == IGNITION {
        start::<Ignition>(options)
    } else {
        start::<Signere>(options)
    }
}

/// The vendor number of Ignition in [`watch`] (Signere is 1).
const IGNITION: u8 = 0;

/// The options, not yet tied to a vendor's types.
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
    /// The event callbacks, in the vendor's `CALLBACKS` order.
    callbacks: Vec<Option<Function>>,
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
            let position = V::CALLBACKS.iter().position(|&name| name == event.callback());
            if let Some(f) = position.and_then(|i| callbacks.get(i)).and_then(Option::as_ref) {
                call(f, event_object::<Slot, _>(V::TAG, &event, false));
            }
            if let Some(f) = on_event.as_ref().filter(|_| live.is_live()) {
                call(f, event_object::<Slot, _>(V::TAG, &event, false));
            }
        })
        .map_err(|e| type_error(V::WATCH_FN, &e.message()))?;
    Ok(WatcherHandle(watcher.into_detached()))
}

/// `TypeError("embed-events: watchSignere: origins: the list is empty, …")`.
fn type_error(function: &str, message: &str) -> JsValue {
    let mut text = String::from("embed-events: ");
    for part in [function, ": ", message] {
        text.push_str(part);
    }
    TypeError::new(&text).into()
}

/// `ignitionUrl(url, parentOrigin?)`: `url` with its `origin` parameter set (the arguments' types
/// checked by `src/js/index.js`).
#[wasm_bindgen(js_name = ignitionUrl)]
pub fn ignition_url(url: String, parent_origin: Option<String>) -> Result<String, JsValue> {
    crate::ignition_url(&url, parent_origin.as_deref()).map_err(|e| type_error("ignitionUrl", &e.message()))
}
