// npm run bench: dispatch cost against a hand-written listener and the browser's floor, start-up
// (import to first active watcher) against the same listener, memory after abuse, and the shipped
// size. Prints tables and one closing line:
//   ratio accepted=X noise=Y startup=S shipped_gzip_bytes=Z
// (X and Y: the worst paired package/baseline ratio of each kind; S: the ratio of the start-up medians).
// BENCH_STARTUP_PAGES (default 15) sets how many fresh pages each start-up median is over.
// A benchmark, not a test: it never fails on timing.
import { launchBrowser } from "../e2e/support.mjs";
import { shippedSize } from "../../scripts/size.mjs";
import { serve } from "./server.mjs";

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const N = Number(process.env.BENCH_EVENTS ?? 20000);
const STARTUP_PAGES = Number(process.env.BENCH_STARTUP_PAGES ?? 15);
// BENCH_B=/target/bench-b/index.js (a copy of dist/ under the repository) adds a second build of the package as
// kind "b", measured in the same rounds: how to compare a change with what it replaces.
const B = process.env.BENCH_B;
const KINDS = ["floor", "baseline", "package", ...(B ? ["b"] : [])];

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const fmt = (x, d = 0) => x.toFixed(d).padStart(8);

const server = await serve();
const browser = await launchBrowser();

