//! The vendors' tables (`Vendor::TABLE`), natively: they say what the hand-written documentation
//! says (the reference model's list, tests/support/model.rs; the shared TypeScript options of
//! src/js/index.d.ts are no vendor's own); messages built from them decode as the rules and the model say; their
//! keys, JSON and allow-lists; the typed events' trait methods and `Debug`.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/documented.rs"]
mod documented;
#[path = "support/json.rs"]
mod json;
#[path = "support/model.rs"]
mod model;
#[path = "support/table_messages.rs"]
mod table_messages;

use std::collections::{BTreeMap, BTreeSet};

use embed_events::{error::{EntryError, OriginError}, table::VendorTable, Ignition, Signere, Vendor, WatchError};
use json::{decode_read, decode_shaped, decode_text, decode_value, Outcome};
use model::{DocVendor, Model};
use serde_json::Value;

fn table_of(vendor: model::Vendor) -> &'static VendorTable {
    match vendor {
        model::Vendor::Ignition => Ignition::TABLE,
        model::Vendor::Signere => Signere::TABLE,
    }
}

// ---- the tables and the documentation ------------------------------------------------------

#[test]
fn the_tables_agree_with_the_documented_events() {
    for vendor in model::Vendor::ALL {
        let (doc, table): (&DocVendor, _) = (vendor.doc(), table_of(vendor));
        let who = doc.name;
        assert_eq!((table.name, table.watch_fn, table.tag), (doc.name, doc.watch_fn, doc.tag), "{who}");
        assert_eq!(table.environments, doc.environments, "{who} environments");
        assert_eq!(table.default_origin, doc.default_origin, "{who} default origin");
        assert_eq!(table.objects, doc.objects, "{who} objects");
        let names = |events: &mut dyn Iterator<Item = &'static str>| events.collect::<Vec<_>>();
        assert_eq!(names(&mut table.events.iter().map(|e| e.name)), names(&mut doc.events.iter().map(|e| e.name)), "{who} events");
        for (spec, want) in table.events.iter().zip(doc.events) {
            let what = format!("{who} {}", want.name);
            assert_eq!((spec.aliases, spec.callback, spec.terminal), (want.aliases, want.callback, want.terminal), "{what}");
            let keys: Vec<_> = spec.fields.iter().map(|f| f.key).collect();
            let want_keys: Vec<_> = want.fields.iter().map(|f| f.key).collect();
            assert_eq!(keys, want_keys, "{what}: fields");
            for (field, want) in spec.fields.iter().zip(want.fields) {
                let what = format!("{what}.{}", want.key);
                assert_eq!((field.required, field.secret, field.from), (want.required, want.secret, want.from), "{what}");
            }
        }
    }
}

#[test]
fn the_documented_fields_read_from_the_tables_are_the_models() {
    for vendor in model::Vendor::ALL {
        let (doc, table) = (vendor.doc(), table_of(vendor));
        assert_eq!(documented::table(doc.tag).map(|t| t.name), Some(table.name));
        for event in doc.events {
            let want: Vec<&str> = std::iter::once(doc.tag).chain(event.fields.iter().map(|f| f.key)).collect();
            assert_eq!(documented::documented(table, event.name), Some(want), "{}", event.name);
            let required: Vec<&str> = std::iter::once(doc.tag).chain(event.fields.iter().filter(|f| f.required).map(|f| f.key)).collect();
            assert_eq!(documented::required(table, event.name), required, "{}", event.name);
            // An alias is a message tag, never an event value's name.
            for alias in event.aliases {
                assert_eq!(documented::documented(table, alias), None, "{alias}");
            }
        }
    }
}

