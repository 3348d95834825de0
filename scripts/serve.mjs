// The demo's servers, shared by `npm start` (scripts/demo.mjs) and the end-to-end tests
// (tests/e2e/*.test.mjs), so the tests exercise exactly what a developer opens:
//
//   host      http://127.0.0.1:5173   the host page (www/host, built with Vite) that registers the watchers,
//                                     and /redirect.html, the redirect return page it links to
//   vendor    http://localhost:5174   the fake Axle Ignition and Signere pages (www/frames)
//   intruder  http://127.0.0.2:5175   a third origin posting the same messages (www/frames/intruder.html)
//
// The vendor server also sends webhooks to the host server when a vendor frame reaches a terminal
// event, and the host server reads them with embed-events/webhooks (scripts/demo-webhooks.mjs).
//
// Three host names make three origins, so the browser's own origin checks and `event.origin` are real.
// Everything binds to loopback addresses only. Port 0 picks a free port (what the tests do).
import { createServer } from "node:http";
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { hostWebhooks, vendorWebhooks } from "./demo-webhooks.mjs";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const WWW = join(ROOT, "www");
export const FRAMES_DIR = join(WWW, "frames");
export const HOST_DIR = join(WWW, "host");

export const DEFAULT_PORTS = Object.freeze({ host: 5173, vendor: 5174, intruder: 5175 });

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".map": "application/json; charset=utf-8",
};

/**
 * A request handler serving the files under `dir` (GET/HEAD only, no directory listings, nothing
 * outside `dir`). `routes` maps exact paths to `() => ({ type, body })` for generated responses.
 * `cors: true` adds `Access-Control-Allow-Origin: *`, which module scripts loaded by a sandboxed
 * (opaque-origin) frame need.
 */
