//! `ignition_url`, natively: every case of tests/data/ignition_url.json, which
//! tests/js/ignition-url.test.mjs runs through the package's `ignitionUrl` too.
#![cfg(not(target_arch = "wasm32"))]

use embed_events::{error::{OriginError, UrlError}, ignition_url, Origin};
use serde_json::Value;

#[test]
fn every_case_of_the_case_file_gives_its_url_or_its_error() {
    let file: Value = serde_json::from_str(include_str!("data/ignition_url.json")).unwrap();
    let cases = file["cases"].as_array().unwrap();
    for case in cases {
        let url = case["url"].as_str().unwrap();
        let Some(parent) = case["parent"].as_str() else {
            // Without the browser there is no page whose origin could be the default.
            #[cfg(not(feature = "browser"))]
            assert_eq!(ignition_url(url, None), Err(UrlError::NoPageOrigin));
            continue;
        };
        match (ignition_url(url, Some(parent)), case["expect"].as_str()) {
            (Ok(got), Some(want)) => {
                assert_eq!(got, want, "{url:?} with {parent}");
                // Setting it again changes nothing; the frame's origin is the URL's.
                assert_eq!(ignition_url(want, Some(parent)).as_deref(), Ok(want), "{want:?} again");
                assert_eq!(Origin::of_url(want), Origin::of_url(url), "{url:?}");
                assert!(embed_events::report::has_origin_param(want), "{want:?}");
            }
            (Err(error), None) => {
                assert_eq!(format!("{error:?}"), case["error"].as_str().unwrap(), "{url:?} with {parent}");
                assert!(error.message().starts_with(case["message"].as_str().unwrap()), "{url:?}: {error}");
            }
            (got, _) => panic!("{url:?} with {parent}: {got:?}, expected {case}"),
        }
    }
    println!("ignition_url cases: {}", cases.len());
}

#[test]
fn url_errors_name_the_argument_at_fault() {
    assert!(UrlError::Url.to_string().starts_with("url does not parse"));
    assert!(UrlError::ParentOrigin(OriginError::Wildcard).message().starts_with("parentOrigin is not allowed"));
    assert!(UrlError::NoPageOrigin.message().contains("pass parentOrigin"));
    // Inside the scheme or the host, a tab or newline is refused, as `Origin::of_url` refuses it.
    assert_eq!(Origin::of_url("https://a.com\n/"), None);
}
