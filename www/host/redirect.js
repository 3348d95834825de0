// The demo's redirect return page: the page an integrator serves at Ignition's `redirectUri`.
// Ignition sends its outcome here as query parameters (`?status=complete&authCode=…`); the page reads
// them with readIgnitionRedirect(), shows the typed result, and removes them from the address bar
// with history.replaceState, so that a reload (or a shared link) does not replay the auth code.
//
// For the end-to-end tests: window.__redirect = { before, result, after }, the address before,
// readIgnitionRedirect()'s value (null when the URL carries no `status`), and the address after.
import { readIgnitionRedirect } from "embed-events";
import { redirectLinks } from "./redirects.js";

const $ = (selector) => document.querySelector(selector);

const SIX = ["status", "authCode", "client", "result", "step", "message"];

/** `h("span", { className: "x" }, "text", child)` */
function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value == null || value === false) continue;
    if (key.startsWith("data-")) node.setAttribute(key, value);
    else node[key] = value;
  }
  for (const child of children.flat()) if (child != null && child !== false) node.append(child);
  return node;
}

/** The address, with Ignition's parameters marked. */
function address(href) {
  const url = new URL(href);
  if (!url.search) return [href];
  const head = href.slice(0, href.indexOf("?") + 1);
  const tail = url.hash;
  const parts = url.search.slice(1).split("&").map((part, i) => {
    const name = new URLSearchParams(part).keys().next().value;
    const text = (i ? "&" : "") + part;
    return SIX.includes(name) ? h("mark", {}, text) : text;
  });
  return [head, ...parts, tail];
}

const EXPLAIN = {
  event: "A known status with valid parameters: event is exactly what the matching watcher callback receives.",
  unknown: "A status this version does not know: its name, nothing else.",
  malformed: "The parameters do not make an event; detail names the parameter at fault, never its value.",
};

function main() {
  const before = location.href;
  const result = readIgnitionRedirect(); // this page's URL
  if (result) history.replaceState(null, "", result.cleanUrl);
  const after = location.href;
  window.__redirect = { before, result, after };

  $("#before").replaceChildren(...address(before));
  const kind = result ? result.kind : "null";
  $("#kind-text").replaceChildren(
    h("span", { className: `kind k-${kind}` }, result ? `kind: "${kind}"` : "null"),
    result ? EXPLAIN[kind] : "No status parameter in this address: nothing to read, nothing to replay.",
  );
  const pre = h("pre", { className: "json" }, JSON.stringify(result, null, 2));
  $("#result").replaceChildren(pre);
  $("#result").dataset.kind = kind;
  $("#after").replaceChildren(after);
  $("#after-text").textContent = result
    ? "The parameters are gone from the address bar (everything else is kept): reload the page, and nothing is replayed."
    : "Nothing to remove: the address is left as it is.";

  $("#links").replaceChildren(...redirectLinks(h));

  $("#boot").hidden = true;
  $("#main").hidden = false;
  document.body.dataset.ready = "true";
}

try {
  main();
} catch (error) {
  const boot = $("#boot");
  boot.classList.add("error");
  boot.textContent = `The page could not read its address: ${error?.message ?? error}`;
  console.error(error);
}
