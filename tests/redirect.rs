//! `read_ignition_redirect`, natively: every row of the contract's table, the clean URL, parameters
//! given twice, form decoding, the JavaScript value (`to_json`), and a property: a redirect URL and
//! the message with the same fields always give the same outcome.
#![cfg(not(target_arch = "wasm32"))]

use embed_events::{decode, read_ignition_redirect, report::Redirect, Decoded, Event, Ignition, IgnitionEvent, Vendor};
use proptest::prelude::*;
use serde_json::{json, Map, Value};

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

fn malformed(url: &str) -> (String, String) {
    match read(url) {
        Redirect::Malformed { detail, clean_url } => (detail, clean_url),
        other => panic!("{url}: expected malformed, got {other:?}"),
    }
}

fn some(s: &str) -> Option<String> {
    Some(s.into())
}

// ---- The contract's table, row by row ----

#[test]
fn the_parameters_are_ignitions_message_keys() {
    assert_eq!(Ignition::TABLE.keys(), SIX);
}

#[test]
fn no_status_parameter_is_none() {
    for url in [
        BASE,
        "https://example.com/insurance/redirect?",
        "https://example.com/insurance/redirect?tab=2",
        "https://example.com/insurance/redirect?authCode=cod_1&client=cli_1&result=link",
        "https://example.com/insurance/redirect?authCode=cod_1&authCode=cod_2",
        "https://example.com/insurance/redirect#status=complete&authCode=cod_1",
        "https://example.com/insurance/redirect?tab=2#?status=complete",
        "https://example.com/insurance/redirect#x?status=complete",
        "https://example.com/insurance/redirect?Status=complete&authCode=cod_1",
        "https://example.com/insurance/redirect?statusx=complete",
        "https://example.com/insurance/redirect?xstatus=complete",
        "https://example.com/insurance/redirect?st%2561tus=complete",
        "https://example.com/insurance/redirect?tab=status",
        "https://example.com/insurance/redirect?&&&",
        "",
        "?",
        "#",
        "/?",
    ] {
        assert_eq!(read_ignition_redirect(url), None, "{url}");
    }
}

#[test]
fn the_axle_documentation_sample() {
    let url = "https://example.com/insurance/redirect?status=complete&authCode=cod_LwPJhgxnjinMEPfGYc-XV\
               &client=cli_mZj6YGXhQyQnccN97aXbq&result=link";
    let (event, clean_url) = event(url);
    assert_eq!(
        event,
        IgnitionEvent::Complete {
            auth_code: "cod_LwPJhgxnjinMEPfGYc-XV".into(),
            client: some("cli_mZj6YGXhQyQnccN97aXbq"),
            result: some("link"),
        }
    );
    assert_eq!(clean_url, BASE);
}

#[test]
fn a_known_status_with_valid_fields_is_the_event_the_callback_receives() {
    let cases: [(&str, IgnitionEvent); 7] = [
        (
            "status=complete&authCode=cod_1",
            IgnitionEvent::Complete { auth_code: "cod_1".into(), client: None, result: None },
        ),
        (
            "status=complete&authCode=cod_1&result=manual",
            IgnitionEvent::Complete { auth_code: "cod_1".into(), client: None, result: some("manual") },
        ),
        ("status=exit", IgnitionEvent::Exit { step: None, client: None }),
        (
            "status=exit&step=carrier-login&client=cli_1",
            IgnitionEvent::Exit { step: some("carrier-login"), client: some("cli_1") },
        ),
        ("status=error", IgnitionEvent::Error { message: None, client: None }),
        (
            "client=cli_1&message=Carrier+is+down&status=error",
            IgnitionEvent::Error { message: some("Carrier is down"), client: some("cli_1") },
        ),
        // Parameters of other statuses are dropped from the event, as unknown message fields are.
        ("status=exit&authCode=cod_1&result=link&message=m", IgnitionEvent::Exit { step: None, client: None }),
    ];
    for (query, want) in cases {
        let url = format!("{BASE}?{query}");
        let (got, clean_url) = event(&url);
        assert_eq!(got, want, "{url}");
        assert_eq!(clean_url, BASE, "{url}");
        // Exactly what the message decoder gives for the same fields.
        let message = Value::Object(query_fields(query));
        assert_eq!(decode::<Ignition>(&message.to_string()), Decoded::Event(want.clone()), "{url}");
        assert!(want.is_terminal());
    }
}

#[test]
fn an_unknown_status_is_unknown_with_its_name() {
    for (query, name) in [
        ("status=opened", "opened"),
        ("status=opened&authCode=cod_1", "opened"),
        ("status=Complete", "Complete"),
        ("status=", ""),
        ("status", ""),
        ("status=%E2%9C%93+done", "\u{2713} done"),
        ("status=complete%20", "complete "),
    ] {
        let url = format!("{BASE}?{query}&tab=2");
        assert_eq!(read(&url), Redirect::Unknown { name: name.into(), clean_url: format!("{BASE}?tab=2") }, "{url}");
    }
}

