// embed-events/react under Vitest, in jsdom and in happy-dom: a component in StrictMode with a ref to
// its iframe hears each example message once and re-renders with the outcome; nothing after unmount;
// the outcome stays when the frame goes away, until another frame or reset() starts afresh.
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
/** A hook's state without its `reset` function (the same function on every render). */
const shape = ({ active, outcome }) => ({ active, outcome });
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
  expect(shape(seen.at(-1))).toEqual({ active: true, outcome: undefined });
  const iframe = container.querySelector("iframe");
  await act(async () => dispatchVendorMessage(exampleMessages.ignition.complete, { origin: IGNITION, source: iframe }));
  expect(onComplete).toHaveBeenCalledTimes(1);
  expect(shape(seen.at(-1))).toEqual({ active: true, outcome: { status: "complete", authCode: "cod_LwPJhgxnjinMEPfGYc-XV", client: "cli_Rk7pW2xQd9FvM3tZ", result: "link" } });
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
  expect(shape(last)).toEqual({ active: true, outcome: undefined });
  await post("user_aborted");
  expect(shape(last)).toEqual({ active: true, outcome: { type: "user_aborted", documentId: "8bfae710-5a5b-4b7e-9d3e-0c1f6a2d9e41" } });
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
  expect(shape(last)).toEqual({ active: false, outcome: undefined });
  await act(async () => root.render(h(StrictMode, null, h(Late, { show: true }))));
  expect(shape(last)).toEqual({ active: true, outcome: undefined });
  await act(async () => controller.abort());
  expect(shape(last)).toEqual({ active: false, outcome: undefined });
});

test("the README's component: the frame gives way to the outcome, which stays; reset() renders and watches the frame again", async () => {
  const onExit = vi.fn();
  let last;
  function Connect() {
    const frame = useRef(null);
    last = useIgnition({ source: frame, once: true, onExit });
    if (last.outcome?.status === "exit") return h("p", null, `You left at ${last.outcome.step}.`);
    return h("iframe", { ref: frame, title: "Ignition" });
  }
  await render(h(Connect));
  const reset = last.reset;
  const exit = { status: "exit", step: "carrier-login", client: "cli_Rk7pW2xQd9FvM3tZ" };
  const post = () => act(async () => dispatchVendorMessage(exampleMessages.ignition.exit, { origin: IGNITION, source: container.querySelector("iframe") }));
  await post();
  expect(onExit).toHaveBeenCalledTimes(1);
  expect(container.innerHTML).toBe("<p>You left at carrier-login.</p>");
  expect(shape(last)).toEqual({ active: false, outcome: exit });
  // Renders after the frame went away keep it.
  await act(async () => root.render(h(StrictMode, null, h(Connect))));
  expect(container.innerHTML).toBe("<p>You left at carrier-login.</p>");
  expect(shape(last)).toEqual({ active: false, outcome: exit });
  expect(last.reset).toBe(reset);

  await act(async () => last.reset());
  expect(container.querySelector("iframe")).not.toBe(null);
  expect(shape(last)).toEqual({ active: true, outcome: undefined });
  expect(last.reset).toBe(reset);
  await post();
  expect(onExit).toHaveBeenCalledTimes(2);
  expect(shape(last)).toEqual({ active: false, outcome: exit });
});

test("a source that goes away keeps the outcome; the same frame back is watched again, another frame starts afresh", async () => {
  const [a, b] = [0, 1].map(() => document.body.appendChild(document.createElement("iframe")));
  const onExit = vi.fn();
  let last;
  function Watch({ source }) {
    last = useIgnition({ source, onExit });
    return null;
  }
  const show = (source) => act(async () => root.render(h(StrictMode, null, h(Watch, { source }))));
  const post = (frame) => act(async () => dispatchVendorMessage(exampleMessages.ignition.exit, { origin: IGNITION, source: frame }));
  const exit = { status: "exit", step: "carrier-login", client: "cli_Rk7pW2xQd9FvM3tZ" };
  await render(h(Watch, { source: a }));
  await post(a);
  expect(shape(last)).toEqual({ active: true, outcome: exit });
  await show(null);
  expect(shape(last)).toEqual({ active: false, outcome: exit });
  await post(a);
  expect(onExit).toHaveBeenCalledTimes(1);
  await show(a);
  expect(shape(last)).toEqual({ active: true, outcome: exit });
  await post(a);
  expect(onExit).toHaveBeenCalledTimes(2);
  await show(null);
  await show(b);
  expect(shape(last)).toEqual({ active: true, outcome: undefined });
  // Frame a is not heard any more (where iframes have windows: happy-dom gives them none, and a
  // message from no window is then every iframe's).
  await post(a);
  expect(onExit).toHaveBeenCalledTimes(a.contentWindow ? 2 : 3);
});
