//! Why a watcher could not be started: [`WatchError`], and its messages. The rule it reports on
//! (`origins` → `environment` → the iframe `source`'s `src` → the vendor's default) is
//! `VendorTable::allow_list`, in `src/vendor_table.rs`; the JavaScript package follows it in
//! `src/js/origins.js`.

use alloc::string::String;
use core::fmt;

use crate::origin::EntryError;

/// Why a watcher could not be started. [`message`](WatchError::message) names the option at fault.
///
/// ```
/// use embed_events::WatchError;
/// let error = WatchError::NoDefaultOrigin { vendor: "Signere" };
/// assert_eq!(error.message().split(';').next(), Some("origins: Signere has no default origin"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WatchError {
    /// An `origins` entry was rejected.
    Origin(EntryError),
    /// `origins` is an empty list, which would allow nothing.
    NoOrigins,
    /// The vendor has no default origin and none was given (Signere).
    NoDefaultOrigin {
        /// The vendor's name.
        vendor: &'static str,
    },
    /// `environment` names no deployment of the vendor.
    Environment,
    /// There is no `window` (not running in a browser page).
    NoWindow,
}

impl WatchError {
    /// The explanation, naming the option at fault.
    pub fn message(&self) -> String {
        match self {
            WatchError::Origin(e) => e.describe("origins"),
            WatchError::NoOrigins => "origins: the list is empty, which would allow no sender; list at least one origin".into(),
            WatchError::NoDefaultOrigin { vendor } => {
                let mut s = String::from("origins: ");
                s.push_str(vendor);
                s.push_str(
                    " has no default origin; pass origins (e.g. \"https://sign.idfy.io\"), or an iframe as source whose src is an http(s) URL",
                );
                s
            }
            WatchError::Environment => "environment: not a deployment of this vendor".into(),
            WatchError::NoWindow => "there is no window: watchers need a browser page".into(),
        }
    }
}

impl fmt::Display for WatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for WatchError {}
