// Writes the shared webhook cases (signere.json, ignition.json, verification.json, hostile.json)
// that both implementations run: tests/webhooks.rs (Rust) and the JavaScript entry's tests.
//
//   node tests/data/webhooks/generate.mjs
//
// Every expected event and error is written here by hand, from ../../../../shared/api.md's
// "Webhooks" section; only the signatures are computed (Node's own HMAC-SHA256, independent of
// both implementations).
//
// A case: { name, vendor: "signere" | "ignition", body (the raw body as text) or bodyBase64 (raw
// bytes that are not UTF-8), headers (name → value), options ({ secret } | { header: { name,
// value } } | { unverified: true }, and maybe maxBytes), expect: { event } (the value the
// JavaScript entry returns) or { error: { code, status, detail? } } }.
import { createHmac } from "node:crypto";
import { writeFileSync } from "node:fs";

const SECRET = "idfy-demo-secret-5f2c";
const AXLE = { name: "X-Axle-Webhook-Secret", value: "axle-demo-header-9b1e" };
const sign = (body, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex");
const error = (code, detail) => {
  const status = { signature_missing: 401, signature_invalid: 401, body_too_large: 413, body_not_json: 400, malformed: 400 }[code];
  return detail === undefined ? { error: { code, status } } : { error: { code, status, detail } };
};

/** A Signere case whose body is signed correctly. */
const signere = (name, body, expect, extra = {}) => ({
  name,
  vendor: "signere",
  body,
  headers: { "X-Idfy-Signature": sign(body) },
  options: { secret: SECRET },
  expect,
  ...extra,
});
/** An Ignition case with the agreed header. */
const ignition = (name, body, expect, extra = {}) => ({
  name,
  vendor: "ignition",
  body,
  headers: { [AXLE.name]: AXLE.value, "Content-Type": "application/json" },
  options: { header: AXLE },
  expect,
  ...extra,
});

// ---------------------------------------------------------------------------------------------
// Signere / Idfy: the seed's payload examples verbatim (../../shared/seeds/004_*.txt), in the
// seed's { type, payload } form.

const DOC = "8bfae710-5e4b-4464-ab7a-167f73c37590";
const seedPayloads = {
  document_canceled: `{
  "documentId": "8bfae710-5e4b-4464-ab7a-167f73c37590",
  "externalDocumentId": "8577545740",
  "message": "Canceled message"
}`,
  document_created: `{
  "documentId": "8bfae710-5e4b-4464-ab7a-167f73c37590",
  "externalDocumentId": "8577545740"
}`,
  document_deleted: `{
  "documentId": "8bfae710-5e4b-4464-ab7a-167f73c37590",
  "externalDocumentId": "8577545740",
  "message": "Deleted message"
}`,
  document_expired: `{
  "documentId": "8bfae710-5e4b-4464-ab7a-167f73c37590",
  "externalDocumentId": "8577545740"
}`,
  document_partially_signed: `{
  "documentId": "8bfae710-5e4b-4464-ab7a-167f73c37590",
  "externalDocumentId": "8577545740",
  "signer": {
    "signerId": "954393cf-1086-4a2b-a98a-97e1feeded87",
    "signerName": "John Doe",
    "signedTime": "2017-03-01T13:00:00Z",
    "dateOfBirth": "1988-01-01",
    "signatureMethod": "no_bankid",
    "socialSecurityNumber": "01018812345"
  }
}`,
  document_read: `{
  "documentId": "8bfae710-5e4b-4464-ab7a-167f73c37590",
  "externalDocumentId": "8577545740"
}`,
  document_signed: `{
  "documentId": "8bfae710-5e4b-4464-ab7a-167f73c37590",
  "externalDocumentId": "8577545740",
  "signedTime": "2017-03-01T13:00:00Z",
  "signers": [
    {
      "signerId": "954393cf-1086-4a2b-a98a-97e1feeded87",
      "signerName": "John Doe",
      "signedTime": "2017-03-01T13:00:00Z",
      "dateOfBirth": "1988-01-01",
      "signatureMethod": "no_bankid",
      "socialSecurityNumber": "01018812345"
    }
  ]
}`,
};
const SEED_SIGNER = {
  signerId: "954393cf-1086-4a2b-a98a-97e1feeded87",
  signerName: "John Doe",
  signedTime: "2017-03-01T13:00:00Z",
  dateOfBirth: "1988-01-01",
  signatureMethod: "no_bankid",
  socialSecurityNumber: "01018812345",
};
const seedEvents = {
  document_canceled: { type: "document_canceled", documentId: DOC, externalDocumentId: "8577545740", message: "Canceled message" },
  document_created: { type: "document_created", documentId: DOC, externalDocumentId: "8577545740" },
  document_deleted: { type: "document_deleted", documentId: DOC, externalDocumentId: "8577545740", message: "Deleted message" },
  document_expired: { type: "document_expired", documentId: DOC, externalDocumentId: "8577545740" },
  document_partially_signed: { type: "document_partially_signed", documentId: DOC, externalDocumentId: "8577545740", signer: SEED_SIGNER },
  document_read: { type: "document_read", documentId: DOC, externalDocumentId: "8577545740" },
  document_signed: {
    type: "document_signed",
    documentId: DOC,
    externalDocumentId: "8577545740",
    signedTime: "2017-03-01T13:00:00Z",
    signers: [SEED_SIGNER],
  },
};

const signereCases = [];
for (const [type, payload] of Object.entries(seedPayloads)) {
  const body = `{\n  "type": "${type}",\n  "payload": ${payload.replaceAll("\n", "\n  ")}\n}`;
  signereCases.push(signere(`seed: ${type}, the seed's payload example in { type, payload }`, body, { event: seedEvents[type] }));
}

// Idfy's event envelope (docs "Events": id, timestamp, accountId, type, payload, tags), Idfy's
// signer form, and the types only Idfy documents.
const ENV = { id: "fce05bc5-0c13-42fd-96e2-bc51c8975eb1", timestamp: "2017-10-30T09:00:00Z", accountId: "e0e7e75e-d6ac-42bf-be4b-128ca29dfe4c" };
const idfy = (type, payload, tags) =>
  JSON.stringify({ ...ENV, type, payload, ...(tags === undefined ? {} : { tags }) }, null, 2);
const IDFY_SIGNER = {
  id: "3ed2a0e9-d5e2-4a8d-8bf4-1f0c8a3b2e11",
  fullName: "Kari Nordmann",
  signedTime: "2021-05-03T10:15:30Z",
  dateOfBirth: "1990-02-14",
  externalSignerId: "signer-42",
  signatureMethod: "no_bankid_oidc",
  signatureMethodUniqueId: "9578-6000-4-1234567",
};
const IDFY_SIGNER_OUT = {
  signerId: IDFY_SIGNER.id,
  signerName: IDFY_SIGNER.fullName,
  externalSignerId: "signer-42",
  signedTime: "2021-05-03T10:15:30Z",
  dateOfBirth: "1990-02-14",
  signatureMethod: "no_bankid_oidc",
  signatureMethodUniqueId: "9578-6000-4-1234567",
};
const docPayload = { documentId: DOC, externalDocumentId: "8577545740" };
const docOut = { documentId: DOC, externalDocumentId: "8577545740" };
const idfyTypes = [
  ["document_created", docPayload, docOut],
  ["document_read", docPayload, docOut],
  ["document_expired", docPayload, docOut],
  ["document_before_deleted", docPayload, docOut],
  ["document_canceled", { ...docPayload, message: "Canceled message" }, { ...docOut, message: "Canceled message" }],
  ["document_deleted", { ...docPayload, message: "Deleted message" }, { ...docOut, message: "Deleted message" }],
  ["document_partially_signed", { ...docPayload, signer: IDFY_SIGNER }, { ...docOut, signer: IDFY_SIGNER_OUT }],
  [
    "document_signed",
    { ...docPayload, signedTime: "2021-05-03T10:20:00Z", signers: [IDFY_SIGNER, { id: "s-2", fullName: "Ola Nordmann" }] },
    { ...docOut, signedTime: "2021-05-03T10:20:00Z", signers: [IDFY_SIGNER_OUT, { signerId: "s-2", signerName: "Ola Nordmann" }] },
  ],
  [
    "document_form_partially_signed",
    { ...docPayload, schemaId: "schema-7", schema: "rental-agreement", formFields: { tenant: "Kari", rent: 12000 }, signer: IDFY_SIGNER },
    { ...docOut, schemaId: "schema-7", schema: "rental-agreement", formFields: { tenant: "Kari", rent: 12000 }, signer: IDFY_SIGNER_OUT },
  ],
  [
    "document_form_signed",
    { ...docPayload, schemaId: "schema-7", formFields: { tenant: "Kari" }, signedTime: "2021-05-03T10:20:00Z", signers: [IDFY_SIGNER] },
    { ...docOut, schemaId: "schema-7", formFields: { tenant: "Kari" }, signedTime: "2021-05-03T10:20:00Z", signers: [IDFY_SIGNER_OUT] },
  ],
  [
    "document_email_opened",
    { ...docPayload, email: "kari@example.no", signer: { id: "s-1", fullName: "Kari Nordmann" } },
    { ...docOut, email: "kari@example.no", signer: { signerId: "s-1", signerName: "Kari Nordmann" } },
  ],
  [
    "document_link_opened",
    { ...docPayload, userAgent: "Mozilla/5.0", ipAddress: "203.0.113.7", signer: { id: "s-1" } },
    { ...docOut, userAgent: "Mozilla/5.0", ipAddress: "203.0.113.7", signer: { signerId: "s-1" } },
  ],
  [
    "document_packaged",
    { ...docPayload, downloadUrl: "https://api.idfy.io/files/abc", urlExpiresAt: "2021-05-04T10:20:00Z", checksum: "d41d8cd98f00b204e9800998ecf8427e" },
    { ...docOut, downloadUrl: "https://api.idfy.io/files/abc", urlExpiresAt: "2021-05-04T10:20:00Z", checksum: "d41d8cd98f00b204e9800998ecf8427e" },
  ],
  [
    "resource_created",
    { sourceType: "document", sourceId: DOC, resourceId: "res-1", link: { href: "https://api.idfy.io/files/res-1", rel: "download" } },
    { resourceId: "res-1", sourceType: "document", sourceId: DOC, link: { href: "https://api.idfy.io/files/res-1", rel: "download" } },
  ],
];
for (const [type, payload, out] of idfyTypes) {
  signereCases.push(signere(`idfy: ${type} in Idfy's envelope`, idfy(type, payload), { event: { type, ...ENV, ...out } }));
}
signereCases.push(
  signere("idfy: the docs' envelope example (document_created, tags as an array)", idfy("document_created", docPayload, ["department:hr", "archive"]), {
    event: { type: "document_created", ...ENV, tags: ["department:hr", "archive"], ...docOut },
  }),
  signere("idfy: tags as an object pass through", idfy("document_read", docPayload, { department: "hr", archive: true }), {
    event: { type: "document_read", ...ENV, tags: { department: "hr", archive: true }, ...docOut },
  }),
  signere("idfy: ping when a hook is created", JSON.stringify({ ...ENV, type: "ping", payload: {} }), { event: { type: "ping", ...ENV } }),
  signere("idfy: ping without payload", JSON.stringify({ id: "p-1", type: "ping" }), { event: { type: "ping", id: "p-1" } }),
  signere(
    "signer forms: Signere's names win over Idfy's when both are sent",
    JSON.stringify({ type: "document_partially_signed", payload: { documentId: "d1", signer: { signerId: "a", id: "b", signerName: "A", fullName: "B" } } }),
    { event: { type: "document_partially_signed", documentId: "d1", signer: { signerId: "a", signerName: "A" } } },
  ),
  signere(
    "signer forms: both forms in one signers array",
    JSON.stringify({ type: "document_signed", payload: { documentId: "d1", signers: [{ signerId: "a", signerName: "A", socialSecurityNumber: "01018812345" }, { id: "b", fullName: "B", signatureMethodUniqueId: "u-1" }] } }),
    { event: { type: "document_signed", documentId: "d1", signers: [{ signerId: "a", signerName: "A", socialSecurityNumber: "01018812345" }, { signerId: "b", signerName: "B", signatureMethodUniqueId: "u-1" }] } },
  ),
  signere(
    "signer forms: a null signerId falls back to id",
    JSON.stringify({ type: "document_partially_signed", payload: { documentId: "d1", signer: { signerId: null, id: "b" } } }),
    { event: { type: "document_partially_signed", documentId: "d1", signer: { signerId: "b" } } },
  ),
  signere("document_signed with an empty signers array", JSON.stringify({ type: "document_signed", payload: { documentId: "d1", signers: [] } }), {
    event: { type: "document_signed", documentId: "d1", signers: [] },
  }),
  signere(
    "null optional fields and unknown extra fields are left out",
    JSON.stringify({ id: "e1", timestamp: null, type: "document_canceled", payload: { documentId: "d1", externalDocumentId: null, message: null, extra: 1, signer: { id: "x" } }, other: true }),
    { event: { type: "document_canceled", id: "e1", documentId: "d1" } },
  ),
  signere("unknown type: deposit_created, the whole body as data", JSON.stringify({ ...ENV, type: "deposit_created", payload: { depositId: "dep-1" } }), {
    event: { type: "unknown", name: "deposit_created", id: ENV.id, data: { ...ENV, type: "deposit_created", payload: { depositId: "dep-1" } } },
  }),
  signere("unknown type: a browser message type is not a webhook type", JSON.stringify({ type: "sign_success", payload: { documentId: "d1" } }), {
    event: { type: "unknown", name: "sign_success", data: { type: "sign_success", payload: { documentId: "d1" } } },
  }),
  signere("unknown type: an Axle type sent to the Signere reader", JSON.stringify({ id: "evt_1", type: "ignition.completed", data: {} }), {
    event: { type: "unknown", name: "ignition.completed", id: "evt_1", data: { id: "evt_1", type: "ignition.completed", data: {} } },
  }),
  signere("unknown type with a non-string id: id left out", JSON.stringify({ id: 7, type: "person_monitor_changes", payload: [1, 2] }), {
    event: { type: "unknown", name: "person_monitor_changes", data: { id: 7, type: "person_monitor_changes", payload: [1, 2] } },
  }),
);

// ---------------------------------------------------------------------------------------------
// Axle: the seed's example (not JSON as printed: "...{ parameters }"), then every type.

const IGN_ENV = { id: "evt_7JbWkX1", createdAt: "2022-10-05T14:48:00.000Z" };
const axle = (type, data) => JSON.stringify({ id: IGN_ENV.id, type, data, createdAt: IGN_ENV.createdAt });
const USER = { id: "usr_123456789" };
const META = { policyRef: "P-1", nested: { a: [1, 2, { b: null }] } };
const base = { client: "cli_mZj6YGXhQyQnccN97aXbq", token: "ign_Z4ni-JHBvkn9PlKJHPEwk" };
const ignitionCases = [
  ignition(
    "seed: the example webhook payload as printed (its \"...{ parameters }\" placeholder is not JSON)",
    `{
  "id": "<event_id>",
  "type": "ignition.completed",
  "data": {
    "client": "<client-id>",
    "token": "ign_Z4ni-JHBvkn9PlKJHPEwk",
    ...{ parameters }
  },
  "createdAt": "2022-10-05T14:48:00.000Z"
}`,
    error("body_not_json"),
  ),
  ignition(
    "seed: the example webhook payload with its parameters filled in",
    `{
  "id": "<event_id>",
  "type": "ignition.completed",
  "data": {
    "client": "<client-id>",
    "token": "ign_Z4ni-JHBvkn9PlKJHPEwk",
    "authCode": "cod_LwPJhgxnjinMEPfGYc-XV",
    "result": "link",
    "user": {"id": "usr_123456789"},
    "metadata": {}
  },
  "createdAt": "2022-10-05T14:48:00.000Z"
}`,
    {
      event: {
        type: "ignition.completed",
        id: "<event_id>",
        createdAt: "2022-10-05T14:48:00.000Z",
        client: "<client-id>",
        token: "ign_Z4ni-JHBvkn9PlKJHPEwk",
        authCode: "cod_LwPJhgxnjinMEPfGYc-XV",
        result: "link",
        user: { id: "usr_123456789" },
        metadata: {},
      },
    },
  ),
  ignition("ignition.created", axle("ignition.created", { ...base, user: USER, metadata: META }), {
    event: { type: "ignition.created", ...IGN_ENV, ...base, user: USER, metadata: META },
  }),
  ignition("ignition.opened without user or metadata", axle("ignition.opened", base), { event: { type: "ignition.opened", ...IGN_ENV, ...base } }),
  ignition("ignition.completed", axle("ignition.completed", { ...base, user: USER, metadata: META, authCode: "cod_LwPJhgxnjinMEPfGYc-XV", result: "manual" }), {
    event: { type: "ignition.completed", ...IGN_ENV, ...base, authCode: "cod_LwPJhgxnjinMEPfGYc-XV", result: "manual", user: USER, metadata: META },
  }),
  ignition("ignition.exited", axle("ignition.exited", { ...base, user: USER, step: "carrier-login" }), {
    event: { type: "ignition.exited", ...IGN_ENV, ...base, step: "carrier-login", user: USER },
  }),
  ignition("ignition.errored", axle("ignition.errored", { ...base, message: "Carrier unavailable", metadata: {} }), {
    event: { type: "ignition.errored", ...IGN_ENV, ...base, message: "Carrier unavailable", metadata: {} },
  }),
  ignition("account.modified (monitoring)", axle("account.modified", { client: base.client, ref: "acc_1", user: USER }), {
    event: { type: "account.modified", ...IGN_ENV, client: base.client, ref: "acc_1", user: USER },
  }),
  ignition("account.disconnected with a reason (not a documented field: dropped)", axle("account.disconnected", { client: base.client, ref: "acc_1", reason: "credentials-expired", metadata: META }), {
    event: { type: "account.disconnected", ...IGN_ENV, client: base.client, ref: "acc_1", metadata: META },
  }),
  ignition("policy.modified with its account", axle("policy.modified", { client: base.client, ref: "pol_1", account: "acc_1" }), {
    event: { type: "policy.modified", ...IGN_ENV, client: base.client, ref: "pol_1", account: "acc_1" },
  }),
  ignition("ignition.attempted (listed by the API reference, not documented): unknown", axle("ignition.attempted", base), {
    event: { type: "unknown", name: "ignition.attempted", id: IGN_ENV.id, data: { ...IGN_ENV, type: "ignition.attempted", data: base } },
  }),
  ignition("a Signere type sent to the Ignition reader: unknown", JSON.stringify({ type: "document_signed", payload: {} }), {
    event: { type: "unknown", name: "document_signed", data: { type: "document_signed", payload: {} } },
  }),
  ignition("ignition.completed without authCode", axle("ignition.completed", base), error("malformed", "data.authCode: missing")),
  ignition("ignition.created without token", axle("ignition.created", { client: base.client }), error("malformed", "data.token: missing")),
  ignition("ignition.opened without data", JSON.stringify({ id: "evt_1", type: "ignition.opened" }), error("malformed", "data.client: missing")),
  ignition("ignition.opened with data null", JSON.stringify({ type: "ignition.opened", data: null }), error("malformed", "data.client: missing")),
  ignition("data not an object", JSON.stringify({ type: "ignition.opened", data: "client" }), error("malformed", "data: expected an object")),
  ignition("authCode a number", axle("ignition.completed", { ...base, authCode: 42 }), error("malformed", "data.authCode: expected a string")),
  ignition("user a string", axle("ignition.exited", { ...base, user: "usr_1" }), error("malformed", "data.user: expected an object")),
  ignition("metadata an array", axle("ignition.exited", { ...base, metadata: [1] }), error("malformed", "data.metadata: expected an object")),
  ignition("ref missing on policy.modified", axle("policy.modified", { client: base.client }), error("malformed", "data.ref: missing")),
  ignition("createdAt a number", JSON.stringify({ id: "e", type: "ignition.opened", data: base, createdAt: 1665000000 }), error("malformed", "createdAt: expected a string")),
  ignition("id an object on a known type", JSON.stringify({ id: {}, type: "ignition.opened", data: base }), error("malformed", "id: expected a string")),
];

// ---------------------------------------------------------------------------------------------
// Verification: signatures and headers, and the size limit before either.

const V_BODY = JSON.stringify({ ...ENV, type: "document_signed", payload: { documentId: DOC, signers: [{ id: "s-1", fullName: "Kari Nordmann" }] } });
const V_EVENT = { type: "document_signed", ...ENV, documentId: DOC, signers: [{ signerId: "s-1", signerName: "Kari Nordmann" }] };
const good = sign(V_BODY);
const sv = (name, headers, expect, extra = {}) => ({ name, vendor: "signere", body: V_BODY, headers, options: { secret: SECRET }, expect, ...extra });
const reserialised = JSON.stringify(JSON.parse(V_BODY), null, 2);
const tampered = V_BODY.replace("Kari Nordmann", "Kari Nordmand");
const I_BODY = axle("ignition.completed", { ...base, authCode: "cod_x" });
const I_EVENT = { type: "ignition.completed", ...IGN_ENV, ...base, authCode: "cod_x" };
const iv = (name, headers, expect, extra = {}) => ({ name, vendor: "ignition", body: I_BODY, headers, options: { header: AXLE }, expect, ...extra });
const verificationCases = [
  sv("signature: lower-case hex", { "X-Idfy-Signature": good }, { event: V_EVENT }),
  sv("signature: upper-case hex", { "X-Idfy-Signature": good.toUpperCase() }, { event: V_EVENT }),
  sv("signature: with the sha256= prefix", { "X-Idfy-Signature": `sha256=${good}` }, { event: V_EVENT }),
  sv("signature: header name in lower case", { "x-idfy-signature": good }, { event: V_EVENT }),
  sv("signature: header name in upper case", { "X-IDFY-SIGNATURE": good }, { event: V_EVENT }),
  sv("signature: missing", { "Content-Type": "application/json" }, error("signature_missing")),
  sv("signature: empty", { "X-Idfy-Signature": "" }, error("signature_missing")),
  sv("signature: another header carries it", { "X-Signature": good }, error("signature_missing")),
  sv("signature: one hex digit changed", { "X-Idfy-Signature": good.slice(0, -1) + (good.endsWith("0") ? "1" : "0") }, error("signature_invalid")),
  sv("signature: truncated", { "X-Idfy-Signature": good.slice(0, 63) }, error("signature_invalid")),
  sv("signature: one digit too many", { "X-Idfy-Signature": `${good}0` }, error("signature_invalid")),
  sv("signature: not hex", { "X-Idfy-Signature": "z".repeat(64) }, error("signature_invalid")),
  sv("signature: base64 instead of hex", { "X-Idfy-Signature": Buffer.from(good, "hex").toString("base64") }, error("signature_invalid")),
  sv("signature: under another secret", { "X-Idfy-Signature": sign(V_BODY, "another-secret") }, error("signature_invalid")),
  sv("signature: sha1 of the body", { "X-Idfy-Signature": createHmac("sha1", SECRET).update(V_BODY).digest("hex") }, error("signature_invalid")),
  sv("signature: the secret itself", { "X-Idfy-Signature": SECRET }, error("signature_invalid")),
  { ...sv("tampered body, original signature", { "X-Idfy-Signature": good }, error("signature_invalid")), body: tampered },
  { ...sv("re-serialised body (JSON.stringify of the parsed body), original signature", { "X-Idfy-Signature": good }, error("signature_invalid")), body: reserialised },
  sv(
    "Idfy's docs' way: the signature of JSON.stringify(payload), not of the body",
    { "X-Idfy-Signature": sign(JSON.stringify(JSON.parse(V_BODY).payload)) },
    error("signature_invalid"),
  ),
  { ...sv("unverified: no signature needed", {}, { event: V_EVENT }), options: { unverified: true } },
  { ...sv("unverified: a wrong signature is not looked at", { "X-Idfy-Signature": "00" }, { event: V_EVENT }), options: { unverified: true } },
  { ...sv("maxBytes: the body's exact length is accepted", { "X-Idfy-Signature": good }, { event: V_EVENT }), options: { secret: SECRET, maxBytes: Buffer.byteLength(V_BODY) } },
  { ...sv("maxBytes: one byte over", { "X-Idfy-Signature": good }, error("body_too_large")), options: { secret: SECRET, maxBytes: Buffer.byteLength(V_BODY) - 1 } },
  { ...sv("maxBytes: checked before the signature", {}, error("body_too_large")), options: { secret: SECRET, maxBytes: 16 } },
  { ...sv("maxBytes: checked when unverified", {}, error("body_too_large")), options: { unverified: true, maxBytes: 16 } },
  iv("header: the agreed value", { [AXLE.name]: AXLE.value }, { event: I_EVENT }),
  iv("header: name in another case", { [AXLE.name.toLowerCase()]: AXLE.value }, { event: I_EVENT }),
  iv("header: missing", { "X-Other": AXLE.value }, error("signature_missing")),
  iv("header: empty", { [AXLE.name]: "" }, error("signature_missing")),
  iv("header: wrong value", { [AXLE.name]: "axle-demo-header-9b1f" }, error("signature_invalid")),
  iv("header: a prefix of the value", { [AXLE.name]: AXLE.value.slice(0, 10) }, error("signature_invalid")),
  iv("header: the value with more after it", { [AXLE.name]: `${AXLE.value}x` }, error("signature_invalid")),
  iv("header: the value in upper case", { [AXLE.name]: AXLE.value.toUpperCase() }, error("signature_invalid")),
  { ...iv("header: unverified", {}, { event: I_EVENT }), options: { unverified: true } },
  { ...iv("header: maxBytes before the header", {}, error("body_too_large")), options: { header: AXLE, maxBytes: 10 } },
];

// ---------------------------------------------------------------------------------------------
// Bodies that are not webhooks, and known types with bad fields (all correctly signed).

const bad = (name, body, expect) => signere(name, body, expect);
const badBase64 = (name, bytes, expect) => {
  const body = Buffer.from(bytes);
  return {
    name,
    vendor: "signere",
    bodyBase64: body.toString("base64"),
    headers: { "X-Idfy-Signature": createHmac("sha256", SECRET).update(body).digest("hex") },
    options: { secret: SECRET },
    expect,
  };
};
const deep = `{"type":"document_created","payload":{"documentId":"d1","x":${"[".repeat(5000)}${"]".repeat(5000)}}}`;
const hostileCases = [
  badBase64("not UTF-8: a Latin-1 byte in a string", [...Buffer.from('{"type":"document_created","payload":{"documentId":"'), 0xe6, ...Buffer.from('"}}')], error("body_not_json")),
  badBase64("not UTF-8: a lone continuation byte", [0x7b, 0x80, 0x7d], error("body_not_json")),
  badBase64("not UTF-8: a UTF-16 body", [...Buffer.from('{"type":"ping"}', "utf16le")], error("body_not_json")),
  bad("empty body", "", error("body_not_json")),
  bad("whitespace only", " \n", error("body_not_json")),
  bad("not JSON: form encoding", "type=document_signed&documentId=d1", error("body_not_json")),
  bad("not JSON: truncated", '{"type":"document_created","payload":{"documentId":"d1"}', error("body_not_json")),
  bad("not JSON: trailing comma", '{"type":"ping",}', error("body_not_json")),
  bad("not JSON: single quotes", "{'type':'ping'}", error("body_not_json")),
  bad("not JSON: two objects", '{"type":"ping"}{"type":"ping"}', error("body_not_json")),
  bad("JSON, not an object: an array", '[{"type":"ping"}]', error("body_not_json")),
  bad("JSON, not an object: a string", '"{\\"type\\":\\"ping\\"}"', error("body_not_json")),
  bad("JSON, not an object: null", "null", error("body_not_json")),
  bad("JSON, not an object: a number", "42", error("body_not_json")),
  bad("a BOM before the object", '\ufeff{"type":"ping"}', error("body_not_json")),
  bad("no type", JSON.stringify({ payload: { documentId: "d1" } }), error("malformed", "type: missing")),
  bad("type null", JSON.stringify({ type: null }), error("malformed", "type: missing")),
  bad("type a number", JSON.stringify({ type: 3 }), error("malformed", "type: expected a string")),
  bad("type an array", JSON.stringify({ type: ["ping"] }), error("malformed", "type: expected a string")),
  bad("payload a string", JSON.stringify({ type: "document_created", payload: "d1" }), error("malformed", "payload: expected an object")),
  bad("payload an array", JSON.stringify({ type: "ping", payload: [] }), error("malformed", "payload: expected an object")),
  bad("documentId missing", JSON.stringify({ type: "document_created", payload: {} }), error("malformed", "payload.documentId: missing")),
  bad("documentId null", JSON.stringify({ type: "document_read", payload: { documentId: null } }), error("malformed", "payload.documentId: missing")),
  bad("no payload on a type with a required field", JSON.stringify({ type: "document_expired" }), error("malformed", "payload.documentId: missing")),
  bad("documentId a number", JSON.stringify({ type: "document_created", payload: { documentId: 8577545740 } }), error("malformed", "payload.documentId: expected a string")),
  bad("externalDocumentId a number", JSON.stringify({ type: "document_created", payload: { documentId: "d1", externalDocumentId: 8577545740 } }), error("malformed", "payload.externalDocumentId: expected a string")),
  bad("message a boolean", JSON.stringify({ type: "document_canceled", payload: { documentId: "d1", message: false } }), error("malformed", "payload.message: expected a string")),
  bad("signer missing", JSON.stringify({ type: "document_partially_signed", payload: { documentId: "d1" } }), error("malformed", "payload.signer: missing")),
  bad("signer a string", JSON.stringify({ type: "document_partially_signed", payload: { documentId: "d1", signer: "John Doe" } }), error("malformed", "payload.signer: expected an object")),
  bad("signers missing", JSON.stringify({ type: "document_signed", payload: { documentId: "d1" } }), error("malformed", "payload.signers: missing")),
  bad("signers an object", JSON.stringify({ type: "document_signed", payload: { documentId: "d1", signers: { id: "s" } } }), error("malformed", "payload.signers: expected an array")),
  bad("a signer that is not an object", JSON.stringify({ type: "document_signed", payload: { documentId: "d1", signers: [{ id: "a" }, "b"] } }), error("malformed", "payload.signers[1]: expected an object")),
  bad("a null signer", JSON.stringify({ type: "document_form_signed", payload: { documentId: "d1", signers: [null] } }), error("malformed", "payload.signers[0]: expected an object")),
  bad("Idfy's signer id a number", JSON.stringify({ type: "document_signed", payload: { documentId: "d1", signers: [{ id: 5 }] } }), error("malformed", "payload.signers[0].id: expected a string")),
  bad("a personal field of the wrong type: no value in the detail", JSON.stringify({ type: "document_partially_signed", payload: { documentId: "d1", signer: { socialSecurityNumber: 1018812345 } } }), error("malformed", "payload.signer.socialSecurityNumber: expected a string")),
  bad("email a number", JSON.stringify({ type: "document_email_opened", payload: { documentId: "d1", email: 1 } }), error("malformed", "payload.email: expected a string")),
  bad("formFields a string", JSON.stringify({ type: "document_form_signed", payload: { documentId: "d1", formFields: "a=1", signers: [] } }), error("malformed", "payload.formFields: expected an object")),
  bad("link an array", JSON.stringify({ type: "resource_created", payload: { resourceId: "r", link: ["x"] } }), error("malformed", "payload.link: expected an object")),
  bad("resourceId missing", JSON.stringify({ type: "resource_created", payload: { sourceId: "s" } }), error("malformed", "payload.resourceId: missing")),
  bad("envelope timestamp a number", JSON.stringify({ type: "ping", timestamp: 1 }), error("malformed", "timestamp: expected a string")),
  bad("envelope accountId an object", JSON.stringify({ type: "ping", accountId: {} }), error("malformed", "accountId: expected a string")),
  bad("a key given twice: the last wins", '{"type":"document_created","payload":{"documentId":"first","documentId":"second"}}', {
    event: { type: "document_created", documentId: "second" },
  }),
  bad("escapes and non-ASCII in strings", JSON.stringify({ type: "document_canceled", payload: { documentId: "d\"1\\", message: "Avbrutt – ønsket av Åse 🖋" } }), {
    event: { type: "document_canceled", documentId: 'd"1\\', message: "Avbrutt – ønsket av Åse 🖋" },
  }),
  bad("an unknown field nested 5,000 levels deep", deep, { event: { type: "document_created", documentId: "d1" } }),
  bad("formFields nested deep pass through", JSON.stringify({ type: "document_form_signed", payload: { documentId: "d1", formFields: { a: { b: { c: { d: { e: [1, { f: "g" }] } } } } }, signers: [] } }), {
    event: { type: "document_form_signed", documentId: "d1", formFields: { a: { b: { c: { d: { e: [1, { f: "g" }] } } } } }, signers: [] },
  }),
  bad("unknown type with a deep body", `{"type":"future_event","payload":${"[".repeat(100)}${"]".repeat(100)}}`, {
    event: { type: "unknown", name: "future_event", data: { type: "future_event", payload: JSON.parse(`${"[".repeat(100)}${"]".repeat(100)}`) } },
  }),
];

const write = (file, about, cases) => {
  const names = new Set();
  for (const c of cases) {
    if (names.has(c.name)) throw new Error(`duplicate case name in ${file}: ${c.name}`);
    names.add(c.name);
  }
  writeFileSync(new URL(file, import.meta.url), `${JSON.stringify({ about, cases }, null, 2)}\n`);
  console.log(`${file}: ${cases.length} cases`);
};
write("signere.json", "Signere / Idfy webhooks: the seed's payload examples verbatim, Idfy's envelope and signer form, every type, ping, unknown types.", signereCases);
write("ignition.json", "Axle webhooks: the seed's example, every ignition.* and monitoring type, missing and wrong fields, unknown types.", ignitionCases);
write("verification.json", "Signatures (X-Idfy-Signature) and Axle's custom header: good, missing, wrong, tampered and re-serialised bodies; maxBytes before both.", verificationCases);
write("hostile.json", "Bodies that are not webhooks (not UTF-8, not JSON, not an object) and known types with wrong or missing fields, all correctly signed.", hostileCases);
