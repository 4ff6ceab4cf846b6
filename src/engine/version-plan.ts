import type { ConditionResult, OutcomeValue, Provenance } from "./decision.js";
import { buildProvenance, decisionMaker, decisionParts, type DecisionParts } from "./decision-builder.js";
import { buildFactsValidator, type FactsValidator } from "./facts.js";
import { compileFastPlan, type FastCtx, type FastPlan } from "./fast-path.js";
import type { LoadedRuleVersion } from "./rule-version.js";

/** A version keeps the frozen provenance of at most this many evaluation dates (then starts afresh). */
const MAX_SHARED_PROVENANCES = 256;

/**
 * What the fast path keeps for one version of a rule in one rule set, built on its first evaluation
 * (evaluation-cache.ts holds it). Three kinds of fields:
 * - built once, never changed: the compiled validator and logic, the frozen parts every decision shares;
 * - memos that fill as decisions are made (`conditionLists`, `provenance`, `lastOn`/`lastProvenance`):
 *   frozen values, shared by decisions, never changed once made;
 * - scratch of the evaluation under way (`ctx`, `busy`, `values`): the slots the validator fills and
 *   the logic reads, so that a decision allocates only what it returns. `busy` marks them taken: an
 *   evaluation started from inside another (a getter of the facts that evaluates again) gets its own.
 *
 * @example
 * const plan = buildVersionPlan(version, set.hash);
 * plan.fast === undefined // the logic did not compile for slots: the reference path decides
 */
export interface VersionPlan {
  readonly version: LoadedRuleVersion;
  /** The rule set's hash (hex), for the provenance of decisions. */
  readonly ruleSetHash: string;
  readonly validator: FactsValidator | undefined;
  readonly fast: FastPlan | undefined;
  /** The parts of every decision that do not depend on the facts (deeply frozen, shared). */
  readonly shared: DecisionParts;
  /** Makes a decision in force from its parts that vary, the rest fixed (decision-builder.ts). */
  readonly makeDecision: ReturnType<typeof decisionMaker>;
  /** Condition results, shared: for condition `i`, `2i` holds and `2i + 1` fails. */
  readonly conditionResults: readonly ConditionResult[];
  /** The frozen list of condition results for each combination of conditions that hold (by bit). */
  readonly conditionLists: (ConditionResult[] | undefined)[];
  ctx: FastCtx;
  busy: boolean;
  /** The formatted outcome values of the evaluation under way, then {@link VersionPlan.buildOutcome}. */
  readonly values: OutcomeValue[];
  readonly buildOutcome: (values: readonly OutcomeValue[]) => Record<string, OutcomeValue>;
  /** Frozen provenance by evaluation date (at most {@link MAX_SHARED_PROVENANCES}). */
  readonly provenance: Map<string, Provenance>;
  lastOn: string | undefined;
  lastProvenance: Provenance | undefined;
  /**
   * How many times the compiled validator called facts invalid that the facts walk then accepted (only a
   * caller's getter that answers differently the second time can do it now: the validator's "invalid"
   * is an input check's issue). Such facts are still decided rightly (by the reference path) but slowly;
   * tests assert it stays 0 (tests/engine/fast-fallback.test.ts).
   */
  validatorMisses: number;
}

/**
 * Build the plan of a version of a rule set whose hash (hex) is `ruleSetHash`: compile its facts
 * validator and its logic for slots, freeze the parts its decisions share.
 *
 * @example
 * buildVersionPlan(set.version("sjz-2025/absorption-subsidy", 1), set.hash).fast !== undefined //=> true
 */
export function buildVersionPlan(version: LoadedRuleVersion, ruleSetHash: string): VersionPlan {
  const validator = buildFactsValidator(version.file.inputs);
  const fast = validator ? compileFastPlan(version, validator.names, validator.kinds, validator.enumValues) : undefined;
  const shared = deepFrozen(decisionParts(version, version.params));
  return {
    version,
    ruleSetHash,
    validator,
    fast,
    shared,
    makeDecision: decisionMaker(version, shared),
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
    validatorMisses: 0,
  };
}

/**
 * Fresh scratch for one evaluation of a version: the slots of its facts, its conditions and outcomes.
 *
 * @example
 * const ctx = plan.busy ? newCtx(plan.validator, plan.version) : plan.ctx;
 */
export function newCtx(validator: FactsValidator | undefined, version: LoadedRuleVersion): FastCtx {
  return {
    // Values, then (for enum inputs) their positions among the enum's values.
    slots: new Array<unknown>(validator ? 2 * validator.names.length : 0).fill(null),
    cond: new Array<boolean>(version.conditions.length).fill(false),
    out: new Array<unknown>(version.outcome.length).fill(null),
    on: "",
  };
}

/**
 * The provenance of a fast decision on `on`: frozen and shared by every decision of the version on
 * that date (a caller cannot change it, so sharing it is safe).
 *
 * @example
 * sharedProvenance(plan, "2025-06-01") === sharedProvenance(plan, "2025-06-01") //=> true
 */
export function sharedProvenance(plan: VersionPlan, on: string): Provenance {
  if (plan.lastOn === on) return plan.lastProvenance!;
  let p = plan.provenance.get(on);
  if (!p) {
    p = Object.freeze(buildProvenance(plan.version, plan.ruleSetHash, on));
    if (plan.provenance.size >= MAX_SHARED_PROVENANCES) plan.provenance.clear();
    plan.provenance.set(on, p);
  }
  plan.lastOn = on;
  plan.lastProvenance = p;
  return p;
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
