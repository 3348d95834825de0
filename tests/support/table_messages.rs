// Messages built from a vendor's table alone, each with what the decoding rules (src/decode.rs's
// `decode`, the `vendor!` documentation) say it decodes to: every event under its name and each
// alias, every field from each of its sources, the first present source winning, `null` as absent,
// a wrong type at any source, a missing required field, an object on the way that is not one, the
// vendor's objects, the tag missing or not a string, unknown tags. Run on Ignition and Signere
// (tests/vendor_table.rs, where the reference model also judges them) and on the test-only Queue
// vendor (tests/queue.rs). `check_events` checks the typed events decoded from such messages.
#![allow(dead_code)]

use embed_events::{decode, error::{Malformed, Problem}, table::VendorTable, Decoded, Event, Vendor};
use serde_json::{json, Map, Value};

use crate::json::Outcome;

/// A message and what it must decode to.
#[derive(Debug)]
pub struct Message {
    /// What the message tries.
    pub what: String,
    pub data: Value,
    pub want: Outcome,
}

/// `data` with the value at dotted `path` set, making objects on the way (replacing non-objects).
pub fn set(data: &mut Value, path: &str, value: Value) {
    let mut at = data;
    let mut segments = path.split('.').peekable();
    while let Some(segment) = segments.next() {
        if !at.is_object() {
            *at = Value::Object(Map::new());
        }
        let object = at.as_object_mut().unwrap();
        if segments.peek().is_none() {
            object.insert(segment.into(), value);
            return;
        }
        at = object.entry(segment).or_insert_with(|| Value::Object(Map::new()));
    }
}

fn malformed(path: &str, problem: Problem) -> Outcome {
    // `Malformed::path` is `&'static str`; the detail is all that is compared.
    let detail = Malformed { path: "", problem }.detail();
    Outcome::Malformed(format!("{path}{detail}"))
}

/// A value for field `key` from source number `source`.
fn value_of(key: &str, source: usize) -> String {
    format!("{key}-{source}")
}

