// "One session, three channels": for each vendor's flow, its last terminal event as the window
// message (a hint the user's browser could forge), as Ignition's redirect return would carry it, and
// as the vendor's webhook reached this site's server (the record), read there with
// embed-events/webhooks and pushed to this page over server-sent events (scripts/demo-webhooks.mjs).
// "Send a forged webhook" has the server post a Signere webhook signed with the wrong key to its own
// endpoint, which refuses it.
//
// Machine-readable for the end-to-end tests: window.__channels = { ignition: { message, redirect,
// webhook }, signere: { message, webhook }, received: [{ vendor, event }], refused: [{ vendor,
// status, code }], forged: [{ status, code }] }. A webhook fills its vendor's row when it is the
// one the row's message calls for, whichever of the two arrives first. Each webhook fills one row
// at most, and a message only takes one that came after the previous message of its vendor: the
// demo's sessions share a token, so nothing older can be told apart from an earlier session's.
import { readIgnitionRedirect } from "embed-events";
import { webhookTypeOf } from "./webhook-types.js";

const $ = (selector) => document.querySelector(selector);

/** Terminal events per watcher: the ones that end a session. */
const TERMINAL = {
  ignition: () => true,
  signere: (event) => ["sign_success", "user_aborted", "document_expired"].includes(event.type),
};

/** Fields never shown, not even in the demo: secrets and personal data. */
const HIDDEN = new Set(["authCode", "token", "socialSecurityNumber", "signatureMethodUniqueId", "dateOfBirth", "email", "ipAddress"]);
const masked = (value) => JSON.stringify(value, (key, v) => (HIDDEN.has(key) ? "•••" : v));

/** One line for a cell: the event's name, then its short fields (secrets masked); the whole in the title. */
function line(event, name) {
  const fields = Object.entries(event)
    .filter(([key, v]) => !["type", "status", "id", "createdAt", "timestamp", "accountId"].includes(key) && typeof v === "string")
    .map(([key, v]) => `${key} ${HIDDEN.has(key) ? "•••" : v.length > 14 ? `${v.slice(0, 12)}…` : v}`);
  return [name, ...fields].join(" · ");
}

const channels = { ignition: {}, signere: {}, received: [], refused: [], forged: [] };

/** Per vendor, the webhooks read since its last terminal message that no row has taken. */
const early = { ignition: [], signere: [] };

/** Whether webhook `event` reports the same end of the session as window message `message`. */
function matches(message, event) {
  if (!message || webhookTypeOf(message.status ?? message.type) !== event.type) return false;
  return message.status ? message.authCode === event.authCode : message.documentId === event.documentId;
}
window.__channels = channels;

function cell(vendor, name, text, state, whole = text) {
  const td = $(`#channels [data-channel="${vendor}"] [data-cell="${name}"]`);
  td.textContent = text;
  td.title = whole;
  td.dataset.state = state;
}

/** The redirect return Ignition would make with `event`, read as the redirect page reads it. */
function redirectOf(event) {
  const url = new URL("./redirect.html", location.href);
  for (const [key, value] of Object.entries(event)) url.searchParams.set(key, value);
  return readIgnitionRedirect(url);
}

/** A watcher delivered `event`: a terminal one starts the session's row afresh. */
export function showMessage(vendor, event) {
  if (!TERMINAL[vendor]?.(event)) return;
  const row = (channels[vendor] = { message: event });
  cell(vendor, "message", line(event, event.status ?? event.type), "received", masked(event));
  if (vendor === "ignition") {
    const redirect = redirectOf(event);
    row.redirect = { kind: redirect.kind, event: redirect.event };
    cell(vendor, "redirect", line(redirect.event, `${redirect.kind}: ${redirect.event.status}`), "received", masked(redirect.event));
  }
  cell(vendor, "webhook", "waiting for the vendor's server…", "waiting");
  // Its webhook may have come first; anything else that came first is an earlier session's.
  const webhook = early[vendor].findLast((e) => matches(event, e));
  early[vendor] = [];
  if (webhook) showWebhook(vendor, webhook);
}

function onWebhook(report) {
  if (!report.accepted) {
    channels.refused.push({ vendor: report.vendor, status: report.status, code: report.code });
    return;
  }
  channels.received.push({ vendor: report.vendor, event: report.event });
  const row = channels[report.vendor];
  if (!row.webhook && matches(row.message, report.event)) showWebhook(report.vendor, report.event);
  else early[report.vendor].push(report.event);
}

function showWebhook(vendor, event) {
  const row = channels[vendor];
  row.webhook = event;
  // What an integrator matches a webhook to its session by: Ignition's token (the frame URL's), the
  // signed document's id.
  const frameToken = new URL($("#ignition-frame").src).searchParams.get("token");
  const same = vendor === "ignition" ? event.token === frameToken : event.documentId === row.message?.documentId;
  cell(vendor, "webhook", `${same ? "✓ same session · " : ""}${line(event, event.type)}`, "received", masked(event));
}

async function forge() {
  const result = await (await fetch("./webhooks/forge", { method: "POST" })).json();
  channels.forged.push(result);
  const out = $("#forge-result");
  out.textContent = `${result.status} ${result.code ?? ""}`.trim();
  out.dataset.status = String(result.status);
}

/** Render the card and subscribe to the server's webhook reports. */
export function showChannels() {
  const head = (vendor, label, redirect) => {
    const tr = document.createElement("tr");
    tr.dataset.channel = vendor;
    const th = document.createElement("th");
    th.textContent = label;
    tr.append(th);
    for (const name of ["message", "redirect", "webhook"]) {
      const td = document.createElement("td");
      td.dataset.cell = name;
      td.textContent = name === "redirect" && !redirect ? "(none in this flow)" : "–";
      tr.append(td);
    }
    return tr;
  };
  $("#channels tbody").replaceChildren(head("ignition", "Ignition", true), head("signere", "Signere", false));
  $("#forge").addEventListener("click", () => forge().catch(() => ($("#forge-result").textContent = "the server did not answer")));
  const events = new EventSource("./webhooks/events");
  events.onmessage = (message) => onWebhook(JSON.parse(message.data));
  events.onopen = () => (document.body.dataset.webhooks = "connected");
}
