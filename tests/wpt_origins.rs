//! The WHATWG URL test data (web-platform-tests' urltestdata.json, tests/data/wpt/) as a
//! conformance set for `Origin::parse`; tests/js/wpt-origins.test.mjs holds the package's
//! JavaScript rules (src/js/origins.js) to the same. Considered: every case whose input is
//! absolute (no base, or an `http(s)://` input once the URL parser's own trimming is done), read
//! alone as an allow-list entry.
//!
//! - The standard rejects it (`failure`): refused.
//! - It is a bare http(s) origin (its `href` is its origin and `/`): exactly that origin, unless
//!   tests/data/wpt/refusals.json lists it, with the error and the contract's reason.
//! - Anything else (another scheme; a path, query, fragment or credentials): refused.
#![cfg(not(target_arch = "wasm32"))]

use embed_events::Origin;
use serde_json::Value;

/// The cases, without the comment strings.
fn cases() -> Vec<Value> {
    let data: Value = serde_json::from_str(include_str!("data/wpt/urltestdata.json")).unwrap();
    data.as_array().unwrap().iter().filter(|c| c.is_object()).cloned().collect()
}

/// `input` as the URL parser reads it before anything else: leading and trailing C0 controls and
/// spaces stripped, tabs and newlines removed.
fn preprocessed(input: &str) -> String {
    input.trim_matches(|c: char| c <= ' ').chars().filter(|c| !matches!(c, '\t' | '\n' | '\r')).collect()
}

fn is_absolute(case: &Value) -> bool {
    if case["base"].is_null() {
        return true;
    }
    let input = preprocessed(case["input"].as_str().unwrap()).to_ascii_lowercase();
    let rest = input.strip_prefix("https:").or_else(|| input.strip_prefix("http:"));
    rest.is_some_and(|r| r.len() >= 2 && r.bytes().take(2).all(|b| b == b'/' || b == b'\\'))
}

/// The origin the standard gives, when the case is a bare http(s) origin.
fn bare_origin(case: &Value) -> Option<String> {
    let protocol = case["protocol"].as_str()?;
    if protocol != "http:" && protocol != "https:" {
        return None;
    }
    let origin = case["origin"].as_str().map(String::from).unwrap_or_else(|| format!("{protocol}//{}", case["host"].as_str().unwrap_or("")));
    (case["href"].as_str()? == format!("{origin}/")).then_some(origin)
}

#[test]
fn origin_parse_meets_the_url_standards_test_data() {
    let refusals: Value = serde_json::from_str(include_str!("data/wpt/refusals.json")).unwrap();
    let refusals = refusals["refusals"].as_array().unwrap();
    let refusal = |input: &str| {
        refusals.iter().find(|r| r["input"] == input).map(|r| r.get("rust").or(r.get("error")).and_then(Value::as_str).unwrap_or("none"))
    };
    let (mut considered, mut failures, mut bare, mut given, mut others) = (0, 0, 0, 0, 0);
    let mut refused = Vec::new();
    let mut wrong = Vec::new();
    for case in cases().iter().filter(|c| is_absolute(c)) {
        considered += 1;
        let input = case["input"].as_str().unwrap();
        let got = Origin::parse(input);
        if case["failure"] == true {
            failures += 1;
            if let Ok(origin) = &got {
                wrong.push(format!("{input:?}: the standard rejects it, Origin::parse gives {:?}", origin.as_str()));
            }
        } else if let Some(origin) = bare_origin(case) {
            bare += 1;
            match (&got, refusal(input)) {
                (Ok(o), None) if o.as_str() == origin => given += 1,
                (Err(e), Some(kind)) if format!("{e:?}") == kind => refused.push(format!("{input:?} ({kind})")),
                _ => wrong.push(format!("{input:?}: {got:?}; the standard gives {origin:?}, refusals.json says {:?}", refusal(input))),
            }
        } else {
            others += 1;
            if let Ok(origin) = &got {
                wrong.push(format!("{input:?} is no bare http(s) origin ({}), Origin::parse gives {:?}", case["href"], origin.as_str()));
            }
        }
    }
    // Every refusal listed is one of these cases, and refused here as listed.
    for r in refusals {
        let input = r["input"].as_str().unwrap();
        let listed = refusal(input).unwrap();
        if listed != "none" && !refused.iter().any(|line| line.starts_with(&format!("{input:?} "))) {
            wrong.push(format!("refusals.json lists {input:?} ({listed}), which Origin::parse does not refuse so"));
        }
    }
    println!(
        "WPT urltestdata, Origin::parse: {considered} absolute cases considered: {failures} rejected by the standard, all refused; \
         {bare} bare http(s) origins, {given} give the standard's origin, {} refused deliberately; {others} other URLs, all refused",
        refused.len()
    );
    println!("deliberate refusals: {}", refused.join(", "));
    assert!(wrong.is_empty(), "{} wrong:\n{}", wrong.len(), wrong.join("\n"));
    assert!(considered > 600 && bare > 50, "{considered} cases considered, {bare} bare origins");
}

#[test]
fn origin_of_url_gives_each_frame_src_the_origin_the_standard_gives() {
    // A frame's `src` (the default allow-list) may carry a path, query and fragment: every absolute
    // http(s) case without credentials gives the standard's origin, or none.
    let mut compared = 0;
    let mut wrong = Vec::new();
    for case in cases().iter().filter(|c| is_absolute(c)) {
        let protocol = case["protocol"].as_str().unwrap_or("");
        let credentials = case["username"].as_str().is_some_and(|u| !u.is_empty()) || case["password"].as_str().is_some_and(|p| !p.is_empty());
        if case["failure"] == true || (protocol != "http:" && protocol != "https:") || credentials {
            continue;
        }
        let input = case["input"].as_str().unwrap();
        let want = case["origin"].as_str().map(String::from).unwrap_or_else(|| format!("{protocol}//{}", case["host"].as_str().unwrap_or("")));
        compared += 1;
        if let Some(origin) = Origin::of_url(input) {
            if origin.as_str() != want {
                wrong.push(format!("{input:?}: {:?}, the standard gives {want:?}", origin.as_str()));
            }
        }
    }
    assert!(wrong.is_empty(), "{} of {compared} wrong:\n{}", wrong.len(), wrong.join("\n"));
}
