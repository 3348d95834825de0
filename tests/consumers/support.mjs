// The consumer matrix's plumbing (tests/e2e/consumers.test.mjs): npm pack once, install each fixture's
// own dependencies once per machine, put the packed tarball into a fixture, run its npm scripts, and
// keep every command's output for the failure message.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const CONSUMERS_DIR = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(CONSUMERS_DIR, "..", "..");

/** The environment for every command: no npm lifecycle variables of an outer `npm test` (a stray
 * `npm_config_*` there would steer the fixture's npm), no colours, no update checks. */
export const ENV = (() => {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^npm_/i.test(key) || key === "INIT_CWD" || key === "NODE_TEST_CONTEXT") continue;
    env[key] = value;
  }
  return {
    ...env,
    npm_config_update_notifier: "false",
    npm_config_audit: "false",
    npm_config_fund: "false",
    npm_config_loglevel: "warn",
    NO_COLOR: "1",
    FORCE_COLOR: "0",
    CI: "true",
  };
})();

/** Everything one fixture ran, with its output: what a failure prints. */
export class Log {
  entries = [];
  add(text) {
    this.entries.push(text.trimEnd());
  }
  toString() {
    return this.entries.join("\n");
  }
}

/**
 * Run `command args` in `cwd`, recording the command line and its output in `log`. Rejects when the
 * command fails or outlasts `timeout` (with the output in the message when there is no `log`).
 */
export function run(command, args, { cwd, log, env = {}, timeout = 240_000 }) {
  const line = `$ ${[command, ...args].join(" ")}   (in ${cwd})`;
  const started = Date.now();
  return new Promise((resolve, reject) => {
    execFile(command, args, { cwd, env: { ...ENV, ...env }, timeout, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const output = [stdout, stderr].filter((s) => s.trim()).join("\n").trimEnd();
      log?.add(`${line}   [${((Date.now() - started) / 1000).toFixed(1)} s${error ? `, failed: ${error.code ?? error.signal}` : ""}]`);
      if (output) log?.add(output);
      if (error) {
        // With a log, the output is in it (and printed with it); without one, it goes in the message.
        const what = `${command} ${args.join(" ")} failed in ${cwd} (${error.code ?? error.signal})`;
        reject(new Error(log ? what : `${what}:\n${output}`));
      } else {
        resolve({ stdout, stderr, output });
      }
    });
  });
}

const sha256 = (path) => createHash("sha256").update(readFileSync(path)).digest("hex");
const STAMP = ".consumer-lock-sha256";

/**
 * The fixture's own dependencies, installed once per machine: `npm ci` when its node_modules is
 * missing or was installed from another package-lock.json (a stamp in node_modules holds the lock's
 * hash). `npm ci` needs the npm registry, or npm's cache.
 */
export async function installDependencies(dir, log) {
  const lock = join(dir, "package-lock.json");
  const stamp = join(dir, "node_modules", STAMP);
  const want = sha256(lock);
  if (existsSync(stamp) && readFileSync(stamp, "utf8").trim() === want) {
    log.add(`(dependencies of ${dir} already installed from this package-lock.json)`);
    return;
  }
  await run("npm", ["ci", "--no-audit", "--no-fund"], { cwd: dir, log, timeout: 600_000 });
  mkdirSync(join(dir, "node_modules"), { recursive: true });
  writeFileSync(stamp, want + "\n");
}

/**
 * The package's tarball: `EMBED_EVENTS_TARBALL` when set (a path), else `npm pack` of the repository
 * into `dir`. `built` is the file under dist/ that must exist first (the build makes it).
 */
export async function packedTarball(dir, built) {
  if (process.env.EMBED_EVENTS_TARBALL) return resolve(process.env.EMBED_EVENTS_TARBALL);
  if (!existsSync(join(ROOT, "dist", built))) throw new Error(`dist/${built} is missing: run \`npm run build\` first`);
  const { stdout } = await run("npm", ["pack", "--json", "--pack-destination", dir], { cwd: ROOT });
  return join(dir, JSON.parse(stdout)[0].filename);
}

/**
 * Install the packed tarball into the fixture as a user's `npm install embed-events` would, without
 * writing package.json or package-lock.json (asserted: the lock's bytes are unchanged). The tarball has
 * no dependencies, so this never needs the registry.
 */
export async function installTarball(dir, tarball, log) {
  const lock = join(dir, "package-lock.json");
  const before = sha256(lock);
  rmSync(join(dir, "node_modules", "embed-events"), { recursive: true, force: true });
  await run("npm", ["install", "--no-save", "--offline", "--no-audit", "--no-fund", tarball], { cwd: dir, log });
  if (sha256(lock) !== before) throw new Error(`installing the tarball rewrote ${lock}`);
  const installed = join(dir, "node_modules", "embed-events");
  if (!existsSync(join(installed, "package.json"))) throw new Error(`the tarball did not install into ${installed}`);
  return installed;
}
