import { describe, expect, it } from "vitest";
import { Dec } from "../../src/exact/decimal.js";
import { FALLBACK } from "../../src/exact/scaled.js";
import { INVALID, NOT_FAST, VALUE_TYPES, percentText } from "../../src/types/index.js";
import {
  acceptingReader,
  decimalDigitBound,
  decimalHint,
  decimalInputBound,
  notScaled,
  numberText,
  numericJsonSchema,
  plainPageText,
  rangeWords,
  scaledBound,
  textOutcome,
  withinDeclared,
} from "../../src/types/numeric.js";

// Survivors of src/types/decimal.ts, rate.ts, integer.ts and numeric.ts in `npm run test:mutation`
// (docs/testing.md, "Mutation testing"). Expected values are worked out by hand from the doc comments:
// decimals and rates are exact, within 50 integer digits and 50 decimals, read by the fast path at
// 6 places; integers are safe JS integers; a rate's percentage is its digits moved two places.

const label = { zh: "测试", en: "test" };
const none = { min: undefined, max: undefined };
const MAX = Number.MAX_SAFE_INTEGER;

describe("numeric.ts: the shared pieces", () => {
  it("numberText: text as it is, an exact JS number as it prints, nothing else", () => {
    expect(numberText("1.50")).toBe("1.50");
    expect(numberText(2.5)).toBe("2.5");
    expect(numberText(0.1 + 0.2)).toBeUndefined();
    expect(numberText(true)).toBeUndefined();
    expect(numberText(null)).toBeUndefined();
  });

  it("decimalHint: the mistake a text or a number probably is", () => {
    expect(decimalHint(0.1 + 0.2)).toBe("pass the number as a string: a JS number of more than 15 significant digits is not exactly the decimal it prints as");
    expect(decimalHint(1.5)).toBeUndefined();
    expect(decimalHint(Infinity)).toBeUndefined();
    expect(decimalHint(NaN)).toBeUndefined();
    expect(decimalHint(true)).toBeUndefined();
    expect(decimalHint("3亿")).toBe('write the amount in yuan as digits: 50万 is "500000"');
    expect(decimalHint("１２")).toBe("use ASCII digits, not full-width ones");
    expect(decimalHint("12 ")).toBe("remove the surrounding spaces");
    expect(decimalHint("1E5")).toBe("write the number without an exponent");
    expect(decimalHint("1,5")).toBe("remove the thousands separators");
    expect(decimalHint("abc")).toBeUndefined();
  });

  it("scaledBound: ceil for a lower bound, floor for an upper, infinite when absent or beyond safe integers", () => {
    expect(scaledBound(undefined, 2, true)).toBe(-Infinity);
    expect(scaledBound(undefined, 2, false)).toBe(Infinity);
    expect(scaledBound("0.125", 2, true)).toBe(13);
    expect(scaledBound("0.125", 2, false)).toBe(12);
    expect(scaledBound("-0.125", 2, true)).toBe(-12);
    expect(scaledBound("-0.125", 2, false)).toBe(-13);
    expect(scaledBound(String(MAX), 0, true)).toBe(MAX);
    expect(scaledBound(String(MAX + 1), 0, true)).toBe(Infinity);
    expect(scaledBound(String(MAX + 1), 0, false)).toBe(Number.MAX_VALUE);
    expect(scaledBound(String(-MAX), 0, false)).toBe(-MAX);
    expect(scaledBound(String(-MAX - 1), 0, true)).toBe(-Number.MAX_VALUE);
    expect(scaledBound(String(-MAX - 1), 0, false)).toBe(-Infinity);
  });

  it("withinDeclared and rangeWords: each bound inclusive, either absent", () => {
    const spec = { type: "decimal" as const, label, min: "1", max: "2" };
    expect(withinDeclared(spec, new Dec("1"))).toBe(true);
    expect(withinDeclared(spec, new Dec("2"))).toBe(true);
    expect(withinDeclared(spec, new Dec("0.99"))).toBe(false);
    expect(withinDeclared(spec, new Dec("2.01"))).toBe(false);
    expect(withinDeclared({ type: "decimal", label, max: "2" }, new Dec("-1e9"))).toBe(true);
    expect(withinDeclared({ type: "decimal", label, min: "1" }, new Dec("1e9"))).toBe(true);
    expect(rangeWords(spec)).toBe("≥ 1 and ≤ 2");
    expect(rangeWords({ type: "decimal", label, max: "2" })).toBe("≤ 2");
    expect(rangeWords({ type: "decimal", label, min: "1" })).toBe("≥ 1");
    expect(rangeWords({ type: "decimal", label })).toBe("");
  });

  it("decimalDigitBound: integer digits (at least one), decimals and length", () => {
    expect(decimalDigitBound("123.45")).toEqual({ int: 3, frac: 2, size: 6 });
    expect(decimalDigitBound("0.05")).toEqual({ int: 1, frac: 2, size: 4 });
    expect(decimalDigitBound("-1000")).toEqual({ int: 4, frac: 0, size: 5 });
  });

  it("decimalInputBound: both bounds bound the integer digits, else the input limit", () => {
    expect(decimalInputBound({ type: "rate", label, min: "0", max: "1" })).toEqual({ int: 1, frac: 50, size: 53 });
    expect(decimalInputBound({ type: "decimal", label, min: "-100", max: "5.5" })).toEqual({ int: 3, frac: 50, size: 55 });
    expect(decimalInputBound({ type: "decimal", label, min: "5.5", max: "-100" })).toEqual({ int: 3, frac: 50, size: 55 });
    expect(decimalInputBound({ type: "decimal", label, min: "0" })).toEqual({ int: 50, frac: 50, size: 102 });
    expect(decimalInputBound({ type: "decimal", label, max: "1" })).toEqual({ int: 50, frac: 50, size: 102 });
    expect(decimalInputBound({ type: "decimal", label, min: "1e2", max: "1" })).toEqual({ int: 50, frac: 50, size: 102 });
    expect(decimalInputBound({ type: "decimal", label, min: "1", max: "1e2" })).toEqual({ int: 50, frac: 50, size: 102 });
  });

  it("plainPageText, textOutcome, notScaled and acceptingReader", () => {
    expect(plainPageText(true, "zh")).toBe("✓ 是");
    expect(plainPageText(false, "en")).toBe("✗ no");
    expect(plainPageText(["a", "b"], "zh")).toBe("a, b");
    expect(plainPageText(12, "en")).toBe("12");
    expect(textOutcome(null)).toBeNull();
    expect(textOutcome(undefined)).toBeNull();
    expect(textOutcome(0)).toBe("0");
    expect(textOutcome(false)).toBe("false");
    expect(() => notScaled()).toThrow("this value type is not computed in scaled integers");
    const reader = acceptingReader({ expected: "x", accept: (v) => (v === 1 ? "one" : v === 0 ? false : undefined) });
    expect(reader.kind).toBe("plain");
    expect(reader.read(1)).toBe("one");
    expect(reader.read(0)).toBe(false);
    expect(reader.read(2)).toBe(INVALID);
  });

  it("numericJsonSchema: the string pattern by sign and digits, the number's bounds", () => {
    expect(numericJsonSchema("0", "1", {}, "w")).toEqual({
      anyOf: [{ type: "string", pattern: "^(0(\\.[0-9]+)?|1(\\.0+)?)$" }, { type: "number", minimum: 0, maximum: 1 }],
      description: "w",
    });
    expect(numericJsonSchema("0", "1", { int: 1, frac: 3 }, "w").anyOf[0]).toEqual({ type: "string", pattern: "^(0(\\.[0-9]{1,3})?|1(\\.0+)?)$" });
    expect(numericJsonSchema("0", "2", { int: 4, frac: 3 }, "w").anyOf[0]).toEqual({ type: "string", pattern: "^[0-9]{1,4}(\\.[0-9]{1,3})?$" });
    expect(numericJsonSchema("-1", "1", {}, "w").anyOf).toEqual([
      { type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" },
      { type: "number", minimum: -1, maximum: 1 },
    ]);
    expect(numericJsonSchema(undefined, undefined, {}, "w").anyOf).toEqual([{ type: "string", pattern: "^-?[0-9]+(\\.[0-9]+)?$" }, { type: "number" }]);
    expect(numericJsonSchema("0", undefined, {}, "w").anyOf[0]).toEqual({ type: "string", pattern: "^[0-9]+(\\.[0-9]+)?$" });
  });
});

describe("decimal", () => {
  const t = VALUE_TYPES.decimal;
  const spec = { type: "decimal" as const, label };
  const read = (s: Record<string, unknown>, v: unknown) => t.slotReader({ ...spec, ...s }, t.expectation({ ...spec, ...s })).read(v);

  it("the check: a literal within 50 + 50 digits and the bounds, canonical without trailing zeros", () => {
    const accept = t.expectation(spec).accept;
    expect(accept("1" + "0".repeat(49))).toBe("1" + "0".repeat(49));
    expect(accept("1" + "0".repeat(50))).toBeUndefined();
    expect(accept("0." + "1".repeat(51))).toBeUndefined();
    expect(accept(1.25)).toBe("1.25");
    expect(accept(0.1 + 0.2)).toBeUndefined();
    expect(accept(false)).toBeUndefined();
    expect(t.expectation({ ...spec, min: "1", max: "2" }).accept("2.5")).toBeUndefined();
    expect(t.expectation(spec).expected).toBe('a decimal number, at most 50 integer digits and 50 decimals, e.g. "0.15"');
  });

  it("the hint: the digit limit for a literal, the shape of the mistake otherwise", () => {
    const hint = t.expectation(spec).hint!;
    expect(hint("1" + "0".repeat(50))).toBe("51 integer digits, more than MAX_INPUT_INTEGER_DIGITS (50)");
    expect(hint("1.5")).toBeUndefined();
    expect(hint("1,5")).toBe("remove the thousands separators");
    expect(hint(0.1 + 0.2)).toMatch(/^pass the number as a string/);
  });

  it("the fast reader: millionths, bounds in millionths, and the reference path for more decimals", () => {
    expect(read({}, "0.1")).toBe(100000);
    expect(read({}, 2.5)).toBe(2500000);
    expect(read({}, true)).toBe(INVALID);
    expect(read({}, 0.1 + 0.2)).toBe(INVALID);
    expect(read({}, "abc")).toBe(INVALID);
    expect(read({}, "1.1234567")).toBe(NOT_FAST);
    expect(read({ max: "1" }, "1.1234567")).toBe(INVALID);
    expect(read({}, "1" + "0".repeat(60))).toBe(INVALID);
    expect(read({ min: "0.0000005" }, "0")).toBe(INVALID);
    expect(read({ min: "0.0000005" }, "0.000001")).toBe(1);
    expect(read({ max: "0.0000015" }, "0.000002")).toBe(INVALID);
    expect(read({ max: "0.0000015" }, "0.000001")).toBe(1);
    expect(Object.is(read({}, "-0"), 0)).toBe(true);
    expect(t.slotReader(spec, t.expectation(spec)).kind).toBe("decimal");
  });

  it("outcomes and texts", () => {
    expect(t.formatOutcome(null, "f")).toBeNull();
    expect(t.formatOutcome("1.50", "f")).toBe("1.5");
    expect(t.scaledFormatter(6)(1500000)).toBe("1.5");
    expect(t.outcomeText("1234.5")).toBe("1,234.5");
    expect(t.deltaText(new Dec("1234.5"))).toBe("1,234.5");
    expect(t.caseText("1234.5")).toBe("1,234.5");
    expect(t.pageText(1234.5, "en")).toBe("1,234.5");
    expect(t.pageText("1234.5", "en", undefined, "")).toBe("1,234.5");
    expect(t.pageText(null, "en", undefined, "mu")).toBe("null");
    expect(t.factOf(new Dec("1.50"))).toBe("1.5");
  });

  it("a parameter, --set, types and bounds", () => {
    const p = t.parameterProblem({ type: "decimal", value: "1" + "0".repeat(50), label });
    expect(p).toEqual({ message: "a decimal parameter has 51 integer digits, more than MAX_INPUT_INTEGER_DIGITS (50)", bound: "≤ 50 integer digits and 50 decimals" });
    expect(t.parameterProblem({ type: "decimal", value: "1e3", label })?.message).toBe('a decimal parameter is a decimal string like "500000", got "1e3"');
    expect(t.parseAssignment("1.5")).toBe("1.5");
    expect(t.assignmentExpected({ type: "decimal", value: "1", label }, none)).toBe("a plain decimal, e.g. 1.5");
    expect(t.tsType(spec)).toBe("string | number");
    expect(t.inputBound(spec)).toEqual({ int: 50, frac: 50, size: 102 });
    expect(t.overrideValue(1.5)).toBe("1.5");
    expect((t.runtimeValue("2.5") as Dec).eq(2.5)).toBe(true);
    expect(t.factsJsonSchema({ ...spec, min: "0" })).toStrictEqual({
      anyOf: [{ type: "string", pattern: "^[0-9]+(\\.[0-9]+)?$" }, { type: "number", minimum: 0 }],
      description: 'a decimal number ≥ 0, at most 50 integer digits and 50 decimals, e.g. "0.15"',
    });
  });
});

describe("rate", () => {
  const t = VALUE_TYPES.rate;
  const spec = { type: "rate" as const, label, min: "0", max: "1" };

  it("percentText: the digits moved two places, at most 4 decimals half away from zero, grouped", () => {
    expect(percentText("0.075")).toBe("7.5");
    expect(percentText("12.3456")).toBe("1,234.56");
    expect(percentText("0.0000005")).toBe("0.0001");
    expect(percentText("0.00000049")).toBe("0");
    // Not a plain decimal: as a JS number would write it.
    expect(percentText("1e-3")).toBe("0.1");
    expect(percentText("1.23456e-3")).toBe("0.1235"); // 4 decimals there too, not Intl's default of 3
  });

  it("texts: the percentage in explanations, reports and on the page", () => {
    expect(t.explainText("12.3456")).toEqual({ zh: "12.3456(1,234.56%)", en: "12.3456 (1,234.56%)" });
    expect(t.outcomeText("0.125")).toBe("12.5%");
    expect(t.deltaText(new Dec("0.05"))).toBe("5%");
    expect(t.pageText("12.3456", "en")).toBe("12.3456 (1234.56%)");
    expect(t.pageText(0.5, "en")).toBe("0.5");
    expect(t.caseText("0.15")).toBe("0.15");
    expect(t.factOf(new Dec("0.150"))).toBe("0.15");
  });

  it("outcomes: exact decimals; a scaled outcome at its scale", () => {
    expect(t.formatOutcome(null, "f")).toBeNull();
    expect(t.formatOutcome("0.50", "f")).toBe("0.5");
    expect(t.scaledFormatter(6)(150000)).toBe("0.15");
  });

  it("the fast reader is the decimal one, within the declared bounds", () => {
    const read = t.slotReader(spec, t.expectation(spec)).read;
    expect(read("0.15")).toBe(150000);
    expect(read("1.000001")).toBe(INVALID);
  });

  it("--set: a percentage becomes the fraction; anything else stays text", () => {
    expect(t.parseAssignment("-5%")).toBe("-0.05");
    expect(t.parseAssignment("12.5%")).toBe("0.125");
    expect(t.parseAssignment("12.55%")).toBe("0.1255");
    expect(t.parseAssignment("15 %")).toBe("15 %");
    expect(t.parseAssignment("x15%")).toBe("x15%");
    expect(t.parseAssignment("15%x")).toBe("15%x");
    expect(t.parseAssignment("1.%")).toBe("1.%");
    expect(t.assignmentExpected({ type: "rate", value: "0.1", label }, { min: "0", max: undefined })).toBe("a fraction or a percentage, e.g. 0.15 or 15%");
    expect(t.assignmentExpected({ type: "rate", value: "0.1", label }, { min: undefined, max: "1" })).toBe("a fraction or a percentage, e.g. 0.15 or 15%");
  });

  it("a parameter, types, bounds and the JSON Schema", () => {
    expect(t.parameterProblem({ type: "rate", value: "0.15", label })).toBeUndefined();
    expect(t.tsType(spec)).toBe("string | number");
    expect(t.inputBound(spec)).toEqual({ int: 1, frac: 50, size: 53 });
    expect(t.overrideValue(0.15)).toBe("0.15");
    expect((t.runtimeValue("0.15") as Dec).eq(new Dec("0.15"))).toBe(true);
    expect(t.factsJsonSchema(spec)).toStrictEqual({
      anyOf: [{ type: "string", pattern: "^(0(\\.[0-9]+)?|1(\\.0+)?)$" }, { type: "number", minimum: 0, maximum: 1 }],
      description: 'a rate as a decimal fraction (0.10 is 10%) ≥ 0 and ≤ 1, at most 50 integer digits and 50 decimals, e.g. "0.15"',
    });
  });
});

describe("integer", () => {
  const t = VALUE_TYPES.integer;
  const spec = { type: "integer" as const, label };
  const read = (s: Record<string, unknown>, v: unknown) => t.slotReader({ ...spec, ...s }, t.expectation({ ...spec, ...s })).read(v);

  it("the check: a safe JS integer within the bounds, both inclusive", () => {
    const accept = t.expectation({ ...spec, min: "1", max: "100" }).accept;
    expect(accept(1)).toBe(1);
    expect(accept(100)).toBe(100);
    expect(accept(0)).toBeUndefined();
    expect(accept(101)).toBeUndefined();
    expect(accept(1.5)).toBeUndefined();
    expect(t.expectation(spec).accept(MAX + 1)).toBeUndefined();
    expect(t.expectation(spec).accept(-MAX)).toBe(-MAX);
    expect(t.expectation(spec).expected).toBe("an integer");
    expect(t.expectation({ ...spec, min: "1", max: "100" }).expected).toBe("an integer ≥ 1 and ≤ 100");
  });

  it("the fast reader: the same answers; fractional bounds round inwards", () => {
    expect(read({}, 5)).toBe(5);
    expect(read({}, -MAX)).toBe(-MAX);
    expect(read({}, MAX + 1)).toBe(INVALID);
    expect(read({}, 1.5)).toBe(INVALID);
    expect(read({}, "5")).toBe(INVALID);
    expect(read({ min: "1.5", max: "9.5" }, 1)).toBe(INVALID);
    expect(read({ min: "1.5", max: "9.5" }, 2)).toBe(2);
    expect(read({ min: "1.5", max: "9.5" }, 9)).toBe(9);
    expect(read({ min: "1.5", max: "9.5" }, 10)).toBe(INVALID);
    expect(read({ min: "2", max: "3" }, 2)).toBe(2);
    expect(read({ min: "2", max: "3" }, 3)).toBe(3);
    expect(t.slotReader(spec, t.expectation(spec)).kind).toBe("integer");
  });

  it("outcomes: an integer or null; a scaled outcome divided back, a fraction left to the reference path", () => {
    expect(t.formatOutcome(null, "f")).toBeNull();
    expect(t.formatOutcome(new Dec("-7"), "f")).toBe(-7);
    expect(t.scaledFormatter(0)(7)).toBe(7);
    expect(t.scaledFormatter(2)(-1200)).toBe(-12);
    expect(t.scaledFormatter(1)(30)).toBe(3);
    let thrown: unknown;
    try {
      t.scaledFormatter(1)(35);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBe(FALLBACK);
  });

  it("texts for people and the page", () => {
    expect(t.peopleText("1234567")).toBe("1,234,567");
    expect(t.outcomeText("1234567")).toBe("1,234,567");
    expect(t.deltaText(new Dec("1234567"))).toBe("1,234,567");
    expect(t.caseText("12345")).toBe("12,345");
    expect(t.pageText(1234, "en", undefined, "人")).toBe("1,234 人");
    expect(t.pageText("1234", "en", undefined, "count")).toBe("1,234");
    expect(t.pageText(1234, "en", undefined, "")).toBe("1,234");
    expect(t.pageText(true, "en")).toBe("true");
    expect(t.pageText(null, "en", undefined, "人")).toBe("null");
    expect(t.factOf(new Dec("12"))).toBe(12);
  });

  it("a parameter, --set, types, bounds and the JSON Schema", () => {
    expect(t.parameterProblem({ type: "integer", value: 3, label })).toBeUndefined();
    expect(t.parameterProblem({ type: "integer", value: 1.5, label })?.message).toBe("an integer parameter is a JSON integer, got 1.5");
    expect(t.parameterProblem({ type: "integer", value: MAX + 1, label })?.message).toBe(`an integer parameter is a JSON integer, got ${MAX + 1}`);
    expect(t.parseAssignment("-12")).toBe(-12);
    expect(t.parseAssignment("12a")).toBe("12a");
    expect(t.parseAssignment("a12")).toBe("a12");
    expect(t.assignmentExpected({ type: "integer", value: 1, label }, none)).toBe("an integer");
    expect(t.tsType(spec)).toBe("number");
    expect(t.inputBound(spec)).toEqual({ int: 16, frac: 0, size: 17 });
    expect(t.overrideValue(3)).toBe(3);
    expect(t.runtimeValue(3)).toBe(3);
    expect(t.factsJsonSchema({ ...spec, min: "1", max: "100" })).toStrictEqual({ type: "integer", description: "an integer ≥ 1 and ≤ 100", minimum: 1, maximum: 100 });
    expect(t.factsJsonSchema(spec)).toStrictEqual({ type: "integer", description: "an integer" });
  });
});
