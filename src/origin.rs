//! Allow-list entries: parse, normalise, match. Pure Rust, tested natively.
//!
//! An entry is normalised the way the URL standard serialises an origin: scheme and host lower-cased,
//! the scheme's default port dropped, a lone trailing `/` allowed. Anything that is not a bare
//! `http(s)` origin is rejected with an [`OriginError`] that says what is wrong, so that a
//! configuration mistake surfaces when the watcher is created rather than as "no events arrive".
//!
//! In the browser the crate additionally passes every accepted entry through the browser's own URL
//! parser, which canonicalises what this module leaves alone (international host names to punycode,
//! IPv4 numbers in hex or short forms, percent-encoded hosts).

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

/// A normalised origin, as the browser serialises `MessageEvent.origin`: `https://example.com`,
/// `http://localhost:8080`, or `null`.
///
/// ```
/// use embed_events::Origin;
/// let origin = Origin::parse("HTTPS://Ignition.Axle.Insure:443/").unwrap();
/// assert_eq!(origin.as_str(), "https://ignition.axle.insure");
/// assert!(origin.matches("https://ignition.axle.insure"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Origin(String);

/// Why an allow-list entry was rejected. [`Display`](fmt::Display) gives the explanation used in
/// the `TypeError` thrown to JavaScript.
///
/// ```
/// use embed_events::{Origin, OriginError};
/// assert_eq!(Origin::parse("https://a.com/login"), Err(OriginError::Path));
/// assert_eq!(Origin::parse("*"), Err(OriginError::Wildcard));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginError {
    /// `"*"`: a wildcard lets any page on the web talk to yours; list exact origins instead.
    Wildcard,
    /// The entry is empty (or only whitespace).
    Empty,
    /// The entry has no `scheme://` part, e.g. `ignition.axle.insure`.
    NoScheme,
    /// The scheme is not `http` or `https`.
    Scheme,
    /// The entry carries credentials (`https://user:pass@host`).
    Credentials,
    /// The entry has a path other than a lone `/`.
    Path,
    /// The entry has a query (`?…`).
    Query,
    /// The entry has a fragment (`#…`).
    Fragment,
    /// The port is not a number from 0 to 65535.
    Port,
    /// The host is empty or contains characters no host can contain.
    Host,
    /// `"null"` without a `source`: every sandboxed frame on the web sends `"null"`, so it is only
    /// safe together with a check of the sending frame.
    NullWithoutSource,
}

impl OriginError {
    /// The explanation, as a static string (no formatting machinery on the wasm side).
    pub fn as_str(self) -> &'static str {
        match self {
            OriginError::Wildcard => "is not allowed: it would trust every page on the web; list the exact origins",
            OriginError::Empty => "is empty; give an origin such as \"https://example.com\"",
            OriginError::NoScheme => "has no scheme; give a full origin such as \"https://example.com\"",
            OriginError::Scheme => "is not an http or https origin",
            OriginError::Credentials => "has credentials (user:password@); give a bare origin",
            OriginError::Path => "has a path; give a bare origin such as \"https://example.com\"",
            OriginError::Query => "has a query (?); give a bare origin such as \"https://example.com\"",
            OriginError::Fragment => "has a fragment (#); give a bare origin such as \"https://example.com\"",
            OriginError::Port => "has a port that is not a number from 0 to 65535",
            OriginError::Host => "does not parse as an origin (bad host)",
            OriginError::NullWithoutSource => {
                "is only allowed together with source: every sandboxed frame on the web sends \"null\""
            }
        }
    }
}

impl fmt::Display for OriginError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl core::error::Error for OriginError {}

/// The serialisation of an opaque origin: what a sandboxed frame's messages carry.
pub const NULL: &str = "null";

