import { defaultEngine, type Engine } from "../api.js";
import { InvalidArgumentError, InvalidOptionsError } from "../errors.js";
import { choose } from "../engine/choice.js";
import type { OutcomeValue } from "../engine/decision.js";
import { evaluationDate } from "../engine/evaluation-date.js";
import { readKnown } from "../engine/options.js";
import { parseFacts } from "../engine/reference-decision.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { isInForce } from "../engine/version-choice.js";
import type { ValueType } from "../schema/rule-file.js";
import { VALUE_TYPES } from "../types/index.js";
import { isoOf } from "./days.js";
import type { End } from "./interval.js";
import { analyseLine, valueAt, type Line, type Piecewise, type Rounding, type Sym } from "./line.js";
import * as R from "./rational.js";

/**
 * Which rule an analysis is about, on which date, and with which engine.
 *
 * @category Analysis
 * @example
 * const options: AnalysisOptions = { on: "2025-06-01" };
 */
export interface AnalysisOptions {
  /** The evaluation date `YYYY-MM-DD` (default: today in Asia/Shanghai, as `evaluate`). */
  on?: string;
  /** A version number (default: the version in force on `on`). */
  version?: number;
  /** The engine whose rule set is analysed and which confirms answers (default: the bundled rules). */
  engine?: Engine;
  /** The most pieces one expression may have along the input (default MAX_LINE_PIECES, 10,000). */
  maxPieces?: number;
}

/**
 * One end of a piece of a curve: the input's value (an exact decimal, `"p/q"` when it is no decimal,
 * or a date `YYYY-MM-DD` for a date input) and whether the piece includes it.
 *
 * @category Analysis
 * @example
 * const end: CurveEnd = { at: "500000", closed: true };
 */
export interface CurveEnd {
  /** The input's value: an exact decimal, `"p/q"`, or a date `YYYY-MM-DD`. */
  at: string;
  /** Whether the piece includes it. */
  closed: boolean;
}

/**
 * The value on a piece of a curve:
 * - `constant`: the outcome value, as a decision shows it;
 * - `affine`: `slope × x + intercept` (exact rationals as text), then each `rounding` step in order
 *   (the rule's `jjj.round`s, then the value type's own: money is shown half-up to the fen);
 * - `date`: a date input plus `days`, then plus `shift` months or years when there is one.
 *
 * @category Analysis
 * @example
 * const v: CurveValue = { kind: "affine", slope: "0.1", intercept: "0", rounding: [{ places: 2, mode: "half-up" }] };
 */
export type CurveValue =
  | { kind: "constant"; value: OutcomeValue }
  | { kind: "affine"; slope: string; intercept: string; rounding: Rounding[] }
  | { kind: "date"; days: string; shift?: { unit: "months" | "years"; n: number } };

/**
 * A piece of a curve: the input's values from `from` to `to` (an end missing: unbounded) and the value on them.
 *
 * @category Analysis
 * @example
 * const p: CurvePiece = { from: { at: "500000", closed: true }, to: { at: "1000000", closed: true }, value: { kind: "affine", slope: "0.1", intercept: "0", rounding: [] } };
 */
export interface CurvePiece {
  /** Where the piece starts (missing: unbounded). */
  from?: CurveEnd;
  /** Where the piece ends (missing: unbounded). */
  to?: CurveEnd;
  /** The value on the piece. */
  value: CurveValue;
}

/**
 * A point where a curve changes its formula: the input's value there, the side whose formula holds at
 * the point (`left`, `right`, or `point` for a piece of one point), and the value there as a decision shows it.
 *
 * @category Analysis
 * @example
 * const b: Breakpoint = { at: "500000", side: "right", value: "50000.00" };
 */
export interface Breakpoint {
  /** The input's value there (as {@link CurveEnd.at}). */
  at: string;
  /** The piece whose formula holds at the point: the one before (`left`), after (`right`), or a piece of one point. */
  side: "left" | "right" | "point";
  /** The value at the point, as a decision shows it. */
  value: OutcomeValue;
}

/**
 * The exact curve of one outcome field (or condition) along the input.
 *
 * @category Analysis
 * @example
 * curve.fields.amount.breakpoints.map((b) => b.at) //=> ["500000", "1000000", "9000000"]
 */
export interface FieldCurve {
  /** The field's value type (`boolean` for conditions and the applicable test). */
  type: ValueType;
  /** The pieces, in order along the input, covering its domain. */
  pieces: CurvePiece[];
  /** Where the formula changes. */
  breakpoints: Breakpoint[];
}

/**
 * The result of {@link amountCurve}.
 *
 * @category Analysis
 * @example
 * const c: AmountCurve = amountCurve("sjz-2025/absorption-subsidy", facts, "contractAmount", { on: "2025-06-01" });
 */
