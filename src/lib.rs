#![doc = include_str!("../docs/rust.md")]
#![no_std]
#![deny(missing_docs, missing_debug_implementations, unsafe_code)]

#[doc(hidden)]
pub extern crate alloc as __alloc;
extern crate alloc;

// The pure core: JSON, decoding, origins, URLs. Tested natively.
mod allow;
mod decode;
mod ignition_url;
mod json;
mod origin;
#[cfg(feature = "webhooks")]
mod receive;
mod redirect;
mod silence;
mod vendor_table;
mod vendors;

// The browser shell: the watcher.
#[cfg(feature = "browser")]
mod watch;

pub use allow::WatchError;
pub use decode::{decode, Decoded};
pub use ignition_url::ignition_url;
pub use origin::{AllowList, Origin};
pub use redirect::read_ignition_redirect;
// Each vendor's public items (its vendor, event, envelope and webhook types), from the one list of
// vendors in src/vendors/mod.rs.
pub use vendors::all::*;
pub use vendors::{Event, Vendor};
#[cfg(feature = "browser")]
pub use watch::{Watch, Watcher};

/// Why an allow-list entry, a message or a URL was refused, in detail.
pub mod error {
    pub use crate::decode::{Malformed, Problem};
    pub use crate::ignition_url::UrlError;
    pub use crate::origin::{EntryError, OriginError};
}

/// What a watcher and the readers report besides events: ignored and unknown messages, silence,
/// the redirect return; and the `source` a watcher checks.
pub mod report {
    pub use crate::redirect::Redirect;
    pub use crate::silence::{has_origin_param, Silence};
    #[cfg(feature = "browser")]
    pub use crate::watch::{Ignored, Reason, Source, Unknown};
}

/// The vendors' webhooks (the server half): their tables, declared beside each vendor's message
/// table with [`webhooks!`] and [`webhook_record!`], the typed events' trait, and (with the
/// `webhooks` feature) verifying and decoding a request.
pub mod webhook {
    pub use crate::vendors::webhooks::{
        kind, member, FieldKind, FieldVisitor, RawJson, Value, Verification, Webhook, WebhookDoc, WebhookDocs, WebhookEventSpec, WebhookField,
        WebhookRecord, WebhookTable, WebhookValue,
    };
    #[cfg(feature = "webhooks")]
    pub use crate::receive::{
        decode_webhook, read_ignition_webhook, read_signere_webhook, read_webhook, Headers, IgnitionOptions, OptionsError,
        SignereOptions, VerifiedBy, WebhookError, WebhookOptions, DEFAULT_MAX_BYTES,
    };
}

/// A vendor's table: what [`vendor!`] declares, and what decoding another form of message (the
/// [`Message`](table::Message) trait) works from.
pub mod table {
    pub use crate::decode::{Member, Message, TableEvent};
    pub use crate::vendors::{EventDocs, EventSpec, FieldSpec, VendorDocs, VendorTable};
}

// What `vendor!` expands to in other crates.
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use decode::serialize as __serialize_event;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use serde as __serde;
#[cfg(all(feature = "serde", feature = "webhooks"))]
#[doc(hidden)]
pub use receive::serialize_webhook as __serialize_webhook;

// The Rust blocks of the repository's other documents run as doc tests too (the README's are
// excerpts of the examples, checked by tests/readme; the architecture's declares a vendor).
// The README's fence info also says what tests/readme does with a block (`js test: post=…`), which
// rustdoc reads as unknown attributes of blocks that are not Rust.
#[cfg(doctest)]
#[allow(rustdoc::invalid_codeblock_attributes)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;

#[cfg(doctest)]
#[doc = include_str!("../docs/architecture.md")]
struct ArchitectureDoctests;
