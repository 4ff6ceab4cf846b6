import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { countJsonNodes, isAmendment, materialiseAmendments } from "../../src/catalog/extends.js";
import { InvalidArgumentError, RuleFileError, type PolicyIssue } from "../../src/errors.js";
import { fixturePath } from "../diff/helpers.js";
import { thrown } from "../hostile/guard.js";

// Tests written for mutants of src/catalog/extends.ts that survived `npm run test:mutation` (docs/testing.md,
// "Mutation testing"): the exact words of each amendment issue, and the limits at their boundaries.

const RULE = "sjz-2025/absorption-subsidy";
const dir = fixturePath("amendment", "rules", "sjz-2025");
const read = (path: string) => JSON.parse(readFileSync(`${dir}/${path}`, "utf8")) as Record<string, any>;
const DOC = { path: "sjz-2025/document.json", json: read("document.json") };
const v1 = read("absorption-subsidy/v1.json");
const amendment = read("absorption-subsidy/v2.json");
const at = (n: number, json: unknown): RuleSource => ({ path: `${RULE}/v${n}.json`, json });
const clone = <T>(v: T): T => structuredClone(v);

function issuesOf(sources: RuleSource[], options = {}): string[] {
  const error = thrown(() => loadRuleSet(sources, options));
  expect(error).toBeInstanceOf(RuleFileError);
  return (error as RuleFileError).issues.map((i: PolicyIssue) => `${i.code} ${i.path}: ${i.message}`);
}
const withV2 = (edit: (a: Record<string, any>) => void, options = {}) => {
  const a = clone(amendment);
  edit(a);
  return issuesOf([DOC, at(1, v1), at(2, a)], options);
};
/** v2 closed at the end of 2026 and v3 extending it from 2027: a chain of two. */
function chainOfTwo(): RuleSource[] {
  const v2 = clone(amendment);
  v2.validity.to = { date: "2026-12-31", basis: "stated" };
  const v3 = { ...clone(amendment), version: 3, extends: 2, supersedes: 2, validity: { from: { date: "2027-01-01", basis: "stated" } } };
  return [DOC, at(1, v1), at(2, v2), at(3, v3)];
}

