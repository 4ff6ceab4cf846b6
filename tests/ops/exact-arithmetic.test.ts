import { describe, expect, it } from "vitest";
import { logicText } from "../../src/logic/formula.js";
import { OPERATIONS } from "../../src/ops/index.js";
import { codes, evaluateBoth, failure, problems, run } from "./helpers.js";

// Exact arithmetic (src/ops/exact-arithmetic.ts): jjj.add, sub, mul, div, min, max, round.

const v = (name: string) => ({ var: name });

describe("exact arithmetic: arity", () => {
  it("takes one or more operands for add/mul/min/max, exactly two for sub/div, 1–3 for round", () => {
    expect(OPERATIONS.get("jjj.add")!.arity).toEqual({ min: 1, max: Infinity });
    expect(problems({ "jjj.add": [] })).toEqual(['wrong_arity @/jjj.add: "jjj.add" takes at least 1 operand(s), found 0']);
    expect(problems({ "jjj.sub": [v("money")] })).toEqual(['wrong_arity @/jjj.sub: "jjj.sub" takes 2 operand(s), found 1']);
    expect(problems({ "jjj.div": ["1", "2", "3"] })).toEqual(['wrong_arity @/jjj.div: "jjj.div" takes 2 operand(s), found 3']);
    expect(problems({ "jjj.round": ["1", 2, "half-up", 4] })).toContain('wrong_arity @/jjj.round: "jjj.round" takes 1–3 operand(s), found 4');
    expect(problems({ "jjj.mul": [v("money"), v("rate"), "2"] })).toEqual([]);
  });

  it("throws at evaluation on a wrong count too", () => {
    expect(failure({ "jjj.sub": ["1"] })).toBe("jjj.sub: expected 2 operands, got 1");
    expect(failure({ "jjj.add": [] })).toBe("jjj.add: expected 1 or more operands, got 0");
  });
});

describe("exact arithmetic: operand types", () => {
  it("accepts decimals, integers and literal decimal strings; refuses text, dates, booleans", () => {
    expect(codes({ "jjj.add": [v("money"), v("count"), "0.5", 3] })).toEqual([]);
    expect(problems({ "jjj.add": [v("money"), v("city")] })).toEqual(["not_decimal @/jjj.add/1: jjj.add needs decimal operands; this one is a string"]);
    expect(problems({ "jjj.min": [v("day"), true] })).toEqual([
      "not_decimal @/jjj.min/0: jjj.min needs decimal operands; this one is a date",
      "not_decimal @/jjj.min/1: jjj.min needs decimal operands; this one is a boolean",
    ]);
    expect(OPERATIONS.get("jjj.mul")!.result).toBe("decimal");
  });
});

describe("exact arithmetic: evaluation", () => {
  it("is exact where floats drift", () => {
    expect(String(run({ "jjj.add": ["0.1", "0.2"] }))).toBe("0.3");
    expect(String(run({ "jjj.mul": ["1368497.90", "0.0865"] }))).toBe("118375.06835") // 109479.832 + 8895.23635;
    expect(String(run({ "jjj.sub": ["500000", "500000.00"] }))).toBe("0");
    expect(String(run({ "jjj.div": ["1", "3"] }))).toBe("0.3333333333333333333333333333333333333333");
    expect(String(run({ "jjj.max": ["-1", "0", "-0.5"] }))).toBe("0");
    expect(String(run({ "jjj.min": ["2", "10"] }))).toBe("2");
  });

  it("reports division by zero", () => {
    expect(failure({ "jjj.div": ["1", "0.00"] })).toBe("jjj.div: division by zero");
  });

  it("rounds once, to 2 places half-up unless the rule says otherwise", () => {
    expect(String(run({ "jjj.round": ["2.345"] }))).toBe("2.35");
    expect(String(run({ "jjj.round": ["2.345", 1, "down"] }))).toBe("2.3");
    expect(String(run({ "jjj.round": ["-2.5", 0, "half-even"] }))).toBe("-2");
    expect(failure({ "jjj.round": ["1", 21] })).toBe("jjj.round: places 21 is not an integer 0–20");
    expect(failure({ "jjj.round": ["1", 2, "nearest"] })).toBe('jjj.round: unknown rounding mode "nearest"');
  });

  it("gives the same values on the fast path (scaled integers) and the reference path", () => {
    const amount = { "jjj.min": [{ "jjj.param": "threshold" }, { "jjj.round": [{ "jjj.mul": [{ var: "amount" }, "0.085"] }, 2, "half-up"] }] };
    for (const facts of [{ amount: "0" }, { amount: "1176.47" }, { amount: "1176.48" }, { amount: "99999999.99" }]) {
      const [fast, reference] = evaluateBoth(amount, "money", facts);
      expect(fast).toBe(reference);
    }
    expect(evaluateBoth({ "jjj.sub": [{ var: "amount" }, { "jjj.param": "threshold" }] }, "money", { amount: "0.01" })).toEqual(["-99.99", "-99.99"]);
  });
});

describe("exact arithmetic: checks of jjj.round", () => {
  it("needs literal places 0–20 and a known mode", () => {
    expect(problems({ "jjj.round": [v("money"), v("count")] })).toEqual(["bad_round @/jjj.round/1: jjj.round places must be a literal integer 0–20"]);
    expect(problems({ "jjj.round": [v("money"), 2, "up-ish"] })).toEqual([
      "bad_round @/jjj.round/2: jjj.round mode must be one of half-up, half-even, down, up, floor, ceil",
    ]);
    expect(OPERATIONS.get("jjj.round")!.rounding!(["1"])).toEqual({ places: 2, mode: "half-up" });
  });
});

describe("exact arithmetic: formula text", () => {
  it("writes infix symbols, calls and the rounding the engine does", () => {
    expect(logicText({ "jjj.mul": [v("r"), { "jjj.add": [v("a"), v("b")] }] })).toBe("r × (a + b)");
    expect(logicText({ "jjj.div": [v("a"), { "jjj.div": [v("b"), v("c")] }] })).toBe("a ÷ (b ÷ c)");
    expect(logicText({ "jjj.max": ["0", { "jjj.sub": [v("a"), v("b")] }] })).toBe("max(0, a − b)");
    // The engine's default places are 2: the catalogue said 0 before src/ops.
    expect(logicText({ "jjj.round": [v("a")] })).toBe("round(a, 2 decimals, half-up)");
    expect(logicText({ "jjj.round": [v("a"), 4, "down"] })).toBe("round(a, 4 decimals, down)");
  });
});
