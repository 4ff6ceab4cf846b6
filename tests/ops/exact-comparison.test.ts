import { describe, expect, it } from "vitest";
import { logicText } from "../../src/logic/formula.js";
import { OPERATIONS } from "../../src/ops/index.js";
import { evaluateBoth, failure, problems, run } from "./helpers.js";

// Exact comparison (src/ops/exact-comparison.ts): jjj.eq, gt, gte, lt, lte.

const v = (name: string) => ({ var: name });
const NAMES = ["jjj.eq", "jjj.gt", "jjj.gte", "jjj.lt", "jjj.lte"];

describe("exact comparison", () => {
  it("takes two decimal operands and gives a boolean", () => {
    for (const name of NAMES) {
      expect(OPERATIONS.get(name)!.arity, name).toEqual({ min: 2, max: 2 });
      expect(OPERATIONS.get(name)!.result, name).toBe("boolean");
    }
    expect(problems({ "jjj.gte": [v("money")] })).toEqual(['wrong_arity @/jjj.gte: "jjj.gte" takes 2 operand(s), found 1']);
    expect(problems({ "jjj.lt": [v("money"), v("city")] })).toEqual(["not_decimal @/jjj.lt/1: jjj.lt needs decimal operands; this one is a string"]);
    expect(problems({ "jjj.eq": [v("money"), "500000.00"] })).toEqual([]);
  });

  it("compares values, not texts", () => {
    const table: [string, string, string, boolean][] = [
      ["jjj.eq", "500000", "500000.00", true],
      ["jjj.eq", "0.1", "0.10000000000000001", false],
      ["jjj.gt", "10", "9.99", true],
      ["jjj.gt", "2", "10", false], // as text, "2" > "10"
      ["jjj.gte", "1.0", "1", true],
      ["jjj.lt", "-0.01", "0", true],
      ["jjj.lte", "3", "2.999", false],
    ];
    for (const [op, a, b, expected] of table) expect(run({ [op]: [a, b] }), `${op} ${a} ${b}`).toBe(expected);
    expect(failure({ "jjj.gt": ["1", "x"] })).toMatch(/^jjj\.gt: /);
  });

  it("agrees on the fast path (an input against a parameter in one closure) and the reference path", () => {
    for (const amount of ["99.99", "100", "100.00", "100.01"]) {
      for (const op of NAMES) {
        const [fast, reference] = evaluateBoth({ [op]: [{ var: "amount" }, { "jjj.param": "threshold" }] }, "boolean", { amount });
        expect(fast, `${op} ${amount}`).toBe(reference);
      }
    }
  });

  it("writes comparison symbols", () => {
    expect(logicText({ "jjj.gte": [v("contractAmount"), { "jjj.param": "threshold" }] })).toBe("contractAmount ≥ threshold");
    expect(logicText({ "jjj.eq": [{ "jjj.add": [v("a"), v("b")] }, "1"] })).toBe("a + b = 1");
    expect(logicText({ "jjj.lte": [v("a"), v("b")] })).toBe("a ≤ b");
  });
});
