//! `read_ignition_redirect`, natively: every case of tests/data/redirect.json (the contract's table
//! row by row, the clean URL, parameters given twice, form decoding, the JavaScript value), which
//! tests/js/redirect.test.mjs runs through the package's `readIgnitionRedirect` too; and a property:
//! a redirect URL and the message with the same fields always give the same outcome.
#![cfg(not(target_arch = "wasm32"))]

use embed_events::{decode, read_ignition_redirect, report::Redirect, Decoded, Event, Ignition, IgnitionEvent, Vendor};
use proptest::prelude::*;
use serde_json::{Map, Value};

const BASE: &str = "https://example.com/insurance/redirect";
const SIX: [&str; 6] = ["status", "authCode", "client", "result", "step", "message"];

fn read(url: &str) -> Redirect {
    read_ignition_redirect(url).unwrap_or_else(|| panic!("no redirect read from {url}"))
}

fn event(url: &str) -> (IgnitionEvent, String) {
    match read(url) {
        Redirect::Event { event, clean_url } => (event, clean_url),
        other => panic!("{url}: expected an event, got {other:?}"),
    }
}

// ---- The contract's table, row by row ----

#[test]
fn the_parameters_are_ignitions_message_keys() {
    assert_eq!(Ignition::TABLE.keys(), SIX);
}

#[test]
fn every_case_of_the_case_file_reads_as_it_says() {
    // tests/data/redirect.json: the contract's table row by row, the clean URL, parameters given
    // twice, form decoding and the JavaScript value; tests/js/redirect.test.mjs runs it too.
    let file: Value = serde_json::from_str(include_str!("data/redirect.json")).unwrap();
    let cases = file["cases"].as_array().unwrap();
    for case in cases {
        let url = case["url"].as_str().unwrap();
        let expect = &case["expect"];
        let Some(redirect) = read_ignition_redirect(url) else {
            assert!(expect.is_null(), "{url}: no redirect read, expected {expect}");
            continue;
        };
        assert_eq!(serde_json::from_str::<Value>(&redirect.to_json()).unwrap(), *expect, "{url}");
        assert_eq!(redirect.clean_url(), expect["cleanUrl"], "{url}");
        let query = url.split('#').next().unwrap().split_once('?').map_or("", |(_, q)| q);
        match &redirect {
            Redirect::Event { event, .. } => {
                assert_eq!(serde_json::from_str::<Value>(&event.to_json()).unwrap(), expect["event"], "{url}");
                // Exactly what the message decoder gives for the same fields.
                let message = Value::Object(query_fields(query));
                assert_eq!(decode::<Ignition>(&message.to_string()), Decoded::Event(event.clone()), "{url}");
                assert!(event.is_terminal());
            }
            Redirect::Unknown { name, .. } => assert_eq!(name, expect["name"].as_str().unwrap(), "{url}"),
            Redirect::Malformed { detail, clean_url } => {
                // Neither the detail nor the clean URL holds a value of the six (every copy of a
                // parameter given twice).
                for part in query.split('&') {
                    let (name, value) = part.split_once('=').unwrap_or((part, ""));
                    let (name, value) = (reference_decode(name), reference_decode(value));
                    if value.len() >= 3 {
                        assert!(!detail.contains(&value), "{url}: {detail}");
                        if SIX.contains(&name.as_str()) {
                            assert!(!clean_url.contains(&value), "{url}: {clean_url}");
                        }
                    }
                }
            }
        }
    }
    println!("redirect cases: {}", cases.len());
    assert!(cases.len() >= 100);
}

