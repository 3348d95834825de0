//! Arbitrary bytes through the decoding core:
//!
//! (a) as a message's JSON text, decoded by both vendors (and by the test-only Queue vendor,
//!     tests/support/queue.rs), typed and by table alone (which must agree), and compared with the
//!     reference model written from the contract (tests/support/model.rs), which reads the text as
//!     `JSON.parse` does; a delivered event carries only its documented fields, all strings;
//! (b) as the Rust watcher reads them (a string parsed first, an object member by member, the
//!     native twin of src/watch.rs's `JsMessage`): the same outcome as from the text; and when the
//!     bytes are a JSON object, decoded as that object (its JSON, as the Rust watcher reads it, the
//!     shape the npm package reads): the same outcome as from the text;
//! (c) as allow-list entries and frame `src` URLs for `Origin::parse`, `Origin::of_url` and
//!     `AllowList`: an accepted entry is a bare, lower-case http(s) origin without its default
//!     port, normalising it again changes nothing, and a rejected list names its first bad entry;
//! (d) as URLs and parent origins for `ignition_url`: the URL keeps its origin, the result has the
//!     parameter, and setting the origin twice changes nothing.
//!
//! Nothing may panic. Run with scripts/fuzz.sh.
#![no_main]

use embed_events::{ignition_url, report::has_origin_param, AllowList, Ignition, Origin, Signere, Vendor as _};
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

use json::{decode_read, decode_shaped, decode_text, decode_value, Outcome};
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
    assert_eq!(decode_read::<Ignition>(data), ignition, "Ignition read by the Rust watcher: {data}");
    let signere = decode_value::<Signere>(data);
    agrees(Vendor::Signere, "type", data, &signere);
    assert_eq!(decode_read::<Signere>(data), signere, "Signere read by the Rust watcher: {data}");
}

/// An object decodes as its text does: whole, as the Rust watcher reads it, and by its shape.
fn check_object(object: &Value, text: &str) {
    assert_eq!(decode_value::<Ignition>(object), decode_text::<Ignition>(text), "Ignition: {text}");
    assert_eq!(decode_read::<Ignition>(object), decode_text::<Ignition>(text), "Ignition read: {text}");
    assert_eq!(decode_value::<Signere>(object), decode_text::<Signere>(text), "Signere: {text}");
    assert_eq!(decode_read::<Signere>(object), decode_text::<Signere>(text), "Signere read: {text}");
    assert_eq!(decode_read::<Queue>(object), decode_text::<Queue>(text), "Queue read: {text}");
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

/// The first line as the URL, the second as the parent origin (the whole text as the URL, too): the
/// URL keeps its origin, the result has the parameter and no C0 control or space at either end nor
/// tab or newline anywhere (the URL parser would drop those), and setting the parameter again
/// changes nothing.
fn check_ignition_url(text: &str) {
    let mut lines = text.splitn(2, '\n');
    let (url, parent) = (lines.next().unwrap_or(""), lines.next().unwrap_or("https://a.com"));
    check_ignition_url_with(url, parent);
    check_ignition_url_with(text, "https://a.com");
}

fn check_ignition_url_with(url: &str, parent: &str) {
    if let Ok(set) = ignition_url(url, Some(parent)) {
        assert_eq!(Origin::of_url(&set), Origin::of_url(url), "ignition_url({url:?}, {parent:?}) = {set:?}");
        assert!(has_origin_param(&set), "ignition_url({url:?}, {parent:?}) = {set:?} has no origin parameter");
        assert!(!set.starts_with(|c: char| c <= ' ') && !set.ends_with(|c: char| c <= ' '), "ignition_url({url:?}, {parent:?}) = {set:?}");
        assert!(!set.contains(['\t', '\n', '\r']), "ignition_url({url:?}, {parent:?}) = {set:?}");
        assert_eq!(ignition_url(&set, Some(parent)).as_ref(), Ok(&set), "ignition_url({url:?}, {parent:?}) twice");
        let origin = Origin::parse(parent).expect("an accepted parent origin parses");
        assert!(!origin.is_null());
    }
}
