//! The silence report's pure part, natively: the counts, the cap on origins, each case of the
//! detail sentence, `has_origin_param`, and the JavaScript value (`to_json`).
#![cfg(not(target_arch = "wasm32"))]

use embed_events::{ignition_url, report::{has_origin_param, Silence}, table::{EventSpec, VendorTable}, Ignition, Signere, Vendor};
use proptest::prelude::*;
use serde_json::{json, Value};

const IGNITION_SRC: &str = "https://ignition.axle.insure/?token=ign_123";

fn with_origins(origins: &[&str]) -> Silence {
    let mut silence = Silence::new(5000);
    for origin in origins {
        silence.note_ignored(true, origin);
    }
    silence
}

// ---- Counting ----

#[test]
fn a_new_report_has_nothing_ignored() {
    assert_eq!(Silence::new(1500), Silence { ms: 1500, ignored_source: 0, ignored_origin: 0, origins: Vec::new() });
}

#[test]
fn each_reason_is_counted_apart() {
    let mut silence = Silence::new(5000);
    silence.note_ignored(false, "https://ignition.axle.insure");
    silence.note_ignored(false, "null");
    silence.note_ignored(true, "https://a.example");
    silence.note_ignored(false, "https://b.example");
    assert_eq!((silence.ignored_source, silence.ignored_origin), (3, 1));
    // Only origins of messages ignored for their origin are kept.
    assert_eq!(silence.origins, ["https://a.example"]);
}

#[test]
fn origins_are_distinct_in_order_first_seen() {
    let silence =
        with_origins(&["https://b.example", "https://a.example", "https://b.example", "null", "https://a.example"]);
    assert_eq!(silence.ignored_origin, 5);
    assert_eq!(silence.origins, ["https://b.example", "https://a.example", "null"]);
}

#[test]
fn at_most_ten_origins_are_kept_and_counting_goes_on() {
    let origins: Vec<String> = (0..25).map(|i| format!("https://o{i}.example")).collect();
    let mut silence = Silence::new(5000);
    for origin in origins.iter().chain(&origins) {
        silence.note_ignored(true, origin);
    }
    assert_eq!(Silence::MAX_ORIGINS, 10);
    assert_eq!(silence.origins, origins[..10]);
    assert_eq!(silence.ignored_origin, 50);
    // A kept origin seen again after the cap adds nothing either.
    silence.note_ignored(true, "https://o3.example");
    assert_eq!(silence.origins.len(), 10);
    assert_eq!(silence.ignored_origin, 51);
}

#[test]
fn counts_stop_at_the_maximum() {
    let mut silence = Silence { ms: 1, ignored_source: u32::MAX, ignored_origin: u32::MAX, origins: Vec::new() };
    silence.note_ignored(false, "x");
    silence.note_ignored(true, "y");
    assert_eq!((silence.ignored_source, silence.ignored_origin), (u32::MAX, u32::MAX));
}

// ---- The detail, case by case ----

#[test]
fn ignition_with_a_src_lacking_origin_names_the_parameter_and_ignition_url() {
    for src in [
        IGNITION_SRC,
        "https://ignition.axle.insure/",
        "https://ignition.sandbox.axle.insure/?token=ign_1&origin=",
        "https://ignition.axle.insure/?token=ign_1&Origin=https%3A%2F%2Fapp.example.com",
        "https://ignition.axle.insure/?token=ign_1#origin=https://app.example.com",
    ] {
        let missing = "the iframe's src has no \"origin\" query parameter, without which Ignition posts no messages; \
                       set it with ignitionUrl: iframe.src = ignitionUrl(url).";
        // Nothing else ignored: the missing parameter alone.
        assert_eq!(
            Silence::new(5000).detail(Ignition::TABLE, Some(src)),
            format!("Nothing was heard from Ignition in 5000 ms: {missing}"),
            "{src}"
        );
        // Messages ignored for their origin: that evidence first, then the missing parameter.
        assert_eq!(
            with_origins(&["https://evil.example"]).detail(Ignition::TABLE, Some(src)),
            format!(
                "Nothing was heard from Ignition in 5000 ms, but 1 message came from an origin that is not allowed \
                 (https://evil.example); if it is Ignition's, add it to the origins option. Also, {missing}"
            ),
            "{src}"
        );
    }
}

