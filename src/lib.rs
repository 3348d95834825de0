#![doc = include_str!("../README.md")]
#![cfg_attr(not(feature = "std"), no_std)]
#![deny(missing_docs, missing_debug_implementations)]
// The one exception is the allocator of the std-less build, in runtime.rs.
#![deny(unsafe_code)]

extern crate alloc;

// The pure core: origins and both vendors' decoding, tested natively.
mod fields;
mod ignition;
mod origin;
mod signere;
mod vendor;

// The browser shell.
#[doc(hidden)]
pub mod heap;
mod ignition_url;
#[doc(hidden)]
pub mod js;
mod js_value;
#[cfg(all(target_arch = "wasm32", not(feature = "std")))]
mod runtime;
mod watch;

pub use fields::{is_secret, Decoded, EventFields, Field, Key, Malformed, Message, Problem, SECRET_FIELDS};
pub use ignition::{Environment, Ignition, IgnitionComplete, IgnitionError, IgnitionEvent, IgnitionExit};
pub use ignition_url::{ignition_url, UrlError};
pub use js_value::{JsMessage, JsText, Slot};
pub use origin::{AllowList, EntryError, Origin, OriginError};
pub use signere::{DocumentRef, SignError, Signere, SignereEvent};
pub use vendor::Vendor;
pub use watch::{Ignored, Reason, Source, Unknown, Watch, WatchError, Watcher};
