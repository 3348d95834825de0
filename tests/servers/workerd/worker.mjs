// A module worker, as on Cloudflare Workers: fetch(request, env) gets a Web platform Request,
// handed over whole; the secrets are bindings (config.capnp takes them from the environment here;
// on Cloudflare they are `wrangler secret put`). Run by tests/servers/servers.test.mjs:
//   SIGNERE_SECRET=… AXLE_HEADER_NAME=… AXLE_HEADER_VALUE=… \
//     workerd serve config.capnp --socket-addr http=127.0.0.1:8787
import { readIgnitionWebhook, readSignereWebhook, WebhookError } from "embed-events/webhooks";

const routes = {
  "/api/webhooks/signere": (request, env) => readSignereWebhook(request, { secret: env.SIGNERE_SECRET }),
  "/api/webhooks/ignition": (request, env) =>
    readIgnitionWebhook(request, { header: { name: env.AXLE_HEADER_NAME, value: env.AXLE_HEADER_VALUE } }),
};

export default {
  async fetch(request, env) {
    const read = routes[new URL(request.url).pathname];
    if (!read || request.method !== "POST") return Response.json({ error: "not found" }, { status: 404 });
    try {
      const event = await read(request, env);
      return Response.json({ type: event.type, id: event.id });
    } catch (e) {
      if (e instanceof WebhookError) return Response.json({ code: e.code }, { status: e.status });
      throw e;
    }
  },
};
