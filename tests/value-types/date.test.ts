import { describe, expect, it } from "vitest";
import { VALUE_TYPES } from "../../src/types/index.js";
import { checkAcceptance, label } from "./check.js";

const date = VALUE_TYPES.date;
const spec = { type: "date" as const, label };

describe("date", () => {
  it("accepts calendar dates YYYY-MM-DD only", () => {
    checkAcceptance(spec);
    const exp = date.expectation(spec);
    expect(exp.accept("2024-02-29")).toBe("2024-02-29");
    expect(exp.accept("2100-02-29")).toBeUndefined();
    expect(exp.expected).toBe("a calendar date YYYY-MM-DD");
    expect(exp.hint!("2025-01-01T00:00:00Z")).toBe("give the calendar date only, without a time or zone");
  });
  it("is written as it is in both languages", () => {
    expect(date.explainText("2025-06-01")).toEqual({ zh: "2025-06-01", en: "2025-06-01" });
    expect(date.pageText("2025-06-01", "zh")).toBe("2025-06-01");
    expect(date.formatOutcome(null, "f")).toBeNull();
  });
  it("checks a parameter", () => {
    expect(date.parameterProblem({ type: "date", value: "2025-13-01", label })?.message).toBe('a date parameter is YYYY-MM-DD, got "2025-13-01"');
    expect(date.parameterProblem({ type: "date", value: "2025-12-01", label })).toBeUndefined();
  });
});
