// embed-events/testing under Vitest, in jsdom and in happy-dom (the environment is given on the
// command line): dispatchVendorMessage and exampleMessages with both watchers, origin rejection and
// source binding, through the built package (`embed-events` is this repository's package.json).
import { afterEach, describe, expect, test, vi } from "vitest";
import { watchIgnition, watchSignere } from "embed-events";
import { dispatchVendorMessage, exampleMessages } from "embed-events/testing";
import { DELIVERED, ORIGINS } from "../expected.mjs";

// The vendors' tables as the build wrote them from the Rust declarations (what dist/ bundles), passed
// in by tests/integrations/vitest.test.mjs.
if (!process.env.EMBED_EVENTS_TABLES) throw new Error("run through tests/integrations/vitest.test.mjs (EMBED_EVENTS_TABLES is not set)");
const TABLES = JSON.parse(process.env.EMBED_EVENTS_TABLES);

const HAPPY = /HappyDOM/i.test(navigator.userAgent);
const JSDOM = /jsdom/i.test(navigator.userAgent);
const { ignition: IGNITION, sandbox: SANDBOX, signere: SIGNERE } = ORIGINS;
const ORIGIN = { Ignition: IGNITION, Signere: SIGNERE };
const WATCH = { Ignition: watchIgnition, Signere: watchSignere };
const EXAMPLES = { Ignition: exampleMessages.ignition, Signere: exampleMessages.signere };

const watchers = [];
const watch = (vendor, options) => {
  const w = WATCH[vendor](options);
  watchers.push(w);
  return w;
};
const frame = () => document.body.appendChild(document.createElement("iframe"));
afterEach(() => {
  for (const w of watchers.splice(0)) w.stop();
  document.body.replaceChildren();
});

/** Every callback of the vendor's table, and onEvent, onIgnored, onUnknown, as mocks. */
function spies(table) {
  const all = {};
  for (const e of table.events) all[e.callback] = vi.fn();
  for (const name of ["onEvent", "onIgnored", "onUnknown"]) all[name] = vi.fn();
  return all;
}
const calls = (all) => Object.fromEntries(Object.entries(all).filter(([, f]) => f.mock.calls.length).map(([k, f]) => [k, f.mock.calls]));

test("the environment is the one asked for", () => {
  expect(HAPPY || JSDOM).toBe(true);
  // Set by tests/integrations/vitest.test.mjs, which runs this file in each environment.
  if (process.env.EMBED_EVENTS_DOM) expect(HAPPY ? "happy-dom" : "jsdom").toBe(process.env.EMBED_EVENTS_DOM);
});

describe.each(TABLES.map((t) => [t.name, t]))("%s: exampleMessages", (vendor, table) => {
  test("one example per event of the table, no other, each tagged with its event's name", () => {
    const examples = EXAMPLES[vendor];
    expect(Object.keys(examples).sort()).toEqual(table.events.map((e) => e.name).sort());
    for (const [name, message] of Object.entries(examples)) expect(message[table.tag]).toBe(name);
    expect(Object.isFrozen(examples)).toBe(true);
    for (const message of Object.values(examples)) expect(Object.isFrozen(message)).toBe(true);
  });

  test.each(table.events.map((e) => [e.name, e]))("%s is delivered to its callback, as an object and as JSON", (name, e) => {
    const iframe = frame();
    const all = spies(table);
    watch(vendor, { source: iframe, origins: ORIGIN[vendor], ...all });
    const message = EXAMPLES[vendor][name];
    dispatchVendorMessage(message, { origin: ORIGIN[vendor], source: iframe });
    dispatchVendorMessage(JSON.stringify(message), { origin: ORIGIN[vendor], source: iframe });
    const value = DELIVERED[vendor][name];
    expect(calls(all)).toEqual({ [e.callback]: [[value], [value]], onEvent: [[value], [value]] });
  });
});

