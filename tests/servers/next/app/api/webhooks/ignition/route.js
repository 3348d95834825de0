// A Next.js app-router route handler for Axle's webhooks: the custom header agreed with Axle.
import { readIgnitionWebhook, WebhookError } from "embed-events/webhooks";

export async function POST(request) {
  try {
    const event = await readIgnitionWebhook(request, {
      header: { name: process.env.AXLE_HEADER_NAME, value: process.env.AXLE_HEADER_VALUE },
    });
    return Response.json({ type: event.type, id: event.id });
  } catch (e) {
    if (e instanceof WebhookError) return Response.json({ code: e.code }, { status: e.status });
    throw e;
  }
}