#[test]
fn a_missing_required_parameter_is_malformed() {
    for query in ["status=complete", "status=complete&client=cli_1&result=link", "status=complete&authcode=cod_1"] {
        let url = format!("{BASE}?{query}");
        let (detail, _) = malformed(&url);
        assert_eq!(detail, "authCode: missing", "{url}");
    }
    // An empty value is a value, as `""` is a string in a message.
    let (event, _) = event(&format!("{BASE}?status=complete&authCode="));
    assert_eq!(event, IgnitionEvent::Complete { auth_code: String::new(), client: None, result: None });
}

#[test]
fn any_of_the_six_given_twice_is_malformed_naming_it() {
    for name in SIX {
        for status in ["complete", "exit", "error", "opened"] {
            let mut query = format!("status={status}&authCode=cod_first&{name}=secret_one&{name}=secret_two");
            if name == "status" || name == "authCode" {
                query = format!("status={status}&authCode=cod_first&{name}=secret_two");
            }
            let url = format!("{BASE}?tab=1&{query}&z=2#frag");
            let (detail, clean_url) = malformed(&url);
            assert_eq!(detail, format!("{name}: given twice"), "{url}");
            assert_eq!(clean_url, format!("{BASE}?tab=1&z=2#frag"), "{url}");
            for secret in ["secret_one", "secret_two", "cod_first", status] {
                assert!(!detail.contains(secret), "{url}: {detail}");
            }
        }
    }
    // The same value twice is still twice; names are compared decoded.
    assert_eq!(malformed(&format!("{BASE}?status=exit&step=a&step=a")).0, "step: given twice");
    assert_eq!(malformed(&format!("{BASE}?status=exit&step=a&st%65p=b")).0, "step: given twice");
    assert_eq!(malformed(&format!("{BASE}?status=exit&step=a&step")).0, "step: given twice");
    // The first parameter whose second occurrence comes first.
    assert_eq!(malformed(&format!("{BASE}?status=exit&client=a&step=a&step=b&client=b")).0, "step: given twice");
    // Other parameters may repeat; they stay.
    let (_, clean_url) = event(&format!("{BASE}?tab=1&status=exit&tab=2"));
    assert_eq!(clean_url, format!("{BASE}?tab=1&tab=2"));
}

#[test]
fn details_never_contain_a_value() {
    let secret = "cod_SECRET";
    for query in [
        format!("status=complete&client={secret}"),
        format!("status=complete&result={secret}&result={secret}"),
        format!("status=complete&authCode={secret}&authCode={secret}"),
        format!("status=exit&message={secret}&step={secret}&step=x"),
    ] {
        let (detail, clean_url) = malformed(&format!("{BASE}?{query}"));
        assert!(!detail.contains(secret), "{query}: {detail}");
        assert!(!clean_url.contains(secret), "{query}: {clean_url}");
    }
}

#[test]
fn debug_output_redacts_the_auth_code() {
    let redirect = read(&format!("{BASE}?status=complete&authCode=cod_SECRET"));
    assert!(!format!("{redirect:?}").contains("cod_SECRET"));
}

// ---- The clean URL ----

#[test]
fn the_clean_url_keeps_everything_else_byte_for_byte() {
    for (url, clean) in [
        // Order and encoding of other parameters, the fragment.
        (
            "https://example.com/r?b=2&status=exit&a=%41+x&step=s&c=%zz&%E2%82%AC=%e2%82%ac#frag?status=1&x",
            "https://example.com/r?b=2&a=%41+x&c=%zz&%E2%82%AC=%e2%82%ac#frag?status=1&x",
        ),
        // All six removed, wherever they are; the `?` goes when nothing is left.
        (
            "https://example.com/r?status=complete&authCode=c&client=k&result=link&step=s&message=m",
            "https://example.com/r",
        ),
        (
            "https://example.com/r?message=m&step=s&result=link&client=k&authCode=c&status=complete#done",
            "https://example.com/r#done",
        ),
        ("https://example.com/r?status=exit#", "https://example.com/r#"),
        ("https://example.com/r?status=exit&", "https://example.com/r"),
        // Empty segments carry no parameter.
        ("https://example.com/r?&&a=1&&status=exit&&b=2&&", "https://example.com/r?a=1&b=2"),
        // Encoded names of the six are removed too; names that only look alike stay.
        (
            "https://example.com/r?st%61tus=exit&Step=S&auth_code=x&%73tep=s&stepx=1",
            "https://example.com/r?Step=S&auth_code=x&stepx=1",
        ),
        // Parameters without `=`, and `=` in values.
        ("https://example.com/r?flag&status=exit&q=a=b", "https://example.com/r?flag&q=a=b"),
        // The base is kept as written, even unusual.
        ("HTTPS://Example.COM:443/a/../r;x?status=exit", "HTTPS://Example.COM:443/a/../r;x"),
        // A request target, as a back end sees it.
        ("/insurance/redirect?status=exit&lang=nb", "/insurance/redirect?lang=nb"),
        ("?status=exit", ""),
    ] {
        assert_eq!(read(url).clean_url(), clean, "{url}");
    }
}

