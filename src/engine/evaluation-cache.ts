import type { LoadedRuleVersion } from "./rule-version.js";
import type { RuleSet } from "./rule-set.js";
import { buildVersionPlan, type VersionPlan } from "./version-plan.js";

/**
 * The version that decides, and the one whose inputs the facts are checked against.
 *
 * @example
 * const choice = choose(set, "sjz-2025/absorption-subsidy", "2025-06-01", undefined);
 * choice.inForce //=> true
 */
export interface Choice {
  readonly set: RuleSet;
  /** The version asked for or in force on the date, if any. */
  readonly chosen: LoadedRuleVersion | undefined;
  /** `chosen`, or the version nearest the date when none is in force: its inputs check the facts. */
  readonly template: LoadedRuleVersion;
  readonly inForce: boolean;
  readonly plan: VersionPlan;
}

/**
 * What evaluation keeps for one rule of a set: its versions, and the choice made for the last date
 * asked without a version number (a loop of evaluations asks the same date again and again).
 *
 * @example
 * const rule = ruleEntry(evaluationCache(set), "sjz-2025/absorption-subsidy");
 * rule.versions.length //=> 1
 */
export interface RuleEntry {
  readonly versions: readonly LoadedRuleVersion[];
  lastOn: string | undefined;
  lastChoice: Choice | undefined;
}

/**
 * Everything evaluation caches for one rule set, so that the work that depends only on the rules is
 * done once: per rule, its entry (versions and the last choice); per version, its plan (compiled
 * validator and logic, frozen shared parts of decisions). Rule sets are immutable, so nothing here goes
 * stale; it lives exactly as long as its set (a WeakMap keyed by the set holds it). What is cached never
 * changes a decision, only how fast it is made.
 *
 * @example
 * evaluationCache(set) === evaluationCache(set) //=> true
 */
export class EvaluationCache {
  /** Per rule id. */
  readonly rules = new Map<string, RuleEntry>();
  /** Per version of the set (a version's plan depends on the set only through its hash). */
  readonly plans = new Map<LoadedRuleVersion, VersionPlan>();
  /** The last rule looked up, to skip the map in a loop over one rule. */
  lastRuleId: string | undefined = undefined;
  lastRule: RuleEntry | undefined = undefined;

  constructor(readonly set: RuleSet) {}
}

/** The caches of every rule set evaluated, each collected with its set. */
const caches = new WeakMap<RuleSet, EvaluationCache>();

/**
 * The cache of the set evaluated last: a loop over one set skips the WeakMap lookup. It keeps that one
 * set alive until another set is evaluated.
 */
const recent: { cache: EvaluationCache | undefined } = { cache: undefined };

/**
 * The evaluation cache of a rule set, made on first use.
 *
 * @example
 * evaluationCache(defaultEngine().ruleSet).rules.size //=> the rules evaluated so far
 */
export function evaluationCache(set: RuleSet): EvaluationCache {
  const last = recent.cache;
  if (last !== undefined && last.set === set) return last;
  let cache = caches.get(set);
  if (!cache) caches.set(set, (cache = new EvaluationCache(set)));
  recent.cache = cache;
  return cache;
}

/**
 * The entry of a rule in a set's cache, made on first use.
 *
 * @throws {UnknownRuleError} when the set has no such rule
 * @example
 * ruleEntry(evaluationCache(set), "sjz-2025/absorption-subsidy").versions[0].file.version //=> 1
 */
export function ruleEntry(cache: EvaluationCache, ruleId: string): RuleEntry {
  const last = cache.lastRule;
  if (last !== undefined && ruleId === cache.lastRuleId) return last;
  let rule = typeof ruleId === "string" ? cache.rules.get(ruleId) : undefined;
  if (!rule) {
    const versions = cache.set.versions(ruleId); // throws UnknownRuleError
    rule = { versions, lastOn: undefined, lastChoice: undefined };
    cache.rules.set(ruleId, rule);
  }
  cache.lastRuleId = ruleId;
  cache.lastRule = rule;
  return rule;
}

/**
 * The plan of a version of the cache's set, built on first use.
 *
 * @example
 * versionPlan(evaluationCache(set), set.version("sjz-2025/absorption-subsidy", 1)).validator !== undefined //=> true
 */
export function versionPlan(cache: EvaluationCache, version: LoadedRuleVersion): VersionPlan {
  let plan = cache.plans.get(version);
  if (!plan) cache.plans.set(version, (plan = buildVersionPlan(version, cache.set.hash)));
  return plan;
}
