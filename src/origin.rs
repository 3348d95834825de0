//! Allow-list entries: parse, canonicalise, match. Pure Rust, the same natively and in the browser.
//!
//! The JavaScript package applies the same rules, in the same order and with the same messages, with
//! the engine's URL parser canonicalising the host (`src/js/origins.js`), so that its wasm carries no
//! parser; `tests/origins.rs` requires its answer to be this module's, error for error. In a
//! browser, a host this module refuses as [`OriginError::Unsupported`] is the engine's to
//! canonicalise for the Rust watcher as well.
//!
//! An entry is canonicalised to exactly the serialisation the URL standard gives for its origin
//! (what `new URL(entry).origin` gives in a browser): scheme and host lower-cased, the scheme's
//! default port dropped, a lone trailing `/` allowed, the host percent-decoded, mapped and turned
//! into punycode as UTS #46 does for the characters handled here, IPv4 numbers in any of the URL
//! standard's forms written as four decimal bytes, IPv6 addresses compressed. Anything that is not
//! a bare `http(s)` origin is rejected with an [`OriginError`] that says what is wrong, so that a
//! configuration mistake surfaces when the watcher is created rather than as "no events arrive";
//! so is a host whose canonical form this module cannot give with certainty
//! ([`OriginError::Unsupported`]).
//!
//! Host characters handled (everything else outside ASCII is [`OriginError::Unsupported`]):
//! - removed, as UTS #46 ignores them: U+00AD, U+034F, U+180B–U+180D, U+200B, U+2060,
//!   U+FE00–U+FE0F, U+FEFF;
//! - label separators: U+3002, U+FF0E, U+FF61 (as `.`);
//! - fullwidth ASCII U+FF01–U+FF5E (as ASCII, then lower-cased);
//! - Latin-1 letters (upper case lower-cased; `ß` kept), Latin Extended-A except U+0130, U+0132,
//!   U+0133, U+013F, U+0140 and U+0149 (whose mappings are not single letters);
//! - Greek letters U+0386–U+03CE (capitals lower-cased, final sigma kept);
//! - Cyrillic U+0400–U+045F (capitals lower-cased);
//! - Hiragana U+3041–U+3096, Katakana U+30A1–U+30FA and U+30FC, CJK Unified Ideographs
//!   U+4E00–U+9FFF;
//! - C1 controls, U+200C and U+200D (no joining context exists among the characters above) and
//!   invalid UTF-8 are [`OriginError::Host`], as they are for the URL standard.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::json::push_digits;

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
/// use embed_events::{error::OriginError, Origin};
/// assert_eq!(Origin::parse("https://a.com/login"), Err(OriginError::Path));
/// assert_eq!(Origin::parse("*"), Err(OriginError::Wildcard));
/// assert_eq!(Origin::parse("https://\u{645}\u{62b}\u{627}\u{644}.com"), Err(OriginError::Unsupported));
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
    /// The host has characters whose canonical form this version does not compute (scripts other
    /// than Latin, Greek, Cyrillic, CJK and kana, combining marks, symbols), written directly or in
    /// an `xn--` label.
    Unsupported,
}

impl OriginError {
    /// The explanation, as a static string (no formatting machinery on the wasm side).
    ///
    /// ```
    /// use embed_events::error::OriginError;
    /// assert_eq!(OriginError::Scheme.as_str(), "is not an http or https origin");
    /// ```
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
            OriginError::Unsupported => {
                "has characters in its host that this version does not normalise (it handles common Latin, Greek and Cyrillic letters, CJK ideographs and kana)"
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
///
/// ```
/// use embed_events::Origin;
/// assert_eq!(Origin::null().as_str(), "null");
/// ```
pub const NULL: &str = "null";

impl Origin {
    /// Parse and canonicalise an allow-list entry.
    ///
    /// Accepts `http(s)://host[:port]` with an optional lone trailing `/`, and the literal `"null"`
    /// (whether `"null"` is acceptable in a given configuration is the caller's decision: it is only
    /// safe together with a check of the sending frame).
    ///
    /// ```
    /// use embed_events::Origin;
    /// assert_eq!(Origin::parse("http://LOCALHOST:80").unwrap().as_str(), "http://localhost");
    /// assert_eq!(Origin::parse("https://[::1]:8443").unwrap().as_str(), "https://[::1]:8443");
    /// assert_eq!(Origin::parse("https://B\u{dc}CHER.example").unwrap().as_str(), "https://xn--bcher-kva.example");
    /// assert_eq!(Origin::parse("http://0x7f.1:8080").unwrap().as_str(), "http://127.0.0.1:8080");
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
            return Ok(Origin::null());
        }
        let (scheme, rest) = split_scheme(entry)?;
        let (authority, tail) = split_authority(rest);
        check_tail(tail)?;
        serialise(scheme, authority).map(Origin)
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
        let (scheme, rest) = split_scheme(trim_c0(url)).ok()?;
        let (authority, _) = split_authority(rest);
        serialise(scheme, authority).ok().map(Origin)
    }

