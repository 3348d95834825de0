// Type definitions for embed-events: the shared types, hand-written (the build copies this file next
// to index.js, as index.d.ts and index.d.cts); each vendor's are written by the build from its
// declaration (in src/js/index.d.ts, in place of the two lines that name "./vendor-types.js").
//
// `Symbol.dispose` is declared below for projects whose `lib` lacks `esnext.disposable`, so that
// these types compile under any `lib` with `skipLibCheck: false`.

/**
 * Listen to the `postMessage` events of embedded vendor flows (Axle Ignition, Signere) with typed
 * callbacks, origin checks and decoding done in WebAssembly.
 *
 * ```ts
 * import { watchIgnition } from "embed-events";
 *
 * const watcher = watchIgnition({
 *   source: iframe,
 *   onComplete: (e) => sendToBackend(e.authCode),
 *   onExit: (e) => console.log("left at", e.step),
 *   onError: (e) => console.warn(e.message),
 * });
 * // …
 * watcher.stop();
 * ```
 *
 * There is no set-up step: the WebAssembly module ships inside the JavaScript and is compiled
 * synchronously on the first call. Importing the package has no side effects (nothing touches
 * `window` until `watch*()` is called), so server-side rendering can import it.
 *
 * @packageDocumentation
 */

declare global {
  interface SymbolConstructor {
    /** The symbol `using` calls (ES2026 explicit resource management); `Watcher` implements it. */
    readonly dispose: unique symbol;
  }
}

// ───────────────────────────── init ─────────────────────────────

/**
 * Prepare the module ahead of time (compile the inlined WebAssembly). Never required: every export
 * does it on its first call. Calling it any number of times, before or after other calls, is
 * harmless.
 *
 * @param input Ignored. Accepted so that code written for a wasm-bindgen module's `init`, which takes
 *   the `.wasm` file's location (`init("/x.wasm")`, `init({ module_or_path })`), keeps working: this
 *   package carries its module inside the JavaScript, so there is nothing to pass.
 */
export default function init(input?: unknown): Promise<void>;

// ───────────────────────────── Watcher ─────────────────────────────

/**
 * A running watcher, returned by {@link watchIgnition} and {@link watchSignere}. It holds one `message`
 * listener on `window` until it is stopped.
 *
 * ```ts
 * {
 *   using watcher = watchIgnition({ source: iframe, onComplete });
 *   // …
 * } // stopped and released here
 * ```
 */
export class Watcher<Outcome = VendorOutcome> {
  /** Watchers are made by {@link watchIgnition} and {@link watchSignere}; `new Watcher()` throws a `TypeError`. */
  private constructor();

  /**
   * Remove the listener. Idempotent. Safe to call from inside any callback: no further callback of this
   * watcher runs afterwards, not even `onEvent` for the event being delivered.
   */
  stop(): void;

  /** `true` until the watcher is stopped: by {@link Watcher.stop}, by `once`, by `signal`, or by `free()`/dispose. */
  readonly active: boolean;

  /**
   * The first **terminal** event this watcher delivers (Ignition: every event; Signere:
   * `document_expired`, `sign_success`, `user_aborted`), resolved after that event's callbacks have
   * run. Rejected with a `DOMException` named `"AbortError"` if the watcher stops first. The promise
   * is created on first read, so a watcher whose `outcome` is never read never causes an unhandled
   * rejection.
   *
   * ```ts
   * const event = await watchIgnition({ source: iframe, once: true }).outcome;
   * if (event.status === "complete") await sendToBackend(event.authCode);
   * ```
   */
  readonly outcome: Promise<Outcome>;

  /** Stop the watcher (it holds nothing else). Idempotent. */
  free(): void;

  /** Same as {@link Watcher.free}, so that `using watcher = watchIgnition(…)` stops it at the end of the scope. */
  [Symbol.dispose](): void;
}

// ───────────────────────────── shared options ─────────────────────────────

/**
 * A well-formed message from an allowed sender whose `status` (Ignition) or `type` (Signere) is not one
 * this version of the package knows; received by `onUnknown`.
 */
export interface UnknownMessage {
  /** The message's `status` / `type` string. */
  name: string;
  /** The decoded message: the object that was posted, or the object parsed from the posted JSON string. */
  data: Record<string, unknown>;
}

