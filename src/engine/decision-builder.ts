import type { LocalizedText } from "../schema/common.js";
import { Dec } from "../exact/decimal.js";
import { ENGINE_ID } from "../version.js";
import type { ConditionResult, Decision, OutcomeValue, Provenance } from "./decision.js";
import type { LoadedRuleVersion } from "./rule-version.js";

/*
 * The one place that knows the shape of a Decision and of its Provenance, and the order of their fields.
 * The order is part of the output: decisions are compared and hashed as JSON text (tests/snapshot), so
 * every path (fast, reference, not in force) builds its decision here.
 */

/**
 * The parts of a decision fixed by the version and its parameters, whatever the facts: the fast path
 * keeps one deeply frozen copy per version and shares it between decisions; the reference path builds
 * them afresh (its parameters may be overridden).
 *
 * @example
 * const parts = decisionParts(version, version.params);
 * parts.validity //=> { from: "2025-01-17", to: "2028-01-16" }
 */
export interface DecisionParts {
  readonly title: LocalizedText;
  readonly parameters: Decision["parameters"];
  readonly source: Decision["source"];
  readonly responsibleUnits: LocalizedText[];
  readonly validity: Decision["validity"];
}

/**
 * The parts of a decision of `version` with the parameter values `params` (decimals as strings).
 *
 * @example
 * decisionParts(version, version.params).parameters //=> { cap: "500000", rate: "0.10", … }
 */
export function decisionParts(version: LoadedRuleVersion, params: Readonly<Record<string, unknown>>): DecisionParts {
  const file = version.file;
  return {
    title: file.title,
    parameters: publicParameters(params),
    source: { document: file.document, clause: file.clause, quote: file.source.quote },
    responsibleUnits: file.responsibleUnits,
    validity: { from: version.validFrom, to: version.validTo },
  };
}

/**
 * The provenance of a decision of `version` on `on`, in a rule set of hash `ruleSetHash` (hex), with the
 * caller's what-if overrides (already copied) when there are any.
 *
 * @example
 * buildProvenance(version, set.hash, "2025-06-01")
 * //=> { ruleId: "sjz-2025/absorption-subsidy", version: 1, on: "2025-06-01", ruleHash: "sha256:…", ruleSetHash: "sha256:…", engine: "jjj-policy-rules@0.1.0" }
 */
export function buildProvenance(
  version: LoadedRuleVersion,
  ruleSetHash: string,
  on: string,
  overrides?: NonNullable<Provenance["overrides"]>,
): Provenance {
  const file = version.file;
  const provenance: Provenance = {
    ruleId: file.id,
    version: file.version,
    on,
    ruleHash: `sha256:${version.hash}`,
    ruleSetHash: `sha256:${ruleSetHash}`,
    engine: ENGINE_ID,
  };
  if (overrides !== undefined) provenance.overrides = overrides;
  return provenance;
}

/**
 * A decision of `version` on `on`. Its explanation is `explanation` when given (the fast path writes it
 * first, or passes its shared empty one), else a fresh empty list that the caller sets once the
 * decision exists (the reference path writes the explanation from the decision).
 *
 * @example
 * const d = buildDecision(version, on, parts, true, true, { eligible: true, amount: "200000.00" }, conditions, provenance);
 * d.explanation = explainDecision(version, d, data);
 */
export function buildDecision(
  version: LoadedRuleVersion,
  on: string,
  parts: DecisionParts,
  inForce: boolean,
  applicable: boolean,
  outcome: Record<string, OutcomeValue>,
  conditions: ConditionResult[],
  provenance: Provenance,
  explanation: Decision["explanation"] = [],
): Decision {
  return decisionMaker(version, parts, inForce)(on, applicable, outcome, conditions, provenance, explanation);
}

/**
 * A maker of the decisions of `version` with the (deeply frozen, shared) `parts`, in force or not: the one
 * place a decision object is written, its fields in the order of the public `Decision`. The fields fixed by
 * the version are read once here rather than on every decision (a lazily loaded version's `file` is a
 * getter): the fast path keeps one maker per version plan; {@link buildDecision} makes one per decision.
 *
 * @example
 * const make = decisionMaker(version, parts);
 * make(on, true, outcome, conditions, provenance, NO_EXPLANATION).ruleId //=> "sjz-2025/absorption-subsidy"
 */
export function decisionMaker(
  version: LoadedRuleVersion,
  parts: DecisionParts,
  inForce = true,
): (on: string, applicable: boolean, outcome: Record<string, OutcomeValue>, conditions: ConditionResult[], provenance: Provenance, explanation: Decision["explanation"]) => Decision {
  const file = version.file;
  const ruleId = file.id;
  const versionNumber = file.version;
  const kind = file.kind;
  const { title, parameters, source, responsibleUnits, validity } = parts;
  // One object literal, the order of buildDecision's: every decision of the version has one shape.
  return (on, applicable, outcome, conditions, provenance, explanation) => ({
    ruleId,
    version: versionNumber,
    on,
    kind,
    title,
    inForce,
    applicable,
    outcome,
    conditions,
    parameters,
    explanation,
    source,
    responsibleUnits,
    validity,
    provenance,
  });
}

/**
 * Parameter values as a decision shows them: decimals as strings, the rest as they are.
 *
 * @example
 * publicParameters({ cap: new Dec("500000"), modes: ["transfer"] }) //=> { cap: "500000", modes: ["transfer"] }
 */
export function publicParameters(params: Readonly<Record<string, unknown>>): Decision["parameters"] {
  const out: Decision["parameters"] = {};
  for (const [k, v] of Object.entries(params)) out[k] = v instanceof Dec ? v.toString() : (v as string | number | boolean | string[]);
  return out;
}
