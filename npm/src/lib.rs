//! The npm package's wasm module: what the JavaScript entry (`src/js/index.js`) asks of the Rust
//! core, so a message crosses into wasm once (as its shape) and the answer comes back once. `exports.rs` puts them at the wasm boundary; the allocator and the panic trap of
//! this std-less build live here too, never in the library crate that Rust users depend on.
#![cfg_attr(target_arch = "wasm32", no_std)]
#![deny(missing_docs)]
// The decoding tables and `decode` serve the wasm exports only; the native build (the `tables`
// binary) reads `VENDORS`.
#![cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]

extern crate alloc;

#[cfg(target_arch = "wasm32")]
mod exports;
pub mod shape;

pub use shape::Shape;

/// The size of the wasm module's input area (`input`, npm/src/exports.rs): a shape has at most 16
/// blocks of one byte per key (13 for Signere, and `tests/vendor_table.rs` holds every vendor to
/// at most 15), and the tag at most 64 bytes. src/bin/tables.rs prints it, and the build writes it
/// into the package's tables.js as `INPUT_LEN`, which src/js/wasm.js sizes its view of the area by.
pub const INPUT_LEN: usize = 512;
#[cfg(target_arch = "wasm32")]
mod runtime;

use alloc::vec::Vec;

use embed_events::table::{EventSpec, VendorDocs, VendorTable};
use embed_events::webhook::{Webhook, WebhookDocs, WebhookTable};
use embed_events::{Decoded, Vendor};

/// The test build's extra vendor (`--features test-vendor`): the one `tests/support/queue.rs`
/// declares, numbered after the crate's own.
#[cfg(feature = "test-vendor")]
#[path = "../../tests/support/queue.rs"]
pub mod queue;

/// Every vendor type the list of vendors names, by its name alone.
mod all {
    pub use embed_events::*;
    #[cfg(feature = "test-vendor")]
    pub use crate::queue::*;
}

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

/// `VENDORS` and their decoding tables, from the list of vendors (`embed_events::__vendors!`).
macro_rules! tables {
    ($($module:ident :: $vendor:ident $(+ $webhook:ident)?),* $(,)?) => {
        /// The vendors, by the number JavaScript passes (`src/bin/tables.rs` prints their tables
        /// for it, in this order): the crate's list of vendors, and the test build's own.
        pub const VENDORS: &[&VendorTable] = &[$(<all::$vendor as Vendor>::TABLE),*];
        /// Their documentation and example messages, in the same order, for `src/bin/tables.rs`
        /// alone: nothing in the wasm exports reads them, so the module carries none of the text.
        pub const DOCS: &[&VendorDocs] = &[$(<all::$vendor as Vendor>::DOCS),*];
        /// The webhook tables of the vendors that declare webhooks (`+ VendorWebhook` in the list),
        /// in list order, for `src/bin/tables.rs` alone: the build writes them into the server
        /// entry (its readers, `readIgnitionWebhook`, …) and its types; the wasm carries none.
        pub const WEBHOOKS: &[&WebhookTable] = &[$($(<all::$webhook as Webhook>::TABLE,)?)*];
        /// Their `///` text, in the same order, for the server entry's types only.
        pub const WEBHOOK_DOCS: &[&WebhookDocs] = &[$($(<all::$webhook as Webhook>::DOCS,)?)*];
        pub(crate) static DECODING: [VendorTable; VENDORS.len()] = [$({
            const TABLE: &VendorTable = <all::$vendor as Vendor>::TABLE;
            static EVENTS: [EventSpec; TABLE.events.len()] = decoding_events(TABLE.events);
            decoding(TABLE, &EVENTS)
        }),*];

        /// Each vendor's keys (`VendorTable::keys`), by vendor number.
        #[cfg(target_arch = "wasm32")]
        pub(crate) fn keys() -> [Vec<&'static str>; VENDORS.len()] {
            let mut vendor = 0;
            [$({
                let _ = stringify!($vendor);
                vendor += 1;
                DECODING[vendor - 1].keys()
            }),*]
        }
    };
}
#[cfg(not(feature = "test-vendor"))]
embed_events::__vendors!(tables);
#[cfg(feature = "test-vendor")]
embed_events::__vendors!(tables queue::Queue + QueueWebhook);

/// Decode a message from its shape (see [`shape`]): `E`, the event's index and, for each of its
/// fields, the position of its string in the shape plus one (0: absent); `?` for an unknown tag
/// (JavaScript has it); `!` and why the message is malformed. Positions fit a byte: a shape has at
/// most 16 blocks of at most 15 keys.
///
/// `table` is one of [`DECODING`]'s: the wasm export traps on a vendor number that is not in the
/// list (JavaScript passes only the numbers the build wrote), never decoding it as another vendor.
pub(crate) fn decode(table: &VendorTable, shape: &Shape<'_>) -> Vec<u8> {
    match table.decode_message(shape) {
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
