//! Receiving a webhook (the `webhooks` feature): the size limit, the signature or custom header,
//! then the body, decoded by the vendor's webhook table. Nothing here panics on a request, and no
//! error carries a secret, a header value or a value from the body.

use alloc::borrow::ToOwned;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::json::{self, Node, Tree};
use crate::vendors::webhooks::kind::{self, VerificationKind};
use crate::vendors::webhooks::{FieldKind, RawJson, Value, Verification, Webhook, WebhookField};
use crate::{IgnitionWebhook, SignereWebhook};

/// The default `max_bytes`: 1 MiB.
pub const DEFAULT_MAX_BYTES: usize = 1_048_576;

/// Why a webhook request was refused: a `code` and the HTTP status to answer with, as the
/// JavaScript entry's `WebhookError` has them. Its `Display` never holds a secret, a header value
/// or a value from the body.
///
/// ```
/// use embed_events::webhook::WebhookError;
/// assert_eq!((WebhookError::SignatureInvalid.code(), WebhookError::SignatureInvalid.status()), ("signature_invalid", 401));
/// assert_eq!(WebhookError::BodyTooLarge.status(), 413);
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WebhookError {
    /// The signature (Signere) or the custom header (Ignition) is absent or empty. 401.
    SignatureMissing,
    /// The signature or the custom header does not match. 401.
    SignatureInvalid,
    /// The body is longer than `max_bytes`. 413.
    BodyTooLarge,
    /// The body is not UTF-8, not JSON, or JSON that is not an object. 400.
    BodyNotJson,
    /// A known event whose documented field has the wrong type, or a required field is missing;
    /// or a body without a string `type`. 400.
    Malformed {
        /// The field and what is wrong with it (`"data.authCode: missing"`): names only, never a
        /// value.
        detail: String,
    },
}

impl WebhookError {
    /// `"signature_missing"`, `"signature_invalid"`, `"body_too_large"`, `"body_not_json"` or
    /// `"malformed"`.
    pub fn code(&self) -> &'static str {
        match self {
            WebhookError::SignatureMissing => "signature_missing",
            WebhookError::SignatureInvalid => "signature_invalid",
            WebhookError::BodyTooLarge => "body_too_large",
            WebhookError::BodyNotJson => "body_not_json",
            WebhookError::Malformed { .. } => "malformed",
        }
    }

    /// The HTTP status to answer with: 401, 413 or 400.
    pub fn status(&self) -> u16 {
        match self {
            WebhookError::SignatureMissing | WebhookError::SignatureInvalid => 401,
            WebhookError::BodyTooLarge => 413,
            WebhookError::BodyNotJson | WebhookError::Malformed { .. } => 400,
        }
    }

    /// For `malformed`: the field at fault and what is wrong (`"payload.signers[0].id: expected a
    /// string"`).
    pub fn detail(&self) -> Option<&str> {
        match self {
            WebhookError::Malformed { detail } => Some(detail),
            _ => None,
        }
    }
}

impl fmt::Display for WebhookError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self {
            WebhookError::SignatureMissing => "the webhook's signature header is missing",
            WebhookError::SignatureInvalid => "the webhook's signature header does not match its body",
            WebhookError::BodyTooLarge => "the webhook's body is larger than max_bytes",
            WebhookError::BodyNotJson => "the webhook's body is not a JSON object in UTF-8",
            WebhookError::Malformed { detail } => return write!(f, "malformed: {detail}"),
        };
        write!(f, "{}: {what}", self.code())
    }
}

impl core::error::Error for WebhookError {}

/// A webhook option that cannot work (an empty secret or header).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OptionsError(&'static str);

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl core::error::Error for OptionsError {}

/// How [`read_signere_webhook`] verifies a request: the webhook's secret, and `max_bytes`.
///
/// ```
/// use embed_events::webhook::SignereOptions;
/// let options = SignereOptions::new("whsec_demo").unwrap().max_bytes(64 * 1024);
/// assert!(!format!("{options:?}").contains("whsec_demo"));
/// assert!(SignereOptions::new("").is_err());
/// ```
#[derive(Clone)]
pub struct SignereOptions {
    secret: Option<Vec<u8>>,
    max_bytes: usize,
}

impl SignereOptions {
    /// Verify `X-Idfy-Signature` with this secret (the hook's secret token; not empty).
    pub fn new(secret: impl AsRef<[u8]>) -> Result<SignereOptions, OptionsError> {
        let secret = secret.as_ref();
        if secret.is_empty() {
            return Err(OptionsError("secret: expected a non-empty secret"));
        }
        Ok(SignereOptions { secret: Some(secret.to_owned()), max_bytes: DEFAULT_MAX_BYTES })
    }

