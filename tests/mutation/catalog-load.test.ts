import { describe, expect, it } from "vitest";
import { loadRuleSet, MAX_SCHEMA_ISSUES_PER_FILE, type LoadOptions } from "../../src/catalog/load.js";
import { InvalidArgumentError } from "../../src/errors.js";
import { minimalRule, withDocument } from "../helpers/fixtures.js";
import { thrown } from "../hostile/guard.js";
import { at, issues, ruleWith, validity } from "./load-helpers.js";

// Tests written for mutants of src/catalog/load.ts that survived `npm run test:mutation` (docs/testing.md,
// "Mutation testing"): the checks of the loader, each by its code, path and message.


describe("the sources", () => {
  it("must be a list", () => {
    expect(issues("nope" as never)).toEqual(["not_a_list #: loadRuleSet takes a list of { path, json } sources"]);
  });

  it("a document's id must be its folder's", () => {
    const [doc] = withDocument();
    expect(issues([{ path: "hd-2025/document.json", json: doc!.json }])).toEqual(['id_mismatch hd-2025/document.json#/id: document id "sjz-2025" does not match its folder "hd-2025"']);
  });

  it("a document that fails its schema gives schema issues and no document", () => {
    const [doc] = withDocument();
    const broken = { ...(doc!.json as object), id: 5 };
    const found = issues([{ path: "sjz-2025/document.json", json: broken }, at(minimalRule())]);
    expect(found[0]).toMatch(/^schema sjz-2025\/document\.json#\/id: /);
    expect(found).toContain('unknown_document sjz-2025/test-rule/v1.json#/document: no sjz-2025/document.json describes document "sjz-2025"');
  });
});

describe("the checks of one rule file", () => {
  it("its id, version and document must match its path", () => {
    expect(issues(withDocument(at(minimalRule(), "sjz-2025/other-rule/v1.json")))).toEqual([
      'id_mismatch sjz-2025/other-rule/v1.json#/id: id "sjz-2025/test-rule" does not match its path "sjz-2025/other-rule"',
    ]);
    expect(issues(withDocument(at(minimalRule({ version: 3 }), "sjz-2025/test-rule/v2.json")))).toEqual([
      "version_mismatch sjz-2025/test-rule/v2.json#/version: version 3 does not match the file name v2.json",
    ]);
    expect(issues(withDocument(at(minimalRule({ document: "hd-2025" }), "sjz-2025/test-rule/v1.json")))).toEqual([
      'document_mismatch sjz-2025/test-rule/v1.json#/document: document "hd-2025" does not match the folder "sjz-2025"',
      'unknown_document sjz-2025/test-rule/v1.json#/document: no hd-2025/document.json describes document "hd-2025"',
    ]);
  });

  it("its measures must be the document's", () => {
    expect(issues(withDocument(at(minimalRule({ measures: ["sjz-2025/九", "sjz-2025/nope", "sjz-2025/nope2"] }))))).toEqual([
      'unknown_measure sjz-2025/test-rule/v1.json#/measures/1: measure "sjz-2025/nope" is not listed in sjz-2025/document.json',
      'unknown_measure sjz-2025/test-rule/v1.json#/measures/2: measure "sjz-2025/nope2" is not listed in sjz-2025/document.json',
    ]);
  });

  it("its validity must not end before it starts; one day is a validity", () => {
    expect(issues(withDocument(at(ruleWith(1, "2025-06-02", "2025-06-01"))))).toEqual([
      "empty_validity sjz-2025/test-rule/v1.json#/validity/to/date: validity ends (2025-06-01) before it starts (2025-06-02)",
    ]);
    expect(loadRuleSet(withDocument(at(ruleWith(1, "2025-06-02", "2025-06-02")))).ruleIds()).toEqual(["sjz-2025/test-rule"]);
  });

  it("a condition id defined twice", () => {
    const rule = minimalRule();
    rule.conditions = [rule.conditions[0], { ...rule.conditions[0], logic: true }];
    expect(issues(withDocument(at(rule)))).toEqual(['duplicate_condition sjz-2025/test-rule/v1.json#/conditions/1/id: condition "enough" is defined twice']);
  });

  it("a forbidden name as a condition id, an input, a parameter or an outcome field", () => {
    const rule = minimalRule();
    rule.conditions = [{ ...rule.conditions[0], id: "constructor" }];
    rule.outcome = { eligible: { ...rule.outcome.eligible, logic: true } };
    expect(issues(withDocument(at(rule)))).toEqual(['forbidden_name sjz-2025/test-rule/v1.json#/conditions/0/id: "constructor" may not be used']);
    const named = minimalRule();
    named.parameters = { ...named.parameters, valueOf: { type: "money", value: "1", label: { zh: "x", en: "x" } } };
    expect(issues(withDocument(at(named)))).toContain('forbidden_name sjz-2025/test-rule/v1.json#/parameters/valueOf: "valueOf" is a name of Object.prototype and may not be used');
  });

  it("an enum input without values, an invalid default, an invalid parameter", () => {
    const label = { zh: "x", en: "x" };
    const rule = minimalRule({
      inputs: {
        amount: { type: "money", label, default: "12.345" },
        kind: { type: "enum", label, values: {} },
        ok: { type: "money", label, default: "12.34" },
      },
    });
    rule.parameters.threshold.value = "-1";
    const found = issues(withDocument(at(rule)));
    expect(found).toContain('invalid_default sjz-2025/test-rule/v1.json#/inputs/amount/default: the default of input "amount" is not a valid money');
    expect(found).toContain('missing_values sjz-2025/test-rule/v1.json#/inputs/kind/values: enum input "kind" must list its values');
    expect(found.filter((i) => i.startsWith("invalid_parameter sjz-2025/test-rule/v1.json#/parameters/threshold/value: "))).toHaveLength(1);
    expect(found.some((i) => i.includes("/inputs/ok/"))).toBe(false);
  });

  it("problems of the logic are reported under the expression's pointer", () => {
    const rule = minimalRule();
    rule.conditions[0].logic = { "jjj.gte": [{ var: "nope" }, "1"] };
    rule.outcome.eligible.logic = { "jjj.condition": "missing" };
    const found = issues(withDocument(at(rule)));
    expect(found.map((i) => i.split(":")[0])).toEqual([
      "undeclared_input sjz-2025/test-rule/v1.json#/conditions/0/logic/jjj.gte/0/var",
      "undeclared_condition sjz-2025/test-rule/v1.json#/outcome/eligible/logic/jjj.condition",
    ]);
  });
});

describe("the limits of a rule file and of a rule", () => {
  it("too many conditions or outcome fields", () => {
    const rule = minimalRule();
    rule.conditions = [rule.conditions[0], { ...rule.conditions[0], id: "two" }];
    expect(issues(withDocument(at(rule)), { maxConditions: 1 })).toEqual([
      "too_many_conditions sjz-2025/test-rule/v1.json#/conditions: 2 conditions, more than 1 (MAX_CONDITIONS; raise it with the maxConditions option of loadRuleSet)",
    ]);
    rule.outcome = { ...rule.outcome, other: rule.outcome.eligible };
    expect(issues(withDocument(at(rule)), { maxConditions: 1, maxOutcomeFields: 1 })).toEqual([
      "too_many_conditions sjz-2025/test-rule/v1.json#/conditions: 2 conditions, more than 1 (MAX_CONDITIONS; raise it with the maxConditions option of loadRuleSet)",
      "too_many_outcome_fields sjz-2025/test-rule/v1.json#/outcome: 2 outcome fields, more than 1 (MAX_OUTCOME_FIELDS; raise it with the maxOutcomeFields option of loadRuleSet)",
    ]);
    expect(issues(withDocument(at(rule)), { maxOutcomeFields: 1 })).toEqual([
      "too_many_outcome_fields sjz-2025/test-rule/v1.json#/outcome: 2 outcome fields, more than 1 (MAX_OUTCOME_FIELDS; raise it with the maxOutcomeFields option of loadRuleSet)",
    ]);
    expect(loadRuleSet(withDocument(at(rule)), { maxConditions: 2, maxOutcomeFields: 2 }).ruleIds()).toEqual(["sjz-2025/test-rule"]);
  });

  it("too many versions: one issue on the rule's first file, and none of its versions loaded", () => {
    const files = [at(ruleWith(1, "2025-01-01", "2025-01-31")), at(ruleWith(2, "2025-02-01", "2025-02-28")), at(ruleWith(3, "2025-03-01"))];
    expect(issues(withDocument(...files), { maxVersionsPerRule: 2 })).toEqual([
      "too_many_versions sjz-2025/test-rule/v1.json#: rule sjz-2025/test-rule has 3 versions, more than 2 (MAX_VERSIONS_PER_RULE; raise it with the maxVersionsPerRule option of loadRuleSet)",
    ]);
    expect(loadRuleSet(withDocument(...files), { maxVersionsPerRule: 3 }).versions("sjz-2025/test-rule")).toHaveLength(3);
  });

  it.each([[0], [-1], [1.5], [Number.NaN], ["10"], [null]])("a limit option %j is an InvalidArgumentError", (value) => {
    for (const name of ["maxFileNodes", "maxConditions", "maxOutcomeFields", "maxVersionsPerRule"] as const) {
      const error = thrown(() => loadRuleSet(withDocument(at(minimalRule())), { [name]: value } as LoadOptions));
      expect(error, name).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message, name).toMatch(new RegExp(`^the ${name} option of loadRuleSet must be a positive integer or Infinity \\(default \\d+\\)$`));
    }
  });

  it("Infinity and 1 are limits", () => {
    expect(loadRuleSet(withDocument(at(minimalRule())), { maxConditions: Infinity, maxVersionsPerRule: 1, maxOutcomeFields: 1 }).ruleIds()).toEqual(["sjz-2025/test-rule"]);
  });

  it("schema issues stop at MAX_SCHEMA_ISSUES_PER_FILE, the rest counted", () => {
    const rule = minimalRule();
    const many = MAX_SCHEMA_ISSUES_PER_FILE + 3;
    rule.inputs = Object.fromEntries(Array.from({ length: many }, (_, i) => [`in${i}`, { type: "nope", label: { zh: "x", en: "x" } }]));
    const found = issues(withDocument(at(rule)));
    expect(found).toHaveLength(MAX_SCHEMA_ISSUES_PER_FILE + 1);
    expect(found.at(-1)).toBe(`too_many_issues sjz-2025/test-rule/v1.json#: and ${many - MAX_SCHEMA_ISSUES_PER_FILE} more schema issues (MAX_SCHEMA_ISSUES_PER_FILE)`);
    rule.inputs = Object.fromEntries(Array.from({ length: MAX_SCHEMA_ISSUES_PER_FILE }, (_, i) => [`in${i}`, { type: "nope", label: { zh: "x", en: "x" } }]));
    expect(issues(withDocument(at(rule))).some((i) => i.startsWith("too_many_issues"))).toBe(false);
  });

  it("an unknown field is named", () => {
    expect(issues(withDocument(at(minimalRule({ extra: 1, other: 2 }))))).toEqual(["unknown_field sjz-2025/test-rule/v1.json#/: unknown field(s) extra, other"]);
  });
});

