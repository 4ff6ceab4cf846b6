import { describe, expect, it } from "vitest";
import { checkLogic } from "../../src/logic/check.js";
import { mayBeNull } from "../../src/logic/nullability.js";
import { compile } from "../../src/engine/compile.js";
import { ENV, SCOPE } from "../ops/helpers.js";

// Whether an outcome may be null (src/logic/nullability.ts): read from the typed logic tree, it types
// the generated RuleOutcomes (`amount: string`, `growthRate?: string | null`).

const never = () => false;
const nullable = (logic: unknown, outcome: (name: string) => boolean = never) => {
  const { tree, problems } = checkLogic(logic, SCOPE);
  expect(problems).toEqual([]);
  return mayBeNull(tree, outcome);
};

describe("mayBeNull", () => {
  it.each([
    ["a null literal", null, true],
    ["a decimal literal", "0", false],
    ["an input", { var: "money" }, false],
    ["a parameter", { "jjj.param": "cap" }, false],
    ["a condition", { "jjj.condition": "met" }, false],
    ["arithmetic", { "jjj.mul": [{ var: "money" }, "0.1"] }, false],
    ["if with an else of another type", { if: [{ var: "flag" }, { var: "money" }, "0"] }, false],
    ["if without an else", { if: [{ var: "flag" }, { var: "money" }] }, true],
    ["if with two tests and no else", { if: [{ var: "flag" }, "1", { "jjj.condition": "met" }, "2"] }, true],
    ["if whose else is null", { if: [{ var: "flag" }, "1", null] }, true],
    ["if whose branch is null", { if: [{ var: "flag" }, null, "1"] }, true],
    ["a null test does not make if null", { if: [{ and: [{ var: "flag" }, null] }, "1", "2"] }, false],
    ["and with a null operand", { and: [{ var: "flag" }, null] }, true],
    ["or of non-null operands", { or: [{ var: "flag" }, { "jjj.condition": "met" }] }, false],
  ])("%s", (_, logic, expected) => {
    expect(nullable(logic)).toBe(expected);
  });

  it("a reference to an earlier outcome field is as nullable as that field", () => {
    expect(nullable({ "jjj.outcome": "amount" }, () => true)).toBe(true);
    expect(nullable({ "jjj.outcome": "amount" }, () => false)).toBe(false);
  });

  it("never says 'not null' for an expression that gives null (checked by evaluating)", () => {
    const data = (flag: boolean) => ({ money: "5", flag, count: 1, rate: "0.1", day: "2025-01-01", city: "a", tags: [] });
    const env = { ...ENV, conditions: { met: false } };
    for (const [logic, flag] of [
      [{ if: [{ var: "flag" }, { var: "money" }] }, false],
      [{ if: [{ var: "flag" }, "1", { "jjj.condition": "met" }, "2"] }, false],
      [{ and: [{ var: "flag" }, null] }, true],
      [{ or: [{ var: "flag" }, null] }, false],
    ] as const) {
      expect(compile(logic)(data(flag), env)).toBeNull();
      expect(nullable(logic)).toBe(true);
    }
  });
});
