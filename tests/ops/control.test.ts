import { describe, expect, it } from "vitest";
import { definitionText, logicText } from "../../src/logic/formula.js";
import { OPERATIONS } from "../../src/ops/index.js";
import { evaluateBoth, problems, run } from "./helpers.js";

// Logic and control (src/ops/control.ts): if, ?:, and, or, !, !!.

const v = (name: string) => ({ var: name });
const c = (name: string) => ({ "jjj.condition": name });

describe("if", () => {
  it("types as its branches' common type", () => {
    const result = OPERATIONS.get("if")!.result as (t: readonly string[]) => string;
    expect(result(["boolean", "decimal", "decimal"])).toBe("decimal");
    expect(result(["boolean", "decimal", "string"])).toBe("any");
    expect(result([])).toBe("null");
    expect(problems({ if: [c("met"), { "jjj.add": [v("money"), "1"] }, "0"] })).toEqual([]);
  });

  it("evaluates only the chosen branch, with JsonLogic truthiness", () => {
    expect(run({ if: [[], "a", "b"] })).toBe("b"); // an empty list is falsy
    expect(run({ if: [false, "a", 0, "b"] })).toBe(null);
    expect(run({ "?:": [true, "a", { "jjj.div": ["1", "0"] }] })).toBe("a");
    expect(run({ if: [false, "a", true, "b", "c"] })).toBe("b");
  });

  it("agrees on both paths when computed in scaled integers", () => {
    const logic = { if: [{ "jjj.gte": [v("amount"), { "jjj.param": "threshold" }] }, { "jjj.mul": [v("amount"), "0.1"] }, "0"] };
    for (const amount of ["0", "99.99", "100", "123456.78"]) {
      const [fast, reference] = evaluateBoth(logic, "money", { amount });
      expect(fast, amount).toBe(reference);
    }
  });

  it("writes IF / THEN / ELSE, over lines when long", () => {
    expect(logicText({ if: [v("a"), "1", v("b"), "2", "3"] })).toBe("IF a THEN 1 ELSE IF b THEN 2 ELSE 3");
    expect(logicText({ if: [v("a"), "1", "0"] }, undefined, "zh")).toBe("如果 a 则 1 否则 0");
    expect(definitionText("x", { if: [v("a"), "1", "0"] }, undefined, 5)).toBe(["x = IF a", "      THEN 1", "    ELSE 0"].join("\n"));
  });
});

describe("and, or", () => {
  it("need at least one operand, in words of their own", () => {
    expect(problems({ and: [] })).toEqual(['wrong_arity @/and: "and" needs at least one operand']);
    expect(problems({ or: [] })).toEqual(['wrong_arity @/or: "or" needs at least one operand']);
    expect(problems({ or: [c("met")] })).toEqual([]);
  });

  it("give the deciding operand", () => {
    expect(run({ and: [1, "x", 0, "y"] })).toBe(0);
    expect(run({ or: [0, "", "x", { "jjj.div": ["1", "0"] }] })).toBe("x");
    expect(run({ and: [true, "last"] })).toBe("last");
  });

  it("write AND / OR with the parentheses precedence needs", () => {
    expect(logicText({ and: [{ or: [v("x"), v("y")] }, { "!": v("z") }] })).toBe("(x OR y) AND NOT z");
    expect(logicText({ or: [v("x"), { and: [v("y"), v("z")] }] }, undefined, "zh")).toBe("x 或 y 且 z");
  });
});

describe("!, !!", () => {
  it("give booleans by JsonLogic truthiness", () => {
    expect(run({ "!": [[]] })).toBe(true);
    expect(run({ "!!": ["0"] })).toBe(true);
    expect(run({ "!": [0] })).toBe(true);
    expect(OPERATIONS.get("!")!.result).toBe("boolean");
    expect(logicText({ "!!": [v("a")] })).toBe("truthy(a)");
  });
});
