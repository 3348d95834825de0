//! Axle Ignition: event types, decoding, callback names, terminal events. Pure Rust.
//!
//! Ignition posts a flat object (or its JSON string) with a `status` of `complete`, `exit` or
//! `error`, and only when its URL carries an `origin` parameter (see `ignitionUrl`).

use alloc::string::String;
use core::fmt;

use crate::fields::{emit, optional_str, required_str, Decoded, EventFields, Key, Malformed, Message};
use crate::vendor::{tag, Vendor};

/// The Axle Ignition vendor: `Watch::<Ignition>` watches it, `Ignition::decode` decodes its
/// messages.
///
/// ```
/// use embed_events::{Ignition, Vendor};
/// assert_eq!(Ignition::TAG.name(), "status");
/// assert_eq!(Ignition::CALLBACKS, &["onComplete", "onExit", "onError"]);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Ignition;

/// Ignition's production message origin.
pub const PRODUCTION: &str = "https://ignition.axle.insure";
/// Ignition's sandbox message origin.
pub const SANDBOX: &str = "https://ignition.sandbox.axle.insure";

/// Which Ignition deployment a watcher expects messages from.
///
/// ```
/// use embed_events::Environment;
/// assert_eq!(Environment::Sandbox.origin(), "https://ignition.sandbox.axle.insure");
/// assert_eq!(Environment::parse("production"), Some(Environment::Production));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Environment {
    /// `https://ignition.axle.insure`
    #[default]
    Production,
    /// `https://ignition.sandbox.axle.insure`
    Sandbox,
}

impl Environment {
    /// The message origin of this deployment.
    pub fn origin(self) -> &'static str {
        match self {
            Environment::Production => PRODUCTION,
            Environment::Sandbox => SANDBOX,
        }
    }

    /// `"production"` or `"sandbox"`.
    pub fn parse(name: &str) -> Option<Environment> {
        match name {
            "production" => Some(Environment::Production),
            "sandbox" => Some(Environment::Sandbox),
            _ => None,
        }
    }
}

/// An Ignition event, discriminated by its `status`. Strings are `String`s (`T` is how the
/// JavaScript API's path holds them without copying).
///
/// ```
/// use embed_events::IgnitionEvent;
/// fn handle(event: IgnitionEvent) {
///     match event {
///         IgnitionEvent::Complete(done) => println!("exchange the auth code ({} chars)", done.auth_code.len()),
///         IgnitionEvent::Exit(exit) => println!("left at {:?}", exit.step),
///         IgnitionEvent::Error(error) => println!("failed: {:?}", error.message),
///     }
/// }
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(tag = "status", rename_all = "snake_case"))]
pub enum IgnitionEvent<T = String> {
    /// `status: "complete"`: the user connected an account (terminal).
    Complete(IgnitionComplete<T>),
    /// `status: "exit"`: the user left the flow (terminal).
    Exit(IgnitionExit<T>),
    /// `status: "error"`: Ignition could not finish (terminal).
    Error(IgnitionError<T>),
}

/// `{ status: "complete", authCode, client?, result? }`. `Debug` redacts the auth code.
///
/// ```
/// use embed_events::IgnitionComplete;
/// let done: IgnitionComplete = IgnitionComplete { auth_code: "cod_secret".into(), client: None, result: Some("link".into()) };
/// assert!(!format!("{done:?}").contains("cod_secret"));
/// ```
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct IgnitionComplete<T = String> {
    /// The authorization code to exchange, server-side, for an access token. Expires after 10
    /// minutes. A secret: never logged.
    pub auth_code: T,
    /// The client ID of the session.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub client: Option<T>,
    /// How the policy was obtained: `link`, `manual`, `proxy` (older: `basic`). An open string.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub result: Option<T>,
}

impl<T: fmt::Debug> fmt::Debug for IgnitionComplete<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IgnitionComplete")
            .field("auth_code", &"[redacted]")
            .field("client", &self.client)
            .field("result", &self.result)
            .finish()
    }
}

