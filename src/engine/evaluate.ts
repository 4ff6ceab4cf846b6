import type { LoadedRuleVersion } from "./rule-version.js";
import type { RuleSet } from "./rule-set.js";
import { chooseVersion, isInForce } from "./version-choice.js";
import { InvalidFactsError, InvalidOptionsError, InvalidParameterError, PolicyError, RuleEvaluationError } from "../errors.js";
import { isIsoDate } from "../schema/common.js";
import { readEvaluateOptions } from "./options.js";
import type { LocalizedText } from "../schema/common.js";
import { Dec, describe } from "../exact/decimal.js";
import type { ConditionResult, Decision, OutcomeValue, Provenance } from "./decision.js";
import { explainDecision, explainNotInForce } from "./explain.js";
import { CheckResult, buildFactsValidator, safeParseFacts, type FactsValidator } from "./facts.js";
import {
  F_BOOL,
  F_DECIMAL,
  F_MONEY,
  F_NUMBER,
  V_AND,
  V_COND,
  V_IF_COND,
  V_IF_OUT,
  V_OR,
  compileFastPlan,
  runTest,
  type FastCtx,
  type FastPlan,
} from "./fast-path.js";
import { formatOutcome } from "./format-outcome.js";
import { factsOutOfRange } from "./out-of-range.js";
import type { EvalEnv } from "./jjj-ops.js";
import { FALLBACK, scaledToMoney, scaledToString } from "../exact/scaled.js";
import { truthy } from "./truthy.js";
import { overrideSpec, runtimeParameters } from "./parameters.js";
import { todayInShanghai } from "./dates.js";
import { ENGINE_ID } from "../version.js";

export { formatOutcome } from "./format-outcome.js";

/**
 * Options of an evaluation.
 *
 * @category Engine
 * @example
 * evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-06-01", parameters: { cap: "800000" }, explain: false })
 */
export interface EvaluateOptions {
  /** The date of the event (e.g. the contract date), `YYYY-MM-DD`. Default: today in Asia/Shanghai. */
  on?: string;
  /** Use this version instead of the one in force on `on`. */
  version?: number;
  /**
   * What-if: override parameter values, checked as a rule file's values are (type, enum values, bounds:
   * money ≥ 0, rates within [0, 1], or as declared). Decimals as strings; a number only when it is exactly
   * the decimal it prints as. `undefined` means none; `null` is an error.
   */
  parameters?: Record<string, string | number | boolean | string[]>;
  /** Build the bilingual explanation (default true). Without it evaluation is faster. A boolean; anything else is an error. */
  explain?: boolean;
}

/*
 * Two paths give the same decisions:
 * - the fast path (no parameter overrides): a compiled facts validator fills slots, the rule's logic
 *   compiled for those slots runs exact arithmetic on scaled integers where it can (fast-path.ts), and
 *   the decision shares its constant parts (frozen) instead of rebuilding them;
 * - the reference path: the zod facts schema, the closures of compile.ts over decimal.js, and a
 *   decision built from scratch. It serves parameter overrides, facts the fast path cannot hold
 *   (e.g. money above 2^53 fen), arithmetic that would overflow, and the issue list of invalid facts.
 */

/** Evaluate one rule of a rule set. Pure: no I/O, no global state but caches of compiled plans. */
export function evaluateInSet(set: RuleSet, ruleId: string, facts: unknown, rawOptions?: EvaluateOptions): Decision {
  const options = readEvaluateOptions(rawOptions);
  const on = evaluationDate(options.on);
  const choice = choose(set, ruleId, on, options.version);
  return evaluateChosen(choice, facts, on, options);
}

/**
 * The reference path alone: zod, decimal.js closures, a decision built from scratch. The fast path
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
  const plan = versionPlan(set, version);
  return {
    validator: plan.validator !== undefined,
    fast: plan.fast !== undefined,
    scaledOutcomes: plan.fast ? plan.fast.outcomes.filter((o) => o.scaled).map((o) => o.name) : [],
  };
}

/* ---------------------------------------------------------------------------------------------- */
/* Choosing the version                                                                           */
/* ---------------------------------------------------------------------------------------------- */

/** The version that decides, and the one whose inputs the facts are checked against. */
export interface Choice {
  readonly set: RuleSet;
  /** The version asked for or in force on the date, if any. */
  readonly chosen: LoadedRuleVersion | undefined;
  /** `chosen`, or the version nearest the date when none is in force: its inputs check the facts. */
  readonly template: LoadedRuleVersion;
  readonly inForce: boolean;
  readonly plan: VersionPlan;
}

