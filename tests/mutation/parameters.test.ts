import { describe, expect, it } from "vitest";
import { overrideSpec, parameterProblem } from "../../src/engine/parameters.js";
import { InvalidParameterError } from "../../src/errors.js";
import type { ParameterSpec } from "../../src/schema/rule-file.js";
import { thrown } from "../hostile/guard.js";

// The words of every parameter problem (surviving mutants of `npm run test:mutation` changed them
// without a failing test). A rule author reads these at load, and a what-if user in the CLI: each says
// which type, which bound (declared or by default), and what was given.
const label = { zh: "x", en: "x" };
const spec = (s: Record<string, unknown>) => ({ label, ...s }) as unknown as ParameterSpec;

describe("parameterProblem says what is wrong", () => {
  it.each([
    [{ type: "decimal", value: "5", min: "6", max: "4" }, { message: '"min" (6) is above "max" (4)' }],
    [{ type: "rate", value: "abc" }, { message: 'a rate parameter is a decimal string like "0.15", got "abc"' }],
    [{ type: "money", value: "abc" }, { message: 'a money parameter is a decimal string like "500000", got "abc"' }],
    [
      { type: "money", value: "1" + "0".repeat(51) },
      { message: "a money parameter has 52 integer digits, more than MAX_INPUT_INTEGER_DIGITS (50)", bound: "≤ 50 integer digits and 50 decimals" },
    ],
    [{ type: "enumList", value: ["z"], values: { a: label, b: label } }, { message: 'an enumList parameter lists values among a, b, got ["z"]' }],
    [{ type: "string", value: 5 }, { message: "a string parameter is a string, got 5" }],
    [{ type: "rate", value: "-0.5" }, { message: "a rate is a fraction (0.15 is 15%), by default ≥ 0, got -0.5", bound: "≥ 0" }],
    [{ type: "rate", value: "1.5" }, { message: "a rate is a fraction (0.15 is 15%), by default ≤ 1, got 1.5", bound: "≤ 1" }],
    [{ type: "rate", value: "0.5", max: "0.4" }, { message: "a rate is a fraction (0.15 is 15%), its declared max ≤ 0.4, got 0.5", bound: "≤ 0.4" }],
    [{ type: "decimal", value: "1", min: "2" }, { message: "a decimal, its declared min ≥ 2, got 1", bound: "≥ 2" }],
    [{ type: "integer", value: -1 }, { message: "an integer is a count, by default ≥ 0, got -1", bound: "≥ 0" }],
    [{ type: "money", value: "-1" }, { message: "money is yuan, by default ≥ 0, got -1", bound: "≥ 0" }],
  ])("%j", (s, problem) => {
    expect(parameterProblem(spec(s))).toEqual(problem);
  });
});

describe("an override's error names the parameter and the rule, in English and Chinese", () => {
  it("with the bound it broke", () => {
    const error = thrown(() => overrideSpec("sjz-2025/x v1", "cap", spec({ type: "money", value: "1" }), "-1"));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as Error).message).toBe('parameter "cap" of sjz-2025/x v1: money is yuan, by default ≥ 0, got -1 (参数 cap 的取值无效,应 ≥ 0)');
    expect((error as InvalidParameterError).bound).toBe("≥ 0");
  });
  it("without a bound when the type is wrong", () => {
    const error = thrown(() => overrideSpec("sjz-2025/x v1", "s", spec({ type: "string", value: "1" }), 5));
    expect((error as Error).message).toBe('parameter "s" of sjz-2025/x v1: a string parameter is a string, got 5 (参数 s 的取值无效)');
    expect((error as InvalidParameterError).bound).toBeUndefined();
  });
});
