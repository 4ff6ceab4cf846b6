import { describe, expect, it } from "vitest";
import { VALUE_TYPES } from "../../src/types/index.js";
import { checkAcceptance, label } from "./check.js";

const money = VALUE_TYPES.money;
const spec = { type: "money" as const, label };

describe("money", () => {
  it("accepts yuan with at most two decimals within its bounds (≥ 0 by default), and rejects the rest", () => {
    checkAcceptance(spec);
    checkAcceptance({ ...spec, min: "100", max: "5000000" });
  });
  it("has two decimals as its canonical form, from text or an exact JS number", () => {
    const exp = money.expectation(spec);
    expect(exp.accept("3000000")).toBe("3000000.00");
    expect(exp.accept(12.5)).toBe("12.50");
    expect(exp.accept("-0")).toBe("0.00");
    expect(exp.accept("-1")).toBeUndefined();
    expect(exp.accept("1.005")).toBeUndefined();
    expect(exp.accept("1234567890123456")).toBeUndefined(); // 16 integer digits
  });
  it("says what it expected and hints at 万, commas and spaces", () => {
    expect(money.expectation(spec).expected).toBe('money in yuan with at most 2 decimals, ≥ 0, e.g. "3000000.00"');
    expect(money.expectation({ ...spec, min: "1", max: "9" }).expected).toBe('money in yuan with at most 2 decimals, 1 to 9, e.g. "3000000.00"');
    const hint = money.expectation(spec).hint!;
    expect(hint("50万")).toBe('write the amount in yuan as digits: 50万 is "500000"');
    expect(hint("1,000")).toBe("remove the thousands separators");
    expect(hint(" 1")).toBe("remove the surrounding spaces");
  });
  it("is read into fen by the fast reader", () => {
    const reader = money.slotReader(spec, money.expectation(spec));
    expect(reader.kind).toBe("money");
    expect(reader.read("12.34")).toBe(1234);
  });
  it("is written for people in both languages", () => {
    expect(money.explainText("500000")).toEqual({ zh: "500000 元", en: "500000 yuan" });
    expect(money.pageText("3000000", "zh")).toBe("3,000,000.00 元");
    expect(money.pageText("3000000", "en")).toBe("3,000,000.00 yuan");
    expect(money.peopleText("1500000")).toBe("1,500,000");
    expect(money.outcomeText("200000")).toBe("200,000.00");
    expect(money.formatOutcome("1234.5", "test")).toBe("1234.50");
    expect(money.scaledFormatter(2)(123456)).toBe("1234.56");
  });
  it("checks a parameter: a decimal string, ≥ 0 by default; --set takes the text", () => {
    expect(money.parameterProblem({ type: "money", value: 500000, label })?.message).toBe('a money parameter is a decimal string like "500000", got 500000');
    expect(money.parameterProblem({ type: "money", value: "500000", label })).toBeUndefined();
    expect(money.defaultBounds).toEqual({ min: "0" });
    expect(money.parseAssignment("800000")).toBe("800000");
    expect(money.tsType(spec)).toBe("string | number");
  });
});
