//! Properties of the decoding core and of origins over generated input, beyond tests/native.rs:
//!
//! - vendor-shaped messages (every documented field, with values of every JSON type) decode exactly
//!   as a reference model written from the contract says (tests/support/model.rs), as objects and as
//!   JSON text, and delivered events carry only their documented fields;
//! - an object, its JSON given as a string, the same JSON with white space and escapes, the object
//!   read member by member as the Rust watcher reads it (src/watch.rs's `JsMessage`, as a string
//!   and as an object), and its shape as the npm package reads it (src/js/shape.js) all decode
//!   alike, malformed details included;
//! - arbitrary bytes read as JSON text never panic, for both vendors, and decode as the model says;
//! - origins built from the characters that matter (`:/\@[]%.` and friends) normalise to a fixpoint
//!   of the right shape, agree with `Origin::of_url`, and no lookalike of an accepted origin matches.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/documented.rs"]
mod documented;
#[path = "support/hosts.rs"]
mod hosts;
#[path = "support/json.rs"]
mod json;
#[path = "support/model.rs"]
mod model;

use embed_events::{AllowList, Ignition, Origin, Signere};
use hosts::may_be_refused;
use json::{decode_read, decode_shaped, decode_text, decode_value, Outcome};
use model::{Model, Vendor};
use proptest::prelude::*;
use serde_json::{Map, Value};

/// `data` decodes as the model says, and as the Rust watcher reads it (`decode_read`) alike.
fn check(vendor: Vendor, data: &Value) -> Result<(), TestCaseError> {
    let (outcome, read, tag) = match vendor {
        Vendor::Ignition => (decode_value::<Ignition>(data), decode_read::<Ignition>(data), "status"),
        Vendor::Signere => (decode_value::<Signere>(data), decode_read::<Signere>(data), "type"),
    };
    prop_assert_eq!(&outcome, &read, "{:?} as the Rust watcher reads it: {}", vendor, data);
    if let Outcome::Event(value) = &outcome {
        if let Some(problem) = documented::problem(tag, value) {
            return Err(TestCaseError::fail(format!("{vendor:?}: {problem}; input {data}")));
        }
    }
    let want = model::decode(vendor, data);
    let same = match (&want, &outcome) {
        (Model::Event(a), Outcome::Event(b)) => a == b,
        (Model::Unknown(a), Outcome::Unknown(b)) => a == b,
        (Model::Malformed, Outcome::Malformed(_)) => true,
        _ => false,
    };
    prop_assert!(same, "{:?} decoded {:?}; the contract says {:?}; input {}", vendor, outcome, want, data);
    Ok(())
}

/// A value of any JSON type, shallow; strings drawn from names that matter and from anything.
fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        3 => Just(Value::Null),
        6 => prop_oneof![Just("complete"), Just("sign_error"), Just("cod_1"), Just(""), Just("SA-1017")].prop_map(|s| Value::String(s.into())),
        6 => ".{0,6}".prop_map(Value::String),
        2 => any::<bool>().prop_map(Value::Bool),
        2 => any::<i32>().prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 3, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..3).prop_map(Value::Array),
            prop::collection::vec(("[a-z]{1,4}", inner), 0..3).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

/// An object holding some of `keys`, each with a value of any type (absent about a third of the time).
fn fields(keys: &'static [&'static str], value: BoxedStrategy<Value>) -> impl Strategy<Value = Map<String, Value>> {
    prop::collection::vec(prop::option::weighted(0.6, value), keys.len()).prop_map(move |values| {
        keys.iter().zip(values).filter_map(|(k, v)| v.map(|v| ((*k).to_string(), v))).collect()
    })
}

/// A string most of the time (so that events are delivered often), any value otherwise.
fn mostly_string() -> BoxedStrategy<Value> {
    prop_oneof![
        7 => "[a-zA-Z0-9_ -]{0,8}".prop_map(Value::String),
        3 => any_value(),
    ]
    .boxed()
}

fn tag_value(names: &'static [&'static str]) -> BoxedStrategy<Value> {
    prop_oneof![
        8 => prop::sample::select(names).prop_map(|s| Value::String(s.into())),
        1 => prop::sample::select(&["Complete", "complete ", "sign-success", "opened", "ping", ""][..]).prop_map(|s| Value::String(s.into())),
        1 => any_value(),
    ]
    .boxed()
}

const IGNITION_STATUSES: &[&str] = &["complete", "exit", "error"];
const SIGNERE_TYPES: &[&str] = &[
    "document_expired", "document_read", "eid_selected", "language_changed", "sign_success", "sign_error",
    "spinner_on", "spinner_off", "user_aborted", "user_canceled", "app_started", "outdated_browser",
];

