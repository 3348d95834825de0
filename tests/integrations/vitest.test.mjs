// Vitest with jsdom and with happy-dom: tests/integrations/vitest/*.test.js against the built package
// (run `npm run build` first), once per environment. Each run's JSON report must list every test as
// passed; a failing run prints Vitest's output.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, vendorTablesJson } from "./support.mjs";

const TABLES = vendorTablesJson();
const vitest = join(root, "node_modules/.bin/vitest");
const cwd = join(root, "tests/integrations/vitest");

function run(environment) {
  const dir = mkdtempSync(join(tmpdir(), "embed-events-vitest-"));
  const report = join(dir, "report.json");
  const args = ["run", "--environment", environment, "--reporter=default", "--reporter=json", `--outputFile.json=${report}`];
  return new Promise((resolve) => {
    execFile(
      vitest,
      args,
      { cwd, env: { ...process.env, EMBED_EVENTS_TABLES: TABLES, EMBED_EVENTS_DOM: environment, NO_COLOR: "1", CI: "1" }, maxBuffer: 64 << 20, timeout: 60_000 },
      (error, stdout, stderr) => {
        let json;
        try {
          json = JSON.parse(readFileSync(report, "utf8"));
        } catch {}
        rmSync(dir, { recursive: true, force: true });
        resolve({ code: error ? error.code ?? 1 : 0, output: `${stdout}\n${stderr}`, json });
      },
    );
  });
}

for (const environment of ["jsdom", "happy-dom"]) {
  test(`Vitest with ${environment}: embed-events/testing and embed-events/react`, async () => {
    const { code, output, json } = await run(environment);
    // happy-dom reports each iframe it does not load on the console; that is not a failure.
    const shown = output.split("\n").filter((line) => !/Iframe page loading is disabled|^\s+at /.test(line)).join("\n");
    assert.equal(code, 0, shown);
    assert.ok(json, `no JSON report\n${shown}`);
    assert.equal(json.numFailedTests, 0, shown);
    assert.ok(json.numTotalTests >= 29, `only ${json.numTotalTests} tests ran\n${shown}`);
    assert.equal(json.numPassedTests, json.numTotalTests, shown);
    console.log(`[vitest ${environment}] ${json.numPassedTests} tests passed in ${json.testResults.length} files`);
  });
}
