//! The browser's side of the decoding core: [`Message`] over `JsValue`, the first look at
//! `event.data`, and building the plain objects callbacks receive. Names cross the boundary as
//! key indices into a table the JavaScript half (`src/js/boundary.js`) holds.

use std::marker::PhantomData;

use js_sys::{Array, Object};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::fields::{is_secret, EventFields, Field, Key, Message};

#[wasm_bindgen(module = "/src/js/boundary.js")]
extern "C" {
    #[wasm_bindgen(js_name = setKeys)]
    fn set_keys(keys: Array);
    #[wasm_bindgen(js_name = field)]
    fn field_kind(object: &JsValue, key: u8) -> u8;
    fn take() -> JsValue;
    #[wasm_bindgen(js_name = take)]
    fn take_string() -> String;
    #[wasm_bindgen(js_name = which)]
    fn which_of(text: &JsValue, keys: &[u8]) -> i32;
    fn tagged(tag: u8, name: u8) -> Object;
    #[wasm_bindgen(js_name = set)]
    fn set_at(object: &Object, key: u8, value: &JsValue);
    #[wasm_bindgen(js_name = setName)]
    fn set_name(object: &Object, key: u8, name: u8);
    /// See `listen` in `src/js/boundary.js`.
    pub(crate) fn listen(
        frame: Option<web_sys::HtmlIFrameElement>,
        window: Option<web_sys::Window>,
        origins: Array,
        report_ignored: bool,
        handle: &JsValue,
    ) -> js_sys::Function;
}

thread_local! {
    static KEYS_SET: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Hand the key table to the JavaScript half, once.
pub(crate) fn ensure_keys() {
    if !KEYS_SET.with(|k| k.replace(true)) {
        set_keys(Key::NAMES.iter().map(|name| JsValue::from_str(name)).collect());
    }
}

fn index(key: Key) -> u8 {
    u8::try_from(key.index()).unwrap_or(u8::MAX)
}

/// How the JavaScript side's strings become a [`Message::Text`]: kept as JavaScript strings (the
/// JavaScript API), or copied into Rust `String`s (the Rust API).
pub trait JsText: Clone + core::fmt::Debug + 'static {
    /// The string the last field read found.
    fn take() -> Self;
    /// Whether `text` is the name `key`.
    fn is(text: &Self, key: Key) -> bool;
    /// The text as a `JsValue`.
    fn to_js(&self) -> JsValue;
}

impl JsText for JsValue {
    fn take() -> Self {
        take()
    }

    fn is(text: &Self, key: Key) -> bool {
        which_of(text, &[index(key)]) == 0
    }

    fn to_js(&self) -> JsValue {
        self.clone()
    }
}

impl JsText for String {
    fn take() -> Self {
        take_string()
    }

    fn is(text: &Self, key: Key) -> bool {
        text == key.name()
    }

    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

/// A message object, read through its own data properties only: inherited properties (a polluted
/// `Object.prototype`) are not fields, and getters are never called. `T` is how strings are held.
#[derive(Clone, Debug)]
pub struct JsMessage<T = String>(JsValue, PhantomData<T>);

impl<T> JsMessage<T> {
    /// The object, as given.
    pub fn as_value(&self) -> &JsValue {
        &self.0
    }
}

impl<T: JsText> Message for JsMessage<T> {
    type Text = T;

    fn field(&self, key: Key) -> Field<Self> {
        match field_kind(&self.0, index(key)) {
            0 => Field::Absent,
            1 => Field::Text(T::take()),
            2 => Field::Object(JsMessage(take(), PhantomData)),
            _ => Field::Other,
        }
    }

    fn is(text: &T, name: Key) -> bool {
        T::is(text, name)
    }

    fn which(text: &T, names: &[Key]) -> Option<usize> {
        let mut keys = [0u8; 16];
        for (slot, &name) in keys.iter_mut().zip(names) {
            *slot = index(name);
        }
        let keys = keys.get(..names.len()).unwrap_or(&[]);
        usize::try_from(which_of(&text.to_js(), keys)).ok()
    }
}

impl<T> JsMessage<T> {
    /// `event.data` that `boundary.js` has found to be an object (parsed from a JSON string where
    /// it was one).
    pub(crate) fn checked(data: JsValue) -> Self {
        JsMessage(data, PhantomData)
    }
}

/// A fresh plain object with the event's discriminant under `tag` and exactly its documented fields.
/// With `redact`, secret values are replaced by `"[redacted]"` (for logging).
pub fn event_object<T: JsText, E: EventFields<T>>(tag: Key, event: &E, redact: bool) -> Object {
    let object = tagged(index(tag), index(event.name()));
    event.for_each_field(&mut |key, value| {
        if redact && is_secret(key.name()) {
            set_name(&object, index(key), index(Key::REDACTED));
        } else {
            set_at(&object, index(key), &value.to_js());
        }
    });
    object
}

/// A fresh plain object from named string values (for `onIgnored`, `onUnknown` and logs).
pub fn record(fields: &[(Key, &JsValue)]) -> Object {
    let object = Object::new();
    for (key, value) in fields {
        set_at(&object, index(*key), value);
    }
    object
}

/// `JsValue`s that are strings, for [`record`].
pub fn text(s: &str) -> JsValue {
    JsValue::from_str(s)
}

/// Whether `value` is a `MessageEvent`.
pub fn as_message_event(value: &web_sys::Event) -> Option<&web_sys::MessageEvent> {
    value.dyn_ref::<web_sys::MessageEvent>()
}
