#!/usr/bin/env node
// npm run bench: the speed of the built package (dist/) on sjz-2025/absorption-subsidy, against
// json-logic-js (floats, and decimal.js operations) and hand-written functions, in one process, on the
// same 200,000 seeded subjects; then the time to import the package and load every rule (fresh child
// processes) and the size of the core bundle for browsers. Method: docs/performance.md.
//
// Environment: BENCH_N (subjects, default 200000), BENCH_ROUNDS (timed rounds, default 5),
// BENCH_CLOCK=cpu to time with process CPU time instead of the wall clock (for a loaded machine),
// BENCH_JSON=path to also write the results as JSON, BENCH_README=1 to put the table in README.md
// (between the bench:start and bench:end markers of its Performance section).
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const root = fileURLToPath(new URL("..", import.meta.url));
const distUrl = new URL("../dist/index.js", import.meta.url).href;
const { evaluate, evaluateMany, defaultEngine } = await import(distUrl);
const jsonLogic = require("json-logic-js");
const { Decimal } = require("decimal.js");

const N = Number(process.env.BENCH_N ?? 200_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const CPU = process.env.BENCH_CLOCK === "cpu";
const ID = "sjz-2025/absorption-subsidy";
const ON = "2025-06-01";

/* ---------------------------------------------------------------------------------------------- */
/* The subjects: seeded, varied, as callers send them (money as decimal strings in yuan)           */
/* ---------------------------------------------------------------------------------------------- */

function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = mulberry32(20250601);
const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
// Amounts 0 to 3,000,000.00 yuan in fen; about 30% of subjects take the arithmetic branch (JSONLOGIC.md §3).
const MODES = ["transfer", "license", "transfer", "license", "development", "consulting", "service"];
const REGIONS = ["beijing", "tianjin", "beijing", "tianjin", "hebei", "other"];
const CITIES = ["shijiazhuang", "shijiazhuang", "shijiazhuang", "shijiazhuang", "shijiazhuang", "handan"];
const subjects = Array.from({ length: N }, () => ({
  contractAmount: (Math.floor(rnd() * 300_000_001) / 100).toFixed(2),
  transferMode: pick(MODES),
  sourceRegion: pick(REGIONS),
  enterpriseCity: pick(CITIES),
}));

/* ---------------------------------------------------------------------------------------------- */
/* The variants                                                                                    */
/* ---------------------------------------------------------------------------------------------- */

// (e) Hand-written, floats: the reference of the ratios. It reads the same subjects (amounts are strings).
function handFloat(f) {
  const a = Number(f.contractAmount);
  const eligible =
    f.enterpriseCity === "shijiazhuang" &&
    (f.transferMode === "transfer" || f.transferMode === "license") &&
    (f.sourceRegion === "beijing" || f.sourceRegion === "tianjin") &&
    a >= 500000;
  return eligible ? Math.min(500000, 0.1 * Math.min(a, 1e6) + 0.05 * Math.max(0, a - 1e6)) : 0;
}

// (f) Hand-written, decimal.js (a private clone, half-up), rounded once to the fen.
const D = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP });
const [CAP, LIMIT, RATE1, RATE2, THRESHOLD, ZERO] = ["500000", "1000000", "0.10", "0.05", "500000", "0"].map((x) => new D(x));
function exactAmount(f) {
  const a = new D(f.contractAmount);
  const eligible =
    f.enterpriseCity === "shijiazhuang" &&
    (f.transferMode === "transfer" || f.transferMode === "license") &&
    (f.sourceRegion === "beijing" || f.sourceRegion === "tianjin") &&
    a.gte(THRESHOLD);
  if (!eligible) return ZERO;
  return D.min(CAP, RATE1.times(D.min(a, LIMIT)).plus(RATE2.times(D.max(ZERO, a.minus(LIMIT)))));
}
const handDecimal = (f) => exactAmount(f).toDecimalPlaces(2).toFixed(2);