/// Every message the table's rules decide, with its expected outcome.
pub fn messages(table: &VendorTable) -> Vec<Message> {
    let tag = table.tag;
    let mut out = Vec::new();
    let mut push = |what: String, data: Value, want: Outcome| out.push(Message { what, data, want });

    for event in table.events {
        let names = std::iter::once(event.name).chain(event.aliases.iter().copied());
        for name in names {
            // The message with every required field at its first source, and its event value.
            let base = |data: &mut Value, value: &mut Map<String, Value>| {
                set(data, tag, json!(name));
                value.insert(tag.into(), json!(event.name));
                for field in event.fields.iter().filter(|f| f.required) {
                    set(data, field.from[0], json!(value_of(field.key, 0)));
                    value.insert(field.key.into(), json!(value_of(field.key, 0)));
                }
            };
            let (mut minimal, mut minimal_value) = (json!({}), Map::new());
            base(&mut minimal, &mut minimal_value);
            push(format!("{name}: required fields only"), minimal.clone(), Outcome::Event(Value::Object(minimal_value.clone())));

            // Every source of every field present: the first source of each wins. With extra keys.
            let (mut full, mut full_value) = (json!({"extra": {"nested": [1, "x"]}}), Map::new());
            base(&mut full, &mut full_value);
            for field in event.fields {
                for (j, path) in field.from.iter().enumerate() {
                    set(&mut full, path, json!(value_of(field.key, j)));
                }
                full_value.insert(field.key.into(), json!(value_of(field.key, 0)));
            }
            push(format!("{name}: every source"), full.clone(), Outcome::Event(Value::Object(full_value.clone())));

            for field in event.fields {
                for (j, path) in field.from.iter().enumerate() {
                    // Sources j.. present (the ones before absent, or null): source j wins.
                    for before in [None, Some(Value::Null)] {
                        let (mut data, mut value) = (json!({}), Map::new());
                        base(&mut data, &mut value);
                        for (k, other) in field.from.iter().enumerate() {
                            if k < j {
                                if let Some(v) = &before {
                                    set(&mut data, other, v.clone());
                                } else if field.required && k == 0 {
                                    // `base` set it: remove it again.
                                    remove(&mut data, other);
                                }
                            } else {
                                set(&mut data, other, json!(value_of(field.key, k)));
                            }
                        }
                        value.insert(field.key.into(), json!(value_of(field.key, j)));
                        push(format!("{name}.{}: from {path} (earlier sources {before:?})", field.key), data, Outcome::Event(Value::Object(value)));
                    }

                    // A wrong type at any source is malformed, even where an earlier one is a string.
                    for wrong in [json!(7), json!(true), json!(["x"]), json!({"x": "y"})] {
                        let mut data = full.clone();
                        set(&mut data, path, wrong.clone());
                        push(format!("{name}.{}: {wrong} at {path}", field.key), data, malformed(path, Problem::NotString));
                    }

                    // An object on the way that is not an object, blamed on itself (by the vendor's
                    // objects check, or by the first field read through it).
                    let segments: Vec<&str> = path.split('.').collect();
                    for end in 1..segments.len() {
                        let prefix = segments[..end].join(".");
                        let mut data = minimal.clone();
                        set(&mut data, &prefix, json!("x"));
                        push(format!("{name}.{}: {prefix} is a string", field.key), data, malformed(&prefix, Problem::NotObject));
                    }
                }
                // A required field absent, or null, is missing, blamed on its first source.
                if field.required {
                    for absent in [None, Some(Value::Null)] {
                        let mut data = minimal.clone();
                        for path in field.from {
                            remove(&mut data, path);
                            if let Some(v) = &absent {
                                set(&mut data, path, v.clone());
                            }
                        }
                        push(format!("{name}.{}: absent ({absent:?})", field.key), data, malformed(field.from[0], Problem::Missing));
                    }
                }
            }

            // The vendor's objects must be objects when present, whatever the event's fields.
            for object in table.objects {
                for wrong in [json!("x"), json!(1), json!([{}]), json!(false)] {
                    let mut data = json!({});
                    set(&mut data, tag, json!(name));
                    set(&mut data, object, wrong.clone());
                    push(format!("{name}: {object} is {wrong}"), data, malformed(object, Problem::NotObject));
                }
                let mut data = minimal.clone();
                set(&mut data, object, Value::Null);
                // A null object is absent: required fields read from it are missing.
                let want = match event.fields.iter().find(|f| f.required && f.from[0].starts_with(&format!("{object}."))) {
                    Some(field) => malformed(field.from[0], Problem::Missing),
                    None => {
                        let mut value = Map::new();
                        value.insert(tag.into(), json!(event.name));
                        for field in event.fields.iter().filter(|f| f.required) {
                            value.insert(field.key.into(), json!(value_of(field.key, 0)));
                        }
                        Outcome::Event(Value::Object(value))
                    }
                };
                push(format!("{name}: {object} is null"), data, want);
            }
        }
    }

    // Tags that are no event: unknown, whatever else the message holds.
    let known: Vec<&str> = table.events.iter().flat_map(|e| std::iter::once(e.name).chain(e.aliases.iter().copied())).collect();
    let mut unknown = vec!["".to_string(), "__proto__".into(), "constructor".into(), "toString".into()];
    for name in &known {
        unknown.push(name.to_uppercase());
        unknown.push(format!("{name} "));
        unknown.push(format!(" {name}"));
        unknown.push(name.replace('_', "-"));
        unknown.push(format!("{name}\0"));
    }
    for name in unknown.into_iter().filter(|n| !known.contains(&n.as_str())) {
        let mut data = json!({"extra": 1});
        set(&mut data, tag, json!(name));
        for object in table.objects {
            set(&mut data, object, json!("not an object"));
        }
        push(format!("unknown {name:?}"), data, Outcome::Unknown(name));
    }

    // The tag absent, null, or not a string.
    let first = table.events[0].name;
    push("no tag".into(), json!({"name": first, "event": first}), malformed(tag, Problem::Missing));
    for wrong in [Value::Null, json!(1), json!([first]), json!({"name": first}), json!(false)] {
        let mut data = json!({});
        set(&mut data, tag, wrong.clone());
        let want = if wrong.is_null() { malformed(tag, Problem::Missing) } else { malformed(tag, Problem::NotString) };
        push(format!("tag {wrong}"), data, want);
    }
    out
}

fn remove(data: &mut Value, path: &str) {
    let (parent, last) = path.rsplit_once('.').map_or((None, path), |(p, l)| (Some(p), l));
    let mut at = data;
    if let Some(parent) = parent {
        for segment in parent.split('.') {
            match at.get_mut(segment) {
                Some(next) => at = next,
                None => return,
            }
        }
    }
    if let Some(object) = at.as_object_mut() {
        object.remove(last);
    }
}

/// For every event (and alias) of `V`: the decoded event knows its place in the table, its value is
/// exactly the message's fields, and `Debug` never shows a secret field's value.
pub fn check_events<V: Vendor>() {
    for (index, spec) in V::TABLE.events.iter().enumerate() {
        for name in std::iter::once(spec.name).chain(spec.aliases.iter().copied()) {
            let mut data = serde_json::json!({});
            set(&mut data, V::TABLE.tag, name.into());
            for field in spec.fields {
                set(&mut data, field.from[0], format!("value of {}", field.key).into());
            }
            let Decoded::Event(event) = decode::<V>(&data.to_string()) else { panic!("{data}") };
            assert_eq!(event.index(), index, "{name}");
            assert_eq!((event.name(), event.callback(), event.is_terminal()), (spec.name, spec.callback, spec.terminal), "{name}");
            let mut seen = Vec::new();
            event.for_each_field(&mut |key, value| seen.push((key, value.to_string())));
            let want: Vec<_> = spec.fields.iter().map(|f| (f.key, format!("value of {}", f.key))).collect();
            assert_eq!(seen, want, "{name}: for_each_field lists the fields in table order");
            let debug = format!("{event:?}");
            for field in spec.fields {
                let value = format!("value of {}", field.key);
                assert_eq!(debug.contains(&value), !field.secret, "{name}: {debug}");
            }
            if spec.fields.iter().any(|f| f.secret) {
                assert!(debug.contains("[redacted]"), "{debug}");
            }
        }
    }
}
