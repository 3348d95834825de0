#![doc = include_str!("../README.md")]
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
mod redirect;
mod silence;
mod vendors;

// The browser shell: the watcher.
#[cfg(feature = "browser")]
mod watch;

pub use allow::WatchError;
pub use decode::{decode, Decoded, Malformed, Member, Message, Problem, TableEvent};
pub use ignition_url::{ignition_url, UrlError};
pub use origin::{AllowList, EntryError, Origin, OriginError};
pub use redirect::{read_ignition_redirect, Redirect};
pub use silence::{has_origin_param, Silence};
pub use vendors::{Environment, Event, EventSpec, FieldSpec, Ignition, IgnitionEvent, Signere, SignereEvent, Vendor, VendorTable};
#[cfg(feature = "browser")]
pub use watch::{Ignored, Reason, Source, Unknown, Watch, Watcher};

// What `vendor!` expands to in other crates.
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use decode::serialize as __serialize_event;
#[cfg(feature = "serde")]
#[doc(hidden)]
pub use serde as __serde;
