// A Next.js app-router route handler: POST gets the Web platform Request, handed over whole (the
// entry reads its raw body once, as bytes; never request.json() first, which would lose them).
import { readSignereWebhook, WebhookError } from "embed-events/webhooks";

export async function POST(request) {
  try {
    const event = await readSignereWebhook(request, { secret: process.env.SIGNERE_SECRET });
    return Response.json({ type: event.type, id: event.id });
  } catch (e) {
    if (e instanceof WebhookError) return Response.json({ code: e.code }, { status: e.status });
    throw e;
  }
}
