import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateInSet, _evaluateReference } from "../../src/engine/evaluate.js";
import { RuleEvaluationError } from "../../src/errors.js";
import { MAX_BUILT_VALUE_SIZE, MAX_DECIMAL_FRACTION_DIGITS, MAX_DECIMAL_INTEGER_DIGITS, builtSize } from "../../src/engine/limits.js";
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
  return minimalRule({ outcome });
}

const amount = { var: "amount" };
const HOSTILE: [name: string, rule: Record<string, any>, limit: string][] = [
  ["squaring with jjj.mul, money fields", growing("money", { "jjj.mul": [amount, amount] }, (p) => ({ "jjj.mul": [p, p] })), "MAX_DECIMAL_INTEGER_DIGITS"],
  ["squaring with jjj.mul, decimal fields", growing("decimal", { "jjj.mul": [amount, amount] }, (p) => ({ "jjj.mul": [p, p] })), "MAX_DECIMAL_INTEGER_DIGITS"],
  ["doubling with cat", growing("string", { cat: [amount, amount] }, (p) => ({ cat: [p, p] })), "MAX_BUILT_VALUE_SIZE"],
  ["doubling with merge", growing("string", { merge: [[amount], [amount]] }, (p) => ({ merge: [p, p] })), "MAX_BUILT_VALUE_SIZE"],
  ["doubling with a list literal", growing("string", [amount, amount], (p) => [p, p]), "MAX_BUILT_VALUE_SIZE"],
];

const FACTS = { amount: "99999.99" };
const ON = "2025-06-01";

describe("hostile rule files load (they are small and well-formed)", () => {
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
      inputs: { amount: { type: "money", label }, rate: { type: "rate", label } },
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

  it.each(paths)("three rates of 50 decimals would need 150 places: an error naming the limit, never a rounded rate (%s)", (_n, run) => {
    const error = thrown(() => run(loadRules(product(3)), "sjz-2025/test-rule", { amount: "1", rate: fiftyPlaces }, { on: ON }));
    expect(error).toBeInstanceOf(RuleEvaluationError);
    expect((error as Error).message).toContain("MAX_DECIMAL_FRACTION_DIGITS");
  });

  it.each(paths)("a literal operand of more than 100 integer digits is refused at evaluation (%s)", (_n, run) => {
    const rule = minimalRule({ outcome: { x: { type: "decimal", label, logic: { "jjj.add": ["1" + "0".repeat(MAX_DECIMAL_INTEGER_DIGITS), { var: "amount" }] } } } });
    const error = thrown(() => run(loadRules(rule), "sjz-2025/test-rule", { amount: "1" }, { on: ON }));
    expect(error).toBeInstanceOf(RuleEvaluationError);
    expect((error as Error).message).toContain("MAX_DECIMAL_INTEGER_DIGITS");
  });

  it("builtSize counts a list that shares itself in at most budget steps", () => {
    let list: unknown[] = ["x"];
    for (let i = 0; i < 60; i++) list = [list, list]; // 2^60 leaves if written out
    expect(builtSize(list, MAX_BUILT_VALUE_SIZE)).toBe(MAX_BUILT_VALUE_SIZE + 1);
    expect(builtSize(["ab", "c", ["d"]], 100)).toBe(String(["ab", "c", ["d"]]).length + 2);
  });
});
