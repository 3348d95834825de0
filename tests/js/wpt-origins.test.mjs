// The WHATWG URL test data (web-platform-tests' urltestdata.json, tests/data/wpt/) as a
// conformance set for the package's JavaScript origin rules (src/js/origins.js, over Node's URL
// parser); tests/wpt_origins.rs holds `Origin::parse` to the same, with the same selection: every
// case whose input is absolute (no base, or an `http(s)://` input once the URL parser's own
// trimming is done), read alone as an allow-list entry. The standard rejects it: refused. A bare
// http(s) origin: exactly that origin, unless tests/data/wpt/refusals.json lists it. Anything else:
// refused.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { originOf } from "../../src/js/origins.js";

const read = (name) => JSON.parse(readFileSync(new URL(`../data/wpt/${name}`, import.meta.url), "utf8"));
const CASES = read("urltestdata.json").filter((c) => typeof c === "object");
const REFUSALS = read("refusals.json").refusals;

const preprocessed = (input) => input.replace(/^[\0- ]+|[\0- ]+$/g, "").replace(/[\t\n\r]/g, "");
const isAbsolute = (c) => c.base == null || /^https?:[/\\]{2}/i.test(preprocessed(c.input));

/** The origin the standard gives, when the case is a bare http(s) origin. */
function bareOrigin(c) {
  if (c.protocol !== "http:" && c.protocol !== "https:") return;
  const origin = c.origin ?? `${c.protocol}//${c.host}`;
  return c.href === `${origin}/` ? origin : undefined;
}

/** The error refusals.json expects from these rules for `input`, or undefined. */
function refusal(input) {
  const r = REFUSALS.find((r) => r.input === input);
  return r && ("js" in r ? (r.js ?? undefined) : r.error);
}

test("originOf meets the URL standard's test data", () => {
  let [considered, failures, bare, given, others] = [0, 0, 0, 0, 0];
  const refused = [];
  const wrong = [];
  for (const c of CASES.filter(isAbsolute)) {
    considered++;
    const [origin, error] = originOf(c.input);
    const input = JSON.stringify(c.input);
    if (c.failure) {
      failures++;
      if (origin !== undefined) wrong.push(`${input}: the standard rejects it, originOf gives ${origin}`);
      continue;
    }
    const want = bareOrigin(c);
    if (want === undefined) {
      others++;
      if (origin !== undefined) wrong.push(`${input} is no bare http(s) origin (${c.href}), originOf gives ${origin}`);
      continue;
    }
    bare++;
    const listed = refusal(c.input);
    if (listed === undefined && origin === want) given++;
    else if (listed !== undefined && error === listed) refused.push(`${input} (${error})`);
    else wrong.push(`${input}: ${origin ?? error}; the standard gives ${want}, refusals.json says ${listed}`);
  }
  for (const r of REFUSALS) {
    const listed = refusal(r.input);
    if (listed !== undefined && !refused.some((line) => line.startsWith(`${JSON.stringify(r.input)} `))) {
      wrong.push(`refusals.json lists ${JSON.stringify(r.input)} (${listed}), which originOf does not refuse so`);
    }
  }
  console.log(
    `WPT urltestdata, originOf: ${considered} absolute cases considered: ${failures} rejected by the standard, all refused; ` +
      `${bare} bare http(s) origins, ${given} give the standard's origin, ${refused.length} refused deliberately; ${others} other URLs, all refused`,
  );
  assert.deepEqual(wrong, [], `${wrong.length} wrong`);
  assert.ok(considered > 600 && bare > 50, `${considered} cases considered, ${bare} bare origins`);
});

test("originOf gives each frame src the origin the standard gives", () => {
  // A frame's `src` (the default allow-list) may carry a path, query and fragment: every absolute
  // http(s) case without credentials gives the standard's origin, or none.
  let compared = 0;
  const wrong = [];
  for (const c of CASES.filter(isAbsolute)) {
    if (c.failure || (c.protocol !== "http:" && c.protocol !== "https:") || c.username || c.password) continue;
    const [origin] = originOf(c.input, true);
    const want = c.origin ?? `${c.protocol}//${c.host}`;
    compared++;
    if (origin !== undefined && origin !== want) wrong.push(`${JSON.stringify(c.input)}: ${origin}, the standard gives ${want}`);
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${compared} wrong`);
});
