import { describe, expect, it } from "vitest";
import { RuleFileError } from "../../src/errors.js";
import { MAX_LOGIC_DEPTH } from "../../src/logic/check.js";
import { loadRuleSet } from "../../src/catalog/load.js";
import { loadRules, minimalRule, withDocument } from "../helpers/fixtures.js";
import { thrown } from "../hostile/guard.js";

/** Load rules that must be rejected, and return the issues. */
function rejected(...rules: Record<string, any>[]) {
  try {
    loadRules(...rules);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleFileError);
    return (error as RuleFileError).issues;
  }
  throw new Error("the rule set loaded, but it should have been rejected");
}

function withLogic(logic: unknown) {
  return minimalRule({ conditions: [{ id: "c", label: { zh: "条件", en: "condition" }, logic }], outcome: { eligible: { type: "boolean", label: { zh: "符合", en: "eligible" }, logic: { "jjj.condition": "c" } } } });
}

describe("loading rule files", () => {
  it("loads a valid rule", () => {
    expect(loadRules(minimalRule()).ruleIds()).toEqual(["sjz-2025/test-rule"]);
  });

  it("names the file and the field of a schema violation", () => {
    const rule = minimalRule();
    delete rule.title.en;
    const issues = rejected(rule);
    expect(issues[0]!.path).toBe("sjz-2025/test-rule/v1.json#/title/en");
  });

  it("rejects unknown fields in a rule file", () => {
    const issues = rejected(minimalRule({ validUntil: "2026-01-01" }));
    expect(issues[0]).toMatchObject({ code: "unknown_field", path: "sjz-2025/test-rule/v1.json#/" });
    expect(issues[0]!.message).toContain("validUntil");
  });

  it("rejects an id that does not match the file's path", () => {
    const json = minimalRule({ id: "sjz-2025/other-name" });
    const error = thrown(() => loadRuleSet(withDocument({ path: "sjz-2025/test-rule/v1.json", json })));
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).issues).toContainEqual(expect.objectContaining({ code: "id_mismatch", path: "sjz-2025/test-rule/v1.json#/id" }));
  });

  it.each([
    ["an unknown operation", { frobnicate: [1] }, "unknown_operation", "/conditions/0/logic/frobnicate"],
    ["log", { log: [1] }, "forbidden_operation", "/conditions/0/logic/log"],
    ["method", { method: [{ var: "amount" }, "toString"] }, "forbidden_operation", "/conditions/0/logic/method"],
    ["loose ==", { "==": [{ var: "amount" }, "100"] }, "forbidden_operation", "/conditions/0/logic/=="],
    ["ordering between strings", { "<": ["a", "b"] }, "string_ordering", "/conditions/0/logic/</0"],
    ["float ordering on money", { ">=": [{ var: "amount" }, 100] }, "decimal_ordering", "/conditions/0/logic/>=/0"],
    ["in on a string", { in: ["bei", "beijing"] }, "in_on_string", "/conditions/0/logic/in/1"],
    ["a var naming no declared input", { "jjj.gte": [{ var: "amout" }, "1"] }, "undeclared_input", "/conditions/0/logic/jjj.gte/0/var"],
    ["a computed var path", { "jjj.gte": [{ var: { cat: ["amo", "unt"] } }, "1"] }, "dynamic_reference", "/conditions/0/logic/jjj.gte/0/var"],
    ["a var into the prototype", { "===": [{ var: "__proto__" }, 1] }, "forbidden_name", "/conditions/0/logic/===/0/var"],
    ["a parameter reference naming no parameter", { "jjj.gte": [{ var: "amount" }, { "jjj.param": "treshold" }] }, "undeclared_parameter", "/conditions/0/logic/jjj.gte/1/jjj.param"],
    ["a literal object", { if: [true, { a: 1, b: 2 }, false] }, "literal_object", "/conditions/0/logic/if/1"],
    ["float arithmetic on money", { "===": [{ "+": [{ var: "amount" }, 1] }, 2] }, "float_arithmetic", "/conditions/0/logic/===/0/+/0"],
    ["a wrong arity", { "jjj.sub": [{ var: "amount" }] }, "wrong_arity", "/conditions/0/logic/jjj.sub"],
  ])("rejects %s, naming the file and the field", (_name, logic, code, pointer) => {
    const issues = rejected(withLogic(logic));
    expect(issues).toContainEqual(expect.objectContaining({ code, path: `sjz-2025/test-rule/v1.json#${pointer}` }));
  });

  // Each operation is one level; the condition's top operation is level 0, so a leaf under n nested
  // operations sits at level n + 1.
  function nested(levels: number): unknown {
    let logic: unknown = "1";
    for (let i = 0; i < levels; i++) logic = { "jjj.add": [logic] };
    return { "jjj.gte": [logic, "0"] };
  }

  it(`accepts logic nested exactly ${MAX_LOGIC_DEPTH} levels deep`, () => {
    expect(() => loadRules(withLogic(nested(MAX_LOGIC_DEPTH - 1)))).not.toThrow();
  });

  it(`rejects logic nested deeper than ${MAX_LOGIC_DEPTH} levels`, () => {
    expect(rejected(withLogic(nested(MAX_LOGIC_DEPTH))).map((i) => i.code)).toContain("too_deep");
  });

  it("rejects a condition that refers to a later condition", () => {
    const rule = minimalRule({
      conditions: [
        { id: "a", label: { zh: "甲", en: "a" }, logic: { "jjj.condition": "b" } },
        { id: "b", label: { zh: "乙", en: "b" }, logic: true },
      ],
    });
    expect(rejected(rule).map((i) => i.code)).toContain("undeclared_condition");
  });

  it("rejects a parameter value that does not fit its type", () => {
    const rule = minimalRule({ parameters: { threshold: { type: "money", value: "1e5", label: { zh: "门槛", en: "threshold" } } } });
    expect(rejected(rule)).toContainEqual(expect.objectContaining({ code: "invalid_parameter", path: "sjz-2025/test-rule/v1.json#/parameters/threshold/value" }));
  });

  it("rejects an input named after an Object.prototype member", () => {
    const rule = minimalRule({ inputs: { constructor: { type: "money", label: { zh: "x", en: "x" } } } });
    expect(rejected(rule).map((i) => i.code)).toContain("forbidden_name");
  });

  it("rejects two versions of one rule whose validity overlaps", () => {
    const v1 = minimalRule();
    const v2 = minimalRule({ version: 2, supersedes: 1, validity: { from: { date: "2025-12-31", basis: "stated" } } });
    const issues = rejected(v1, v2);
    expect(issues).toContainEqual(expect.objectContaining({ code: "overlapping_versions", path: "sjz-2025/test-rule/v2.json#/validity" }));
  });

  it("accepts consecutive versions, and closes an open end the day before the next version", () => {
    const v1 = minimalRule({ validity: { from: { date: "2025-01-01", basis: "stated" } } });
    const v2 = minimalRule({ version: 2, supersedes: 1, validity: { from: { date: "2026-01-01", basis: "stated" } } });
    const set = loadRules(v1, v2);
    expect(set.versions("sjz-2025/test-rule").map((v) => [v.validFrom, v.validTo])).toEqual([
      ["2025-01-01", "2025-12-31"],
      ["2026-01-01", null],
    ]);
  });

  it("rejects a rule whose document has no document.json", () => {
    const rule = minimalRule({ id: "zz-2030/test-rule", document: "zz-2030" });
    expect(rejected(rule).map((i) => i.code)).toContain("unknown_document");
  });

  it("collects the problems of every file before failing", () => {
    const a = withLogic({ log: [1] });
    const b = minimalRule({ id: "sjz-2025/second", conditions: [{ id: "c", label: { zh: "x", en: "x" }, logic: { method: [] } }] });
    const files = rejected(a, b).map((i) => i.path.split("#")[0]);
    expect(new Set(files)).toEqual(new Set(["sjz-2025/test-rule/v1.json", "sjz-2025/second/v1.json"]));
  });
});

describe("input defaults", () => {
  it("rejects a default that does not fit its input's type", () => {
    const rule = minimalRule({ inputs: { amount: { type: "money", label: { zh: "金额", en: "amount" }, default: "lots" } } });
    expect(rejected(rule)).toContainEqual(expect.objectContaining({ code: "invalid_default", path: "sjz-2025/test-rule/v1.json#/inputs/amount/default" }));
  });
});
