// Type definitions for embed-events/react (hand-written; the build copies this file next to react.js,
// with each vendor's hook written in).
// They do not depend on React's own types: a ref is any object with a `current`.

/**
 * The watchers as React hooks (React 18 or later, an optional peer dependency).
 *
 * ```tsx
 * import { useRef } from "react";
 * import { useIgnition } from "embed-events/react";
 *
 * function Connect({ url }: { url: string }) {
 *   const frame = useRef<HTMLIFrameElement>(null);
 *   const { outcome } = useIgnition({ source: frame, once: true, onComplete: (e) => sendToBackend(e.authCode) });
 *   if (outcome?.status === "complete") return <p>Connected.</p>;
 *   if (outcome?.status === "exit") return <p>You left at {outcome.step}.</p>;
 *   return <iframe ref={frame} src={url} title="Connect your insurance" />;
 * }
 * ```
 *
 * The watcher starts after mount and stops on unmount; under `StrictMode` exactly one watcher is active
 * at any time and each message is delivered once. Callbacks may change from render to render without
 * restarting the watcher (it always calls the latest committed one). A change of `source` to another
 * element or window (or of what a ref points to at commit), of `origins` (compared by value), of
 * `environment`, or of another option that is not a callback starts afresh (a new watcher, no outcome),
 * and so does a callback that appears or disappears, and `reset()`.
 *
 * A delivered outcome stays: when `source` goes away (a ref whose frame the component stopped rendering,
 * as above once the outcome arrived), the watcher stops, `active` becomes `false` and `outcome` is kept,
 * so rendering the result instead of the frame settles: the frame is not mounted again, and the vendor
 * does not start another session.
 *
 * @packageDocumentation
 */

/** A React ref object (`useRef`, `createRef`) holding the vendor's iframe or popup window. */
export interface SourceRef {
  readonly current: HTMLIFrameElement | Window | null | undefined;
}

/**
 * Where the vendor runs: the iframe element, the popup window, or a ref object to either.
 *
 * A ref whose `current` is `null` (not attached yet, or its frame no longer rendered), or `null` itself,
 * means "not now": no watcher runs until it is set (and `active` is `false`), since a watcher without its
 * source would accept any window of the allowed origins. A source that goes away after a watcher ran
 * keeps the outcome; the same frame coming back resumes watching it (unless the watcher had ended by
 * itself, through `once` or `signal`), while another frame starts afresh. Leave `source` out (or
 * `undefined`) to accept messages from any window.
 */
export type HookSource = HTMLIFrameElement | Window | SourceRef | null | undefined;

/** What the hooks return. A new object only when one of its members changes. */
export interface WatcherState<Outcome> {
  /** `true` while a watcher runs (after mount, until `once`, `signal`, unmount or a `source` that went away stops it). */
  readonly active: boolean;
  /**
   * The first terminal event delivered since the watcher started afresh (the component re-renders then),
   * else `undefined`. It stays when the watcher stops: by `once`, `signal`, or a `source` that goes away
   * (a ref to a frame no longer rendered). Only a start afresh clears it: `source` changed to another
   * element or window, another non-callback option, a callback that appears or disappears, or `reset()`.
   */
  readonly outcome: Outcome | undefined;
  /**
   * Forget the outcome and start afresh: `outcome` becomes `undefined` and, when there is a source (or
   * none was asked for), a new watcher starts, also after `once` ended the last one. For a "try again"
   * button that renders the frame again. The same function on every render.
   */
  readonly reset: () => void;
}

// Each vendor's hook and its options (`useIgnition`, `UseIgnitionOptions`, …), which the build writes
// here from the list of vendors (scripts/vendor-types.mjs).
export * from "./react-vendor-types.js";
