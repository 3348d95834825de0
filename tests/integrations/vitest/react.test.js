// embed-events/react under Vitest, in jsdom and in happy-dom: a component in StrictMode with a ref to
// its iframe hears each example message once and re-renders with the outcome; nothing after unmount.
import { afterEach, expect, test, vi } from "vitest";
import { StrictMode, act, createElement as h, useRef } from "react";
import { createRoot } from "react-dom/client";
import { useIgnition, useSignere } from "embed-events/react";
import { dispatchVendorMessage, exampleMessages } from "embed-events/testing";

globalThis.IS_REACT_ACT_ENVIRONMENT = true;
const IGNITION = "https://ignition.axle.insure";
const SIGNERE = "https://sign.idfy.io";

let root;
let container;
async function render(element) {
  container = document.body.appendChild(document.createElement("div"));
  root = createRoot(container);
  await act(async () => root.render(h(StrictMode, null, element)));
}
afterEach(async () => {
  await act(async () => root?.unmount());
  root = undefined;
  document.body.replaceChildren();
});

test("useIgnition in StrictMode: each message once, then the outcome; nothing after unmount", async () => {
  const onComplete = vi.fn();
  const seen = [];
  function Connect() {
    const frame = useRef(null);
    const state = useIgnition({ source: frame, onComplete });
    seen.push(state);
    return h("iframe", { ref: frame, title: "Ignition" });
  }
  await render(h(Connect));
  expect(seen.at(-1)).toEqual({ active: true, outcome: undefined });
  const iframe = container.querySelector("iframe");
  await act(async () => dispatchVendorMessage(exampleMessages.ignition.complete, { origin: IGNITION, source: iframe }));
  expect(onComplete).toHaveBeenCalledTimes(1);
  expect(seen.at(-1)).toEqual({ active: true, outcome: { status: "complete", authCode: "cod_LwPJhgxnjinMEPfGYc-XV", client: "cli_Rk7pW2xQd9FvM3tZ", result: "link" } });
  await act(async () => root.unmount());
  root = undefined;
  dispatchVendorMessage(exampleMessages.ignition.exit, { origin: IGNITION, source: iframe });
  expect(onComplete).toHaveBeenCalledTimes(1);
});

test("useSignere: a callback that changes between renders is the one called, without a restart", async () => {
  const adds = vi.spyOn(window, "addEventListener");
  const messageListeners = () => adds.mock.calls.filter(([type]) => type === "message").length;
  const calls = [];
  let last;
  function Sign({ label }) {
    const frame = useRef(null);
    last = useSignere({ source: frame, origins: [SIGNERE], onSpinnerOn: () => calls.push(label) });
    return h("iframe", { ref: frame, title: "Signere" });
  }
  await render(h(Sign, { label: "first" }));
  // StrictMode mounts, unmounts and mounts again: two watchers started, one at a time.
  expect(messageListeners()).toBe(2);
  const iframe = container.querySelector("iframe");
  const post = (name) => act(async () => dispatchVendorMessage(exampleMessages.signere[name], { origin: SIGNERE, source: iframe }));
  await post("spinner_on");
  await act(async () => root.render(h(StrictMode, null, h(Sign, { label: "second" }))));
  await post("spinner_on");
  expect(calls).toEqual(["first", "second"]);
  expect(messageListeners()).toBe(2);
  expect(last).toEqual({ active: true, outcome: undefined });
  await post("user_aborted");
  expect(last).toEqual({ active: true, outcome: { type: "user_aborted", documentId: "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41" } });
  adds.mockRestore();
});

test("a source not attached yet means no watcher; aborting the signal makes active false", async () => {
  const controller = new AbortController();
  let last;
  function Late({ show }) {
    const frame = useRef(null);
    last = useIgnition({ source: frame, signal: controller.signal, onExit: () => {} });
    return show ? h("iframe", { ref: frame, title: "Ignition" }) : null;
  }
  await render(h(Late, { show: false }));
  expect(last).toEqual({ active: false, outcome: undefined });
  await act(async () => root.render(h(StrictMode, null, h(Late, { show: true }))));
  expect(last).toEqual({ active: true, outcome: undefined });
  await act(async () => controller.abort());
  expect(last).toEqual({ active: false, outcome: undefined });
});
