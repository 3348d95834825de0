//! Origin lookalikes against allow-lists, what allow-list entries normalise to, and the
//! allow-list's order, natively: every case of tests/data/origins.json and tests/data/allow.json,
//! which tests/js/origins.test.mjs runs through the package's JavaScript rules as well.
//! `Origin::parse` gives what the URL standard gives: the canonical origins in the tables are Node's
//! `new URL(entry).origin`. The JavaScript package's rules (src/js/origins.js) are run here in Node
//! and must give `Origin::parse`'s answers. The same tables run through both watchers in three
//! engines (tests/browser_hostile.rs).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/origin_cases.rs"]
mod origin_cases;

use embed_events::{error::OriginError, AllowList, Ignition, Origin, Signere, Vendor};
use origin_cases::{Entry, BROWSER_ENTRIES, ENTRIES, LOOKALIKES, NODE};
use serde_json::Value;

#[test]
fn the_allow_list_is_origins_then_environment_then_the_frames_src_then_the_default() {
    let file: Value = serde_json::from_str(origin_cases::ALLOW_JSON).unwrap();
    let cases = file["order"].as_array().unwrap();
    for case in cases {
        let table = match case["vendor"].as_str() {
            Some("Ignition") => Ignition::TABLE,
            Some("Signere") => Signere::TABLE,
            other => panic!("no vendor {other:?}"),
        };
        let origins: Option<Vec<&str>> = case.get("origins").map(|o| o.as_array().unwrap().iter().map(|e| e.as_str().unwrap()).collect());
        let has_source = case["has_source"].as_bool().unwrap_or(false);
        let got = table.allow_list(origins.as_deref(), case["environment"].as_str(), case["frame_src"].as_str(), has_source);
        match (got, case["allowed"].as_array()) {
            (Ok(list), Some(allowed)) => {
                let got: Vec<&str> = list.origins().iter().map(Origin::as_str).collect();
                let want: Vec<&str> = allowed.iter().map(|o| o.as_str().unwrap()).collect();
                assert_eq!(got, want, "{case}");
            }
            (Err(error), None) => {
                let want = case["error"].as_str().unwrap();
                assert!(error.message().starts_with(want), "{case}: {error}");
            }
            (got, _) => panic!("{case}: {got:?}"),
        }
    }
    println!("allow-list order: {} cases", cases.len());
}

#[test]
fn every_lookalike_sender_is_accepted_or_rejected_as_the_table_says() {
    let mut failures = Vec::new();
    for case in LOOKALIKES {
        let list = AllowList::parse(case.list).expect("the table's allow-lists are valid");
        if list.allows(case.sender) != case.accept {
            failures.push(format!("{:?} vs {:?}: expected {}", case.list, case.sender, if case.accept { "accept" } else { "reject" }));
        }
    }
    assert!(failures.is_empty(), "{} of {} lookalike cases wrong:\n{}", failures.len(), LOOKALIKES.len(), failures.join("\n"));
    let rejected = LOOKALIKES.iter().filter(|c| !c.accept).count();
    println!("origin lookalikes: {} sender cases ({} accepted, {rejected} rejected)", LOOKALIKES.len(), LOOKALIKES.len() - rejected);
    assert!(LOOKALIKES.len() >= 60, "the table has only {} cases", LOOKALIKES.len());
}

#[test]
fn an_accepted_sender_is_exactly_one_normalised_entry() {
    // The only way in is string equality with an entry's serialisation: no case folding, no
    // suffix or prefix matching, no trimming of the sender.
    for case in LOOKALIKES.iter().filter(|c| c.accept) {
        let list = AllowList::parse(case.list).unwrap();
        let hits = list.origins().iter().filter(|o| o.as_str() == case.sender).count();
        assert_eq!(hits, 1, "{:?} is accepted by {:?} but equals {hits} entries", case.sender, case.list);
    }
    for case in LOOKALIKES.iter().filter(|c| !c.accept) {
        let list = AllowList::parse(case.list).unwrap();
        assert!(list.origins().iter().all(|o| o.as_str() != case.sender), "{:?}", case.sender);
    }
}

