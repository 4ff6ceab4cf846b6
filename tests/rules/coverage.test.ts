import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";

// The checklist of measures lives in each rules/<document>/document.json (the measures of
// shared/measures.md); every measure needs a rule and every rule must cite a listed measure.
const set = defaultEngine().ruleSet;
const rules = set.ruleIds().map((id) => set.version(id).file);

describe("coverage of the measures", () => {
  it("has the four documents", () => {
    expect(set.documents().map((d) => d.id).sort()).toEqual(["bth-2025", "hd-2018", "sjz-2018", "sjz-2025"]);
  });

  for (const document of set.documents()) {
    for (const measure of document.measures) {
      it(`${measure.key} (${measure.title.zh}) has a rule of each kind it calls for`, () => {
        const citing = rules.filter((r) => r.measures.includes(measure.key));
        expect(citing.map((r) => r.id)).not.toEqual([]);
        for (const kind of measure.kinds) expect(citing.map((r) => r.kind)).toContain(kind);
      });
    }
  }

  it("every rule cites at least one measure of its own document", () => {
    for (const r of rules) {
      const keys = set.document(r.document)!.measures.map((m) => m.key);
      expect(r.measures.every((m) => keys.includes(m))).toBe(true);
    }
  });
});