    /// No verification: anyone can forge such a webhook. For development only.
    pub fn unverified() -> SignereOptions {
        SignereOptions { secret: None, max_bytes: DEFAULT_MAX_BYTES }
    }

    /// The largest body accepted, in bytes (default 1,048,576).
    pub fn max_bytes(mut self, max_bytes: usize) -> SignereOptions {
        self.max_bytes = max_bytes;
        self
    }
}

impl fmt::Debug for SignereOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SignereOptions")
            .field("secret", &self.secret.as_ref().map(|_| "[redacted]"))
            .field("max_bytes", &self.max_bytes)
            .finish()
    }
}

/// How [`read_ignition_webhook`] verifies a request: the custom header Axle was asked to send,
/// and `max_bytes`.
///
/// ```
/// use embed_events::webhook::IgnitionOptions;
/// let options = IgnitionOptions::new("X-Axle-Secret", "s3cr3t").unwrap();
/// assert!(!format!("{options:?}").contains("s3cr3t"));
/// assert!(IgnitionOptions::new("X-Axle-Secret", "").is_err());
/// ```
#[derive(Clone)]
pub struct IgnitionOptions {
    header: Option<(String, Vec<u8>)>,
    max_bytes: usize,
}

impl IgnitionOptions {
    /// Require the header `name` (any case) with exactly `value` (not empty).
    pub fn new(name: &str, value: impl AsRef<[u8]>) -> Result<IgnitionOptions, OptionsError> {
        let value = value.as_ref();
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_graphic() && b != b':') {
            return Err(OptionsError("header.name: expected a header name"));
        }
        if value.is_empty() {
            return Err(OptionsError("header.value: expected a non-empty value"));
        }
        Ok(IgnitionOptions { header: Some((name.to_ascii_lowercase(), value.to_owned())), max_bytes: DEFAULT_MAX_BYTES })
    }

    /// No verification: anyone can forge such a webhook. For development only.
    pub fn unverified() -> IgnitionOptions {
        IgnitionOptions { header: None, max_bytes: DEFAULT_MAX_BYTES }
    }

    /// The largest body accepted, in bytes (default 1,048,576).
    pub fn max_bytes(mut self, max_bytes: usize) -> IgnitionOptions {
        self.max_bytes = max_bytes;
        self
    }
}

impl fmt::Debug for IgnitionOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IgnitionOptions")
            .field("header", &self.header.as_ref().map(|(name, _)| (name.as_str(), "[redacted]")))
            .field("max_bytes", &self.max_bytes)
            .finish()
    }
}

/// A request's headers, looked up by name. The name asked for is lower case; an implementation
/// compares names without regard to case and gives the first value.
///
/// Implemented for closures `Fn(&str) -> Option<&[u8]>`, for slices of `(name, value)` pairs,
/// and (with the `http` feature) for `&http::HeaderMap`.
///
/// ```
/// use embed_events::webhook::Headers;
/// let pairs = [("X-Idfy-Signature", "ab12")];
/// assert_eq!((&pairs[..]).header("x-idfy-signature"), Some(&b"ab12"[..]));
/// let lookup = |name: &str| (name == "x-token").then_some(&b"t"[..]);
/// assert_eq!(lookup.header("x-token"), Some(&b"t"[..]));
/// ```
pub trait Headers<'h> {
    /// The value of the header `name` (lower case), if present.
    fn header(&self, name: &str) -> Option<&'h [u8]>;
}

impl<'h, F: Fn(&str) -> Option<&'h [u8]>> Headers<'h> for F {
    fn header(&self, name: &str) -> Option<&'h [u8]> {
        self(name)
    }
}

impl<'h, N: AsRef<str>, V: AsRef<[u8]>> Headers<'h> for &'h [(N, V)] {
    fn header(&self, name: &str) -> Option<&'h [u8]> {
        let pairs: &'h [(N, V)] = self;
        pairs.iter().find(|(n, _)| n.as_ref().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_ref())
    }
}

#[cfg(feature = "http")]
impl<'h> Headers<'h> for &'h http::HeaderMap {
    fn header(&self, name: &str) -> Option<&'h [u8]> {
        let map: &'h http::HeaderMap = self;
        map.get(name).map(http::HeaderValue::as_bytes)
    }
}

