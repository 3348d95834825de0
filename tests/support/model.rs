// A reference model of the decoding rules, written from the README's Events section alone (not from
// src/): what a message from an allowed sender must come out as. The property tests and the fuzzer
// compare the real decoder with it, and tests/vendor_table.rs compares the vendors' tables with its
// list of documented events (`IGNITION`, `SIGNERE`): the one hand-written statement of what each
// event carries. Deliberately naive: it reads `serde_json::Value`s directly, and JSON text the way
// `JSON.parse` does.
#![allow(dead_code)]
// `fuzzing` is set by cargo-fuzz.
#![allow(unexpected_cfgs)]

use serde_json::{Map, Value};

/// What the contract says a message comes out as. Which field a malformed message is blamed on is
/// not part of the contract, so `Malformed` carries nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum Model {
    Event(Value),
    Unknown(String),
    Malformed,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Vendor {
    Ignition,
    Signere,
}

// ---- the documented events --------------------------------------------------------------------

/// A documented field of an event value.
#[derive(Debug)]
pub struct DocField {
    /// Its name in the event value.
    pub key: &'static str,
    /// A message without it is malformed.
    pub required: bool,
    /// Never logged.
    pub secret: bool,
    /// Where it is read in the message (dotted paths), in order of precedence.
    pub from: &'static [&'static str],
}

/// A documented event.
#[derive(Debug)]
pub struct DocEvent {
    /// The tag value it is delivered with.
    pub name: &'static str,
    /// Other tag values delivered as this event.
    pub aliases: &'static [&'static str],
    pub callback: &'static str,
    pub terminal: bool,
    pub fields: &'static [DocField],
}

/// A vendor as documented.
#[derive(Debug)]
pub struct DocVendor {
    pub name: &'static str,
    pub watch_fn: &'static str,
    /// The message field naming the event.
    pub tag: &'static str,
    /// Its deployments (the first is the default), as `(environment option, origin)`.
    pub environments: &'static [(&'static str, &'static str)],
    pub default_origin: Option<&'static str>,
    /// Objects of the message that must be objects when present, whatever the known event.
    pub objects: &'static [&'static str],
    pub events: &'static [DocEvent],
}

