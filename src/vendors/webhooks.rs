//! The vendors' webhooks, each declared once, beside the vendor's message table, with
//! [`webhooks!`](crate::webhooks!) (the events) and [`webhook_record!`](crate::webhook_record!)
//! (the envelope, and nested objects such as Signere's `Signer`). The table
//! ([`WebhookTable`]), the typed enums (`IgnitionWebhook`, `SignereWebhook`), their JSON (the
//! value the JavaScript entry returns) and, with the `webhooks` feature, the decoder all follow
//! from that declaration.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::json;

/// Everything the crate knows about one vendor's webhooks, as data.
///
/// ```
/// use embed_events::webhook::{Verification, Webhook};
/// use embed_events::{IgnitionWebhook, SignereWebhook};
/// let table = SignereWebhook::TABLE;
/// assert_eq!((table.tag, table.data), ("type", "payload"));
/// assert_eq!(table.verification, Verification::HmacSha256Hex { header: "x-idfy-signature" });
/// assert_eq!(IgnitionWebhook::TABLE.verification, Verification::CustomHeader);
/// ```
#[derive(Debug)]
pub struct WebhookTable {
    /// The vendor's name (`"Ignition"`).
    pub vendor: &'static str,
    /// The JavaScript function that reads these webhooks (`"readIgnitionWebhook"`).
    pub read_fn: &'static str,
    /// The body's member that names the event (`"type"`).
    pub tag: &'static str,
    /// The body's member whose fields are lifted next to the tag (`"data"`, `"payload"`).
    pub data: &'static str,
    /// How a request is proven to come from the vendor.
    pub verification: Verification,
    /// The fields read from the body itself (`id`, `createdAt`, …), each optional.
    pub envelope: &'static [WebhookField],
    /// The event types this version knows.
    pub events: &'static [WebhookEventSpec],
}

/// How a vendor's webhook requests are verified.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verification {
    /// A header whose value is the hexadecimal HMAC-SHA256 of the raw body under a shared secret
    /// (Idfy's `X-Idfy-Signature`; the name is given in lower case).
    HmacSha256Hex {
        /// The header's name, lower case.
        header: &'static str,
    },
    /// A header name and value agreed with the vendor (Axle's custom webhook headers).
    CustomHeader,
}

/// The kinds of [`Verification`] as types, one per variant: what a [`webhooks!`](crate::webhooks!)
/// declaration's `verification:` names, and [`Webhook::Kind`]. With the `webhooks` feature each
/// kind names the options that verify it (`webhook::VerifiedBy`), so `read_webhook` takes a
/// vendor's own kind of options and no other compiles.
pub mod kind {
    /// A kind of [`Verification`](super::Verification). Sealed: the crate verifies these two.
    pub trait VerificationKind: sealed::Sealed + 'static {}

    /// [`Verification::HmacSha256Hex`](super::Verification::HmacSha256Hex): verified by
    /// `webhook::SignereOptions` (with the `webhooks` feature).
    #[derive(Clone, Copy, Debug)]
    pub enum HmacSha256Hex {}

    /// [`Verification::CustomHeader`](super::Verification::CustomHeader): verified by
    /// `webhook::IgnitionOptions` (with the `webhooks` feature).
    #[derive(Clone, Copy, Debug)]
    pub enum CustomHeader {}

    impl VerificationKind for HmacSha256Hex {}
    impl VerificationKind for CustomHeader {}

    mod sealed {
        pub trait Sealed {}
        impl Sealed for super::HmacSha256Hex {}
        impl Sealed for super::CustomHeader {}
    }
}

/// One webhook event type.
#[derive(Debug)]
pub struct WebhookEventSpec {
    /// The `type` value (`"ignition.completed"`).
    pub name: &'static str,
    /// Its documented fields, read from the data object, in order.
    pub fields: &'static [WebhookField],
}

/// One documented field of a webhook event, of its envelope or of a nested record.
///
/// ```
/// use embed_events::webhook::{FieldKind, Webhook};
/// let signers = &embed_events::SignereWebhook::TABLE.events.iter().find(|e| e.name == "document_signed").unwrap().fields[3];
/// assert_eq!((signers.key, signers.required), ("signers", true));
/// let FieldKind::Records(signer) = signers.kind else { panic!() };
/// assert_eq!((signer[0].key, signer[0].from), ("signerId", &["signerId", "id"][..]));
/// ```
#[derive(Debug)]
pub struct WebhookField {
    /// Its name in the event value (`"authCode"`).
    pub key: &'static str,
    /// What it must be.
    pub kind: FieldKind,
    /// A webhook without it (absent or `null`) is malformed.
    pub required: bool,
    /// Personal data or a secret: never logged, never in an error, redacted by `Debug`.
    pub secret: bool,
    /// The members it is read from, first present (not absent, not `null`) wins: the key, then
    /// its aliases (Idfy's `id` for Signere's `signerId`).
    pub from: &'static [&'static str],
}

