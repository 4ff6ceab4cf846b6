import type { RuleSet } from "../engine/rule-set.js";
import { Dec, DECIMAL_LITERAL } from "../exact/decimal.js";
import { InvalidArgumentError } from "../errors.js";
import type { MatchedMeasure, MatchResult } from "./match.js";

/*
 * The ranked match: the measures of a match in the order an applicant reads them, money first, with the
 * total of the amounts. Which outcome field is the amount granted is data: the field a rule declares with
 * `"role": "amount"` (docs/rule-format.md), never guessed from a field's name (benefit rules also have
 * caps and limits in yuan).
 */

/**
 * The groups of the ranked match, in order:
 * - `amount`: benefits the subject qualifies for that grant an amount (largest first);
 * - `qualifies`: other benefits the subject qualifies for;
 * - `invalid-input`: benefits whose given facts were rejected (fix them first);
 * - `needs-input`: benefits still missing inputs (fewest missing first);
 * - `does-not-qualify`: benefits decided but not applying, or not eligible (the nearest change helps);
 * - `target-or-obligation`: targets and obligations;
 * - `guidance`: guidance.
 *
 * @category Matching
 * @example
 * RANK_GROUPS[0] //=> "amount"
 */
export const RANK_GROUPS = ["amount", "qualifies", "invalid-input", "needs-input", "does-not-qualify", "target-or-obligation", "guidance"] as const;

/**
 * One group of the ranked match (see {@link RANK_GROUPS}).
 *
 * @category Matching
 * @example
 * const g: RankGroup = "needs-input";
 */
export type RankGroup = (typeof RANK_GROUPS)[number];

/**
 * A measure of the ranked match: the matched measure with its place, its group and its amount.
 *
 * @category Matching
 * @example
 * rankPolicies(profile, { on: "2025-06-01" }).measures[0]
 * //=> { rank: 1, group: "amount", amount: "140000.00", amountField: "amount", ruleId: "sjz-2025/absorption-subsidy", … }
 */
export interface RankedMeasure extends MatchedMeasure {
  /** The place in the ranked list, from 1. */
  rank: number;
  /** The group that placed it. */
  group: RankGroup;
  /** The outcome field the rule declares as the amount granted (`role: "amount"`), if any. */
  amountField: string | null;
  /** The amount granted, exact, when the subject qualifies and the rule declares an amount; otherwise null. */
  amount: string | null;
}

/**
 * The summary of a ranked match: the match's counts, the total of the amounts and the counts per group.
 *
 * @category Matching
 * @example
 * rankPolicies(profile, { on: "2025-06-01" }).summary
 * //=> { totalAmount: "140000.00", withAmount: 1, total: 24, decided: 12, needsInput: 12, invalidInput: 0, byKind: { … }, byGroup: { amount: 1, … } }
 */
export interface RankedSummary {
  /** The sum of the amounts granted, exact, two decimals ("0.00" when none). Whether benefits combine is in `combinationNote`. */
  totalAmount: string;
  /** How many measures grant an amount. */
  withAmount: number;
  /** How many measures concern the subject. */
  total: number;
  /** How many of them were decided on the facts given. */
  decided: number;
  /** How many still need an input. */
  needsInput: number;
  /** How many rejected the facts given. */
  invalidInput: number;
  /** Measures per kind. */
  byKind: Record<string, number>;
  /** Measures per group, in the order of {@link RANK_GROUPS}. */
  byGroup: Record<RankGroup, number>;
}

/**
 * A ranked match: the summary first, then the measures in ranked order.
 *
 * @category Matching
 * @example
 * const r = rankPolicies({ type: "enterprise", city: "shijiazhuang", facts }, { on: "2025-06-01" });
 * [r.summary.totalAmount, r.measures[0].ruleId] //=> ["140000.00", "sjz-2025/absorption-subsidy"]
 */
