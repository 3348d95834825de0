// embed-events/webhooks, as built (dist/webhooks.js and dist/webhooks.cjs): every case of the
// shared webhook case files (tests/data/webhooks/*.json, which tests/webhooks.rs runs through the
// Rust core) given both as a Web `Request` and as `{ body, headers }` (body as a string, a
// Uint8Array, an ArrayBuffer or a Buffer in turn; headers as Node's lower-case object or as given);
// then the size limit on a Content-Length and on a stream (which stops being read), the options'
// TypeErrors, no unhandled rejection, and no secret, header value or personal value in any error.
import { test } from "node:test";
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import * as esm from "../../dist/webhooks.js";

const cjs = createRequire(import.meta.url)("../../dist/webhooks.cjs");
const { readIgnitionWebhook, readSignereWebhook, WebhookError } = esm;
const dir = new URL("../data/webhooks/", import.meta.url);
const FILES = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const PERSONAL = ["socialSecurityNumber", "signatureMethodUniqueId", "dateOfBirth", "email", "ipAddress", "authCode", "token"];

const unhandled = [];
process.on("unhandledRejection", (reason) => unhandled.push(reason));

/** Every case of every file, with its body as bytes. */
const cases = FILES.flatMap((file) =>
  JSON.parse(readFileSync(new URL(file, dir), "utf8")).cases.map((c) => ({
    ...c,
    file,
    bytes: c.bodyBase64 === undefined ? Buffer.from(c.body, "utf8") : Buffer.from(c.bodyBase64, "base64"),
  })),
);

const readerOf = (mod, vendor) => (vendor === "signere" ? mod.readSignereWebhook : mod.readIgnitionWebhook);

/** The ways one case is given: a Request, and `{ body, headers }` with each body type and header form. */
function inputs(c) {
  const lower = Object.fromEntries(Object.entries(c.headers).map(([k, v]) => [k.toLowerCase(), v]));
  const u8 = new Uint8Array(c.bytes);
  const out = [
    ["Request", () => new Request("https://example.com/hooks", { method: "POST", body: u8, headers: c.headers })],
    ["{ Buffer, Node's headers }", () => ({ body: Buffer.from(c.bytes), headers: lower })],
    ["{ Uint8Array, Headers }", () => ({ body: u8, headers: new Headers(c.headers) })],
    ["{ ArrayBuffer, headers as given }", () => ({ body: u8.slice().buffer, headers: { ...c.headers } })],
  ];
  if (c.bodyBase64 === undefined) out.push(["{ string, array-valued headers }", () => ({ body: c.body, headers: Object.fromEntries(Object.entries(lower).map(([k, v]) => [k, [v]])) })]);
  return out;
}

/** Secrets, header values and personal values that must appear in no error (only values of 4+ characters). */
function forbidden(c) {
  const values = new Set(Object.values(c.headers));
  if (c.options.secret) values.add(c.options.secret);
  if (c.options.header) values.add(c.options.header.value);
  const walk = (value, key) => {
    if (typeof value === "string" && PERSONAL.includes(key)) values.add(value);
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) walk(v, k);
  };
  try {
    walk(JSON.parse(c.bytes.toString("utf8")));
  } catch {}
  return [...values].filter((v) => typeof v === "string" && v.length >= 4);
}

let run = 0;
for (const c of cases) {
  test(`${c.file}: ${c.name}`, async () => {
    for (const mod of [esm, cjs]) {
      for (const [how, make] of inputs(c)) {
        const label = `${mod === esm ? "ESM" : "CJS"}, ${how}`;
        let result;
        try {
          result = { event: await readerOf(mod, c.vendor)(make(), c.options) };
        } catch (e) {
          assert.ok(e instanceof mod.WebhookError, `${label}: not a WebhookError: ${e}`);
          assert.ok(e instanceof Error, label);
          const error = { code: e.code, status: e.status };
          if (e.detail !== undefined) error.detail = e.detail;
          result = { error };
          for (const value of forbidden(c)) {
            assert.ok(!e.message.includes(value) && !(e.detail ?? "").includes(value) && !String(e.stack).includes(value), `${label}: the error holds a secret, header or personal value`);
          }
        }
        assert.deepEqual(result, c.expect, label);
        if (result.event) assert.equal(Object.getPrototypeOf(result.event), Object.prototype, `${label}: a plain object`);
        run++;
      }
    }
  });
}

test("every case ran in every form", () => {
  const signed = cases.length;
  assert.ok(signed >= 100, `${signed} cases`);
  console.log(`webhooks: ${cases.length} shared cases from ${FILES.join(", ")}; ${run} runs (ESM and CJS, Request and { body, headers })`);
});

