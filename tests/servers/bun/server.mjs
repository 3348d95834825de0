// Bun.serve: the handler gets a Web platform Request, handed over whole. Run by
// tests/servers/servers.test.mjs:
//   PORT=8787 SIGNERE_SECRET=… AXLE_HEADER_NAME=… AXLE_HEADER_VALUE=… bun server.mjs
import { readIgnitionWebhook, readSignereWebhook, WebhookError } from "embed-events/webhooks";

const { PORT = "8787", SIGNERE_SECRET, AXLE_HEADER_NAME, AXLE_HEADER_VALUE } = process.env;
const routes = {
  "/api/webhooks/signere": (request) => readSignereWebhook(request, { secret: SIGNERE_SECRET }),
  "/api/webhooks/ignition": (request) =>
    readIgnitionWebhook(request, { header: { name: AXLE_HEADER_NAME, value: AXLE_HEADER_VALUE } }),
};

const server = Bun.serve({
  hostname: "127.0.0.1",
  port: Number(PORT),
  maxRequestBodySize: 1 << 20,
  async fetch(request) {
    const read = routes[new URL(request.url).pathname];
    if (!read || request.method !== "POST") return Response.json({ error: "not found" }, { status: 404 });
    try {
      const event = await read(request);
      return Response.json({ type: event.type, id: event.id });
    } catch (e) {
      if (e instanceof WebhookError) return Response.json({ code: e.code }, { status: e.status });
      throw e;
    }
  },
});
console.log(`listening on ${server.url}`);
