// The test-only vendor (tests/support/queue.rs) in the test build's types: its watcher, events,
// callbacks and options, and its webhooks' reader, events and options, exist with no hand-written
// line, beside the other vendors' types.
// Lines after `// @ts-expect-error` must not compile.

import {
  watchIgnition,
  watchQueue,
  Watcher,
  type IgnitionEvent,
  type QueueAdmitted,
  type QueueDone,
  type QueueEvent,
  type QueueOptions,
  type QueueTerminalEvent,
} from "embed-events";
import { useQueue, type UseQueueOptions } from "embed-events/react";
import {
  readQueueWebhook,
  readSignereWebhook,
  type QueueClosedWebhook,
  type QueueTicketIssuedWebhook,
  type QueueWebhook,
  type QueueWebhookOptions,
} from "embed-events/webhooks";

const options: QueueOptions = {
  environment: "staging",
  source: document.createElement("iframe"),
  onDone: (event: QueueDone) => {
    const ticket: string = event.ticket;
    void ticket;
  },
  onJoined: (event) => {
    const position: string = event.position;
    const eta: string | undefined = event.eta;
    void [position, eta];
  },
  onEvent: (event: QueueEvent) => {
    if (event.kind === "admitted") {
      const pass: string = event.pass;
      const seat: string | undefined = event.seat;
      void [pass, seat];
    }
  },
};
const watcher: Watcher<QueueTerminalEvent> = watchQueue(options);
watcher.outcome.then((event) => {
  const kind: "done" | "admitted" | "left" = event.kind;
  void kind;
});
const admitted: QueueAdmitted = { kind: "admitted", pass: "P" };
void admitted;
watchQueue();
const ignition: Watcher<IgnitionEvent> = watchIgnition();
void ignition;
// `Watcher` with no vendor named holds any vendor's watcher, this one's too (its default outcome is
// generated from the list of vendors).
const anyWatchers: Watcher[] = [watcher, ignition];
void anyWatchers;

const hookOptions: UseQueueOptions = { source: { current: null }, onDone: (event) => void event.ticket };
const state = useQueue(hookOptions);
const outcome: QueueTerminalEvent | undefined = state.outcome;
void outcome;

declare const request: Request;
const hookHeader: QueueWebhookOptions = { header: { name: "X-Queue-Token", value: "t" }, maxBytes: 4096 };
export async function receive(): Promise<void> {
  const event: QueueWebhook = await readQueueWebhook(request, hookHeader);
  switch (event.event) {
    case "ticket.issued": {
      const ticket: string = event.ticket;
      const pass: string | undefined = event.pass;
      void [ticket, pass, event.id, event.sentAt];
      break;
    }
    case "queue.closed":
      void (event.reason satisfies unknown);
      break;
    case "unknown":
      void [event.name satisfies string, event.data];
      break;
  }
  await readQueueWebhook({ body: "{}", headers: {} }, { unverified: true });
  await readSignereWebhook(request, { secret: "s" });
}
const issued: QueueTicketIssuedWebhook = { event: "ticket.issued", ticket: "T-7" };
const closed: QueueClosedWebhook = { event: "queue.closed" };
void [issued, closed];

// @ts-expect-error: Queue's webhooks are verified by a header, not a secret
void readQueueWebhook(request, { secret: "s" });
// @ts-expect-error: `ticket` is required on `ticket.issued`
const noTicket: QueueTicketIssuedWebhook = { event: "ticket.issued" };
void noTicket;
// @ts-expect-error: not one of Queue's webhook types
const notQueue: QueueWebhook["event"] = "ignition.completed";
void notQueue;
// @ts-expect-error: not one of Queue's environments
watchQueue({ environment: "production" });
// @ts-expect-error: `joined` is not terminal
const joined: QueueTerminalEvent["kind"] = "joined";
// @ts-expect-error: `ticket` is required on `done`
const done: QueueDone = { kind: "done" };
// @ts-expect-error: no such callback
watchQueue({ onComplete: () => {} });
// @ts-expect-error: a hook's source is a frame, a window or a ref
useQueue({ source: "frame" });
void [joined, done];
