//! The pure core, natively: both vendors' decoding (the shared case table), origin parsing and
//! matching, and properties over arbitrary input.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;
#[path = "support/documented.rs"]
mod documented;
#[path = "support/json.rs"]
mod json;

use cases::{Expect, For, CASES};
use embed_events::{AllowList, Ignition, Origin, OriginError, Signere, Vendor};
use json::{decode_value, Outcome};
use proptest::prelude::*;
use serde_json::Value;

fn outcome(vendor: For, data: &Value) -> Outcome {
    match vendor {
        For::Ignition => decode_value::<Ignition>(data),
        For::Signere => decode_value::<Signere>(data),
    }
}

fn expected(expect: &Expect) -> Outcome {
    match expect {
        Expect::Event(json) => Outcome::Event(serde_json::from_str(json).expect("case's expected value is JSON")),
        Expect::Unknown(name) => Outcome::Unknown((*name).into()),
        Expect::Malformed(detail) => Outcome::Malformed((*detail).into()),
    }
}

#[test]
fn every_case_decodes_as_expected_from_a_string_and_from_an_object() {
    let mut checked = 0;
    for case in CASES {
        let want = expected(&case.expect);
        let as_string = Value::String(case.data.into());
        assert_eq!(outcome(case.vendor, &as_string), want, "{:?} as a JSON string: {}", case.vendor, case.data);
        checked += 1;
        if !case.string_only {
            let as_object: Value = serde_json::from_str(case.data).expect("case data is JSON");
            assert_eq!(outcome(case.vendor, &as_object), want, "{:?} as an object: {}", case.vendor, case.data);
            checked += 1;
        }
    }
    assert!(checked > 100, "only {checked} checks");
}

#[test]
fn every_documented_status_and_type_has_a_delivered_case() {
    let delivered = |vendor: For, tag: &str, name: &str| {
        CASES.iter().any(|c| {
            c.vendor == vendor
                && matches!(c.expect, Expect::Event(_))
                && serde_json::from_str::<Value>(c.data).ok().and_then(|v| v.get(tag).cloned()) == Some(Value::String(name.into()))
        })
    };
    for status in ["complete", "exit", "error"] {
        assert!(delivered(For::Ignition, "status", status), "no case delivers Ignition {status}");
    }
    for ty in [
        "document_expired", "document_read", "eid_selected", "language_changed", "sign_success", "sign_error",
        "spinner_on", "spinner_off", "user_aborted", "user_canceled", "app_started", "outdated_browser",
    ] {
        assert!(delivered(For::Signere, "type", ty), "no case delivers Signere {ty}");
    }
}

/// A delivered event carries exactly its documented fields, all strings, its required ones present.
fn assert_documented_only(outcome: &Outcome) {
    if let Outcome::Event(value) = outcome {
        let tag = if value.get("status").is_some() { "status" } else { "type" };
        assert_eq!(documented::problem(tag, value), None);
    }
}

#[test]
fn vendor_callback_lists_match_the_events() {
    assert_eq!(Ignition::CALLBACKS, ["onComplete", "onExit", "onError"]);
    assert_eq!(Signere::CALLBACKS.len(), 11);
}

// ---- origins -------------------------------------------------------------------------------

