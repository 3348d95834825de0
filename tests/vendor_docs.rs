//! Every vendor's `Vendor::DOCS` (what its `vendor!` declaration says for people: the doc text and
//! an example message per event), for the listed vendors and the test-only Queue vendor alike: one
//! entry per event and field, each event and field documented, and each example a JSON object that
//! a watcher delivers as exactly its event. The npm package's `exampleMessages` are these examples,
//! so one that would not be delivered fails here first.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/queue.rs"]
mod queue;

use embed_events::{decode, Decoded, Event, Vendor};
use serde_json::Value;

/// Every vendor type by its name alone: the crate's and the test-only one.
mod all {
    pub use super::queue::*;
    pub use embed_events::*;
}

/// Check `V`'s docs and examples against its table.
fn check<V: Vendor>() {
    let (table, docs) = (V::TABLE, V::DOCS);
    assert_eq!(docs.events.len(), table.events.len(), "{}: one entry per event", table.name);
    for (index, (spec, event)) in table.events.iter().zip(docs.events).enumerate() {
        let at = format!("{}'s {}", table.name, spec.name);
        assert!(!event.doc.trim().is_empty(), "{at} is not documented");
        assert_eq!(event.fields.len(), spec.fields.len(), "{at}: one doc per field");
        for (field, doc) in spec.fields.iter().zip(event.fields) {
            assert!(!doc.trim().is_empty(), "{at}.{} is not documented", field.key);
        }
        // JSON text that `JSON.parse` takes (serde_json is as strict), an object tagged with the
        // event's own name.
        let value: Value = serde_json::from_str(event.example).unwrap_or_else(|e| panic!("{at}'s example is not JSON: {e}"));
        assert_eq!(value.get(table.tag).and_then(Value::as_str), Some(spec.name), "{at}'s example is tagged with its name");
        match decode::<V>(event.example) {
            Decoded::Event(decoded) => {
                assert_eq!((decoded.index(), decoded.name()), (index, spec.name), "{at}'s example decodes to another event");
                // Realistic: every field the example carries is one the event reads.
                let mut fields = 0;
                decoded.for_each_field(&mut |_, _| fields += 1);
                assert!(fields > 0 || spec.fields.is_empty(), "{at}'s example carries none of its fields");
            }
            other => panic!("{at}'s example is not delivered: {other:?}"),
        }
    }
}

macro_rules! check_all {
    ($($module:ident :: $vendor:ident $(+ $webhook:ident)?),* $(,)?) => {
        $(check::<all::$vendor>();)*
    };
}

#[test]
fn every_example_message_is_json_and_decodes_to_its_event() {
    embed_events::__vendors!(check_all queue::Queue);
}

#[test]
fn an_example_that_decodes_to_another_event_or_not_at_all_is_caught() {
    // The check's own test: a declaration whose examples are wrong in each way fails it.
    embed_events::vendor! {
        /// A vendor with wrong examples.
        pub struct Wrong;
        /// Its event.
        pub enum WrongEvent {
            name: "Wrong", watch_fn: "watchWrong", tag: "kind",
            environments: [], default_origin: None, objects: [],
            url_parameter: None,
            silence_hint: "",
            events: {
                /// `a`
                A = "a" [] => "onA", terminal: true,
                example: r#"{"kind":"b"}"#, {},
                /// `b`
                B = "b" [] => "onB", terminal: true,
                example: r#"{"kind":"b","id":7}"#, {
                    /// An id.
                    id: optional "id" plain ["id"],
                },
            }
        }
    }
    let failure = std::panic::catch_unwind(check::<Wrong>).expect_err("wrong examples pass");
    let message = failure.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(message.contains("Wrong's a's example is tagged with its name"), "{message}");
    assert_eq!(Wrong::DOCS.events[1].doc, " `b`\n");
    assert!(matches!(decode::<Wrong>(Wrong::DOCS.events[1].example), Decoded::Malformed(_)));
}
