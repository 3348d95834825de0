//! One decoder for every vendor, driven by the vendor's table: a message's JSON text in, a typed
//! event (or the reason there is none) out. Pure Rust, tested natively and fuzzed.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::json::{self, Json};
use crate::vendors::{Event, Vendor, VendorTable};

/// What a message from an allowed sender decodes to.
///
/// ```
/// use embed_events::{decode, Decoded, Ignition, IgnitionEvent};
/// let decoded = decode::<Ignition>(r#"{"status":"exit","step":"carrier-login"}"#);
/// assert_eq!(decoded, Decoded::Event(IgnitionEvent::Exit { step: Some("carrier-login".into()), client: None }));
/// assert_eq!(decode::<Ignition>(r#"{"status":"opened"}"#), Decoded::Unknown("opened".into()));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Decoded<E> {
    /// A known event with valid fields.
    Event(E),
    /// A well-formed message whose tag (`status` / `type`) this version does not know: the tag.
    Unknown(String),
    /// Data the decoder cannot read as this vendor's message.
    Malformed(Malformed),
}

/// Why a message is malformed: where, and what is wrong there.
///
/// ```
/// use embed_events::{decode, Decoded, Ignition};
/// let Decoded::Malformed(m) = decode::<Ignition>(r#"{"status":"complete","authCode":42}"#) else { panic!() };
/// assert_eq!(m.detail(), "authCode: expected a string");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Malformed {
    /// The dotted path of the field at fault (`"payload.eid"`), or `"data"` for the whole message.
    pub path: &'static str,
    /// What is wrong with it.
    pub problem: Problem,
}

/// What is wrong with a field of a malformed message.
///
/// ```
/// assert_eq!(embed_events::error::Problem::Missing.as_str(), "missing");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A required field is absent or `null`.
    Missing,
    /// The field is not a string.
    NotString,
    /// The field (or the data) is not an object.
    NotObject,
    /// The data is a string that is not JSON.
    NotJson,
}

impl Problem {
    /// The explanation (`"expected a string"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Problem::Missing => "missing",
            Problem::NotString => "expected a string",
            Problem::NotObject => "expected an object",
            Problem::NotJson => "a string that is not JSON",
        }
    }
}

impl Malformed {
    /// `"payload.eid: missing"`: what `onIgnored` reports as the `detail`.
    pub fn detail(&self) -> String {
        let mut s = String::from(self.path);
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

impl core::error::Error for Malformed {}

pub(crate) const fn bad(path: &'static str, problem: Problem) -> Malformed {
    Malformed { path, problem }
}

/// Decode a message's data, given as JSON text (a JSON string's contents, or an object written as
/// JSON), with vendor `V`'s rules: the tag must be a string; a known tag makes an event whose
/// fields are read from the message (absent or `null` optional fields are left out, a field of
/// the wrong type or a missing required one makes the message malformed); other fields are
/// dropped.
///
/// ```
/// use embed_events::{decode, Decoded, Signere, SignereEvent};
/// let event = decode::<Signere>(r#"{"type":"user_canceled","payload":{"documentId":"d2"}}"#);
/// assert_eq!(event, Decoded::Event(SignereEvent::UserAborted { document_id: Some("d2".into()) }));
/// ```
pub fn decode<V: Vendor>(text: &str) -> Decoded<V::Event> {
    match V::TABLE.decode(text) {
        Decoded::Event(event) => match V::Event::from_parts(event.index, event.values) {
            Some(event) => Decoded::Event(event),
            None => Decoded::Malformed(bad("data", Problem::NotObject)),
        },
        Decoded::Unknown(name) => Decoded::Unknown(name),
        Decoded::Malformed(malformed) => Decoded::Malformed(malformed),
    }
}

/// A known event as the table describes it: which one, and its field values. What
/// [`VendorTable::decode`] gives, for code that handles any vendor alike.
///
/// ```
/// use embed_events::{Decoded, Ignition, Vendor};
/// let Decoded::Event(event) = Ignition::TABLE.decode(r#"{"status":"exit","step":"s2"}"#) else { panic!() };
/// assert_eq!((event.index, event.to_json()), (1, r#"{"status":"exit","step":"s2"}"#.to_string()));
/// ```
#[derive(Clone, Debug)]
pub struct TableEvent {
    /// The event's position in [`VendorTable::events`].
    pub index: usize,
    /// The table the event belongs to.
    pub table: &'static VendorTable,
    /// Its field values, in the order of its [`EventSpec::fields`](crate::table::EventSpec::fields).
    pub values: Vec<Option<String>>,
}

impl PartialEq for TableEvent {
    fn eq(&self, other: &Self) -> bool {
        self.index == other.index && core::ptr::eq(self.table, other.table) && self.values == other.values
    }
}

impl Eq for TableEvent {}

impl TableEvent {
    /// The event value as JSON text, as the JavaScript callback receives it.
    pub fn to_json(&self) -> String {
        let spec = self.table.events.get(self.index);
        let name = spec.map_or("", |s| s.name);
        json::event_json(self.table.tag, name, &mut |emit| {
            for (field, value) in spec.map_or(&[][..], |s| s.fields).iter().zip(&self.values) {
                if let Some(value) = value {
                    emit(field.key, value);
                }
            }
        })
    }
}

/// A message as the decoder reads it: objects whose members are looked up by key, and strings.
/// Implemented for JSON text (what [`decode`] reads) and, in the npm package, for the shape of a
/// JavaScript object written into wasm memory; implement it to decode from another form.
pub trait Message {
    /// An object of the message (the data itself, or one inside it), as the message refers to it.
    type Object: Copy;
    /// A string of the message, as the message refers to it.
    type Text;
    /// The data, when it is an object.
    fn root(&self) -> Option<Self::Object>;
    /// The member `key` of `object`.
    fn member(&self, object: Self::Object, key: &str) -> Member<Self::Object, Self::Text>;
    /// The text, as a `String` (for the tag of an unknown event).
    fn text(&self, text: &Self::Text) -> String;
    /// Whether the text is `value` (for the tag).
    fn text_is(&self, text: &Self::Text, value: &str) -> bool;
}

/// A member of a message's object, as [`Message::member`] finds it.
///
/// ```
/// use embed_events::table::Member;
/// let member: Member<(), &str> = Member::Text("complete");
/// assert!(matches!(member, Member::Text("complete")));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Member<O, T> {
    /// Not there, or `null` (or `undefined`).
    Absent,
    /// A string.
    Text(T),
    /// An object (not an array).
    Object(O),
    /// Anything else: a number, a boolean, an array.
    Other,
}

impl<'j, 'a> Message for &'j Json<'a> {
    type Object = &'j Json<'a>;
    type Text = &'j str;

