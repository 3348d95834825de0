//! Axle Ignition: the user connects an insurance account. Ignition posts a flat object (or its
//! JSON string) with a `status`, and only when its URL carries an `origin` parameter (see
//! [`ignition_url`](crate::ignition_url)).

crate::vendor! {
    /// The Axle Ignition vendor: [`Watch::<Ignition>`](crate::Watch) watches it,
    /// [`decode::<Ignition>`](crate::decode) decodes its messages.
    ///
    /// ```
    /// use embed_events::{Ignition, Vendor};
    /// assert_eq!(Ignition::TABLE.tag, "status");
    /// let callbacks: Vec<_> = Ignition::TABLE.events.iter().map(|e| e.callback).collect();
    /// assert_eq!(callbacks, ["onComplete", "onExit", "onError"]);
    /// ```
    pub struct Ignition;

    /// An Ignition event, discriminated by its `status`. Every event is terminal.
    ///
    /// ```
    /// use embed_events::IgnitionEvent;
    /// fn handle(event: IgnitionEvent) {
    ///     match event {
    ///         IgnitionEvent::Complete { auth_code, .. } => println!("exchange the code ({} chars)", auth_code.len()),
    ///         IgnitionEvent::Exit { step, .. } => println!("left at {step:?}"),
    ///         IgnitionEvent::Error { message, .. } => println!("failed: {message:?}"),
    ///     }
    /// }
    /// let done = IgnitionEvent::Complete { auth_code: "cod_secret".into(), client: None, result: None };
    /// assert!(!format!("{done:?}").contains("cod_secret"));
    /// ```
    pub enum IgnitionEvent {
        name: "Ignition", watch_fn: "watchIgnition", tag: "status",
        environments: [
            ("production", "https://ignition.axle.insure"),
            ("sandbox", "https://ignition.sandbox.axle.insure"),
        ],
        default_origin: Some("https://ignition.axle.insure"),
        objects: [],
        url_parameter: Some(("origin", "ignitionUrl")),
        silence_hint: "check that the frame loads and that the \"origin\" query parameter of its URL is this page's origin (ignitionUrl(url) sets it).",
        events: {
            /// `complete`: the user connected an insurance account.
            Complete = "complete" [] => "onComplete", terminal: true,
            example: r#"{"status":"complete","authCode":"cod_LwPJhgxnjinMEPfGYc-XV","client":"cli_Rk7pW2xQd9FvM3tZ","result":"link"}"#, {
                /// The authorization code to exchange, server-side, for an access token: send it to
                /// your backend. Expires after 10 minutes.
                auth_code: required "authCode" secret ["authCode"],
                /// The client ID of the session.
                client: optional "client" plain ["client"],
                /// How the policy was obtained: `link`, `manual`, `proxy` (older: `basic`). An open
                /// string.
                result: optional "result" plain ["result"],
            },
            /// `exit`: the user left the flow.
            Exit = "exit" [] => "onExit", terminal: true,
            example: r#"{"status":"exit","step":"carrier-login","client":"cli_Rk7pW2xQd9FvM3tZ"}"#, {
                /// The step where the user left (an opaque string).
                step: optional "step" plain ["step"],
                /// The client ID of the session.
                client: optional "client" plain ["client"],
            },
            /// `error`: Ignition could not finish.
            Error = "error" [] => "onError", terminal: true,
            example: r#"{"status":"error","message":"The carrier's website did not respond","client":"cli_Rk7pW2xQd9FvM3tZ"}"#, {
                /// What went wrong, as Ignition words it.
                message: optional "message" plain ["message"],
                /// The client ID of the session.
                client: optional "client" plain ["client"],
            },
        }
    }
}

