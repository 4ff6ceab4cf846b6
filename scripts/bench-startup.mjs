#!/usr/bin/env node
// Startup cost (issue #20): what a user pays before the first decision, each figure the median of several
// FRESH `node` processes (a cold VM, as a user's first import), printed beside peers measured in the same run
// and in the same rounds (the cases alternate, so a busy machine slows all of them alike):
//
// - import + load: inside the child, from before `import("jjj-policy-rules")` (dist/index.js) to after
//   `defaultEngine()` (a trusted load of every shipped rule), in milliseconds of the wall clock. Target ≤ 50 ms.
//   Peer: a bare `import("decimal.js")` timed the same way (the smallest module the engine cannot do without).
// - a single `eval` from the CLI: the wall clock of `node dist/cli.js eval <rule> --facts <file> --on <date>`,
//   measured by this process around the child, start to exit. Target ≤ 120 ms.
//   Peer: `node -e 0` (a process that does nothing), measured the same way.
//
// Timings, not sizes: they depend on the machine, so nothing asserts them (docs/performance.md quotes them with
// their peers). Run after `npm run build`. scripts/bench.mjs calls it (`--json`) for its startup rows.
// With `--before <root>` (another checkout with dist/ built, e.g. `git archive` of main with node_modules linked),
// its import + load and eval run in the same rounds, for a before/after that one machine state shared.
// Usage: node scripts/bench-startup.mjs [--runs N] [--before <root>] [--json]
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");
/** Issue #20's targets, in milliseconds. */
export const IMPORT_AND_LOAD_TARGET_MS = 50;
export const SINGLE_EVAL_TARGET_MS = 120;

const argv = process.argv.slice(2);
const runsAt = argv.indexOf("--runs");
const runs = runsAt >= 0 ? Number(argv[runsAt + 1]) : 9;
if (!Number.isInteger(runs) || runs < 1) throw new Error("bench-startup: --runs takes a positive integer");
if (!existsSync(join(dist, "index.js")) || !existsSync(join(dist, "cli.js"))) {
  console.error("bench-startup: dist/ is missing: run `npm run build` first");
  process.exit(1);
}

const work = mkdtempSync(join(tmpdir(), "jjj-bench-startup-"));
const factsFile = join(work, "facts.json");
writeFileSync(factsFile, JSON.stringify({ contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }));

/** A child that times an import (and, for the package, the load of every rule) and prints the milliseconds. */
const timedImport = (specifier, load) =>
  `const t0 = performance.now(); const m = await import(${JSON.stringify(specifier)}); ${load ? "m.defaultEngine();" : ""} console.log(performance.now() - t0);`;
const decimalUrl = pathToFileURL(join(root, "node_modules", "decimal.js", "decimal.mjs")).href;

/** Each case: how to run it, and whether its figure is printed by the child (inside) or measured around it (wall). */
const importAndLoad = (distDir) => ({ args: ["--input-type=module", "-e", timedImport(pathToFileURL(join(distDir, "index.js")).href, true)], inside: true });
const singleEval = (distDir) => ({ args: [join(distDir, "cli.js"), "eval", "sjz-2025/absorption-subsidy", "--facts", factsFile, "--on", "2025-06-01"], inside: false });
const CASES = {
  importAndLoad: importAndLoad(dist),
  importDecimal: { args: ["--input-type=module", "-e", timedImport(decimalUrl, false)], inside: true },
  singleEval: singleEval(dist),
  bareNode: { args: ["-e", "0"], inside: false },
};
const beforeAt = argv.indexOf("--before");
const before = beforeAt >= 0 ? join(argv[beforeAt + 1], "dist") : undefined;
if (before !== undefined) {
  if (!existsSync(join(before, "index.js"))) throw new Error(`bench-startup: ${before}/index.js is missing: build that checkout first`);
  CASES.importAndLoadBefore = importAndLoad(before);
  CASES.singleEvalBefore = singleEval(before);
}

function once(c) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, c.args, { encoding: "utf8", cwd: work });
  const wall = performance.now() - t0;
  if (r.status !== 0) throw new Error(`bench-startup: node ${c.args.join(" ")} failed (${r.status}): ${r.stderr}`);
  return c.inside ? Number(r.stdout.trim().split("\n").pop()) : wall;
}

const samples = Object.fromEntries(Object.keys(CASES).map((k) => [k, []]));
try {
  for (const c of Object.values(CASES)) once(c); // warm the file cache, not timed
  for (let i = 0; i < runs; i++) for (const [k, c] of Object.entries(CASES)) samples[k].push(once(c));
} finally {
  rmSync(work, { recursive: true, force: true });
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const m = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, median(xs)]));
const result = {
  runs,
  importAndLoadMs: m.importAndLoad,
  importDecimalMs: m.importDecimal,
  singleEvalMs: m.singleEval,
  bareNodeMs: m.bareNode,
  importAndLoadTargetMs: IMPORT_AND_LOAD_TARGET_MS,
  singleEvalTargetMs: SINGLE_EVAL_TARGET_MS,
  ...(before !== undefined && { before, importAndLoadBeforeMs: m.importAndLoadBefore, singleEvalBeforeMs: m.singleEvalBefore }),
};
if (argv.includes("--json")) {
  console.log(JSON.stringify(result, null, 2));
} else {
  const ms = (x) => `${x.toFixed(1)} ms`;
  const verdict = (x, target) => `target ${target} ms: ${x <= target ? "met" : "not met"}`;
  console.log(`startup, medians of ${runs} fresh node processes (${process.version}):`);
  console.log(`  import + load of every shipped rule  ${ms(m.importAndLoad)}  (${verdict(m.importAndLoad, IMPORT_AND_LOAD_TARGET_MS)})`);
  console.log(`    peer: bare import of decimal.js    ${ms(m.importDecimal)}  (${(m.importAndLoad / m.importDecimal).toFixed(1)}×)`);
  console.log(`  single eval from the CLI, wall        ${ms(m.singleEval)}  (${verdict(m.singleEval, SINGLE_EVAL_TARGET_MS)})`);
  console.log(`    peer: node -e 0, wall               ${ms(m.bareNode)}  (eval − peer: ${ms(m.singleEval - m.bareNode)})`);
  if (before !== undefined) {
    console.log(`  before (${before}):`);
    console.log(`    import + load                      ${ms(m.importAndLoadBefore)}  (${(m.importAndLoadBefore / m.importDecimal).toFixed(1)}× the peer; now ${((100 * m.importAndLoad) / m.importAndLoadBefore).toFixed(0)}% of it)`);
    console.log(`    single eval, wall                  ${ms(m.singleEvalBefore)}  (eval − peer: ${ms(m.singleEvalBefore - m.bareNode)}; now ${((100 * m.singleEval) / m.singleEvalBefore).toFixed(0)}% of it)`);
  }
}
