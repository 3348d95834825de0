// The fake vendor pages (and the intruder), in plain DOM: a button per message that posts it to the
// embedding page. `<body data-role="ignition" | "signere" | "intruder">` says which page this is.
//
// - Ignition, like the real one, posts only when its URL carries `origin=<the host's origin>`, and uses
//   that origin as postMessage's targetOrigin. The host builds the URL with the package's ignitionUrl().
// - Signere posts to the origin in `parent=` (the real one is configured server-side with the host's
//   domain), usually as JSON strings.
// - The intruder, on a third origin, posts the same messages as either vendor with targetOrigin "*",
//   either from its own window or from a sandboxed sub-frame (origin "null").
// - With `webhooks=on`, the vendor pages also ask their server to send the webhook that goes with a
//   terminal message (scripts/demo-webhooks.mjs).
import { CATALOGS } from "./messages.js";

const role = document.body.dataset.role;
const params = new URLSearchParams(location.search);
const sandboxed = self.origin === "null";

const initialPose = role === "intruder" ? (params.get("as") === "ignition" ? "ignition" : "signere") : role;
const state = { pose: initialPose, encoding: defaultEncoding(initialPose), from: "self" };

function defaultEncoding(vendor) {
  return vendor === "signere" ? "json" : "object";
}

/** Where messages go, or null when this page must not post (Ignition without `origin=`). */
function target() {
  if (role === "intruder") return "*";
  if (role === "ignition") return params.get("origin");
  return params.get("parent");
}

const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  for (const child of children) if (child != null) node.append(child);
  return node;
};

function segmented(label, name, options, current, onChange) {
  const group = el("div", { className: "seg", role: "radiogroup" });
  group.setAttribute("aria-label", label);
  for (const [value, text] of options) {
    const button = el("button", { type: "button", textContent: text });
    button.dataset[name] = value;
    button.setAttribute("role", "radio");
    button.setAttribute("aria-checked", String(value === current));
    button.addEventListener("click", () => {
      for (const b of group.children) b.setAttribute("aria-checked", String(b === button));
      onChange(value);
    });
    group.append(button);
  }
  return el("div", { className: "control" }, el("span", { className: "control-label", textContent: label }), group);
}

// ───────────────────────────── posting ─────────────────────────────

let relay = null;

/**
 * A sandboxed sub-frame (opaque origin) that forwards what it is given to the top window. Resolves
 * once its document has loaded (a message sent earlier would go to the initial about:blank document).
 */
function sandboxRelay() {
  if (!relay) {
    const frame = el("iframe", { hidden: true, title: "sandboxed relay" });
    frame.setAttribute("sandbox", "allow-scripts");
    frame.srcdoc = `<script>
      addEventListener("message", (e) => { if (e.source === parent) top.postMessage(e.data.message, "*"); });
    <\/script>`;
    relay = new Promise((resolve) => frame.addEventListener("load", () => resolve(frame), { once: true }));
    document.body.append(frame);
  }
  return relay;
}

async function post(item) {
  const to = target();
  if (!to) return;
  const message = item.raw !== undefined ? item.raw : state.encoding === "json" ? JSON.stringify(item.data) : item.data;
  if (role === "intruder" && state.from === "sandboxed") {
    (await sandboxRelay()).contentWindow.postMessage({ message }, "*");
  } else {
    parent.postMessage(message, to);
  }
  showPosted(item, message, to);
  // With `webhooks=on` (the demo's frames), the vendor's server also reports a terminal event to the
  // embedding site's server, as the real vendors do: it sends the matching webhook.
  if (params.get("webhooks") === "on" && role !== "intruder" && !sandboxed && item.data) {
    fetch("/webhook", { method: "POST", body: JSON.stringify({ vendor: role, message: item.data, url: location.href }) }).catch(() => {});
  }
}

function showPosted(item, message, to) {
  const kind = typeof message === "string" ? (item.raw !== undefined ? "string (not JSON)" : "JSON string") : "object";
  const via = role === "intruder" && state.from === "sandboxed" ? " via sandboxed sub-frame" : "";
  last.replaceChildren(
    el("div", { className: "last-head" },
      el("span", { textContent: `posted ${item.label}` }),
      el("span", { className: "muted", textContent: ` · ${kind}${via} → ${to}` })),
    el("code", { textContent: typeof message === "string" ? message : JSON.stringify(message) }),
  );
  last.classList.remove("flash");
  void last.offsetWidth;
  last.classList.add("flash");
}

// ───────────────────────────── page ─────────────────────────────

const header = el("header", { className: "bar" });
const controls = el("div", { className: "controls" });
const groups = el("main", { className: "groups" });
const last = el("footer", { className: "last" }, el("span", { className: "muted", textContent: "Nothing posted yet." }));

function renderHeader() {
  const names = { ignition: "Axle Ignition", signere: "Signere signing", intruder: "Intruder" };
  const badges = [el("span", { className: "badge fake", textContent: "fake" })];
  if (sandboxed) badges.push(el("span", { className: "badge null", textContent: 'sandboxed · origin "null"' }));
  const to = target();
  const sub = role === "intruder"
    ? `${location.origin} · posts with targetOrigin "*"`
    : to ? `${sandboxed ? "opaque origin" : location.origin} → ${to}` : "";
  header.replaceChildren(
    el("div", { className: "brand" }, el("span", { className: "logo" }), el("strong", { textContent: names[role] }), ...badges),
    el("div", { className: "sub", textContent: sub }),
  );
}

function renderControls() {
  const list = [];
  if (role === "intruder") {
    list.push(segmented("pose as", "pose", [["ignition", "Ignition"], ["signere", "Signere"]], state.pose, (v) => {
      state.pose = v;
      state.encoding = defaultEncoding(v);
      renderControls();
      renderGroups();
    }));
    list.push(segmented("post from", "from", [["self", "this frame"], ["sandboxed", 'sub-frame ("null")']], state.from, (v) => {
      state.from = v;
      if (v === "sandboxed") sandboxRelay();
    }));
  }
  list.push(segmented("encoding", "encoding", [["object", "object"], ["json", "JSON string"]], state.encoding, (v) => {
    state.encoding = v;
  }));
  controls.replaceChildren(...list);
}

function renderGroups() {
  const disabled = !target();
  groups.replaceChildren();
  if (disabled) {
    groups.append(el("p", {
      className: "warning",
      textContent: role === "ignition"
        ? "No origin= parameter in this page's URL: like the real Ignition, this page posts no messages."
        : "No parent= parameter in this page's URL: it does not know where to post its messages.",
    }));
  }
  const catalog = CATALOGS[state.pose];
  for (const group of catalog) {
    if (role === "intruder" && group.title.startsWith("Malformed")) continue;
    const buttons = group.items.map((item) => {
      const button = el("button", { type: "button", className: "msg", disabled },
        el("span", { className: "msg-label", textContent: item.label }),
        item.note ? el("span", { className: "msg-note", textContent: item.note }) : null);
      button.dataset.msg = item.id;
      button.title = item.raw !== undefined ? item.raw : JSON.stringify(item.data);
      button.addEventListener("click", () => post(item));
      return button;
    });
    const className = group.title.startsWith("Malformed") ? "bad" : "";
    groups.append(el("section", { className }, el("h2", { textContent: group.title }), el("div", { className: "grid" }, ...buttons)));
  }
}

document.body.append(header, controls, groups, last);
renderHeader();
renderControls();
renderGroups();
document.body.dataset.ready = "true";
