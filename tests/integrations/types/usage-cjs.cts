// The CommonJS side of usage.ts: `require` resolves embed-events/testing and embed-events/react to
// their .d.cts types, which take the main entry's types from index.d.cts.
import testing = require("embed-events/testing");
import react = require("embed-events/react");
import type { IgnitionEvent, SignereTerminalEvent } from "embed-events";

const ignition: react.WatcherState<IgnitionEvent> = react.useIgnition({
  source: { current: null },
  onComplete: (e) => void e.authCode.toUpperCase(),
});
if (ignition.outcome?.status === "exit") void ignition.outcome.step;
const signere: react.WatcherState<SignereTerminalEvent> = react.useSignere({ origins: ["https://sign.idfy.io"] });
void signere;
testing.dispatchVendorMessage(testing.exampleMessages.signere.sign_success, { origin: "https://sign.idfy.io", source: window });
const status: "error" = testing.exampleMessages.ignition.error.status;
void status;
// @ts-expect-error a typo is not an option
react.useIgnition({ onExitt: () => {} });
// @ts-expect-error origin is required
testing.dispatchVendorMessage({}, { source: window });
