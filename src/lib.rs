#![doc = include_str!("../README.md")]
#![deny(missing_docs, missing_debug_implementations)]
#![forbid(unsafe_code)]

// The pure core: origins and both vendors' decoding, tested natively.
mod fields;
mod ignition;
mod origin;
mod signere;
mod vendor;

// The browser shell.
mod ignition_url;
#[doc(hidden)]
pub mod js;
mod js_value;
mod watch;

pub use fields::{is_secret, Decoded, EventFields, Field, Key, Malformed, Message, Problem, SECRET_FIELDS};
pub use ignition::{Environment, Ignition, IgnitionComplete, IgnitionError, IgnitionEvent, IgnitionExit};
pub use ignition_url::{ignition_url, UrlError};
pub use js_value::{JsMessage, JsText, Slot};
pub use origin::{AllowList, EntryError, Origin, OriginError};
pub use signere::{DocumentRef, SignError, Signere, SignereEvent};
pub use vendor::Vendor;
pub use watch::{Ignored, Reason, Source, Unknown, Watch, WatchError, Watcher};
