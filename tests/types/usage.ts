// Type-level test of the package's declarations (src/js/index.d.ts, mapped to "embed-events" by
// tsconfig.json's `paths`). Nothing here runs: `tsc -p tests/types` passing is the test. The first half
// must compile; every line after a `// @ts-expect-error` must NOT compile (TypeScript reports an unused
// `@ts-expect-error` as an error, so a passing run proves both halves).

import init, {
  ignitionUrl,
  readIgnitionRedirect,
  type IgnitionRedirect,
  type SignereTerminalEvent,
  type SilenceReport,
  watchIgnition,
  watchSignere,
  Watcher,
  type IgnitionComplete,
  type IgnitionError,
  type IgnitionEvent,
  type IgnitionExit,
  type IgnitionOptions,
  type IgnoredMessage,
  type IgnoredReason,
  type SignereEvent,
  type SignereOptions,
  type SignereSignError,
  type UnknownMessage,
  type WatchOptions,
} from "embed-events";

// ───────────── helpers ─────────────

/** `true` only when `A` and `B` are the same type (not merely assignable). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** Compiles only when given `true`. */
declare function assertType<T extends true>(): void;
/** Compiles only when `value` is assignable to `T`. */
declare function expectType<T>(value: T): void;

declare const iframe: HTMLIFrameElement;
declare const popup: Window;
declare const maybeSignal: AbortSignal | undefined;
declare function sendToBackend(authCode: string): Promise<void>;
declare function log(...values: unknown[]): void;

// ───────────── init ─────────────

await init();
await init("/assets/embed_events_bg.wasm");
await init(new URL("https://cdn.example.com/embed_events_bg.wasm"));
await init(new Request("/embed_events_bg.wasm"));
await init(fetch("/embed_events_bg.wasm"));
await init(new Uint8Array([0, 97, 115, 109]));
await init(new ArrayBuffer(8));
await init({ module_or_path: "/embed_events_bg.wasm" });
await init({ module_or_path: WebAssembly.compileStreaming(fetch("/embed_events_bg.wasm")) });
assertType<Equal<ReturnType<typeof init>, Promise<void>>>();
// `InitInput`, wasm-bindgen's type for what its `init` takes, is not exported: `init` ignores its argument.
// @ts-expect-error
type NoInitInput = import("embed-events").InitInput;

// ───────────── watchIgnition: every callback, every field ─────────────

const ignition: Watcher = watchIgnition({
  source: iframe,
  environment: "sandbox",
  once: true,
  debug: false,
  signal: new AbortController().signal,
  onComplete: (e) => {
    assertType<Equal<typeof e, IgnitionComplete>>();
    assertType<Equal<typeof e.status, "complete">>();
    assertType<Equal<typeof e.authCode, string>>();
    assertType<Equal<typeof e.client, string | undefined>>();
    assertType<Equal<typeof e.result, string | undefined>>();
    void sendToBackend(e.authCode); // required: a string, no check needed
  },
  onExit: (e) => {
    assertType<Equal<typeof e, IgnitionExit>>();
    assertType<Equal<typeof e.status, "exit">>();
    assertType<Equal<typeof e.step, string | undefined>>();
    assertType<Equal<typeof e.client, string | undefined>>();
    log("left at", e.step ?? "the start");
  },
  onError: (e) => {
    assertType<Equal<typeof e, IgnitionError>>();
    assertType<Equal<typeof e.status, "error">>();
    assertType<Equal<typeof e.message, string | undefined>>();
    assertType<Equal<typeof e.client, string | undefined>>();
    log(e.message?.toUpperCase());
  },
  onEvent: (e) => {
    assertType<Equal<typeof e, IgnitionEvent>>();
    log(describeIgnition(e));
  },
  onUnknown: (m) => {
    assertType<Equal<typeof m, UnknownMessage>>();
    assertType<Equal<typeof m.name, string>>();
    assertType<Equal<typeof m.data, Record<string, unknown>>>();
    const field: unknown = m.data["anything"];
    log(m.name, field);
  },
  onIgnored: (m) => {
    assertType<Equal<typeof m, IgnoredMessage>>();
    assertType<Equal<typeof m.reason, IgnoredReason>>();
    assertType<Equal<typeof m.origin, string>>();
    assertType<Equal<typeof m.detail, string>>();
    if (m.reason === "malformed") log("bad data from", m.origin, m.detail);
  },
});
ignition.stop();
assertType<Equal<typeof ignition.active, boolean>>();
ignition.free();
ignition[Symbol.dispose]();

// No options at all: production origin by default.
watchIgnition();
watchIgnition({});

// Callbacks may return anything (async functions, values): the return value is ignored.
watchIgnition({
  onComplete: async (e) => {
    await sendToBackend(e.authCode);
  },
  onExit: () => 42,
  onError: () => "ignored",
});

// A handler for a wider type is fine (parameters are checked contravariantly).
const logAny = (e: IgnitionEvent | SignereEvent): void => log(e);
watchIgnition({ onComplete: logAny, onExit: logAny, onError: logAny, onEvent: logAny });