/// Verify and decode a Signere / Idfy webhook: `body` is the raw body as received, `headers` its
/// request's headers. The body must be at most `max_bytes` long; then `X-Idfy-Signature` must be
/// the hexadecimal HMAC-SHA256 of those exact bytes under the secret (either case, an optional
/// `sha256=` prefix), compared in constant time; then the body is decoded.
///
/// ```
/// use embed_events::webhook::{read_signere_webhook, SignereOptions, WebhookError};
/// use embed_events::SignereWebhook;
/// let body = br#"{"type":"document_created","payload":{"documentId":"d1"}}"#;
/// let signature = "4e9f5fc5d53a6cd4c4a6f1d1e9ee6af2d0c2f35bb5bf8d3ef4fe67bd0cd1c1f5";
/// let headers = [("X-Idfy-Signature", signature)];
/// let options = SignereOptions::new("demo-secret").unwrap();
/// assert_eq!(read_signere_webhook(body, &headers[..], &options), Err(WebhookError::SignatureInvalid));
/// let open = SignereOptions::unverified();
/// let Ok(SignereWebhook::DocumentCreated { document_id, .. }) = read_signere_webhook(body, &headers[..], &open) else { panic!() };
/// assert_eq!(document_id, "d1");
/// ```
pub fn read_signere_webhook<'h>(body: &[u8], headers: impl Headers<'h>, options: &SignereOptions) -> Result<SignereWebhook, WebhookError> {
    read_webhook(body, headers, options)
}

/// Verify and decode an Axle webhook: `body` is the raw body as received, `headers` its
/// request's headers. The body must be at most `max_bytes` long; then the custom header must
/// hold exactly the configured value (compared in constant time, through SHA-256 digests of
/// both, so that not even the length is compared directly); then the body is decoded.
///
/// ```
/// use embed_events::webhook::{read_ignition_webhook, IgnitionOptions, WebhookError};
/// use embed_events::IgnitionWebhook;
/// let body = br#"{"id":"evt_1","type":"ignition.opened","data":{"client":"cli_1","token":"ign_1"},"createdAt":"2022-10-05T14:48:00.000Z"}"#;
/// let options = IgnitionOptions::new("X-Axle-Webhook-Secret", "s3cr3t").unwrap();
/// let headers = [("x-axle-webhook-secret", "s3cr3t")];
/// let Ok(IgnitionWebhook::Opened { envelope, client, .. }) = read_ignition_webhook(body, &headers[..], &options) else { panic!() };
/// assert_eq!((envelope.id.as_deref(), client.as_str()), (Some("evt_1"), "cli_1"));
/// let forged = [("x-axle-webhook-secret", "guess")];
/// assert_eq!(read_ignition_webhook(body, &forged[..], &options), Err(WebhookError::SignatureInvalid));
/// ```
pub fn read_ignition_webhook<'h>(body: &[u8], headers: impl Headers<'h>, options: &IgnitionOptions) -> Result<IgnitionWebhook, WebhookError> {
    read_webhook(body, headers, options)
}

/// Verify and decode a webhook of any vendor `W` (declared with [`webhooks!`](crate::webhooks!)),
/// with the options of its kind of verification ([`Webhook::Kind`]): [`SignereOptions`] for one
/// whose webhooks carry an HMAC-SHA256 signature ([`Verification::HmacSha256Hex`], as Signere's),
/// [`IgnitionOptions`] for one that sends a header agreed with it ([`Verification::CustomHeader`],
/// as Ignition's). Options of the other kind do not compile. [`read_signere_webhook`] and
/// [`read_ignition_webhook`] are this for their vendors.
///
/// ```
/// use embed_events::webhook::{read_webhook, IgnitionOptions, WebhookError};
/// use embed_events::IgnitionWebhook;
/// let body = br#"{"type":"ignition.opened","data":{"client":"cli_1","token":"ign_1"}}"#;
/// let headers = [("x-axle-webhook-secret", "s3cr3t")];
/// let options = IgnitionOptions::new("X-Axle-Webhook-Secret", "s3cr3t").unwrap();
/// assert!(matches!(read_webhook(body, &headers[..], &options), Ok(IgnitionWebhook::Opened { .. })));
/// let forged = [("x-axle-webhook-secret", "guess")];
/// assert_eq!(read_webhook::<IgnitionWebhook>(body, &forged[..], &options), Err(WebhookError::SignatureInvalid));
/// ```
///
/// Ignition's webhooks are verified by a header, so a secret for an HMAC does not compile:
///
/// ```compile_fail
/// use embed_events::webhook::{read_webhook, SignereOptions};
/// use embed_events::IgnitionWebhook;
/// let headers = [("x-axle-webhook-secret", "s3cr3t")];
/// let secret = SignereOptions::new("s3cr3t").unwrap();
/// let _ = read_webhook::<IgnitionWebhook>(b"{}", &headers[..], &secret);
/// ```
pub fn read_webhook<'h, W: Webhook>(
    body: &[u8],
    headers: impl Headers<'h>,
    options: &<W::Kind as VerifiedBy>::Options,
) -> Result<W, WebhookError>
where
    W::Kind: VerifiedBy,
{
    if body.len() > options.max_bytes_accepted() {
        return Err(WebhookError::BodyTooLarge);
    }
    options.verify(W::TABLE.verification, body, &headers)?;
    decode_webhook(body)
}

