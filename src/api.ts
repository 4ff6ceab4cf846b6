import { loadRuleSet } from "./catalog/load.js";
import type { ListRulesOptions } from "./engine/rule-set.js";
import type { Decision } from "./engine/decision.js";
import type { EvaluateOptions } from "./engine/evaluate.js";
import { BUNDLED_RULES } from "./generated/rules.js";
import type { FactsFor, KnownRuleId, OutcomeFor } from "./generated/rule-types.js";
import type { MatchOptions, MatchResult } from "./match/match.js";
import type { RankedMatch } from "./match/rank.js";
import type { BatchResult } from "./engine/batch.js";
import { createEngine, type Engine, type RuleDescription, type SafeEvaluateResult } from "./create-engine.js";

export { createEngine } from "./create-engine.js";
export type { Engine, RuleDescription, SafeEvaluateResult } from "./create-engine.js";

let bundled: Engine | undefined;

/**
 * The engine over the rules shipped with this package, loaded and compiled on first use (not on import).
 *
 * @category Engine
 * @example
 * defaultEngine().ruleSet.ruleIds().includes("sjz-2025/absorption-subsidy") //=> true
 */
export function defaultEngine(): Engine {
  return (bundled ??= createEngine(loadRuleSet(BUNDLED_RULES, { trusted: true })));
}

/**
 * Evaluate a rule for one subject, as of a date. The facts are checked against the rule's declared
 * inputs first; the version in force on `on` is chosen (default: today in Asia/Shanghai).
 *
 * @category Engine
 * @param ruleId - e.g. `"sjz-2025/absorption-subsidy"`
 * @typeParam Id - the rule id; when it is a shipped rule's id written as a literal, `facts` is checked at
 *   compile time against that rule's inputs ({@link RuleFacts}) and the decision's outcome is typed
 *   ({@link RuleOutcomes}: `outcome.amount` is a `string`); a misspelt literal is a compile error; an id
 *   only known at run time (a `string`) takes any object
 * @param facts - the inputs the rule declares, e.g. `{ contractAmount: "3000000", transferMode: "license", … }`
 * @param options - `on` (the event date), `version`, `parameters` (what-if overrides), `explain`
 * @returns a JSON-serialisable decision; a subject that does not qualify is a decision, not an error
 * @throws {UnknownRuleError} when no rule has this id
 * @throws {InvalidFactsError} when the facts do not fit the inputs; `issues` lists every problem
 * @throws {InvalidOptionsError} when an option is unknown or malformed (`explain: "no"`, `parameters: null`, `version: "1"`, `on: "2025-6-1"`)
 * @throws {InvalidParameterError} when a what-if override is unknown, of the wrong type or out of its bounds
 * @example
 * evaluate("sjz-2025/absorption-subsidy",
 *   { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
 *   { on: "2025-06-01" }).outcome
 * //=> { eligible: true, amount: "200000.00" }
 */
// One generic signature, not overloads: a failing typed overload would fall through to an untyped one.
// `KnownRuleId<Id>` (not `Id`) is what makes editors complete the ids and a misspelt literal fail.
export function evaluate<Id extends string>(ruleId: KnownRuleId<Id>, facts: FactsFor<Id>, options?: EvaluateOptions): Decision<OutcomeFor<Id>> {
  return defaultEngine().evaluate(ruleId, facts, options) as Decision<OutcomeFor<Id>>;
}

/**
 * Like {@link evaluate}, but returns `{ ok: false, error, issues }` instead of throwing a PolicyError.
 *
 * @category Engine
 * @example
 * const r = safeEvaluate("sjz-2025/absorption-subsidy", { contractAmount: "abc" });
 * r.ok //=> false
 * r.ok || r.issues.map((i) => i.path) //=> ["contractAmount", "transferMode", "sourceRegion", "enterpriseCity"]
 */
export function safeEvaluate<Id extends string>(ruleId: KnownRuleId<Id>, facts: unknown, options?: EvaluateOptions): SafeEvaluateResult<OutcomeFor<Id>> {
  return defaultEngine().safeEvaluate(ruleId, facts, options) as SafeEvaluateResult<OutcomeFor<Id>>;
}

