import { InvalidArgumentError } from "../errors.js";
import type { Engine } from "../api.js";
import type { Decision, OutcomeValue } from "../engine/decision.js";
import { parseFacts } from "../engine/reference-decision.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { InputSpec, ValueType } from "../schema/rule-file.js";
import { VALUE_TYPES } from "../types/index.js";
import { groupDigits } from "../format/values.js";
import { truthy } from "../ops/truthy.js";
import { fieldCurve, resolveVersion, gridStep, type AnalysisOptions } from "./curve.js";
import { dayOf, isoOf } from "./days.js";
import { NotAnalysableError } from "./errors.js";
import { contains, type Interval } from "./interval.js";
import { analyseLine, lineKind, valueAt, type Piecewise } from "./line.js";
import * as R from "./rational.js";

/**
 * What {@link whatWouldChange} looks for:
 * - `eligible`: a boolean outcome field (`eligible`, or the one named by `field`, e.g. `met`) becomes true;
 * - `applicable`: the rule's applicable test becomes true (the measure applies to the subject);
 * - `next-band`: a money, decimal, rate or integer outcome field (`amount`, or `field`) reaches the next
 *   band above: the nearest larger value of a numeric input where the field's formula changes (from
 *   nothing to 10 %, from 10 % to 5 % above the threshold, to the cap…);
 * - `cap`: that field reaches the largest value it takes along the input (the cap, where there is one).
 *
 * @category Analysis
 * @example
 * const goal: Goal = "next-band";
 */
export type Goal = "eligible" | "applicable" | "next-band" | "cap";

const GOALS: readonly Goal[] = ["eligible", "applicable", "next-band", "cap"];
const WHY_NOT_OPTIONS: readonly string[] = ["on", "version", "engine", "maxPieces", "goal", "field"];

/**
 * Options of {@link whatWouldChange}: those of every analysis, and the goal.
 *
 * @category Analysis
 * @example
 * whatWouldChange(id, facts, { on: "2025-06-01", goal: "eligible" })
 */
export interface WhatWouldChangeOptions extends AnalysisOptions {
  /** What the change should achieve (default `"eligible"`). */
  goal?: Goal;
  /**
   * The outcome field the goal is about: for `eligible` a boolean field (default `eligible`); for
   * `next-band` and `cap` a money, decimal, rate or integer field (default: the rule's only money field).
   */
  field?: string;
}

/**
 * One change of one input that reaches the goal, with its certificate: the engine's decision on the
 * changed facts, and whether it confirms the goal.
 *
 * @category Analysis
 * @example
 * const c: Change = { input: "contractAmount", from: "450000.00", to: "500000.00", delta: "+50000.00",
 *   text: { en: "contractAmount 450,000.00 → at least 500,000.00: +50,000.00", zh: "…" }, certificate, confirmed: true };
 */
export interface Change {
  /** The input changed. */
  input: string;
  /** The input's value now and after the change, as facts are written (money "500000.00", a date, an enum value …). */
  from: unknown;
  /** The value that reaches the goal. */
  to: unknown;
  /** For a number, the exact signed difference (`"+50000.00"`); for a date, the signed number of days (`"+3"`). */
  delta?: string;
  /** The change in words. */
  text: { en: string; zh: string };
  /** For `next-band` and `cap`: the field's value the analysis predicts with the change, as a decision shows it. */
  value?: OutcomeValue;
  /** The engine's decision with the changed facts. */
  certificate: Decision;
  /**
   * Whether the certificate reaches the goal: the field true (or the rule applicable), or the field
   * showing the predicted value (always, unless the analysis and the engine disagree: a bug).
   */
  confirmed: boolean;
}

/**
 * What changing one input can do: the nearest values that reach the goal (for a number or a date, the
 * nearest below and above, exact to the fen, the unit or the day; for an enum, a boolean or a list,
 * every value, or every single addition or removal, that does), `none` when no value of this input
 * alone does, or why it was not analysed.
 *
 * @category Analysis
 * @example
 * const r: InputChanges = { input: "transferMode", status: "found", changes: [/* license, transfer *\/] };
 */
