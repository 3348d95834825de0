// The demo's third channel: webhooks, both ways.
//
// - The fake vendors' server (the vendor origin of scripts/serve.mjs): when a fake vendor frame posts a
//   terminal message, it also tells its own server (`POST /webhook`), which sends the matching
//   webhook to the demo's host server as the real vendor would: Signere's signed with HMAC-SHA256 of
//   the raw body under the demo secret (`X-Idfy-Signature`), Axle's with the custom header the
//   integrator asked for.
// - The host server reads each one with `embed-events/webhooks` (dist/webhooks.js, as an installed
//   package would be imported), answers as a handler should (204, or the WebhookError's status with
//   its code), and pushes what it read to the page over server-sent events (`GET /webhooks/events`).
//   `POST /webhooks/forge` sends a forged Signere webhook to the host's own endpoint, over HTTP like
//   anyone on the network could, and answers with what the endpoint said (401 and its code).
//
// The demo's secret and header value are demo values, never production ones, and are never shown.
import { createHmac, randomUUID } from "node:crypto";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { webhookTypeOf } from "../www/host/webhook-types.js";

/** The demo's verification settings: what the fake vendors send and the host's handler expects. */
export const DEMO_WEBHOOKS = Object.freeze({
  signere: Object.freeze({ secret: "demo-only-signere-secret" }),
  ignition: Object.freeze({ header: Object.freeze({ name: "X-Axle-Demo-Secret", value: "demo-only-axle-header" }) }),
});

const SIGNER = { signerId: "954393cf-1086-4a2b-a98a-97e1feeded87", signerName: "Demo Signer", signatureMethod: "no_bankid" };

/**
 * The webhook body the fake vendor sends when its frame posted terminal message `data` (the
 * message object), for the frame at `frameUrl`; or null when that message has no webhook. Ignition's
 * carries the session's `token` (the frame URL's), Signere's the document's id: what an integrator
 * matches a webhook to its session by.
 */
export function webhookFor(vendor, data, frameUrl) {
  const now = new Date().toISOString();
  const id = `evt_${randomUUID()}`;
  if (vendor === "ignition") {
    const type = webhookTypeOf(data.status);
    const token = new URL(frameUrl).searchParams.get("token") ?? "ign_unknown";
    const fields = {
      "ignition.completed": { authCode: data.authCode, result: data.result },
      "ignition.exited": { step: data.step },
      "ignition.errored": { message: data.message },
    };
    return Object.hasOwn(fields, type) ? { id, type, createdAt: now, data: { client: data.client, token, ...fields[type] } } : null;
  }
  if (vendor === "signere") {
    const type = webhookTypeOf(data.type);
    const documentId = data.payload?.documentId;
    const fields = {
      document_signed: { documentId, signedTime: now, signers: [{ ...SIGNER, signedTime: now }] },
      document_canceled: { documentId, message: "The signer aborted" },
      document_expired: { documentId, externalDocumentId: data.payload?.externalDocumentId },
    };
    return Object.hasOwn(fields, type) && documentId ? { id, timestamp: now, accountId: "demo-account", type, payload: fields[type] } : null;
  }
  return null;
}

/** The headers vendor `vendor` sends with raw body `body`; `forge`: a signature made with the wrong key. */
export function webhookHeaders(vendor, body, { forge = false } = {}) {
  if (vendor === "signere") {
    const key = forge ? "not-the-secret" : DEMO_WEBHOOKS.signere.secret;
    return { "content-type": "application/json", "x-idfy-signature": createHmac("sha256", key).update(body).digest("hex") };
  }
  const { name, value } = DEMO_WEBHOOKS.ignition.header;
  return { "content-type": "application/json", [name]: forge ? "guessed" : value };
}

/** POST webhook `body` (an object) from vendor `vendor` to `url`; resolves to `{ status, code }`. */
export async function sendWebhook(url, vendor, body, options) {
  const raw = JSON.stringify(body);
  const response = await fetch(url, { method: "POST", headers: webhookHeaders(vendor, raw, options), body: raw });
  const code = response.status >= 400 ? (await response.text()).trim() : undefined;
  return { status: response.status, code };
}