#[test]
fn to_json_keeps_the_key_order_javascript_builds() {
    let redirect = read(&format!("{BASE}?status=complete"));
    assert_eq!(
        redirect.to_json(),
        format!(r#"{{"kind":"malformed","detail":"authCode: missing","cleanUrl":"{BASE}"}}"#)
    );
    let (event, _) = event(&format!("{BASE}?status=complete&authCode=cod_1&result=link"));
    assert_eq!(event.to_json(), r#"{"status":"complete","authCode":"cod_1","result":"link"}"#);
}

#[test]
fn debug_output_redacts_the_auth_code() {
    let redirect = read(&format!("{BASE}?status=complete&authCode=cod_SECRET"));
    assert!(!format!("{redirect:?}").contains("cod_SECRET"));
}

// ---- The clean URL ----

// ---- Form decoding ----

// ---- The JavaScript value ----

// ---- Properties ----

/// The message fields a query carries, read by `serde`-free reference code: the tests' own
/// `URLSearchParams`.
fn query_fields(query: &str) -> Map<String, Value> {
    let mut fields = Map::new();
    for part in query.split('&').filter(|p| !p.is_empty()) {
        let (name, value) = part.split_once('=').unwrap_or((part, ""));
        fields.insert(reference_decode(name), Value::String(reference_decode(value)));
    }
    fields
}

/// The URL standard's percent-decoding after `+` → space, written plainly.
fn reference_decode(raw: &str) -> String {
    let bytes = raw.replace('+', " ").into_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let hex = |at: usize| bytes.get(at).and_then(|b| (*b as char).to_digit(16));
        match (bytes[i], hex(i + 1), hex(i + 2)) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (b, _, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// How a generated value is written into the URL.
#[derive(Clone, Copy, Debug)]
enum Encoding {
    /// As `URLSearchParams` writes it: everything but `*-._` and alphanumerics as `%XX`, space as `+`.
    Full,
    /// Only what must be encoded (`&=+%#`); spaces as `%20`; other characters, non-ASCII
    /// included, raw.
    Minimal,
    /// Every byte as `%XX`, lower-case hex.
    Every,
}

fn encode(value: &str, encoding: Encoding) -> String {
    let mut out = String::new();
    for c in value.chars() {
        let mut buf = [0; 4];
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            match encoding {
                Encoding::Full => match b {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => out.push(b as char),
                    b' ' => out.push('+'),
                    _ => out.push_str(&format!("%{b:02X}")),
                },
                Encoding::Minimal if c.is_ascii() && "&=+%# ".contains(c) => out.push_str(&format!("%{b:02X}")),
                Encoding::Minimal => {}
                Encoding::Every => out.push_str(&format!("%{b:02x}")),
            }
        }
        if matches!(encoding, Encoding::Minimal) && !(c.is_ascii() && "&=+%# ".contains(c)) {
            out.push(c);
        }
    }
    out
}

fn encoding() -> impl Strategy<Value = Encoding> {
    prop_oneof![Just(Encoding::Full), Just(Encoding::Minimal), Just(Encoding::Every)]
}

/// Strings made of the characters that matter in a query, and arbitrary ones.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9&=+%# ?/;:,_.~*'\"\\\\é€😀\u{0}\u{1f}\u{7f}\u{2028}-]{0,12}",
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

fn status() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => Just("complete".to_string()),
        2 => Just("exit".to_string()),
        2 => Just("error".to_string()),
        1 => prop_oneof![Just("opened".to_string()), Just("Complete".to_string()), Just("exit ".to_string())],
        1 => text(),
    ]
}

/// A query segment: one of Ignition's parameters, an unrelated one (`Other`), or an empty one.
#[derive(Clone, Debug)]
enum Segment {
    Ignition { name: &'static str, value: String, name_encoding: Option<Encoding>, value_encoding: Encoding },
    Other { raw: String },
    Empty,
}

impl Segment {
    fn write(&self) -> String {
        match self {
            Segment::Ignition { name, value, name_encoding, value_encoding } => {
                let name = name_encoding.map_or(name.to_string(), |e| encode(name, e));
                format!("{name}={}", encode(value, *value_encoding))
            }
            Segment::Other { raw } => raw.clone(),
            Segment::Empty => String::new(),
        }
    }
}

/// Unrelated parameters as written, some close to Ignition's names.
fn other() -> impl Strategy<Value = Segment> {
    let name = prop_oneof![
        Just("token".to_string()),
        Just("Status".to_string()),
        Just("statuss".to_string()),
        Just("auth_code".to_string()),
        Just("origin".to_string()),
        Just("st%2561tus".to_string()),
        Just("auth+Code".to_string()),
        "[a-z]{1,6}".prop_filter("not one of the six", |n| !SIX.contains(&n.as_str())),
    ];
    (name, prop::option::of((text(), encoding()))).prop_map(|(name, value)| Segment::Other {
        raw: match value {
            Some((value, encoding)) => format!("{name}={}", encode(&value, encoding)),
            None => name,
        },
    })
}

fn field_strategy() -> impl Strategy<Value = Option<(String, Option<Encoding>, Encoding)>> {
    prop::option::of((text(), prop::option::weighted(0.2, encoding()), encoding()))
}

/// A generated redirect: the status, any subset of the other five fields, unrelated parameters and
/// empty segments, shuffled; a base and a fragment.
fn redirect_case() -> impl Strategy<Value = (Vec<Segment>, String, Option<String>)> {
    let ours = (
        (status(), prop::option::weighted(0.2, encoding()), encoding()),
        [field_strategy(), field_strategy(), field_strategy(), field_strategy(), field_strategy()],
    )
        .prop_map(|((status, status_name, status_value), fields)| {
            let mut segments = vec![Segment::Ignition {
                name: "status",
                value: status,
                name_encoding: status_name,
                value_encoding: status_value,
            }];
            for (name, field) in SIX[1..].iter().zip(fields) {
                if let Some((value, name_encoding, value_encoding)) = field {
                    segments.push(Segment::Ignition { name, value, name_encoding, value_encoding });
                }
            }
            segments
        });
    let others = prop::collection::vec(prop_oneof![4 => other(), 1 => Just(Segment::Empty)], 0..5);
    let base = prop_oneof![
        Just(BASE.to_string()),
        Just("https://app.example.com/".to_string()),
        Just("/callback".to_string()),
        Just(String::new()),
    ];
    let fragment = prop::option::of(prop_oneof![
        Just("status=error&authCode=x".to_string()),
        Just("?status=exit".to_string()),
        text(),
    ]);
    ((ours, others).prop_map(|(mut ours, others)| {
        ours.extend(others);
        ours
    }))
    .prop_shuffle()
    .prop_flat_map(move |segments| (Just(segments), base.clone(), fragment.clone()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]

    /// The redirect reader and the message decoder agree exactly, and the clean URL is the URL
    /// without Ignition's segments.
    #[test]
    fn a_redirect_reads_as_its_message((segments, base, fragment) in redirect_case()) {
        let query: Vec<String> = segments.iter().map(Segment::write).collect();
        let mut url = format!("{base}?{}", query.join("&"));
        let mut message = Map::new();
        let mut kept = Vec::new();
        for segment in &segments {
            match segment {
                Segment::Ignition { name, value, .. } => {
                    message.insert(name.to_string(), Value::String(value.clone()));
                }
                Segment::Other { raw } => kept.push(raw.clone()),
                Segment::Empty => {}
            }
        }
        let mut clean = base.clone();
        if !kept.is_empty() {
            clean.push('?');
            clean.push_str(&kept.join("&"));
        }
        if let Some(fragment) = &fragment {
            url.push('#');
            url.push_str(fragment);
            clean.push('#');
            clean.push_str(fragment);
        }
        let redirect = read_ignition_redirect(&url);
        let decoded = decode::<Ignition>(&Value::Object(message.clone()).to_string());
        let want = match decoded {
            Decoded::Event(event) => Redirect::Event { event, clean_url: clean },
            Decoded::Unknown(name) => Redirect::Unknown { name, clean_url: clean },
            Decoded::Malformed(m) => Redirect::Malformed { detail: m.detail(), clean_url: clean },
        };
        prop_assert_eq!(redirect.as_ref(), Some(&want), "url {:?}, message {:?}", url, message);
        // The JavaScript value carries the event exactly as the callback receives it.
        let value: Value = serde_json::from_str(&want.to_json()).expect("to_json is JSON");
        if let Redirect::Event { event, .. } = &want {
            prop_assert_eq!(&value["event"], &serde_json::from_str::<Value>(&event.to_json()).unwrap());
        }
        prop_assert_eq!(value["cleanUrl"].as_str(), Some(want.clean_url()));
        // A detail never contains a value.
        if let Redirect::Malformed { detail, .. } = &want {
            prop_assert!(["authCode: missing", "status: missing"].contains(&detail.as_str()), "{}", detail);
        }
    }

    /// One of the six given a second time, anywhere, makes any redirect malformed, naming it.
    #[test]
    fn a_second_occurrence_is_malformed(
        (segments, base, _) in redirect_case(),
        which in 0..6usize,
        value in text(),
        at in any::<prop::sample::Index>(),
    ) {
        let mut query: Vec<String> = segments.iter().map(Segment::write).collect();
        let name = SIX[which];
        let present = segments.iter().any(|s| matches!(s, Segment::Ignition { name: n, .. } if *n == name));
        query.insert(at.index(query.len() + 1), format!("{name}={}", encode(&value, Encoding::Full)));
        let url = format!("{base}?{}", query.join("&"));
        let redirect = read_ignition_redirect(&url).expect("a status is present");
        if present {
            let Redirect::Malformed { detail, .. } = &redirect else {
                return Err(TestCaseError::fail(format!("{url}: {redirect:?}")));
            };
            prop_assert_eq!(detail, &format!("{name}: given twice"));
        }
    }

    /// Any text, and URL-shaped text, reads without panicking; the clean URL never holds one of
    /// the six, and a result means a status was there.
    #[test]
    fn any_text_reads_without_panic(url in prop_oneof![
        any::<String>(),
        "[a-z:/?#&=+%0-9A-F€]{0,40}",
        "(https://e\\.com/r)?\\?((status|authCode|step|%73tatus|x)(=[a-z%+&#0-9]{0,4})?&?){0,6}(#.{0,6})?",
    ]) {
        if let Some(redirect) = read_ignition_redirect(&url) {
            prop_assert!(url.contains('?'));
            let _ = redirect.to_json();
            let clean = redirect.clean_url();
            let query = clean.split('#').next().unwrap().split_once('?').map_or("", |(_, q)| q);
            for name in query_fields(query).keys() {
                prop_assert!(!SIX.contains(&name.as_str()), "{} kept in {}", name, clean);
            }
        }
    }
}
