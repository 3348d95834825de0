// Real servers receiving the vendors' webhooks through `embed-events/webhooks`, as npm publishes it
// (tests/servers/<fixture>/, one test each; see README.md): Node http, Express 5, Fastify, Hono on
// @hono/node-server, a Next.js route handler, Deno, Bun and workerd.
//
// Before all: `npm pack` once. Each fixture: its own dependencies from its package-lock.json (`npm ci`,
// once per machine), then the tarball (`npm install --no-save`, lock untouched): the plumbing of the
// consumer matrix (tests/consumers/support.mjs). Then the server starts on a free 127.0.0.1 port, with a
// fresh Signere secret and Axle header value in its environment, and gets four POSTs over HTTP:
//   - a Signere webhook signed with that secret (X-Idfy-Signature)      → 200 { type, id }
//   - an Axle Ignition webhook with the agreed custom header            → 200 { type, id }
//   - the same Signere body signed with another secret (forged)        → 401 { code: "signature_invalid" }
//   - the same Axle body with another header value                     → 401 { code: "signature_invalid" }
// and is stopped (its whole process group) whatever happened.
//
// Deno, Bun and workerd come from their npm packages, which ship the binaries. When one cannot be
// installed or run here, its test is skipped with the exact error (a fixture whose runtime runs
// but answers wrongly fails).
//
// Run: node --test tests/servers/servers.test.mjs            (after `npm run build`)
// One server: add --test-name-pattern="Fastify".
// EMBED_EVENTS_TARBALL=/path/embed-events-0.1.0.tgz tests that tarball instead of packing the repository.
// SERVERS_VERBOSE=1 prints every fixture's commands and output (a failure always prints its own).
// SERVERS_NEXT=dev runs the Next.js app with `next dev` instead of `next build` + `next start`.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { createHmac, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

import { ENV, Log, ROOT, installDependencies, installTarball, packedTarball, run } from "../consumers/support.mjs";

const SERVERS_DIR = dirname(fileURLToPath(import.meta.url));
const T = { timeout: 600_000 };
/** How long a started server may take to answer its first request (Next.js dev compiles on demand). */
const READY_MS = 90_000;
/** How long one webhook request may take. */
const REQUEST_MS = 30_000;

// ───────────── the webhooks, from the shared cases (tests/data/webhooks/) ─────────────

const cases = (file) => JSON.parse(readFileSync(join(ROOT, "tests", "data", "webhooks", file), "utf8")).cases;
const allCases = ["verification.json", "signere.json", "ignition.json"].flatMap(cases);
/** A Signere document_signed case in Idfy's envelope (it has an `id`), and an Axle ignition.completed. */
const SIGNERE = allCases.find((c) => c.vendor === "signere" && c.body && c.expect.event?.type === "document_signed" && c.expect.event.id);
const IGNITION = allCases.find((c) => c.vendor === "ignition" && c.body && c.expect.event?.type === "ignition.completed" && c.expect.event.id);

/** Fresh for every run, and only in the servers' environment: a server answering 200 really read them. */
const SECRET = `test-signere-${randomBytes(12).toString("hex")}`;
const AXLE_HEADER = { name: "X-Axle-Webhook-Secret", value: `test-axle-${randomBytes(12).toString("hex")}` };
const sign = (body, secret) => createHmac("sha256", secret).update(body).digest("hex");

/** The four requests every server gets, with what it must answer. */
const EXCHANGES = [
  {
    what: "a signed Signere webhook",
    path: "/api/webhooks/signere",
    body: SIGNERE.body,
    headers: { "X-Idfy-Signature": sign(SIGNERE.body, SECRET) },
    status: 200,
    answer: { type: SIGNERE.expect.event.type, id: SIGNERE.expect.event.id },
  },
  {
    what: "an Axle Ignition webhook with the agreed header",
    path: "/api/webhooks/ignition",
    body: IGNITION.body,
    headers: { [AXLE_HEADER.name]: AXLE_HEADER.value },
    status: 200,
    answer: { type: IGNITION.expect.event.type, id: IGNITION.expect.event.id },
  },
  {
    what: "a forged Signere webhook (signed with another secret)",
    path: "/api/webhooks/signere",
    body: SIGNERE.body,
    headers: { "X-Idfy-Signature": sign(SIGNERE.body, `${SECRET}-forged`) },
    status: 401,
    answer: { code: "signature_invalid" },
  },
  {
    what: "a forged Axle webhook (another header value)",
    path: "/api/webhooks/ignition",
    body: IGNITION.body,
    headers: { [AXLE_HEADER.name]: `${AXLE_HEADER.value}-forged` },
    status: 401,
    answer: { code: "signature_invalid" },
  },
];

/**
 * Express only: the seed's pretty-printed Signere example, correctly signed, is accepted through
 * express.raw and refused through express.json + JSON.stringify (the bytes are not the ones signed).
 */