/// Messages built from a table decode as its rules say (as an object, as a JSON string, as the Rust
/// watcher reads the object and as the npm package's shape), and, for the two real vendors, as the
/// reference model says.
fn check_table_messages<V: Vendor>(model_vendor: Option<model::Vendor>) -> usize {
    let messages = table_messages::messages(V::TABLE);
    for m in &messages {
        let what = format!("{}: {}: {}", V::TABLE.name, m.what, m.data);
        assert_eq!(decode_value::<V>(&m.data), m.want, "{what}");
        assert_eq!(decode_text::<V>(&m.data.to_string()), m.want, "{what} as a string");
        assert_eq!(decode_read::<V>(&m.data), m.want, "{what} as the Rust watcher reads it");
        assert_eq!(decode_shaped::<V>(&m.data), m.want, "{what} shaped");
        if let Outcome::Event(value) = &m.want {
            assert_eq!(documented::problem_in(V::TABLE, value), None, "{what}");
        }
        if let Some(vendor) = model_vendor {
            let same = match (model::decode(vendor, &m.data), &m.want) {
                (Model::Event(a), Outcome::Event(b)) => a == *b,
                (Model::Unknown(a), Outcome::Unknown(b)) => a == *b,
                (Model::Malformed, Outcome::Malformed(_)) => true,
                _ => false,
            };
            assert!(same, "{what}: the model says {:?}", model::decode(vendor, &m.data));
        }
    }
    messages.len()
}

#[test]
fn messages_built_from_the_tables_decode_as_the_rules_and_the_model_say() {
    let ignition = check_table_messages::<Ignition>(Some(model::Vendor::Ignition));
    let signere = check_table_messages::<Signere>(Some(model::Vendor::Signere));
    assert!(ignition > 50 && signere > 200, "{ignition} Ignition and {signere} Signere messages");
}

// ---- keys and JSON -------------------------------------------------------------------------

#[test]
fn keys_are_every_segment_the_decoder_reads_once() {
    assert_eq!(Ignition::TABLE.keys(), ["status", "authCode", "client", "result", "step", "message"]);
    assert_eq!(
        Signere::TABLE.keys(),
        [
            "type", "payload", "documentId", "externalDocumentId", "eid", "language", "error", "code", "errorCode", "message",
            "errorMessage", "eidErrorCode", "eidErrorMessage",
        ]
    );
    for table in documented::TABLES {
        let keys = table.keys();
        let unique: BTreeSet<_> = keys.iter().collect();
        assert_eq!(unique.len(), keys.len(), "{} keys repeat", table.name);
        let mut segments: BTreeSet<&str> = table.tag.split('.').collect();
        for path in table.objects.iter().chain(table.events.iter().flat_map(|e| e.fields.iter().flat_map(|f| f.from.iter()))) {
            segments.extend(path.split('.'));
        }
        assert_eq!(unique, segments.iter().collect(), "{}", table.name);
        assert_eq!(keys[0], table.tag);
    }
}

#[test]
fn a_table_as_json_says_what_the_table_says() {
    for table in documented::TABLES {
        let json: Value = serde_json::from_str(&table.to_json()).expect("to_json is JSON");
        let strings = |v: &Value| v.as_array().unwrap().iter().map(|s| s.as_str().unwrap().to_string()).collect::<Vec<_>>();
        assert_eq!(json["name"], table.name);
        assert_eq!(json["watchFn"], table.watch_fn);
        assert_eq!(json["tag"], table.tag);
        assert_eq!(strings(&json["environments"]), table.environments.iter().map(|(n, _)| n.to_string()).collect::<Vec<_>>());
        assert_eq!(json["defaultOrigin"].as_str(), table.default_origin);
        assert_eq!(strings(&json["keys"]), table.keys());
        let events = json["events"].as_array().unwrap();
        assert_eq!(events.len(), table.events.len());
        for (event, spec) in events.iter().zip(table.events) {
            assert_eq!(event["name"], spec.name);
            assert_eq!(strings(&event["aliases"]), spec.aliases);
            assert_eq!(event["callback"], spec.callback);
            assert_eq!(event["terminal"], spec.terminal);
            let fields = event["fields"].as_array().unwrap();
            assert_eq!(fields.len(), spec.fields.len());
            for (field, f) in fields.iter().zip(spec.fields) {
                assert_eq!((&field["key"], &field["required"], &field["secret"]), (&Value::from(f.key), &Value::from(f.required), &Value::from(f.secret)));
                assert_eq!(strings(&field["from"]), f.from);
                assert_eq!(field.as_object().unwrap().len(), 4, "{field}");
            }
        }
    }
}

// ---- typed events --------------------------------------------------------------------------