// (a) json-logic-js with floats: the rule in standard operations, parameters inlined.
const eligibleLogic = (gte) => ({
  and: [
    { "===": [{ var: "enterpriseCity" }, "shijiazhuang"] },
    { in: [{ var: "transferMode" }, ["transfer", "license"]] },
    { in: [{ var: "sourceRegion" }, ["beijing", "tianjin"]] },
    gte,
  ],
});
const floatLogic = {
  if: [
    eligibleLogic({ ">=": [{ var: "contractAmount" }, 500000] }),
    { min: [500000, { "+": [{ "*": [0.1, { min: [{ var: "contractAmount" }, 1000000] }] }, { "*": [0.05, { max: [0, { "-": [{ var: "contractAmount" }, 1000000] }] }] }] }] },
    0,
  ],
};

// (g) json-logic-js with decimal.js operations under one namespace key (never a built-in overridden).
jsonLogic.add_operation("pmdec", {
  add: (a, b) => new D(a).plus(b),
  sub: (a, b) => new D(a).minus(b),
  mul: (a, b) => new D(a).times(b),
  min: (a, b) => D.min(a, b),
  max: (a, b) => D.max(a, b),
  gte: (a, b) => new D(a).gte(b),
  round: (a) => new D(a).toDecimalPlaces(2).toFixed(2),
});
const decimalLogic = {
  if: [
    eligibleLogic({ "pmdec.gte": [{ var: "contractAmount" }, "500000"] }),
    {
      "pmdec.round": [
        {
          "pmdec.min": [
            "500000",
            {
              "pmdec.add": [
                { "pmdec.mul": ["0.10", { "pmdec.min": [{ var: "contractAmount" }, "1000000"] }] },
                { "pmdec.mul": ["0.05", { "pmdec.max": ["0", { "pmdec.sub": [{ var: "contractAmount" }, "1000000"] }] }] },
              ],
            },
          ],
        },
      ],
    },
    "0.00",
  ],
};

const NO_EXPLAIN = { on: ON, explain: false };
const EXPLAIN = { on: ON };
let sink = 0;
const variants = [
  { key: "float", label: "hand-written function, floats (reference)", run: () => { for (let i = 0; i < N; i++) sink += handFloat(subjects[i]); } },
  { key: "engine", label: "jjj-policy-rules evaluate, no explanation", run: () => { for (let i = 0; i < N; i++) sink += evaluate(ID, subjects[i], NO_EXPLAIN).outcome.eligible ? 1 : 0; } },
  { key: "batch", label: "jjj-policy-rules evaluateMany, no explanation", run: () => { for (const r of evaluateMany(ID, subjects, NO_EXPLAIN)) sink += r.ok && r.decision.outcome.eligible ? 1 : 0; } },
  { key: "engineExplain", label: "jjj-policy-rules evaluate, with explanation", run: () => { for (let i = 0; i < N; i++) sink += evaluate(ID, subjects[i], EXPLAIN).explanation.length; } },
  { key: "batchExplain", label: "jjj-policy-rules evaluateMany, with explanation", run: () => { for (const r of evaluateMany(ID, subjects, EXPLAIN)) sink += r.ok ? r.decision.explanation.length : 0; } },
  { key: "jsonLogicFloat", label: "json-logic-js apply, floats", run: () => { for (let i = 0; i < N; i++) sink += jsonLogic.apply(floatLogic, subjects[i]); } },
  { key: "jsonLogicDecimal", label: "json-logic-js apply, decimal.js operations", run: () => { for (let i = 0; i < N; i++) sink += jsonLogic.apply(decimalLogic, subjects[i]).length; } },
  { key: "handDecimal", label: "hand-written function, decimal.js", run: () => { for (let i = 0; i < N; i++) sink += handDecimal(subjects[i]).length; } },
];

/* ---------------------------------------------------------------------------------------------- */
/* Same results first                                                                              */
/* ---------------------------------------------------------------------------------------------- */