/// The options that verify a kind of verification ([`Webhook::Kind`]): what [`read_webhook`]
/// takes for a vendor of that kind.
pub trait VerifiedBy: VerificationKind {
    /// The options type.
    type Options: WebhookOptions;
}

impl VerifiedBy for kind::HmacSha256Hex {
    type Options = SignereOptions;
}

impl VerifiedBy for kind::CustomHeader {
    type Options = IgnitionOptions;
}

/// The options [`read_webhook`] takes, one type per kind of verification: [`SignereOptions`]
/// (an HMAC-SHA256 signature) and [`IgnitionOptions`] (a header agreed with the vendor), each
/// its kind's [`VerifiedBy::Options`]. Sealed.
pub trait WebhookOptions: sealed::Sealed {
    /// The largest body accepted, in bytes.
    #[doc(hidden)]
    fn max_bytes_accepted(&self) -> usize;
    /// Whether the request is the vendor's, for a vendor verified by `verification`.
    #[doc(hidden)]
    fn verify<'h>(&self, verification: Verification, body: &[u8], headers: &impl Headers<'h>) -> Result<(), WebhookError>;
}

mod sealed {
    pub trait Sealed {}
    impl Sealed for super::SignereOptions {}
    impl Sealed for super::IgnitionOptions {}
}

/// `X-Idfy-Signature` (the table's header) must be the hexadecimal HMAC-SHA256 of the body.
impl WebhookOptions for SignereOptions {
    fn max_bytes_accepted(&self) -> usize {
        self.max_bytes
    }

    fn verify<'h>(&self, verification: Verification, body: &[u8], headers: &impl Headers<'h>) -> Result<(), WebhookError> {
        let Some(secret) = &self.secret else { return Ok(()) };
        let Verification::HmacSha256Hex { header } = verification else {
            return Err(WebhookError::SignatureInvalid);
        };
        let value = present(headers.header(header))?;
        let value = strip_prefix(trim(value), b"sha256=");
        let Some(signature) = hex32(value) else { return Err(WebhookError::SignatureInvalid) };
        let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(secret) else { return Err(WebhookError::SignatureInvalid) };
        mac.update(body);
        mac.verify_slice(&signature).map_err(|_| WebhookError::SignatureInvalid)
    }
}

/// The custom header must hold exactly the configured value.
impl WebhookOptions for IgnitionOptions {
    fn max_bytes_accepted(&self) -> usize {
        self.max_bytes
    }

    fn verify<'h>(&self, verification: Verification, _body: &[u8], headers: &impl Headers<'h>) -> Result<(), WebhookError> {
        let Some((name, expected)) = &self.header else { return Ok(()) };
        if verification != Verification::CustomHeader {
            return Err(WebhookError::SignatureInvalid);
        }
        let value = present(headers.header(name))?;
        if !constant_time_eq(value, expected) {
            return Err(WebhookError::SignatureInvalid);
        }
        Ok(())
    }
}

