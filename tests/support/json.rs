// `Message` over serde_json, for the native tests and the fuzzer: the native twin of the
// browser's reading of `event.data`.

use embed_events::{Decoded, EventFields, Field, Key, Malformed, Message, Vendor};
use serde_json::{Map, Value};

pub struct Json<'a>(pub &'a Value);

impl Message for Json<'_> {
    type Text = String;

    fn field(&self, key: Key) -> Field<Self> {
        match self.0.get(key.name()) {
            None | Some(Value::Null) => Field::Absent,
            Some(Value::String(s)) => Field::Text(s.clone()),
            Some(v @ Value::Object(_)) => Field::Object(Json(v)),
            Some(_) => Field::Other,
        }
    }

    fn is(text: &String, name: Key) -> bool {
        text == name.name()
    }
}

/// What a message came out as, in comparable form.
#[derive(Debug, PartialEq)]
pub enum Outcome {
    Event(Value),
    Unknown(String),
    Malformed(String),
}

/// The event as its JavaScript value: the tag and exactly the fields `for_each_field` lists.
pub fn event_value<V: Vendor>(event: &V::Event<String>) -> Value {
    let mut object = Map::new();
    object.insert(V::TAG.name().into(), Value::String(event.name().name().into()));
    event.for_each_field(&mut |key, value| {
        object.insert(key.name().into(), Value::String(value.clone()));
    });
    Value::Object(object)
}

/// Decode a value the way the browser decodes `event.data`: a string is parsed as JSON first.
pub fn decode_value<V: Vendor>(data: &Value) -> Outcome {
    let parsed;
    let value = match data {
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(v) => {
                parsed = v;
                &parsed
            }
            Err(_) => return Outcome::Malformed(Malformed::NOT_JSON.detail()),
        },
        other => other,
    };
    if !value.is_object() {
        return Outcome::Malformed(Malformed::NOT_OBJECT.detail());
    }
    match V::decode(&Json(value)) {
        Decoded::Event(event) => Outcome::Event(event_value::<V>(&event)),
        Decoded::Unknown(name) => Outcome::Unknown(name),
        Decoded::Malformed(m) => Outcome::Malformed(m.detail()),
    }
}
