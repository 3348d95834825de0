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
    /// `user_canceled` (later documentation) is delivered as `user_aborted`, and `sign_error` is
    /// read from any of its three documented payload forms (see [`SignereEvent::SignError`]).
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
            DocumentExpired = "document_expired" [] => "onDocumentExpired", terminal: true,
            example: r#"{"type":"document_expired","payload":{"documentId":"8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41","externalDocumentId":"loan-agreement-2024-0117"}}"#, {
                /// Signere's identifier of the document.
                document_id: optional "documentId" plain ["payload.documentId"],
                /// Your identifier of the document.
                external_document_id: optional "externalDocumentId" plain ["payload.externalDocumentId"],
            },
            /// `document_read`: the signer read the document.
            DocumentRead = "document_read" [] => "onDocumentRead", terminal: false,
            example: r#"{"type":"document_read","payload":{"documentId":"8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41","externalDocumentId":"loan-agreement-2024-0117"}}"#, {
                /// Signere's identifier of the document.
                document_id: optional "documentId" plain ["payload.documentId"],
                /// Your identifier of the document.
                external_document_id: optional "externalDocumentId" plain ["payload.externalDocumentId"],
            },
            /// `eid_selected`: the signer chose an eID.
            EidSelected = "eid_selected" [] => "onEidSelected", terminal: false,
            example: r#"{"type":"eid_selected","payload":{"eid":"no_bankid"}}"#, {
                /// The eID chosen (`no_bankid`, `se_bankid`, `mitid`, …; an open string).
                eid: required "eid" plain ["payload.eid"],
            },
            /// `language_changed`: the signer switched the signing app's language.
            LanguageChanged = "language_changed" [] => "onLanguageChanged", terminal: false,
            example: r#"{"type":"language_changed","payload":{"language":"EN"}}"#, {
                /// The language code (ISO 639, e.g. `EN`).
                language: required "language" plain ["payload.language"],
            },
            /// `sign_success`: the document was signed.
            SignSuccess = "sign_success" [] => "onSignSuccess", terminal: true,
            example: r#"{"type":"sign_success","payload":{"documentId":"8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41"}}"#, {
                /// The signed document.
                document_id: optional "documentId" plain ["payload.documentId"],
            },
            /// `sign_error`: signing failed; the flow may continue. `code` and `message` are read from
            /// whichever of Signere's three payload forms was sent: `{ error: { code, message } }`,
            /// `{ errorCode, errorMessage, eidErrorCode, eidErrorMessage, documentId }` or `{ code,
            /// message }`; where several are present, `error.*` wins over `errorCode` /
            /// `errorMessage`, which win over `code` / `message`.
            SignError = "sign_error" [] => "onSignError", terminal: false,
            example: r#"{"type":"sign_error","payload":{"errorCode":"SA-1017","errorMessage":"Operation timed out","eidErrorCode":"C161","eidErrorMessage":"The BankID session timed out","documentId":"8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41"}}"#, {
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
            /// `spinner_on`: the signing app shows its loading spinner.
            SpinnerOn = "spinner_on" [] => "onSpinnerOn", terminal: false,
            example: r#"{"type":"spinner_on"}"#, {},
            /// `spinner_off`: the signing app hides its loading spinner.
            SpinnerOff = "spinner_off" [] => "onSpinnerOff", terminal: false,
            example: r#"{"type":"spinner_off"}"#, {},
            /// `user_aborted` (or `user_canceled`, its name in later Signere documentation): the signer
            /// gave up.
            UserAborted = "user_aborted" ["user_canceled"] => "onUserAborted", terminal: true,
            example: r#"{"type":"user_aborted","payload":{"documentId":"8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41"}}"#, {
                /// The document.
                document_id: optional "documentId" plain ["payload.documentId"],
            },
            /// `app_started`: the signing app loaded.
            AppStarted = "app_started" [] => "onAppStarted", terminal: false,
            example: r#"{"type":"app_started","payload":{"documentId":"8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41"}}"#, {
                /// The document.
                document_id: optional "documentId" plain ["payload.documentId"],
            },
            /// `outdated_browser`: the signer's browser is too old for the signing app.
            OutdatedBrowser = "outdated_browser" [] => "onOutdatedBrowser", terminal: false,
            example: r#"{"type":"outdated_browser"}"#, {},
        }
    }
}

