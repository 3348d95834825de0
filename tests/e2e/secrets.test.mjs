// Secrets never reach the console: with `debug: true`, every event of both vendors (every row of
// the contract's tables, as objects and as JSON text), unknown and malformed messages, and messages
// ignored for their frame or origin, all carrying an authCode, tokens and a socialSecurityNumber
// somewhere, sent from real frames on other origins; everything any console method receives is
// captured in the page (every string reachable from every argument) and from outside the page
// (Playwright's console events in Chromium; Firefox's console output on its stdout; WebKitGTK reports
// none, which the output names). In each engine (EMBED_EVENTS_ENGINE; see tests/engines/).
// Runs after `node scripts/build.mjs`.
import { test } from "node:test";
import assert from "node:assert/strict";
import { CONSOLE_UNSEEN_REASON, consoleTexts } from "./support.mjs";
import { openHost, useServersAndBrowser } from "./support/lifecycle-server.mjs";

const fixture = useServersAndBrowser();

/** Every message to send, each with its own secret values (all containing "SECRET"). */
function messages() {
  let n = 0;
  const secrets = () => {
    n++;
    return { authCode: `cod_SECRET_ac_${n}`, token: `ign_SECRET_tk_${n}`, accessToken: `SECRET_at_${n}`, socialSecurityNumber: `SECRET_ssn_0101881${n}` };
  };
  const out = [];
  const add = (vendor, kind, make) => out.push({ vendor, kind, message: make(secrets()) });
  // Ignition: every status, with the secrets beside and inside.
  add("ignition", "complete", (s) => ({ status: "complete", authCode: s.authCode, client: "cli_1", result: "link", token: s.token, accessToken: s.accessToken, user: { socialSecurityNumber: s.socialSecurityNumber } }));
  add("ignition", "complete", (s) => ({ status: "complete", authCode: s.authCode, socialSecurityNumber: s.socialSecurityNumber, payload: { token: s.token } }));
  add("ignition", "exit", (s) => ({ status: "exit", step: "carrier-login", client: "cli_1", authCode: s.authCode, token: s.token, socialSecurityNumber: s.socialSecurityNumber }));
  add("ignition", "error", (s) => ({ status: "error", message: "Carrier unavailable", authCode: s.authCode, accessToken: s.accessToken, data: { socialSecurityNumber: s.socialSecurityNumber } }));
  // Ignition: unknown and malformed.
  add("ignition", "unknown", (s) => ({ status: "opened", authCode: s.authCode, token: s.token, socialSecurityNumber: s.socialSecurityNumber }));
  add("ignition", "unknown", (s) => ({ status: "Complete", authCode: s.authCode }));
  add("ignition", "malformed", (s) => ({ status: "complete", authCode: 42, token: s.token, socialSecurityNumber: s.socialSecurityNumber }));
  add("ignition", "malformed", (s) => ({ status: "complete", authCode: { value: s.authCode }, token: s.token }));
  add("ignition", "malformed", (s) => ({ status: "complete", authCode: [s.authCode] }));
  add("ignition", "malformed", (s) => ({ status: "complete", authCode: s.authCode, client: { token: s.token } }));
  add("ignition", "malformed", (s) => ({ authCode: s.authCode, socialSecurityNumber: s.socialSecurityNumber }));
  add("ignition", "malformed", (s) => `status=complete&authCode=${s.authCode}&token=${s.token}`);
  add("ignition", "malformed", (s) => `{"status":"complete","authCode":"${s.authCode}"`);
  // Signere: every type, every payload form, the secrets in the payload, beside it and nested.
  const signere = (type, payload) => (s) => ({
    type,
    payload: { ...payload, socialSecurityNumber: s.socialSecurityNumber, token: s.token, signer: { socialSecurityNumber: s.socialSecurityNumber, authCode: s.authCode } },
    socialSecurityNumber: s.socialSecurityNumber,
    accessToken: s.accessToken,
  });
  for (const [type, payload] of [
    ["document_expired", { documentId: "d1", externalDocumentId: "e1" }],
    ["document_read", { documentId: "d1" }],
    ["eid_selected", { eid: "no_bankid" }],
    ["language_changed", { language: "EN" }],
    ["sign_success", { documentId: "d1" }],
    ["sign_error", { error: { code: "cookies_disabled", message: "Cookies are disabled" } }],
    ["sign_error", { errorCode: "SA-1017", errorMessage: "Operation timed out", eidErrorCode: "E1", eidErrorMessage: "BankID", documentId: "d1" }],
    ["sign_error", { code: "SA-1020", message: "Error starting BankID" }],
    ["spinner_on", {}],
    ["spinner_off", {}],
    ["user_aborted", { documentId: "d1" }],
    ["user_canceled", { documentId: "d1" }],
    ["app_started", { documentId: "d1" }],
    ["outdated_browser", {}],
  ]) add("signere", type, signere(type, payload));
  add("signere", "unknown", (s) => ({ type: "document_signed", payload: { documentId: "d1", socialSecurityNumber: s.socialSecurityNumber, token: s.token } }));
  add("signere", "malformed", (s) => ({ type: "eid_selected", payload: { eid: 7, socialSecurityNumber: s.socialSecurityNumber } }));
  add("signere", "malformed", (s) => ({ type: "sign_error", payload: { error: s.socialSecurityNumber, token: s.token } }));
  add("signere", "malformed", (s) => ({ type: "sign_success", payload: s.token }));
  add("signere", "malformed", (s) => ({ payload: { socialSecurityNumber: s.socialSecurityNumber, authCode: s.authCode } }));
  return out;
}

