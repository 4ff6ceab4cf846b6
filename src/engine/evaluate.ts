import type { LoadedRuleVersion } from "../catalog/rule-version.js";
import type { RuleSet } from "../catalog/rule-set.js";
import { isInForce } from "../catalog/rule-set.js";
import type { ValueType } from "../schema/rule-file.js";
import { InvalidArgumentError, InvalidFactsError } from "../errors.js";
import { Dec, describe, formatMoney, toDec } from "./decimal.js";
import type { Decision, OutcomeValue } from "./decision.js";
import { explainDecision, explainNotInForce } from "./explain.js";
import { factsIssues } from "./facts.js";
import type { EvalEnv } from "./jjj-ops.js";
import { truthy } from "./truthy.js";
import { parameterValueProblem, runtimeParameters } from "../catalog/load.js";
import { todayInShanghai, requireDate } from "./dates.js";
import { ENGINE_ID } from "../version.js";

/** Options of an evaluation. */
export interface EvaluateOptions {
  /** The date of the event (e.g. the contract date), `YYYY-MM-DD`. Default: today in Asia/Shanghai. */
  on?: string;
  /** Use this version instead of the one in force on `on`. */
  version?: number;
  /** What-if: override parameter values (validated against each parameter's type). */
  parameters?: Record<string, string | number | boolean | string[]>;
  /** Build the bilingual explanation (default true). Without it evaluation is faster. */
  explain?: boolean;
}

/** Evaluate one rule of a rule set. Pure: no I/O, no global state. */
export function evaluateInSet(set: RuleSet, ruleId: string, facts: unknown, options: EvaluateOptions = {}): Decision {
  // A misspelt option ({ date: … } for { on: … }) or a bare date string would otherwise mean "today", quietly.
  if (options === null || typeof options !== "object") throw new InvalidArgumentError(`options must be an object like { on: "2025-06-01" }, got ${describe(options)}`);
  for (const key in options) {
    if (key !== "on" && key !== "version" && key !== "parameters" && key !== "explain") throw new InvalidArgumentError(`unknown option "${key}" (options: on, version, parameters, explain)`);
  }
  const on = options.on === undefined ? todayInShanghai() : requireDate(options.on, "the evaluation date `on`");
  const versions = set.versions(ruleId);
  if (options.version !== undefined && (typeof options.version !== "number" || !Number.isInteger(options.version))) {
    throw new InvalidArgumentError(`version must be an integer, got ${describe(options.version)}`);
  }
  const chosen = options.version !== undefined ? set.version(ruleId, options.version) : set.versionOn(ruleId, on);
  const template = chosen ?? nearestVersion(versions, on);
  const data = parseFacts(template, facts);
  const params = withOverrides(template, options.parameters);
  const explain = options.explain !== false;

  if (!chosen || !isInForce(chosen, on)) {
    return notInForce(set, template, on, params, options, explain);
  }
  return decide(set, chosen, data, on, params, options, explain);
}

function nearestVersion(versions: readonly LoadedRuleVersion[], on: string): LoadedRuleVersion {
  const before = versions.filter((v) => v.validFrom <= on);
  return (before.length > 0 ? before[before.length - 1] : versions[0])!;
}

function parseFacts(version: LoadedRuleVersion, facts: unknown): Record<string, unknown> {
  const parsed = version.factsSchema.safeParse(facts);
  if (!parsed.success) throw new InvalidFactsError(version.file.id, factsIssues(parsed.error));
  return parsed.data;
}

function withOverrides(version: LoadedRuleVersion, overrides: EvaluateOptions["parameters"]): Readonly<Record<string, unknown>> {
  if (overrides === undefined) return version.params;
  const specs = version.file.parameters;
  const merged = { ...specs };
  for (const [name, value] of Object.entries(overrides)) {
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (!spec) {
      throw new InvalidArgumentError(
        `unknown parameter "${name}" for ${version.file.id} v${version.file.version} (parameters: ${Object.keys(specs).join(", ") || "none"})`,
      );
    }
    const candidate = { ...spec, value: typeof value === "number" && spec.type !== "integer" ? String(value) : value };
    const problem = parameterValueProblem(candidate);
    if (problem) throw new InvalidArgumentError(`parameter "${name}": ${problem}, got ${describe(value)}`);
    merged[name] = candidate;
  }
  return runtimeParameters(merged);
}