crate::webhook_record! {
    /// The envelope of a Signere / Idfy webhook: Idfy's `{ id, timestamp, accountId, type,
    /// payload, tags }`; the Signere seed's `{ type, payload }` has none of these fields.
    pub struct SignereEnvelope {
        /// The event's id: deduplicate retries by it.
        id: string "id" plain ["id"],
        /// When the event was created (ISO 8601).
        timestamp: string "timestamp" plain ["timestamp"],
        /// The Idfy account.
        account_id: string "accountId" plain ["accountId"],
        /// The tags of the entity (document, …), as sent.
        tags: json "tags" plain ["tags"],
    }
}

crate::webhook_record! {
    /// A signer, read from either form the vendors have used: Signere's `{ signerId, signerName,
    /// signedTime, dateOfBirth, signatureMethod, socialSecurityNumber }` and Idfy's `{ id,
    /// fullName, externalSignerId, signedTime, dateOfBirth, signatureMethod,
    /// signatureMethodUniqueId }`. `dateOfBirth`, `signatureMethodUniqueId` and
    /// `socialSecurityNumber` are personal data: `Debug` redacts them.
    ///
    /// ```
    /// let signer = embed_events::Signer { social_security_number: Some("01018812345".into()), ..Default::default() };
    /// assert!(!format!("{signer:?}").contains("0101"));
    /// ```
    pub struct Signer {
        /// The signer's id (Signere `signerId`, Idfy `id`).
        signer_id: string "signerId" plain ["signerId", "id"],
        /// The signer's name (Signere `signerName`, Idfy `fullName`).
        signer_name: string "signerName" plain ["signerName", "fullName"],
        /// Your identifier of the signer.
        external_signer_id: string "externalSignerId" plain ["externalSignerId"],
        /// When this signer signed.
        signed_time: string "signedTime" plain ["signedTime"],
        /// The signer's date of birth. Personal data.
        date_of_birth: string "dateOfBirth" secret ["dateOfBirth"],
        /// The eID used (`no_bankid`, …).
        signature_method: string "signatureMethod" plain ["signatureMethod"],
        /// The eID's unique id of the signer. Personal data.
        signature_method_unique_id: string "signatureMethodUniqueId" secret ["signatureMethodUniqueId"],
        /// The signer's national identity number. Personal data.
        social_security_number: string "socialSecurityNumber" secret ["socialSecurityNumber"],
    }
}

