// embed-events/webhooks' reader: verify and decode the vendors' webhooks on a server, with nothing
// but the Web platform (Request, Headers, TextDecoder, WebAssembly, crypto.subtle), so the same file
// runs in Node 20+, Deno, Bun and Workers. The events are decoded by one small interpreter of the
// webhook tables, which the build generates from the Rust declarations (webhook-tables.js, written
// by scripts/build.mjs from npm/src/bin/tables.rs): no vendor, event or field is written here, and
// each vendor's reader (`readIgnitionWebhook`, …) is one line over `reader` that the build writes
// from the same list (webhook-readers.js, which the entry, webhooks.js, exports). The order of the
// checks, the details and the values follow src/receive.rs, and tests/data/webhooks/ holds the
// cases both run.
import TABLES from "./webhook-tables.js";
import { bytes } from "./bytes.js";
import { length, order, text as hmacText } from "./hmac-bytes.js";

const STATUS = { signature_missing: 401, signature_invalid: 401, body_too_large: 413, body_not_json: 400, malformed: 400 };
const TEXT = {
  signature_missing: "the webhook's signature header is missing",
  signature_invalid: "the webhook's signature header does not match its body",
  body_too_large: "the webhook's body is larger than maxBytes",
  body_not_json: "the webhook's body is not a JSON object in UTF-8",
};

/**
 * Why a webhook request was refused: `code`, the HTTP `status` to answer with and, for
 * `"malformed"`, the field at fault in `detail`. Neither the message nor the detail ever holds a
 * secret, a header value or a value from the body.
 */
export class WebhookError extends Error {
  constructor(code, detail) {
    super(detail === undefined ? `${code}: ${TEXT[code]}` : `${code}: ${detail}`);
    this.name = "WebhookError";
    this.code = code;
    this.status = STATUS[code];
    if (detail !== undefined) this.detail = detail;
  }
}

const DEFAULT_MAX_BYTES = 1_048_576;
const fail = (fn, message) => new TypeError(`embed-events/webhooks: ${fn}: ${message}`);
const typeName = (value) => (value === null ? "null" : Array.isArray(value) ? "an array" : typeof value);
const isObject = (value) => typeof value === "object" && value !== null && !Array.isArray(value);
/** An own member (never one from the prototype chain); `undefined` when absent. */
const own = (object, key) => (Object.hasOwn(object, key) ? object[key] : undefined);
/** A string read from the body, a lone surrogate (`"\\ud800"`) as U+FFFD, as the Rust reader has it. */
const text = (value) => (value.isWellFormed?.() === false ? value.toWellFormed() : value);
const malformed = (path, problem) => new WebhookError("malformed", `${path}: ${problem}`);
const EXPECTED = { string: "expected a string", object: "expected an object", record: "expected an object", json: "expected a value", records: "expected an array" };
// RFC 9110's token: what a header name may hold.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Each field with the members it is read from (the generated tables leave out `from` where it is only the key), nested ones too. */
const withFrom = (fields) => fields.map((f) => ({ ...f, from: f.from ?? [f.key], fields: f.fields && withFrom(f.fields) }));

/** Each vendor's table, with its events by name, and the options its reader takes. */
const READERS = TABLES.map((table) => ({
  table: { ...table, envelope: withFrom(table.envelope) },
  events: new Map(table.events.map((event) => [event.name, withFrom(event.fields)])),
  verify: table.verification.kind === "hmac-sha256-hex" ? "secret" : "header",
}));

/**
 * The reader of the vendor whose webhook table is the `index`th (in the order of the list of
 * vendors): `options.secret` verifies an HMAC-signed vendor's (Signere's), `options.header` a
 * header-verified one's (Ignition's).
 */
export const reader = (index) => {
  const found = READERS[index];
  return (input, options) => read(found, input, options);
};