function decide(
  set: RuleSet,
  version: LoadedRuleVersion,
  data: Record<string, unknown>,
  on: string,
  params: Readonly<Record<string, unknown>>,
  options: EvaluateOptions,
  explain: boolean,
): Decision {
  const env: EvalEnv = { params: params as Record<string, unknown>, conditions: Object.create(null), outcome: Object.create(null), on };
  const applicable = version.applicable ? truthy(version.applicable.fn(data, env)) : true;
  const conditions = version.conditions.map(({ spec, fn }) => {
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
  const decision = baseDecision(set, version, on, params, options, true, applicable, outcome);
  decision.conditions = conditions;
  if (explain) decision.explanation = explainDecision(version, decision, data);
  return decision;
}

function notInForce(
  set: RuleSet,
  version: LoadedRuleVersion,
  on: string,
  params: Readonly<Record<string, unknown>>,
  options: EvaluateOptions,
  explain: boolean,
): Decision {
  const outcome: Record<string, OutcomeValue> = {};
  for (const field of version.outcome) {
    if (field.spec.whenNotInForce !== undefined) outcome[field.name] = field.spec.whenNotInForce;
  }
  outcome["granted"] = false;
  const decision = baseDecision(set, version, on, params, options, false, false, outcome);
  if (explain) decision.explanation = explainNotInForce(set.versions(version.file.id), decision);
  return decision;
}

function baseDecision(
  set: RuleSet,
  version: LoadedRuleVersion,
  on: string,
  params: Readonly<Record<string, unknown>>,
  options: EvaluateOptions,
  inForce: boolean,
  applicable: boolean,
  outcome: Record<string, OutcomeValue>,
): Decision {
  const file = version.file;
  const provenance: Decision["provenance"] = {
    ruleId: file.id,
    version: file.version,
    on,
    ruleHash: `sha256:${version.hash}`,
    ruleSetHash: `sha256:${set.hash}`,
    engine: ENGINE_ID,
  };
  if (options.parameters !== undefined) provenance.overrides = { ...options.parameters };
  return {
    ruleId: file.id,
    version: file.version,
    on,
    kind: file.kind,
    title: file.title,
    inForce,
    applicable,
    outcome,
    conditions: [],
    parameters: publicParameters(params),
    explanation: [],
    source: { document: file.document, clause: file.clause, quote: file.source.quote },
    responsibleUnits: file.responsibleUnits,
    validity: { from: version.validFrom, to: version.validTo },
    provenance,
  };
}

function publicParameters(params: Readonly<Record<string, unknown>>): Decision["parameters"] {
  const out: Decision["parameters"] = {};
  for (const [k, v] of Object.entries(params)) out[k] = v instanceof Dec ? v.toString() : (v as string | number | boolean | string[]);
  return out;
}

/** Convert an outcome value to its declared type's public form. */
export function formatOutcome(raw: unknown, type: ValueType, where: string): OutcomeValue {
  switch (type) {
    case "boolean":
      return truthy(raw);
    case "money":
      return raw === null ? null : formatMoney(toDec(raw, where));
    case "decimal":
    case "rate":
      return raw === null ? null : toDec(raw, where).toString();
    case "integer": {
      if (raw === null) return null;
      const d = toDec(raw, where);
      if (!d.isInteger()) throw new TypeError(`${where}: ${d.toString()} is not an integer`);
      return d.toNumber();
    }
    case "enumList":
      return Array.isArray(raw) ? raw.map(String) : [];
    default:
      return raw === null || raw === undefined ? null : String(raw);
  }
}
