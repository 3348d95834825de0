// embed-events/react's one hook, over any vendor's watcher (react-hooks.js, written by the build,
// gives each vendor's: useIgnition, useSignere). The main entry is imported, never bundled here
// (the build keeps `./index.js` and `react` external), so an app holds one copy of the watcher.
//
// One effect runs after every commit and compares what the session was started with (the resolved
// source, origins by value, the other non-callback options, which callbacks are present) with the
// current options. When they differ (or `reset()` ended the session) it stops the running watcher
// and starts a new session: a new watcher, no outcome. When only the source is gone (a ref
// whose frame is no longer rendered, typically because the outcome arrived and the component now
// renders it instead), the watcher stops and the session, with its outcome, stays; the same frame
// coming back resumes it. A second effect, with no dependencies, stops the watcher on unmount.
// Under StrictMode's mount, unmount, mount, the first watcher is stopped before the second starts:
// one is active at any time. Callbacks reach the watcher as stable wrappers that call the latest
// committed callback, so a callback that changes between renders does not restart it.
import { useCallback, useEffect, useInsertionEffect, useMemo, useRef, useState } from "react";
import { isWindow } from "./windows.js";

const IDLE = { active: false, outcome: undefined };

/** `source` as the watcher takes it: a ref object's `current`, else as given. */
function resolve(source) {
  if (source !== null && typeof source === "object" && !isWindow(source) && typeof source.nodeType !== "number" && "current" in source) {
    return source.current;
  }
  return source;
}

/** What the watcher is started with, with callbacks as names only. */
function describe(options) {
  const settings = {};
  const callbacks = [];
  for (const key of Object.keys(options)) {
    const value = options[key];
    if (value === undefined) continue;
    if (typeof value === "function") callbacks.push(key);
    else settings[key] = key === "source" ? resolve(value) : value;
  }
  // Origins by value: a new array with the same entries is the same allow-list.
  const origins = settings.origins;
  if (typeof origins === "string") settings.origins = [origins];
  else if (Array.isArray(origins)) settings.origins = [...origins];
  return { settings, callbacks: callbacks.sort() };
}

const sameList = (a, b) => a.length === b.length && a.every((x, i) => Object.is(x, b[i]));

function same(a, b) {
  if (!sameList(a.callbacks, b.callbacks)) return false;
  const keys = Object.keys(a.settings);
  if (!sameList(keys.sort(), Object.keys(b.settings).sort())) return false;
  return keys.every((key) => {
    const x = a.settings[key];
    const y = b.settings[key];
    return key === "origins" && Array.isArray(x) && Array.isArray(y) ? sameList(x, y) : Object.is(x, y);
  });
}

/**
 * Watch with `watch` (a vendor's watcher) while the component is mounted. `options` are that
 * watcher's, where `source` may also be a ref object whose `current` is the iframe or window.
 * Returns `{ active, outcome, reset }`.
 */
export function useWatcher(watch, options) {
  const latest = useRef(options);
  // The session: what its watchers were started with, its outcome, the watcher now running (null
  // while paused), and whether one ended by itself.
  const session = useRef(null);
  const [state, setState] = useState(IDLE);
  // Ends the session; the render this causes (a new state object) starts another.
  const reset = useCallback(() => {
    const s = session.current;
    session.current = null;
    if (s) pause(s);
    setState({ active: false, outcome: undefined });
  }, []);

  // The committed options, for the wrappers and the effect below (written before either runs).
  useInsertionEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const options = latest.current === undefined ? {} : latest.current;
    // Not an options object: the watcher throws the TypeError that says so.
    if (typeof options !== "object" || options === null || Array.isArray(options)) watch(options);
    const wanted = describe(options);
    // A source given as null (a ref not attached yet, or whose frame is no longer rendered)
    // means "not now": starting without it would accept messages from any window of the origin.
    const gone = "source" in wanted.settings && wanted.settings.source == null;
    let s = session.current;
    const publish = () => {
      if (session.current !== s) return;
      const active = s.running !== null && s.running.watcher.active;
      const outcome = s.outcome;
      setState((old) => (old.active === active && old.outcome === outcome ? old : { active, outcome }));
    };
    if (s && same(s.described, gone ? { ...wanted, settings: { ...wanted.settings, source: s.described.settings.source } } : wanted)) {
      // The same session. Its source went away (the component stopped rendering the frame): the
      // watcher stops and the outcome stays. Its source is back (the same frame): a watcher that
      // was stopped for that resumes; one that ended by itself (`once`, `signal`) stays ended.
      if (gone) {
        pause(s);
        publish();
        return;
      }
      if (s.running || s.ended) return;
    } else {
      if (s) pause(s);
      s = session.current = { described: wanted, outcome: undefined, running: null, ended: false };
      if (gone) {
        publish();
        return;
      }
    }
    const given = { ...wanted.settings };
    for (const key of wanted.callbacks) {
      given[key] = (value) => {
        const callback = latest.current?.[key];
        if (typeof callback === "function") callback(value);
      };
    }
    const watcher = watch(given);
    const signal = given.signal;
    s.running = {
      watcher,
      stop() {
        signal?.removeEventListener?.("abort", publish);
        watcher.stop();
      },
    };
    // The session's outcome is the first terminal event any of its watchers delivered; it is kept
    // even when that watcher was stopped (its frame went away) before the outcome settled.
    watcher.outcome.then((event) => {
      if (s.outcome === undefined) s.outcome = event;
      publish();
    }, publish);
    signal?.addEventListener?.("abort", publish, { once: true });
    publish();
  });

  // On unmount (and StrictMode's simulated one) the watcher stops; a remount with the same options
  // resumes the session.
  useEffect(() => () => session.current && pause(session.current), []);

  return useMemo(() => ({ active: state.active, outcome: state.outcome, reset }), [state, reset]);
}

/** Stop a session's watcher, noting whether it had ended by itself. */
function pause(s) {
  const running = s.running;
  if (!running) return;
  s.running = null;
  if (!running.watcher.active) s.ended = true;
  running.stop();
}
