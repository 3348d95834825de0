//! The browser's side of the decoding core: [`Message`] over the message's JavaScript values, and
//! building the plain objects callbacks receive. The values stay in JavaScript, in the frame
//! `src/js/boundary.js` opens for each message; wasm refers to them by slot, and to names by
//! [`Key`] index, so only integers cross the boundary.

use alloc::string::String;
use core::marker::PhantomData;
use core::sync::atomic::{AtomicBool, Ordering};

use js_sys::{Array, Function};
use wasm_bindgen::prelude::*;

use crate::fields::{is_secret, EventFields, Field, Key, Message};

#[wasm_bindgen(module = "/src/js/boundary.js")]
extern "C" {
    #[wasm_bindgen(js_name = setKeys)]
    fn set_keys(keys: Array);
    fn field(slot: u32, key: u8) -> u32;
    #[allow(clippy::too_many_arguments)]
    fn build(tag: u8, name: u8, n: u32, k0: u32, s0: u32, k1: u32, s1: u32, k2: u32, s2: u32, k3: u32, s3: u32, k4: u32, s4: u32) -> u32;
    fn value(slot: u32) -> JsValue;
    #[wasm_bindgen(js_name = value)]
    fn value_string(slot: u32) -> String;
    #[wasm_bindgen(js_name = keyOf)]
    fn key_of(slot: u32) -> i32;
    fn tagged(tag: u8, name: u8) -> u32;
    fn empty() -> u32;
    fn set(object: u32, key: u8, slot: u32);
    #[wasm_bindgen(js_name = setName)]
    fn set_name(object: u32, key: u8, name: u8);
    #[wasm_bindgen(js_name = setText)]
    fn set_text(object: u32, key: u8, text: &str);
    #[wasm_bindgen(js_name = setValue)]
    fn set_value(object: u32, key: u8, value: &JsValue);
    #[wasm_bindgen(js_name = call)]
    fn call_slot(callback: &Function, slot: u32);
    /// See `listen` in `src/js/boundary.js`.
    pub(crate) fn listen(
        frame: Option<web_sys::HtmlIFrameElement>,
        window: Option<web_sys::Window>,
        origins: Array,
        report_ignored: bool,
        signal: Option<web_sys::AbortSignal>,
        handle: &JsValue,
    ) -> Function;
    /// The origin of the message being handled ("" for an event that is not a `MessageEvent`).
    #[wasm_bindgen(js_name = origin)]
    pub(crate) fn message_origin() -> String;
    /// This page's origin; `None` where there is no `window`.
    #[wasm_bindgen(js_name = pageOrigin)]
    pub(crate) fn page_origin() -> Option<String>;
}

/// Whether the key table has been handed over (wasm runs on one thread: no ordering is needed).
static KEYS_SET: AtomicBool = AtomicBool::new(false);

/// Hand the key table to the JavaScript half, once.
pub(crate) fn ensure_keys() {
    if !KEYS_SET.swap(true, Ordering::Relaxed) {
        set_keys(Key::NAMES.iter().map(|name| JsValue::from_str(name)).collect());
    }
}

fn index(key: Key) -> u8 {
    u8::try_from(key.index()).unwrap_or(u8::MAX)
}

/// A value in the current message's frame (see `boundary.js`), valid while the message is handled:
/// how the JavaScript API's path holds strings without copying them into wasm.
///
/// ```no_run
/// // Inside a watcher built as `Watch::<Ignition, Slot>`, an event's strings are slots:
/// fn auth_code(done: &embed_events::IgnitionComplete<embed_events::Slot>) -> wasm_bindgen::JsValue {
///     done.auth_code.value()
/// }
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slot(u32);

/// The slot of the message's data object in its frame.
pub(crate) const DATA: Slot = Slot(0);

impl Slot {
    /// The JavaScript value in this slot.
    pub fn value(self) -> JsValue {
        value(self.0)
    }
}

/// How a message's strings reach Rust: left in the frame as [`Slot`]s (the JavaScript API, which
/// only passes them on), or copied into `String`s (the Rust API).
///
/// ```
/// use embed_events::{JsText, Key};
/// assert!(String::from("complete").is(Key::COMPLETE));
/// assert_eq!(String::from("exit").which(&[Key::COMPLETE, Key::EXIT]), Some(1));
/// ```
pub trait JsText: Clone + core::fmt::Debug + 'static {
    /// The string in `slot`.
    fn from_slot(slot: Slot) -> Self;
    /// Whether this is the name `key`.
    fn is(&self, key: Key) -> bool;
    /// The position in `keys` of the name this is, if any.
    fn which(&self, keys: &[Key]) -> Option<usize>;
    /// `object[key] = this`, the object by slot.
    fn set_into(&self, object: Slot, key: Key);
    /// The text as a `JsValue`.
    fn to_js(&self) -> JsValue;
    /// The slot the text is in, where it is in one.
    fn slot(&self) -> Option<Slot> {
        None
    }
}

