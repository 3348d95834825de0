// The package's readIgnitionRedirect (dist/index.js, in Node) runs every case of
// tests/data/redirect.json, which tests/redirect.rs runs through read_ignition_redirect too.
// `node --test`, after the build.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { readIgnitionRedirect } from "../../dist/index.js";

const { cases } = JSON.parse(readFileSync(new URL("../data/redirect.json", import.meta.url), "utf8"));

const isAbsolute = (url) => URL.canParse(url);

test("redirect.json: readIgnitionRedirect gives every case's value", () => {
  const wrong = [];
  for (const { url, expect } of cases) {
    if (!isAbsolute(url)) {
      assert.throws(() => readIgnitionRedirect(url), { name: "TypeError", message: /url does not parse as an absolute URL/ }, url);
      continue;
    }
    const got = readIgnitionRedirect(url);
    try {
      assert.deepEqual(got, expect);
    } catch {
      wrong.push(`${JSON.stringify(url)}: ${JSON.stringify(got)}, expected ${JSON.stringify(expect)}`);
    }
    // A URL object reads as its href does.
    if (expect !== null) assert.equal(readIgnitionRedirect(new URL(url))?.kind, expect.kind, url);
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} wrong`);
  console.log(`redirect cases: ${cases.length} (${cases.filter((c) => !isAbsolute(c.url)).length} not absolute, a TypeError here)`);
});

test("redirect.json: a malformed detail never holds a parameter's value", () => {
  for (const { url, expect } of cases) {
    if (expect?.kind !== "malformed") continue;
    for (const [, value] of new URL(url, "https://base.example").searchParams) {
      if (value.length >= 3) assert.ok(!expect.detail.includes(value), `${url}: ${expect.detail}`);
    }
  }
});