fn ignition_message() -> impl Strategy<Value = Value> {
    (
        prop::option::weighted(0.95, tag_value(IGNITION_STATUSES)),
        fields(&["authCode", "client", "result", "step", "message", "payload", "type"], mostly_string()),
    )
        .prop_map(|(status, mut m)| {
            if let Some(status) = status {
                m.insert("status".into(), status);
            }
            Value::Object(m)
        })
}

fn signere_message() -> impl Strategy<Value = Value> {
    let error = prop_oneof![
        6 => fields(&["code", "message"], mostly_string()).prop_map(Value::Object),
        1 => any_value(),
    ];
    let payload_keys: &'static [&'static str] = &[
        "documentId", "externalDocumentId", "eid", "language", "errorCode", "errorMessage", "eidErrorCode",
        "eidErrorMessage", "code", "message", "status", "authCode",
    ];
    let payload = prop_oneof![
        8 => (fields(payload_keys, mostly_string()), prop::option::weighted(0.4, error)).prop_map(|(mut p, e)| {
            if let Some(e) = e {
                p.insert("error".into(), e);
            }
            Value::Object(p)
        }),
        1 => Just(Value::Null),
        1 => any_value(),
    ];
    (
        prop::option::weighted(0.95, tag_value(SIGNERE_TYPES)),
        prop::option::weighted(0.8, payload),
        fields(&["documentId", "eid", "status"], mostly_string()),
    )
        .prop_map(|(ty, payload, mut m)| {
            if let Some(ty) = ty {
                m.insert("type".into(), ty);
            }
            if let Some(payload) = payload {
                m.insert("payload".into(), payload);
            }
            Value::Object(m)
        })
}

/// JSON text of `value` written differently from serde_json's compact form: white space around
/// every token, and every string character after the first as a `\uXXXX` escape (surrogate pairs
/// beyond the BMP).
fn spaced_and_escaped(value: &Value) -> String {
    match value {
        Value::String(s) => {
            let mut out = String::from(" \"");
            for (i, c) in s.chars().enumerate() {
                if i == 0 && c != '"' && c != '\\' && c >= ' ' {
                    out.push(c);
                } else {
                    let mut units = [0u16; 2];
                    for unit in c.encode_utf16(&mut units) {
                        out.push_str(&format!("\\u{unit:04X}"));
                    }
                }
            }
            out.push_str("\" ");
            out
        }
        Value::Object(members) => {
            let members: Vec<String> = members
                .iter()
                .map(|(k, v)| format!("{}\t:\n{}", spaced_and_escaped(&Value::String(k.clone())), spaced_and_escaped(v)))
                .collect();
            format!("\r\n{{ {} }} ", members.join(" ,\n"))
        }
        Value::Array(items) => format!(" [ {} ] ", items.iter().map(spaced_and_escaped).collect::<Vec<_>>().join(" , ")),
        other => format!(" {other} "),
    }
}

/// An object decodes the same from its JSON, from that JSON given as a string, from differently
/// written JSON, as the Rust watcher reads it (the object, and its JSON as a string) and from the
/// shape the npm package reads; as the model says.
fn check_forms(message: &Value) -> Result<(), TestCaseError> {
    fn forms<V: embed_events::Vendor>(message: &Value) -> Result<(), TestCaseError> {
        let object = decode_value::<V>(message);
        let text = message.to_string();
        prop_assert_eq!(&object, &decode_value::<V>(&Value::String(text.clone())), "{} as a string: {}", V::TABLE.name, text);
        prop_assert_eq!(&object, &decode_text::<V>(&spaced_and_escaped(message)), "{} spaced and escaped: {}", V::TABLE.name, text);
        prop_assert_eq!(&object, &decode_text::<V>(&serde_json::to_string_pretty(message).unwrap()), "{} pretty: {}", V::TABLE.name, text);
        prop_assert_eq!(&object, &decode_read::<V>(message), "{} read by the Rust watcher: {}", V::TABLE.name, text);
        prop_assert_eq!(&object, &decode_read::<V>(&Value::String(text.clone())), "{} as a string read by the Rust watcher: {}", V::TABLE.name, text);
        prop_assert_eq!(&object, &decode_shaped::<V>(message), "{} shaped: {:?}", V::TABLE.name, json::shape(V::TABLE, message));
        Ok(())
    }
    forms::<Ignition>(message)?;
    forms::<Signere>(message)?;
    for vendor in [Vendor::Ignition, Vendor::Signere] {
        check(vendor, message)?;
        check(vendor, &Value::String(message.to_string()))?;
        check(vendor, &Value::String(spaced_and_escaped(message)))?;
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn ignition_shaped_messages_decode_as_the_contract_says(message in ignition_message()) {
        for vendor in [Vendor::Ignition, Vendor::Signere] {
            check(vendor, &message)?;
            check(vendor, &Value::String(message.to_string()))?;
        }
    }

    #[test]
    fn signere_shaped_messages_decode_as_the_contract_says(message in signere_message()) {
        for vendor in [Vendor::Signere, Vendor::Ignition] {
            check(vendor, &message)?;
            check(vendor, &Value::String(message.to_string()))?;
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1500))]

    #[test]
    fn an_object_and_its_json_as_a_string_decode_alike(message in prop_oneof![ignition_message(), signere_message()]) {
        check_forms(&message)?;
    }
}

