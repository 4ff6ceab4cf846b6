import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { resolveSharedInputs } from "../../src/catalog/shared-inputs.js";
import { readRuleSources } from "../../src/cli/load-dir.js";
import { ruleSourcesFromTarball } from "../../src/cli/read-rule-set.js";
import { canonicalJson, sha256Hex } from "../../src/engine/hash.js";
import { RuleFileError, type PolicyIssue } from "../../src/errors.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { SharedInputsFileSchema } from "../../src/schema/shared-inputs.js";
import { SubjectTypeSchema } from "../../src/schema/rule-file.js";
import { minimalRule, shipped, withDocument } from "../helpers/fixtures.js";
import { tarEntry, tarOf } from "../helpers/tar-writer.js";

const RULES_DIR = fileURLToPath(new URL("../../rules", import.meta.url));
const label = { zh: "城市", en: "city" };
const cityDecl = { type: "string", label, pattern: "^[a-z-]+$", fromProfile: "city" };
const amountDecl = { type: "money", label: { zh: "金额", en: "amount" } };

/** The sjz-2025 document, a shared-inputs file and one rule using `inputs`. */
function sources(shared: unknown, inputs: Record<string, unknown>, extra: RuleSource[] = []): RuleSource[] {
  return [
    ...withDocument({ path: "sjz-2025/test-rule/v1.json", json: minimalRule({ inputs }) }),
    ...(shared === undefined ? [] : [{ path: "sjz-2025/inputs.json", json: shared }]),
    ...extra,
  ];
}

function issuesOf(list: RuleSource[]): readonly PolicyIssue[] {
  try {
    loadRuleSet(list);
  } catch (error) {
    if (error instanceof RuleFileError) return error.issues;
    throw error;
  }
  throw new Error("expected a RuleFileError, but the set loaded");
}

