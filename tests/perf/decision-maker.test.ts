import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { buildDecision, buildProvenance, decisionMaker, decisionParts } from "../../src/engine/decision-builder.js";
import { _evaluateReference, evaluateInSet } from "../../src/engine/evaluate.js";
import type { ConditionResult, Decision } from "../../src/engine/decision.js";

/*
 * The fast path's decision maker (one per version plan, the version's fixed fields read once) against
 * buildDecision, the one builder of the other paths: the same fields, in the same order, with the same
 * values, for every shipped version; and a fast decision's JSON text equal to the reference path's.
 */
const set = defaultEngine().ruleSet;

describe("decisionMaker = buildDecision", () => {
  it("on every shipped version: same keys in the same order, same values", () => {
    let compared = 0;
    for (const id of set.ruleIds()) {
      for (const version of set.versions(id)) {
        const parts = decisionParts(version, version.params);
        const make = decisionMaker(version, parts);
        const conditions: ConditionResult[] = [];
        const provenance = buildProvenance(version, set.hash, version.validFrom);
        const explanation: Decision["explanation"] = [];
        for (const applicable of [true, false]) {
          const outcome = { eligible: applicable, amount: "1.00" };
          const made = make(version.validFrom, applicable, outcome, conditions, provenance, explanation);
          const built = buildDecision(version, version.validFrom, parts, true, applicable, outcome, conditions, provenance, explanation);
          expect(Object.keys(made)).toEqual(Object.keys(built));
          for (const key of Object.keys(built) as (keyof Decision)[]) expect(made[key], `${id} v${version.file.version} ${key}`).toBe(built[key]);
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(80);
  });

  it("a fast decision is the reference path's decision, as JSON text, and its own object", () => {
    const id = "sjz-2025/absorption-subsidy";
    const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
    const options = { on: "2025-06-01", explain: false };
    const first = evaluateInSet(set, id, facts, options);
    const reference = _evaluateReference(set, id, facts, options);
    expect(JSON.stringify(first)).toBe(JSON.stringify(reference));
    // The caller's decision is its own: changing it changes no later decision.
    const again = evaluateInSet(set, id, facts, options);
    expect(again).not.toBe(first);
    (first as { ruleId: string }).ruleId = "changed";
    (first as { outcome: unknown }).outcome = null;
    expect(JSON.stringify(evaluateInSet(set, id, facts, options))).toBe(JSON.stringify(reference));
  });
});
