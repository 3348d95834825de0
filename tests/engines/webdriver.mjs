// A small W3C WebDriver client over fetch, for the engines playwright-core cannot drive here:
// Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver + MiniBrowser under Xvfb). Its pages
// have the part of Playwright's Page API the end-to-end tests use (goto, evaluate, waitForFunction,
// waitForSelector, locator, frameLocator, screenshot, mouse.move, …), so one test body drives every
// engine.
//
// Scripts given to `evaluate` run in the page's own realm, as Playwright runs them: they are
// inserted as an inline <script> (geckodriver runs WebDriver scripts in a sandbox whose globalThis
// is not the page's window), and their result comes back as JSON with `undefined`, NaN, ±Infinity,
// -0 and BigInt tagged, so the test sees what Playwright would give it.
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { createServer } from "node:net";

const ELEMENT = "element-6066-11e4-a52e-4f735466cecf";
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// Drivers run in process groups of their own (see startDriver), which an interrupt of this process
// does not reach: an interrupt ends this process through `exit`, whose handlers stop them.
let exitOnSignal = false;
function stopDriversOnSignal() {
  if (exitOnSignal) return;
  exitOnSignal = true;
  process.once("SIGINT", () => process.exit(130));
  process.once("SIGTERM", () => process.exit(143));
}

/** A free TCP port on 127.0.0.1 (the driver binds it a moment later). */
async function freePort() {
  const server = createServer();
  await new Promise((resolve, reject) => server.listen(0, "127.0.0.1", resolve).on("error", reject));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Start a WebDriver server: `command(port)` gives [file, args]. Its own process group, so that
 * `stop()` ends it with everything it started (a browser, Xvfb). Its output is kept (`output`) and,
 * with WEBDRIVER_LOG=1, echoed.
 */
export async function startDriver(name, command, { timeout = 30_000 } = {}) {
  const port = await freePort();
  const [file, args] = command(port);
  const child = spawn(file, args, { stdio: ["ignore", "pipe", "pipe"], detached: true });
  const output = [];
  const keep = (chunk) => {
    const text = chunk.toString();
    output.push(text);
    if (process.env.WEBDRIVER_LOG === "1") process.stderr.write(`[${name}] ${text}`);
  };
  child.stdout.on("data", keep);
  child.stderr.on("data", keep);
  let exited = null;
  const gone = new Promise((resolve) => child.on("exit", (code, signal) => resolve((exited = { code, signal }))));
  child.on("error", (error) => { exited = { error }; });
  const stop = async () => {
    if (exited) return;
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      return;
    }
    const late = setTimeout(() => { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } }, 3000);
    await gone;
    clearTimeout(late);
  };
  // A test run that ends (or is interrupted) never leaves a driver or browser behind.
  const onExit = () => { try { process.kill(-child.pid, "SIGKILL"); } catch { /* gone */ } };
  process.once("exit", onExit);
  stopDriversOnSignal();
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (exited) {
      throw new Error(`${name} (${file} ${args.join(" ")}) exited at start: ${JSON.stringify(exited)}\n${output.join("").slice(-2000)}`);
    }
    try {
      const response = await fetch(`${url}/status`);
      const { value } = await response.json();
      if (value && value.ready !== false) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > timeout) {
      await stop();
      throw new Error(`${name} did not answer on ${url} within ${timeout} ms\n${output.join("").slice(-2000)}`);
    }
    await sleep(100);
  }
  return {
    url,
    output,
    async stop() {
      process.removeListener("exit", onExit);
      await stop();
    },
  };
}

class WebDriverError extends Error {
  constructor(command, value) {
    super(`WebDriver ${command}: ${value?.error ?? "error"}: ${value?.message ?? JSON.stringify(value)}`);
    this.code = value?.error;
  }
}

/** One WebDriver session: the raw commands. */
export class Session {
  constructor(url, id, capabilities) {
    this.url = url;
    this.id = id;
    this.capabilities = capabilities;
    // A session's commands are sent one after the other, as WebDriver processes them: a test may
    // start two at once (Promise.all of a click and a wait for the URL it leads to).
    this.queue = Promise.resolve();
  }