export type InputChanges =
  | { input: string; status: "found"; changes: Change[] }
  | { input: string; status: "none" }
  | { input: string; status: "not-analysable"; reason: string; pointer: string }
  | { input: string; status: "not-searched"; reason: string };

/**
 * The result of {@link whatWouldChange}.
 *
 * @category Analysis
 * @example
 * const r: WhatWouldChange = whatWouldChange(id, facts, { on: "2025-06-01", goal: "eligible" });
 * r.reached //=> false
 */
export interface WhatWouldChange {
  /** The rule. */
  ruleId: string;
  /** Its version. */
  version: number;
  /** The evaluation date. */
  on: string;
  /** The goal searched for. */
  goal: Goal;
  /** The outcome field the goal is about (none for `applicable`). */
  field?: string;
  /** Whether the decision on the facts as given already reaches the goal (then nothing is searched). */
  reached: boolean;
  /** The decision on the facts as given. */
  decision: Decision;
  /** Per input, in declaration order. */
  inputs: InputChanges[];
  /** The smallest single-input change of a number or date, by its distance in the input's own grid steps (fen, unit, day). */
  nearest?: Change;
}

/** A goal resolved for a version: which field it is about, and that field's value type. */
interface Want {
  goal: Goal;
  field: string | undefined;
  type: ValueType;
}

const AMOUNT_TYPES: readonly ValueType[] = ["money", "decimal", "rate", "integer"];

/** Check the goal and its field against the version's outcome fields (the defaults: `eligible`, the only money field). */
function resolveWant(version: LoadedRuleVersion, goal: unknown, field: unknown): Want {
  if (!GOALS.includes(goal as Goal)) {
    throw new InvalidArgumentError(`whatWouldChange: unknown goal ${JSON.stringify(goal)}; the goals are ${GOALS.join(", ")} (目标须为 ${GOALS.join("、")} 之一)`);
  }
  const g = goal as Goal;
  const fields = version.outcome.map((f) => ({ name: f.name, type: f.spec.type }));
  if (g === "applicable") {
    if (field !== undefined) throw new InvalidArgumentError(`whatWouldChange: the goal "applicable" is about the rule's applicable test, not a field: leave out "field" (目标 applicable 不针对结果字段)`);
    return { goal: g, field: undefined, type: "boolean" };
  }
  const numeric = g !== "eligible";
  let name = field;
  if (name === undefined) {
    const money = fields.filter((f) => f.type === "money");
    name = numeric ? (money.length === 1 ? money[0]!.name : undefined) : "eligible";
    if (name === undefined) throw new InvalidArgumentError(`whatWouldChange: ${version.file.id} has ${money.length === 0 ? "no" : "several"} money outcome fields: name one with "field" (请用 field 指明结果字段)`);
  }
  const spec = fields.find((f) => f.name === name);
  const ok = spec !== undefined && (numeric ? AMOUNT_TYPES.includes(spec.type) : spec.type === "boolean");
  if (!ok) {
    const kind = numeric ? "money, decimal, rate or integer" : "boolean";
    throw new InvalidArgumentError(`whatWouldChange: ${version.file.id} has no ${kind} outcome field ${JSON.stringify(name)} for the goal "${g}" (该规则没有可用于此目标的结果字段)`);
  }
  return { goal: g, field: spec.name, type: spec.type };
}

/** Whether a decision reaches a goal that does not depend on the line (`eligible`, `applicable`). */
function reachesState(goal: Goal, field: string | undefined, decision: Decision): boolean {
  return goal === "applicable" ? decision.applicable === true : decision.outcome[field!] === true;
}

/** A value as facts write it: money with two decimals, integers as numbers, dates as `YYYY-MM-DD`. */
function factValue(spec: InputSpec, x: R.Q): string | number {
  if (spec.type === "date") return isoOf(Number(x.num / x.den));
  if (spec.type === "integer") return Number(x.num / x.den);
  if (spec.type === "money") return R.toDec(x).toFixed(2);
  return R.toDec(x).toFixed();
}

function signed(text: string): string {
  return text.startsWith("-") ? text : `+${text}`;
}

