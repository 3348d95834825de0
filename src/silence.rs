//! The silence report's pure part: what a watcher that has heard nothing from its vendor counts
//! while it waits, and the sentence that names the likely cause and its fix. The watcher keeps
//! the clock; this module only counts and words.

use alloc::string::String;
use alloc::vec::Vec;

use crate::json;
use crate::origin::Origin;
use crate::redirect::{decodes_to, params, split_url};
use crate::vendors::VendorTable;

/// What a watcher reports when it has heard nothing from its vendor within its silence time
/// (JavaScript's `onSilence` report, `{ ms, ignored: { source, origin }, origins, detail }`): the
/// messages it ignored meanwhile, which may show why nothing arrived.
///
/// ```
/// use embed_events::{report::Silence, Ignition, Vendor};
/// let mut silence = Silence::new(5000);
/// silence.note_ignored(true, "https://ignition.axle.insure");
/// silence.note_ignored(false, "https://example.com");
/// assert_eq!((silence.ignored_source, silence.ignored_origin), (1, 1));
/// assert_eq!(silence.origins, ["https://ignition.axle.insure"]);
/// let detail = silence.detail(Ignition::TABLE, Some("https://ignition.axle.insure/?token=ign_1"));
/// assert!(detail.contains("ignitionUrl"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Silence {
    /// How long the watcher waited, in whole milliseconds (its `silenceMs`). Whole, because that
    /// is what a browser timer waits: `setTimeout` truncates its delay to an integer.
    pub ms: u32,
    /// Messages ignored so far because another window than the watched `source` sent them.
    pub ignored_source: u32,
    /// Messages ignored so far because their origin is not allowed.
    pub ignored_origin: u32,
    /// The distinct origins of the messages ignored for their origin, in the order first seen, at
    /// most [`Silence::MAX_ORIGINS`].
    pub origins: Vec<String>,
}

impl Silence {
    /// How many distinct origins [`Silence::origins`] keeps.
    pub const MAX_ORIGINS: usize = 10;

    /// A report for a watcher waiting `ms` milliseconds, with nothing ignored yet.
    ///
    /// ```
    /// let silence = embed_events::report::Silence::new(3000);
    /// assert_eq!((silence.ms, silence.ignored_source, silence.origins.len()), (3000, 0, 0));
    /// ```
    pub fn new(ms: u32) -> Silence {
        Silence { ms, ..Silence::default() }
    }

    /// Count an ignored message: for its origin when `reason_is_origin` (keeping the origin, if
    /// new and fewer than [`Silence::MAX_ORIGINS`] are kept), else for its source. Counts stop
    /// at `u32::MAX`.
    ///
    /// ```
    /// let mut silence = embed_events::report::Silence::new(3000);
    /// for origin in ["https://a.example", "https://b.example", "https://a.example"] {
    ///     silence.note_ignored(true, origin);
    /// }
    /// assert_eq!(silence.ignored_origin, 3);
    /// assert_eq!(silence.origins, ["https://a.example", "https://b.example"]);
    /// ```
    pub fn note_ignored(&mut self, reason_is_origin: bool, origin: &str) {
        if !reason_is_origin {
            self.ignored_source = self.ignored_source.saturating_add(1);
            return;
        }
        self.ignored_origin = self.ignored_origin.saturating_add(1);
        if self.origins.len() < Self::MAX_ORIGINS && !self.origins.iter().any(|seen| seen == origin) {
            self.origins.push(origin.into());
        }
    }

    /// One sentence naming the likely cause of the silence and its fix, for `table`'s vendor;
    /// `frame_src` is the `src` of the watched iframe, when the source is one. The first that
    /// applies:
    ///
    /// 1. Messages were ignored for their origin: names those origins and the `origins` option;
    ///    then, if case 2 applies too, `" Also, "` and its sentence.
    /// 2. Ignition, and `frame_src` is an http(s) URL without an `origin` query parameter (see
    ///    [`has_origin_param`]): says so, and that `ignitionUrl` sets it.
    /// 3. Signere: web messaging must be switched on for the signer (`redirectMode
    ///    "iframe_with_webmessaging"`, with `domain` set to the host page's domain).
    /// 4. Otherwise: check that the frame loads and posts messages to the page (for Ignition:
    ///    with the page's origin as its URL's `origin` parameter).
    ///
    /// ```
    /// use embed_events::{report::Silence, Signere, Vendor};
    /// let silence = Silence::new(8000);
    /// assert_eq!(
    ///     silence.detail(Signere::TABLE, None),
    ///     "Nothing was heard from Signere in 8000 ms: Signere posts web messages only when they are \
    ///      switched on for the signer; create the signer with redirectMode \"iframe_with_webmessaging\" \
    ///      and domain set to this page's domain."
    /// );
    /// ```
    pub fn detail(&self, table: &VendorTable, frame_src: Option<&str>) -> String {
        self.words(table, frame_src, None)
    }