describe("shared inputs of the shipped rules", () => {
  const fromFolder = loadRuleSet(readRuleSources(RULES_DIR));
  const bundled = loadRuleSet(BUNDLED_RULES, { trusted: true });

  it("the folder holds references and inputs.json files (the test is not vacuous)", () => {
    const folder = readRuleSources(RULES_DIR);
    expect(folder.filter((s) => s.path.endsWith("/inputs.json")).map((s) => s.path)).toEqual([
      "bth-2025/inputs.json",
      "hd-2018/inputs.json",
      "sjz-2018/inputs.json",
      "sjz-2025/inputs.json",
    ]);
    const referring = folder.filter((s) => Object.values((s.json as { inputs?: object }).inputs ?? {}).some((spec) => "shared" in spec));
    expect(referring.length).toBe(48);
  });

  it("materialise to the files as they were before sharing: same hash for every file, same rule-set hash", () => {
    expect(fromFolder.hash).toBe(bundled.hash);
    for (const id of bundled.ruleIds()) {
      expect(fromFolder.versions(id).map((v) => v.hash), id).toEqual(bundled.versions(id).map((v) => v.hash));
      expect(canonicalJson(fromFolder.version(id).file), id).toBe(canonicalJson(bundled.version(id).file));
    }
  });

  it("keep the hashes recorded before the migration (commit c9ce0e6, the files with their inputs written out)", () => {
    // sha256 of the canonical JSON of each file as it was before it referred to shared inputs.
    const before: Record<string, string> = {
      "sjz-2025/soe-transformation-spending": "67c0c0ffec807dc7fdce98de14ec4b5eef0b2d8a404862b1cdbe76966721f6bd", // subjectType + its own description
      "hd-2018/trading-network-2020": "d3c573fedd65533b3071339bc02d3b94782e379c71a189f7f40e66ddf45a6d6e", // six shared inputs
      "sjz-2018/meeting-travel-exemption": "cefc28ee1b2de66dc4845ddbf4d33711bb85a0e36bc911323face4f045391efc", // fundingLevel, directCost
    };
    // Since then issue #17 added worked examples (float traps), issue #14 declared `properties` and issue #18
    // wrote the examples' descriptions in Chinese too ({ zh, en } for the English string), all part of the hash:
    // compare the files as they were, without the first two and with each description its English text again.
    const asBefore = (id: string) => {
      const { properties: _declared, ...file } = fromFolder.version(id).file;
      const examples = file.examples.filter((e) => !e.description.en.startsWith("Float trap")).map((e) => ({ ...e, description: e.description.en }));
      return sha256Hex(canonicalJson({ ...file, examples }));
    };
    for (const [id, hash] of Object.entries(before)) expect(asBefore(id), id).toBe(hash);
  });

  it("every shipped inputs.json is valid and each of its inputs is used by at least two rule files", () => {
    const folder = readRuleSources(RULES_DIR);
    for (const file of folder.filter((s) => s.path.endsWith("/inputs.json"))) {
      expect(SharedInputsFileSchema.safeParse(file.json).success, file.path).toBe(true);
      const doc = file.path.split("/")[0]!;
      for (const name of Object.keys((file.json as { inputs: object }).inputs)) {
        const users = folder.filter((s) => s.path.startsWith(`${doc}/`) && Object.values((s.json as { inputs?: Record<string, { shared?: string }> }).inputs ?? {}).some((spec) => spec.shared === name));
        expect(users.length, `${doc} ${name}`).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe("resolving references", () => {
  it("puts the declaration in place of the reference, keeping the order of the inputs", () => {
    const out = resolveSharedInputs(sources({ inputs: { city: cityDecl } }, { amount: amountDecl, city: { shared: "city" } }), [], {
      trusted: false,
      maxNodes: 1000,
      schemaIssues: () => [],
      maxIssuesPerFile: 100,
    });
    expect(out.map((s) => s.path)).toEqual(["sjz-2025/document.json", "sjz-2025/test-rule/v1.json"]);
    const inputs = (out[1]!.json as { inputs: Record<string, unknown> }).inputs;
    expect(Object.keys(inputs)).toEqual(["amount", "city"]);
    expect(inputs["city"]).toEqual(cityDecl);
  });

  it("a rule may refer to a shared input under another name, and add a description and a default", () => {
    const description = { zh: "说明", en: "note" };
    const set = loadRuleSet(sources({ inputs: { city: cityDecl } }, { amount: amountDecl, place: { shared: "city", description, default: "handan" } }));
    expect(set.version("sjz-2025/test-rule").file.inputs["place"]).toEqual({ ...cityDecl, description, default: "handan" });
    // The same addition as the declaration says is no conflict.
    expect(() => loadRuleSet(sources({ inputs: { city: { ...cityDecl, description } } }, { amount: amountDecl, city: { shared: "city", description } }))).not.toThrow();
  });

  it("loads a set that shares nothing exactly as before: the sources are returned as they are", () => {
    const list = withDocument({ path: "sjz-2025/test-rule/v1.json", json: minimalRule() });
    const issues: PolicyIssue[] = [];
    expect(resolveSharedInputs(list, issues, { trusted: false, maxNodes: 1000, schemaIssues: () => [], maxIssuesPerFile: 100 })).toBe(list);
    expect(issues).toEqual([]);
  });

  it("returns frozen, unshared results: the caller's declarations stay its own, two rules do not share an input object", () => {
    const shared = { inputs: { city: structuredClone(cityDecl) } };
    const second = minimalRule({ id: "sjz-2025/test-rule-two", inputs: { amount: amountDecl, city: { shared: "city" } } });
    const set = loadRuleSet(sources(shared, { amount: amountDecl, city: { shared: "city" } }, [{ path: "sjz-2025/test-rule-two/v1.json", json: second }]));
    const a = set.version("sjz-2025/test-rule").file.inputs["city"]!;
    const b = set.version("sjz-2025/test-rule-two").file.inputs["city"]!;
    expect(Object.isFrozen(a) && Object.isFrozen(a.label)).toBe(true);
    expect(a).not.toBe(b);
    expect(Object.isFrozen(shared.inputs.city)).toBe(false);
    shared.inputs.city.pattern = "^x$";
    shared.inputs.city.label.en = "changed";
    expect(set.version("sjz-2025/test-rule").file.inputs["city"]).toEqual(cityDecl);
  });
});

describe("each problem is an issue with its file, pointer and code", () => {
  it("a reference to an input the document does not declare", () => {
    expect(issuesOf(sources({ inputs: { city: cityDecl } }, { amount: amountDecl, town: { shared: "town" } }))).toEqual([
      { code: "unknown_shared_input", path: "sjz-2025/test-rule/v1.json#/inputs/town/shared", message: 'input "town" refers to shared input "town", which sjz-2025/inputs.json does not declare' },
    ]);
  });

  it("a reference in a document without inputs.json", () => {
    expect(issuesOf(sources(undefined, { amount: amountDecl, city: { shared: "city" } }))).toEqual([
      { code: "unknown_shared_input", path: "sjz-2025/test-rule/v1.json#/inputs/city/shared", message: 'input "city" refers to shared input "city", but there is no sjz-2025/inputs.json' },
    ]);
  });

  it("a reference only sees its own document's inputs.json", () => {
    const other = { path: "hd-2018/inputs.json", json: { inputs: { city: cityDecl } } };
    expect(issuesOf(sources(undefined, { amount: amountDecl, city: { shared: "city" } }, [other])).map((i) => i.code)).toEqual(["unknown_shared_input"]);
  });

  it("a local description or default that contradicts the declaration", () => {
    const decl = { ...cityDecl, description: { zh: "甲", en: "a" }, default: "handan" };
    expect(issuesOf(sources({ inputs: { city: decl } }, { amount: amountDecl, city: { shared: "city", description: { zh: "乙", en: "b" } } }))).toEqual([
      {
        code: "conflicting_override",
        path: "sjz-2025/test-rule/v1.json#/inputs/city/description",
        message: 'input "city" gives its own description, but shared input "city" of sjz-2025/inputs.json declares another: a reference may only add a description the declaration leaves out',
      },
    ]);
    expect(issuesOf(sources({ inputs: { city: decl } }, { amount: amountDecl, city: { shared: "city", default: "shijiazhuang" } }))[0]).toMatchObject({
      code: "conflicting_override",
      path: "sjz-2025/test-rule/v1.json#/inputs/city/default",
    });
  });

  it("unknown keys in a reference, and a reference that is not a name", () => {
    expect(issuesOf(sources({ inputs: { city: cityDecl } }, { amount: amountDecl, city: { shared: "city", label, pattern: "^a$" } }))).toEqual([
      {
        code: "unknown_field",
        path: "sjz-2025/test-rule/v1.json#/inputs/city",
        message: 'unknown field(s) label, pattern in input "city": a reference to a shared input takes only shared, description and default',
      },
    ]);
    expect(issuesOf(sources({ inputs: { city: cityDecl } }, { amount: amountDecl, city: { shared: 3 } }))).toEqual([
      { code: "schema", path: "sjz-2025/test-rule/v1.json#/inputs/city/shared", message: 'input "city": "shared" must be the name of a shared input in sjz-2025/inputs.json' },
    ]);
  });

  it("an invalid inputs.json is reported once, by its own issues, not again by every rule that refers to it", () => {
    const issues = issuesOf(sources({ inputs: { city: { ...cityDecl, type: "text" } }, colour: "blue" }, { amount: amountDecl, city: { shared: "city" } }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["schema", "sjz-2025/inputs.json#/inputs/city/type"],
      ["unknown_field", "sjz-2025/inputs.json#/"],
    ]);
  });

  it("a declaration the loader would refuse in a rule file: no values, an invalid default, a forbidden name", () => {
    const issues = issuesOf(
      sources(
        {
          inputs: {
            kind: { type: "enum", label, values: {} },
            city: { ...cityDecl, default: "Not Pinyin" },
            constructor: { type: "money", label },
          },
        },
        { amount: amountDecl },
      ),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["missing_values", "sjz-2025/inputs.json#/inputs/kind/values"],
      ["invalid_default", "sjz-2025/inputs.json#/inputs/city/default"],
      ["forbidden_name", "sjz-2025/inputs.json#/inputs/constructor"],
    ]);
  });

  it("a shared input filled from the profile must speak the profile's vocabulary", () => {
    const types = Object.fromEntries(SubjectTypeSchema.options.map((t) => [t, label]));
    const fewer = Object.fromEntries(SubjectTypeSchema.options.slice(1).map((t) => [t, label]));
    expect(() => loadRuleSet(sources({ inputs: { subjectType: { type: "enum", label, values: types, fromProfile: "type" } } }, { amount: amountDecl }))).not.toThrow();
    // The order of the keys is not part of a file (tests/roundtrip rewrites them in reverse).
    const reversed = Object.fromEntries(Object.entries(types).reverse());
    expect(() => loadRuleSet(sources({ inputs: { subjectType: { type: "enum", label, values: reversed, fromProfile: "type" } } }, { amount: amountDecl }))).not.toThrow();
    const issues = issuesOf(
      sources(
        {
          inputs: {
            subjectType: { type: "enum", label, values: fewer, fromProfile: "type" },
            city: { ...cityDecl, pattern: "^[a-z]+$" },
          },
        },
        { amount: amountDecl },
      ),
    );
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["profile_mismatch", "sjz-2025/inputs.json#/inputs/subjectType/fromProfile"],
      ["profile_mismatch", "sjz-2025/inputs.json#/inputs/city/fromProfile"],
    ]);
  });

  it("two inputs.json for one document", () => {
    const twice = { path: "sjz-2025/inputs.json", json: { inputs: {} } };
    expect(issuesOf(sources({ inputs: {} }, { amount: amountDecl }, [twice]))).toEqual([
      { code: "duplicate_file", path: "sjz-2025/inputs.json#", message: "sjz-2025/inputs.json is given twice" },
    ]);
  });
});

describe("the CLI's readers take inputs.json", () => {
  const dir = mkdtempSync(join(tmpdir(), "jjj-shared-inputs-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const rule = minimalRule({ inputs: { amount: amountDecl, city: { shared: "city" } } });
  const shared = { inputs: { city: cityDecl } };

  it("from a rules folder", () => {
    mkdirSync(join(dir, "sjz-2025", "test-rule"), { recursive: true });
    writeFileSync(join(dir, "sjz-2025", "document.json"), JSON.stringify(shipped("sjz-2025/document.json")));
    writeFileSync(join(dir, "sjz-2025", "inputs.json"), JSON.stringify(shared));
    writeFileSync(join(dir, "sjz-2025", "test-rule", "v1.json"), JSON.stringify(rule));
    const read = readRuleSources(dir);
    expect(read.map((s) => s.path)).toEqual(["sjz-2025/document.json", "sjz-2025/inputs.json", "sjz-2025/test-rule/v1.json"]);
    expect(loadRuleSet(read).version("sjz-2025/test-rule").file.inputs["city"]).toEqual(cityDecl);
  });

  it("from a package tarball", async () => {
    const tgz = tarOf([
      tarEntry("package/rules/sjz-2025/document.json", JSON.stringify(shipped("sjz-2025/document.json"))),
      tarEntry("package/rules/sjz-2025/inputs.json", JSON.stringify(shared)),
      tarEntry("package/rules/sjz-2025/test-rule/v1.json", JSON.stringify(rule)),
    ]);
    const read = await ruleSourcesFromTarball(tgz, "rules.tgz");
    expect(read.map((s) => s.path)).toContain("sjz-2025/inputs.json");
    expect(loadRuleSet(read).version("sjz-2025/test-rule").file.inputs["city"]).toEqual(cityDecl);
  });
});
