// Origin lookalikes and allow-list entries, read from the case files that the JavaScript rules run
// too (tests/js/origins.test.mjs): tests/data/origins.json (entries and what they normalise to)
// and tests/data/allow.json (senders against allow-lists). Run natively (tests/origins.rs, against
// `AllowList` and `Origin`) and in three engines (tests/browser_hostile.rs, through the real
// listener with the entries passed as `origins` and each sender posted from the watched frame).
//
// `Origin::parse` is the one authority, natively and in the browser: every canonical origin in
// the files is what `new URL(entry).origin` gives (checked with Node's URL parser, which implements
// the same standard as browsers; the browser tests check it against the browser's own). `ENTRIES`
// are entries and what they normalise to or why they are rejected; `BROWSER_ENTRIES` are entries
// whose canonical form differs from how they are written (IDN → punycode, IPv4 number forms,
// percent-encoded hosts, compressed IPv6); `NODE` is a list of varied entries with the origin Node
// gives for each.
#![allow(dead_code)]

use std::ops::Deref;
use std::sync::OnceLock;

use serde_json::Value;

/// A sender origin (`MessageEvent.origin`, any string: synthetic events can carry anything)
/// against an allow-list, and whether it must be accepted.
pub struct Lookalike {
    pub list: &'static [&'static str],
    pub sender: &'static str,
    pub accept: bool,
}

/// What an allow-list entry comes out as: its normalised origin, or the reason it is a `TypeError`
/// (the text that follows the quoted entry in the message).
pub enum Entry {
    Normalises(&'static str),
    Rejected(&'static str),
}

pub struct EntryCase {
    pub entry: &'static str,
    pub expect: Entry,
}

/// Entries whose canonical form differs from how they are written (IDN → punycode, IPv4 number
/// forms, percent-encoded hosts, compressed IPv6): what `Origin::parse` gives, natively and in the
/// browser, which is what `new URL(entry).origin` gives.
pub struct BrowserEntry {
    pub entry: &'static str,
    /// `Some(origin)`: the canonical origin the watcher accepts; `None`: a `TypeError` naming the entry.
    pub canonical: Option<&'static str>,
}

/// An entry, the origin Node's `new URL(entry).origin` gives for it (`None`: it throws), and what
/// `Origin::parse` makes of it: that same origin, or a rejection with the given reason.
pub struct NodeCase {
    pub entry: &'static str,
    pub node: Option<&'static str>,
    /// `None`: `Origin::parse` gives the origin Node gives; `Some(reason)`: it rejects the entry
    /// (Node throws, or the entry is not a bare http(s) origin, a host another browser reads
    /// differently, or characters it does not normalise).
    pub rejected: Option<&'static str>,
}

pub const EMPTY: &str = "is empty";
pub const WILDCARD: &str = "is not allowed: it would trust every page on the web";
pub const NO_SCHEME: &str = "has no scheme";
pub const SCHEME: &str = "is not an http or https origin";
pub const CREDENTIALS: &str = "has credentials";
pub const PATH: &str = "has a path";
pub const QUERY: &str = "has a query";
pub const FRAGMENT: &str = "has a fragment";
pub const PORT: &str = "has a port that is not a number from 0 to 65535";
pub const HOST: &str = "does not parse as an origin (bad host)";
pub const UNSUPPORTED: &str = "has characters in its host that this version does not normalise";

/// The case files, as the JavaScript tests read them.
pub const ORIGINS_JSON: &str = include_str!("../data/origins.json");
pub const ALLOW_JSON: &str = include_str!("../data/allow.json");

/// The start of the message for an `OriginError` named as the case files name it (its variant).
pub fn reason(kind: &str) -> &'static str {
    match kind {
        "Empty" => EMPTY,
        "Wildcard" => WILDCARD,
        "NoScheme" => NO_SCHEME,
        "Scheme" => SCHEME,
        "Credentials" => CREDENTIALS,
        "Path" => PATH,
        "Query" => QUERY,
        "Fragment" => FRAGMENT,
        "Port" => PORT,
        "Host" => HOST,
        "Unsupported" => UNSUPPORTED,
        other => panic!("no OriginError is named {other:?}"),
    }
}

/// A table read from its case file on first use, iterated as a slice.
#[derive(Clone, Copy)]
pub struct Table<T: 'static>(fn() -> &'static [T]);

