import { describe, expect, it } from "vitest";
import { DIVISION_SIGNIFICANT_DIGITS, LimitError } from "../../src/exact/limits.js";
import { OPERATIONS } from "../../src/ops/index.js";
import type { GrowthBound, GrowthContext } from "../../src/ops/operation.js";
import { codes, failure, run } from "../ops/helpers.js";

// Tests written for mutants of src/ops/exact-arithmetic.ts that survived `npm run test:mutation` (docs/testing.md,
// "Mutation testing"). Values are worked out by hand; growth bounds from the formulas the module documents.

const op = (name: string) => OPERATIONS.get(name)!;
const num = (logic: unknown) => String(run(logic));
const UNKNOWN = { unknown: true } as unknown as GrowthBound;
const bound = (int: number, frac: number) => ({ int, frac }) as GrowthBound;

/** A growth context whose helpers give back what they are given, so a test reads the op's arithmetic. */
function ctx(operands: { int: number; frac: number }[], args: unknown[] = [], anyUnknown = false): GrowthContext {
  return {
    args,
    operands: operands.map(({ int, frac }) => bound(int, frac)),
    anyUnknown,
    unknown: UNKNOWN,
    decimal: (b: { int: number; frac: number }) => bound(b.int, b.frac),
  } as unknown as GrowthContext;
}

describe("growth bounds of exact arithmetic", () => {
  it("a sum or difference: the widest integer part, plus one digit per tenfold of operands (at least one), the widest fraction", () => {
    for (const name of ["jjj.add", "jjj.sub"]) {
      expect(op(name).growth(ctx([{ int: 3, frac: 2 }, { int: 5, frac: 1 }]))).toEqual(bound(6, 2));
      expect(op(name).growth(ctx([{ int: 3, frac: 2 }, { int: 5, frac: 1 }], [], true))).toBe(UNKNOWN);
    }
    expect(op("jjj.add").growth(ctx([{ int: 4, frac: 0 }]))).toEqual(bound(5, 0));
    expect(op("jjj.add").growth(ctx(Array.from({ length: 10 }, () => ({ int: 1, frac: 3 }))))).toEqual(bound(2, 3));
    expect(op("jjj.add").growth(ctx(Array.from({ length: 11 }, () => ({ int: 1, frac: 3 }))))).toEqual(bound(3, 3));
    expect(op("jjj.add").growth(ctx(Array.from({ length: 101 }, () => ({ int: 1, frac: 0 }))))).toEqual(bound(4, 0));
  });

  it("min and max: the widest operand", () => {
    for (const name of ["jjj.min", "jjj.max"]) {
      expect(op(name).growth(ctx([{ int: 3, frac: 4 }, { int: 5, frac: 1 }]))).toEqual(bound(5, 4));
      expect(op(name).growth(ctx([{ int: 3, frac: 4 }], [], true))).toBe(UNKNOWN);
    }
  });

  it("a product: the integer digits add up, and so do the decimal places", () => {
    expect(op("jjj.mul").growth(ctx([{ int: 3, frac: 2 }, { int: 5, frac: 1 }, { int: 1, frac: 4 }]))).toEqual(bound(9, 7));
    expect(op("jjj.mul").growth(ctx([{ int: 3, frac: 2 }], [], true))).toBe(UNKNOWN);
  });

  it("a quotient: int(a) + frac(b) + 1 integer digits, significant digits − 1 + frac(a) + int(b) places", () => {
    expect(op("jjj.div").growth(ctx([{ int: 3, frac: 2 }, { int: 5, frac: 1 }]))).toEqual(bound(5, DIVISION_SIGNIFICANT_DIGITS - 1 + 2 + 5));
    expect(op("jjj.div").growth(ctx([{ int: 3, frac: 2 }, { int: 5, frac: 1 }], [], true))).toBe(UNKNOWN);
  });

  it("a rounding: one more integer digit (9.995 → 10.00), no more places than asked, 2 by default", () => {
    expect(op("jjj.round").growth(ctx([{ int: 3, frac: 6 }], ["x", 4]))).toEqual(bound(4, 4));
    expect(op("jjj.round").growth(ctx([{ int: 3, frac: 1 }], ["x", 4]))).toEqual(bound(4, 1));
    expect(op("jjj.round").growth(ctx([{ int: 3, frac: 6 }], ["x"]))).toEqual(bound(4, 2));
    expect(op("jjj.round").growth(ctx([{ int: 3, frac: 6 }], ["x", { var: "p" }]))).toEqual(bound(4, 2));
    expect(op("jjj.round").growth(ctx([{ int: 3, frac: 6 }], ["x", 4], true))).toBe(UNKNOWN);
  });
});

