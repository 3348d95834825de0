//! The pure core, natively: both vendors' decoding (the shared case table), the event values
//! (`to_json`, serde, `Debug`), hostile JSON text and hostile input to `ignition_url` (whose cases
//! are tests/ignition_url.rs's), origin parsing and matching, and properties over arbitrary input.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/cases.rs"]
mod cases;
#[path = "support/documented.rs"]
mod documented;
#[path = "support/hosts.rs"]
mod hosts;
#[path = "support/json.rs"]
mod json;
#[path = "support/model.rs"]
mod model;

use cases::{Case, Expect, For, CASES};
use hosts::may_be_refused;
use embed_events::{decode, error::{Malformed, OriginError, Problem}, ignition_url, AllowList, Decoded, Event, Ignition, IgnitionEvent, Origin, Signere, SignereEvent, Vendor};
use json::{decode_read, decode_shaped, decode_text, decode_value, event_value, Outcome};
use proptest::prelude::*;
use serde_json::Value;

fn outcome(vendor: For, data: &Value) -> Outcome {
    match vendor {
        For::Ignition => decode_value::<Ignition>(data),
        For::Signere => decode_value::<Signere>(data),
    }
}

/// As the Rust watcher reads `event.data` (src/watch.rs).
fn read(vendor: For, data: &Value) -> Outcome {
    match vendor {
        For::Ignition => decode_read::<Ignition>(data),
        For::Signere => decode_read::<Signere>(data),
    }
}

fn shaped(vendor: For, data: &Value) -> Outcome {
    match vendor {
        For::Ignition => decode_shaped::<Ignition>(data),
        For::Signere => decode_shaped::<Signere>(data),
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
        assert_eq!(read(case.vendor, &as_string), want, "{:?} as a JSON string the Rust watcher reads: {}", case.vendor, case.data);
        checked += 2;
        if !case.string_only {
            let as_object: Value = serde_json::from_str(case.data).expect("case data is JSON");
            assert_eq!(outcome(case.vendor, &as_object), want, "{:?} as an object: {}", case.vendor, case.data);
            // As the browser reads it: the Rust watcher member by member, the npm package's shape.
            assert_eq!(read(case.vendor, &as_object), want, "{:?} as an object the Rust watcher reads: {}", case.vendor, case.data);
            assert_eq!(shaped(case.vendor, &as_object), want, "{:?} as a shaped object: {}", case.vendor, case.data);
            checked += 3;
        }
    }
    assert!(checked > 150, "only {checked} checks");
}