/// What a vendor's [`webhooks!`](crate::webhooks!) declaration says for people: the `///` text of
/// each event and field, and of the envelope's and nested records' fields, in the order of its
/// [`WebhookTable`]. Nothing decodes by it, so a build that never reads it carries none of it; the
/// npm build's `tables` binary prints it for the server entry's types.
///
/// ```
/// use embed_events::webhook::Webhook;
/// let docs = embed_events::SignereWebhook::DOCS;
/// assert_eq!(docs.envelope[0].doc, " The event's id: deduplicate retries by it.\n");
/// let signed = embed_events::SignereWebhook::TABLE.events.iter().position(|e| e.name == "document_signed").unwrap();
/// assert_eq!(docs.events[signed].doc, " `document_signed`: every required signer signed.\n");
/// assert_eq!(docs.events[signed].fields[3].fields[0].doc, " The signer's id (Signere `signerId`, Idfy `id`).\n");
/// ```
#[derive(Debug)]
pub struct WebhookDocs {
    /// The envelope's fields', in the order of [`WebhookTable::envelope`].
    pub envelope: &'static [WebhookDoc],
    /// One per event, in the order of [`WebhookTable::events`], each with its fields'.
    pub events: &'static [WebhookDoc],
}

/// The `///` text of one webhook event or field (each line as written after `///`, ended by a
/// newline), and that of its fields: an event's, in the order of [`WebhookEventSpec::fields`]; a
/// record's (`Signer`'s), in the order of its [`WebhookRecord::FIELDS`]; none for another field.
#[derive(Debug)]
pub struct WebhookDoc {
    /// Its text.
    pub doc: &'static str,
    /// Its fields'.
    pub fields: &'static [WebhookDoc],
}

/// What a webhook field must be.
#[derive(Clone, Copy, Debug)]
pub enum FieldKind {
    /// A string.
    String,
    /// An object, passed through as sent ([`RawJson`]).
    Object,
    /// Any JSON value, passed through as sent ([`RawJson`]).
    Json,
    /// An object read with these fields (a `Signer`).
    Record(&'static [WebhookField]),
    /// An array of objects, each read with these fields (`signers`).
    Records(&'static [WebhookField]),
}

impl FieldKind {
    /// What a value of the wrong kind is told (`"expected a string"`).
    pub fn expected(self) -> &'static str {
        match self {
            FieldKind::String => "expected a string",
            FieldKind::Object | FieldKind::Record(_) => "expected an object",
            FieldKind::Json => "expected a value",
            FieldKind::Records(_) => "expected an array",
        }
    }
}

/// A JSON value passed through as the vendor sent it (Axle's `user` and `metadata`, Idfy's
/// `tags`, an unknown event's whole body): its JSON text.
///
/// Its `Debug` shows only its size, since it may hold personal data.
///
/// ```
/// let user = embed_events::webhook::RawJson::from_json_text(r#"{"id":"usr_1"}"#);
/// assert_eq!(user.as_str(), r#"{"id":"usr_1"}"#);
/// assert_eq!(format!("{user:?}"), "RawJson(14 bytes)");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct RawJson(String);

impl RawJson {
    /// The JSON text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Wrap JSON text (the caller vouches that it is JSON: the decoder gives it as read).
    pub fn from_json_text(text: impl Into<String>) -> RawJson {
        RawJson(text.into())
    }

    /// The JSON text.
    pub fn into_string(self) -> String {
        self.0
    }
}

impl fmt::Debug for RawJson {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RawJson({} bytes)", self.0.len())
    }
}

/// A field's value as the decoder reads it, before it is typed.
#[doc(hidden)]
#[derive(Clone, Debug)]
pub enum Value {
    /// A string.
    Str(String),
    /// An object or any value, as JSON text.
    Raw(RawJson),
    /// A record's field values, in the order of its fields.
    Record(Vec<Option<Value>>),
    /// Records.
    Records(Vec<Vec<Option<Value>>>),
}

/// A typed field value: how it is built from the decoder's [`Value`] and written as JSON.
#[doc(hidden)]
pub trait WebhookValue: Sized {
    /// The value from the decoder's reading (`None`: not of this kind).
    fn from_value(value: Value) -> Option<Self>;
    /// Append the value as JSON.
    fn write_json(&self, out: &mut String);
}

impl WebhookValue for String {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Str(s) => Some(s),
            _ => None,
        }
    }
    fn write_json(&self, out: &mut String) {
        json::push_string(out, self);
    }
}

impl WebhookValue for RawJson {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Raw(raw) => Some(raw),
            _ => None,
        }
    }
    fn write_json(&self, out: &mut String) {
        out.push_str(&self.0);
    }
}