describe("evaluation of exact arithmetic", () => {
  it("adds, subtracts (in order), multiplies and divides exactly", () => {
    expect(num({ "jjj.add": ["7.5"] })).toBe("7.5");
    expect(num({ "jjj.add": ["1", "2", "3.25"] })).toBe("6.25");
    expect(num({ "jjj.sub": ["5", "3"] })).toBe("2");
    expect(num({ "jjj.sub": ["3", "5"] })).toBe("-2");
    expect(num({ "jjj.mul": ["1.5", "2", "3"] })).toBe("9");
    expect(num({ "jjj.mul": ["4"] })).toBe("4");
    expect(num({ "jjj.div": ["7", "2"] })).toBe("3.5");
    expect(num({ "jjj.div": ["0", "5"] })).toBe("0");
    expect(num({ "jjj.div": ["2", "3"] })).toBe("0.6666666666666666666666666666666666666667");
    expect(num({ "jjj.min": ["3", "-1", "2"] })).toBe("-1");
    expect(num({ "jjj.max": ["3", "-1", "2"] })).toBe("3");
    expect(num({ "jjj.max": ["-4"] })).toBe("-4");
  });

  it("takes the operand counts the arity says, at evaluation too", () => {
    expect(failure({ "jjj.sub": ["1", "2", "3"] })).toBe("jjj.sub: expected 2 operands, got 3");
    expect(failure({ "jjj.div": ["1"] })).toBe("jjj.div: expected 2 operands, got 1");
    expect(failure({ "jjj.mul": [] })).toBe("jjj.mul: expected 1 or more operands, got 0");
    expect(failure({ "jjj.min": [] })).toBe("jjj.min: expected 1 or more operands, got 0");
    expect(failure({ "jjj.max": [] })).toBe("jjj.max: expected 1 or more operands, got 0");
    expect(failure({ "jjj.max": ["1", "x"] })).toMatch(/^jjj\.max: operand "x" is not a decimal$/);
    expect(failure({ "jjj.min": ["x"] })).toMatch(/^jjj\.min: /);
    expect(failure({ "jjj.div": ["x", "1"] })).toMatch(/^jjj\.div: /);
  });

  it("division by zero is a RangeError", () => {
    expect(() => op("jjj.div").evaluate!(["1", "0"], {} as never, {})).toThrow(new RangeError("jjj.div: division by zero"));
  });

  it("a result over the integer-digit limit is a LimitError naming the operation", () => {
    const big = "9".repeat(100);
    for (const [name, args] of [
      ["jjj.add", [big, "1"]],
      ["jjj.sub", [big, "-1"]],
      ["jjj.mul", [big, "10"]],
      ["jjj.div", ["1" + "0".repeat(99), "0.1"]], // 10^99 ÷ 0.1 = 10^100, exact
      ["jjj.round", [big + ".9", 0]],
    ] as const) {
      let error: unknown;
      try {
        op(name).evaluate!([...args], {} as never, {});
      } catch (e) {
        error = e;
      }
      expect(error, name).toBeInstanceOf(LimitError);
      expect((error as Error).message, name).toBe(`${name}: the result has 101 integer digits, more than MAX_DECIMAL_INTEGER_DIGITS (100), the most a decimal may have; this limit is fixed`);
    }
    expect(num({ "jjj.add": [big, "0"] })).toBe(big);
  });
});

