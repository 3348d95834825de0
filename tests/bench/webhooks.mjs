// npm run bench (after the browser benchmark): verify + decode of a 1 KB signed Signere webhook by
// embed-events/webhooks (dist/webhooks.js: its HMAC wasm module, the table interpreter) against a
// careful hand-written Node handler (createHmac + timingSafeEqual + JSON.parse + the same field
// checks), both given what a Node server has: the raw body as a Buffer and Node's req.headers.
// Rounds alternate which goes first; the figure is the median over rounds of each round's own
// package/baseline ratio (load that drifts between rounds affects it less). Prints one closing line:
//   webhooks: paired median ratio R (package X µs, hand-written Y µs per request)
// `--smoke` runs a few requests only (npm test checks it runs; its timing means nothing).
// The "decode only" line times both without their HMAC, which tells the table interpreter's share
// from the HMAC's. The HMAC is the entry's wasm module (npm/hmac), about as fast as createHmac on a
// 1 KB body; the entry verified with crypto.subtle before, which in Node 20 runs as an async job on
// the thread pool, some 15-20 µs a call against createHmac's 3-6 µs, and measured 3.5-4.4 here.
// A benchmark, not a test: it never fails on timing.
import { createHmac, timingSafeEqual } from "node:crypto";
import { readSignereWebhook } from "../../dist/webhooks.js";

const smoke = process.argv.includes("--smoke");
const ROUNDS = smoke ? 2 : Number(process.env.BENCH_ROUNDS ?? 15);
const N = smoke ? 50 : Number(process.env.BENCH_WEBHOOKS ?? 5000);
// Requests in flight at once, as a server has them (1: one after another).
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 1);
const SECRET = "whsec-bench-3a7c9e";
const MAX_BYTES = 1_048_576;

const signer = (i) => ({
  id: `3ed2a0e9-d5e2-4a8d-8bf4-1f0c8a3b2e1${i}`,
  fullName: `Kari Nordmann ${i}`,
  signedTime: "2021-05-03T10:15:30Z",
  dateOfBirth: "1990-02-14",
  externalSignerId: `signer-${i}`,
  signatureMethod: "no_bankid_oidc",
  signatureMethodUniqueId: `9578-6000-4-123456${i}`,
});
const webhook = (externalDocumentId) =>
  JSON.stringify({
    id: "fce05bc5-0c13-42fd-96e2-bc51c8975eb1",
    timestamp: "2021-05-03T10:20:00Z",
    accountId: "e0e7e75e-d6ac-42bf-be4b-128ca29dfe4c",
    type: "document_signed",
    payload: {
      documentId: "8bfae710-5e4b-4464-ab7a-167f73c37590",
      externalDocumentId,
      signedTime: "2021-05-03T10:20:00Z",
      signers: [signer(1), signer(2), { id: "s-3", fullName: "Ola Nordmann", signatureMethod: "no_bankid" }],
    },
    tags: ["department:hr", "archive"],
  });
// Exactly 1,024 bytes: the external id takes up the rest.
const body = Buffer.from(webhook("8".repeat(1024 - Buffer.byteLength(webhook("")))));
const headers = { "content-type": "application/json", "x-idfy-signature": createHmac("sha256", SECRET).update(body).digest("hex") };

/** What an integrator writes by hand, carefully: returns the event, or throws. */
function handWritten(raw, hdrs) {
  if (raw.length > MAX_BYTES) throw new Error("body_too_large");
  verifyByHand(raw, hdrs);
  return decodeByHand(raw);
}

function verifyByHand(raw, hdrs) {
  let given = hdrs["x-idfy-signature"];
  if (Array.isArray(given)) given = given[0];
  if (typeof given !== "string" || given.trim() === "") throw new Error("signature_missing");
  given = given.trim();
  if (given.slice(0, 7).toLowerCase() === "sha256=") given = given.slice(7);
  if (!/^[0-9a-fA-F]{64}$/.test(given)) throw new Error("signature_invalid");
  const expected = createHmac("sha256", SECRET).update(raw).digest();
  if (!timingSafeEqual(expected, Buffer.from(given, "hex"))) throw new Error("signature_invalid");
}