export interface AmountCurve {
  /** The rule analysed. */
  ruleId: string;
  /** Its version. */
  version: number;
  /** The evaluation date. */
  on: string;
  /** Whether the version is in force on `on` (if not, every curve is the constant not-in-force outcome). */
  inForce: boolean;
  /** The input the curves run along. */
  input: string;
  /** The input's own grid: `"0.01"` for money, `"1"` for integers and dates (a day), none for other decimals. */
  step?: string;
  /** Where the input may lie: its declared bounds, else the engine's limits. */
  domain: { from?: CurveEnd; to?: CurveEnd };
  /** Whether the rule applies (its `applicable` test). */
  applicable: FieldCurve;
  /** Each condition, by id (boolean curves). */
  conditions: Record<string, FieldCurve>;
  /** Each outcome field, by name (`eligible` is the eligibility). */
  fields: Record<string, FieldCurve>;
}

/** The options every analysis takes. */
const ANALYSIS_OPTIONS: readonly string[] = ["on", "version", "engine", "maxPieces"];

/**
 * The version a call analyses (the one asked for, else the one in force on `on`, else the template),
 * the date, whether the version is in force, and the engine.
 *
 * @example
 * resolveVersion("sjz-2025/absorption-subsidy", { on: "2025-06-01" }).inForce //=> true
 */
export function resolveVersion(rule: string | LoadedRuleVersion, rawOptions: AnalysisOptions, known: readonly string[] = ANALYSIS_OPTIONS): { version: LoadedRuleVersion; on: string; inForce: boolean; engine: Engine } {
  // A misspelt option ({ date: … } for { on: … }) would otherwise quietly mean today, as in evaluate.
  const options = readKnown(rawOptions, known, '{ on: "2025-06-01" }') as AnalysisOptions;
  if (typeof rule !== "string" && (rule === null || typeof rule !== "object" || !("file" in rule) || !("outcome" in rule))) {
    throw new InvalidArgumentError(`the rule must be a rule id or a loaded rule version, got ${typeof rule} (规则须为规则编号或已加载的规则版本)`);
  }
  const given = options.engine;
  if (given !== undefined && (given === null || typeof given !== "object" || typeof (given as Partial<Engine>).evaluate !== "function")) {
    throw new InvalidOptionsError("engine", `option "engine" must be an engine from createEngine, or absent (engine 须为 createEngine 创建的引擎)`);
  }
  const engine = given ?? defaultEngine();
  const on = evaluationDate(options.on);
  const max = options.maxPieces;
  if (max !== undefined && !(typeof max === "number" && Number.isSafeInteger(max) && max >= 1)) {
    throw new InvalidOptionsError("maxPieces", `option "maxPieces" must be a positive integer, got ${String(max).slice(0, 40)} (maxPieces 须为正整数)`);
  }
  if (typeof rule !== "string") return { version: rule, on, inForce: isInForce(rule, on), engine };
  const choice = choose(engine.ruleSet, rule, on, options.version);
  return { version: choice.chosen ?? choice.template, on, inForce: choice.inForce, engine };
}

function endText(end: End, date: boolean): CurveEnd {
  return { at: date ? isoOf(Number(end.at.num / end.at.den)) : R.qText(end.at), closed: end.closed };
}

/**
 * The step of an input's grid, as a rational (money a fen, integers one, dates a day), or undefined
 * for a decimal or rate, which has none.
 *
 * @example
 * gridStep(version, "contractAmount") //=> q("0.01")
 */
export function gridStep(version: LoadedRuleVersion, input: string): R.Q | undefined {
  const type = version.file.inputs[input]!.type;
  const fixed = VALUE_TYPES[type].probe.fixedStep;
  return type === "date" ? R.ONE : fixed === undefined ? undefined : R.q(fixed);
}

/** The type's own formatting as a rounding step (money: half-up to the fen), if it has one. */
const TYPE_ROUNDING: Partial<Record<ValueType, Rounding>> = { money: { places: 2, mode: "half-up" } };

function curveValue(val: Sym, type: ValueType, where: string): CurveValue {
  if (val.k === "const") return { kind: "constant", value: VALUE_TYPES[type].formatOutcome(val.v, where) };
  if (val.k === "shift") return { kind: "date", days: R.qText(val.b), shift: { unit: val.unit, n: val.n } };
  if (val.repr === "date") return { kind: "date", days: R.qText(val.b) };
  const own = TYPE_ROUNDING[type];
  // A value the rule already rounded to no more places than the type shows is shown as it is.
  const last = val.rounds[val.rounds.length - 1];
  const shown = own && !(last && last.places <= own.places) ? [...val.rounds, own] : [...val.rounds];
  return { kind: "affine", slope: R.qText(val.a), intercept: R.qText(val.b), rounding: shown };
}

/**
 * A piecewise function as a curve: pieces with their ends and formulas, and each breakpoint with the
 * value there, formatted as the outcome's value type formats it.
 *
 * @example
 * fieldCurve(line.outcome.get("amount")!, "money", false, "outcome.amount").breakpoints[0]
 */