describe("the versions of a rule against each other", () => {
  it("supersedes must name a version of the rule", () => {
    expect(issues(withDocument(at(ruleWith(1, "2025-01-01", "2025-06-30")), at(ruleWith(2, "2025-07-01", undefined, { supersedes: 3 }))))).toEqual([
      "unknown_version sjz-2025/test-rule/v2.json#/supersedes: supersedes version 3, which does not exist",
    ]);
    expect(loadRuleSet(withDocument(at(ruleWith(1, "2025-01-01", "2025-06-30")), at(ruleWith(2, "2025-07-01", undefined, { supersedes: 1 })))).versions("sjz-2025/test-rule")).toHaveLength(2);
  });

  it("overlaps: the same start, a start within a stated end, a start on the last day", () => {
    expect(issues(withDocument(at(ruleWith(1, "2025-01-01")), at(ruleWith(2, "2025-01-01"))))).toEqual([
      "overlapping_versions sjz-2025/test-rule/v2.json#/validity: validity of sjz-2025/test-rule v2 (from 2025-01-01) overlaps v1 (2025-01-01 to open)",
    ]);
    expect(issues(withDocument(at(ruleWith(1, "2025-01-01", "2025-06-30")), at(ruleWith(2, "2025-06-30"))))).toEqual([
      "overlapping_versions sjz-2025/test-rule/v2.json#/validity: validity of sjz-2025/test-rule v2 (from 2025-06-30) overlaps v1 (2025-01-01 to 2025-06-30)",
    ]);
    // A long first version overlaps the third even though the second ended before it.
    expect(issues(withDocument(at(ruleWith(1, "2025-01-01", "2025-12-31")), at(ruleWith(2, "2025-02-01", "2025-02-28")), at(ruleWith(3, "2025-05-01", "2025-05-31"))))).toEqual([
      "overlapping_versions sjz-2025/test-rule/v2.json#/validity: validity of sjz-2025/test-rule v2 (from 2025-02-01) overlaps v1 (2025-01-01 to 2025-12-31)",
      "overlapping_versions sjz-2025/test-rule/v3.json#/validity: validity of sjz-2025/test-rule v3 (from 2025-05-01) overlaps v1 (2025-01-01 to 2025-12-31)",
    ]);
  });

  it("an open end closes the day before the next version; versions come sorted by number", () => {
    const set = loadRuleSet(withDocument(at(ruleWith(3, "2026-01-01")), at(ruleWith(1, "2025-01-01")), at(ruleWith(2, "2025-03-01", "2025-12-31"))));
    expect(set.versions("sjz-2025/test-rule").map((v) => [v.file.version, v.validFrom, v.validTo])).toEqual([
      [1, "2025-01-01", "2025-02-28"],
      [2, "2025-03-01", "2025-12-31"],
      [3, "2026-01-01", null],
    ]);
    // Adjacent stated ends do not overlap.
    expect(loadRuleSet(withDocument(at(ruleWith(1, "2025-01-01", "2025-02-28")), at(ruleWith(2, "2025-03-01")))).versions("sjz-2025/test-rule")).toHaveLength(2);
  });
});

