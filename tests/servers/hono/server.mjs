// Hono on its Node adapter: c.req.raw is the Web platform Request, handed over whole (the entry
// reads its body once, as bytes). Run by tests/servers/servers.test.mjs:
//   PORT=8787 SIGNERE_SECRET=… AXLE_HEADER_NAME=… AXLE_HEADER_VALUE=… node server.mjs
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { readIgnitionWebhook, readSignereWebhook, WebhookError } from "embed-events/webhooks";

const { PORT = "8787", SIGNERE_SECRET, AXLE_HEADER_NAME, AXLE_HEADER_VALUE } = process.env;
const app = new Hono();

async function answer(c, read) {
  try {
    const event = await read(c.req.raw);
    return c.json({ type: event.type, id: event.id }, 200);
  } catch (e) {
    if (!(e instanceof WebhookError)) throw e;
    return c.json({ code: e.code }, e.status);
  }
}

app.post("/api/webhooks/signere", (c) => answer(c, (request) => readSignereWebhook(request, { secret: SIGNERE_SECRET })));
app.post("/api/webhooks/ignition", (c) =>
  answer(c, (request) => readIgnitionWebhook(request, { header: { name: AXLE_HEADER_NAME, value: AXLE_HEADER_VALUE } })),
);

serve({ fetch: app.fetch, port: Number(PORT), hostname: "127.0.0.1" }, () =>
  console.log(`listening on http://127.0.0.1:${PORT}`),
);
