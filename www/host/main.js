// The demo's host page. It uses the package exactly as an application does (import by name, no set-up
// step, one watcher per embedded flow) and shows what each watcher delivered or ignored.
//
// Besides the UI it keeps a machine-readable record that the end-to-end tests read:
//   window.__wire  every message the page received, in order: { seq, origin, from, redirected, encoding, data, settled }
//   window.__log   every callback a watcher made: { msg, watcher, kind, callback, value, keys, plain }
//                  kind: "event" (the specific callback), "onEvent", "unknown" (onUnknown), "ignored" (onIgnored);
//                  msg: the seq of the message being dispatched when the callback ran.
//   window.__outcomes  every watcher's settled `outcome`, in the order they settled:
//                  { watcher, generation, state: "resolved", value } or
//                  { watcher, generation, state: "rejected", error: { name, message, domException } }
//                  (generation: 1 for a watcher's first start, +1 at each restart).
//   window.__silence   the silent Ignition frame's watcher's silence reports (its onSilence values).
//   window.__channels  one session's three channels per vendor (see channels.js).
// A page-level "message" listener (the wire tap) is registered before any watcher, so in each dispatch
// it runs first and every callback can be tied to its message; `settled` turns true once every listener
// of that dispatch has run.
//
// "embed-events" resolves as it does in an application: by package name, through package.json `exports`
// (here as the package's self-reference, since www/ lives inside the package; no Vite alias). See
// buildHost() in scripts/serve.mjs.
import { watchIgnition, watchSignere, ignitionUrl } from "embed-events";
import { redirectLinks } from "./redirects.js";
import { showChannels, showMessage } from "./channels.js";

const $ = (selector) => document.querySelector(selector);

/** `h("span", { className: "x" }, "text", child)` */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key.startsWith("data-") || key.startsWith("aria-") || key === "role" || key === "title") node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children.flat()) if (child != null && child !== false) node.append(child);
  return node;
}

const frames = {
  ignition: $("#ignition-frame"),
  signere: $("#signere-frame"),
  intruder: $("#intruder-frame"),
  sandbox: $("#sandbox-frame"),
  silent: $("#silent-frame"),
};
const FRAME_LABELS = {
  ignition: "Ignition frame",
  signere: "Signere frame",
  intruder: "intruder frame",
  sandbox: "sandboxed frame",
  silent: "silent Ignition frame",
};
const hijacked = { ignition: false, signere: false };

// ───────────────────────────── the record ─────────────────────────────

const wire = [];
const log = [];
window.__wire = wire;
window.__log = log;
let current = 0;

/** Which of this page's frames sent a message (or whose sandboxed sub-frame did). */
function describeSource(source) {
  for (const [name, frame] of Object.entries(frames)) {
    if (source && source === frame.contentWindow) return { from: name, sub: false };
  }
  let parentWindow = null;
  try {
    parentWindow = source?.parent ?? null;
  } catch {
    // Not reachable: leave it unknown.
  }
  for (const [name, frame] of Object.entries(frames)) {
    if (parentWindow && parentWindow === frame.contentWindow) return { from: name, sub: true };
  }
  return { from: source === window ? "self" : "unknown", sub: false };
}

function encodingOf(data) {
  if (typeof data === "string") {
    try {
      JSON.parse(data);
      return "JSON string";
    } catch {
      return "string (not JSON)";
    }
  }
  return data === null ? "null" : Array.isArray(data) ? "array" : typeof data;
}

// The wire tap: registered before any watcher, so it runs first in every dispatch.
addEventListener("message", (event) => {
  const { from, sub } = describeSource(event.source);
  const entry = {
    seq: wire.length + 1,
    origin: event.origin,
    from: sub ? `${from}/sub-frame` : from,
    redirected: Boolean(hijacked[from]),
    encoding: encodingOf(event.data),
    data: event.data,
    settled: false,
    time: clock(),
  };
  wire.push(entry);
  current = entry.seq;
  // A task queued now runs after every listener of this dispatch (watchers included) has returned.
  setTimeout(() => settle(entry), 0);
});

function settle(entry) {
  entry.settled = true;
  if (!log.some((e) => e.msg === entry.seq)) addUnheard(entry);
  $("#message-count").textContent = `${wire.length} message${wire.length === 1 ? "" : "s"}`;
  renderWatchers();
}

