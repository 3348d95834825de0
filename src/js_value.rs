//! The browser's side of the decoding core: [`Message`] over `JsValue`, the first look at
//! `event.data`, and building the plain objects callbacks receive.

use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::fields::{is_secret, EventFields, Field, Malformed, Message};

#[wasm_bindgen]
extern "C" {
    /// `JSON.parse` on the `JsValue` itself, so a string is never copied into wasm to be parsed.
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &JsValue) -> Result<JsValue, JsValue>;
}

/// A message object, read through its own data properties only: inherited properties (a polluted
/// `Object.prototype`) are not fields, and getters are never called.
#[derive(Clone, Debug)]
pub struct JsMessage(Object);

impl JsMessage {
    /// The object, as given.
    pub fn as_object(&self) -> &Object {
        &self.0
    }
}

impl Message for JsMessage {
    fn field(&self, key: &str) -> Field<Self> {
        let Ok(descriptor) = Reflect::get_own_property_descriptor(&self.0, &JsValue::from_str(key)) else {
            // A Proxy whose trap throws.
            return Field::Other;
        };
        if descriptor.is_undefined() {
            return Field::Absent;
        }
        match Reflect::get(&descriptor, &JsValue::from_str("value")) {
            Ok(value) => classify(value),
            Err(_) => Field::Other,
        }
    }
}

fn classify(value: JsValue) -> Field<JsMessage> {
    if value.is_undefined() || value.is_null() {
        Field::Absent
    } else if let Some(s) = value.as_string() {
        Field::Str(s)
    } else if is_record(&value) {
        Field::Object(JsMessage(value.unchecked_into()))
    } else {
        Field::Other
    }
}

/// An object that is not an array, a function or `null`.
fn is_record(value: &JsValue) -> bool {
    value.is_object() && !Array::is_array(value)
}

/// `event.data` as a message object: an object as it is, a string parsed as JSON. Returns the object
/// (also what `onUnknown` receives as `data`).
pub fn read_data(data: &JsValue) -> Result<JsMessage, Malformed> {
    let value = if data.is_string() {
        json_parse(data).map_err(|_| Malformed::NOT_JSON)?
    } else {
        data.clone()
    };
    if is_record(&value) {
        Ok(JsMessage(value.unchecked_into()))
    } else {
        Err(Malformed::NOT_OBJECT)
    }
}

/// A fresh plain object with the event's discriminant under `tag` and exactly its documented fields.
/// With `redact`, secret values are replaced by `"[redacted]"` (for logging).
pub fn event_object<E: EventFields>(tag: &str, event: &E, redact: bool) -> Object {
    let object = Object::new();
    set(&object, tag, event.name());
    event.for_each_field(&mut |key, value| set(&object, key, if redact && is_secret(key) { "[redacted]" } else { value }));
    object
}

/// `object[key] = value` on a fresh plain object (which cannot throw).
pub fn set(object: &Object, key: &str, value: &str) {
    set_value(object, key, &JsValue::from_str(value));
}

/// `object[key] = value` on a fresh plain object (which cannot throw).
pub fn set_value(object: &Object, key: &str, value: &JsValue) {
    let _ = Reflect::set(object, &JsValue::from_str(key), value);
}
