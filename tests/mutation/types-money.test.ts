import { describe, expect, it } from "vitest";
import { Dec } from "../../src/exact/decimal.js";
import { INVALID, NOT_FAST, VALUE_TYPES } from "../../src/types/index.js";

// Survivors of src/types/money.ts in `npm run test:mutation` (docs/testing.md, "Mutation testing"). Every
// expected value is worked out by hand from the module's contract: money is yuan with at most two
// decimals (fen), ≥ 0 unless declared otherwise, read by the fast path in fen.

const money = VALUE_TYPES.money;
const label = { zh: "测试", en: "test" };
const spec = { type: "money" as const, label };

describe("money: the check of a fact", () => {
  it("takes yuan with 0, 1 or 2 decimals and up to 15 integer digits, nothing else", () => {
    const accept = money.expectation(spec).accept;
    expect(accept("0")).toBe("0.00");
    expect(accept("7.5")).toBe("7.50");
    expect(accept("999999999999999.99")).toBe("999999999999999.99"); // 15 integer digits
    expect(accept("1.")).toBeUndefined();
    expect(accept(".5")).toBeUndefined();
    expect(accept("1.234")).toBeUndefined();
    expect(accept("x1")).toBeUndefined(); // anchored at the start
    expect(accept("1x")).toBeUndefined(); // and at the end
    expect(accept(true)).toBeUndefined();
    expect(accept(null)).toBeUndefined();
  });

  it("applies a declared minimum and maximum, both inclusive", () => {
    const accept = money.expectation({ ...spec, min: "10", max: "20" }).accept;
    expect(accept("9.99")).toBeUndefined();
    expect(accept("10")).toBe("10.00");
    expect(accept("20")).toBe("20.00");
    expect(accept("20.01")).toBeUndefined();
    // A declared negative minimum lets negative amounts in.
    expect(money.expectation({ ...spec, min: "-5" }).accept("-5")).toBe("-5.00");
    expect(money.expectation({ ...spec, min: "-5" }).accept("-5.01")).toBeUndefined();
  });

  it("says the bounds it checks", () => {
    expect(money.expectation({ ...spec, min: "-5" }).expected).toBe('money in yuan with at most 2 decimals, ≥ -5, e.g. "3000000.00"');
    expect(money.expectation({ ...spec, max: "9" }).expected).toBe('money in yuan with at most 2 decimals, 0 to 9, e.g. "3000000.00"');
  });
});

describe("money: the fast reader gives fen, or says the reference path must read it", () => {
  const read = (s: Record<string, unknown>, v: unknown) => money.slotReader({ ...spec, ...s }, money.expectation({ ...spec, ...s })).read(v);

  it("reads text and exact JS numbers in fen", () => {
    expect(read({}, "12.34")).toBe(1234);
    expect(read({}, 12.5)).toBe(1250);
    expect(read({}, "0")).toBe(0);
  });

  it("says INVALID for anything that is not money, and for a JS number that is not an exact decimal", () => {
    expect(read({}, true)).toBe(INVALID);
    expect(read({}, undefined)).toBe(INVALID);
    expect(read({}, 0.1 + 0.2)).toBe(INVALID);
    expect(read({}, "1.234")).toBe(INVALID);
    expect(read({}, "abc")).toBe(INVALID);
  });

  it("checks the bounds in fen, both inclusive, with 0 as the default minimum", () => {
    expect(read({}, "-0.01")).toBe(INVALID);
    expect(read({ min: "10", max: "20" }, "9.99")).toBe(INVALID);
    expect(read({ min: "10", max: "20" }, "10")).toBe(1000);
    expect(read({ min: "10", max: "20" }, "20")).toBe(2000);
    expect(read({ min: "10", max: "20" }, "20.01")).toBe(INVALID);
    // A minimum with more decimals than a fen rounds up to the next fen; a maximum rounds down.
    expect(read({ min: "0.001" }, "0")).toBe(INVALID);
    expect(read({ min: "0.001" }, "0.01")).toBe(1);
    expect(read({ max: "0.019" }, "0.02")).toBe(INVALID);
    expect(read({ max: "0.019" }, "0.01")).toBe(1);
  });

  it("gives -0 as 0 (the canonical \"0.00\" has no sign)", () => {
    expect(Object.is(read({ min: "-1" }, "-0"), 0)).toBe(true);
    expect(Object.is(read({ min: "-1" }, "-0.00"), 0)).toBe(true);
  });

  it("leaves money of more than 2^53 fen to the reference path, and rejects an invalid one outright", () => {
    expect(read({}, "999999999999999.99")).toBe(NOT_FAST);
    expect(read({ max: "5" }, "999999999999999.99")).toBe(INVALID);
  });
});

describe("money: outcomes and texts", () => {
  it("formats an outcome with two decimals, rounding half up once; null stays null", () => {
    expect(money.formatOutcome(null, "w")).toBeNull();
    expect(money.formatOutcome("10", "w")).toBe("10.00");
    expect(money.formatOutcome(new Dec("1.005"), "w")).toBe("1.01");
    expect(() => money.formatOutcome("abc", "w")).toThrow(/w: operand "abc" is not a decimal/);
  });

  it("formats a scaled outcome at its scale", () => {
    expect(money.scaledFormatter(0)(5)).toBe("5.00");
    expect(money.scaledFormatter(3)(12345)).toBe("12.35");
  });

  it("writes a difference, a page value and a case for people", () => {
    expect(money.deltaText(new Dec("1234567.5"))).toBe("1,234,567.50");
    expect(money.pageText(12.5, "en")).toBe("12.50 yuan");
    expect(money.pageText(null, "zh")).toBe("null");
    expect(money.pageText(true, "en")).toBe("true");
    expect(money.caseText("1500000")).toBe("1,500,000");
    expect(money.caseText("1500000.00")).toBe("1,500,000");
    expect(money.caseText("1500000.5")).toBe("1,500,000.50");
    expect(money.factOf(new Dec("12.50"))).toBe("12.5");
  });

  it("bounds the digits of an input, checks a parameter and reads --set", () => {
    expect(money.inputBound(spec)).toEqual({ int: 15, frac: 2, size: 19 });
    expect(money.parameterProblem({ type: "money", value: "1.5", label })).toBeUndefined();
    expect(money.parameterProblem({ type: "money", value: "abc", label })?.message).toBe('a money parameter is a decimal string like "500000", got "abc"');
    expect(money.assignmentExpected({ type: "money", value: "1", label }, { min: undefined, max: undefined })).toBe("yuan as a plain decimal, e.g. 800000");
    expect(money.overrideValue(0.3)).toBe("0.3");
    expect(money.overrideValue(0.1 + 0.2)).toBeUndefined();
    expect((money.runtimeValue("0.15") as Dec).eq(new Dec("0.15"))).toBe(true);
  });

  it("has a JSON Schema with its bounds, its words and an example", () => {
    const schema = money.factsJsonSchema({ ...spec, max: "100" }) as Record<string, any>;
    expect(schema.anyOf).toEqual([
      { type: "string", pattern: "^[0-9]{1,15}(\\.[0-9]{1,2})?$" },
      { type: "number", minimum: 0, maximum: 100 },
    ]);
    expect(schema.description).toBe('money in yuan with at most 2 decimals, 0 to 100, e.g. "3000000.00"');
    expect(schema.examples).toEqual(["3000000.00"]);
    const negative = money.factsJsonSchema({ ...spec, min: "-5" }) as Record<string, any>;
    expect(negative.anyOf[0].pattern).toBe("^-?[0-9]{1,15}(\\.[0-9]{1,2})?$");
  });
});
