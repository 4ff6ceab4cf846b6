import { describe, expect, it } from "vitest";
import { NotAnalysableError, RegionLimitError } from "../../src/analysis/errors.js";
import { exactDiff, type ChangeRegion } from "../../src/analysis/exact-diff.js";
import { exactDiffLines } from "../../src/analysis/exact-diff-text.js";
import { createEngine, defaultEngine } from "../../src/api.js";
import { canonicalJson } from "../../src/engine/hash.js";
import { loadRuleSet } from "../../src/catalog/load.js";
import { diffRules } from "../../src/diff/rule-diff.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { fixtureEngine, fixtureSet, SUBSIDY } from "../diff/helpers.js";

/*
 * The exact diff of the fixture amendment (tests/fixtures/amendment: threshold 500,000 → 300,000, lower
 * band 10% → 15%, cap 500,000 → 800,000), worked out by hand from the two versions' texts:
 *
 *   v1: eligible ⟺ city = shijiazhuang ∧ mode ∈ {transfer, license} ∧ source ∈ {beijing, tianjin} ∧ x ≥ 500,000;
 *       amount = min(500,000, 10% × min(x, 1,000,000) + 5% × max(0, x − 1,000,000)) when eligible, else 0.
 *   v2: the same with 300,000, 15% and 800,000.
 *
 * Outside those classes of city, mode and source both versions give ineligible and 0: no change. Inside:
 *   x < 300,000                both ineligible: no change;
 *   [300,000, 500,000)         v1 ineligible (0), v2 eligible with 15% × x: eligible no → yes, amount 0 → 15% × x;
 *   [500,000, 1,000,000]       10% × x → 15% × x (v2's cap is not reached: 15% × 1,000,000 = 150,000): rises by 5% × x;
 *   above 1,000,000            v1: 100,000 + 5% × (x − 1,000,000) = 5% × (x + 1,000,000), up to the cap 500,000,
 *                              reached at x = 9,000,000; v2: 150,000 + 5% × (x − 1,000,000) = 5% × (x + 2,000,000),
 *                              up to 800,000, reached at x = 14,000,000. So
 *   (1,000,000, 9,000,000)     rises by 50,000 exactly;
 *   [9,000,000, 14,000,000)    500,000 → 5% × (x + 2,000,000): rises by 5% × (x − 8,000,000) (≥ 50,000);
 *   [14,000,000, max]          500,000 → 800,000.
 * Five regions; at 9,000,000 v1's formula equals its cap, so the change there is the next region's.
 */

const engine = fixtureEngine("amendment");
const diff = exactDiff(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { engine });
const CLASSES = { transferMode: { values: ["transfer", "license"] }, sourceRegion: { values: ["beijing", "tianjin"] }, enterpriseCity: { values: ["shijiazhuang"] } };
const MAX = "999999999999999.99";

/** Whether facts lie in a change region (its finite classes and its bounds; the fixture has no relation between inputs). */
function contains(r: ChangeRegion, facts: Record<string, unknown>): boolean {
  expect(r.relations).toEqual([]);
  for (const [x, c] of Object.entries(r.finite)) {
    if ("values" in c && !c.values.includes(facts[x])) return false;
    if ("except" in c && c.except.includes(facts[x] as string)) return false;
  }
  for (const [x, b] of Object.entries(r.bounds)) {
    const v = Number(facts[x]); // the fixture's amounts are exact in a double
    if (b.from && (v < Number(b.from.at) || (v === Number(b.from.at) && !b.from.closed))) return false;
    if (b.to && (v > Number(b.to.at) || (v === Number(b.to.at) && !b.to.closed))) return false;
  }
  return true;
}

