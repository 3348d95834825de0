//! The wasm-bindgen surface: starting a watcher with JavaScript callbacks, each isolated from the
//! others, and `ignitionUrl`. The package's JavaScript entry (`src/js/index.js`) checks the options'
//! types (`src/js/options.js`) and wraps these exports in the public `Watcher` class and the
//! `init()` guard.

use alloc::boxed::Box;
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
use crate::watch::{ignored_object, Ignored, Options, Settings, Source, Unknown, Watch, Watcher};

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
    let options = Options {
        settings: Settings {
            origins: origins.map(|list| list.iter().filter_map(|entry| entry.as_string()).collect()),
            environment: environment.as_deref().and_then(Environment::parse),
            source: frame.map(Source::Frame).or(window.map(Source::Window)),
            signal,
        },
        once,
        debug,
        on_unknown: on_unknown.map(|f| -> Box<dyn FnMut(Unknown<Slot>)> {
            Box::new(move |unknown: Unknown<Slot>| {
                call(&f, record(&[(Key::NAME, &unknown.name.value()), (Key::DATA, &unknown.data)]));
            })
        }),
        on_ignored: on_ignored.map(|f| -> Box<dyn FnMut(Ignored)> { Box::new(move |ignored: Ignored| call(&f, ignored_object(&ignored))) }),
    };
    // Checked by options.js: each is a function or undefined.
    let callbacks: Vec<Option<Function>> = callbacks.iter().map(|f| (!f.is_undefined()).then(|| f.unchecked_into())).collect();
    if vendor == IGNITION {
        start::<Ignition>(options, callbacks, on_event)
    } else {
        start::<Signere>(options, callbacks, on_event)
    }
}

/// The vendor number of Ignition in [`watch`] (Signere is 1).
const IGNITION: u8 = 0;

/// Start the vendor's watcher with JavaScript callbacks, each isolated from the others.
fn start<V: Vendor>(options: Options<Slot>, callbacks: Vec<Option<Function>>, on_event: Option<Function>) -> Result<WatcherHandle, JsValue> {
    let watcher = Watch::<V, Slot>::with_options(options)
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
