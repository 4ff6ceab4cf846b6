import { describe, expect, it } from "vitest";
import { NotAnalysableError, amountCurve, analysability } from "../../src/analysis/index.js";
import { InvalidArgumentError, InvalidFactsError, InvalidOptionsError } from "../../src/errors.js";
import { createEngine } from "../../src/api.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";

/*
 * amountCurve: exact breakpoints, slopes and values, worked out by hand from the source texts.
 */

const facts = { contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };

describe("amountCurve", () => {
  it("sjz-2025/absorption-subsidy along contractAmount: 0 below 50万(含), 10% to 100万(含), 5% above, capped at 50万", () => {
    // 九: 50万元(含)至100万元(含) … 最高10%; 超过100万元的部分 … 最高5%; 每项最高补助50万元.
    // 10% × x on [500,000, 1,000,000]; 100,000 + 5% × (x − 1,000,000) = 50,000 + 0.05x above; the cap
    // 500,000 is reached where 50,000 + 0.05x = 500,000, x = 9,000,000.
    const c = amountCurve("sjz-2025/absorption-subsidy", facts, "contractAmount", { on: "2025-06-01" });
    expect(c).toMatchObject({ ruleId: "sjz-2025/absorption-subsidy", version: 1, inForce: true, step: "0.01", domain: { from: { at: "0", closed: true } } });
    const money = [{ places: 2, mode: "half-up" }];
    expect(c.fields["amount"]!.pieces).toEqual([
      { from: { at: "0", closed: true }, to: { at: "500000", closed: false }, value: { kind: "constant", value: "0.00" } },
      { from: { at: "500000", closed: true }, to: { at: "1000000", closed: true }, value: { kind: "affine", slope: "0.1", intercept: "0", rounding: money } },
      { from: { at: "1000000", closed: false }, to: { at: "9000000", closed: false }, value: { kind: "affine", slope: "0.05", intercept: "50000", rounding: money } },
      { from: { at: "9000000", closed: true }, to: { at: "999999999999999.99", closed: true }, value: { kind: "constant", value: "500000.00" } },
    ]);
    expect(c.fields["amount"]!.breakpoints).toEqual([
      { at: "500000", side: "right", value: "50000.00" },
      { at: "1000000", side: "left", value: "100000.00" },
      { at: "9000000", side: "right", value: "500000.00" },
    ]);
    expect(c.fields["eligible"]!.breakpoints).toEqual([{ at: "500000", side: "right", value: true }]);
    expect(c.conditions["amountAtLeastThreshold"]!.breakpoints).toEqual([{ at: "500000", side: "right", value: true }]);
    expect(c.conditions["modeIsTransferOrLicense"]!.pieces.map((p) => p.value)).toEqual([{ kind: "constant", value: true }]);
  });

  it("breakpoints that are no decimal are exact fractions: sjz-2018/indirect-cost-cap along directCost", () => {
    // 间接费用 ≤ (直接费用 − 设备购置费) × 30%: with equipment 200,000 and indirect 100,000, compliant from
    // 0.3 × (d − 200,000) ≥ 100,000, d ≥ 200,000 + 1,000,000/3 = 1,600,000/3 (533,333.33…); eligible from
    // d ≥ 200,000 (equipment within direct costs); the cap 0.3 × (d − 200,000) rounded down to the fen.
    const c = amountCurve("sjz-2018/indirect-cost-cap", { fundingLevel: "municipal", directCost: "1000000", equipmentCost: "200000", indirectCost: "100000" }, "directCost", { on: "2019-06-01" });
    expect(c.conditions["indirectWithinCap"]!.breakpoints).toEqual([{ at: "1600000/3", side: "right", value: true }]);
    expect(c.fields["eligible"]!.breakpoints).toEqual([{ at: "200000", side: "right", value: true }]);
    expect(c.fields["cap"]!.pieces[1]).toEqual({
      from: { at: "200000", closed: true },
      to: { at: "999999999999999.99", closed: true },
      value: { kind: "affine", slope: "0.3", intercept: "-60000", rounding: [{ places: 2, mode: "down" }] },
    });
  });

  it("dates: sjz-2018/surplus-funds-retention along spendingDate, from the acceptance day to two years on", () => {
    const f = { fundingLevel: "municipal", acceptancePassed: true, acceptanceDate: "2021-03-15", spendingDate: "2023-03-20", forDirectResearchSpending: true };
    const c = amountCurve("sjz-2018/surplus-funds-retention", f, "spendingDate", { on: "2023-06-01" });
    expect(c.step).toBe("1");
    expect(c.fields["eligible"]!.pieces.map((p) => [p.from?.at, p.to?.at, p.value])).toEqual([
      ["0000-01-01", "2021-03-15", { kind: "constant", value: false }],
      ["2021-03-15", "2023-03-15", { kind: "constant", value: true }],
      ["2023-03-15", "9999-12-31", { kind: "constant", value: false }],
    ]);
    expect(c.fields["eligible"]!.breakpoints).toEqual([
      { at: "2021-03-15", side: "right", value: true },
      { at: "2023-03-15", side: "left", value: true },
    ]);
  });

  it("a version not in force gives the constant not-in-force outcome", () => {
    const c = amountCurve("sjz-2025/absorption-subsidy", facts, "contractAmount", { on: "2024-06-01" });
    expect(c.inForce).toBe(false);
    expect(c.fields["amount"]!.pieces.map((p) => p.value)).toEqual([{ kind: "constant", value: "0.00" }]);
  });

  it("stops, naming the operation and its pointer, where the rule is not affine along the input", () => {
    const growth = { growthRateInReview: true, indicatorAllocatedToCounty: true, previousYearContractValue: "100", currentYearContractValue: "150" };
    let error: unknown;
    try {
      amountCurve("hd-2018/contract-growth-review", growth, "previousYearContractValue", { on: "2019-06-01" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(NotAnalysableError);
    expect(error).toMatchObject({ code: "not_analysable", op: "jjj.div", pointer: "outcome.growthRate#/if/1", reason: "a divisor that varies with the input (not affine)" });
    // Along the numerator with a divisor of 100 (1/100 a finite decimal) it is affine: (x − 100) / 100.
    const c = amountCurve("hd-2018/contract-growth-review", growth, "currentYearContractValue", { on: "2019-06-01" });
    expect(c.fields["growthRate"]!.pieces[0]!.value).toEqual({ kind: "affine", slope: "0.01", intercept: "-1", rounding: [] });
  });

  it("an operation with no symbolic form makes the rule not analysable, listed by analysability()", () => {
    const rule = minimalRule({
      inputs: { amount: { type: "money", label: { zh: "金额", en: "amount" } }, name: { type: "string", label: { zh: "名", en: "name" } } },
      outcome: {
        eligible: { type: "boolean", label: { zh: "符合", en: "eligible" }, logic: { "jjj.condition": "enough" } },
        tag: { type: "string", label: { zh: "标", en: "tag" }, logic: { cat: [{ var: "name" }, "-x"] } },
      },
      examples: [{ description: "x", on: "2025-06-01", facts: { amount: "100", name: "a" }, expected: { outcome: { eligible: true, tag: "a-x" } } }],
    });
    const engine = createEngine(loadRules(rule));
    expect(analysability(["sjz-2025/test-rule"], engine)).toEqual([
      { ruleId: "sjz-2025/test-rule", version: 1, analysable: false, op: "cat", pointer: "outcome.tag#", reason: "the operation has no exact symbolic form: it builds text or lists, not numbers" },
    ]);
    expect(() => amountCurve("sjz-2025/test-rule", { amount: "1", name: "a" }, "amount", { on: "2025-06-01", engine })).toThrow(/not analysable: operation cat at outcome\.tag#/);
  });

  it("stops at MAX_LINE_PIECES pieces (a rule with many breakpoints), naming the limit and the option", () => {
    // 40 terms min(amount, k·100): 40 breakpoints, 41 pieces of the sum.
    const terms = Array.from({ length: 40 }, (_, k) => ({ "jjj.min": [{ var: "amount" }, String((k + 1) * 100)] }));
    const rule = minimalRule({
      outcome: {
        eligible: { type: "boolean", label: { zh: "符合", en: "eligible" }, logic: { "jjj.condition": "enough" } },
        total: { type: "money", label: { zh: "和", en: "total" }, logic: { "jjj.add": terms } },
      },
      examples: [{ description: "x", on: "2025-06-01", facts: { amount: "100" }, expected: { outcome: { eligible: true, total: "4000.00" } } }],
    });
    const engine = createEngine(loadRules(rule));
    const c = amountCurve("sjz-2025/test-rule", { amount: "1" }, "amount", { on: "2025-06-01", engine });
    expect(c.fields["total"]!.breakpoints).toHaveLength(40);
    expect(c.fields["total"]!.pieces[1]).toMatchObject({ from: { at: "100" }, to: { at: "200" }, value: { slope: "39", intercept: "100" } });
    expect(() => amountCurve("sjz-2025/test-rule", { amount: "1" }, "amount", { on: "2025-06-01", engine, maxPieces: 40 })).toThrow(/more than 40 pieces \(MAX_LINE_PIECES; raise it with the option maxPieces\)/);
    expect(() => amountCurve("sjz-2025/test-rule", { amount: "1" }, "amount", { on: "2025-06-01", engine, maxPieces: 0 })).toThrow(InvalidOptionsError);
  });

  it("refuses an input that is not on a line, and facts that do not fit", () => {
    expect(() => amountCurve("sjz-2025/absorption-subsidy", facts, "transferMode", { on: "2025-06-01" })).toThrow(InvalidArgumentError);
    expect(() => amountCurve("sjz-2025/absorption-subsidy", facts, "constructor", { on: "2025-06-01" })).toThrow(InvalidArgumentError);
    expect(() => amountCurve("sjz-2025/absorption-subsidy", { ...facts, contractAmount: "-1" }, "contractAmount", { on: "2025-06-01" })).toThrow(InvalidFactsError);
  });
});