#[test]
fn ignition_with_a_src_made_by_ignition_url_is_not_blamed_on_it() {
    let src = ignition_url(IGNITION_SRC, Some("https://app.example.com")).unwrap();
    assert!(has_origin_param(&src));
    let detail = Silence::new(5000).detail(Ignition::TABLE, Some(&src));
    assert!(!detail.contains("has no"), "{detail}");
    assert_eq!(
        detail,
        "Nothing was heard from Ignition in 5000 ms: check that the frame loads and that the \"origin\" query parameter \
         of its URL is this page's origin (ignitionUrl(url) sets it)."
    );
}

#[test]
fn a_src_that_is_not_an_http_url_is_not_judged() {
    for src in ["", "about:blank", "data:text/html,x", "not a url"] {
        let detail = Silence::new(5000).detail(Ignition::TABLE, Some(src));
        assert!(detail.contains("check that the frame loads"), "{src}: {detail}");
    }
}

#[test]
fn messages_ignored_for_their_origin_name_the_origins_and_the_option() {
    let silence =
        with_origins(&["https://ignition.sandbox.axle.insure", "https://other.example", "https://other.example"]);
    let want = "Nothing was heard from Ignition in 5000 ms, but 3 messages came from origins that are not allowed \
                (https://ignition.sandbox.axle.insure, https://other.example); if one of them is Ignition's, add it to \
                the origins option.";
    assert_eq!(silence.detail(Ignition::TABLE, None), want);
    let src = ignition_url(IGNITION_SRC, Some("https://app.example.com")).unwrap();
    assert_eq!(silence.detail(Ignition::TABLE, Some(&src)), want);

    let repeated = with_origins(&["https://ignition.axle.insure:8443", "https://ignition.axle.insure:8443"]);
    assert_eq!(
        repeated.detail(Ignition::TABLE, None),
        "Nothing was heard from Ignition in 5000 ms, but 2 messages came from an origin that is not allowed \
         (https://ignition.axle.insure:8443); if it is Ignition's, add it to the origins option."
    );

    let one = with_origins(&["https://sign-test.idfy.io"]);
    assert_eq!(
        one.detail(Signere::TABLE, Some("https://sign.idfy.io/sign?id=1")),
        "Nothing was heard from Signere in 5000 ms, but 1 message came from an origin that is not allowed \
         (https://sign-test.idfy.io); if it is Signere's, add it to the origins option."
    );
}

// ---- Another environment's origin (a watcher given no `origins`) ----

const PRODUCTION: &str = "https://ignition.axle.insure";
const SANDBOX: &str = "https://ignition.sandbox.axle.insure";

#[test]
fn the_environment_of_an_origin_is_read_from_the_vendors_table() {
    assert_eq!(Ignition::TABLE.environment_of(PRODUCTION), Some("production"));
    assert_eq!(Ignition::TABLE.environment_of(SANDBOX), Some("sandbox"));
    for origin in ["https://ignition.dev.axle.insure", "https://ignition.axle.insure:8443", "https://IGNITION.axle.insure", "null", ""] {
        assert_eq!(Ignition::TABLE.environment_of(origin), None, "{origin}");
    }
    assert_eq!(Signere::TABLE.environment_of("https://sign.idfy.io"), None);
    assert_eq!(
        Ignition::TABLE.other_environment("sandbox"),
        "Ignition's sandbox origin, which needs environment: \"sandbox\""
    );
}

