import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";

// The checklist of each document.json and the rules agree in both directions (issue 12): every kind a
// measure lists has a rule of that kind citing it, and every rule's kind is listed by each measure it cites.
const set = defaultEngine().ruleSet;
const rules = set.ruleIds().flatMap((id) => set.versions(id).map((v) => v.file));

describe("checklist ⇄ rules", () => {
  for (const document of set.documents()) {
    for (const measure of document.measures) {
      const citing = rules.filter((r) => r.measures.includes(measure.key));
      it(`${measure.key}: each listed kind has a rule, and each citing rule's kind is listed`, () => {
        const kinds = new Set(citing.map((r) => r.kind));
        expect([...measure.kinds].filter((k) => !kinds.has(k)), "kinds listed without a rule").toEqual([]);
        expect(citing.filter((r) => !measure.kinds.includes(r.kind)).map((r) => `${r.id} (${r.kind})`), "rules of a kind not listed").toEqual([]);
      });
    }
  }
});
