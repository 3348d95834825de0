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

use alloc::vec::Vec;

use embed_events::{table::{EventSpec, VendorTable}, Decoded, Ignition, Signere, Vendor};

/// The vendors, by the number JavaScript passes (`src/bin/tables.rs` prints their tables for it).
pub const VENDORS: [&VendorTable; 2] = [Ignition::TABLE, Signere::TABLE];

/// A vendor's table as the wasm decodes by it: without what only JavaScript reads (names, origins,
/// hints, callbacks, which the build writes into tables.js), so the module carries none of those
/// strings.
const fn decoding(table: &'static VendorTable, events: &'static [EventSpec]) -> VendorTable {
    VendorTable { name: "", watch_fn: "", environments: &[], default_origin: None, url_parameter: None, silence_hint: "", events, ..*table }
}

/// `events` without their callback names.
const fn decoding_events<const N: usize>(events: &'static [EventSpec]) -> [EventSpec; N] {
    let mut out = [const { EventSpec { name: "", aliases: &[], callback: "", terminal: false, fields: &[] } }; N];
    let mut i = 0;
    while i < N {
        out[i] = EventSpec { callback: "", ..events[i] };
        i += 1;
    }
    out
}

static IGNITION_EVENTS: [EventSpec; Ignition::TABLE.events.len()] = decoding_events(Ignition::TABLE.events);
static SIGNERE_EVENTS: [EventSpec; Signere::TABLE.events.len()] = decoding_events(Signere::TABLE.events);
static DECODING: [VendorTable; 2] = [decoding(VENDORS[0], &IGNITION_EVENTS), decoding(VENDORS[1], &SIGNERE_EVENTS)];

pub(crate) fn table_of(vendor: u32) -> &'static VendorTable {
    DECODING.get(vendor as usize).unwrap_or(&DECODING[0])
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