// ---------------------------------------------------------------------------------------------

const SECRET = "idfy-demo-secret-5f2c";
const sign = (body) => createHmac("sha256", SECRET).update(body).digest("hex");
const BODY = JSON.stringify({ type: "document_created", payload: { documentId: "d1" } });

async function rejects(promise, code) {
  await assert.rejects(promise, (e) => e instanceof WebhookError && e.code === code);
}

test("a Request whose Content-Length is over maxBytes is refused without reading its body", async () => {
  let pulled = 0;
  const body = new ReadableStream({ pull(controller) { pulled++; controller.enqueue(new Uint8Array(10)); } }, { highWaterMark: 0 });
  const request = new Request("https://example.com/", { method: "POST", body, duplex: "half", headers: { "content-length": "2000000", "x-idfy-signature": "00" } });
  await rejects(readSignereWebhook(request, { secret: SECRET }), "body_too_large");
  assert.equal(pulled, 0);
  assert.equal(request.bodyUsed, false);
});

test("a streamed body over maxBytes stops being read and its stream is cancelled", async () => {
  let pulled = 0;
  let cancelled = false;
  const body = new ReadableStream(
    { pull(controller) { pulled++; controller.enqueue(new Uint8Array(1024)); }, cancel() { cancelled = true; } },
    { highWaterMark: 0 },
  );
  const request = new Request("https://example.com/", { method: "POST", body, duplex: "half", headers: { "x-idfy-signature": "00" } });
  await rejects(readSignereWebhook(request, { secret: SECRET, maxBytes: 10_000 }), "body_too_large");
  await new Promise((resolve) => setTimeout(resolve, 10));
  assert.ok(pulled <= 11, `${pulled} chunks of 1 KiB pulled for a 10,000-byte limit`);
  assert.ok(cancelled, "the stream is cancelled");
});

test("an endless stream is refused at maxBytes (default 1 MiB) rather than read forever", async () => {
  const body = new ReadableStream({ pull(controller) { controller.enqueue(new Uint8Array(64 * 1024)); } });
  const request = new Request("https://example.com/", { method: "POST", body, duplex: "half" });
  await rejects(readIgnitionWebhook(request, { unverified: true }), "body_too_large");
});

test("a streamed body within maxBytes, in many chunks, is read whole", async () => {
  const bytes = Buffer.from(BODY);
  let at = 0;
  const body = new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close();
      controller.enqueue(new Uint8Array(bytes.subarray(at, at + 7)));
      at += 7;
    },
  });
  const request = new Request("https://example.com/", { method: "POST", body, duplex: "half", headers: { "X-Idfy-Signature": sign(BODY) } });
  assert.deepEqual(await readSignereWebhook(request, { secret: SECRET, maxBytes: bytes.length }), { type: "document_created", documentId: "d1" });
});

test("a string body longer than maxBytes is refused before it is encoded; a multi-byte one by its UTF-8 length", async () => {
  await rejects(readSignereWebhook({ body: "x".repeat(11), headers: {} }, { unverified: true, maxBytes: 10 }), "body_too_large");
  await rejects(readSignereWebhook({ body: "ø".repeat(6), headers: {} }, { unverified: true, maxBytes: 10 }), "body_too_large");
});

test("a Request without a body, and a Request read already", async () => {
  await rejects(readSignereWebhook(new Request("https://example.com/"), { unverified: true }), "body_not_json");
  const used = new Request("https://example.com/", { method: "POST", body: BODY });
  await used.text();
  await assert.rejects(readSignereWebhook(used, { unverified: true }), TypeError);
});

