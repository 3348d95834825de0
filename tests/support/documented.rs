// The documented fields of every event value, the tag included, read from the vendors' tables
// (`Vendor::TABLE`): what a delivered event may carry, and nothing else. Shared by the native tests
// and the fuzzer. tests/vendor_table.rs checks the tables against the hand-written list in
// tests/support/model.rs, so this is not the decoder checking itself.
#![allow(dead_code)]

use embed_events::{table::{EventSpec, VendorTable}, Ignition, Signere, Vendor};
use serde_json::Value;

/// Both vendors' tables.
pub const TABLES: [&VendorTable; 2] = [Ignition::TABLE, Signere::TABLE];

/// The table whose messages are tagged `tag` (`"status"`, `"type"`).
pub fn table(tag: &str) -> Option<&'static VendorTable> {
    TABLES.into_iter().find(|t| t.tag == tag)
}

/// The event a delivered value named `name` is (by its name: aliases are never delivered).
pub fn event(table: &'static VendorTable, name: &str) -> Option<&'static EventSpec> {
    table.events.iter().find(|e| e.name == name)
}

/// The fields the event value named `name` may carry, the tag first (`None`: not a documented event).
pub fn documented(table: &'static VendorTable, name: &str) -> Option<Vec<&'static str>> {
    let spec = event(table, name)?;
    Some(std::iter::once(table.tag).chain(spec.fields.iter().map(|f| f.key)).collect())
}

/// The fields a value named `name` must carry whenever it is delivered, the tag first.
pub fn required(table: &'static VendorTable, name: &str) -> Vec<&'static str> {
    let fields = event(table, name).map_or(&[][..], |e| e.fields);
    std::iter::once(table.tag).chain(fields.iter().filter(|f| f.required).map(|f| f.key)).collect()
}

/// Why `value` is not a well-formed event value of the vendor tagged `tag`, if it is not.
pub fn problem(tag: &str, value: &Value) -> Option<String> {
    match table(tag) {
        Some(table) => problem_in(table, value),
        None => Some(format!("no vendor is tagged {tag:?}")),
    }
}

/// Why `value` is not a well-formed event value of `table`'s vendor, if it is not: an object whose
/// tag names a documented event, with only that event's documented fields, all strings, and its
/// required fields present.
pub fn problem_in(table: &'static VendorTable, value: &Value) -> Option<String> {
    let tag = table.tag;
    let Value::Object(fields) = value else { return Some(format!("not an object: {value}")) };
    let Some(Value::String(name)) = fields.get(tag) else { return Some(format!("no string {tag}: {value}")) };
    let Some(allowed) = documented(table, name) else { return Some(format!("undocumented event {name:?}")) };
    for (key, field) in fields {
        if !allowed.contains(&key.as_str()) {
            return Some(format!("{name} carries undocumented field {key:?}"));
        }
        if !field.is_string() {
            return Some(format!("{name}.{key} is not a string: {field}"));
        }
    }
    for key in required(table, name) {
        if !fields.contains_key(key) {
            return Some(format!("{name} lacks required {key}"));
        }
    }
    None
}
