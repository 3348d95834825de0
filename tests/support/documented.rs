// The documented fields of every event value (api.md's tables), the discriminant included: what a
// delivered event may carry, and nothing else. Shared by tests/properties.rs and the fuzzer.
#![allow(dead_code)]

use serde_json::Value;

/// The fields the event value named `name` may carry (`None`: not a documented event).
pub fn documented(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "complete" => &["status", "authCode", "client", "result"],
        "exit" => &["status", "step", "client"],
        "error" => &["status", "message", "client"],
        "document_expired" | "document_read" => &["type", "documentId", "externalDocumentId"],
        "eid_selected" => &["type", "eid"],
        "language_changed" => &["type", "language"],
        "sign_success" | "user_aborted" | "app_started" => &["type", "documentId"],
        "sign_error" => &["type", "code", "message", "eidCode", "eidMessage", "documentId"],
        "spinner_on" | "spinner_off" | "outdated_browser" => &["type"],
        _ => return None,
    })
}

/// The fields a value must carry whenever it is delivered.
pub fn required(name: &str) -> &'static [&'static str] {
    match name {
        "complete" => &["status", "authCode"],
        "exit" | "error" => &["status"],
        "eid_selected" => &["type", "eid"],
        "language_changed" => &["type", "language"],
        _ => &["type"],
    }
}

/// Why `value` is not a well-formed event value of `tag` (`"status"` or `"type"`), if it is not:
/// an object whose tag names a documented event, with only that event's documented fields, all
/// strings, and its required fields present.
pub fn problem(tag: &str, value: &Value) -> Option<String> {
    let Value::Object(fields) = value else { return Some(format!("not an object: {value}")) };
    let Some(Value::String(name)) = fields.get(tag) else { return Some(format!("no string {tag}: {value}")) };
    let Some(allowed) = documented(name) else { return Some(format!("undocumented event {name:?}")) };
    if !allowed.contains(&tag) {
        return Some(format!("{name} delivered under {tag}"));
    }
    for (key, field) in fields {
        if !allowed.contains(&key.as_str()) {
            return Some(format!("{name} carries undocumented field {key:?}"));
        }
        if !field.is_string() {
            return Some(format!("{name}.{key} is not a string: {field}"));
        }
    }
    for key in required(name) {
        if !fields.contains_key(*key) {
            return Some(format!("{name} lacks required {key}"));
        }
    }
    None
}