/** The input's grid step; for a decimal without one, the finest of its value's places, the ends' places and 4. */
function stepFor(version: LoadedRuleVersion, input: string, x0: R.Q, ends: readonly R.Q[]): R.Q {
  const fixed = gridStep(version, input);
  if (fixed) return fixed;
  const places = (v: R.Q) => (R.isDecimal(v) ? (R.toDec(v).decimalPlaces() ?? 0) : 4);
  const p = Math.max(4, places(x0), ...ends.map(places));
  return R.frac(1n, 10n ** BigInt(p));
}

/** The grid value in `iv` nearest to x0 from above (`up`) or below, when `iv` lies on that side of x0. */
function nearestIn(iv: Interval, x0: R.Q, step: R.Q, up: boolean): R.Q | undefined {
  const end = up ? iv.lo : iv.hi;
  let candidate: R.Q;
  if (end === undefined) candidate = up ? R.toStep(x0, step, true) : R.toStep(x0, step, false);
  else {
    candidate = R.toStep(end.at, step, up);
    if (!end.closed && R.eq(candidate, end.at)) candidate = up ? R.add(candidate, step) : R.sub(candidate, step);
  }
  return contains(iv, candidate) ? candidate : undefined;
}

/** Where a boolean holds along the line (its truthy pieces). */
function truthyPieces(pw: Piecewise): Interval[] {
  return pw.filter((p) => p.val.k !== "const" || truthy(p.val.v)).map((p) => p.iv);
}

/**
 * What a goal is along one input's line: the intervals of x where it holds, whether to search below
 * x0 as well as above, and, for a goal about a number field, the value the analysis predicts at a
 * point of the target (the certificate must show that value). `none` says why there is no target.
 */
type LineTarget =
  | { intervals: Interval[]; both: boolean; predicted?: (x: R.Q) => OutcomeValue; holdsAtX0: boolean }
  | { none: true };

/** A grid point of a piece nearest to its lower (`first`) or upper end, or undefined when the end is unbounded or no grid point lies in it. */
function gridEnd(iv: Interval, step: R.Q, first: boolean): R.Q | undefined {
  const end = first ? iv.lo : iv.hi;
  if (!end) return undefined;
  let x = R.toStep(end.at, step, first);
  if (!end.closed && R.eq(x, end.at)) x = first ? R.add(x, step) : R.sub(x, step);
  return contains(iv, x) ? x : undefined;
}

/** The field's value as a decision shows it, at x on a piece, and as a rational (none when it shows no number, e.g. null). */
function shownAt(piece: Piecewise[number], x: R.Q, type: ValueType, where: string): { shown: OutcomeValue; q: R.Q | undefined } {
  const shown = VALUE_TYPES[type].formatOutcome(valueAt(piece.val, x), where);
  return { shown, q: typeof shown === "string" || typeof shown === "number" ? R.q(String(shown)) : undefined };
}

/** The least grid point k·step + first in [first, last] where a non-decreasing test holds (bisection), or undefined. */
function leastWhere(first: R.Q, last: R.Q, step: R.Q, test: (x: R.Q) => boolean): R.Q | undefined {
  const n = R.div(R.sub(last, first), step);
  let lo = -1n;
  let hi = n.num / n.den;
  const at = (k: bigint) => R.add(first, R.mul(R.q(k), step));
  if (!test(at(hi))) return undefined;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (test(at(mid))) hi = mid;
    else lo = mid;
  }
  return at(hi);
}

/** The next band above x0: the first piece above x0's whose formula differs from it. */
function nextBandTarget(pw: Piecewise, type: ValueType, date: boolean, where: string, x0: R.Q): LineTarget {
  const formulas = fieldCurve(pw, type, date, where).pieces.map((p) => JSON.stringify(p.value));
  const i0 = pw.findIndex((p) => contains(p.iv, x0));
  const j = formulas.findIndex((f, j) => j > i0 && f !== formulas[i0]);
  if (i0 < 0 || j < 0) return { none: true };
  const piece = pw[j]!;
  return { intervals: [piece.iv], both: false, holdsAtX0: false, predicted: (x) => shownAt(piece, x, type, where).shown };
}