    /// [`Silence::detail`] for a watcher given no `origins`, and `environment` (`None` when not
    /// given): it trusts that environment's origin, else its frame's, else the vendor's default.
    /// Where [`Silence::detail`] names the `origins` option for messages ignored from one of the
    /// vendor's own origins of another environment, this names the `environment` value that
    /// accepts them; and when nothing was ignored but the frame's `src` is on another
    /// environment's origin than `environment`, it says so and names the value to use.
    ///
    /// ```
    /// use embed_events::{report::Silence, Ignition, Vendor};
    /// let mut silence = Silence::new(5000);
    /// silence.note_ignored(true, "https://ignition.axle.insure");
    /// assert_eq!(
    ///     silence.detail_without_origins(Ignition::TABLE, None, Some("sandbox")),
    ///     "Nothing was heard from Ignition in 5000 ms, but 1 message came from an origin that is not allowed \
    ///      (https://ignition.axle.insure); https://ignition.axle.insure is Ignition's production origin, which needs \
    ///      environment: \"production\"."
    /// );
    /// ```
    pub fn detail_without_origins(&self, table: &VendorTable, frame_src: Option<&str>, environment: Option<&str>) -> String {
        self.words(table, frame_src, Some(environment))
    }

    /// The detail; `environment`: `None` when the watcher was given `origins`, else its
    /// `environment` option.
    fn words(&self, table: &VendorTable, frame_src: Option<&str>, environment: Option<Option<&str>>) -> String {
        let mut out = String::with_capacity(200);
        out.push_str("Nothing was heard from ");
        out.push_str(table.name);
        out.push_str(" in ");
        push_u32(&mut out, self.ms);
        out.push_str(" ms");
        let missing = missing_parameter(table, frame_src);
        if self.ignored_origin > 0 {
            out.push_str(", but ");
            push_u32(&mut out, self.ignored_origin);
            out.push_str(if self.ignored_origin == 1 { " message came" } else { " messages came" });
            let one = self.origins.len() <= 1;
            out.push_str(if one {
                " from an origin that is not allowed"
            } else {
                " from origins that are not allowed"
            });
            for (i, origin) in self.origins.iter().enumerate() {
                out.push_str(if i == 0 { " (" } else { ", " });
                out.push_str(origin);
            }
            if !self.origins.is_empty() {
                out.push(')');
            }
            let known = environment.and(self.origins.iter().find_map(|o| Some((o, table.environment_of(o)?))));
            if let Some((origin, name)) = known {
                out.push_str("; ");
                out.push_str(origin);
                out.push_str(" is ");
                out.push_str(&table.other_environment(name));
                out.push('.');
            } else {
                out.push_str(if one { "; if it is " } else { "; if one of them is " });
                out.push_str(table.name);
                out.push_str("'s, add it to the origins option.");
            }
            // The cause with evidence first, then the missing parameter.
            if let Some(missing) = missing {
                out.push_str(" Also, ");
                out.push_str(&missing);
            }
        } else if let Some(missing) = missing {
            out.push_str(": ");
            out.push_str(&missing);
        } else if let Some(name) = environment.and_then(|e| src_environment(table, frame_src, e)) {
            out.push_str(": ");
            out.push_str(&src_sentence(table, name));
        } else {
            out.push_str(": ");
            out.push_str(table.silence_hint);
        }
        out
    }