const fn required(key: &'static str, from: &'static [&'static str]) -> DocField {
    DocField { key, required: true, secret: false, from }
}

const fn optional(key: &'static str, from: &'static [&'static str]) -> DocField {
    DocField { key, required: false, secret: false, from }
}

const fn event(name: &'static str, callback: &'static str, terminal: bool, fields: &'static [DocField]) -> DocEvent {
    DocEvent { name, aliases: &[], callback, terminal, fields }
}

pub const IGNITION: DocVendor = DocVendor {
    name: "Ignition",
    watch_fn: "watchIgnition",
    tag: "status",
    environments: &[("production", "https://ignition.axle.insure"), ("sandbox", "https://ignition.sandbox.axle.insure")],
    default_origin: Some("https://ignition.axle.insure"),
    objects: &[],
    events: &[
        event(
            "complete",
            "onComplete",
            true,
            &[
                DocField { key: "authCode", required: true, secret: true, from: &["authCode"] },
                optional("client", &["client"]),
                optional("result", &["result"]),
            ],
        ),
        event("exit", "onExit", true, &[optional("step", &["step"]), optional("client", &["client"])]),
        event("error", "onError", true, &[optional("message", &["message"]), optional("client", &["client"])]),
    ],
};

const DOCUMENT: &[DocField] =
    &[optional("documentId", &["payload.documentId"]), optional("externalDocumentId", &["payload.externalDocumentId"])];
const DOCUMENT_ID: &[DocField] = &[optional("documentId", &["payload.documentId"])];

pub const SIGNERE: DocVendor = DocVendor {
    name: "Signere",
    watch_fn: "watchSignere",
    tag: "type",
    environments: &[],
    default_origin: None,
    objects: &["payload"],
    events: &[
        event("document_expired", "onDocumentExpired", true, DOCUMENT),
        event("document_read", "onDocumentRead", false, DOCUMENT),
        event("eid_selected", "onEidSelected", false, &[required("eid", &["payload.eid"])]),
        event("language_changed", "onLanguageChanged", false, &[required("language", &["payload.language"])]),
        event("sign_success", "onSignSuccess", true, DOCUMENT_ID),
        event(
            "sign_error",
            "onSignError",
            false,
            &[
                optional("code", &["payload.error.code", "payload.errorCode", "payload.code"]),
                optional("message", &["payload.error.message", "payload.errorMessage", "payload.message"]),
                optional("eidCode", &["payload.eidErrorCode"]),
                optional("eidMessage", &["payload.eidErrorMessage"]),
                optional("documentId", &["payload.documentId"]),
            ],
        ),
        event("spinner_on", "onSpinnerOn", false, &[]),
        event("spinner_off", "onSpinnerOff", false, &[]),
        DocEvent { name: "user_aborted", aliases: &["user_canceled"], callback: "onUserAborted", terminal: true, fields: DOCUMENT_ID },
        event("app_started", "onAppStarted", false, DOCUMENT_ID),
        event("outdated_browser", "onOutdatedBrowser", false, &[]),
    ],
};

impl Vendor {
    pub const ALL: [Vendor; 2] = [Vendor::Ignition, Vendor::Signere];

    pub fn doc(self) -> &'static DocVendor {
        match self {
            Vendor::Ignition => &IGNITION,
            Vendor::Signere => &SIGNERE,
        }
    }
}

impl DocVendor {
    /// Every tag value that is delivered (names and aliases).
    pub fn tags(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.events.iter().flat_map(|e| std::iter::once(e.name).chain(e.aliases.iter().copied()))
    }
}

// ---- JSON text, as JSON.parse reads it ---------------------------------------------------------

/// JSON text as `JSON.parse` reads it (`None`: it throws), for what the contract can see: strings
/// and the shape of objects. serde_json is stricter than `JSON.parse` in two ways, so the text is
/// rewritten first, keeping exactly the texts that are JSON: a lone surrogate escape (`"\ud800"`,
/// which `JSON.parse` accepts) reads as U+FFFD, since a Rust string cannot hold it; and every
/// number reads as 0 (`1e999` is `Infinity` to `JSON.parse` and out of range to serde_json; a
/// number's value never matters, only that it is not a string). Nesting deeper than serde_json's
/// limit of 128 is read only in the fuzzer (`cfg(fuzzing)`, serde_json's `unbounded_depth`).
pub fn parse(text: &str) -> Option<Value> {
    let text = rewrite(text);
    #[allow(unused_mut)]
    let mut reader = serde_json::Deserializer::from_str(&text);
    #[cfg(fuzzing)]
    reader.disable_recursion_limit();
    // Exactly one value, and nothing but white space after it.
    let mut values = reader.into_iter::<Value>();
    let value = values.next()?.ok()?;
    values.next().is_none().then_some(value)
}

fn rewrite(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let mut in_string = false;
    while i < chars.len() {
        let c = chars[i];
        if in_string {
            match c {
                '"' => in_string = false,
                '\\' if chars.get(i + 1) == Some(&'u') => {
                    if let Some(unit) = hex4(&chars, i + 2) {
                        let low = if chars.get(i + 6) == Some(&'\\') && chars.get(i + 7) == Some(&'u') { hex4(&chars, i + 8) } else { None };
                        if (0xd800..0xdc00).contains(&unit) && low.is_some_and(|l| (0xdc00..0xe000).contains(&l)) {
                            out.extend(&chars[i..i + 12]);
                            i += 12;
                        } else if (0xd800..0xe000).contains(&unit) {
                            out.push_str("\\ufffd");
                            i += 6;
                        } else {
                            out.extend(&chars[i..i + 6]);
                            i += 6;
                        }
                        continue;
                    }
                }
                '\\' => {
                    // Any other escape: copy it whole, so an escaped quote does not end the string.
                    out.push(c);
                    i += 1;
                    if let Some(&next) = chars.get(i) {
                        out.push(next);
                        i += 1;
                    }
                    continue;
                }
                _ => {}
            }
            out.push(c);
            i += 1;
        } else if c == '-' || c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && matches!(chars[i], '0'..='9' | 'e' | 'E' | '+' | '-' | '.') {
                i += 1;
            }
            let run: String = chars[start..i].iter().collect();
            if is_number(&run) {
                out.push('0');
            } else {
                out.push_str(&run);
            }
        } else {
            in_string = c == '"';
            out.push(c);
            i += 1;
        }
    }
    out
}

fn hex4(chars: &[char], at: usize) -> Option<u32> {
    let digits = chars.get(at..at + 4)?;
    digits.iter().try_fold(0, |n, c| Some(n * 16 + c.to_digit(16)?))
}