export function staticHandler(dir, { cors = false, routes = {} } = {}) {
  const base = resolve(dir);
  return (req, res) => {
    const headers = { "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" };
    if (cors) headers["Access-Control-Allow-Origin"] = "*";
    const send = (status, type, body) => {
      res.writeHead(status, { ...headers, "Content-Type": type, "Content-Length": Buffer.byteLength(body) });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    if (req.method !== "GET" && req.method !== "HEAD") return send(405, "text/plain", "method not allowed\n");
    let path;
    try {
      path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    } catch {
      return send(400, "text/plain", "bad request\n");
    }
    if (routes[path]) {
      const { type, body } = routes[path]();
      return send(200, type, body);
    }
    if (path.endsWith("/")) path += "index.html";
    const file = normalize(join(base, path));
    if (file !== base && !file.startsWith(base + sep)) return send(403, "text/plain", "forbidden\n");
    let stat;
    try {
      stat = statSync(file);
    } catch {
      return send(404, "text/plain", "not found\n");
    }
    if (!stat.isFile()) return send(404, "text/plain", "not found\n");
    res.writeHead(200, {
      ...headers,
      "Content-Type": TYPES[extname(file)] ?? "application/octet-stream",
      "Content-Length": stat.size,
    });
    if (req.method === "HEAD") return res.end();
    createReadStream(file).pipe(res);
  };
}

function listenOnce(server, port, address) {
  return new Promise((resolvePromise, reject) => {
    const onError = (error) => {
      server.off("listening", onListening);
      reject(error);
    };
    const onListening = () => {
      server.off("error", onError);
      resolvePromise(server.address().port);
    };
    server.once("error", onError);
    server.once("listening", onListening);
    server.listen(port, address);
  });
}

/**
 * Serve `handler` on a loopback `address` (and, for `name: "localhost"`, on ::1 too, since the
 * browser may resolve localhost to either). Returns `{ url, port, close() }`; `close()` also drops
 * kept-alive connections, so it never waits on an open browser.
 */
export async function listen(handler, { address = "127.0.0.1", name = address, port = 0 } = {}) {
  const servers = [createServer(handler)];
  const close = () =>
    Promise.all(
      servers.map(
        (server) =>
          new Promise((done) => {
            if (!server.listening) return done();
            server.close(() => done());
            server.closeAllConnections();
          }),
      ),
    );
  let actual;
  try {
    actual = await listenOnce(servers[0], port, address);
  } catch (error) {
    if (error.code === "EADDRINUSE") {
      error.message = `port ${port} on ${address} is in use (${error.message}); stop what uses it or pick other ports`;
    }
    throw error;
  }
  if (name === "localhost") {
    const v6 = createServer(handler);
    try {
      await listenOnce(v6, actual, "::1");
      servers.push(v6);
    } catch {
      // No IPv6 loopback here (or the port is taken there): 127.0.0.1 alone serves localhost.
    }
  }
  return { url: `http://${name}:${actual}`, port: actual, close };
}

/** Whether this machine can bind 127.0.0.2 (Linux routes all of 127/8 to loopback; macOS does not). */
async function canBind(address) {
  const probe = createServer();
  try {
    await listenOnce(probe, 0, address);
    await new Promise((done) => probe.close(done));
    return true;
  } catch {
    return false;
  }
}

/**
 * Build the host page (www/host) with Vite's JS API into `outDir`. "embed-events" resolves as the
 * package's self-reference: www/ is inside this package, so the bare name goes through package.json
 * `exports` to dist/ exactly as it would for an installed dependency (no alias). Needs dist/ (npm run build).
 */
export async function buildHost({ outDir, logLevel = "warn" }) {
  if (!existsSync(join(ROOT, "dist", "index.js"))) {
    throw new Error("dist/ is missing: run `npm run build` (node scripts/build.mjs) first");
  }
  const { build } = await import("vite");
  await build({
    root: HOST_DIR,
    configFile: false,
    envDir: false,
    logLevel,
    clearScreen: false,
    base: "./",
    build: {
      outDir,
      emptyOutDir: true,
      reportCompressedSize: false,
      // Two pages: the demo (index.html) and the redirect return it links to (redirect.html).
      rolldownOptions: { input: { index: join(HOST_DIR, "index.html"), redirect: join(HOST_DIR, "redirect.html") } },
    },
  });
}

/**
 * Build the host page and start the three servers.
 *
 * @param {object} [options]
 * @param {{ host?: number, vendor?: number, intruder?: number } | 0} [options.ports] ports (0: any free port);
 *   default 5173, 5174, 5175.
 * @param {string} [options.outDir] where to build the host page; default: a fresh temporary directory,
 *   removed by close().
 * @param {"info" | "warn" | "error" | "silent"} [options.logLevel] Vite's log level.
 * @returns {Promise<{ urls: { host: string, vendor: string, intruder: string }, close(): Promise<void> }>}
 */
export async function startDemo({ ports = DEFAULT_PORTS, outDir, logLevel = "warn" } = {}) {
  const want = ports === 0 ? { host: 0, vendor: 0, intruder: 0 } : { ...DEFAULT_PORTS, ...ports };
  const tmp = outDir ? null : mkdtempSync(join(tmpdir(), "embed-events-demo-"));
  const out = outDir ?? tmp;
  const running = [];
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await Promise.all(running.map((server) => server.close()));
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
  try {
    await buildHost({ outDir: out, logLevel });
    const frames = staticHandler(FRAMES_DIR, { cors: true });
    let hostUrl = "";
    const sendsWebhooks = vendorWebhooks(() => hostUrl);
    const vendor = await listen((req, res) => sendsWebhooks(req, res) || frames(req, res), {
      address: "127.0.0.1",
      name: "localhost",
      port: want.vendor,
    });
    running.push(vendor);
    // The intruder needs an origin of its own: 127.0.0.2 where it can be bound, else another port of 127.0.0.1.
    const intruderAddress = (await canBind("127.0.0.2")) ? "127.0.0.2" : "127.0.0.1";
    const intruder = await listen(frames, { address: intruderAddress, port: want.intruder });
    running.push(intruder);
    const config = () => ({
      type: "application/json; charset=utf-8",
      body: JSON.stringify({ vendor: vendor.url, intruder: intruder.url }),
    });
    const receives = hostWebhooks(ROOT, () => hostUrl);
    running.push({ close: async () => receives.close() });
    const page = staticHandler(out, { routes: { "/demo-config.json": config } });
    const host = await listen((req, res) => receives.handle(req, res) || page(req, res), {
      address: "127.0.0.1",
      port: want.host,
    });
    hostUrl = host.url;
    running.push(host);
    return { urls: { host: host.url + "/", vendor: vendor.url, intruder: intruder.url }, close };
  } catch (error) {
    await close();
    throw error;
  }
}