    /// The report as JSON text, as JavaScript's `onSilence` receives it, with `detail` (usually
    /// [`Silence::detail`]'s): `{"ms":…,"ignored":{"source":…,"origin":…},"origins":[…],"detail":"…"}`.
    ///
    /// ```
    /// let mut silence = embed_events::report::Silence::new(5000);
    /// silence.note_ignored(true, "https://a.example");
    /// assert_eq!(
    ///     silence.to_json("…"),
    ///     r#"{"ms":5000,"ignored":{"source":0,"origin":1},"origins":["https://a.example"],"detail":"…"}"#
    /// );
    /// ```
    pub fn to_json(&self, detail: &str) -> String {
        let ignored = json::Object::new()
            .number("source", self.ignored_source as usize)
            .number("origin", self.ignored_origin as usize)
            .finish();
        json::Object::new()
            .number("ms", self.ms as usize)
            .raw("ignored", &ignored)
            .list("origins", self.origins.iter().map(String::as_str), false)
            .string("detail", detail)
            .finish()
    }
}

/// Whether a URL's query (after the first `?`, before the first `#`) has an `origin` parameter
/// with a non-empty value, the parameter without which Ignition posts no messages (an empty one
/// is as good as none). Names are decoded as `URLSearchParams` decodes them.
///
/// ```
/// use embed_events::report::has_origin_param;
/// assert!(has_origin_param("https://ignition.axle.insure/?token=ign_1&origin=https%3A%2F%2Fapp.example.com"));
/// assert!(!has_origin_param("https://ignition.axle.insure/?token=ign_1"));
/// assert!(!has_origin_param("https://ignition.axle.insure/?token=ign_1&origin="));
/// assert!(!has_origin_param("https://ignition.axle.insure/?token=ign_1#origin=https://app.example.com"));
/// ```
pub fn has_origin_param(url: &str) -> bool {
    has_param(url, "origin")
}

/// When the vendor posts nothing without a parameter of its frame's URL (Ignition's `origin`) and
/// the frame's http(s) `src` lacks it: the sentence that says so and how to set it. The silence
/// report's likeliest cause, and what the watcher warns about at start in debug mode.
pub(crate) fn missing_parameter(table: &VendorTable, frame_src: Option<&str>) -> Option<String> {
    let (parameter, function) = table.url_parameter?;
    let src = frame_src.filter(|src| is_http(src))?;
    if has_param(src, parameter) {
        return None;
    }
    let mut out = String::from("the iframe's src has no \"");
    out.push_str(parameter);
    out.push_str("\" query parameter, without which ");
    out.push_str(table.name);
    out.push_str(" posts no messages; set it with ");
    out.push_str(function);
    out.push_str(": iframe.src = ");
    out.push_str(function);
    out.push_str("(url).");
    Some(out)
}

/// The environment whose origin the frame's `src` is on, when the watcher (given no `origins`)
/// trusts another: its `environment` option names another one. What the watcher warns about at
/// start in debug mode, and a cause of silence.
pub(crate) fn src_environment(table: &VendorTable, frame_src: Option<&str>, environment: Option<&str>) -> Option<&'static str> {
    let trusted = environment?;
    let origin = Origin::of_url(frame_src?)?;
    table.environment_of(origin.as_str()).filter(|name| *name != trusted)
}

/// The sentence that says the frame's `src` is on `environment`'s origin, which the watcher does
/// not trust, and names the `environment` value to use.
pub(crate) fn src_sentence(table: &VendorTable, environment: &str) -> String {
    let mut out = String::from("the iframe's src is on ");
    out.push_str(&table.other_environment(environment));
    out.push('.');
    out
}

/// Whether `url`'s query has the parameter `name` with a non-empty value.
fn has_param(url: &str, name: &str) -> bool {
    let (_, query, _) = split_url(url);
    params(query.unwrap_or("")).any(|param| !param.value.is_empty() && decodes_to(param.name, name))
}

/// Whether `url` starts with `http://` or `https://`, in any case (an iframe's `src` as the browser
/// serialises it; `about:blank` and `data:` frames are not judged by their query).
fn is_http(url: &str) -> bool {
    let bytes = url.as_bytes();
    let rest = match bytes.get(..4) {
        Some(scheme) if scheme.eq_ignore_ascii_case(b"http") => bytes.get(4..).unwrap_or(&[]),
        _ => return false,
    };
    let rest = match rest.first() {
        Some(b's' | b'S') => rest.get(1..).unwrap_or(&[]),
        _ => rest,
    };
    rest.starts_with(b"://")
}

/// The decimal digits of `n`, without `core::fmt`.
fn push_u32(out: &mut String, n: u32) {
    json::push_digits(out, n as usize, 10);
}
