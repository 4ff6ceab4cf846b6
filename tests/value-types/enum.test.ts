import { describe, expect, it } from "vitest";
import { VALUE_TYPES } from "../../src/types/index.js";
import { checkAcceptance, label } from "./check.js";

const enumType = VALUE_TYPES.enum;
const values = { beijing: { zh: "北京", en: "Beijing" }, hebei: { zh: "河北", en: "Hebei" } };
const spec = { type: "enum" as const, label, values };

describe("enum", () => {
  it("accepts one of the declared values only (not a name of Object.prototype)", () => {
    checkAcceptance(spec);
    const exp = enumType.expectation(spec);
    expect(exp.accept("toString")).toBeUndefined();
    expect(exp.expected).toBe('one of "beijing" | "hebei"');
  });
  it("is written with its label in both languages", () => {
    expect(enumType.pageText("hebei", "zh", values)).toBe("河北 (hebei)");
    expect(enumType.pageText("hebei", "en", values)).toBe("Hebei (hebei)");
    expect(enumType.peopleText("hebei", values)).toBe("hebei (河北, Hebei)");
    expect(enumType.peopleText("other", values)).toBe("other");
  });
  it("checks a parameter against its values", () => {
    expect(enumType.parameterProblem({ type: "enum", value: "tianjin", values, label })?.message).toBe('an enum parameter is one of beijing, hebei, got "tianjin"');
    expect(enumType.tsType(spec)).toBe('"beijing" | "hebei"');
  });
});
