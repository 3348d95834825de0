//! A third vendor is one file: the test-only Queue vendor (tests/support/queue.rs), declared with
//! `embed_events::vendor!` outside the crate, decodes through the same `decode` as the built-in
//! ones: its events (required, optional and secret fields, aliases, fields read from several
//! places), unknown kinds, malformed messages, its typed events and its table.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/documented.rs"]
mod documented;
#[path = "support/json.rs"]
mod json;
#[path = "support/queue.rs"]
mod queue;
#[path = "support/table_messages.rs"]
mod table_messages;

use embed_events::{decode, Decoded, Event, Vendor, WatchError};
use json::{decode_read, decode_shaped, decode_value, event_value, Outcome};
use queue::{Queue, QueueEvent, Want, QUEUE_CASES};
use serde_json::Value;

fn expected(want: &Want) -> Outcome {
    match want {
        Want::Event(json) => Outcome::Event(serde_json::from_str(json).expect("case's expected value is JSON")),
        Want::Unknown(name) => Outcome::Unknown((*name).into()),
        Want::Malformed(detail) => Outcome::Malformed((*detail).into()),
    }
}

#[test]
fn every_queue_case_decodes_as_expected_from_a_string_and_from_an_object() {
    for (data, want) in QUEUE_CASES {
        let want = expected(want);
        assert_eq!(decode_value::<Queue>(&Value::String((*data).into())), want, "as a string: {data}");
        let object: Value = serde_json::from_str(data).expect("case data is JSON");
        assert_eq!(decode_value::<Queue>(&object), want, "as an object: {data}");
        assert_eq!(decode_read::<Queue>(&Value::String((*data).into())), want, "as a string the Rust watcher reads: {data}");
        assert_eq!(decode_read::<Queue>(&object), want, "as an object the Rust watcher reads: {data}");
        assert_eq!(decode_shaped::<Queue>(&object), want, "shaped: {data}");
        if let Outcome::Event(value) = &want {
            assert_eq!(documented::problem_in(Queue::TABLE, value), None, "{data}");
        }
    }
    // The other vendors' decoders know nothing of Queue's kinds.
    assert_eq!(decode_value::<embed_events::Ignition>(&serde_json::json!({"kind": "done", "ticket": "T"})), Outcome::Malformed("status: missing".into()));
    // Every event and alias has a delivered case.
    for spec in Queue::TABLE.events {
        for name in std::iter::once(spec.name).chain(spec.aliases.iter().copied()) {
            let delivered = QUEUE_CASES.iter().any(|(data, want)| {
                matches!(want, Want::Event(_)) && serde_json::from_str::<Value>(data).unwrap()["kind"] == name
            });
            assert!(delivered, "no Queue case delivers {name}");
        }
    }
}

#[test]
fn delivered_queue_events_write_their_javascript_value() {
    for (data, want) in QUEUE_CASES {
        let Want::Event(json) = want else { continue };
        let Decoded::Event(event) = decode::<Queue>(data) else { panic!("{data}") };
        assert_eq!(event.to_json(), *json, "{data}");
        #[cfg(feature = "serde")]
        assert_eq!(serde_json::to_string(&event).unwrap(), *json, "{data}");
        assert_eq!(serde_json::from_str::<Value>(json).unwrap(), event_value(&event));
    }
}

