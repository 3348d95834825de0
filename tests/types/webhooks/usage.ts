// Type-level test of embed-events/webhooks (see tsconfig.json). Nothing here runs: the first half
// must compile; every line after a `// @ts-expect-error` must not.
import {
  readIgnitionWebhook,
  readSignereWebhook,
  WebhookError,
  type IgnitionWebhook,
  type SignereDocumentSignedWebhook,
  type SignereWebhook,
  type Signer,
  type WebhookErrorCode,
} from "embed-events/webhooks";

declare const request: Request;
declare const nodeHeaders: { [name: string]: string | string[] | undefined };
declare const raw: Uint8Array;

export async function route(): Promise<Response> {
  try {
    const event: SignereWebhook = await readSignereWebhook(request, { secret: "s", maxBytes: 65536 });
    switch (event.type) {
      case "document_signed": {
        const signers: Signer[] = event.signers;
        const id: string = event.documentId;
        const ssn: string | undefined = signers[0]?.socialSecurityNumber;
        const at: string | undefined = event.signedTime;
        void [id, ssn, at, event.id, event.accountId, event.tags];
        break;
      }
      case "document_partially_signed":
        void (event.signer.signerId satisfies string | undefined);
        break;
      case "resource_created":
        void (event.resourceId satisfies string);
        break;
      case "ping":
        void (event.timestamp satisfies string | undefined);
        break;
      case "unknown":
        void [event.name satisfies string, event.data];
        break;
    }
    const axle: IgnitionWebhook = await readIgnitionWebhook({ body: raw, headers: nodeHeaders }, { header: { name: "X-Axle", value: "v" } });
    if (axle.type === "ignition.completed") void (axle.authCode satisfies string);
    if (axle.type === "account.disconnected") void (axle.ref satisfies string);
    if (axle.type === "ignition.exited") void (axle.step satisfies string | undefined);
    await readIgnitionWebhook({ body: "{}", headers: new Headers() }, { unverified: true });
    return new Response(null, { status: 204 });
  } catch (e) {
    if (e instanceof WebhookError) {
      const code: WebhookErrorCode = e.code;
      const status: 400 | 401 | 413 = e.status;
      return new Response(code, { status });
    }
    throw e;
  }
}

export function narrowing(event: SignereDocumentSignedWebhook | IgnitionWebhook): void {
  if (event.type === "document_signed") void event.signers;
}

export async function mistakes(): Promise<void> {
  // @ts-expect-error the secret is Signere's option
  await readIgnitionWebhook(request, { secret: "s" });
  // @ts-expect-error verification or unverified: true
  await readSignereWebhook(request, {});
  // @ts-expect-error a parsed body is not a raw body
  await readSignereWebhook({ body: { type: "ping" }, headers: {} }, { secret: "s" });
  const event = await readSignereWebhook(request, { secret: "s" });
  if (event.type === "document_created") {
    // @ts-expect-error document_created has no signers
    void event.signers;
  }
  // @ts-expect-error not an event type
  if (event.type === "document_sigend") return;
}
