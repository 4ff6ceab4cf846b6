import fc from "fast-check";
import jsonLogic from "json-logic-js";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import { compile } from "../../src/engine/compile.js";
import { Dec } from "../../src/exact/decimal.js";
import type { EvalEnv } from "../../src/engine/jjj-ops.js";
import { truthy } from "../../src/engine/truthy.js";
import { registerOperations } from "../../src/register.js";
import { loadClassicCases } from "../conformance/runner.js";

/*
 * The closure compiler against json-logic-js 2.0.5, the reference of the standard operations:
 * `compile(logic)(data, env)` and `jsonLogic.apply(logic, data)` give the same value, or both throw,
 * on (1) the 277 cases of jsonlogic.com's tests.json, (2) every expression of every shipped rule on
 * every worked example (references inlined as literals, the engine's `jjj.*` operations registered in
 * json-logic-js with registerOperations), and (3) random logic on random data (fast-check).
 * Deliberate differences, kept out of the generators: `var` reads own properties only (never
 * `constructor`, `__proto__`…), and `log` does not write to the console.
 */

const ENV: EvalEnv = { params: {}, conditions: {}, outcome: {}, on: "2025-06-01" };
type Result = { ok: true; value: unknown } | { ok: false };

function attempt(f: () => unknown): Result {
  try {
    return { ok: true, value: normalise(f()) };
  } catch {
    return { ok: false };
  }
}

/** Engine decimals as the strings registerOperations returns for them. */
function normalise(value: unknown): unknown {
  if (value instanceof Dec) return value.toString();
  if (Array.isArray(value)) return value.map(normalise);
  return value;
}

/** Deep equality with Object.is for numbers (NaN = NaN, and -0 ≠ 0). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === "number" || typeof b === "number") return Object.is(a, b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => same(x, b[i]));
  if (a && b && typeof a === "object" && typeof b === "object") {
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => same((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
  }
  return a === b;
}

function agree(logic: unknown, data: unknown, env: EvalEnv = ENV): { ours: Result; theirs: Result; equal: boolean } {
  const ours = attempt(() => compile(logic)(data, env));
  const theirs = attempt(() => jsonLogic.apply(logic as never, data));
  const equal = ours.ok === theirs.ok && (!ours.ok || same(ours.value, (theirs as { value: unknown }).value));
  return { ours, theirs, equal };
}

describe("standard operations = json-logic-js", () => {
  it("on the 277 cases of jsonlogic.com tests.json", () => {
    const cases = loadClassicCases();
    expect(cases).toHaveLength(277);
    for (const [rule, data, expected] of cases) {
      const r = agree(rule, data);
      if (!r.equal) expect({ rule, data, ours: r.ours }).toEqual({ rule, data, ours: r.theirs });
      expect(r.ours).toEqual({ ok: true, value: expected });
    }
  });

  it("on every expression of every shipped rule, on every worked example", () => {
    registerOperations(jsonLogic);
    const set = defaultEngine().ruleSet;
    let compared = 0;
    for (const id of set.ruleIds()) {
      for (const version of set.versions(id)) {
        for (const example of version.file.examples) {
          const parsed = version.factsChecker.check(example.facts);
          if (!parsed.success) continue; // examples of rejected facts have no values to compute with
          compared += compareRule(version, parsed.data, example.on);
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
    if (process.env.JJJ_DIFF_REPORT) console.log(`${compared} rule expressions compared with json-logic-js`);
  });

  it("on random logic and data (fast-check)", () => {
    fc.assert(
      fc.property(logicArb, dataArb, (logic, data) => {
        const r = agree(logic, data);
        if (!r.equal) throw new Error(`differs: ${JSON.stringify({ logic, data, ours: r.ours, theirs: r.theirs })}`);
      }),
      { numRuns: Number(process.env.JJJ_LOGIC_RUNS ?? 50_000) },
    );
  });
});

/** Evaluate a version's expressions in order as the engine does, comparing each with json-logic-js. */
function compareRule(version: LoadedRuleVersion, data: Record<string, unknown>, on: string): number {
  const env: EvalEnv = { params: version.params as Record<string, unknown>, conditions: Object.create(null), outcome: Object.create(null), on };
  let compared = 0;
  const check = (logic: unknown) => {
    const inlined = inline(logic, env);
    const original = attempt(() => compile(logic)(data, env));
    const r = agree(inlined, data, env);
    if (!r.equal || !r.ours.ok || !same(r.ours.value, (original as { value: unknown }).value)) {
      expect({ id: version.file.id, logic, original, ours: r.ours }).toEqual({ id: version.file.id, logic, original: r.theirs, ours: r.theirs });
    }
    compared++;
    return compile(logic)(data, env);
  };
  if (version.file.applicable !== undefined) check(version.file.applicable);
  for (const c of version.file.conditions) env.conditions[c.id] = truthy(check(c.logic));
  for (const [name, field] of Object.entries(version.file.outcome)) env.outcome[name] = check(field.logic);
  return compared;
}