test("with debug: true, no authCode, token or socialSecurityNumber value reaches any console method", async (t) => {
  const { page } = await openHost(fixture.browser, fixture.servers);
  const list = messages();
  const result = await page.evaluate(async ({ vendor, evil, list }) => {
    // Capture every console method, and every string reachable from every argument.
    const captured = [];
    const strings = (value, seen = new Set()) => {
      const out = [];
      const walk = (v, depth) => {
        if (typeof v === "string") { out.push(v); return; }
        if (v === null || (typeof v !== "object" && typeof v !== "function")) { out.push(String(v)); return; }
        if (seen.has(v) || depth > 20) return;
        seen.add(v);
        try { out.push(String(v)); } catch { /* no toString */ }
        for (const key of Reflect.ownKeys(v)) {
          out.push(String(key));
          try { walk(Reflect.get(v, key), depth + 1); } catch { /* getter threw */ }
        }
      };
      walk(value, 0);
      return out;
    };
    for (const name of Object.keys(console)) {
      const original = console[name];
      if (typeof original !== "function") continue;
      console[name] = function (...args) {
        captured.push({ method: name, text: args.flatMap((a) => strings(a)).join(" ") });
        return original.apply(this, args);
      };
    }
    const [A, B, E] = await Promise.all([t.frame(`${vendor}/vendor.html`), t.frame(`${vendor}/vendor.html`), t.frame(`${evil}/vendor.html`)]);
    const log = [];
    const details = [];
    const options = (vendor_, source) => {
      const o = t.recording(vendor_, log, { debug: true, origins: [vendor], source });
      const record = o.onIgnored;
      o.onIgnored = (i) => { details.push(i.detail); record(i); };
      return o;
    };
    const watchers = [
      pkg.watchIgnition(options("ignition", A)),
      pkg.watchSignere(options("signere", A)),
      // Watching E, whose origin is not allowed: everything it sends is ignored for its origin.
      pkg.watchIgnition(options("ignition", E)),
      pkg.watchSignere(options("signere", E)),
    ];
    const all = list.flatMap(({ message }) => typeof message === "string" ? [message] : [message, JSON.stringify(message)]);
    // From the watched vendor frame (delivered, unknown, malformed), from another vendor frame
    // (ignored: source) and from the third origin (ignored: source, or origin for its own watchers).
    for (const frame of [A, B, E]) await t.send(frame, all);
    for (const w of watchers) w.stop();
    return {
      captured,
      details,
      sent: all.length,
      delivered: log.filter((e) => e[0] === "onEvent").length,
      authCodesDelivered: log.filter((e) => e[0] === "onComplete").map((e) => e[1].authCode),
      unknown: log.filter((e) => e[0] === "onUnknown").length,
      ignored: log.filter((e) => e[0] === "onIgnored" && !e[3]).map((e) => e[1]),
    };
  }, { vendor: fixture.servers.vendor, evil: fixture.servers.evil, list });
  // The console as seen from outside the page (null where the engine reports none).
  const outside = await consoleTexts(page);
  await page.close();

  // The test could fail: secrets were sent, and the callbacks themselves received them.
  assert.equal(result.authCodesDelivered.length, 4);
  assert.ok(result.authCodesDelivered.every((code) => code.includes("SECRET")));
  assert.ok(result.delivered >= 2 * (4 + 14));
  assert.ok(result.unknown >= 2 * 3);
  const reasons = new Set(result.ignored);
  assert.deepEqual([...reasons].sort(), ["malformed", "origin", "source"]);
  // And debug logging did run, for every kind of outcome, with the secret fields redacted.
  const debugLines = result.captured.filter((c) => c.method === "debug").map((c) => c.text);
  for (const kind of ["[embed-events] delivered", "[embed-events] unknown", "[embed-events] ignored"]) {
    assert.ok(debugLines.some((l) => l.includes(kind)), `no "${kind}" line was logged`);
  }
  assert.ok(debugLines.some((l) => l.includes("authCode") && l.includes("[redacted]")), "the auth code is not shown as redacted");
  // The capture sees inside the logged objects: other field values are there.
  assert.ok(debugLines.some((l) => l.includes("cli_1") && l.includes("carrier-login")), "the capture misses logged values");
  assert.ok(debugLines.length >= result.delivered + result.ignored.length, `${debugLines.length} debug lines`);

  // Nothing that reached the console, by any method, holds a secret value.
  const leaks = [
    ...result.captured.filter((c) => c.text.includes("SECRET")).map((c) => `console.${c.method}: ${c.text.slice(0, 300)}`),
    ...result.details.filter((d) => d.includes("SECRET")).map((d) => `onIgnored detail: ${d}`),
  ];
  assert.deepEqual(leaks, [], "secrets were logged");
  const seenOutside = "nothing the console received, as seen from outside the page, holds a secret value";
  if (outside === null) {
    await t.test(seenOutside, { skip: CONSOLE_UNSEEN_REASON });
  } else {
    await t.test(seenOutside, () => {
      assert.ok(outside.some((line) => line.includes("[embed-events] delivered")), "the console seen from outside shows no debug line");
      const outsideLeaks = outside.filter((line) => line.includes("SECRET")).map((line) => `console (outside the page): ${line.slice(0, 300)}`);
      assert.deepEqual(outsideLeaks, [], "secrets were logged");
    });
  }
  console.log(`[secrets] ${list.length} messages (${result.sent} with their JSON forms) from 3 frames to 4 debug watchers: ${debugLines.length} console.debug calls, ${result.captured.length} console calls in all, no secret in any`);
});
