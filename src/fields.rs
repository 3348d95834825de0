//! Reading typed fields from a message, over one small trait.
//!
//! The vendor decoders never see a `JsValue` or a JSON tree: they ask a [`Message`] for fields. The
//! browser implements it over `JsValue` (own data properties only, never a getter); tests and the
//! fuzzer implement it over `serde_json::Value`. So the whole decoding core runs natively.

use alloc::string::String;
use core::fmt;

/// A decoded message object the vendor decoders can read fields from.
///
/// Implement it to decode messages that arrive some other way than `window.postMessage`
/// (tests, a native transport). Reading must never panic, whatever the data. `Text` is how the
/// message holds a string: `String` natively and for the Rust API; a JavaScript string handle on the
/// JavaScript API's path, so that values are never copied into wasm and back.
///
/// ```
/// use embed_events::{Field, Key, Message, Vendor};
/// use std::collections::HashMap;
///
/// /// A flat message of string fields.
/// struct Flat(HashMap<&'static str, &'static str>);
///
/// impl Message for Flat {
///     type Text = String;
///     fn field(&self, key: Key) -> Field<Self> {
///         match self.0.get(key.name()) {
///             Some(value) => Field::Text((*value).to_string()),
///             None => Field::Absent,
///         }
///     }
///     fn is(text: &String, name: Key) -> bool {
///         text == name.name()
///     }
/// }
///
/// let message = Flat(HashMap::from([("status", "exit"), ("step", "login")]));
/// let decoded = embed_events::Ignition::decode(&message);
/// assert!(matches!(decoded, embed_events::Decoded::Event(embed_events::IgnitionEvent::Exit(_))));
/// ```
pub trait Message: Sized {
    /// A string value as this message holds it.
    type Text: Clone + fmt::Debug;

    /// The field `key` of this object: absent (missing, `undefined` or `null`), a string, a nested
    /// object, or something else.
    fn field(&self, key: Key) -> Field<Self>;

    /// Whether `text` is the string `name`.
    fn is(text: &Self::Text, name: Key) -> bool;

    /// The position in `names` of the first name `text` is, if any. Override it where one lookup
    /// is cheaper than asking [`is`](Message::is) name by name.
    fn which(text: &Self::Text, names: &[Key]) -> Option<usize> {
        names.iter().position(|&name| Self::is(text, name))
    }
}

/// A field or event name the decoders use. Names are a fixed table ([`Key::NAMES`]), so the
/// browser keeps one JavaScript string per name instead of making one per message.
///
/// ```
/// use embed_events::Key;
/// assert_eq!(Key::AUTH_CODE.name(), "authCode");
/// assert_eq!(Key::NAMES[Key::AUTH_CODE.index()], "authCode");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key(u8);

macro_rules! keys {
    ($($konst:ident = $name:literal,)*) => {
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        enum Index { $($konst,)* }

        impl Key {
            /// Every name, in index order.
            pub const NAMES: &'static [&'static str] = &[$($name,)*];
            $(#[doc = concat!("`", $name, "`")] pub const $konst: Key = Key(Index::$konst as u8);)*
        }
    };
}

keys! {
    STATUS = "status",
    TYPE = "type",
    PAYLOAD = "payload",
    AUTH_CODE = "authCode",
    CLIENT = "client",
    RESULT = "result",
    STEP = "step",
    MESSAGE = "message",
    DOCUMENT_ID = "documentId",
    EXTERNAL_DOCUMENT_ID = "externalDocumentId",
    EID = "eid",
    LANGUAGE = "language",
    ERROR = "error",
    CODE = "code",
    ERROR_CODE = "errorCode",
    ERROR_MESSAGE = "errorMessage",
    EID_ERROR_CODE = "eidErrorCode",
    EID_ERROR_MESSAGE = "eidErrorMessage",
    EID_CODE = "eidCode",
    EID_MESSAGE = "eidMessage",
    COMPLETE = "complete",
    EXIT = "exit",
    DOCUMENT_EXPIRED = "document_expired",
    DOCUMENT_READ = "document_read",
    EID_SELECTED = "eid_selected",
    LANGUAGE_CHANGED = "language_changed",
    SIGN_SUCCESS = "sign_success",
    SIGN_ERROR = "sign_error",
    SPINNER_ON = "spinner_on",
    SPINNER_OFF = "spinner_off",
    USER_ABORTED = "user_aborted",
    USER_CANCELED = "user_canceled",
    APP_STARTED = "app_started",
    OUTDATED_BROWSER = "outdated_browser",
    NAME = "name",
    DATA = "data",
    REASON = "reason",
    ORIGIN = "origin",
    DETAIL = "detail",
    REDACTED = "[redacted]",
}