  static async create(url, capabilities, { timeout = 120_000 } = {}) {
    const response = await fetch(`${url}/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ capabilities: { alwaysMatch: capabilities } }),
      signal: AbortSignal.timeout(timeout),
    });
    const { value } = await response.json();
    if (response.status !== 200) throw new WebDriverError("new session", value);
    return new Session(url, value.sessionId, value.capabilities);
  }

  cmd(method, path, body) {
    const result = this.queue.then(() => this.#send(method, path, body));
    this.queue = result.catch(() => {});
    return result;
  }

  async #send(method, path, body) {
    const response = await fetch(`${this.url}/session/${this.id}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    let value;
    try {
      ({ value } = JSON.parse(text));
    } catch {
      throw new WebDriverError(`${method} ${path}`, { error: `HTTP ${response.status}`, message: text.slice(0, 500) });
    }
    if (response.status !== 200) throw new WebDriverError(`${method} ${path}`, value);
    return value;
  }

  /** A script in WebDriver's own script realm (DOM queries, element references). */
  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  executeAsync(script, args = []) {
    return this.cmd("POST", "/execute/async", { script, args });
  }

  async close() {
    try {
      await this.cmd("DELETE", "");
    } catch {
      // the browser is already gone
    }
  }
}

// ───────────────────────────── evaluate in the page's realm ─────────────────────────────

/**
 * Runs in the page: calls `fn(arg)`, awaits it, and hands the encoded result to the element
 * `id`, which tells WebDriver's side with a `done` event.
 */
function pageRunner(id, fn, arg) {
  const holder = document.getElementById(id);
  const encode = (value, seen) => {
    if (value === undefined || typeof value === "function" || typeof value === "symbol") return { $wd: "undefined" };
    if (typeof value === "bigint") return { $wd: "bigint", v: String(value) };
    if (typeof value === "number") {
      if (Number.isNaN(value)) return { $wd: "NaN" };
      if (value === Infinity) return { $wd: "Infinity" };
      if (value === -Infinity) return { $wd: "-Infinity" };
      if (Object.is(value, -0)) return { $wd: "-0" };
      return value;
    }
    if (value === null || typeof value !== "object") return value;
    if (seen.has(value)) return { $wd: "undefined" };
    seen.add(value);
    try {
      if (Array.isArray(value)) return value.map((v) => encode(v, seen));
      if (value instanceof Date) return { $wd: "Date", v: value.toISOString() };
      const out = {};
      for (const key of Object.keys(value)) out[key] = encode(value[key], seen);
      return out;
    } finally {
      seen.delete(value);
    }
  };
  const finish = (result) => {
    holder.setAttribute("data-result", JSON.stringify(result));
    holder.dispatchEvent(new Event("done"));
  };
  Promise.resolve()
    .then(() => fn(arg))
    .then(
      (value) => finish({ value: encode(value, new Set()) }),
      (error) => finish({ error: error && error.stack ? `${error.name}: ${error.message}\n${error.stack}` : String(error) }),
    );
}

function decode(value) {
  if (Array.isArray(value)) return value.map(decode);
  if (value === null || typeof value !== "object") return value;
  if (typeof value.$wd === "string" && Object.keys(value).every((k) => k === "$wd" || k === "v")) {
    switch (value.$wd) {
      case "undefined": return undefined;
      case "NaN": return NaN;
      case "Infinity": return Infinity;
      case "-Infinity": return -Infinity;
      case "-0": return -0;
      case "bigint": return BigInt(value.v);
      case "Date": return new Date(value.v);
    }
  }
  const out = {};
  for (const key of Object.keys(value)) out[key] = decode(value[key]);
  return out;
}

// WebDriver's side of `evaluate`: insert the runner as an inline script and wait for its result.
const EVALUATE = `
const [source, done] = arguments;
const id = "wd-result-" + Math.random().toString(36).slice(2);
const holder = document.createElement("wd-result");
holder.id = id;
holder.hidden = true;
holder.addEventListener("done", () => { const result = holder.getAttribute("data-result"); holder.remove(); done(result); }, { once: true });
document.documentElement.appendChild(holder);
const script = document.createElement("script");
script.textContent = source.replace("__ID__", JSON.stringify(id));
document.documentElement.appendChild(script);
script.remove();
`;

/** `fn` as source text: a function, or a string that is an expression. */
function functionSource(fn) {
  return typeof fn === "function" ? fn.toString() : `() => (${fn})`;
}

// ───────────────────────────── a Playwright-shaped page ─────────────────────────────

/**
 * Playwright's Locator, the part the tests use. `frames` is the iframe selector from the top
 * document (or null); `chain` the selectors from the document inward (the first match at each
 * step, as `.first()` gives).
 */
class Locator {
  constructor(page, frame, chain) {
    this.page = page;
    this.frame = frame;
    this.chain = chain;
  }

