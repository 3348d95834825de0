//! Axle Ignition: event types, decoding, callback names, terminal events. Pure Rust.
//!
//! Ignition posts a flat object (or its JSON string) with a `status` of `complete`, `exit` or
//! `error`, and only when its URL carries an `origin` parameter (see `ignitionUrl`).

use core::fmt;

use crate::fields::{emit, optional_str, required_str, Decoded, EventFields, Malformed, Message};
use crate::vendor::{tag, Vendor};

/// The Axle Ignition vendor: `Watch::<Ignition>` watches it, `Ignition::decode` decodes its
/// messages.
///
/// ```
/// use embed_events::{Ignition, Vendor};
/// assert_eq!(Ignition::TAG, "status");
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

/// An Ignition event, discriminated by its `status`.
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
pub enum IgnitionEvent {
    /// `status: "complete"`: the user connected an account (terminal).
    Complete(IgnitionComplete),
    /// `status: "exit"`: the user left the flow (terminal).
    Exit(IgnitionExit),
    /// `status: "error"`: Ignition could not finish (terminal).
    Error(IgnitionError),
}

/// `{ status: "complete", authCode, client?, result? }`. `Debug` redacts the auth code.
///
/// ```
/// use embed_events::IgnitionComplete;
/// let done = IgnitionComplete { auth_code: "cod_secret".into(), client: None, result: Some("link".into()) };
/// assert!(!format!("{done:?}").contains("cod_secret"));
/// ```
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct IgnitionComplete {
    /// The authorization code to exchange, server-side, for an access token. Expires after 10
    /// minutes. A secret: never logged.
    pub auth_code: String,
    /// The client ID of the session.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub client: Option<String>,
    /// How the policy was obtained: `link`, `manual`, `proxy` (older: `basic`). An open string.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub result: Option<String>,
}

impl fmt::Debug for IgnitionComplete {
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
/// let exit = embed_events::IgnitionExit { step: Some("carrier-login".into()), client: None };
/// assert_eq!(exit.step.as_deref(), Some("carrier-login"));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct IgnitionExit {
    /// The step where the user left (an opaque string).
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub step: Option<String>,
    /// The client ID of the session.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub client: Option<String>,
}

/// `{ status: "error", message?, client? }`.
///
/// ```
/// let error = embed_events::IgnitionError { message: Some("carrier unavailable".into()), client: None };
/// assert!(error.message.is_some());
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize), serde(rename_all = "camelCase"))]
pub struct IgnitionError {
    /// What went wrong, as Ignition words it.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub message: Option<String>,
    /// The client ID of the session.
    #[cfg_attr(feature = "serde", serde(skip_serializing_if = "Option::is_none"))]
    pub client: Option<String>,
}

impl Vendor for Ignition {
    type Event = IgnitionEvent;
    const NAME: &'static str = "Ignition";
    const WATCH_FN: &'static str = "watchIgnition";
    const TAG: &'static str = "status";
    const CALLBACKS: &'static [&'static str] = &["onComplete", "onExit", "onError"];

    fn decode<M: Message>(message: &M) -> Decoded<IgnitionEvent> {
        match decode(message) {
            Ok(decoded) => decoded,
            Err(malformed) => Decoded::Malformed(malformed),
        }
    }

    fn default_origin() -> Option<&'static str> {
        Some(PRODUCTION)
    }
}

fn decode<M: Message>(m: &M) -> Result<Decoded<IgnitionEvent>, Malformed> {
    let status = tag(m, Ignition::TAG)?;
    let client = || optional_str(m, "client", "client");
    let event = match status.as_str() {
        "complete" => IgnitionEvent::Complete(IgnitionComplete {
            auth_code: required_str(m, "authCode", "authCode")?,
            client: client()?,
            result: optional_str(m, "result", "result")?,
        }),
        "exit" => IgnitionEvent::Exit(IgnitionExit { step: optional_str(m, "step", "step")?, client: client()? }),
        "error" => {
            IgnitionEvent::Error(IgnitionError { message: optional_str(m, "message", "message")?, client: client()? })
        }
        _ => return Ok(Decoded::Unknown(status)),
    };
    Ok(Decoded::Event(event))
}

impl EventFields for IgnitionEvent {
    fn name(&self) -> &'static str {
        match self {
            IgnitionEvent::Complete(_) => "complete",
            IgnitionEvent::Exit(_) => "exit",
            IgnitionEvent::Error(_) => "error",
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

    fn for_each_field(&self, f: &mut dyn FnMut(&'static str, &str)) {
        match self {
            IgnitionEvent::Complete(c) => {
                f("authCode", &c.auth_code);
                emit(f, "client", &c.client);
                emit(f, "result", &c.result);
            }
            IgnitionEvent::Exit(e) => {
                emit(f, "step", &e.step);
                emit(f, "client", &e.client);
            }
            IgnitionEvent::Error(e) => {
                emit(f, "message", &e.message);
                emit(f, "client", &e.client);
            }
        }
    }
}