/**
 * The cap along the line: the largest value the field shows, when some flat piece shows it (a value
 * reached only at the end of a rising piece is the input's limit, not a cap), and every grid point
 * that shows it (on a rising piece, from the least such point by bisection: rounding to the fen may
 * show the cap a little before the flat piece starts).
 */
function capTarget(pw: Piecewise, type: ValueType, where: string, x0: R.Q, step: R.Q): LineTarget {
  let max: { q: R.Q; shown: OutcomeValue } | undefined;
  let flat = false;
  for (const p of pw) {
    const slope = p.val.k === "lin" ? R.sign(p.val.a) : 0;
    const end = slope === 0 ? gridEnd(p.iv, step, true) ?? gridEnd(p.iv, step, false) ?? (p.iv.lo?.at ?? p.iv.hi?.at ?? R.ZERO) : gridEnd(p.iv, step, slope < 0);
    if (end === undefined) return { none: true }; // rising without end: no cap
    if (!contains(p.iv, end)) continue;
    const { shown, q } = shownAt(p, end, type, where);
    if (q === undefined) continue; // no number here (null): neither the cap nor below it
    const c = max === undefined ? 1 : R.cmp(q, max.q);
    if (c > 0) [max, flat] = [{ q, shown }, slope === 0];
    else if (c === 0 && slope === 0) flat = true;
  }
  if (max === undefined || !flat) return { none: true };
  const top = max;
  const intervals: Interval[] = [];
  for (const p of pw) {
    const first = gridEnd(p.iv, step, true);
    const last = gridEnd(p.iv, step, false);
    const slope = p.val.k === "lin" ? R.sign(p.val.a) : 0;
    const showsTop = (x: R.Q) => {
      const { q } = shownAt(p, x, type, where);
      return q !== undefined && R.eq(q, top.q);
    };
    if (slope === 0) {
      const probe = first ?? last ?? x0;
      if (contains(p.iv, probe) && showsTop(probe)) intervals.push(p.iv);
    } else if (first !== undefined && last !== undefined) {
      const rising = slope > 0;
      // Non-decreasing along the walk: from the left on a rising piece, from the right on a falling one.
      const from = rising ? leastWhere(first, last, step, showsTop) : undefined;
      const to = rising ? undefined : leastWhere(R.neg(last), R.neg(first), step, (x) => showsTop(R.neg(x)));
      if (from) intervals.push({ lo: { at: from, closed: true }, hi: { at: last, closed: true } });
      if (to) intervals.push({ lo: { at: first, closed: true }, hi: { at: R.neg(to), closed: true } });
    }
  }
  return { intervals, both: true, holdsAtX0: intervals.some((iv) => contains(iv, x0)), predicted: () => top.shown };
}

