//! Everything a vendor's [`VendorTable`] does, in one place: decoding a message by it, the
//! keys and objects the decoder reads, its JSON for JavaScript and tooling, and the allow-list a
//! watcher of the vendor starts from. The table itself is declared in `vendors/mod.rs` (with
//! [`vendor!`](crate::vendor!)); the machinery these methods drive lives in `decode.rs`,
//! `origin.rs` and `json.rs`, none of which imports this file.

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use crate::allow::WatchError;
use crate::decode::{self, Decoded, Message, Problem, TableEvent};
use crate::json;
use crate::origin::{AllowList, EntryError, Origin, OriginError};
use crate::vendors::VendorTable;

// ---- Decoding ----

impl VendorTable {
    /// Decode a message's data, given as JSON text, by this table: what [`decode`] does, for any
    /// vendor alike.
    ///
    /// ```
    /// use embed_events::{Decoded, Signere, Vendor};
    /// let decoded = Signere::TABLE.decode(r#"{"type":"eid_selected","payload":{}}"#);
    /// let Decoded::Malformed(m) = decoded else { panic!() };
    /// assert_eq!(m.detail(), "payload.eid: missing");
    /// ```
    pub fn decode(&'static self, text: &str) -> Decoded<TableEvent> {
        let Some(data) = json::parse(text) else {
            return Decoded::Malformed(decode::bad("data", Problem::NotJson));
        };
        match self.decode_message(&&data) {
            Decoded::Event((index, values)) => {
                let values = values.into_iter().map(|v| v.map(String::from)).collect();
                Decoded::Event(TableEvent { index, table: self, values })
            }
            Decoded::Unknown(name) => Decoded::Unknown(name),
            Decoded::Malformed(malformed) => Decoded::Malformed(malformed),
        }
    }

    /// Decode a message held in any form that implements [`Message`]: the event's position in
    /// [`VendorTable::events`] and its field values as the message holds them. Unknown tags come
    /// back as a `String`.
    ///
    /// ```
    /// use embed_events::{table::{Member, Message}, Decoded, Ignition, Vendor};
    /// /// A message that is one flat list of string fields.
    /// struct Flat(Vec<(&'static str, &'static str)>);
    /// impl Message for Flat {
    ///     type Object = ();
    ///     type Text = &'static str;
    ///     fn root(&self) -> Option<()> { Some(()) }
    ///     fn member(&self, _: (), key: &str) -> Member<(), &'static str> {
    ///         self.0.iter().rev().find(|(k, _)| *k == key).map_or(Member::Absent, |(_, v)| Member::Text(*v))
    ///     }
    ///     fn text(&self, text: &&'static str) -> String { text.to_string() }
    ///     fn text_is(&self, text: &&'static str, value: &str) -> bool { *text == value }
    /// }
    /// let decoded = Ignition::TABLE.decode_message(&Flat(vec![("status", "exit"), ("step", "s1")]));
    /// assert_eq!(decoded, Decoded::Event((1, vec![Some("s1"), None])));
    /// ```
    pub fn decode_message<M: Message>(&self, message: &M) -> Decoded<(usize, Vec<Option<M::Text>>)> {
        match decode::decode_table(self, message) {
            Ok(Ok(event)) => Decoded::Event(event),
            Ok(Err(name)) => Decoded::Unknown(name),
            Err(malformed) => Decoded::Malformed(malformed),
        }
    }
}

// ---- What the decoder reads ----

impl VendorTable {
    /// Every key the decoder may read at some depth of a message (the tag, and each segment of
    /// every field's paths), each once: what a data object is narrowed to before decoding.
    ///
    /// ```
    /// use embed_events::Vendor;
/// let keys = embed_events::Signere::TABLE.keys();
    /// assert_eq!(&keys[..3], ["type", "payload", "documentId"]);
    /// ```
    pub fn keys(&self) -> alloc::vec::Vec<&'static str> {
        let mut keys = alloc::vec![self.tag];
        let paths = self.objects.iter().chain(self.events.iter().flat_map(|e| e.fields.iter().flat_map(|f| f.from.iter())));
        for path in paths {
            for segment in segments(path) {
                if !keys.contains(&segment) {
                    keys.push(segment);
                }
            }
        }
        keys
    }

    /// The keys that hold objects the decoder looks into (every path segment but the last, and
    /// the `objects`): Signere's `payload` and `error`.
    ///
    /// ```
    /// use embed_events::{Ignition, Signere, Vendor};
    /// assert_eq!(Signere::TABLE.containers(), ["payload", "error"]);
    /// assert!(Ignition::TABLE.containers().is_empty());
    /// ```
    pub fn containers(&self) -> alloc::vec::Vec<&'static str> {
        let mut containers = alloc::vec::Vec::new();
        let paths = self.objects.iter().map(|o| (*o, true)).chain(
            self.events.iter().flat_map(|e| e.fields.iter().flat_map(|f| f.from.iter().map(|p| (*p, false)))),
        );
        for (path, whole) in paths {
            let mut segments = segments(path).peekable();
            while let Some(segment) = segments.next() {
                let holds_more = segments.peek().is_some() || whole;
                if holds_more && !containers.contains(&segment) {
                    containers.push(segment);
                }
            }
        }
        containers
    }
}