describe("dispatchVendorMessage", () => {
  const heard = () => {
    const events = [];
    const listener = (event) => events.push(event);
    window.addEventListener("message", listener);
    return { events, stop: () => window.removeEventListener("message", listener) };
  };

  test("dispatches a MessageEvent on window, synchronously, with the data as given, the origin and the source's window", () => {
    const iframe = frame();
    const h = heard();
    const data = { status: "exit" };
    dispatchVendorMessage(data, { origin: IGNITION, source: iframe });
    expect(h.events.length).toBe(1);
    const [event] = h.events;
    expect(event).toBeInstanceOf(MessageEvent);
    expect(event.type).toBe("message");
    expect(event.data).toBe(data);
    expect(event.origin).toBe(IGNITION);
    // happy-dom gives iframes no window: contentWindow and so the source are null.
    expect(event.source).toBe(iframe.contentWindow);
    expect(event.source === null).toBe(HAPPY);

    dispatchVendorMessage('{"type":"spinner_on"}', { origin: SIGNERE, source: window });
    expect(h.events[1].data).toBe('{"type":"spinner_on"}');
    expect(h.events[1].source).toBe(window);
    dispatchVendorMessage(exampleMessages.signere.spinner_off, { origin: SIGNERE });
    dispatchVendorMessage(exampleMessages.signere.spinner_off, { origin: SIGNERE, source: null });
    expect(h.events.slice(2).map((e) => e.source)).toEqual([null, null]);
    h.stop();
  });

  test("a missing origin or a source that is not an iframe or a window is a TypeError", () => {
    const h = heard();
    expect(() => dispatchVendorMessage({}, {})).toThrow(/origin must be a string/);
    expect(() => dispatchVendorMessage({})).toThrow(TypeError);
    expect(() => dispatchVendorMessage({}, { origin: IGNITION, source: document.body })).toThrow(/source must be an <iframe> element or a Window/);
    expect(() => dispatchVendorMessage({}, { origin: IGNITION, source: {} })).toThrow(TypeError);
    expect(h.events).toEqual([]);
    h.stop();
  });
});

describe("origins", () => {
  test("Ignition: a message from an origin that is not allowed is ignored with reason origin", () => {
    const iframe = frame();
    const all = spies(TABLES[0]);
    watch("Ignition", { source: iframe, environment: "sandbox", ...all });
    dispatchVendorMessage(exampleMessages.ignition.complete, { origin: IGNITION, source: iframe });
    dispatchVendorMessage(exampleMessages.ignition.complete, { origin: "https://ignition.axle.insure.evil.example", source: iframe });
    expect(calls(all)).toEqual({
      onIgnored: [
        [{ reason: "origin", origin: IGNITION, detail: expect.any(String) }],
        [{ reason: "origin", origin: "https://ignition.axle.insure.evil.example", detail: expect.any(String) }],
      ],
    });
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: SANDBOX, source: iframe });
    expect(all.onExit).toHaveBeenCalledWith(DELIVERED.Ignition.exit);
  });

  test("Ignition without origins or environment allows production only", () => {
    const all = spies(TABLES[0]);
    watch("Ignition", all);
    dispatchVendorMessage(exampleMessages.ignition.error, { origin: SANDBOX });
    dispatchVendorMessage(exampleMessages.ignition.error, { origin: IGNITION });
    expect(calls(all)).toEqual({
      onIgnored: [[{ reason: "origin", origin: SANDBOX, detail: expect.any(String) }]],
      onError: [[DELIVERED.Ignition.error]],
      onEvent: [[DELIVERED.Ignition.error]],
    });
  });

  test("Signere: only the listed origins, normalised", () => {
    const all = spies(TABLES[1]);
    watch("Signere", { origins: ["HTTPS://Sign.IDFY.io:443/"], ...all });
    dispatchVendorMessage(exampleMessages.signere.sign_success, { origin: "https://evil.example" });
    dispatchVendorMessage(exampleMessages.signere.sign_success, { origin: "null" });
    dispatchVendorMessage(exampleMessages.signere.sign_success, { origin: SIGNERE });
    expect(all.onIgnored.mock.calls.map(([i]) => [i.reason, i.origin])).toEqual([["origin", "https://evil.example"], ["origin", "null"]]);
    expect(all.onSignSuccess.mock.calls).toEqual([[DELIVERED.Signere.sign_success]]);
  });
});

