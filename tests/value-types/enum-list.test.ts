import { describe, expect, it } from "vitest";
import { VALUE_TYPES } from "../../src/types/index.js";
import { checkAcceptance, label } from "./check.js";

const enumList = VALUE_TYPES.enumList;
const values = { transfer: { zh: "转让", en: "transfer" }, licence: { zh: "许可", en: "licence" } };
const spec = { type: "enumList" as const, label, values };

describe("enumList", () => {
  it("accepts lists of the declared values, repeats dropped in order", () => {
    checkAcceptance(spec);
    const exp = enumList.expectation(spec);
    expect(exp.accept(["licence", "transfer", "licence"])).toEqual(["licence", "transfer"]);
    expect(exp.accept([])).toEqual([]);
    expect(exp.accept("transfer")).toBeUndefined();
    expect(exp.expected).toBe('a list of "transfer" | "licence"');
  });
  it("is written with labels in both languages on the page; an outcome is a list of strings", () => {
    expect(enumList.pageText(["transfer", "licence"], "zh", values)).toBe("转让 (transfer)、许可 (licence)");
    expect(enumList.pageText(["transfer"], "en", values)).toBe("transfer (transfer)");
    expect(enumList.pageText([], "zh", values)).toBe("无");
    expect(enumList.formatOutcome([1, "a"], "f")).toEqual(["1", "a"]);
    expect(enumList.formatOutcome(null, "f")).toEqual([]);
  });
  it("checks a parameter; --set reads a comma-separated list", () => {
    expect(enumList.parseAssignment("transfer, licence")).toEqual(["transfer", "licence"]);
    expect(enumList.parseAssignment("")).toEqual([]);
    expect(enumList.parameterProblem({ type: "enumList", value: ["x"], values, label })?.message).toBe('an enumList parameter lists values among transfer, licence, got ["x"]');
  });
});