/** The expression with `jjj.param`, `jjj.condition`, `jjj.outcome` and `jjj.on` replaced by their values. */
function inline(logic: unknown, env: EvalEnv): unknown {
  if (Array.isArray(logic)) return logic.map((x) => inline(x, env));
  if (typeof logic !== "object" || logic === null) return logic;
  const [op] = Object.keys(logic);
  const raw = (logic as Record<string, unknown>)[op!];
  const name = Array.isArray(raw) ? raw[0] : raw;
  const literal = (value: unknown) => {
    const v = value instanceof Dec ? value.toString() : value;
    // A literal list in logic is evaluated item by item, which leaves strings as they are.
    return v;
  };
  switch (op) {
    case "jjj.param":
      return literal(env.params[name as string]);
    case "jjj.condition":
      return literal(env.conditions[name as string]);
    case "jjj.outcome":
      return literal(env.outcome[name as string]);
    case "jjj.on":
      return env.on;
  }
  return { [op!]: Array.isArray(raw) ? raw.map((x) => inline(x, env)) : inline(raw, env) };
}

/* ---- random logic over the standard operations ---- */

const KEYS = ["a", "b", "c"] as const;
const primitive = fc.oneof(
  fc.integer({ min: -5, max: 5 }),
  fc.constantFrom(0, -0, 0.1, 1.5, -2.5, 1e21, Number.MAX_SAFE_INTEGER),
  fc.constantFrom("", "0", "1", "a", "b", "abc", "1.5", "12abc", "1e3", " 2 ", "true"),
  fc.boolean(),
  fc.constant(null),
);
const dataValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: "small", withCrossShrink: true }, primitive, tie("array"), tie("object")),
  array: fc.array(tie("value"), { maxLength: 4 }),
  object: fc.dictionary(fc.constantFrom(...KEYS), tie("value"), { maxKeys: 3 }),
})).value;
const dataArb = fc.oneof(fc.dictionary(fc.constantFrom(...KEYS), dataValue, { maxKeys: 3 }), dataValue);

const paths = fc.constantFrom("a", "b", "c", "a.b", "b.0", "0", "1", "", "a.c.b", "x");
const EAGER = ["==", "===", "!=", "!==", ">", ">=", "<", "<=", "!", "!!", "%", "in", "cat", "substr", "+", "*", "-", "/", "min", "max", "merge", "missing", "missing_some"];
const LAZY = ["if", "?:", "and", "or"];
const ITERATORS = ["filter", "map", "all", "none", "some"];

const logicArb: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small", withCrossShrink: true }, primitive, tie("var"), tie("op"), tie("list")),
  list: fc.array(tie("node"), { maxLength: 3 }),
  var: fc.oneof(
    paths.map((p) => ({ var: p })),
    fc.tuple(paths, primitive).map(([p, d]) => ({ var: [p, d] })),
    fc.constant({ var: [] }),
  ),
  op: fc.oneof(
    fc.tuple(fc.constantFrom(...EAGER, ...LAZY), fc.array(tie("node"), { maxLength: 4 })).map(([op, args]) => ({ [op]: args })),
    fc.tuple(fc.constantFrom(...EAGER), tie("node")).map(([op, arg]) => ({ [op]: arg })), // the unary form {"op": x}
    fc.tuple(fc.constantFrom(...ITERATORS), tie("node"), tie("node")).map(([op, source, body]) => ({ [op]: [source, body] })),
    fc.tuple(tie("node"), tie("node"), fc.option(tie("node"), { nil: undefined })).map(([source, body, initial]) => ({
      reduce: initial === undefined ? [source, body] : [source, body, initial],
    })),
  ),
})).node;
