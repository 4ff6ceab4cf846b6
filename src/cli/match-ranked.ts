import type { Engine } from "../api.js";
import { nearestChangesForMatch, type MeasureChange } from "../analysis/match-changes.js";
import type { RankedMatch, RankedMeasure, RankGroup } from "../match/rank.js";
import { formatMoney } from "../format/values.js";
import { csvCell } from "./decision-csv.js";

/*
 * The ranked match as the CLI prints it (`match`, `match --batch`): the library's ranked match
 * (src/match/rank.ts), with the nearest change of each benefit that just misses (src/analysis: the
 * match lives below the analysis, so the CLI composes them), in words, as JSON or as CSV rows.
 */

/** The ranked match with the nearest changes, as `match --json` prints it. */
export type RankedMatchOutput = RankedMatch & { nearestChanges?: MeasureChange[] };

/**
 * The ranked match with nearest changes: for every decided measure that misses when `all` (`--why-not`),
 * otherwise for the benefits that do not qualify (group `does-not-qualify`) only.
 *
 * @example
 * withNearestChanges(engine.rank(profile, { on }), engine, false).nearestChanges
 */
export function withNearestChanges(ranked: RankedMatch, engine: Engine, all: boolean): RankedMatchOutput {
  const asked = all ? ranked : { ...ranked, measures: ranked.measures.filter((m) => m.group === "does-not-qualify") };
  if (asked.measures.length === 0) return ranked;
  return { ...ranked, nearestChanges: nearestChangesForMatch(asked, { engine }) };
}

const GROUP_TITLES: Record<RankGroup, string> = {
  amount: "Benefits with an amount / 有金额的待遇",
  qualifies: "Other benefits you qualify for / 其他符合条件的待遇",
  "invalid-input": "Benefits whose facts were rejected / 事实有误的待遇",
  "needs-input": "Benefits that need more input / 尚需信息的待遇",
  "does-not-qualify": "Benefits you do not qualify for yet / 暂不符合条件的待遇",
  "target-or-obligation": "Targets and obligations / 目标与义务",
  guidance: "Guidance / 指导性措施",
};

/**
 * The ranked match in words: the summary (the total first), then the measures by group.
 *
 * @example
 * io.stdout(rankedMatchText(withNearestChanges(engine.rank(profile, { on }), engine, false)));
 */
export function rankedMatchText(r: RankedMatchOutput): string {
  const out: string[] = [];
  const s = r.summary;
  const where = [r.profile.type, r.profile.city, r.profile.fields?.join("/")].filter(Boolean).join(", ");
  out.push(`Total of the amounts: ${formatMoney(s.totalAmount)} yuan from ${s.withAmount} measure${s.withAmount === 1 ? "" : "s"} / 金额合计 ${formatMoney(s.totalAmount)} 元(${s.withAmount} 项)`);
  out.push(`Measures in force on ${r.on} that concern ${where}: ${s.total} (${Object.entries(s.byKind).map(([k, n]) => `${n} ${k}`).join(", ") || "none"}; ${s.decided} decided, ${s.needsInput} need input, ${s.invalidInput} with invalid input)`);
  if (s.withAmount > 1) out.push(`  ${r.combinationNote.en}`);
  let group: RankGroup | undefined;
  for (const m of r.measures) {
    if (m.group !== group) {
      group = m.group;
      out.push(`\n== ${GROUP_TITLES[group]} (${s.byGroup[group]})`);
    }
    out.push(...measureLines(m, r.nearestChanges?.find((c) => c.ruleId === m.ruleId)));
  }
  out.push(`\n${r.combinationNote.en}`);
  return out.join("\n") + "\n";
}

function measureLines(m: RankedMeasure, change: MeasureChange | undefined): string[] {
  const out: string[] = [];
  out.push(`\n${m.rank}. ${m.ruleId}@${m.version}  [${m.kind}]${m.amount !== null ? `  ${formatMoney(m.amount)} yuan` : ""}  ${m.title.en}`);
  out.push(`  ${m.title.zh}`);
  out.push(`  why: ${m.reasons.map((x) => x.en).join("; ")}`);
  if (m.status === "decided") {
    out.push(`  outcome: ${Object.entries(m.outcome ?? {}).map(([k, v]) => `${k} = ${JSON.stringify(v)}`).join(", ")}`);
  } else if (m.status === "needs-input") {
    out.push(`  still needs: ${m.missing.map((x) => `${x.name} (${x.type}${x.askFor === "facts" ? "" : `, profile ${x.askFor}`}: ${x.label.en})`).join("; ")}`);
  } else {
    out.push(`  invalid input: ${m.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
  }
  if (change) {
    const goal = change.goal === "applicable" ? "apply / 适用" : `${change.field} / ${change.field === "met" ? "达标" : "符合条件"}`;
    if (change.nearest) out.push(`  nearest change (${goal}): ${change.nearest.text.en}`, `  最近的改变:${change.nearest.text.zh}`);
    else out.push(`  nearest change (${goal}): no single input's change reaches it / 单项改变均不能达到`);
  }
  if (m.responsibleUnits.length > 0) out.push(`  responsible: ${m.responsibleUnits.map((u) => u.zh).join("、")}`);
  return out;
}

/**
 * The CSV layout of `match --format csv`: one row per measure of each profile, in ranked order (the total
 * of a profile is the sum of its `amount` column; every row of a profile has its input line):
 *
 *   line,on,rank,group,ruleId,version,kind,document,status,applicable,amount,missingInputs,outcome,
 *   nearestChange.en,nearestChange.zh,title.zh,title.en,error.code,error.message
 *
 * `missingInputs` is the missing inputs' names joined by `,`; `outcome` the outcome as JSON text (its fields
 * differ from rule to rule); a failed profile has one row with `line`, `error.code` and `error.message`.
 *
 * @example
 * MATCH_CSV_COLUMNS[10] //=> "amount"
 */
export const MATCH_CSV_COLUMNS = [
  "line", "on", "rank", "group", "ruleId", "version", "kind", "document", "status", "applicable", "amount", "missingInputs", "outcome",
  "nearestChange.en", "nearestChange.zh", "title.zh", "title.en", "error.code", "error.message",
] as const;

/**
 * The CSV rows of one ranked match (see {@link MATCH_CSV_COLUMNS}).
 *
 * @example
 * matchCsvRows(3, withNearestChanges(engine.rank(profile), engine, false))[0][2] //=> "1"
 */
export function matchCsvRows(line: number, r: RankedMatchOutput): string[][] {
  return r.measures.map((m) => {
    const change = r.nearestChanges?.find((c) => c.ruleId === m.ruleId)?.nearest;
    return [
      String(line), r.on, String(m.rank), m.group, m.ruleId, String(m.version), m.kind, m.document, m.status, csvCell(m.applicable), csvCell(m.amount),
      m.missing.map((x) => x.name).join(","), m.outcome === null ? "" : JSON.stringify(m.outcome),
      change?.text.en ?? "", change?.text.zh ?? "", m.title.zh, m.title.en, "", "",
    ];
  });
}

/**
 * The CSV row of a profile that failed.
 *
 * @example
 * matchCsvErrorRow(4, "invalid_argument", "invalid profile: type: …")
 */
export function matchCsvErrorRow(line: number, code: string, message: string): string[] {
  return [String(line), ...new Array<string>(MATCH_CSV_COLUMNS.length - 3).fill(""), code, message];
}
