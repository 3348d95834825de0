// The decoder over serde_json values, for the native tests and the fuzzer: the native twins of how
// the browser hands `event.data` to it.
//
// - `decode_value`: what the Rust API does with data it is given: a string is decoded from its own
//   text, an object from its JSON (the property tests show that decodes as the forms below do), and
//   any other value never reaches the decoder (reported as "data: expected an object").
// - `decode_read`: the Rust watcher's path: a string parsed as JSON first, then the object read one
//   member at a time by key (`Read`, the twin of src/watch.rs's `JsMessage` over src/js/read.js),
//   decoded by table through the `Message` trait and built into the typed event.
// - `decode_shaped`: the npm package's object path: the object's shape over the vendor's keys
//   (`shape`, the twin of src/js/shape.js and npm/src/shape.rs), decoded by table through the
//   `Message` trait, with the event value built from the object's own strings.
//
// Every decoding of JSON text also decodes by table alone (`VendorTable::decode`) and checks that
// both agree.
#![allow(dead_code)]

use embed_events::{decode, error::{Malformed, Problem}, table::{Member, Message, TableEvent, VendorTable}, Decoded, Event, Vendor};
use serde_json::{Map, Value};
use std::cell::RefCell;

/// What a message came out as, in comparable form.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// The event value, as JavaScript receives it.
    Event(Value),
    /// The unknown tag.
    Unknown(String),
    /// The `detail` of the malformed message.
    Malformed(String),
}

/// The event as its JavaScript value, built from the trait alone: the tag, then exactly the fields
/// `for_each_field` lists.
pub fn event_value<E: Event>(event: &E) -> Value {
    let mut object = Map::new();
    object.insert(E::TABLE.tag.into(), Value::String(event.name().into()));
    event.for_each_field(&mut |key, value| {
        let old = object.insert(key.into(), Value::String(value.into()));
        assert!(old.is_none(), "{} lists {key} twice", event.name());
    });
    Value::Object(object)
}

/// A decoder's answer in comparable form.
pub fn outcome<E: Event>(decoded: Decoded<E>) -> Outcome {
    match decoded {
        Decoded::Event(event) => Outcome::Event(event_value(&event)),
        Decoded::Unknown(name) => Outcome::Unknown(name),
        Decoded::Malformed(m) => Outcome::Malformed(m.detail()),
    }
}

/// Decode JSON text (a string's contents, or an object written as JSON) into `V`'s typed event,
/// checking that decoding by the table alone (`VendorTable::decode`, what the npm module answers
/// JavaScript with) comes to the same: the same event, written as the same JSON text.
pub fn decode_text<V: Vendor>(text: &str) -> Outcome {
    let typed = decode::<V>(text);
    let by_table = V::TABLE.decode(text);
    match (&typed, &by_table) {
        (Decoded::Event(event), Decoded::Event(raw)) => {
            assert_eq!(event.index(), raw.index, "{}: typed and table decoding disagree on {text:?}", V::TABLE.name);
            assert_eq!(event.to_json(), raw.to_json(), "{}: typed and table decoding disagree on {text:?}", V::TABLE.name);
            let parsed: Value = serde_json::from_str(&raw.to_json()).expect("to_json is JSON");
            assert_eq!(parsed, event_value(event), "{}: to_json and for_each_field disagree on {text:?}", V::TABLE.name);
        }
        (Decoded::Unknown(a), Decoded::Unknown(b)) => assert_eq!(a, b),
        (Decoded::Malformed(a), Decoded::Malformed(b)) => assert_eq!(a, b),
        _ => panic!("{}: typed decoding gives {typed:?}, table decoding {by_table:?}, for {text:?}", V::TABLE.name),
    }
    outcome(typed)
}

/// What the JavaScript side answers for data that is neither a string nor an object.
pub fn not_an_object() -> Outcome {
    Outcome::Malformed(Malformed { path: "data", problem: Problem::NotObject }.detail())
}

/// Decode `event.data` the way the browser does: a string from its own text, an object from its
/// JSON, anything else is not an object.
pub fn decode_value<V: Vendor>(data: &Value) -> Outcome {
    match data {
        Value::String(text) => decode_text::<V>(text),
        Value::Object(_) => decode_text::<V>(&serde_json::to_string(data).expect("a Value writes as JSON")),
        _ => not_an_object(),
    }
}

/// Decode `event.data` the way the Rust watcher does (src/watch.rs): a string is parsed as JSON
/// first (`JSON.parse`; not JSON is "data: a string that is not JSON"), then data that is not an
/// object is "data: expected an object", and an object is read through `Read` (`JsMessage`),
/// decoded by table and built into `V`'s typed event (`Event::from_parts`).
///
/// serde_json refuses some texts `JSON.parse` reads (a lone surrogate escape, a number out of
/// range, nesting deeper than 128); those are decoded from their text, by the crate's own reader,
/// which reads as `JSON.parse` does.
pub fn decode_read<V: Vendor>(data: &Value) -> Outcome {
    let parsed;
    let data = match data {
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(value) => {
                parsed = value;
                &parsed
            }
            Err(_) => return decode_text::<V>(text),
        },
        other => other,
    };
    if !data.is_object() {
        return not_an_object();
    }
    let message = Read { objects: RefCell::new(vec![data]) };
    match V::TABLE.decode_message(&message) {
        Decoded::Event((index, values)) => match V::Event::from_parts(index, values) {
            Some(event) => Outcome::Event(event_value(&event)),
            None => not_an_object(),
        },
        Decoded::Unknown(name) => Outcome::Unknown(name),
        Decoded::Malformed(m) => Outcome::Malformed(m.detail()),
    }
}