#[test]
fn typed_events_know_their_table_entry_and_redact_secrets_in_debug() {
    table_messages::check_events::<Ignition>();
    table_messages::check_events::<Signere>();
}

// ---- allow-lists ---------------------------------------------------------------------------

fn allowed(result: Result<embed_events::AllowList, WatchError>) -> Result<Vec<String>, WatchError> {
    result.map(|list| list.origins().iter().map(|o| o.as_str().to_string()).collect())
}

#[test]
fn allow_lists_follow_origins_then_environment_then_frame_src_then_the_default() {
    let (ig, si) = (Ignition::TABLE, Signere::TABLE);
    let none: Option<&[&str]> = None;
    let production = Ok(vec!["https://ignition.axle.insure".to_string()]);
    let sandbox = Ok(vec!["https://ignition.sandbox.axle.insure".to_string()]);
    // The default, then the frame's src, then the environment, then origins.
    assert_eq!(allowed(ig.allow_list(none, None, None, false)), production);
    assert_eq!(allowed(ig.allow_list(none, None, Some("https://frame.example/x?y#z"), true)), Ok(vec!["https://frame.example".into()]));
    assert_eq!(allowed(ig.allow_list(none, Some("sandbox"), Some("https://frame.example/"), true)), sandbox);
    assert_eq!(allowed(ig.allow_list(none, Some("production"), None, false)), production);
    assert_eq!(
        allowed(ig.allow_list(Some(&["HTTPS://A.com:443/", "http://b.com:8080"]), Some("sandbox"), Some("https://frame.example/"), true)),
        Ok(vec!["https://a.com".into(), "http://b.com:8080".into()])
    );
    // A src that is not http(s) gives no origin: the default, or none.
    assert_eq!(allowed(ig.allow_list(none, None, Some("about:blank"), true)), production);
    assert_eq!(si.allow_list(none, None, Some("about:blank"), true).unwrap_err(), WatchError::NoDefaultOrigin { vendor: "Signere" });
    assert_eq!(si.allow_list(none, None, None, false).unwrap_err(), WatchError::NoDefaultOrigin { vendor: "Signere" });
    assert_eq!(allowed(si.allow_list(none, None, Some("https://sign.idfy.io/sign?id=1"), true)), Ok(vec!["https://sign.idfy.io".into()]));
    // Errors name the option.
    assert_eq!(ig.allow_list(none, Some("staging"), None, false).unwrap_err(), WatchError::Environment);
    assert_eq!(si.allow_list(none, Some("production"), None, false).unwrap_err(), WatchError::Environment);
    assert_eq!(ig.allow_list(Some(&[] as &[&str]), None, None, false).unwrap_err(), WatchError::NoOrigins);
    let error = ig.allow_list(Some(&["https://a.com", "https://b.com/x"]), None, None, false).unwrap_err();
    assert_eq!(error, WatchError::Origin(EntryError { index: 1, entry: "https://b.com/x".into(), error: OriginError::Path }));
    assert!(error.message().starts_with(r#"origins[1]: "https://b.com/x" has a path"#), "{}", error.message());
    // "null" only with a source.
    let error = si.allow_list(Some(&["https://a.com", " null "]), None, None, false).unwrap_err();
    assert_eq!(error, WatchError::Origin(EntryError { index: 1, entry: " null ".into(), error: OriginError::NullWithoutSource }));
    assert_eq!(allowed(si.allow_list(Some(&["null"]), None, None, true)), Ok(vec!["null".into()]));
    for error in [WatchError::NoOrigins, WatchError::NoDefaultOrigin { vendor: "Signere" }, WatchError::Environment] {
        let message = error.to_string();
        assert!(message.starts_with("origins: ") || message.starts_with("environment: "), "{message}");
    }
}

// ---- the TypeScript types ------------------------------------------------------------------

const DTS: &str = include_str!("../src/js/index.d.ts");

/// The text without comments (`/* … */`, `// …`), string literals kept.
fn strip_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r);
            out.push('\n');
        } else if rest.starts_with('"') {
            let end = rest[1..].find('"').map_or(rest.len(), |i| i + 2);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// A member of an interface: its name, whether it is optional (`?`), and its type.
#[derive(Debug, PartialEq)]
struct Member {
    optional: bool,
    ty: String,
}

/// Every `export interface Name [extends …] { … }`: its members.
fn interfaces(code: &str) -> BTreeMap<String, BTreeMap<String, Member>> {
    let mut found = BTreeMap::new();
    for (at, _) in code.match_indices("export interface ") {
        let head = &code[at + "export interface ".len()..];
        let name: String = head.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
        let body = &head[head.find('{').unwrap() + 1..];
        // The members, split at `;` outside nested braces, up to the closing brace.
        let (mut members, mut depth, mut start) = (BTreeMap::new(), 0, 0);
        let mut pieces = Vec::new();
        for (i, c) in body.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    pieces.push(&body[start..i]);
                    break;
                }
                '}' => depth -= 1,
                ';' if depth == 0 => {
                    pieces.push(&body[start..i]);
                    start = i + 1;
                }
                _ => {}
            }
        }
        for member in pieces.into_iter().map(str::trim).filter(|m| !m.is_empty()) {
            let (key, ty) = member.split_once(':').unwrap_or_else(|| panic!("{name}: {member}"));
            let (key, optional) = key.trim().strip_suffix('?').map_or((key.trim(), false), |k| (k, true));
            let ty = ty.split_whitespace().collect::<Vec<_>>().join(" ");
            assert!(members.insert(key.to_string(), Member { optional, ty }).is_none(), "{name}.{key} twice");
        }
        found.insert(name, members);
    }
    found
}

