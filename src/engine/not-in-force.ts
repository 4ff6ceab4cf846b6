import type { Decision, OutcomeValue, Provenance } from "./decision.js";
import { buildDecision, type DecisionParts } from "./decision-builder.js";
import { explainNotInForce } from "./explain.js";
import type { LoadedRuleVersion } from "./rule-version.js";
import type { RuleSet } from "./rule-set.js";

/**
 * The decision when no version is in force on the date: nothing granted, no conditions; the outcome
 * holds each field's declared `whenNotInForce` value. `version` is the template (the version nearest
 * the date), which names the rule; the fast and the reference path both decide here.
 *
 * @example
 * notInForceDecision(set, choice.template, "2030-01-01", parts, provenance, false).outcome //=> { eligible: false, amount: "0.00", granted: false }
 */
export function notInForceDecision(
  set: RuleSet,
  version: LoadedRuleVersion,
  on: string,
  parts: DecisionParts,
  provenance: Provenance,
  explain: boolean,
): Decision {
  const outcome: Record<string, OutcomeValue> = {};
  for (const field of version.outcome) {
    if (field.spec.whenNotInForce !== undefined) outcome[field.name] = field.spec.whenNotInForce;
  }
  outcome["granted"] = false;
  const decision = buildDecision(version, on, parts, false, false, outcome, [], provenance);
  if (explain) decision.explanation = explainNotInForce(set.versions(version.file.id), decision);
  return decision;
}
