// embed-events/react: the watchers as React hooks. The main entry is imported, never bundled here
// (the build keeps `./index.js` and `react` external), so an app holds one copy of the watcher.
//
// One effect runs after every commit and compares what the watcher was started with (the resolved
// source, origins by value, the other non-callback options, which callbacks are present) with the
// current options; when they differ it stops the running watcher and starts another. A second
// effect, with no dependencies, stops the watcher on unmount. Under StrictMode's mount, unmount,
// mount, the first watcher is stopped before the second starts: one is active at any time.
// Callbacks reach the watcher as stable wrappers that call the latest committed callback, so a
// callback that changes between renders does not restart it.
import { useEffect, useInsertionEffect, useRef, useState } from "react";
import { watchIgnition, watchSignere } from "./index.js";
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

function useWatcher(watch, options) {
  const latest = useRef(options);
  const running = useRef(null);
  const [state, setState] = useState(IDLE);

  // The committed options, for the wrappers and the effect below (written before either runs).
  useInsertionEffect(() => {
    latest.current = options;
  });

  useEffect(() => {
    const options = latest.current === undefined ? {} : latest.current;
    // Not an options object: the watcher throws the TypeError that says so.
    if (typeof options !== "object" || options === null || Array.isArray(options)) watch(options);
    const wanted = describe(options);
    const current = running.current;
    if (current && same(current.described, wanted)) return;
    running.current = null;
    current?.stop();
    // A source given as null (a ref not attached yet, a callback ref's state before it is set)
    // means "not yet": starting without it would accept messages from any window of the origin.
    if ("source" in wanted.settings && wanted.settings.source == null) {
      setState(IDLE);
      return;
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
    let outcome;
    const entry = {
      described: wanted,
      stop() {
        signal?.removeEventListener?.("abort", update);
        watcher.stop();
      },
    };
    // Mirrors the watcher into state: `active`, and `outcome` once its first terminal event has been
    // delivered. A watcher that was replaced or unmounted updates nothing.
    function update() {
      if (running.current !== entry) return;
      const active = watcher.active;
      setState((old) => (old.active === active && old.outcome === outcome ? old : { active, outcome }));
    }
    watcher.outcome.then(
      (event) => {
        outcome = event;
        update();
      },
      update,
    );
    signal?.addEventListener?.("abort", update, { once: true });
    running.current = entry;
    update();
  });

  useEffect(
    () => () => {
      const current = running.current;
      running.current = null;
      current?.stop();
    },
    [],
  );

  return state;
}

/**
 * Watch Axle Ignition's messages while the component is mounted. `options` are those of
 * `watchIgnition`, where `source` may also be a ref object whose `current` is the iframe or window.
 * Returns `{ active, outcome }`.
 */
export function useIgnition(options) {
  return useWatcher(watchIgnition, options);
}

/**
 * Watch Signere's messages while the component is mounted. `options` are those of `watchSignere`,
 * where `source` may also be a ref object whose `current` is the iframe or window.
 * Returns `{ active, outcome }`.
 */
export function useSignere(options) {
  return useWatcher(watchSignere, options);
}