/// Bytes that are often nearly JSON: tokens of both vendors' messages and JSON punctuation.
fn json_ish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let token = prop_oneof![
        prop::sample::select(&[
            "{", "}", "[", "]", ":", ",", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "1e999", "-0",
            "\"status\"", "\"type\"", "\"payload\"", "\"authCode\"", "\"error\"", "\"code\"", "\"complete\"",
            "\"sign_error\"", "\"eid_selected\"", "\"__proto__\"", "\"eid\"", " ",
        ][..]).prop_map(|s| s.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 1..4),
    ];
    prop::collection::vec(token, 0..40).prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn arbitrary_bytes_as_json_text_never_panic_and_decode_as_the_contract_says(bytes in json_ish_bytes()) {
        if let Ok(value) = serde_json::from_slice::<Value>(&bytes) {
            check(Vendor::Ignition, &value)?;
            check(Vendor::Signere, &value)?;
        }
        let text = Value::String(String::from_utf8_lossy(&bytes).into_owned());
        check(Vendor::Ignition, &text)?;
        check(Vendor::Signere, &text)?;
    }
}

// ---- origins -------------------------------------------------------------------------------

/// Strings over the characters that decide how an origin splits.
fn origin_ish() -> impl Strategy<Value = String> {
    let prefix = prop::sample::select(&["https://", "http://", "HTTPS://", "https:\\\\", "https:/", "https:", "//", "ws://", "", "null"][..]);
    let body = prop::collection::vec(
        prop_oneof![
            6 => "[a-z0-9]{1,5}",
            6 => prop::sample::select(&[
                ".", ":", "/", "\\", "@", "[", "]", "?", "#", "%", "%2e", "%41", ":443", ":80", ":0", ":65536", "::1",
                " ", "\t", "\u{0}", "\u{7f}", "\u{85}", "\u{200b}", "\u{fc}", "\u{130}", "K", "xn--", "*", "-", "_",
            ][..]).prop_map(String::from),
        ],
        0..10,
    )
    .prop_map(|parts| parts.concat());
    (prefix, body).prop_map(|(p, b)| format!("{p}{b}"))
}

fn assert_well_shaped(entry: &str, origin: &Origin) -> Result<(), TestCaseError> {
    let s = origin.as_str();
    prop_assert_eq!(Origin::parse(s), Ok(origin.clone()), "normalising {:?} again", s);
    prop_assert!(AllowList::parse([entry]).is_ok_and(|l| l.allows(s)));
    if origin.is_null() {
        prop_assert_eq!(s, "null");
        return Ok(());
    }
    let (scheme, rest) = s.split_once("://").expect("scheme://");
    prop_assert!(scheme == "http" || scheme == "https", "{:?} → {:?}", entry, s);
    prop_assert!(!rest.is_empty());
    prop_assert!(!rest.contains(['/', '\\', '?', '#', '@']), "{:?} → {:?} is not bare", entry, s);
    prop_assert!(!rest.chars().any(|c| c <= ' ' || c.is_control()), "{:?} → {:?} has a control", entry, s);
    prop_assert!(!rest.bytes().any(|b| b.is_ascii_uppercase()), "{:?} → {:?} is not lower case", entry, s);
    prop_assert!(!s.ends_with(if scheme == "https" { ":443" } else { ":80" }), "{:?} → {:?} keeps its default port", entry, s);
    prop_assert_eq!(Origin::of_url(s), Some(origin.clone()), "of_url({:?})", s);
    let with_path = format!("{s}/a@b?c=https://x#@y");
    prop_assert_eq!(Origin::of_url(&with_path), Some(origin.clone()), "of_url({:?})", with_path);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(6000))]

    #[test]
    fn accepted_origins_are_bare_lower_case_fixpoints(entry in origin_ish()) {
        if let Ok(origin) = Origin::parse(&entry) {
            assert_well_shaped(&entry, &origin)?;
        }
        if let Some(origin) = Origin::of_url(&entry) {
            prop_assert_eq!(Origin::parse(origin.as_str()), Ok(origin.clone()), "of_url({:?}) is not a fixpoint", entry);
        }
    }

    #[test]
    fn no_lookalike_of_an_allowed_origin_is_allowed(
        scheme in prop::sample::select(&["http", "https"][..]),
        labels in prop::collection::vec("[a-z0-9-]{1,8}", 1..4),
        port in prop::option::of(1u16..),
        mutation in 0usize..14,
        at in any::<prop::sample::Index>(),
    ) {
        let host = labels.join(".");
        let entry = match port { Some(p) => format!("{scheme}://{host}:{p}"), None => format!("{scheme}://{host}") };
        // Rejected only for a host the URL standard refuses (see `may_be_refused`).
        let Ok(list) = AllowList::parse([entry.as_str()]) else {
            prop_assert!(may_be_refused(&host), "{} is rejected", entry);
            return Ok(());
        };
        let allowed = list.origins()[0].as_str().to_string();
        prop_assert!(list.allows(&allowed));
        let other_scheme = if scheme == "https" { "http" } else { "https" };
        let i = at.index(allowed.len() + 1);
        let lookalike = match mutation {
            0 => format!("{allowed}.evil.com"),
            1 => format!("{allowed}."),
            2 => format!("{allowed}/"),
            3 => format!("{scheme}://evil{}", &allowed[scheme.len() + 3..]),
            4 => format!("{scheme}://evil.{}", &allowed[scheme.len() + 3..]),
            5 => allowed.replacen(scheme, other_scheme, 1),
            6 => format!("{allowed}:{}", if scheme == "https" { 443 } else { 80 }),
            7 => allowed.to_ascii_uppercase(),
            8 => format!("{scheme}://user@{}", &allowed[scheme.len() + 3..]),
            9 => format!(" {allowed}"),
            10 => format!("{allowed}\u{0}"),
            11 => format!("{}{}", &allowed[..i], &allowed[(i + 1).min(allowed.len())..]),
            12 => format!("{}x{}", &allowed[..i], &allowed[i..]),
            _ => format!("{scheme}://{}", &allowed[scheme.len() + 3..].replace('.', "%2e")),
        };
        if lookalike != allowed {
            prop_assert!(!list.allows(&lookalike), "{:?} allows the lookalike {:?}", allowed, lookalike);
        }
    }
}

