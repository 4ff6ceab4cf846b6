import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { MAX_EXTENDS_CHAIN, countJsonNodes } from "../../src/catalog/extends.js";
import { canonicalJson } from "../../src/engine/hash.js";
import { InvalidArgumentError, RuleFileError, type PolicyIssue } from "../../src/errors.js";
import { ruleSourcesFromTarball } from "../../src/cli/read-rule-set.js";
import { loadRuleSetFromDir } from "../../src/cli/load-dir.js";
import { createEngine } from "../../src/api.js";
import { tarEntry, tarOf } from "../helpers/tar-writer.js";
import { fixturePath } from "../diff/helpers.js";
import { checkJsonSchema } from "../docs/json-schema.js";

// Amendments (catalog/extends.ts): a version written as "extends": N plus what changes, materialised by the
// loader into the full version, which is checked and hashed like any full file.

const RULE = "sjz-2025/absorption-subsidy";
const dir = fixturePath("amendment", "rules", "sjz-2025");
const read = (path: string) => JSON.parse(readFileSync(`${dir}/${path}`, "utf8")) as Record<string, any>;
const documentJson = read("document.json");
const v1 = read("absorption-subsidy/v1.json");
const amendment = read("absorption-subsidy/v2.json");

const DOC = { path: "sjz-2025/document.json", json: documentJson };
const at = (n: number, json: unknown): RuleSource => ({ path: `${RULE}/v${n}.json`, json });
const clone = <T>(v: T): T => structuredClone(v);

/** The issues of a load that must fail. */
function issuesOf(sources: RuleSource[], options = {}): PolicyIssue[] {
  try {
    loadRuleSet(sources, options);
  } catch (error) {
    expect(error).toBeInstanceOf(RuleFileError);
    return [...(error as RuleFileError).issues];
  }
  throw new Error("expected the load to fail");
}

/** The full v2 built by hand from v1, field by field, as the amendment describes it: an oracle independent of extends.ts. */
function fullV2ByHand(): Record<string, any> {
  const full = clone(v1);
  full.version = 2;
  full.supersedes = 1;
  full.source = clone(amendment.source);
  full.validity = clone(amendment.validity);
  full.parameters.threshold.value = "300000";
  full.parameters.threshold.sourceText = "30万元(含)";
  full.parameters.lowerBandRate.value = "0.15";
  full.parameters.lowerBandRate.sourceText = "最高15%";
  full.parameters.cap.value = "800000";
  full.parameters.cap.sourceText = "每项最高补助80万元";
  full.conditions.find((c: { id: string }) => c.id === "amountAtLeastThreshold").label = clone(amendment.conditionLabels.amountAtLeastThreshold);
  full.notes = clone(amendment.notes);
  full.changes = [...v1.changes, ...clone(amendment.changes)];
  full.examples = clone(amendment.examples);
  return full;
}