describe("the words of each amendment issue", () => {
  it("not_amendable and unknown_field", () => {
    expect(withV2((a) => (a.kind = "guidance"))).toEqual([
      `not_amendable ${RULE}/v2.json#/kind: an amendment may not change "kind": inputs, logic and what the rule is about stay those of the version it extends; write a full version file to change them`,
    ]);
    // The fields AmendmentFileSchema (schema/rule-file.ts) lists, in its order.
    const fields = "$schema, id, version, document, extends, supersedes, source, validity, parameters, conditionLabels, notes, changes, examples";
    expect(withV2((a) => (a.parameter = {}))).toEqual([`unknown_field ${RULE}/v2.json#/parameter: unknown field parameter of an amendment (it may set ${fields})`]);
  });

  it("extends_not_earlier, unknown_base, invalid_base", () => {
    expect(withV2((a) => (a.extends = 2))).toEqual([
      `extends_not_earlier ${RULE}/v2.json#/extends: extends version 2, which is not earlier than this version 2: an amendment extends an earlier version of its rule`,
    ]);
    const v3 = { ...clone(amendment), version: 3, extends: 2 };
    expect(issuesOf([DOC, at(1, v1), at(3, v3)])).toEqual([
      `unknown_base ${RULE}/v3.json#/extends: extends version 2, but there is no ${RULE}/v2.json (or it could not be read: see its own issues)`,
    ]);
    const broken = { ...clone(amendment), inputs: {} };
    expect(issuesOf([DOC, at(1, v1), at(2, broken), at(3, { ...v3, supersedes: 2 })])).toContain(
      `invalid_base ${RULE}/v3.json#/extends: extends version 2 (${RULE}/v2.json), an amendment that could not be materialised: see its own issues`,
    );
    expect(issuesOf([DOC, at(1, { ...clone(v1), changes: "none" }), at(2, amendment)])).toContain(
      `invalid_base ${RULE}/v2.json#/extends: extends version 1 (${RULE}/v1.json), which is not a rule file with parameters, conditions and changes: see its own issues`,
    );
  });

  it("a base without parameters, conditions or changes as the right kind of value is invalid_base", () => {
    for (const edit of [{ parameters: [] }, { parameters: null }, { conditions: {} }, { changes: {} }]) {
      const found = issuesOf([DOC, at(1, { ...clone(v1), ...edit }), at(2, amendment)]);
      expect(found.some((i) => i.startsWith(`invalid_base ${RULE}/v2.json#/extends`)), JSON.stringify(edit)).toBe(true);
    }
  });

  it("unknown_parameter, type_change, unknown_condition", () => {
    expect(withV2((a) => (a.parameters.ceiling = { value: "1" }))).toEqual([
      `unknown_parameter ${RULE}/v2.json#/parameters/ceiling: "ceiling" is not a parameter of the version this amends: an amendment changes existing parameters; a new one needs a full version file`,
    ]);
    expect(withV2((a) => (a.parameters.cap.type = "rate"))).toEqual([
      `type_change ${RULE}/v2.json#/parameters/cap/type: an amendment may not change the type of parameter "cap" (money → rate): the logic was checked against it; write a full version file`,
    ]);
    expect(withV2((a) => (a.conditionLabels.nope = { zh: "x", en: "x" }))).toEqual([
      `unknown_condition ${RULE}/v2.json#/conditionLabels/nope: "nope" is not a condition of the version this amends`,
    ]);
    // Every problem of the merge is reported, not only the first.
    expect(
      withV2((a) => {
        a.parameters.ceiling = { value: "1" };
        a.parameters.floor = { value: "1" };
      }).map((i) => i.split(":")[0]),
    ).toEqual([`unknown_parameter ${RULE}/v2.json#/parameters/ceiling`, `unknown_parameter ${RULE}/v2.json#/parameters/floor`]);
  });
});

