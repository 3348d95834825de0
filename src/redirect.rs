//! `read_ignition_redirect`: the outcome Ignition sends to the integrator's `redirectUri` as query
//! parameters, read with the same rules as a window message (the parameters go through the same
//! decoder), and the URL to show once those parameters are removed. Pure string work over the URL
//! as given, so a back end serving the redirect uses it as well as a page does.

use alloc::string::String;
use alloc::vec::Vec;

use crate::decode::{decode, Decoded};
use crate::json;
use crate::vendors::{Event, Ignition, IgnitionEvent, Vendor};

/// What an Ignition redirect URL carries: the event the matching callback would receive, an
/// unknown `status`, or parameters that do not make an event. Each comes with the clean URL: the
/// URL without Ignition's parameters, to put in the address bar (`history.replaceState`) so that a
/// reload does not replay the auth code.
///
/// ```
/// use embed_events::{read_ignition_redirect, report::Redirect, IgnitionEvent};
/// let url = "https://example.com/insurance/redirect?status=exit&step=carrier-login&tab=2#top";
/// let redirect = read_ignition_redirect(url).expect("the URL has a status");
/// assert_eq!(
///     redirect,
///     Redirect::Event {
///         event: IgnitionEvent::Exit { step: Some("carrier-login".into()), client: None },
///         clean_url: "https://example.com/insurance/redirect?tab=2#top".into(),
///     }
/// );
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Redirect {
    /// A known `status` with valid parameters: exactly the event the message decoder gives for the
    /// same fields (JavaScript: `{ kind: "event", event, cleanUrl }`).
    Event {
        /// The event.
        event: IgnitionEvent,
        /// The URL without Ignition's parameters.
        clean_url: String,
    },
    /// A `status` this version does not know (JavaScript: `{ kind: "unknown", name, cleanUrl }`).
    Unknown {
        /// The `status`, decoded.
        name: String,
        /// The URL without Ignition's parameters.
        clean_url: String,
    },
    /// A known `status` whose parameters do not make an event (`complete` without `authCode`), or
    /// one of Ignition's parameters given twice (JavaScript: `{ kind: "malformed", detail,
    /// cleanUrl }`).
    Malformed {
        /// Which parameter is at fault and how (`"authCode: missing"`, `"authCode: given
        /// twice"`); never a parameter's value.
        detail: String,
        /// The URL without Ignition's parameters.
        clean_url: String,
    },
}

impl Redirect {
    /// The URL without Ignition's parameters, whatever the outcome.
    ///
    /// ```
    /// let redirect = embed_events::read_ignition_redirect("/done?status=complete&lang=nb").unwrap();
    /// assert_eq!(redirect.clean_url(), "/done?lang=nb");
    /// ```
    pub fn clean_url(&self) -> &str {
        match self {
            Redirect::Event { clean_url, .. }
            | Redirect::Unknown { clean_url, .. }
            | Redirect::Malformed { clean_url, .. } => clean_url,
        }
    }

    /// The value JavaScript's `readIgnitionRedirect` returns, as JSON text:
    /// `{"kind":"event","event":{…},"cleanUrl":"…"}`, `{"kind":"unknown","name":"…","cleanUrl":"…"}`
    /// or `{"kind":"malformed","detail":"…","cleanUrl":"…"}`. The event is written as its callback
    /// receives it ([`Event::to_json`]).
    ///
    /// ```
    /// let redirect = embed_events::read_ignition_redirect("https://example.com/r?status=opened").unwrap();
    /// assert_eq!(redirect.to_json(), r#"{"kind":"unknown","name":"opened","cleanUrl":"https://example.com/r"}"#);
    /// ```
    pub fn to_json(&self) -> String {
        let mut object = json::Object::new();
        match self {
            Redirect::Event { event, .. } => object.string("kind", "event").raw("event", &event.to_json()),
            Redirect::Unknown { name, .. } => object.string("kind", "unknown").string("name", name),
            Redirect::Malformed { detail, .. } => object.string("kind", "malformed").string("detail", detail),
        };
        object.string("cleanUrl", self.clean_url()).finish()
    }
}