export function fieldCurve(pw: Piecewise, type: ValueType, date: boolean, where: string): FieldCurve {
  const pieces: CurvePiece[] = pw.map((p) => ({
    ...(p.iv.lo ? { from: endText(p.iv.lo, date) } : {}),
    ...(p.iv.hi ? { to: endText(p.iv.hi, date) } : {}),
    value: curveValue(p.val, type, where),
  }));
  const breakpoints: Breakpoint[] = [];
  const format = (p: Piecewise[number], x: R.Q) => VALUE_TYPES[type].formatOutcome(valueAt(p.val, x), where);
  for (let i = 0; i < pw.length; i++) {
    const p = pw[i]!;
    const point = p.iv.lo && p.iv.hi && R.eq(p.iv.lo.at, p.iv.hi.at);
    if (point) breakpoints.push({ at: endText(p.iv.lo!, date).at, side: "point", value: format(p, p.iv.lo!.at) });
    const next = pw[i + 1];
    if (!point && next && p.iv.hi && !(next.iv.lo && next.iv.hi && R.eq(next.iv.lo.at, next.iv.hi.at))) {
      const left = p.iv.hi.closed;
      breakpoints.push({ at: endText(p.iv.hi, date).at, side: left ? "left" : "right", value: format(left ? p : next, p.iv.hi.at) });
    }
  }
  return { type, pieces, breakpoints };
}

/**
 * The curves of a line: applicable, each condition, each outcome field.
 *
 * @example
 * lineCurves(version, analyseLine(version, data, on, "contractAmount")).fields.amount.pieces.length //=> 4
 */
export function lineCurves(version: LoadedRuleVersion, line: Line): Pick<AmountCurve, "applicable" | "conditions" | "fields"> {
  const date = line.kind === "date";
  const conditions: Record<string, FieldCurve> = {};
  for (const [id, pw] of line.conditions) conditions[id] = fieldCurve(pw, "boolean", date, `conditions.${id}`);
  const fields: Record<string, FieldCurve> = {};
  for (const f of version.outcome) fields[f.name] = fieldCurve(line.outcome.get(f.name)!, f.spec.type, date, `outcome.${f.name}`);
  return { applicable: fieldCurve(line.applicable, "boolean", date, "applicable"), conditions, fields };
}

/**
 * The exact piecewise-affine curve of every outcome field (and the eligibility, each condition and
 * the applicable test) along one money, decimal, rate, integer or date input, the other facts fixed:
 * the breakpoints (exact, with the side that holds at them), the slope and intercept of each piece,
 * and the value at each breakpoint. Nothing is sampled. A version not in force on `on` gives the
 * constant curves of its not-in-force outcome.
 *
 * @category Analysis
 * @throws {NotAnalysableError} when an operation of the rule has no exact form along this input
 * @throws {InvalidFactsError} when the facts do not fit the rule (the input's own value is checked too)
 * @throws {InvalidArgumentError} when `input` is not a money, decimal, rate, integer or date input
 * @example
 * const c = amountCurve("sjz-2025/absorption-subsidy",
 *   { contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
 *   "contractAmount", { on: "2025-06-01" });
 * c.fields.amount.breakpoints.map((b) => [b.at, b.value])
 * //=> [["500000", "50000.00"], ["1000000", "100000.00"], ["9000000", "500000.00"]]
 */
export function amountCurve(rule: string | LoadedRuleVersion, facts: unknown, input: string, options: AnalysisOptions = {}): AmountCurve {
  const { version, on, inForce, engine } = resolveVersion(rule, options);
  const spec = Object.hasOwn(version.file.inputs, input) ? version.file.inputs[input] : undefined;
  if (spec === undefined || !["money", "decimal", "rate", "integer", "date"].includes(spec.type)) {
    throw new InvalidArgumentError(`${version.file.id} has no money, decimal, rate, integer or date input "${input}" (规则没有该数值或日期输入)`);
  }
  const data = parseFacts(version, facts);
  const step = gridStep(version, input);
  const base = { ruleId: version.file.id, version: version.file.version, on, inForce, input, ...(step ? { step: R.qText(step) } : {}) };
  const line = analyseLine(version, data, on, input, options.maxPieces);
  const domain = { ...(line.domain.lo ? { from: endText(line.domain.lo, line.kind === "date") } : {}), ...(line.domain.hi ? { to: endText(line.domain.hi, line.kind === "date") } : {}) };
  if (inForce) return { ...base, domain, ...lineCurves(version, line) };
  // Not in force: the decision's outcome does not depend on the facts.
  const decision = engine.evaluate(version.file.id, facts, { on, version: version.file.version, explain: false });
  const flat = (value: OutcomeValue, type: ValueType): FieldCurve => ({ type, pieces: [{ ...domain, value: { kind: "constant", value } }], breakpoints: [] });
  const fields: Record<string, FieldCurve> = {};
  for (const f of version.outcome) fields[f.name] = flat(decision.outcome[f.name] ?? null, f.spec.type);
  return { ...base, domain, applicable: flat(false, "boolean"), conditions: {}, fields };
}