/// Decode a webhook's body without verifying it (for a body verified some other way, or for
/// tests): not UTF-8, not JSON or not an object is `BodyNotJson`; a body without a string `type`,
/// or a known type with a documented field of the wrong type or a required field missing, is
/// `Malformed`; an unknown type is the `Unknown` variant.
///
/// ```
/// use embed_events::webhook::{decode_webhook, Webhook, WebhookError};
/// use embed_events::SignereWebhook;
/// let event: SignereWebhook = decode_webhook(br#"{"type":"document_signed","payload":{"documentId":"d1","signers":[{"id":"s1","fullName":"Kari"}]}}"#).unwrap();
/// assert_eq!(event.to_json(), r#"{"type":"document_signed","documentId":"d1","signers":[{"signerId":"s1","signerName":"Kari"}]}"#);
/// let missing = decode_webhook::<SignereWebhook>(br#"{"type":"document_signed","payload":{"documentId":"d1"}}"#);
/// assert_eq!(missing.unwrap_err().detail(), Some("payload.signers: missing"));
/// ```
pub fn decode_webhook<W: Webhook>(body: &[u8]) -> Result<W, WebhookError> {
    let text = core::str::from_utf8(body).map_err(|_| WebhookError::BodyNotJson)?;
    let root = json::parse_tree(text).ok_or(WebhookError::BodyNotJson)?;
    if !matches!(root.value, Tree::Obj(_)) {
        return Err(WebhookError::BodyNotJson);
    }
    let table = W::TABLE;
    let name = match root.get(table.tag).map(|n| &n.value) {
        None | Some(Tree::Null) => return Err(malformed(table.tag, "missing")),
        Some(Tree::Str(name)) => name,
        Some(_) => return Err(malformed(table.tag, "expected a string")),
    };
    let Some(index) = table.events.iter().position(|e| e.name == name.as_ref()) else {
        let id = match root.get("id").map(|n| &n.value) {
            Some(Tree::Str(id)) => Some(String::from(id.as_ref())),
            _ => None,
        };
        return Ok(W::unknown(String::from(name.as_ref()), id, RawJson::from_json_text(root.raw)));
    };
    let envelope = read_fields(&root, "", table.envelope)?;
    let data = match root.get(table.data) {
        None => None,
        Some(Node { value: Tree::Null, .. }) => None,
        Some(data @ Node { value: Tree::Obj(_), .. }) => Some(data),
        Some(_) => return Err(malformed(table.data, "expected an object")),
    };
    let fields = table.events.get(index).map_or(&[][..], |e| e.fields);
    let prefix = format!("{}.", table.data);
    let values = match data {
        Some(data) => read_fields(data, &prefix, fields)?,
        None => {
            if let Some(field) = fields.iter().find(|f| f.required) {
                return Err(malformed(&format!("{prefix}{}", field.key), "missing"));
            }
            fields.iter().map(|_| None).collect()
        }
    };
    W::from_parts(index, envelope, values).ok_or_else(|| malformed(table.data, "expected an object"))
}

fn malformed(path: &str, problem: &str) -> WebhookError {
    WebhookError::Malformed { detail: format!("{path}: {problem}") }
}

/// The values of `fields` read from the object `object` (whose path, with its trailing dot, is
/// `prefix`).
fn read_fields(object: &Node<'_>, prefix: &str, fields: &'static [WebhookField]) -> Result<Vec<Option<Value>>, WebhookError> {
    fields
        .iter()
        .map(|field| {
            let found = field.from.iter().find_map(|key| match object.get(key) {
                None | Some(Node { value: Tree::Null, .. }) => None,
                Some(node) => Some((key, node)),
            });
            match found {
                None if field.required => Err(malformed(&format!("{prefix}{}", field.key), "missing")),
                None => Ok(None),
                Some((key, node)) => read_value(node, &format!("{prefix}{key}"), field.kind).map(Some),
            }
        })
        .collect()
}

fn read_value(node: &Node<'_>, path: &str, kind: FieldKind) -> Result<Value, WebhookError> {
    let wrong = || malformed(path, kind.expected());
    match (kind, &node.value) {
        (FieldKind::String, Tree::Str(s)) => Ok(Value::Str(String::from(s.as_ref()))),
        (FieldKind::Object, Tree::Obj(_) | Tree::Deep(true)) | (FieldKind::Json, _) => {
            Ok(Value::Raw(RawJson::from_json_text(node.raw)))
        }
        (FieldKind::Record(fields), Tree::Obj(_)) => read_fields(node, &format!("{path}."), fields).map(Value::Record),
        (FieldKind::Records(fields), Tree::Arr(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| match item.value {
                Tree::Obj(_) => read_fields(item, &format!("{path}[{i}]."), fields),
                _ => Err(malformed(&format!("{path}[{i}]"), "expected an object")),
            })
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Records),
        _ => Err(wrong()),
    }
}

/// A header that is present and not empty.
fn present(value: Option<&[u8]>) -> Result<&[u8], WebhookError> {
    match value.map(trim) {
        Some(value) if !value.is_empty() => Ok(value),
        _ => Err(WebhookError::SignatureMissing),
    }
}

