import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RuleFileError } from "../../src/errors.js";
import { _evaluateReference, evaluateInSet } from "../../src/engine/evaluate.js";
import type { Decision } from "../../src/engine/decision.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";

/*
 * The fast path on random rules: random arithmetic over money, integer, rate and decimal inputs,
 * parameters and literals (negative values, zeros of both signs, every rounding mode, division, which
 * the fast path leaves to decimal.js, values that overflow 2^53 and fall back), in conditions and in
 * outcome fields of every numeric type, referring to earlier fields. For each rule, random facts give
 * the same decision (or the same error) on the fast path and on the reference path.
 * `JJJ_RULE_RUNS` sets the number of rules (default 150), 40 facts each.
 */
const RULES = Number(process.env.JJJ_RULE_RUNS ?? 150);

const INPUTS = {
  m1: { type: "money", label: { zh: "金额一", en: "m1" }, min: "-100000000" },
  m2: { type: "money", label: { zh: "金额二", en: "m2" } },
  n1: { type: "integer", label: { zh: "数量", en: "n1" } },
  r1: { type: "rate", label: { zh: "比例", en: "r1" }, min: "-1", max: "1" },
  d1: { type: "decimal", label: { zh: "小数", en: "d1" } },
  e1: { type: "enum", label: { zh: "类别", en: "e1" }, values: { x: { zh: "甲", en: "x" }, y: { zh: "乙", en: "y" } } },
};
const PARAMETERS = {
  cap: { type: "money", value: "500000", label: { zh: "上限", en: "cap" } },
  rate: { type: "rate", value: "0.05", label: { zh: "比例", en: "rate" } },
  k: { type: "integer", value: 3, label: { zh: "倍数", en: "k" } },
  big: { type: "decimal", value: "90071992547409.91", label: { zh: "大数", en: "big" } },
  tiny: { type: "rate", value: "0.0000001", label: { zh: "小数", en: "tiny" } },
  neg: { type: "decimal", value: "-2.5", label: { zh: "负数", en: "neg" } },
};
const MODES = ["half-up", "half-even", "down", "up", "floor", "ceil"];

function rule(conditions: unknown[], outcome: Record<string, { type: string; logic: unknown }>) {
  return minimalRule({
    inputs: INPUTS,
    parameters: PARAMETERS,
    conditions: conditions.map((logic, i) => ({ id: `c${i}`, label: { zh: `条件${i}`, en: `condition ${i}` }, logic })),
    outcome: Object.fromEntries(Object.entries(outcome).map(([name, f]) => [name, { ...f, label: { zh: name, en: name } }])),
    examples: [{ description: "any", on: "2025-06-01", facts: { m1: "1", m2: "1", n1: 1, r1: "0.1", d1: "1", e1: "x" }, expected: { inForce: true } }],
  });
}

/** Decimal expressions; `fields` are the numeric outcome fields defined before, `conds` the conditions. */
function decimalExpr(fields: string[], conds: number): fc.Arbitrary<unknown> {
  const { expr } = fc.letrec((tie) => ({
    expr: fc.oneof({ depthSize: "small", withCrossShrink: true }, tie("leaf"), tie("leaf"), tie("op")),
    leaf: fc.oneof(
      fc.constantFrom("m1", "m2", "n1", "r1", "d1").map((v) => ({ var: v })),
      fc.constantFrom("cap", "rate", "k", "big", "tiny", "neg").map((p) => ({ "jjj.param": p })),
      fc.constantFrom("0", "-0", "1.5", "0.005", "-3", "100", "0.10", 0, -0, 2, 0.1, -7, 12345678901234),
      ...(fields.length ? [fc.constantFrom(...fields).map((f) => ({ "jjj.outcome": f }))] : []),
    ),
    op: fc.oneof(
      fc.tuple(fc.constantFrom("jjj.add", "jjj.mul", "jjj.min", "jjj.max"), fc.array(tie("expr"), { minLength: 1, maxLength: 3 })).map(([op, a]) => ({ [op]: a })),
      fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => ({ "jjj.sub": [a, b] })),
      fc.tuple(tie("expr"), tie("expr")).map(([a, b]) => ({ "jjj.div": [a, { "jjj.max": [b, "0.5"] }] })),
      fc.tuple(tie("expr"), fc.integer({ min: 0, max: 4 }), fc.constantFrom(...MODES)).map(([a, p, m]) => ({ "jjj.round": [a, p, m] })),
      fc.tuple(tie("expr")).map(([a]) => ({ "jjj.round": [a] })),
      fc.tuple(boolExpr(conds), tie("expr"), tie("expr")).map(([t, a, b]) => ({ if: [t, a, b] })),
    ),
  }));
  return expr;
}