describe("the exact diff of the fixture amendment", () => {
  it("lists the five change regions worked out by hand, with exact bounds and formulas", () => {
    expect(diff.regions.map((r) => [r.bounds["contractAmount"], r.finite])).toEqual([
      [{ from: { at: "300000", closed: true }, to: { at: "500000", closed: false } }, CLASSES],
      [{ from: { at: "500000", closed: true }, to: { at: "1000000", closed: true } }, CLASSES],
      [{ from: { at: "1000000", closed: false }, to: { at: "9000000", closed: false } }, CLASSES],
      [{ from: { at: "9000000", closed: true }, to: { at: "14000000", closed: false } }, CLASSES],
      [{ from: { at: "14000000", closed: true }, to: { at: MAX, closed: true } }, CLASSES],
    ]);
    const fen = [{ places: 2, mode: "half-up" }];
    const affine = (slope: string, constant: string) => ({ kind: "affine", terms: { contractAmount: slope }, constant, rounding: fen });
    expect(diff.regions.map((r) => r.changes.map((c) => [c.field, c.from, c.to, c.differs]))).toEqual([
      [
        ["eligible", { kind: "constant", value: false }, { kind: "constant", value: true }, "everywhere"],
        ["amount", { kind: "constant", value: "0.00" }, affine("0.15", "0"), "everywhere"],
      ],
      [["amount", affine("0.1", "0"), affine("0.15", "0"), "everywhere"]],
      [["amount", affine("0.05", "50000"), affine("0.05", "100000"), "everywhere"]],
      [["amount", { kind: "constant", value: "500000.00" }, affine("0.05", "100000"), "everywhere"]],
      [["amount", { kind: "constant", value: "500000.00" }, { kind: "constant", value: "800000.00" }, "everywhere"]],
    ]);
    expect(diff.regions.map((r) => r.changes.map((c) => c.by?.formula ?? null))).toEqual([[null, "15% × contractAmount"], ["5% × contractAmount"], ["50,000.00"], ["5% × (contractAmount − 8,000,000.00)"], ["300,000.00"]]);
  });

  it("says each region in English and Chinese, in the issue's style", () => {
    expect(diff.regions[0]!.sentence.en).toBe(
      "eligible no → yes; amount 0.00 → 15% × contractAmount (rises by 15% × contractAmount) for contractAmount in [300,000.00, 500,000.00); transferMode ∈ {transfer, license}; sourceRegion ∈ {beijing, tianjin}; enterpriseCity = shijiazhuang",
    );
    expect(diff.regions[0]!.sentence.zh).toContain("eligible 否 → 是");
    expect(diff.regions[3]!.changes[0]!.text.en).toBe("amount 500,000.00 → 5% × (contractAmount + 2,000,000.00) (rises by 5% × (contractAmount − 8,000,000.00))");
  });

  it("gives each region a witness that both versions evaluate through the engine, confirming the change", () => {
    expect(diff.regions.map((r) => [r.witness?.facts["contractAmount"], r.witness?.from["amount"], r.witness?.to["amount"], r.confirmed])).toEqual([
      ["300000.00", "0.00", "45000.00", true],
      ["500000.00", "50000.00", "75000.00", true],
      ["1000000.01", "100000.00", "150000.00", true],
      ["9000000.00", "500000.00", "550000.00", true],
      ["14000000.00", "500000.00", "800000.00", true],
    ]);
  });

  it("agrees with the sampled behaviour diff: every boundary case and worked example lies in a listed region exactly when its outcome differs", () => {
    const set = fixtureSet("amendment");
    const d = diffRules({ ruleSet: set, ruleId: SUBSIDY, version: 1 }, { ruleSet: set, ruleId: SUBSIDY, version: 2 });
    const b = d.behaviour!;
    const changed = new Set(b.changes.map((c) => canonicalJson(c.case.facts)));
    const cases: Record<string, unknown>[] = [];
    for (const ctx of b.contexts) for (const value of b.boundaryValues[ctx.input]!) cases.push({ ...ctx.facts, [ctx.input]: value });
    for (const v of set.versions(SUBSIDY)) for (const ex of v.file.examples) if (ex.rejects === undefined) cases.push(ex.facts as Record<string, unknown>);
    let differing = 0;
    for (const facts of cases) {
      const listed = diff.regions.some((r) => contains(r, facts));
      const differs = changed.has(canonicalJson(facts));
      if (differs) differing++;
      expect(listed, JSON.stringify(facts)).toBe(differs);
    }
    expect(differing).toBeGreaterThan(10); // the comparison is not vacuous
    expect(cases.length).toBeGreaterThan(30);
  });

  it("prints a section of the diff report", () => {
    const lines = exactDiffLines(diff);
    expect(lines[0]).toBe("Exact change regions (精确变化区域): 5 regions, for every input (对所有输入); each witness evaluated by both versions (每个见证由两个版本求值)");
    expect(lines[1]).toBe("  1. contractAmount in [300,000.00, 500,000.00); transferMode ∈ {transfer, license}; sourceRegion ∈ {beijing, tianjin}; enterpriseCity = shijiazhuang");
  });
});

