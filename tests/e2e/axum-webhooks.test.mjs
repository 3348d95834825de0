// End-to-end: the axum example (examples/axum-webhooks), a real server on the Rust `webhooks`
// feature, over loopback HTTP. It is built with cargo unless its binary is newer than every source
// (the example's and the crate's), started on a free port (argument 0; it prints the port), and
// sent real requests: a signed Signere webhook and an Axle one from the shared cases
// (tests/data/webhooks/), forged and missing signatures (401), a body over the limit (413), a body
// that is not JSON (400), and one event delivered twice (acknowledged twice, processed once). The
// server's output must hold the redacting Debug only: no personal field's or secret's value. The
// server is stopped after the tests, whatever happened.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";

import { ROOT } from "../../scripts/serve.mjs";
import { ensureBuilt } from "./support/build.mjs";

const EXAMPLE_DIR = join(ROOT, "examples/axum-webhooks");
const TARGET_DIR = join(ROOT, "target/example-axum-webhooks");
const BINARY = join(TARGET_DIR, "debug", `embed-events-axum-webhooks-example${process.platform === "win32" ? ".exe" : ""}`);
const MAX_BYTES = 1_048_576; // the crate's DEFAULT_MAX_BYTES, the example's limit
const T = { timeout: 30_000 };

const cases = (vendor) => JSON.parse(readFileSync(join(ROOT, `tests/data/webhooks/${vendor}.json`), "utf8")).cases;
const pick = (vendor, name) => {
  const found = cases(vendor).find((c) => c.name === name);
  assert.ok(found, `tests/data/webhooks/${vendor}.json has no case named ${JSON.stringify(name)}`);
  return found;
};
const SIGNED = pick("signere", "idfy: document_signed in Idfy's envelope");
const AXLE = pick("ignition", "seed: the example webhook payload with its parameters filled in");
const SECRET = SIGNED.options.secret;
const HEADER = AXLE.options.header;
const sign = (body, secret = SECRET) => createHmac("sha256", secret).update(body).digest("hex");

/** The string values, anywhere in `value`, of the fields that must never be logged. */
const PERSONAL = new Set(["socialSecurityNumber", "signatureMethodUniqueId", "dateOfBirth", "email", "ipAddress", "authCode", "token"]);
function personalValues(value, out = []) {
  if (Array.isArray(value)) value.forEach((v) => personalValues(v, out));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (PERSONAL.has(key) && typeof v === "string") out.push(v);
      else personalValues(v, out);
    }
  }
  return out;
}

let server;

// ───────────────────────────── build and start ─────────────────────────────

/**
 * Start the server on a free loopback port; resolve once it printed its address. Everything it
 * writes is kept in `output`.
 */
