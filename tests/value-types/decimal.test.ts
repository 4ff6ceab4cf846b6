import { describe, expect, it } from "vitest";
import { VALUE_TYPES } from "../../src/types/index.js";
import { checkAcceptance, label } from "./check.js";

const decimal = VALUE_TYPES.decimal;
const spec = { type: "decimal" as const, label };

describe("decimal", () => {
  it("accepts exact decimals within the digit limits and its bounds, and rejects the rest", () => {
    checkAcceptance(spec);
    checkAcceptance({ ...spec, min: "-5.5", max: "1000" });
  });
  it("has the decimal without trailing zeros as its canonical form", () => {
    const exp = decimal.expectation(spec);
    expect(exp.accept("1.50")).toBe("1.5");
    expect(exp.accept("-0.0")).toBe("0");
    expect(exp.accept("1e3")).toBeUndefined();
    expect(exp.hint!("1e3")).toBe("write the number without an exponent");
  });
  it("says what it expected", () => {
    expect(decimal.expectation({ ...spec, min: "0" }).expected).toBe('a decimal number ≥ 0, at most 50 integer digits and 50 decimals, e.g. "0.15"');
  });
  it("is written grouped, the same in both languages", () => {
    expect(decimal.explainText("1234.5")).toEqual({ zh: "1234.5", en: "1234.5" });
    expect(decimal.pageText("1234.5", "zh", undefined, "mu")).toBe("1,234.5 mu");
    expect(decimal.pageText("1234.5", "en", undefined, "count")).toBe("1,234.5");
    expect(decimal.peopleText("1234567.25")).toBe("1,234,567.25");
    expect(decimal.scaledFormatter(3)(1500)).toBe("1.5");
  });
  it("checks a parameter: a decimal string, no default bounds", () => {
    expect(decimal.defaultBounds).toEqual({});
    expect(decimal.parameterProblem({ type: "decimal", value: "1.5", label })).toBeUndefined();
    expect(decimal.parameterProblem({ type: "decimal", value: true, label })?.message).toBe('a decimal parameter is a decimal string like "500000", got true');
  });
});
