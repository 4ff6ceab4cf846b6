import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/api.js";
import { loadRuleSet } from "../../src/catalog/load.js";
import { compile } from "../../src/engine/compile.js";
import { _evaluateReference, _fastPathInfo } from "../../src/engine/evaluate.js";
import { buildFactsChecker, buildFactsValidator, CheckResult } from "../../src/engine/facts.js";
import { ENGINE_OPS, type EvalEnv } from "../../src/engine/jjj-ops.js";
import { missingKeys } from "../../src/engine/standard-ops.js";
import { InvalidArgumentError, InvalidFactsError, RuleFileError } from "../../src/errors.js";
import { registerOperations } from "../../src/register.js";
import { isIsoDate } from "../../src/schema/common.js";
import type { InputSpec } from "../../src/schema/rule-file.js";
import { loadRules, minimalRule, withDocument } from "../helpers/fixtures.js";
import { thrown } from "./guard.js";

// Checks in the code that no other test would miss if they were deleted (issue #11). Each test here
// was seen to fail with its check commented out.

const label = { zh: "标签", en: "label" };
const ON = { on: "2025-06-01" };

/** The [code, path] of each issue of the RuleFileError that loading throws. */
function refused(load: () => unknown): [string, string][] {
  const error = thrown(load);
  expect(error).toBeInstanceOf(RuleFileError);
  return (error as RuleFileError).issues.map((i) => [i.code, i.path]);
}

describe("rule-file checks of the loader", () => {
  it("version_mismatch: the version must be the one of the file name", () => {
    expect(refused(() => loadRuleSet(withDocument({ path: "sjz-2025/test-rule/v1.json", json: minimalRule({ version: 2 }) })))).toEqual([
      ["version_mismatch", "sjz-2025/test-rule/v1.json#/version"],
    ]);
    expect(loadRuleSet(withDocument({ path: "sjz-2025/test-rule/v2.json", json: minimalRule({ version: 2 }) })).ruleIds()).toEqual(["sjz-2025/test-rule"]);
  });

  it("empty_validity: a validity that ends before it starts", () => {
    const validity = (to: string) => ({ from: { date: "2025-06-01", basis: "stated" }, to: { date: to, basis: "stated" } });
    expect(refused(() => loadRules(minimalRule({ validity: validity("2025-05-31") })))).toEqual([["empty_validity", "sjz-2025/test-rule/v1.json#/validity/to/date"]]);
    // One day is a validity (first and last day included).
    expect(loadRules(minimalRule({ validity: validity("2025-06-01") })).version("sjz-2025/test-rule").validTo).toBe("2025-06-01");
  });

  it("duplicate_condition: a condition id defined twice", () => {
    const c = { id: "enough", label, logic: { "jjj.gte": [{ var: "amount" }, { "jjj.param": "threshold" }] } };
    expect(refused(() => loadRules(minimalRule({ conditions: [c, { ...c, logic: true }] })))).toEqual([["duplicate_condition", "sjz-2025/test-rule/v1.json#/conditions/1/id"]]);
  });

  it("unknown_measure: a measure the document does not list", () => {
    expect(refused(() => loadRules(minimalRule({ measures: ["sjz-2025/九", "sjz-2025/no-such-measure"] })))).toEqual([
      ["unknown_measure", "sjz-2025/test-rule/v1.json#/measures/1"],
    ]);
  });

  it("unknown_version: supersedes a version that does not exist", () => {
    const v1 = minimalRule({ validity: { from: { date: "2025-01-01", basis: "stated" }, to: { date: "2025-06-30", basis: "stated" } } });
    const v2 = minimalRule({ version: 2, supersedes: 3, validity: { from: { date: "2025-07-01", basis: "stated" } } });
    expect(refused(() => loadRules(v1, v2))).toEqual([["unknown_version", "sjz-2025/test-rule/v2.json#/supersedes"]]);
    expect(loadRules(v1, { ...v2, supersedes: 1 }).versions("sjz-2025/test-rule")).toHaveLength(2);
  });
});

