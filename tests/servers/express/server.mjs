// Express 5 with express.raw: req.body is the Buffer of the bytes as sent, which is what the
// signature covers. Run by tests/servers/servers.test.mjs:
//   PORT=8787 SIGNERE_SECRET=… AXLE_HEADER_NAME=… AXLE_HEADER_VALUE=… node server.mjs
//
// Not express.json(): it parses the body and throws the bytes away, and JSON.stringify(req.body)
// is not those bytes (Idfy's own example signs JSON.stringify(payload)): the whitespace, the key
// order, escapes such as "\u00e5" and numbers such as 1.0 or 1e3 come back differently, so the
// HMAC over the re-serialised text fails on real traffic ("signature_invalid", 401). And with
// express.json() mounted app-wide before this route, the stream is already consumed: mount
// express.raw() on the webhook routes (before any app.use(express.json())) as below.
import express from "express";
import { readIgnitionWebhook, readSignereWebhook, WebhookError } from "embed-events/webhooks";

const { PORT = "8787", SIGNERE_SECRET, AXLE_HEADER_NAME, AXLE_HEADER_VALUE } = process.env;
const app = express();
// Any content type (Idfy and Axle send application/json; a proxy may not), at most 1 MiB.
const rawBody = express.raw({ type: "*/*", limit: "1mb" });

function reply(read) {
  return async (req, res) => {
    try {
      const event = await read({ body: req.body, headers: req.headers });
      res.status(200).json({ type: event.type, id: event.id });
    } catch (e) {
      if (!(e instanceof WebhookError)) throw e;
      res.status(e.status).json({ code: e.code });
    }
  };
}

app.post(
  "/api/webhooks/signere",
  rawBody,
  reply((input) => readSignereWebhook(input, { secret: SIGNERE_SECRET })),
);
app.post(
  "/api/webhooks/ignition",
  rawBody,
  reply((input) => readIgnitionWebhook(input, { header: { name: AXLE_HEADER_NAME, value: AXLE_HEADER_VALUE } })),
);

// What the comment at the top warns about, kept for the test to show it: express.json() parsed the
// body, and the text handed over is JSON.stringify(req.body). A correctly signed webhook whose body
// is not byte-for-byte that text (the seed's own pretty-printed example) is refused here with 401
// "signature_invalid", and accepted by the route above.
app.post("/api/webhooks/signere-parsed", express.json(), reply((input) =>
  readSignereWebhook({ body: JSON.stringify(input.body), headers: input.headers }, { secret: SIGNERE_SECRET }),
));

app.listen(Number(PORT), "127.0.0.1", () => console.log(`listening on http://127.0.0.1:${PORT}`));
