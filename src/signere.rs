//! Signere: event types, decoding, callback names, terminal events. Pure Rust.
//!
//! The signing iframe posts `{ type, payload? }`, usually as a JSON string; the payload's fields are
//! lifted next to `type` in the event value. `user_canceled` (later documentation) is delivered as
//! `user_aborted`; `sign_error` accepts its three documented payload forms.

use alloc::string::String;
use core::fmt::Debug;

use crate::fields::{emit, optional_object, optional_str, Decoded, EventFields, Key, Malformed, Message, Problem};
use crate::vendor::{tag, Vendor};

/// The Signere vendor: `Watch::<Signere>` watches it, `Signere::decode` decodes its messages.
/// It has no default origin: name yours with `origins`, or give the iframe as `source`.
///
/// ```
/// use embed_events::{Signere, Vendor};
/// assert_eq!(Signere::TAG.name(), "type");
/// assert_eq!(Signere::default_origin(), None);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Signere;

/// A Signere event, discriminated by its `type`. Strings are `String`s (`T` is how the JavaScript
/// API's path holds them without copying).
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
pub enum SignereEvent<T = String> {
    /// `document_expired`: the document can no longer be signed (terminal).
    DocumentExpired(DocumentRef<T>),
    /// `document_read`: the signer read the document.
    DocumentRead(DocumentRef<T>),
    /// `eid_selected`: the signer chose an eID (`no_bankid`, `se_bankid`, `mitid`, …; an open string).
    EidSelected {
        /// The eID chosen.
        eid: T,
    },
    /// `language_changed`: the signer switched the app's language.
    LanguageChanged {
        /// The language code (ISO 639, e.g. `EN`).
        language: T,
    },
    /// `sign_success`: the document was signed (terminal).
    SignSuccess {
        /// The signed document.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        document_id: Option<T>,
    },
    /// `sign_error`: signing failed; the flow may continue.
    SignError(SignError<T>),
    /// `spinner_on`: the app shows its loading spinner.
    SpinnerOn,
    /// `spinner_off`: the app hides its loading spinner.
    SpinnerOff,
    /// `user_aborted` (or `user_canceled`): the signer gave up (terminal).
    UserAborted {
        /// The document.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        document_id: Option<T>,
    },
    /// `app_started`: the signing app loaded.
    AppStarted {
        /// The document.
        #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
        document_id: Option<T>,
    },
    /// `outdated_browser`: the signer's browser is too old for the app.
    OutdatedBrowser,
}

/// The payload of `document_expired` and `document_read`.
///
/// ```
/// let doc: embed_events::DocumentRef = embed_events::DocumentRef { document_id: Some("8bfae710".into()), external_document_id: None };
/// assert_eq!(doc.document_id.as_deref(), Some("8bfae710"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct DocumentRef<T = String> {
    /// Signere's identifier of the document.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub document_id: Option<T>,
    /// Your identifier of the document.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub external_document_id: Option<T>,
}

/// The payload of `sign_error`, from whichever of its three forms was sent:
/// `{ error: { code, message } }`, `{ errorCode, errorMessage, eidErrorCode, eidErrorMessage,
/// documentId }`, or `{ code, message }`. Where several forms are present, `error.*` wins over
/// `errorCode` / `errorMessage`, which win over `code` / `message`.
///
/// ```
/// let error: embed_events::SignError = embed_events::SignError { code: Some("SA-1017".into()), ..Default::default() };
/// assert_eq!(error.code.as_deref(), Some("SA-1017"));
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct SignError<T = String> {
    /// The error code (`SA-1017`, `cookies_disabled`, …).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub code: Option<T>,
    /// The error message.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message: Option<T>,
    /// The eID provider's error code.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub eid_code: Option<T>,
    /// The eID provider's error message.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub eid_message: Option<T>,
    /// The document.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub document_id: Option<T>,
}

impl Vendor for Signere {
    type Event<T: Clone + Debug> = SignereEvent<T>;
    const NAME: &'static str = "Signere";
    const WATCH_FN: &'static str = "watchSignere";
    const TAG: Key = Key::TYPE;
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

    fn decode<M: Message>(message: &M) -> Decoded<SignereEvent<M::Text>, M::Text> {
        match decode(message) {
            Ok(decoded) => decoded,
            Err(malformed) => Decoded::Malformed(malformed),
        }
    }

    fn default_origin() -> Option<&'static str> {
        None
    }
}

/// Every `type` this version decodes, in the order [`decode`] matches them.
const TYPES: &[Key] = &[
    Key::DOCUMENT_EXPIRED,
    Key::DOCUMENT_READ,
    Key::EID_SELECTED,
    Key::LANGUAGE_CHANGED,
    Key::SIGN_SUCCESS,
    Key::SIGN_ERROR,
    Key::SPINNER_ON,
    Key::SPINNER_OFF,
    Key::USER_ABORTED,
    Key::USER_CANCELED,
    Key::APP_STARTED,
    Key::OUTDATED_BROWSER,
];

/// The payload, which may be absent: every field of an absent payload is absent.
struct Payload<M>(Option<M>);

impl<M: Message> Payload<M> {
    fn str(&self, key: Key, path: &'static str) -> Result<Option<M::Text>, Malformed> {
        match &self.0 {
            Some(p) => optional_str(p, key, path),
            None => Ok(None),
        }
    }