describe("jjj.round: places, modes, defaults", () => {
  it.each([
    [["2.345"], "2.35"],
    [["2.344"], "2.34"],
    [["-2.345"], "-2.35"],
    [["2.345", 2, "half-even"], "2.34"],
    [["2.355", 2, "half-even"], "2.36"],
    [["2.341", 2, "up"], "2.35"],
    [["2.349", 2, "down"], "2.34"],
    [["-2.341", 2, "floor"], "-2.35"],
    [["-2.349", 2, "ceil"], "-2.34"],
    [["2.5", 0], "3"],
    [["2.5", 0, "half-up"], "3"],
    [["1.23456", 3], "1.235"],
    [["0.123456789012345678915", 20], "0.12345678901234567892"],
  ])("%j → %s", (args, expected) => {
    expect(num({ "jjj.round": args })).toBe(expected);
  });

  it("refuses places outside 0–20 or not whole, a mode it does not know, and a wrong count", () => {
    const evaluate = op("jjj.round").evaluate!;
    expect(() => evaluate(["1", -1], {} as never, {})).toThrow(new TypeError("jjj.round: places -1 is not an integer 0–20"));
    expect(() => evaluate(["1", 1.5], {} as never, {})).toThrow(new TypeError("jjj.round: places 1.5 is not an integer 0–20"));
    expect(() => evaluate(["1", "2"], {} as never, {})).toThrow(new TypeError('jjj.round: places "2" is not an integer 0–20'));
    expect(() => evaluate(["1", 2, 3], {} as never, {})).toThrow(new TypeError("jjj.round: unknown rounding mode 3"));
    expect(() => evaluate(["1", 2, "toString"], {} as never, {})).toThrow(new TypeError('jjj.round: unknown rounding mode "toString"'));
    expect(() => evaluate([], {} as never, {})).toThrow(new TypeError("jjj.round: expected 1–3 operands, got 0"));
    expect(() => evaluate(["1", 2, "up", 4], {} as never, {})).toThrow(new TypeError("jjj.round: expected 1–3 operands, got 4"));
    // A list whose text is a mode's name is not a mode (an own-key test alone would take ["up"] as "up").
    expect(() => evaluate(["1.5", 0, ["up"]], {} as never, {})).toThrow(/^jjj\.round: unknown rounding mode /);
    expect(codes({ "jjj.round": [{ var: "money" }, 0, ["up"]] })).toEqual(["bad_round"]);
    expect(() => evaluate(["x"], {} as never, {})).toThrow(new TypeError('jjj.round: operand "x" is not a decimal'));
    expect(String(evaluate(["1.005", 0], {} as never, {}))).toBe("1");
    expect(String(evaluate(["1.5", 20], {} as never, {}))).toBe("1.5");
  });

  it("the checker: places 0 and 20 and every mode are taken; 21, −1, 1.5 and a non-literal are not", () => {
    expect(codes({ "jjj.round": [{ var: "money" }, 0] })).toEqual([]);
    expect(codes({ "jjj.round": [{ var: "money" }, 20, "ceil"] })).toEqual([]);
    expect(codes({ "jjj.round": [{ var: "money" }] })).toEqual([]);
    for (const places of [21, -1, 1.5, "2"]) expect(codes({ "jjj.round": [{ var: "money" }, places] })).toEqual(["bad_round"]);
    expect(codes({ "jjj.round": [{ var: "money" }, 2, "constructor"] })).toEqual(["bad_round"]);
  });

  it("its literal rounding, defaults included, or none when not valid", () => {
    const rounding = op("jjj.round").rounding!;
    expect(rounding(["x"])).toEqual({ places: 2, mode: "half-up" });
    expect(rounding(["x", 0])).toEqual({ places: 0, mode: "half-up" });
    expect(rounding(["x", 3, "floor"])).toEqual({ places: 3, mode: "floor" });
    expect(rounding(["x", 21])).toBeUndefined();
    expect(rounding(["x", 2, "nearest"])).toBeUndefined();
    expect(rounding(["x", { var: "p" }])).toBeUndefined();
  });
});
