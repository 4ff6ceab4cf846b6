import type { ListRulesOptions, RuleSet } from "./engine/rule-set.js";
import type { LoadedRuleVersion } from "./engine/rule-version.js";
import type { Decision, OutcomeValue } from "./engine/decision.js";
import type { FactsIn, OutcomeIn, RuleIdIn } from "./engine/rule-types.js";
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
 * An engine bound to one rule set. The package's top-level functions use the bundled rules. Its methods take
 * any rule id as a string, checked at run time; the functions of a rule set ({@link evaluateIn} …) also check
 * at compile time the ids and facts of a set loaded from shipped rule modules, and type its outcomes.
 *
 * @category Engine
 * @example
 * const engine: Engine = createEngine(loadRuleSet(sources));
 * engine.listRules({ on: "2025-06-01" }).map((r) => r.id)
 */
export interface Engine {
  /** The rule set this engine evaluates. */
  readonly ruleSet: RuleSet;
  /** See {@link evaluateIn}. */
  evaluate(ruleId: string, facts: unknown, options?: EvaluateOptions): Decision;
  /** See {@link safeEvaluateIn}. */
  safeEvaluate(ruleId: string, facts: unknown, options?: EvaluateOptions): SafeEvaluateResult;
  /** See {@link evaluateManyIn}. */
  evaluateMany(ruleId: string, facts: Iterable<unknown>, options?: EvaluateOptions): IterableIterator<BatchResult>;
  /** See {@link getRuleIn}. */
  getRule(ruleId: string, version?: number): RuleDescription;
  /** See {@link listRulesIn}. */
  listRules(options?: ListRulesOptions): RuleDescription[];
  /** See {@link matchIn}. */
  match(profile: unknown, options?: MatchOptions): MatchResult;
  /** See {@link rankIn}. */
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

// Each operation of an engine is also a function of the rule set, so that an application importing only
// `evaluateIn` bundles no matching, ranking or batch code: a bundler can drop an unused function, never an
// unused method of an object it builds (issue #15; `npm run bench:bundle` measures both ways).

/**
 * Evaluate one rule of a rule set: {@link Engine.evaluate} as a function, for the leanest bundle.
 *
 * @category Engine
 * @throws {PolicyError} (its subclasses name what is wrong: the rule, the facts, the options)
 * @example
 * import { evaluateIn, loadBundledRules } from "jjj-policy-rules/engine";
 * import { RULES } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";
 * const rules = loadBundledRules(RULES);
 * evaluateIn(rules, "sjz-2025/absorption-subsidy",
 *   { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
 *   { on: "2025-06-01" }).outcome
 * //=> { eligible: true, amount: "200000.00" }
 */
export function evaluateIn<R, Id extends string>(ruleSet: RuleSet<R>, ruleId: RuleIdIn<R, Id>, facts: FactsIn<R, Id>, options?: EvaluateOptions): Decision<OutcomeIn<R, Id>> {
  return evaluateInSet(ruleSet, ruleId, facts, options) as Decision<OutcomeIn<R, Id>>;
}

/**
 * Like {@link evaluateIn}, but returns `{ ok: false, error, issues }` instead of throwing a PolicyError.
 *
 * @category Engine
 * @example
 * const r = safeEvaluateIn(rules, "sjz-2025/absorption-subsidy", { contractAmount: "-1" });
 * if (!r.ok) r.issues.map((i) => i.path) //=> ["contractAmount", "transferMode", …]
 */
export function safeEvaluateIn<R, Id extends string>(ruleSet: RuleSet<R>, ruleId: RuleIdIn<R, Id>, facts: unknown, options?: EvaluateOptions): SafeEvaluateResult<OutcomeIn<R, Id>> {
  try {
    return { ok: true, decision: evaluateInSet(ruleSet, ruleId, facts, options) as Decision<OutcomeIn<R, Id>> };
  } catch (error) {
    if (!(error instanceof PolicyError)) throw error;
    const issues = "issues" in error ? (error as { issues: readonly PolicyIssue[] }).issues : [{ code: error.code, path: "", message: error.message }];
    return { ok: false, error, issues };
  }
}

/**
 * Evaluate one rule for many subjects, lazily: {@link Engine.evaluateMany} as a function.
 *
 * @category Engine
 * @example
 * for (const r of evaluateManyIn(rules, "sjz-2025/absorption-subsidy", subjects, { on: "2025-06-01" }))
 *   if (r.ok) console.log(r.decision.outcome.amount);
 */
export function evaluateManyIn<R, Id extends string>(
  ruleSet: RuleSet<R>,
  ruleId: RuleIdIn<R, Id>,
  facts: Iterable<unknown>,
  options?: EvaluateOptions,
): IterableIterator<BatchResult<OutcomeIn<R, Id>>> {
  return evaluateManyInSet(ruleSet, ruleId, facts, options) as IterableIterator<BatchResult<OutcomeIn<R, Id>>>;
}

/**
 * A rule version of a rule set, described: {@link Engine.getRule} as a function.
 *
 * @category Catalog
 * @example
 * getRuleIn(rules, "sjz-2025/absorption-subsidy").validFrom //=> "2025-01-17"
 */
export function getRuleIn<R, Id extends string>(ruleSet: RuleSet<R>, ruleId: RuleIdIn<R, Id>, version?: number): RuleDescription {
  return describeVersion(ruleSet, ruleSet.version(ruleId, version));
}

/**
 * The rule versions of a rule set, filtered: {@link Engine.listRules} as a function.
 *
 * @category Catalog
 * @example
 * listRulesIn(rules, { on: "2025-06-01" }).map((r) => r.id) //=> ["sjz-2025/absorption-subsidy"]
 */
export function listRulesIn<R>(ruleSet: RuleSet<R>, options?: ListRulesOptions): RuleDescription[] {
  return ruleSet.list(options).map((v) => describeVersion(ruleSet, v));
}

/**
 * The measures of a rule set that a subject qualifies for: {@link Engine.match} as a function.
 *
 * @category Matching
 * @example
 * const r = matchIn(rules, { type: "enterprise", city: "shijiazhuang",
 *   facts: { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin" } }, { on: "2025-06-01" });
 * r.measures.find((m) => m.ruleId === "sjz-2025/absorption-subsidy")?.outcome
 * //=> { eligible: true, amount: "200000.00" }
 */
export function matchIn<R>(ruleSet: RuleSet<R>, profile: unknown, options?: MatchOptions): MatchResult {
  return matchInSet(ruleSet, profile, options);
}

/**
 * A match ranked by what the subject can get: {@link Engine.rank} as a function.
 *
 * @category Matching
 * @example
 * const r = rankIn(rules, { type: "enterprise", city: "shijiazhuang",
 *   facts: { contractAmount: "1800000", transferMode: "license", sourceRegion: "beijing" } }, { on: "2025-06-01" });
 * [r.summary.totalAmount, r.measures[0].ruleId] //=> ["140000.00", "sjz-2025/absorption-subsidy"]
 */
export function rankIn<R>(ruleSet: RuleSet<R>, profile: unknown, options?: MatchOptions): RankedMatch {
  return rankMatch(ruleSet, matchInSet(ruleSet, profile, options));
}

/**
 * Make an engine over a rule set of your own (fixtures, a proposed amendment, another release). Its
 * methods are the functions above bound to the rule set; an application that needs only some of
 * them bundles less by importing those ({@link evaluateIn} …).
 *
 * @category Engine
 * @example
 * const engine = createEngine(loadRuleSet(sources));
 * engine.evaluate("sjz-2025/absorption-subsidy", facts, { on: "2026-03-01" }).outcome
 */
export function createEngine(ruleSet: RuleSet): Engine {
  // A plain RuleSet knows no rules at compile time, so the functions take any id here: one body each.
  return {
    ruleSet,
    evaluate: (ruleId, facts, options) => evaluateIn(ruleSet, ruleId, facts, options),
    safeEvaluate: (ruleId, facts, options) => safeEvaluateIn(ruleSet, ruleId, facts, options),
    evaluateMany: (ruleId, facts, options) => evaluateManyIn(ruleSet, ruleId, facts, options),
    getRule: (ruleId, version) => getRuleIn(ruleSet, ruleId, version),
    listRules: (options) => listRulesIn(ruleSet, options),
    match: (profile, options) => matchIn(ruleSet, profile, options),
    rank: (profile, options) => rankIn(ruleSet, profile, options),
  };
}