const PRETTY = allCases.find((c) => c.vendor === "signere" && c.body && /\n/.test(c.body) && c.expect.event);
const RESERIALISED = [
  {
    what: "the seed's pretty-printed Signere example, signed, through express.raw",
    path: "/api/webhooks/signere",
    body: PRETTY.body,
    headers: { "X-Idfy-Signature": sign(PRETTY.body, SECRET) },
    status: 200,
    answer: { type: PRETTY.expect.event.type },
  },
  {
    what: "the same webhook through express.json() and JSON.stringify (re-serialised)",
    path: "/api/webhooks/signere-parsed",
    body: PRETTY.body,
    headers: { "X-Idfy-Signature": sign(PRETTY.body, SECRET) },
    status: 401,
    answer: { code: "signature_invalid" },
  },
];

// ───────────── the servers ─────────────

const bin = (dir, name) => join(SERVERS_DIR, dir, "node_modules", ".bin", name);
const NEXT_MODE = process.env.SERVERS_NEXT === "dev" ? "dev" : "start";

/**
 * Each fixture: its folder, how to start it on `port` (command, args), and for the runtimes that
 * come as npm packages, the binary whose `--version` must work (else the test is a named skip).
 */
const SERVERS = [
  { title: "Node http", dir: "node-http", start: () => ["node", ["server.mjs"]] },
  { title: "Node http, through require (CommonJS)", dir: "node-http", start: () => ["node", ["server.cjs"]] },
  { title: "Express 5 (express.raw)", dir: "express", start: () => ["node", ["server.mjs"]], more: RESERIALISED },
  { title: "Fastify (Buffer content-type parser)", dir: "fastify", start: () => ["node", ["server.mjs"]] },
  { title: "Hono on @hono/node-server", dir: "hono", start: () => ["node", ["server.mjs"]] },
  {
    title: `Next.js route handler (next ${NEXT_MODE === "dev" ? "dev" : "build + next start"})`,
    dir: "next",
    async prepare(dir, log) {
      if (NEXT_MODE === "dev") return;
      // A build starts from nothing, so an old build can never pass for a new one.
      rmSync(join(dir, ".next"), { recursive: true, force: true });
      await run(bin("next", "next"), ["build"], { cwd: dir, log, env: NEXT_ENV, timeout: 400_000 });
    },
    start: (port) => [bin("next", "next"), [NEXT_MODE, "--hostname", "127.0.0.1", "--port", String(port)]],
  },
  {
    title: "Deno (Deno.serve)",
    dir: "deno",
    runtime: "deno",
    // --no-lock: nothing written into the fixture; node_modules comes from npm (Deno reads package.json).
    start: () => [bin("deno", "deno"), ["run", "--no-lock", "--allow-net=127.0.0.1", "--allow-env", "--allow-read=.", "server.mjs"]],
  },
  { title: "Bun (Bun.serve)", dir: "bun", runtime: "bun", start: () => [bin("bun", "bun"), ["server.mjs"]] },
  {
    title: "workerd (module worker)",
    dir: "workerd",
    runtime: "workerd",
    start: (port) => [bin("workerd", "workerd"), ["serve", "config.capnp", "--socket-addr", `http=127.0.0.1:${port}`]],
  },
];

const NEXT_ENV = { NEXT_TELEMETRY_DISABLED: "1" };
/** The servers' environment: the consumer matrix's (no npm_* variables), the secrets, quiet runtimes. */
const serverEnv = (port) => ({
  ...ENV,
  ...NEXT_ENV,
  PORT: String(port),
  SIGNERE_SECRET: SECRET,
  AXLE_HEADER_NAME: AXLE_HEADER.name,
  AXLE_HEADER_VALUE: AXLE_HEADER.value,
  DENO_NO_UPDATE_CHECK: "1",
  DENO_NO_PROMPT: "1",
  DENO_DIR: join(tmp, "deno-dir"),
  BUN_RUNTIME_TRANSPILER_CACHE_PATH: "0",
});

let tmp;
let tarball;

before(async () => {
  assert.ok(SIGNERE && IGNITION && PRETTY, "tests/data/webhooks/ has a signed document_signed and an ignition.completed case with an id, and a pretty-printed Signere case");
  tmp = realpathSync(mkdtempSync(join(tmpdir(), "embed-events-servers-")));
  tarball = await packedTarball(tmp, "webhooks.js");
});

after(() => {
  if (tmp && !process.env.KEEP_TMP) rmSync(tmp, { recursive: true, force: true });
});

/** A port nobody listens on at this moment, on 127.0.0.1. */
function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * Start `command args` in its own process group, its output going to `log`. Returns
 * `{ exited, stop }`: `exited` resolves with the exit description; `stop()` ends the whole group
 * (SIGTERM, then SIGKILL after 5 s) and resolves once it has.
 */