/**
 * Evaluate one rule for many subjects: a sync iterable of facts in, an iterator of results out, in
 * order and lazily (memory stays bounded). Each result is `{ index, ok: true, decision }` or
 * `{ index, ok: false, error, issues }`: a bad item does not stop the run. The rule, the date and the
 * options are resolved once, so this is faster than calling {@link evaluate} in a loop.
 *
 * @category Engine
 * @throws {UnknownRuleError} | {UnknownVersionError} | {InvalidOptionsError} | {InvalidParameterError} at once, before any item is read
 * @example
 * const results = [...evaluateMany("sjz-2025/absorption-subsidy", [
 *   { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
 *   { contractAmount: "-1", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
 * ], { on: "2025-06-01", explain: false })];
 * results.map((r) => (r.ok ? r.decision.outcome.amount : r.issues[0]!.path)) //=> ["200000.00", "contractAmount"]
 */
export function evaluateMany<Id extends string>(ruleId: KnownRuleId<Id>, facts: Iterable<unknown>, options?: EvaluateOptions): IterableIterator<BatchResult<OutcomeFor<Id>>> {
  return defaultEngine().evaluateMany(ruleId, facts, options) as IterableIterator<BatchResult<OutcomeFor<Id>>>;
}

/**
 * One version of a shipped rule (the latest when `version` is omitted).
 *
 * @category Catalog
 * @throws {UnknownRuleError} | {UnknownVersionError}
 * @example
 * getRule("sjz-2025/absorption-subsidy").file.parameters.cap.value //=> "500000"
 */
export function getRule<Id extends string>(ruleId: KnownRuleId<Id>, version?: number): RuleDescription {
  return defaultEngine().getRule(ruleId, version);
}

/**
 * The shipped rules: with `on`, the versions in force on that date; filter by `document` and `kind`.
 *
 * @category Catalog
 * @throws {InvalidOptionsError} for an unknown option, a malformed `on` or a `kind` that is not a rule kind
 * @example
 * listRules({ on: "2025-06-01", document: "sjz-2025", kind: "benefit" }).map((r) => r.id)
 * //=> ["sjz-2025/absorption-subsidy", …]
 */
export function listRules(options?: ListRulesOptions): RuleDescription[] {
  return defaultEngine().listRules(options);
}

/**
 * Policy matching: every measure in force on a date that concerns a subject profile (type, city,
 * fields), with the benefit outcomes the profile's facts allow, and for each measure the inputs still
 * missing to decide it. Says how benefits combine only where a text does.
 *
 * @category Matching
 * @param profile - `{ type, city?, fields?, facts? }`, e.g. `{ type: "enterprise", city: "shijiazhuang", facts: { contractAmount: "3000000", … } }`
 * @param options - `on`: the date (default: today in Asia/Shanghai)
 * @throws {InvalidArgumentError} when the profile is malformed | {InvalidOptionsError} when an option is unknown or the date malformed
 * @example
 * const r = matchPolicies({ type: "enterprise", city: "shijiazhuang",
 *   facts: { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin" } }, { on: "2025-06-01" });
 * r.measures.find((m) => m.ruleId === "sjz-2025/absorption-subsidy")?.outcome
 * //=> { eligible: true, amount: "200000.00" }
 */
export function matchPolicies(profile: unknown, options?: MatchOptions): MatchResult {
  return defaultEngine().match(profile, options);
}

/**
 * The ranked match: the measures of {@link matchPolicies} in the order an applicant reads them, with a
 * summary first. Benefits that grant an amount come first, largest first (the amount is the outcome field
 * a rule declares with `"role": "amount"`), then the other benefits the subject qualifies for, benefits
 * whose facts were rejected, benefits still needing input (fewest missing first), benefits that do not
 * qualify, targets and obligations, guidance. The summary holds the exact total of the amounts (whether
 * benefits combine is what `combinationNote` says) and the counts per kind and group.
 *
 * @category Matching
 * @param profile - as for {@link matchPolicies}
 * @param options - `on`: the date; `kind`: only these kinds; `document`: only these documents
 * @throws {InvalidArgumentError} when the profile is malformed | {InvalidOptionsError} when an option is unknown or malformed
 * @example
 * const r = rankPolicies({ type: "enterprise", city: "shijiazhuang",
 *   facts: { contractAmount: "1800000", transferMode: "license", sourceRegion: "beijing" } }, { on: "2025-06-01" });
 * [r.summary.totalAmount, r.measures[0].ruleId, r.measures[0].amount]
 * //=> ["140000.00", "sjz-2025/absorption-subsidy", "140000.00"]
 */
export function rankPolicies(profile: unknown, options?: MatchOptions): RankedMatch {
  return defaultEngine().rank(profile, options);
}