interface RulePlan {
  readonly versions: readonly LoadedRuleVersion[];
  lastOn: string | undefined;
  lastChoice: Choice | undefined;
}

let lastSet: RuleSet | undefined;
let lastRules: Map<string, RulePlan> | undefined;
const rulesBySet = new WeakMap<RuleSet, Map<string, RulePlan>>();

let lastRuleId: string | undefined;
let lastRule: RulePlan | undefined;

function rulePlan(set: RuleSet, ruleId: string): RulePlan {
  if (ruleId === lastRuleId && set === lastSet) return lastRule!;
  let rules: Map<string, RulePlan> | undefined;
  if (set === lastSet) rules = lastRules!;
  else {
    rules = rulesBySet.get(set);
    if (!rules) rulesBySet.set(set, (rules = new Map()));
    lastSet = set;
    lastRules = rules;
  }
  let rule = typeof ruleId === "string" ? rules.get(ruleId) : undefined;
  if (!rule) {
    const versions = set.versions(ruleId); // throws UnknownRuleError
    rule = { versions, lastOn: undefined, lastChoice: undefined };
    rules.set(ruleId, rule);
  }
  lastRuleId = ruleId;
  lastRule = rule;
  return rule;
}

/**
 * Resolve a rule id, a date and an optional version number to the version that decides.
 * @throws {UnknownRuleError} | {UnknownVersionError} | {InvalidArgumentError}
 */
export function choose(set: RuleSet, ruleId: string, on: string, version: number | undefined): Choice {
  const rule = rulePlan(set, ruleId);
  if (version === undefined) {
    if (rule.lastOn === on) return rule.lastChoice!;
    const { chosen, template } = chooseVersion(rule.versions, on);
    const choice = makeChoice(set, chosen, template, on);
    rule.lastOn = on;
    rule.lastChoice = choice;
    return choice;
  }
  if (typeof version !== "number" || !Number.isInteger(version)) {
    throw new InvalidOptionsError("version", `option "version" must be an integer, got ${describe(version)} (版本须为整数)`);
  }
  const chosen = set.version(ruleId, version); // throws UnknownVersionError
  return makeChoice(set, chosen, chosen, on);
}

function makeChoice(set: RuleSet, chosen: LoadedRuleVersion | undefined, template: LoadedRuleVersion, on: string): Choice {
  return { set, chosen, template, inForce: chosen !== undefined && isInForce(chosen, on), plan: versionPlan(set, template) };
}

let lastDate: string | undefined;
let todayNumber = NaN;
let todayText = "";
const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/** The evaluation date: checked (the last good one is remembered), or today in Asia/Shanghai. */
export function evaluationDate(on: unknown): string {
  if (on === undefined) {
    const day = Math.floor((Date.now() + SHANGHAI_OFFSET_MS) / DAY_MS);
    if (day !== todayNumber) {
      todayText = todayInShanghai();
      todayNumber = day;
    }
    return todayText;
  }
  if (on === lastDate) return on as string;
  if (!isIsoDate(on)) {
    throw new InvalidOptionsError("on", `the evaluation date \`on\` must be a calendar date YYYY-MM-DD, got ${describe(on)} (日期须为 YYYY-MM-DD)`);
  }
  const checked = on;
  lastDate = checked;
  return checked;
}

/* ---------------------------------------------------------------------------------------------- */
/* Plans of versions: the compiled validator and logic, and the constant parts of decisions       */
/* ---------------------------------------------------------------------------------------------- */

/** What the fast path keeps for one version of a rule, built on its first evaluation. */
export interface VersionPlan {
  readonly version: LoadedRuleVersion;
  readonly validator: FactsValidator | undefined;
  readonly fast: FastPlan | undefined;
  /** The parts of every decision that do not depend on the facts (deeply frozen, shared). */
  readonly shared: SharedParts;
  /** Condition results, shared: for condition `i`, `2i` holds and `2i + 1` fails. */
  readonly conditionResults: readonly ConditionResult[];
  /** The frozen list of condition results for each combination of conditions that hold (by bit). */
  readonly conditionLists: (ConditionResult[] | undefined)[];
  ctx: FastCtx;
  busy: boolean;
  /** The formatted outcome values of the evaluation under way, then {@link buildOutcome}. */
  readonly values: OutcomeValue[];
  readonly buildOutcome: (values: readonly OutcomeValue[]) => Record<string, OutcomeValue>;
  readonly provenance: Map<string, Provenance>;
  lastOn: string | undefined;
  lastProvenance: Provenance | undefined;
}