impl Origin {
    /// Parse and normalise an allow-list entry.
    ///
    /// Accepts `http(s)://host[:port]` with an optional lone trailing `/`, and the literal `"null"`
    /// (whether `"null"` is acceptable in a given configuration is the caller's decision: it is only
    /// safe together with a check of the sending frame).
    ///
    /// ```
    /// use embed_events::Origin;
    /// assert_eq!(Origin::parse("http://LOCALHOST:80").unwrap().as_str(), "http://localhost");
    /// assert_eq!(Origin::parse("https://[::1]:8443").unwrap().as_str(), "https://[::1]:8443");
    /// assert!(Origin::parse("ftp://example.com").is_err());
    /// ```
    pub fn parse(entry: &str) -> Result<Origin, OriginError> {
        // The URL parser strips leading and trailing C0 controls and spaces; so do we.
        let entry = trim_c0(entry);
        if entry.is_empty() {
            return Err(OriginError::Empty);
        }
        if entry == "*" {
            return Err(OriginError::Wildcard);
        }
        if entry == NULL {
            return Ok(Origin(NULL.into()));
        }
        let (scheme, rest) = split_scheme(entry)?;
        let (authority, tail) = split_authority(rest);
        check_tail(tail)?;
        let (host, port) = split_host_port(authority)?;
        Ok(Origin(serialise(scheme, host, port)))
    }

    /// The origin of a full URL (path, query and fragment allowed and ignored), if it is an
    /// `http(s)` URL. Used for the origin of an iframe's `src`.
    ///
    /// ```
    /// use embed_events::Origin;
    /// let origin = Origin::of_url("https://sign.idfy.io/sign?id=42#top").unwrap();
    /// assert_eq!(origin.as_str(), "https://sign.idfy.io");
    /// assert_eq!(Origin::of_url("about:blank"), None);
    /// ```
    pub fn of_url(url: &str) -> Option<Origin> {
        let url = trim_c0(url);
        let (scheme, rest) = split_scheme(url).ok()?;
        let (authority, _) = split_authority(rest);
        let (host, port) = split_host_port(authority).ok()?;
        Some(Origin(serialise(scheme, host, port)))
    }

    /// The opaque origin `"null"`.
    pub fn null() -> Origin {
        Origin(NULL.into())
    }

    /// Whether this is the opaque origin `"null"`.
    pub fn is_null(&self) -> bool {
        self.0 == NULL
    }

    /// The serialised origin.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a `MessageEvent.origin` (which the browser has already serialised) is this origin.
    pub fn matches(&self, message_origin: &str) -> bool {
        self.0 == message_origin
    }

    /// Wrap a string the browser has already serialised as an origin (`URL.origin`), without
    /// checking it again.
    pub(crate) fn from_serialised(origin: String) -> Origin {
        Origin(origin)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The scheme's default port, which the serialisation leaves out.
fn default_port(scheme: &str) -> u16 {
    if scheme == "https" {
        443
    } else {
        80
    }
}

// The splitting below works on bytes: every delimiter is ASCII, so a split at one is a split at
// a character boundary, and no UTF-8 decoding or pattern machinery ends up in the wasm.

/// `s` without leading and trailing C0 controls and spaces (all ASCII, at most `' '`).
fn trim_c0(s: &str) -> &str {
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|&b| b > b' ').unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| b > b' ').map_or(start, |last| last + 1);
    s.get(start..end).unwrap_or("")
}

/// The position of the first byte of `s` that `is` (an ASCII delimiter).
fn find(s: &str, is: impl Fn(u8) -> bool) -> Option<usize> {
    s.bytes().position(is)
}

/// `s` split around the byte at `at`, which is an ASCII delimiter.
fn split_around(s: &str, at: usize) -> (&str, &str) {
    (s.get(..at).unwrap_or(""), s.get(at + 1..).unwrap_or(""))
}

fn is_slash(b: u8) -> bool {
    b == b'/' || b == b'\\'
}

/// `"https://rest"` → `("https", "rest")`; only http(s) with `//` (either slash may be `\`, as the
/// URL parser treats it for these schemes).
fn split_scheme(s: &str) -> Result<(&'static str, &str), OriginError> {
    let Some(colon) = find(s, |b| b == b':') else {
        return Err(OriginError::NoScheme);
    };
    let (scheme, rest) = split_around(s, colon);
    // `example.com:443` or `localhost:8080`: a host with a port, not a scheme.
    if rest.as_bytes().first().is_some_and(u8::is_ascii_digit) {
        return Err(OriginError::NoScheme);
    }
    let scheme = if scheme.eq_ignore_ascii_case("https") {
        "https"
    } else if scheme.eq_ignore_ascii_case("http") {
        "http"
    } else if scheme.is_empty()
        || !scheme.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'-' || b == b'.')
        || scheme.as_bytes().first().is_some_and(u8::is_ascii_digit)
    {
        return Err(OriginError::NoScheme);
    } else {
        return Err(OriginError::Scheme);
    };
    match rest.as_bytes() {
        [a, b, ..] if is_slash(*a) && is_slash(*b) => Ok((scheme, rest.get(2..).unwrap_or(""))),
        _ => Err(OriginError::NoScheme),
    }
}