describe("materialising an amendment", () => {
  it("the fixture's v2 is a small file that says extends: 1 and no logic", () => {
    expect(amendment.extends).toBe(1);
    for (const key of ["inputs", "conditions", "outcome", "applicable", "title", "subjects"]) expect(amendment, key).not.toHaveProperty(key);
    expect(countJsonNodes(amendment)).toBeLessThan(countJsonNodes(v1) / 2);
  });

  it("builds the full version: equal to v1 with the amendment's changes made by hand", () => {
    const set = loadRuleSet([DOC, at(1, v1), at(2, amendment)]);
    const v2 = set.version(RULE, 2);
    expect(canonicalJson(v2.file)).toBe(canonicalJson(fullV2ByHand()));
    expect(v2.file.parameters["cap"]!.value).toBe("800000");
    expect(v2.file.parameters["cap"]!.label).toEqual(v1.parameters.cap.label); // inherited field
    expect(v2.file.$schema).toBe(v1.$schema); // the full version keeps the base's $schema
    expect(v2.file).not.toHaveProperty("extends");
    expect(v2.amends).toBe(1);
    expect(set.version(RULE, 1).amends).toBeUndefined();
  });

  it("hashes the full version as published: the same hash as the full copy the fixture held before", () => {
    const fromAmendment = loadRuleSet([DOC, at(1, v1), at(2, amendment)]);
    const fromFull = loadRuleSet([DOC, at(1, v1), at(2, fullV2ByHand())]);
    expect(fromAmendment.version(RULE, 2).hash).toBe(fromFull.version(RULE, 2).hash);
    expect(fromAmendment.hash).toBe(fromFull.hash);
    // The former full tests/fixtures/amendment/.../v2.json (699 lines, commit c138237), canonical JSON hashed outside JavaScript:
    // python3: hashlib.sha256(json.dumps(d, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode())
    // (573531835870c97beff8ad1b0ae7f906a9eb49e526f7a8d69fdfd2548c92b345 as it was), after issue #18 with each example's
    // description replaced in Python by { zh: <scripts/example-descriptions-zh.json>[en], en }.
    expect(fromAmendment.version(RULE, 2).hash).toBe("508b23d2544b0a49b8ca3420faa450f110567f411d22bae7ff84b736bd33d4eb");
  });

  it("decides like the full version: the worked examples of v2 pass on the materialised version", () => {
    const engine = createEngine(loadRuleSet([DOC, at(1, v1), at(2, amendment)]));
    const example = amendment.examples.find((e: { facts: { contractAmount?: string } }) => e.facts.contractAmount === "20000000");
    const decision = engine.evaluate(RULE, example.facts, { on: example.on });
    expect(decision.provenance.version).toBe(2);
    expect(decision.outcome["amount"]).toBe("800000.00");
  });

  it("does not depend on the order of the sources (the amendment before its base)", () => {
    const a = loadRuleSet([at(2, amendment), DOC, at(1, v1)]);
    const b = loadRuleSet([DOC, at(1, v1), at(2, amendment)]);
    expect(a.hash).toBe(b.hash);
  });

  it("loads the same from a folder, an archive and a trusted list", async () => {
    const fromDir = loadRuleSetFromDir(fixturePath("amendment", "rules"));
    const text = (p: string) => readFileSync(`${dir}/${p}`);
    const tgz = tarOf([
      tarEntry("package/rules/sjz-2025/document.json", text("document.json")),
      tarEntry("package/rules/sjz-2025/absorption-subsidy/v1.json", text("absorption-subsidy/v1.json")),
      tarEntry("package/rules/sjz-2025/absorption-subsidy/v2.json", text("absorption-subsidy/v2.json")),
    ]);
    const fromTar = loadRuleSet(await ruleSourcesFromTarball(tgz, "fixture.tar"));
    const trusted = loadRuleSet([DOC, at(1, clone(v1)), at(2, clone(amendment))].map(clone), { trusted: true });
    const plain = loadRuleSet([DOC, at(1, v1), at(2, amendment)]);
    for (const set of [fromDir, fromTar, trusted]) {
      expect(set.hash).toBe(plain.hash);
      expect(set.version(RULE, 2).amends).toBe(1);
      expect(canonicalJson(set.version(RULE, 2).file)).toBe(canonicalJson(plain.version(RULE, 2).file));
    }
  });

  it("a chain: v3 extends v2 extends v1, each change kept, changes appended, supersedes not inherited", () => {
    const v3 = {
      id: RULE,
      version: 3,
      document: "sjz-2025",
      extends: 2,
      validity: { from: { date: "2027-01-01", basis: "stated" }, to: { date: "2028-01-16", basis: "stated" } },
      parameters: { upperBandRate: { value: "0.06" } },
      changes: [{ date: "2027-01-01", note: { zh: "(假设)第二档比例提高到6%。", en: "(Hypothetical) upper-band rate raised to 6%." } }],
      examples: [{ description: "A 300,000 yuan licence in 2027", on: "2027-06-01", facts: amendment.examples[1].facts, expected: { inForce: true, outcome: { amount: "45000.00" } } }],
    };
    const v2 = clone(amendment);
    v2.validity.to = { date: "2026-12-31", basis: "stated" };
    const set = loadRuleSet([DOC, at(1, v1), at(2, v2), at(3, v3)]);
    const file = set.version(RULE, 3).file;
    expect(set.version(RULE, 3).amends).toBe(2);
    expect(file.parameters["upperBandRate"]!.value).toBe("0.06"); // v3's
    expect(file.parameters["cap"]!.value).toBe("800000"); // v2's
    expect(file.parameters["lowerBandLimit"]!.value).toBe(v1.parameters.lowerBandLimit.value); // v1's
    expect(file.changes.map((c) => c.date)).toEqual([...v1.changes.map((c: { date: string }) => c.date), "2026-01-01", "2027-01-01"]);
    expect(file.supersedes).toBeUndefined();
    expect(file.notes).toEqual(amendment.notes);
  });
});