interface SharedParts {
  title: LocalizedText;
  parameters: Decision["parameters"];
  source: Decision["source"];
  responsibleUnits: LocalizedText[];
  validity: Decision["validity"];
  ruleHash: string;
  ruleSetHash: string;
}

const plans = new WeakMap<LoadedRuleVersion, VersionPlan>();

function versionPlan(set: RuleSet, version: LoadedRuleVersion): VersionPlan {
  let plan = plans.get(version);
  if (plan) return plan;
  const file = version.file;
  const validator = buildFactsValidator(file.inputs);
  const fast = validator ? compileFastPlan(version, validator.names, validator.kinds, validator.enumValues) : undefined;
  plan = {
    version,
    validator,
    fast,
    shared: {
      title: deepFrozen(file.title),
      parameters: deepFrozen(publicParameters(version.params)),
      source: deepFrozen({ document: file.document, clause: file.clause, quote: file.source.quote }),
      responsibleUnits: deepFrozen(file.responsibleUnits),
      validity: deepFrozen({ from: version.validFrom, to: version.validTo }),
      ruleHash: `sha256:${version.hash}`,
      ruleSetHash: `sha256:${set.hash}`,
    },
    conditionResults: version.conditions.flatMap(({ spec }) => {
      const label = deepFrozen(spec.label);
      return [Object.freeze({ id: spec.id, label, holds: true }), Object.freeze({ id: spec.id, label, holds: false })];
    }),
    conditionLists: [],
    ctx: newCtx(validator, version),
    busy: false,
    values: new Array<OutcomeValue>(version.outcome.length).fill(null),
    buildOutcome: outcomeBuilder(version.outcome.map((f) => f.name)),
    provenance: new Map(),
    lastOn: undefined,
    lastProvenance: undefined,
  };
  plans.set(version, plan);
  return plan;
}

function newCtx(validator: FactsValidator | undefined, version: LoadedRuleVersion): FastCtx {
  return {
    // Values, then (for enum inputs) their positions among the enum's values.
    slots: new Array<unknown>(validator ? 2 * validator.names.length : 0).fill(null),
    cond: new Array<boolean>(version.conditions.length).fill(false),
    out: new Array<unknown>(version.outcome.length).fill(null),
    on: "",
  };
}

function deepFrozen<T>(value: T): T {
  const copy = structuredClone(value);
  const freeze = (v: unknown): void => {
    if (typeof v !== "object" || v === null) return;
    Object.freeze(v);
    for (const k of Object.keys(v)) freeze((v as Record<string, unknown>)[k]);
  };
  freeze(copy);
  return copy;
}

/**
 * A function that makes the outcome object from its values. Written out for up to four fields, so
 * that each store has one property name (a loop storing varying names into a fresh object is the
 * slowest part of building a decision otherwise).
 */
function outcomeBuilder(names: readonly string[]): (values: readonly OutcomeValue[]) => Record<string, OutcomeValue> {
  const [a, b, c, d] = names as [string, string, string, string];
  switch (names.length) {
    case 1:
      return (v) => {
        const o: Record<string, OutcomeValue> = {};
        o[a] = v[0]!;
        return o;
      };
    case 2:
      return (v) => {
        const o: Record<string, OutcomeValue> = {};
        o[a] = v[0]!;
        o[b] = v[1]!;
        return o;
      };
    case 3:
      return (v) => {
        const o: Record<string, OutcomeValue> = {};
        o[a] = v[0]!;
        o[b] = v[1]!;
        o[c] = v[2]!;
        return o;
      };
    case 4:
      return (v) => {
        const o: Record<string, OutcomeValue> = {};
        o[a] = v[0]!;
        o[b] = v[1]!;
        o[c] = v[2]!;
        o[d] = v[3]!;
        return o;
      };
    default:
      return (v) => {
        const o: Record<string, OutcomeValue> = {};
        for (let i = 0; i < names.length; i++) o[names[i]!] = v[i]!;
        return o;
      };
  }
}