function clock() {
  const d = new Date();
  const pad = (n, w = 2) => String(n).padStart(w, "0");
  return `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`;
}

// ───────────────────────────── watchers ─────────────────────────────

let config;
let controller = new AbortController();

const IGNITION_CALLBACKS = ["onComplete", "onExit", "onError"];
const SIGNERE_CALLBACKS = [
  "onDocumentExpired", "onDocumentRead", "onEidSelected", "onLanguageChanged", "onSignSuccess", "onSignError",
  "onSpinnerOn", "onSpinnerOff", "onUserAborted", "onAppStarted", "onOutdatedBrowser",
];

/** The three watchers of this page: how each is created, and how its options read as code. */
const DEFS = {
  ignition: {
    fn: "watchIgnition",
    label: "Ignition",
    callbacks: IGNITION_CALLBACKS,
    watch: watchIgnition,
    // The fake Ignition is not on Ignition's real host, so `environment` would not fit: name its origin.
    options: () => ({ origins: [config.vendor], source: frames.ignition }),
    code: () => [["origins", `["${config.vendor}"]`], ["source", "ignitionFrame"]],
    once: true,
  },
  signere: {
    fn: "watchSignere",
    label: "Signere",
    callbacks: SIGNERE_CALLBACKS,
    watch: watchSignere,
    // No `origins`: the allowed origin is the one of the iframe's src.
    options: () => ({ source: frames.signere }),
    code: () => [["source", "signereFrame"]],
    once: false,
  },
  sandbox: {
    fn: "watchSignere",
    label: "Signere, sandboxed",
    callbacks: SIGNERE_CALLBACKS,
    watch: watchSignere,
    // Every sandboxed frame on the web has origin "null": only safe bound to one frame by `source`.
    options: () => ({ origins: ["null"], source: frames.sandbox }),
    code: () => [["origins", `["null"]`], ["source", "sandboxFrame"]],
    once: false,
  },
};

const state = Object.fromEntries(
  Object.entries(DEFS).map(([name, def]) => [
    name,
    {
      watcher: null,
      once: def.once,
      stoppedBy: null,
      counts: { event: 0, ignored: 0, unknown: 0 },
      // The current watcher's outcome: { generation, state: "pending" | "resolved" | "rejected", value?, error? }.
      generation: 0,
      outcome: null,
    },
  ]),
);

function callbacksFor(name) {
  const options = {};
  for (const callback of DEFS[name].callbacks) options[callback] = (value) => record(name, "event", callback, value);
  options.onEvent = (value) => record(name, "onEvent", "onEvent", value);
  options.onUnknown = (value) => record(name, "unknown", "onUnknown", value);
  options.onIgnored = (value) => record(name, "ignored", "onIgnored", value);
  return options;
}

function start(name) {
  const def = DEFS[name];
  const s = state[name];
  s.watcher?.free();
  if (controller.signal.aborted) controller = new AbortController();
  const watcher = def.watch({ ...def.options(), once: s.once, signal: controller.signal, ...callbacksFor(name) });
  s.watcher = watcher;
  s.stoppedBy = null;
  const generation = ++s.generation;
  s.outcome = { generation, state: "pending" };
  // Reading `outcome` makes the promise: it resolves with the first terminal event (after its
  // callbacks), or rejects with an AbortError when this watcher stops first (stop(), the signal, a
  // restart's free()).
  watcher.outcome.then(
    (value) => settleOutcome(name, { generation, state: "resolved", value }),
    (error) =>
      settleOutcome(name, {
        generation,
        state: "rejected",
        error: { name: error?.name, message: error?.message, domException: error instanceof DOMException },
      }),
  );
  renderWatchers();
  renderOutcomes();
}

const outcomes = [];
window.__outcomes = outcomes;

/** Record a settled outcome; the panel shows it while it is the current watcher's. */
function settleOutcome(name, outcome) {
  outcomes.push({ watcher: name, ...outcome });
  const s = state[name];
  if (outcome.generation !== s.generation) return;
  s.outcome = outcome;
  renderOutcomes();
}

function stop(name) {
  const s = state[name];
  if (!s.watcher?.active) return;
  s.watcher.stop();
  s.stoppedBy = "stop()";
  renderWatchers();
}