/// Split `host:port/path?q#f` into the authority and what follows it.
fn split_authority(s: &str) -> (&str, &str) {
    match find(s, |b| matches!(b, b'/' | b'\\' | b'?' | b'#')) {
        Some(end) => s.split_at_checked(end).unwrap_or((s, "")),
        None => (s, ""),
    }
}

/// What may follow the authority in an allow-list entry: nothing, or a lone `/`.
fn check_tail(tail: &str) -> Result<(), OriginError> {
    let rest = match tail.as_bytes() {
        [b, ..] if is_slash(*b) => tail.get(1..).unwrap_or(""),
        _ => tail,
    };
    match rest.bytes().next() {
        None => Ok(()),
        Some(b'?') => Err(OriginError::Query),
        Some(b'#') => Err(OriginError::Fragment),
        Some(_) => Err(OriginError::Path),
    }
}

/// `host[:port]` or `[v6][:port]` → lower-cased host and the port, if any.
fn split_host_port(authority: &str) -> Result<(String, Option<u16>), OriginError> {
    if find(authority, |b| b == b'@').is_some() {
        return Err(OriginError::Credentials);
    }
    let (host, port) = if authority.as_bytes().first() == Some(&b'[') {
        let v6 = authority.get(1..).unwrap_or("");
        let close = find(v6, |b| b == b']').ok_or(OriginError::Host)?;
        let (inside, rest) = split_around(v6, close);
        let port = match rest.as_bytes().first() {
            Some(b':') => Some(rest.get(1..).unwrap_or("")),
            None => None,
            Some(_) => return Err(OriginError::Host),
        };
        (Host::V6(inside), port)
    } else {
        match authority.bytes().rposition(|b| b == b':') {
            Some(colon) => {
                let (host, port) = split_around(authority, colon);
                (Host::Name(host), Some(port))
            }
            None => (Host::Name(authority), None),
        }
    };
    let host = match host {
        // An IPv6 literal: hex digits, colons, and dots for an embedded IPv4 address.
        Host::V6(v6) if !v6.is_empty() && v6.bytes().all(|b| b.is_ascii_hexdigit() || b == b':' || b == b'.') => {
            let mut bracketed = String::from("[");
            bracketed.push_str(&v6.to_ascii_lowercase());
            bracketed.push(']');
            bracketed
        }
        // Non-ASCII names are kept as given here; the browser's URL parser turns them into
        // punycode before they are matched (see `watch.rs`).
        // The URL standard turns `*` into `%2A`, which matches nothing; in an allow-list it can only
        // be a wildcard someone hoped for (`https://*.example.com`), so it is refused as one.
        Host::Name(name) if find(name, |b| b == b'*').is_some() => return Err(OriginError::Wildcard),
        Host::Name(name) if !name.is_empty() && !forbidden_in_host(name) => name.to_ascii_lowercase(),
        _ => return Err(OriginError::Host),
    };
    let port = match port {
        // `https://example.com:` has no port, as the URL parser reads it.
        None | Some("") => None,
        Some(p) => Some(parse_port(p)?),
    };
    Ok((host, port))
}

