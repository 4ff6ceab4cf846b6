import { InvalidArgumentError } from "../errors.js";
import type { Engine } from "../api.js";
import type { Decision } from "../engine/decision.js";
import { parseFacts } from "../engine/reference-decision.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { InputSpec } from "../schema/rule-file.js";
import { groupDigits } from "../format/values.js";
import { truthy } from "../ops/truthy.js";
import { resolveVersion, gridStep, type AnalysisOptions } from "./curve.js";
import { dayOf, isoOf } from "./days.js";
import { NotAnalysableError } from "./errors.js";
import { contains, type Interval } from "./interval.js";
import { analyseLine, lineKind, type Piecewise } from "./line.js";
import * as R from "./rational.js";

/**
 * What {@link whatWouldChange} looks for. `eligible`: the outcome field `eligible` becomes true.
 *
 * @category Analysis
 * @example
 * const goal: Goal = "eligible";
 */
export type Goal = "eligible";

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
  /** The engine's decision with the changed facts. */
  certificate: Decision;
  /** Whether the certificate reaches the goal (always, unless the analysis and the engine disagree: a bug). */
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
  /** Whether the decision on the facts as given already reaches the goal (then nothing is searched). */
  reached: boolean;
  /** The decision on the facts as given. */
  decision: Decision;
  /** Per input, in declaration order. */
  inputs: InputChanges[];
  /** The smallest single-input change of a number or date, by its distance in the input's own grid steps (fen, unit, day). */
  nearest?: Change;
}

function reaches(goal: Goal, decision: Decision): boolean {
  return goal === "eligible" && decision.outcome["eligible"] === true;
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

/** Where the goal holds along the line (the pieces of `eligible` that are truthy). */
function goalPieces(outcome: Piecewise): Interval[] {
  return outcome.filter((p) => p.val.k !== "const" || truthy(p.val.v)).map((p) => p.iv);
}

function numberChanges(engine: Engine, version: LoadedRuleVersion, facts: Record<string, unknown>, data: Record<string, unknown>, on: string, goal: Goal, input: string, maxPieces: number | undefined): InputChanges {
  const spec = version.file.inputs[input]!;
  let line;
  try {
    line = analyseLine(version, data, on, input, maxPieces);
  } catch (error) {
    if (error instanceof NotAnalysableError) return { input, status: "not-analysable", reason: error.reason, pointer: error.pointer };
    throw error;
  }
  const eligible = line.outcome.get("eligible");
  if (eligible === undefined) return { input, status: "none" };
  const date = spec.type === "date";
  const x0 = date ? R.q(dayOf(data[input] as string)) : R.q(String(data[input]));
  const pieces = goalPieces(eligible);
  const step = stepFor(version, input, x0, pieces.flatMap((iv) => [iv.lo?.at, iv.hi?.at].filter((e): e is R.Q => e !== undefined)));
  let above: R.Q | undefined;
  let below: R.Q | undefined;
  for (const iv of pieces) {
    if (!iv.lo || R.cmp(iv.lo.at, x0) >= 0) {
      const c = nearestIn(iv, x0, step, true);
      if (c && R.cmp(c, x0) > 0 && (!above || R.cmp(c, above) < 0)) above = c;
    }
    if (!iv.hi || R.cmp(iv.hi.at, x0) <= 0) {
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
    changes.push({
      input,
      from,
      to: value,
      delta,
      text: {
        en: `${input} ${show(from)} → ${up ? "at least" : "at most"} ${show(value)}: ${deltaText}`,
        zh: `${input} ${show(from)} → ${up ? "至少" : "至多"} ${show(value)}:${deltaZh}`,
      },
      certificate,
      confirmed: reaches(goal, certificate),
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

function choiceChanges(engine: Engine, version: LoadedRuleVersion, facts: Record<string, unknown>, data: Record<string, unknown>, on: string, goal: Goal, input: string): InputChanges {
  const spec = version.file.inputs[input]!;
  const changes: Change[] = [];
  // The values are finitely many: each one is decided by the engine, which is exact and complete.
  for (const to of alternatives(spec, data[input])) {
    const certificate = engine.evaluate(version.file.id, { ...facts, [input]: to }, { on, version: version.file.version, explain: false });
    if (!reaches(goal, certificate)) continue;
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
 * For a decision that does not reach the goal, the smallest change of each single input that does:
 * for a money, integer, decimal or date input the nearest value below and above (exact to the fen,
 * the unit, the day: from the exact analysis along that input, {@link amountCurve}), for an enum,
 * boolean or list input every value (every single addition or removal) that does. Each answer carries
 * its certificate: the engine's decision on the changed facts. Text inputs are not searched; an input
 * the analysis cannot follow says where it stops.
 *
 * @category Analysis
 * @throws {InvalidFactsError} when the facts do not fit the rule
 * @throws {InvalidArgumentError} for a goal other than `"eligible"`, or a rule without an `eligible` outcome
 * @example
 * const r = whatWouldChange("sjz-2025/absorption-subsidy",
 *   { contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
 *   { on: "2025-06-01", goal: "eligible" });
 * r.nearest?.text.en //=> "contractAmount 450,000.00 → at least 500,000.00: +50,000.00"
 */
export function whatWouldChange(ruleId: string | LoadedRuleVersion, facts: Record<string, unknown>, options: WhatWouldChangeOptions = {}): WhatWouldChange {
  const goal = options.goal ?? "eligible";
  if (goal !== "eligible") throw new InvalidArgumentError(`whatWouldChange: unknown goal ${JSON.stringify(goal)}; the goal is "eligible" (目标须为 "eligible")`);
  const { version, on, inForce, engine } = resolveVersion(ruleId, options);
  if (!version.outcome.some((f) => f.name === "eligible")) {
    throw new InvalidArgumentError(`whatWouldChange: ${version.file.id} has no outcome field "eligible" (该规则没有 eligible 结果)`);
  }
  const data = parseFacts(version, facts);
  const decision = engine.evaluate(version.file.id, facts, { on, version: version.file.version, explain: false });
  const base = { ruleId: version.file.id, version: version.file.version, on, goal, decision };
  if (reaches(goal, decision)) return { ...base, reached: true, inputs: [] };
  const inputs: InputChanges[] = [];
  for (const [input, spec] of Object.entries(version.file.inputs)) {
    if (!inForce) inputs.push({ input, status: "none" });
    else if (lineKind(spec.type)) inputs.push(numberChanges(engine, version, facts, data, on, goal, input, options.maxPieces));
    else if (spec.type === "enum" || spec.type === "boolean" || spec.type === "enumList") inputs.push(choiceChanges(engine, version, facts, data, on, goal, input));
    else inputs.push({ input, status: "not-searched", reason: "free text has no finite set of values to search" });
  }
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
