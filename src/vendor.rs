//! What a vendor is to the watcher: how its messages decode, which callbacks its events go to,
//! and where its messages come from by default. Adding a vendor is one module implementing
//! [`Vendor`] plus one line in `lib.rs`.

use core::fmt::Debug;

use crate::fields::{required_str, Decoded, EventFields, Key, Malformed, Message};

/// A vendor whose embedded flow posts window messages.
///
/// Implemented by [`Ignition`](crate::Ignition) and [`Signere`](crate::Signere).
///
/// ```
/// use embed_events::{Vendor, Ignition, Signere};
/// assert_eq!(Ignition::default_origin(), Some("https://ignition.axle.insure"));
/// assert_eq!(Signere::default_origin(), None);
/// assert!(Signere::CALLBACKS.contains(&"onSignSuccess"));
/// ```
pub trait Vendor: 'static {
    /// The typed event this vendor's messages decode to, with strings held as `T`.
    type Event<T: Clone + Debug>: EventFields<T> + Clone + Debug;

    /// The vendor's name, for error messages (`"Ignition"`).
    const NAME: &'static str;

    /// The JavaScript function that watches this vendor (`"watchIgnition"`).
    const WATCH_FN: &'static str;

    /// The field that names the event (`status` or `type`).
    const TAG: Key;

    /// The names of the event-specific JavaScript callbacks (`onComplete`, …).
    const CALLBACKS: &'static [&'static str];

    /// Decode a message object from an allowed sender.
    fn decode<M: Message>(message: &M) -> Decoded<Self::Event<M::Text>, M::Text>;

    /// The origin messages come from when neither `origins` nor an iframe `source` says otherwise.
    fn default_origin() -> Option<&'static str>;
}

/// Reads the discriminant (`status` / `type`): a required string.
pub(crate) fn tag<M: Message>(message: &M, key: Key) -> Result<M::Text, Malformed> {
    required_str(message, key, key.name())
}