#[test]
fn a_duplicate_status_or_an_unknown_one_still_gives_the_clean_url() {
    let url = "https://example.com/r?status=exit&x=1&status=error#f";
    assert_eq!(
        read(url),
        Redirect::Malformed { detail: "status: given twice".into(), clean_url: "https://example.com/r?x=1#f".into() }
    );
}

// ---- Form decoding ----

#[test]
fn values_are_form_decoded() {
    for (raw, want) in [
        ("a+b", "a b"),
        ("a%2Bb", "a+b"),
        ("a%2bb", "a+b"),
        ("%20", " "),
        ("%26%3D%23%25", "&=#%"),
        ("%E2%82%AC", "€"),
        ("%e2%82%ac", "€"),
        ("€", "€"),
        ("%zz", "%zz"),
        ("%4", "%4"),
        ("%", "%"),
        ("100%", "100%"),
        ("%%41", "%A"),
        ("%4%41", "%4A"),
        ("%FF", "\u{fffd}"),
        ("a%C3", "a\u{fffd}"),
        ("%C3%28", "\u{fffd}("),
        ("%E2%82", "\u{fffd}"),
        ("%F0%9F%98%80", "😀"),
        ("%ED%A0%80", "\u{fffd}\u{fffd}\u{fffd}"),
        ("%00", "\u{0}"),
        ("a=b", "a=b"),
        ("?x", "?x"),
    ] {
        let url = format!("{BASE}?status=exit&step={raw}");
        let (got, _) = event(&url);
        assert_eq!(got, IgnitionEvent::Exit { step: some(want), client: None }, "{url}");
    }
}

#[test]
fn names_are_form_decoded_before_comparing() {
    for query in ["%73tatus=exit&step=s", "st%61tus=exit&st%65p=s", "status=exit&%73%74%65%70=s"] {
        let url = format!("{BASE}?{query}");
        assert_eq!(event(&url), (IgnitionEvent::Exit { step: some("s"), client: None }, BASE.into()), "{url}");
    }
    // `+` is a space in names too: `auth+Code` is not `authCode`.
    assert_eq!(malformed(&format!("{BASE}?status=complete&auth+Code=c")).0, "authCode: missing");
    assert_eq!(read(&format!("{BASE}?status=complete&auth+Code=c")).clean_url(), format!("{BASE}?auth+Code=c"));
}

#[test]
fn the_status_is_decoded_too() {
    assert_eq!(event(&format!("{BASE}?status=%65xit")).0, IgnitionEvent::Exit { step: None, client: None });
    assert_eq!(
        read(&format!("{BASE}?status=%45xit")),
        Redirect::Unknown { name: "Exit".into(), clean_url: BASE.into() }
    );
}

// ---- The JavaScript value ----

#[test]
fn to_json_is_what_javascript_returns() {
    let (url, want) = (
        format!("{BASE}?status=complete&authCode=cod_1&result=link&tab=%22#x"),
        json!({
            "kind": "event",
            "event": { "status": "complete", "authCode": "cod_1", "result": "link" },
            "cleanUrl": format!("{BASE}?tab=%22#x"),
        }),
    );
    let redirect = read(&url);
    let Redirect::Event { event, .. } = &redirect else { panic!() };
    assert_eq!(serde_json::from_str::<Value>(&redirect.to_json()).unwrap(), want);
    assert_eq!(serde_json::from_str::<Value>(&event.to_json()).unwrap(), want["event"]);

    let redirect = read(&format!("{BASE}?status=%22opened%5C%0A&x=1"));
    assert_eq!(
        serde_json::from_str::<Value>(&redirect.to_json()).unwrap(),
        json!({ "kind": "unknown", "name": "\"opened\\\n", "cleanUrl": format!("{BASE}?x=1") })
    );

    let redirect = read(&format!("{BASE}?status=complete"));
    assert_eq!(
        serde_json::from_str::<Value>(&redirect.to_json()).unwrap(),
        json!({ "kind": "malformed", "detail": "authCode: missing", "cleanUrl": BASE })
    );
    // Key order as JavaScript builds it.
    assert_eq!(
        redirect.to_json(),
        format!(r#"{{"kind":"malformed","detail":"authCode: missing","cleanUrl":"{BASE}"}}"#)
    );
}

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
