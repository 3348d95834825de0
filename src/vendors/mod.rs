//! Vendors, each declared once as data with [`vendor!`](crate::vendor!): its events, their
//! callbacks, fields, terminal flags and aliases, an example message per event and the doc text.
//! Decoding, the callback index, the terminal check, the typed Rust events, the field lists, and
//! the JavaScript package's tables, types and example messages all follow from that one declaration.
//!
//! Adding a vendor is one file with one `vendor!` call and its line in [`__vendors!`] below (see
//! "Adding a vendor" in docs/architecture.md); a vendor that sends webhooks adds its `webhooks!`
//! declaration to the same file and `+ VendorWebhook` to the same line, from which the npm package's
//! webhook reader and types follow.

/// The vendors whose window messages the package watches, one line each (`module::Vendor`, then
/// `+ VendorWebhook` when the file also declares [`webhooks!`](crate::webhooks!)), in the order
/// the npm package numbers them. Everything that lists vendors follows from this one list: the
/// modules below and the crate's exports (each vendor file's public items), and, through
/// `embed_events::__vendors!(callback)`, the npm module's tables (`npm/src/lib.rs`), which the
/// build turns into the JavaScript watchers, hooks and types, and its webhook tables, which it
/// turns into the server entry's readers (`readIgnitionWebhook`) and their types. `callback!` is
/// called with the list, then whatever follows its name (the npm test build's extra vendor); each
/// line matches `$module:ident :: $vendor:ident $(+ $webhook:ident)?`.
#[doc(hidden)]
#[macro_export]
macro_rules! __vendors {
    ($callback:ident $($extra:tt)*) => {
        $callback! {
            ignition::Ignition + IgnitionWebhook,
            signere::Signere + SignereWebhook,
            $($extra)*
        }
    };
}

/// Each vendor's module, and its public items re-exported (by `lib.rs`, through `all`).
macro_rules! modules {
    ($($module:ident :: $vendor:ident $(+ $webhook:ident)?),* $(,)?) => {
        $(mod $module;)*
        /// Every vendor file's public items.
        pub(crate) mod all {
            $(pub use super::$module::*;)*
        }
    };
}
crate::__vendors!(modules);
pub use all::*;

pub(crate) mod webhooks;

/// A vendor whose embedded flow posts window messages: the table its messages are decoded by, and
/// its typed event.
///
/// Implemented by [`vendor!`](crate::vendor!) for [`Ignition`] and [`Signere`].
///
/// ```
/// use embed_events::{Ignition, Signere, Vendor};
/// assert_eq!(Ignition::TABLE.default_origin, Some("https://ignition.axle.insure"));
/// assert_eq!(Signere::TABLE.default_origin, None);
/// assert!(Signere::TABLE.events.iter().any(|e| e.callback == "onSignSuccess"));
/// ```
pub trait Vendor: 'static {
    /// The typed event this vendor's messages decode to.
    type Event: Event;
    /// Everything the package knows about this vendor.
    const TABLE: &'static VendorTable;
    /// What its declaration says for people: each event's and field's documentation and each
    /// event's example message. Nothing decodes by it, so a build that never reads it (the npm
    /// package's wasm) carries none of it.
    const DOCS: &'static VendorDocs;
}

/// A vendor's typed event: an enum that [`vendor!`](crate::vendor!) generates, one variant per
/// event, one field per documented field.
///
/// ```
/// use embed_events::{Event, IgnitionEvent};
/// let event = IgnitionEvent::Exit { step: Some("carrier-login".into()), client: None };
/// assert_eq!((event.name(), event.callback(), event.is_terminal()), ("exit", "onExit", true));
/// assert_eq!(event.to_json(), r#"{"status":"exit","step":"carrier-login"}"#);
/// ```
pub trait Event: Sized + Clone + core::fmt::Debug + 'static {
    /// The vendor's table.
    const TABLE: &'static VendorTable;
    /// The event's position in [`VendorTable::events`].
    fn index(&self) -> usize;
    /// The event built from its position and field values, in the order of its
    /// [`EventSpec::fields`] (as the decoder produces them).
    #[doc(hidden)]
    fn from_parts(index: usize, values: alloc::vec::Vec<Option<alloc::string::String>>) -> Option<Self>;
    /// Call `f` with each field that is present, as `(JavaScript name, value)`, in table order.
    fn for_each_field(&self, f: &mut dyn FnMut(&'static str, &str));
    /// The event's description in the table.
    fn spec(&self) -> &'static EventSpec {
        // `index` is always a position in the table the event was generated from.
        Self::TABLE.events.get(self.index()).unwrap_or(&EMPTY)
    }
    /// The event's name: the value of the vendor's tag (`"complete"`, `"sign_success"`).
    fn name(&self) -> &'static str {
        self.spec().name
    }
    /// The JavaScript callback it is delivered to (`"onComplete"`).
    fn callback(&self) -> &'static str {
        self.spec().callback
    }
    /// Whether the flow is over after this event (`once` stops the watcher for it).
    fn is_terminal(&self) -> bool {
        self.spec().terminal
    }
    /// The event value as JSON text, exactly as the JavaScript callback receives it
    /// (`{"status":"complete","authCode":"…"}`).
    fn to_json(&self) -> alloc::string::String {
        crate::json::event_json(Self::TABLE.tag, self.name(), &mut |f| self.for_each_field(f))
    }
}