#[test]
fn allow_list_entries_normalise_as_the_url_standard_serialises_origins() {
    let cases = [
        ("https://ignition.axle.insure", "https://ignition.axle.insure"),
        ("https://ignition.axle.insure/", "https://ignition.axle.insure"),
        ("HTTPS://IGNITION.AXLE.INSURE", "https://ignition.axle.insure"),
        ("https://ignition.axle.insure:443", "https://ignition.axle.insure"),
        ("https://ignition.axle.insure:0443/", "https://ignition.axle.insure"),
        ("http://localhost:80", "http://localhost"),
        ("http://localhost:8080/", "http://localhost:8080"),
        ("https://localhost:80", "https://localhost:80"),
        ("http://127.0.0.1:5173", "http://127.0.0.1:5173"),
        ("https://[::1]:8443", "https://[::1]:8443"),
        ("https://[::1]:443", "https://[::1]"),
        ("  https://sign.idfy.io  ", "https://sign.idfy.io"),
        ("https://sign.idfy.io:", "https://sign.idfy.io"),
        ("https://sign.idfy.io.", "https://sign.idfy.io."),
        ("https:\\\\sign.idfy.io", "https://sign.idfy.io"),
        ("null", "null"),
    ];
    for (entry, want) in cases {
        assert_eq!(Origin::parse(entry).map(|o| o.as_str().to_string()), Ok(want.to_string()), "{entry}");
    }
}

#[test]
fn allow_list_entries_that_are_not_bare_origins_are_rejected_with_the_reason() {
    use OriginError::*;
    let cases = [
        ("*", Wildcard),
        ("https://*.axle.insure", Wildcard),
        ("https://ignition.*", Wildcard),
        ("", Empty),
        ("   ", Empty),
        ("ignition.axle.insure", NoScheme),
        ("ignition.axle.insure:443", NoScheme),
        ("localhost:8080", NoScheme),
        ("//ignition.axle.insure", NoScheme),
        ("https:ignition.axle.insure", NoScheme),
        ("ftp://ignition.axle.insure", Scheme),
        ("file:///etc/passwd", Scheme),
        ("chrome-extension://abcdef", Scheme),
        ("javascript:alert(1)", Scheme),
        ("https://user:pass@ignition.axle.insure", Credentials),
        ("https://@ignition.axle.insure", Credentials),
        ("https://ignition.axle.insure/login", Path),
        ("https://ignition.axle.insure//", Path),
        ("https://ignition.axle.insure?x=1", Query),
        ("https://ignition.axle.insure/?", Query),
        ("https://ignition.axle.insure#top", Fragment),
        ("https://ignition.axle.insure/#", Fragment),
        ("https://ignition.axle.insure:99999", Port),
        ("https://ignition.axle.insure:65536", Port),
        ("https://ignition.axle.insure:44a", Port),
        ("https://ignition.axle.insure:-1", Port),
        ("https://", Host),
        ("https://:443", Host),
        ("https://ign ition.axle.insure", Host),
        ("https://ignition<axle.insure", Host),
        ("https://[::1", Host),
    ];
    for (entry, want) in cases {
        assert_eq!(Origin::parse(entry), Err(want), "{entry}");
    }
}

