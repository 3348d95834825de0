// Counts event listeners from inside a page, in any engine: a classic script that must run before
// the page's other scripts. It wraps EventTarget.prototype.addEventListener and
// removeEventListener and keeps, per target and event type, the registrations the DOM keeps: one
// per (listener, capture) pair, dropped by removeEventListener, after a `once` listener has run,
// and when the `signal` option aborts. `window.__listeners.count(target, type)` reads it;
// `added(target, type)` says how many registrations were made in all, and `most(target, type)` the
// most there were at once.
//
// Chromium's DevTools protocol (DOMDebugger.getEventListeners) gives the same numbers from outside
// the page; the end-to-end tests use it there and check that both agree.
(() => {
  if (window.__listeners) return;
  const proto = EventTarget.prototype;
  const add = proto.addEventListener;
  const remove = proto.removeEventListener;
  /** target → type → Map("capture|bubble" → Map(listener → the function registered with the DOM)) */
  const registry = new WeakMap();
  const capture = (options) => (typeof options === "boolean" ? options : Boolean(options && options.capture));
  const slot = (target, type, phase, create) => {
    let types = registry.get(target);
    if (!types && create) registry.set(target, (types = new Map()));
    let phases = types && types.get(type);
    if (!phases && create) types.set(type, (phases = new Map()));
    let listeners = phases && phases.get(phase);
    if (!listeners && create) phases.set(phase, (listeners = new Map()));
    return listeners;
  };
  /** target → type → { added, most } */
  const history = new WeakMap();
  const live = (target, type) => {
    const types = registry.get(target);
    if (!types) return 0;
    let n = 0;
    for (const [t, phases] of types) {
      if (type !== undefined && t !== type) continue;
      for (const listeners of phases.values()) n += listeners.size;
    }
    return n;
  };
  const record = (target, type) => {
    let types = history.get(target);
    if (!types) history.set(target, (types = new Map()));
    let h = types.get(type);
    if (!h) types.set(type, (h = { added: 0, most: 0 }));
    h.added++;
    h.most = Math.max(h.most, live(target, type));
  };
  const past = (target, type) => {
    const types = history.get(target);
    return (types && types.get(type)) || { added: 0, most: 0 };
  };
  const forget = (target, type, phase, listener) => {
    const listeners = slot(target, type, phase, false);
    if (listeners) listeners.delete(listener);
  };
  proto.addEventListener = function (type, listener, options) {
    const target = this == null ? window : this;
    if (listener == null) return add.call(this, type, listener, options);
    const phase = capture(options) ? "capture" : "bubble";
    const listeners = slot(target, String(type), phase, true);
    if (listeners.has(listener)) return add.call(this, type, listeners.get(listener), options);
    const signal = options && typeof options === "object" ? options.signal : undefined;
    if (signal && signal.aborted) return add.call(this, type, listener, options);
    let registered = listener;
    if (options && typeof options === "object" && options.once) {
      // The DOM drops a `once` listener just before calling it.
      registered = function (event) {
        forget(target, String(type), phase, listener);
        return typeof listener === "function" ? listener.call(this, event) : listener.handleEvent(event);
      };
    }
    listeners.set(listener, registered);
    record(target, String(type));
    if (signal) add.call(signal, "abort", () => forget(target, String(type), phase, listener), { once: true });
    return add.call(this, type, registered, options);
  };
  proto.removeEventListener = function (type, listener, options) {
    const target = this == null ? window : this;
    const phase = capture(options) ? "capture" : "bubble";
    const listeners = slot(target, String(type), phase, false);
    const registered = listeners && listeners.get(listener);
    if (listeners) listeners.delete(listener);
    return remove.call(this, type, registered || listener, options);
  };
  window.__listeners = {
    /** How many listeners of `type` (every type when undefined) `target` has. */
    count: (target, type) => live(target, type),
    /** How many listeners of `type` were added to `target` in all (an addition the DOM ignores is not counted). */
    added: (target, type) => past(target, type).added,
    /** The most listeners of `type` `target` had at once. */
    most: (target, type) => past(target, type).most,
  };
})();
