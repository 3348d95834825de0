// Runs the browser suites in one engine, or prints the table of what every engine gave.
//
//   node tests/engines/run.mjs ENGINE [SUITE...]   run SUITEs (default: all) in ENGINE
//   node tests/engines/run.mjs --table             the suite × engine table of the runs so far
//
// ENGINE: chromium, firefox or webkit. SUITE: browser, browser_hostile, browser_features (the
// wasm-bindgen-test suites tests/browser*.rs, through wasm-bindgen-test-runner), demo, features,
// lifecycle, react, secrets, vendor (tests/e2e/*.test.mjs, through node --test with EMBED_EVENTS_ENGINE=ENGINE). Each suite's
// output is shown as it runs; its counts (passed, failed, skipped with the reason of each skip) and
// its time are appended to target/engines/results.jsonl (ENGINE_RESULTS overrides), which --table
// reads. Exits non-zero when a suite failed, or the engine could not be started. The wasm tests
// must be built first (scripts/test.sh: cargo test --no-run); dist/ too (node scripts/build.mjs).
import { spawn } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { ENGINES, LABELS, programs } from "./browsers.mjs";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const RESULTS = process.env.ENGINE_RESULTS ?? join(ROOT, "target", "engines", "results.jsonl");
const WASM_SUITES = ["browser", "browser_hostile", "browser_features"];
const NODE_SUITES = ["demo", "features", "lifecycle", "react", "secrets", "vendor"];
const SUITES = [...WASM_SUITES, ...NODE_SUITES];
const SUITE_FILES = {
  browser: "tests/browser.rs",
  browser_hostile: "tests/browser_hostile.rs",
  browser_features: "tests/browser_features.rs",
  demo: "tests/e2e/demo.test.mjs",
  features: "tests/e2e/features.test.mjs",
  lifecycle: "tests/e2e/lifecycle.test.mjs",
  react: "tests/e2e/react.test.mjs",
  secrets: "tests/e2e/secrets.test.mjs",
  vendor: "tests/e2e/vendor.test.mjs",
};
/** No suite may run longer than this (a hung browser ends the suite as failed). */
const SUITE_TIMEOUT_MS = Number(process.env.ENGINE_SUITE_TIMEOUT_MS ?? 15 * 60_000);

/**
 * wasm-bindgen-test cases that cannot run in an engine, with the reason (passed to the runner as
 * --skip and printed with the results). The end-to-end suites name theirs as skipped subtests.
 */
const WASM_SKIPS = { chromium: {}, firefox: {}, webkit: {} };

// ───────────────────────────── running ─────────────────────────────

// Suites run in process groups of their own (so that a hung one is ended with everything it
// started); an interrupt of this process ends it through `exit`, whose handlers end them.
process.once("SIGINT", () => process.exit(130));
process.once("SIGTERM", () => process.exit(143));

/** Run `command` with `args`, echoing its output; resolves with the output, exit status and time. */
function run(command, args, env) {
  return new Promise((resolve) => {
    const started = Date.now();
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
    let output = "";
    const echo = (stream) => (chunk) => {
      output += chunk;
      stream.write(chunk);
    };
    child.stdout.on("data", echo(process.stdout));
    child.stderr.on("data", echo(process.stderr));
    // SIGTERM first: the test processes stop the WebDriver servers they started (in groups of
    // their own) as they exit.
    const signal = (name) => { try { process.kill(-child.pid, name); } catch { /* gone */ } };
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      signal("SIGTERM");
      setTimeout(() => signal("SIGKILL"), 5000).unref();
    }, SUITE_TIMEOUT_MS);
    const kill = () => signal("SIGTERM");
    process.once("exit", kill);
    child.on("error", (error) => { output += `\n${error.message}\n`; });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      process.removeListener("exit", kill);
      resolve({ output, code, signal, timedOut, seconds: (Date.now() - started) / 1000 });
    });
  });
}

