import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateInSet, _evaluateReference } from "../../src/engine/evaluate.js";
import { RuleEvaluationError, RuleFileError } from "../../src/errors.js";
import { MAX_BUILT_VALUE_SIZE, MAX_DECIMAL_FRACTION_DIGITS, MAX_DECIMAL_INTEGER_DIGITS, builtSize } from "../../src/exact/limits.js";
import { loadRules, minimalRule, withDocument } from "../helpers/fixtures.js";
import { guardPrototypes, thrown } from "./guard.js";

// Issue #11, item 5: a small rule file whose outcome fields each square (jjj.mul) or double (cat, merge,
// a list literal) the previous one used to take gigabytes and kill the process. Every evaluation now
// stops with a RuleEvaluationError naming the limit it reached. The unbounded reproductions run in a
// child process limited to 400 MB, so that a regression fails this test instead of killing vitest.
guardPrototypes();

const label = { zh: "字段", en: "field" };
const FIELDS = 40;

/** A rule whose outcome field f0 is `first` and each next field `step(previous)`, all of `type`. */
function growing(type: string, first: unknown, step: (previous: unknown) => unknown): Record<string, any> {
  const outcome: Record<string, unknown> = { f0: { type, label, logic: first } };
  for (let i = 1; i < FIELDS; i++) outcome[`f${i}`] = { type, label, logic: step({ "jjj.outcome": `f${i - 1}` }) };
  return minimalRule({ inputs: { amount: { type: "money", label }, n: { type: "integer", label } }, outcome });
}

/** Four ways to grow, from a seed value. */
const shapes = (seed: unknown): [name: string, rule: Record<string, any>, limit: string][] => [
  ["squaring with jjj.mul, money fields", growing("money", { "jjj.mul": [seed, seed] }, (p) => ({ "jjj.mul": [p, p] })), "MAX_DECIMAL_INTEGER_DIGITS"],
  ["squaring with jjj.mul, decimal fields", growing("decimal", { "jjj.mul": [seed, seed] }, (p) => ({ "jjj.mul": [p, p] })), "MAX_DECIMAL_INTEGER_DIGITS"],
  ["doubling with cat", growing("string", { cat: [seed, seed] }, (p) => ({ cat: [p, p] })), "MAX_BUILT_VALUE_SIZE"],
  ["doubling with merge", growing("string", { merge: [[seed], [seed]] }, (p) => ({ merge: [p, p] })), "MAX_BUILT_VALUE_SIZE"],
  ["doubling with a list literal", growing("string", [seed, seed], (p) => [p, p]), "MAX_BUILT_VALUE_SIZE"],
];

// Seeded with an input, the load-time analysis bounds every field and refuses the file. Seeded with
// float arithmetic (`+` of an integer input), which it does not bound, the file loads, and the checks
// the operations make at evaluation stop it.
const REFUSED = shapes({ var: "amount" });
const HOSTILE = shapes({ "+": [{ var: "n" }] });

const FACTS = { amount: "99999.99", n: 99999 };
const ON = "2025-06-01";

describe("refused at load: the analysis bounds what each field can build", () => {
  it.each(REFUSED)("%s: a RuleFileError at the field that first exceeds the limit", (_name, rule, limit) => {
    expect(JSON.stringify(rule).length).toBeLessThan(8192);
    const error = thrown(() => loadRules(rule));
    expect(error).toBeInstanceOf(RuleFileError);
    const issues = (error as RuleFileError).issues;
    expect(issues).toHaveLength(1);
    expect(issues[0]!.code).toBe("unbounded_growth");
    expect(issues[0]!.path).toMatch(/#\/outcome\/f\d+\/logic/);
    expect(issues[0]!.message).toContain(limit);
  });

  it("a few steps of growth within the limits load", () => {
    const rule = REFUSED[0]![1];
    for (const name of Object.keys(rule.outcome)) if (Number(name.slice(1)) > 1) delete rule.outcome[name];
    expect(() => loadRules(rule)).not.toThrow();
  });
});

describe("hostile rule files the analysis cannot bound load (they are small and well-formed)", () => {
  it.each(HOSTILE)("%s: under 8 KB for 40 fields", (_name, rule) => {
    expect(JSON.stringify(rule).length).toBeLessThan(8192);
    expect(() => loadRules(rule)).not.toThrow();
  });
});

describe("in a child process limited to 400 MB, each evaluation stops with a typed error", () => {
  const root = fileURLToPath(new URL("../..", import.meta.url));
  let dir: string;
  let bundle: string;
  // The child loads the rule set, evaluates on the fast path and on the reference path (parameter
  // overrides always take it), and prints what each gave.
  const child = `
    const [bundle, sourcesFile] = process.argv.slice(2);
    const { loadRuleSet, evaluateInSet } = await import(new URL("file://" + bundle).href);
    const { readFileSync } = await import("node:fs");
    const set = loadRuleSet(JSON.parse(readFileSync(sourcesFile, "utf8")));
    const out = [];
    for (const options of [{ on: "${ON}" }, { on: "${ON}", parameters: { threshold: "100" } }]) {
      try {
        const d = evaluateInSet(set, "sjz-2025/test-rule", ${JSON.stringify(FACTS)}, options);
        out.push({ mode: options.parameters ? "reference" : "fast", ok: true, size: JSON.stringify(d).length });
      } catch (e) {
        out.push({ mode: options.parameters ? "reference" : "fast", ok: false, name: e.name, code: e.code, message: String(e.message).slice(0, 500) });
      }
    }
    process.stdout.write(JSON.stringify(out));
  `;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "jjj-growth-"));
    bundle = join(dir, "engine.mjs");
    buildSync({
      stdin: { contents: 'export { loadRuleSet } from "./src/catalog/load.ts"; export { evaluateInSet } from "./src/engine/evaluate.ts";', resolveDir: root, loader: "ts" },
      bundle: true,
      platform: "node",
      format: "esm",
      outfile: bundle,
      logLevel: "error",
    });
    writeFileSync(join(dir, "child.mjs"), child);
  }, 120_000);
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.each(HOSTILE)("%s: a RuleEvaluationError naming the limit", (_name, rule, limit) => {
    const sources = join(dir, `${_name.replace(/\W+/g, "-")}.json`);
    writeFileSync(sources, JSON.stringify(withDocument({ path: `${rule.id}/v${rule.version}.json`, json: rule })));
    const run = spawnSync(process.execPath, ["--max-old-space-size=400", join(dir, "child.mjs"), bundle, sources], { encoding: "utf8", timeout: 60_000 });
    expect(run.error, "the child ran to the end").toBeUndefined();
    expect(run.status, `the child exited normally (stderr: ${run.stderr.slice(0, 300)})`).toBe(0);
    const results = JSON.parse(run.stdout) as { mode: string; ok: boolean; name?: string; code?: string; message?: string }[];
    expect(results).toHaveLength(2);
    for (const r of results) {
      expect(r.ok, `${r.mode}: evaluation must fail`).toBe(false);
      expect(r.name).toBe("RuleEvaluationError");
      expect(r.code).toBe("evaluation_failed");
      expect(r.message).toContain(limit);
    }
  });
});

