//! Which origins a watcher allows: `origins` → `environment` → the iframe `source`'s `src` → the
//! vendor's default. The Rust watcher's rule; the JavaScript package follows it in `src/js/origins.js`.

use alloc::string::String;
use alloc::vec;
use core::fmt;

use crate::origin::{AllowList, EntryError, Origin, OriginError};
use crate::vendors::VendorTable;

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

impl VendorTable {
    /// The origins a watcher of this vendor allows, from its options: `origins` when given (every
    /// entry normalised; `"null"` only together with a `source`), else the `environment`'s origin,
    /// else the origin of the iframe `source`'s `src` (`frame_src`) when it is an http(s) URL,
    /// else the vendor's default.
    ///
    /// ```
    /// use embed_events::{Ignition, Signere, Vendor, WatchError};
    /// let list = Ignition::TABLE.allow_list(None::<&[&str]>, Some("sandbox"), None, false)?;
    /// assert!(list.allows("https://ignition.sandbox.axle.insure"));
    /// let list = Signere::TABLE.allow_list(None::<&[&str]>, None, Some("https://sign.idfy.io/sign?id=1"), true)?;
    /// assert!(list.allows("https://sign.idfy.io"));
    /// assert!(Signere::TABLE.allow_list(Some(&["null"]), None, None, false).is_err());
    /// # Ok::<(), WatchError>(())
    /// ```
    pub fn allow_list<S: AsRef<str>>(
        &self,
        origins: Option<&[S]>,
        environment: Option<&str>,
        frame_src: Option<&str>,
        has_source: bool,
    ) -> Result<AllowList, WatchError> {
        self.allow_list_with(origins, environment, frame_src, has_source, &Origin::parse)
    }

    /// The environment (its `environment` value) whose message origin `origin` is, as the browser
    /// serialises an origin; `None` for any other origin.
    ///
    /// ```
    /// use embed_events::{Ignition, Signere, Vendor};
    /// assert_eq!(Ignition::TABLE.environment_of("https://ignition.sandbox.axle.insure"), Some("sandbox"));
    /// assert_eq!(Ignition::TABLE.environment_of("https://evil.example"), None);
    /// assert_eq!(Signere::TABLE.environment_of("https://sign.idfy.io"), None);
    /// ```
    pub fn environment_of(&self, origin: &str) -> Option<&'static str> {
        self.environments.iter().find(|(_, o)| *o == origin).map(|(name, _)| *name)
    }

    /// Whose origin `environment`'s is, and the option value a watcher needs to accept messages
    /// from it: the words after a subject ("origin is", "the iframe's src is on"), without a final
    /// stop, for a message or a frame on that origin when the watcher trusts another environment.
    /// Shared by the `onIgnored` detail, the `debug` warning at the start and the silence report
    /// (JavaScript reads them from the tables the build writes).
    ///
    /// ```
    /// use embed_events::{Ignition, Vendor};
    /// assert_eq!(
    ///     Ignition::TABLE.other_environment("production"),
    ///     "Ignition's production origin, which needs environment: \"production\""
    /// );
    /// ```
    pub fn other_environment(&self, environment: &str) -> String {
        let mut out = String::from(self.name);
        out.push_str("'s ");
        out.push_str(environment);
        out.push_str(" origin, which needs environment: \"");
        out.push_str(environment);
        out.push('"');
        out
    }

    /// [`VendorTable::allow_list`] with another parser for the `origins` entries.
    pub(crate) fn allow_list_with<S: AsRef<str>>(
        &self,
        origins: Option<&[S]>,
        environment: Option<&str>,
        frame_src: Option<&str>,
        has_source: bool,
        parse: &dyn Fn(&str) -> Result<Origin, OriginError>,
    ) -> Result<AllowList, WatchError> {
        if let Some(entries) = origins {
            if entries.is_empty() {
                return Err(WatchError::NoOrigins);
            }
            let list = AllowList::parse_with(entries, parse).map_err(WatchError::Origin)?;
            if !has_source {
                if let Some(index) = list.origins().iter().position(Origin::is_null) {
                    let entry = entries.get(index).map_or("null", |e| e.as_ref()).into();
                    return Err(WatchError::Origin(EntryError { index, entry, error: OriginError::NullWithoutSource }));
                }
            }
            return Ok(list);
        }
        let origin = if let Some(name) = environment {
            let (_, origin) = self.environments.iter().find(|(n, _)| *n == name).ok_or(WatchError::Environment)?;
            Origin::parse(origin).ok()
        } else if let Some(origin) = frame_src.and_then(Origin::of_url) {
            Some(origin)
        } else {
            self.default_origin.and_then(|o| Origin::parse(o).ok())
        };
        let origin = origin.ok_or(WatchError::NoDefaultOrigin { vendor: self.name })?;
        Ok(AllowList::from_origins(vec![origin]))
    }
}