#[test]
fn every_allow_list_entry_normalises_or_is_rejected_as_the_table_says() {
    for case in ENTRIES {
        match case.expect {
            Entry::Normalises(want) => {
                let got = Origin::parse(case.entry).map(|o| o.as_str().to_string());
                assert_eq!(got, Ok(want.to_string()), "entry {:?}", case.entry);
                // Normalising again changes nothing.
                let again = Origin::parse(want).map(|o| o.as_str().to_string());
                assert_eq!(again, Ok(want.to_string()), "normalising {want:?} again");
            }
            Entry::Rejected(reason) => match Origin::parse(case.entry) {
                Ok(origin) => panic!("entry {:?} was accepted as {:?}; expected: {reason}", case.entry, origin.as_str()),
                Err(error) => assert!(error.as_str().starts_with(reason), "entry {:?}: got {:?}, expected {reason:?}", case.entry, error.as_str()),
            },
        }
    }
    println!("allow-list entries: {} natively ({} normalise, {} rejected)", ENTRIES.len(),
        ENTRIES.iter().filter(|c| matches!(c.expect, Entry::Normalises(_))).count(),
        ENTRIES.iter().filter(|c| matches!(c.expect, Entry::Rejected(_))).count());
}

#[test]
fn a_rejected_entry_is_named_with_its_position_and_its_text() {
    for case in ENTRIES {
        let Entry::Rejected(reason) = case.expect else { continue };
        for (position, list) in [
            (0, vec![case.entry, "https://ok.example"]),
            (2, vec!["https://ok.example", "null", case.entry]),
        ] {
            let err = AllowList::parse(&list).expect_err(case.entry);
            assert_eq!(err.index, position);
            assert_eq!(err.entry, case.entry);
            let message = err.to_string();
            let named = format!("origins[{position}]: \"{}\" {reason}", case.entry);
            assert!(message.starts_with(&named), "{message:?} does not start with {named:?}");
            assert_eq!(err.describe("allowed"), message.replacen("origins", "allowed", 1));
        }
    }
}

#[test]
fn the_first_bad_entry_is_the_one_named() {
    let err = AllowList::parse(["https://ok.example", "https://a.com/x", "*"]).unwrap_err();
    assert_eq!((err.index, err.entry.as_str()), (1, "https://a.com/x"));
}