let eligibleCount = 0;
let engineVsDecimal = 0;
let jsonLogicDecimalVsDecimal = 0;
let floatOffByAFen = 0;
let floatInexact = 0;
let batchIndex = 0;
const batchResults = evaluateMany(ID, subjects, NO_EXPLAIN);
for (let i = 0; i < N; i++) {
  const f = subjects[i];
  const exact = handDecimal(f);
  const decision = evaluate(ID, f, NO_EXPLAIN);
  const batch = batchResults.next().value;
  if (decision.outcome.eligible) eligibleCount++;
  if (decision.outcome.amount !== exact || !batch.ok || batch.decision.outcome.amount !== exact || batch.index !== batchIndex++) engineVsDecimal++;
  if (jsonLogic.apply(decimalLogic, f) !== exact) jsonLogicDecimalVsDecimal++;
  const float = jsonLogic.apply(floatLogic, f);
  if (float !== handFloat(f)) throw new Error(`json-logic-js floats and the hand-written float function disagree on ${JSON.stringify(f)}`);
  if (!new D(float).eq(exactAmount(f))) floatInexact++;
  if (new D(float).toDecimalPlaces(2).toFixed(2) !== exact) floatOffByAFen++;
}
if (engineVsDecimal > 0) throw new Error(`the engine differs from decimal.js on ${engineVsDecimal} subjects`);

/* ---------------------------------------------------------------------------------------------- */
/* Timing: warm up, then ROUNDS interleaved rounds; the median of each variant, and of its ratio to */
/* the float function in the same round                                                            */
/* ---------------------------------------------------------------------------------------------- */

const clock = CPU
  ? () => {
      const u = process.cpuUsage();
      return (u.user + u.system) / 1000;
    }
  : () => performance.now();