function numberChanges(engine: Engine, version: LoadedRuleVersion, facts: Record<string, unknown>, data: Record<string, unknown>, on: string, want: Want, input: string, maxPieces: number | undefined): InputChanges & { atTarget?: boolean } {
  const spec = version.file.inputs[input]!;
  let line;
  try {
    line = analyseLine(version, data, on, input, maxPieces);
  } catch (error) {
    if (error instanceof NotAnalysableError) return { input, status: "not-analysable", reason: error.reason, pointer: error.pointer };
    throw error;
  }
  const date = spec.type === "date";
  const x0 = date ? R.q(dayOf(data[input] as string)) : R.q(String(data[input]));
  const pw = want.goal === "applicable" ? line.applicable : line.outcome.get(want.field!);
  if (pw === undefined) return { input, status: "none" };
  const type = want.type;
  const where = `outcome.${want.field ?? "applicable"}`;
  const provisional = stepFor(version, input, x0, pw.flatMap((p) => [p.iv.lo?.at, p.iv.hi?.at].filter((e): e is R.Q => e !== undefined)));
  const target: LineTarget =
    want.goal === "next-band" ? nextBandTarget(pw, type, date, where, x0)
    : want.goal === "cap" ? capTarget(pw, type, where, x0, provisional)
    : { intervals: truthyPieces(pw), both: true, holdsAtX0: false };
  if ("none" in target) return { input, status: "none" };
  if (target.holdsAtX0) return { input, status: "none", atTarget: true };
  const step = stepFor(version, input, x0, target.intervals.flatMap((iv) => [iv.lo?.at, iv.hi?.at].filter((e): e is R.Q => e !== undefined)));
  let above: R.Q | undefined;
  let below: R.Q | undefined;
  for (const iv of target.intervals) {
    if (!iv.lo || R.cmp(iv.lo.at, x0) >= 0) {
      const c = nearestIn(iv, x0, step, true);
      if (c && R.cmp(c, x0) > 0 && (!above || R.cmp(c, above) < 0)) above = c;
    }
    if (target.both && (!iv.hi || R.cmp(iv.hi.at, x0) <= 0)) {
      const c = nearestIn(iv, x0, step, false);
      if (c && R.cmp(c, x0) < 0 && (!below || R.cmp(c, below) > 0)) below = c;
    }
  }
  const changes: Change[] = [];
  for (const [to, up] of [[above, true], [below, false]] as const) {
    if (to === undefined) continue;
    const from = data[input];
    const value = factValue(spec, to);
    const certificate = engine.evaluate(version.file.id, { ...facts, [input]: value }, { on, version: version.file.version, explain: false });
    const diff = R.sub(to, x0);
    const delta = date ? signed(String(Number(diff.num))) : signed(spec.type === "money" ? R.toDec(diff).toFixed(2) : R.qText(diff));
    const show = (v: unknown) => (date ? String(v) : groupDigits(String(v)));
    const deltaText = date ? `${delta} days` : signed(groupDigits(delta.replace(/^[+]/, "")));
    const deltaZh = date ? `${delta} 天` : deltaText;
    const predicted = target.predicted?.(to);
    const shown = predicted === undefined ? "" : ` (${want.field} ${show(predicted)})`;
    changes.push({
      input,
      from,
      to: value,
      delta,
      text: {
        en: `${input} ${show(from)} → ${up ? "at least" : "at most"} ${show(value)}: ${deltaText}${shown}`,
        zh: `${input} ${show(from)} → ${up ? "至少" : "至多"} ${show(value)}:${deltaZh}${shown.replace(" (", "(").replace(")", ")")}`,
      },
      ...(predicted === undefined ? {} : { value: predicted }),
      certificate,
      confirmed: predicted === undefined ? reachesState(want.goal, want.field, certificate) : certificate.outcome[want.field!] === predicted,
    });
  }
  return changes.length === 0 ? { input, status: "none" } : { input, status: "found", changes };
}

/** The other values of an enum, a flip of a boolean, or each single addition or removal of a list. */
function alternatives(spec: InputSpec, current: unknown): unknown[] {
  const values = Object.keys(spec.values ?? {});
  if (spec.type === "boolean") return [current !== true];
  if (spec.type === "enum") return values.filter((v) => v !== current);
  const list = Array.isArray(current) ? (current as string[]) : [];
  return values.map((v) => (list.includes(v) ? list.filter((x) => x !== v) : [...list, v]));
}

function choiceChanges(engine: Engine, version: LoadedRuleVersion, facts: Record<string, unknown>, data: Record<string, unknown>, on: string, want: Want, input: string): InputChanges {
  const spec = version.file.inputs[input]!;
  const changes: Change[] = [];
  // The values are finitely many: each one is decided by the engine, which is exact and complete.
  for (const to of alternatives(spec, data[input])) {
    const certificate = engine.evaluate(version.file.id, { ...facts, [input]: to }, { on, version: version.file.version, explain: false });
    if (!reachesState(want.goal, want.field, certificate)) continue;
    const show = (v: unknown) => (Array.isArray(v) ? `[${v.join(", ")}]` : String(v));
    changes.push({
      input,
      from: data[input],
      to,
      text: { en: `${input} ${show(data[input])} → ${show(to)}`, zh: `${input} ${show(data[input])} → ${show(to)}` },
      certificate,
      confirmed: true,
    });
  }
  return changes.length === 0 ? { input, status: "none" } : { input, status: "found", changes };
}