    /// An `http(s)` origin the engine serialised from `entry` (which `Origin::parse` refuses as
    /// Unsupported), accepted when every `xn--` label in it is what `host_of` (the engine's URL
    /// parser) writes for the characters it decodes to, as the JavaScript package requires too.
    #[cfg(feature = "browser")]
    pub(crate) fn from_engine(origin: String, host_of: impl Fn(&str) -> Option<String>) -> Option<Origin> {
        let (_, authority) = origin.split_once("://")?;
        let host = authority.rsplit_once(':').filter(|_| !authority.ends_with(']')).map_or(authority, |(host, _)| host);
        let labels_ok = host.split('.').all(|label| match label.strip_prefix("xn--") {
            None => true,
            Some(encoded) => {
                let encoded: Vec<u32> = encoded.chars().map(u32::from).collect();
                let decoded: Option<String> = punycode_decode(&encoded).and_then(|d| d.into_iter().map(char::from_u32).collect());
                decoded.filter(|d| !d.is_ascii()).and_then(|d| host_of(&d)).as_deref() == Some(label)
            }
        });
        (labels_ok && !origin.contains(['*', '%', '"'])).then_some(Origin(origin))
    }

    /// The opaque origin `"null"`.
    ///
    /// ```
    /// use embed_events::Origin;
    /// assert_eq!(Origin::null(), Origin::parse("null").unwrap());
    /// ```
    pub fn null() -> Origin {
        Origin(NULL.into())
    }

    /// Whether this is the opaque origin `"null"`.
    ///
    /// ```
    /// use embed_events::Origin;
    /// assert!(Origin::null().is_null());
    /// assert!(!Origin::parse("https://a.com").unwrap().is_null());
    /// ```
    pub fn is_null(&self) -> bool {
        self.0 == NULL
    }