  locator(selector) {
    return new Locator(this.page, this.frame, [...this.chain, selector]);
  }

  first() {
    return this;
  }

  /** The element (a WebDriver reference) and whether it is visible, or null; in its frame. */
  async #find() {
    await this.page.enter(this.frame);
    return this.page.session.execute(
      `let el = document;
       for (const selector of arguments[0]) { el = el.querySelector(selector); if (!el) return null; }
       const style = getComputedStyle(el);
       const visible = el.getClientRects().length > 0 && style.visibility !== "hidden";
       return { el, visible };`,
      [this.chain],
    );
  }

  async #wait(state = "visible", timeout = this.page.defaultTimeout) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const found = await this.#find().catch(() => null);
      if (found && (state === "attached" || found.visible)) return found.el;
      if (Date.now() > deadline) {
        throw new Error(`waiting for ${this.describe()} to be ${state} timed out after ${timeout} ms`);
      }
      await sleep(50);
    }
  }

  describe() {
    return (this.frame ? `frame ${this.frame} → ` : "") + this.chain.join(" ");
  }

  async waitFor({ state = "visible", timeout } = {}) {
    await this.#wait(state, timeout);
  }

  async click({ timeout } = {}) {
    const deadline = Date.now() + (timeout ?? this.page.defaultTimeout);
    for (;;) {
      const el = await this.#wait("visible", Math.max(0, deadline - Date.now()));
      try {
        await this.page.session.execute("arguments[0].scrollIntoView({ block: 'center', inline: 'center' });", [el]);
        await this.page.session.cmd("POST", `/element/${el[ELEMENT]}/click`, {});
        if (this.frame === null) this.page.lastUrl = await this.page.session.cmd("GET", "/url");
        return;
      } catch (error) {
        // Covered for a moment, or replaced under us: try again until the deadline.
        if (Date.now() > deadline) throw error;
        await sleep(50);
      }
    }
  }

  async #read(script) {
    const el = await this.#wait("attached");
    return this.page.session.execute(script, [el]);
  }

  getAttribute(name) {
    return this.#read(`return arguments[0].getAttribute(${JSON.stringify(name)});`);
  }

  textContent() {
    return this.#read("return arguments[0].textContent;");
  }

  isChecked() {
    return this.#read(
      `const el = arguments[0];
       return "checked" in el ? el.checked : el.getAttribute("aria-checked") === "true";`,
    );
  }

  isDisabled() {
    return this.#read(
      `const el = arguments[0];
       return el.matches(":disabled") || el.getAttribute("aria-disabled") === "true";`,
    );
  }

  /** How many elements the last selector matches (inside the first match of the ones before). */
  async count() {
    await this.page.enter(this.frame);
    return this.page.session.execute(
      `const chain = arguments[0];
       let el = document;
       for (const selector of chain.slice(0, -1)) { el = el.querySelector(selector); if (!el) return 0; }
       return el.querySelectorAll(chain[chain.length - 1]).length;`,
      [this.chain],
    );
  }
}

export class WebDriverPage {
  constructor(session, { onEnter, onLoad } = {}) {
    this.session = session;
    this.defaultTimeout = 30_000;
    this.current = undefined; // the frame selector WebDriver is switched to (null: the top)
    this.onEnter = onEnter; // called with the frame selector after entering a frame
    this.onLoad = onLoad; // called after the top document may have been replaced
    this.lastUrl = "about:blank";
    this.mouse = { move: (x, y) => this.#move(x, y) };
  }

  /** The top document's URL as last seen (Playwright's page.url() is synchronous too). */
  url() {
    return this.lastUrl;
  }

  async #seen() {
    this.lastUrl = await this.session.cmd("GET", "/url");
    return this.lastUrl;
  }