#[test]
fn entry_errors_name_the_entry_and_its_position() {
    let err = AllowList::parse(["https://a.com", "https://a.com/x"]).unwrap_err();
    assert_eq!(err.to_string(), r#"origins[1]: "https://a.com/x" has a path; give a bare origin such as "https://example.com""#);
    let err = AllowList::parse(["*"]).unwrap_err();
    assert!(err.to_string().starts_with(r#"origins[0]: "*" is not allowed"#), "{err}");
}

#[test]
fn matching_is_exact_on_the_serialised_origin() {
    let list = AllowList::parse(["https://ignition.axle.insure/"]).unwrap();
    assert!(list.allows("https://ignition.axle.insure"));
    for lookalike in [
        "https://ignition.axle.insure.evil.com",
        "https://evilignition.axle.insure",
        "https://evil.com/https://ignition.axle.insure",
        "http://ignition.axle.insure",
        "https://ignition.axle.insure:8443",
        "https://IGNITION.axle.insure",
        "https://ignition.axle.insure.",
        "https://ignition.sandbox.axle.insure",
        "null",
        "",
    ] {
        assert!(!list.allows(lookalike), "{lookalike} must not match");
    }
}

#[test]
fn the_origin_of_a_frame_src_ignores_path_query_and_fragment() {
    assert_eq!(Origin::of_url("https://sign.idfy.io/sign?doc=1#x").unwrap().as_str(), "https://sign.idfy.io");
    assert_eq!(Origin::of_url("http://localhost:8001/www/ignition.html").unwrap().as_str(), "http://localhost:8001");
    assert_eq!(Origin::of_url("about:blank"), None);
    assert_eq!(Origin::of_url("data:text/html,hi"), None);
    assert_eq!(Origin::of_url(""), None);
}

// ---- properties ----------------------------------------------------------------------------

fn arb_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("status".to_string()),
        Just("type".to_string()),
        Just("payload".to_string()),
        Just("authCode".to_string()),
        Just("error".to_string()),
        Just("code".to_string()),
        Just("eid".to_string()),
        Just("documentId".to_string()),
        Just("__proto__".to_string()),
        ".{0,8}",
    ];
    let tag = prop_oneof![
        Just("complete"), Just("exit"), Just("error"), Just("sign_error"), Just("eid_selected"),
        Just("language_changed"), Just("user_canceled"), Just("document_read"), Just("spinner_on"),
    ]
    .prop_map(|s| Value::String(s.into()));
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        tag,
    ];
    leaf.prop_recursive(5, 64, 8, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((key.clone(), inner), 0..8).prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_json_never_panics_and_events_carry_only_documented_fields(value in arb_json()) {
        for vendor in [For::Ignition, For::Signere] {
            let direct = outcome(vendor, &value);
            assert_documented_only(&direct);
            let text = Value::String(value.to_string());
            let via_string = outcome(vendor, &text);
            assert_documented_only(&via_string);
            if value.is_object() {
                prop_assert_eq!(direct, via_string);
            }
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        let _ = outcome(For::Ignition, &Value::String(text.clone()));
        let _ = outcome(For::Signere, &Value::String(text.clone()));
        let _ = Origin::parse(&text);
        let _ = Origin::of_url(&text);
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let _ = outcome(For::Signere, &Value::String(text.clone()));
        let _ = Origin::parse(&text);
    }

    #[test]
    fn normalising_an_origin_twice_changes_nothing(
        scheme in prop_oneof![Just("http"), Just("https"), Just("HTTPS"), Just("Http")],
        host in "[a-zA-Z0-9.-]{1,20}",
        port in prop::option::of(0u32..70000),
        slash in any::<bool>(),
    ) {
        let entry = format!("{scheme}://{host}{}{}", port.map(|p| format!(":{p}")).unwrap_or_default(), if slash { "/" } else { "" });
        if let Ok(origin) = Origin::parse(&entry) {
            prop_assert_eq!(Origin::parse(origin.as_str()), Ok(origin.clone()));
            prop_assert!(origin.as_str().starts_with("http"));
            prop_assert!(!origin.as_str().ends_with('/'));
            prop_assert!(port.is_none_or(|p| p <= 65535));
        } else {
            prop_assert!(port.is_some_and(|p| p > 65535));
        }
    }
}

/// With the `serde` feature, every delivered event serialises to exactly its JavaScript value.
#[cfg(feature = "serde")]
#[test]
fn serde_serialises_events_as_their_javascript_values() {
    fn check<V: Vendor>(data: &Value) -> usize
    where
        V::Event<String>: serde::Serialize,
    {
        match V::decode(&json::Json(data)) {
            embed_events::Decoded::Event(event) => {
                assert_eq!(serde_json::to_value(&event).unwrap(), json::event_value::<V>(&event), "{data}");
                1
            }
            _ => 0,
        }
    }
    let mut checked = 0;
    for case in CASES.iter().filter(|c| !c.string_only) {
        let data: Value = serde_json::from_str(case.data).unwrap();
        checked += match case.vendor {
            For::Ignition => check::<Ignition>(&data),
            For::Signere => check::<Signere>(&data),
        };
    }
    let events = CASES.iter().filter(|c| !c.string_only && matches!(c.expect, Expect::Event(_))).count();
    assert_eq!(checked, events, "every delivered case is checked");
}
