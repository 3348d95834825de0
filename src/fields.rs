//! Reading typed fields from a message, over one small trait.
//!
//! The vendor decoders never see a `JsValue` or a JSON tree: they ask a [`Message`] for fields. The
//! browser implements it over `JsValue` (own data properties only, never a getter); tests and the
//! fuzzer implement it over `serde_json::Value`. So the whole decoding core runs natively.

use core::fmt;

/// A decoded message object the vendor decoders can read fields from.
///
/// Implement it to decode messages that arrive some other way than `window.postMessage`
/// (tests, a native transport). Reading must never panic, whatever the data.
///
/// ```
/// use embed_events::{Field, Message, Vendor};
/// use std::collections::HashMap;
///
/// /// A flat message of string fields.
/// struct Flat(HashMap<&'static str, &'static str>);
///
/// impl Message for Flat {
///     fn field(&self, key: &str) -> Field<Self> {
///         match self.0.get(key) {
///             Some(value) => Field::Str((*value).to_string()),
///             None => Field::Absent,
///         }
///     }
/// }
///
/// let message = Flat(HashMap::from([("status", "exit"), ("step", "login")]));
/// let decoded = embed_events::Ignition::decode(&message);
/// assert!(matches!(decoded, embed_events::Decoded::Event(embed_events::IgnitionEvent::Exit(_))));
/// ```
pub trait Message: Sized {
    /// The field `key` of this object: absent (missing, `undefined` or `null`), a string, a nested
    /// object, or something else.
    fn field(&self, key: &str) -> Field<Self>;
}

/// One field of a [`Message`].
#[derive(Clone, Debug, PartialEq)]
pub enum Field<M> {
    /// Missing, `undefined` or `null`: an optional field reads as absent.
    Absent,
    /// A string.
    Str(String),
    /// A nested object (not an array).
    Object(M),
    /// Present, but neither a string nor an object (a number, a boolean, an array, …).
    Other,
}

/// What a decoder made of a message from an allowed sender.
#[derive(Clone, Debug, PartialEq)]
pub enum Decoded<E> {
    /// A known event, typed.
    Event(E),
    /// A well-formed message whose `status` / `type` this version does not know; the string is that
    /// name.
    Unknown(String),
    /// The message could not be decoded.
    Malformed(Malformed),
}

/// Why a message is malformed: the field (a dotted path such as `payload.error.code`, or `data` for
/// the message as a whole) and what was wrong with it. It never contains a field's value, so it is
/// safe to log.
///
/// ```
/// use embed_events::{Malformed, Problem};
/// let m = Malformed { field: "authCode", problem: Problem::NotString };
/// assert_eq!(m.detail(), "authCode: expected a string");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// The field at fault.
    pub field: &'static str,
    /// What was wrong with it.
    pub problem: Problem,
}

/// What was wrong with a field of a malformed message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A string that is not JSON.
    NotJson,
    /// Expected an object (and not an array or `null`).
    NotObject,
    /// Expected a string.
    NotString,
    /// A required field is missing.
    Missing,
}

impl Problem {
    fn as_str(self) -> &'static str {
        match self {
            Problem::NotJson => "a string that is not JSON",
            Problem::NotObject => "expected an object",
            Problem::NotString => "expected a string",
            Problem::Missing => "missing",
        }
    }
}

impl Malformed {
    /// The whole message is not an object.
    pub const NOT_OBJECT: Malformed = Malformed { field: "data", problem: Problem::NotObject };
    /// The whole message is a string that does not parse as JSON.
    pub const NOT_JSON: Malformed = Malformed { field: "data", problem: Problem::NotJson };

    /// A short human-readable explanation, e.g. `authCode: expected a string`.
    pub fn detail(&self) -> String {
        let mut s = String::from(self.field);
        s.push_str(": ");
        s.push_str(self.problem.as_str());
        s
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail())
    }
}

/// A required string field.
pub(crate) fn required_str<M: Message>(m: &M, key: &str, path: &'static str) -> Result<String, Malformed> {
    match optional_str(m, key, path)? {
        Some(s) => Ok(s),
        None => Err(Malformed { field: path, problem: Problem::Missing }),
    }
}

/// An optional string field: absent and `null` read as `None`, any other non-string is malformed.
pub(crate) fn optional_str<M: Message>(m: &M, key: &str, path: &'static str) -> Result<Option<String>, Malformed> {
    match m.field(key) {
        Field::Absent => Ok(None),
        Field::Str(s) => Ok(Some(s)),
        Field::Object(_) | Field::Other => Err(Malformed { field: path, problem: Problem::NotString }),
    }
}

/// An optional nested object.
pub(crate) fn optional_object<M: Message>(m: &M, key: &str, path: &'static str) -> Result<Option<M>, Malformed> {
    match m.field(key) {
        Field::Absent => Ok(None),
        Field::Object(o) => Ok(Some(o)),
        Field::Str(_) | Field::Other => Err(Malformed { field: path, problem: Problem::NotObject }),
    }
}

/// The fields of a decoded event as the JavaScript value carries them, for building that value,
/// logging it, and checking that nothing undocumented is carried.
pub trait EventFields {
    /// The discriminant: Ignition's `status` or Signere's `type` (`"complete"`, `"sign_success"`).
    fn name(&self) -> &'static str;

    /// The JavaScript callback this event goes to (`"onComplete"`, `"onSignSuccess"`).
    fn callback(&self) -> &'static str;

    /// Whether the event ends the flow (`once` stops the watcher on it).
    fn is_terminal(&self) -> bool;

    /// Every present field other than the discriminant, in documented order, with its
    /// JavaScript name. Absent optional fields are skipped.
    fn for_each_field(&self, f: &mut dyn FnMut(&'static str, &str));
}

/// Field names whose values are secret: never logged, even with `debug`.
pub const SECRET_FIELDS: &[&str] = &["authCode", "socialSecurityNumber", "token", "accessToken"];

/// Whether a field's value must be redacted in logs.
pub fn is_secret(field: &str) -> bool {
    SECRET_FIELDS.contains(&field)
}

/// Calls `f` with `(name, value)` when `value` is present.
pub(crate) fn emit(f: &mut dyn FnMut(&'static str, &str), name: &'static str, value: &Option<String>) {
    if let Some(v) = value {
        f(name, v);
    }
}