async function read({ table, events, verify }, input, options) {
  const fn = table.readFn;
  const { maxBytes, secret, header } = check(fn, verify, options);
  const request = isRequest(input);
  const body = request ? await requestBody(input, maxBytes, fn) : rawBody(fn, input, maxBytes);
  const headers = request ? (name) => input.headers.get(name) : lookup(fn, input.headers);
  // Awaited only when it is a promise (crypto.subtle's): the module's check is synchronous.
  if (secret !== undefined) {
    const checking = verifySignature(table.verification.header, secret, body, headers);
    if (checking) await checking;
  }
  if (header !== undefined) await verifyHeader(header, headers);
  return decode(table, events, body);
}

/** The options, checked: every key known, each of its kind; verification given, or `unverified: true`. */
function check(fn, verify, options) {
  if (!isObject(options)) throw fail(fn, `options must be an object, got ${typeName(options)}`);
  const known = [verify, "unverified", "maxBytes"];
  for (const key of Object.keys(options)) {
    if (known.includes(key) || options[key] === undefined) continue;
    const other = READERS.find((r) => r.verify === key);
    throw fail(fn, `unknown option "${key}"${other ? ` (${other.table.readFn} only)` : ""}`);
  }
  const { unverified, maxBytes = DEFAULT_MAX_BYTES } = options;
  const given = options[verify];
  if (unverified !== undefined && typeof unverified !== "boolean") throw fail(fn, `unverified must be a boolean, got ${typeName(unverified)}`);
  if (!Number.isSafeInteger(maxBytes) || maxBytes < 0) throw fail(fn, `maxBytes must be a whole number of bytes, 0 or more`);
  if (given === undefined) {
    if (unverified !== true) throw fail(fn, `${verify} is required (or unverified: true, for development only)`);
    return { maxBytes };
  }
  if (unverified === true) throw fail(fn, `${verify} and unverified: true contradict each other`);
  if (verify === "secret") {
    if (typeof given !== "string" || given === "") throw fail(fn, `secret must be a non-empty string, got ${given === "" ? "an empty string" : typeName(given)}`);
    return { maxBytes, secret: given };
  }
  if (!isObject(given)) throw fail(fn, `header must be { name, value }, got ${typeName(given)}`);
  for (const key of Object.keys(given)) {
    if (key !== "name" && key !== "value" && given[key] !== undefined) throw fail(fn, `unknown option "header.${key}"`);
  }
  if (typeof given.name !== "string" || !TOKEN.test(given.name)) throw fail(fn, "header.name must be a header name");
  if (typeof given.value !== "string" || given.value === "") throw fail(fn, "header.value must be a non-empty string");
  return { maxBytes, header: { name: given.name.toLowerCase(), value: given.value } };
}

const isRequest = (input) =>
  (typeof Request === "function" && input instanceof Request) ||
  (isObject(input) && typeof input.arrayBuffer === "function" && typeof input.headers?.get === "function" && "bodyUsed" in input);

/** A Request's body, at most `maxBytes`: a larger `Content-Length` is refused without reading. */
function requestBody(request, maxBytes, fn) {
  const length = request.headers.get("content-length");
  if (length !== null && /^\s*\d+\s*$/.test(length) && Number(length) > maxBytes) throw new WebhookError("body_too_large");
  if (request.bodyUsed) throw fail(fn, "the Request's body was already read");
  return readStream(request.body, maxBytes);
}

/** A stream's bytes, read chunk by chunk; past `maxBytes` the reading stops and the stream is cancelled. */
async function readStream(stream, maxBytes) {
  if (stream === null || stream === undefined) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => {});
      throw new WebhookError("body_too_large");
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0];
  const body = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    body.set(chunk, at);
    at += chunk.byteLength;
  }
  return body;
}

const encoder = new TextEncoder();