    /// The serialised origin.
    ///
    /// ```
    /// use embed_events::Origin;
    /// assert_eq!(Origin::parse("https://[0:0::1]/").unwrap().as_str(), "https://[::1]");
    /// ```
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether a `MessageEvent.origin` (which the browser has already serialised) is this origin:
    /// exact string equality, no normalisation of `message_origin`.
    ///
    /// ```
    /// use embed_events::Origin;
    /// let origin = Origin::parse("https://sign.idfy.io").unwrap();
    /// assert!(origin.matches("https://sign.idfy.io"));
    /// assert!(!origin.matches("https://SIGN.idfy.io"));
    /// ```
    pub fn matches(&self, message_origin: &str) -> bool {
        self.0 == message_origin
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

// The splitting below works on bytes: every delimiter is ASCII, so a split at one is a split at
// a character boundary, and no UTF-8 decoding or pattern machinery ends up in the wasm.

/// `s` without leading and trailing C0 controls and spaces (all ASCII, at most `' '`).
fn trim_c0(s: &str) -> &str {
    let bytes = s.as_bytes();
    let start = bytes.iter().position(|&b| b > b' ').unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|&b| b > b' ').map_or(start, |last| last.wrapping_add(1));
    s.get(start..end).unwrap_or("")
}

/// The position of the first byte of `s` that `is` (an ASCII delimiter).
fn find(s: &str, is: impl Fn(u8) -> bool) -> Option<usize> {
    s.bytes().position(is)
}

/// `s` split around the byte at `at`, which is an ASCII delimiter.
fn split_around(s: &str, at: usize) -> (&str, &str) {
    (s.get(..at).unwrap_or(""), s.get(at.wrapping_add(1)..).unwrap_or(""))
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

/// `scheme://host[:port]` from the scheme and the authority (`host[:port]` or `[v6][:port]`),
/// with the host canonicalised and the scheme's default port left out.
fn serialise(scheme: &str, authority: &str) -> Result<String, OriginError> {
    if find(authority, |b| b == b'@').is_some() {
        return Err(OriginError::Credentials);
    }
    let mut s = String::from(scheme);
    s.push_str("://");
    let port = if authority.as_bytes().first() == Some(&b'[') {
        let v6 = authority.get(1..).unwrap_or("");
        let close = find(v6, |b| b == b']').ok_or(OriginError::Host)?;
        let (inside, rest) = split_around(v6, close);
        s.push('[');
        push_ipv6(&mut s, &parse_ipv6(inside.as_bytes()).ok_or(OriginError::Host)?);
        s.push(']');
        match rest.as_bytes().first() {
            Some(b':') => rest.get(1..).unwrap_or(""),
            None => "",
            Some(_) => return Err(OriginError::Host),
        }
    } else {
        let (name, port) = match authority.bytes().rposition(|b| b == b':') {
            Some(colon) => split_around(authority, colon),
            None => (authority, ""),
        };
        // The URL standard keeps `*` in a host (Chromium escapes it as `%2A`), which matches no
        // sender; in an allow-list it can only be a wildcard someone hoped for
        // (`https://*.example.com`), so it is refused as one.
        if find(name, |b| b == b'*').is_some() {
            return Err(OriginError::Wildcard);
        }
        push_host(&mut s, name)?;
        port
    };
    // `https://example.com:` has no port, as the URL parser reads it.
    if !port.is_empty() {
        let port = parse_port(port)?;
        if port != if scheme == "https" { 443 } else { 80 } {
            s.push(':');
            push_decimal(&mut s, usize::from(port));
        }
    }
    Ok(s)
}

fn parse_port(p: &str) -> Result<u16, OriginError> {
    // Leading zeros are allowed by the URL parser (`:0443` is 443); the value must fit in u16.
    let mut n: u16 = 0;
    for b in p.bytes() {
        let digit = b.wrapping_sub(b'0');
        if digit > 9 {
            return Err(OriginError::Port);
        }
        n = n.checked_mul(10).and_then(|n| n.checked_add(u16::from(digit))).ok_or(OriginError::Port)?;
    }
    Ok(n)
}

/// Decimal digits of `n`, without `format!` (which would pull formatting code into the wasm).
fn push_decimal(s: &mut String, n: usize) {
    push_digits(s, n, 10);
}

// ---- domains ----------------------------------------------------------------------------------

/// Append the canonical form of a host that is not an IPv6 literal, as the URL standard's host
/// parser gives it for http(s): percent-decode, map (UTS #46), punycode, and then either an IPv4
/// address (when the last label is a number) or the domain.
fn push_host(out: &mut String, raw: &str) -> Result<(), OriginError> {
    let raw = raw.as_bytes();
    let mut mapped: Vec<u32> = Vec::with_capacity(raw.len());
    let mut at = 0;
    while at < raw.len() {
        // Percent-decoded bytes that are not UTF-8 decode to U+FFFD for the URL standard, which no
        // host may have.
        let c = next_utf8(raw, &mut at).ok_or(OriginError::Host)?;
        if let Some(m) = map(c)? {
            mapped.push(m);
        }
    }
    // Every code point the URL standard forbids in a domain is ASCII, and ASCII is kept by the
    // mapping and by punycode: checking the mapped domain is checking the result. `"` is allowed by
    // the standard (and Chromium) but refused by Firefox, so no browser-independent origin has it.
    // Controls, space, `"`, `#`, `%`, `/`, `:`, `<`, `>`, `?`, `@`, `[`, `\`, `]`, `^`, `|`, DEL: a
    // bad host, wherever they are; else a `*` (mapped from `＊` or `%2a`) is a wildcard.
    if mapped.iter().any(|&c| c <= 0x20 || matches!(c, 0x22 | 0x23 | 0x25 | 0x2f | 0x3a | 0x3c | 0x3e | 0x3f | 0x40 | 0x5b..=0x5e | 0x7c | 0x7f)) {
        return Err(OriginError::Host);
    }
    if mapped.contains(&0x2a) {
        return Err(OriginError::Wildcard);
    }
    if mapped.is_empty() {
        return Err(OriginError::Host);
    }
    let mut ascii = String::with_capacity(mapped.len());
    for (i, label) in mapped.split(|&c| c == 0x2e).enumerate() {
        if i > 0 {
            ascii.push('.');
        }
        let ace = label.strip_prefix(&XN[..]);
        if label.iter().all(|&c| c < 0x80) {
            if let Some(encoded) = ace {
                check_punycode(encoded)?;
            }
            push_ascii(&mut ascii, label);
        } else {
            // A label that says it is punycode must be ASCII.
            if ace.is_some() {
                return Err(OriginError::Host);
            }
            push_ascii(&mut ascii, &XN);
            punycode_encode(label, &mut ascii).ok_or(OriginError::Unsupported)?;
        }
    }
    match ipv4(ascii.as_bytes()) {
        Ipv4::NotANumber => out.push_str(&ascii),
        Ipv4::Address(address) => {
            for (i, byte) in address.to_be_bytes().iter().enumerate() {
                if i > 0 {
                    out.push('.');
                }
                push_decimal(out, usize::from(*byte));
            }
        }
        Ipv4::Invalid => return Err(OriginError::Host),
    }
    Ok(())
}

/// `xn--`, the prefix of a punycode label.
const XN: [u32; 4] = [0x78, 0x6e, 0x2d, 0x2d];

/// Append code points known to be ASCII.
fn push_ascii(s: &mut String, ascii: &[u32]) {
    for &c in ascii {
        s.push(char::from(c as u8));
    }
}

/// The byte at `raw[*at]`, or the byte that a `%` there and two hex digits after it stand for
/// (any other `%` is itself), moving `at` past it.
fn next_byte(raw: &[u8], at: &mut usize) -> Option<u8> {
    let b = *raw.get(*at)?;
    let high = raw.get(at.wrapping_add(1)).copied().and_then(hex);
    let low = raw.get(at.wrapping_add(2)).copied().and_then(hex);
    let escaped = match (high, low) {
        (Some(high), Some(low)) if b == b'%' => Some(high << 4 | low),
        _ => None,
    };
    *at = at.wrapping_add(if escaped.is_some() { 3 } else { 1 });
    Some(escaped.unwrap_or(b))
}

fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The code point whose UTF-8 (percent-decoded) starts at `raw[*at]`, moving `at` past it; `None`
/// for anything that is not UTF-8 (overlong forms, surrogates, past U+10FFFF, cut short).
fn next_utf8(raw: &[u8], at: &mut usize) -> Option<u32> {
    let lead = next_byte(raw, at)?;
    let (len, min, mut c) = match lead {
        0..=0x7f => (1, 0, u32::from(lead)),
        0xc0..=0xdf => (2, 0x80, u32::from(lead & 0x1f)),
        0xe0..=0xef => (3, 0x800, u32::from(lead & 0x0f)),
        0xf0..=0xf7 => (4, 0x10000, u32::from(lead & 0x07)),
        _ => return None,
    };
    for _ in 1..len {
        let b = next_byte(raw, at)?;
        if b & 0xc0 != 0x80 {
            return None;
        }
        c = c << 6 | u32::from(b & 0x3f);
    }
    (c >= min && c <= 0x10ffff && !(0xd800..=0xdfff).contains(&c)).then_some(c)
}

/// What UTS #46 (non-transitional, as the URL standard runs it) maps the code point `c` to:
/// `Some` code point (possibly `c` itself), `None` for one it removes, or an error:
/// [`OriginError::Host`] for what the URL standard rejects, [`OriginError::Unsupported`] for what
/// this module does not handle.
fn map(c: u32) -> Result<Option<u32>, OriginError> {
    Ok(Some(match c {
        // ASCII: upper case lower-cased; whether it may stay in a host is checked after mapping.
        0x41..=0x5a => c + 0x20,
        0..=0x7f => c,
        // C1 controls.
        0x80..=0x9f => return Err(OriginError::Host),
        // Ignored: soft hyphen, combining grapheme joiner, Mongolian variation selectors, zero
        // width space, word joiner, variation selectors, zero width no-break space.
        0xad | 0x34f | 0x180b..=0x180d | 0x200b | 0x2060 | 0xfe00..=0xfe0f | 0xfeff => return Ok(None),
        // Zero width non-joiner and joiner: valid only after a virama or between joining letters
        // (CheckJoiners), none of which is handled here, so any that reaches this far is invalid.
        0x200c | 0x200d => return Err(OriginError::Host),
        // Ideographic, fullwidth and halfwidth full stops.
        0x3002 | 0xff0e | 0xff61 => 0x2e,
        // Fullwidth ASCII, as ASCII (upper case lower-cased).
        0xff21..=0xff3a => c - 0xfec0,
        0xff01..=0xff5e => c - 0xfee0,
        // Latin-1: À–Þ (not ×) to à–þ; ß and à–ÿ (not ÷) stay.
        0xc0..=0xde if c != 0xd7 => c + 0x20,
        0xdf..=0xff if c != 0xf7 => c,
        // Latin Extended-A: capital and small letters in pairs, capital first…
        0x100..=0x12f | 0x134..=0x137 | 0x14a..=0x177 => c | 1,
        // …or small first.
        0x139..=0x13e | 0x141..=0x148 | 0x179..=0x17e => c + (c & 1),
        // ı (dotless i) and ĸ (kra) have no capital.
        0x131 | 0x138 => c,
        // Ÿ → ÿ, ſ → s.
        0x178 => 0xff,
        0x17f => 0x73,
        // Greek: Ά Έ Ή Ί Ό Ύ Ώ to their small letters; Α–Ϋ (U+03A2 is unassigned) to α–ϋ; small
        // letters (ΐ, ά–ώ, final sigma ς included) stay.
        0x386 => 0x3ac,
        0x388..=0x38a => c + 0x25,
        0x38c => 0x3cc,
        0x38e | 0x38f => c + 0x3f,
        0x391..=0x3ab if c != 0x3a2 => c + 0x20,
        0x390 | 0x3ac..=0x3ce => c,
        // Cyrillic: Ѐ–Џ to ѐ–џ, А–Я to а–я; а–џ stay.
        0x400..=0x40f => c + 0x50,
        0x410..=0x42f => c + 0x20,
        0x430..=0x45f => c,
        // Hiragana, Katakana (and the prolonged sound mark ー), CJK Unified Ideographs.
        0x3041..=0x3096 | 0x30a1..=0x30fa | 0x30fc | 0x4e00..=0x9fff => c,
        _ => return Err(OriginError::Unsupported),
    }))
}

/// Check an `xn--` label (given without the prefix) as UTS #46 does: it must decode, the result
/// must have a code point outside ASCII and must not start with `xn--` itself, every code point
/// must be one that mapping leaves as it is, and encoding the result again must give the label
/// back (so the label is the canonical one).
fn check_punycode(encoded: &[u32]) -> Result<(), OriginError> {
    let decoded = punycode_decode(encoded).ok_or(OriginError::Host)?;
    if decoded.iter().all(|&c| c < 0x80) || decoded.starts_with(&XN) {
        return Err(OriginError::Host);
    }
    for &c in &decoded {
        if map(c)? != Some(c) {
            return Err(OriginError::Host);
        }
    }
    let mut again = String::new();
    punycode_encode(&decoded, &mut again).ok_or(OriginError::Host)?;
    if !again.bytes().map(u32::from).eq(encoded.iter().copied()) {
        return Err(OriginError::Host);
    }
    Ok(())
}

// ---- punycode (RFC 3492) -------------------------------------------------------------------------

const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 0x80;
/// Longer labels are refused rather than encoded: DNS allows 63 bytes, and the bound keeps the
/// quadratic loops short whatever the input.
const MAX_LABEL: usize = 255;

fn adapt(delta: u32, points: u32, first: bool) -> u32 {
    let mut delta = if first { delta / DAMP } else { delta / 2 };
    delta = delta.saturating_add(delta / points.max(1));
    let mut k = 0u32;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k = k.saturating_add(BASE);
    }
    k.saturating_add((BASE - T_MIN + 1) * delta / (delta + SKEW))
}

/// The threshold for the digit at position `k` with `bias`: T_MIN to T_MAX.
fn threshold(k: u32, bias: u32) -> u32 {
    k.saturating_sub(bias).clamp(T_MIN, T_MAX)
}

/// The punycode digit for `d` (below 36): 0–25 are a–z, 26–35 are 0–9.
fn digit_char(d: u32) -> char {
    char::from((if d < 26 { d + 0x61 } else { d.wrapping_add(0x30 - 26) }) as u8)
}

/// Append the punycode of the code points `input`; `None` on overflow or an over-long label.
fn punycode_encode(input: &[u32], out: &mut String) -> Option<()> {
    if input.len() > MAX_LABEL {
        return None;
    }
    let mut handled = 0u32;
    for &c in input {
        if c < 0x80 {
            out.push(char::from(c as u8));
            handled += 1;
        }
    }
    let basic = handled;
    if basic > 0 {
        out.push('-');
    }
    let total = input.len() as u32;
    let mut n = INITIAL_N;
    let mut delta = 0u32;
    let mut bias = INITIAL_BIAS;
    while handled < total {
        let m = input.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in input {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = threshold(k, bias);
                    if q < t {
                        break;
                    }
                    let (rest, radix) = (q - t, BASE - t);
                    out.push(digit_char(t + rest % radix));
                    q = rest / radix;
                    k = k.saturating_add(BASE);
                }
                out.push(digit_char(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(())
}

/// The code points `input` (punycode without `xn--`, ASCII lower case) decodes to; `None` if it
/// does not decode.
fn punycode_decode(input: &[u32]) -> Option<Vec<u32>> {
    if input.len() > MAX_LABEL {
        return None;
    }
    // The basic code points are those before the last `-`, if anything comes before it.
    let (basic, mut digits) = match input.iter().rposition(|&c| c == 0x2d) {
        Some(dash) if dash > 0 => (input.get(..dash)?, input.get(dash + 1..)?),
        _ => (&[][..], input),
    };
    let mut out: Vec<u32> = basic.to_vec();
    let mut n = INITIAL_N;
    let mut i = 0u32;
    let mut bias = INITIAL_BIAS;
    while !digits.is_empty() {
        let old_i = i;
        let mut w = 1u32;
        let mut k = BASE;
        loop {
            let (&c, rest) = digits.split_first()?;
            digits = rest;
            let digit = match c {
                0x61..=0x7a => c - 0x61,
                0x30..=0x39 => c - 0x30 + 26,
                _ => return None,
            };
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = threshold(k, bias);
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k = k.saturating_add(BASE);
        }
        let len = out.len() as u32 + 1;
        bias = adapt(i - old_i, len, old_i == 0);
        n = n.checked_add(i / len)?;
        i %= len;
        // A basic code point may not be encoded, nor a surrogate or a value past U+10FFFF.
        char::from_u32(n).filter(|_| n >= 0x80)?;
        let at = i as usize;
        if at > out.len() {
            return None;
        }
        out.insert(at, n);
        i += 1;
    }
    Some(out)
}

// ---- IPv4 -------------------------------------------------------------------------------------

enum Ipv4 {
    /// The last label is not a number: the host is a domain.
    NotANumber,
    Address(u32),
    /// The last label is a number but the whole is no IPv4 address: the URL standard fails.
    Invalid,
}

/// The URL standard's test whether a domain "ends in a number", and if it does, its IPv4 parser.
fn ipv4(domain: &[u8]) -> Ipv4 {
    // A trailing dot is dropped (`1.2.3.4.` is `1.2.3.4`), unless it is all there is.
    let domain = match domain.split_last() {
        Some((b'.', rest)) if !rest.is_empty() => rest,
        _ => domain,
    };
    let mut address = 0u64;
    let mut count = 0u32;
    let mut valid = true;
    let mut last: &[u8] = &[];
    let mut last_number = None;
    for part in domain.split(|&b| b == b'.') {
        // Every number but the last is one byte: shift in the bytes so far, and check them once
        // the last is known.
        let number = ipv4_number(part);
        match (last_number, number) {
            (Some(previous), _) if previous <= 255 && count < 4 => address = address << 8 | previous,
            (None, _) if count == 0 => {}
            _ => valid = false,
        }
        last = part;
        last_number = number;
        count += 1;
    }
    let ends_in_a_number = (!last.is_empty() && last.iter().all(u8::is_ascii_digit)) || last_number.is_some();
    if !ends_in_a_number {
        return Ipv4::NotANumber;
    }
    // The last number fills the bytes the others leave; a last `0x` alone is 0 for the standard
    // (and Chromium) but refused by Firefox.
    let room = 8 * 5u32.saturating_sub(count).min(4);
    match last_number {
        Some(n) if valid && count <= 4 && n >> room == 0 && last != b"0x" => Ipv4::Address((address << room | n) as u32),
        _ => Ipv4::Invalid,
    }
}

/// The URL standard's IPv4 number parser: decimal, `0x` hex or leading-`0` octal. A value past
/// 32 bits stops growing (it is invalid whatever follows).
fn ipv4_number(part: &[u8]) -> Option<u64> {
    let (radix, digits) = match part {
        [] => return None,
        [b'0', b'x' | b'X', rest @ ..] => (16, rest),
        [b'0', rest @ ..] if !rest.is_empty() => (8, rest),
        _ => (10, part),
    };
    let mut n = 0u64;
    for &b in digits {
        let d = u64::from(hex(b)?);
        if d >= radix {
            return None;
        }
        if n <= u64::from(u32::MAX) {
            n = n * radix + d;
        }
    }
    Some(n)
}

// ---- IPv6 -------------------------------------------------------------------------------------

/// The URL standard's IPv6 parser (the text between the brackets).
fn parse_ipv6(input: &[u8]) -> Option<[u16; 8]> {
    let mut address = [0u16; 8];
    let mut piece = 0usize;
    let mut compress = None;
    let mut p = 0usize;
    let at = |p: usize| input.get(p).copied();
    if at(0) == Some(b':') {
        if at(1) != Some(b':') {
            return None;
        }
        p = 2;
        piece = 1;
        compress = Some(1);
    }
    while let Some(c) = at(p) {
        if piece == 8 {
            return None;
        }
        if c == b':' {
            if compress.is_some() {
                return None;
            }
            p += 1;
            piece += 1;
            compress = Some(piece);
            continue;
        }
        let mut value = 0u16;
        let mut length = 0usize;
        while length < 4 {
            let Some(d) = at(p).and_then(hex) else { break };
            value = value.wrapping_mul(16) | u16::from(d);
            p += 1;
            length += 1;
        }
        match at(p) {
            Some(b'.') => {
                // An IPv4 address in the last two pieces.
                if length == 0 || piece > 6 {
                    return None;
                }
                p -= length;
                let mut seen = 0;
                while let Some(c) = at(p) {
                    if seen > 0 {
                        if c == b'.' && seen < 4 {
                            p += 1;
                        } else {
                            return None;
                        }
                    }
                    let mut byte: Option<u16> = None;
                    while let Some(d) = at(p).filter(u8::is_ascii_digit) {
                        let d = u16::from(d - b'0');
                        byte = match byte {
                            None => Some(d),
                            Some(0) => return None,
                            Some(b) => Some(b * 10 + d),
                        };
                        if byte > Some(255) {
                            return None;
                        }
                        p += 1;
                    }
                    let slot = address.get_mut(piece)?;
                    *slot = slot.wrapping_mul(0x100).wrapping_add(byte?);
                    seen += 1;
                    if seen == 2 || seen == 4 {
                        piece += 1;
                    }
                }
                if seen != 4 {
                    return None;
                }
                break;
            }
            Some(b':') => {
                p += 1;
                at(p)?;
            }
            Some(_) => return None,
            None => {}
        }
        *address.get_mut(piece)? = value;
        piece += 1;
    }
    match compress {
        // The pieces after `::` move to the end; the ones before it stay.
        Some(compress) => {
            let after = address.get_mut(compress..)?;
            let zeros = 8usize.checked_sub(piece)?;
            if zeros > after.len() {
                return None;
            }
            after.rotate_right(zeros);
            Some(address)
        }
        None if piece == 8 => Some(address),
        None => None,
    }
}

/// The URL standard's IPv6 serialiser: lower-case hex, the first longest run of two or more zero
/// pieces as `::`.
fn push_ipv6(s: &mut String, address: &[u16; 8]) {
    let (mut run_start, mut run_len) = (8, 1);
    let mut i = 0;
    while i < 8 {
        let len = address.iter().skip(i).take_while(|&&p| p == 0).count();
        if len > run_len {
            (run_start, run_len) = (i, len);
        }
        i += len + 1;
    }
    let mut i = 0;
    while let Some(&piece) = address.get(i) {
        if i == run_start {
            s.push_str(if i == 0 { "::" } else { ":" });
            i += run_len;
            continue;
        }
        push_digits(s, usize::from(piece), 16);
        if i < 7 {
            s.push(':');
        }
        i += 1;
    }
}

// ---- allow-lists ------------------------------------------------------------------------------

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
/// use embed_events::{error::OriginError, AllowList};
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
    ///
    /// ```
    /// use embed_events::AllowList;
    /// let err = AllowList::parse(["https://a.com/x"]).unwrap_err();
    /// assert!(err.describe("allowed").starts_with("allowed[0]: \"https://a.com/x\" has a path"));
    /// ```
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
    ///
    /// ```
    /// use embed_events::AllowList;
    /// let list = AllowList::parse(["HTTPS://B\u{fc}cher.example:443/", "null"]).unwrap();
    /// assert_eq!(list.origins()[0].as_str(), "https://xn--bcher-kva.example");
    /// assert_eq!(AllowList::parse(["https://a.com", "https://a.com/x"]).unwrap_err().index, 1);
    /// ```
    pub fn parse<I, S>(entries: I) -> Result<AllowList, EntryError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        AllowList::parse_with(entries, &Origin::parse)
    }

    /// [`AllowList::parse`] with another parser for each entry (the browser watcher's, which lets
    /// the engine canonicalise hosts `Origin::parse` refuses as Unsupported).
    pub(crate) fn parse_with<I, S>(entries: I, parse: &dyn Fn(&str) -> Result<Origin, OriginError>) -> Result<AllowList, EntryError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut list = Vec::new();
        for (index, entry) in entries.into_iter().enumerate() {
            let entry = entry.as_ref();
            match parse(entry) {
                Ok(origin) => list.push(origin),
                Err(error) => return Err(EntryError { index, entry: entry.into(), error }),
            }
        }
        Ok(AllowList(list))
    }

    /// A list of the given, already normalised origins.
    ///
    /// ```
    /// use embed_events::{AllowList, Origin};
    /// let list = AllowList::from_origins(vec![Origin::parse("https://a.com").unwrap()]);
    /// assert!(list.allows("https://a.com"));
    /// ```
    pub fn from_origins(origins: Vec<Origin>) -> AllowList {
        AllowList(origins)
    }

    /// Whether a message from `message_origin` (as `MessageEvent.origin` gives it) is allowed.
    ///
    /// ```
    /// use embed_events::AllowList;
    /// let list = AllowList::parse(["http://[0:0::1]:8080"]).unwrap();
    /// assert!(list.allows("http://[::1]:8080"));
    /// assert!(!list.allows("http://[0:0::1]:8080"));
    /// ```
    pub fn allows(&self, message_origin: &str) -> bool {
        self.0.iter().any(|o| o.matches(message_origin))
    }

    /// Whether the list contains `"null"`.
    ///
    /// ```
    /// use embed_events::AllowList;
    /// assert!(AllowList::parse(["null", "https://a.com"]).unwrap().has_null());
    /// assert!(!AllowList::parse(["https://a.com"]).unwrap().has_null());
    /// ```
    pub fn has_null(&self) -> bool {
        self.0.iter().any(Origin::is_null)
    }

    /// Whether the list is empty (allows nothing).
    ///
    /// ```
    /// use embed_events::AllowList;
    /// assert!(AllowList::parse(Vec::<&str>::new()).unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The origins, normalised.
    ///
    /// ```
    /// use embed_events::AllowList;
    /// let list = AllowList::parse(["http://2130706433:8080"]).unwrap();
    /// assert_eq!(list.origins()[0].as_str(), "http://127.0.0.1:8080");
    /// ```
    pub fn origins(&self) -> &[Origin] {
        &self.0
    }
}