impl<T: WebhookRecord> WebhookValue for Vec<T> {
    fn from_value(value: Value) -> Option<Self> {
        match value {
            Value::Records(records) => records.into_iter().map(T::from_values).collect(),
            _ => None,
        }
    }
    fn write_json(&self, out: &mut String) {
        out.push('[');
        for (i, record) in self.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            record.write_json(out);
        }
        out.push(']');
    }
}

/// An object read field by field ([`webhook_record!`](crate::webhook_record!)): an envelope, a
/// `Signer`.
pub trait WebhookRecord: Sized + Clone + fmt::Debug + 'static {
    /// Its fields.
    const FIELDS: &'static [WebhookField];
    /// Its fields' `///` text, in the same order (read by the npm build's `tables` binary only).
    const DOCS: &'static [WebhookDoc];
    /// The record from its field values, in the order of [`FIELDS`](Self::FIELDS).
    #[doc(hidden)]
    fn from_values(values: Vec<Option<Value>>) -> Option<Self>;
    /// Call `f` with each field that is present, as `(JavaScript name, value written as JSON)`.
    fn for_each_field(&self, f: &mut FieldVisitor<'_>);
    /// Append the record as a JSON object of its present fields.
    fn write_json(&self, out: &mut String) {
        out.push('{');
        let mut first = true;
        self.for_each_field(&mut |key, write| {
            member(out, &mut first, key);
            write(out);
        });
        out.push('}');
    }
}

/// What [`WebhookRecord::for_each_field`] calls with each present field: its JavaScript name, and
/// a function that appends its value as JSON.
pub type FieldVisitor<'a> = dyn FnMut(&'static str, &dyn Fn(&mut String)) + 'a;

/// `,"key":` (without the comma for the first member).
#[doc(hidden)]
pub fn member(out: &mut String, first: &mut bool, key: &str) {
    if !*first {
        out.push(',');
    }
    *first = false;
    json::push_string(out, key);
    out.push(':');
}

/// A vendor's typed webhook event: an enum that [`webhooks!`](crate::webhooks!) generates, one
/// variant per event type, plus `Unknown` for the rest.
///
/// ```
/// use embed_events::webhook::Webhook;
/// use embed_events::{IgnitionEnvelope, IgnitionWebhook};
/// let event = IgnitionWebhook::Exited {
///     envelope: IgnitionEnvelope { id: Some("evt_1".into()), created_at: None },
///     client: "cli_1".into(), token: "ign_secret".into(), step: Some("carrier-login".into()), user: None, metadata: None,
/// };
/// assert_eq!(event.name(), "ignition.exited");
/// assert_eq!(event.id(), Some("evt_1"));
/// assert_eq!(event.to_json(), r#"{"type":"ignition.exited","id":"evt_1","client":"cli_1","token":"ign_secret","step":"carrier-login"}"#);
/// assert!(!format!("{event:?}").contains("ign_secret"));
/// ```
pub trait Webhook: Sized + Clone + fmt::Debug + 'static {
    /// How its requests are verified, as a type ([`TABLE`](Self::TABLE)'s `verification` as a
    /// value): the options `read_webhook` takes for it follow from it.
    type Kind: kind::VerificationKind;
    /// The vendor's webhook table.
    const TABLE: &'static WebhookTable;
    /// The declaration's `///` text of each event and field (nothing decodes by it, so a build that
    /// never reads it carries none of it).
    const DOCS: &'static WebhookDocs;
    /// The event's position in [`WebhookTable::events`]; `None` for `Unknown`.
    fn index(&self) -> Option<usize>;
    /// The `type` the vendor sent (for `Unknown` too).
    fn name(&self) -> &str;
    /// The envelope's `id` (the vendor's event id: deduplicate retries by it).
    fn id(&self) -> Option<&str>;
    /// The event built from its position, its envelope's values and its fields' values.
    #[doc(hidden)]
    fn from_parts(index: usize, envelope: Vec<Option<Value>>, values: Vec<Option<Value>>) -> Option<Self>;
    /// The `Unknown` event.
    #[doc(hidden)]
    fn unknown(name: String, id: Option<String>, data: RawJson) -> Self;
    /// The event value as JSON text, exactly as the JavaScript entry returns it: `type`, the
    /// envelope's fields, the documented fields (`Unknown`: `{"type":"unknown","name",…,"data"}`).
    fn to_json(&self) -> String;
}

