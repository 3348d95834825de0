//! Arbitrary bytes through the decoding core:
//!
//! (a) as JSON text parsed by serde_json, decoded by both vendors (as the parsed value and as the
//!     JSON string itself, the two forms `event.data` takes), and compared with the reference model
//!     written from the contract (tests/support/model.rs); a delivered event carries only its
//!     documented fields, all strings;
//! (b) as allow-list entries and frame `src` URLs for `Origin::parse`, `Origin::of_url` and
//!     `AllowList`: an accepted entry is a bare, lower-case http(s) origin without its default
//!     port, normalising it again changes nothing, and a rejected list names its first bad entry.
//!
//! Nothing may panic. Run with scripts/fuzz.sh.
#![no_main]

use embed_events::{AllowList, Ignition, Origin, Signere};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[path = "../../tests/support/json.rs"]
#[allow(dead_code)]
mod json;
#[path = "../../tests/support/model.rs"]
mod model;
#[path = "../../tests/support/documented.rs"]
mod documented;

use json::{decode_value, Outcome};
use model::{Model, Vendor};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(value) = serde_json::from_slice::<Value>(bytes) {
        check_message(&value);
    }
    let text = String::from_utf8_lossy(bytes);
    check_message(&Value::String(text.clone().into_owned()));
    check_origins(&text);
});

fn check_message(data: &Value) {
    let ignition = decode_value::<Ignition>(data);
    agrees(Vendor::Ignition, "status", data, &ignition);
    let signere = decode_value::<Signere>(data);
    agrees(Vendor::Signere, "type", data, &signere);
}

fn agrees(vendor: Vendor, tag: &str, data: &Value, outcome: &Outcome) {
    if let Outcome::Event(value) = outcome {
        if let Some(problem) = documented::problem(tag, value) {
            panic!("{vendor:?}: {problem}\ninput: {data}");
        }
    }
    let want = model::decode(vendor, data);
    let same = match (&want, outcome) {
        (Model::Event(a), Outcome::Event(b)) => a == b,
        (Model::Unknown(a), Outcome::Unknown(b)) => a == b,
        (Model::Malformed, Outcome::Malformed(_)) => true,
        _ => false,
    };
    assert!(same, "{vendor:?} decoded {outcome:?}, the contract says {want:?}\ninput: {data}");
}

fn check_origins(text: &str) {
    check_entry(text);
    for line in text.lines() {
        check_entry(line);
    }
    if let Some(origin) = Origin::of_url(text) {
        assert_eq!(Origin::parse(origin.as_str()).as_ref(), Ok(&origin), "of_url({text:?}) is not a fixpoint");
    }
    // A list: either every entry parses and every one is allowed, or the first bad one is named.
    let lines: Vec<&str> = text.split('\n').collect();
    match AllowList::parse(&lines) {
        Ok(list) => {
            assert_eq!(list.origins().len(), lines.len());
            for origin in list.origins() {
                assert!(list.allows(origin.as_str()));
            }
        }
        Err(error) => {
            assert!(lines.iter().take(error.index).all(|l| Origin::parse(l).is_ok()), "{error:?} is not the first bad entry");
            assert_eq!(Origin::parse(lines[error.index]), Err(error.error));
            assert_eq!(error.entry, lines[error.index]);
            let named = format!("origins[{}]: \"{}\" {}", error.index, error.entry, error.error);
            assert_eq!(error.to_string(), named);
        }
    }
}

fn check_entry(entry: &str) {
    let Ok(origin) = Origin::parse(entry) else { return };
    let s = origin.as_str();
    assert_eq!(Origin::parse(s).as_ref(), Ok(&origin), "normalising {entry:?} twice is not a fixpoint");
    assert!(AllowList::parse([entry]).is_ok_and(|list| list.allows(s)));
    if origin.is_null() {
        assert_eq!(s, "null");
        return;
    }
    let (scheme, rest) = s.split_once("://").unwrap_or_else(|| panic!("{entry:?} → {s:?} has no scheme"));
    assert!(scheme == "http" || scheme == "https", "{entry:?} → {s:?}");
    assert!(!rest.is_empty(), "{entry:?} → {s:?} has no host");
    assert!(!rest.contains(['/', '\\', '?', '#', '@']) && !rest.chars().any(|c| c <= ' '), "{entry:?} → {s:?} is not bare");
    assert!(!rest.bytes().any(|b| b.is_ascii_uppercase()), "{entry:?} → {s:?} is not lower case");
    let default = if scheme == "https" { ":443" } else { ":80" };
    assert!(!s.ends_with(default), "{entry:?} → {s:?} keeps its default port");
    assert_eq!(Origin::of_url(s).as_ref(), Some(&origin), "of_url disagrees with parse on {s:?}");
    assert_eq!(Origin::of_url(&format!("{s}/path?q#f")).as_ref(), Some(&origin), "of_url({s:?}/path?q#f)");
}
