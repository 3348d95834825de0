//! `ignition_url`: put the host page's origin on an Ignition URL, without which Ignition posts no
//! messages at all. Pure string work over the URL as given: once cleaned as the URL parser cleans
//! it (see [`ignition_url`]), the rest of the URL is kept as written.

use alloc::string::String;
use core::fmt;

use crate::origin::{Origin, OriginError};
use crate::redirect::decodes_to;

/// Why [`ignition_url`] failed.
///
/// ```
/// use embed_events::error::{OriginError, UrlError};
/// assert_eq!(UrlError::ParentOrigin(OriginError::Path).message(), "parentOrigin has a path; give a bare origin such as \"https://example.com\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// `url` is not an absolute http(s) URL.
    Url,
    /// `parent_origin` is not a bare http(s) origin.
    ParentOrigin(OriginError),
    /// No `parent_origin` was given and the page's own origin is opaque (`"null"`), or there is no
    /// page.
    NoPageOrigin,
}

impl UrlError {
    /// The explanation, naming the argument at fault.
    pub fn message(&self) -> String {
        match self {
            UrlError::Url => "url does not parse as an absolute http(s) URL".into(),
            UrlError::ParentOrigin(e) => {
                let mut s = String::from("parentOrigin ");
                s.push_str(e.as_str());
                s
            }
            UrlError::NoPageOrigin => "this page has no http(s) origin of its own; pass parentOrigin".into(),
        }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for UrlError {}

/// `url` with its `origin` query parameter set to `parent_origin`, normalised, as
/// `URLSearchParams.set` would: the first parameter whose name decodes to `origin` is replaced in
/// place, any others are removed, and without one it is appended. The URL is first cleaned as the
/// URL parser cleans it (leading and trailing C0 controls and spaces stripped, tabs and newlines
/// removed), and C0 controls and spaces left in the query are percent-encoded, as the parser
/// encodes them; everything else is kept as written. Without `parent_origin`, the page's own origin
/// is used (in a browser page, with the `browser` feature).
///
/// ```
/// let url = embed_events::ignition_url("https://ignition.axle.insure/?token=ign_123", Some("https://App.Example.com:443/"))?;
/// assert_eq!(url, "https://ignition.axle.insure/?token=ign_123&origin=https%3A%2F%2Fapp.example.com");
/// let url = embed_events::ignition_url(" https://ignition.axle.insure/?to\nken=ign_123\n", Some("https://app.example.com"))?;
/// assert_eq!(url, "https://ignition.axle.insure/?token=ign_123&origin=https%3A%2F%2Fapp.example.com");
/// # Ok::<(), embed_events::error::UrlError>(())
/// ```
pub fn ignition_url(url: &str, parent_origin: Option<&str>) -> Result<String, UrlError> {
    Origin::of_url(url).ok_or(UrlError::Url)?;
    let origin = match parent_origin {
        Some(given) => Origin::parse(given).map_err(UrlError::ParentOrigin)?,
        None => page_origin().ok_or(UrlError::NoPageOrigin)?,
    };
    if origin.is_null() {
        return Err(match parent_origin {
            Some(_) => UrlError::ParentOrigin(OriginError::Host),
            None => UrlError::NoPageOrigin,
        });
    }
    let url = &clean(url);
    let (head, fragment) = url.split_once('#').map_or((url.as_str(), None), |(h, f)| (h, Some(f)));
    let (base, query) = head.split_once('?').map_or((head, ""), |(b, q)| (b, q));
    let mut pair = String::from("origin=");
    form_encode(&mut pair, origin.as_str());
    let mut out = String::with_capacity(url.len() + pair.len() + 2);
    out.push_str(base);
    out.push('?');
    let mut set = false;
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let name = part.split_once('=').map_or(part, |(n, _)| n);
        let is_origin = decodes_to(name, "origin");
        if is_origin && set {
            continue;
        }
        if out.len() > base.len() + 1 {
            out.push('&');
        }
        if is_origin {
            out.push_str(&pair);
        } else {
            push_query_part(&mut out, part);
        }
        set |= is_origin;
    }
    if !set {
        if out.len() > base.len() + 1 {
            out.push('&');
        }
        out.push_str(&pair);
    }
    if let Some(fragment) = fragment {
        out.push('#');
        out.push_str(fragment);
    }
    Ok(out)
}

/// `url` as the URL parser reads it before parsing: leading and trailing C0 controls and spaces
/// stripped, ASCII tabs and newlines removed.
fn clean(url: &str) -> String {
    let url = url.trim_matches(|c: char| c <= ' ');
    url.chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

/// A query parameter as written, but for C0 controls and spaces, percent-encoded as the URL parser
/// encodes them in a query: once parameters are dropped, one could otherwise end the URL, where the
/// parser would strip it.
fn push_query_part(out: &mut String, part: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for c in part.chars() {
        match u8::try_from(c) {
            Ok(b) if b <= b' ' => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
            _ => out.push(c),
        }
    }
}

/// `application/x-www-form-urlencoded` serialisation of a value.
pub(crate) fn form_encode(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b as char),
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(HEX[usize::from(b >> 4)] as char);
                out.push(HEX[usize::from(b & 15)] as char);
            }
        }
    }
}

#[cfg(feature = "browser")]
fn page_origin() -> Option<Origin> {
    let origin = web_sys::window()?.location().origin().ok()?;
    Origin::parse(&origin).ok()
}

#[cfg(not(feature = "browser"))]
fn page_origin() -> Option<Origin> {
    None
}
