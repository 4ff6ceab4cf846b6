import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { checkLogic } from "../../src/logic/check.js";
import type { LogicNode } from "../../src/logic/tree.js";
import { referencesOf } from "../../src/logic/walk.js";
import { formulaText, definitionFormula, logicText, definitionText } from "../../src/logic/formula.js";
import { diffLogic, diffTrees, renderLogic, renderTree } from "../../src/diff/logic.js";
import { diffLoadedVersions } from "../../src/diff/rule-diff.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";
import { SCOPE } from "../ops/helpers.js";

/*
 * Issue #13: the readers of a rule's logic (the catalogue's formulas, diffs, explanations) read the
 * typed logic tree each loaded version keeps (src/logic/tree.ts), not the raw JSON-logic. Only the
 * operations (src/ops), the checker that builds the tree (src/logic) and the compilers look at raw
 * JSON-logic.
 */

const root = fileURLToPath(new URL("../..", import.meta.url));

/** Every .ts/.mjs file under a folder of the repository, relative to the root with forward slashes. */
function files(dir: string): string[] {
  const abs = join(root, dir);
  if (!existsSync(abs)) return [];
  return readdirSync(abs, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mjs)$/.test(e.name))
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

/** How code reads an expression as raw JSON-logic: its operation as an object's only key, or the registry's raw helpers. */
const RAW_READS: readonly [RegExp, string][] = [
  [/Object\.keys\([^)]*\)\[0\]/, "Object.keys(node)[0]"],
  [/\bisLogic\(/, "isLogic("],
  [/\boperationNode\(/, "operationNode("],
  [/\breferenceOf\(/, "referenceOf("],
  [/\bOPERATIONS\.get\(/, "OPERATIONS.get("],
  // A formula or diff of a rule file's logic as written, where the loaded version's tree is at hand.
  [/\b(definitionText|logicText|renderLogic|diffLogic)\([^)]*\.logic\b/, "a renderer called on .logic"],
];

/** The modules allowed to read raw JSON-logic, and why. */
const ALLOWED: Readonly<Record<string, string>> = {
  "src/engine/compile.ts": "the reference compiler (compile() of a raw expression, for tests and the conformance suite)",
  "src/engine/fast/compile.ts": "the fast compiler reads the tree; a node without a descriptor is a literal unless its source is an operation (refused)",
};
const allowed = (file: string) => file.startsWith("src/ops/") || file.startsWith("src/logic/") || file in ALLOWED;

describe("the readers of a rule's logic read its typed logic tree", () => {
  it("no module outside src/ops, src/logic and the compilers reads raw JSON-logic", () => {
    const scanned = [...files("src"), ...files("scripts"), ...files("site")].filter((f) => !f.startsWith("src/generated/"));
    expect(scanned.length).toBeGreaterThan(100);
    const found: string[] = [];
    for (const file of scanned) {
      if (allowed(file)) continue;
      readFileSync(join(root, file), "utf8")
        .split("\n")
        .forEach((line, i) => {
          for (const [pattern, what] of RAW_READS) if (pattern.test(line)) found.push(`${file}:${i + 1}: ${what}`);
        });
    }
    expect(found).toEqual([]);
  });

  it("the patterns catch the raw reads they name (the scan is not vacuous)", () => {
    const hits = (text: string) => RAW_READS.filter(([p]) => p.test(text)).map(([, what]) => what);
    expect(hits("const op = Object.keys(node)[0]!;")).toEqual(["Object.keys(node)[0]"]);
    expect(hits("if (!isLogic(logic)) return;")).toEqual(["isLogic("]);
    expect(hits("const r = referenceOf(node);")).toEqual(["referenceOf("]);
    expect(hits("definitionText(c.id, c.logic, names)")).toEqual(["a renderer called on .logic"]);
    expect(hits("export { isLogic, truthy } from \"../ops/truthy.js\";")).toEqual([]);
    // The allowed modules do read raw JSON-logic: the list is not stale.
    for (const file of Object.keys(ALLOWED)) {
      const text = readFileSync(join(root, file), "utf8");
      expect(RAW_READS.some(([p]) => p.test(text)), file).toBe(true);
    }
  });

  it("a diff reports the change between the versions' trees, even where their files' logic is the same", () => {
    const set = loadRules(minimalRule());
    const v = set.version("sjz-2025/test-rule", 1);
    // The same file (but for its title, so the two are not identical), with a tree that says `>` instead of `≥`.
    const gt = checkLogic({ "jjj.gt": [{ var: "amount" }, { "jjj.param": "threshold" }] }, {
      inputs: v.file.inputs,
      parameters: v.file.parameters,
      conditions: new Set(),
      outcomes: new Map(),
    }).tree;
    const w: LoadedRuleVersion = { ...v, file: { ...v.file, title: { zh: "测试二", en: "Test 2" } }, conditions: [{ ...v.conditions[0]!, tree: gt }] };
    const diff = diffLoadedVersions({ set, version: v }, { set, version: w }, { behaviour: false });
    expect(diff.logic.map((c) => c.text)).toEqual(['conditions.enough changed: jjj.gte(var "amount", jjj.param "threshold") → jjj.gt(var "amount", jjj.param "threshold")']);
    expect(diff.logic[0]).toMatchObject({ from: v.file.conditions[0]!.logic, to: gt.source });
  });

  it("formulas, renderings, diffs and references follow the tree's nodes, not the sources they carry", () => {
    const expression = { if: [{ "jjj.condition": "met" }, { "jjj.min": [{ "jjj.param": "cap" }, { "jjj.mul": [{ var: "money" }, "0.1"] }] }, "0"] };
    const tree = checkLogic(expression, SCOPE).tree;
    // The same tree, each operation node carrying a source that says something else.
    const disguise = (n: LogicNode): LogicNode => ({ ...n, ...(n.args !== undefined && { source: { "jjj.on": [] } }), operands: n.operands.map(disguise) });
    const disguised = disguise(tree);
    expect(formulaText(disguised)).toBe("IF met THEN min(cap, money × 0.1) ELSE 0");
    expect(formulaText(disguised, undefined, "zh")).toBe(logicText(expression, undefined, "zh"));
    expect(definitionFormula("amount", disguised, undefined, 20)).toBe(definitionText("amount", expression, undefined, 20));
    expect(renderTree(disguised)).toBe('if(jjj.condition "met", jjj.min(jjj.param "cap", jjj.mul(var "money", "0.1")), "0")');
    expect(renderTree(disguised)).toBe(renderLogic(expression));
    expect(diffTrees("outcome.amount", disguised, checkLogic(expression, SCOPE).tree)).toEqual([]);
    expect(referencesOf(disguised)).toEqual({ inputs: ["money"], parameters: ["cap"] });
    // A reference is written by the name it resolved to.
    const renamed = { ...tree.operands[0]!, reference: { kind: "condition" as const, name: "otherCondition", index: 0 } };
    expect(formulaText(renamed)).toBe("otherCondition");
    expect(renderTree(renamed)).toBe('jjj.condition "otherCondition"');
  });

  it("a diff compares what the trees mean: a reference respelled as a list of one is the same reference", () => {
    expect(diffLogic("conditions.enough", { "jjj.gte": [{ var: "amount" }, "1"] }, { "jjj.gte": [{ var: ["amount"] }, "1"] })).toEqual([]);
    // A reference to something else is still a change.
    expect(diffLogic("conditions.enough", { "jjj.gte": [{ var: "amount" }, "1"] }, { "jjj.gte": [{ var: ["other"] }, "1"] }).map((c) => c.text)).toEqual([
      'conditions.enough: jjj.gte[0] changed: var "amount" → var "other"',
    ]);
  });

  it("explanations show the references each shipped expression's tree resolved, in the order met", () => {
    let expressions = 0;
    for (const version of defaultEngine().ruleSet.list()) {
      for (const e of [...(version.applicable ? [version.applicable] : []), ...version.conditions, ...version.outcome]) {
        expect(e.refs).toEqual(referencesOf(e.tree));
        expressions++;
      }
    }
    expect(expressions).toBeGreaterThan(300);
    const first = loadRules(
      minimalRule({
        inputs: { a: { type: "money", label: { zh: "甲", en: "a" } }, b: { type: "money", label: { zh: "乙", en: "b" } } },
        conditions: [{ id: "enough", label: { zh: "够", en: "enough" }, logic: { "jjj.gte": [{ var: "b" }, { "jjj.add": [{ var: "a" }, { var: "b" }, { "jjj.param": "threshold" }] }] } }],
        examples: [{ description: "x", on: "2025-06-01", facts: { a: "1", b: "2" }, expected: { outcome: { eligible: false } } }],
      }),
    ).version("sjz-2025/test-rule", 1);
    expect(first.conditions[0]!.refs).toEqual({ inputs: ["b", "a"], parameters: ["threshold"] });
  });
});
