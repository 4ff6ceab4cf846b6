import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { _evaluateReference, _fastPathInfo, evaluateInSet } from "../../src/engine/evaluate.js";
import type { Decision } from "../../src/engine/decision.js";
import { evaluationDates, prng, randomFacts, stringCandidates } from "./generate.js";

/*
 * The exact fast path (compiled validator, scaled-integer arithmetic, shared decision parts) against
 * the reference path (zod, decimal.js closures), on random facts for every shipped rule: the same
 * decision, or the same error, every time. `JJJ_DIFF_N` sets the number of inputs per rule (default
 * 3,000 in `npm test`); `npm run test:exact` runs 1,000,000 per rule.
 */
const N = Number(process.env.JJJ_DIFF_N ?? 3000);
const engine = defaultEngine();
const set = engine.ruleSet;

type Outcome = { ok: true; decision: Decision } | { ok: false; name: string; message: string };
function run(f: () => Decision): Outcome {
  try {
    return { ok: true, decision: f() };
  } catch (error) {
    return { ok: false, name: (error as Error).name, message: (error as Error).message };
  }
}

/** What must be identical: everything a caller sees of a decision but the (optional) explanation. */
function essence(o: Outcome): unknown {
  if (!o.ok) return o;
  const { explanation: _ignored, ...rest } = o.decision;
  return rest;
}

describe(`fast path = reference path on ${N.toLocaleString("en-US")} random inputs per rule`, () => {
  for (const id of set.ruleIds()) {
    it(id, { timeout: Math.max(60_000, N / 2) }, () => {
      const versions = set.versions(id);
      const r = prng(0x5eed ^ id.length * 7919);
      const dates = evaluationDates(versions);
      const strings = stringCandidates(versions[versions.length - 1]!);
      let compared = 0;
      let decisions = 0;
      for (let i = 0; i < N; i++) {
        const on = dates[Math.floor(r() * dates.length)]!;
        const template = versions[Math.floor(r() * versions.length)]!;
        const facts = randomFacts(r, template, strings);
        const options = { on, explain: false };
        const fast = run(() => evaluateInSet(set, id, facts, options));
        const reference = run(() => _evaluateReference(set, id, facts, options));
        if (fast.ok) decisions++;
        // Outcomes first (cheap, and the clearest failure message), then the whole decision.
        if (fast.ok && reference.ok) {
          if (JSON.stringify(fast.decision.outcome) !== JSON.stringify(reference.decision.outcome)) {
            expect({ facts, on, outcome: fast.decision.outcome }).toEqual({ facts, on, outcome: reference.decision.outcome });
          }
          if (i % 97 === 0) expect(essence(fast)).toEqual(essence(reference));
          else if (fast.decision.applicable !== reference.decision.applicable || fast.decision.conditions.some((c, j) => c.holds !== reference.decision.conditions[j]!.holds)) {
            expect(essence(fast)).toEqual(essence(reference));
          }
        } else if (fast.ok !== reference.ok || (!fast.ok && !reference.ok && fast.message !== reference.message)) {
          expect({ facts, on, result: essence(fast) }).toEqual({ facts, on, result: essence(reference) });
        }
        compared++;
      }
      expect(compared).toBe(N);
      // The generator must mostly produce valid facts, or the comparison says little.
      expect(decisions).toBeGreaterThan(N / 2);
      const info = versions.map((v) => _fastPathInfo(set, v));
      expect(info.every((x) => x.validator && x.fast)).toBe(true);
      const scaled = [...new Set(info.flatMap((x) => x.scaledOutcomes))];
      if (process.env.JJJ_DIFF_REPORT) {
        console.log(`${id}: ${N} inputs, ${decisions} decisions, ${N - decisions} rejected facts; exact scaled outcome fields: ${scaled.join(", ") || "none"}`);
      }
    });
  }
});

describe("explanations on the fast path", () => {
  it("are those of the reference path", { timeout: 300_000 }, () => {
    for (const id of set.ruleIds()) {
      const versions = set.versions(id);
      const r = prng(42);
      const dates = evaluationDates(versions);
      const strings = stringCandidates(versions[versions.length - 1]!);
      for (let i = 0; i < 100; i++) {
        const on = dates[Math.floor(r() * dates.length)]!;
        const facts = randomFacts(r, versions[Math.floor(r() * versions.length)]!, strings);
        const fast = run(() => evaluateInSet(set, id, facts, { on }));
        const reference = run(() => _evaluateReference(set, id, facts, { on }));
        expect(fast).toEqual(reference);
      }
    }
  });
});
