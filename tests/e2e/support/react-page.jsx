// The React 19 page of tests/e2e/react.test.mjs, bundled by esbuild (development build, so that
// StrictMode mounts, unmounts and mounts again). It renders the README's component
// (react-readme-snippet.jsx, with its callbacks passed in) and two variants, each in a root of its
// own, with or without StrictMode, and records what the test reads: every callback call (a
// delivery), every message the page received, and every state of the container's markup.
import { StrictMode, useRef } from "react";
import { createRoot } from "react-dom/client";
import { useIgnition } from "embed-events/react";
import { Connect } from "./react-readme-snippet.jsx";

/** The README's component without `once`: the watcher keeps listening until the frame goes away. */
function ConnectWithoutOnce({ url, onComplete, onExit }) {
  const frame = useRef(null);
  const { outcome } = useIgnition({ source: frame, onComplete, onExit });
  if (outcome?.status === "complete") return <p>Connected.</p>;
  if (outcome?.status === "exit") return <p>You left at {outcome.step}.</p>;
  return <iframe ref={frame} src={url} title="Connect your insurance" />;
}

/** A "try again" button: reset() forgets the outcome, and the frame is rendered (and watched) again. */
function ConnectWithRetry({ url, onComplete, onExit }) {
  const frame = useRef(null);
  const { active, outcome, reset } = useIgnition({ source: frame, once: true, onComplete, onExit });
  if (outcome?.status === "exit") {
    return (
      <p data-active={String(active)}>
        You left at {outcome.step}. <button onClick={reset}>Try again</button>
      </p>
    );
  }
  return <iframe ref={frame} src={url} title="Connect your insurance" data-active={String(active)} />;
}

const COMPONENTS = { Connect, ConnectWithoutOnce, ConnectWithRetry };

// Every message from another origin than this page's, as the page received it (before React).
const received = [];
window.addEventListener("message", (event) => {
  if (event.origin !== location.origin) received.push({ origin: event.origin, data: event.data });
});

const mounted = new Map();

window.app = {
  received,
  /**
   * Render `component` in a new container `id`, in StrictMode or not. Its callbacks record each
   * delivery in `deliveries`; `snapshots` gets the container's markup after every change.
   */
  mount(id, component, { strict, url }) {
    const container = document.createElement("div");
    container.id = id;
    document.body.append(container);
    const record = { deliveries: [], snapshots: [], frames: 0 };
    const observer = new MutationObserver((mutations) => {
      for (const m of mutations) for (const node of m.addedNodes) if (node.nodeName === "IFRAME") record.frames++;
      const html = container.innerHTML;
      if (record.snapshots.at(-1) !== html) record.snapshots.push(html);
    });
    observer.observe(container, { childList: true, subtree: true, characterData: true, attributes: true });
    const C = COMPONENTS[component];
    const element = (
      <C
        url={url}
        onComplete={(e) => record.deliveries.push(["onComplete", e])}
        onExit={(e) => record.deliveries.push(["onExit", e])}
      />
    );
    const root = createRoot(container);
    root.render(strict ? <StrictMode>{element}</StrictMode> : element);
    mounted.set(id, { root, record, observer, container });
  },
  record: (id) => mounted.get(id).record,
  html: (id) => mounted.get(id).container.innerHTML,
  unmount(id) {
    const m = mounted.get(id);
    m.root.unmount();
    m.observer.disconnect();
    m.container.remove();
  },
};
window.ready = true;