// Options built separately, and with values that may be undefined (a key set to `undefined` counts as
// absent at runtime, so the types accept it even under `exactOptionalPropertyTypes`).
const ignitionOptions: IgnitionOptions = {
  origins: ["https://ignition.axle.insure", "https://ignition.sandbox.axle.insure"],
  signal: maybeSignal,
  environment: undefined,
  onComplete: undefined,
};
watchIgnition(ignitionOptions);
const shared: WatchOptions = { origins: "https://ignition.axle.insure", source: popup };
watchIgnition({ ...shared, onComplete: (e) => log(e.authCode) });
const frozenOrigins = ["https://sign.idfy.io"] as const;
watchSignere({ origins: frozenOrigins });

// `using` stops and releases the watcher at the end of the scope.
function scoped(): boolean {
  using w = watchIgnition({ source: iframe, once: true });
  return w.active;
}
scoped();

// ───────────── narrowing IgnitionEvent by status (exhaustive) ─────────────

function describeIgnition(e: IgnitionEvent): string {
  switch (e.status) {
    case "complete":
      return `complete: ${e.authCode.length} chars, via ${e.result ?? "?"}`;
    case "exit":
      return `exit at ${e.step ?? "?"}`;
    case "error":
      return `error: ${e.message ?? "?"}`;
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

// ───────────── watchSignere: every callback, every field ─────────────

const signere = watchSignere({
  origins: "https://sign.idfy.io",
  source: iframe,
  once: true,
  debug: true,
  onDocumentExpired: (e) => {
    assertType<Equal<typeof e.type, "document_expired">>();
    assertType<Equal<typeof e.documentId, string | undefined>>();
    assertType<Equal<typeof e.externalDocumentId, string | undefined>>();
  },
  onDocumentRead: (e) => {
    assertType<Equal<typeof e.type, "document_read">>();
    assertType<Equal<typeof e.documentId, string | undefined>>();
    assertType<Equal<typeof e.externalDocumentId, string | undefined>>();
  },
  onEidSelected: (e) => {
    assertType<Equal<typeof e.type, "eid_selected">>();
    assertType<Equal<typeof e.eid, string>>();
    log(e.eid.toLowerCase());
  },
  onLanguageChanged: (e) => {
    assertType<Equal<typeof e.type, "language_changed">>();
    assertType<Equal<typeof e.language, string>>();
    document.documentElement.lang = e.language;
  },
  onSignSuccess: (e) => {
    assertType<Equal<typeof e.type, "sign_success">>();
    assertType<Equal<typeof e.documentId, string | undefined>>();
  },
  onSignError: (e) => {
    assertType<Equal<typeof e, SignereSignError>>();
    assertType<Equal<typeof e.type, "sign_error">>();
    assertType<Equal<typeof e.code, string | undefined>>();
    assertType<Equal<typeof e.message, string | undefined>>();
    assertType<Equal<typeof e.eidCode, string | undefined>>();
    assertType<Equal<typeof e.eidMessage, string | undefined>>();
    assertType<Equal<typeof e.documentId, string | undefined>>();
  },
  onSpinnerOn: (e) => {
    assertType<Equal<keyof typeof e, "type">>();
    assertType<Equal<typeof e.type, "spinner_on">>();
  },
  onSpinnerOff: (e) => {
    assertType<Equal<keyof typeof e, "type">>();
    assertType<Equal<typeof e.type, "spinner_off">>();
  },
  onUserAborted: (e) => {
    assertType<Equal<typeof e.type, "user_aborted">>();
    assertType<Equal<typeof e.documentId, string | undefined>>();
  },
  onAppStarted: (e) => {
    assertType<Equal<typeof e.type, "app_started">>();
    assertType<Equal<typeof e.documentId, string | undefined>>();
  },
  onOutdatedBrowser: (e) => {
    assertType<Equal<keyof typeof e, "type">>();
    assertType<Equal<typeof e.type, "outdated_browser">>();
  },
  onEvent: (e) => {
    assertType<Equal<typeof e, SignereEvent>>();
    log(describeSignere(e));
  },
  onUnknown: ({ name, data }) => log(name, data),
  onIgnored: ({ reason, origin, detail }) => log(reason, origin, detail),
});
signere.stop();

// An iframe `source` alone is enough at runtime (its `src` origin is allowed).
const signereOptions: SignereOptions = { source: iframe, onSignSuccess: (e) => log(e.documentId) };
watchSignere(signereOptions);

// ───────────── narrowing SignereEvent by type (exhaustive) ─────────────

function describeSignere(e: SignereEvent): string {
  switch (e.type) {
    case "document_expired":
    case "document_read":
      return `${e.type} ${e.documentId ?? "?"} (${e.externalDocumentId ?? "?"})`;
    case "eid_selected":
      return `eid ${e.eid}`;
    case "language_changed":
      return `language ${e.language}`;
    case "sign_success":
      return `signed ${e.documentId ?? "?"}`;
    case "sign_error":
      return `sign error ${e.code ?? "?"}: ${e.message ?? ""} (${e.eidCode ?? ""} ${e.eidMessage ?? ""})`;
    case "spinner_on":
    case "spinner_off":
      return e.type;
    case "user_aborted":
      return `aborted ${e.documentId ?? "?"}`;
    case "app_started":
      return `started ${e.documentId ?? "?"}`;
    case "outdated_browser":
      return "outdated browser";
    default: {
      const unreachable: never = e;
      return unreachable;
    }
  }
}

// ───────────── ignitionUrl ─────────────

const url: string = ignitionUrl("https://ignition.axle.insure/?token=ign_123");
const url2: string = ignitionUrl(new URL("https://ignition.axle.insure/"), "https://app.example.com");
iframe.src = url || url2;

// ───────────── IgnoredReason ─────────────

const reasons: IgnoredReason[] = ["source", "origin", "malformed"];
log(reasons);

// ════════════════════ must NOT compile ════════════════════

watchIgnition({
  // @ts-expect-error: typo, callbacks are camelCase (`onComplete`); options object literals reject unknown keys
  oncomplete: () => {},
});

watchIgnition({
  // @ts-expect-error: `environment` is "production" or "sandbox" only
  environment: "staging",
});

watchSignere({
  origins: "https://sign.idfy.io",
  // @ts-expect-error: `environment` is an Ignition option; Signere has none
  environment: "sandbox",
});

watchSignere({
  origins: "https://sign.idfy.io",
  // @ts-expect-error: an Ignition callback is not a Signere option
  onComplete: () => {},
});

watchIgnition({
  // @ts-expect-error: `once` is a boolean, not a string
  once: "yes",
});

watchIgnition({
  onExit: (e) => {
    // @ts-expect-error: exit events carry no `authCode` (only `complete` does)
    void sendToBackend(e.authCode);
  },
});

watchIgnition({
  // @ts-expect-error: an exit handler is not a complete handler (the event types differ)
  onComplete: (e: IgnitionExit) => log(e.step),
});

declare const done: IgnitionComplete;
// @ts-expect-error: `client` is optional (may be undefined), so it is not a `string`
const client: string = done.client;
log(client);

declare const signError: SignereSignError;
// @ts-expect-error: `code` is optional and never null: it is `string | undefined`
const code: string | null = signError.code;
log(code);

watchIgnition({
  // @ts-expect-error: `origins` is a string or a list of strings, not a number
  origins: 42,
});

watchSignere({
  // @ts-expect-error: `origins` entries are strings
  origins: ["https://sign.idfy.io", 443],
});

watchSignere({
  origins: "https://sign.idfy.io",
  // @ts-expect-error: `source` is an <iframe> element or a Window, not any element
  source: document.body,
});

watchIgnition({
  // @ts-expect-error: `signal` is an AbortSignal, not its controller
  signal: new AbortController(),
});

// @ts-expect-error: the reasons are "source", "origin" and "malformed" only
const other: IgnoredReason = "other";
log(other);

// ───────────── outcome, silence, the redirect return ─────────────

const ignitionOutcome = await watchIgnition({ once: true }).outcome;
assertType<Equal<typeof ignitionOutcome, IgnitionEvent>>();
const signereOutcome = await watchSignere({ origins: "https://sign.idfy.io" }).outcome;
assertType<Equal<typeof signereOutcome, SignereTerminalEvent>>();
if (signereOutcome.type === "sign_success") expectType<string | undefined>(signereOutcome.documentId);

watchSignere({
  source: iframe,
  silenceMs: 8000,
  onSilence: (report) => {
    assertType<Equal<typeof report, SilenceReport>>();
    expectType<number>(report.ignored.origin + report.ignored.source + report.ms);
    expectType<string[]>(report.origins);
    log(report.detail);
  },
});

const redirect = readIgnitionRedirect(new URL("https://app.example.com/done?status=exit"));
assertType<Equal<typeof redirect, IgnitionRedirect | null>>();
if (redirect?.kind === "event" && redirect.event.status === "complete") void sendToBackend(redirect.event.authCode);
if (redirect?.kind === "malformed") expectType<string>(redirect.detail + redirect.cleanUrl);
readIgnitionRedirect();

// @ts-expect-error: silenceMs is a number of milliseconds
watchIgnition({ silenceMs: "8s" });

// @ts-expect-error: a Signere outcome is one of its terminal events, never a progress event
const progress: Awaited<ReturnType<typeof watchSignere>["outcome"]> = { type: "spinner_on" };
log(progress);

// @ts-expect-error: Watchers are made by watchIgnition() / watchSignere(); the constructor is private
new Watcher();

// @ts-expect-error: `active` is read-only (use stop())
ignition.active = false;

// @ts-expect-error: watchSignere needs options (`origins` or an iframe `source`)
watchSignere();

// @ts-expect-error: `ignitionUrl` needs the URL to add the origin to
ignitionUrl();

// @ts-expect-error: `parentOrigin` is a string
ignitionUrl("https://ignition.axle.insure/", new URL("https://app.example.com"));

// An incomplete switch is caught by the `never` check.
export function missingCase(e: SignereEvent): string {
  switch (e.type) {
    case "sign_success":
      return "signed";
    default: {
      // @ts-expect-error: the other ten event types reach here, so `e` is not `never`
      const unreachable: never = e;
      return unreachable;
    }
  }
}