function abortAll() {
  const wasActive = Object.keys(state).filter((name) => state[name].watcher?.active);
  controller.abort();
  for (const name of wasActive) if (!state[name].watcher.active) state[name].stoppedBy = "signal";
  renderWatchers();
}

function record(watcher, kind, callback, value) {
  const entry = {
    msg: current,
    watcher,
    kind,
    callback,
    value,
    keys: Object.keys(value),
    plain: Object.getPrototypeOf(value) === Object.prototype,
  };
  log.push(entry);
  const s = state[watcher];
  if (kind === "event") {
    s.counts.event += 1;
    // `once` stops the watcher right before it delivers a terminal event.
    if (s.watcher && !s.watcher.active && !s.stoppedBy) {
      s.stoppedBy = `once (${value.status ?? value.type})`;
      entry.stoppedByOnce = true;
    }
    addEvent(entry);
    if (watcher !== "sandbox") showMessage(watcher, value);
  } else if (kind === "onEvent") {
    markOnEvent(entry);
  } else {
    s.counts[kind] += 1;
    addDiagnostic(entry);
  }
}

// ───────────────────────────── rendering ─────────────────────────────

function renderWatchers() {
  const rows = Object.entries(DEFS).map(([name, def]) => {
    const s = state[name];
    const active = Boolean(s.watcher?.active);
    const status = active
      ? "active"
      : s.stoppedBy === "signal" ? "aborted by signal" : `stopped by ${s.stoppedBy ?? "free()"}`;
    const code = [];
    for (const [key, value] of def.code(s)) {
      if (code.length) code.push(", ");
      code.push(h("span", { className: "k" }, key), ": ", h("span", { className: key === "source" ? "i" : "v" }, value));
    }
    const once = h("input", { type: "checkbox", checked: s.once, "data-action": "once" });
    once.addEventListener("change", () => {
      s.once = once.checked;
      if (s.watcher?.active) start(name);
      else renderWatchers();
    });
    const toggle = active
      ? h("button", { type: "button", className: "btn small", "data-action": "stop" }, "stop()")
      : h("button", { type: "button", className: "btn small primary", "data-action": "start" }, s.stoppedBy?.startsWith("once") ? "Re-arm" : "Restart");
    toggle.addEventListener("click", () => (active ? stop(name) : start(name)));
    return h("article", { className: `card watcher ${active ? "is-active" : "is-stopped"}`, "data-watcher": name, "data-active": String(active) },
      h("span", { className: "dot", "aria-hidden": "true" }),
      h("h3", {}, h("code", {}, `${def.fn}()`), h("span", { className: "vendor" }, def.label)),
      h("span", { className: `state ${active ? "on" : "off"}` }, status),
      h("label", { className: "check", title: "once: stop right before delivering the first terminal event" }, once, "once"),
      toggle,
      h("div", { className: "code-line" },
        h("code", { className: "code", title: "the options this watcher was started with, besides once, signal and the callbacks" }, "{ ", ...code, " }"),
        h("span", { className: "stats" },
          h("b", {}, String(s.counts.event)), " delivered · ",
          h("b", {}, String(s.counts.ignored)), " ignored · ",
          h("b", {}, String(s.counts.unknown)), " unknown")),
    );
  });
  $("#watchers").replaceChildren(...rows);
  const total = Object.keys(state).length;
  const active = Object.values(state).filter((s) => s.watcher?.active).length;
  const count = $("#watcher-count");
  count.replaceChildren(h("b", {}, String(total)), " watchers · ", h("b", {}, String(active)), " active");
  count.dataset.total = String(total);
  count.dataset.active = String(active);
}

function outcomeText(outcome) {
  if (outcome.state === "resolved") return JSON.stringify(outcome.value);
  if (outcome.state === "rejected") return `${outcome.error.name}: ${outcome.error.message}`;
  return "pending: no terminal event yet";
}

