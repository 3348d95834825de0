//! Arbitrary bytes through the webhook readers (the `webhooks` feature):
//!
//! (a) as a body, decoded by both vendors' tables: nothing panics; a body serde_json reads as an
//!     object is never `body_not_json`, and then an event's JSON is an object whose `type` is its
//!     name (or `"unknown"`), and its `Debug` holds no personal value;
//! (b) as a signed Signere request: with the body's real HMAC-SHA256 (lower, upper case, with
//!     `sha256=`) the outcome is the body's own decoding; with one bit of it changed, or with the
//!     first bytes of the input as the signature, it is `signature_invalid` (or `missing` when
//!     empty); a `max_bytes` below the length is `body_too_large` whatever the headers;
//! (c) as an Axle request: the agreed header gives the body's decoding; the first bytes of the
//!     input as the header value give `signature_invalid` unless they are that value.
//!
//! Error texts never hold the secret, the header value or the signature. Run in fuzz/ with
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run -s none webhooks -- -max_total_time=60
#![no_main]

use embed_events::webhook::{
    decode_webhook, read_ignition_webhook, read_signere_webhook, IgnitionOptions, SignereOptions, Webhook, WebhookError,
};
use embed_events::{IgnitionWebhook, SignereWebhook};
use hmac::{Hmac, Mac};
use libfuzzer_sys::fuzz_target;
use serde_json::Value;
use sha2::Sha256;

const SECRET: &str = "fuzz-secret-7c1";
const HEADER: (&str, &str) = ("X-Axle-Webhook-Secret", "fuzz-header-value");
const PERSONAL: [&str; 7] = ["socialSecurityNumber", "signatureMethodUniqueId", "dateOfBirth", "email", "ipAddress", "authCode", "token"];

fuzz_target!(|bytes: &[u8]| {
    let signere = decode_webhook::<SignereWebhook>(bytes);
    let ignition = decode_webhook::<IgnitionWebhook>(bytes);
    check_body(bytes, &signere);
    check_body(bytes, &ignition);
    check_signed(bytes, &signere);
    check_header(bytes, &ignition);
});

fn check_body<W: Webhook>(bytes: &[u8], outcome: &Result<W, WebhookError>) {
    // serde_json stands in for JSON.parse where it reads the body: it refuses lone surrogate
    // escapes, numbers out of f64's range and nesting past 128, which JSON.parse and the decoder
    // accept, so only its yes is used.
    let object = matches!(serde_json::from_slice::<Value>(bytes), Ok(Value::Object(_)));
    if object {
        assert_ne!(outcome.as_ref().err(), Some(&WebhookError::BodyNotJson), "serde_json reads an object: {:?}", String::from_utf8_lossy(bytes));
    }
    match outcome {
        Ok(event) => {
            let json = event.to_json();
            if object {
                let value: Value = serde_json::from_str(&json).unwrap_or_else(|e| panic!("to_json is not JSON ({e}): {json}"));
                let ty = value.get("type").and_then(Value::as_str).expect("a type");
                match event.index() {
                    Some(_) => assert_eq!(ty, event.name()),
                    None => assert_eq!((ty, value.get("name").and_then(Value::as_str)), ("unknown", Some(event.name()))),
                }
                if event.index().is_some() {
                    let debug = format!("{event:?}");
                    let (mut secrets, mut plain) = (Vec::new(), Vec::new());
                    personal(&value, &mut secrets, &mut plain);
                    // A personal value that is part of a plain one (or of the redaction mark, or
                    // of a Rust name) may show; any other must not.
                    plain.push(debug.split('"').step_by(2).collect::<Vec<_>>().join(" "));
                    plain.push(String::from("[redacted]"));
                    for s in secrets.iter().filter(|s| s.len() >= 4 && !plain.iter().any(|p| p.contains(s.as_str()))) {
                        assert!(!debug.contains(s.as_str()), "Debug {debug} holds {s:?}");
                    }
                }
            }
        }
        Err(WebhookError::Malformed { detail }) => assert!(detail.contains(": "), "{detail}"),
        Err(e) => assert_eq!(e, &WebhookError::BodyNotJson),
    }
}

