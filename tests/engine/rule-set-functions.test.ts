import { describe, expect, it } from "vitest";
import { loadBundledRules } from "../../src/catalog/bundled.js";
import { evaluateIn, evaluateManyIn, getRuleIn, listRulesIn, matchIn, rankIn, safeEvaluateIn } from "../../src/create-engine.js";
import { InvalidFactsError, UnknownRuleError } from "../../src/errors.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";

// The engine's operations as functions of a rule set (issue #15: an application importing only `evaluateIn`
// bundles no matching, ranking or batch code; `npm run bench:bundle` measures that). Each figure below is
// computed by hand from 石家庄 措施 九: 10% of the first 1,000,000 yuan, 5% above, at most 500,000 per contract.
const ID = "sjz-2025/absorption-subsidy";
const ON = { on: "2025-06-01" };
const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const sjz = BUNDLED_RULES.filter((s) => s.path.startsWith("sjz-2025/"));
const rules = loadBundledRules(sjz);

describe("the engine's operations as functions of a rule set", () => {
  it("evaluateIn decides: 3,000,000 yuan by licence from Tianjin → 100,000 + 100,000", () => {
    const d = evaluateIn(rules, ID, facts, ON);
    expect(d.outcome).toEqual({ eligible: true, amount: "200000.00" });
    expect(d.provenance.ruleSetHash).toBe(`sha256:${rules.hash}`);
  });

  it("evaluateIn throws the typed errors; safeEvaluateIn returns them with their issues", () => {
    expect(() => evaluateIn(rules, "sjz-2025/absorption-subsidi", facts, ON)).toThrow(UnknownRuleError);
    expect(() => evaluateIn(rules, ID, { ...facts, contractAmount: "-1" }, ON)).toThrow(InvalidFactsError);
    const bad = safeEvaluateIn(rules, ID, { ...facts, contractAmount: "-1" }, ON);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error).toBeInstanceOf(InvalidFactsError);
      expect(bad.issues.map((i) => i.path)).toEqual(["contractAmount"]);
    }
    const unknown = safeEvaluateIn(rules, "nope/rule", facts, ON);
    expect(unknown.ok ? undefined : unknown.issues).toEqual([expect.objectContaining({ code: "unknown_rule", path: "" })]);
    const good = safeEvaluateIn(rules, ID, facts, ON);
    expect(good.ok && good.decision.outcome).toEqual({ eligible: true, amount: "200000.00" });
  });

  it("evaluateManyIn gives one result per subject, in order, an error result for a bad one", () => {
    const results = [...evaluateManyIn(rules, ID, [facts, { ...facts, contractAmount: "1800000", sourceRegion: "beijing" }, { ...facts, transferMode: "gift" }], ON)];
    expect(results.map((r) => (r.ok ? r.decision.outcome.amount : "error"))).toEqual(["200000.00", "140000.00", "error"]);
  });

  it("getRuleIn and listRulesIn describe the versions of this set only", () => {
    expect(getRuleIn(rules, ID)).toMatchObject({ id: ID, version: 1, validFrom: "2025-01-17", validTo: "2028-01-16" });
    const ids = listRulesIn(rules, ON).map((r) => r.id);
    expect(ids).toContain(ID);
    expect(ids.every((id) => id.startsWith("sjz-2025/"))).toBe(true);
    expect(() => getRuleIn(rules, "hd-2018/transfer-subsidy")).toThrow(UnknownRuleError);
  });

  it("matchIn and rankIn read only this set: 1,800,000 yuan from Beijing → 100,000 + 40,000", () => {
    const profile = { type: "enterprise", city: "shijiazhuang", facts: { contractAmount: "1800000", transferMode: "license", sourceRegion: "beijing" } };
    const m = matchIn(rules, profile, ON);
    expect(m.measures.find((x) => x.ruleId === ID)?.outcome).toEqual({ eligible: true, amount: "140000.00" });
    expect(m.measures.every((x) => x.ruleId.startsWith("sjz-2025/"))).toBe(true);
    const r = rankIn(rules, profile, ON);
    expect([r.summary.totalAmount, r.measures[0]!.ruleId]).toEqual(["140000.00", ID]);
  });
});
