// Diffs of rule versions and rule sets for policy analysts. Pure: no I/O, no `node:` modules.
export { diffRules, parseRuleVersionRef } from "./rule-diff.js";
export { textFragments, MAX_FRAGMENT_DIFF_CELLS } from "./fragments.js";
export type { RuleVersionRef, DiffRulesOptions } from "./rule-diff.js";
export { diffRuleSets } from "./set-diff.js";
export type { DiffRuleSetsOptions } from "./set-diff.js";
export { compareBehaviour, compareResults } from "./behaviour.js";
export type { BehaviourOptions, Side } from "./behaviour.js";
export { diffLogic, renderLogic } from "./logic.js";
export { formatRuleDiff, formatRuleSetDiff, changelogMarkdown } from "./text.js";
export type { ReportLang, RuleDiffTextOptions } from "./text.js";
export { amendmentLine } from "./amendment.js";
export { groupDigits, percent, yuan } from "./format.js";
export type * from "./types.js";