/** How far a change is in grid steps of its input (the fen, the unit, the day), for choosing the nearest. */
function stepsAway(version: LoadedRuleVersion, change: Change): R.Q {
  const spec = version.file.inputs[change.input]!;
  const read = (v: unknown) => (spec.type === "date" ? R.q(dayOf(v as string)) : R.q(String(v)));
  const d = R.sub(read(change.to), read(change.from));
  const step = gridStep(version, change.input) ?? R.ONE;
  const n = R.div(d, step);
  return R.sign(n) < 0 ? R.neg(n) : n;
}

/**
 * For a decision that does not reach the goal (eligible, applicable, the next band, the cap: {@link Goal}),
 * the smallest change of each single input that does:
 * for a money, integer, decimal or date input the nearest value below and above (exact to the fen,
 * the unit, the day: from the exact analysis along that input, {@link amountCurve}), for an enum,
 * boolean or list input every value (every single addition or removal) that does. Each answer carries
 * its certificate: the engine's decision on the changed facts. Text inputs are not searched; an input
 * the analysis cannot follow says where it stops.
 *
 * @category Analysis
 * @throws {InvalidFactsError} when the facts do not fit the rule
 * @throws {InvalidArgumentError} for an unknown goal, or a `field` the rule lacks or of the wrong type for the goal
 * @example
 * const r = whatWouldChange("sjz-2025/absorption-subsidy",
 *   { contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
 *   { on: "2025-06-01", goal: "eligible" });
 * r.nearest?.text.en //=> "contractAmount 450,000.00 → at least 500,000.00: +50,000.00"
 */
export function whatWouldChange(ruleId: string | LoadedRuleVersion, facts: Record<string, unknown>, options: WhatWouldChangeOptions = {}): WhatWouldChange {
  const { version, on, inForce, engine } = resolveVersion(ruleId, options, WHY_NOT_OPTIONS);
  const want = resolveWant(version, options?.goal ?? "eligible", options?.field);
  const data = parseFacts(version, facts);
  const decision = engine.evaluate(version.file.id, facts, { on, version: version.file.version, explain: false });
  const base = { ruleId: version.file.id, version: version.file.version, on, goal: want.goal, ...(want.field === undefined ? {} : { field: want.field }), decision };
  const byState = want.goal === "eligible" || want.goal === "applicable";
  if (byState && reachesState(want.goal, want.field, decision)) return { ...base, reached: true, inputs: [] };
  const inputs: InputChanges[] = [];
  let capLines = 0;
  let atCap = 0;
  for (const [input, spec] of Object.entries(version.file.inputs)) {
    if (!inForce) inputs.push({ input, status: "none" });
    else if (lineKind(spec.type)) {
      const { atTarget, ...found } = numberChanges(engine, version, facts, data, on, want, input, options?.maxPieces);
      if (want.goal === "cap" && (atTarget || found.status === "found")) [capLines, atCap] = [capLines + 1, atCap + (atTarget ? 1 : 0)];
      inputs.push(found);
    } else if (!byState) inputs.push({ input, status: "not-searched", reason: "a band or the cap is searched along numeric and date inputs" });
    else if (spec.type === "enum" || spec.type === "boolean" || spec.type === "enumList") inputs.push(choiceChanges(engine, version, facts, data, on, want, input));
    else inputs.push({ input, status: "not-searched", reason: "free text has no finite set of values to search" });
  }
  // At the cap: every input along which the field has a cap already shows it.
  if (want.goal === "cap" && capLines > 0 && atCap === capLines) return { ...base, reached: true, inputs };
  let nearest: Change | undefined;
  let best: R.Q | undefined;
  for (const r of inputs) {
    if (r.status !== "found" || r.changes[0]!.delta === undefined) continue;
    for (const c of r.changes) {
      const n = stepsAway(version, c);
      if (best === undefined || R.cmp(n, best) < 0) [nearest, best] = [c, n];
    }
  }
  return { ...base, reached: false, inputs, ...(nearest ? { nearest } : {}) };
}