/// Declare a record of optional fields read from a JSON object: a webhook envelope, or an object
/// nested in an event (`Signer`). Generates the struct (every field an `Option`), its
/// [`WebhookRecord`] (fields table, JSON) and a `Debug` that redacts the `secret` fields.
///
/// A field is `rust_name: kind "jsName" secret|plain ["member", "alias", …]`, the kind one of
/// `string`, `object`, `json`.
#[macro_export]
macro_rules! webhook_record {
    (
        $(#[$doc:meta])*
        pub struct $record:ident {
            $(
                $(#[doc = $field_doc:literal])+
                $field:ident: $kind:tt $key:literal $secret:ident [$($from:literal),+ $(,)?]
            ),* $(,)?
        }
    ) => {
        $(#[$doc])*
        #[derive(Clone, Default, PartialEq, Eq)]
        pub struct $record {
            $(
                $(#[doc = $field_doc])*
                pub $field: Option<$crate::__webhook_type!($kind)>,
            )*
        }

        impl $crate::webhook::WebhookRecord for $record {
            const FIELDS: &'static [$crate::webhook::WebhookField] = &[$(
                $crate::webhook::WebhookField {
                    key: $key,
                    kind: $crate::__webhook_kind!($kind),
                    required: false,
                    secret: $crate::__field_secret!($secret),
                    from: &[$($from),+],
                }
            ),*];
            const DOCS: &'static [$crate::webhook::WebhookDoc] = &[$(
                $crate::webhook::WebhookDoc {
                    doc: ::core::concat!($($field_doc, "\n"),*),
                    fields: $crate::__webhook_docs!($kind),
                }
            ),*];

            fn from_values(values: $crate::__alloc::vec::Vec<Option<$crate::webhook::Value>>) -> Option<Self> {
                #[allow(unused_mut, unused_variables)]
                let mut values = values.into_iter();
                Some($record {
                    $($field: match values.next().flatten() {
                        Some(value) => Some($crate::webhook::WebhookValue::from_value(value)?),
                        None => None,
                    },)*
                })
            }

            fn for_each_field(&self, f: &mut $crate::webhook::FieldVisitor<'_>) {
                let _ = &f;
                $(
                    if let Some(value) = &self.$field {
                        f($key, &|out| $crate::webhook::WebhookValue::write_json(value, out));
                    }
                )*
            }
        }

        /// Personal fields print as `[redacted]`.
        impl ::core::fmt::Debug for $record {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                let mut d = f.debug_struct(stringify!($record));
                $($crate::__webhook_debug!($secret, d, $field, &self.$field);)*
                d.finish()
            }
        }

        impl $crate::webhook::WebhookValue for $record {
            fn from_value(value: $crate::webhook::Value) -> Option<Self> {
                match value {
                    $crate::webhook::Value::Record(values) => <Self as $crate::webhook::WebhookRecord>::from_values(values),
                    _ => None,
                }
            }
            fn write_json(&self, out: &mut $crate::__alloc::string::String) {
                $crate::webhook::WebhookRecord::write_json(self, out)
            }
        }
    };
}

