//! Prints what the JavaScript entry needs to know of the Rust core, as one JSON object: every
//! vendor's table, in the vendor-number order the wasm exports take, and the details of the two
//! malformed cases the JavaScript pre-filter answers itself. The build writes it into the package,
//! so the wasm carries none of the code that writes it.

use embed_events::{Malformed, Problem};

fn main() {
    let tables: Vec<String> = embed_events_npm::VENDORS.iter().map(|table| table.to_json()).collect();
    let detail = |problem| Malformed { path: "data", problem }.detail();
    println!(
        "{{\"vendors\":[{}],\"notJson\":\"{}\",\"notObject\":\"{}\"}}",
        tables.join(","),
        detail(Problem::NotJson),
        detail(Problem::NotObject)
    );
}
