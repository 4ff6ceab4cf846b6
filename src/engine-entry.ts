/**
 * The engine without rules and without zod: `jjj-policy-rules/engine`. Load only the shipped rules you use,
 * from their modules (`jjj-policy-rules/rules/<document>` or `jjj-policy-rules/rules/<document>/<rule>`),
 * and a bundler carries those rules and nothing else (docs/architecture.md, "Entries and rule modules").
 * Files you read yourself are loaded by `loadRuleSet` of the main entry, which checks every field of them (the checks of the `jjj-policy-rules/schema` schemas, without zod).
 *
 * @example
 * import { createEngine, loadBundledRules } from "jjj-policy-rules/engine";
 * import { RULES } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";
 * const engine = createEngine(loadBundledRules(RULES));
 * engine.evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-06-01" }).outcome
 * // or, bundling only what evaluation needs (no matching, ranking or batch code):
 * evaluateIn(engine.ruleSet, "sjz-2025/absorption-subsidy", facts, { on: "2025-06-01" }).outcome
 *
 * @packageDocumentation
 */

export { createEngine, evaluateIn, safeEvaluateIn, evaluateManyIn, getRuleIn, listRulesIn, matchIn, rankIn } from "./create-engine.js";
export type { Engine, RuleDescription, SafeEvaluateResult } from "./create-engine.js";
export { loadBundledRules } from "./catalog/bundled.js";
export type { RuleModule, RulesOfModules } from "./catalog/bundled.js";
export type { RuleIdIn, FactsIn, OutcomeIn } from "./engine/rule-types.js";
export type { RuleId, RuleFacts, RuleOutcomes, ShippedRules } from "./generated/rule-types.js";
export { provideRuleDetails } from "./catalog/rule-details.js";
export type { RuleSource, LoadOptions } from "./catalog/load-core.js";
export { RuleSet } from "./engine/rule-set.js";
export type { ListRulesOptions } from "./engine/rule-set.js";
export type { LoadedRuleVersion, References } from "./engine/rule-version.js";
export type { BatchResult } from "./engine/batch.js";
export type { EvaluateOptions } from "./engine/evaluate.js";
export type { Decision, ConditionResult, OutcomeValue, Provenance } from "./engine/decision.js";
export { todayInShanghai } from "./engine/dates.js";
export { isInForce } from "./engine/version-choice.js";
export type { SubjectProfile, SubjectType } from "./match/profile-check.js";
export type { MatchResult, MatchedMeasure, MissingInput, MatchOptions } from "./match/match.js";
export { rankMatch, RANK_GROUPS } from "./match/rank.js";
export type { RankedMatch, RankedMeasure, RankedSummary, RankGroup } from "./match/rank.js";
export { isIsoDate } from "./schema/values.js";
export {
  PolicyError,
  UnknownRuleError,
  UnknownVersionError,
  InvalidFactsError,
  InvalidArgumentError,
  InvalidOptionsError,
  InvalidParameterError,
  RuleFileError,
  RuleEvaluationError,
  formatIssue,
} from "./errors.js";
export type { PolicyIssue } from "./errors.js";
