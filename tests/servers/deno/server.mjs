// Deno.serve: the handler gets a Web platform Request, handed over whole. embed-events resolves
// from this folder's node_modules (Deno reads the package.json beside it). Run by
// tests/servers/servers.test.mjs:
//   PORT=8787 SIGNERE_SECRET=… AXLE_HEADER_NAME=… AXLE_HEADER_VALUE=… \
//     deno run --allow-net=127.0.0.1 --allow-env --allow-read=. server.mjs
import { readIgnitionWebhook, readSignereWebhook, WebhookError } from "embed-events/webhooks";

const env = (name) => Deno.env.get(name);
const routes = {
  "/api/webhooks/signere": (request) => readSignereWebhook(request, { secret: env("SIGNERE_SECRET") }),
  "/api/webhooks/ignition": (request) =>
    readIgnitionWebhook(request, { header: { name: env("AXLE_HEADER_NAME"), value: env("AXLE_HEADER_VALUE") } }),
};

Deno.serve(
  {
    hostname: "127.0.0.1",
    port: Number(env("PORT") ?? 8787),
    onListen: ({ hostname, port }) => console.log(`listening on http://${hostname}:${port}`),
  },
  async (request) => {
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
);
