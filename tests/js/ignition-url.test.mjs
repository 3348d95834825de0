// The package's ignitionUrl (dist/index.js, in Node) runs every case of tests/data/ignition_url.json,
// which tests/ignition_url.rs runs through ignition_url too. `node --test`, after the build.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { ignitionUrl } from "../../dist/index.js";

const { cases } = JSON.parse(readFileSync(new URL("../data/ignition_url.json", import.meta.url), "utf8"));

/** A URL as the URL parser reads it: what two writings of one URL share. */
function reading(href) {
  const url = new URL(href);
  return { origin: url.origin, pathname: url.pathname, hash: url.hash, params: [...url.searchParams] };
}

test("ignition_url.json: ignitionUrl gives every case's URL, or its TypeError", () => {
  const wrong = [];
  for (const c of cases) {
    const want = c.js ?? c;
    let got;
    try {
      got = ignitionUrl(c.url, c.parent ?? undefined);
    } catch (error) {
      const message = want.message ?? "";
      if (!(error instanceof TypeError) || !want.error || !error.message.startsWith(`embed-events: ignitionUrl: ${message}`)) {
        wrong.push(`${JSON.stringify(c.url)} with ${c.parent}: threw ${error.message}, expected ${want.expect ?? want.message}`);
      }
      continue;
    }
    if (!want.expect) {
      wrong.push(`${JSON.stringify(c.url)} with ${c.parent}: ${got}, expected ${want.error}`);
      continue;
    }
    try {
      assert.deepEqual(reading(got), reading(want.expect));
      // Setting it again changes nothing.
      assert.equal(ignitionUrl(got, c.parent), got);
    } catch {
      wrong.push(`${JSON.stringify(c.url)} with ${c.parent}: ${got}, expected ${want.expect}`);
    }
  }
  assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} wrong`);
});