/// Declare a vendor's webhooks: its [`WebhookTable`] and its typed enum (one variant per event
/// type, each with the envelope and its fields, plus `Unknown`), with [`Webhook`] and a `Debug`
/// that redacts the `secret` fields.
///
/// A field is `rust_name: required|optional kind "jsName" secret|plain ["member", "alias", …]`;
/// the kind is `string`, `object` (passed through), `json` (any value, passed through),
/// `(Record)` (an object read as a [`webhook_record!`](crate::webhook_record!) record) or
/// `[Record]` (an array of them).
///
/// `verification:` is how the vendor's requests are proven: `HmacSha256Hex { header: "x-name" }`
/// (the header holds the hex HMAC-SHA256 of the raw body) or `CustomHeader` (a header agreed with
/// the vendor). It becomes the table's [`Verification`] and the enum's [`Webhook::Kind`], so
/// `read_webhook` only compiles with the options of that kind.
///
/// An event is `Variant = "type" { fields }`. Fields that several events share are written once,
/// in a group: `before { fields } after { fields } for { events }` (either of `before` and `after`
/// may be left out) gives each event in its `for` the `before` fields first, then its own, then the
/// `after` fields, in that order everywhere (the enum variant, the table, the JSON, the types). A
/// `for` holds events and groups alike, so groups nest: an inner group's fields go inside the outer
/// one's. Groups and events mix in any order, and the events keep the order they are written in.
///
/// ```
/// embed_events::webhook_record! {
///     /// The envelope.
///     pub struct ShopEnvelope {
///         /// The event's id.
///         id: string "id" plain ["id"],
///     }
/// }
/// embed_events::webhooks! {
///     /// A Shop webhook.
///     pub enum ShopWebhook {
///         vendor: "Shop", read_fn: "readShopWebhook", tag: "type", data: "data",
///         verification: CustomHeader,
///         envelope: ShopEnvelope,
///         events: {
///             /// `ping`: a test.
///             Ping = "ping" {},
///             before {
///                 /// The shop.
///                 shop: required string "shop" plain ["shop"],
///             }
///             after {
///                 /// The order's metadata, as sent.
///                 metadata: optional object "metadata" plain ["metadata"],
///             }
///             for {
///                 /// `order.placed`: an order was placed.
///                 Placed = "order.placed" {
///                     /// What was ordered, as sent.
///                     items: required json "items" plain ["items"],
///                 },
///                 before {
///                     /// Why, as the shop words it.
///                     reason: optional string "reason" plain ["reason"],
///                 }
///                 for {
///                     /// `order.canceled`: an order was canceled.
///                     Canceled = "order.canceled" {},
///                     /// `order.refunded`: an order was refunded.
///                     Refunded = "order.refunded" {
///                         /// The amount refunded.
///                         amount: required string "amount" plain ["amount"],
///                     },
///                 },
///             },
///         }
///     }
/// }
/// use embed_events::webhook::Webhook;
/// let keys = |name: &str| {
///     let event = ShopWebhook::TABLE.events.iter().find(|e| e.name == name).unwrap();
///     event.fields.iter().map(|f| f.key).collect::<Vec<_>>()
/// };
/// assert_eq!(keys("ping"), [""; 0]);
/// assert_eq!(keys("order.placed"), ["shop", "items", "metadata"]);
/// assert_eq!(keys("order.canceled"), ["shop", "reason", "metadata"]);
/// assert_eq!(keys("order.refunded"), ["shop", "reason", "amount", "metadata"]);
/// let refunded = ShopWebhook::Refunded {
///     envelope: ShopEnvelope::default(),
///     shop: "s_1".into(), reason: None, amount: "5.00".into(), metadata: None,
/// };
/// assert_eq!(refunded.to_json(), r#"{"type":"order.refunded","shop":"s_1","amount":"5.00"}"#);
/// assert_eq!(ShopWebhook::DOCS.events[3].fields[0].doc, " The shop.\n");
/// ```
#[macro_export]
macro_rules! webhooks {
    (
        $(#[$enum_doc:meta])*
        pub enum $webhook:ident {
            vendor: $vendor:literal, read_fn: $read_fn:literal, tag: $tag:literal, data: $data:literal,
            verification: $verifier:ident $({ header: $header:literal })?,
            envelope: $envelope:ident,
            events: {
                $(
                    $(#[doc = $variant_doc:literal])+
                    $variant:ident = $ev_name:literal {
                        $(
                            $(#[doc = $field_doc:literal])+
                            $field:ident: $req:ident $kind:tt $key:literal $secret:ident [$($from:literal),+ $(,)?]
                        ),* $(,)?
                    }
                ),+ $(,)?
            }
        }
    ) => {
        $(#[$enum_doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub enum $webhook {
            $(
                $(#[doc = $variant_doc])*
                $variant {
                    /// The envelope's fields (the event's `id`, …).
                    envelope: $envelope,
                    $(
                        $(#[doc = $field_doc])*
                        $field: $crate::__webhook_field_type!($req, $kind),
                    )*
                },
            )+
            /// A `type` this version does not know (a `*` subscription receives new ones).
            Unknown {
                /// The `type` sent.
                name: $crate::__alloc::string::String,
                /// The envelope's `id`, when it is a string.
                id: Option<$crate::__alloc::string::String>,
                /// The whole body, as sent.
                data: $crate::webhook::RawJson,
            },
        }

        impl $crate::webhook::Webhook for $webhook {
            type Kind = $crate::webhook::kind::$verifier;
            const TABLE: &'static $crate::webhook::WebhookTable = &$crate::webhook::WebhookTable {
                vendor: $vendor,
                read_fn: $read_fn,
                tag: $tag,
                data: $data,
                verification: $crate::__verification!($verifier $($header)?),
                envelope: <$envelope as $crate::webhook::WebhookRecord>::FIELDS,
                events: &[$(
                    $crate::webhook::WebhookEventSpec {
                        name: $ev_name,
                        fields: &[$(
                            $crate::webhook::WebhookField {
                                key: $key,
                                kind: $crate::__webhook_kind!($kind),
                                required: $crate::__field_required!($req),
                                secret: $crate::__field_secret!($secret),
                                from: &[$($from),+],
                            }
                        ),*],
                    }
                ),+],
            };
            const DOCS: &'static $crate::webhook::WebhookDocs = &$crate::webhook::WebhookDocs {
                envelope: <$envelope as $crate::webhook::WebhookRecord>::DOCS,
                events: &[$(
                    $crate::webhook::WebhookDoc {
                        doc: ::core::concat!($($variant_doc, "\n"),*),
                        fields: &[$(
                            $crate::webhook::WebhookDoc {
                                doc: ::core::concat!($($field_doc, "\n"),*),
                                fields: $crate::__webhook_docs!($kind),
                            }
                        ),*],
                    }
                ),+],
            };

            fn index(&self) -> Option<usize> {
                let mut index = 0;
                $(
                    if let $webhook::$variant { .. } = self {
                        return Some(index);
                    }
                    index += 1;
                )+
                let _ = index;
                None
            }

            fn name(&self) -> &str {
                match self {
                    $webhook::Unknown { name, .. } => name,
                    _ => self.index().and_then(|i| Self::TABLE.events.get(i)).map_or("", |e| e.name),
                }
            }

            fn id(&self) -> Option<&str> {
                match self {
                    $($webhook::$variant { envelope, .. } => envelope.id.as_deref(),)+
                    $webhook::Unknown { id, .. } => id.as_deref(),
                }
            }

            fn from_parts(
                index: usize,
                envelope: $crate::__alloc::vec::Vec<Option<$crate::webhook::Value>>,
                values: $crate::__alloc::vec::Vec<Option<$crate::webhook::Value>>,
            ) -> Option<Self> {
                #[allow(unused_mut, unused_variables)]
                let mut values = values.into_iter();
                let envelope = <$envelope as $crate::webhook::WebhookRecord>::from_values(envelope)?;
                let mut at = 0;
                $(
                    if index == at {
                        return Some($webhook::$variant {
                            envelope,
                            $($field: $crate::__webhook_take!($req, values.next().flatten()),)*
                        });
                    }
                    at += 1;
                )+
                let _ = at;
                None
            }

            fn unknown(
                name: $crate::__alloc::string::String,
                id: Option<$crate::__alloc::string::String>,
                data: $crate::webhook::RawJson,
            ) -> Self {
                $webhook::Unknown { name, id, data }
            }

            fn to_json(&self) -> $crate::__alloc::string::String {
                let mut out = $crate::__alloc::string::String::from("{");
                let mut first = true;
                match self {
                    $(
                        #[allow(unused_variables)]
                        $webhook::$variant { envelope, $($field),* } => {
                            $crate::webhook::member(&mut out, &mut first, $tag);
                            $crate::webhook::WebhookValue::write_json(&$crate::__alloc::string::String::from($ev_name), &mut out);
                            $crate::webhook::WebhookRecord::for_each_field(envelope, &mut |key, write| {
                                $crate::webhook::member(&mut out, &mut first, key);
                                write(&mut out);
                            });
                            $($crate::__webhook_emit!($req, out, first, $key, $field);)*
                        }
                    )+
                    $webhook::Unknown { name, id, data } => {
                        $crate::webhook::member(&mut out, &mut first, $tag);
                        out.push_str("\"unknown\"");
                        $crate::webhook::member(&mut out, &mut first, "name");
                        $crate::webhook::WebhookValue::write_json(name, &mut out);
                        if let Some(id) = id {
                            $crate::webhook::member(&mut out, &mut first, "id");
                            $crate::webhook::WebhookValue::write_json(id, &mut out);
                        }
                        $crate::webhook::member(&mut out, &mut first, "data");
                        $crate::webhook::WebhookValue::write_json(data, &mut out);
                    }
                }
                out.push('}');
                out
            }
        }

        $crate::__webhook_serialize!($webhook);

        /// Personal and secret fields (`token`, `authCode`, a signer's `socialSecurityNumber`, …)
        /// print as `[redacted]`; passed-through objects print only their size.
        impl ::core::fmt::Debug for $webhook {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $(
                        #[allow(unused_variables)]
                        $webhook::$variant { envelope, $($field),* } => {
                            let mut d = f.debug_struct(stringify!($variant));
                            d.field("envelope", envelope);
                            $($crate::__webhook_debug!($secret, d, $field, $field);)*
                            d.finish()
                        }
                    )+
                    $webhook::Unknown { name, id, data } => {
                        f.debug_struct("Unknown").field("name", name).field("id", id).field("data", data).finish()
                    }
                }
            }
        }
    };
    // Events in groups (`before { … } after { … } for { … }`): __webhook_events! spreads each
    // group's fields over its events, then calls the arm above with every event's fields written out.
    (
        $(#[$enum_doc:meta])*
        pub enum $webhook:ident {
            vendor: $vendor:literal, read_fn: $read_fn:literal, tag: $tag:literal, data: $data:literal,
            verification: $verifier:ident $({ header: $header:literal })?,
            envelope: $envelope:ident,
            events: { $($events:tt)* }
        }
    ) => {
        $crate::__webhook_events! {
            [$(#[$enum_doc])*] $webhook
            [vendor: $vendor, read_fn: $read_fn, tag: $tag, data: $data, verification: $verifier $({ header: $header })?, envelope: $envelope,]
            []
            [{} {} { $($events)* }]
        }

    };
}

/// A [`webhooks!`](crate::webhooks!) declaration's `verification:` as its [`Verification`] value.
#[doc(hidden)]
#[macro_export]
macro_rules! __verification {
    (HmacSha256Hex $header:literal) => {
        $crate::webhook::Verification::HmacSha256Hex { header: $header }
    };
    (CustomHeader) => {
        $crate::webhook::Verification::CustomHeader
    };
}

/// The grouped form of [`webhooks!`](crate::webhooks!), one step at a time: `[enum attributes]
/// Name [header] [events done] work…`, each work item being `[{before} {after} {events and
/// groups}]`, its `before` and `after` fields each ended by a comma. An event is written out with
/// its work item's fields around its own; a group becomes a work item of its own (its fields inside
/// the enclosing ones), done before the rest of the enclosing item, so the order is as written.
#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_events {
    // Nothing left: the events, written out.
    ([$($attr:tt)*] $webhook:ident [$($head:tt)*] [$($done:tt)*]) => {
        $crate::webhooks! {
            $($attr)*
            pub enum $webhook {
                $($head)*
                events: { $($done)* }
            }
        }
    };
    // A work item done.
    ($attr:tt $webhook:ident $head:tt $done:tt [$before:tt $after:tt {}] $($work:tt)*) => {
        $crate::__webhook_events! { $attr $webhook $head $done $($work)* }
    };
    // An event.
    (
        $attr:tt $webhook:ident $head:tt [$($done:tt)*]
        [{$($before:tt)*} {$($after:tt)*} {
            $(#$doc:tt)+
            $variant:ident = $name:tt {
                $( $(#$field_doc:tt)+ $field:ident : $req:tt $kind:tt $key:tt $secret:tt $from:tt ),* $(,)?
            }
            $(, $($rest:tt)*)?
        }]
        $($work:tt)*
    ) => {
        $crate::__webhook_events! {
            $attr $webhook $head
            [
                $($done)*
                $(#$doc)+
                $variant = $name {
                    $($before)*
                    $( $(#$field_doc)+ $field: $req $kind $key $secret $from, )*
                    $($after)*
                },
            ]
            [{$($before)*} {$($after)*} { $($($rest)*)? }]
            $($work)*
        }
    };
    // A group.
    (
        $attr:tt $webhook:ident $head:tt $done:tt
        [{$($before:tt)*} {$($after:tt)*} {
            $(before {
                $( $(#$before_doc:tt)+ $before_field:ident : $before_req:tt $before_kind:tt $before_key:tt $before_secret:tt $before_from:tt ),* $(,)?
            })?
            $(after {
                $( $(#$after_doc:tt)+ $after_field:ident : $after_req:tt $after_kind:tt $after_key:tt $after_secret:tt $after_from:tt ),* $(,)?
            })?
            for { $($inner:tt)* }
            $(, $($rest:tt)*)?
        }]
        $($work:tt)*
    ) => {
        $crate::__webhook_events! {
            $attr $webhook $head $done
            [
                {
                    $($before)*
                    $($( $(#$before_doc)+ $before_field: $before_req $before_kind $before_key $before_secret $before_from, )*)?
                }
                {
                    $($( $(#$after_doc)+ $after_field: $after_req $after_kind $after_key $after_secret $after_from, )*)?
                    $($after)*
                }
                { $($inner)* }
            ]
            [{$($before)*} {$($after)*} { $($($rest)*)? }]
            $($work)*
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_type {
    (string) => { $crate::__alloc::string::String };
    (object) => { $crate::webhook::RawJson };
    (json) => { $crate::webhook::RawJson };
    (($record:ident)) => { $record };
    ([$record:ident]) => { $crate::__alloc::vec::Vec<$record> };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_field_type {
    (required, $kind:tt) => { $crate::__webhook_type!($kind) };
    (optional, $kind:tt) => { Option<$crate::__webhook_type!($kind)> };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_kind {
    (string) => { $crate::webhook::FieldKind::String };
    (object) => { $crate::webhook::FieldKind::Object };
    (json) => { $crate::webhook::FieldKind::Json };
    (($record:ident)) => { $crate::webhook::FieldKind::Record(<$record as $crate::webhook::WebhookRecord>::FIELDS) };
    ([$record:ident]) => { $crate::webhook::FieldKind::Records(<$record as $crate::webhook::WebhookRecord>::FIELDS) };
}

/// A field's nested records' docs (a record's fields'; none for the other kinds).
#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_docs {
    (($record:ident)) => { <$record as $crate::webhook::WebhookRecord>::DOCS };
    ([$record:ident]) => { <$record as $crate::webhook::WebhookRecord>::DOCS };
    ($kind:tt) => { &[] };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_take {
    (required, $value:expr) => { $crate::webhook::WebhookValue::from_value($value?)? };
    (optional, $value:expr) => {
        match $value {
            Some(value) => Some($crate::webhook::WebhookValue::from_value(value)?),
            None => None,
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_emit {
    (required, $out:ident, $first:ident, $key:literal, $value:ident) => {
        $crate::webhook::member(&mut $out, &mut $first, $key);
        $crate::webhook::WebhookValue::write_json($value, &mut $out);
    };
    (optional, $out:ident, $first:ident, $key:literal, $value:ident) => {
        if let Some(value) = $value {
            $crate::webhook::member(&mut $out, &mut $first, $key);
            $crate::webhook::WebhookValue::write_json(value, &mut $out);
        }
    };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_debug {
    (secret, $d:ident, $field:ident, $value:expr) => { $d.field(stringify!($field), &"[redacted]") };
    (plain, $d:ident, $field:ident, $value:expr) => { $d.field(stringify!($field), $value) };
}

/// `serde::Serialize` for a webhook enum, as its JavaScript value (with this crate's `serde` and
/// `webhooks` features).
#[cfg(all(feature = "serde", feature = "webhooks"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_serialize {
    ($webhook:ident) => {
        impl $crate::__serde::Serialize for $webhook {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::__serialize_webhook(self, serializer)
            }
        }
    };
}

#[cfg(not(all(feature = "serde", feature = "webhooks")))]
#[doc(hidden)]
#[macro_export]
macro_rules! __webhook_serialize {
    ($webhook:ident) => {};
}

impl WebhookTable {
    /// The table as JSON, for a JavaScript reader generated from it: `{ vendor, readFn, tag,
    /// data, verification: { kind: "hmac-sha256-hex", header } | { kind: "custom-header" },
    /// envelope: [field], events: [{ name, fields: [field] }] }`, a field being `{ key, kind:
    /// "string" | "object" | "json" | "record" | "records", required, secret, from, fields? }`.
    ///
    /// ```
    /// use embed_events::webhook::Webhook;
    /// let json = embed_events::SignereWebhook::TABLE.to_json();
    /// assert!(json.starts_with(r#"{"vendor":"Signere","readFn":"readSignereWebhook","tag":"type","data":"payload","verification":{"kind":"hmac-sha256-hex","header":"x-idfy-signature"},"envelope":[{"key":"id","kind":"string","required":false,"secret":false,"from":["id"]}"#));
    /// ```
    pub fn to_json(&self) -> String {
        fn flag(b: bool) -> &'static str {
            if b {
                "true"
            } else {
                "false"
            }
        }
        fn fields(list: &[WebhookField]) -> Vec<String> {
            list.iter()
                .map(|f| {
                    let (kind, nested) = match f.kind {
                        FieldKind::String => ("string", None),
                        FieldKind::Object => ("object", None),
                        FieldKind::Json => ("json", None),
                        FieldKind::Record(nested) => ("record", Some(nested)),
                        FieldKind::Records(nested) => ("records", Some(nested)),
                    };
                    let mut object = json::Object::new();
                    object
                        .string("key", f.key)
                        .string("kind", kind)
                        .raw("required", flag(f.required))
                        .raw("secret", flag(f.secret))
                        .list("from", f.from.iter().copied(), false);
                    if let Some(nested) = nested {
                        let nested = fields(nested);
                        object.list("fields", nested.iter().map(String::as_str), true);
                    }
                    object.finish()
                })
                .collect()
        }
        let verification = match self.verification {
            Verification::HmacSha256Hex { header } => json::Object::new().string("kind", "hmac-sha256-hex").string("header", header).finish(),
            Verification::CustomHeader => json::Object::new().string("kind", "custom-header").finish(),
        };
        let envelope = fields(self.envelope);
        let events: Vec<String> = self
            .events
            .iter()
            .map(|e| {
                let list = fields(e.fields);
                json::Object::new().string("name", e.name).list("fields", list.iter().map(String::as_str), true).finish()
            })
            .collect();
        json::Object::new()
            .string("vendor", self.vendor)
            .string("readFn", self.read_fn)
            .string("tag", self.tag)
            .string("data", self.data)
            .raw("verification", &verification)
            .list("envelope", envelope.iter().map(String::as_str), true)
            .list("events", events.iter().map(String::as_str), true)
            .finish()
    }
}

impl WebhookDocs {
    /// The doc text as JSON, for the npm build's types: `{ envelope: [item], events: [item] }`, an
    /// item being `{ doc, fields: [item] }`.
    ///
    /// ```
    /// use embed_events::webhook::Webhook;
    /// let json = embed_events::IgnitionWebhook::DOCS.to_json();
    /// assert!(json.starts_with(r#"{"envelope":[{"doc":" The event's id (`evt_…`): deduplicate retries by it.\n","fields":[]}"#));
    /// ```
    pub fn to_json(&self) -> String {
        fn items(list: &[WebhookDoc]) -> String {
            let items: Vec<String> = list
                .iter()
                .map(|item| json::Object::new().string("doc", item.doc).raw("fields", &items(item.fields)).finish())
                .collect();
            alloc::format!("[{}]", items.join(","))
        }
        json::Object::new().raw("envelope", &items(self.envelope)).raw("events", &items(self.events)).finish()
    }
}