/// Which Ignition deployment a watcher expects messages from (its `environment` option).
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
    /// The name the `environment` option takes (`"production"`, `"sandbox"`).
    pub fn name(self) -> &'static str {
        self.entry().0
    }

    /// The message origin of this deployment.
    pub fn origin(self) -> &'static str {
        self.entry().1
    }

    /// `"production"` or `"sandbox"`.
    pub fn parse(name: &str) -> Option<Environment> {
        [Environment::Production, Environment::Sandbox].into_iter().find(|e| e.name() == name)
    }

    fn entry(self) -> (&'static str, &'static str) {
        use crate::Vendor;
        let environments = Ignition::TABLE.environments;
        environments.get(self as usize).copied().unwrap_or_default()
    }
}

crate::webhook_record! {
    /// The envelope of an Axle webhook: `{ id, type, data, createdAt }`.
    pub struct IgnitionEnvelope {
        /// The event's id (`evt_…`): deduplicate retries by it.
        id: string "id" plain ["id"],
        /// When the event happened (ISO 8601).
        created_at: string "createdAt" plain ["createdAt"],
    }
}

crate::webhooks! {
    /// An Axle webhook, discriminated by its `type`: the session's `ignition.*` events, and with
    /// monitoring switched on, the `account.*` and `policy.*` events. Axle does not sign its
    /// webhooks: it sends a custom header agreed with it, which
    /// [`read_ignition_webhook`](crate::webhook::read_ignition_webhook) compares in constant time.
    ///
    /// `token` and `authCode` are secrets: `Debug` redacts them.
    ///
    /// ```
    /// use embed_events::IgnitionWebhook;
    /// fn handle(event: IgnitionWebhook) {
    ///     match event {
    ///         IgnitionWebhook::Completed { envelope, auth_code, .. } => println!("{:?}: exchange the code ({} chars)", envelope.id, auth_code.len()),
    ///         IgnitionWebhook::Unknown { name, .. } => println!("new event type {name}"),
    ///         other => println!("{other:?}"),
    ///     }
    /// }
    /// ```
    pub enum IgnitionWebhook {
        vendor: "Ignition", read_fn: "readIgnitionWebhook", tag: "type", data: "data",
        verification: CustomHeader,
        envelope: IgnitionEnvelope,
        events: {
            before {
                /// The client ID.
                client: required string "client" plain ["client"],
            }
            after {
                /// The user, as sent.
                user: optional object "user" plain ["user"],
                /// The metadata, as sent.
                metadata: optional object "metadata" plain ["metadata"],
            }
            for {
                before {
                    /// The Ignition session token (`ign_…`). A secret.
                    token: required string "token" secret ["token"],
                }
                for {
                    /// `ignition.created`: the session was started.
                    Created = "ignition.created" {},
                    /// `ignition.opened`: the user opened the session.
                    Opened = "ignition.opened" {},
                    /// `ignition.completed`: the user connected an account.
                    Completed = "ignition.completed" {
                        /// The authorization code to exchange for an access token. A secret.
                        auth_code: required string "authCode" secret ["authCode"],
                        /// How the policy was obtained: `link`, `manual`, `proxy` (an open string).
                        result: optional string "result" plain ["result"],
                    },
                    /// `ignition.exited`: the user left the flow.
                    Exited = "ignition.exited" {
                        /// The step where the user left (an opaque string).
                        step: optional string "step" plain ["step"],
                    },
                    /// `ignition.errored`: Ignition could not finish.
                    Errored = "ignition.errored" {
                        /// What went wrong, as Ignition words it.
                        message: optional string "message" plain ["message"],
                    },
                },
                // Monitoring.
                before {
                    /// The Account's id (`account.*`) or the Policy's (`policy.*`).
                    reference: required string "ref" plain ["ref"],
                    /// The account (for `policy.modified`, the policy's), as sent.
                    account: optional json "account" plain ["account"],
                }
                for {
                    /// `account.modified` (monitoring): a connected account changed.
                    AccountModified = "account.modified" {},
                    /// `account.disconnected` (monitoring): Axle lost access to an account.
                    AccountDisconnected = "account.disconnected" {},
                    /// `policy.modified` (monitoring): a policy changed.
                    PolicyModified = "policy.modified" {},
                },
            }
        }
    }
}