enum Host<'a> {
    Name(&'a str),
    V6(&'a str),
}

fn parse_port(p: &str) -> Result<u16, OriginError> {
    if !p.bytes().all(|b| b.is_ascii_digit()) {
        return Err(OriginError::Port);
    }
    // Leading zeros are allowed by the URL parser (`:0443` is 443); the value must fit in u16.
    let digits = p.get(find(p, |b| b != b'0').unwrap_or(p.len())..).unwrap_or("");
    if digits.len() > 5 {
        return Err(OriginError::Port);
    }
    let mut n: u32 = 0;
    for b in digits.bytes() {
        n = n * 10 + u32::from(b - b'0');
    }
    u16::try_from(n).map_err(|_| OriginError::Port)
}

/// Whether `name` has a code point the URL standard forbids in a host (outside an IPv6 literal's
/// brackets): those below, and the controls (C0, DEL, and C1, whose UTF-8 is `C2 80`..`C2 9F`).
fn forbidden_in_host(name: &str) -> bool {
    let bytes = name.as_bytes();
    let forbidden = |b: u8| b < b' ' || b == 0x7f || matches!(b, b' ' | b'#' | b'/' | b':' | b'<' | b'>' | b'?' | b'@' | b'\\' | b'^' | b'|');
    bytes.iter().any(|&b| forbidden(b)) || bytes.windows(2).any(|pair| pair[0] == 0xc2 && (0x80..=0x9f).contains(&pair[1]))
}

const DIGITS: &str = "0123456789";

fn serialise(scheme: &str, host: String, port: Option<u16>) -> String {
    let mut s = String::with_capacity(scheme.len() + 3 + host.len() + 6);
    s.push_str(scheme);
    s.push_str("://");
    s.push_str(&host);
    if let Some(port) = port.filter(|&p| p != default_port(scheme)) {
        s.push(':');
        push_decimal(&mut s, usize::from(port));
    }
    s
}

/// Decimal digits of `n`, without `format!` (which would pull formatting code into the wasm).
fn push_decimal(s: &mut String, n: usize) {
    let mut divisor: usize = 1;
    while n / divisor >= 10 {
        divisor *= 10;
    }
    while divisor > 0 {
        let digit = n / divisor % 10;
        s.push_str(DIGITS.get(digit..digit + 1).unwrap_or(""));
        divisor /= 10;
    }
}

/// An allow-list: the origins a watcher accepts messages from.
///
/// ```
/// use embed_events::AllowList;
/// let list = AllowList::parse(["https://sign.idfy.io/", "https://sign-test.idfy.io"]).unwrap();
/// assert!(list.allows("https://sign.idfy.io"));
/// assert!(!list.allows("https://sign.idfy.io.evil.com"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AllowList(Vec<Origin>);

/// An allow-list entry that was rejected: its position in the list, the entry, and why.
///
/// ```
/// use embed_events::{AllowList, OriginError};
/// let err = AllowList::parse(["https://a.com", "*"]).unwrap_err();
/// assert_eq!((err.index, err.error), (1, OriginError::Wildcard));
/// assert!(err.describe("origins").starts_with("origins[1]: \"*\""));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EntryError {
    /// Position of the entry in the list given.
    pub index: usize,
    /// The entry as given.
    pub entry: String,
    /// What is wrong with it.
    pub error: OriginError,
}

impl fmt::Display for EntryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe("origins"))
    }
}

impl core::error::Error for EntryError {}

impl EntryError {
    /// `origins[1]: "https://a.com/x" has a path; …` with `key` as the option's name.
    pub fn describe(&self, key: &str) -> String {
        let mut s = indexed(key, self.index);
        s.push_str(": \"");
        s.push_str(&self.entry);
        s.push_str("\" ");
        s.push_str(self.error.as_str());
        s
    }
}

/// `key[index]`, e.g. `origins[2]`.
pub(crate) fn indexed(key: &str, index: usize) -> String {
    let mut s = String::from(key);
    s.push('[');
    push_decimal(&mut s, index);
    s.push(']');
    s
}

impl AllowList {
    /// Parse every entry; the first bad one is the error.
    pub fn parse<I, S>(entries: I) -> Result<AllowList, EntryError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut list = Vec::new();
        for (index, entry) in entries.into_iter().enumerate() {
            let entry = entry.as_ref();
            match Origin::parse(entry) {
                Ok(origin) => list.push(origin),
                Err(error) => return Err(EntryError { index, entry: entry.into(), error }),
            }
        }
        Ok(AllowList(list))
    }

    /// A list of the given, already normalised origins.
    pub fn from_origins(origins: Vec<Origin>) -> AllowList {
        AllowList(origins)
    }

    /// Whether a message from `message_origin` (as `MessageEvent.origin` gives it) is allowed.
    pub fn allows(&self, message_origin: &str) -> bool {
        self.0.iter().any(|o| o.matches(message_origin))
    }

    /// Whether the list contains `"null"`.
    pub fn has_null(&self) -> bool {
        self.0.iter().any(Origin::is_null)
    }

    /// Whether the list is empty (allows nothing).
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The origins, normalised.
    pub fn origins(&self) -> &[Origin] {
        &self.0
    }

    pub(crate) fn origins_mut(&mut self) -> &mut Vec<Origin> {
        &mut self.0
    }
}
