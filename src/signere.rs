//! Signere: event types, decoding, callback names, terminal events. Pure Rust.
//!
//! The signing iframe posts `{ type, payload? }`, usually as a JSON string; the payload's fields are
//! lifted next to `type` in the event value. `user_canceled` (later documentation) is delivered as
//! `user_aborted`; `sign_error` accepts its three documented payload forms.

use crate::fields::{emit, optional_object, optional_str, Decoded, EventFields, Malformed, Message, Problem};
use crate::vendor::{tag, Vendor};

/// The Signere vendor: `Watch::<Signere>` watches it, `Signere::decode` decodes its messages.
/// It has no default origin: name yours with `origins`, or give the iframe as `source`.
///
/// ```
/// use embed_events::{Signere, Vendor};
/// assert_eq!(Signere::TAG, "type");
/// assert_eq!(Signere::default_origin(), None);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Signere;

/// A Signere event, discriminated by its `type`.
///
/// ```
/// use embed_events::SignereEvent;
/// fn handle(event: SignereEvent) {
///     match event {
///         SignereEvent::SignSuccess { document_id } => println!("signed {document_id:?}"),
///         SignereEvent::SignError(error) => println!("failed: {:?}", error.code),
///         SignereEvent::UserAborted { .. } => println!("the signer gave up"),
///         other => println!("progress: {other:?}"),
///     }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(
    feature = "serde",
    derive(serde::Serialize),
    serde(tag = "type", rename_all = "snake_case", rename_all_fields = "camelCase")
)]
pub enum SignereEvent {
    /// `document_expired`: the document can no longer be signed (terminal).
    DocumentExpired(DocumentRef),
    /// `document_read`: the signer read the document.
    DocumentRead(DocumentRef),
    /// `eid_selected`: the signer chose an eID (`no_bankid`, `se_bankid`, `mitid`, …; an open string).
    EidSelected {
        /// The eID chosen.
        eid: String,
    },
    /// `language_changed`: the signer switched the app's language.
    LanguageChanged {
        /// The language code (ISO 639, e.g. `EN`).
        language: String,
    },
    /// `sign_success`: the document was signed (terminal).
    SignSuccess {
        /// The signed document.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        document_id: Option<String>,
    },
    /// `sign_error`: signing failed; the flow may continue.
    SignError(SignError),
    /// `spinner_on`: the app shows its loading spinner.
    SpinnerOn,
    /// `spinner_off`: the app hides its loading spinner.
    SpinnerOff,
    /// `user_aborted` (or `user_canceled`): the signer gave up (terminal).
    UserAborted {
        /// The document.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        document_id: Option<String>,
    },
    /// `app_started`: the signing app loaded.
    AppStarted {
        /// The document.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        document_id: Option<String>,
    },
    /// `outdated_browser`: the signer's browser is too old for the app.
    OutdatedBrowser,
}

/// The payload of `document_expired` and `document_read`.
///
/// ```
/// let doc = embed_events::DocumentRef { document_id: Some("8bfae710".into()), external_document_id: None };
/// assert_eq!(doc.document_id.as_deref(), Some("8bfae710"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct DocumentRef {
    /// Signere's identifier of the document.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub document_id: Option<String>,
    /// Your identifier of the document.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub external_document_id: Option<String>,
}

/// The payload of `sign_error`, from whichever of its three forms was sent:
/// `{ error: { code, message } }`, `{ errorCode, errorMessage, eidErrorCode, eidErrorMessage,
/// documentId }`, or `{ code, message }`. Where several forms are present, `error.*` wins over
/// `errorCode` / `errorMessage`, which win over `code` / `message`.
///
/// ```
/// let error = embed_events::SignError { code: Some("SA-1017".into()), ..Default::default() };
/// assert_eq!(error.code.as_deref(), Some("SA-1017"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct SignError {
    /// The error code (`SA-1017`, `cookies_disabled`, …).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub code: Option<String>,
    /// The error message.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message: Option<String>,
    /// The eID provider's error code.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub eid_code: Option<String>,
    /// The eID provider's error message.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub eid_message: Option<String>,
    /// The document.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub document_id: Option<String>,
}

impl Vendor for Signere {
    type Event = SignereEvent;
    const NAME: &'static str = "Signere";
    const WATCH_FN: &'static str = "watchSignere";
    const TAG: &'static str = "type";
    const CALLBACKS: &'static [&'static str] = &[
        "onDocumentExpired",
        "onDocumentRead",
        "onEidSelected",
        "onLanguageChanged",
        "onSignSuccess",
        "onSignError",
        "onSpinnerOn",
        "onSpinnerOff",
        "onUserAborted",
        "onAppStarted",
        "onOutdatedBrowser",
    ];

    fn decode<M: Message>(message: &M) -> Decoded<SignereEvent> {
        match decode(message) {
            Ok(decoded) => decoded,
            Err(malformed) => Decoded::Malformed(malformed),
        }
    }

    fn default_origin() -> Option<&'static str> {
        None
    }
}

/// The payload, which may be absent: every field of an absent payload is absent.
struct Payload<M>(Option<M>);

impl<M: Message> Payload<M> {
    fn str(&self, key: &str, path: &'static str) -> Result<Option<String>, Malformed> {
        match &self.0 {
            Some(p) => optional_str(p, key, path),
            None => Ok(None),
        }
    }

    fn required(&self, key: &str, path: &'static str) -> Result<String, Malformed> {
        self.str(key, path)?.ok_or(Malformed { field: path, problem: Problem::Missing })
    }

    fn document(&self) -> Result<DocumentRef, Malformed> {
        Ok(DocumentRef {
            document_id: self.str("documentId", "payload.documentId")?,
            external_document_id: self.str("externalDocumentId", "payload.externalDocumentId")?,
        })
    }