    fn required(&self, key: Key, path: &'static str) -> Result<M::Text, Malformed> {
        self.str(key, path)?.ok_or(Malformed { field: path, problem: Problem::Missing })
    }

    fn document(&self) -> Result<DocumentRef<M::Text>, Malformed> {
        Ok(DocumentRef {
            document_id: self.document_id()?,
            external_document_id: self.str(Key::EXTERNAL_DOCUMENT_ID, "payload.externalDocumentId")?,
        })
    }

    fn document_id(&self) -> Result<Option<M::Text>, Malformed> {
        self.str(Key::DOCUMENT_ID, "payload.documentId")
    }

    fn sign_error(&self) -> Result<SignError<M::Text>, Malformed> {
        let nested = match &self.0 {
            Some(p) => Payload(optional_object(p, Key::ERROR, "payload.error")?),
            None => Payload(None),
        };
        let error_code = self.str(Key::ERROR_CODE, "payload.errorCode")?;
        let error_message = self.str(Key::ERROR_MESSAGE, "payload.errorMessage")?;
        let code = self.str(Key::CODE, "payload.code")?;
        let message = self.str(Key::MESSAGE, "payload.message")?;
        Ok(SignError {
            code: nested.str(Key::CODE, "payload.error.code")?.or(error_code).or(code),
            message: nested.str(Key::MESSAGE, "payload.error.message")?.or(error_message).or(message),
            eid_code: self.str(Key::EID_ERROR_CODE, "payload.eidErrorCode")?,
            eid_message: self.str(Key::EID_ERROR_MESSAGE, "payload.eidErrorMessage")?,
            document_id: self.document_id()?,
        })
    }
}

fn decode<M: Message>(m: &M) -> Result<Decoded<SignereEvent<M::Text>, M::Text>, Malformed> {
    let kind = tag(m, Signere::TAG)?;
    let Some(known) = M::which(&kind, TYPES).and_then(|i| TYPES.get(i)) else {
        return Ok(Decoded::Unknown(kind));
    };
    let p = Payload(optional_object(m, Key::PAYLOAD, "payload")?);
    let event = match *known {
        Key::DOCUMENT_EXPIRED => SignereEvent::DocumentExpired(p.document()?),
        Key::DOCUMENT_READ => SignereEvent::DocumentRead(p.document()?),
        Key::EID_SELECTED => SignereEvent::EidSelected { eid: p.required(Key::EID, "payload.eid")? },
        Key::LANGUAGE_CHANGED => SignereEvent::LanguageChanged { language: p.required(Key::LANGUAGE, "payload.language")? },
        Key::SIGN_SUCCESS => SignereEvent::SignSuccess { document_id: p.document_id()? },
        Key::SIGN_ERROR => SignereEvent::SignError(p.sign_error()?),
        Key::SPINNER_ON => SignereEvent::SpinnerOn,
        Key::SPINNER_OFF => SignereEvent::SpinnerOff,
        Key::USER_ABORTED | Key::USER_CANCELED => SignereEvent::UserAborted { document_id: p.document_id()? },
        Key::APP_STARTED => SignereEvent::AppStarted { document_id: p.document_id()? },
        _ => SignereEvent::OutdatedBrowser,
    };
    Ok(Decoded::Event(event))
}

impl<T> EventFields<T> for SignereEvent<T> {
    fn name(&self) -> Key {
        match self {
            SignereEvent::DocumentExpired(_) => Key::DOCUMENT_EXPIRED,
            SignereEvent::DocumentRead(_) => Key::DOCUMENT_READ,
            SignereEvent::EidSelected { .. } => Key::EID_SELECTED,
            SignereEvent::LanguageChanged { .. } => Key::LANGUAGE_CHANGED,
            SignereEvent::SignSuccess { .. } => Key::SIGN_SUCCESS,
            SignereEvent::SignError(_) => Key::SIGN_ERROR,
            SignereEvent::SpinnerOn => Key::SPINNER_ON,
            SignereEvent::SpinnerOff => Key::SPINNER_OFF,
            SignereEvent::UserAborted { .. } => Key::USER_ABORTED,
            SignereEvent::AppStarted { .. } => Key::APP_STARTED,
            SignereEvent::OutdatedBrowser => Key::OUTDATED_BROWSER,
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

    fn for_each_field(&self, f: &mut dyn FnMut(Key, &T)) {
        match self {
            SignereEvent::DocumentExpired(d) | SignereEvent::DocumentRead(d) => {
                emit(f, Key::DOCUMENT_ID, &d.document_id);
                emit(f, Key::EXTERNAL_DOCUMENT_ID, &d.external_document_id);
            }
            SignereEvent::EidSelected { eid } => f(Key::EID, eid),
            SignereEvent::LanguageChanged { language } => f(Key::LANGUAGE, language),
            SignereEvent::SignSuccess { document_id }
            | SignereEvent::UserAborted { document_id }
            | SignereEvent::AppStarted { document_id } => emit(f, Key::DOCUMENT_ID, document_id),
            SignereEvent::SignError(e) => {
                emit(f, Key::CODE, &e.code);
                emit(f, Key::MESSAGE, &e.message);
                emit(f, Key::EID_CODE, &e.eid_code);
                emit(f, Key::EID_MESSAGE, &e.eid_message);
                emit(f, Key::DOCUMENT_ID, &e.document_id);
            }
            SignereEvent::SpinnerOn | SignereEvent::SpinnerOff | SignereEvent::OutdatedBrowser => {}
        }
    }
}