/**
 * Why a message was not delivered:
 * - `"source"`: it was sent by another window than the watched `source`;
 * - `"origin"`: its origin is not allowed;
 * - `"malformed"`: it came from an allowed sender, but its data does not decode (not an object or JSON
 *   object, an unknown-typed field such as `authCode: 42`, a missing required field).
 */
export type IgnoredReason = "source" | "origin" | "malformed";

/** A message that was not delivered; received by `onIgnored`. */
export interface IgnoredMessage {
  /** Why it was not delivered. Checks run in the order `source` → origin → decode. */
  reason: IgnoredReason;
  /** The message's origin (`event.origin`; `"null"` for an opaque origin). */
  origin: string;
  /**
   * A short human-readable explanation. Never contains a field's value. For a message from an
   * Ignition origin of another environment than the watcher trusts (no `origins` given), it names
   * the `environment` value that accepts it: `origin is Ignition's production origin, which needs
   * environment: "production"`.
   */
  detail: string;
  /**
   * For `"malformed"` data of an allowed sender: the `status` / `type` string, when it has one, as
   * `onUnknown` gets it.
   */
  name?: string;
  /** For `"malformed"` data of an allowed sender: the decoded message, as `onUnknown` gets it. */
  data?: Record<string, unknown>;
}

/**
 * The options both {@link watchIgnition} and {@link watchSignere} take. Every key is optional.
 *
 * Options are validated when `watch*()` is called: an unknown key (a typo such as `oncomplete`), a
 * callback that is not a function, a value of the wrong type, or a bad origin throws a `TypeError` whose
 * message names the key and what was expected. A key whose value is `undefined` is treated as absent.
 *
 * Callbacks run synchronously while the browser dispatches the `message` event, with `this` undefined.
 * Their return value is ignored. A callback that throws does not stop the watcher, nor the other
 * callbacks for the same event: the error is reported with `globalThis.reportError` (or `console.error`)
 * and delivery goes on.
 */
export interface WatchOptions {
  /**
   * The allowed message origins, e.g. `"https://sign.idfy.io"` or a list of them.
   *
   * Each entry is normalised as the URL standard serialises an origin (lower-case scheme and host,
   * default port dropped, a lone trailing `/` allowed). An entry with a path, query, fragment or
   * credentials, a non-http(s) scheme, `"*"`, or that does not parse, is a `TypeError` naming the entry,
   * and so is an empty list. `"null"` (an opaque origin) is accepted only together with `source`.
   *
   * When absent: Ignition's `environment` → else the origin of `source.src` when `source` is an iframe
   * with an http(s) `src` → else the vendor's default (Ignition: production; Signere has none).
   */
  origins?: string | readonly string[] | undefined;

  /**
   * The `<iframe>` element (or the popup `Window`) the vendor runs in. When given, only messages whose
   * `event.source` is this frame's `contentWindow` (or this window) are accepted; others are ignored
   * with reason `"source"`.
   */
  source?: HTMLIFrameElement | Window | undefined;

  /**
   * Stop right before delivering the first **terminal** event; that event is still delivered (to its
   * callback and to `onEvent`). Terminal events: every Ignition event (`complete`, `exit`, `error`);
   * Signere's `document_expired`, `sign_success` and `user_aborted`. Default `false`.
   */
  once?: boolean | undefined;

  /**
   * Aborting this signal stops the watcher. With an already-aborted signal, `watch*()` returns an
   * inactive watcher.
   */
  signal?: AbortSignal | undefined;

  /**
   * Log each delivered, unknown or ignored message with `console.debug`, secrets redacted (`authCode`,
   * `socialSecurityNumber`, tokens). Default `false`.
   */
  debug?: boolean | undefined;

  /**
   * Called for a well-formed message from an allowed sender whose `status` / `type` this version does
   * not know (a newer vendor event), so that it is not silently lost.
   */
  onUnknown?: ((message: UnknownMessage) => void) | undefined;

  /**
   * Called for every message that was not delivered (another window, a disallowed origin, or undecodable
   * data), with the reason. Unrelated messages on the page (extensions, other libraries, other frames)
   * end up here and nowhere else; they never throw.
   */
  onIgnored?: ((message: IgnoredMessage) => void) | undefined;