/// JSON's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
fn is_number(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let digits = |s: &str| s.len() - s.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let n = digits(s);
    if n == 0 || (n > 1 && s.starts_with('0')) {
        return false;
    }
    let mut rest = &s[n..];
    if let Some(fraction) = rest.strip_prefix('.') {
        let n = digits(fraction);
        if n == 0 {
            return false;
        }
        rest = &fraction[n..];
    }
    if let Some(exponent) = rest.strip_prefix(['e', 'E']) {
        let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
        let n = digits(exponent);
        if n == 0 {
            return false;
        }
        rest = &exponent[n..];
    }
    rest.is_empty()
}

// ---- decoding -----------------------------------------------------------------------------------

/// `event.data` as received: an object, or a string holding JSON.
pub fn decode(vendor: Vendor, data: &Value) -> Model {
    let parsed;
    let data = match data {
        Value::String(text) => match parse(text) {
            Some(v) => {
                parsed = v;
                &parsed
            }
            None => return Model::Malformed,
        },
        other => other,
    };
    let Value::Object(message) = data else { return Model::Malformed };
    let result = match vendor {
        Vendor::Ignition => ignition(message),
        Vendor::Signere => signere(message),
    };
    result.unwrap_or(Model::Malformed)
}

struct Bad;

/// An optional string: absent or null → None; a string → Some; anything else is malformed.
fn opt(object: Option<&Map<String, Value>>, key: &str) -> Result<Option<String>, Bad> {
    match object.and_then(|o| o.get(key)) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(Bad),
    }
}

fn req(object: Option<&Map<String, Value>>, key: &str) -> Result<String, Bad> {
    opt(object, key)?.ok_or(Bad)
}

/// An optional object (not an array): absent or null → None.
fn opt_object<'a>(object: Option<&'a Map<String, Value>>, key: &str) -> Result<Option<&'a Map<String, Value>>, Bad> {
    match object.and_then(|o| o.get(key)) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(o)) => Ok(Some(o)),
        Some(_) => Err(Bad),
    }
}

fn value(tag: &str, name: &str, fields: &[(&str, Option<String>)]) -> Model {
    let mut object = Map::new();
    object.insert(tag.into(), Value::String(name.into()));
    for (key, v) in fields {
        if let Some(v) = v {
            object.insert((*key).into(), Value::String(v.clone()));
        }
    }
    Model::Event(Value::Object(object))
}

fn ignition(m: &Map<String, Value>) -> Result<Model, Bad> {
    let m = Some(m);
    let status = req(m, "status")?;
    Ok(match status.as_str() {
        "complete" => {
            let auth_code = Some(req(m, "authCode")?);
            value("status", "complete", &[("authCode", auth_code), ("client", opt(m, "client")?), ("result", opt(m, "result")?)])
        }
        "exit" => value("status", "exit", &[("step", opt(m, "step")?), ("client", opt(m, "client")?)]),
        "error" => value("status", "error", &[("message", opt(m, "message")?), ("client", opt(m, "client")?)]),
        _ => Model::Unknown(status),
    })
}

fn signere(m: &Map<String, Value>) -> Result<Model, Bad> {
    let ty = req(Some(m), "type")?;
    if !SIGNERE.tags().any(|t| t == ty) {
        return Ok(Model::Unknown(ty));
    }
    let p = opt_object(Some(m), "payload")?;
    Ok(match ty.as_str() {
        "document_expired" | "document_read" => {
            value("type", &ty, &[("documentId", opt(p, "documentId")?), ("externalDocumentId", opt(p, "externalDocumentId")?)])
        }
        "eid_selected" => value("type", &ty, &[("eid", Some(req(p, "eid")?))]),
        "language_changed" => value("type", &ty, &[("language", Some(req(p, "language")?))]),
        "sign_success" | "app_started" => value("type", &ty, &[("documentId", opt(p, "documentId")?)]),
        "user_aborted" | "user_canceled" => value("type", "user_aborted", &[("documentId", opt(p, "documentId")?)]),
        "sign_error" => {
            let nested = opt_object(p, "error")?;
            let (nested_code, nested_message) = (opt(nested, "code")?, opt(nested, "message")?);
            let (error_code, error_message) = (opt(p, "errorCode")?, opt(p, "errorMessage")?);
            let (code, message) = (opt(p, "code")?, opt(p, "message")?);
            value(
                "type",
                &ty,
                &[
                    ("code", nested_code.or(error_code).or(code)),
                    ("message", nested_message.or(error_message).or(message)),
                    ("eidCode", opt(p, "eidErrorCode")?),
                    ("eidMessage", opt(p, "eidErrorMessage")?),
                    ("documentId", opt(p, "documentId")?),
                ],
            )
        }
        _ => value("type", &ty, &[]),
    })
}