// ---- The table as JSON ----

impl crate::vendors::VendorDocs {
    /// The docs as JSON, for tooling (the npm build's types and example messages):
    /// `{"events":[{"doc","example","fields":[…]}]}`, every value a string as declared (the example
    /// is JSON text inside a string).
    ///
    /// ```
    /// use embed_events::{Ignition, Vendor};
    /// assert!(Ignition::DOCS.to_json().starts_with(r#"{"events":[{"doc":" `complete`: the user connected an insurance account.\n","example":"{\"status\":\"complete\","#));
    /// ```
    pub fn to_json(&self) -> alloc::string::String {
        use crate::json::Object;
        let events: alloc::vec::Vec<_> = self
            .events
            .iter()
            .map(|event| {
                Object::new()
                    .string("doc", event.doc)
                    .string("example", event.example)
                    .list("fields", event.fields.iter().copied(), false)
                    .finish()
            })
            .collect();
        Object::new().list("events", events.iter().map(alloc::string::String::as_str), true).finish()
    }
}

impl VendorTable {
    /// The table as JSON, for JavaScript and tooling: `{"name","watchFn","tag","environments",
    /// "defaultOrigin","keys","containers","urlParameter","silenceHint","events":[{"name","aliases","callback","terminal","fields":[{"key",
    /// "required","secret","from"}]}]}`.
    ///
    /// ```
    /// use embed_events::Vendor;
/// let json = embed_events::Ignition::TABLE.to_json();
    /// assert!(json.starts_with(r#"{"name":"Ignition","watchFn":"watchIgnition","tag":"status","#));
    /// ```
    pub fn to_json(&self) -> alloc::string::String {
        use crate::json::Object;
        let flag = |yes: bool| if yes { "true" } else { "false" };
        let events: alloc::vec::Vec<_> = self
            .events
            .iter()
            .map(|event| {
                let fields: alloc::vec::Vec<_> = event
                    .fields
                    .iter()
                    .map(|f| {
                        Object::new()
                            .string("key", f.key)
                            .raw("required", flag(f.required))
                            .raw("secret", flag(f.secret))
                            .list("from", f.from.iter().copied(), false)
                            .finish()
                    })
                    .collect();
                Object::new()
                    .string("name", event.name)
                    .list("aliases", event.aliases.iter().copied(), false)
                    .string("callback", event.callback)
                    .raw("terminal", flag(event.terminal))
                    .list("fields", fields.iter().map(alloc::string::String::as_str), true)
                    .finish()
            })
            .collect();
        let mut table = Object::new();
        table
            .string("name", self.name)
            .string("watchFn", self.watch_fn)
            .string("tag", self.tag)
            .list("environments", self.environments.iter().map(|(name, _)| *name), false);
        match self.default_origin {
            Some(origin) => table.string("defaultOrigin", origin),
            None => table.raw("defaultOrigin", "null"),
        };
        table.list("keys", self.keys(), false).list("containers", self.containers(), false);
        match self.url_parameter {
            Some((parameter, function)) => table.list("urlParameter", [parameter, function], false),
            None => table.raw("urlParameter", "null"),
        };
        table
            .string("silenceHint", self.silence_hint)
            .list("events", events.iter().map(alloc::string::String::as_str), true)
            .finish()
    }
}

// ---- The allow-list ----

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

/// The dot-separated segments of a table path, split on bytes: the paths are ASCII, and a `str`
/// pattern would bring its searcher (and the panics it can raise) into the wasm.
fn segments(path: &'static str) -> impl Iterator<Item = &'static str> {
    let mut rest = Some(path);
    core::iter::from_fn(move || {
        let s = rest?;
        match s.bytes().position(|b| b == b'.') {
            Some(dot) => {
                rest = s.get(dot + 1..);
                s.get(..dot)
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}
