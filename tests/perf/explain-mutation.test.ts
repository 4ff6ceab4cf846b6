import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { _evaluateReference, evaluateInSet } from "../../src/engine/evaluate.js";

/*
 * Issue #20 precompiled the lines of explanations and keeps more of them, shared between decisions:
 * whatever a caller does to the lines it receives (kept lines are frozen, made ones are its own), a
 * later decision's explanation is unchanged.
 */

const ID = "sjz-2025/absorption-subsidy";
const set = defaultEngine().ruleSet;
const SUBJECTS = [
  { contractAmount: "800000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
  { contractAmount: "2500000.55", transferMode: "transfer", sourceRegion: "beijing", enterpriseCity: "shijiazhuang" },
  { contractAmount: "100", transferMode: "service", sourceRegion: "hebei", enterpriseCity: "handan" },
];

describe("explanation lines handed out", () => {
  it("can be changed (or refuse to be) without changing a later explanation", () => {
    const on = "2025-06-01";
    for (let round = 0; round < 3; round++) {
      for (const facts of SUBJECTS) {
        const d = evaluateInSet(set, ID, facts, { on });
        expect(d.explanation).toEqual(_evaluateReference(set, ID, facts, { on }).explanation);
        for (const line of d.explanation) {
          if (Object.isFrozen(line)) {
            expect(() => ((line as { zh: string }).zh = "changed")).toThrow(TypeError);
          } else {
            (line as { zh: string; en: string }).zh = "changed";
            (line as { zh: string; en: string }).en = "changed";
          }
        }
        (d.explanation as unknown[]).length = 0;
      }
    }
    for (const facts of SUBJECTS) {
      const text = JSON.stringify(evaluateInSet(set, ID, facts, { on }).explanation);
      expect(text).not.toContain("changed");
      expect(text).toBe(JSON.stringify(_evaluateReference(set, ID, facts, { on }).explanation));
    }
  });
});