#[test]
fn the_shared_typescript_options_are_no_vendors_own() {
    // Each vendor's types (events, callbacks, options, watch function) are written by the build from
    // its table (scripts/vendor-types.mjs) and checked by `tsc -p tests/types`; what is still
    // hand-written is the shared `WatchOptions`, which every vendor's options extend: it has the
    // options every vendor takes and no vendor's callback, `onEvent` or `environment`, and no vendor
    // type is written by hand beside the generated ones.
    let code = strip_comments(DTS);
    let interfaces = interfaces(&code);
    let shared: BTreeSet<&str> = interfaces["WatchOptions"].keys().map(String::as_str).collect();
    for option in ["origins", "source", "once", "signal", "debug", "onUnknown", "onIgnored"] {
        assert!(shared.contains(option), "WatchOptions lacks {option}");
    }
    for table in documented::TABLES {
        for spec in table.events {
            assert!(!shared.contains(spec.callback), "WatchOptions declares {}", spec.callback);
        }
        for name in ["Event", "Callbacks", "Options"] {
            assert!(!interfaces.contains_key(&format!("{}{name}", table.name)), "index.d.ts writes {}{name} by hand", table.name);
        }
        assert!(!code.contains(&format!("function {}(", table.watch_fn)), "index.d.ts writes {} by hand", table.watch_fn);
    }
    assert!(!shared.contains("onEvent") && !shared.contains("environment"));
    assert!(code.contains(r#"export * from "./vendor-types.js";"#), "index.d.ts exports the generated vendor types");
}

#[test]
fn every_tag_value_is_short_ascii_as_the_npm_boundary_assumes() {
    // src/js/wasm.js sends a message's tag into wasm only when it is ASCII and at most 64 UTF-16
    // units long (else "", which matches nothing): no event name or alias may be anything else.
    for table in [Ignition::TABLE, Signere::TABLE] {
        for event in table.events {
            for name in std::iter::once(&event.name).chain(event.aliases) {
                assert!(!name.is_empty() && name.len() <= 64 && name.is_ascii(), "{}: {name:?}", table.name);
            }
        }
    }
}

#[test]
fn every_shape_fits_the_npm_modules_input_area() {
    // npm/src/lib.rs, INPUT_LEN: 512 bytes hold 16 blocks of one byte per key and a 64-byte tag, and the
    // answer gives a string's position in the shape plus one as a byte (16 × 15 + 1 ≤ 255).
    for table in [Ignition::TABLE, Signere::TABLE] {
        assert!(table.keys().len() <= 15, "{}: {} keys", table.name, table.keys().len());
    }
}
