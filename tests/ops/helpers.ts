import { createEngine } from "../../src/api.js";
import { checkLogic, type LogicScope } from "../../src/logic/check.js";
import { compile } from "../../src/engine/compile.js";
import { _evaluateReference } from "../../src/engine/evaluate.js";
import type { EvalEnv } from "../../src/ops/index.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";

/* Shared by the tests of src/ops: a scope with one input or parameter of each kind, the checker, the reference compiler, a rule evaluated on both paths. */

const label = (en: string) => ({ zh: en, en });

/** Inputs of each type, for the checker's static types. */
export const SCOPE: LogicScope = {
  inputs: {
    money: { type: "money", label: label("money") },
    count: { type: "integer", label: label("count") },
    rate: { type: "rate", label: label("rate") },
    day: { type: "date", label: label("day") },
    city: { type: "enum", label: label("city"), values: { a: label("a"), b: label("b") } },
    tags: { type: "enumList", label: label("tags"), values: { a: label("a"), b: label("b") } },
    flag: { type: "boolean", label: label("flag") },
  } as LogicScope["inputs"],
  parameters: {
    cap: { type: "money", value: "100", label: label("cap") },
  } as LogicScope["parameters"],
  conditions: new Set(["met"]),
  outcomes: new Map([["amount", "money"]]),
};

/** The problems the checker reports for an expression, as `code @pointer: message`. */
export function problems(logic: unknown): string[] {
  return checkLogic(logic, SCOPE).problems.map((p) => `${p.code} @${p.pointer}: ${p.message}`);
}

/** The codes of the problems the checker reports. */
export function codes(logic: unknown): string[] {
  return checkLogic(logic, SCOPE).problems.map((p) => p.code);
}

export const ENV: EvalEnv = { params: { cap: "100" }, conditions: { met: true }, outcome: { amount: "5" }, on: "2025-06-01" };

/** The value of an expression on the reference compiler. */
export function run(logic: unknown, data: unknown = {}, env: EvalEnv = ENV): unknown {
  return compile(logic)(data, env);
}

/** The error message an expression throws on the reference compiler. */
export function failure(logic: unknown, data: unknown = {}): string {
  try {
    run(logic, data);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected a failure");
}

/**
 * One outcome field `value` of type `type` computed by `logic` in a small rule with a money input
 * `amount` and a money parameter `threshold` (100), evaluated through loadRuleSet/createEngine on
 * the fast path and on the reference path: both values, which the caller compares.
 */
export function evaluateBoth(logic: unknown, type: string, facts: Record<string, unknown>): [unknown, unknown] {
  const rule = minimalRule({ outcome: { value: { type, label: label("value"), logic } } });
  rule.examples[0].expected = { outcome: {} };
  const engine = createEngine(loadRules(rule));
  const fast = engine.evaluate("sjz-2025/test-rule", facts, { on: "2025-06-01" }).outcome["value"];
  const reference = _evaluateReference(engine.ruleSet, "sjz-2025/test-rule", facts, { on: "2025-06-01" }).outcome["value"];
  return [fast, reference];
}