#[test]
fn messages_from_another_environments_origin_name_the_environment_value() {
    // A production message to a sandbox watcher (the quick start's mistake), or the reverse.
    let production = with_origins(&[PRODUCTION, PRODUCTION]);
    let want = "Nothing was heard from Ignition in 5000 ms, but 2 messages came from an origin that is not allowed \
                (https://ignition.axle.insure); https://ignition.axle.insure is Ignition's production origin, which \
                needs environment: \"production\".";
    let src = ignition_url(IGNITION_SRC, Some("https://app.example.com")).unwrap();
    assert_eq!(production.detail_without_origins(Ignition::TABLE, None, Some("sandbox")), want);
    assert_eq!(production.detail_without_origins(Ignition::TABLE, Some(&src), Some("sandbox")), want);
    let sandbox = with_origins(&["https://other.example", SANDBOX]);
    assert_eq!(
        sandbox.detail_without_origins(Ignition::TABLE, None, None),
        "Nothing was heard from Ignition in 5000 ms, but 2 messages came from origins that are not allowed \
         (https://other.example, https://ignition.sandbox.axle.insure); https://ignition.sandbox.axle.insure is \
         Ignition's sandbox origin, which needs environment: \"sandbox\"."
    );
    // Given `origins` (Silence::detail), the origins option is the fix.
    assert!(production.detail(Ignition::TABLE, None).ends_with("if it is Ignition's, add it to the origins option."));
    // Other origins, and vendors without environments: as before.
    let other = with_origins(&["https://ignition.dev.axle.insure"]);
    assert_eq!(other.detail_without_origins(Ignition::TABLE, None, Some("sandbox")), other.detail(Ignition::TABLE, None));
    let signere = with_origins(&["https://sign.idfy.io"]);
    assert_eq!(signere.detail_without_origins(Signere::TABLE, None, None), signere.detail(Signere::TABLE, None));
    // The missing parameter is named too, after the evidence.
    let both = production.detail_without_origins(Ignition::TABLE, Some(IGNITION_SRC), Some("sandbox"));
    assert!(both.contains("ignitionUrl(url)."), "{both}");
    assert!(both.find("environment: \"production\"").unwrap() < both.find("Also, the iframe's src has no").unwrap(), "{both}");
}

#[test]
fn a_frame_on_another_environments_origin_names_the_environment_value() {
    let production = ignition_url(IGNITION_SRC, Some("https://app.example.com")).unwrap();
    let sandbox = ignition_url("https://ignition.sandbox.axle.insure/?token=ign_1", Some("https://app.example.com")).unwrap();
    let silence = Silence::new(5000);
    assert_eq!(
        silence.detail_without_origins(Ignition::TABLE, Some(&production), Some("sandbox")),
        "Nothing was heard from Ignition in 5000 ms: the iframe's src is on Ignition's production origin, which needs \
         environment: \"production\"."
    );
    assert!(silence
        .detail_without_origins(Ignition::TABLE, Some(&sandbox), Some("production"))
        .ends_with("src is on Ignition's sandbox origin, which needs environment: \"sandbox\"."));
    // The environment it names, no environment (the frame's own origin is trusted), another host,
    // or given `origins`: the vendor's hint.
    let hint = silence.detail(Ignition::TABLE, Some(&production));
    assert!(hint.contains("check that the frame loads"), "{hint}");
    for (src, environment) in [(&production, Some("production")), (&production, None), (&sandbox, None)] {
        assert_eq!(silence.detail_without_origins(Ignition::TABLE, Some(src), environment), hint, "{src} {environment:?}");
    }
    let elsewhere = ignition_url("https://app.example.com/ignition", Some("https://app.example.com")).unwrap();
    assert_eq!(silence.detail_without_origins(Ignition::TABLE, Some(&elsewhere), Some("sandbox")), hint);
    // Evidence (ignored messages) comes first.
    let ignored = with_origins(&["https://other.example"]);
    assert!(ignored
        .detail_without_origins(Ignition::TABLE, Some(&production), Some("sandbox"))
        .ends_with("add it to the origins option."));
}