function renderOutcomes() {
  const rows = Object.entries(DEFS).map(([name, def]) => {
    const s = state[name];
    const outcome = s.outcome ?? { generation: 0, state: "pending" };
    const badge = { pending: "pending", resolved: "resolved", rejected: "rejected" }[outcome.state];
    return h("li", { className: `outcome o-${outcome.state}`, "data-outcome-of": name, "data-state": outcome.state, "data-generation": String(outcome.generation) },
      h("code", { className: "wname" }, def.fn, h("span", { className: "wlabel" }, def.label)),
      h("span", { className: "gen", title: "how many times this watcher was started" }, `#${outcome.generation}`),
      h("span", { className: `badge ob-${outcome.state}` }, badge),
      h("code", { className: "outcome-value", title: outcomeText(outcome) }, outcomeText(outcome)),
    );
  });
  $("#outcomes").replaceChildren(...rows);
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** Formatted JSON with its tokens wrapped for colour. */
function json(value, indent = 2) {
  const text = JSON.stringify(value, null, indent).replace(/[&<>]/g, (c) => ESCAPES[c]);
  const html = text.replace(
    /("(?:\\.|[^"\\])*")(\s*:)?|\b(true|false|null)\b|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/g,
    (match, string, colon, literal) =>
      string
        ? colon ? `<span class="k">${string}</span>${colon}` : `<span class="s">${string}</span>`
        : literal ? `<span class="l">${match}</span>` : `<span class="n">${match}</span>`,
  );
  const pre = h("pre", { className: "json" });
  pre.innerHTML = html;
  return pre;
}

function originClass(origin) {
  if (origin === "null") return "o-null";
  if (origin === config.vendor) return "o-vendor";
  if (origin === config.intruder) return "o-intruder";
  if (origin === location.origin) return "o-host";
  return "";
}

function sourceLine(msg) {
  const w = wire[msg - 1];
  if (!w) return null;
  const [name, sub] = w.from.split("/");
  let label = FRAME_LABELS[name] ?? name;
  if (w.redirected) label += " → intruder";
  if (sub) label += " › sandboxed sub-frame";
  return h("div", { className: "src" },
    "from ", h("b", {}, label), " · ",
    h("span", { className: `origin ${originClass(w.origin)}` }, w.origin), " · ", w.encoding);
}

function meta(entry, badge, badgeClass) {
  return h("div", { className: "meta" },
    h("span", { className: `badge ${badgeClass}` }, badge),
    entry.watcher ? h("code", { className: "wname" }, `${DEFS[entry.watcher].fn}`, h("span", { className: "wlabel" }, DEFS[entry.watcher].label)) : null,
    h("span", { className: "spacer" }),
    h("span", { className: "seq" }, `#${entry.msg}`),
    h("time", {}, wire[entry.msg - 1]?.time ?? clock()),
  );
}

const MAX_ENTRIES = 400;
function prepend(list, item) {
  list.prepend(item);
  while (list.children.length > MAX_ENTRIES) list.lastElementChild.remove();
}

let eventCount = 0;
function addEvent(entry) {
  eventCount += 1;
  $("#events-count").textContent = String(eventCount);
  const tags = h("div", { className: "tags" });
  if (entry.stoppedByOnce) tags.append(h("span", { className: "tag once" }, "once → stopped"));
  const item = h("li", { className: `entry event w-${entry.watcher}`, "data-msg": String(entry.msg), "data-watcher": entry.watcher },
    meta(entry, entry.callback, "cb"),
    json(entry.value),
    h("div", { className: "foot" }, sourceLine(entry.msg), tags),
  );
  prepend($("#events"), item);
}

function markOnEvent(entry) {
  const item = $(`#events .entry[data-msg="${entry.msg}"][data-watcher="${entry.watcher}"] .tags`);
  item?.append(h("span", { className: "tag" }, "+ onEvent"));
}

let diagCount = 0;
function diagItem(entry, reason, ...body) {
  diagCount += 1;
  $("#diag-count").textContent = String(diagCount);
  counts[reason] = (counts[reason] ?? 0) + 1;
  if (entry.crosstalk) counts.crosstalk += 1;
  renderFilters();
  const classes = ["entry", "diag", `r-${reason}`];
  if (entry.crosstalk) classes.push("crosstalk");
  prepend($("#diagnostics"), h("li", { className: classes.join(" "), "data-msg": String(entry.msg), "data-reason": reason },
    meta(entry, reason, `r-${reason}`), ...body, h("div", { className: "foot" }, sourceLine(entry.msg))));
}

function rawLine(msg) {
  const data = wire[msg - 1]?.data;
  const text = typeof data === "string" ? data : JSON.stringify(data);
  return h("code", { className: "raw", title: text }, text);
}

