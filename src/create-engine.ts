import type { ListRulesOptions, RuleSet } from "./engine/rule-set.js";
import type { LoadedRuleVersion } from "./engine/rule-version.js";
import type { Decision, OutcomeValue } from "./engine/decision.js";
import { evaluateInSet, type EvaluateOptions } from "./engine/evaluate.js";
import { PolicyError, type PolicyIssue } from "./errors.js";
import type { RuleFile } from "./schema/rule-file.js";
import { matchInSet, type MatchOptions, type MatchResult } from "./match/match.js";
import { rankMatch, type RankedMatch } from "./match/rank.js";
import { evaluateManyInSet, type BatchResult } from "./engine/batch.js";

// An engine over a rule set, without the bundled rules and without zod: the main entry's top-level
// functions (api.ts) bind it to every shipped rule; the engine entry (`jjj-policy-rules/engine`) gives it
// alone, for an application that loads only the rules it uses (issue #15).

/**
 * A rule version as the public API describes it: its file, its resolved validity and its hash.
 *
 * @category Catalog
 * @example
 * getRule("sjz-2025/absorption-subsidy")
 * //=> { id: "sjz-2025/absorption-subsidy", version: 1, versions: [1], validFrom: "2025-01-17", validTo: "2028-01-16", hash: "…", file: { … } }
 */
export interface RuleDescription {
  /** The rule id, e.g. `sjz-2025/absorption-subsidy`. */
  id: string;
  /** This version's number. */
  version: number;
  /** Every version of this rule. */
  versions: number[];
  /** First day in force. */
  validFrom: string;
  /** Last day in force, or null when open-ended (an open end closes the day before a later version starts). */
  validTo: string | null;
  /** SHA-256 of the rule file's canonical JSON. */
  hash: string;
  /** The rule file, as written (frozen, deeply, for every rule set). */
  file: RuleFile;
}

/**
 * The result of {@link safeEvaluate}: a decision, or the issues that prevented one.
 *
 * @category Engine
 * @example
 * const r: SafeEvaluateResult = safeEvaluate("sjz-2025/absorption-subsidy", JSON.parse(body));
 * if (r.ok) r.decision.outcome; else r.issues.map(formatIssue);
 */
export type SafeEvaluateResult<Outcome extends object = Record<string, OutcomeValue>> =
  | { ok: true; decision: Decision<Outcome> }
  | { ok: false; error: PolicyError; issues: readonly PolicyIssue[] };

/**
 * An engine bound to one rule set. The package's top-level functions use the bundled rules.
 *
 * @category Engine
 * @example
 * const engine: Engine = createEngine(loadRuleSet(sources));
 * engine.listRules({ on: "2025-06-01" }).map((r) => r.id)
 */
export interface Engine {
  /** The rule set this engine evaluates. */
  readonly ruleSet: RuleSet;
  /** See {@link evaluate}. */
  evaluate(ruleId: string, facts: unknown, options?: EvaluateOptions): Decision;
  /** See {@link safeEvaluate}. */
  safeEvaluate(ruleId: string, facts: unknown, options?: EvaluateOptions): SafeEvaluateResult;
  /** See {@link evaluateMany}. */
  evaluateMany(ruleId: string, facts: Iterable<unknown>, options?: EvaluateOptions): IterableIterator<BatchResult>;
  /** See {@link getRule}. */
  getRule(ruleId: string, version?: number): RuleDescription;
  /** See {@link listRules}. */
  listRules(options?: ListRulesOptions): RuleDescription[];
  /** See {@link matchPolicies}. */
  match(profile: unknown, options?: MatchOptions): MatchResult;
  /** See {@link rankPolicies}. */
  rank(profile: unknown, options?: MatchOptions): RankedMatch;
}

function describeVersion(set: RuleSet, v: LoadedRuleVersion): RuleDescription {
  return {
    id: v.file.id,
    version: v.file.version,
    versions: set.versions(v.file.id).map((x) => x.file.version),
    validFrom: v.validFrom,
    validTo: v.validTo,
    hash: v.hash,
    file: v.file,
  };
}

/**
 * Make an engine over a rule set of your own (fixtures, a proposed amendment, another release).
 *
 * @category Engine
 * @example
 * const engine = createEngine(loadRuleSet(sources));
 * engine.evaluate("sjz-2025/absorption-subsidy", facts, { on: "2026-03-01" }).outcome
 */
export function createEngine(ruleSet: RuleSet): Engine {
  return {
    ruleSet,
    evaluate: (ruleId, facts, options) => evaluateInSet(ruleSet, ruleId, facts, options),
    safeEvaluate: (ruleId, facts, options) => {
      try {
        return { ok: true, decision: evaluateInSet(ruleSet, ruleId, facts, options) };
      } catch (error) {
        if (!(error instanceof PolicyError)) throw error;
        const issues = "issues" in error ? (error as { issues: readonly PolicyIssue[] }).issues : [{ code: error.code, path: "", message: error.message }];
        return { ok: false, error, issues };
      }
    },
    evaluateMany: (ruleId, facts, options) => evaluateManyInSet(ruleSet, ruleId, facts, options),
    getRule: (ruleId, version) => describeVersion(ruleSet, ruleSet.version(ruleId, version)),
    listRules: (options) => ruleSet.list(options).map((v) => describeVersion(ruleSet, v)),
    match: (profile, options) => matchInSet(ruleSet, profile, options),
    rank: (profile, options) => rankMatch(ruleSet, matchInSet(ruleSet, profile, options)),
  };
}

