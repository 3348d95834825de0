//! Prints what the JavaScript entry needs to know of the Rust core, as one JSON object: every
//! vendor's table, in the vendor-number order the wasm exports take; each vendor's allowed origin
//! per environment (with the words for a message or frame on that origin when a watcher trusts
//! another) and by default, normalised by `Origin::parse`; the explanations of the origin errors;
//! and the details of the two malformed cases the JavaScript pre-filter answers itself; and, under
//! `webhooks`, the webhook tables of the vendors that declare webhooks (`embed_events_npm::WEBHOOKS`,
//! from the list of vendors), which the build writes into the server entry's own file and turns into
//! its readers; and, as `webhookDocs`, their `///` text (`Webhook::DOCS`), for its types only;
//! and, as `inputLen`, the size of the wasm module's input area (`embed_events_npm::INPUT_LEN`);
//! and, as `docs`, each vendor's `Vendor::DOCS` (the `///` text of its events and fields, and each
//! event's example message as JSON text), which the build writes into the types and into
//! `embed-events/testing`'s `exampleMessages`, never into the browser entry.
//! The build writes it into the package, so the wasm carries none of the code that writes it.

use embed_events::{error::{Malformed, OriginError, Problem}, table::VendorTable, WatchError};

/// `[origin, null]`: the one origin a watcher of `table` allows with no `origins` and this
/// `environment`; `[null, message]` when there is none.
fn allowed(table: &VendorTable, environment: Option<&str>) -> String {
    match table.allow_list(None::<&[&str]>, environment, None, false) {
        Ok(list) => format!("[{:?},null]", list.origins()[0].as_str()),
        Err(error) => format!("[null,{:?}]", error.message()),
    }
}

fn main() {
    let tables: Vec<String> = embed_events_npm::VENDORS.iter().map(|table| table.to_json()).collect();
    // Per vendor: [[each environment's], the default] as `allowed` gives them, each environment's
    // with, in place of `null`, the words for a message or frame on its origin when the watcher
    // trusts another (`VendorTable::other_environment`).
    let origins: Vec<String> = embed_events_npm::VENDORS
        .iter()
        .map(|table| {
            let envs: Vec<String> = table
                .environments
                .iter()
                .map(|(name, _)| allowed(table, Some(name)).replace(",null]", &format!(",{:?}]", table.other_environment(name))))
                .collect();
            format!("[[{}],{}]", envs.join(","), allowed(table, None))
        })
        .collect();
    use OriginError::*;
    // Each by its name, as src/js/origins.js asks for it.
    let errors: Vec<String> = [Wildcard, Empty, NoScheme, Scheme, Credentials, Path, Query, Fragment, Port, Host, NullWithoutSource]
        .iter()
        .map(|error| format!("\"{error:?}\":{:?}", error.as_str()))
        .chain([format!("\"NoOrigins\":{:?}", WatchError::NoOrigins.message())])
        .collect();
    let detail = |problem| Malformed { path: "data", problem }.detail();
    let docs: Vec<String> = embed_events_npm::DOCS.iter().map(|docs| docs.to_json()).collect();
    let webhooks: Vec<String> = embed_events_npm::WEBHOOKS.iter().map(|table| table.to_json()).collect();
    let webhook_docs: Vec<String> = embed_events_npm::WEBHOOK_DOCS.iter().map(|docs| docs.to_json()).collect();
    println!(
        "{{\"vendors\":[{}],\"origins\":[{}],\"errors\":{{{}}},\"notJson\":{:?},\"notObject\":{:?},\"webhooks\":[{}],\"webhookDocs\":[{}],\"inputLen\":{},\"docs\":[{}]}}",
        tables.join(","),
        origins.join(","),
        errors.join(","),
        detail(Problem::NotJson),
        detail(Problem::NotObject),
        webhooks.join(","),
        webhook_docs.join(","),
        embed_events_npm::INPUT_LEN,
        docs.join(",")
    );
}
