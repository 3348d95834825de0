// The same server as server.mjs, through require (the entry's CommonJS build). Run by
// tests/servers/servers.test.mjs:
//   PORT=8787 SIGNERE_SECRET=… AXLE_HEADER_NAME=… AXLE_HEADER_VALUE=… node server.cjs
const { createServer } = require("node:http");
const { readIgnitionWebhook, readSignereWebhook, WebhookError } = require("embed-events/webhooks");

const { PORT = "8787", SIGNERE_SECRET, AXLE_HEADER_NAME, AXLE_HEADER_VALUE } = process.env;
const MAX_BYTES = 1 << 20;

const routes = {
  "/api/webhooks/signere": (input) => readSignereWebhook(input, { secret: SIGNERE_SECRET }),
  "/api/webhooks/ignition": (input) =>
    readIgnitionWebhook(input, { header: { name: AXLE_HEADER_NAME, value: AXLE_HEADER_VALUE } }),
};

function send(res, status, value) {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(value));
}

createServer(async (req, res) => {
  const read = routes[req.url];
  if (!read || req.method !== "POST") return send(res, read ? 405 : 404, { error: "not found" });
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > MAX_BYTES) return send(res, 413, { code: "body_too_large" });
    chunks.push(chunk);
  }
  try {
    const event = await read({ body: Buffer.concat(chunks), headers: req.headers });
    send(res, 200, { type: event.type, id: event.id });
  } catch (e) {
    if (e instanceof WebhookError) return send(res, e.status, { code: e.code });
    console.error(e);
    send(res, 500, { error: "internal" });
  }
}).listen(Number(PORT), "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${PORT}`));