/// `{ status: "exit", step?, client? }`.
///
/// ```
/// let exit: embed_events::IgnitionExit = embed_events::IgnitionExit { step: Some("carrier-login".into()), client: None };
/// assert_eq!(exit.step.as_deref(), Some("carrier-login"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct IgnitionExit<T = String> {
    /// The step where the user left (an opaque string).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub step: Option<T>,
    /// The client ID of the session.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub client: Option<T>,
}

/// `{ status: "error", message?, client? }`.
///
/// ```
/// let error: embed_events::IgnitionError = embed_events::IgnitionError { message: Some("carrier unavailable".into()), client: None };
/// assert!(error.message.is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct IgnitionError<T = String> {
    /// What went wrong, as Ignition words it.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message: Option<T>,
    /// The client ID of the session.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub client: Option<T>,
}

impl Vendor for Ignition {
    type Event<T: Clone + fmt::Debug> = IgnitionEvent<T>;
    const NAME: &'static str = "Ignition";
    const WATCH_FN: &'static str = "watchIgnition";
    const TAG: Key = Key::STATUS;
    const CALLBACKS: &'static [&'static str] = &["onComplete", "onExit", "onError"];

    fn decode<M: Message>(message: &M) -> Decoded<IgnitionEvent<M::Text>, M::Text> {
        match decode(message) {
            Ok(decoded) => decoded,
            Err(malformed) => Decoded::Malformed(malformed),
        }
    }

    fn default_origin() -> Option<&'static str> {
        Some(PRODUCTION)
    }
}

/// Every `status` this version decodes, in the order [`decode`] matches them.
const STATUSES: &[Key] = &[Key::COMPLETE, Key::EXIT, Key::ERROR];

fn decode<M: Message>(m: &M) -> Result<Decoded<IgnitionEvent<M::Text>, M::Text>, Malformed> {
    let status = tag(m, Ignition::TAG)?;
    let client = || optional_str(m, Key::CLIENT, "client");
    let event = match M::which(&status, STATUSES).and_then(|i| STATUSES.get(i)) {
        Some(&Key::COMPLETE) => IgnitionEvent::Complete(IgnitionComplete {
            auth_code: required_str(m, Key::AUTH_CODE, "authCode")?,
            client: client()?,
            result: optional_str(m, Key::RESULT, "result")?,
        }),
        Some(&Key::EXIT) => IgnitionEvent::Exit(IgnitionExit { step: optional_str(m, Key::STEP, "step")?, client: client()? }),
        Some(&Key::ERROR) => {
            IgnitionEvent::Error(IgnitionError { message: optional_str(m, Key::MESSAGE, "message")?, client: client()? })
        }
        _ => return Ok(Decoded::Unknown(status)),
    };
    Ok(Decoded::Event(event))
}

impl<T> EventFields<T> for IgnitionEvent<T> {
    fn name(&self) -> Key {
        match self {
            IgnitionEvent::Complete(_) => Key::COMPLETE,
            IgnitionEvent::Exit(_) => Key::EXIT,
            IgnitionEvent::Error(_) => Key::ERROR,
        }
    }

    fn callback(&self) -> &'static str {
        match self {
            IgnitionEvent::Complete(_) => "onComplete",
            IgnitionEvent::Exit(_) => "onExit",
            IgnitionEvent::Error(_) => "onError",
        }
    }

    fn is_terminal(&self) -> bool {
        true
    }

    fn for_each_field(&self, f: &mut dyn FnMut(Key, &T)) {
        match self {
            IgnitionEvent::Complete(c) => {
                f(Key::AUTH_CODE, &c.auth_code);
                emit(f, Key::CLIENT, &c.client);
                emit(f, Key::RESULT, &c.result);
            }
            IgnitionEvent::Exit(e) => {
                emit(f, Key::STEP, &e.step);
                emit(f, Key::CLIENT, &e.client);
            }
            IgnitionEvent::Error(e) => {
                emit(f, Key::MESSAGE, &e.message);
                emit(f, Key::CLIENT, &e.client);
            }
        }
    }
}