function startServer(command, args, { cwd, env, log }) {
  log.add(`$ ${[command, ...args].join(" ")}   (in ${cwd}, started in the background)`);
  const child = spawn(command, args, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (data) => (output += data));
  child.stderr.on("data", (data) => (output += data));
  const exited = new Promise((resolveExit) => {
    child.on("error", (error) => resolveExit(`could not start: ${error.message}`));
    child.on("exit", (code, signal) => resolveExit(`exited (${code ?? signal})`));
  });
  let stopping;
  const stop = () =>
    (stopping ??= (async () => {
      const kill = (signal) => {
        try {
          process.kill(-child.pid, signal);
        } catch {
          // The group is gone already.
        }
      };
      if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) {
        kill("SIGTERM");
        const timer = setTimeout(() => kill("SIGKILL"), 5_000);
        await exited;
        clearTimeout(timer);
        kill("SIGKILL"); // anything the server left behind in its group
      }
      log.add(output.trimEnd() ? `(server output)\n${output.trimEnd()}` : "(the server printed nothing)");
    })());
  return { exited, stop };
}

/** Resolves once `url` answers anything over HTTP; rejects if the server exits first or after `READY_MS`. */
async function ready(url, exited) {
  let gone;
  exited.then((how) => (gone = how));
  const deadline = Date.now() + READY_MS;
  for (;;) {
    if (gone) throw new Error(`the server ${gone} before answering`);
    try {
      await fetch(url, { signal: AbortSignal.timeout(REQUEST_MS) }).then((response) => response.arrayBuffer());
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`the server did not answer ${url} within ${READY_MS / 1000} s: ${error.cause?.message ?? error.message}`);
      await new Promise((wake) => setTimeout(wake, 250));
    }
  }
}

/** POST one exchange's webhook and check the answer. */
async function exchange(base, { what, path, body, headers, status, answer }, log) {
  const started = Date.now();
  const response = await fetch(base + path, {
    method: "POST",
    body,
    headers: { "Content-Type": "application/json", ...headers },
    signal: AbortSignal.timeout(REQUEST_MS),
  });
  const text = await response.text();
  log.add(`POST ${path}, ${what}: ${response.status} ${text}   [${Date.now() - started} ms]`);
  assert.equal(response.status, status, `${what}: status (answer: ${text})`);
  let json;
  assert.doesNotThrow(() => (json = JSON.parse(text)), `${what}: the answer is JSON (${text})`);
  assert.deepEqual(json, answer, `${what}: the answer`);
}

/**
 * The runtime's binary, run once: `null` when it works, else the exact error. Seen once on a fresh
 * npm cache: `npm ci` left workerd without its node_modules/.bin link and without running its
 * postinstall (npm 11.19 logged "install scripts present" and built nothing); `npm rebuild` links it,
 * so a missing binary gets one rebuild before the runtime counts as unable to run here.
 */
async function runtimeProblem(fixture, dir, log) {
  if (!fixture.runtime) return null;
  const version = () => run(bin(fixture.dir, fixture.runtime), ["--version"], { cwd: dir, log, timeout: 60_000 });
  try {
    await version();
    return null;
  } catch (first) {
    try {
      await run("npm", ["rebuild", "--no-audit", "--no-fund"], { cwd: dir, log, timeout: 300_000 });
      await version();
      return null;
    } catch (second) {
      return `${first.message}; after npm rebuild: ${second.message}\n${log}`;
    }
  }
}

for (const fixture of SERVERS) {
  test(fixture.title, T, async (t) => {
    const log = new Log();
    const dir = join(SERVERS_DIR, fixture.dir);
    const timings = [];
    const timed = async (label, job) => {
      const started = Date.now();
      try {
        return await job();
      } finally {
        timings.push(`${label} ${((Date.now() - started) / 1000).toFixed(1)} s`);
      }
    };
    let server;
    try {
      try {
        await timed("install", () => installDependencies(dir, log));
      } catch (error) {
        // A runtime whose npm package does not install here is skipped with the error; a framework is not.
        if (!fixture.runtime) throw error;
        t.skip(`${fixture.runtime} could not be installed on this machine: ${error.message}\n${log}`);
        return;
      }
      await timed("tarball", () => installTarball(dir, tarball, log));
      // After the tarball: that npm install could drop a link too.
      const problem = await runtimeProblem(fixture, dir, log);
      if (problem) {
        t.skip(`${fixture.runtime} cannot run on this machine: ${problem}`);
        return;
      }
      if (fixture.prepare) await timed("build", () => fixture.prepare(dir, log));
      const port = await freePort();
      const base = `http://127.0.0.1:${port}`;
      const [command, args] = fixture.start(port);
      await timed("start", async () => {
        server = startServer(command, args, { cwd: dir, env: serverEnv(port), log });
        await ready(`${base}/api/webhooks/signere`, server.exited);
      });
      await timed("requests", async () => {
        for (const one of [...EXCHANGES, ...(fixture.more ?? [])]) await exchange(base, one, log);
      });
      await server.stop();
      t.diagnostic(timings.join(", "));
      if (process.env.SERVERS_VERBOSE) for (const line of log.toString().split("\n")) t.diagnostic(line);
    } catch (error) {
      await server?.stop();
      const detail = `\n\n──── commands and output (${timings.join(", ")}) ────\n${log}\n────`;
      if (error instanceof Error) {
        error.message += detail;
        throw error;
      }
      throw new Error(String(error) + detail);
    } finally {
      await server?.stop();
    }
  });
}