crate::webhooks! {
    /// A Signere / Idfy webhook, discriminated by its `type`. Verified with the `X-Idfy-Signature`
    /// header, the hexadecimal HMAC-SHA256 of the raw body
    /// ([`read_signere_webhook`](crate::webhook::read_signere_webhook)).
    ///
    /// ```
    /// use embed_events::SignereWebhook;
    /// fn handle(event: SignereWebhook) {
    ///     match event {
    ///         SignereWebhook::DocumentSigned { document_id, signers, .. } => println!("{document_id}: {} signers", signers.len()),
    ///         SignereWebhook::Ping { .. } => {}
    ///         other => println!("{other:?}"),
    ///     }
    /// }
    /// ```
    pub enum SignereWebhook {
        vendor: "Signere", read_fn: "readSignereWebhook", tag: "type", data: "payload",
        verification: HmacSha256Hex { header: "x-idfy-signature" },
        envelope: SignereEnvelope,
        events: {
            /// `ping`: sent when a hook is created, or pinged from the dashboard.
            Ping = "ping" {},
            before {
                /// The document.
                document_id: required string "documentId" plain ["documentId"],
                /// Your identifier of the document.
                external_document_id: optional string "externalDocumentId" plain ["externalDocumentId"],
            }
            for {
                /// `document_created`: a document was created.
                DocumentCreated = "document_created" {},
                /// `document_read`: a signer read the document.
                DocumentRead = "document_read" {},
                /// `document_expired`: the document can no longer be signed.
                DocumentExpired = "document_expired" {},
                /// `document_before_deleted`: the document is about to be deleted.
                DocumentBeforeDeleted = "document_before_deleted" {},
                /// `document_canceled`: the document was canceled.
                DocumentCanceled = "document_canceled" {
                    /// The message given when canceling.
                    message: optional string "message" plain ["message"],
                },
                /// `document_deleted`: the document was deleted.
                DocumentDeleted = "document_deleted" {
                    /// The message given when deleting.
                    message: optional string "message" plain ["message"],
                },
                /// `document_partially_signed`: one more signer signed.
                DocumentPartiallySigned = "document_partially_signed" {
                    /// Who signed.
                    signer: required (Signer) "signer" plain ["signer"],
                },
                /// `document_signed`: every required signer signed.
                DocumentSigned = "document_signed" {
                    /// When the document was signed.
                    signed_time: optional string "signedTime" plain ["signedTime"],
                    /// Who signed.
                    signers: required [Signer] "signers" plain ["signers"],
                },
                before {
                    /// The form's schema id.
                    schema_id: optional string "schemaId" plain ["schemaId"],
                    /// The form's schema, as sent.
                    schema: optional json "schema" plain ["schema"],
                    /// The form's fields, as sent.
                    form_fields: optional object "formFields" plain ["formFields"],
                }
                for {
                    /// `document_form_partially_signed`: one more signer signed a form.
                    DocumentFormPartiallySigned = "document_form_partially_signed" {
                        /// Who signed.
                        signer: required (Signer) "signer" plain ["signer"],
                    },
                    /// `document_form_signed`: every required signer signed a form.
                    DocumentFormSigned = "document_form_signed" {
                        /// When the form was signed.
                        signed_time: optional string "signedTime" plain ["signedTime"],
                        /// Who signed.
                        signers: required [Signer] "signers" plain ["signers"],
                    },
                },
                /// `document_email_opened`: a signer opened the document's email.
                DocumentEmailOpened = "document_email_opened" {
                    /// The address the email went to. Personal data.
                    email: optional string "email" secret ["email"],
                    /// The signer.
                    signer: optional (Signer) "signer" plain ["signer"],
                },
                /// `document_link_opened`: a document or signer link was opened.
                DocumentLinkOpened = "document_link_opened" {
                    /// The browser's user agent.
                    user_agent: optional string "userAgent" plain ["userAgent"],
                    /// The opener's IP address. Personal data.
                    ip_address: optional string "ipAddress" secret ["ipAddress"],
                    /// The signer.
                    signer: optional (Signer) "signer" plain ["signer"],
                },
                /// `document_packaged`: the document was packaged with all its signatures.
                DocumentPackaged = "document_packaged" {
                    /// Where to download the package.
                    download_url: optional string "downloadUrl" plain ["downloadUrl"],
                    /// When `download_url` stops working.
                    url_expires_at: optional string "urlExpiresAt" plain ["urlExpiresAt"],
                    /// The package's checksum.
                    checksum: optional string "checksum" plain ["checksum"],
                },
            },
            /// `resource_created`: a resource is ready for download.
            ResourceCreated = "resource_created" {
                /// The resource.
                resource_id: required string "resourceId" plain ["resourceId"],
                /// What kind of source it came from.
                source_type: optional string "sourceType" plain ["sourceType"],
                /// The source's id.
                source_id: optional string "sourceId" plain ["sourceId"],
                /// The link to it, as sent.
                link: optional object "link" plain ["link"],
            },
        }
    }
}