/// The native twin of src/watch.rs's `JsMessage`: a message's objects as the Rust watcher reads
/// them, one member at a time by key (src/js/read.js's `member`: an own property's value); objects
/// met on the way are kept, and referred to by their position.
pub struct Read<'a> {
    pub objects: RefCell<Vec<&'a Value>>,
}

impl Message for Read<'_> {
    type Object = usize;
    type Text = String;

    fn root(&self) -> Option<usize> {
        self.objects.borrow().first().filter(|data| data.is_object()).map(|_| 0)
    }

    fn member(&self, object: usize, key: &str) -> Member<usize, String> {
        let Some(target) = self.objects.borrow().get(object).copied() else { return Member::Absent };
        match target.get(key) {
            None | Some(Value::Null) => Member::Absent,
            Some(Value::String(text)) => Member::Text(text.clone()),
            Some(value @ Value::Object(_)) => {
                let mut objects = self.objects.borrow_mut();
                objects.push(value);
                Member::Object(objects.len() - 1)
            }
            Some(_) => Member::Other,
        }
    }

    fn text(&self, text: &String) -> String {
        text.clone()
    }

    fn text_is(&self, text: &String, value: &str) -> bool {
        text == value
    }
}

/// Decode an object the way the npm package does, through its shape (`shape`). Anything else as
/// `decode_value` does.
pub fn decode_shaped<V: Vendor>(data: &Value) -> Outcome {
    let Value::Object(_) = data else { return decode_value::<V>(data) };
    let shaped = shape(V::TABLE, data);
    match V::TABLE.decode_message(&shaped) {
        Decoded::Event((index, values)) => {
            let event = TableEvent { index, table: V::TABLE, values };
            Outcome::Event(serde_json::from_str(&event.to_json()).expect("to_json is JSON"))
        }
        Decoded::Unknown(name) => Outcome::Unknown(name),
        Decoded::Malformed(m) => Outcome::Malformed(m.detail()),
    }
}

/// What an object holds under one of the table's keys, as src/js/shape.js writes it.
#[derive(Clone, Debug, PartialEq)]
pub enum Kind {
    /// Absent, or `null`.
    Absent,
    /// A string.
    Text(String),
    /// An object that is not looked into (reads as empty).
    Object,
    /// Anything else: a number, a boolean, an array.
    Other,
    /// An object whose members are this block.
    Block(usize),
}

/// The shape of an object: blocks of one `Kind` per key of the table, block 0 for the object.
#[derive(Debug)]
pub struct Shape {
    pub keys: Vec<&'static str>,
    pub kinds: Vec<Kind>,
}

/// The most blocks a shape has (src/js/shape.js's `MAX_BLOCKS`).
pub const MAX_BLOCKS: usize = 16;

/// The native twin of src/js/shape.js: the object's members under the table's keys, objects under
/// the table's containers looked into two levels deep at most and `MAX_BLOCKS` blocks in all, in
/// the order of the object's own keys.
pub fn shape(table: &VendorTable, data: &Value) -> Shape {
    let keys = table.keys();
    let containers = table.containers();
    let count = keys.len();
    let Value::Object(object) = data else { panic!("shape takes an object, not {data}") };
    let mut shape = Shape { kinds: vec![Kind::Absent; count], keys };
    fn walk(shape: &mut Shape, containers: &[&str], object: &Map<String, Value>, block: usize, depth: usize) {
        let count = shape.keys.len();
        for (key, value) in object {
            let Some(k) = shape.keys.iter().position(|name| name == key) else { continue };
            let kind = match value {
                Value::Null => Kind::Absent,
                Value::String(s) => Kind::Text(s.clone()),
                Value::Object(inner) if depth < 2 && containers.contains(&shape.keys[k]) && shape.kinds.len() / count < MAX_BLOCKS => {
                    let at = shape.kinds.len() / count;
                    shape.kinds.extend(std::iter::repeat_n(Kind::Absent, count));
                    walk(shape, containers, inner, at, depth + 1);
                    Kind::Block(at)
                }
                Value::Object(_) => Kind::Object,
                _ => Kind::Other,
            };
            shape.kinds[block * count + k] = kind;
        }
    }
    walk(&mut shape, &containers, object, 0, 0);
    shape
}

impl Message for Shape {
    /// A block, or `None` for an object that is not looked into.
    type Object = Option<usize>;
    type Text = String;

    fn root(&self) -> Option<Option<usize>> {
        Some(Some(0))
    }

    fn member(&self, block: Option<usize>, key: &str) -> Member<Option<usize>, String> {
        let (Some(block), Some(k)) = (block, self.keys.iter().position(|name| *name == key)) else { return Member::Absent };
        match &self.kinds[block * self.keys.len() + k] {
            Kind::Absent => Member::Absent,
            Kind::Text(s) => Member::Text(s.clone()),
            Kind::Object => Member::Object(None),
            Kind::Other => Member::Other,
            Kind::Block(b) => Member::Object(Some(*b)),
        }
    }

    fn text(&self, text: &String) -> String {
        text.clone()
    }

    fn text_is(&self, text: &String, value: &str) -> bool {
        text == value
    }
}
