// A third vendor, declared in one file with `embed_events::vendor!` (and its webhooks with
// `embed_events::webhooks!`): what adding a vendor takes.
// A waiting-room frame posts `{ kind, … }`, most details inside a `detail` object. It uses what the
// macro offers: required, optional and secret fields, aliases, fields read from several places
// (first present wins, inside and outside the container), environments and a default origin.
// Self-contained (no other support file, no serde_json) so that native and browser tests alike can
// include it with `#[path]`: tests/queue.rs decodes its messages natively, tests/browser.rs watches
// it in a page.
#![allow(dead_code)]

embed_events::vendor! {
    /// A waiting-room vendor whose frame posts `{ kind: "done", ticket }`, `{ kind: "joined",
    /// detail: { position } }` and so on.
    pub struct Queue;
    /// A Queue event, discriminated by its `kind`.
    pub enum QueueEvent {
        name: "Queue", watch_fn: "watchQueue", tag: "kind",
        environments: [
            ("live", "https://queue.example"),
            ("staging", "https://staging.queue.example"),
        ],
        default_origin: Some("https://queue.example"),
        objects: ["detail"],
        url_parameter: None,
        silence_hint: "check that the queue page loads and posts its messages to this page.",
        events: {
            /// `done`: the user left the queue with a ticket.
            Done = "done" [] => "onDone", terminal: true,
            example: r#"{"kind":"done","ticket":"T-7"}"#, {
                /// The ticket number.
                ticket: required "ticket" plain ["ticket"],
            },
            /// `joined` (older frames: `entered`, `queued`): the user is in the queue.
            Joined = "joined" ["entered", "queued"] => "onJoined", terminal: false,
            example: r#"{"kind":"joined","detail":{"position":"3","eta":"5 min"},"ticket":"T-1"}"#, {
                /// The place in the queue (newer frames put it in `detail`).
                position: required "position" plain ["detail.position", "position"],
                /// The estimated wait.
                eta: optional "eta" plain ["detail.eta"],
                /// The ticket, when one is issued on joining.
                ticket: optional "ticket" plain ["ticket", "detail.ticket"],
            },
            /// `admitted`: the user's turn came.
            Admitted = "admitted" [] => "onAdmitted", terminal: true,
            example: r#"{"kind":"admitted","detail":{"pass":"P-4f9c2","seat":{"id":"12A"},"note":"Door B"}}"#, {
                /// The pass that admits the user.
                pass: required "pass" secret ["detail.pass"],
                /// The seat, in any of three forms: `detail.seat.id` wins over `detail.seatId`,
                /// which wins over `seat`.
                seat: optional "seat" plain ["detail.seat.id", "detail.seatId", "seat"],
                /// A note for the user.
                note: optional "note" secret ["detail.note"],
            },
            /// `left` (or `abandoned`): the user gave up.
            Left = "left" ["abandoned"] => "onLeft", terminal: true,
            example: r#"{"kind":"left","reason":"took too long"}"#, {
                /// Why, when the frame says.
                reason: optional "reason" plain ["reason", "detail.reason"],
            },
            /// `ping`: the frame is alive.
            Ping = "ping" [] => "onPing", terminal: false,
            example: r#"{"kind":"ping"}"#, {},
        }
    }
}

// Its webhooks, declared beside the messages as a vendor's are: verified by a header agreed with
// the vendor (as Ignition's), with an envelope, required, optional and secret fields, an alias and
// a value passed through. The npm test build writes `readQueueWebhook` and its types from it.
embed_events::webhook_record! {
    /// The envelope of a Queue webhook: `{ id, event, body, sentAt }`.
    pub struct QueueEnvelope {
        /// The delivery's id: deduplicate retries by it.
        id: string "id" plain ["id"],
        /// When the webhook was sent (older senders: `sent_at`).
        sent_at: string "sentAt" plain ["sentAt", "sent_at"],
    }
}

embed_events::webhooks! {
    /// A Queue webhook, discriminated by its `event`, verified by a header agreed with the vendor.
    pub enum QueueWebhook {
        vendor: "Queue", read_fn: "readQueueWebhook", tag: "event", data: "body",
        verification: CustomHeader,
        envelope: QueueEnvelope,
        events: {
            /// `ticket.issued`: a user was given a ticket.
            TicketIssued = "ticket.issued" {
                /// The ticket number (older senders: `number`).
                ticket: required string "ticket" plain ["ticket", "number"],
                /// The pass that admits the user (older senders: `passCode`). A secret.
                pass: optional string "pass" secret ["pass", "passCode"],
            },
            /// `queue.closed`: the queue closed for the day.
            Closed = "queue.closed" {
                /// Why, as the vendor sent it.
                reason: optional json "reason" plain ["reason"],
            },
        }
    }
}