function sharedProvenance(plan: VersionPlan, on: string): Provenance {
  if (plan.lastOn === on) return plan.lastProvenance!;
  let p = plan.provenance.get(on);
  if (!p) {
    const file = plan.version.file;
    p = Object.freeze({
      ruleId: file.id,
      version: file.version,
      on,
      ruleHash: plan.shared.ruleHash,
      ruleSetHash: plan.shared.ruleSetHash,
      engine: ENGINE_ID,
    });
    if (plan.provenance.size >= 256) plan.provenance.clear();
    plan.provenance.set(on, p);
  }
  plan.lastOn = on;
  plan.lastProvenance = p;
  return p;
}

/* ---------------------------------------------------------------------------------------------- */
/* Deciding                                                                                        */
/* ---------------------------------------------------------------------------------------------- */

/**
 * Decide for one subject once the version is chosen: the fast path when it can, the reference path
 * otherwise. Used by {@link evaluateInSet} and by batch evaluation.
 */
export function evaluateChosen(choice: Choice, facts: unknown, on: string, options: EvaluateOptions): Decision {
  try {
    return decideChosen(choice, facts, on, options);
  } catch (error) {
    throw typedError(choice, error, facts);
  }
}

/**
 * A rule whose logic fails on valid facts (jjj.div by an input that is 0, say) throws a typed error
 * naming the rule, never a bare RangeError from deep inside.
 */
function typedError(choice: Choice, error: unknown, facts: unknown): unknown {
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
    if (checked === CheckResult.Invalid) return referenceDecision(choice, facts, on, options); // zod lists the issues
    if (!choice.inForce) return notInForceDecision(choice, on, explain);
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

/** The explanation of a decision made without one: empty, shared, frozen. */
const NO_EXPLANATION = Object.freeze([]) as unknown as Decision["explanation"];

/** Rules with at most this many conditions share their (frozen) lists of condition results. */
const MAX_SHARED_CONDITIONS = 10;

function conditionList(plan: VersionPlan, bits: number): ConditionResult[] {
  const results = plan.conditionResults;
  const n = results.length / 2;
  const list = Array.from({ length: n }, (_, i) => results[(bits >>> i) & 1 ? 2 * i : 2 * i + 1]!);
  plan.conditionLists[bits] = Object.freeze(list) as ConditionResult[];
  return plan.conditionLists[bits]!;
}

function fastDecision(plan: VersionPlan, fast: FastPlan, ctx: FastCtx, on: string, explain: boolean): Decision {
  const version = plan.version;
  const applicable = fast.applicableTest === undefined ? true : runTest(fast.applicableTest, ctx);
  const tests = fast.conditionTests;
  const n = tests.length;
  const cond = ctx.cond;
  let conditions: ConditionResult[];
  if (n <= MAX_SHARED_CONDITIONS) {
    // The list of condition results is one of 2^n, each kept frozen: pick it by which conditions hold.
    let bits = 0;
    for (let i = 0; i < n; i++) {
      const holds = runTest(tests[i]!, ctx);
      cond[i] = holds;
      if (holds) bits |= 1 << i;
    }
    conditions = plan.conditionLists[bits] ?? conditionList(plan, bits);
  } else {
    conditions = new Array<ConditionResult>(n);
    const results = plan.conditionResults;
    for (let i = 0; i < n; i++) {
      const holds = runTest(tests[i]!, ctx);
      cond[i] = holds;
      conditions[i] = results[holds ? 2 * i : 2 * i + 1]!;
    }
  }
  const fields = fast.outcomes;
  const values = plan.values;
  const out = ctx.out;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    let raw: unknown;
    switch (f.op) {
      case V_COND:
        raw = cond[f.index];
        break;
      case V_AND:
      case V_OR: {
        const isOr = f.op === V_OR;
        const ix = f.indices;
        let current = false;
        for (let j = 0; j < ix.length; j++) {
          current = cond[ix[j]!]!;
          if (current === isOr) break;
        }
        raw = current;
        break;
      }
      case V_IF_OUT:
        raw = truthy(out[f.index]) ? f.then(ctx) : f.k;
        break;
      case V_IF_COND:
        raw = cond[f.index] ? f.then(ctx) : f.k;
        break;
      default:
        raw = f.fn(ctx);
    }
    out[i] = raw;
    switch (f.formatOp) {
      case F_BOOL:
        values[i] = truthy(raw);
        break;
      case F_MONEY:
        values[i] = scaledToMoney(raw as number, f.scale);
        break;
      case F_DECIMAL:
        values[i] = scaledToString(raw as number, f.scale);
        break;
      case F_NUMBER:
        values[i] = raw as number;
        break;
      default:
        values[i] = f.format(raw);
    }
  }
  const outcome = plan.buildOutcome(values);
  const shared = plan.shared;
  const file = version.file;
  const decision: Decision = {
    ruleId: file.id,
    version: file.version,
    on,
    kind: file.kind,
    title: shared.title,
    inForce: true,
    applicable,
    outcome,
    conditions,
    parameters: shared.parameters,
    explanation: [],
    source: shared.source,
    responsibleUnits: shared.responsibleUnits,
    validity: shared.validity,
    provenance: sharedProvenance(plan, on),
  };
  decision.explanation = explain ? explainDecision(version, decision, plan.validator!.data(ctx.slots)) : NO_EXPLANATION;
  return decision;
}