// ---- the noise corpus, natively --------------------------------------------------------------

/// Whether a corpus value uses a generator (`$gen`, `$js`), which only the browser test expands.
fn generated(value: &Value) -> bool {
    match value {
        Value::Object(o) => o.contains_key("$gen") || o.contains_key("$js") || o.values().any(generated),
        Value::Array(a) => a.iter().any(generated),
        _ => false,
    }
}

#[test]
fn the_noise_corpus_is_well_formed_and_its_plain_entries_decode_as_the_contract_says() {
    let corpus: Value = serde_json::from_str(include_str!("data/noise.json")).expect("tests/data/noise.json is JSON");
    let entries = corpus["entries"].as_array().expect("entries");
    let mut plain = 0;
    let mut tags = std::collections::BTreeSet::new();
    for (i, entry) in entries.iter().enumerate() {
        let tag = entry["tag"].as_str().unwrap_or_else(|| panic!("entry {i} has no tag"));
        assert!(entry["what"].as_str().is_some_and(|w| !w.is_empty()), "entry {i} says not what it is");
        assert!(entry.get("data").is_some(), "entry {i} has no data");
        tags.insert(tag);
        if let Some(valid) = entry.get("valid") {
            assert!(matches!(valid["vendor"].as_str(), Some("ignition" | "signere")), "entry {i}");
            assert!(valid["callback"].as_str().is_some_and(|c| c.starts_with("on")), "entry {i}");
        }
        let data = &entry["data"];
        if generated(data) || entry.get("stringify").is_some() {
            continue;
        }
        plain += 1;
        if data.is_object() {
            check_forms(data).unwrap_or_else(|e| panic!("entry {i} ({tag}): {e}"));
        }
        for vendor in [Vendor::Ignition, Vendor::Signere] {
            check(vendor, data).unwrap_or_else(|e| panic!("entry {i} ({tag}): {e}"));
            let outcome = model::decode(vendor, data);
            let valid_here = entry.get("valid").is_some_and(|v| v["vendor"] == if vendor == Vendor::Ignition { "ignition" } else { "signere" });
            // Only the entries marked valid are delivered; everything else is unknown or malformed.
            assert_eq!(matches!(outcome, Model::Event(_)), valid_here, "entry {i} ({tag}) for {vendor:?}: {outcome:?}");
            if valid_here {
                // ... to the callback the entry names.
                let Model::Event(value) = &outcome else { unreachable!() };
                let doc = vendor.doc();
                let name = value[doc.tag].as_str().unwrap();
                let callback = doc.events.iter().find(|e| e.name == name).map(|e| e.callback);
                assert_eq!(callback, entry["valid"]["callback"].as_str(), "entry {i} ({tag})");
            }
        }
    }
    println!("noise corpus: {} entries ({plain} plain, {} generated), {} tags", entries.len(), entries.len() - plain, tags.len());
    assert!(entries.len() >= 120, "only {} entries", entries.len());
}
