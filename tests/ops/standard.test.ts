import { describe, expect, it } from "vitest";
import { logicText } from "../../src/logic/formula.js";
import { OPERATIONS } from "../../src/ops/index.js";
import { codes, failure, problems, run } from "./helpers.js";

// The json-logic-js standard operations (src/ops/standard-*.ts), the profile's and the rejected ones.

const v = (name: string) => ({ var: name });

describe("standard comparison", () => {
  it("refuses === on decimals and orderings on anything but numbers", () => {
    expect(problems({ "===": [v("money"), "500000"] })).toEqual(['decimal_equality @/===: "===" compares decimals as text ("500000" !== "500000.00"); use jjj.eq']);
    expect(codes({ "<": [v("city"), v("money"), true] })).toEqual(["string_ordering", "decimal_ordering", "not_number"]);
    expect(problems({ ">": [v("count"), 1, 2] })).toEqual(['wrong_arity @/>: ">" takes 2 operand(s), found 3']);
    expect(problems({ "<=": [0, v("count"), 10] })).toEqual([]);
  });

  it("evaluates as json-logic-js, coercions included", () => {
    expect(run({ "<": [1, 2, 3] })).toBe(true);
    expect(run({ "<=": [1, 1, 0] })).toBe(false);
    expect(run({ ">=": ["10", 9] })).toBe(true);
    expect(run({ "===": [1, "1"] })).toBe(false);
    expect(run({ "==": [1, "1"] })).toBe(true);
    expect(run({ "!=": [0, ""] })).toBe(false);
  });

  it("writes = and ≠", () => {
    expect(logicText({ "!==": [v("a"), "x"] })).toBe('a ≠ "x"');
    expect(logicText({ "<": [0, v("a"), 10] })).toBe("0 < a < 10");
  });
});

describe("standard arithmetic", () => {
  it("is float arithmetic on numbers only, dividing by a non-zero literal", () => {
    expect(problems({ "+": [v("money"), 1] })).toEqual([
      'float_arithmetic @/+/0: "+" is float arithmetic on a decimal; use the exact jjj.* operations for money, rates and decimals',
    ]);
    expect(problems({ "/": [v("count"), 0] })).toEqual([
      'float_division @/~1/1: "/" needs a non-zero number literal as divisor (a zero divisor gives Infinity or NaN silently); use jjj.div, which reports division by zero',
    ]);
    expect(codes({ "%": [v("count"), v("count")] })).toEqual(["float_division"]);
    expect(problems({ "-": [v("count"), 1, 2] })).toEqual(['wrong_arity @/-: "-" takes 1–2 operand(s), found 3']);
    expect(OPERATIONS.get("*")!.result).toBe("number");
  });

  it("evaluates as json-logic-js", () => {
    expect(run({ "+": [0.1, 0.2] })).toBe(0.1 + 0.2);
    expect(run({ "+": ["1", "2"] })).toBe(3);
    expect(run({ "-": [5] })).toBe(-5);
    expect(run({ "%": [7, 3] })).toBe(1);
    expect(run({ max: [1, 3, 2] })).toBe(3);
    expect(failure({ "*": [] })).toBe("*: needs at least one argument");
  });

  it("writes symbols, mod and negation", () => {
    expect(logicText({ "%": [v("a"), 2] })).toBe("a mod 2");
    expect(logicText({ "-": [v("a")] })).toBe("−a");
    expect(logicText({ "*": [v("a"), { "+": [v("b"), 1] }] })).toBe("a × (b + 1)");
  });
});

describe("text and lists", () => {
  it("needs a list for in", () => {
    expect(problems({ in: [v("city"), "abc"] })).toEqual([
      'in_on_string @/in/1: "in" needs a list (a literal array or an enumList input); on a string it tests substrings ("" is in everything)',
    ]);
    expect(problems({ in: ["a", v("tags")] })).toEqual([]);
  });

  it("evaluates as json-logic-js, bounded", () => {
    expect(run({ in: ["b", ["a", "b"]] })).toBe(true);
    expect(run({ in: ["b", 5] })).toBe(false);
    expect(run({ cat: ["a", 1, null] })).toBe("a1");
    expect(run({ substr: ["hello", 1, -1] })).toBe("ell");
    expect(run({ merge: [[1], 2, [[3]]] })).toEqual([1, 2, [3]]);
    expect(failure({ cat: ["x".repeat(60_000), "y".repeat(60_000)] })).toMatch(/MAX_BUILT_VALUE_SIZE/);
  });

  it("writes IN and calls", () => {
    expect(logicText({ in: [v("city"), { "jjj.param": "cities" }] })).toBe("city IN cities");
    expect(logicText({ cat: [v("a"), "-"] })).toBe('cat(a, "-")');
  });
});

describe("rejected standard operations", () => {
  it("are refused by the checker with their reason", () => {
    expect(problems({ log: 1 })).toEqual(['forbidden_operation @/log: operation "log" is not allowed in rule files: `log` writes to the console from data; rule files may not use it']);
    expect(codes({ map: [[1], { var: "" }] })).toEqual(["forbidden_operation"]);
    expect(problems({ "==": [1, 1] })[0]).toContain("loose `==` coerces");
    expect(codes({ nope: [] })).toEqual(["unknown_operation"]);
  });

  it("still evaluate with json-logic-js semantics (the conformance suite)", () => {
    expect(run({ filter: [[1, 2, 3], { ">": [{ var: "" }, 1] }] })).toEqual([2, 3]);
    expect(run({ reduce: [[1, 2, 3], { "+": [{ var: "current" }, { var: "accumulator" }] }, 0] })).toBe(6);
    expect(run({ all: [[], true] })).toBe(false);
    expect(run({ missing: ["a", "b"] }, { a: "" })).toEqual(["a", "b"]);
    expect(run({ missing_some: [1, ["a", "b"]] }, { a: 1 })).toEqual([]);
    expect(run({ log: "x" })).toBe("x");
    expect(failure({ method: ["x", "toString"] })).toBe("Unrecognized operation method");
    expect(failure({ nope: [] })).toBe("Unrecognized operation nope");
  });
});
