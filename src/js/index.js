// The package's entry: the init() guard and the public Watcher class over the wasm exports.
// Importing it touches no browser global; nothing runs until init() and watch*() are called.
import initWasm, { callbackNames, watch, ignitionUrl as wasmIgnitionUrl } from "./embed_events.js";
import { readOptions, urlArgs } from "./options.js";

let loading = null;
let ready = false;

/**
 * Load the wasm. Calling it again (even before the first call settles) is harmless; a failed load
 * may be retried. `input` is anything wasm-bindgen's initialiser takes (a URL, a Response, bytes, a
 * `WebAssembly.Module`), or `{ module_or_path }`.
 */
export default function init(input) {
  if (!loading) {
    const arg = input === undefined || (input !== null && typeof input === "object" && "module_or_path" in input)
      ? input
      : { module_or_path: input };
    loading = initWasm(arg).then(
      () => { ready = true; },
      (error) => { loading = null; throw error; },
    );
  }
  return loading;
}

function assertReady(name) {
  if (!ready) {
    throw new Error(`embed-events: ${name}() was called before init() finished; call \`await init()\` first`);
  }
}

const token = Symbol("embed-events.Watcher");
const dispose = Symbol.dispose ?? Symbol.for("Symbol.dispose");

/** A running watcher, returned by watchIgnition() and watchSignere(). */
export class Watcher {
  #handle;

  /** @internal Watchers are made by watchIgnition() and watchSignere(). */
  constructor(key, handle) {
    if (key !== token) throw new TypeError("embed-events: Watcher is created by watchIgnition() or watchSignere()");
    this.#handle = handle;
  }

  /** Remove the listener. Idempotent; safe from inside any callback. */
  stop() {
    this.#handle?.stop();
  }

  /** `true` until stopped (by stop(), once, or signal). */
  get active() {
    return this.#handle ? this.#handle.active : false;
  }

  /** Stop and release the watcher's wasm memory. */
  free() {
    const handle = this.#handle;
    if (handle) {
      this.#handle = undefined;
      handle.stop();
      handle.free();
    }
  }

  /** `using watcher = watchIgnition(…)` stops it at the end of the scope. */
  [dispose]() {
    this.free();
  }
}

/** Start vendor `vendor`'s watcher (0 Ignition, 1 Signere) for the public function `fn`. */
function start(fn, vendor, options) {
  assertReady(fn);
  const args = readOptions(fn, callbackNames(vendor), vendor === 0, options);
  return new Watcher(token, watch(vendor, ...args));
}

/** Watch Axle Ignition's messages. */
export function watchIgnition(options) {
  return start("watchIgnition", 0, options);
}

/** Watch Signere's messages. */
export function watchSignere(options) {
  return start("watchSignere", 1, options);
}

/** `url` with its `origin` query parameter set to `parentOrigin` (default: this page's origin). */
export function ignitionUrl(url, parentOrigin) {
  assertReady("ignitionUrl");
  return wasmIgnitionUrl(...urlArgs(url, parentOrigin));
}