function boolExpr(conds: number): fc.Arbitrary<unknown> {
  const cmp = fc.tuple(fc.constantFrom("jjj.eq", "jjj.gt", "jjj.gte", "jjj.lt", "jjj.lte"), fc.constantFrom("m1", "m2", "n1", "r1", "d1"), fc.constantFrom("0", "500000", "0.05", "-1", "3"));
  return fc.oneof(
    cmp.map(([op, v, k]) => ({ [op]: [{ var: v }, k] })),
    cmp.map(([op, v, k]) => ({ [op]: [k, { var: v }] })),
    fc.constantFrom({ "===": [{ var: "e1" }, "x"] }, { "!==": [{ var: "e1" }, "y"] }, { in: [{ var: "e1" }, ["x"]] }),
    ...(conds > 0 ? [fc.integer({ min: 0, max: conds - 1 }).map((i) => ({ "jjj.condition": `c${i}` }))] : []),
  );
}

const ruleArb = fc
  .tuple(fc.integer({ min: 1, max: 3 }), fc.array(fc.constantFrom("money", "decimal", "rate", "integer", "boolean"), { minLength: 1, maxLength: 4 }))
  .chain(([nConds, types]) =>
    fc.tuple(
      fc.tuple(...Array.from({ length: nConds }, (_, i) => fc.oneof(boolExpr(i), decimalExpr([], i).chain((d) => boolExpr(i).map((b) => ({ and: [b, { "jjj.gte": [d, "0"] }] })))))),
      fc.tuple(
        ...types.map((type, i) => {
          const earlier = types.slice(0, i).map((t, j) => (t === "boolean" ? "" : `f${j}`)).filter(Boolean);
          const logic = type === "boolean" ? boolExpr(nConds) : decimalExpr(earlier, nConds);
          return logic.map((l) => [`f${i}`, { type, logic: l }] as const);
        }),
      ),
    ),
  )
  .map(([conds, fields]) => rule(conds, Object.fromEntries(fields)));

const money = fc.oneof(
  fc.integer({ min: -10_000_000_000, max: 10_000_000_000 }).map((fen) => (fen / 100).toFixed(2)),
  fc.constantFrom("0", "-0", "0.01", "-0.01", "500000", "1000000.10", "999999999999999.99", "-99999999.99", "90071992547409.91"),
);
const factsArb = fc.record({
  m1: money,
  m2: money.map((m) => m.replace(/^-/, "")),
  n1: fc.oneof(fc.integer({ min: -1000, max: 1000 }), fc.constantFrom(0, -0, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 40)),
  r1: fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }).map((n) => (n / 1_000_000).toString()), fc.constantFrom("0.12345678", "-0", "1", "-1", "0.5")),
  d1: fc.oneof(fc.integer({ min: -1e9, max: 1e9 }).map((n) => (n / 1000).toString()), fc.constantFrom("0.000000001", "123456789012.345", "-0.5", "0")),
  e1: fc.constantFrom("x", "y"),
});

type Outcome = { ok: true; decision: Decision } | { ok: false; error: string };
function run(f: () => Decision): Outcome {
  try {
    return { ok: true, decision: f() };
  } catch (error) {
    return { ok: false, error: `${(error as Error).name}: ${(error as Error).message}` };
  }
}

describe("fast path = reference path on random rules", () => {
  it(`${RULES} random rules × 40 facts`, { timeout: 600_000 }, () => {
    let loaded = 0;
    fc.assert(
      fc.property(ruleArb, fc.array(factsArb, { minLength: 40, maxLength: 40 }), (file, factsList) => {
        let set;
        try {
          set = loadRules(file);
        } catch (error) {
          if (error instanceof RuleFileError) return; // the checker refused the random logic; nothing to compare
          throw error;
        }
        loaded++;
        for (const facts of factsList) {
          const options = { on: "2025-06-01", explain: facts.e1 === "x" };
          const fast = run(() => evaluateInSet(set, file.id, facts, options));
          const reference = run(() => _evaluateReference(set, file.id, facts, options));
          if (JSON.stringify(fast) !== JSON.stringify(reference)) {
            expect({ logic: file.outcome, facts, result: fast }).toEqual({ logic: file.outcome, facts, result: reference });
          }
          // Integer outcomes: the same number, sign of zero included.
          if (fast.ok && reference.ok) {
            for (const [k, v] of Object.entries(fast.decision.outcome)) if (typeof v === "number") expect(Object.is(v, reference.decision.outcome[k])).toBe(true);
          }
        }
      }),
      { numRuns: RULES },
    );
    expect(loaded).toBeGreaterThan(RULES / 2);
  });
});
