// A vendor's webhooks are its declaration and its line in the list of vendors: the test-only vendor
// of tests/support/queue.rs declares `webhooks!` beside its messages, and the test build of the
// package (node scripts/build.mjs --test-vendor, target/test-package/dist) exports the reader its
// build wrote from it (readQueueWebhook), with no hand-written line, in both formats.
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

const dist = new URL("../../target/test-package/dist/", import.meta.url);
const built = existsSync(new URL("webhooks.js", dist));

test("the test build has the test-only vendor's webhook reader", () => {
  assert.ok(built, "run node scripts/build.mjs --test-vendor first");
});

const formats = built
  ? {
      esm: await import(new URL("webhooks.js", dist).href),
      cjs: createRequire(import.meta.url)(fileURLToPath(new URL("webhooks.cjs", dist))),
    }
  : {};

// The header the test vendor was asked to send: a test value.
const options = { header: { name: "X-Queue-Token", value: "queue-test-token" } };
const headers = { "x-queue-token": "queue-test-token" };
const issued = JSON.stringify({ id: "d1", event: "ticket.issued", sent_at: "2026-01-02T03:04:05Z", body: { ticket: "T-7", passCode: "P-1", extra: 1 } });

for (const [format, pkg] of Object.entries(formats)) {
  test(`${format}: readQueueWebhook is exported beside the crate's vendors' readers`, () => {
    assert.deepEqual(Object.keys(pkg).sort(), ["WebhookError", "readIgnitionWebhook", "readQueueWebhook", "readSignereWebhook"]);
  });

  test(`${format}: a correct request is read, from { body, headers } and from a Request`, async () => {
    const want = { event: "ticket.issued", id: "d1", sentAt: "2026-01-02T03:04:05Z", ticket: "T-7", pass: "P-1" };
    assert.deepEqual(await pkg.readQueueWebhook({ body: issued, headers }, options), want);
    const request = new Request("https://example.test/hooks/queue", { method: "POST", body: issued, headers: { "X-Queue-Token": "queue-test-token" } });
    assert.deepEqual(await pkg.readQueueWebhook(request, options), want);
  });

  test(`${format}: a forged request is refused with signature_invalid (401), one without the header with signature_missing`, async () => {
    for (const [forged, code] of [[{ "x-queue-token": "guess" }, "signature_invalid"], [{}, "signature_missing"]]) {
      await assert.rejects(pkg.readQueueWebhook({ body: issued, headers: forged }, options), (error) => {
        assert.ok(error instanceof pkg.WebhookError);
        assert.equal(error.code, code);
        assert.equal(error.status, 401);
        assert.ok(!error.message.includes("queue-test-token") && !error.message.includes("guess"));
        return true;
      });
    }
  });

  test(`${format}: a known type is decoded by the declaration; an unknown one is passed through`, async () => {
    const closed = JSON.stringify({ event: "queue.closed", body: { reason: { why: "late" } } });
    assert.deepEqual(await pkg.readQueueWebhook({ body: closed, headers }, options), { event: "queue.closed", reason: { why: "late" } });
    const paused = { id: "d3", event: "queue.paused", body: { until: "noon" } };
    assert.deepEqual(await pkg.readQueueWebhook({ body: JSON.stringify(paused), headers }, options), {
      event: "unknown",
      name: "queue.paused",
      id: "d3",
      data: paused,
    });
  });

  test(`${format}: a required field missing is malformed, named by the declaration's data member`, async () => {
    const body = JSON.stringify({ event: "ticket.issued", body: { pass: "P-1" } });
    await assert.rejects(pkg.readQueueWebhook({ body, headers }, options), { code: "malformed", status: 400, detail: "body.ticket: missing" });
  });

  test(`${format}: its options are those of its kind of verification (a header, as Ignition's)`, async () => {
    await assert.rejects(() => pkg.readQueueWebhook({ body: issued, headers }, { secret: "s" }), {
      name: "TypeError",
      message: 'embed-events/webhooks: readQueueWebhook: unknown option "secret" (readSignereWebhook only)',
    });
    assert.equal((await pkg.readQueueWebhook({ body: issued, headers: {} }, { unverified: true })).ticket, "T-7");
  });
}
