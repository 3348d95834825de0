//! Prints every vendor's table as one JSON array, in the vendor-number order the wasm exports take:
//! the build writes it into the package, so the JavaScript entry knows each vendor's callbacks,
//! keys and flags without asking wasm (and without the wasm carrying the code that writes them).

fn main() {
    let tables: Vec<String> = embed_events_npm::VENDORS.iter().map(|table| table.to_json()).collect();
    println!("[{}]", tables.join(","));
}