const EMPTY: EventSpec = EventSpec { name: "", aliases: &[], callback: "", terminal: false, fields: &[] };

/// Everything the package knows about one vendor, as data.
///
/// ```
/// use embed_events::Vendor;
/// let table = embed_events::Ignition::TABLE;
/// assert_eq!((table.name, table.tag), ("Ignition", "status"));
/// assert_eq!(table.environments[1], ("sandbox", "https://ignition.sandbox.axle.insure"));
/// ```
#[derive(Debug)]
pub struct VendorTable {
    /// The vendor's name, for messages (`"Ignition"`).
    pub name: &'static str,
    /// The JavaScript function that watches it (`"watchIgnition"`).
    pub watch_fn: &'static str,
    /// The message field that names the event (`"status"`, `"type"`).
    pub tag: &'static str,
    /// Named deployments and their message origins; the first is the default. Empty when the
    /// vendor has none.
    pub environments: &'static [(&'static str, &'static str)],
    /// The origin messages come from when neither `origins` nor an iframe `source` says
    /// otherwise (`None`: the vendor has no default, so one of them is required).
    pub default_origin: Option<&'static str>,
    /// Paths of objects that every known event may carry and that must be objects when present
    /// (Signere's `payload`).
    pub objects: &'static [&'static str],
    /// The query parameter of the frame's URL without which the vendor posts no messages, and the
    /// function that sets it (Ignition: `("origin", "ignitionUrl")`).
    pub url_parameter: Option<(&'static str, &'static str)>,
    /// What to check when nothing at all arrives from the vendor: the end of the silence report's
    /// sentence.
    pub silence_hint: &'static str,
    /// The events this version knows.
    pub events: &'static [EventSpec],
}

/// One event of a vendor.
///
/// ```
/// use embed_events::Vendor;
/// let spec = &embed_events::Signere::TABLE.events[8];
/// assert_eq!((spec.name, spec.aliases, spec.callback), ("user_aborted", &["user_canceled"][..], "onUserAborted"));
/// ```
#[derive(Debug)]
pub struct EventSpec {
    /// The tag value (`"sign_success"`), which the event value carries.
    pub name: &'static str,
    /// Other tag values delivered as this event (`"user_canceled"` for `"user_aborted"`).
    pub aliases: &'static [&'static str],
    /// The JavaScript callback (`"onSignSuccess"`).
    pub callback: &'static str,
    /// Whether the flow is over after it.
    pub terminal: bool,
    /// Its documented fields, in order.
    pub fields: &'static [FieldSpec],
}

/// One documented field of an event: a string in the event value.
///
/// ```
/// use embed_events::Vendor;
/// let field = &embed_events::Ignition::TABLE.events[0].fields[0];
/// assert_eq!((field.key, field.required, field.secret), ("authCode", true, true));
/// ```
#[derive(Debug)]
pub struct FieldSpec {
    /// Its name in the event value (`"authCode"`).
    pub key: &'static str,
    /// A message without it is malformed.
    pub required: bool,
    /// Never logged, even in debug mode.
    pub secret: bool,
    /// Where it is read from in the message, as dotted paths, first present wins
    /// (`["payload.error.code", "payload.errorCode", "payload.code"]`).
    pub from: &'static [&'static str],
}

/// The documentation and example messages of a vendor's events, in the order of
/// [`VendorTable::events`]: what its [`vendor!`](crate::vendor!) declaration says for people rather
/// than for the decoder. The npm build's `tables` binary prints it for the package's types (the
/// doc text) and `embed-events/testing` (`exampleMessages`).
///
/// ```
/// use embed_events::{decode, Decoded, Event, Signere, Vendor};
/// let docs = &Signere::DOCS.events[4];
/// assert_eq!(docs.doc, " `sign_success`: the document was signed.\n");
/// let Decoded::Event(event) = decode::<Signere>(docs.example) else { panic!() };
/// assert_eq!(event.name(), "sign_success");
/// ```
#[derive(Debug)]
pub struct VendorDocs {
    /// One per event, in table order.
    pub events: &'static [EventDocs],
}

