/**
 * jjj-policy-rules: the technology-transfer measures of Shijiazhuang, Handan and the
 * Beijing–Tianjin–Hebei region as versioned JSON-logic rules, with an exact, explained, typed engine.
 *
 * @packageDocumentation
 */

// Engine
export { evaluate, safeEvaluate, evaluateMany, createEngine, defaultEngine } from "./api.js";
export type { Engine, RuleDescription, SafeEvaluateResult } from "./api.js";
export type { BatchResult } from "./engine/batch.js";
export type { EvaluateOptions } from "./engine/evaluate.js";
export type { RuleId, RuleFacts, FactsFor, RuleOutcomes, OutcomeFor, KnownRuleId, ShippedRules } from "./generated/rule-types.js";
export type { RuleIdIn, FactsIn, OutcomeIn } from "./engine/rule-types.js";
export type { Decision, ConditionResult, OutcomeValue, Provenance } from "./engine/decision.js";
export { todayInShanghai } from "./engine/dates.js";

// Catalog
export { getRule, listRules } from "./api.js";
export { loadBundledRules } from "./catalog/bundled.js";
export { provideRuleDetails } from "./catalog/rule-details.js";
export { loadRuleSet, MAX_CONDITIONS, MAX_OUTCOME_FIELDS, MAX_SCHEMA_ISSUES_PER_FILE, MAX_VERSIONS_PER_RULE } from "./catalog/load.js";
export type { RuleSource, LoadOptions } from "./catalog/load.js";
export { MAX_FILE_DEPTH, MAX_FILE_NODES } from "./catalog/json-shape.js";
export { MAX_EXTENDS_CHAIN, MAX_MATERIALISED_NODES } from "./catalog/extends.js";
export type { AmendmentOptions } from "./catalog/extends.js";
export { parseRuleJson, MAX_RULE_FILE_BYTES } from "./catalog/parse-json.js";
export type { ParseRuleJsonOptions } from "./catalog/parse-json.js";
export { RuleSet } from "./engine/rule-set.js";
export { isInForce } from "./engine/version-choice.js";
export type { ListRulesOptions } from "./engine/rule-set.js";
export type { LoadedRuleVersion, References } from "./engine/rule-version.js";

// Schema: the zod schemas are in the `jjj-policy-rules/schema` entry (issue #15); the types stay here.
export type {
  RuleFile,
  RuleKind,
  ValueType,
  InputSpec,
  ParameterSpec,
  ConditionSpec,
  OutcomeFieldSpec,
  Validity,
  Example,
  Subjects,
  SubjectType,
  Combination,
  JsonLogicExpression,
  AmendmentFile,
  ParameterOverride,
} from "./schema/rule-file.js";
export type { RuleSourceText } from "./schema/types.js";
export type { DocumentFile } from "./schema/document-file.js";
export type { LocalizedText, DatedPoint, DateBasis } from "./schema/common.js";
export { isIsoDate } from "./schema/values.js";
export { MAX_LOGIC_DEPTH, MAX_LOGIC_NODES } from "./logic/check.js";
export {
  MAX_DECIMAL_INTEGER_DIGITS,
  MAX_DECIMAL_FRACTION_DIGITS,
  MAX_INPUT_INTEGER_DIGITS,
  MAX_INPUT_FRACTION_DIGITS,
  DIVISION_SIGNIFICANT_DIGITS,
  MAX_BUILT_VALUE_SIZE,
  FIRST_DATE,
  LAST_DATE,
} from "./exact/limits.js";
export { MAX_NUMBER_DIGITS } from "./exact/decimal.js";

// Matching
export { matchPolicies, rankPolicies } from "./api.js";
export { rankMatch, RANK_GROUPS } from "./match/rank.js";
export type { RankedMatch, RankedMeasure, RankedSummary, RankGroup } from "./match/rank.js";
export type { SubjectProfile } from "./match/profile-check.js";
export type { MatchResult, MatchedMeasure, MissingInput, MatchOptions } from "./match/match.js";

// --- Versions and diffs (issue #4) -------------------------------------------------------------
export { diffRules, parseRuleVersionRef } from "./diff/rule-diff.js";
export type { RuleVersionRef, DiffRulesOptions } from "./diff/rule-diff.js";
export { diffRuleSets } from "./diff/set-diff.js";
export type { DiffRuleSetsOptions } from "./diff/set-diff.js";
export { formatRuleDiff, formatRuleSetDiff, changelogMarkdown } from "./diff/text.js";
export type { ReportLang, RuleDiffTextOptions } from "./diff/text.js";
export { amendmentLine } from "./diff/amendment.js";
export type {
  RuleDiff,
  RuleSetDiff,
  DiffSection,
  DiffChange,
  ParameterChange,
  LogicChange,
  VersionSummary,
  BehaviourReport,
  BehaviourChange,
  BehaviourCase,
  BoundaryContext,
  CaseResult,
  OutcomeFieldChange,
  RuleSummary,
  RuleChange,
  RuleVersionChange,
  RuleSetSummary,
} from "./diff/types.js";
// --- end of versions and diffs -----------------------------------------------------------------

// Interop
export { registerOperations } from "./register.js";
export type { JsonLogicLike } from "./register.js";

// Errors
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
