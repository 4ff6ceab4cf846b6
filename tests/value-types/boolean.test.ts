import { describe, expect, it } from "vitest";
import { VALUE_TYPES } from "../../src/types/index.js";
import { checkAcceptance, label } from "./check.js";

const boolean = VALUE_TYPES.boolean;

describe("boolean", () => {
  it("accepts true and false only", () => {
    checkAcceptance({ type: "boolean", label });
    expect(boolean.expectation({ type: "boolean", label }).expected).toBe("true or false");
  });
  it("an outcome is the JSON-logic truthiness of its value: JavaScript's, except that an empty list is false", () => {
    const cases: [unknown, boolean][] = [[[], false], [[0], true], [0, false], [1, true], ["", false], ["0", true], [null, false], [{}, true], [true, true], [false, false]];
    for (const [v, expected] of cases) expect(boolean.formatOutcome(v, "f"), JSON.stringify(v)).toBe(expected);
  });
  it("is written yes/no in both languages on the page", () => {
    expect(boolean.pageText(true, "zh")).toBe("✓ 是");
    expect(boolean.pageText(false, "en")).toBe("✗ no");
  });
  it("checks a parameter; --set reads true and false", () => {
    expect(boolean.parameterProblem({ type: "boolean", value: "yes", label })?.message).toBe('a boolean parameter is true or false, got "yes"');
    expect(boolean.parseAssignment("true")).toBe(true);
    expect(boolean.parseAssignment("no")).toBe("no");
  });
});