#[test]
fn the_detail_lists_the_ten_kept_origins() {
    let origins: Vec<String> = (0..12).map(|i| format!("https://o{i}.example")).collect();
    let mut silence = Silence::new(5000);
    for origin in &origins {
        silence.note_ignored(true, origin);
    }
    let detail = silence.detail(Ignition::TABLE, None);
    assert!(detail.contains("12 messages came from origins that are not allowed ("), "{detail}");
    assert!(detail.contains(&origins[..10].join(", ")), "{detail}");
    assert!(!detail.contains("https://o10.example"), "{detail}");
}

#[test]
fn signere_says_web_messaging_must_be_switched_on() {
    let mut silence = Silence::new(12000);
    silence.note_ignored(false, "https://sign.idfy.io");
    for src in [None, Some("https://sign.idfy.io/sign?id=1")] {
        assert_eq!(
            silence.detail(Signere::TABLE, src),
            "Nothing was heard from Signere in 12000 ms: Signere posts web messages only when they are switched on \
             for the signer; create the signer with redirectMode \"iframe_with_webmessaging\" and domain set to this \
             page's domain."
        );
    }
}

#[test]
fn otherwise_a_generic_sentence() {
    // Ignition without an iframe (a popup, or no source): the parameter is still the likely cause.
    assert_eq!(
        Silence::new(250).detail(Ignition::TABLE, None),
        "Nothing was heard from Ignition in 250 ms: check that the frame loads and that the \"origin\" query parameter \
         of its URL is this page's origin (ignitionUrl(url) sets it)."
    );
    // Any other vendor: its own hint, from its table.
    static QUEUE: VendorTable = VendorTable {
        name: "Queue",
        watch_fn: "watchQueue",
        tag: "kind",
        environments: &[],
        default_origin: None,
        objects: &[],
        url_parameter: None,
        silence_hint: "check that the frame loads and that it posts messages to this page.",
        events: &[EventSpec { name: "done", aliases: &[], callback: "onDone", terminal: true, fields: &[] }],
    };
    let mut silence = Silence::new(0);
    silence.note_ignored(false, "https://queue.example");
    assert_eq!(
        silence.detail(&QUEUE, Some("https://queue.example/")),
        "Nothing was heard from Queue in 0 ms: check that the frame loads and that it posts messages to this page."
    );
}

#[test]
fn the_waiting_time_is_written_in_full() {
    for (ms, text) in [(0, "0"), (7, "7"), (10, "10"), (1000, "1000"), (65_536, "65536"), (u32::MAX, "4294967295")] {
        let detail = Silence::new(ms).detail(Signere::TABLE, None);
        assert!(detail.starts_with(&format!("Nothing was heard from Signere in {text} ms:")), "{detail}");
    }
}

// ---- `has_origin_param` ----

#[test]
fn has_origin_param_reads_the_query() {
    for (url, has) in [
        ("https://ignition.axle.insure/?origin=https://app.example.com", true),
        ("https://ignition.axle.insure/?token=ign_1&origin=https%3A%2F%2Fapp.example.com", true),
        ("https://ignition.axle.insure/?origin=x&token=ign_1#frag", true),
        ("https://ignition.axle.insure/?%6Frigin=x", true),
        ("https://ignition.axle.insure/?&&origin=x&&", true),
        ("https://ignition.axle.insure/?origin=&origin=x", true),
        ("https://ignition.axle.insure/?origin=+", true),
        ("https://ignition.axle.insure/", false),
        ("https://ignition.axle.insure/?token=ign_1", false),
        ("https://ignition.axle.insure/?origin=", false),
        ("https://ignition.axle.insure/?origin", false),
        ("https://ignition.axle.insure/?Origin=x", false),
        ("https://ignition.axle.insure/?origins=x", false),
        ("https://ignition.axle.insure/?parentOrigin=x", false),
        ("https://ignition.axle.insure/?token=origin", false),
        ("https://ignition.axle.insure/#?origin=x", false),
        ("https://ignition.axle.insure/?token=1#origin=x", false),
        ("", false),
        ("?origin=x", true),
    ] {
        assert_eq!(has_origin_param(url), has, "{url}");
    }
}

