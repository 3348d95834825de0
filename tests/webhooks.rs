//! The shared webhook cases (tests/data/webhooks/*.json, written by generate.mjs there), run
//! through the Rust API: every case's body, headers and options through `read_signere_webhook` /
//! `read_ignition_webhook`, its event compared with the JavaScript value the case expects (through
//! `Webhook::to_json`), its error with the code, status and detail. The JavaScript entry runs the
//! same files.
//!
//! Also, for every case: no error's `Display` holds the secret, a header value or a string from
//! the body, and no event's `Debug` holds a personal or secret value.
//!
//! And the test-only vendor's webhooks (tests/support/queue.rs), read by `read_webhook` from its
//! declaration alone.
//!
//! `cargo test --features webhooks --test webhooks`
#![cfg(feature = "webhooks")]

use std::any::TypeId;
use std::collections::BTreeMap;

use embed_events::webhook::{kind, read_ignition_webhook, read_signere_webhook, read_webhook, IgnitionOptions, SignereOptions, Webhook, WebhookError};
use serde_json::Value;

#[path = "support/queue.rs"]
mod queue;

const FILES: [&str; 4] = ["signere.json", "ignition.json", "verification.json", "hostile.json"];
const PERSONAL: [&str; 7] = ["socialSecurityNumber", "signatureMethodUniqueId", "dateOfBirth", "email", "ipAddress", "authCode", "token"];

struct Case {
    file: &'static str,
    name: String,
    vendor: String,
    body: Vec<u8>,
    headers: Vec<(String, String)>,
    options: serde_json::Map<String, Value>,
    expect: Value,
}

fn cases() -> Vec<Case> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/webhooks/");
    let mut all = Vec::new();
    for file in FILES {
        let text = std::fs::read_to_string(format!("{dir}{file}")).unwrap_or_else(|e| panic!("{file}: {e}"));
        let doc: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for case in doc["cases"].as_array().expect("cases") {
            let name = case["name"].as_str().expect("name").to_string();
            let body = match (&case["body"], &case["bodyBase64"]) {
                (Value::String(body), Value::Null) => body.as_bytes().to_vec(),
                (Value::Null, Value::String(b64)) => base64(b64),
                _ => panic!("{file}: {name}: body or bodyBase64"),
            };
            let headers = case["headers"]
                .as_object()
                .expect("headers")
                .iter()
                .map(|(k, v)| (k.clone(), v.as_str().expect("header value").to_string()))
                .collect();
            all.push(Case {
                file,
                name,
                vendor: case["vendor"].as_str().expect("vendor").to_string(),
                body,
                headers,
                options: case["options"].as_object().expect("options").clone(),
                expect: case["expect"].clone(),
            });
        }
    }
    all
}

fn base64(text: &str) -> Vec<u8> {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0);
    for c in text.bytes().filter(|&c| c != b'=') {
        acc = (acc << 6) | ALPHABET.iter().position(|&a| a == c).expect("base64") as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

/// The case's result: the event as its JavaScript value, or the error.
fn run(case: &Case) -> (Result<Value, WebhookError>, Option<String>) {
    let headers: Vec<(&str, &[u8])> = case.headers.iter().map(|(k, v)| (k.as_str(), v.as_bytes())).collect();
    let max_bytes = case.options.get("maxBytes").map(|n| n.as_u64().expect("maxBytes") as usize);
    let unverified = case.options.get("unverified") == Some(&Value::Bool(true));
    let finish = |json: String, debug: String| (serde_json::from_str::<Value>(&json).unwrap_or_else(|e| panic!("{}: to_json: {e}: {json}", case.name)), debug);
    match case.vendor.as_str() {
        "signere" => {
            let mut options = if unverified {
                SignereOptions::unverified()
            } else {
                SignereOptions::new(case.options["secret"].as_str().expect("secret")).expect("options")
            };
            if let Some(n) = max_bytes {
                options = options.max_bytes(n);
            }
            match read_signere_webhook(&case.body, &headers[..], &options) {
                Ok(event) => {
                    let (value, debug) = finish(event.to_json(), format!("{event:?}"));
                    (Ok(value), Some(debug))
                }
                Err(e) => (Err(e), None),
            }
        }
        "ignition" => {
            let mut options = if unverified {
                IgnitionOptions::unverified()
            } else {
                let header = &case.options["header"];
                IgnitionOptions::new(header["name"].as_str().expect("name"), header["value"].as_str().expect("value")).expect("options")
            };
            if let Some(n) = max_bytes {
                options = options.max_bytes(n);
            }
            match read_ignition_webhook(&case.body, &headers[..], &options) {
                Ok(event) => {
                    let (value, debug) = finish(event.to_json(), format!("{event:?}"));
                    (Ok(value), Some(debug))
                }
                Err(e) => (Err(e), None),
            }
        }
        other => panic!("{}: vendor {other}", case.name),
    }
}

/// Every string value (not key) in a JSON value, at any depth.
fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(s) => out.push(s.clone()),
        Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        Value::Object(members) => members.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

/// The values of personal fields (by name, at any depth) of a JSON value.
fn personal(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Array(items) => items.iter().for_each(|v| personal(v, out)),
        Value::Object(members) => {
            for (k, v) in members {
                match v {
                    Value::String(s) if PERSONAL.contains(&k.as_str()) => out.push(s.clone()),
                    _ => personal(v, out),
                }
            }
        }
        _ => {}
    }
}