  async #loaded() {
    await this.#seen();
    await this.onLoad?.();
  }

  setDefaultTimeout(ms) {
    this.defaultTimeout = ms;
  }

  /** Switch WebDriver to `frame` (an iframe selector in the top document) or to the top (null). */
  async enter(frame) {
    if (this.current === frame && frame === null) return;
    await this.session.cmd("POST", "/frame", { id: null });
    this.current = null;
    if (frame === null) return;
    const el = await this.session.execute(
      // WebKitWebDriver does not scroll an iframe into view before clicking inside it.
      `const f = document.querySelector(arguments[0]);
       if (!f) return null;
       f.scrollIntoView({ block: "center", inline: "center" });
       return f;`,
      [frame],
    );
    if (!el) throw new Error(`no frame ${frame}`);
    await this.session.cmd("POST", "/frame", { id: el });
    this.current = frame;
    await this.onEnter?.(frame);
  }

  async goto(url) {
    await this.session.cmd("POST", "/frame", { id: null }).catch(() => {});
    this.current = null;
    await this.session.cmd("POST", "/url", { url });
    await this.#loaded();
  }

  async reload() {
    await this.enter(null);
    await this.session.cmd("POST", "/refresh", {});
    await this.#loaded();
  }

  async goBack() {
    await this.enter(null);
    await this.session.cmd("POST", "/back", {});
    await this.#loaded();
  }

  /** Wait until the top document's URL is `url` (a string) or matches it (a RegExp). */
  async waitForURL(url, { timeout = this.defaultTimeout } = {}) {
    const deadline = Date.now() + timeout;
    const matches = (u) => (url instanceof RegExp ? url.test(u) : u === url);
    while (!matches(await this.#seen())) {
      if (Date.now() > deadline) throw new Error(`page.waitForURL: ${url} not reached in ${timeout} ms (at ${this.lastUrl})`);
      await sleep(50);
    }
    await this.onLoad?.();
  }

  async setViewportSize({ width, height }) {
    await this.session.cmd("POST", "/window/rect", { width, height });
    for (let i = 0; i < 3; i++) {
      const [w, h] = await this.session.execute("return [window.innerWidth, window.innerHeight];");
      if (w === width && h === height) return;
      const rect = await this.session.cmd("GET", "/window/rect");
      await this.session.cmd("POST", "/window/rect", { width: rect.width + width - w, height: rect.height + height - h });
    }
  }

  /** Playwright's page.evaluate: `fn(arg)` in the page's realm, awaited; the result as Playwright gives it. */
  async evaluate(fn, arg) {
    await this.enter(null);
    const value = await this.evaluateHere(fn, arg);
    await this.#seen();
    return value;
  }

  /** `evaluate` in whatever document WebDriver is switched to. */
  async evaluateHere(fn, arg) {
    const source = `(${pageRunner.toString()})(__ID__, ${functionSource(fn)}, ${arg === undefined ? "undefined" : JSON.stringify(arg)});`;
    const text = await this.session.executeAsync(EVALUATE, [source]);
    const result = JSON.parse(text);
    if ("error" in result) throw new Error(`page.evaluate: ${result.error}`);
    return decode(result.value);
  }

  async waitForFunction(fn, arg, { timeout = this.defaultTimeout, polling = 50 } = {}) {
    const deadline = Date.now() + timeout;
    for (;;) {
      const value = await this.evaluate(fn, arg);
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`page.waitForFunction: timed out after ${timeout} ms`);
      await sleep(polling);
    }
  }

  locator(selector) {
    return new Locator(this, null, [selector]);
  }

  frameLocator(selector) {
    return { locator: (inner) => new Locator(this, selector, [inner]) };
  }

  async waitForSelector(selector, { state = "visible", timeout } = {}) {
    await this.locator(selector).waitFor({ state, timeout });
    await this.#loaded();
  }

  waitForTimeout(ms) {
    return sleep(ms);
  }

  async #move(x, y) {
    await this.enter(null);
    await this.session.cmd("POST", "/actions", {
      actions: [{ type: "pointer", id: "mouse", parameters: { pointerType: "mouse" }, actions: [{ type: "pointerMove", duration: 0, origin: "viewport", x, y }] }],
    });
    await this.session.cmd("DELETE", "/actions").catch(() => {});
  }

  async screenshot({ path }) {
    await this.enter(null);
    const png = Buffer.from(await this.session.cmd("GET", "/screenshot"), "base64");
    if (path) writeFileSync(path, png);
    return png;
  }

  async close() {
    await this.session.close();
  }
}