describe("the money `max` of an input, in both facts validators", () => {
  const inputs: Record<string, InputSpec> = { amount: { type: "money", max: "1000", label } };

  it("the facts walk refuses money above max, and takes max itself", () => {
    const checker = buildFactsChecker(inputs);
    expect(checker.check({ amount: "1000.00" })).toMatchObject({ success: true, data: { amount: "1000.00" } });
    expect(checker.check({ amount: 1000 }).success).toBe(true);
    for (const above of ["1000.01", 1000.01, "99999999999999999"]) expect(checker.check({ amount: above }).success, String(above)).toBe(false);
  });

  it("the compiled validator refuses money above max: as a string, as a number, and read by name", () => {
    const validator = buildFactsValidator(inputs)!;
    const slots: unknown[] = [];
    expect(validator.check({ amount: "1000" }, slots)).toBe(CheckResult.Fast);
    expect(slots[0]).toBe(100000); // fen
    expect(validator.check({ amount: "1000.01" }, slots)).toBe(CheckResult.Invalid); // the inline string check
    expect(validator.check({ amount: 1000.01 }, slots)).toBe(CheckResult.Invalid); // a JSON number: the slot reader
    // An input that for…in does not list (a proxy hiding its keys) is absent, as the facts walk (which
    // lists own enumerable keys) finds it: never read by name behind the walk's back.
    const hiding = (amount: string) => new Proxy({ amount }, { ownKeys: () => [] });
    expect(validator.check(hiding("1000"), slots)).toBe(CheckResult.Invalid);
    expect(buildFactsChecker(inputs).check(hiding("1000"))).toMatchObject({ success: false, issues: [{ code: "missing_input", path: "amount" }] });
    expect(validator.check(hiding("1000.01"), slots)).toBe(CheckResult.Invalid);
  });

  it("evaluate refuses it with an issue on the input", () => {
    const engine = createEngine(loadRules(minimalRule({ inputs: { amount: { type: "money", max: "1000", label } } })));
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "1000" }, ON).outcome.eligible).toBe(true);
    const error = thrown(() => engine.evaluate("sjz-2025/test-rule", { amount: "1000.01" }, ON));
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect((error as InvalidFactsError).issues).toEqual([expect.objectContaining({ path: "amount", code: "invalid_value" })]);
    expect((error as InvalidFactsError).issues[0]!.expected).toContain("0 to 1000");
  });
});

/** Apply one of the engine's jjj.* operations to literal arguments. */
const ENV: EvalEnv = { params: {}, conditions: {}, outcome: {}, on: "2025-06-01" };
const op = (name: string, ...args: unknown[]) => ENGINE_OPS.get(name)!(args, ENV);

describe("calendar arithmetic", () => {
  it.each([
    // Civil Code art. 202: no corresponding day, the period ends on the month's last day.
    ["2025-03-31", 1, "2025-04-30"],
    ["2025-05-31", 1, "2025-06-30"],
    ["2025-08-31", 1, "2025-09-30"],
    ["2025-10-31", 1, "2025-11-30"],
    ["2025-01-31", 3, "2025-04-30"],
    ["2025-07-31", -1, "2025-06-30"],
    ["2025-12-31", -3, "2025-09-30"],
    ["2025-03-30", 1, "2025-04-30"],
    ["2025-04-30", 1, "2025-05-30"],
    ["2025-03-31", 2, "2025-05-31"],
  ])("jjj.dateAddMonths %s + %i months = %s", (date, months, expected) => {
    expect(op("jjj.dateAddMonths", date, months)).toBe(expected);
  });

  it.each([
    // Century years are leap only when divisible by 400.
    ["jjj.dateAddMonths", "1900-01-31", 1, "1900-02-28"],
    ["jjj.dateAddMonths", "2000-01-31", 1, "2000-02-29"],
    ["jjj.dateAddMonths", "2100-01-31", 1, "2100-02-28"],
    ["jjj.dateAddYears", "2000-02-29", 100, "2100-02-28"],
    ["jjj.dateAddYears", "1896-02-29", 4, "1900-02-28"],
    ["jjj.dateAddYears", "1996-02-29", 4, "2000-02-29"],
    ["jjj.dateAddYears", "2400-02-29", -400, "2000-02-29"],
    ["jjj.dateAddDays", "1900-02-28", 1, "1900-03-01"],
    ["jjj.dateAddDays", "2000-02-28", 1, "2000-02-29"],
    ["jjj.dateAddDays", "2100-03-01", -1, "2100-02-28"],
  ])("century leap years: %s(%s, %i) = %s", (name, date, n, expected) => {
    expect(op(name, date, n)).toBe(expected);
  });
});