#[test]
fn entries_canonicalise_natively_to_the_origin_a_browser_gives() {
    // IDN to punycode, IPv4 number forms, percent-escapes, compressed IPv6: `Origin::parse` gives
    // the browser's canonical origin itself, and refuses what the browser refuses as a bad host.
    let mut wrong = Vec::new();
    for case in BROWSER_ENTRIES {
        let got = Origin::parse(case.entry).map(|o| o.as_str().to_string());
        match case.canonical {
            Some(canonical) => {
                if got.as_deref() != Ok(canonical) {
                    wrong.push(format!("{:?}: got {got:?}, want {canonical:?}", case.entry));
                }
                // The canonical origin is a fixpoint, and differs from the entry as written (so a
                // list that did not canonicalise would not allow it).
                assert_eq!(Origin::parse(canonical).map(|o| o.as_str().to_string()).as_deref(), Ok(canonical));
                assert_ne!(case.entry, canonical);
                // The origin of an iframe `src` with that host is the same.
                let src = format!("{}/path?q#f", case.entry);
                assert_eq!(Origin::of_url(&src).map(|o| o.as_str().to_string()).as_deref(), Some(canonical), "{src:?}");
            }
            None => {
                if got != Err(OriginError::Host) {
                    wrong.push(format!("{:?}: got {got:?}, want a bad host", case.entry));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), BROWSER_ENTRIES.len(), wrong.join("\n"));
    let canonical = BROWSER_ENTRIES.iter().filter(|c| c.canonical.is_some()).count();
    let rejected = BROWSER_ENTRIES.len() - canonical;
    println!("canonicalised entries: {} ({canonical} canonicalise, {rejected} rejected)", BROWSER_ENTRIES.len());
}

#[test]
fn every_entry_gives_the_origin_node_gives_or_is_refused_for_its_reason() {
    let mut wrong = Vec::new();
    for case in NODE {
        let got = Origin::parse(case.entry);
        match (case.rejected, case.node, &got) {
            (None, Some(want), Ok(origin)) if origin.as_str() == want => {}
            (Some(reason), _, Err(error)) if error.as_str().starts_with(reason) => {}
            _ => {
                let expected = case.rejected.unwrap_or("Node's origin");
                wrong.push(format!("{:?}: got {got:?}; Node gives {:?}, expected {expected:?}", case.entry, case.node));
            }
        }
        // Whatever Node rejects is rejected.
        assert!(case.node.is_some() || case.rejected.is_some(), "{:?}", case.entry);
    }
    assert!(wrong.is_empty(), "{} of {} wrong:\n{}", wrong.len(), NODE.len(), wrong.join("\n"));
    let same = NODE.iter().filter(|c| c.rejected.is_none()).count();
    let thrown = NODE.iter().filter(|c| c.node.is_none()).count();
    let refused = NODE.len() - same - thrown;
    println!("entries against Node: {} ({same} give Node's origin, {thrown} rejected by both, {refused} refused here only)", NODE.len());
    assert!(NODE.len() >= 100 && same >= 50, "the table has only {} entries ({same} accepted)", NODE.len());
}

/// The code points outside ASCII a host may have, as `src/origin.rs` documents them: removed
/// (ignored), full stops, and letters kept or lower-cased.
const ACCEPTED: &[(u32, u32)] = &[
    (0xad, 0xad),
    (0xc0, 0xd6),
    (0xd8, 0xf6),
    (0xf8, 0x12f),
    (0x131, 0x131),
    (0x134, 0x13e),
    (0x141, 0x148),
    (0x14a, 0x17f),
    (0x34f, 0x34f),
    (0x386, 0x386),
    (0x388, 0x38a),
    (0x38c, 0x38c),
    (0x38e, 0x3a1),
    (0x3a3, 0x3ce),
    (0x400, 0x45f),
    (0x180b, 0x180d),
    (0x200b, 0x200b),
    (0x2060, 0x2060),
    (0x3002, 0x3002),
    (0x3041, 0x3096),
    (0x30a1, 0x30fa),
    (0x30fc, 0x30fc),
    (0x4e00, 0x9fff),
    (0xfe00, 0xfe0f),
    (0xfeff, 0xfeff),
    (0xff01, 0xff5e),
    (0xff61, 0xff61),
];

#[test]
fn every_code_point_is_accepted_exactly_where_documented_and_canonicalises_to_a_fixpoint() {
    let mut wrong = Vec::new();
    let mut accepted = 0;
    for c in (0x80..=0x10ffff).filter_map(char::from_u32) {
        let entry = format!("https://a{c}b.example");
        let documented = ACCEPTED.iter().any(|&(first, last)| (first..=last).contains(&u32::from(c)));
        match Origin::parse(&entry) {
            Ok(origin) => {
                accepted += 1;
                let s = origin.as_str();
                if !documented {
                    wrong.push(format!("U+{:04X} is accepted ({s:?}) but not documented", u32::from(c)));
                }
                // Fullwidth `*` and `"` and the fullwidth delimiters are refused; the rest map to
                // an ASCII, lower-case, bare origin that is its own canonical form.
                if !s.is_ascii() || s.bytes().any(|b| b.is_ascii_uppercase()) || Origin::parse(s).as_ref() != Ok(&origin) {
                    wrong.push(format!("U+{:04X} gives {s:?}, which is not a lower-case ASCII fixpoint", u32::from(c)));
                }
                assert_eq!(Origin::of_url(&entry), Some(origin));
            }
            Err(error) => {
                // C1 controls, ZWNJ and ZWJ are bad hosts for the URL standard too; the fullwidth
                // forms of characters no host has are refused as those characters are.
                let expected = match u32::from(c) {
                    0x80..=0x9f | 0x200c | 0x200d => OriginError::Host,
                    0xff0a => OriginError::Wildcard,
                    0xff01..=0xff5e => OriginError::Host,
                    _ => OriginError::Unsupported,
                };
                if error != expected {
                    wrong.push(format!("U+{:04X}: {error:?}, expected {expected:?}", u32::from(c)));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.iter().take(40).cloned().collect::<Vec<_>>().join("\n"));
    println!("code points: {accepted} accepted in a host outside ASCII");
}

#[test]
fn unsupported_characters_are_named_in_the_error() {
    assert_eq!(Origin::parse("https://\u{645}\u{62b}\u{627}\u{644}.example"), Err(OriginError::Unsupported));
    let err = AllowList::parse(["https://\u{2603}.net"]).unwrap_err();
    let named = "origins[0]: \"https://\u{2603}.net\" has characters in its host that this version does not normalise";
    assert!(err.to_string().starts_with(named), "{err}");
}

#[test]
fn a_frame_src_gives_the_origin_its_entry_would() {
    // `Origin::of_url` (the default allow-list from an iframe's `src`) agrees with `Origin::parse`
    // on every entry that is a bare origin, whatever path, query or fragment follows.
    for case in ENTRIES {
        let Entry::Normalises(want) = case.expect else { continue };
        if want == "null" {
            assert_eq!(Origin::of_url(case.entry), None);
            continue;
        }
        let bare = case.entry.trim();
        assert_eq!(Origin::of_url(bare).map(|o| o.as_str().to_string()).as_deref(), Some(want), "{bare:?}");
        let base = bare.trim_end_matches(['/', '\\']);
        for tail in ["/sign?doc=1&email=a@b.com#@evil.com", "?x=https://evil.com", "#@evil.com", "/@evil.com"] {
            let url = format!("{base}{tail}");
            assert_eq!(Origin::of_url(&url).map(|o| o.as_str().to_string()).as_deref(), Some(want), "{url:?}");
        }
    }
    for not_http in ["about:blank", "about:srcdoc", "data:text/html,<p>", "blob:https://sign.idfy.io/1d2e", "javascript:void 0", "", "null"] {
        assert_eq!(Origin::of_url(not_http), None, "{not_http:?}");
    }
}

#[test]
fn userinfo_in_a_frame_src_gives_no_origin_rather_than_the_wrong_one() {
    // `https://ignition.axle.insure@evil.com/` is a page on evil.com: trusting ignition.axle.insure
    // for it would be wrong; trusting evil.com would be surprising. Neither happens.
    for src in ["https://ignition.axle.insure@evil.com/", "https://user:pass@sign.idfy.io/x", "https://a.com\\@evil.com"] {
        let got = Origin::of_url(src).map(|o| o.as_str().to_string());
        assert!(got.is_none() || got.as_deref() == Some("https://a.com"), "{src:?} → {got:?}");
    }
}

#[test]
fn control_characters_in_a_host_are_refused_by_code_point_not_by_byte() {
    // C0, DEL and C1 controls (C1 is two bytes in UTF-8: C2 80 to C2 9F) are no host's.
    for control in ['\u{0}', '\u{1f}', '\u{7f}', '\u{80}', '\u{85}', '\u{9f}'] {
        let entry = format!("https://a{control}b.example");
        assert_eq!(Origin::parse(&entry), Err(OriginError::Host), "{entry:?}");
    }
    // Neighbours that are not controls: C2 A0 (no-break space, which the URL standard maps to a
    // space and so refuses) is not normalised here; C3 85 (Å) and C4 85 (ą) become punycode.
    assert_eq!(Origin::parse("https://a\u{a0}b.example"), Err(OriginError::Unsupported));
    for (other, canonical) in [('\u{c5}', "https://xn--ab-yia.example"), ('\u{105}', "https://xn--ab-pla.example")] {
        let entry = format!("https://a{other}b.example");
        assert_eq!(Origin::parse(&entry).map(|o| o.as_str().to_owned()), Ok(canonical.to_owned()), "{entry:?}");
    }
}

/// What the npm package's own origin rules (`src/js/origins.js`, which lets the engine's URL
/// parser canonicalise hosts) make of each entry, run in Node: `(origin, error)` per entry, the
/// error being the `OriginError` variant's name. `url`: each entry is a frame's `src`.
fn javascript_answers(entries: &[String], url: bool) -> Vec<(Option<String>, Option<String>)> {
    use std::io::Write;
    let module = concat!(env!("CARGO_MANIFEST_DIR"), "/src/js/origins.js");
    let script = format!(
        "import {{ originOf }} from {module:?};\n\
         process.stdin.setEncoding('utf8'); let input = ''; for await (const chunk of process.stdin) input += chunk;\n\
         const answers = JSON.parse(input).map((entry) => originOf(entry, {url}));\n\
         process.stdout.write(JSON.stringify(answers.map(([origin, error]) => [origin ?? null, error ?? null])));"
    );
    let mut node = std::process::Command::new("node")
        .args(["--input-type=module", "-e", &script])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("node runs the package's JavaScript (scripts/setup.sh installs it)");
    node.stdin.take().unwrap().write_all(serde_json::to_string(entries).unwrap().as_bytes()).unwrap();
    let output = node.wait_with_output().unwrap();
    assert!(output.status.success(), "node failed");
    serde_json::from_slice(&output.stdout).unwrap()
}

/// Every entry of the tables, and entries built from the pieces that matter (schemes, slashes,
/// credentials, IDN, punycode, percent-escapes, IPv4 numbers, IPv6, ports, tails, controls).
fn corpus() -> Vec<String> {
    let mut entries: Vec<String> = Vec::new();
    entries.extend(ENTRIES.iter().map(|c| c.entry.to_string()));
    entries.extend(BROWSER_ENTRIES.iter().map(|c| c.entry.to_string()));
    entries.extend(NODE.iter().map(|c| c.entry.to_string()));
    for case in LOOKALIKES {
        entries.extend(case.list.iter().map(|e| e.to_string()));
        entries.push(case.sender.to_string());
    }
    let schemes = ["https://", "HTTP://", "http:\\\\", "https:/", "ftp://", "https:", "+a://", "1a://", "", " https://"];
    let userinfo = ["", "u@", "u:p@"];
    let hosts = [
        "a.com", "B\u{fc}CHER.example", "xn--bcher-kva.example", "xn--zz.example", "xn--a.b", "0x7f.1", "1.2.3.4.", "256.1.1.1",
        "[::1]", "[0:0::1", "[1:2:3:4:5:6:7:8]", "%41.com", "%zz.com", "a%2ecom", "*.a.com", "a\u{ff0a}.com", "a\"b.com",
        "a\tb.com", "a b.com", "", ".", "a..b", "\u{41f}\u{420}\u{418}.\u{440}\u{444}", "\u{ff21}.com", "xn--.com", "a:1.com",
        "\u{3002}a", "xn--fiqs8s", "a\u{ad}b.com", "localhost", "[1:2:3:4:5:6::7:8]", "[::1:2:3:4:5:6:7:8]", "[1:2:3:4:5:6:7::]",
        "[1:2:3:4:5:6:7:8::]", "[::1:]", "[1::2::3]", "[:1::]", "[1:2:3:4:5:6:1.2.3.4]", "[::ffff:1.2.3.4]", "[1:2:3:4:5:6:7:1.2.3.4]",
        "[::1.2.3.4.]", "[1:2:3:4:5::1.2.3.4]", "[::]", "[12345::]", "[::01.2.3.4]", "[::%31]", "[::1.2.3.256]", "a%2ab", "a\u{fe61}b",
    ];
    let ports = ["", ":", ":443", ":80", ":0", ":65535", ":65536", ":0443", ":a", ":1:2", ": 1"];
    let tails = ["", "/", "//", "/p", "?", "?q", "#", "#f", "\\", "/?q", " "];
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut pick = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    for _ in 0..std::env::var("ORIGIN_CORPUS").ok().and_then(|n| n.parse().ok()).unwrap_or(4000) {
        entries.push(format!(
            "{}{}{}{}{}",
            schemes[pick(schemes.len())],
            userinfo[pick(4) / 3 * pick(userinfo.len())],
            hosts[pick(hosts.len())],
            ports[pick(ports.len())],
            tails[pick(tails.len())]
        ));
    }
    entries
}

#[test]
fn the_packages_javascript_rules_give_the_same_answers_as_origin_parse() {
    // The npm package lets the engine's URL parser canonicalise hosts (so its wasm carries no
    // parser); the rules around it are written in JavaScript. Both must answer as `Origin::parse`
    // and `Origin::of_url` do, error for error. Hosts that `Origin::parse` refuses as Unsupported
    // are left out: in a browser they are the engine's to canonicalise, for both watchers.
    let entries = corpus();
    // As frame `src`s: each entry whose host `Origin::parse` judges, with a path, query and fragment.
    let srcs: Vec<String> = entries
        .iter()
        .filter(|e| !matches!(Origin::parse(e), Err(OriginError::Unsupported | OriginError::Path | OriginError::Query | OriginError::Fragment)))
        .map(|e| format!("{e}/x?y#z"))
        .collect();
    let mut wrong = Vec::new();
    let mut compared = 0;
    for (url, list) in [(false, &entries), (true, &srcs)] {
        for (entry, (origin, error)) in list.iter().zip(javascript_answers(list, url)) {
            let rust = if url {
                Origin::of_url(entry).map(|o| o.as_str().to_string()).ok_or(OriginError::Host)
            } else {
                Origin::parse(entry).map(|o| o.as_str().to_string())
            };
            if rust == Err(OriginError::Unsupported) {
                continue;
            }
            compared += 1;
            let js = match (origin, error) {
                (Some(origin), None) => Ok(origin),
                (None, Some(error)) => Err(error),
                other => panic!("{entry:?}: {other:?}"),
            };
            let same = match (&rust, &js) {
                (Ok(a), Ok(b)) => a == b,
                // A frame `src` either gives an origin or none.
                (Err(a), Err(b)) => url || format!("{a:?}") == *b,
                _ => false,
            };
            if !same {
                wrong.push(format!("{entry:?} (url: {url}): Rust {rust:?}, JavaScript {js:?}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {compared} differ:\n{}", wrong.len(), wrong.join("\n"));
    println!("the package's origin rules agree with Origin::parse on {compared} entries");
}