function start() {
  const child = spawn(BINARY, ["0"], {
    env: {
      PATH: process.env.PATH,
      IDFY_WEBHOOK_SECRET: SECRET,
      AXLE_WEBHOOK_HEADER_NAME: HEADER.name,
      AXLE_WEBHOOK_HEADER_VALUE: HEADER.value,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const s = { child, output: "", url: null, exited: null };
  child.stdout.setEncoding("utf8");
  child.stderr.setEncoding("utf8");
  child.stdout.on("data", (chunk) => (s.output += chunk));
  child.stderr.on("data", (chunk) => (s.output += chunk));
  const exited = new Promise((resolve) => child.on("exit", (code, signal) => resolve((s.exited = { code, signal }))));
  s.stop = async () => {
    if (s.exited) return;
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  };
  const ready = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server printed no address within 10 s:\n${s.output}`)), 10_000);
    const check = () => {
      const match = /^listening on (http:\/\/127\.0\.0\.1:\d+)$/m.exec(s.output);
      if (match) {
        clearTimeout(timer);
        s.url = match[1];
        resolve(s);
      }
    };
    child.stdout.on("data", check);
    child.on("error", (e) => (clearTimeout(timer), reject(e)));
    exited.then(({ code, signal }) => (clearTimeout(timer), reject(new Error(`the server exited (${code ?? signal}):\n${s.output}`))));
  });
  // Stopped even when the start fails, and if the test process ends first.
  server = s;
  return ready;
}

before(async () => {
  ensureBuilt({
    label: "axum-webhooks",
    dir: EXAMPLE_DIR,
    sources: ["src", "Cargo.toml", "Cargo.lock"],
    output: BINARY,
    product: "the example's binary",
    what: "cargo build of examples/axum-webhooks",
    command: "cargo",
    args: ["build", "--target-dir", TARGET_DIR],
    cwd: EXAMPLE_DIR,
    timeout: 15 * 60_000,
  });
  await start();
}, { timeout: 16 * 60_000 });

after(async () => {
  await server?.stop();
});

process.on("exit", () => server?.child.kill("SIGKILL"));

// ───────────────────────────── helpers ─────────────────────────────

/** POST `body` to `path` with `headers`; the status and the body as text. */
async function post(path, body, headers = {}) {
  const response = await fetch(server.url + path, {
    method: "POST",
    body,
    headers: { "content-type": "application/json", ...headers },
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, text: await response.text() };
}

const postSignere = (body, signature = sign(body)) =>
  post("/webhooks/signere", body, signature === null ? {} : { "X-Idfy-Signature": signature });
const postIgnition = (body, value = HEADER.value) => post("/webhooks/ignition", body, value === null ? {} : { [HEADER.name]: value });

/**
 * POST `chunks` to `path` with `headers` (chunked, no length), never ending the request: the
 * answer must come from what was sent so far.
 */
function postUnfinished(path, headers, chunks) {
  return new Promise((resolve, reject) => {
    const request = httpRequest(server.url + path, { method: "POST", headers, timeout: 10_000 }, (response) => {
      let text = "";
      response.setEncoding("utf8");
      response.on("data", (chunk) => (text += chunk));
      response.on("end", () => {
        resolve({ status: response.statusCode, text });
        request.destroy();
      });
      response.on("error", reject);
    });
    request.on("timeout", () => request.destroy(new Error("no answer within 10 s")));
    request.on("error", reject);
    for (const chunk of chunks) request.write(chunk);
  });
}

/** Wait until the server's output has a line matching `pattern`. */
async function outputLine(pattern, ms = 5_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const line = server.output.split("\n").find((l) => pattern.test(l));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`no line matching ${pattern} in the server's output within ${ms} ms:\n${server.output}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

const processedLines = (id) => server.output.split("\n").filter((l) => l.startsWith("processed ") && l.includes(JSON.stringify(id)));

/** An Idfy-envelope `document_signed` with a fresh id, as raw text. */
function freshSigned() {
  const event = JSON.parse(SIGNED.body);
  event.id = randomUUID();
  return { id: event.id, body: JSON.stringify(event) };
}

// ───────────────────────────── tests ─────────────────────────────

test("a signed Signere webhook is verified, decoded, answered and processed afterwards", T, async () => {
  assert.equal(SIGNED.headers["X-Idfy-Signature"], sign(SIGNED.body), "the shared case's signature");
  const { status, text } = await postSignere(SIGNED.body, SIGNED.headers["X-Idfy-Signature"]);
  assert.equal(status, 200, text);
  assert.deepEqual(JSON.parse(text), { type: "document_signed", id: SIGNED.expect.event.id, duplicate: false });
  const processed = await outputLine(new RegExp(`^processed document_signed Some\\("${SIGNED.expect.event.id}"\\)`));
  assert.match(processed, new RegExp(`document ${SIGNED.expect.event.documentId} signed by ${SIGNED.expect.event.signers.length} signer\\(s\\)`));
  // The log holds the event's Debug: its signers' personal fields are redacted.
  const logged = await outputLine(/^signere webhook: DocumentSigned \{/);
  assert.match(logged, /social_security_number: "\[redacted\]"|signature_method_unique_id: "\[redacted\]"/);
});

test("an Axle webhook with the agreed header is verified and decoded", T, async () => {
  const { status, text } = await postIgnition(AXLE.body);
  assert.equal(status, 200, text);
  assert.deepEqual(JSON.parse(text), { type: AXLE.expect.event.type, id: AXLE.expect.event.id, duplicate: false });
  await outputLine(new RegExp(`^processed ${AXLE.expect.event.type.replace(".", "\\.")} Some\\("${AXLE.expect.event.id}"\\)`));
  const logged = await outputLine(/^ignition webhook: /);
  assert.match(logged, /token: "\[redacted\]"/);
});

test("a forged Signere webhook is refused: 401 signature_invalid", T, async () => {
  const { body } = freshSigned();
  // Signed with another secret.
  assert.deepEqual(await postSignere(body, sign(body, "not-the-secret")), { status: 401, text: "signature_invalid" });
  // The shared case's signature over a body that was parsed and serialised again.
  const reserialised = JSON.stringify(JSON.parse(SIGNED.body));
  assert.notEqual(reserialised, SIGNED.body);
  assert.deepEqual(await postSignere(reserialised, SIGNED.headers["X-Idfy-Signature"]), { status: 401, text: "signature_invalid" });
  // An Axle webhook with the wrong header value.
  assert.deepEqual(await postIgnition(AXLE.body, "guess"), { status: 401, text: "signature_invalid" });
});

test("a webhook without its signature or header is refused: 401 signature_missing", T, async () => {
  assert.deepEqual(await postSignere(freshSigned().body, null), { status: 401, text: "signature_missing" });
  assert.deepEqual(await postIgnition(AXLE.body, null), { status: 401, text: "signature_missing" });
});

test("a body over the limit is refused: 413 body_too_large", T, async () => {
  // A signed ping padded to `length` bytes (an unknown extra field is left out when decoding).
  const [head, tail] = ['{"type":"ping","payload":{},"pad":"', '"}'];
  const padded = (length) => head + "x".repeat(length - head.length - tail.length) + tail;
  const over = padded(MAX_BYTES + 1);
  assert.equal(Buffer.byteLength(over), MAX_BYTES + 1);
  assert.deepEqual(await postSignere(over), { status: 413, text: "body_too_large" });
  assert.deepEqual(await postIgnition(over), { status: 413, text: "body_too_large" });
  // A body streamed without a length that never ends: the server stops reading past the limit.
  const chunks = Array.from({ length: 16 }, (_, i) => Buffer.alloc(MAX_BYTES / 16 + (i === 15 ? 1 : 0), "x"));
  assert.deepEqual(await postUnfinished("/webhooks/signere", { "X-Idfy-Signature": sign("x") }, chunks), { status: 413, text: "body_too_large" });
  // The largest body accepted is MAX_BYTES long.
  const largest = padded(MAX_BYTES);
  assert.equal(Buffer.byteLength(largest), MAX_BYTES);
  const { status, text } = await postSignere(largest);
  assert.equal(status, 200, text);
  assert.equal(JSON.parse(text).type, "ping");
});

test("a signed body that is not JSON is refused: 400 body_not_json", T, async () => {
  assert.deepEqual(await postSignere("not json"), { status: 400, text: "body_not_json" });
});

test("a duplicate delivery is acknowledged but processed once", T, async () => {
  const { id, body } = freshSigned();
  const first = await postSignere(body);
  const again = await postSignere(body);
  assert.equal(first.status, 200, first.text);
  assert.equal(again.status, 200, again.text);
  assert.deepEqual(JSON.parse(first.text), { type: "document_signed", id, duplicate: false });
  assert.deepEqual(JSON.parse(again.text), { type: "document_signed", id, duplicate: true });
  // A later event's processing shows that the runtime has run what was spawned before it.
  const later = freshSigned();
  assert.equal((await postSignere(later.body)).status, 200);
  await outputLine(new RegExp(`^processed document_signed Some\\("${later.id}"\\)`));
  assert.equal(processedLines(id).length, 1, server.output);
});

test("the server's output holds no secret and no personal field's value", T, async () => {
  const forbidden = [SECRET, HEADER.value, ...personalValues(JSON.parse(SIGNED.body)), ...personalValues(JSON.parse(AXLE.body))];
  assert.ok(forbidden.length >= 4, `the cases hold personal fields: ${forbidden.length}`);
  for (const value of forbidden) assert.ok(!server.output.includes(value), `the server's output holds a secret or personal value:\n${server.output}`);
});

// docs/rust.md shows the handler as a `rust,ignore` block (axum is not a dependency of the crate,
// so rustdoc cannot compile it): it must stay an excerpt of the example this file drives. Every
// line of the block is a line of src/main.rs, in order, as tests/readme checks the README's.
test("docs/rust.md's Webhooks block is an excerpt of the example", () => {
  const docs = readFileSync(join(ROOT, "docs/rust.md"), "utf8");
  const section = docs.slice(docs.indexOf("\n# Webhooks\n"));
  const block = /\n```rust,ignore\n([\s\S]*?)\n```\n/.exec(section);
  assert.ok(docs.includes("\n# Webhooks\n") && block, "docs/rust.md has a Webhooks section with a rust,ignore block");
  const source = readFileSync(join(EXAMPLE_DIR, "src/main.rs"), "utf8").split("\n").map((l) => l.trim());
  let at = 0;
  for (const line of block[1].split("\n").map((l) => l.trim())) {
    if (line === "" || line === "// …") continue;
    const found = source.indexOf(line, at);
    assert.ok(found >= 0, `"${line}" is not in examples/axum-webhooks/src/main.rs (after line ${at})`);
    at = found + 1;
  }
});