    fn root(&self) -> Option<Self::Object> {
        matches!(self, Json::Obj(_)).then_some(*self)
    }

    fn member(&self, object: Self::Object, key: &str) -> Member<Self::Object, Self::Text> {
        match object.get(key.as_bytes()) {
            None | Some(Json::Null) => Member::Absent,
            Some(Json::Str(s)) => Member::Text(s),
            Some(value @ Json::Obj(_)) => Member::Object(value),
            Some(Json::Other) => Member::Other,
        }
    }

    fn text(&self, text: &&'j str) -> String {
        String::from(*text)
    }

    fn text_is(&self, text: &&'j str, value: &str) -> bool {
        *text == value
    }
}

/// A known event's position and field values, or an unknown tag.
type Raw<T> = Result<(usize, Vec<Option<T>>), String>;

pub(crate) fn decode_table<M: Message>(table: &VendorTable, message: &M) -> Result<Raw<M::Text>, Malformed> {
    let data = message.root().ok_or(bad("data", Problem::NotObject))?;
    let tag = string_at(message, data, table.tag)?.ok_or(bad(table.tag, Problem::Missing))?;
    let Some(index) = table.events.iter().position(|e| {
        message.text_is(&tag, e.name) || e.aliases.iter().any(|alias| message.text_is(&tag, alias))
    }) else {
        return Ok(Err(message.text(&tag)));
    };
    for path in table.objects {
        if let Member::Text(_) | Member::Other = lookup(message, data, path)? {
            return Err(bad(path, Problem::NotObject));
        }
    }
    let spec = table.events.get(index).ok_or(bad("data", Problem::NotObject))?;
    let mut values = Vec::with_capacity(spec.fields.len());
    for field in spec.fields {
        // Every source is checked, so a wrong type anywhere is reported; the first present wins.
        let mut value = None;
        for path in field.from {
            let found = string_at(message, data, path)?;
            if value.is_none() {
                value = found;
            }
        }
        if field.required && value.is_none() {
            let path = field.from.first().copied().unwrap_or(field.key);
            return Err(bad(path, Problem::Missing));
        }
        values.push(value);
    }
    Ok(Ok((index, values)))
}

/// The string at a dotted path: `None` when it (or an object on the way) is absent or `null`.
fn string_at<M: Message>(message: &M, data: M::Object, path: &'static str) -> Result<Option<M::Text>, Malformed> {
    match lookup(message, data, path)? {
        Member::Absent => Ok(None),
        Member::Text(text) => Ok(Some(text)),
        _ => Err(bad(path, Problem::NotString)),
    }
}

/// The member at a dotted path. An object on the way that is not an object is malformed, blamed on
/// its own path.
fn lookup<M: Message>(message: &M, data: M::Object, path: &'static str) -> Result<Member<M::Object, M::Text>, Malformed> {
    let mut at = Member::Object(data);
    let mut end = 0;
    // Split on bytes: the paths are ASCII, and a `str` pattern would bring its searcher into the wasm.
    for segment in path.as_bytes().split(|&b| b == b'.') {
        let object = match at {
            Member::Object(object) => object,
            Member::Absent => return Ok(Member::Absent),
            _ => return Err(bad(path.get(..end.max(1) - 1).unwrap_or(path), Problem::NotObject)),
        };
        let key = path.get(end..end + segment.len()).unwrap_or("");
        end += segment.len() + 1;
        at = message.member(object, key);
    }
    Ok(at)
}

/// `serde::Serialize` for generated events: the JavaScript value, tag first.
#[cfg(feature = "serde")]
#[doc(hidden)]
pub fn serialize<E: Event, S: serde::Serializer>(event: &E, serializer: S) -> Result<S::Ok, S::Error> {
    use serde::ser::SerializeMap;
    let mut fields: Vec<(&'static str, String)> = Vec::new();
    event.for_each_field(&mut |key, value| fields.push((key, value.into())));
    let mut map = serializer.serialize_map(Some(fields.len() + 1))?;
    map.serialize_entry(E::TABLE.tag, event.name())?;
    for (key, value) in &fields {
        map.serialize_entry(key, value.as_str())?;
    }
    map.end()
}