describe("the loaded amendment is the loader's own", () => {
  it("is frozen and shares no object with the base version or the caller's JSON", () => {
    const sources = [DOC, at(1, clone(v1)), at(2, clone(amendment))];
    const set = loadRuleSet(sources);
    const a = set.version(RULE, 1).file;
    const b = set.version(RULE, 2).file;
    const objects = (root: unknown) => {
      const seen = new Set<object>();
      const stack = [root];
      while (stack.length) {
        const v = stack.pop();
        if (v === null || typeof v !== "object" || seen.has(v)) continue;
        seen.add(v);
        for (const x of Object.values(v)) stack.push(x);
      }
      return seen;
    };
    const inBase = objects(a);
    const inCaller = new Set([...objects(sources[1]!.json), ...objects(sources[2]!.json)]);
    const inAmendment = objects(b);
    expect(inAmendment.size).toBeGreaterThan(100);
    for (const o of inAmendment) {
      expect(Object.isFrozen(o)).toBe(true);
      expect(inBase.has(o)).toBe(false);
      expect(inCaller.has(o)).toBe(false);
    }
  });

  it("changing the caller's base or amendment after the load changes nothing loaded", () => {
    const base = clone(v1);
    const small = clone(amendment);
    const set = loadRuleSet([DOC, at(1, base), at(2, small)]);
    const before = canonicalJson(set.version(RULE, 2).file);
    base.parameters.lowerBandLimit.value = "1";
    base.conditions[0].label.en = "changed";
    small.parameters.cap.value = "1";
    small.examples.length = 0;
    expect(canonicalJson(set.version(RULE, 2).file)).toBe(before);
  });
});