/** The request's body, as bytes; at most `max` bytes (a longer one rejects). */
function readBody(req, max = 1 << 20) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > max) {
        reject(new Error("body too large"));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function sendJson(res, status, value) {
  const body = JSON.stringify(value);
  res.writeHead(status, { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" });
  res.end(body);
}

/**
 * The fake vendors' side: `POST /webhook` from a vendor frame, `{ vendor, message, url }`, sends that
 * message's webhook to the host (`hostUrl()` at the time) and answers `{ sent, status, code }`.
 * Returns a request handler that answers true when it handled the request.
 */
export function vendorWebhooks(hostUrl) {
  return (req, res) => {
    if (req.method !== "POST" || new URL(req.url, "http://x").pathname !== "/webhook") return false;
    readBody(req, 64 << 10)
      .then(async (bytes) => {
        const { vendor, message, url } = JSON.parse(bytes.toString("utf8"));
        const body = webhookFor(vendor, message, url);
        if (!body) return sendJson(res, 200, { sent: false });
        const result = await sendWebhook(`${hostUrl()}/webhooks/${vendor}`, vendor, body);
        sendJson(res, 200, { sent: true, type: body.type, ...result });
      })
      .catch(() => sendJson(res, 400, { sent: false }));
    return true;
  };
}

/**
 * The host's side: `POST /webhooks/{signere,ignition}` read with embed-events/webhooks, `GET
 * /webhooks/events` (server-sent events: each webhook read, or refused with its code), and `POST
 * /webhooks/forge`. Returns `{ handle(req, res) → boolean, close() }`.
 */
export function hostWebhooks(root, hostUrl) {
  const clients = new Set();
  let reader;
  const load = () => (reader ??= import(pathToFileURL(join(root, "dist", "webhooks.js")).href));
  const push = (value) => {
    const line = `data: ${JSON.stringify(value)}\n\n`;
    for (const res of clients) res.write(line);
  };

  async function receive(vendor, req, res) {
    const { readSignereWebhook, readIgnitionWebhook, WebhookError } = await load();
    const read = vendor === "signere" ? readSignereWebhook : readIgnitionWebhook;
    let body;
    try {
      body = await readBody(req);
    } catch {
      res.writeHead(413).end("body_too_large");
      return;
    }
    try {
      const event = await read({ body, headers: req.headers }, DEMO_WEBHOOKS[vendor]);
      // Answer at once (the vendor retries what is not acknowledged in time); the page is told after.
      res.writeHead(204).end();
      push({ vendor, accepted: true, event });
    } catch (error) {
      if (!(error instanceof WebhookError)) throw error;
      res.writeHead(error.status, { "Content-Type": "text/plain; charset=utf-8" }).end(error.code);
      push({ vendor, accepted: false, status: error.status, code: error.code });
    }
  }

  function handle(req, res) {
    const path = new URL(req.url, "http://x").pathname;
    if (req.method === "GET" && path === "/webhooks/events") {
      res.writeHead(200, { "Content-Type": "text/event-stream", "Cache-Control": "no-store", Connection: "keep-alive" });
      res.write(": connected\n\n");
      clients.add(res);
      req.on("close", () => clients.delete(res));
      return true;
    }
    if (req.method !== "POST") return false;
    const vendor = /^\/webhooks\/(signere|ignition)$/.exec(path)?.[1];
    if (vendor) {
      receive(vendor, req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
      return true;
    }
    if (path === "/webhooks/forge") {
      // A document_signed for the demo document, signed with a key that is not the secret.
      const forged = { id: `evt_${randomUUID()}`, type: "document_signed", payload: { documentId: "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41", signers: [SIGNER] } };
      sendWebhook(`${hostUrl()}/webhooks/signere`, "signere", forged, { forge: true })
        .then((result) => sendJson(res, 200, result))
        .catch(() => sendJson(res, 502, {}));
      return true;
    }
    return false;
  }

  return {
    handle,
    close() {
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
