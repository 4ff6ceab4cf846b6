import { defaultEngine, type Engine } from "../api.js";
import { InvalidArgumentError } from "../errors.js";
import { profileFacts, type MatchResult } from "../match/match.js";
import { whatWouldChange, type Change, type Goal } from "./why-not.js";

/**
 * For a measure the match decided but that does not apply to the subject, or applies without the
 * subject being eligible or meeting its target: the goal searched, and the nearest single change that
 * reaches it (each change certified by the engine, as {@link whatWouldChange} gives it).
 *
 * @category Analysis
 * @example
 * const c: MeasureChange = { ruleId: "sjz-2025/absorption-subsidy", version: 1, goal: "eligible", field: "eligible", nearest, changes: [nearest] };
 */
export interface MeasureChange {
  /** The measure's rule id. */
  ruleId: string;
  /** The version the match decided with. */
  version: number;
  /** `applicable` when the measure does not apply; otherwise `eligible` with the field that is false (`eligible` or `met`). */
  goal: Goal;
  /** The outcome field of the goal (none for `applicable`). */
  field?: string;
  /** The nearest change: the smallest change of a number or date in its own grid steps, else the first other change found. */
  nearest?: Change;
  /** Every change found, input by input. */
  changes: Change[];
}

/** The boolean outcome fields a measure is judged by when it applies, in order of preference. */
const JUDGED_BY = ["eligible", "met"] as const;

/**
 * The nearest change for each measure of a match that was decided but does not apply, or that applies
 * but leaves the subject not eligible (or a target not met). Measures that still need input are left
 * out: their missing inputs are what to ask first.
 *
 * @category Analysis
 * @example
 * const r = engine.match({ type: "enterprise", city: "shijiazhuang", facts: { contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin" } }, { on: "2025-06-01" });
 * nearestChangesForMatch(r, { engine }).find((m) => m.ruleId === "sjz-2025/absorption-subsidy")?.nearest?.text.en
 * //=> "contractAmount 450,000.00 → at least 500,000.00: +50,000.00"
 */
export function nearestChangesForMatch(result: MatchResult, options: { engine?: Engine } = {}): MeasureChange[] {
  if (result === null || typeof result !== "object" || !Array.isArray((result as Partial<MatchResult>).measures) || typeof (result as Partial<MatchResult>).on !== "string") {
    throw new InvalidArgumentError("nearestChangesForMatch takes the result of match (匹配结果须为 match 的返回值)");
  }
  const engine = options?.engine ?? defaultEngine();
  const out: MeasureChange[] = [];
  for (const m of result.measures) {
    if (m.status !== "decided") continue;
    const field = m.applicable === false ? undefined : JUDGED_BY.find((f) => m.outcome?.[f] === false);
    if (m.applicable !== false && field === undefined) continue;
    const goal: Goal = field === undefined ? "applicable" : "eligible";
    const version = engine.ruleSet.versions(m.ruleId).find((v) => v.file.version === m.version)!;
    const { facts } = profileFacts(version, result.profile);
    const r = whatWouldChange(version, facts, { on: result.on, goal, ...(field !== undefined && { field }), engine });
    const changes = r.inputs.flatMap((i) => (i.status === "found" ? i.changes : []));
    const nearest = r.nearest ?? changes[0];
    out.push({ ruleId: m.ruleId, version: m.version, goal, ...(field !== undefined && { field }), ...(nearest && { nearest }), changes });
  }
  return out;
}
