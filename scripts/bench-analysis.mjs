#!/usr/bin/env node
// The speed of the exact analysis (issue #14), on the built package (run `npm run build` first):
// `verify` over every shipped rule (target under 60 s), `whatWouldChange` per decision (target median
// ≤ 5 ms) and `amountCurve` per input (target median ≤ 1 ms), on the worked examples' facts. Prints
// figures; asserts nothing (timing goals are not tests).
import { performance } from "node:perf_hooks";
import { defaultEngine } from "../dist/index.js";
import { amountCurve, whatWouldChange } from "../dist/analysis.js";
import { verifyRule } from "../dist/verify.js";

const engine = defaultEngine();
const NUMERIC = new Set(["money", "decimal", "rate", "integer", "date"]);
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const ms = (x) => `${x.toFixed(2)} ms`;

// 1. verify over every rule (z3's start-up included: it is part of a CLI run).
const t0 = performance.now();
let proven = 0, refuted = 0, unknown = 0, notAnalysable = 0;
const perRule = [];
for (const id of engine.ruleSet.ruleIds()) {
  const r = await verifyRule(id, { engine });
  proven += r.proven;
  refuted += r.refuted;
  unknown += r.unknown;
  notAnalysable += r.notAnalysable;
  perRule.push([r.ms, id]);
}
const verifyMs = performance.now() - t0;
perRule.sort((a, b) => b[0] - a[0]);
console.log(`verify: ${engine.ruleSet.ruleIds().length} rules in ${(verifyMs / 1000).toFixed(1)} s (target < 60 s): ${proven} proven, ${refuted} refuted, ${unknown} unknown, ${notAnalysable} versions not analysable`);
console.log(`  slowest: ${perRule.slice(0, 3).map(([t, id]) => `${id} ${(t / 1000).toFixed(1)} s`).join(", ")}`);

// 2. whatWouldChange and amountCurve on every worked example's facts (repeated to time them).
const why = [];
const curve = [];
for (const id of engine.ruleSet.ruleIds()) {
  for (const v of engine.ruleSet.versions(id)) {
    const inputs = Object.entries(v.file.inputs).filter(([, s]) => NUMERIC.has(s.type)).map(([n]) => n);
    for (const ex of v.file.examples) {
      if (ex.rejects !== undefined || ex.expected?.inForce === false) continue;
      const options = { on: ex.on, version: v.file.version, engine };
      const decision = engine.evaluate(id, ex.facts, { on: ex.on, version: v.file.version, explain: false });
      if (decision.outcome.eligible === false) {
        for (let k = 0; k < 5; k++) {
          const t = performance.now();
          try {
            whatWouldChange(id, ex.facts, { ...options, goal: "eligible" });
          } catch {
            continue;
          }
          why.push(performance.now() - t);
        }
      }
      for (const input of inputs) {
        for (let k = 0; k < 5; k++) {
          const t = performance.now();
          try {
            amountCurve(id, ex.facts, input, options);
          } catch {
            continue; // not analysable along this input (reported by analysability())
          }
          curve.push(performance.now() - t);
        }
      }
    }
  }
}
console.log(`whatWouldChange: ${why.length} runs, median ${ms(median(why))} per decision (target ≤ 5 ms), max ${ms(Math.max(...why))}`);
console.log(`amountCurve: ${curve.length} runs, median ${ms(median(curve))} per input (target ≤ 1 ms), max ${ms(Math.max(...curve))}`);
process.exit(0);