describe("century leap years in date validation", () => {
  it.each([
    ["1900-02-29", false],
    ["2000-02-29", true],
    ["2100-02-29", false],
    ["2400-02-29", true],
    ["2024-02-29", true],
    ["2100-02-28", true],
  ])("isIsoDate(%s) is %s", (date, valid) => {
    expect(isIsoDate(date)).toBe(valid);
  });

  it("a date input and the evaluation date follow the same calendar", () => {
    const rule = minimalRule({
      inputs: { amount: { type: "money", label }, signed: { type: "date", label } },
      validity: { from: { date: "1900-01-01", basis: "stated" } },
    });
    const engine = createEngine(loadRules(rule));
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "100", signed: "2000-02-29" }, ON).outcome.eligible).toBe(true);
    for (const signed of ["1900-02-29", "2100-02-29"]) {
      const error = thrown(() => engine.evaluate("sjz-2025/test-rule", { amount: "100", signed }, ON));
      expect(error, signed).toBeInstanceOf(InvalidFactsError);
      expect((error as InvalidFactsError).issues.map((i) => i.path)).toEqual(["signed"]);
    }
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "100", signed: "2000-01-01" }, { on: "2000-02-29" }).on).toBe("2000-02-29");
    expect(() => engine.evaluate("sjz-2025/test-rule", { amount: "100", signed: "2000-01-01" }, { on: "2100-02-29" })).toThrow(InvalidArgumentError);
  });
});

describe("jjj.round's half-up tie on the fast path", () => {
  // amount × 5%: 1.70 → 0.085 and 0.10 → 0.005 are exact ties at the third decimal.
  const rule = minimalRule({
    parameters: { threshold: { type: "money", value: "0", label }, rate: { type: "rate", value: "0.05", label } },
    outcome: {
      eligible: { type: "boolean", label, logic: { "jjj.condition": "enough" } },
      byDefault: { type: "money", label, logic: { "jjj.round": [{ "jjj.mul": [{ var: "amount" }, { "jjj.param": "rate" }] }, 2] } },
      halfUp: { type: "money", label, logic: { "jjj.round": [{ "jjj.mul": [{ var: "amount" }, { "jjj.param": "rate" }] }, 2, "half-up"] } },
      halfEven: { type: "money", label, logic: { "jjj.round": [{ "jjj.mul": [{ var: "amount" }, { "jjj.param": "rate" }] }, 2, "half-even"] } },
    },
  });
  const set = loadRules(rule);
  const engine = createEngine(set);

  it("runs on the fast path, in exact scaled integers", () => {
    expect(_fastPathInfo(set, set.version("sjz-2025/test-rule"))).toEqual({ validator: true, fast: true, scaledOutcomes: ["byDefault", "halfUp", "halfEven"] });
  });

  it.each([
    ["1.70", "0.09", "0.08"],
    ["0.10", "0.01", "0.00"],
    ["3.10", "0.16", "0.16"],
    ["1.69", "0.08", "0.08"],
  ])("%s at a rate of 0.05: half-up %s, half-even %s, on both paths", (amount, halfUp, halfEven) => {
    for (const explain of [false, true]) {
      const fast = engine.evaluate("sjz-2025/test-rule", { amount }, { ...ON, explain }).outcome;
      expect(fast, `explain: ${explain}`).toEqual({ eligible: true, byDefault: halfUp, halfUp, halfEven });
    }
    expect(_evaluateReference(set, "sjz-2025/test-rule", { amount }, ON).outcome).toEqual({ eligible: true, byDefault: halfUp, halfUp, halfEven });
  });
});