#[test]
fn every_shared_case_passes() {
    let cases = cases();
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for case in &cases {
        *counts.entry(case.file).or_default() += 1;
        let (got, debug) = run(case);
        let ok = match (&got, case.expect.get("event"), case.expect.get("error")) {
            (Ok(value), Some(want), None) => value == want,
            (Err(e), None, Some(want)) => {
                want["code"] == e.code()
                    && want["status"] == e.status()
                    && want.get("detail").is_none_or(|d| d.as_str() == e.detail())
            }
            _ => false,
        };
        if !ok {
            let got = match &got {
                Ok(value) => format!("event {value}"),
                Err(e) => format!("error {} {} {:?}", e.code(), e.status(), e.detail()),
            };
            failures.push(format!("{}: {}\n  expected {}\n  got      {got}", case.file, case.name, case.expect));
        }
        // Nothing secret in an error's text, nor a header value, nor a string from the body.
        if let Err(e) = &got {
            let text = e.to_string();
            let mut forbidden: Vec<String> = case.headers.iter().map(|(_, v)| v.clone()).collect();
            forbidden.extend(case.options.get("secret").and_then(Value::as_str).map(String::from));
            forbidden.extend(case.options.get("header").and_then(|h| h["value"].as_str()).map(String::from));
            if let Ok(body) = serde_json::from_slice::<Value>(&case.body) {
                strings(&body, &mut forbidden);
            }
            for value in forbidden.iter().filter(|v| v.len() >= 3) {
                assert!(!text.contains(value.as_str()), "{}: {}: the error {text:?} holds {value:?}", case.file, case.name);
            }
        }
        // No personal or secret value in an event's Debug.
        if let (Ok(value), Some(debug)) = (&got, &debug) {
            let mut secret = Vec::new();
            personal(value, &mut secret);
            for value in secret.iter().filter(|v| v.len() >= 3) {
                assert!(!debug.contains(value.as_str()), "{}: {}: Debug {debug} holds {value:?}", case.file, case.name);
            }
        }
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), cases.len(), failures.join("\n"));
    // Every file read, and every event type of both tables appears in a passing case.
    assert_eq!(counts.len(), FILES.len(), "{counts:?}");
    for (vendor, table) in [("signere", embed_events::SignereWebhook::TABLE), ("ignition", embed_events::IgnitionWebhook::TABLE)] {
        for event in table.events {
            let covered = cases.iter().any(|c| c.vendor == vendor && c.expect["event"]["type"] == event.name);
            assert!(covered, "no case delivers {vendor} {}", event.name);
        }
    }
}

#[test]
fn headers_come_from_a_closure_too() {
    let body = br#"{"type":"document_created","payload":{"documentId":"d1"}}"#;
    let options = SignereOptions::new("s").expect("options");
    let lookup = |name: &str| -> Option<&'static [u8]> { (name == "x-idfy-signature").then_some(&b"sha256=00"[..]) };
    assert_eq!(read_signere_webhook(body, lookup, &options), Err(WebhookError::SignatureInvalid));
    let nothing = |_: &str| -> Option<&'static [u8]> { None };
    assert_eq!(read_signere_webhook(body, nothing, &options), Err(WebhookError::SignatureMissing));
}

#[cfg(feature = "http")]
#[test]
fn headers_come_from_an_http_header_map() {
    for case in cases() {
        let mut map = http::HeaderMap::new();
        for (name, value) in &case.headers {
            let name = http::HeaderName::from_bytes(name.as_bytes()).expect("header name");
            map.append(name, http::HeaderValue::from_str(value).expect("header value"));
        }
        let pairs: Vec<(&str, &[u8])> = case.headers.iter().map(|(k, v)| (k.as_str(), v.as_bytes())).collect();
        if case.vendor == "signere" && case.options.get("secret").is_some() {
            let options = SignereOptions::new(case.options["secret"].as_str().expect("secret")).expect("options");
            let options = match case.options.get("maxBytes") {
                Some(n) => options.max_bytes(n.as_u64().expect("maxBytes") as usize),
                None => options,
            };
            assert_eq!(read_signere_webhook(&case.body, &map, &options), read_signere_webhook(&case.body, &pairs[..], &options), "{}", case.name);
        }
    }
}