/// The documentation and example message of one event.
#[derive(Debug)]
pub struct EventDocs {
    /// The event's `///` text, each line as written (after `///`) and ended by a newline.
    pub doc: &'static str,
    /// A realistic message as the vendor posts it (JSON text), which decodes to this event.
    pub example: &'static str,
    /// Each field's `///` text, in the order of [`EventSpec::fields`].
    pub fields: &'static [&'static str],
}

/// Declare a vendor: its table, its typed event enum, and [`Vendor`] and [`Event`] for them.
///
/// An event is `Variant = "name" ["alias", …] => "onCallback", terminal: true|false, example:
/// r#"{…}"#, { fields }`: its example is a realistic message as the vendor posts it (JSON text,
/// which must decode to this event: `tests/vendor_docs.rs`), kept in [`Vendor::DOCS`] with the
/// `///` text of the event and its fields (only `///` documentation is accepted there, and every
/// event and field must have it: a declaration without it does not compile). A field
/// is `rust_name: required|optional "jsName" secret|plain ["path", …]`: the paths are where the
/// value is read in the message, the first present one wins.
///
/// The `///` text also documents the npm package's TypeScript types, so it is written to be true in
/// both languages; an intra-doc link (``[`decode`](crate::decode)``) reads as plain code there.
///
/// ```
/// embed_events::vendor! {
///     /// A vendor whose frame posts `{ kind: "done", ticket }`.
///     pub struct Queue;
///     /// A Queue event.
///     pub enum QueueEvent {
///         name: "Queue", watch_fn: "watchQueue", tag: "kind",
///         environments: [], default_origin: None, objects: [],
///         url_parameter: None,
///         silence_hint: "check that the queue page loads and posts its messages to this page.",
///         events: {
///             /// `done`: the user left the queue.
///             Done = "done" [] => "onDone", terminal: true,
///             example: r#"{"kind":"done","ticket":"T-7"}"#, {
///                 /// The ticket number.
///                 ticket: required "ticket" plain ["ticket"],
///             },
///         }
///     }
/// }
/// use embed_events::{decode, Decoded};
/// match decode::<Queue>(r#"{"kind":"done","ticket":"T-7"}"#) {
///     Decoded::Event(QueueEvent::Done { ticket }) => assert_eq!(ticket, "T-7"),
///     other => panic!("{other:?}"),
/// }
/// ```
#[macro_export]
macro_rules! vendor {
    (
        $(#[$vendor_doc:meta])*
        pub struct $vendor:ident;
        $(#[$enum_doc:meta])*
        pub enum $event:ident {
            name: $name:literal, watch_fn: $watch_fn:literal, tag: $tag:literal,
            environments: [$(($env:literal, $env_origin:literal)),* $(,)?],
            default_origin: $default:expr,
            objects: [$($object:literal),* $(,)?],
            url_parameter: $url_parameter:expr,
            silence_hint: $silence_hint:literal,
            events: {
                $(
                    $(#[doc = $variant_doc:literal])+
                    $variant:ident = $ev_name:literal [$($alias:literal),* $(,)?] => $callback:literal, terminal: $terminal:literal,
                    example: $example:literal, {
                        $(
                            $(#[doc = $field_doc:literal])+
                            $field:ident: $kind:ident $key:literal $secret:ident [$($from:literal),+ $(,)?]
                        ),* $(,)?
                    }
                ),+ $(,)?
            }
        }
    ) => {
        $(#[$vendor_doc])*
        #[derive(Clone, Copy, Debug)]
        pub struct $vendor;

        $(#[$enum_doc])*
        #[derive(Clone, PartialEq, Eq)]
        pub enum $event {
            $(
                $(#[doc = $variant_doc])*
                $variant {
                    $(
                        $(#[doc = $field_doc])*
                        #[doc = $crate::__field_secret_doc!($secret)]
                        $field: $crate::__field_type!($kind),
                    )*
                },
            )+
        }

        impl $crate::Vendor for $vendor {
            type Event = $event;
            const TABLE: &'static $crate::table::VendorTable = &$crate::table::VendorTable {
                name: $name,
                watch_fn: $watch_fn,
                tag: $tag,
                environments: &[$(($env, $env_origin)),*],
                default_origin: $default,
                objects: &[$($object),*],
                url_parameter: $url_parameter,
                silence_hint: $silence_hint,
                events: &[$(
                    $crate::table::EventSpec {
                        fields: &[$(
                            $crate::table::FieldSpec {
                                key: $key,
                                required: $crate::__field_required!($kind),
                                secret: $crate::__field_secret!($secret),
                                from: &[$($from),+],
                            }
                        ),*],
                        name: $ev_name,
                        aliases: &[$($alias),*],
                        callback: $callback,
                        terminal: $terminal,
                    }
                ),+],
            };
            const DOCS: &'static $crate::table::VendorDocs = &$crate::table::VendorDocs {
                events: &[$(
                    $crate::table::EventDocs {
                        doc: ::core::concat!($($variant_doc, "\n"),*),
                        example: $example,
                        fields: &[$(::core::concat!($($field_doc, "\n"),*)),*],
                    }
                ),+],
            };
        }

        impl $crate::Event for $event {
            const TABLE: &'static $crate::table::VendorTable = <$vendor as $crate::Vendor>::TABLE;

            fn index(&self) -> usize {
                let mut index = 0;
                $(
                    #[allow(unused_variables)]
                    if let $event::$variant { .. } = self {
                        return index;
                    }
                    index += 1;
                )+
                index
            }

            fn from_parts(
                index: usize,
                values: $crate::__alloc::vec::Vec<Option<$crate::__alloc::string::String>>,
            ) -> Option<Self> {
                #[allow(unused_mut, unused_variables)]
                let mut values = values.into_iter();
                let mut at = 0;
                $(
                    if index == at {
                        return Some($event::$variant {
                            $($field: $crate::__field_take!($kind, values.next().flatten())?,)*
                        });
                    }
                    at += 1;
                )+
                let _ = at;
                None
            }

            fn for_each_field(&self, f: &mut dyn FnMut(&'static str, &str)) {
                match self {
                    $(
                        #[allow(unused_variables)]
                        $event::$variant { $($field),* } => {
                            $($crate::__field_emit!($kind, f, $key, $field);)*
                        }
                    )+
                }
            }
        }

        /// Secret fields (`authCode`) print as `[redacted]`.
        impl ::core::fmt::Debug for $event {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    $(
                        #[allow(unused_variables)]
                        $event::$variant { $($field),* } => {
                            let mut d = f.debug_struct(stringify!($variant));
                            $($crate::__field_debug!($secret, d, $field);)*
                            d.finish()
                        }
                    )+
                }
            }
        }

        $crate::__serialize!($event);
    };
}

/// What a field's Rust documentation adds for its kind: a secret's redaction.
#[doc(hidden)]
#[macro_export]
macro_rules! __field_secret_doc {
    (secret) => { "\n\n A secret: `Debug` prints `[redacted]` in its place." };
    (plain) => { "" };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __field_debug {
    (secret, $d:ident, $field:ident) => { $d.field(stringify!($field), &"[redacted]") };
    (plain, $d:ident, $field:ident) => { $d.field(stringify!($field), $field) };
}

/// The Rust type of a field.
#[doc(hidden)]
#[macro_export]
macro_rules! __field_type {
    (required) => { $crate::__alloc::string::String };
    (optional) => { Option<$crate::__alloc::string::String> };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __field_required {
    (required) => { true };
    (optional) => { false };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __field_secret {
    (secret) => { true };
    (plain) => { false };
}

/// A field's value from the decoder's `Option<String>` (`None` for a required one: not decoded).
#[doc(hidden)]
#[macro_export]
macro_rules! __field_take {
    (required, $value:expr) => { $value };
    (optional, $value:expr) => { Some($value) };
}

#[doc(hidden)]
#[macro_export]
macro_rules! __field_emit {
    (required, $f:ident, $key:literal, $value:ident) => { $f($key, $value) };
    (optional, $f:ident, $key:literal, $value:ident) => { if let Some(v) = $value { $f($key, v) } };
}

/// `serde::Serialize` for a generated event, as its JavaScript value (with the `serde` feature of
/// this crate, whatever the features of the crate that declares the vendor).
#[cfg(feature = "serde")]
#[doc(hidden)]
#[macro_export]
macro_rules! __serialize {
    ($event:ident) => {
        impl $crate::__serde::Serialize for $event {
            fn serialize<S: $crate::__serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                $crate::__serialize_event(self, serializer)
            }
        }
    };
}

#[cfg(not(feature = "serde"))]
#[doc(hidden)]
#[macro_export]
macro_rules! __serialize {
    ($event:ident) => {};
}
