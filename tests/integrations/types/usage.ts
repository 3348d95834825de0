// Type-level test of embed-events/testing and embed-events/react (dist/*.d.ts and dist/*.d.cts),
// compiled by tests/integrations/package.test.mjs with `moduleResolution` bundler, node16 (ESM and
// CommonJS) and nodenext. Lines marked @ts-expect-error must stay errors.
import { watchIgnition, type IgnitionEvent, type SignereTerminalEvent } from "embed-events";
import { dispatchVendorMessage, exampleMessages, type ExampleMessages } from "embed-events/testing";
import { useIgnition, useSignere, type WatcherState, type SourceRef } from "embed-events/react";

declare const iframe: HTMLIFrameElement;

// ── testing ──
dispatchVendorMessage(exampleMessages.ignition.complete, { origin: "https://ignition.axle.insure", source: iframe });
dispatchVendorMessage(JSON.stringify(exampleMessages.signere.sign_error), { origin: "https://sign.idfy.io", source: window });
dispatchVendorMessage("noise", { origin: "https://evil.example" });
dispatchVendorMessage({}, { origin: "https://evil.example", source: null });
const complete: "complete" = exampleMessages.ignition.complete.status;
const userAborted: "user_aborted" = exampleMessages.signere.user_aborted.type;
const examples: ExampleMessages = exampleMessages;
void [complete, userAborted, examples];
// @ts-expect-error origin is required
dispatchVendorMessage({}, {});
// @ts-expect-error source is an iframe or a window
dispatchVendorMessage({}, { origin: "https://sign.idfy.io", source: document.body });
// @ts-expect-error no such event
void exampleMessages.signere.user_canceled;
// @ts-expect-error deeply read-only
exampleMessages.ignition.complete = { status: "complete" };

// ── react ──
const ref: SourceRef = { current: null as HTMLIFrameElement | null };
const ignition: WatcherState<IgnitionEvent> = useIgnition({
  source: ref,
  environment: "sandbox",
  onComplete: (e) => void e.authCode.toUpperCase(),
});
if (ignition.outcome?.status === "complete") void ignition.outcome.authCode.length;
if (ignition.outcome?.status === "exit") void ignition.outcome.step;
const active: boolean = ignition.active;
void active;
// reset() clears the outcome and starts afresh; it takes nothing and returns nothing.
const again: () => void = ignition.reset;
again();
useIgnition();
useIgnition({ source: iframe, origins: ["https://ignition.axle.insure"], once: true });
useIgnition({ source: window });
useIgnition({ source: null });
const signere: WatcherState<SignereTerminalEvent> = useSignere({
  source: { current: iframe },
  origins: "https://sign.idfy.io",
  onSignError: (e) => void e.code,
  onEvent: (e) => void e.type,
});
if (signere.outcome?.type === "sign_success") void signere.outcome.documentId;
// @ts-expect-error a typo is not an option
useIgnition({ oncomplete: () => {} });
// @ts-expect-error a Signere callback is not an Ignition option
useIgnition({ onSignSuccess: () => {} });
// @ts-expect-error Signere has no environment
useSignere({ origins: "https://sign.idfy.io", environment: "sandbox" });
// @ts-expect-error options are required for Signere
useSignere();
// @ts-expect-error a ref holds an iframe or a window
useSignere({ source: { current: document.body } });
// @ts-expect-error outcome is read-only
ignition.outcome = undefined;
// @ts-expect-error reset takes no argument
ignition.reset(true);
// @ts-expect-error reset returns nothing to use
if (ignition.reset()) void 0;
// @ts-expect-error sign_error is not terminal
if (signere.outcome?.type === "sign_error") void 0;
// Keep watchIgnition's types and the hooks' in one program.
void watchIgnition;