/// With `serde`, an event serialises to the same JavaScript value as its `to_json`.
#[cfg(feature = "serde")]
#[test]
fn serde_gives_the_javascript_value() {
    for case in cases() {
        let headers: Vec<(&str, &[u8])> = case.headers.iter().map(|(k, v)| (k.as_str(), v.as_bytes())).collect();
        let Some(want) = case.expect.get("event") else { continue };
        let got = match case.vendor.as_str() {
            "signere" => serde_json::to_value(read_signere_webhook(&case.body, &headers[..], &SignereOptions::unverified()).expect("event")),
            _ => serde_json::to_value(read_ignition_webhook(&case.body, &headers[..], &IgnitionOptions::unverified()).expect("event")),
        };
        assert_eq!(&got.expect("serialises"), want, "{}", case.name);
    }
}

/// The tables as JSON (what a generated JavaScript reader starts from): valid, one entry per event.
#[test]
fn the_tables_as_json() {
    for table in [embed_events::SignereWebhook::TABLE, embed_events::IgnitionWebhook::TABLE] {
        let value: Value = serde_json::from_str(&table.to_json()).expect("JSON");
        assert_eq!(value["events"].as_array().map(Vec::len), Some(table.events.len()));
        assert_eq!(value["readFn"], table.read_fn);
    }
    let signere: Value = serde_json::from_str(&embed_events::SignereWebhook::TABLE.to_json()).expect("JSON");
    let signed = signere["events"].as_array().expect("events").iter().find(|e| e["name"] == "document_signed").expect("document_signed");
    let signer = &signed["fields"][3];
    assert_eq!((&signer["key"], &signer["kind"]), (&Value::from("signers"), &Value::from("records")));
    let ssn = signer["fields"].as_array().expect("fields").iter().find(|f| f["key"] == "socialSecurityNumber").expect("ssn");
    assert_eq!(ssn["secret"], true);
}

#[test]
fn a_vendor_declared_in_its_own_file_is_read_by_read_webhook_by_its_kind_of_verification() {
    use queue::QueueWebhook;
    let options = IgnitionOptions::new("X-Queue-Token", "queue-test-token").expect("options");
    let headers = [("x-queue-token", "queue-test-token")];
    // `number`: the older senders' name of `ticket`; `sent_at`, of `sentAt`.
    let body = br#"{"id":"d1","event":"ticket.issued","sent_at":"2026-01-02T03:04:05Z","body":{"number":"T-7","pass":"P-1"}}"#;
    let event: QueueWebhook = read_webhook(body, &headers[..], &options).expect("event");
    assert_eq!(event.to_json(), r#"{"event":"ticket.issued","id":"d1","sentAt":"2026-01-02T03:04:05Z","ticket":"T-7","pass":"P-1"}"#);
    assert!(!format!("{event:?}").contains("P-1"), "the pass is redacted");
    let forged = [("x-queue-token", "guess")];
    assert_eq!(read_webhook::<QueueWebhook>(body, &forged[..], &options), Err(WebhookError::SignatureInvalid));
    assert_eq!(read_webhook::<QueueWebhook>(body, &[] as &[(&str, &str)], &options), Err(WebhookError::SignatureMissing));
    // Its kind of verification is a type, from its declaration: `read_webhook` takes
    // `IgnitionOptions` for it, and options of the other kind do not compile (`read_webhook`'s
    // `compile_fail` example).
    assert_eq!(TypeId::of::<<QueueWebhook as Webhook>::Kind>(), TypeId::of::<kind::CustomHeader>());
    assert_eq!(TypeId::of::<<embed_events::SignereWebhook as Webhook>::Kind>(), TypeId::of::<kind::HmacSha256Hex>());
    let unknown: QueueWebhook = read_webhook(br#"{"event":"queue.paused","id":"d3"}"#, &headers[..], &options).expect("event");
    assert_eq!(unknown.name(), "queue.paused");
    let missing = read_webhook::<QueueWebhook>(br#"{"event":"ticket.issued","body":{}}"#, &headers[..], &options);
    assert_eq!(missing.unwrap_err().detail(), Some("body.ticket: missing"));
}