describe("`missing` counts \"\" as missing (json-logic-js semantics)", () => {
  const data = { a: "", b: 0, c: null, d: "x", e: false };
  const expected = ["a", "c", "f"]; // "", null and absent; 0 and false are values

  it("in the closure compiler, as json-logic-js gives it", () => {
    const logic = { missing: ["a", "b", "c", "d", "e", "f"] };
    expect(jsonLogic.apply(logic, data)).toEqual(expected);
    expect(compile(logic)(data, ENV)).toEqual(expected);
    expect(compile({ missing_some: [1, ["a", "c"]] })(data, ENV)).toEqual(["a", "c"]);
  });

  it("in the standard-operation table", () => {
    expect(missingKeys(["a", "b", "c", "d", "e", "f"], data)).toEqual(expected);
  });
});

describe("registerOperations: the run-time guards of jjj.* in a host's json-logic-js", () => {
  registerOperations(jsonLogic);
  const error = (logic: unknown) => {
    const e = thrown(() => jsonLogic.apply(logic as never, {}));
    expect(e).toBeInstanceOf(TypeError);
    return (e as TypeError).message;
  };

  it("works with the right operands", () => {
    expect(jsonLogic.apply({ "jjj.round": ["1.005", 2] } as never, {})).toBe("1.01");
    expect(jsonLogic.apply({ "jjj.sub": ["1", "0.9"] } as never, {})).toBe("0.1");
    expect(jsonLogic.apply({ "jjj.dateAddMonths": ["2025-03-31", 1] } as never, {})).toBe("2025-04-30");
  });

  it.each([
    [{ "jjj.sub": ["1"] }, "jjj.sub: expected 2 operands, got 1"],
    [{ "jjj.sub": ["1", "2", "3"] }, "jjj.sub: expected 2 operands, got 3"],
    [{ "jjj.div": ["1"] }, "jjj.div: expected 2 operands, got 1"],
    [{ "jjj.gte": ["1", "2", "3"] }, "jjj.gte: expected 2 operands, got 3"],
    [{ "jjj.add": [] }, "jjj.add: expected 1 or more operands, got 0"],
    [{ "jjj.round": [] }, "jjj.round: expected 1–3 operands, got 0"],
    [{ "jjj.round": ["1", 2, "half-up", 4] }, "jjj.round: expected 1–3 operands, got 4"],
    [{ "jjj.dateLt": ["2025-01-01"] }, "jjj.dateLt: expected 2 operands, got 1"],
    [{ "jjj.dateAddDays": ["2025-01-01", 1, 2] }, "jjj.dateAddDays: expected 2 operands, got 3"],
  ])("arity: %j throws %s", (logic, message) => {
    expect(error(logic)).toBe(message);
  });

  it.each([[2.5], [-1], [21], ["2"], [null], [Number.NaN]])("places %j is refused", (places) => {
    expect(error({ "jjj.round": ["1.005", places] })).toMatch(/^jjj\.round: places .* is not an integer 0–20$/);
  });

  it("places 0 and 20 are the bounds", () => {
    expect(jsonLogic.apply({ "jjj.round": ["2.5", 0] } as never, {})).toBe("3");
    expect(jsonLogic.apply({ "jjj.round": ["0.123456789012345678905", 20] } as never, {})).toBe("0.12345678901234567891");
  });
});
