// A React 19 app in StrictMode that uses embed-events/react, driven by tests/integrations/browser.test.mjs.
// The test re-renders it with new props through `window.app.render(props)`, sends messages with
// embed-events/testing, and reads what the components saw from `window.app.log` and `window.app.states`.
import { StrictMode, useEffect, useRef, useState } from "react";
import { createRoot } from "react-dom/client";
import { useIgnition, useSignere } from "embed-events/react";
import { dispatchVendorMessage, exampleMessages } from "embed-events/testing";

const log = [];
const states = [];

function Frame({ id, frameRef, src, generation }) {
  return <iframe key={`${id}-${generation}`} id={id} ref={frameRef} src={src} title={id} />;
}

/** Signere in two frames, a and b; `frame` picks the one the hook watches (through its ref). */
function Signing({ frame, origins, label, generation = 0 }) {
  const a = useRef(null);
  const b = useRef(null);
  const state = useSignere({
    source: frame === "a" ? a : b,
    origins,
    onSpinnerOn: (e) => log.push([label, e.type]),
    onSignSuccess: (e) => log.push([label, e.type]),
    onEvent: (e) => log.push([label, "onEvent", e.type]),
  });
  useEffect(() => void states.push(state));
  return (
    <>
      <Frame id="a" frameRef={a} src="https://sign.idfy.io/frame.html?a" generation={generation} />
      <Frame id="b" frameRef={b} src="https://sign.idfy.io/frame.html?b" />
      <output id="state">{JSON.stringify(state)}</output>
    </>
  );
}

/** Ignition in one frame, given as the element itself once it is attached (a callback ref's state). */
function Connect({ environment, once, label }) {
  const [frame, setFrame] = useState(null);
  const state = useIgnition({
    source: frame,
    environment,
    once,
    onComplete: (e) => log.push([label, e.status]),
    onExit: (e) => log.push([label, e.status]),
  });
  useEffect(() => void states.push(state));
  return (
    <>
      <iframe id="ignition" ref={setFrame} src="https://ignition.axle.insure/frame.html" title="ignition" />
      <output id="state">{JSON.stringify(state)}</output>
    </>
  );
}

const root = createRoot(document.querySelector("#root"));
const COMPONENTS = { Signing, Connect };

window.app = {
  log,
  states,
  exampleMessages,
  /** Render `component` with `props` in StrictMode; `null` unmounts the tree. */
  render(component, props) {
    const C = COMPONENTS[component];
    root.render(C ? <StrictMode><C {...props} /></StrictMode> : null);
  },
  /** Send `exampleMessages[vendor][name]` from `origin`, as the frame with id `frameId` (or no window). */
  send(vendor, name, origin, frameId) {
    const source = frameId ? document.getElementById(frameId) : undefined;
    dispatchVendorMessage(exampleMessages[vendor][name], { origin, source });
  },
};
window.dispatchEvent(new Event("app-ready"));