impl<T> Deref for Table<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        (self.0)()
    }
}

impl<T> IntoIterator for Table<T> {
    type Item = &'static T;
    type IntoIter = std::slice::Iter<'static, T>;
    fn into_iter(self) -> Self::IntoIter {
        (self.0)().iter()
    }
}

pub const LOOKALIKES: Table<Lookalike> = Table(lookalikes);
pub const ENTRIES: Table<EntryCase> = Table(entries);
pub const BROWSER_ENTRIES: Table<BrowserEntry> = Table(browser_entries);
pub const NODE: Table<NodeCase> = Table(node);

/// `origins.json` (`true`) or `allow.json`, parsed once.
fn file(origins: bool) -> &'static Value {
    static ORIGINS: OnceLock<Value> = OnceLock::new();
    static ALLOW: OnceLock<Value> = OnceLock::new();
    let (cell, text) = if origins { (&ORIGINS, ORIGINS_JSON) } else { (&ALLOW, ALLOW_JSON) };
    cell.get_or_init(|| serde_json::from_str(text).expect("the case file is JSON"))
}

fn text(value: &'static Value) -> &'static str {
    value.as_str().unwrap_or_else(|| panic!("{value} is not a string"))
}

fn optional(value: Option<&'static Value>) -> Option<&'static str> {
    value.filter(|v| !v.is_null()).map(text)
}

fn cases(origins: bool, key: &str) -> &'static [Value] {
    file(origins)[key].as_array().unwrap_or_else(|| panic!("no {key} in the case file"))
}

fn lookalikes() -> &'static [Lookalike] {
    static CASES: OnceLock<Vec<Lookalike>> = OnceLock::new();
    CASES.get_or_init(|| {
        let lists = &file(false)["lists"];
        let lists: std::collections::HashMap<&str, &'static [&'static str]> = lists
            .as_object()
            .expect("lists")
            .iter()
            .map(|(name, list)| {
                let entries: Vec<&'static str> = list.as_array().expect("a list").iter().map(text).collect();
                (name.as_str(), &*Box::leak(entries.into_boxed_slice()))
            })
            .collect();
        cases(false, "lookalikes")
            .iter()
            .map(|c| Lookalike { list: lists[text(&c["list"])], sender: text(&c["sender"]), accept: c["accept"].as_bool().expect("accept") })
            .collect()
    })
}

fn entries() -> &'static [EntryCase] {
    static CASES: OnceLock<Vec<EntryCase>> = OnceLock::new();
    CASES.get_or_init(|| {
        cases(true, "entries")
            .iter()
            .map(|c| EntryCase {
                entry: text(&c["entry"]),
                expect: match optional(c.get("origin")) {
                    Some(origin) => Entry::Normalises(origin),
                    None => Entry::Rejected(reason(text(&c["error"]))),
                },
            })
            .collect()
    })
}

fn browser_entries() -> &'static [BrowserEntry] {
    static CASES: OnceLock<Vec<BrowserEntry>> = OnceLock::new();
    CASES.get_or_init(|| {
        cases(true, "browser_entries")
            .iter()
            .map(|c| {
                let canonical = optional(c.get("origin"));
                assert!(canonical.is_some() || c["error"] == "Host", "{c}: a browser entry is canonical or a bad host");
                BrowserEntry { entry: text(&c["entry"]), canonical }
            })
            .collect()
    })
}

fn node() -> &'static [NodeCase] {
    static CASES: OnceLock<Vec<NodeCase>> = OnceLock::new();
    CASES.get_or_init(|| {
        cases(true, "node")
            .iter()
            .map(|c| NodeCase { entry: text(&c["entry"]), node: optional(c.get("node")), rejected: optional(c.get("error")).map(reason) })
            .collect()
    })
}