describe("an amendment that cannot be materialised gets issues with a path, a code and a message", () => {
  const withV2 = (edit: (a: Record<string, any>) => void, options = {}) => {
    const a = clone(amendment);
    edit(a);
    return issuesOf([DOC, at(1, v1), at(2, a)], options);
  };
  const only = (issues: PolicyIssue[]) => {
    expect(issues).toHaveLength(1);
    return issues[0]!;
  };

  it("a field an amendment may not change (inputs, logic, what the rule is about): not_amendable", () => {
    const issues = withV2((a) => {
      a.inputs = clone(v1.inputs);
      a.outcome = clone(v1.outcome);
      a.kind = "guidance";
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["not_amendable", `${RULE}/v2.json#/inputs`],
      ["not_amendable", `${RULE}/v2.json#/outcome`],
      ["not_amendable", `${RULE}/v2.json#/kind`],
    ]);
    expect(issues[0]!.message).toMatch(/may not change "inputs".*full version file/);
  });

  it("an unknown field (a typo): unknown_field", () => {
    const i = only(withV2((a) => (a.parameter = a.parameters)));
    expect([i.code, i.path]).toEqual(["unknown_field", `${RULE}/v2.json#/parameter`]);
  });

  it("a malformed field: the schema's issue at the amendment's path", () => {
    const i = only(withV2((a) => (a.parameters.cap.value = { yuan: 800000 })));
    expect([i.code, i.path]).toEqual(["schema", `${RULE}/v2.json#/parameters/cap/value`]);
    const j = only(withV2((a) => (a.parameters.cap.colour = "red")));
    expect([j.code, j.path]).toEqual(["unknown_field", `${RULE}/v2.json#/parameters/cap`]);
    const k = only(withV2((a) => (a.extends = "1")));
    expect([k.code, k.path]).toEqual(["schema", `${RULE}/v2.json#/extends`]);
    expect(withV2((a) => delete a.validity).map((x) => x.path)).toEqual([`${RULE}/v2.json#/validity`]);
  });

  it("extends its own or a later version: extends_not_earlier", () => {
    for (const n of [2, 3]) {
      const i = only(withV2((a) => (a.extends = n)));
      expect([i.code, i.path]).toEqual(["extends_not_earlier", `${RULE}/v2.json#/extends`]);
    }
  });

  it("extends a version that does not exist: unknown_base", () => {
    const v3 = clone(amendment);
    v3.version = 3;
    v3.extends = 2;
    const i = only(issuesOf([DOC, at(1, v1), at(3, v3)]));
    expect([i.code, i.path]).toEqual(["unknown_base", `${RULE}/v3.json#/extends`]);
    expect(i.message).toContain(`${RULE}/v2.json`);
  });

  it("extends an amendment that has problems of its own: invalid_base, and the base's own issue", () => {
    const v2 = clone(amendment);
    v2.inputs = {};
    const v3 = { ...clone(amendment), version: 3, extends: 2, supersedes: 2 };
    const issues = issuesOf([DOC, at(1, v1), at(2, v2), at(3, v3)]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["not_amendable", `${RULE}/v2.json#/inputs`],
      ["invalid_base", `${RULE}/v3.json#/extends`],
    ]);
  });

  it("extends a file that is not a rule file at all: invalid_base", () => {
    const issues = issuesOf([DOC, at(1, ["not", "a", "rule"]), at(2, amendment)]);
    expect(issues.map((i) => [i.code, i.path])).toContainEqual(["invalid_base", `${RULE}/v2.json#/extends`]);
  });

  it("a parameter the base does not have: unknown_parameter; a changed type: type_change", () => {
    const i = only(withV2((a) => (a.parameters.ceiling = { value: "1" })));
    expect([i.code, i.path]).toEqual(["unknown_parameter", `${RULE}/v2.json#/parameters/ceiling`]);
    const j = only(withV2((a) => (a.parameters.cap.type = "rate")));
    expect([j.code, j.path]).toEqual(["type_change", `${RULE}/v2.json#/parameters/cap/type`]);
    expect(j.message).toContain("money → rate");
    // The same type repeated is no change (a whole parameter copied into the amendment).
    expect(loadRuleSet([DOC, at(1, v1), at(2, { ...clone(amendment), parameters: { cap: { ...clone(v1.parameters.cap), value: "800000" } } })]).version(RULE, 2).file.parameters["cap"]!.value).toBe("800000");
  });

  it("a label for a condition the base does not have: unknown_condition", () => {
    const i = only(withV2((a) => (a.conditionLabels.amountAtLeastCap = { zh: "x", en: "x" })));
    expect([i.code, i.path]).toEqual(["unknown_condition", `${RULE}/v2.json#/conditionLabels/amountAtLeastCap`]);
  });

  it("a materialised version is checked like a full file: a changed value outside its bounds is invalid_parameter", () => {
    const i = only(withV2((a) => (a.parameters.lowerBandRate.value = "1.5")));
    expect([i.code, i.path]).toEqual(["invalid_parameter", `${RULE}/v2.json#/parameters/lowerBandRate/value`]);
    const j = only(withV2((a) => (a.validity.from.date = "2025-06-01")));
    expect(j.code).toBe("overlapping_versions");
    const k = only(withV2((a) => (a.version = 3)));
    expect([k.code, k.path]).toEqual(["version_mismatch", `${RULE}/v2.json#/version`]);
  });

  it("a chain longer than maxExtendsChain: extends_chain_too_long", () => {
    expect(MAX_EXTENDS_CHAIN).toBe(32);
    const v2 = clone(amendment);
    v2.validity.to = { date: "2026-12-31", basis: "stated" };
    const v3 = { ...clone(amendment), version: 3, extends: 2, supersedes: 2, validity: { from: { date: "2027-01-01", basis: "stated" } } };
    const i = only(issuesOf([DOC, at(1, v1), at(2, v2), at(3, v3)], { maxExtendsChain: 1 }));
    expect([i.code, i.path]).toEqual(["extends_chain_too_long", `${RULE}/v3.json#/extends`]);
    expect(i.message).toMatch(/MAX_EXTENDS_CHAIN.*maxExtendsChain/);
    expect(loadRuleSet([DOC, at(1, v1), at(2, v2), at(3, v3)], { maxExtendsChain: 2 }).version(RULE, 3).amends).toBe(2);
  });

  it("more materialised values than maxMaterialisedNodes: too_many_materialised_nodes", () => {
    const i = only(withV2(() => {}, { maxMaterialisedNodes: countJsonNodes(v1) }));
    expect([i.code, i.path]).toEqual(["too_many_materialised_nodes", `${RULE}/v2.json#`]);
    expect(i.message).toMatch(/MAX_MATERIALISED_NODES.*maxMaterialisedNodes/);
  });

  it("a full version larger than maxFileNodes: too_large, though each file is within it", () => {
    const many = Array.from({ length: 200 }, () => clone(amendment.examples[0]));
    const a = { ...clone(amendment), examples: many, changes: Array.from({ length: 50 }, () => clone(amendment.changes[0])) };
    const limit = Math.max(countJsonNodes(v1), countJsonNodes(a)) + 10;
    const i = only(issuesOf([DOC, at(1, v1), at(2, a)], { maxFileNodes: limit }));
    expect([i.code, i.path]).toEqual(["too_large", `${RULE}/v2.json#`]);
  });

  it("options must be positive integers or Infinity", () => {
    for (const bad of [0, -1, 1.5, Number.NaN, "3"]) {
      expect(() => loadRuleSet([DOC, at(1, v1)], { maxExtendsChain: bad as number })).toThrow(InvalidArgumentError);
      expect(() => loadRuleSet([DOC, at(1, v1)], { maxMaterialisedNodes: bad as number })).toThrow(InvalidArgumentError);
    }
    expect(loadRuleSet([DOC, at(1, v1), at(2, amendment)], { maxExtendsChain: Infinity, maxMaterialisedNodes: Infinity }).version(RULE, 2).amends).toBe(1);
  });
});

describe("rules/amendment.schema.json (generated from AmendmentFileSchema, for editors)", () => {
  const schemaOf = (name: string) => JSON.parse(readFileSync(fileURLToPath(new URL(`../../rules/${name}`, import.meta.url)), "utf8"));
  const amendmentSchema = schemaOf("amendment.schema.json");

  it("accepts the fixture's amendment, which the rule schema refuses", () => {
    expect(checkJsonSchema(amendmentSchema, amendment)).toEqual([]);
    expect(checkJsonSchema(schemaOf("rule.schema.json"), amendment)).not.toEqual([]);
  });

  it("refuses a field an amendment may not set and an unknown field of a parameter", () => {
    expect(checkJsonSchema(amendmentSchema, { ...amendment, inputs: {} }).length).toBeGreaterThan(0);
    const a = clone(amendment);
    a.parameters.cap.colour = "red";
    expect(checkJsonSchema(amendmentSchema, a).length).toBeGreaterThan(0);
    const { examples: _e, ...noExamples } = amendment;
    expect(checkJsonSchema(amendmentSchema, noExamples).length).toBeGreaterThan(0);
  });
});