/** `{ body, headers }`'s raw body as bytes, at most `maxBytes`. */
function rawBody(fn, input, maxBytes) {
  if (!isObject(input)) throw fail(fn, `input must be a Request or { body, headers }, got ${typeName(input)}`);
  let body = input.body;
  if (typeof body === "string") {
    // UTF-8 takes at least a byte per UTF-16 unit: a longer string is too large without encoding it.
    if (body.length > maxBytes) throw new WebhookError("body_too_large");
    body = encoder.encode(body);
  } else if (body instanceof ArrayBuffer) {
    body = new Uint8Array(body);
  } else if (ArrayBuffer.isView(body)) {
    body = new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  } else {
    throw fail(fn, `input.body must be the raw body (a string, Uint8Array or ArrayBuffer), got ${typeName(body)}` +
      (isObject(body) ? " (already parsed: read the raw body, such as with express.raw())" : ""));
  }
  if (body.byteLength > maxBytes) throw new WebhookError("body_too_large");
  return body;
}

/** A lookup by lower-case name in a `Headers` or a plain object (Node's `req.headers`): any case; an array's first element, absent if empty. */
function lookup(fn, headers) {
  if (typeof headers?.get === "function") return (name) => headers.get(name);
  if (!isObject(headers)) throw fail(fn, `input.headers must be a Headers or an object, got ${typeName(headers)}`);
  return (name) => {
    for (const key of Object.keys(headers)) {
      if (key.toLowerCase() !== name) continue;
      const value = headers[key];
      const first = Array.isArray(value) ? value[0] : value;
      return typeof first === "string" ? first : null;
    }
    return null;
  };
}

/** A header's value without surrounding spaces and tabs; `signature_missing` when absent or empty. */
function present(headers, name) {
  const value = headers(name)?.replace(/^[ \t]+|[ \t]+$/g, "");
  if (!value) throw new WebhookError("signature_missing");
  return value;
}

// A Signere signature is checked by the HMAC module (npm/hmac: RustCrypto's hmac and sha2, as
// src/receive.rs checks it, compared in constant time by `Mac::verify_slice`), synchronously: Node
// 20's crypto.subtle.verify is an async job on the thread pool that cost more than the rest of a
// 1 KB webhook's handling (npm run bench). Where the runtime compiles no wasm from bytes (Cloudflare
// Workers), crypto.subtle checks it. The module is instantiated on first use; null: unavailable.
let hmac;
// The secret the module was last keyed with; the last secret's CryptoKey (crypto.subtle), so that a
// server does not import it again for every request.
let keyed;
let cached = { secret: undefined, key: undefined };

function hmacModule() {
  if (hmac === undefined) {
    try {
      hmac = new WebAssembly.Instance(new WebAssembly.Module(bytes(hmacText, order, length)), {}).exports;
    } catch {
      hmac = null;
    }
  }
  return hmac;
}

/** The module's memory from its free area on, at least `size` bytes (grown when needed). */
function area(size) {
  const base = hmac.area();
  const short = base + size - hmac.memory.buffer.byteLength;
  if (short > 0) hmac.memory.grow(Math.ceil(short / 65536));
  return new Uint8Array(hmac.memory.buffer, base);
}

/** A hex digit's value; -1 for any other character. */
const nibble = (c) => (c >= 48 && c <= 57 ? c - 48 : (c |= 32) >= 97 && c <= 102 ? c - 87 : -1);

/** Throws `signature_invalid` unless the header holds the body's HMAC; a promise where crypto.subtle checks it. */
function verifySignature(name, secret, body, headers) {
  let hex = present(headers, name);
  if (hex.slice(0, 7).toLowerCase() === "sha256=") hex = hex.slice(7);
  if (hex.length !== 64) throw new WebhookError("signature_invalid");
  const module = hmacModule();
  if (module && keyed !== secret) {
    const key = encoder.encode(secret);
    area(key.byteLength).set(key);
    module.key(module.area(), key.byteLength);
    // The module keeps the key's hashed pads only.
    area(key.byteLength).fill(0, 0, key.byteLength);
    keyed = secret;
  }
  // The signature, then the body: written into the module once, hashed and compared there.
  const memory = module ? area(32 + body.byteLength) : new Uint8Array(32);
  for (let i = 0; i < 32; i++) {
    const high = nibble(hex.charCodeAt(2 * i));
    const low = nibble(hex.charCodeAt(2 * i + 1));
    if (high < 0 || low < 0) throw new WebhookError("signature_invalid");
    memory[i] = (high << 4) | low;
  }
  if (!module) return verifySubtle(secret, memory, body);
  memory.set(body, 32);
  const base = module.area();
  if (module.verify(base, base + 32, body.byteLength) !== 1) throw new WebhookError("signature_invalid");
}

