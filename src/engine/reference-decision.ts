import { InvalidFactsError } from "../errors.js";
import type { ConditionResult, Decision, OutcomeValue, Provenance } from "./decision.js";
import { buildDecision, buildProvenance, decisionParts, type DecisionParts } from "./decision-builder.js";
import type { Choice } from "./evaluation-cache.js";
import type { EvaluateOptions } from "./evaluate-options.js";
import { explainDecision } from "./explain.js";
import { formatOutcome } from "./format-outcome.js";
import type { EvalEnv } from "./jjj-ops.js";
import { notInForceDecision } from "./not-in-force.js";
import { copyOverrides, withOverrides } from "./overrides.js";
import type { LoadedRuleVersion } from "./rule-version.js";
import { truthy } from "./truthy.js";

/*
 * The reference path: the facts walk (facts.ts, every input through its value type's check), the closures of compile.ts over decimal.js, and a decision
 * built from fresh parts. It serves parameter overrides, facts the fast path cannot hold (e.g. money
 * above 2^53 fen), arithmetic that would overflow, and the issue list of invalid facts; the fast path
 * must agree with it on every input.
 */

/**
 * Decide on the reference path: read the facts with the template's facts walk, then decide.
 *
 * @throws {InvalidFactsError} with every issue of the facts | {InvalidParameterError} for a bad override
 * @example
 * referenceDecision(choose(set, id, "2025-06-01", undefined), facts, "2025-06-01", { explain: false }).outcome
 */
export function referenceDecision(choice: Choice, facts: unknown, on: string, options: EvaluateOptions): Decision {
  return referenceDecisionOnData(choice, parseFacts(choice.template, facts), on, options);
}

/**
 * The facts as the version's facts walk reads them (canonical values).
 *
 * @throws {InvalidFactsError} listing every issue
 * @example
 * parseFacts(version, { contractAmount: "3000000", … }).contractAmount.toString() //=> "3000000"
 */
export function parseFacts(version: LoadedRuleVersion, facts: unknown): Record<string, unknown> {
  const parsed = version.factsChecker.check(facts);
  if (!parsed.success) throw new InvalidFactsError(version.file.id, parsed.issues);
  return parsed.data;
}

/**
 * Decide on the reference path from facts already read by {@link parseFacts}.
 *
 * @throws {InvalidParameterError} for a bad override
 * @example
 * referenceDecisionOnData(choice, parseFacts(choice.template, facts), on, options)
 */
export function referenceDecisionOnData(choice: Choice, data: Record<string, unknown>, on: string, options: EvaluateOptions): Decision {
  // The version that decides, when one is in force, is also the template (evaluation-cache.ts, Choice).
  const { set, template: version } = choice;
  const params = withOverrides(version, options.parameters);
  const explain = options.explain !== false;
  const parts = decisionParts(version, params);
  const overrides = options.parameters === undefined ? undefined : copyOverrides(options.parameters);
  const provenance = buildProvenance(version, set.hash, on, overrides);
  if (!choice.inForce) return notInForceDecision(set, version, on, parts, provenance, explain);
  return decide(version, data, on, params, parts, provenance, explain);
}

/** Run the version's compiled closures over decimal.js on the facts, and build the decision. */
function decide(
  version: LoadedRuleVersion,
  data: Record<string, unknown>,
  on: string,
  params: Readonly<Record<string, unknown>>,
  parts: DecisionParts,
  provenance: Provenance,
  explain: boolean,
): Decision {
  const env: EvalEnv = { params: params as Record<string, unknown>, conditions: Object.create(null), outcome: Object.create(null), on };
  const applicable = version.applicable ? truthy(version.applicable.fn(data, env)) : true;
  const conditions: ConditionResult[] = version.conditions.map(({ spec, fn }) => {
    const holds = truthy(fn(data, env));
    env.conditions[spec.id] = holds;
    return { id: spec.id, label: spec.label, holds };
  });
  const outcome: Record<string, OutcomeValue> = {};
  for (const field of version.outcome) {
    const raw = field.fn(data, env);
    env.outcome[field.name] = raw;
    outcome[field.name] = formatOutcome(raw, field.spec.type, `${version.file.id} outcome.${field.name}`);
  }
  const decision = buildDecision(version, on, parts, true, applicable, outcome, conditions, provenance);
  if (explain) decision.explanation = explainDecision(version, decision, data);
  return decision;
}