function addDiagnostic(entry) {
  if (entry.kind === "unknown") {
    diagItem(entry, "unknown",
      h("div", { className: "detail" }, "onUnknown: ", h("code", {}, `name: "${entry.value.name}"`)),
      json(entry.value.data, 0));
    return;
  }
  const { reason, detail } = entry.value;
  // A vendor frame's messages reach every watcher; the other watchers ignore them by `source`.
  // That is expected cross-talk, hidden by default so that what matters stands out.
  const w = wire[entry.msg - 1];
  entry.crosstalk = reason === "source" && w && ["ignition", "signere", "sandbox"].includes(w.from) && !w.redirected;
  diagItem(entry, reason, h("div", { className: "detail" }, detail), rawLine(entry.msg));
}

function addUnheard(w) {
  diagItem({ msg: w.seq, watcher: null }, "unheard",
    h("div", { className: "detail" }, "no active watcher heard this message"), rawLine(w.seq));
}

// ───────────────────────────── diagnostics filters ─────────────────────────────

const counts = { origin: 0, source: 0, malformed: 0, unknown: 0, unheard: 0, crosstalk: 0 };
const hidden = new Set(["crosstalk"]);
const FILTERS = [
  ["origin", "origin"],
  ["source", "source"],
  ["malformed", "malformed"],
  ["unknown", "unknown"],
  ["unheard", "unheard"],
];

function renderFilters() {
  const chips = FILTERS.map(([key, label]) => {
    const chip = h("button", { type: "button", className: `chip r-${key}`, "aria-pressed": String(!hidden.has(key)), "data-filter": key },
      label, h("span", { className: "n" }, String(counts[key])));
    chip.addEventListener("click", () => toggleFilter(key));
    return chip;
  });
  const crosstalk = h("button", {
    type: "button", className: "chip crosstalk-chip", "aria-pressed": String(!hidden.has("crosstalk")), "data-filter": "crosstalk",
    title: "Messages of a vendor frame that the other frames' watchers ignored by source",
  }, hidden.has("crosstalk") ? `${counts.crosstalk} cross-talk hidden` : "hide cross-talk");
  crosstalk.addEventListener("click", () => toggleFilter("crosstalk"));
  $("#filters").replaceChildren(...chips, crosstalk);
  const list = $("#diagnostics");
  for (const key of [...FILTERS.map(([k]) => k), "crosstalk"]) list.classList.toggle(`hide-${key}`, hidden.has(key));
}

function toggleFilter(key) {
  if (hidden.has(key)) hidden.delete(key);
  else hidden.add(key);
  renderFilters();
}

// ───────────────────────────── frames ─────────────────────────────

const vendorUrls = {};

function renderOrigins() {
  for (const chip of document.querySelectorAll("[data-origin-of]")) {
    const name = chip.dataset.originOf;
    if (name === "sandbox") continue;
    const origin = name === "host" ? location.origin : name === "intruder" || hijacked[name] ? config.intruder : config.vendor;
    chip.textContent = origin;
    chip.className = `origin-chip ${originClass(origin)}`;
  }
  for (const name of ["ignition", "signere"]) {
    $(`#card-${name}`).classList.toggle("hijacked", hijacked[name]);
    const button = $(`[data-hijack="${name}"]`);
    button.textContent = hijacked[name] ? "Restore vendor page" : "Redirect to intruder";
    button.classList.toggle("danger", !hijacked[name]);
  }
}

function setHijacked(name, on) {
  hijacked[name] = on;
  frames[name].src = on ? `${config.intruder}/intruder.html?as=${name}` : vendorUrls[name];
  renderOrigins();
}

function renderLegend() {
  const items = [
    ["o-host", "host", location.origin],
    ["o-vendor", "vendors", config.vendor],
    ["o-intruder", "intruder", config.intruder],
  ];
  $("#legend").replaceChildren(...items.map(([cls, label, origin]) =>
    h("li", {}, h("span", { className: `swatch ${cls}` }), h("span", { className: "legend-label" }, label), h("code", {}, origin))));
}

// ───────────────────────────── the silent frame ─────────────────────────────

