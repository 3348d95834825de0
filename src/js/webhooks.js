// embed-events/webhooks, the server entry: `WebhookError`, and each vendor's reader
// (`readIgnitionWebhook`, `readSignereWebhook`), which the build writes from the list of vendors that
// declare webhooks (webhook-readers.js: one line each over webhook-reader.js's `reader`).
export { WebhookError } from "./webhook-reader.js";
export * from "./webhook-readers.js";
