//! Arbitrary bytes through the decoding core:
//!
//! (a) as a message's JSON text, decoded by both vendors (and by the test-only Queue vendor,
//!     tests/support/queue.rs), typed and by table alone (which must agree), and compared with the
//!     reference model written from the contract (tests/support/model.rs), which reads the text as
//!     `JSON.parse` does; a delivered event carries only its documented fields, all strings;
//! (b) when the bytes are a JSON object, decoded as that object (its JSON, the projection onto the
//!     vendor's keys the Rust watcher writes, the shape the npm package reads): the same outcome as
//!     from the text;
//! (c) as allow-list entries and frame `src` URLs for `Origin::parse`, `Origin::of_url` and
//!     `AllowList`: an accepted entry is a bare, lower-case http(s) origin without its default
//!     port, normalising it again changes nothing, and a rejected list names its first bad entry;
//! (d) as URLs and parent origins for `ignition_url`: setting the origin twice changes nothing.
//!
//! Nothing may panic. Run with scripts/fuzz.sh.
#![no_main]

use embed_events::{ignition_url, AllowList, Ignition, Origin, Signere, Vendor as _};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;

#[path = "../../tests/support/json.rs"]
mod json;
#[path = "../../tests/support/model.rs"]
mod model;
#[path = "../../tests/support/documented.rs"]
mod documented;
#[path = "../../tests/support/queue.rs"]
mod queue;

use json::{decode_projected, decode_shaped, decode_text, decode_value, Outcome};
use model::{Model, Vendor};
use queue::Queue;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    check_message(&Value::String(text.clone().into_owned()));
    if let Ok(value) = serde_json::from_slice::<Value>(bytes) {
        check_message(&value);
        if value.is_object() {
            check_object(&value, &text);
        }
    }
    if let Outcome::Event(value) = decode_text::<Queue>(&text) {
        assert_eq!(documented::problem_in(Queue::TABLE, &value), None, "Queue: {value}");
    }
    check_origins(&text);
    check_ignition_url(&text);
});

fn check_message(data: &Value) {
    let ignition = decode_value::<Ignition>(data);
    agrees(Vendor::Ignition, "status", data, &ignition);
    let signere = decode_value::<Signere>(data);
    agrees(Vendor::Signere, "type", data, &signere);
}

/// An object decodes as its text does, whole or projected onto the vendor's keys.
fn check_object(object: &Value, text: &str) {
    assert_eq!(decode_value::<Ignition>(object), decode_text::<Ignition>(text), "Ignition: {text}");
    assert_eq!(decode_projected::<Ignition>(object), decode_text::<Ignition>(text), "Ignition projected: {text}");
    assert_eq!(decode_value::<Signere>(object), decode_text::<Signere>(text), "Signere: {text}");
    assert_eq!(decode_projected::<Signere>(object), decode_text::<Signere>(text), "Signere projected: {text}");
    assert_eq!(decode_projected::<Queue>(object), decode_text::<Queue>(text), "Queue projected: {text}");
    assert_eq!(decode_shaped::<Ignition>(object), decode_text::<Ignition>(text), "Ignition shaped: {text}");
    assert_eq!(decode_shaped::<Signere>(object), decode_text::<Signere>(text), "Signere shaped: {text}");
    assert_eq!(decode_shaped::<Queue>(object), decode_text::<Queue>(text), "Queue shaped: {text}");
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
    // The same list through a vendor's options: the same origins, or an error naming the entry.
    let table = Signere::TABLE;
    if let (Ok(list), Ok(again)) = (AllowList::parse(&lines), table.allow_list(Some(&lines), None, None, true)) {
        assert_eq!(list.origins(), again.origins());
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

/// The first line as the URL, the second as the parent origin: the URL keeps its origin, and
/// setting the parameter again changes nothing. URLs ending in a C0 control or a space are left
/// out: the URL parser ignores those, but `ignition_url` keeps them as written, so the parameter
/// lands after them (`"https://a.com "` → `"https://a.com ?origin=…"`, which has no origin).
fn check_ignition_url(text: &str) {
    let mut lines = text.splitn(2, '\n');
    let (url, parent) = (lines.next().unwrap_or(""), lines.next().unwrap_or("https://a.com"));
    if url.ends_with(|c: char| c <= ' ') {
        let _ = ignition_url(url, Some(parent));
        return;
    }
    if let Ok(set) = ignition_url(url, Some(parent)) {
        assert_eq!(Origin::of_url(&set), Origin::of_url(url), "ignition_url({url:?}, {parent:?}) = {set:?}");
        assert_eq!(ignition_url(&set, Some(parent)).as_ref(), Ok(&set), "ignition_url({url:?}, {parent:?}) twice");
        let origin = Origin::parse(parent).expect("an accepted parent origin parses");
        assert!(!origin.is_null());
    }
}
