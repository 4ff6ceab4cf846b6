import { describe, expect, it } from "vitest";
import { createEngine, defaultEngine } from "../../src/api.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import type { RuleFile } from "../../src/schema/rule-file.js";
import { conditionCoverage, coverageTotals, type VersionCoverage } from "../../src/testing/coverage.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";

/*
 * Issue #17: condition coverage of the worked examples. CI runs this file (npm test): every shipped rule
 * version must reach 100% (conditions and comparisons true and false and shown to decide alone, masking
 * MC/DC; every outcome branch reached). The other tests check the measure on small rules worked out by hand.
 */

const missing = (v: VersionCoverage) => [
  ...v.conditions.flatMap((c) => c.goals.filter((g) => !g.covered && !g.unreachable).map((g) => `${c.id}${c.pointer} ${g.goal}: ${g.why}`)),
  ...v.branches.filter((b) => !b.covered && !b.unreachable).map((b) => `branch ${b.goal}: ${b.why}`),
];

describe("condition coverage of the shipped rules", () => {
  const report = conditionCoverage();

  it("covers every rule version of the bundle", () => {
    const versions = BUNDLED_RULES.filter((s) => /\/v\d+\.json$/.test(s.path)).length;
    expect(report).toHaveLength(versions);
  });

  it("reaches 100% on every shipped rule version: each goal not met is listed here", () => {
    const gaps = report.filter((v) => v.covered < v.total).map((v) => ({ rule: `${v.ruleId}@${v.version}`, missing: missing(v) }));
    expect(gaps).toEqual([]);
    expect(coverageTotals(report)).toMatchObject({ complete: report.length, percent: 100 });
  });

  it("says why each goal it leaves out of the counts cannot be reached", () => {
    const left = report.flatMap((v) => [...v.conditions.flatMap((c) => c.goals), ...v.branches].filter((g) => g.unreachable));
    for (const g of left) expect(g.why).toMatch(/reads no input|no value of .* gives a tie/);
  });

  it("shows the subsidy's threshold deciding alone with 499,999.99 against 500,000 (examples 1 and 2)", () => {
    const [v] = conditionCoverage("sjz-2025/absorption-subsidy");
    const threshold = v!.conditions.find((c) => c.id === "amountAtLeastThreshold")!;
    const independent = threshold.goals.find((g) => g.goal === "independent")!;
    expect(independent.covered).toBe(true);
    expect(independent.by.sort()).toEqual([1, 2]);
    // The cap (operand 1 of jjj.min), each band (the operands of min(amount, 1,000,000) and max(0, amount − 1,000,000)),
    // a half-fen tie (1,000,000.10 → 100,000.005, example 6), not in force, below the threshold (the else branch).
    expect(v!.branches.map((b) => b.goal)).toEqual([
      "applicable true",
      "applicable false",
      "amount: branch 1 (then)",
      "amount: else",
      "amount/if/1: operand 1 chosen",
      "amount/if/1: operand 2 chosen",
      "amount/if/1/jjj.min/1/jjj.add/0/jjj.mul/1: operand 1 chosen",
      "amount/if/1/jjj.min/1/jjj.add/0/jjj.mul/1: operand 2 chosen",
      "amount/if/1/jjj.min/1/jjj.add/1/jjj.mul/1: operand 1 chosen",
      "amount/if/1/jjj.min/1/jjj.add/1/jjj.mul/1: operand 2 chosen",
      "amount: a half-fen tie",
      "not in force",
    ]);
    expect(v!.branches.find((b) => b.goal === "amount: a half-fen tie")!.by).toContain(6);
    expect(v!.branches.every((b) => b.covered)).toBe(true);
  });
});

const bool = (id: string) => ({ type: "boolean", label: { zh: id, en: id } });
const cond = (id: string, logic: unknown) => ({ id, label: { zh: id, en: id }, logic });
const example = (a: boolean, b: boolean, ok: boolean, on = "2025-06-01") => ({ description: `a=${a} b=${b}`, on, facts: { a, b }, expected: { outcome: { ok } } });

