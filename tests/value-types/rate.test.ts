import { describe, expect, it } from "vitest";
import { VALUE_TYPES } from "../../src/types/index.js";
import { checkAcceptance, label } from "./check.js";

const rate = VALUE_TYPES.rate;
const spec = { type: "rate" as const, label, min: "0", max: "1" };

describe("rate", () => {
  it("accepts decimal fractions within its declared bounds, and rejects the rest", () => {
    checkAcceptance(spec);
    checkAcceptance({ type: "rate", label });
  });
  it("has the decimal without trailing zeros as its canonical form", () => {
    const exp = rate.expectation(spec);
    expect(exp.accept("0.10")).toBe("0.1");
    expect(exp.accept(0.25)).toBe("0.25");
    expect(exp.accept("10%")).toBeUndefined();
    expect(exp.accept("1.01")).toBeUndefined();
  });
  it("says what it expected", () => {
    expect(rate.expectation(spec).expected).toBe('a rate as a decimal fraction (0.10 is 10%) ≥ 0 and ≤ 1, at most 50 integer digits and 50 decimals, e.g. "0.15"');
  });
  it("is written as a percentage, exactly, in both languages", () => {
    expect(rate.explainText("0.075")).toEqual({ zh: "0.075(7.5%)", en: "0.075 (7.5%)" });
    expect(rate.explainText("0.123456789")).toEqual({ zh: "0.123456789(12.3457%)", en: "0.123456789 (12.3457%)" });
    expect(rate.pageText("0.07", "zh")).toBe("0.07 (7%)");
    expect(rate.pageText("0.07", "en")).toBe("0.07 (7%)");
    expect(rate.peopleText("0.125")).toBe("12.5%");
  });
  it("checks a parameter within [0, 1] by default; --set takes 15% as 0.15", () => {
    expect(rate.defaultBounds).toEqual({ min: "0", max: "1" });
    expect(rate.parameterProblem({ type: "rate", value: "x", label })?.message).toBe('a rate parameter is a decimal string like "0.15", got "x"');
    expect(rate.parseAssignment("15%")).toBe("0.15");
    expect(rate.parseAssignment("0.2")).toBe("0.2");
    expect(rate.assignmentExpected({ type: "rate", value: "0.1", label }, { min: "0", max: "1" })).toBe("a fraction or a percentage from 0 to 1, e.g. 0.15 or 15%");
  });
});
