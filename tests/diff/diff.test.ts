import { describe, expect, it } from "vitest";
import { diffRules, formatRuleDiff, parseRuleVersionRef, type RuleDiff } from "../../src/index.js";
import { diffLogic, renderLogic, textFragments } from "../../src/diff/index.js";
import { loadRuleSet } from "../../src/catalog/load.js";
import { UnknownVersionError } from "../../src/errors.js";
import { loadRules, minimalRule, withDocument } from "../helpers/fixtures.js";
import { fixtureSet, SUBSIDY } from "./helpers.js";

const amendment = fixtureSet("amendment");
const diff: RuleDiff = diffRules(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { ruleSet: amendment });

/** The behaviour change of a boundary/example case at a contract amount, with the license/Tianjin facts. */
function changeAt(amount: string) {
  return diff.behaviour!.changes.find((c) => c.case.varies?.input === "contractAmount" && c.case.varies.value === amount);
}

describe("diffRules: the hypothetical amendment of sjz-2025/absorption-subsidy (fixture)", () => {
  it("names each changed parameter with old and new values and units", () => {
    const byName = Object.fromEntries(diff.parameters.map((p) => [p.name, p]));
    expect(Object.keys(byName).sort()).toEqual(["cap", "lowerBandRate", "threshold"]);
    expect(byName["cap"]).toMatchObject({ change: "changed", fromText: "500,000", toText: "800,000", unit: "yuan", valueChanged: true });
    expect(byName["threshold"]).toMatchObject({ fromText: "500,000", toText: "300,000", unit: "yuan" });
    expect(byName["lowerBandRate"]).toMatchObject({ fromText: "10%", toText: "15%", unit: "" });
    expect(byName["cap"]!.text).toContain("cap 500,000 → 800,000 yuan");
    expect(byName["lowerBandRate"]!.text).toContain("lowerBandRate 10% → 15%");
    expect(byName["threshold"]!.text).toContain("threshold 500,000 → 300,000 yuan");
    expect(byName["cap"]!.details).toContain("原文 source text “每项最高补助50万元” → “每项最高补助80万元”");
  });

  it("reports the new validity, stated or inferred, and the superseded version", () => {
    expect(diff.to).toMatchObject({ version: 2, validFrom: "2026-01-01", validTo: "2028-01-16", supersedes: 1 });
    expect(diff.from).toMatchObject({ version: 1, validFrom: "2025-01-17", validTo: "2025-12-31" });
    const texts = diff.validity.map((c) => c.text);
    expect(texts).toContain("in force from (施行): 2025-01-17 (stated, 原文明示) → 2026-01-01 (stated, 原文明示)");
    expect(texts).toContain("in force until (截止): 2025-12-31 (stated, 原文明示) → 2028-01-16 (stated, 原文明示)");
    expect(diff.metadata.map((c) => c.text)).toContain("supersedes v1");
  });

  it("shows the source quote change as fragments, not two paragraphs", () => {
    const quote = diff.metadata.find((c) => c.path === "source.quote")!;
    expect(quote.text).toBe("source quote (原文): “交易额在50万元” → “交易额在30万元”; “给予最高10%的补助” → “给予最高15%的补助”; “最高补助50万元” → “最高补助80万元”");
  });

  it("finds no logic change beyond the condition label: the numbers live in parameters", () => {
    expect(diff.logic.map((c) => c.path)).toEqual(["conditions.amountAtLeastThreshold.label.en", "conditions.amountAtLeastThreshold.label.zh"]);
    expect(diff.inputs).toEqual([]);
  });

  it("evaluates each version on a date inside its own validity", () => {
    expect(diff.behaviour!.on).toEqual({ from: "2025-01-17", to: "2026-01-01" });
    for (const c of diff.behaviour!.changes) {
      expect(c.from).toMatchObject({ version: 1, on: "2025-01-17", inForce: true });
      expect(c.to).toMatchObject({ version: 2, on: "2026-01-01", inForce: true });
    }
  });

  // v2 by hand: threshold 300,000 (含); 15% of the first 1,000,000; 5% above; cap 800,000.
  //   300,000    → 15% × 300,000                      =  45,000.00
  //   500,000    → 15% × 500,000                      =  75,000.00
  //   1,000,000  → 15% × 1,000,000                    = 150,000.00
  //   10,000,000 → 150,000 + 5% × 9,000,000 = 600,000 ≤ 800,000 → 600,000.00
  it.each([
    ["300000", "0.00", "45000.00", false, true],
    ["500000", "50000.00", "75000.00", true, true],
    ["1000000", "100000.00", "150000.00", true, true],
    ["10000000", "500000.00", "600000.00", true, true],
  ])("lists the behaviour change at %s yuan with both amounts", (amount, v1, v2, e1, e2) => {
    const c = changeAt(amount)!;
    expect(c, `no change listed at ${amount}`).toBeDefined();
    expect(c.case.facts).toMatchObject({ transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" });
    expect(c.from.outcome).toEqual({ eligible: e1, amount: v1 });
    expect(c.to.outcome).toEqual({ eligible: e2, amount: v2 });
    const amountField = c.fields.find((f) => f.field === "amount")!;
    expect(amountField.text).toMatch(/^amount [\d,]+\.\d\d → [\d,]+\.\d\d yuan \(\+[\d,]+\.\d\d\)$/);
  });

  it("generates the boundary cases from the parameters: thresholds ± one fen, band limits, cap points", () => {
    const values = diff.behaviour!.changes.filter((c) => c.case.kind === "boundary").map((c) => c.case.varies!.value);
    // v2's threshold (300,000) and one fen above; v1's threshold (500,000) and one fen either side.
    expect(values).toEqual(expect.arrayContaining(["300000", "300000.01", "499999.99", "500000", "500000.01"]));
    // The band limit 1,000,000 and one fen either side.
    expect(values).toEqual(expect.arrayContaining(["999999.99", "1000000", "1000000.01"]));
    // Where the (rounded) amount reaches each cap: v1 at 8,999,999.90 (100,000 + 5% × 7,999,999.90 = 499,999.995 → 500,000.00),
    // v2 at 13,999,999.90 (150,000 + 5% × 12,999,999.90 = 799,999.995 → 800,000.00), and the whole yuan above.
    expect(values).toEqual(expect.arrayContaining(["8999999.89", "8999999.9", "9000000", "13999999.89", "13999999.9", "14000000"]));
    // One fen below v2's threshold is ineligible under both: no change listed there.
    expect(changeAt("299999.99")).toBeUndefined();
    expect(changeAt("13999999.9")!.to.outcome!["amount"]).toBe("800000.00");
    expect(changeAt("13999999.89")!.to.outcome!["amount"]).toBe("799999.99");
    expect(changeAt("8999999.9")!.from.outcome!["amount"]).toBe("500000.00");
    expect(changeAt("8999999.89")!.from.outcome!["amount"]).toBe("499999.99");
  });

  it("holds the other inputs at a worked example's facts, and says which", () => {
    expect(diff.behaviour!.contexts).toEqual([
      {
        input: "contractAmount",
        type: "money",
        facts: { transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
        example: expect.stringContaining("example of v1"),
        exampleZh: expect.stringContaining("第1版算例"),
      },
    ]);
  });

  it("prints the diff in words", () => {
    const text = formatRuleDiff(diff);
    expect(text).toContain("sjz-2025/absorption-subsidy v1 → v2 (v2 supersedes v1)");
    expect(text).toContain("  - cap 500,000 → 800,000 yuan — cap per contract (每项最高补助), 原文 “每项最高补助80万元”");
    expect(text).toMatch(/contractAmount 300,000 \[the threshold of v2 .*\]: eligible no → yes; amount 0\.00 → 45,000\.00 yuan \(\+45,000\.00\)/);
    expect(text).toMatch(/contractAmount 10,000,000 \[.*\]: amount 500,000\.00 → 600,000\.00 yuan \(\+100,000\.00\)/);
    expect(text).toContain("No change: Inputs (输入).");
    expect(JSON.parse(JSON.stringify(diff))).toEqual(diff);
  });

  it("can skip the evaluation", () => {
    expect(diffRules(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { ruleSet: amendment, behaviour: false }).behaviour).toBeNull();
  });

  it("names a version that does not exist", () => {
    expect(() => diffRules(`${SUBSIDY}@1`, `${SUBSIDY}@3`, { ruleSet: amendment })).toThrow(UnknownVersionError);
    expect(() => parseRuleVersionRef(`${SUBSIDY}@two`)).toThrow(/expected <ruleId>@<version>/);
    expect(parseRuleVersionRef(`${SUBSIDY}@v2`)).toEqual({ ruleId: SUBSIDY, version: 2 });
  });
});

describe("diffRules: a version against itself", () => {
  it("reports no change and no behaviour change", () => {
    const d = diffRules(`${SUBSIDY}@2`, `${SUBSIDY}@2`, { ruleSet: amendment });
    expect(d.identical).toBe(true);
    expect([d.metadata, d.validity, d.inputs, d.parameters, d.logic, d.examples]).toEqual([[], [], [], [], [], []]);
    expect(d.behaviour!.changes).toEqual([]);
    expect(d.behaviour!.cases).toBeGreaterThan(10);
  });
});

describe("logic changes as readable paths", () => {
  it("locates a changed operand by operation and index", () => {
    const a = amendment.version(SUBSIDY, 1).file;
    const b = structuredClone(a) as typeof a & { outcome: Record<string, { logic: any }> };
    // Hard-code the cap into the formula instead of referring to the parameter.
    b.outcome["amount"]!.logic.if[1]["jjj.min"][0] = "800000";
    const set = loadRules({ ...a, version: 1 }, { ...b, version: 2, supersedes: 1, validity: { from: { date: "2026-01-01", basis: "stated" } } } as any);
    const d = diffRules(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { ruleSet: set });
    expect(d.logic.map((c) => c.text)).toEqual(['outcome.amount: if[1] jjj.min[0] changed: jjj.param "cap" → "800000"']);
    expect(d.logic[0]).toMatchObject({ expression: "outcome.amount", at: "if[1] jjj.min[0]", from: { "jjj.param": "cap" }, to: "800000" });
    // Behaviour: the contracts that reach the old cap now get more.
    expect(d.behaviour!.changes.length).toBeGreaterThan(0);
  });

  it("reports added and removed operands, keeping the equal ones aligned", () => {
    const a = { and: [{ "jjj.condition": "x" }, { "jjj.condition": "y" }] };
    const b = { and: [{ "jjj.condition": "x" }, { "jjj.condition": "z" }, { "jjj.condition": "y" }] };
    expect(diffLogic("outcome.eligible", a, b).map((c) => c.text)).toEqual(['outcome.eligible: and[1] added: jjj.condition "z"']);
    expect(diffLogic("outcome.eligible", b, a).map((c) => c.text)).toEqual(['outcome.eligible: and[1] removed: jjj.condition "z"']);
    expect(diffLogic("applicable", { "jjj.gte": [{ var: "n" }, 3] }, { "jjj.gt": [{ var: "n" }, 3] }).map((c) => c.text)).toEqual([
      'applicable changed: jjj.gte(var "n", 3) → jjj.gt(var "n", 3)',
    ]);
    expect(renderLogic({ if: [{ "jjj.outcome": "eligible" }, { "jjj.min": [{ "jjj.param": "cap" }, "1"] }, "0"] })).toBe(
      'if(jjj.outcome "eligible", jjj.min(jjj.param "cap", "1"), "0")',
    );
  });

  it("splits a changed text into the fragments that differ", () => {
    expect(textFragments("每项最高补助50万元。", "每项最高补助80万元。")).toEqual([{ from: "最高补助50万元", to: "最高补助80万元" }]);
    expect(textFragments("the contract value is at least 500,000 yuan", "the contract value is at least 300,000 yuan")).toEqual([
      { from: "least 500,000 yuan", to: "least 300,000 yuan" },
    ]);
  });
});

describe("behaviour cases are generated from parameter types and positions, for any rule", () => {
  // A rule unrelated to the subsidy: a money input against a threshold, a cap, and an integer count.
  const rule = (version: number, threshold: string, cap: string, extra: Record<string, unknown> = {}) =>
    minimalRule({
      version,
      ...(version > 1 && { supersedes: version - 1 }),
      validity: version === 1 ? { from: { date: "2025-01-01", basis: "stated" }, to: { date: "2025-12-31", basis: "stated" } } : { from: { date: "2026-01-01", basis: "inferred" } },
      inputs: {
        amount: { type: "money", label: { zh: "金额", en: "amount" } },
        staff: { type: "integer", label: { zh: "人数", en: "staff" }, min: "0" },
      },
      parameters: {
        threshold: { type: "money", value: threshold, unit: "yuan", label: { zh: "门槛", en: "threshold" } },
        minStaff: { type: "integer", value: 10, label: { zh: "最少人数", en: "minimum staff" } },
        rate: { type: "rate", value: "0.5", label: { zh: "比例", en: "rate" } },
        cap: { type: "money", value: cap, label: { zh: "上限", en: "cap" } },
      },
      conditions: [
        { id: "enough", label: { zh: "够", en: "enough" }, logic: { "jjj.gte": [{ var: "amount" }, { "jjj.param": "threshold" }] } },
        { id: "staffed", label: { zh: "人够", en: "staffed" }, logic: { ">=": [{ var: "staff" }, { "jjj.param": "minStaff" }] } },
      ],
      outcome: {
        eligible: { type: "boolean", label: { zh: "符合", en: "eligible" }, logic: { and: [{ "jjj.condition": "enough" }, { "jjj.condition": "staffed" }] } },
        grant: {
          type: "money",
          label: { zh: "补助", en: "grant" },
          logic: { if: [{ "jjj.outcome": "eligible" }, { "jjj.min": [{ "jjj.param": "cap" }, { "jjj.mul": [{ "jjj.param": "rate" }, { var: "amount" }] }] }, "0"] },
        },
      },
      examples: [
        { description: "small", on: "2025-06-01", facts: { amount: "10", staff: 3 }, expected: { outcome: { eligible: false } } },
        { description: "big", on: "2025-06-01", facts: { amount: "1000", staff: 12 }, expected: { outcome: { eligible: true } } },
      ],
      ...extra,
    });

  it("thresholds ± one fen (money) and ± one (integer), and the cap point, with a live context", () => {
    const set = loadRules(rule(1, "100", "300"), rule(2, "200", "400"));
    const d = diffRules("sjz-2025/test-rule@1", "sjz-2025/test-rule@2", { ruleSet: set });
    const b = d.behaviour!;
    // The context for amount is the example under which staffed holds (the "big" one), and vice versa.
    expect(b.contexts.find((c) => c.input === "amount")).toMatchObject({ facts: { staff: 12 }, example: 'example of v1: “big”' });
    expect(b.contexts.find((c) => c.input === "staff")).toMatchObject({ facts: { amount: "1000" } });
    const varied = (input: string) => b.changes.filter((c) => c.case.varies?.input === input).map((c) => c.case.varies!.value);
    // amount: 100 (v1 threshold) and 100.01 change (eligible → not); 99.99 does not (ineligible in both).
    expect(varied("amount")).toEqual(expect.arrayContaining(["100", "100.01", "199.99"]));
    expect(varied("amount")).not.toContain("99.99");
    // Cap points: 0.5 × amount shows the cap 300 from 599.99 (299.995 rounds to 300.00) under v1, and 400
    // from 799.99 under v2; each with one fen below and the whole yuan. At v1's, v2 gives the same 300.
    expect(b.boundaryValues["amount"]).toEqual(["99.99", "100", "100.01", "199.99", "200", "200.01", "599.98", "599.99", "600", "799.98", "799.99", "800"]);
    expect(varied("amount")).not.toContain("600");
    expect(b.changes.find((c) => c.case.varies?.value === "800")!.fields.map((f) => f.text)).toEqual(["grant 300.00 → 400.00 yuan (+100.00)"]);
    expect(b.changes.find((c) => c.case.varies?.value === "799.98")!.fields.map((f) => f.text)).toEqual(["grant 300.00 → 399.99 yuan (+99.99)"]);
    expect(b.boundaryValues["staff"]).toEqual(["9", "10", "11"]);
    // staff: the integer threshold 10 (same in both) ± one. With amount 1,000 held, 10 and 11 are eligible
    // under both and the grant rises with the cap (300 → 400); 9 is ineligible under both.
    expect(varied("staff")).toEqual(["10", "11"]);
    expect(b.changes.find((c) => c.case.varies?.input === "staff")!.fields.map((f) => f.text)).toEqual(["grant 300.00 → 400.00 yuan (+100.00)"]);
    expect(b.cases).toBeGreaterThan(b.exampleCases);
  });

  it("a new required input is an input change, and old facts are now rejected", () => {
    const v2 = rule(2, "100", "300");
    v2.inputs.region = { type: "enum", label: { zh: "地区", en: "region" }, values: { a: { zh: "甲", en: "A" } } };
    v2.examples = [{ description: "with region", on: "2026-06-01", facts: { amount: "1000", staff: 12, region: "a" }, expected: { outcome: { eligible: true } } }];
    const set = loadRules(rule(1, "100", "300"), v2);
    const d = diffRules("sjz-2025/test-rule@1", "sjz-2025/test-rule@2", { ruleSet: set });
    expect(d.inputs.map((c) => c.text)).toEqual(["input region added (enum: a, required — region (地区)); facts without it are rejected"]);
    const rejected = d.behaviour!.changes.filter((c) => c.fields[0]!.field === "rejected");
    expect(rejected.length).toBeGreaterThan(0);
    expect(rejected[0]!.fields[0]!.text).toContain("facts accepted → rejected (v2: region: ");
  });

  it("a threshold computed from a rate and another input is found where its condition flips", () => {
    // cost ≤ rate × budget (以内): with budget 100,000, the limit is 15,000 under v1 (15%) and 20,000 under v2 (20%).
    const limited = (version: number, rate: string) =>
      minimalRule({
        version,
        ...(version > 1 && { supersedes: 1 }),
        validity: version === 1 ? { from: { date: "2025-01-01", basis: "stated" }, to: { date: "2025-12-31", basis: "stated" } } : { from: { date: "2026-01-01", basis: "stated" } },
        inputs: { budget: { type: "money", label: { zh: "预算", en: "budget" } }, cost: { type: "money", label: { zh: "费用", en: "cost" } } },
        parameters: { rate: { type: "rate", value: rate, label: { zh: "比例", en: "rate" } } },
        conditions: [{ id: "withinLimit", label: { zh: "以内", en: "within the limit" }, logic: { "jjj.lte": [{ var: "cost" }, { "jjj.mul": [{ "jjj.param": "rate" }, { var: "budget" }] }] } }],
        outcome: { exempt: { type: "boolean", label: { zh: "免", en: "exempt" }, logic: { "jjj.condition": "withinLimit" } } },
        examples: [{ description: "within", on: "2025-06-01", facts: { budget: "100000", cost: "1000" }, expected: { outcome: { exempt: true } } }],
      });
    const set = loadRules(limited(1, "0.15"), limited(2, "0.20"));
    const b = diffRules("sjz-2025/test-rule@1", "sjz-2025/test-rule@2", { ruleSet: set }).behaviour!;
    expect(b.boundaryValues["cost"]).toEqual(["14999.99", "15000", "15000.01", "19999.99", "20000", "20000.01"]);
    expect(b.changes.map((c) => [c.case.varies!.value, c.fields.map((f) => f.text).join("; ")])).toEqual([
      ["15000.01", "exempt no → yes"],
      ["19999.99", "exempt no → yes"],
      ["20000", "exempt no → yes"],
    ]);
    expect(b.changes[0]!.case.origins[0]).toBe("one fen above the threshold of v1 where withinLimit (“within the limit”) flips, with rate = 15%");
  });

  it("diffs two different rules of one set", () => {
    const other = { ...rule(1, "100", "300"), id: "sjz-2025/other-rule" };
    const set = loadRuleSet(withDocument({ path: "sjz-2025/test-rule/v1.json", json: rule(1, "100", "300") }, { path: "sjz-2025/other-rule/v1.json", json: other }));
    const d = diffRules("sjz-2025/test-rule@1", "sjz-2025/other-rule@1", { ruleSet: set });
    expect(d.metadata.map((c) => c.text)).toEqual(["rule id sjz-2025/test-rule → sjz-2025/other-rule"]);
    expect(d.behaviour!.changes).toEqual([]);
    expect(formatRuleDiff(d)).toContain("sjz-2025/test-rule@1 → sjz-2025/other-rule@1");
  });
});
