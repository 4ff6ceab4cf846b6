import { describe, expect, it } from "vitest";
import { codes, problems, run } from "../ops/helpers.js";

// Tests written for mutants of src/ops/standard-arithmetic.ts and src/ops/standard-comparison.ts that survived
// `npm run test:mutation` (docs/testing.md, "Mutation testing"). Expected values are json-logic-js 2.0.5's
// semantics (JavaScript's loose and relational operators), worked out by hand.

const v = (name: string) => ({ var: name });

describe("float division and remainder: the divisor check", () => {
  it("a missing divisor is an arity problem only, not also a zero-divisor problem", () => {
    expect(codes({ "/": [v("count")] })).toEqual(["wrong_arity"]);
    expect(codes({ "%": [v("count")] })).toEqual(["wrong_arity"]);
  });

  it("a zero or non-literal divisor is refused, a non-zero literal taken", () => {
    expect(codes({ "/": [v("count"), 0] })).toEqual(["float_division"]);
    expect(codes({ "%": [v("count"), v("count")] })).toEqual(["float_division"]);
    expect(codes({ "/": [v("count"), 4] })).toEqual([]);
    expect(codes({ "+": [v("count"), 0] })).toEqual([]);
    expect(codes({ "*": [v("count"), 0] })).toEqual([]);
  });
});

describe("strict equality", () => {
  it("=== and !== compare without coercion", () => {
    expect(run({ "===": [1, 1] })).toBe(true);
    expect(run({ "===": [1, "1"] })).toBe(false);
    expect(run({ "!==": [1, "1"] })).toBe(true);
    expect(run({ "!==": ["a", "a"] })).toBe(false);
  });

  it("on a decimal operand they are refused (text comparison), on integers and texts taken", () => {
    expect(problems({ "===": [v("money"), "5"] })).toEqual(['decimal_equality @/===: "===" compares decimals as text ("500000" !== "500000.00"); use jjj.eq']);
    expect(problems({ "!==": [v("rate"), v("rate")] })).toEqual(['decimal_equality @/!==: "!==" compares decimals as text ("500000" !== "500000.00"); use jjj.eq']);
    expect(problems({ "===": [v("count"), 3] })).toEqual([]);
    expect(problems({ "!==": [v("city"), "a"] })).toEqual([]);
  });
});

describe("orderings", () => {
  it.each([
    ["<", [1, 2], true],
    ["<", [2, 2], false],
    ["<", [3, 2], false],
    ["<", [1, 2, 3], true],
    ["<", [1, 3, 2], false],
    ["<", [2, 1, 3], false],
    ["<", [1, 2, 2], false],
    ["<=", [2, 2], true],
    ["<=", [3, 2], false],
    ["<=", [1, 2, 2], true],
    ["<=", [1, 3, 2], false],
    ["<=", [3, 2, 4], false],
    [">", [2, 1], true],
    [">", [1, 1], false],
    [">", [1, 2], false],
    [">=", [1, 1], true],
    [">=", [2, 1], true],
    [">=", [1, 2], false],
    // JavaScript's relational coercions, as json-logic-js: two strings compare as text, a string and a number as numbers.
    ["<", ["10", "9"], true],
    ["<", ["10", 9], false],
    [">", ["10", 9], true],
  ] as const)("%s %j is %s", (op, args, expected) => {
    expect(run({ [op]: args })).toBe(expected);
  });

  it("< and <= take 2 or 3 operands, > and >= exactly 2", () => {
    expect(codes({ "<": [1, 2, 3] })).toEqual([]);
    expect(codes({ "<=": [1, 2, 3] })).toEqual([]);
    expect(codes({ ">": [1, 2, 3] })).toEqual(["wrong_arity"]);
    expect(codes({ ">=": [1, 2, 3] })).toEqual(["wrong_arity"]);
    expect(codes({ "<": [1] })).toEqual(["wrong_arity"]);
  });

  it("says why a string, a date, a decimal or a boolean cannot be ordered", () => {
    expect(codes({ "<": [v("day"), 1] })).toEqual(["string_ordering"]);
    expect(codes({ "<": [v("city"), 1] })).toEqual(["string_ordering"]);
    expect(problems({ ">=": [v("money"), 1] })).toEqual(['decimal_ordering @/>=/0: ">=" on a decimal would compare floats or text; use jjj.gt, jjj.gte, jjj.lt or jjj.lte']);
    expect(problems({ ">": [1, v("flag")] })).toEqual(['not_number @/>/1: ">" orders numbers only; this operand is a boolean']);
    expect(problems({ "<=": [v("day"), 1] })).toEqual(['string_ordering @/<=/0: "<=" on strings compares text, not values; use jjj.gte/jjj.lt for decimals or jjj.dateGte/jjj.dateLt for dates']);
  });
});

describe("loose equality: rejected, evaluated with JavaScript's coercions", () => {
  it("== and != coerce", () => {
    expect(run({ "==": [0, ""] })).toBe(true);
    expect(run({ "==": [1, "1"] })).toBe(true);
    expect(run({ "==": [1, 2] })).toBe(false);
    expect(run({ "!=": [1, "1"] })).toBe(false);
    expect(run({ "!=": [1, 2] })).toBe(true);
  });

  it("the rule profile says why", () => {
    expect(problems({ "==": [1, 1] })).toContain('forbidden_operation @/==: operation "==" is not allowed in rule files: loose `==` coerces (`0 == ""` is true); use `===`, or `jjj.eq` for decimals');
    expect(problems({ "!=": [1, 1] })).toContain('forbidden_operation @/!=: operation "!=" is not allowed in rule files: loose `!=` coerces; use `!==`, or `jjj.eq` negated for decimals');
  });
});

describe("float arithmetic", () => {
  it.each([
    ["+", ["1", 2], 3],
    ["+", [], 0],
    ["+", [0.5, 0.25, 1], 1.75],
    ["-", [5], -5],
    ["-", [5, 3], 2],
    ["*", ["2", 3], 6],
    ["*", [2, 3, 4], 24],
    ["/", [7, 2], 3.5],
    ["%", [7, 3], 1],
    ["min", [3, 1, 2], 1],
    ["max", [3, 1, 2], 3],
  ] as const)("%s %j = %s", (op, args, expected) => {
    expect(run({ [op]: args })).toBe(expected);
  });
});
