import { describe, expect, it } from "vitest";
import { FALLBACK } from "../../src/exact/scaled.js";
import { VALUE_TYPES } from "../../src/types/index.js";
import { checkAcceptance, label } from "./check.js";

const integer = VALUE_TYPES.integer;
const spec = { type: "integer" as const, label };

describe("integer", () => {
  it("accepts safe integers (JSON numbers) within its bounds, and rejects the rest", () => {
    checkAcceptance(spec);
    checkAcceptance({ ...spec, min: "1", max: "100" });
  });
  it("is its own canonical form; text and fractions are refused", () => {
    const exp = integer.expectation({ ...spec, min: "0" });
    expect(exp.accept(42)).toBe(42);
    expect(exp.accept("42")).toBeUndefined();
    expect(exp.accept(-1)).toBeUndefined();
    expect(exp.expected).toBe("an integer ≥ 0");
  });
  it("is written grouped; an outcome with a fraction is an error, and the fast path falls back for it", () => {
    expect(integer.explainText("12")).toEqual({ zh: "12", en: "12" });
    expect(integer.pageText(12345, "zh")).toBe("12,345");
    expect(integer.formatOutcome("12", "f")).toBe(12);
    expect(() => integer.formatOutcome("1.5", "f")).toThrow("f: 1.5 is not an integer");
    expect(integer.scaledFormatter(2)(1200)).toBe(12);
    expect(() => integer.scaledFormatter(2)(1250)).toThrow();
    try {
      integer.scaledFormatter(2)(1250);
    } catch (e) {
      expect(e).toBe(FALLBACK);
    }
  });
  it("checks a parameter: a JSON integer, ≥ 0 by default; --set reads digits as a number", () => {
    expect(integer.defaultBounds).toEqual({ min: "0" });
    expect(integer.parameterProblem({ type: "integer", value: "3", label })?.message).toBe('an integer parameter is a JSON integer, got "3"');
    expect(integer.parseAssignment("12")).toBe(12);
    expect(integer.parseAssignment("1.5")).toBe("1.5");
  });
});
