// embed-events/react in each browser engine (EMBED_EVENTS_ENGINE: Chromium through Playwright,
// Firefox ESR and WebKitGTK through WebDriver; see tests/engines/), against the built package
// (dist/): a React 19 page (support/react-page.jsx, a development build so that StrictMode mounts,
// unmounts and mounts again) on http://127.0.0.1 renders the README's component
// (support/react-readme-snippet.jsx), whose iframe is a stand-in for Axle Ignition on
// http://localhost (another site) that posts one terminal message, `exit` or `complete`, once
// loaded. The component renders the outcome instead of the frame once it arrives; the frame going
// away must not clear the outcome, or the frame would be mounted again, load again (a new Ignition
// session) and post again, round after round. Each case waits 1.5 s after the first delivery and
// checks: one delivery, one frame mounted and loaded, the rendered outcome unchanged since it
// appeared, no `message` listener left. With and without StrictMode, with and without `once`; and
// reset(), which renders the frame again for a second session. Runs after `node scripts/build.mjs`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { ENGINE, LISTENER_COUNTER, launch, listenerCount, problems } from "./support.mjs";
import { bundleReactPage } from "./support/react-bundle.mjs";

/** How long a case watches for another delivery after the first. */
const SETTLE_MS = 1500;

// The stand-in for Ignition: once loaded (and a moment later, so that the watcher has long
// started), posts the message given as ?post=JSON to its parent, as Ignition does, to any origin.
const IGNITION_PAGE = `<!doctype html>
<meta charset="utf-8">
<title>Ignition stand-in</title>
<p>Ignition</p>
<script>
const message = JSON.parse(new URLSearchParams(location.search).get("post"));
addEventListener("load", () => setTimeout(() => parent.postMessage(message, "*"), 200));
</script>`;

const hostPage = (app) => `<!doctype html>
<meta charset="utf-8">
<title>embed-events/react</title>
<body>
<script>
${LISTENER_COUNTER}
</script>
<script>
${app}
</script>
</body>`;

