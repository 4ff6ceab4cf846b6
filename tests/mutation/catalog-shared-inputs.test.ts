import { describe, expect, it } from "vitest";
import { loadRuleSet, MAX_SCHEMA_ISSUES_PER_FILE, type RuleSource } from "../../src/catalog/load.js";
import { resolveSharedInputs } from "../../src/catalog/shared-inputs.js";
import { RuleFileError, type PolicyIssue } from "../../src/errors.js";
import { PROFILE_CITY_PATTERN } from "../../src/schema/shared-inputs.js";
import { SubjectTypeSchema } from "../../src/schema/rule-file.js";
import { minimalRule, withDocument } from "../helpers/fixtures.js";
import { thrown } from "../hostile/guard.js";

// Tests written for mutants of src/catalog/shared-inputs.ts that survived `npm run test:mutation`
// (docs/testing.md, "Mutation testing"): the words of each issue of an inputs.json, the budget of
// materialised references, the per-file issue cap, and what counts as a reference.

const label = { zh: "x", en: "x" };
const amountDecl = { type: "money", label: { zh: "金额", en: "amount" } };
const cityDecl = { type: "string", label, pattern: PROFILE_CITY_PATTERN, fromProfile: "city" };

function sources(shared: unknown, inputs: Record<string, unknown>, extra: RuleSource[] = []): RuleSource[] {
  return [
    ...withDocument({ path: "sjz-2025/test-rule/v1.json", json: minimalRule({ inputs }) }),
    ...(shared === undefined ? [] : [{ path: "sjz-2025/inputs.json", json: shared }]),
    ...extra,
  ];
}
const issuesOf = (list: RuleSource[], options = {}) => {
  const error = thrown(() => loadRuleSet(list, options));
  expect(error).toBeInstanceOf(RuleFileError);
  return (error as RuleFileError).issues.map((i: PolicyIssue) => `${i.code} ${i.path}: ${i.message}`);
};
const resolve = (list: RuleSource[], maxNodes = 100_000, maxIssuesPerFile = MAX_SCHEMA_ISSUES_PER_FILE) => {
  const issues: PolicyIssue[] = [];
  const out = resolveSharedInputs(list, issues, { trusted: false, maxNodes, schemaIssues: () => [], maxIssuesPerFile });
  return { out, issues: issues.map((i) => `${i.code} ${i.path}: ${i.message}`) };
};

describe("the words of each issue of an inputs.json", () => {
  it("no values (enum and enumList), an invalid default, a forbidden name", () => {
    expect(
      issuesOf(
        sources(
          {
            inputs: {
              kind: { type: "enum", label, values: {} },
              kinds: { type: "enumList", label, values: {} },
              money: { type: "money", label, default: "1.234" },
              valueOf: { type: "money", label },
            },
          },
          { amount: amountDecl },
        ),
      ),
    ).toEqual([
      'missing_values sjz-2025/inputs.json#/inputs/kind/values: enum input "kind" must list its values',
      'missing_values sjz-2025/inputs.json#/inputs/kinds/values: enumList input "kinds" must list its values',
      'invalid_default sjz-2025/inputs.json#/inputs/money/default: the default of input "money" is not a valid money',
      'forbidden_name sjz-2025/inputs.json#/inputs/valueOf: "valueOf" is a name of Object.prototype and may not be used',
    ]);
  });

  it("an enum without values is not refused for a type that needs none, and a valid default is taken", () => {
    expect(resolve(sources({ inputs: { n: { type: "integer", label, default: 3 } } }, { amount: amountDecl, n: { shared: "n" } })).issues).toEqual([]);
  });

  it("profile_mismatch: the subject types exactly, and the profile's city pattern", () => {
    const types = Object.fromEntries(SubjectTypeSchema.options.map((t) => [t, label]));
    const more = { ...types, other: label };
    const found = issuesOf(
      sources(
        {
          inputs: {
            a: { type: "enum", label, values: more, fromProfile: "type" },
            b: { type: "enumList", label, values: types, fromProfile: "type" },
            c: { ...cityDecl, pattern: "^[a-z]+$" },
            d: { type: "enum", label, values: { x: label }, fromProfile: "city" },
          },
        },
        { amount: amountDecl },
      ),
    );
    const typeWords = `a shared input filled from the profile's type must be an enum of exactly the subject types: ${SubjectTypeSchema.options.join(", ")}`;
    const cityWords = `a shared input filled from the profile's city must be a string with the pattern ${PROFILE_CITY_PATTERN}, as the profile's city`;
    expect(found).toEqual([
      `profile_mismatch sjz-2025/inputs.json#/inputs/a/fromProfile: ${typeWords}`,
      `profile_mismatch sjz-2025/inputs.json#/inputs/b/fromProfile: ${typeWords}`,
      `profile_mismatch sjz-2025/inputs.json#/inputs/c/fromProfile: ${cityWords}`,
      `profile_mismatch sjz-2025/inputs.json#/inputs/d/fromProfile: ${cityWords}`,
    ]);
  });
});