export interface RankedMatch extends Omit<MatchResult, "measures" | "summary"> {
  /** The summary: the total of the amounts first, then the counts. */
  summary: RankedSummary;
  /** The measures in ranked order (amounts first, largest first; guidance last). */
  measures: RankedMeasure[];
}

/** The boolean outcome fields a decided measure is judged by (the same as the match's nearest change). */
const JUDGED_BY = ["eligible", "met"] as const;

/** Whether a decided measure applies and none of the fields it is judged by is false. */
function qualifies(m: MatchedMeasure): boolean {
  return m.status === "decided" && m.applicable === true && !JUDGED_BY.some((f) => m.outcome?.[f] === false);
}

/** The outcome field a version declares as the amount granted, if any. */
function amountFieldOf(set: RuleSet, m: MatchedMeasure): string | null {
  const version = set.versions(m.ruleId).find((v) => v.file.version === m.version);
  if (!version) return null;
  for (const [name, spec] of Object.entries(version.file.outcome)) if (spec.role === "amount") return name;
  return null;
}

function groupOf(m: MatchedMeasure, amount: string | null): RankGroup {
  if (m.kind === "guidance") return "guidance";
  if (m.kind !== "benefit") return "target-or-obligation";
  if (m.status === "invalid-input") return "invalid-input";
  if (m.status === "needs-input") return "needs-input";
  if (!qualifies(m)) return "does-not-qualify";
  return amount !== null ? "amount" : "qualifies";
}

/**
 * Rank a match of this rule set: benefits with an amount first (largest first), then the other benefits
 * the subject qualifies for, benefits with rejected facts, benefits needing input (fewest missing
 * first), benefits that do not qualify, targets and obligations, guidance; within a group, the match's
 * order (by rule id). The summary adds the total of the amounts, exactly.
 *
 * @category Matching
 * @throws {InvalidArgumentError} when `result` is not a match result
 * @example
 * const r = rankMatch(engine.ruleSet, engine.match(profile, { on: "2025-06-01" }));
 * r.summary.totalAmount //=> "140000.00"
 */
export function rankMatch(set: RuleSet, result: MatchResult): RankedMatch {
  if (result === null || typeof result !== "object" || !Array.isArray((result as Partial<MatchResult>).measures)) {
    throw new InvalidArgumentError("rankMatch takes the result of match (排序须用 match 的结果)");
  }
  const placed = result.measures.map((m, index) => {
    const amountField = amountFieldOf(set, m);
    const value = amountField !== null && qualifies(m) ? m.outcome?.[amountField] : undefined;
    // An amount of zero is no amount: the subject is granted nothing by it.
    const amount = typeof value === "string" && DECIMAL_LITERAL.test(value) && new Dec(value).greaterThan(0) ? value : null;
    return { m, index, amountField, amount, group: groupOf(m, amount) };
  });
  const order = (g: RankGroup) => RANK_GROUPS.indexOf(g);
  placed.sort((a, b) => {
    const byGroup = order(a.group) - order(b.group);
    if (byGroup !== 0) return byGroup;
    if (a.group === "amount") {
      const c = new Dec(b.amount!).comparedTo(a.amount!);
      if (c !== 0) return c;
    }
    if (a.group === "needs-input") {
      const c = a.m.missing.length - b.m.missing.length;
      if (c !== 0) return c;
    }
    return a.index - b.index;
  });
  let total = new Dec(0);
  const byGroup = Object.fromEntries(RANK_GROUPS.map((g) => [g, 0])) as Record<RankGroup, number>;
  const measures = placed.map((p, i): RankedMeasure => {
    byGroup[p.group]++;
    if (p.amount !== null) total = total.plus(p.amount);
    return { rank: i + 1, group: p.group, amountField: p.amountField, amount: p.amount, ...p.m };
  });
  const { measures: _unranked, summary, ...rest } = result;
  // The summary first, as a reader meets it.
  return {
    summary: { totalAmount: total.toFixed(2), withAmount: byGroup.amount, ...summary, byKind: { ...summary.byKind }, byGroup },
    ...rest,
    measures,
  };
}