proptest! {
    /// `ignition_url`'s result always has the parameter, whatever the URL held before.
    #[test]
    fn ignition_url_always_gives_the_parameter(query in "[a-z=&%#?+]{0,20}") {
        let url = format!("https://ignition.axle.insure/?{query}");
        if let Ok(src) = ignition_url(&url, Some("https://app.example.com")) {
            prop_assert!(has_origin_param(&src), "{}", src);
        }
    }

    /// Any text is read without panicking, and any report words a detail.
    #[test]
    fn any_input_is_handled(url in any::<String>(), origins in prop::collection::vec(any::<String>(), 0..15), ms in any::<u32>()) {
        let _ = has_origin_param(&url);
        let mut silence = Silence::new(ms);
        for origin in &origins {
            silence.note_ignored(true, origin);
        }
        for table in [Ignition::TABLE, Signere::TABLE] {
            let detail = silence.detail(table, Some(&url));
            let value: Value = serde_json::from_str(&silence.to_json(&detail)).expect("to_json is JSON");
            prop_assert_eq!(&value["detail"], &Value::String(detail.clone()));
            prop_assert_eq!(value["ms"].as_u64(), Some(u64::from(ms)));
        }
    }
}

// ---- The JavaScript value ----

#[test]
fn to_json_is_the_javascript_report() {
    let mut silence = with_origins(&["https://a.example", "null"]);
    silence.note_ignored(false, "https://b.example");
    let detail = silence.detail(Ignition::TABLE, Some(IGNITION_SRC));
    let text = silence.to_json(&detail);
    assert_eq!(
        serde_json::from_str::<Value>(&text).unwrap(),
        json!({
            "ms": 5000,
            "ignored": { "source": 1, "origin": 2 },
            "origins": ["https://a.example", "null"],
            "detail": detail,
        })
    );
    // Key order as JavaScript builds it; quotes in the detail escaped.
    assert_eq!(
        Silence::new(30).to_json("say \"hi\"\n"),
        r#"{"ms":30,"ignored":{"source":0,"origin":0},"origins":[],"detail":"say \"hi\"\n"}"#
    );
    // Origins are written as JSON strings whatever they hold.
    let odd = with_origins(&["\"\\\u{1}"]);
    let value: Value = serde_json::from_str(&odd.to_json("")).unwrap();
    assert_eq!(value["origins"], json!(["\"\\\u{1}"]));
}

// ---- The case file shared with the JavaScript (tests/data/silence.json) ----

#[test]
fn every_case_of_silence_json_gives_its_detail() {
    let file: Value = serde_json::from_str(include_str!("data/silence.json")).unwrap();
    let cases = file["cases"].as_array().unwrap();
    let mut wrong = Vec::new();
    for case in cases {
        let table = match case["vendor"].as_str().unwrap() {
            "ignition" => Ignition::TABLE,
            _ => Signere::TABLE,
        };
        let silence = Silence {
            ms: case["ms"].as_u64().unwrap() as u32,
            ignored_source: case["ignored"]["source"].as_u64().unwrap() as u32,
            ignored_origin: case["ignored"]["origin"].as_u64().unwrap() as u32,
            origins: case["origins"].as_array().unwrap().iter().map(|o| o.as_str().unwrap().to_owned()).collect(),
        };
        let src = case["src"].as_str();
        let detail = if case["originsOption"].as_bool() == Some(true) {
            silence.detail(table, src)
        } else {
            silence.detail_without_origins(table, src, case["environment"].as_str())
        };
        if detail != case["detail"].as_str().unwrap() {
            wrong.push(format!("{case}\n  got {detail}"));
        }
    }
    assert!(cases.len() >= 10);
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), cases.len(), wrong.join("\n"));
}
