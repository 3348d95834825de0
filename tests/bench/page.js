// The benchmark page: the package's watcher, the hand-written baseline and no listener at all (the
// browser's floor), measured on the same synthetic MessageEvents in the same page. The package is
// used as an application uses it: no set-up step; its first watcher compiles the wasm.
import { watchIgnition, watchSignere } from "/dist/index.js";
import { watch as baselineWatch } from "./baseline.js";

const VENDOR = "https://vendor.example";
const frame = document.getElementById("vendor");

const ignitionObject = { status: "complete", authCode: "cod_LwPJhgxnjinMEPfGYc-XV", client: "cli_mZj6YGXhQyQnccN97aXbq", result: "link" };
const signereString = JSON.stringify({ type: "sign_error", payload: { errorCode: "SA-1017", errorMessage: "Operation timed out", documentId: "8bfae710-5e4b-4464-ab7a-167f73c37590" } });
const noiseObject = { source: "react-devtools-content-script", hello: true, payload: { event: "inspectedElement" } };

/** scenario → [vendor, MessageEvent init] */
const scenarios = {
  "accepted ignition (object)": ["ignition", () => ({ data: ignitionObject, origin: VENDOR, source: frame.contentWindow })],
  "accepted signere (JSON string)": ["signere", () => ({ data: signereString, origin: VENDOR, source: frame.contentWindow })],
  "noise, foreign origin": ["ignition", () => ({ data: noiseObject, origin: "https://extension.example", source: frame.contentWindow })],
  "noise, page itself": ["signere", () => ({ data: "GET_URL", origin: location.origin, source: window })],
};

let sink = 0;
const count = () => { sink++; };
const callbacks = {
  ignition: { onComplete: count, onExit: count, onError: count },
  signere: { onSignError: count, onSignSuccess: count, onUserAborted: count },
};

// `?b=/target/bench-b/index.js`: a second build of the package, measured as kind "b" in the same page, so
// that a change is compared with what it replaces under the same load (BENCH_B in bench.mjs).
const B = new URLSearchParams(location.search).get("b");
let b;

function start(kind, vendor) {
  const options = { origins: [VENDOR], source: frame, ...callbacks[vendor] };
  if (kind === "package") return vendor === "ignition" ? watchIgnition(options) : watchSignere(options);
  if (kind === "b") return vendor === "ignition" ? b.watchIgnition(options) : b.watchSignere(options);
  if (kind === "baseline") return baselineWatch(vendor, options);
  return { stop() {} };
}

/** ns per event for `n` dispatches of one scenario with one kind of listener. */
function measure(kind, scenario, n) {
  const [vendor, make] = scenarios[scenario];
  const event = new MessageEvent("message", make());
  const watcher = start(kind, vendor);
  for (let i = 0; i < 200; i++) window.dispatchEvent(event); // warm up
  const t0 = performance.now();
  for (let i = 0; i < n; i++) window.dispatchEvent(event);
  const t1 = performance.now();
  watcher.stop();
  return ((t1 - t0) * 1e6) / n;
}

/** The wasm instance the package's first watcher made (recorded by tests/engines/instances.js). */
let instance;
async function ready() {
  const before = window.wasmInstances.length;
  watchIgnition({ origins: [VENDOR], source: frame }).stop();
  instance = window.wasmInstances[before];
  if (!instance || window.wasmInstances.length !== before + 1) throw new Error("the first watcher did not make one wasm instance");
  if (B) {
    b = await import(B);
    // Harmless for a build without a set-up step; needed by one that has it.
    await b.default?.();
  }
}

/** The package's wasm linear memory, and its table of JavaScript references. */
function wasm() {
  const exports = instance.exports;
  return { bytes: exports.memory.buffer.byteLength, externrefs: exports.__wbindgen_externrefs?.length ?? null };
}

/** 100,000 mixed messages through one watcher of each vendor. */
function mixedMessages(total) {
  const events = [
    new MessageEvent("message", scenarios["accepted ignition (object)"][1]()),
    new MessageEvent("message", scenarios["accepted signere (JSON string)"][1]()),
    new MessageEvent("message", { data: "{not json", origin: VENDOR, source: frame.contentWindow }),
    new MessageEvent("message", { data: { status: "complete", authCode: 42 }, origin: VENDOR, source: frame.contentWindow }),
    new MessageEvent("message", scenarios["noise, foreign origin"][1]()),
    new MessageEvent("message", scenarios["noise, page itself"][1]()),
  ];
  const ignored = { onIgnored: count, onUnknown: count };
  const a = watchIgnition({ origins: [VENDOR], source: frame, ...callbacks.ignition, ...ignored });
  const b = watchSignere({ origins: [VENDOR], source: frame, ...callbacks.signere, ...ignored });
  for (let i = 0; i < total; i++) window.dispatchEvent(events[i % events.length]);
  a.free();
  b.free();
}

/** `cycles` watch/stop cycles, alternating vendors and the ways of stopping. */
function watchStopCycles(cycles) {
  for (let i = 0; i < cycles; i++) {
    const options = { origins: [VENDOR], source: frame, ...callbacks.ignition };
    const w = i % 2 ? watchIgnition(options) : watchSignere({ origins: [VENDOR], source: frame, ...callbacks.signere });
    if (i % 3 === 0) w.stop(); else w.free();
  }
}

window.bench = { ready: ready(), measure, scenarios: Object.keys(scenarios), wasm, mixedMessages, watchStopCycles, sink: () => sink };
