// The webhook the demo's fake vendors send for each terminal window message, by the message's tag
// (Ignition's `status`, Signere's `type`): scripts/demo-webhooks.mjs sends them, and the channels
// card (channels.js) pairs each message with its webhook by it.

/** The webhook type that follows a terminal message, by the message's tag. */
export const WEBHOOK_TYPE = Object.freeze({
  complete: "ignition.completed",
  exit: "ignition.exited",
  error: "ignition.errored",
  sign_success: "document_signed",
  // A signer who aborts: the demo's document is canceled with them.
  user_aborted: "document_canceled",
  user_canceled: "document_canceled",
  document_expired: "document_expired",
});

/** The webhook type that follows the message with tag `tag`, or undefined when none does. */
export const webhookTypeOf = (tag) => (Object.hasOwn(WEBHOOK_TYPE, tag) ? WEBHOOK_TYPE[tag] : undefined);