async function verifySubtle(secret, signature, body) {
  if (cached.secret !== secret) {
    const key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["verify"]);
    cached = { secret, key };
  }
  // crypto.subtle.verify compares in constant time.
  if (!(await crypto.subtle.verify("HMAC", await cached.key, signature, body))) throw new WebhookError("signature_invalid");
}

/** The header's value compared with the agreed one in constant time: SHA-256 digests of both, compared without an early exit. */
async function verifyHeader({ name, value }, headers) {
  const got = present(headers, name);
  const [a, b] = await Promise.all([got, value].map((text) => crypto.subtle.digest("SHA-256", encoder.encode(text))));
  const x = new Uint8Array(a);
  const y = new Uint8Array(b);
  let difference = 0;
  for (let i = 0; i < x.length; i++) difference |= x[i] ^ y[i];
  if (difference !== 0) throw new WebhookError("signature_invalid");
}

// fatal: not UTF-8 is an error; ignoreBOM: a BOM stays, and JSON.parse refuses it, as the Rust reader does.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/** The body decoded by the vendor's table: the event as a fresh plain object. */
function decode(table, events, body) {
  let root;
  try {
    root = JSON.parse(decoder.decode(body));
  } catch {
    throw new WebhookError("body_not_json");
  }
  if (!isObject(root)) throw new WebhookError("body_not_json");
  const name = own(root, table.tag);
  if (name === undefined || name === null) throw malformed(table.tag, "missing");
  if (typeof name !== "string") throw malformed(table.tag, EXPECTED.string);
  const fields = events.get(name);
  if (fields === undefined) {
    const id = own(root, "id");
    const unknown = { [table.tag]: "unknown", name: text(name) };
    if (typeof id === "string") unknown.id = text(id);
    unknown.data = root;
    return unknown;
  }
  const event = { [table.tag]: name };
  readFields(root, "", table.envelope, event);
  const data = own(root, table.data);
  const prefix = `${table.data}.`;
  if (data === undefined || data === null) {
    const required = fields.find((field) => field.required);
    if (required) throw malformed(prefix + required.key, "missing");
  } else if (!isObject(data)) {
    throw malformed(table.data, EXPECTED.object);
  } else {
    readFields(data, prefix, fields, event);
  }
  return event;
}

/** `fields` read from `object` (at `prefix`) into `out`: each from its first member that is neither absent nor null. */
function readFields(object, prefix, fields, out) {
  for (const field of fields) {
    let member;
    let value;
    for (const key of field.from) {
      value = own(object, key);
      if (value !== undefined && value !== null) {
        member = key;
        break;
      }
    }
    if (member === undefined) {
      if (field.required) throw malformed(prefix + field.key, "missing");
      continue;
    }
    out[field.key] = readValue(value, prefix + member, field);
  }
  return out;
}

function readValue(value, path, field) {
  switch (field.kind) {
    case "string":
      if (typeof value === "string") return text(value);
      break;
    case "object":
      if (isObject(value)) return value;
      break;
    case "json":
      return value;
    case "record":
      if (isObject(value)) return readFields(value, `${path}.`, field.fields, {});
      break;
    case "records":
      if (Array.isArray(value)) {
        return value.map((item, i) => {
          if (!isObject(item)) throw malformed(`${path}[${i}]`, EXPECTED.object);
          return readFields(item, `${path}[${i}].`, field.fields, {});
        });
      }
      break;
  }
  throw malformed(path, EXPECTED[field.kind]);
}