/** The environment for wasm-bindgen-test-runner in `engine`: exactly one driver variable. */
function wasmEnv(engine) {
  const env = { ...process.env, CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER: "wasm-bindgen-test-runner", WASM_BINDGEN_TEST_TIMEOUT: "120" };
  for (const name of Object.keys(env)) {
    if (/^(GECKODRIVER|SAFARIDRIVER|CHROMEDRIVER|MSEDGEDRIVER)(_REMOTE|_ARGS)?$/.test(name)) delete env[name];
  }
  delete env.WASM_BINDGEN_TEST_WEBDRIVER_JSON;
  const p = programs();
  if (engine === "chromium") {
    env.CHROMEDRIVER = p.chromedriver;
    env.WASM_BINDGEN_TEST_WEBDRIVER_JSON = join(ROOT, "tests/browser/webdriver.json");
  } else if (engine === "firefox") {
    env.GECKODRIVER = p.geckodriver;
    let capabilities = join(ROOT, "tests/browser/webdriver-firefox.json");
    const json = JSON.parse(readFileSync(capabilities, "utf8"));
    if (json["moz:firefoxOptions"].binary !== p.firefox) {
      // FIREFOX names another binary: a copy of the capabilities with it.
      json["moz:firefoxOptions"].binary = p.firefox;
      capabilities = join(dirname(RESULTS), "webdriver-firefox.json");
      mkdirSync(dirname(capabilities), { recursive: true });
      writeFileSync(capabilities, JSON.stringify(json, null, 2));
    }
    env.WASM_BINDGEN_TEST_WEBDRIVER_JSON = capabilities;
  } else {
    // The runner's Safari support speaks W3C WebDriver to WebKitWebDriver; MiniBrowser needs an X display.
    env.SAFARIDRIVER = join(ROOT, "tests/engines/webkitwebdriver.sh");
    env.WEBKIT_WEBDRIVER = p.webkitWebDriver;
  }
  return env;
}

async function runWasmSuite(engine, suite) {
  const skips = Object.entries(WASM_SKIPS[engine]);
  const args = ["test", "--target", "wasm32-unknown-unknown", "--test", suite, "--", ...skips.flatMap(([name]) => ["--skip", name])];
  const [command, full] = engine === "webkit" ? [programs().xvfbRun, ["-a", "-s", "-screen 0 1600x1200x24", "cargo", ...args]] : ["cargo", args];
  // test result: ok. 21 passed; 0 failed; 0 ignored; 0 filtered out; finished in 0.39s
  const SUMMARY = /test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/;
  let result = await run(command, full, wasmEnv(engine));
  // The browser's own page process crashing before the suite reported anything (seen once in
  // WebKitGTK's MiniBrowser, "WebProcess CRASHED") is no test's result: the suite runs once more,
  // and the table says so. A suite that reports, passing or failing, is never run again.
  let retried;
  if (!SUMMARY.test(result.output) && /crashed/i.test(result.output)) {
    retried = "the browser's page process crashed before the suite reported; it ran once more";
    console.log(`[${engine}] ${retried}`);
    result = await run(command, full, wasmEnv(engine));
  }
  const summary = SUMMARY.exec(result.output);
  const failures = [...result.output.matchAll(/^test (\S+) \.\.\. FAIL/gm)].map((m) => m[1]);
  const passed = summary ? Number(summary[1]) : 0;
  let failed = summary ? Number(summary[2]) : 0;
  const ignored = summary ? Number(summary[3]) : 0;
  const ok = result.code === 0 && summary !== null && !result.timedOut;
  if (!ok && failed === 0) failed = 1; // the runner or the browser failed before any test ran
  return {
    passed,
    failed,
    skipped: skips.length + ignored,
    skips: skips.map(([name, reason]) => ({ name, reason })),
    failures: failures.length ? failures : ok ? [] : [describeFailure(result, "the suite did not run")],
    seconds: result.seconds,
    ok,
    ...(retried ? { retried } : {}),
  };
}

