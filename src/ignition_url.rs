//! `ignitionUrl`: put the host page's origin on an Ignition URL, without which Ignition posts no
//! messages at all.

use alloc::string::String;
use core::fmt;

use crate::origin::{Origin, OriginError};

/// Why [`ignition_url`] failed.
///
/// ```
/// use embed_events::{OriginError, UrlError};
/// assert_eq!(UrlError::ParentOrigin(OriginError::Path).message(), "parentOrigin has a path; give a bare origin such as \"https://example.com\"");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// `url` does not parse as an absolute URL.
    Url,
    /// `parent_origin` is not a bare http(s) origin.
    ParentOrigin(OriginError),
    /// No `parent_origin` was given and the page's own origin is opaque (`"null"`), or there is no
    /// page.
    NoPageOrigin,
}

impl UrlError {
    /// The explanation, naming the argument at fault.
    pub fn message(&self) -> String {
        match self {
            UrlError::Url => "url does not parse as an absolute URL".into(),
            UrlError::ParentOrigin(e) => {
                let mut s = String::from("parentOrigin ");
                s.push_str(e.as_str());
                s
            }
            UrlError::NoPageOrigin => "this page has no http(s) origin of its own; pass parentOrigin".into(),
        }
    }
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message())
    }
}

impl core::error::Error for UrlError {}

/// `url` with its `origin` query parameter set to `parent_origin` (default: the page's own
/// origin), replacing any `origin` already there. Runs in the browser (it uses the browser's URL
/// parser).
///
/// ```no_run
/// let url = embed_events::ignition_url("https://ignition.axle.insure/?token=ign_123", Some("https://app.example.com"))?;
/// assert_eq!(url, "https://ignition.axle.insure/?token=ign_123&origin=https%3A%2F%2Fapp.example.com");
/// # Ok::<(), embed_events::UrlError>(())
/// ```
pub fn ignition_url(url: &str, parent_origin: Option<&str>) -> Result<String, UrlError> {
    let parsed = web_sys::Url::new(url).map_err(|_| UrlError::Url)?;
    let origin = match parent_origin {
        Some(given) => {
            let origin = Origin::parse(given).map_err(UrlError::ParentOrigin)?;
            if origin.is_null() {
                return Err(UrlError::ParentOrigin(OriginError::Host));
            }
            web_sys::Url::new(origin.as_str()).map_err(|_| UrlError::ParentOrigin(OriginError::Host))?.origin()
        }
        None => {
            let own = crate::js_value::page_origin().ok_or(UrlError::NoPageOrigin)?;
            if own == crate::origin::NULL {
                return Err(UrlError::NoPageOrigin);
            }
            own
        }
    };
    parsed.search_params().set("origin", &origin);
    Ok(parsed.href())
}
