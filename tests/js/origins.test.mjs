// The package's origin rules (src/js/origins.js, around the engine's URL parser) run every case of
// the case files that the Rust core runs too (tests/origins.rs): tests/data/origins.json (allow-list
// entries and what they normalise to) and tests/data/allow.json (the allow-list's order, and
// senders against allow-lists). `node --test`, after the build (for the tables it writes).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { allowList, originOf } from "../../src/js/origins.js";
import CORE from "../../target/npm-stage/tables.js";

const read = (name) => JSON.parse(readFileSync(new URL(`../data/${name}`, import.meta.url), "utf8"));
const ORIGINS = read("origins.json");
const ALLOW = read("allow.json");

/** What Node's URL parser gives for `entry`, for the entries the Rust normaliser leaves to the engine. */
const nodeOrigin = (entry) => ORIGINS.node.find((c) => c.entry === entry)?.node ?? undefined;

/** Checks `originOf(entry)` against a case's `origin` or `error`; returns a line per difference. */
function check(entry, origin, error) {
  const [got, rule] = originOf(entry);
  // Characters the Rust normaliser does not map: the engine canonicalises them, as Node does.
  if (error === "Unsupported") {
    const want = nodeOrigin(entry);
    return got === want || (want === undefined && rule) ? [] : [`${JSON.stringify(entry)}: ${got ?? rule}, Node gives ${want}`];
  }
  const want = origin ?? `error ${error}`;
  const have = got ?? `error ${rule}`;
  return have === want ? [] : [`${JSON.stringify(entry)}: ${have}, expected ${want}`];
}

for (const key of ["entries", "browser_entries", "node"]) {
  test(`origins.json ${key}: every entry normalises or is refused as the case says`, () => {
    const cases = ORIGINS[key];
    const wrong = cases.flatMap((c) => check(c.entry, c.error ? undefined : (c.origin ?? c.node), c.error));
    assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} wrong`);
    // An accepted entry's origin is its own normal form.
    for (const c of cases.filter((c) => !c.error && (c.origin ?? c.node) !== "null")) {
      const origin = c.origin ?? c.node;
      assert.deepEqual(originOf(origin), [origin], `normalising ${origin} again`);
    }
  });
}

test("origins.json: every error kind's text starts the message the build writes", () => {
  for (const [kind, text] of Object.entries(ORIGINS.errors)) {
    if (kind === "Unsupported") continue;
    assert.ok(CORE.errors[kind].startsWith(text), `${kind}: ${CORE.errors[kind]}`);
  }
});

test("allow.json lookalikes: every sender is accepted or rejected as the case says", () => {
  const wrong = [];
  for (const c of ALLOW.lookalikes) {
    const list = ALLOW.lists[c.list].map((entry) => originOf(entry)[0]);
    assert.ok(list.every((o) => o !== undefined), c.list);
    if (list.includes(c.sender) !== c.accept) wrong.push(`${c.list} vs ${JSON.stringify(c.sender)}: expected ${c.accept ? "accept" : "reject"}`);
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${ALLOW.lookalikes.length} wrong`);
});

test("allow.json order: origins, then environment, then the frame's src, then the default", () => {
  for (const c of ALLOW.order) {
    const vendor = CORE.vendors.findIndex((v) => v.name === c.vendor);
    const options = { origins: c.origins, environment: c.environment };
    const frame = c.frame_src === undefined ? undefined : { src: c.frame_src };
    const fail = (message) => new TypeError(message);
    let got;
    try {
      got = allowList(CORE, vendor, CORE.vendors[vendor], options, frame, c.has_source === true, fail);
    } catch (error) {
      assert.ok(c.error, `${JSON.stringify(c)}: threw ${error.message}`);
      assert.ok(error.message.startsWith(c.error), `${JSON.stringify(c)}: ${error.message}`);
      continue;
    }
    assert.deepEqual(got, c.allowed, JSON.stringify(c));
  }
});