impl Key {
    /// The name.
    pub fn name(self) -> &'static str {
        Key::NAMES.get(self.index()).copied().unwrap_or_default()
    }

    /// The position of the name in [`Key::NAMES`].
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// One field of a [`Message`].
///
/// ```
/// use embed_events::{Field, Key, Message};
/// # struct Empty;
/// # impl Message for Empty {
/// #     type Text = String;
/// #     fn field(&self, _: Key) -> Field<Self> { Field::Absent }
/// #     fn is(text: &String, name: Key) -> bool { text == name.name() }
/// # }
/// match Empty.field(Key::AUTH_CODE) {
///     Field::Text(code) => println!("auth code of {} chars", code.len()),
///     Field::Absent => println!("no auth code"),
///     Field::Object(_) | Field::Other => println!("not a string: malformed"),
/// }
/// ```
#[derive(Clone, Debug)]
pub enum Field<M: Message> {
    /// Missing, `undefined` or `null`: an optional field reads as absent.
    Absent,
    /// A string.
    Text(M::Text),
    /// A nested object (not an array).
    Object(M),
    /// Present, but neither a string nor an object (a number, a boolean, an array, …).
    Other,
}

/// What a decoder made of a message from an allowed sender.
///
/// ```
/// use embed_events::{Decoded, IgnitionEvent};
/// fn describe(decoded: Decoded<IgnitionEvent>) -> String {
///     match decoded {
///         Decoded::Event(event) => format!("event {event:?}"),
///         Decoded::Unknown(status) => format!("a status this version does not know: {status}"),
///         Decoded::Malformed(why) => format!("malformed: {}", why.detail()),
///     }
/// }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub enum Decoded<E, T = String> {
    /// A known event, typed.
    Event(E),
    /// A well-formed message whose `status` / `type` this version does not know; the text is that
    /// name.
    Unknown(T),
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
///
/// ```
/// use embed_events::{Malformed, Problem};
/// assert_eq!(Malformed { field: "payload.eid", problem: Problem::Missing }.detail(), "payload.eid: missing");
/// ```
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
pub(crate) fn required_str<M: Message>(m: &M, key: Key, path: &'static str) -> Result<M::Text, Malformed> {
    match optional_str(m, key, path)? {
        Some(s) => Ok(s),
        None => Err(Malformed { field: path, problem: Problem::Missing }),
    }
}

/// An optional string field: absent and `null` read as `None`, any other non-string is malformed.
pub(crate) fn optional_str<M: Message>(m: &M, key: Key, path: &'static str) -> Result<Option<M::Text>, Malformed> {
    match m.field(key) {
        Field::Absent => Ok(None),
        Field::Text(s) => Ok(Some(s)),
        Field::Object(_) | Field::Other => Err(Malformed { field: path, problem: Problem::NotString }),
    }
}

/// An optional nested object.
pub(crate) fn optional_object<M: Message>(m: &M, key: Key, path: &'static str) -> Result<Option<M>, Malformed> {
    match m.field(key) {
        Field::Absent => Ok(None),
        Field::Object(o) => Ok(Some(o)),
        Field::Text(_) | Field::Other => Err(Malformed { field: path, problem: Problem::NotObject }),
    }
}

/// The fields of a decoded event as the JavaScript value carries them, for building that value,
/// logging it, and checking that nothing undocumented is carried. `T` is the text type.
///
/// ```
/// use embed_events::{EventFields, SignereEvent};
/// let event: SignereEvent = SignereEvent::SignSuccess { document_id: Some("d1".into()) };
/// assert_eq!(event.name().name(), "sign_success");
/// assert_eq!(event.callback(), "onSignSuccess");
/// assert!(event.is_terminal());
/// let mut fields = Vec::new();
/// event.for_each_field(&mut |key, value: &String| fields.push((key.name(), value.clone())));
/// assert_eq!(fields, [("documentId", "d1".to_string())]);
/// ```
pub trait EventFields<T> {
    /// The discriminant: Ignition's `status` or Signere's `type` (`"complete"`, `"sign_success"`).
    fn name(&self) -> Key;

    /// The JavaScript callback this event goes to (`"onComplete"`, `"onSignSuccess"`).
    fn callback(&self) -> &'static str;

    /// Whether the event ends the flow (`once` stops the watcher on it).
    fn is_terminal(&self) -> bool;

    /// Every present field other than the discriminant, in documented order, with its
    /// JavaScript name. Absent optional fields are skipped.
    fn for_each_field(&self, f: &mut dyn FnMut(Key, &T));
}

/// Field names whose values are secret: never logged, even with `debug`.
///
/// ```
/// assert!(embed_events::SECRET_FIELDS.contains(&"socialSecurityNumber"));
/// ```
pub const SECRET_FIELDS: &[&str] = &["authCode", "socialSecurityNumber", "token", "accessToken"];

/// Whether a field's value must be redacted in logs.
///
/// ```
/// assert!(embed_events::is_secret("authCode"));
/// assert!(!embed_events::is_secret("client"));
/// ```
pub fn is_secret(field: &str) -> bool {
    SECRET_FIELDS.contains(&field)
}

/// Calls `f` with `(key, value)` when `value` is present.
pub(crate) fn emit<T>(f: &mut dyn FnMut(Key, &T), key: Key, value: &Option<T>) {
    if let Some(v) = value {
        f(key, v);
    }
}
