import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/catalog/load.js";
import { minimalRule, withDocument } from "../helpers/fixtures.js";
import { at, issues, ruleWith, validity } from "./load-helpers.js";

// More tests for survivors of src/catalog/load.ts in `npm run test:mutation` (docs/testing.md, "Mutation testing").

const product = { "jjj.mul": Array.from({ length: 10 }, () => ({ var: "amount" })) };

describe("the words of a source that is not a rule file", () => {
  it("invalid_source and unexpected_file", () => {
    expect(issues([...withDocument(), { path: 5 } as never])).toEqual(["invalid_source 5#: a source is { path: string, json }"]);
    expect(issues(withDocument({ path: "sjz-2025/readme.json", json: {} }))).toEqual([
      "unexpected_file sjz-2025/readme.json#: expected <document>/document.json, <document>/inputs.json or <document>/<rule>/v<N>.json",
    ]);
  });
});

describe("the limits on conditions and outcome fields report only the one exceeded", () => {
  it("conditions over, outcome fields at the limit", () => {
    const rule = minimalRule();
    rule.conditions = [rule.conditions[0], { ...rule.conditions[0], id: "two" }];
    expect(issues(withDocument(at(rule)), { maxConditions: 1, maxOutcomeFields: 1 })).toEqual([
      "too_many_conditions sjz-2025/test-rule/v1.json#/conditions: 2 conditions, more than 1 (MAX_CONDITIONS; raise it with the maxConditions option of loadRuleSet)",
    ]);
  });

  it("outcome fields over, conditions at the limit", () => {
    const rule = minimalRule();
    rule.outcome = { ...rule.outcome, other: rule.outcome.eligible };
    expect(issues(withDocument(at(rule)), { maxConditions: 1, maxOutcomeFields: 1 })).toEqual([
      "too_many_outcome_fields sjz-2025/test-rule/v1.json#/outcome: 2 outcome fields, more than 1 (MAX_OUTCOME_FIELDS; raise it with the maxOutcomeFields option of loadRuleSet)",
    ]);
  });
});

describe("what a loaded version keeps", () => {
  it("each expression's references, and the applicability check", () => {
    const v = loadRuleSet(withDocument(at(minimalRule({ applicable: { "jjj.gte": [{ var: "amount" }, "1"] } })))).version("sjz-2025/test-rule");
    expect(v.conditions[0]!.refs).toEqual({ inputs: ["amount"], parameters: ["threshold"] });
    expect(v.applicable?.refs).toEqual({ inputs: ["amount"], parameters: [] });
    expect(v.applicable?.fn({ amount: "0" }, { params: {}, conditions: {}, outcome: {}, on: "2025-06-01" } as never)).toBe(false);
    expect(issues(withDocument(at(minimalRule({ applicable: { var: "nope" } }))))).toEqual([
      'undeclared_input sjz-2025/test-rule/v1.json#/applicable/var: var "nope" names no declared input (inputs: amount)',
    ]);
  });

  it("amends only on a version materialised from an amendment", () => {
    const v = loadRuleSet(withDocument(at(minimalRule()))).version("sjz-2025/test-rule");
    expect(Object.hasOwn(v, "amends")).toBe(false);
  });
});

describe("the growth check", () => {
  it("runs on an untrusted load of a file without other problems, not on a trusted one nor after other problems", () => {
    const rule = minimalRule({ outcome: { eligible: minimalRule().outcome.eligible, big: { type: "decimal", label: { zh: "x", en: "x" }, logic: product } } });
    const found = issues(withDocument(at(rule)));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^unbounded_growth sjz-2025\/test-rule\/v1\.json#\/outcome\/big\/logic/);
    expect(loadRuleSet(structuredClone(withDocument(at(rule))), { trusted: true }).ruleIds()).toEqual(["sjz-2025/test-rule"]);
    expect(issues(withDocument(at({ ...rule, measures: ["sjz-2025/nope"] }))).map((i) => i.split(" ")[0])).toEqual(["unknown_measure"]);
  });
});

describe("versions whose numbers are not in the order of their starts", () => {
  it("open ends close on the day before the next start, by date not by number", () => {
    const set = loadRuleSet(withDocument(at(ruleWith(1, "2025-07-01")), at(ruleWith(2, "2025-01-01"))));
    expect(set.versions("sjz-2025/test-rule").map((v) => [v.file.version, v.validFrom, v.validTo])).toEqual([
      [1, "2025-07-01", null],
      [2, "2025-01-01", "2025-06-30"],
    ]);
  });

  it("an overlap names the version with the latest end so far, the earliest of those when ends are equal", () => {
    expect(issues(withDocument(at(ruleWith(1, "2025-01-01", "2025-06-30")), at(ruleWith(2, "2025-03-01", "2025-06-30")), at(ruleWith(3, "2025-05-01", "2025-05-31"))))).toEqual([
      "overlapping_versions sjz-2025/test-rule/v2.json#/validity: validity of sjz-2025/test-rule v2 (from 2025-03-01) overlaps v1 (2025-01-01 to 2025-06-30)",
      "overlapping_versions sjz-2025/test-rule/v3.json#/validity: validity of sjz-2025/test-rule v3 (from 2025-05-01) overlaps v1 (2025-01-01 to 2025-06-30)",
    ]);
  });

  it("an overlap is reported on the later start, against the earlier one", () => {
    expect(issues(withDocument(at(ruleWith(1, "2025-07-01", "2025-12-31")), at(ruleWith(2, "2025-01-01", "2025-08-31"))))).toEqual([
      "overlapping_versions sjz-2025/test-rule/v1.json#/validity: validity of sjz-2025/test-rule v1 (from 2025-07-01) overlaps v2 (2025-01-01 to 2025-08-31)",
    ]);
    expect(loadRuleSet(withDocument(at(ruleWith(1, "2025-07-01", "2025-12-31")), at(ruleWith(2, "2025-01-01", "2025-06-30")))).ruleIds()).toEqual(["sjz-2025/test-rule"]);
    expect(
      loadRuleSet(withDocument(at(ruleWith(1, "2025-09-01")), at(ruleWith(2, "2025-05-01", "2025-08-31")), at(ruleWith(3, "2025-01-01", "2025-04-30")))).versions("sjz-2025/test-rule").map((v) => v.validTo),
    ).toEqual([null, "2025-08-31", "2025-04-30"]);
  });
});