for (const v of variants) {
  const until = performance.now() + 500;
  do v.run();
  while (performance.now() < until);
}
const times = Object.fromEntries(variants.map((v) => [v.key, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const v of variants) {
    const t0 = clock();
    v.run();
    times[v.key].push(clock() - t0);
  }
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const results = variants.map((v) => {
  const ms = median(times[v.key]);
  const ratios = times[v.key].map((t, i) => t / times.float[i]);
  return { key: v.key, label: v.label, evalsPerSecond: Math.round((N / ms) * 1000), nsPerEval: (ms * 1e6) / N, timesSlowerThanFloat: median(ratios) };
});

/* ---------------------------------------------------------------------------------------------- */
/* Import and load time (fresh processes), bundle size                                             */
/* ---------------------------------------------------------------------------------------------- */

const loadScript = `
const t0 = performance.now();
const m = await import(${JSON.stringify(distUrl)});
const t1 = performance.now();
const engine = m.defaultEngine();
const t2 = performance.now();
m.evaluate(${JSON.stringify(ID)}, ${JSON.stringify(subjects[0])}, { on: ${JSON.stringify(ON)} });
const t3 = performance.now();
console.log(JSON.stringify({ importMs: t1 - t0, loadMs: t2 - t1, firstEvaluateMs: t3 - t2, rules: engine.ruleSet.ruleIds().length, versions: engine.listRules().length }));
`;
const loads = [];
for (let i = 0; i < 7; i++) {
  loads.push(JSON.parse(execFileSync(process.execPath, ["--input-type=module", "-e", loadScript], { cwd: root, encoding: "utf8" })));
}
const load = {
  importMs: median(loads.map((l) => l.importMs)),
  loadMs: median(loads.map((l) => l.loadMs)),
  totalMs: median(loads.map((l) => l.importMs + l.loadMs)),
  firstEvaluateMs: median(loads.map((l) => l.firstEvaluateMs)),
  rules: loads[0].rules,
  versions: loads[0].versions,
};

const esbuild = require("esbuild");
const bundle = await esbuild.build({
  entryPoints: [fileURLToPath(distUrl)],
  bundle: true,
  minify: true,
  platform: "browser",
  format: "esm",
  write: false,
  logLevel: "silent",
});
const minified = bundle.outputFiles[0].contents;
const size = { minifiedBytes: minified.length, gzipBytes: gzipSync(minified, { level: 9 }).length };

/* ---------------------------------------------------------------------------------------------- */
/* Report                                                                                          */
/* ---------------------------------------------------------------------------------------------- */

const cpus = os.cpus();
const machine = {
  node: process.version,
  cpu: `${cpus[0]?.model ?? "unknown"} × ${cpus.length}`,
  platform: `${os.platform()} ${os.release()}`,
  loadAverage: os.loadavg().map((x) => x.toFixed(2)).join(" "),
  clock: CPU ? "process CPU time" : "wall clock",
};
const fmt = (n) => Math.round(n).toLocaleString("en-US");
const lines = [];
lines.push(`jjj-policy-rules benchmark: ${ID}, ${fmt(N)} subjects (${((eligibleCount / N) * 100).toFixed(1)}% take the arithmetic branch), median of ${ROUNDS} interleaved rounds`);
lines.push(`machine: node ${machine.node}; ${machine.cpu}; ${machine.platform}; load average ${machine.loadAverage}; ${machine.clock}`);
lines.push("");
lines.push("| variant | evaluations/s | ns/evaluation | × the float function's time |");
lines.push("|---|---:|---:|---:|");
for (const r of results) lines.push(`| ${r.label} | ${fmt(r.evalsPerSecond)} | ${r.nsPerEval.toFixed(0)} | ${r.timesSlowerThanFloat.toFixed(2)} |`);
lines.push("");
const byKey = Object.fromEntries(results.map((r) => [r.key, r]));
lines.push(`engine without explanation: ${byKey.engine.timesSlowerThanFloat.toFixed(2)}× the float function's time; ${(byKey.engine.evalsPerSecond / byKey.jsonLogicDecimal.evalsPerSecond).toFixed(1)}× the speed of json-logic-js with decimal.js`);
lines.push(`engine with explanation: ${(byKey.engineExplain.evalsPerSecond / byKey.jsonLogicDecimal.evalsPerSecond).toFixed(2)}× the speed of json-logic-js with decimal.js`);
lines.push(`results: the engine (evaluate and evaluateMany) = hand-written decimal.js on all ${fmt(N)} subjects; json-logic-js + decimal.js differs on ${fmt(jsonLogicDecimalVsDecimal)}; float results inexact on ${fmt(floatInexact)}, off by a fen after rounding on ${fmt(floatOffByAFen)}`);
lines.push(`import + load every rule (${load.rules} rules, ${load.versions} versions; fresh process, median of 7): ${load.totalMs.toFixed(1)} ms (import ${load.importMs.toFixed(1)} ms, load ${load.loadMs.toFixed(1)} ms); first evaluation ${load.firstEvaluateMs.toFixed(1)} ms`);
lines.push(`core bundle (dist/index.js bundled by esbuild --minify for the browser): ${fmt(size.minifiedBytes)} bytes, ${fmt(size.gzipBytes)} bytes gzipped`);
console.log(lines.join("\n"));
if (sink === 0.5) console.log(""); // keep the work observable
if (process.env.BENCH_README) {
  const readme = new URL("../README.md", import.meta.url);
  const text = readFileSync(readme, "utf8");
  // The table as Markdown; the other lines as a list.
  const [title, machineLine, , ...rest] = lines;
  const table = rest.filter((l) => l.startsWith("|"));
  const notes = rest.filter((l) => l !== "" && !l.startsWith("|")).map((l) => `- ${l}`);
  const block = `<!-- bench:start -->\n${title}; ${machineLine}.\n\n${table.join("\n")}\n\n${notes.join("\n")}\n<!-- bench:end -->`;
  const updated = text.replace(/<!-- bench:start -->[\s\S]*?<!-- bench:end -->/, block);
  if (updated === text && !text.includes(block)) throw new Error("README.md has no <!-- bench:start --> … <!-- bench:end --> block");
  writeFileSync(readme, updated);
}
if (process.env.BENCH_JSON) {
  writeFileSync(process.env.BENCH_JSON, JSON.stringify({ machine, n: N, rounds: ROUNDS, eligibleShare: eligibleCount / N, results, load, size, checks: { engineVsDecimal, jsonLogicDecimalVsDecimal, floatInexact, floatOffByAFen } }, null, 2) + "\n");
}