function listen(host, page) {
  return new Promise((resolve, reject) => {
    const server = createServer((request, response) => {
      const { pathname } = new URL(request.url, "http://x");
      const body = pathname === "/favicon.ico" ? "" : page(pathname);
      response.writeHead(body === undefined ? 404 : body === "" ? 204 : 200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      response.end(body ?? "not found");
    });
    server.on("error", reject);
    server.listen(0, host, () => resolve(server));
  });
}

let servers = [];
let browser;
let page;
let urls;
let baseline;
let cases = 0;

before(async () => {
  const bundle = await bundleReactPage("tests/e2e/support/react-page.jsx");
  const html = hostPage(bundle.outputFiles[0].text.replaceAll("</script", "<\\/script"));
  servers = [
    await listen("127.0.0.1", (path) => (path === "/" ? html : undefined)),
    await listen("127.0.0.1", (path) => (path === "/ignition.html" ? IGNITION_PAGE : undefined)),
  ];
  urls = {
    host: `http://127.0.0.1:${servers[0].address().port}`,
    // Another site: http://localhost.
    vendor: `http://localhost:${servers[1].address().port}`,
  };
  browser = await launch(ENGINE);
  page = await browser.newPage();
  await page.goto(`${urls.host}/`);
  await page.waitForFunction(() => window.ready === true, null, { timeout: 20_000 }).catch(async (error) => {
    throw new Error(`the page did not start: ${error.message}; the page reported: ${JSON.stringify(await problems(page))}`);
  });
  baseline = await listenerCount(page, "window", "message");
  assert.equal(baseline, 1, "the page's own recorder is its only message listener");
});

after(async () => {
  await browser?.close();
  await Promise.all(servers.map((s) => new Promise((r) => { s.closeAllConnections?.(); s.close(r); })));
});

const MESSAGES = {
  exit: (client) => ({ status: "exit", step: "carrier-login", client }),
  complete: (client) => ({ status: "complete", authCode: "cod_1", client, result: "link" }),
};
const CALLBACK = { exit: "onExit", complete: "onComplete" };
const RENDERED = { exit: "<p>You left at carrier-login.</p>", complete: "<p>Connected.</p>" };

/** Mount `component` in a new container, with the frame posting `status`; resolves once the first delivery arrived. */
async function mount(component, { strict, status }) {
  const id = `case-${++cases}`;
  const url = `${urls.vendor}/ignition.html?post=${encodeURIComponent(JSON.stringify(MESSAGES[status](id)))}`;
  await page.evaluate(({ id, component, strict, url }) => window.app.mount(id, component, { strict, url }), { id, component, strict, url });
  await page.waitForFunction((id) => window.app.record(id).deliveries.length > 0, id, { timeout: 20_000 });
  return id;
}

/** Wait SETTLE_MS in the page, then read what the case saw. */
async function settled(id) {
  return page.evaluate(async ({ id, ms }) => {
    await new Promise((resolve) => setTimeout(resolve, ms));
    const { deliveries, snapshots, frames } = window.app.record(id);
    return {
      deliveries,
      snapshots,
      frames,
      html: window.app.html(id),
      // What the frames posted: one message per load.
      posted: window.app.received.filter((m) => m.data && m.data.client === id).length,
    };
  }, { id, ms: SETTLE_MS });
}

async function unmount(id) {
  await page.evaluate((id) => window.app.unmount(id), id);
  assert.equal(await listenerCount(page, "window", "message"), baseline, "a message listener was left behind");
  assert.deepEqual(await problems(page), [], "errors reported by the page or its frames");
}

for (const component of ["Connect", "ConnectWithoutOnce"]) {
  for (const strict of [true, false]) {
    for (const status of ["exit", "complete"]) {
      const what = `${component === "Connect" ? "the README's component (once)" : "without once"}, ${strict ? "StrictMode" : "no StrictMode"}, ${status}`;
      test(`${what}: one delivery, the frame mounted and loaded once, the rendered outcome stays`, async () => {
        const id = await mount(component, { strict, status });
        const seen = await settled(id);
        const event = MESSAGES[status](id);
        assert.deepEqual(seen.deliveries, [[CALLBACK[status], event]], `${what}: deliveries`);
        assert.equal(seen.posted, 1, `${what}: the frame loaded (and posted) more than once`);
        assert.equal(seen.frames, 1, `${what}: the frame was mounted more than once`);
        assert.equal(seen.html, RENDERED[status], `${what}: rendered`);
        // The markup went from the frame to the outcome once, and stayed.
        assert.equal(seen.snapshots.at(-1), RENDERED[status]);
        assert.equal(seen.snapshots.indexOf(RENDERED[status]), seen.snapshots.length - 1, `${what}: markup history ${JSON.stringify(seen.snapshots)}`);
        assert.ok(seen.snapshots.slice(0, -1).every((html) => html.startsWith("<iframe")), `${what}: markup history ${JSON.stringify(seen.snapshots)}`);
        // The frame went away: its watcher stopped.
        assert.equal(await listenerCount(page, "window", "message"), baseline, `${what}: the watcher still listens`);
        await unmount(id);
      });
    }
  }
}

for (const strict of [true, false]) {
  test(`reset(), ${strict ? "StrictMode" : "no StrictMode"}: the outcome is forgotten, the frame is rendered and watched again, one delivery more`, async () => {
    const id = await mount("ConnectWithRetry", { strict, status: "exit" });
    let seen = await settled(id);
    const event = MESSAGES.exit(id);
    assert.deepEqual(seen.deliveries, [["onExit", event]]);
    assert.equal(seen.posted, 1);
    assert.match(seen.html, /^<p data-active="false">You left at carrier-login\. <button>Try again<\/button><\/p>$/);
    assert.equal(await listenerCount(page, "window", "message"), baseline);

    await page.evaluate((id) => document.querySelector(`#${id} button`).click(), id);
    await page.waitForFunction((id) => window.app.record(id).deliveries.length > 1, id, { timeout: 20_000 });
    seen = await settled(id);
    assert.deepEqual(seen.deliveries, [["onExit", event], ["onExit", event]]);
    assert.equal(seen.posted, 2, "the frame loaded once more");
    assert.equal(seen.frames, 2);
    assert.equal(seen.html, seen.snapshots.at(-1));
    assert.match(seen.html, /^<p data-active="false">You left at carrier-login\./);
    // Between the two outcomes: the new frame, watched.
    const between = seen.snapshots.slice(seen.snapshots.findIndex((html) => html.startsWith("<p")) + 1, -1);
    assert.ok(between.length > 0 && between.every((html) => html.startsWith("<iframe")), JSON.stringify(seen.snapshots));
    assert.ok(between.some((html) => html.includes('data-active="true"')), JSON.stringify(seen.snapshots));
    await unmount(id);
  });
}
