import { describe, expect, it } from "vitest";
import { defaultEngine, matchPolicies, rankPolicies } from "../../src/api.js";
import { loadRuleSet } from "../../src/catalog/load.js";
import { createEngine } from "../../src/create-engine.js";
import { InvalidOptionsError, RuleFileError } from "../../src/errors.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { RANK_GROUPS, rankMatch, type RankedMatch } from "../../src/match/rank.js";

/* The ranked match of issue #18: money first, a summary with the exact total, filters, the amount marker. */

const ON = "2025-06-01";
const SJZ = { type: "enterprise", city: "shijiazhuang", facts: { contractAmount: "1800000", transferMode: "license", sourceRegion: "beijing" } };
const SUBSIDY = "sjz-2025/absorption-subsidy";

/** The bundled sources with one rule file changed. */
function sourcesWith(path: string, change: (json: Record<string, any>) => void) {
  return BUNDLED_RULES.map((s) => {
    const json = structuredClone(s.json) as Record<string, any>;
    if (s.path === path) change(json);
    return { path: s.path, json };
  });
}

function expectRanked(r: RankedMatch) {
  expect(r.measures.map((m) => m.rank)).toEqual(r.measures.map((_, i) => i + 1));
  const groups = r.measures.map((m) => RANK_GROUPS.indexOf(m.group));
  expect(groups).toEqual([...groups].sort((a, b) => a - b));
}