try {
  // ---- dispatch cost ----------------------------------------------------------------------
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(`${server.url}/tests/bench/page.html${B ? `?b=${encodeURIComponent(B)}` : ""}`);
  await page.evaluate(() => window.bench.ready);
  const scenarios = await page.evaluate(() => window.bench.scenarios);
  const samples = {};
  for (let round = 0; round < ROUNDS; round++) {
    for (const scenario of scenarios) {
      // Alternate the order of the kinds from round to round.
      const order = KINDS.map((_, i) => KINDS[(i + round) % KINDS.length]);
      for (const kind of order) {
        const ns = await page.evaluate(([k, s, n]) => window.bench.measure(k, s, n), [kind, scenario, N]);
        ((samples[scenario] ??= {})[kind] ??= []).push(ns);
      }
    }
  }
  console.log(`\ndispatch cost, median ns/event over ${ROUNDS} rounds of ${N} synthetic MessageEvents (origin and source set)\n`);
  // pkg/base is the ratio of the medians; "paired" is the median over rounds of each round's own
  // package/baseline ratio, which load that drifts between rounds affects less.
  console.log(`${"scenario".padEnd(34)}${"floor".padStart(8)}${"baseline".padStart(9)}${"package".padStart(8)}   pkg/base   paired   (pkg-floor)/(base-floor)${B ? "   b/package paired" : ""}`);
  const ratios = {};
  const paired = (s, a, b) => median(samples[s][a].map((x, i) => x / samples[s][b][i]));
  for (const scenario of scenarios) {
    const m = Object.fromEntries(KINDS.map((k) => [k, median(samples[scenario][k])]));
    const ratio = m.package / m.baseline;
    const overhead = (m.package - m.floor) / (m.baseline - m.floor);
    ratios[scenario] = { ratio, overhead, paired: paired(scenario, "package", "baseline") };
    const extra = B ? `   ${fmt(m.b)} ns  ${fmt(paired(scenario, "b", "package"), 3)}` : "";
    console.log(`${scenario.padEnd(34)}${fmt(m.floor)}${fmt(m.baseline, 0).padStart(9)}${fmt(m.package)}   ${fmt(ratio, 3)} ${fmt(paired(scenario, "package", "baseline"), 3)}   ${fmt(overhead, 2)}${extra}`);
  }

  if (process.env.BENCH_DISPATCH_ONLY) {
    await browser.close();
    await server.close();
    process.exit(0);
  }

  // ---- memory and listeners ---------------------------------------------------------------
  const cdp = await page.context().newCDPSession(page);
  const listeners = async () => {
    const { result } = await cdp.send("Runtime.evaluate", { expression: "window", objectGroup: "bench" });
    const { listeners } = await cdp.send("DOMDebugger.getEventListeners", { objectId: result.objectId });
    await cdp.send("Runtime.releaseObjectGroup", { objectGroup: "bench" });
    return listeners.filter((l) => l.type === "message").length;
  };
  // The wasm memory and its table of JavaScript references, and the page's JavaScript heap after a
  // forced garbage collection (a watcher keeps its state in JavaScript; a leak would show there).
  const memory = async () => {
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 50)));
    await cdp.send("HeapProfiler.collectGarbage");
    const { usedSize } = await cdp.send("Runtime.getHeapUsage");
    return { ...(await page.evaluate(() => window.bench.wasm())), heap: usedSize, listeners: await listeners() };
  };
  const before = await memory();
  await page.evaluate(() => window.bench.mixedMessages(100000));
  const afterMixed = await memory();
  await page.evaluate(() => window.bench.mixedMessages(100000));
  const afterMixed2 = await memory();
  await page.evaluate(() => window.bench.watchStopCycles(10000));
  const afterCycles = await memory();
  await page.evaluate(() => window.bench.watchStopCycles(10000));
  const afterCycles2 = await memory();
  console.log("\nmemory: wasm linear memory and its externref table, JS heap in use after a forced GC, window 'message' listeners (Chrome DevTools Protocol)\n");
  const row = (label, m) =>
    console.log(`  ${label.padEnd(32)}wasm ${m.bytes} bytes, externrefs ${m.externrefs}, JS heap ${(m.heap / 1024).toFixed(0)} KB, ${m.listeners} listeners`);
  row("before", before);
  row("after 100,000 mixed messages", afterMixed);
  row("after 100,000 more", afterMixed2);
  row("after 10,000 watch/stop cycles", afterCycles);
  row("after 10,000 more", afterCycles2);
  if (errors.length) console.log(`  page errors: ${errors.join("; ")}`);
  await page.close();

  // ---- start-up ---------------------------------------------------------------------------
  const startup = { package: [], baseline: [] };
  const imported = { package: [], baseline: [] };
  for (let i = 0; i < STARTUP_PAGES; i++) {
    for (const kind of i % 2 ? ["baseline", "package"] : ["package", "baseline"]) {
      const context = await browser.newContext(); // a fresh cache each time
      const p = await context.newPage();
      await p.goto(`${server.url}/tests/bench/startup.html?kind=${kind}`);
      const r = await p.waitForFunction(() => window.startup).then((h) => h.jsonValue());
      if (!r.active) throw new Error(`${kind}: the first watcher is not active`);
      startup[kind].push(r.ms);
      imported[kind].push(r.imported);
      await context.close();
    }
  }
  const startupRatio = median(startup.package) / median(startup.baseline);
  console.log(`\nstart-up: import to first active watcher, median over ${STARTUP_PAGES} fresh pages (fresh cache each)\n`);
  for (const kind of ["package", "baseline"]) {
    const total = median(startup[kind]);
    const imp = median(imported[kind]);
    console.log(`  ${kind.padEnd(9)}${total.toFixed(1).padStart(7)} ms   (import ${imp.toFixed(1)} ms, then the first watcher${kind === "package" ? ", which compiles the wasm," : ""} ${(total - imp).toFixed(1)} ms)`);
  }
  // Each pair of pages (one package, one baseline, back to back) gives its own ratio; their median
  // is less shaken by load that drifts over the run.
  const startupPaired = median(startup.package.map((x, i) => x / startup.baseline[i]));
  console.log(`  package / baseline ${startupRatio.toFixed(2)}, paired ${startupPaired.toFixed(2)} (target: within 1.5)`);

  // ---- size ----------------------------------------------------------------------------------
  const size = await shippedSize();
  console.log("\nshipped size: dist/index.js (the wasm inside it) bundled + minified (esbuild), gzip -9\n");
  console.log(`  ${size.jsBytes} bytes, ${size.shippedGzip} gzip (budget 12000)`);

  // The closing line quotes the paired ratios: the same quantity as pkg/base, less shaken by load.
  const accepted = Math.max(ratios["accepted ignition (object)"].paired, ratios["accepted signere (JSON string)"].paired);
  const noise = Math.max(ratios["noise, foreign origin"].paired, ratios["noise, page itself"].paired);
  console.log(`\nratio accepted=${accepted.toFixed(3)} noise=${noise.toFixed(3)} startup=${startupRatio.toFixed(3)} shipped_gzip_bytes=${size.shippedGzip}`);
} finally {
  await browser.close();
  await server.close();
}
