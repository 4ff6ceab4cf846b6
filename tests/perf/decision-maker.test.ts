import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { _evaluateReference, evaluateInSet } from "../../src/engine/evaluate.js";

/*
 * Every decision object is written by decisionMaker (buildDecision, for the reference and not-in-force paths,
 * makes one per decision; the fast path keeps one per version plan): a fast decision must be the reference
 * path's, as JSON text (same fields, same order, same values), on every worked example of every shipped
 * version, and the caller's own object.
 */
const set = defaultEngine().ruleSet;

describe("the fast path's decisions", () => {
  it("are the reference path's, as JSON text, on every worked example of every shipped version", () => {
    let compared = 0;
    for (const id of set.ruleIds()) {
      for (const version of set.versions(id)) {
        for (const example of version.file.examples ?? []) {
          const options = { on: example.on, version: version.file.version, explain: false };
          let fast: string, reference: string;
          try {
            fast = JSON.stringify(evaluateInSet(set, id, example.facts, options));
          } catch (error) {
            fast = `error ${(error as Error).name}`;
          }
          try {
            reference = JSON.stringify(_evaluateReference(set, id, example.facts, options));
          } catch (error) {
            reference = `error ${(error as Error).name}`;
          }
          expect(fast, `${id} v${version.file.version} ${example.on}`).toBe(reference);
          if (!fast.startsWith("error")) compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("write a decision's fields in the documented order on every path (fast, reference, not in force)", () => {
    // The order of the Decision interface's fields (src/engine/decision.ts), written out here.
    const ORDER = ["ruleId", "version", "on", "kind", "title", "inForce", "applicable", "outcome", "conditions", "parameters", "explanation", "source", "responsibleUnits", "validity", "provenance"];
    const id = "sjz-2025/absorption-subsidy";
    const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
    expect(Object.keys(evaluateInSet(set, id, facts, { on: "2025-06-01" }))).toEqual(ORDER);
    expect(Object.keys(_evaluateReference(set, id, facts, { on: "2025-06-01" }))).toEqual(ORDER);
    const notInForce = evaluateInSet(set, id, facts, { on: "2030-01-01" });
    expect(notInForce.inForce).toBe(false);
    expect(Object.keys(notInForce)).toEqual(ORDER);
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