    fn document_id(&self) -> Result<Option<String>, Malformed> {
        self.str("documentId", "payload.documentId")
    }

    fn sign_error(&self) -> Result<SignError, Malformed> {
        let nested = match &self.0 {
            Some(p) => Payload(optional_object(p, "error", "payload.error")?),
            None => Payload(None),
        };
        let error_code = self.str("errorCode", "payload.errorCode")?;
        let error_message = self.str("errorMessage", "payload.errorMessage")?;
        let code = self.str("code", "payload.code")?;
        let message = self.str("message", "payload.message")?;
        Ok(SignError {
            code: nested.str("code", "payload.error.code")?.or(error_code).or(code),
            message: nested.str("message", "payload.error.message")?.or(error_message).or(message),
            eid_code: self.str("eidErrorCode", "payload.eidErrorCode")?,
            eid_message: self.str("eidErrorMessage", "payload.eidErrorMessage")?,
            document_id: self.document_id()?,
        })
    }
}

fn decode<M: Message>(m: &M) -> Result<Decoded<SignereEvent>, Malformed> {
    let kind = tag(m, Signere::TAG)?;
    if !is_known(&kind) {
        return Ok(Decoded::Unknown(kind));
    }
    let p = Payload(optional_object(m, "payload", "payload")?);
    let event = match kind.as_str() {
        "document_expired" => SignereEvent::DocumentExpired(p.document()?),
        "document_read" => SignereEvent::DocumentRead(p.document()?),
        "eid_selected" => SignereEvent::EidSelected { eid: p.required("eid", "payload.eid")? },
        "language_changed" => SignereEvent::LanguageChanged { language: p.required("language", "payload.language")? },
        "sign_success" => SignereEvent::SignSuccess { document_id: p.document_id()? },
        "sign_error" => SignereEvent::SignError(p.sign_error()?),
        "spinner_on" => SignereEvent::SpinnerOn,
        "spinner_off" => SignereEvent::SpinnerOff,
        "user_aborted" | "user_canceled" => SignereEvent::UserAborted { document_id: p.document_id()? },
        "app_started" => SignereEvent::AppStarted { document_id: p.document_id()? },
        "outdated_browser" => SignereEvent::OutdatedBrowser,
        _ => return Ok(Decoded::Unknown(kind)),
    };
    Ok(Decoded::Event(event))
}

/// Every `type` this version decodes.
pub const TYPES: &[&str] = &[
    "document_expired",
    "document_read",
    "eid_selected",
    "language_changed",
    "sign_success",
    "sign_error",
    "spinner_on",
    "spinner_off",
    "user_aborted",
    "user_canceled",
    "app_started",
    "outdated_browser",
];

fn is_known(kind: &str) -> bool {
    TYPES.contains(&kind)
}

impl EventFields for SignereEvent {
    fn name(&self) -> &'static str {
        match self {
            SignereEvent::DocumentExpired(_) => "document_expired",
            SignereEvent::DocumentRead(_) => "document_read",
            SignereEvent::EidSelected { .. } => "eid_selected",
            SignereEvent::LanguageChanged { .. } => "language_changed",
            SignereEvent::SignSuccess { .. } => "sign_success",
            SignereEvent::SignError(_) => "sign_error",
            SignereEvent::SpinnerOn => "spinner_on",
            SignereEvent::SpinnerOff => "spinner_off",
            SignereEvent::UserAborted { .. } => "user_aborted",
            SignereEvent::AppStarted { .. } => "app_started",
            SignereEvent::OutdatedBrowser => "outdated_browser",
        }
    }

    fn callback(&self) -> &'static str {
        match self {
            SignereEvent::DocumentExpired(_) => "onDocumentExpired",
            SignereEvent::DocumentRead(_) => "onDocumentRead",
            SignereEvent::EidSelected { .. } => "onEidSelected",
            SignereEvent::LanguageChanged { .. } => "onLanguageChanged",
            SignereEvent::SignSuccess { .. } => "onSignSuccess",
            SignereEvent::SignError(_) => "onSignError",
            SignereEvent::SpinnerOn => "onSpinnerOn",
            SignereEvent::SpinnerOff => "onSpinnerOff",
            SignereEvent::UserAborted { .. } => "onUserAborted",
            SignereEvent::AppStarted { .. } => "onAppStarted",
            SignereEvent::OutdatedBrowser => "onOutdatedBrowser",
        }
    }

    fn is_terminal(&self) -> bool {
        matches!(
            self,
            SignereEvent::DocumentExpired(_) | SignereEvent::SignSuccess { .. } | SignereEvent::UserAborted { .. }
        )
    }

    fn for_each_field(&self, f: &mut dyn FnMut(&'static str, &str)) {
        match self {
            SignereEvent::DocumentExpired(d) | SignereEvent::DocumentRead(d) => {
                emit(f, "documentId", &d.document_id);
                emit(f, "externalDocumentId", &d.external_document_id);
            }
            SignereEvent::EidSelected { eid } => f("eid", eid),
            SignereEvent::LanguageChanged { language } => f("language", language),
            SignereEvent::SignSuccess { document_id }
            | SignereEvent::UserAborted { document_id }
            | SignereEvent::AppStarted { document_id } => emit(f, "documentId", document_id),
            SignereEvent::SignError(e) => {
                emit(f, "code", &e.code);
                emit(f, "message", &e.message);
                emit(f, "eidCode", &e.eid_code);
                emit(f, "eidMessage", &e.eid_message);
                emit(f, "documentId", &e.document_id);
            }
            SignereEvent::SpinnerOn | SignereEvent::SpinnerOff | SignereEvent::OutdatedBrowser => {}
        }
    }
}
