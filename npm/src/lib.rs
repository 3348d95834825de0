//! The npm package's wasm module: what the JavaScript entry (`src/js/index.js`) asks of the Rust
//! core, so a message crosses into wasm once (as its shape) and the answer comes back once. `exports.rs` puts them at the wasm boundary; the allocator and the panic trap of
//! this std-less build live here too, never in the library crate that Rust users depend on.
#![cfg_attr(target_arch = "wasm32", no_std)]
#![deny(missing_docs)]

extern crate alloc;

#[cfg(target_arch = "wasm32")]
mod exports;
pub mod shape;

pub use shape::Shape;
#[cfg(target_arch = "wasm32")]
mod runtime;

use alloc::string::String;
use alloc::vec::Vec;

use embed_events::{Decoded, Ignition, Origin, OriginError, Signere, Vendor, VendorTable};

/// The vendors, by the number JavaScript passes (`src/bin/tables.rs` prints their tables for it).
pub const VENDORS: [&VendorTable; 2] = [Ignition::TABLE, Signere::TABLE];

pub(crate) fn table_of(vendor: u32) -> &'static VendorTable {
    VENDORS.get(vendor as usize).copied().unwrap_or(Ignition::TABLE)
}

/// The allowed origins of a watcher, space-separated, or `!` and the error message. `entries` is
/// empty when the `origins` option is absent, NUL for an empty list, else the list joined by its
/// first character, an ASCII separator that no entry contains. An empty `environment` or `frame_src` means none.
pub fn origins(vendor: u32, entries: &str, environment: &str, frame_src: &str, has_source: bool) -> String {
    let list = split(entries);
    match table_of(vendor).allow_list(list.as_deref(), some(environment), some(frame_src), has_source) {
        Ok(list) => {
            let mut out = String::new();
            for origin in list.origins() {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(origin.as_str());
            }
            out
        }
        Err(error) => {
            let mut out = String::from("!");
            out.push_str(&error.message());
            out
        }
    }
}

/// The entries of a list joined by its first byte, an ASCII separator other than NUL (`None` for
/// `""`, the empty list for `"\0"`).
fn split(joined: &str) -> Option<Vec<&str>> {
    let (&separator, _) = joined.as_bytes().split_first()?;
    if joined == "\0" {
        return Some(Vec::new());
    }
    let mut list = Vec::new();
    let mut start = 1;
    // Splitting at an ASCII byte keeps every piece on character boundaries.
    for (at, &b) in joined.as_bytes().iter().enumerate().skip(1) {
        if b == separator {
            list.push(joined.get(start..at).unwrap_or(""));
            start = at + 1;
        }
    }
    list.push(joined.get(start..).unwrap_or(""));
    Some(list)
}

/// Decode a message from its shape (see [`shape`]): `E`, the event's index and, for each of its
/// fields, the position of its string in the shape plus one (0: absent); `?` for an unknown tag
/// (JavaScript has it); `!` and why the message is malformed. Positions fit a byte: a shape has at
/// most 16 blocks of at most 15 keys.
pub fn decode(vendor: u32, shape: &Shape<'_>) -> Vec<u8> {
    match table_of(vendor).decode_message(shape) {
        Decoded::Event((index, values)) => {
            let mut out = Vec::with_capacity(values.len() + 2);
            out.push(b'E');
            out.push(index as u8);
            out.extend(values.iter().map(|at| at.map_or(0, |at| (at + 1) as u8)));
            out
        }
        Decoded::Unknown(_) => alloc::vec![b'?'],
        Decoded::Malformed(malformed) => {
            let mut out = alloc::vec![b'!'];
            out.extend_from_slice(malformed.detail().as_bytes());
            out
        }
    }
}

fn some(s: &str) -> Option<&str> {
    (!s.is_empty()).then_some(s)
}

/// `ignitionUrl`'s `parentOrigin` normalised, or `!` and why it is not an http(s) origin (as
/// `embed_events::ignition_url` answers).
pub fn origin(entry: &str) -> String {
    match Origin::parse(entry).and_then(|o| if o.is_null() { Err(OriginError::Host) } else { Ok(o) }) {
        Ok(origin) => origin.as_str().into(),
        Err(error) => {
            let mut out = String::from("!");
            out.push_str(error.as_str());
            out
        }
    }
}
