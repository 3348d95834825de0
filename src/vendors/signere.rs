//! Signere: the user signs a document with an eID. The signing iframe posts `{ type, payload? }`,
//! usually as a JSON string; the payload's fields are lifted next to `type` in the event value.

crate::vendor! {
    /// The Signere vendor: [`Watch::<Signere>`](crate::Watch) watches it,
    /// [`decode::<Signere>`](crate::decode) decodes its messages. It has no default origin: name
    /// yours with `origins`, or give the iframe as `source`.
    ///
    /// ```
    /// use embed_events::{Signere, Vendor};
    /// assert_eq!(Signere::TABLE.tag, "type");
    /// assert_eq!(Signere::TABLE.default_origin, None);
    /// ```
    pub struct Signere;

    /// A Signere event, discriminated by its `type`.
    ///
    /// `user_canceled` (later documentation) is delivered as `user_aborted`. `sign_error` accepts
    /// its three documented payload forms, `{ error: { code, message } }`, `{ errorCode,
    /// errorMessage, eidErrorCode, eidErrorMessage, documentId }` and `{ code, message }`: where
    /// several are present, `error.*` wins over `errorCode` / `errorMessage`, which win over
    /// `code` / `message`.
    ///
    /// ```
    /// use embed_events::SignereEvent;
    /// fn handle(event: SignereEvent) {
    ///     match event {
    ///         SignereEvent::SignSuccess { document_id } => println!("signed {document_id:?}"),
    ///         SignereEvent::SignError { code, .. } => println!("failed: {code:?}"),
    ///         SignereEvent::UserAborted { .. } => println!("the signer gave up"),
    ///         other => println!("progress: {other:?}"),
    ///     }
    /// }
    /// ```
    pub enum SignereEvent {
        name: "Signere", watch_fn: "watchSignere", tag: "type",
        environments: [],
        default_origin: None,
        objects: ["payload"],
        url_parameter: None,
        silence_hint: "Signere posts web messages only when they are switched on for the signer; create the signer with redirectMode \"iframe_with_webmessaging\" and domain set to this page's domain.",
        events: {
            /// `document_expired`: the document can no longer be signed.
            DocumentExpired = "document_expired" [] => "onDocumentExpired", terminal: true, {
                /// Signere's identifier of the document.
                document_id: optional "documentId" plain ["payload.documentId"],
                /// Your identifier of the document.
                external_document_id: optional "externalDocumentId" plain ["payload.externalDocumentId"],
            },
            /// `document_read`: the signer read the document.
            DocumentRead = "document_read" [] => "onDocumentRead", terminal: false, {
                /// Signere's identifier of the document.
                document_id: optional "documentId" plain ["payload.documentId"],
                /// Your identifier of the document.
                external_document_id: optional "externalDocumentId" plain ["payload.externalDocumentId"],
            },
            /// `eid_selected`: the signer chose an eID.
            EidSelected = "eid_selected" [] => "onEidSelected", terminal: false, {
                /// The eID chosen (`no_bankid`, `se_bankid`, `mitid`, …; an open string).
                eid: required "eid" plain ["payload.eid"],
            },
            /// `language_changed`: the signer switched the app's language.
            LanguageChanged = "language_changed" [] => "onLanguageChanged", terminal: false, {
                /// The language code (ISO 639, e.g. `EN`).
                language: required "language" plain ["payload.language"],
            },
            /// `sign_success`: the document was signed.
            SignSuccess = "sign_success" [] => "onSignSuccess", terminal: true, {
                /// The signed document.
                document_id: optional "documentId" plain ["payload.documentId"],
            },
            /// `sign_error`: signing failed; the flow may continue.
            SignError = "sign_error" [] => "onSignError", terminal: false, {
                /// The error code (`SA-1017`, `cookies_disabled`, …).
                code: optional "code" plain ["payload.error.code", "payload.errorCode", "payload.code"],
                /// The error message.
                message: optional "message" plain ["payload.error.message", "payload.errorMessage", "payload.message"],
                /// The eID provider's error code.
                eid_code: optional "eidCode" plain ["payload.eidErrorCode"],
                /// The eID provider's error message.
                eid_message: optional "eidMessage" plain ["payload.eidErrorMessage"],
                /// The document.
                document_id: optional "documentId" plain ["payload.documentId"],
            },
            /// `spinner_on`: the app shows its loading spinner.
            SpinnerOn = "spinner_on" [] => "onSpinnerOn", terminal: false, {},
            /// `spinner_off`: the app hides its loading spinner.
            SpinnerOff = "spinner_off" [] => "onSpinnerOff", terminal: false, {},
            /// `user_aborted` (or `user_canceled`): the signer gave up.
            UserAborted = "user_aborted" ["user_canceled"] => "onUserAborted", terminal: true, {
                /// The document.
                document_id: optional "documentId" plain ["payload.documentId"],
            },
            /// `app_started`: the signing app loaded.
            AppStarted = "app_started" [] => "onAppStarted", terminal: false, {
                /// The document.
                document_id: optional "documentId" plain ["payload.documentId"],
            },
            /// `outdated_browser`: the signer's browser is too old for the app.
            OutdatedBrowser = "outdated_browser" [] => "onOutdatedBrowser", terminal: false, {},
        }
    }
}
