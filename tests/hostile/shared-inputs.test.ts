import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, MAX_SCHEMA_ISSUES_PER_FILE, type RuleSource } from "../../src/catalog/load.js";
import { MAX_FILE_DEPTH, MAX_FILE_NODES } from "../../src/catalog/json-shape.js";
import { RuleFileError, type PolicyIssue } from "../../src/errors.js";
import { readRuleSources } from "../../src/cli/load-dir.js";
import { minimalRule, shipped } from "../helpers/fixtures.js";
import { guardPrototypes, thrown } from "./guard.js";
import { useEngineBundle } from "../helpers/engine-bundle.js";

// Hostile shared inputs (<document>/inputs.json and { "shared": name } references): every problem is a
// RuleFileError naming the file, in bounded time and memory, and nothing reaches a prototype.
guardPrototypes();

const label = { zh: "甲", en: "a" };
const amount = { type: "money", label };
const doc: RuleSource = { path: "sjz-2025/document.json", json: shipped("sjz-2025/document.json") };

function issuesOf(sources: RuleSource[], options = {}): readonly PolicyIssue[] {
  const error = thrown(() => loadRuleSet(sources, options));
  expect(error).toBeInstanceOf(RuleFileError);
  return (error as RuleFileError).issues;
}

const rule = (inputs: unknown, id = "sjz-2025/test-rule"): RuleSource => ({ path: `${id}/v1.json`, json: minimalRule({ id, inputs }) });
const shared = (json: unknown): RuleSource => ({ path: "sjz-2025/inputs.json", json });