/** A rule `ok = a and b` of two boolean inputs, with these examples. */
function andRule(examples: unknown[], extra: Record<string, unknown> = {}) {
  const rule = minimalRule({
    inputs: { a: bool("a"), b: bool("b") },
    parameters: {},
    conditions: [cond("hasA", { "===": [{ var: "a" }, true] }), cond("hasB", { "===": [{ var: "b" }, true] })],
    outcome: { ok: { type: "boolean", label: { zh: "ok", en: "ok" }, logic: { and: [{ "jjj.condition": "hasA" }, { "jjj.condition": "hasB" }] } } },
    examples,
    ...extra,
  });
  return conditionCoverage(rule.id as string, createEngine(loadRules(rule)))[0]!;
}
const goal = (v: VersionCoverage, id: string, name: string) => v.conditions.find((c) => c.id === id && c.pointer === "")!.goals.find((g) => g.goal === name)!;

describe("the measure, on rules worked out by hand", () => {
  it("a and b: (T,T), (F,T), (T,F) and a day out of force show each condition deciding alone: 100%", () => {
    const v = andRule([example(true, true, true), example(false, true, false), example(true, false, false), example(true, true, false, "2024-12-31")]);
    expect(goal(v, "hasA", "independent")).toMatchObject({ covered: true, by: [1, 2] });
    expect(goal(v, "hasB", "independent")).toMatchObject({ covered: true, by: [1, 3] });
    expect(v.branches).toEqual([{ goal: "not in force", covered: true, by: [4] }]);
    expect(v.percent).toBe(100);
  });

  it("a and b: (T,T) and (F,F) show both true and false but neither deciding alone (b is not masked in (T,T))", () => {
    const v = andRule([example(true, true, true), example(false, false, false), example(true, true, false, "2024-12-31")]);
    expect(goal(v, "hasA", "true").covered && goal(v, "hasA", "false").covered).toBe(true);
    expect(goal(v, "hasA", "independent")).toMatchObject({ covered: false, by: [] });
    expect(goal(v, "hasB", "independent").covered).toBe(false);
    expect(v.covered).toBe(v.total - 2);
    expect(v.percent).toBe(Math.floor(((v.total - 2) * 100) / v.total));
  });

  it("a pair in which another condition masks it does not show a condition: (F,F) against (T,F)", () => {
    // b = false decides in both: forcing a alone changes neither outcome, so a is not shown to decide.
    const v = andRule([example(false, false, false), example(true, false, false), example(true, true, false, "2024-12-31")]);
    expect(goal(v, "hasA", "independent").covered).toBe(false);
    expect(goal(v, "hasA", "independent").why).toMatch(/masked in every example/);
  });

  it("masking MC/DC: another condition may change between the two examples when it is masked in both", () => {
    // ok = a or (b and c): with a changing and b changing too, where b is masked in both (c false).
    const rule = minimalRule({
      inputs: { a: bool("a"), b: bool("b"), c: bool("c") },
      parameters: {},
      conditions: [cond("hasA", { "===": [{ var: "a" }, true] }), cond("hasB", { "===": [{ var: "b" }, true] }), cond("hasC", { "===": [{ var: "c" }, true] })],
      outcome: { ok: { type: "boolean", label: { zh: "ok", en: "ok" }, logic: { or: [{ "jjj.condition": "hasA" }, { and: [{ "jjj.condition": "hasB" }, { "jjj.condition": "hasC" }] }] } } },
      examples: [
        { description: "a, b, not c", on: "2025-06-01", facts: { a: true, b: true, c: false }, expected: { outcome: { ok: true } } },
        { description: "not a, not b, not c", on: "2025-06-01", facts: { a: false, b: false, c: false }, expected: { outcome: { ok: false } } },
      ],
    });
    const v = conditionCoverage(rule.id as string, createEngine(loadRules(rule)))[0]!;
    expect(goal(v, "hasA", "independent")).toMatchObject({ covered: true, by: [1, 2] });
    expect(goal(v, "hasB", "independent").covered).toBe(false); // b changes, but c = false masks it
  });

  it("a condition the outcome never reads cannot decide: the report says so", () => {
    const v = andRule([example(true, true, true), example(false, false, false)], {
      outcome: { ok: { type: "boolean", label: { zh: "ok", en: "ok" }, logic: { "jjj.condition": "hasA" } } },
    });
    expect(goal(v, "hasB", "independent")).toMatchObject({ covered: false, why: "the outcome never reads hasB: it is reported, but decides nothing" });
  });

  it("an atom inside a condition: each comparison of an `or` true in one example and shown alone", () => {
    const rule = minimalRule({
      inputs: { a: bool("a"), b: bool("b") },
      parameters: { on: { type: "boolean", value: true, label: { zh: "on", en: "on" } } },
      conditions: [cond("either", { or: [{ "===": [{ var: "a" }, true] }, { "===": [{ var: "b" }, true] }, { "===": [{ "jjj.param": "on" }, false] }] })],
      outcome: { ok: { type: "boolean", label: { zh: "ok", en: "ok" }, logic: { "jjj.condition": "either" } } },
      examples: [example(true, false, true), example(false, false, false)],
    });
    const v = conditionCoverage(rule.id as string, createEngine(loadRules(rule)))[0]!;
    const atoms = v.conditions.filter((c) => c.pointer !== "");
    expect(atoms.map((a) => a.pointer)).toEqual(["/or/0", "/or/1", "/or/2"]);
    expect(atoms[0]!.goals.every((g) => g.covered)).toBe(true); // (T,F) against (F,F)
    expect(atoms[1]!.goals.find((g) => g.goal === "true")).toMatchObject({ covered: false, why: "true in no example" });
    // The third reads only a parameter: no facts can make it true; left out of the counts, with the reason.
    expect(atoms[2]!.goals.find((g) => g.goal === "true")).toMatchObject({ covered: false, unreachable: true });
    expect(v.total).toBe(3 /* either */ + 3 + 3 /* atoms 0 and 1 */ + 1 /* not in force */ + 1 /* atom 2 false: covered */);
  });

  it("money: the cap, both bands and a half-fen tie are branches of the outcome", () => {
    const file = BUNDLED_RULES.find((s) => s.path.endsWith("sjz-2025/absorption-subsidy/v1.json"))!.json as RuleFile;
    // Only the 3,000,000 yuan licence (example 7): the upper band, not the cap, no tie.
    const rule = { ...structuredClone(file), examples: [file.examples[6]!] };
    const v = conditionCoverage(file.id, createEngine(loadRules(rule as unknown as Record<string, unknown>)))[0]!;
    const reached = (g: string) => v.branches.find((b) => b.goal === g)?.covered;
    expect(reached("amount/if/1: operand 2 chosen")).toBe(true); // min(cap, 200,000): the formula
    expect(reached("amount/if/1: operand 1 chosen")).toBe(false); // the cap
    expect(reached("amount/if/1/jjj.min/1/jjj.add/1/jjj.mul/1: operand 2 chosen")).toBe(true); // the part over 1,000,000
    expect(reached("amount/if/1/jjj.min/1/jjj.add/1/jjj.mul/1: operand 1 chosen")).toBe(false); // 0: the first band alone
    expect(reached("amount: a half-fen tie")).toBe(false);
    expect(reached("not in force")).toBe(false);
    expect(v.percent).toBeLessThan(100);
  });
});

describe("the default engine", () => {
  it("is the one used when none is given", () => {
    expect(conditionCoverage("sjz-2025/absorption-subsidy")).toEqual(conditionCoverage("sjz-2025/absorption-subsidy", defaultEngine()));
  });
});