describe("rankPolicies", () => {
  it("puts the measure with an amount first, with the total in the summary (the issue's example)", () => {
    const unranked = matchPolicies(SJZ, { on: ON });
    // The problem: in the match's own order the subsidy is buried among guidance.
    expect(unranked.measures.findIndex((m) => m.ruleId === SUBSIDY)).toBeGreaterThan(10);
    const r = rankPolicies(SJZ, { on: ON });
    expect(Object.keys(r)[0]).toBe("summary");
    expect(r.summary.totalAmount).toBe("140000.00");
    expect(r.summary.withAmount).toBe(1);
    expect(r.summary.total).toBe(unranked.measures.length);
    expect(r.measures[0]).toMatchObject({ rank: 1, group: "amount", ruleId: SUBSIDY, amount: "140000.00", amountField: "amount" });
    expect(r.measures.map((m) => m.ruleId).sort()).toEqual(unranked.measures.map((m) => m.ruleId).sort());
    expectRanked(r);
    expect(r.summary.byGroup).toEqual(Object.fromEntries(RANK_GROUPS.map((g) => [g, r.measures.filter((m) => m.group === g).length])));
  });

  it("orders the benefits that need input by how few inputs are missing, then targets, then guidance", () => {
    const r = rankPolicies(SJZ, { on: ON });
    const missing = r.measures.filter((m) => m.group === "needs-input").map((m) => m.missing.length);
    expect(missing.length).toBeGreaterThan(3);
    expect(missing).toEqual([...missing].sort((a, b) => a - b));
    expect(r.measures.at(-1)!.kind).toBe("guidance");
    expect(r.measures.filter((m) => m.group === "guidance").every((m) => m.kind === "guidance")).toBe(true);
  });

  it("an amount of zero is no amount: a benefit the subject misses is not totalled", () => {
    const r = rankPolicies({ ...SJZ, facts: { ...SJZ.facts, contractAmount: "400000" } }, { on: ON });
    const subsidy = r.measures.find((m) => m.ruleId === SUBSIDY)!;
    expect([subsidy.group, subsidy.amount, subsidy.outcome?.["amount"]]).toEqual(["does-not-qualify", null, "0.00"]);
    expect(r.summary.totalAmount).toBe("0.00");
  });

  it("sums several amounts exactly and puts the largest first", () => {
    const engine = defaultEngine();
    const sjz = engine.match({ ...SJZ, facts: { ...SJZ.facts, contractAmount: "1800002" } }, { on: ON });
    const hd = engine.match({ type: "enterprise", city: "handan", facts: { tookUpAchievement: true, subsidyBase: "contract-value", baseAmount: "2400004", proportion: "0.1" } }, { on: ON });
    const county = hd.measures.find((m) => m.ruleId === "hd-2018/county-subsidy")!;
    expect(county.outcome?.["amount"]).toBe("240000.40");
    const both = rankMatch(engine.ruleSet, { ...sjz, measures: [...sjz.measures, county] });
    expect(both.measures.slice(0, 2).map((m) => [m.ruleId, m.amount])).toEqual([
      ["hd-2018/county-subsidy", "240000.40"],
      [SUBSIDY, "140000.10"],
    ]);
    // 240000.4 + 140000.1 in floats is 380000.50000000006.
    expect(both.summary.totalAmount).toBe("380000.50");
  });

  it("reads the amount from the rule's role marker, not from a field's name", () => {
    const unmarked = createEngine(loadRuleSet(sourcesWith("sjz-2025/absorption-subsidy/v1.json", (j) => delete j.outcome.amount.role)));
    const r = unmarked.rank(SJZ, { on: ON });
    expect(r.measures[0]).toMatchObject({ ruleId: SUBSIDY, group: "qualifies", amount: null, amountField: null });
    expect(r.summary.totalAmount).toBe("0.00");
  });

  it("filters by kind and document (one or a list), and refuses unknown ones", () => {
    const benefits = rankPolicies(SJZ, { on: ON, kind: "benefit" });
    expect(benefits.measures.length).toBeGreaterThan(1);
    expect(benefits.measures.every((m) => m.kind === "benefit")).toBe(true);
    expect(benefits.summary.byKind).toEqual({ benefit: benefits.measures.length });
    const sjz = rankPolicies(SJZ, { on: ON, document: ["sjz-2025"], kind: ["benefit", "guidance"] });
    expect(new Set(sjz.measures.map((m) => m.document))).toEqual(new Set(["sjz-2025"]));
    expect(sjz.measures[0]!.ruleId).toBe(SUBSIDY);
    expect(() => rankPolicies(SJZ, { on: ON, document: "sjz-2099" })).toThrow(InvalidOptionsError);
    expect(() => rankPolicies(SJZ, { on: ON, kind: "subsidy" as never })).toThrow(InvalidOptionsError);
    expect(() => rankPolicies(SJZ, { on: ON, kind: [] })).toThrow(InvalidOptionsError);
  });

  it("gives results a caller may change without changing a later answer", () => {
    const r = rankPolicies(SJZ, { on: ON });
    r.measures[0]!.amount = "9";
    r.summary.byKind["benefit"] = 0;
    r.measures.reverse();
    const again = rankPolicies(SJZ, { on: ON });
    expect([again.measures[0]!.amount, again.summary.byKind["benefit"]]).toEqual(["140000.00", 12]);
  });
});

describe('outcome field role "amount" is checked when rules load', () => {
  const issues = (sources: ReturnType<typeof sourcesWith>) => {
    try {
      loadRuleSet(sources);
      return [];
    } catch (error) {
      expect(error).toBeInstanceOf(RuleFileError);
      return (error as RuleFileError).issues.map((i) => `${i.code} ${i.path}`);
    }
  };
  it("only on a money field of a benefit, one per version", () => {
    const P = "sjz-2025/absorption-subsidy/v1.json";
    expect(issues(sourcesWith(P, (j) => (j.outcome.eligible.role = "amount"))).join()).toMatch(/invalid_role .*outcome\/eligible\/role/);
    expect(issues(sourcesWith(P, (j) => (j.kind = "target"))).join()).toMatch(/invalid_role/);
    expect(issues(sourcesWith(P, (j) => (j.outcome.amount.role = "cap"))).length).toBeGreaterThan(0);
    const twice = (j: Record<string, any>) => (j.outcome.second = { ...structuredClone(j.outcome.amount) });
    expect(issues(sourcesWith(P, twice)).join()).toMatch(/invalid_role .*outcome\/second\/role/);
    expect(issues(sourcesWith(P, () => {}))).toEqual([]);
  });
});