  /**
   * When nothing has been heard from the vendor this many milliseconds after the watcher started
   * (no message passed the source and origin checks: none delivered, unknown or malformed), report
   * it once, to `onSilence` (or, without it, its `detail` to `console.warn`); the watcher keeps
   * listening. A positive finite number. A watcher that stops first never reports.
   */
  silenceMs?: number | undefined;

  /** Receives the silence report (see `silenceMs`). */
  onSilence?: ((report: SilenceReport) => void) | undefined;
}

/** What a watcher with `silenceMs` reports when nothing was heard from the vendor in time. */
export interface SilenceReport {
  /** The `silenceMs` it waited. */
  ms: number;
  /** How many messages were ignored so far, for each reason. */
  ignored: { source: number; origin: number };
  /** The distinct origins of the messages ignored for their origin (at most 10, in order first seen). */
  origins: string[];
  /**
   * A sentence naming the likely cause and its fix: an Ignition iframe whose `src` lacks the `origin`
   * parameter (use {@link ignitionUrl}), messages from origins that are not allowed (the `origins`
   * option, or the `environment` value when they are Ignition's origin of another environment), an
   * iframe `src` on another environment's origin than `environment`, Signere's web messaging not
   * switched on for the signer.
   */
  detail: string;
}

// ───────────────────────────── the vendors ─────────────────────────────

/** A vendor's callback options, from its callbacks and the events they receive (`C`): each optional. */
export type Callbacks<C> = { [K in keyof C]?: ((event: C[K]) => void) | undefined };

// Each vendor's types (its events, their unions, callbacks, options and watch function:
// `IgnitionComplete`, `IgnitionEvent`, `IgnitionOptions`, `watchIgnition`, …), which the build writes
// here from the vendor's declaration and its doc text (scripts/vendor-types.mjs).
import type { IgnitionEvent, VendorOutcome } from "./vendor-types.js";
export * from "./vendor-types.js";

// ───────────────────────────── Ignition's URL and redirect ─────────────────────────────

/**
 * `url` with its `origin` query parameter set to `parentOrigin`: the parameter without which Ignition
 * posts no messages. Other query parameters are kept; an `origin` already there is replaced.
 *
 * ```ts
 * iframe.src = ignitionUrl("https://ignition.axle.insure/?token=ign_123", "https://app.example.com");
 * // "https://ignition.axle.insure/?token=ign_123&origin=https%3A%2F%2Fapp.example.com"
 * ```
 *
 * @param url The Ignition URL (absolute).
 * @param parentOrigin The origin of the page that embeds Ignition, a bare http(s) origin such as
 *   `"https://app.example.com"`; default: this page's own origin.
 * @throws {TypeError} if `url` does not parse as an absolute URL, if `parentOrigin` is not a bare http(s)
 *   origin, or if it is absent and this page has no http(s) origin of its own.
 */
export function ignitionUrl(url: string | URL, parentOrigin?: string): string;

/** What {@link readIgnitionRedirect} reads from a redirect URL that carries Ignition's `status`. */
export type IgnitionRedirect =
  | {
      kind: "event";
      /** Exactly the value the matching `watchIgnition` callback receives. */
      event: IgnitionEvent;
      /** The URL without Ignition's six parameters, for `history.replaceState(null, "", cleanUrl)`. */
      cleanUrl: string;
    }
  | { kind: "unknown"; /** The `status` this version does not know. */ name: string; cleanUrl: string }
  | {
      kind: "malformed";
      /** What is wrong (`"authCode: missing"`, `"step: given twice"`); never a parameter's value. */
      detail: string;
      cleanUrl: string;
    };

/**
 * Read the parameters Ignition sends to your `redirectUri` (`status`, `authCode`, `client`, `result`,
 * `step`, `message`) from `url`, with the same rules as its messages. `null` when there is no
 * `status` parameter. Replace the URL with `cleanUrl` so that a reload does not replay the auth code.
 *
 * ```ts
 * const redirect = readIgnitionRedirect();
 * if (redirect) {
 *   history.replaceState(null, "", redirect.cleanUrl);
 *   if (redirect.kind === "event" && redirect.event.status === "complete") await sendToBackend(redirect.event.authCode);
 * }
 * ```
 *
 * @param url The URL (a string or a `URL`); default: the page's `location.href`.
 * @throws {TypeError} if `url` is not an absolute URL.
 */
export function readIgnitionRedirect(url?: string | URL): IgnitionRedirect | null;
