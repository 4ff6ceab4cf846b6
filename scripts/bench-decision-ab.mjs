// The decision without explanation, two builds in one process (issue #20): `node scripts/bench-decision-ab.mjs
// <dist before> [<dist after>]` (default after: this tree's dist/). Both builds decide the same seeded
// subjects in alternating rounds, beside the hand-written float function and json-logic-engine's build(),
// timed with the process CPU clock (process.cpuUsage), so that the load of a shared machine falls on all of
// them alike; prints the median ns per decision of each and their ratios. BENCH_N (subjects, default
// 100000), BENCH_ROUNDS (default 15). Checks first that both builds give the same decisions (JSON text).
// BENCH_EXPLAIN=1: the decision with explanation, the text of every line read (bench.mjs's
// engineExplainRead), instead of the decision without.
import { createRequire } from "node:module";
import { handFloat, readExplanation, subsidySubjects } from "./bench-subjects.mjs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const require = createRequire(import.meta.url);
const [beforeDir, afterDir = new URL("../dist", import.meta.url).pathname] = process.argv.slice(2);
if (!beforeDir) throw new Error("usage: node scripts/bench-decision-ab.mjs <dist before> [<dist after>]");
const load = (dir) => import(pathToFileURL(resolve(dir, "index.js")).href);
const before = await load(beforeDir);
const after = await load(afterDir);
const { LogicEngine } = require("json-logic-engine");

const N = Number(process.env.BENCH_N ?? 100_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 15);
const ID = "sjz-2025/absorption-subsidy";
const EXPLAIN = process.env.BENCH_EXPLAIN === "1";
const OPTIONS = EXPLAIN ? { on: "2025-06-01" } : { on: "2025-06-01", explain: false };
const decide = EXPLAIN
  ? (build, f) => readExplanation(build.evaluate(ID, f, OPTIONS).explanation)
  : (build, f) => (build.evaluate(ID, f, OPTIONS).outcome.eligible ? 1 : 0);

const subjects = subsidySubjects(N);
const amount = { "+": [{ var: "contractAmount" }] };
const jleBuilt = new LogicEngine().build({
  if: [
    { and: [
      { "==": [{ var: "enterpriseCity" }, "shijiazhuang"] },
      { in: [{ var: "transferMode" }, ["transfer", "license"]] },
      { in: [{ var: "sourceRegion" }, ["beijing", "tianjin"]] },
      { ">=": [amount, 500000] },
    ] },
    { min: [500000, { "+": [{ "*": [0.1, { min: [amount, 1000000] }] }, { "*": [0.05, { max: [0, { "-": [amount, 1000000] }] }] }] }] },
    0,
  ],
});

for (let i = 0; i < Math.min(N, 20_000); i++) {
  const a = JSON.stringify(before.evaluate(ID, subjects[i], OPTIONS));
  const b = JSON.stringify(after.evaluate(ID, subjects[i], OPTIONS));
  if (a !== b) throw new Error(`the builds differ on ${JSON.stringify(subjects[i])}:\n${a}\n${b}`);
  if (Math.abs(jleBuilt(subjects[i]) - handFloat(subjects[i])) > 1e-6) throw new Error("json-logic-engine and the float function differ");
}

let sink = 0;
const variants = {
  float: () => { for (let i = 0; i < N; i++) sink += handFloat(subjects[i]); },
  jle: () => { for (let i = 0; i < N; i++) sink += jleBuilt(subjects[i]); },
  before: () => { for (let i = 0; i < N; i++) sink += decide(before, subjects[i]); },
  after: () => { for (let i = 0; i < N; i++) sink += decide(after, subjects[i]); },
};
const times = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
for (const run of Object.values(variants)) run(); // warm up
for (let r = 0; r < ROUNDS; r++) {
  const order = r % 2 === 0 ? ["float", "jle", "before", "after"] : ["after", "before", "jle", "float"];
  for (const k of order) {
    const t0 = cpu();
    variants[k]();
    times[k].push(((cpu() - t0) * 1e6) / N);
  }
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
const m = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, median(v)]));
// Per round, after / before: the pairs share the round's load.
const pairRatio = median(times.after.map((a, i) => a / times.before[i]));
console.log(`${EXPLAIN ? "with explanation, every line read; " : ""}${N} subjects, ${ROUNDS} alternating rounds, CPU clock, median ns per decision:`);
for (const k of Object.keys(m)) console.log(`  ${k.padEnd(7)} ${m[k].toFixed(1).padStart(8)} ns   ×float ${(m[k] / m.float).toFixed(2)}   ×jle ${(m[k] / m.jle).toFixed(2)}`);
console.log(`  after / before, median of the per-round ratios: ${pairRatio.toFixed(3)}`);
if (sink === 0.5) console.log(sink);