describe("materialised references", () => {
  it("stop at the node budget (every reference counted), reported once where it ran out; later references are not resolved", () => {
    // Small files, so that the per-file bound (the same maxNodes) is not what refuses them: inputs.json holds
    // 7 values, each rule file 4, and the declaration of a, 5 (the object, type, label, zh, en).
    const decl = { type: "money", label };
    const rule = (n: number) => ({ path: `sjz-2025/rule-${n}/v1.json`, json: { inputs: { a: { shared: "a" } } } });
    const list = [{ path: "sjz-2025/inputs.json", json: { inputs: { a: decl } } }, rule(1), rule(2), rule(3), rule(4)];
    expect(resolve(list, 20).issues).toEqual([]);
    const { out, issues } = resolve(list, 14);
    expect(issues).toEqual([
      "too_large sjz-2025/rule-3/v1.json#/inputs/a: resolving shared inputs would add more than 14 JSON values to the rule set, all materialised references together (MAX_FILE_NODES; raise it with the maxFileNodes option of loadRuleSet); references after this one are not resolved",
    ]);
    expect(out.map((s) => s.path)).toEqual(["sjz-2025/rule-1/v1.json", "sjz-2025/rule-2/v1.json"]);
    expect(resolve(list.slice(0, 4), 15).issues).toEqual([]);
  });

  it("a rule file larger than the per-file bound is left for the loader's shape check", () => {
    const list = [{ path: "sjz-2025/inputs.json", json: { inputs: { a: { type: "money", label } } } }, { path: "sjz-2025/rule-1/v1.json", json: { inputs: { a: { shared: "a" }, b: { shared: "a" } } } }];
    expect(resolve(list, 10).issues).toEqual([]);
    expect(resolve(list, 9).issues.map((i) => i.split(":")[0])).toEqual(["too_large sjz-2025/rule-1/v1.json#/inputs/b"]);
    const left = resolve(list, 5);
    expect(left.out[0]).toBe(list[1]);
  });

  it("reference issues stop at the per-file cap, the rest counted", () => {
    const inputs = Object.fromEntries(Array.from({ length: 5 }, (_, i) => [`i${i}`, { shared: `nope${i}` }]));
    const { issues } = resolve(sources({ inputs: {} }, inputs), 100_000, 3);
    expect(issues).toHaveLength(4);
    expect(issues[3]).toBe("too_many_issues sjz-2025/test-rule/v1.json#/inputs: and 2 more shared-input issues (MAX_SCHEMA_ISSUES_PER_FILE)");
    expect(resolve(sources({ inputs: {} }, Object.fromEntries(Object.entries(inputs).slice(0, 3))), 100_000, 3).issues).toHaveLength(3);
  });

  it("a reference is a plain object (or one without prototype) with an own shared; anything else is left to the rule schema", () => {
    const decl = { type: "money", label };
    const bare = Object.assign(Object.create(null), { shared: "a" });
    const { out, issues } = resolve(sources({ inputs: { a: decl } }, { amount: bare }));
    expect(issues).toEqual([]);
    expect((out[1]!.json as { inputs: Record<string, unknown> }).inputs["amount"]).toEqual(decl);
    const inherited = Object.create({ shared: "a" });
    const kept = resolve(sources({ inputs: { a: decl } }, { amount: inherited }));
    expect((kept.out[1]!.json as { inputs: Record<string, unknown> }).inputs["amount"]).toBe(inherited);
    const list = resolve(sources({ inputs: { a: decl } }, { amount: [{ shared: "a" }] }));
    expect(Array.isArray((list.out[1]!.json as { inputs: Record<string, unknown> }).inputs["amount"])).toBe(true);
  });

  it("a set without inputs.json and without references comes back as the same list", () => {
    const list = sources(undefined, { amount: amountDecl });
    expect(resolve(list).out).toBe(list);
  });

  it("a reference adds a description and a default the declaration leaves out, the same ones are no conflict", () => {
    const decl = { type: "money", label, description: label };
    const { out, issues } = resolve(sources({ inputs: { a: decl } }, { amount: { shared: "a", description: { ...label }, default: "5" } }));
    expect(issues).toEqual([]);
    expect((out[1]!.json as { inputs: Record<string, unknown> }).inputs["amount"]).toEqual({ ...decl, default: "5" });
  });
});