function notInForceDecision(choice: Choice, on: string, explain: boolean): Decision {
  const plan = choice.plan;
  const version = plan.version;
  const file = version.file;
  const outcome: Record<string, OutcomeValue> = {};
  for (const field of version.outcome) {
    if (field.spec.whenNotInForce !== undefined) outcome[field.name] = field.spec.whenNotInForce;
  }
  outcome["granted"] = false;
  const shared = plan.shared;
  const decision: Decision = {
    ruleId: file.id,
    version: file.version,
    on,
    kind: file.kind,
    title: shared.title,
    inForce: false,
    applicable: false,
    outcome,
    conditions: [],
    parameters: shared.parameters,
    explanation: [],
    source: shared.source,
    responsibleUnits: shared.responsibleUnits,
    validity: shared.validity,
    provenance: sharedProvenance(plan, on),
  };
  if (explain) decision.explanation = explainNotInForce(choice.set.versions(file.id), decision);
  return decision;
}

/* ---------------------------------------------------------------------------------------------- */
/* The reference path                                                                             */
/* ---------------------------------------------------------------------------------------------- */

function referenceDecision(choice: Choice, facts: unknown, on: string, options: EvaluateOptions): Decision {
  const { set, chosen, template } = choice;
  const data = parseFacts(template, facts);
  const params = withOverrides(template, options.parameters);
  const explain = options.explain !== false;
  if (!chosen || !choice.inForce) return notInForce(set, template, on, params, options, explain);
  return decide(set, chosen, data, on, params, options, explain);
}

function parseFacts(version: LoadedRuleVersion, facts: unknown): Record<string, unknown> {
  const parsed = safeParseFacts(version.factsSchema, facts);
  if (!parsed.success) throw new InvalidFactsError(version.file.id, parsed.issues);
  return parsed.data;
}

/**
 * Check the what-if overrides of the options against the chosen version, before any facts are read.
 * @throws {InvalidParameterError}
 */
export function checkOverrides(choice: Choice, options: EvaluateOptions): void {
  withOverrides(choice.template, options.parameters);
}

function withOverrides(version: LoadedRuleVersion, overrides: EvaluateOptions["parameters"]): Readonly<Record<string, unknown>> {
  if (overrides === undefined) return version.params;
  const specs = version.file.parameters;
  const label = `${version.file.id} v${version.file.version}`;
  const merged = { ...specs };
  for (const name of Object.keys(overrides)) {
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (!spec) {
      throw new InvalidParameterError(name, `unknown parameter "${name}" for ${label} (parameters: ${Object.keys(specs).join(", ") || "none"}) (规则没有参数 ${name})`);
    }
    merged[name] = overrideSpec(label, name, spec, overrides[name]);
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
  if (options.parameters !== undefined) provenance.overrides = copyOverrides(options.parameters);
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

/** The overrides as given, lists copied: each decision owns its own. */
function copyOverrides(overrides: NonNullable<EvaluateOptions["parameters"]>): NonNullable<Provenance["overrides"]> {
  const out: NonNullable<Provenance["overrides"]> = {};
  for (const name of Object.keys(overrides)) {
    const value = overrides[name]!;
    Object.defineProperty(out, name, { value: Array.isArray(value) ? [...value] : value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

function publicParameters(params: Readonly<Record<string, unknown>>): Decision["parameters"] {
  const out: Decision["parameters"] = {};
  for (const [k, v] of Object.entries(params)) out[k] = v instanceof Dec ? v.toString() : (v as string | number | boolean | string[]);
  return out;
}
