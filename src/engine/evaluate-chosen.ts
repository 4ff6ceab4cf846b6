import { PolicyError, RuleEvaluationError } from "../errors.js";
import { FALLBACK } from "../exact/scaled.js";
import type { Decision } from "./decision.js";
import type { EvaluateOptions } from "./evaluate-options.js";
import type { Choice } from "./evaluation-cache.js";
import { CheckResult } from "./facts.js";
import { fastDecision } from "./fast-decision.js";
import { notInForceDecision } from "./not-in-force.js";
import { factsOutOfRange } from "./out-of-range.js";
import { parseFacts, referenceDecision, referenceDecisionOnData } from "./reference-decision.js";
import { newCtx, sharedProvenance } from "./version-plan.js";

/*
 * Two paths give the same decisions:
 * - the fast path (no parameter overrides): a compiled facts validator fills slots, the rule's logic
 *   compiled for those slots runs exact arithmetic on scaled integers where it can (fast-path.ts,
 *   fast-decision.ts), and the decision shares its constant parts (frozen) instead of rebuilding them;
 * - the reference path (reference-decision.ts): the facts walk (facts.ts), the closures of compile.ts over
 *   decimal.js, and a decision built from fresh parts.
 * Both build the decision with decision-builder.ts, and decide a version not in force with not-in-force.ts.
 */

/**
 * Decide for one subject once the version is chosen: the fast path when it can, the reference path
 * otherwise. Used by `evaluateInSet` and by batch evaluation.
 *
 * @throws {InvalidFactsError} | {InvalidParameterError} | {RuleEvaluationError} (any error is a {@link PolicyError})
 * @example
 * evaluateChosen(choose(set, id, "2025-06-01", undefined), facts, "2025-06-01", { explain: false })
 */
export function evaluateChosen(choice: Choice, facts: unknown, on: string, options: EvaluateOptions): Decision {
  try {
    return decideChosen(choice, facts, on, options);
  } catch (error) {
    throw typedError(choice, error, facts);
  }
}

/**
 * An error thrown while deciding, as the caller receives it: a {@link PolicyError} as it is; a date
 * pushed out of range by the facts as an `InvalidFactsError` on those facts; anything else (jjj.div by
 * an input that is 0, say) a {@link RuleEvaluationError} naming the rule, never a bare error from deep inside.
 *
 * @example
 * try { decide() } catch (error) { throw typedError(choice, error, facts); }
 */
export function typedError(choice: Choice, error: unknown, facts: unknown): unknown {
  if (error instanceof PolicyError) return error;
  const version = choice.chosen ?? choice.template;
  // A date pushed past 9999-12-31 by a date the caller gave is a problem of the facts (limits.ts).
  return factsOutOfRange(version, error, facts) ?? new RuleEvaluationError(version.file.id, version.file.version, error);
}

function decideChosen(choice: Choice, facts: unknown, on: string, options: EvaluateOptions): Decision {
  const plan = choice.plan;
  const validator = plan.validator;
  if (options.parameters !== undefined || validator === undefined) return referenceDecision(choice, facts, on, options);
  const explain = options.explain !== false;
  // Facts are read by the validator, which may run a caller's getters: a nested evaluation gets its own slots.
  const reentrant = plan.busy;
  const ctx = reentrant ? newCtx(validator, plan.version) : plan.ctx;
  plan.busy = true;
  try {
    const checked = validator.check(facts, ctx.slots);
    if (checked === CheckResult.Invalid) {
      const data = parseFacts(choice.template, facts); // the facts walk lists the issues
      // The walk accepts what the compiled validator refused (a getter that changed its answer): still
      // decided rightly, but slowly; counted.
      plan.validatorMisses++;
      return referenceDecisionOnData(choice, data, on, options);
    }
    if (!choice.inForce) return notInForceDecision(choice.set, plan.version, on, plan.shared, sharedProvenance(plan, on), explain);
    if (checked !== CheckResult.Fast || plan.fast === undefined) return referenceDecision(choice, facts, on, options);
    ctx.on = on;
    try {
      return fastDecision(plan, plan.fast, ctx, on, explain);
    } catch (error) {
      if (error === FALLBACK) return referenceDecision(choice, facts, on, options);
      throw error;
    }
  } finally {
    if (!reentrant) plan.busy = false;
  }
}