#[test]
fn queue_messages_decode_to_typed_events() {
    assert_eq!(decode::<Queue>(r#"{"kind":"done","ticket":"T-7"}"#), Decoded::Event(QueueEvent::Done { ticket: "T-7".into() }));
    let Decoded::Event(event) = decode::<Queue>(r#"{"kind":"entered","position":"4","detail":{"eta":"2m","ticket":"T-2"}}"#) else { panic!() };
    assert_eq!(event, QueueEvent::Joined { position: "4".into(), eta: Some("2m".into()), ticket: Some("T-2".into()) });
    assert_eq!((event.name(), event.callback(), event.is_terminal(), event.index()), ("joined", "onJoined", false, 1));
    let Decoded::Event(event) = decode::<Queue>(r#"{"kind":"admitted","detail":{"pass":"P-123","note":"N-456","seatId":"7"}}"#) else { panic!() };
    let QueueEvent::Admitted { pass, seat, note } = &event else { panic!("{event:?}") };
    assert_eq!((pass.as_str(), seat.as_deref(), note.as_deref()), ("P-123", Some("7"), Some("N-456")));
    let debug = format!("{event:?}");
    assert!(!debug.contains("P-123") && !debug.contains("N-456") && debug.contains("\"7\""), "{debug}");
    assert_eq!(event.to_json(), r#"{"kind":"admitted","pass":"P-123","seat":"7","note":"N-456"}"#);
    assert!(event.is_terminal());
    assert_eq!(decode::<Queue>(r#"{"kind":"ping"}"#), Decoded::Event(QueueEvent::Ping {}));
    assert_eq!(decode::<Queue>(r#"{"kind":"opened"}"#), Decoded::Unknown("opened".into()));
    let Decoded::Malformed(m) = decode::<Queue>(r#"{"kind":"admitted","detail":{"pass":"p","seat":{"id":1}}}"#) else { panic!() };
    assert_eq!(m.detail(), "detail.seat.id: expected a string");
}

#[test]
fn messages_built_from_the_queue_table_decode_as_its_rules_say() {
    let messages = table_messages::messages(Queue::TABLE);
    for m in &messages {
        let what = format!("{}: {}", m.what, m.data);
        assert_eq!(decode_value::<Queue>(&m.data), m.want, "{what}");
        assert_eq!(decode_value::<Queue>(&Value::String(m.data.to_string())), m.want, "{what} as a string");
        assert_eq!(decode_read::<Queue>(&m.data), m.want, "{what} as the Rust watcher reads it");
        assert_eq!(decode_shaped::<Queue>(&m.data), m.want, "{what} shaped");
    }
    assert!(messages.len() > 100, "only {} messages", messages.len());
    table_messages::check_events::<Queue>();
}

#[test]
fn the_queue_table_is_what_the_declaration_says() {
    let table = Queue::TABLE;
    assert_eq!((table.name, table.watch_fn, table.tag), ("Queue", "watchQueue", "kind"));
    assert_eq!(table.keys(), ["kind", "detail", "ticket", "position", "eta", "pass", "seat", "id", "seatId", "note", "reason"]);
    let callbacks: Vec<_> = table.events.iter().map(|e| (e.callback, e.terminal)).collect();
    assert_eq!(callbacks, [("onDone", true), ("onJoined", false), ("onAdmitted", true), ("onLeft", true), ("onPing", false)]);
    let secrets: Vec<_> = table.events.iter().flat_map(|e| e.fields.iter()).filter(|f| f.secret).map(|f| f.key).collect();
    assert_eq!(secrets, ["pass", "note"]);
    let json: Value = serde_json::from_str(&table.to_json()).unwrap();
    assert_eq!(json["environments"], serde_json::json!(["live", "staging"]));
    assert_eq!(json["defaultOrigin"], "https://queue.example");
    assert_eq!(json["events"][1]["aliases"], serde_json::json!(["entered", "queued"]));
    // Its allow-lists follow the same rules as the built-in vendors'.
    let origins = |r: Result<embed_events::AllowList, WatchError>| r.map(|l| l.origins().iter().map(|o| o.as_str().to_string()).collect::<Vec<_>>());
    let none: Option<&[&str]> = None;
    assert_eq!(origins(table.allow_list(none, None, None, false)), Ok(vec!["https://queue.example".into()]));
    assert_eq!(origins(table.allow_list(none, Some("staging"), None, false)), Ok(vec!["https://staging.queue.example".into()]));
    assert_eq!(origins(table.allow_list(none, None, Some("http://localhost:8000/q.html"), true)), Ok(vec!["http://localhost:8000".into()]));
    assert_eq!(table.allow_list(none, Some("sandbox"), None, false).unwrap_err(), WatchError::Environment);
}
