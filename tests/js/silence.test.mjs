// The silence report's sentence (src/js/silence.js, as the watcher calls it) runs every case of
// tests/data/silence.json, which tests/silence.rs runs through Silence::detail and
// detail_without_origins too. `node --test`, after the build (it reads the tables it wrote).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import CORE from "../../target/npm-stage/tables.js";
import { originOf } from "../../src/js/origins.js";
import { silenceDetail } from "../../src/js/silence.js";

const { cases } = JSON.parse(readFileSync(new URL("../data/silence.json", import.meta.url), "utf8"));
const VENDORS = { ignition: 0, signere: 1 };

/** The detail for `c`, with `others` and `srcOther` made as the watcher makes them (src/js/index.js). */
export function detailOf(c) {
  const vendor = VENDORS[c.vendor];
  const t = CORE.vendors[vendor];
  // Given no origins: every environment's origin but the one `environment` trusts.
  const trusted = t.environments.indexOf(c.environment ?? "");
  const others = new Map(c.originsOption ? [] : CORE.origins[vendor][0].filter((_, i) => i !== trusted));
  const srcOther = (src) => c.environment && (src = others.get(originOf(src, true)[0])) && `the iframe's src is on ${src}.`;
  const report = { ms: c.ms, ignored: c.ignored, origins: c.origins };
  return silenceDetail(t, report, c.src ?? "", others, srcOther);
}

test("silence.json: the detail of every case", () => {
  const wrong = cases.filter((c) => detailOf(c) !== c.detail).map((c) => `${JSON.stringify(c)}\n  got ${detailOf(c)}`);
  assert.deepEqual(wrong, [], `${wrong.length} of ${cases.length} wrong`);
  assert.ok(cases.length >= 10);
});
