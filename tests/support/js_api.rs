//! The JavaScript API as the package's entry (src/js/index.js) calls it: option types checked by
#![allow(dead_code)] // each test file uses a part
//! src/js/options.js, then the wasm exports. The browser tests go through this, so they check the
//! same path users take.

use embed_events::js::{callback_names, watch, WatcherHandle};
use js_sys::Array;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(module = "/src/js/options.js")]
extern "C" {
    #[wasm_bindgen(js_name = readOptions, catch)]
    fn read_options(function: &str, callbacks: Array, environment: bool, options: JsValue) -> Result<Array, JsValue>;
    #[wasm_bindgen(js_name = urlArgs, catch)]
    fn url_args(url: JsValue, parent_origin: JsValue) -> Result<Array, JsValue>;
}

/// `watchIgnition(options)`.
pub fn watch_ignition(options: JsValue) -> Result<WatcherHandle, JsValue> {
    start("watchIgnition", 0, options)
}

/// `watchSignere(options)`.
pub fn watch_signere(options: JsValue) -> Result<WatcherHandle, JsValue> {
    start("watchSignere", 1, options)
}

fn start(function: &str, vendor: u8, options: JsValue) -> Result<WatcherHandle, JsValue> {
    let args = read_options(function, callback_names(vendor), vendor == 0, options)?;
    fn some<T: JsCast>(value: JsValue) -> Option<T> {
        (!value.is_undefined()).then(|| value.unchecked_into())
    }
    watch(
        vendor,
        some(args.get(0)),
        some(args.get(1)),
        some(args.get(2)),
        args.get(3).as_string(),
        args.get(4).is_truthy(),
        args.get(5).is_truthy(),
        some(args.get(6)),
        some(args.get(7)),
        some(args.get(8)),
        some(args.get(9)),
        args.get(10).unchecked_into(),
    )
}

/// `ignitionUrl(url, parentOrigin?)`.
pub fn ignition_url(url: JsValue, parent_origin: JsValue) -> Result<String, JsValue> {
    let args = url_args(url, parent_origin)?;
    embed_events::js::ignition_url(args.get(0).as_string().unwrap_or_default(), args.get(1).as_string())
}