impl JsText for Slot {
    fn from_slot(slot: Slot) -> Self {
        slot
    }

    fn is(&self, key: Key) -> bool {
        self.which(&[key]).is_some()
    }

    fn which(&self, keys: &[Key]) -> Option<usize> {
        let key = usize::try_from(key_of(self.0)).ok()?;
        keys.iter().position(|k| k.index() == key)
    }

    fn set_into(&self, object: Slot, key: Key) {
        set(object.0, index(key), self.0);
    }

    fn to_js(&self) -> JsValue {
        self.value()
    }

    fn slot(&self) -> Option<Slot> {
        Some(*self)
    }
}

impl JsText for String {
    fn from_slot(slot: Slot) -> Self {
        value_string(slot.0)
    }

    fn is(&self, key: Key) -> bool {
        self == key.name()
    }

    fn which(&self, keys: &[Key]) -> Option<usize> {
        keys.iter().position(|&key| self == key.name())
    }

    fn set_into(&self, object: Slot, key: Key) {
        set_text(object.0, index(key), self);
    }

    fn to_js(&self) -> JsValue {
        JsValue::from_str(self)
    }
}

/// A message object in the current frame, read through its own data properties only: inherited
/// properties (a polluted `Object.prototype`) are not fields, and getters are never called. `T` is
/// how strings are held. The watcher makes these; `Unknown::data` gives the object to callbacks.
///
/// ```no_run
/// use embed_events::{Ignition, Watch};
/// let watcher = Watch::<Ignition>::new()
///     .on_unknown(|unknown| web_sys::console::log_2(&unknown.name.into(), &unknown.data))
///     .start(|_| {});
/// ```
#[derive(Clone, Copy, Debug)]
pub struct JsMessage<T = String>(Slot, PhantomData<T>);

impl<T> JsMessage<T> {
    /// The message's data object, which `boundary.js` has checked is an object.
    pub(crate) fn data() -> Self {
        JsMessage(DATA, PhantomData)
    }

    /// The object, as a `JsValue`.
    pub fn value(&self) -> JsValue {
        self.0.value()
    }
}

impl<T: JsText> Message for JsMessage<T> {
    type Text = T;

    fn field(&self, key: Key) -> Field<Self> {
        let found = field(self.0 .0, index(key));
        let slot = Slot(found >> 2);
        match found & 3 {
            0 => Field::Absent,
            1 => Field::Text(T::from_slot(slot)),
            2 => Field::Object(JsMessage(slot, PhantomData)),
            _ => Field::Other,
        }
    }

    fn is(text: &T, name: Key) -> bool {
        text.is(name)
    }

    fn which(text: &T, names: &[Key]) -> Option<usize> {
        text.which(names)
    }
}

/// A fresh plain object, in a new slot, with the event's discriminant under `tag` and exactly its
/// documented fields. With `redact`, secret values are replaced by `"[redacted]"` (for logging).
pub fn event_object<T: JsText, E: EventFields<T>>(tag: Key, event: &E, redact: bool) -> Slot {
    if !redact {
        // Values already in slots: the object is built in one call.
        let mut pairs = [0u32; 10];
        let mut len = 0;
        let mut all = true;
        event.for_each_field(&mut |key, value| match (value.slot(), pairs.get_mut(len..len + 2)) {
            (Some(slot), Some([k, v])) => {
                *k = u32::from(index(key));
                *v = slot.0;
                len += 2;
            }
            _ => all = false,
        });
        if all {
            let [k0, s0, k1, s1, k2, s2, k3, s3, k4, s4] = pairs;
            let n = u32::try_from(len / 2).unwrap_or(0);
            return Slot(build(index(tag), index(event.name()), n, k0, s0, k1, s1, k2, s2, k3, s3, k4, s4));
        }
    }
    let object = Slot(tagged(index(tag), index(event.name())));
    event.for_each_field(&mut |key, value| {
        if redact && is_secret(key.name()) {
            set_name(object.0, index(key), index(Key::REDACTED));
        } else {
            value.set_into(object, key);
        }
    });
    object
}

/// A fresh plain object, in a new slot, from named values (for `onIgnored`, `onUnknown` and logs).
pub fn record(fields: &[(Key, &JsValue)]) -> Slot {
    let object = Slot(empty());
    for (key, value) in fields {
        set_value(object.0, index(*key), value);
    }
    object
}

/// Call a user callback with the value in `slot`. A callback that throws is reported with
/// `globalThis.reportError` (or `console.error`), and delivery goes on.
pub fn call(callback: &Function, slot: Slot) {
    call_slot(callback, slot.0);
}

/// A `JsValue` string, for [`record`].
pub fn text(s: &str) -> JsValue {
    JsValue::from_str(s)
}
