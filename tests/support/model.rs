// A reference model of the decoding rules, written from api.md alone (not from src/): what a
// message from an allowed sender must come out as. The property tests and the fuzzer compare the
// real decoder with it. Deliberately naive: it reads `serde_json::Value`s directly.
#![allow(dead_code)]

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

/// `event.data` as received: an object, or a string holding JSON.
pub fn decode(vendor: Vendor, data: &Value) -> Model {
    let parsed;
    let data = match data {
        Value::String(text) => match serde_json::from_str::<Value>(text) {
            Ok(v) => {
                parsed = v;
                &parsed
            }
            Err(_) => return Model::Malformed,
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

const SIGNERE_TYPES: &[&str] = &[
    "document_expired", "document_read", "eid_selected", "language_changed", "sign_success", "sign_error",
    "spinner_on", "spinner_off", "user_aborted", "user_canceled", "app_started", "outdated_browser",
];

fn signere(m: &Map<String, Value>) -> Result<Model, Bad> {
    let ty = req(Some(m), "type")?;
    if !SIGNERE_TYPES.contains(&ty.as_str()) {
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
