// A vendor is its declaration and its line in the list of vendors: the test-only vendor of
// tests/support/queue.rs, built into the test build of the package (node scripts/build.mjs
// --test-vendor, target/test-package/dist), is watched by the JavaScript watcher its build wrote
// (watchQueue) in a real page, from a real frame on another origin. In each engine
// (EMBED_EVENTS_ENGINE; see tests/engines/).
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";

const dist = fileURLToPath(new URL("../../target/test-package/dist", import.meta.url));
process.env.EMBED_EVENTS_DIST = dist;
const { openHost, useServersAndBrowser } = await import("./support/lifecycle-server.mjs");

const fixture = useServersAndBrowser();

test("the test build has the test-only vendor", () => {
  assert.ok(existsSync(`${dist}/index.js`), "run node scripts/build.mjs --test-vendor first");
});

test("watchQueue delivers the test-only vendor's messages from its frame, by its declaration", async () => {
  const { page } = await openHost(fixture.browser, fixture.servers);
  const result = await page.evaluate(async ({ vendor }) => {
    const pkg = window.pkg;
    const seen = [];
    const frame = document.createElement("iframe");
    // `entered`: an alias of `joined`, its position outside `detail`.
    frame.src = `${vendor}/vendor.html?hello=${encodeURIComponent(JSON.stringify({ kind: "entered", position: "3" }))}`;
    document.body.append(frame);
    const watcher = pkg.watchQueue({
      source: frame,
      origins: [vendor],
      once: true,
      onJoined: (event) => seen.push(["onJoined", event]),
      onAdmitted: (event) => seen.push(["onAdmitted", event]),
      onUnknown: (unknown) => seen.push(["onUnknown", unknown.name]),
      onIgnored: (ignored) => seen.push(["onIgnored", ignored.reason, ignored.detail]),
    });
    const deadline = Date.now() + 15_000;
    while (seen.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    frame.contentWindow.postMessage({
      cmd: "post",
      messages: [
        { kind: "moved" },
        { kind: "admitted", detail: { pass: 7 } },
        JSON.stringify({ kind: "admitted", seat: "C", detail: { pass: "P-1", seat: { id: "12A" } } }),
      ],
    }, "*");
    const outcome = await Promise.race([watcher.outcome, new Promise((r) => setTimeout(() => r("timeout"), 15_000))]);
    return { seen, outcome, active: watcher.active, watchers: ["watchIgnition", "watchSignere", "watchQueue"].map((f) => typeof pkg[f]) };
  }, { vendor: fixture.servers.vendor });
  assert.deepEqual(result.watchers, ["function", "function", "function"]);
  assert.deepEqual(result.seen, [
    ["onJoined", { kind: "joined", position: "3" }],
    ["onUnknown", "moved"],
    ["onIgnored", "malformed", "detail.pass: expected a string"],
    ["onAdmitted", { kind: "admitted", pass: "P-1", seat: "12A" }],
  ]);
  assert.deepEqual(result.outcome, { kind: "admitted", pass: "P-1", seat: "12A" });
  assert.equal(result.active, false);
});