fn trim(mut value: &[u8]) -> &[u8] {
    while let [b' ' | b'\t', rest @ ..] = value {
        value = rest;
    }
    while let [rest @ .., b' ' | b'\t'] = value {
        value = rest;
    }
    value
}

/// `value` without `prefix` (ASCII case ignored), if it starts with it.
fn strip_prefix<'v>(value: &'v [u8], prefix: &[u8]) -> &'v [u8] {
    match value.get(..prefix.len()) {
        Some(head) if head.eq_ignore_ascii_case(prefix) => value.get(prefix.len()..).unwrap_or(value),
        _ => value,
    }
}

/// 64 hexadecimal digits (either case) as 32 bytes.
fn hex32(text: &[u8]) -> Option<[u8; 32]> {
    if text.len() != 64 {
        return None;
    }
    let mut out = [0u8; 32];
    for (byte, pair) in out.iter_mut().zip(text.chunks_exact(2)) {
        let digit = |c: u8| (c as char).to_digit(16);
        *byte = (digit(*pair.first()?)? * 16 + digit(*pair.get(1)?)?) as u8;
    }
    Some(out)
}

/// Whether `a` and `b` are equal, in time that depends on neither their contents nor which is
/// longer: their SHA-256 digests are compared byte for byte without an early exit.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    let (a, b) = (Sha256::digest(a), Sha256::digest(b));
    let difference = a.iter().zip(b.iter()).fold(0u8, |acc, (x, y)| acc | (x ^ y));
    core::hint::black_box(difference) == 0
}

/// `serde::Serialize` for the webhook events (with the `serde` feature too): the JavaScript value,
/// from [`Webhook::to_json`], members in order. Values passed through (`user`, `metadata`, …)
/// nested deeper than 128 levels are refused, as serde_json refuses to read them.
#[cfg(feature = "serde")]
#[doc(hidden)]
pub fn serialize_webhook<W: Webhook, S: serde::Serializer>(event: &W, serializer: S) -> Result<S::Ok, S::Error> {
    let json = event.to_json();
    let node = json::parse_tree(&json).ok_or_else(|| serde::ser::Error::custom("not JSON"))?;
    Tree2Serde { node: &node, depth: 0 }.serialize(serializer)
}

#[cfg(feature = "serde")]
use serde::Serialize as _;

/// A [`Node`] as serde sees it; deeper than the reader builds, its text is read again.
#[cfg(feature = "serde")]
struct Tree2Serde<'n, 'a> {
    node: &'n Node<'a>,
    depth: usize,
}

#[cfg(feature = "serde")]
impl serde::Serialize for Tree2Serde<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{Error, SerializeMap, SerializeSeq};
        if self.depth > 128 {
            return Err(S::Error::custom("nested deeper than 128 levels"));
        }
        let depth = self.depth + 1;
        match &self.node.value {
            Tree::Null => serializer.serialize_unit(),
            Tree::Str(s) => serializer.serialize_str(s),
            Tree::Scalar => match self.node.raw {
                "true" => serializer.serialize_bool(true),
                "false" => serializer.serialize_bool(false),
                raw => {
                    if let Ok(n) = raw.parse::<i64>() {
                        serializer.serialize_i64(n)
                    } else if let Ok(n) = raw.parse::<u64>() {
                        serializer.serialize_u64(n)
                    } else {
                        serializer.serialize_f64(raw.parse::<f64>().map_err(|_| S::Error::custom("not a number"))?)
                    }
                }
            },
            Tree::Obj(members) => {
                let mut map = serializer.serialize_map(Some(members.len()))?;
                // A key given twice: its last value, once, as JSON.parse reads it.
                for (i, (key, value)) in members.iter().enumerate() {
                    if members.get(i + 1..).is_some_and(|rest| rest.iter().any(|(k, _)| k == key)) {
                        continue;
                    }
                    map.serialize_entry(key.as_ref(), &Tree2Serde { node: value, depth })?;
                }
                map.end()
            }
            Tree::Arr(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                for item in items {
                    seq.serialize_element(&Tree2Serde { node: item, depth })?;
                }
                seq.end()
            }
            Tree::Deep(_) => {
                let node = json::parse_tree(self.node.raw).ok_or_else(|| S::Error::custom("not JSON"))?;
                Tree2Serde { node: &node, depth: self.depth }.serialize(serializer)
            }
        }
    }
}
