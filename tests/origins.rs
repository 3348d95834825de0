//! Origin lookalikes against allow-lists, and what allow-list entries normalise to, natively.
//! The same tables run in headless Chromium through the real listener (tests/browser_hostile.rs),
//! where the browser's URL parser also gets its say.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/origin_cases.rs"]
mod origin_cases;

use embed_events::{AllowList, Origin, OriginError};
use origin_cases::{Entry, BROWSER_ENTRIES, ENTRIES, LOOKALIKES};

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
fn entries_the_browser_canonicalises_still_parse_natively() {
    // Natively these stay as written (non-ASCII, percent-escapes, IPv4 short forms); in the
    // browser the watcher passes them through the URL parser (tests/browser_hostile.rs). None of
    // them may be rejected here for a reason the browser would not give.
    for case in BROWSER_ENTRIES {
        let origin = Origin::parse(case.entry).unwrap_or_else(|e| panic!("{:?}: {e}", case.entry));
        assert!(origin.as_str().starts_with("http"), "{:?}", case.entry);
        // Natively nothing is canonicalised, so the raw form never equals the browser's canonical
        // form: a list written natively with these entries accepts no sender the browser produces.
        if let Some(canonical) = case.canonical {
            assert_ne!(origin.as_str(), canonical, "{:?} needs no browser", case.entry);
        }
    }
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
    // Neighbours that are not controls: C2 A0 (no-break space) and C3 85 (Å) are left to the
    // browser's URL parser, as every other non-ASCII host is.
    for other in ['\u{a0}', '\u{c5}', '\u{105}'] {
        let entry = format!("https://a{other}b.example");
        assert_eq!(Origin::parse(&entry).map(|o| o.as_str().to_owned()), Ok(entry.clone()), "{entry:?}");
    }
}