describe("source binding", () => {
  test("a watcher bound to an iframe ignores the page's own window and a removed frame", () => {
    const iframe = frame();
    const all = spies(TABLES[1]);
    watch("Signere", { source: iframe, origins: SIGNERE, ...all });
    dispatchVendorMessage(exampleMessages.signere.sign_success, { origin: SIGNERE, source: window });
    expect(calls(all)).toEqual({ onIgnored: [[{ reason: "source", origin: SIGNERE, detail: expect.any(String) }]] });
    dispatchVendorMessage(exampleMessages.signere.app_started, { origin: SIGNERE, source: iframe });
    expect(all.onAppStarted).toHaveBeenCalledTimes(1);
    // A frame taken out of the page: a message with no source is not taken as its own, in either
    // environment (jsdom keeps a removed frame's window; happy-dom never gave it one).
    iframe.remove();
    dispatchVendorMessage(exampleMessages.signere.sign_success, { origin: SIGNERE });
    expect(all.onSignSuccess).not.toHaveBeenCalled();
    expect(all.onIgnored.mock.calls.map(([i]) => i.reason)).toEqual(["source", "source"]);
  });

  test("another frame's message and a message with no source", () => {
    const mine = frame();
    const other = frame();
    const all = spies(TABLES[0]);
    watch("Ignition", { source: mine, ...all });
    dispatchVendorMessage(exampleMessages.ignition.complete, { origin: IGNITION, source: other });
    dispatchVendorMessage(exampleMessages.ignition.complete, { origin: IGNITION });
    if (JSDOM) {
      // Each iframe has its own window: only the watched one's messages are heard.
      expect(all.onIgnored.mock.calls.map(([i]) => i.reason)).toEqual(["source", "source"]);
      expect(all.onComplete).not.toHaveBeenCalled();
    } else {
      // happy-dom gives no iframe a window: every connected frame's messages have a null source, which
      // is the watched frame's contentWindow, so they are heard (frames cannot be told apart there).
      expect(all.onIgnored).not.toHaveBeenCalled();
      expect(all.onComplete).toHaveBeenCalledTimes(2);
    }
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: IGNITION, source: mine });
    expect(all.onExit).toHaveBeenCalledWith(DELIVERED.Ignition.exit);
  });

  test("a watcher bound to a window (a popup) hears that window only", () => {
    const iframe = frame();
    const all = spies(TABLES[0]);
    watch("Ignition", { source: window, ...all });
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: IGNITION, source: iframe });
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: IGNITION });
    dispatchVendorMessage(exampleMessages.ignition.exit, { origin: IGNITION, source: window });
    expect(all.onIgnored.mock.calls.map(([i]) => i.reason)).toEqual(["source", "source"]);
    expect(all.onExit.mock.calls).toEqual([[DELIVERED.Ignition.exit]]);
  });
});

test("outcome and once: the first terminal example settles the watcher", async () => {
  const iframe = frame();
  const onSignSuccess = vi.fn();
  const w = watch("Signere", { source: iframe, origins: SIGNERE, once: true, onSignSuccess });
  for (const name of ["app_started", "document_read", "eid_selected", "sign_error", "sign_success", "document_expired"]) {
    dispatchVendorMessage(exampleMessages.signere[name], { origin: SIGNERE, source: iframe });
  }
  await expect(w.outcome).resolves.toEqual(DELIVERED.Signere.sign_success);
  expect(w.active).toBe(false);
  expect(onSignSuccess).toHaveBeenCalledTimes(1);
});
