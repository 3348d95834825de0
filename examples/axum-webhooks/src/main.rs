//! An axum server that receives both vendors' webhooks with embed-events: Signere / Idfy's at
//! `POST /webhooks/signere` (HMAC-SHA256 of the raw body in `X-Idfy-Signature`), Axle's at
//! `POST /webhooks/ignition` (the custom header Axle was asked to send). See README.md.
//!
//! ```sh
//! IDFY_WEBHOOK_SECRET=… AXLE_WEBHOOK_HEADER_VALUE=… cargo run -- 3000
//! ```

use std::collections::HashSet;
use std::sync::{Arc, Mutex, PoisonError};

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use embed_events::webhook::{read_ignition_webhook, read_signere_webhook, IgnitionOptions, SignereOptions, Webhook, WebhookError};
use embed_events::{IgnitionWebhook, SignereWebhook};

/// The largest body accepted: the crate's default, also given to axum so that a larger body is
/// refused before it is read into memory.
const MAX_BYTES: usize = embed_events::webhook::DEFAULT_MAX_BYTES;

/// The header Axle sends when `AXLE_WEBHOOK_HEADER_NAME` is not set.
const AXLE_HEADER_NAME: &str = "X-Axle-Webhook-Secret";

#[derive(Clone)]
struct App {
    signere: Arc<SignereOptions>,
    ignition: Arc<IgnitionOptions>,
    /// The ids of the events already accepted. It stands in for a database table with a unique
    /// constraint on the event id (`INSERT INTO webhook_events (id) VALUES ($1) ON CONFLICT DO
    /// NOTHING`, then "was a row inserted?"): the vendors retry a delivery they think failed, so
    /// the same event can arrive twice, also on two servers at once.
    seen: Arc<Mutex<HashSet<String>>>,
}

// The raw body as bytes (`Bytes`, never `Json<…>` or `String`: the signature is over the bytes as
// sent) and the request's `HeaderMap`.
async fn signere(State(app): State<App>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match raw_body("signere", body) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    match read_signere_webhook(&body, &headers, &app.signere) {
        Ok(event) => {
            // Debug redacts personal fields (a signer's socialSecurityNumber, dateOfBirth, …).
            println!("signere webhook: {event:?}");
            app.accept(event, process_signere)
        }
        Err(error) => refuse("signere", error),
    }
}

async fn ignition(State(app): State<App>, headers: HeaderMap, body: Result<Bytes, BytesRejection>) -> Response {
    let body = match raw_body("ignition", body) {
        Ok(body) => body,
        Err(answer) => return answer,
    };
    match read_ignition_webhook(&body, &headers, &app.ignition) {
        Ok(event) => {
            // Debug redacts `token` and `authCode`.
            println!("ignition webhook: {event:?}");
            app.accept(event, process_ignition)
        }
        Err(error) => refuse("ignition", error),
    }
}

impl App {
    /// The options from the environment: the server refuses to start without them (an
    /// unverified webhook is one anybody can forge).
    fn from_env() -> Result<App, String> {
        let var = |name: &str| std::env::var(name).map_err(|_| format!("{name} is not set (see examples/axum-webhooks/README.md)"));
        let signere = SignereOptions::new(var("IDFY_WEBHOOK_SECRET")?).map_err(|e| format!("IDFY_WEBHOOK_SECRET: {e}"))?;
        let name = std::env::var("AXLE_WEBHOOK_HEADER_NAME").unwrap_or_else(|_| AXLE_HEADER_NAME.to_owned());
        let ignition = IgnitionOptions::new(&name, var("AXLE_WEBHOOK_HEADER_VALUE")?).map_err(|e| format!("AXLE_WEBHOOK_HEADER_*: {e}"))?;
        Ok(App {
            signere: Arc::new(signere.max_bytes(MAX_BYTES)),
            ignition: Arc::new(ignition.max_bytes(MAX_BYTES)),
            seen: Arc::default(),
        })
    }

    /// Acknowledge a verified event at once; process it afterwards, once. Idfy expects a 2xx
    /// within 10 seconds, and retries otherwise.
    fn accept<W: Webhook + Send>(&self, event: W, process: fn(W)) -> Response {
        let first = match event.id() {
            Some(id) => self.seen.lock().unwrap_or_else(PoisonError::into_inner).insert(id.to_owned()),
            // Signere's `{ type, payload }` form has no id: nothing to deduplicate by.
            None => true,
        };
        let answer = Json(serde_json::json!({ "type": event.name(), "id": event.id(), "duplicate": !first }));
        if first {
            // The slow work (a database, fetching the signed document) runs after the answer.
            tokio::spawn(async move { process(event) });
        }
        answer.into_response()
    }
}

/// A refused webhook: its status (401, 413, 400) and its code. `Display` names the code and, for
/// `malformed`, the field at fault: never a secret, a header value or a value from the body.
fn refuse(vendor: &str, error: WebhookError) -> Response {
    eprintln!("{vendor} webhook refused: {error}");
    let status = StatusCode::from_u16(error.status()).unwrap_or(StatusCode::BAD_REQUEST);
    (status, error.code()).into_response()
}

/// The raw body, or the answer when axum could not read it (413 past `MAX_BYTES`).
fn raw_body(vendor: &str, body: Result<Bytes, BytesRejection>) -> Result<Bytes, Response> {
    body.map_err(|rejection| match rejection.status() {
        StatusCode::PAYLOAD_TOO_LARGE => refuse(vendor, WebhookError::BodyTooLarge),
        _ => rejection.into_response(),
    })
}

/// The application's work, after the answer: here, a line on stdout per event processed.
fn process_signere(event: SignereWebhook) {
    match &event {
        SignereWebhook::DocumentSigned { document_id, signers, .. } => {
            println!("processed {} {:?}: document {document_id} signed by {} signer(s)", event.name(), event.id(), signers.len())
        }
        _ => println!("processed {} {:?}", event.name(), event.id()),
    }
}

fn process_ignition(event: IgnitionWebhook) {
    match &event {
        // Here a back end exchanges the authCode with Axle for the policy (never log the code).
        IgnitionWebhook::Completed { client, .. } => println!("processed {} {:?}: client {client} completed", event.name(), event.id()),
        _ => println!("processed {} {:?}", event.name(), event.id()),
    }
}

fn router(app: App) -> Router {
    Router::new()
        .route("/webhooks/signere", post(signere))
        .route("/webhooks/ignition", post(ignition))
        .layer(DefaultBodyLimit::max(MAX_BYTES))
        .with_state(app)
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let app = App::from_env().unwrap_or_else(|message| {
        eprintln!("axum-webhooks: {message}");
        std::process::exit(2)
    });
    // The port: the first argument, else PORT, else 3000; 0 picks a free one.
    let port = std::env::args().nth(1).or_else(|| std::env::var("PORT").ok()).unwrap_or_else(|| "3000".to_owned());
    let port: u16 = port.parse().unwrap_or_else(|_| {
        eprintln!("axum-webhooks: the port must be a number, not {port:?}");
        std::process::exit(2)
    });
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await.unwrap_or_else(|e| {
        eprintln!("axum-webhooks: cannot listen on 127.0.0.1:{port}: {e}");
        std::process::exit(1)
    });
    let address = listener.local_addr().expect("a bound listener has an address");
    // The test reads this line for the port.
    println!("listening on http://{address}");
    if let Err(e) = axum::serve(listener, router(app)).await {
        eprintln!("axum-webhooks: {e}");
        std::process::exit(1)
    }
}
