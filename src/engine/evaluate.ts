import type { LoadedRuleVersion } from "./rule-version.js";
import type { RuleSet } from "./rule-set.js";
import type { Decision } from "./decision.js";
import type { EvaluateOptions } from "./evaluate-options.js";
import { readEvaluateOptions } from "./options.js";
import { evaluationDate } from "./evaluation-date.js";
import { choose } from "./choice.js";
import { evaluationCache, versionPlan } from "./evaluation-cache.js";
import { evaluateChosen, typedError } from "./evaluate-chosen.js";
import { referenceDecision } from "./reference-decision.js";

/*
 * Evaluation of one rule for one subject. Each step has its module (docs/architecture.md, "The path of
 * a set of facts"), lowest first:
 * - evaluate-options.ts, options.ts: the options, read once and checked;
 * - evaluation-date.ts: the evaluation date, checked, or today in Asia/Shanghai;
 * - version-plan.ts: what a version keeps for the fast path (compiled validator and logic, frozen parts);
 * - evaluation-cache.ts: the caches of a rule set (its rules' choices, its versions' plans);
 * - choice.ts: the version that decides (over version-choice.ts);
 * - decision-builder.ts: the one builder of a Decision;
 * - overrides.ts: what-if parameter overrides;
 * - not-in-force.ts, fast-decision.ts, reference-decision.ts: the three ways a decision is made;
 * - evaluate-chosen.ts: which of them decides, and the typed errors;
 * - this module: the entry points, and batch.ts for many subjects.
 * No state but the documented caches of evaluation-date.ts and evaluation-cache.ts (and the scratch
 * of a plan, version-plan.ts): a decision depends only on the rule set, the rule, the facts and the options.
 */

export type { EvaluateOptions } from "./evaluate-options.js";
export { choose } from "./choice.js";

/**
 * Evaluate one rule of a rule set.
 *
 * @throws {PolicyError} (its subclasses name what is wrong: the rule, the options, the facts, the logic)
 * @example
 * evaluateInSet(defaultEngine().ruleSet, "sjz-2025/absorption-subsidy", facts, { on: "2025-06-01" }).outcome
 * //=> { eligible: true, amount: "200000.00" }
 */
export function evaluateInSet(set: RuleSet, ruleId: string, facts: unknown, rawOptions?: EvaluateOptions): Decision {
  const options = readEvaluateOptions(rawOptions);
  const on = evaluationDate(options.on);
  const choice = choose(set, ruleId, on, options.version);
  return evaluateChosen(choice, facts, on, options);
}

/**
 * The reference path alone: the facts walk, decimal.js closures, a decision built from fresh parts. The fast path
 * must agree with it on every input; tests compare the two.
 * @internal
 */
export function _evaluateReference(set: RuleSet, ruleId: string, facts: unknown, rawOptions?: EvaluateOptions): Decision {
  const options = readEvaluateOptions(rawOptions);
  const on = evaluationDate(options.on);
  const choice = choose(set, ruleId, on, options.version);
  try {
    return referenceDecision(choice, facts, on, options);
  } catch (error) {
    throw typedError(choice, error, facts);
  }
}

/**
 * How a rule version runs on the fast path: whether its facts have a compiled validator, whether its
 * logic compiled for slots, and which outcome fields are computed in exact scaled integers.
 * @internal
 */
export function _fastPathInfo(set: RuleSet, version: LoadedRuleVersion): { validator: boolean; fast: boolean; scaledOutcomes: string[] } {
  const plan = versionPlan(evaluationCache(set), version);
  return {
    validator: plan.validator !== undefined,
    fast: plan.fast !== undefined,
    scaledOutcomes: plan.fast ? plan.fast.outcomes.filter((o) => o.scaled).map((o) => o.name) : [],
  };
}

/**
 * How many facts so far the compiled validator of a version (in this set) called invalid that the facts
 * walk then accepted, plus the values its fast readers refused that the input's check overruled: each
 * was decided rightly, by the reference path, but slowly. A validator stricter than the inputs' checks
 * shows here; tests keep it 0 (tests/engine/fast-fallback.test.ts).
 * @internal
 */
export function _validatorMisses(set: RuleSet, version: LoadedRuleVersion): number {
  const plan = versionPlan(evaluationCache(set), version);
  return plan.validatorMisses + (plan.validator?.overruled ?? 0);
}