/// What a Queue message must come out as.
pub enum Want {
    /// This event value (JSON text, as `JSON.stringify` writes it).
    Event(&'static str),
    /// `onUnknown` with this name.
    Unknown(&'static str),
    /// Ignored as malformed, with this detail.
    Malformed(&'static str),
}

/// Queue messages (JSON text, meaningful as a string and as the object it parses to) and what they
/// decode to.
pub const QUEUE_CASES: &[(&str, Want)] = &[
    // Events, with and without their optional fields; extra fields dropped.
    (r#"{"kind":"done","ticket":"T-7"}"#, Want::Event(r#"{"kind":"done","ticket":"T-7"}"#)),
    (r#"{"kind":"done","ticket":"T-7","extra":{"a":1},"detail":{"ticket":"T-9"}}"#, Want::Event(r#"{"kind":"done","ticket":"T-7"}"#)),
    (r#"{"kind":"joined","detail":{"position":"3","eta":"5 min"},"ticket":"T-1"}"#, Want::Event(r#"{"kind":"joined","position":"3","eta":"5 min","ticket":"T-1"}"#)),
    (r#"{"kind":"joined","position":"4"}"#, Want::Event(r#"{"kind":"joined","position":"4"}"#)),
    (r#"{"kind":"admitted","detail":{"pass":"P-secret","seat":{"id":"12A"}}}"#, Want::Event(r#"{"kind":"admitted","pass":"P-secret","seat":"12A"}"#)),
    (r#"{"kind":"left"}"#, Want::Event(r#"{"kind":"left"}"#)),
    (r#"{"kind":"ping","detail":null}"#, Want::Event(r#"{"kind":"ping"}"#)),
    // Aliases are delivered under the event's name.
    (r#"{"kind":"entered","position":"9"}"#, Want::Event(r#"{"kind":"joined","position":"9"}"#)),
    (r#"{"kind":"queued","detail":{"position":"1"}}"#, Want::Event(r#"{"kind":"joined","position":"1"}"#)),
    (r#"{"kind":"abandoned","detail":{"reason":"slow"}}"#, Want::Event(r#"{"kind":"left","reason":"slow"}"#)),
    // Precedence: the first present source wins; null counts as absent.
    (r#"{"kind":"joined","detail":{"position":"inner"},"position":"outer"}"#, Want::Event(r#"{"kind":"joined","position":"inner"}"#)),
    (r#"{"kind":"joined","detail":{"position":null},"position":"outer"}"#, Want::Event(r#"{"kind":"joined","position":"outer"}"#)),
    (
        r#"{"kind":"admitted","seat":"C","detail":{"pass":"p","seatId":"B","seat":{"id":"A"}}}"#,
        Want::Event(r#"{"kind":"admitted","pass":"p","seat":"A"}"#),
    ),
    (r#"{"kind":"admitted","seat":"C","detail":{"pass":"p","seatId":"B"}}"#, Want::Event(r#"{"kind":"admitted","pass":"p","seat":"B"}"#)),
    (r#"{"kind":"admitted","seat":"C","detail":{"pass":"p","seat":null}}"#, Want::Event(r#"{"kind":"admitted","pass":"p","seat":"C"}"#)),
    (r#"{"kind":"left","reason":"a","detail":{"reason":"b"}}"#, Want::Event(r#"{"kind":"left","reason":"a"}"#)),
    // Malformed: missing required fields (blamed on the first source), wrong types at any source,
    // containers that are not objects.
    (r#"{"kind":"done"}"#, Want::Malformed("ticket: missing")),
    (r#"{"kind":"joined","detail":{}}"#, Want::Malformed("detail.position: missing")),
    (r#"{"kind":"admitted","detail":{"pass":null}}"#, Want::Malformed("detail.pass: missing")),
    (r#"{"kind":"joined","detail":{"position":"1"},"position":2}"#, Want::Malformed("position: expected a string")),
    (r#"{"kind":"admitted","detail":{"pass":"p","seatId":7},"seat":"C"}"#, Want::Malformed("detail.seatId: expected a string")),
    (r#"{"kind":"admitted","detail":{"pass":"p","seat":"12A"}}"#, Want::Malformed("detail.seat: expected an object")),
    (r#"{"kind":"ping","detail":"x"}"#, Want::Malformed("detail: expected an object")),
    (r#"{"kind":"left","detail":[]}"#, Want::Malformed("detail: expected an object")),
    (r#"{"detail":{"position":"1"}}"#, Want::Malformed("kind: missing")),
    (r#"{"kind":{"name":"done"}}"#, Want::Malformed("kind: expected a string")),
    // Unknown kinds, whatever else the message holds; the other vendors' tags mean nothing here.
    (r#"{"kind":"moved","ticket":"T-7"}"#, Want::Unknown("moved")),
    (r#"{"kind":"Done","detail":"x"}"#, Want::Unknown("Done")),
    (r#"{"kind":"complete","status":"complete","type":"sign_success","authCode":"c"}"#, Want::Unknown("complete")),
    (r#"{"status":"complete","authCode":"c"}"#, Want::Malformed("kind: missing")),
];