describe("the limits at their boundaries", () => {
  it("maxExtendsChain: a chain of exactly the limit is taken, one more is refused with the count", () => {
    expect(loadRuleSet(chainOfTwo(), { maxExtendsChain: 2 }).version(RULE, 3).amends).toBe(2);
    expect(issuesOf(chainOfTwo(), { maxExtendsChain: 1 })).toEqual([
      `extends_chain_too_long ${RULE}/v3.json#/extends: this version is the 2th amendment in a row, more than 1 (MAX_EXTENDS_CHAIN): write a full version file to start a new chain, or raise it with the maxExtendsChain option of loadRuleSet`,
    ]);
  });

  it("maxMaterialisedNodes: the base's and the amendment's values together, the limit itself taken", () => {
    const bound = countJsonNodes(v1) + countJsonNodes(amendment);
    expect(loadRuleSet([DOC, at(1, v1), at(2, amendment)], { maxMaterialisedNodes: bound }).version(RULE, 2).amends).toBe(1);
    expect(withV2(() => {}, { maxMaterialisedNodes: bound - 1 })).toEqual([
      `too_many_materialised_nodes ${RULE}/v2.json#: materialising this amendment would bring the versions built from amendments to more than ${bound - 1} JSON values (MAX_MATERIALISED_NODES; raise it with the maxMaterialisedNodes option of loadRuleSet)`,
    ]);
  });

  it("maxMaterialisedNodes counts every amendment of the load together", () => {
    const sources = chainOfTwo();
    const full2 = materialiseAmendments(sources.slice(1, 3), {}, { issues: [], maxFileNodes: Infinity, schemaIssues: () => [] })[1]!.json;
    const first = countJsonNodes(v1) + countJsonNodes(sources[2]!.json);
    const second = countJsonNodes(full2) + countJsonNodes(sources[3]!.json);
    const used = countJsonNodes(full2);
    expect(loadRuleSet(sources, { maxMaterialisedNodes: Math.max(first, used + second) }).version(RULE, 3).amends).toBe(2);
    expect(issuesOf(sources, { maxMaterialisedNodes: used + second - 1 }).map((i) => i.split(":")[0])).toEqual([`too_many_materialised_nodes ${RULE}/v3.json#`]);
  });

  it("maxFileNodes applies to the full version: its size itself is taken", () => {
    const built = materialiseAmendments([at(1, v1), at(2, amendment)], {}, { issues: [], maxFileNodes: Infinity, schemaIssues: () => [] });
    const nodes = countJsonNodes(built[1]!.json);
    const issues: PolicyIssue[] = [];
    expect(materialiseAmendments([at(1, v1), at(2, amendment)], {}, { issues, maxFileNodes: nodes, schemaIssues: () => [] })).toHaveLength(2);
    expect(issues).toEqual([]);
    expect(materialiseAmendments([at(1, v1), at(2, amendment)], {}, { issues, maxFileNodes: nodes - 1, schemaIssues: () => [] })).toHaveLength(1);
    expect(issues.map((i) => `${i.code} ${i.path}: ${i.message}`)).toEqual([
      `too_large ${RULE}/v2.json#: the full version this amendment describes holds ${nodes} JSON values, more than ${nodes - 1} (MAX_FILE_NODES; raise it with the maxFileNodes option of loadRuleSet)`,
    ]);
  });

  it("the options' error names the option and its default", () => {
    expect((thrown(() => loadRuleSet([DOC, at(1, v1)], { maxExtendsChain: 0 })) as Error).message).toBe(
      "the maxExtendsChain option of loadRuleSet must be a positive integer or Infinity (default 32)",
    );
    const error = thrown(() => loadRuleSet([DOC, at(1, v1)], { maxMaterialisedNodes: -5 }));
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toBe("the maxMaterialisedNodes option of loadRuleSet must be a positive integer or Infinity (default 1000000)");
    expect(loadRuleSet([DOC, at(1, v1), at(2, amendment)], { maxExtendsChain: 1, maxMaterialisedNodes: 10_000 }).version(RULE, 2).amends).toBe(1);
  });
});

describe("isAmendment, countJsonNodes, and sources without amendments", () => {
  it("an amendment is an object with an own extends", () => {
    expect(isAmendment({ extends: 1 })).toBe(true);
    expect(isAmendment({ extends: undefined })).toBe(true);
    expect(isAmendment({})).toBe(false);
    expect(isAmendment(Object.create({ extends: 1 }))).toBe(false);
    expect(isAmendment([1])).toBe(false);
    expect(isAmendment(null)).toBe(false);
    expect(isAmendment("extends")).toBe(false);
  });

  it("counts values as a tree", () => {
    expect(countJsonNodes({ a: [1, 2], b: "x" })).toBe(5);
    expect(countJsonNodes([])).toBe(1);
    expect(countJsonNodes(null)).toBe(1);
    expect(countJsonNodes({ a: { b: { c: [null, [true]] } } })).toBe(7);
  });

  it("sources without amendments come back as a new list of the same sources", () => {
    const sources = [at(1, v1)];
    const out = materialiseAmendments(sources, {}, { issues: [], maxFileNodes: 100, schemaIssues: () => [] });
    expect(out).toEqual(sources);
    expect(out).not.toBe(sources);
    expect(out[0]).toBe(sources[0]);
  });

  it("the output keeps the order of the sources, each amendment replaced by its full version", () => {
    const sources = [at(2, amendment), at(1, v1)];
    const out = materialiseAmendments(sources, {}, { issues: [], maxFileNodes: Infinity, schemaIssues: () => [] });
    expect(out.map((s) => [s.path, s.amends])).toEqual([
      [`${RULE}/v2.json`, 1],
      [`${RULE}/v1.json`, undefined],
    ]);
    expect((out[0]!.json as { version: number }).version).toBe(2);
  });
});
