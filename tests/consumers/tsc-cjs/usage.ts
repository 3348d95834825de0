import { ignitionUrl, watchIgnition, watchSignere, type SignereEvent, type Watcher } from "embed-events";

declare const signing: HTMLIFrameElement;
declare const ignition: HTMLIFrameElement;
declare function sendToBackend(authCode: string): void;

// Each event's fields are typed: required ones as string, optional ones as string | undefined.
const watcher: Watcher = watchSignere({
  source: signing,
  onSignSuccess: (e) => {
    const type: "sign_success" = e.type;
    const documentId: string | undefined = e.documentId;
    console.log(type, documentId);
  },
  onEidSelected: (e) => console.log(e.eid.toUpperCase()),
  onEvent: (e) => console.log(describe(e)),
});
const active: boolean = watcher.active;
if (active) watcher.stop();

watchIgnition({ source: ignition, onComplete: (e) => sendToBackend(e.authCode) });

ignition.src = ignitionUrl("https://ignition.axle.insure/?token=t", "https://app.example.com");

// The union narrows on `type`.
function describe(e: SignereEvent): string {
  switch (e.type) {
    case "sign_success":
      return `signed ${e.documentId ?? "?"}`;
    case "language_changed":
      return e.language;
    default:
      return e.type;
  }
}

watchSignere({
  source: signing,
  // @ts-expect-error: callbacks are camelCase (onSignSuccess)
  onsignsuccess: () => {},
});

watchIgnition({
  // @ts-expect-error: an exit event carries no authCode
  onExit: (e) => sendToBackend(e.authCode),
});

// @ts-expect-error: origins are strings
watchSignere({ origins: 443 });