async function runNodeSuite(engine, suite) {
  const env = { ...process.env, EMBED_EVENTS_ENGINE: engine };
  const result = await run(process.execPath, ["--test", "--test-concurrency=1", "--test-reporter=tap", SUITE_FILES[suite]], env);
  const count = (name) => Number(new RegExp(`^# ${name} (\\d+)$`, "m").exec(result.output)?.[1] ?? 0);
  const skips = [...result.output.matchAll(/^\s*ok \d+ - (.*?) # SKIP (.*)$/gm)].map((m) => ({ name: m[1], reason: m[2] }));
  const failures = [...result.output.matchAll(/^\s*not ok \d+ - (.*?)(?: # .*)?$/gm)].map((m) => m[1]);
  let failed = count("fail") + count("cancelled");
  const ok = result.code === 0 && !result.timedOut && /^# tests \d+$/m.test(result.output);
  if (!ok && failed === 0) failed = 1;
  return {
    passed: count("pass"),
    failed,
    skipped: count("skipped") + count("todo"),
    skips,
    failures: failures.length ? failures : ok ? [] : [describeFailure(result, "the suite did not finish")],
    seconds: result.seconds,
    ok,
  };
}

function describeFailure(result, what) {
  if (result.timedOut) return `${what}: stopped after ${SUITE_TIMEOUT_MS / 60_000} minutes`;
  return `${what} (exit ${result.code ?? result.signal})`;
}

/** The programs `engine` needs, or what is missing. */
function missing(engine) {
  const p = programs();
  const need = {
    chromium: [[p.chromium, "Chromium"], [p.chromedriver, "ChromeDriver"]],
    firefox: [[p.firefox, "Firefox ESR"], [p.geckodriver, "geckodriver"]],
    webkit: [[p.webkitWebDriver, "WebKitWebDriver"], [p.miniBrowser, "MiniBrowser"], [p.xvfbRun, "xvfb-run"]],
  }[engine];
  return need.filter(([path]) => !path || !existsSync(path)).map(([path, what]) => `${what} (${path})`);
}

// ───────────────────────────── the table ─────────────────────────────

function readResults() {
  if (!existsSync(RESULTS)) return [];
  return readFileSync(RESULTS, "utf8").split("\n").filter(Boolean).map((line) => JSON.parse(line));
}

function table() {
  const results = readResults();
  if (results.length === 0) {
    console.log(`no results in ${RESULTS}`);
    return 1;
  }
  const engines = ENGINES.filter((e) => results.some((r) => r.engine === e));
  const cell = (r) => (r ? `${r.passed} ✓ ${r.failed} ✗ ${r.skipped} skipped, ${r.seconds.toFixed(0)} s` : "–");
  const rows = [["suite", ...engines.map((e) => LABELS[e])]];
  for (const suite of SUITES) {
    if (!results.some((r) => r.suite === suite)) continue;
    rows.push([SUITE_FILES[suite], ...engines.map((e) => cell(results.findLast((r) => r.engine === e && r.suite === suite)))]);
  }
  const totals = engines.map((e) => results.filter((r) => r.engine === e).reduce((sum, r) => sum + r.seconds, 0));
  rows.push(["time in the engine", ...totals.map((s) => `${(s / 60).toFixed(1)} min`)]);
  const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
  const line = (row) => `| ${row.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  console.log(line(rows[0]));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const row of rows.slice(1)) console.log(line(row));
  let failed = false;
  for (const r of results) {
    for (const s of r.skips) console.log(`skipped in ${LABELS[r.engine]}, ${r.suite}: ${s.name}: ${s.reason}`);
    if (r.retried) console.log(`retried in ${LABELS[r.engine]}, ${r.suite}: ${r.retried}`);
  }
  for (const r of results) {
    if (r.failed > 0 || !r.ok) {
      failed = true;
      for (const f of r.failures) console.log(`FAILED in ${LABELS[r.engine]}, ${r.suite}: ${f}`);
    }
  }
  return failed ? 1 : 0;
}

// ───────────────────────────── main ─────────────────────────────

const [first, ...rest] = process.argv.slice(2);
if (first === "--table") {
  process.exitCode = table();
} else if (first === "--reset") {
  mkdirSync(dirname(RESULTS), { recursive: true });
  writeFileSync(RESULTS, "");
} else if (ENGINES.includes(first)) {
  const engine = first;
  const suites = rest.length ? rest : SUITES;
  for (const suite of suites) if (!SUITES.includes(suite)) throw new Error(`no suite ${suite}; the suites: ${SUITES.join(", ")}`);
  mkdirSync(dirname(RESULTS), { recursive: true });
  const absent = missing(engine);
  let failed = false;
  for (const suite of suites) {
    console.log(`\n── ${SUITE_FILES[suite]} in ${LABELS[engine]}`);
    let result;
    if (absent.length) {
      const reason = `${LABELS[engine]} cannot be started: ${absent.join(", ")} not found (scripts/setup.sh installs them)`;
      console.log(reason);
      result = { passed: 0, failed: 1, skipped: 0, skips: [], failures: [reason], seconds: 0, ok: false };
    } else {
      result = WASM_SUITES.includes(suite) ? await runWasmSuite(engine, suite) : await runNodeSuite(engine, suite);
    }
    for (const s of result.skips) console.log(`[${engine}] skipped: ${s.name}: ${s.reason}`);
    console.log(`[${engine}] ${SUITE_FILES[suite]}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped, ${result.seconds.toFixed(1)} s`);
    appendFileSync(RESULTS, `${JSON.stringify({ engine, suite, ...result })}\n`);
    if (!result.ok || result.failed > 0) failed = true;
  }
  process.exitCode = failed ? 1 : 0;
} else {
  console.error("usage: node tests/engines/run.mjs ENGINE [SUITE...] | --table | --reset");
  console.error(`engines: ${ENGINES.join(", ")}; suites: ${SUITES.join(", ")}`);
  process.exitCode = 2;
}