#[test]
fn every_documented_status_and_type_has_a_delivered_case() {
    let delivered = |vendor: For, tag: &str, name: &str| {
        CASES.iter().any(|c| {
            c.vendor == vendor
                && matches!(c.expect, Expect::Event(_))
                && model::parse(c.data).and_then(|v| v.get(tag).cloned()) == Some(Value::String(name.into()))
        })
    };
    let statuses: Vec<_> = model::IGNITION.tags().collect();
    assert_eq!(statuses, ["complete", "exit", "error"]);
    for status in statuses {
        assert!(delivered(For::Ignition, "status", status), "no case delivers Ignition {status}");
    }
    let types: Vec<_> = model::SIGNERE.tags().collect();
    assert_eq!(types.len(), 12, "{types:?}");
    for ty in types {
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
    let callbacks = |events: &[embed_events::table::EventSpec]| events.iter().map(|e| e.callback).collect::<Vec<_>>();
    assert_eq!(callbacks(Ignition::TABLE.events), ["onComplete", "onExit", "onError"]);
    assert_eq!(Signere::TABLE.events.len(), 11);
    assert_eq!(callbacks(Signere::TABLE.events)[8], "onUserAborted");
}

// ---- event values --------------------------------------------------------------------------

/// Every delivered case, decoded by its vendor: the event and the expected value's JSON text.
fn delivered<V: Vendor>(vendor: For) -> Vec<(V::Event, &'static Case, &'static str)> {
    CASES
        .iter()
        .filter(|c| c.vendor == vendor)
        .filter_map(|c| match (&c.expect, decode::<V>(c.data)) {
            (Expect::Event(json), Decoded::Event(event)) => Some((event, c, *json)),
            (Expect::Event(_), other) => panic!("{:?} does not deliver {}: {other:?}", c.vendor, c.data),
            _ => None,
        })
        .collect()
}

fn check_event_values<V: Vendor>(vendor: For) -> usize
where
    V::Event: PartialEq,
{
    let events = delivered::<V>(vendor);
    for (event, case, json) in &events {
        let spec = &V::TABLE.events[event.index()];
        assert_eq!(event.spec().name, spec.name, "{}", case.data);
        assert_eq!((event.name(), event.callback(), event.is_terminal()), (spec.name, spec.callback, spec.terminal));
        // The JavaScript value, as JSON.stringify writes it: the tag first, then the table's order.
        assert_eq!(event.to_json(), *json, "to_json of {}", case.data);
        assert_eq!(serde_json::from_str::<Value>(&event.to_json()).unwrap(), event_value(event));
        // Decoding is the same from a `Decoded` compared whole.
        assert_eq!(decode::<V>(case.data), Decoded::Event(event.clone()));
    }
    events.len()
}

#[test]
fn delivered_events_know_their_table_entry_and_write_their_javascript_value() {
    let n = check_event_values::<Ignition>(For::Ignition) + check_event_values::<Signere>(For::Signere);
    let events = CASES.iter().filter(|c| matches!(c.expect, Expect::Event(_))).count();
    assert_eq!(n, events, "every delivered case is checked");
}

#[test]
fn typed_events_have_the_documented_fields() {
    let Decoded::Event(event) = decode::<Ignition>(r#"{"status":"complete","authCode":"cod_1","result":"link","client":null}"#) else {
        panic!()
    };
    assert_eq!(event, IgnitionEvent::Complete { auth_code: "cod_1".into(), client: None, result: Some("link".into()) });
    let Decoded::Event(event) = decode::<Signere>(
        r#"{"type":"sign_error","payload":{"errorCode":"SA-1017","message":"m","eidErrorCode":"E42","documentId":"d1"}}"#,
    ) else {
        panic!()
    };
    assert_eq!(
        event,
        SignereEvent::SignError {
            code: Some("SA-1017".into()),
            message: Some("m".into()),
            eid_code: Some("E42".into()),
            eid_message: None,
            document_id: Some("d1".into()),
        }
    );
    assert_eq!(
        decode::<Signere>(r#"{"type":"user_canceled"}"#),
        Decoded::Event(SignereEvent::UserAborted { document_id: None })
    );
    assert_eq!(decode::<Signere>(r#"{"type":"spinner_on"}"#), Decoded::Event(SignereEvent::SpinnerOn {}));
}

#[test]
fn malformed_messages_say_where_and_what() {
    let malformed = |decoded: Decoded<SignereEvent>| match decoded {
        Decoded::Malformed(m) => m,
        other => panic!("{other:?}"),
    };
    let m = malformed(decode::<Signere>(r#"{"type":"eid_selected","payload":{}}"#));
    assert_eq!(m, Malformed { path: "payload.eid", problem: Problem::Missing });
    assert_eq!((m.detail(), m.to_string()), ("payload.eid: missing".to_string(), "payload.eid: missing".to_string()));
    let m = malformed(decode::<Signere>(r#"{"type":"sign_error","payload":{"error":[]}}"#));
    assert_eq!(m, Malformed { path: "payload.error", problem: Problem::NotObject });
    let m = malformed(decode::<Signere>(r#"{"type":"sign_error","payload":{"errorMessage":false}}"#));
    assert_eq!(m, Malformed { path: "payload.errorMessage", problem: Problem::NotString });
    let m = malformed(decode::<Signere>("[]"));
    assert_eq!(m, Malformed { path: "data", problem: Problem::NotObject });
    let m = malformed(decode::<Signere>("{"));
    assert_eq!(m, Malformed { path: "data", problem: Problem::NotJson });
    let problems = [Problem::Missing, Problem::NotString, Problem::NotObject, Problem::NotJson].map(Problem::as_str);
    assert_eq!(problems, ["missing", "expected a string", "expected an object", "a string that is not JSON"]);
    let error: &dyn std::error::Error = &m;
    assert_eq!(error.to_string(), "data: a string that is not JSON");
}

/// With the `serde` feature, every delivered event serialises to exactly its JavaScript value.
#[cfg(feature = "serde")]
#[test]
fn serde_serialises_events_as_their_javascript_values() {
    fn check<V: Vendor>(vendor: For) -> usize
    where
        V::Event: serde::Serialize,
    {
        let events = delivered::<V>(vendor);
        for (event, case, json) in &events {
            assert_eq!(serde_json::to_value(event).unwrap(), event_value(event), "{}", case.data);
            assert_eq!(serde_json::to_string(event).unwrap(), *json, "{}", case.data);
        }
        events.len()
    }
    let checked = check::<Ignition>(For::Ignition) + check::<Signere>(For::Signere);
    let events = CASES.iter().filter(|c| matches!(c.expect, Expect::Event(_))).count();
    assert_eq!(checked, events, "every delivered case is checked");
}

// ---- hostile JSON text ---------------------------------------------------------------------

#[test]
fn deep_wide_and_long_messages_decode_without_recursion_or_panic() {
    let deep = 200_000;
    let arrays = format!("{}{}", "[".repeat(deep), "]".repeat(deep));
    let objects = format!("{}null{}", r#"{"a":"#.repeat(deep), "}".repeat(deep));
    let mixed = format!("{}null{}", r#"[{"a":"#.repeat(deep / 2), "}]".repeat(deep / 2));
    for filler in [&arrays, &objects, &mixed] {
        let text = format!(r#"{{"status":"exit","x":{filler},"step":"s"}}"#);
        assert_eq!(decode_text::<Ignition>(&text), Outcome::Event(serde_json::json!({"status":"exit","step":"s"})));
        let text = format!(r#"{{"type":"sign_success","payload":{{"documentId":"d","x":{filler}}}}}"#);
        assert_eq!(decode_text::<Signere>(&text), Outcome::Event(serde_json::json!({"type":"sign_success","documentId":"d"})));
        // The nesting as the message itself: not an object, or an object without a tag; unclosed: not JSON.
        let want = if filler.starts_with('[') { json::not_an_object() } else { Outcome::Malformed("status: missing".into()) };
        assert_eq!(decode_text::<Ignition>(filler), want);
        assert_eq!(decode_text::<Ignition>(&filler[..filler.len() - 1]), Outcome::Malformed("data: a string that is not JSON".into()));
    }
    // A field's value nested deeper than it is read: an object is still an object.
    let text = format!(r#"{{"type":"sign_error","payload":{{"error":{{"code":{}1{}}}}}}}"#, r#"{"a":"#.repeat(1000), "}".repeat(1000));
    assert_eq!(decode_text::<Signere>(&text), Outcome::Malformed("payload.error.code: expected a string".into()));
    let long = "x".repeat(1 << 20);
    // A raw control character at the end of a long string is still found.
    let text = format!(r#"{{"status":"complete","authCode":"{long}","client":"{long}{}"}}"#, '\n');
    assert!(decode_text::<Ignition>(&text) == Outcome::Malformed("data: a string that is not JSON".into()));
    let text = format!(r#"{{"status":"complete","authCode":"{long}","client":"\u00e9{long}"}}"#);
    let Decoded::Event(IgnitionEvent::Complete { auth_code, client, .. }) = decode::<Ignition>(&text) else { panic!() };
    assert_eq!((auth_code.len(), client.map(|c| c.chars().count())), (1 << 20, Some((1 << 20) + 1)));
    let wide: String = (0..100_000).map(|i| format!(r#""k{i}":[{i}],"#)).collect();
    let text = format!(r#"{{{wide}"status":"exit","step":"s"}}"#);
    assert_eq!(decode_text::<Ignition>(&text), Outcome::Event(serde_json::json!({"status":"exit","step":"s"})));
}

#[test]
fn lone_surrogate_escapes_read_as_the_replacement_character() {
    use serde_json::json;
    let event = |text: &str| decode_text::<Ignition>(text);
    assert_eq!(event(r#"{"status":"exit","step":"\ud800"}"#), Outcome::Event(json!({"status":"exit","step":"\u{fffd}"})));
    assert_eq!(event(r#"{"status":"exit","step":"\udc00\ud800x\ud800\u0041"}"#), Outcome::Event(json!({"status":"exit","step":"\u{fffd}\u{fffd}x\u{fffd}A"})));
    assert_eq!(event(r#"{"status":"exit","step":"\ud83d\ude00\uD83D\uDE00"}"#), Outcome::Event(json!({"status":"exit","step":"😀😀"})));
    assert_eq!(event(r#"{"status":"\ud800"}"#), Outcome::Unknown("\u{fffd}".into()));
    assert_eq!(event(r#"{"status":"exit","step":"\ud800\u12"}"#), Outcome::Malformed("data: a string that is not JSON".into()));
}

#[test]
fn the_model_reads_json_text_as_json_parse_does() {
    use serde_json::json;
    let cases = [
        (r#""\ud800""#, Some(json!("\u{fffd}"))),
        (r#""\udc00\ud83d\ude00\ud83d""#, Some(json!("\u{fffd}😀\u{fffd}"))),
        (r#""\\ud800""#, Some(json!("\\ud800"))),
        (r#""\"\ud800""#, Some(json!("\"\u{fffd}"))),
        (r#"[1e999,-1e999,1e-999,-0,0.5E+3,123456789012345678901234567890]"#, Some(json!([0, 0, 0, 0, 0, 0]))),
        (r#"{"a":"1e999","b":"-1"}"#, Some(json!({"a": "1e999", "b": "-1"}))),
        (" {} ", Some(json!({}))),
        ("01", None),
        ("1.", None),
        ("-", None),
        ("1e", None),
        ("[1 2]", None),
        ("{} {}", None),
        ("", None),
        (r#""\ud800"#, None),
        (r#""\u12""#, None),
    ];
    for (text, want) in cases {
        assert_eq!(model::parse(text), want, "{text}");
    }
}

// ---- ignition_url: tests/ignition_url.rs, over tests/data/ignition_url.json ------------------

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
            prop_assert_eq!(&via_string, &read(vendor, &text));
            if value.is_object() {
                prop_assert_eq!(&direct, &via_string);
                prop_assert_eq!(&direct, &read(vendor, &value));
                prop_assert_eq!(&direct, &shaped(vendor, &value));
            }
        }
    }

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        for vendor in [For::Ignition, For::Signere] {
            let data = Value::String(text.clone());
            prop_assert_eq!(outcome(vendor, &data), read(vendor, &data));
        }
        let _ = Origin::parse(&text);
        let _ = Origin::of_url(&text);
        let _ = ignition_url(&text, Some(&text));
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
            // Rejected for its port, or for a host the URL standard refuses (see `may_be_refused`).
            prop_assert!(port.is_some_and(|p| p > 65535) || may_be_refused(&host), "{} rejected: {:?}", entry, Origin::parse(&entry));
        }
    }

    #[test]
    fn ignition_url_leaves_exactly_one_origin_parameter_and_the_rest_in_order(
        params in prop::collection::vec(("(origin|token|o|originx)", "[a-z0-9%=:/.]{0,6}"), 0..6),
        fragment in prop::option::of("[a-z?&=]{0,6}"),
        parent in prop::sample::select(&["https://a.com", "HTTP://LOCALHOST:80/", "https://[::1]:8443", "http://x.y:1"][..]),
    ) {
        let query: Vec<String> = params.iter().map(|(k, v)| format!("{k}={v}")).collect();
        let mut url = format!("https://ignition.axle.insure/flow?{}", query.join("&"));
        if let Some(f) = &fragment {
            url = format!("{url}#{f}");
        }
        let set = ignition_url(&url, Some(parent)).unwrap();
        let origin = Origin::parse(parent).unwrap();
        let (head, tail) = set.split_once('#').map_or((set.as_str(), None), |(h, t)| (h, Some(t)));
        prop_assert_eq!(tail, fragment.as_deref());
        let (_, query) = head.split_once('?').unwrap();
        let parts: Vec<&str> = query.split('&').collect();
        let origins: Vec<&&str> = parts.iter().filter(|p| p.split('=').next() == Some("origin")).collect();
        prop_assert_eq!(origins.len(), 1);
        let encoded = origin.as_str().replace(':', "%3A").replace('/', "%2F").replace('[', "%5B").replace(']', "%5D");
        prop_assert_eq!(*origins[0], format!("origin={encoded}"));
        let others: Vec<&str> = parts.iter().copied().filter(|p| p.split('=').next() != Some("origin")).collect();
        let given: Vec<&str> = query_parts(&url).into_iter().filter(|p| p.split('=').next() != Some("origin")).collect();
        prop_assert_eq!(others, given);
        prop_assert_eq!(ignition_url(&set, Some(parent)).unwrap(), set.clone());
    }

    #[test]
    fn ignition_url_cleans_the_url_and_applied_to_its_own_output_changes_nothing(
        lead in prop::collection::vec(prop::sample::select(&[" ", "\t", "\n", "\r", "\u{0}", "\u{1f}"][..]), 0..3),
        scheme in prop::sample::select(&["https", "http", "HTTPS"][..]),
        host in prop::sample::select(&["ignition.axle.insure", "localhost:8001", "[::1]", "a.com"][..]),
        start in prop::sample::select(&["/", "?", "#"][..]),
        body in prop::collection::vec(prop::sample::select(&[
            "/", "p", "?", "&", "=", "#", "origin", "%6Frigin", "orig%69n", "+", "%", " ", "\t", "\n", "\r", "\u{1}", "token", "x",
        ][..]), 0..12),
        trail in prop::collection::vec(prop::sample::select(&[" ", "\t", "\n", "\r", "\u{0}", "\u{1f}"][..]), 0..3),
        parent in prop::sample::select(&["https://a.com", "HTTP://LOCALHOST:80/", "https://[::1]:8443"][..]),
    ) {
        let url = format!("{}{scheme}://{host}{start}{}{}", lead.concat(), body.concat(), trail.concat());
        let set = ignition_url(&url, Some(parent)).unwrap();
        prop_assert_eq!(ignition_url(&set, Some(parent)).unwrap(), set.clone(), "{:?}", url);
        prop_assert_eq!(Origin::of_url(&set), Origin::of_url(&url));
        prop_assert!(!set.starts_with(|c: char| c <= ' ') && !set.ends_with(|c: char| c <= ' '), "{:?} → {:?}", url, set);
        prop_assert!(!set.contains(['\t', '\n', '\r']), "{:?} → {:?}", url, set);
        // The query has exactly one parameter named `origin` (as `URLSearchParams` decodes names),
        // the parent origin; the rest is the cleaned URL's, in order.
        let is_origin = |part: &str| form_decoded(part.split('=').next().unwrap_or("")) == b"origin";
        let encoded = Origin::parse(parent).unwrap().as_str().replace(':', "%3A").replace('/', "%2F").replace('[', "%5B").replace(']', "%5D");
        let parts = query_parts(&set);
        let origins: Vec<&str> = parts.iter().copied().filter(|p| is_origin(p)).collect();
        let pair = format!("origin={encoded}");
        prop_assert_eq!(origins, vec![pair.as_str()], "{:?} → {:?}", url, set);
        let cleaned: String = url.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect();
        let others: Vec<&str> = parts.iter().copied().filter(|p| !is_origin(p)).collect();
        // As written, but for C0 controls and spaces, percent-encoded.
        let encoded_part = |p: &str| p.chars().map(|c| if c <= ' ' { format!("%{:02X}", c as u32) } else { c.to_string() }).collect::<String>();
        let given: Vec<String> = query_parts(&cleaned).into_iter().filter(|p| !is_origin(p)).map(encoded_part).collect();
        prop_assert_eq!(others, given, "{:?} → {:?}", url, set);
        let (set_head, set_fragment) = set.split_once('#').map_or((set.as_str(), None), |(h, f)| (h, Some(f)));
        let (clean_head, clean_fragment) = cleaned.split_once('#').map_or((cleaned.as_str(), None), |(h, f)| (h, Some(f)));
        prop_assert_eq!(set_fragment, clean_fragment);
        prop_assert_eq!(set_head.split('?').next(), clean_head.split('?').next());
    }
}

/// The bytes `application/x-www-form-urlencoded` text decodes to (`+` is a space, `%XX` a byte).
fn form_decoded(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) if bytes[i + 1].is_ascii_hexdigit() => {
                out.push(byte);
                i += 3;
                continue;
            }
            (b'+', _) => out.push(b' '),
            (b, _) => out.push(b),
        }
        i += 1;
    }
    out
}

fn query_parts(url: &str) -> Vec<&str> {
    let head = url.split('#').next().unwrap();
    head.split_once('?').map_or(vec![], |(_, q)| q.split('&').filter(|p| !p.is_empty()).collect())
}