/// The personal values (by field name) and the other strings (values and keys) of a JSON value.
fn personal(value: &Value, out: &mut Vec<String>, plain: &mut Vec<String>) {
    match value {
        Value::String(s) => plain.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| personal(v, out, plain)),
        Value::Object(members) => {
            for (k, v) in members {
                plain.push(k.clone());
                match v {
                    Value::String(s) if PERSONAL.contains(&k.as_str()) => out.push(s.clone()),
                    _ => personal(v, out, plain),
                }
            }
        }
        _ => {}
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn check_signed(bytes: &[u8], decoded: &Result<SignereWebhook, WebhookError>) {
    let options = SignereOptions::new(SECRET).expect("options");
    let mut mac = Hmac::<Sha256>::new_from_slice(SECRET.as_bytes()).expect("key");
    mac.update(bytes);
    let signature = hex(&mac.finalize().into_bytes());
    for good in [signature.clone(), signature.to_uppercase(), format!("sha256={signature}")] {
        let headers = [("x-idfy-signature", good.as_str())];
        assert_eq!(&read_signere_webhook(bytes, &headers[..], &options), decoded);
    }
    let mut flipped = signature.clone().into_bytes();
    let at = bytes.first().map_or(0, |b| *b as usize % flipped.len());
    flipped[at] = if flipped[at] == b'0' { b'1' } else { b'0' };
    let flipped = String::from_utf8(flipped).expect("hex");
    let headers = [("X-Idfy-Signature", flipped.as_str())];
    let outcome = read_signere_webhook(bytes, &headers[..], &options);
    assert_eq!(outcome, Err(WebhookError::SignatureInvalid));
    no_secret(&outcome, &[SECRET, &flipped, &signature]);

    // The input's first bytes as the signature.
    let guess = String::from_utf8_lossy(bytes.get(..bytes.len().min(80)).unwrap_or_default()).into_owned();
    let headers = [("X-Idfy-Signature", guess.as_str())];
    let outcome = read_signere_webhook(bytes, &headers[..], &options);
    let trimmed = guess.trim_matches([' ', '\t']);
    let bare = trimmed.strip_prefix("sha256=").unwrap_or(trimmed);
    if trimmed.is_empty() {
        assert_eq!(outcome, Err(WebhookError::SignatureMissing));
    } else if !bare.eq_ignore_ascii_case(&signature) {
        assert_eq!(outcome, Err(WebhookError::SignatureInvalid), "{guess:?}");
    }
    no_secret(&outcome, &[SECRET, &guess, &signature]);

    if !bytes.is_empty() {
        let small = options.clone().max_bytes(bytes.len() - 1);
        assert_eq!(read_signere_webhook(bytes, &headers[..], &small), Err(WebhookError::BodyTooLarge));
        let none: [(&str, &str); 0] = [];
        assert_eq!(read_signere_webhook(bytes, &none[..], &small), Err(WebhookError::BodyTooLarge));
    }
}

fn check_header(bytes: &[u8], decoded: &Result<IgnitionWebhook, WebhookError>) {
    let options = IgnitionOptions::new(HEADER.0, HEADER.1).expect("options");
    let headers = [("x-axle-webhook-secret", HEADER.1)];
    assert_eq!(&read_ignition_webhook(bytes, &headers[..], &options), decoded);
    let guess = bytes.get(..bytes.len().min(32)).unwrap_or_default();
    let lookup = |name: &str| (name == "x-axle-webhook-secret").then_some(guess);
    let outcome = read_ignition_webhook(bytes, lookup, &options);
    let trimmed = String::from_utf8_lossy(guess);
    if trimmed.trim_matches([' ', '\t']).is_empty() {
        assert_eq!(outcome, Err(WebhookError::SignatureMissing));
    } else if trimmed.trim_matches([' ', '\t']) != HEADER.1 {
        assert_eq!(outcome, Err(WebhookError::SignatureInvalid));
    }
    no_secret(&outcome, &[HEADER.1, &trimmed]);
}

/// Every error but `malformed` has one fixed text (which an input may well contain); a
/// `malformed` one names a field: it must hold none of `values`.
fn no_secret<T>(outcome: &Result<T, WebhookError>, values: &[&str]) {
    if let Err(e @ WebhookError::Malformed { .. }) = outcome {
        let text = e.to_string();
        for value in values.iter().filter(|v| v.len() >= 4) {
            assert!(!text.contains(*value), "{text:?} holds {value:?}");
        }
    }
}