// A fake Ignition frame whose URL lacks the `origin` parameter (built by hand, not with
// ignitionUrl()): like the real Ignition it then posts nothing, and its watcher's `silenceMs`
// reports that after a few seconds, with the fix.
const SILENCE_MS = 3000;
const silenceReports = [];
window.__silence = silenceReports;
let silent = null;

function startSilent() {
  silent?.stop();
  const report = $("#silence-report");
  report.dataset.state = "waiting";
  report.replaceChildren(
    h("span", { className: "silence-head" }, "listening…"),
    ` a report in ${SILENCE_MS / 1000} s if nothing is heard from this frame`,
  );
  silent = watchIgnition({
    origins: [config.vendor],
    source: frames.silent,
    silenceMs: SILENCE_MS,
    onSilence: (r) => {
      silenceReports.push(r);
      report.dataset.state = "reported";
      report.replaceChildren(
        h("span", { className: "silence-head" }, "onSilence"),
        h("span", { className: "silence-detail", "data-testid": "silence-detail" }, r.detail),
        h("span", { className: "silence-counts" },
          `ignored meanwhile: ${r.ignored.source} by source, ${r.ignored.origin} by origin`,
          r.origins.length ? ` (${r.origins.join(", ")})` : ""),
      );
    },
  });
}

// ───────────────────────────── the redirect return ─────────────────────────────

function renderRedirectLinks() {
  $("#redirect-links").replaceChildren(...redirectLinks(h));
}

function clearLogs() {
  $("#events").replaceChildren();
  $("#diagnostics").replaceChildren();
  eventCount = 0;
  diagCount = 0;
  for (const key of Object.keys(counts)) counts[key] = 0;
  $("#events-count").textContent = "0";
  $("#diag-count").textContent = "0";
  renderFilters();
}

// ───────────────────────────── boot ─────────────────────────────

async function main() {
  config = await (await fetch("./demo-config.json")).json();

  const parent = encodeURIComponent(location.origin);
  // The package's helper puts this page's origin in Ignition's `origin=` parameter (without which
  // Ignition posts nothing).
  vendorUrls.ignition = ignitionUrl(`${config.vendor}/ignition.html?token=ign_7Qx2dLrP0sVmHc4T&webhooks=on`);
  vendorUrls.signere = `${config.vendor}/signere.html?parent=${parent}&webhooks=on`;
  frames.ignition.src = vendorUrls.ignition;
  frames.signere.src = vendorUrls.signere;
  frames.sandbox.src = `${config.vendor}/signere.html?parent=${parent}`;
  frames.intruder.src = `${config.intruder}/intruder.html`;
  frames.silent.src = `${config.vendor}/ignition.html?token=ign_9Fv2kQ7cLmT4sWd1`;
  $("#silent-code").replaceChildren(
    h("span", { className: "k" }, "silenceMs"), `: ${SILENCE_MS}, `, h("span", { className: "k" }, "onSilence"), " · src without ",
    h("span", { className: "v" }, "origin="));
  $("#silent-code").title = frames.silent.src;
  $("#ignition-url").textContent = vendorUrls.ignition;
  $("#ignition-url").title = vendorUrls.ignition;

  for (const name of Object.keys(DEFS)) start(name);
  startSilent();
  showChannels();
  renderRedirectLinks();

  $("#silent-restart").addEventListener("click", startSilent);
  $("#abort-all").addEventListener("click", abortAll);
  $("#start-all").addEventListener("click", () => {
    for (const name of Object.keys(DEFS)) start(name);
  });
  $("#clear").addEventListener("click", clearLogs);
  for (const button of document.querySelectorAll("[data-hijack]")) {
    button.addEventListener("click", () => setHijacked(button.dataset.hijack, !hijacked[button.dataset.hijack]));
  }

  renderLegend();
  renderOrigins();
  renderFilters();
  $("#boot").hidden = true;
  $("#layout").hidden = false;
  window.__demo = { config, state: () => Object.fromEntries(Object.entries(state).map(([k, s]) => [k, { active: Boolean(s.watcher?.active), once: s.once, stoppedBy: s.stoppedBy }])) };
  document.body.dataset.ready = "true";
}

main().catch((error) => {
  const boot = $("#boot");
  boot.classList.add("error");
  boot.textContent = `The demo could not start: ${error?.message ?? error}`;
  console.error(error);
});