describe("the set's hash", () => {
  it("does not depend on the order of the sources, and changes with any file", () => {
    const files = withDocument(at(ruleWith(1, "2025-01-01", "2025-02-28")), at(ruleWith(2, "2025-03-01")));
    const hash = loadRuleSet(files).hash;
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loadRuleSet([...files].reverse()).hash).toBe(hash);
    expect(loadRuleSet([files[0]!, files[2]!, files[1]!]).hash).toBe(hash);
    const changed = withDocument(at(ruleWith(1, "2025-01-01", "2025-02-28", { clause: "十" })), at(ruleWith(2, "2025-03-01")));
    expect(loadRuleSet(changed).hash).not.toBe(hash);
  });

  it("a trusted load takes the bundled hash of each file; an untrusted one computes it", () => {
    const files = withDocument(at(minimalRule()));
    const withHashes = files.map((f, i) => ({ ...f, hash: String(i).repeat(64) }));
    const own = loadRuleSet(files);
    expect(loadRuleSet(withHashes).hash).toBe(own.hash);
    expect(loadRuleSet(structuredClone(withHashes), { trusted: true }).hash).not.toBe(own.hash);
    expect(loadRuleSet(structuredClone(files), { trusted: true }).hash).toBe(own.hash);
    expect(own.version("sjz-2025/test-rule").hash).toMatch(/^[0-9a-f]{64}$/);
    expect(loadRuleSet(structuredClone(withHashes), { trusted: true }).version("sjz-2025/test-rule").hash).toBe("1".repeat(64));
  });
});