describe("the limits, in process", () => {
  const fiftyPlaces = "0." + "3".repeat(50);
  const product = (n: number) =>
    minimalRule({
      inputs: { amount: { type: "money", label }, rate: { type: "rate", min: "0", max: "1", label } },
      outcome: { r: { type: "rate", label, logic: { "jjj.mul": Array.from({ length: n }, () => ({ var: "rate" })) } } },
    });
  const paths = [
    ["fast path", evaluateInSet],
    ["reference path", _evaluateReference],
  ] as const;

  it.each(paths)("two rates of 50 decimals multiply exactly (100 places) (%s)", (_n, run) => {
    const d = run(loadRules(product(2)), "sjz-2025/test-rule", { amount: "1", rate: fiftyPlaces }, { on: ON });
    const r = d.outcome["r"] as string;
    expect(r.length - 2).toBe(MAX_DECIMAL_FRACTION_DIGITS);
    // (10^50/3 − 1/3)^2 / 10^100 … ends in …8889: the exact square of 333…3 (50 threes) is 111…10888…9.
    expect(BigInt(r.slice(2))).toBe(BigInt("3".repeat(50)) ** 2n);
  });

  it("three rates of 50 decimals could need 150 places: refused at load, naming the limit", () => {
    const error = thrown(() => loadRules(product(3)));
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).issues.map((i) => i.code)).toEqual(["unbounded_growth"]);
    expect((error as Error).message).toContain("MAX_DECIMAL_FRACTION_DIGITS");
  });

  it("a literal operand of more than 100 integer digits is refused at load", () => {
    const rule = minimalRule({ outcome: { x: { type: "decimal", label, logic: { "jjj.add": ["1" + "0".repeat(MAX_DECIMAL_INTEGER_DIGITS), { var: "amount" }] } } } });
    const error = thrown(() => loadRules(rule));
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as Error).message).toContain("MAX_DECIMAL_INTEGER_DIGITS");
  });

  it("what-if parameters the analysis never saw: a product beyond the limit is an error naming it, never a rounded rate", () => {
    const rule = minimalRule({
      inputs: { amount: { type: "money", label }, rate: { type: "rate", label } },
      parameters: { threshold: { type: "money", value: "100", label }, p: { type: "rate", value: "0.5", label } },
      outcome: { r: { type: "rate", label, logic: { "jjj.mul": [{ "jjj.param": "p" }, { "jjj.param": "p" }, { var: "rate" }] } } },
    });
    const set = loadRules(rule);
    expect(evaluateInSet(set, "sjz-2025/test-rule", { amount: "1", rate: "0.5" }, { on: ON }).outcome["r"]).toBe("0.125");
    const error = thrown(() => evaluateInSet(set, "sjz-2025/test-rule", { amount: "1", rate: fiftyPlaces }, { on: ON, parameters: { p: fiftyPlaces } }));
    expect(error).toBeInstanceOf(RuleEvaluationError);
    expect((error as Error).message).toContain("MAX_DECIMAL_FRACTION_DIGITS");
  });

  it("builtSize counts a list that shares itself in at most budget steps", () => {
    let list: unknown[] = ["x"];
    for (let i = 0; i < 60; i++) list = [list, list]; // 2^60 leaves if written out
    expect(builtSize(list, MAX_BUILT_VALUE_SIZE)).toBe(MAX_BUILT_VALUE_SIZE + 1);
    expect(builtSize(["ab", "c", ["d"]], 100)).toBe(String(["ab", "c", ["d"]]).length + 2);
  });
});