/// Read the Ignition outcome from a redirect URL's query; `None` when it has no `status`
/// parameter (the page was not reached by an Ignition redirect).
///
/// Ignition's parameters are the fields of its messages: `status`, `authCode`, `client`,
/// `result`, `step` and `message`. They are read from the query (after the first `?`, before the
/// first `#`) as `URLSearchParams` reads them (`+` is a space, `%XX` a byte, bytes that are not
/// UTF-8 become U+FFFD, a `%` without two hex digits stays as it is; names are decoded before
/// comparing, case-sensitively), then decoded by the message decoder as a message with those
/// fields, so a redirect gives the same event, unknown `status` or malformed detail as the
/// message would. One of the six given twice is [`Redirect::Malformed`], naming the parameter.
///
/// The URL is taken as written and not otherwise checked: an absolute URL, or a request target
/// such as `/insurance/redirect?status=…` as a back end receives it. The clean URL keeps
/// everything else byte for byte (other parameters in their order and with their encoding, the
/// fragment); empty `&&` segments carry no parameter and are dropped, and so is the `?` when no
/// parameter is left.
///
/// ```
/// use embed_events::{read_ignition_redirect, report::Redirect, IgnitionEvent};
/// // The Axle documentation's sample redirect.
/// let url = "https://example.com/insurance/redirect?status=complete&authCode=cod_LwPJhgxnjinMEPfGYc-XV\
///            &client=cli_mZj6YGXhQyQnccN97aXbq&result=link";
/// let Some(Redirect::Event { event, clean_url }) = read_ignition_redirect(url) else { panic!() };
/// assert_eq!(clean_url, "https://example.com/insurance/redirect");
/// let IgnitionEvent::Complete { auth_code, result, .. } = event else { panic!() };
/// assert_eq!((auth_code.as_str(), result.as_deref()), ("cod_LwPJhgxnjinMEPfGYc-XV", Some("link")));
///
/// let missing = read_ignition_redirect("https://example.com/r?status=complete&authCode=a&authCode=b");
/// assert_eq!(missing.map(|r| r.to_json()), Some(
///     r#"{"kind":"malformed","detail":"authCode: given twice","cleanUrl":"https://example.com/r"}"#.into()
/// ));
/// assert_eq!(read_ignition_redirect("https://example.com/r?tab=2"), None);
/// ```
pub fn read_ignition_redirect(url: &str) -> Option<Redirect> {
    let (base, query, fragment) = split_url(url);
    let query = query?;
    let table = Ignition::TABLE;
    let names = parameter_names();
    let status = names.iter().position(|name| *name == table.tag)?;
    let mut values: Vec<Option<String>> = names.iter().map(|_| None).collect();
    let mut twice: Option<&'static str> = None;
    let mut clean_url = String::with_capacity(url.len());
    clean_url.push_str(base);
    let mut kept = false;
    for param in params(query) {
        match names.iter().position(|known| decodes_to(param.name, known)) {
            Some(index) => {
                if let Some(slot) = values.get_mut(index) {
                    if slot.is_some() {
                        twice = twice.or(names.get(index).copied());
                    } else {
                        *slot = Some(form_decode(param.value));
                    }
                }
            }
            None => {
                clean_url.push(if kept { '&' } else { '?' });
                clean_url.push_str(param.raw);
                kept = true;
            }
        }
    }
    clean_url.push_str(fragment);
    values.get(status)?.as_ref()?;
    if let Some(name) = twice {
        let mut detail = String::from(name);
        detail.push_str(": given twice");
        return Some(Redirect::Malformed { detail, clean_url });
    }
    // The parameters as the message Ignition would have posted, through the same decoder.
    let mut message = json::Object::new();
    for (name, value) in names.iter().zip(&values) {
        if let Some(value) = value {
            message.string(name, value);
        }
    }
    Some(match decode::<Ignition>(&message.finish()) {
        Decoded::Event(event) => Redirect::Event { event, clean_url },
        Decoded::Unknown(name) => Redirect::Unknown { name, clean_url },
        Decoded::Malformed(malformed) => Redirect::Malformed { detail: malformed.detail(), clean_url },
    })
}