describe("a hostile inputs.json", () => {
  it("with more values than maxFileNodes is too_large, at the default and at a lowered limit", () => {
    const values = Object.fromEntries(Array.from({ length: 160_000 }, (_, i) => [`v${i}`, label]));
    const huge = shared({ inputs: { kind: { type: "enum", label, values } } });
    const issues = issuesOf([doc, huge, rule({ amount })]);
    expect(issues).toEqual([expect.objectContaining({ code: "too_large", path: expect.stringMatching(/^sjz-2025\/inputs\.json#\/inputs\/kind\/values\/v\d+$/) })]);
    expect(issues[0]!.message).toContain(`more than ${MAX_FILE_NODES} JSON values`);
    const small = shared({ inputs: { kind: { type: "enum", label, values: { a: label, b: label } } } });
    expect(issuesOf([doc, small, rule({ amount })], { maxFileNodes: 10 })[0]).toMatchObject({ code: "too_large", path: expect.stringMatching(/^sjz-2025\/inputs\.json#/) });
    expect(issuesOf([doc, small, rule({ amount })], { maxFileNodes: 10 })[0]!.message).toContain("maxFileNodes");
  });

  it("nested deeper than MAX_FILE_DEPTH is too_deep, without overflowing the stack", () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100_000; i++) deep = { d: deep };
    const issues = issuesOf([doc, shared({ inputs: { city: { type: "string", label, description: deep } } }), rule({ amount })]);
    expect(issues.map((i) => i.code)).toEqual(["too_deep"]);
    expect(issues[0]!.message).toContain(String(MAX_FILE_DEPTH));
  });

  it("a cycle, a function or a class instance is not JSON", () => {
    const cyclic: Record<string, unknown> = { type: "string", label };
    cyclic["self"] = cyclic;
    for (const bad of [{ inputs: { city: cyclic } }, { inputs: { city: { type: "string", label: () => 1 } } }, { inputs: new Map() }]) {
      const issues = issuesOf([doc, shared(bad), rule({ amount })]);
      expect(issues.map((i) => i.path.split("#")[0])).toEqual(["sjz-2025/inputs.json"]);
      expect(["cycle", "not_json"]).toContain(issues[0]!.code);
    }
  });

  it('a declaration named "__proto__" (an own key, as JSON.parse makes it) is refused by name', () => {
    const json = JSON.parse(`{"inputs":{"__proto__":{"type":"string","label":{"zh":"甲","en":"a"}}}}`);
    expect(issuesOf([doc, shared(json), rule({ amount })]).map((i) => [i.code, i.path])).toEqual([["forbidden_name", "sjz-2025/inputs.json#/inputs/__proto__"]]);
  });

  it("declarations named like Object.prototype members are refused", () => {
    const inputs = Object.fromEntries(["constructor", "toString", "hasOwnProperty", "valueOf"].map((n) => [n, amount]));
    expect(issuesOf([doc, shared({ inputs }), rule({ amount })]).map((i) => i.code)).toEqual(["forbidden_name", "forbidden_name", "forbidden_name", "forbidden_name"]);
  });

  it("that is not an object, or whose inputs are not an object, gets a schema issue", () => {
    for (const json of [null, 3, "inputs", [], { inputs: [] }, { inputs: null }]) {
      const issues = issuesOf([doc, shared(json), rule({ amount, city: { shared: "city" } })]);
      expect(issues.length).toBeGreaterThan(0);
      expect(issues.every((i) => i.path.startsWith("sjz-2025/inputs.json#"))).toBe(true);
    }
  });
});

describe("a hostile inputs.json in a rules folder", () => {
  const folder = (write: (docDir: string) => void) => {
    const dir = mkdtempSync(join(tmpdir(), "jjj-shared-folder-"));
    mkdirSync(join(dir, "sjz-2025"));
    writeFileSync(join(dir, "sjz-2025", "document.json"), JSON.stringify(doc.json));
    write(join(dir, "sjz-2025"));
    return dir;
  };

  it("larger than the file limit is file_too_large, read no further than the limit", () => {
    const limit = Buffer.byteLength(JSON.stringify(doc.json)) + 100; // the document fits, the inputs.json does not
    const dir = folder((d) => writeFileSync(join(d, "inputs.json"), `{"inputs":{}}${" ".repeat(limit)}`));
    try {
      const error = thrown(() => readRuleSources(dir, { maxFileBytes: limit }));
      expect(error).toBeInstanceOf(RuleFileError);
      expect((error as RuleFileError).issues).toEqual([expect.objectContaining({ code: "file_too_large", path: "sjz-2025/inputs.json#" })]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("a symbolic link is not followed, and invalid JSON is a typed error", () => {
    const outside = mkdtempSync(join(tmpdir(), "jjj-shared-outside-"));
    writeFileSync(join(outside, "secret.json"), `{"inputs":{}}`);
    const linked = folder((d) => symlinkSync(join(outside, "secret.json"), join(d, "inputs.json")));
    const broken = folder((d) => writeFileSync(join(d, "inputs.json"), `{"inputs":{"a":1,"a":2}}`));
    try {
      expect((thrown(() => readRuleSources(linked)) as RuleFileError).issues).toEqual([expect.objectContaining({ code: "not_regular_file", path: "sjz-2025/inputs.json#" })]);
      const issues = (thrown(() => readRuleSources(broken)) as RuleFileError).issues;
      expect(issues).toHaveLength(1);
      expect(issues[0]!.path).toMatch(/^sjz-2025\/inputs\.json#/);
    } finally {
      for (const d of [outside, linked, broken]) rmSync(d, { recursive: true, force: true });
    }
  });
});

describe("hostile references", () => {
  const decl = shared({ inputs: { city: { type: "string", label } } });

  it("to the names of Object.prototype are undeclared, not resolved to a prototype member", () => {
    for (const name of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf", "__defineGetter__"]) {
      expect(issuesOf([doc, decl, rule({ amount, x: { shared: name } })]), name).toEqual([
        { code: "unknown_shared_input", path: "sjz-2025/test-rule/v1.json#/inputs/x/shared", message: `input "x" refers to shared input "${name}", which sjz-2025/inputs.json does not declare` },
      ]);
    }
  });

  it('an input named "__proto__" that refers to a shared input is refused by name, and changes no prototype', () => {
    const json = minimalRule();
    json.inputs = JSON.parse(`{"amount":{"type":"money","label":{"zh":"甲","en":"a"}},"__proto__":{"shared":"city"}}`);
    const issues = issuesOf([doc, decl, { path: "sjz-2025/test-rule/v1.json", json }]);
    expect(issues.map((i) => [i.code, i.path])).toEqual([["forbidden_name", "sjz-2025/test-rule/v1.json#/inputs/__proto__"]]);
  });

  it('a reference whose "shared" is an object, a list or a number gets a schema issue', () => {
    for (const target of [{}, ["city"], 1, null, true]) {
      expect(issuesOf([doc, decl, rule({ amount, city: { shared: target } })]).map((i) => i.code)).toEqual(["schema"]);
    }
  });

  it(`100,000 bad references in one file give ${MAX_SCHEMA_ISSUES_PER_FILE} issues and a count, not 100,000`, () => {
    const inputs: Record<string, unknown> = { amount };
    for (let i = 0; i < 100_000; i++) inputs[`x${i}`] = { shared: "nowhere" };
    const issues = issuesOf([doc, decl, rule(inputs)]);
    expect(issues.length).toBe(MAX_SCHEMA_ISSUES_PER_FILE + 1);
    expect(issues.at(-1)).toEqual({ code: "too_many_issues", path: "sjz-2025/test-rule/v1.json#/inputs", message: `and ${100_000 - MAX_SCHEMA_ISSUES_PER_FILE} more shared-input issues (MAX_SCHEMA_ISSUES_PER_FILE)` });
  });
});

describe("amplification: a few bytes of reference copy a whole declaration", () => {
  const engine = useEngineBundle("jjj-shared-hostile-");

  /** Load in a child with a small heap and a timeout, so a blow-up fails the test instead of the machine. */
  const CHILD = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [bundle, file] = process.argv.slice(2);
const { loadRuleSet } = await import(pathToFileURL(bundle).href);
try {
  loadRuleSet(JSON.parse(readFileSync(file, "utf8")));
  console.log(JSON.stringify({ loaded: true }));
} catch (error) {
  console.log(JSON.stringify({ name: error.name, issues: error.issues?.length, codes: [...new Set(error.issues?.map((i) => i.code))], first: error.issues?.[0] }));
}`;

  // Each file stays under maxFileNodes once materialised (38 × 7,505 values), so only the set-wide budget
  // stops it: without it the loader parsed 300 files of 285,000 values each (86 million) and ran out of heap.
  it("a 7,500-value declaration referred to 38 times in each of 300 files (86 million values materialised) is too_large, once", () => {
    const values = Object.fromEntries(Array.from({ length: 2_500 }, (_, i) => [`v${i}`, { zh: "值", en: "v" }]));
    const sources: RuleSource[] = [doc, shared({ inputs: { kind: { type: "enum", label, values } } })];
    const refs: Record<string, unknown> = { amount };
    for (let i = 0; i < 38; i++) refs[`k${i}`] = { shared: "kind" };
    for (let r = 0; r < 300; r++) sources.push(rule(refs, `sjz-2025/rule-${r}`));
    const file = join(engine.dir, "sources.json");
    writeFileSync(file, JSON.stringify(sources));
    writeFileSync(join(engine.dir, "child.mjs"), CHILD);
    const child = spawnSync(process.execPath, ["--max-old-space-size=400", join(engine.dir, "child.mjs"), engine.file, file], { encoding: "utf8", timeout: 60_000 });
    expect(child.error, "the child was killed by the timeout").toBeUndefined();
    expect(child.status, child.stderr.slice(0, 300) + child.stdout.slice(0, 300)).toBe(0);
    const out = JSON.parse(child.stdout);
    expect(out).toMatchObject({ name: "RuleFileError", issues: 1, codes: ["too_large"] });
    expect(out.first.message).toContain(`more than ${MAX_FILE_NODES} JSON values`);
    expect(out.first.message).toContain("maxFileNodes");
  }, 90_000);
});