test("options: TypeErrors that name the key, never its value", async () => {
  const input = { body: BODY, headers: {} };
  const cases = [
    [readSignereWebhook, undefined, /options must be an object/],
    [readSignereWebhook, {}, /secret is required \(or unverified: true/],
    [readSignereWebhook, { secret: "" }, /secret must be a non-empty string/],
    [readSignereWebhook, { secret: 42 }, /secret must be a non-empty string, got number/],
    [readSignereWebhook, { secret: SECRET, unverified: true }, /contradict/],
    [readSignereWebhook, { secret: SECRET, maxBytes: -1 }, /maxBytes/],
    [readSignereWebhook, { secret: SECRET, maxBytes: 1.5 }, /maxBytes/],
    [readSignereWebhook, { secret: SECRET, maxByte: 10 }, /unknown option "maxByte"/],
    [readSignereWebhook, { header: { name: "x-a", value: "v" } }, /unknown option "header" \(readIgnitionWebhook only\)/],
    [readSignereWebhook, { unverified: "yes" }, /unverified must be a boolean/],
    [readIgnitionWebhook, { secret: SECRET }, /unknown option "secret" \(readSignereWebhook only\)/],
    [readIgnitionWebhook, {}, /header is required/],
    [readIgnitionWebhook, { header: "x-axle: v" }, /header must be \{ name, value \}/],
    [readIgnitionWebhook, { header: { name: "bad name", value: "hidden-value" } }, /header.name must be a header name/],
    [readIgnitionWebhook, { header: { name: "x-a", value: "" } }, /header.value must be a non-empty string/],
    [readIgnitionWebhook, { header: { name: "x-a", value: "hidden-value", extra: 1 } }, /unknown option "header.extra"/],
  ];
  for (const [fn, options, message] of cases) {
    await assert.rejects(fn(input, options), (e) => {
      assert.ok(e instanceof TypeError, `${message}: ${e}`);
      assert.match(e.message, message);
      assert.ok(!e.message.includes(SECRET) && !e.message.includes("hidden-value"));
      return true;
    });
  }
  for (const bad of [null, "body", { body: { type: "ping" }, headers: {} }, { body: BODY }, { body: BODY, headers: "x" }]) {
    await assert.rejects(readSignereWebhook(bad, { unverified: true }), TypeError);
  }
  await assert.rejects(readSignereWebhook({ body: { type: "ping" }, headers: {} }, { unverified: true }), /express\.raw/);
});

test("headers: any case, the first element of an array, an empty array as absent, a Headers object", async () => {
  const good = sign(BODY);
  const ok = { type: "document_created", documentId: "d1" };
  assert.deepEqual(await readSignereWebhook({ body: BODY, headers: { "X-IDFY-Signature": [good, "00"] } }, { secret: SECRET }), ok);
  assert.deepEqual(await readSignereWebhook({ body: BODY, headers: new Headers({ "x-idfy-signature": ` ${good} ` }) }, { secret: SECRET }), ok);
  await rejects(readSignereWebhook({ body: BODY, headers: { "x-idfy-signature": [] } }, { secret: SECRET }), "signature_missing");
  await rejects(readSignereWebhook({ body: BODY, headers: { "x-idfy-signature": undefined } }, { secret: SECRET }), "signature_missing");
  // A member of the prototype is not a header.
  await rejects(readSignereWebhook({ body: BODY, headers: Object.create({ "x-idfy-signature": good }) }, { secret: SECRET }), "signature_missing");
});

test("a body's own members only: __proto__ and constructor are data, never the prototype", async () => {
  const body = '{"type":"document_created","__proto__":{"polluted":1},"payload":{"documentId":"d1","constructor":"x"}}';
  const event = await readSignereWebhook({ body, headers: {} }, { unverified: true });
  assert.deepEqual(event, { type: "document_created", documentId: "d1" });
  assert.equal({}.polluted, undefined);
  for (const type of ["toString", "__proto__", "constructor"]) {
    const unknown = await readSignereWebhook({ body: JSON.stringify({ type }), headers: {} }, { unverified: true });
    assert.deepEqual(unknown, { type: "unknown", name: type, data: { type } });
  }
});

test("a lone surrogate escape in a string field reads as U+FFFD, as the Rust reader has it; passed-through values keep it", async () => {
  const body = '{"id":"e\\ud800","type":"document_canceled","payload":{"documentId":"d\\udc00","message":"ok \\ud83d\\udd8b"},"tags":["\\ud800"]}';
  const event = await readSignereWebhook({ body, headers: {} }, { unverified: true });
  assert.deepEqual(event, { type: "document_canceled", id: "e\ufffd", tags: ["\ud800"], documentId: "d\ufffd", message: "ok \u{1f58b}" });
  const unknown = await readSignereWebhook({ body: '{"type":"x\\ud800","id":"\\udfff"}', headers: {} }, { unverified: true });
  assert.deepEqual(unknown, { type: "unknown", name: "x\ufffd", id: "\ufffd", data: { type: "x\ud800", id: "\udfff" } });
});

test("a signed body larger than the HMAC module's memory grows it; smaller ones and another secret verify after it", async () => {
  const big = JSON.stringify({ type: "document_created", payload: { documentId: "d1", note: "x".repeat(300_000) } });
  for (const [body, secret] of [[big, SECRET], [BODY, SECRET], [big, "another-secret"], [BODY, SECRET]]) {
    const signature = createHmac("sha256", secret).update(body).digest("hex");
    const event = await readSignereWebhook({ body, headers: { "x-idfy-signature": signature } }, { secret });
    assert.equal(event.documentId, "d1");
    await rejects(readSignereWebhook({ body: body + " ", headers: { "x-idfy-signature": signature } }, { secret }), "signature_invalid");
    await rejects(readSignereWebhook({ body, headers: { "x-idfy-signature": signature } }, { secret: secret + "x" }), "signature_invalid");
  }
});

test("where wasm cannot be compiled from bytes (Cloudflare Workers), crypto.subtle verifies: every Signere case", async () => {
  const { Module } = WebAssembly;
  let verified = 0;
  const verify = crypto.subtle.verify;
  crypto.subtle.verify = function (...args) {
    verified++;
    return verify.apply(this, args);
  };
  WebAssembly.Module = function () {
    throw new WebAssembly.CompileError("WebAssembly.Module(): Wasm code generation disallowed by embedder");
  };
  try {
    // A module instance of its own, whose first verification finds wasm unavailable.
    const subtle = await import(`../../dist/webhooks.js?no-wasm`);
    let signed = 0;
    for (const c of cases.filter((c) => c.vendor === "signere")) {
      let result;
      try {
        result = { event: await subtle.readSignereWebhook({ body: new Uint8Array(c.bytes), headers: c.headers }, c.options) };
      } catch (e) {
        assert.ok(e instanceof subtle.WebhookError, `${c.name}: ${e}`);
        result = { error: { code: e.code, status: e.status, ...(e.detail === undefined ? {} : { detail: e.detail }) } };
      }
      assert.deepEqual(result, c.expect, c.name);
      if (c.options.secret) signed++;
    }
    assert.ok(signed >= 10 && verified >= 5, `${signed} signed cases, ${verified} checked by crypto.subtle`);
  } finally {
    WebAssembly.Module = Module;
    delete crypto.subtle.verify;
  }
});

test("WebhookError: a subclass of Error, the same class from both module formats' own copies", () => {
  const e = new WebhookError("malformed", "payload.documentId: missing");
  assert.ok(e instanceof Error);
  assert.deepEqual([e.name, e.code, e.status, e.detail, e.message], ["WebhookError", "malformed", 400, "payload.documentId: missing", "malformed: payload.documentId: missing"]);
  assert.deepEqual(Object.keys(cjs).sort(), Object.keys(esm).sort());
  assert.deepEqual(Object.keys(esm).sort(), ["WebhookError", "readIgnitionWebhook", "readSignereWebhook"]);
});

test("the browser entry has no webhook export and none of the webhook code", () => {
  for (const file of ["index.js", "index.cjs"]) {
    const text = readFileSync(new URL(`../../dist/${file}`, import.meta.url), "utf8");
    for (const word of ["readSignereWebhook", "readIgnitionWebhook", "WebhookError", "x-idfy-signature"]) assert.ok(!text.includes(word), `dist/${file} holds ${word}`);
  }
});

test("the webhook declarations' doc text is in the server entry's types, with the structural notes, and in no module", () => {
  // Doc comments' lines joined, as their text reads.
  const types = readFileSync(new URL("../../dist/webhooks.d.ts", import.meta.url), "utf8").replace(/\n\s*\* /g, " ");
  // An envelope field's, an event's (after its tag line), a field's and a nested record's field's `///` text.
  for (const text of [
    "The event's id (`evt_…`): deduplicate retries by it.",
    '`type: "document_signed"`: every required signer signed.',
    "The authorization code to exchange for an access token. A secret. From `data`'s `authCode` (required). Personal data or a secret: never log it.",
    "The signer's id (Signere `signerId`, Idfy `id`). From `signer`'s `signerId`, else `id`.",
  ]) assert.ok(types.includes(text), `dist/webhooks.d.ts lacks ${text}`);
  for (const file of ["webhooks.js", "webhooks.cjs", "index.js", "index.cjs"]) {
    const text = readFileSync(new URL(`../../dist/${file}`, import.meta.url), "utf8");
    assert.ok(!text.includes("deduplicate retries"), `dist/${file} holds the doc text`);
  }
});

test("the server entry uses only Web platform APIs: no node: import, no require, no window", () => {
  for (const file of ["webhooks.js", "webhooks.cjs"]) {
    const text = readFileSync(new URL(`../../dist/${file}`, import.meta.url), "utf8");
    assert.ok(!/\bfrom\s*["']node:|require\(["']|\bwindow\b|\bprocess\./.test(text), `dist/${file}`);
  }
});

test("the benchmark runs (a quick smoke run; the ratio is measured by npm run bench)", () => {
  const out = execFileSync(process.execPath, [fileURLToPath(new URL("../bench/webhooks.mjs", import.meta.url)), "--smoke"], { encoding: "utf8" });
  assert.match(out, /paired median ratio/);
});

test("no unhandled rejection in any of the above", async () => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.deepEqual(unhandled, []);
});
