// Fastify: its own JSON parser is replaced by one that hands the route the body as a Buffer, the
// bytes the signature covers (bodyLimit refuses more than 1 MiB before the handler runs). Run by
// tests/servers/servers.test.mjs:
//   PORT=8787 SIGNERE_SECRET=… AXLE_HEADER_NAME=… AXLE_HEADER_VALUE=… node server.mjs
import Fastify from "fastify";
import { readIgnitionWebhook, readSignereWebhook, WebhookError } from "embed-events/webhooks";

const { PORT = "8787", SIGNERE_SECRET, AXLE_HEADER_NAME, AXLE_HEADER_VALUE } = process.env;

const app = Fastify({ bodyLimit: 1 << 20 });
// In an app with other JSON routes, register the webhook routes in their own plugin
// (app.register(async (hooks) => { hooks.removeAllContentTypeParsers(); … })) so that only they
// get the raw body.
app.removeAllContentTypeParsers();
app.addContentTypeParser("*", { parseAs: "buffer" }, (_request, body, done) => done(null, body));

async function answer(reply, read) {
  try {
    const event = await read();
    return reply.code(200).send({ type: event.type, id: event.id });
  } catch (e) {
    if (!(e instanceof WebhookError)) throw e;
    return reply.code(e.status).send({ code: e.code });
  }
}

app.post("/api/webhooks/signere", (request, reply) =>
  answer(reply, () => readSignereWebhook({ body: request.body, headers: request.headers }, { secret: SIGNERE_SECRET })),
);
app.post("/api/webhooks/ignition", (request, reply) =>
  answer(reply, () =>
    readIgnitionWebhook(
      { body: request.body, headers: request.headers },
      { header: { name: AXLE_HEADER_NAME, value: AXLE_HEADER_VALUE } },
    ),
  ),
);

await app.listen({ port: Number(PORT), host: "127.0.0.1" });
console.log(`listening on http://127.0.0.1:${PORT}`);