describe("exactDiff", () => {
  it("finds no region between a version and itself", () => {
    expect(exactDiff(`${SUBSIDY}@1`, `${SUBSIDY}@1`, { engine }).regions).toEqual([]);
    expect(exactDiffLines(exactDiff(`${SUBSIDY}@2`, `${SUBSIDY}@2`, { engine }))).toEqual(["Exact change regions (精确变化区域): none — the two versions decide alike on every input (两个版本对所有输入的决定相同)"]);
  });

  it("describes a change of a rate between several inputs by a linear constraint (indirect ≤ rate × (direct − equipment))", () => {
    // sjz-2018/indirect-cost-cap with its rate lowered from 30% to 20%: compliant changes exactly where
    // 20% × (direct − equipment) < indirect ≤ 30% × (direct − equipment), and the cap by 10% × (direct − equipment).
    const edited = BUNDLED_RULES.map((s) => (s.path === "sjz-2018/indirect-cost-cap/v1.json" ? { ...s, json: { ...structuredClone(s.json as object), parameters: { ...(s.json as { parameters: Record<string, object> }).parameters, rate: { ...(s.json as { parameters: Record<string, object> }).parameters["rate"], value: "0.20" } } } } : s));
    const after = loadRuleSet(edited);
    const before = defaultEngine();
    const a = before.ruleSet.versions("sjz-2018/indirect-cost-cap")[0]!;
    const b = after.versions("sjz-2018/indirect-cost-cap")[0]!;
    const d = exactDiff({ version: a, engine: before }, { version: b, engine: createEngine(after) });
    expect(d.regions.length).toBeGreaterThan(0);
    expect(d.regions.every((r) => r.confirmed)).toBe(true);
    const compliant = d.regions.filter((r) => r.changes.some((c) => c.field === "compliant"));
    expect(compliant.length).toBeGreaterThan(0);
    expect(compliant.every((r) => r.relations.some((t) => t.includes("indirectCost") && t.includes("directCost")))).toBe(true);
    const cap = d.regions.flatMap((r) => r.changes.filter((c) => c.field === "cap"));
    expect(cap.length).toBeGreaterThan(0);
  });

  it("refuses versions that declare different inputs, saying so", () => {
    const set = fixtureSet("amendment");
    const v1 = set.versions(SUBSIDY)[0]!;
    const other = defaultEngine().ruleSet.versions("sjz-2018/indirect-cost-cap")[0]!;
    expect(() => exactDiff({ version: v1, engine }, { version: other })).toThrow(NotAnalysableError);
  });

  it("stops at its bound on the joint regions with a typed error naming the limit", () => {
    // The fixture's versions have 18 and 19 regions; their joint regions are more than 20.
    expect(() => exactDiff(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { engine, maxRegions: 20 })).toThrow(RegionLimitError);
    expect(() => exactDiff(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { engine, maxRegions: 20 })).toThrow(/MAX_REGIONS; raise it with the option maxRegions/);
  });

  it("says which rule it cannot state exactly", () => {
    expect(() => exactDiff("hd-2018/county-subsidy@1", "hd-2018/county-subsidy@1")).toThrow(/product of two values/);
  });
});
