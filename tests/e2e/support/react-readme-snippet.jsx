import { useRef } from "react";
import { useIgnition } from "embed-events/react";

// `url` is the Ignition session's URL, made with ignitionUrl(url, location.origin).
export function Connect({ url, onComplete, onExit }) {
  const frame = useRef(null);
  const { outcome } = useIgnition({ source: frame, once: true, onComplete, onExit });
  if (outcome?.status === "complete") return <p>Connected.</p>;
  if (outcome?.status === "exit") return <p>You left at {outcome.step}.</p>;
  return <iframe ref={frame} src={url} title="Connect your insurance" />;
}