function decodeByHand(raw) {
  const parsed = JSON.parse(raw.toString("utf8"));
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new Error("body_not_json");
  const { id, timestamp, accountId, type, payload, tags } = parsed;
  if (type !== "document_signed") throw new Error("unexpected type");
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) throw new Error("malformed");
  const str = (v) => v === undefined || v === null || typeof v === "string";
  if (![id, timestamp, accountId].every(str)) throw new Error("malformed");
  const { documentId, externalDocumentId, signedTime, signers } = payload;
  if (typeof documentId !== "string" || !str(externalDocumentId) || !str(signedTime) || !Array.isArray(signers)) throw new Error("malformed");
  const event = { type, id, timestamp, accountId, tags, documentId, externalDocumentId, signedTime, signers: [] };
  for (const s of signers) {
    if (typeof s !== "object" || s === null || Array.isArray(s)) throw new Error("malformed");
    const out = {
      signerId: s.signerId ?? s.id,
      signerName: s.signerName ?? s.fullName,
      externalSignerId: s.externalSignerId,
      signedTime: s.signedTime,
      dateOfBirth: s.dateOfBirth,
      signatureMethod: s.signatureMethod,
      signatureMethodUniqueId: s.signatureMethodUniqueId,
      socialSecurityNumber: s.socialSecurityNumber,
    };
    if (!Object.values(out).every(str)) throw new Error("malformed");
    event.signers.push(out);
  }
  return event;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Microseconds per request over N requests, CONCURRENCY in flight. */
async function time(handle) {
  let next = 0;
  const worker = async () => {
    while (next < N) {
      next++;
      const event = await handle(body, headers);
      if (event.signers.length !== 3) throw new Error("wrong event");
    }
  };
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return Number(process.hrtime.bigint() - start) / 1000 / N;
}

// The figure (verify + decode), and the decoding alone (unverified, and the hand-written handler
// without its HMAC), which tells the table interpreter's share from Web Crypto's.
const kinds = {
  package: (raw, hdrs) => readSignereWebhook({ body: raw, headers: hdrs }, { secret: SECRET }),
  baseline: (raw, hdrs) => handWritten(raw, hdrs),
  "package, decode only": (raw, hdrs) => readSignereWebhook({ body: raw, headers: hdrs }, { unverified: true }),
  "baseline, decode only": (raw) => decodeByHand(raw),
};
// All agree before anything is timed, and warm up.
const events = await Promise.all(Object.values(kinds).map((k) => k(body, headers)));
for (const e of events) if (e.signers[0].signerId !== events[0].signers[0].signerId || e.documentId !== events[0].documentId) throw new Error("the handlers disagree");
for (const k of Object.keys(kinds)) await time(kinds[k]);

const samples = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
for (let round = 0; round < ROUNDS; round++) {
  const order = round % 2 ? Object.keys(kinds).reverse() : Object.keys(kinds);
  for (const k of order) samples[k].push(await time(kinds[k]));
}
const paired = (a, b) => median(samples[a].map((x, i) => x / samples[b][i])).toFixed(2);
const us = (k) => `${median(samples[k]).toFixed(2)} µs`;
console.log(
  `webhooks: verify + decode of a ${body.length}-byte signed Signere webhook, ${ROUNDS} alternating rounds of ${N} requests, ${CONCURRENCY} in flight\n` +
    `webhooks: decode only: ratio ${paired("package, decode only", "baseline, decode only")} (package ${us("package, decode only")}, hand-written ${us("baseline, decode only")})\n` +
    `webhooks: paired median ratio ${paired("package", "baseline")} (package ${us("package")}, hand-written ${us("baseline")} per request; target ≤ 1.5)`,
);