/// Ignition's parameters: its tag, then every key its fields are read from, each once (all
/// top-level in its messages): `status`, `authCode`, `client`, `result`, `step`, `message`.
fn parameter_names() -> Vec<&'static str> {
    let table = Ignition::TABLE;
    let mut names = alloc::vec![table.tag];
    for key in table.events.iter().flat_map(|event| event.fields.iter().flat_map(|field| field.from.iter())) {
        if !names.contains(key) {
            names.push(key);
        }
    }
    names
}

/// A URL cut around its query: what comes before the first `?`, the query (between that `?` and
/// the first `#`; `None` without a `?` there), and the fragment with its `#` (or `""`).
pub(crate) fn split_url(url: &str) -> (&str, Option<&str>, &str) {
    let hash = position(url, b'#').unwrap_or(url.len());
    let head = url.get(..hash).unwrap_or(url);
    let fragment = url.get(hash..).unwrap_or("");
    match position(head, b'?') {
        Some(at) => (head.get(..at).unwrap_or(head), head.get(at + 1..), fragment),
        None => (head, None, fragment),
    }
}

/// The first position of an ASCII byte (always a character boundary).
fn position(s: &str, byte: u8) -> Option<usize> {
    s.as_bytes().iter().position(|&b| b == byte)
}

/// One `name=value` segment of a query, its three parts still encoded.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Param<'a> {
    /// The whole segment, as written.
    pub(crate) raw: &'a str,
    /// Before the first `=` (the whole segment without one).
    pub(crate) name: &'a str,
    /// After the first `=` (`""` without one).
    pub(crate) value: &'a str,
}

/// The non-empty `&`-separated segments of a query, in order.
pub(crate) fn params(query: &str) -> Params<'_> {
    Params { rest: Some(query) }
}

/// See [`params`].
#[derive(Debug)]
pub(crate) struct Params<'a> {
    rest: Option<&'a str>,
}

impl<'a> Iterator for Params<'a> {
    type Item = Param<'a>;

    fn next(&mut self) -> Option<Param<'a>> {
        loop {
            let rest = self.rest?;
            let raw = match position(rest, b'&') {
                Some(at) => {
                    self.rest = rest.get(at + 1..);
                    rest.get(..at).unwrap_or("")
                }
                None => {
                    self.rest = None;
                    rest
                }
            };
            if raw.is_empty() {
                continue;
            }
            let (name, value) = match position(raw, b'=') {
                Some(at) => (raw.get(..at).unwrap_or(""), raw.get(at + 1..).unwrap_or("")),
                None => (raw, ""),
            };
            return Some(Param { raw, name, value });
        }
    }
}

/// `application/x-www-form-urlencoded` decoding of a value: `+` is a space, `%XX` a byte, a `%`
/// without two hex digits stays, and bytes that are not UTF-8 become U+FFFD.
pub(crate) fn form_decode(raw: &str) -> String {
    let bytes: Vec<u8> = FormBytes { bytes: raw.as_bytes(), at: 0 }.collect();
    match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// Whether `raw` form-decodes to `name`, compared as it decodes, without allocating. Exact for a
/// `name` without U+FFFD (all parameter names here are ASCII): bytes that are not UTF-8 never
/// equal a `str`'s bytes.
pub(crate) fn decodes_to(raw: &str, name: &str) -> bool {
    FormBytes { bytes: raw.as_bytes(), at: 0 }.eq(name.bytes())
}

/// The bytes a form-encoded string decodes to.
struct FormBytes<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Iterator for FormBytes<'_> {
    type Item = u8;

    fn next(&mut self) -> Option<u8> {
        let b = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(match b {
            b'+' => b' ',
            b'%' => match (self.bytes.get(self.at).and_then(hex), self.bytes.get(self.at + 1).and_then(hex)) {
                (Some(high), Some(low)) => {
                    self.at += 2;
                    high << 4 | low
                }
                _ => b'%',
            },
            b => b,
        })
    }
}

fn hex(b: &u8) -> Option<u8> {
    match *b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}
