import type { OutcomeValue } from "../engine/decision.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { VALUE_WORDS, formatPercent, groupDigits } from "../format/values.js";
import type { InputSpec, ValueType } from "../schema/rule-file.js";
import { VALUE_TYPES } from "../types/index.js";
import { isoOf } from "./days.js";
import type { Rounding } from "./line.js";
import { boundsOf, feasible, isConstant, scaleLin, solve, type Constraint, type End, type Lin } from "./linear.js";
import * as R from "./rational.js";
import type { Q } from "./rational.js";
import { valueAtPoint, type FiniteSet, type Region, type RegionValue } from "./regions.js";

/*
 * Regions for people and for the engine: a region's description (each finite input's class, each
 * numeric input's interval, any constraint relating several inputs) in English and Chinese, the
 * values on it as plain data, and a witness — concrete facts inside it, on the inputs' own grids
 * (the fen, the unit, the day), for the engine to evaluate.
 */

/**
 * A finite input's class in a region: `values` (one of them), `except` (any text but these), or an
 * enum list that `has` each of these values and `lacks` each of those.
 *
 * @category Analysis
 * @example
 * const c: FiniteClass = { values: ["transfer", "license"] };
 */
export type FiniteClass = { values: unknown[] } | { except: string[] } | { has: string[]; lacks: string[] };

/**
 * A numeric input's interval in a region (an end missing: the input's own domain bound there):
 * `at` an exact decimal, `"p/q"` when it is no decimal, or a date.
 *
 * @category Analysis
 * @example
 * const iv: NumericBounds = { from: { at: "300000", closed: true }, to: { at: "500000", closed: false } };
 */
export interface NumericBounds {
  /** The lower end and whether the region includes it. */
  from?: { at: string; closed: boolean };
  /** The upper end and whether the region includes it. */
  to?: { at: string; closed: boolean };
}

/**
 * A value on a region, as plain data: a constant as a decision shows it, or `Σ terms[input] × input +
 * constant` then the rounding steps (exact rationals as text), or a date input plus days (then shifted).
 *
 * @category Analysis
 * @example
 * const v: RegionValueView = { kind: "affine", terms: { contractAmount: "0.15" }, constant: "0", rounding: [{ places: 2, mode: "half-up" }] };
 */
export type RegionValueView =
  | { kind: "constant"; value: OutcomeValue }
  | { kind: "affine"; terms: Record<string, string>; constant: string; rounding: Rounding[] }
  | { kind: "date"; input: string; days: string; shift?: { unit: "months" | "years"; n: number } };

/**
 * A region as plain data and in words.
 *
 * @category Analysis
 * @example
 * region.text.en //=> "contractAmount in [300,000.00, 500,000.00); transferMode ∈ {transfer, license}; …"
 */
export interface RegionDescription {
  /** Each finite input's class, where it is restricted. */
  finite: Record<string, FiniteClass>;
  /** Each numeric input's interval, where it is restricted within its domain. */
  bounds: Record<string, NumericBounds>;
  /** Constraints relating several numeric inputs, in words (`indirectCost − 0.3 × directCost + 0.3 × equipmentCost ≤ 0`). */
  relations: string[];
  /** The whole region in words; "every input" for the whole space. */
  text: { en: string; zh: string };
}

/** The type's own formatting as a rounding step (money: half-up to the fen), if it has one. */
const TYPE_ROUNDING: Partial<Record<ValueType, Rounding>> = { money: { places: 2, mode: "half-up" } };

/**
 * The rounding steps a decision applies to a value: the rule's own, then the value type's (money is
 * shown half-up to the fen unless the rule already rounded to the fen or coarser).
 *
 * @example
 * shownRounding([], "money") //=> [{ places: 2, mode: "half-up" }]
 */
export function shownRounding(rounds: readonly Rounding[], type: ValueType): Rounding[] {
  const own = TYPE_ROUNDING[type];
  const last = rounds[rounds.length - 1];
  return own && !(last && last.places <= own.places) ? [...rounds, own] : [...rounds];
}

/**
 * A region value as plain data, formatted as the field's value type shows it.
 *
 * @example
 * valueView({ k: "const", v: true }, "boolean", "outcome.eligible") //=> { kind: "constant", value: true }
 */
export function valueView(val: RegionValue, type: ValueType, where: string): RegionValueView {
  // A field one version does not have is absent: null in the view.
  if (val.k === "const" && val.v === undefined) return { kind: "constant", value: null };
  if (val.k === "const") return { kind: "constant", value: VALUE_TYPES[type].formatOutcome(val.v, where) };
  if (val.k === "finite") return { kind: "constant", value: null };
  const input = [...val.f.c.keys()][0]!;
  if (val.k === "shift") return { kind: "date", input, days: R.qText(val.f.k), shift: { unit: val.unit, n: val.n } };
  if (val.repr === "date") return { kind: "date", input, days: R.qText(val.f.k) };
  return { kind: "affine", terms: Object.fromEntries([...val.f.c].map(([x, c]) => [x, R.qText(c)])), constant: R.qText(val.f.k), rounding: shownRounding(val.rounds, type) };
}

// ——— numbers and forms in words ———

/** A rational for people: a grouped decimal, or `p/q (≈ d)` when it is no finite decimal. */
function qWords(v: Q, money: boolean): string {
  if (!R.isDecimal(v)) return `${v.num}/${v.den} (≈ ${groupDigits(R.toDec(R.roundQ(v, 6, "half-even")).toFixed())})`;
  const d = R.toDec(v);
  return groupDigits(money && d.decimalPlaces() <= 2 ? d.toFixed(2) : d.toFixed());
}

/** An input's value for people: money with two decimals, a date as a date, other numbers grouped. */
export function inputWords(spec: InputSpec, v: Q): string {
  if (spec.type === "date") return R.isDecimal(v) && v.den === 1n ? isoOf(Number(v.num)) : `day ${R.qText(v)}`;
  return qWords(v, spec.type === "money");
}

/** A coefficient for people: a percentage when it is one below 1 (`5%`), else the decimal. */
function coefficientWords(c: Q): string {
  const abs = R.sign(c) < 0 ? R.neg(c) : c;
  if (R.isDecimal(abs) && R.cmp(abs, R.ONE) < 0) return formatPercent(R.toDec(abs).toFixed());
  return qWords(abs, false);
}

/**
 * A linear form for people: `15% × contractAmount`, `5% × (contractAmount − 1,000,000)`,
 * `30% × directCost − 30% × equipmentCost`, `45,000`.
 *
 * @example
 * formWords({ c: new Map([["contractAmount", q("0.05")]]), k: q(-50000) }, inputs) //=> "5% × (contractAmount − 1,000,000.00)"
 */
export function formWords(f: Lin, inputs: Readonly<Record<string, InputSpec>>, type?: ValueType): string {
  const money = type === "money";
  if (isConstant(f)) return qWords(f.k, money);
  const terms = [...f.c];
  if (terms.length === 1 && !R.isZero(f.k)) {
    // c·x + k = c·(x + k/c): the rate of the amount above (or below) a point, as texts read.
    const [x, c] = terms[0]!;
    const shift = R.div(f.k, c);
    const spec = inputs[x];
    const inner = `${x} ${R.sign(shift) < 0 ? "−" : "+"} ${spec ? inputWords(spec, R.sign(shift) < 0 ? R.neg(shift) : shift) : qWords(shift, false)}`;
    if (R.eq(c, R.ONE) || R.eq(c, R.neg(R.ONE))) return R.sign(c) < 0 ? `−(${inner})` : inner;
    return `${R.sign(c) < 0 ? "−" : ""}${coefficientWords(c)} × (${inner})`;
  }
  const parts = terms.map(([x, c], i) => `${i === 0 ? (R.sign(c) < 0 ? "−" : "") : R.sign(c) < 0 ? " − " : " + "}${R.eq(c, R.ONE) || R.eq(c, R.neg(R.ONE)) ? "" : `${coefficientWords(c)} × `}${x}`);
  const k = R.isZero(f.k) ? "" : `${R.sign(f.k) < 0 ? " − " : " + "}${qWords(R.sign(f.k) < 0 ? R.neg(f.k) : f.k, money)}`;
  return parts.join("") + k;
}

/**
 * A region value for people: a constant as a report shows it, or its formula (`15% × contractAmount`,
 * rounded as said when the rule rounds).
 *
 * @example
 * valueWords({ k: "const", v: true }, "boolean", inputs) //=> { en: "yes", zh: "是" }
 */
export function valueWords(val: RegionValue, type: ValueType, inputs: Readonly<Record<string, InputSpec>>): { en: string; zh: string } {
  if (val.k === "const" && val.v === undefined) return { en: "(absent)", zh: "(无)" };
  if (val.k === "const") {
    const shown = VALUE_TYPES[type].formatOutcome(val.v, "value");
    if (typeof shown === "boolean") return shown ? { ...VALUE_WORDS.yes } : { ...VALUE_WORDS.no };
    const text = shown === null ? "null" : Array.isArray(shown) ? `[${shown.join(", ")}]` : VALUE_TYPES[type].outcomeText(String(shown));
    return { en: text, zh: text };
  }
  if (val.k === "finite") return { en: `the value of ${val.input}`, zh: `${val.input} 的值` };
  if (val.k === "shift") {
    const text = `${formWords(val.f, inputs)} + ${val.n} ${val.unit}`;
    return { en: text, zh: `${formWords(val.f, inputs)} 加 ${val.n} ${val.unit === "years" ? "年" : "个月"}` };
  }
  const form = formWords(val.f, inputs, type);
  const own = val.rounds.map((r) => ` rounded to ${r.places} places (${r.mode})`).join("");
  const ownZh = val.rounds.map((r) => `,按 ${r.mode} 取 ${r.places} 位小数`).join("");
  return { en: form + own, zh: form + ownZh };
}

// ——— regions in words ———

function finiteClass(set: FiniteSet): FiniteClass {
  if (set.kind === "values") return { values: [...set.values] };
  if (set.kind === "except") return { except: [...set.except] };
  return { has: [...set.has], lacks: [...set.lacks] };
}

function classWords(input: string, set: FiniteClass): { en: string; zh: string } {
  const show = (v: unknown) => String(v);
  if ("values" in set) {
    const text = set.values.length === 1 ? `${input} = ${show(set.values[0])}` : `${input} ∈ {${set.values.map(show).join(", ")}}`;
    return { en: text, zh: text };
  }
  if ("except" in set) {
    const text = set.except.length === 1 ? `${input} ≠ ${set.except[0]}` : `${input} ∉ {${set.except.join(", ")}}`;
    return { en: text, zh: text };
  }
  const en = [...(set.has.length ? [`${input} contains ${set.has.join(", ")}`] : []), ...(set.lacks.length ? [`${input} contains none of ${set.lacks.join(", ")}`] : [])];
  const zh = [...(set.has.length ? [`${input} 包含 ${set.has.join("、")}`] : []), ...(set.lacks.length ? [`${input} 不含 ${set.lacks.join("、")}`] : [])];
  return { en: en.join(" and "), zh: zh.join(" 且 ") };
}

/**
 * The order signs of the region texts. Written as escapes: a `">"` literal outside src/ops reads as the
 * name of the loose-ordering operation to tests/ops/registry.test.ts, which keeps operation names in one place.
 */
const SIGN = Object.freeze({ above: "\u003e", below: "\u003c", atLeast: "≥", atMost: "≤" });

/**
 * The constraints without those the others imply (each inequality whose complement is infeasible with
 * the rest is dropped): what a reader needs, not the path that found the region.
 *
 * @example
 * essential([x ≥ 1, x ≥ 0]) //=> [x ≥ 1]
 */
export function essential(cons: readonly Constraint[]): Constraint[] {
  let kept = [...cons];
  for (const con of cons) {
    if (con.rel === "eq" || con.f.c.size < 2) continue;
    const others = kept.filter((c) => c !== con);
    const complement: Constraint = { f: scaleLin(con.f, R.neg(R.ONE)), rel: con.rel === "ge" ? "gt" : "ge" };
    if (!feasible([...others, complement])) kept = others;
  }
  return kept;
}

/**
 * A constraint between several inputs for people, solved for its first input:
 * `indirectCost ≤ 30% × directCost − 30% × equipmentCost`, `equipmentCost ≤ directCost`.
 *
 * @example
 * relationWords({ f: −indirect + 0.3·direct − 0.3·equipment, rel: "ge" }, inputs) //=> "indirectCost ≤ 30% × directCost − 30% × equipmentCost"
 */
export function relationWords(con: Constraint, inputs: Readonly<Record<string, InputSpec>>): string {
  const [x, c] = [...con.f.c][0]!;
  // c·x + g ≥ 0  ⟺  x ≥ −g/c (c > 0), x ≤ −g/c (c < 0).
  const rest: Lin = { c: new Map([...con.f.c].filter(([n]) => n !== x)), k: con.f.k };
  const other = scaleLin(rest, R.neg(R.div(R.ONE, c)));
  const up = R.sign(c) > 0;
  const rel = con.rel === "eq" ? "=" : con.rel === "gt" ? (up ? SIGN.above : SIGN.below) : up ? SIGN.atLeast : SIGN.atMost;
  return `${x} ${rel} ${formWords(other, inputs, inputs[x]?.type)}`;
}

/** Whether a finite class is the input's whole domain (nothing said). */
function unrestricted(set: FiniteSet, spec: InputSpec): boolean {
  if (set.kind === "values") return spec.type === "boolean" ? set.values.length === 2 : set.values.length === Object.keys(spec.values ?? {}).length && spec.type === "enum";
  if (set.kind === "except") return set.except.length === 0;
  return set.has.length === 0 && set.lacks.length === 0;
}

function sameEnd(a: End | undefined, b: End | undefined): boolean {
  return (!a && !b) || (!!a && !!b && R.eq(a.at, b.at) && a.closed === b.closed);
}

function intervalWords(x: string, spec: InputSpec, b: { lo?: End; hi?: End }): { en: string; zh: string } {
  const w = (v: Q) => inputWords(spec, v);
  if (b.lo && b.hi && R.eq(b.lo.at, b.hi.at)) return { en: `${x} = ${w(b.lo.at)}`, zh: `${x} = ${w(b.lo.at)}` };
  if (b.lo && b.hi) {
    const text = `${x} in ${b.lo.closed ? "[" : "("}${w(b.lo.at)}, ${w(b.hi.at)}${b.hi.closed ? "]" : ")"}`;
    return { en: text, zh: text.replace(" in ", " ∈ ") };
  }
  const lo = b.lo && `${x} ${b.lo.closed ? SIGN.atLeast : SIGN.above} ${w(b.lo.at)}`;
  const hi = b.hi && `${x} ${b.hi.closed ? SIGN.atMost : SIGN.below} ${w(b.hi.at)}`;
  if (lo) return { en: lo, zh: lo };
  if (hi) return { en: hi, zh: hi };
  return { en: "", zh: "" };
}

function endView(spec: InputSpec, e: End): { at: string; closed: boolean } {
  return { at: spec.type === "date" && e.at.den === 1n ? isoOf(Number(e.at.num)) : R.qText(e.at), closed: e.closed };
}

/**
 * A region as plain data and in words, against the version's inputs and the whole space it came from
 * (bounds equal to the domain's are not repeated).
 *
 * @example
 * describeRegion(version, region, whole).text.en //=> "contractAmount in [300,000.00, 500,000.00); transferMode ∈ {transfer, license}"
 */
export function describeRegion(version: LoadedRuleVersion, region: Region, whole: Region): RegionDescription {
  const inputs = version.file.inputs;
  const finite: Record<string, FiniteClass> = {};
  const bounds: Record<string, NumericBounds> = {};
  const relations: string[] = [];
  const en: string[] = [];
  const zh: string[] = [];
  for (const [x, spec] of Object.entries(inputs)) {
    const set = region.finite.get(x);
    if (set) {
      if (unrestricted(set, spec)) continue;
      finite[x] = finiteClass(set);
      continue;
    }
    const b = boundsOf(region.cons, x);
    const d = boundsOf(whole.cons, x);
    const shown = { ...(b.lo && !sameEnd(b.lo, d.lo) && { lo: b.lo }), ...(b.hi && !sameEnd(b.hi, d.hi) && { hi: b.hi }) };
    if (!shown.lo && !shown.hi) continue;
    // A point or an interval closed on both sides reads best with both ends.
    const full = shown.lo && !shown.hi && b.hi ? { lo: shown.lo, hi: b.hi } : !shown.lo && shown.hi && b.lo && R.sign(b.lo.at) !== 0 ? { lo: b.lo, hi: shown.hi } : shown;
    bounds[x] = { ...(full.lo && { from: endView(spec, full.lo) }), ...(full.hi && { to: endView(spec, full.hi) }) };
    const words = intervalWords(x, spec, full.lo && full.hi && R.eq(full.lo.at, full.hi.at) ? full : shown);
    en.push(words.en);
    zh.push(words.zh);
  }
  for (const [x, set] of Object.entries(finite)) {
    const words = classWords(x, set);
    en.push(words.en);
    zh.push(words.zh);
  }
  for (const con of essential(region.cons)) {
    if (con.f.c.size < 2) continue;
    const text = relationWords(con, inputs);
    if (relations.includes(text)) continue;
    relations.push(text);
    en.push(text);
    zh.push(text);
  }
  return { finite, bounds, relations, text: en.length ? { en: en.join("; "), zh: zh.join(";") } : { en: "every input", zh: "所有输入" } };
}

// ——— witnesses ———

/** The grid step of a numeric input: the fen for money, one for integers and days; none for other decimals. */
function gridOf(spec: InputSpec): Q | undefined {
  if (spec.type === "date") return R.ONE;
  const fixed = VALUE_TYPES[spec.type].probe.fixedStep;
  return fixed === undefined ? undefined : R.q(fixed);
}

function inside(v: Q, lo: End | undefined, hi: End | undefined): boolean {
  if (lo && (R.cmp(v, lo.at) < 0 || (R.eq(v, lo.at) && !lo.closed))) return false;
  if (hi && (R.cmp(v, hi.at) > 0 || (R.eq(v, hi.at) && !hi.closed))) return false;
  return true;
}

/**
 * How a witness chooses each value within what the region leaves it: the grid value nearest the lower
 * end (the region's first value, best read), nearest the middle, or nearest the upper end; else a short
 * decimal, else the middle. A region of several inputs may have no grid point near its lower corner
 * (indirect ∈ (0.002, 0.003] when direct = 0.01) but one elsewhere: the strategies are tried in turn.
 */
type Strategy = "low" | "middle" | "high";

function pickOnGrid(inputs: Readonly<Record<string, InputSpec>>, strategy: Strategy = "low") {
  return (x: string, lo: End | undefined, hi: End | undefined): Q => {
    const spec = inputs[x];
    const steps = spec && gridOf(spec) ? [gridOf(spec)!] : Array.from({ length: 21 }, (_, i) => R.frac(1n, 10n ** BigInt(i)));
    for (const step of steps) {
      const candidates: Q[] = [];
      if (strategy === "middle" && lo && hi) {
        const mid = R.toStep(R.div(R.add(lo.at, hi.at), R.q(2)), step, false);
        candidates.push(mid, R.add(mid, step));
      } else if (strategy === "high" && hi) {
        const down = R.toStep(hi.at, step, false);
        candidates.push(down, R.sub(down, step));
      } else if (lo) {
        const up = R.toStep(lo.at, step, true);
        candidates.push(up, R.add(up, step));
      } else if (hi) {
        const down = R.toStep(hi.at, step, false);
        candidates.push(down, R.sub(down, step));
      } else candidates.push(R.ZERO);
      const found = candidates.find((v) => inside(v, lo, hi));
      if (found) return found;
    }
    if (lo && hi) return R.eq(lo.at, hi.at) ? lo.at : R.div(R.add(lo.at, hi.at), R.q(2));
    return lo ? R.add(lo.at, R.ONE) : hi ? R.sub(hi.at, R.ONE) : R.ZERO;
  };
}

/** A text for "every other text": one the input's pattern accepts and no constant named equals, if one is found. */
function otherText(spec: InputSpec, except: readonly string[]): string | undefined {
  const pattern = spec.pattern === undefined ? undefined : new RegExp(spec.pattern, "u");
  const candidates = ["other", "elsewhere", "x", "zz", "a", "OTHER", "X", "0", "other-1", "z9"];
  return candidates.find((c) => !except.includes(c) && (!pattern || pattern.test(c)));
}

/**
 * Concrete facts inside a region, as facts are written (money with two decimals, integers as numbers,
 * dates as dates), on the inputs' grids where the region has a grid point near its lower ends; the
 * numeric point too. `onGrid` is false when a value had to be taken off its grid (the engine may then
 * refuse the facts).
 *
 * @example
 * witnessOf(version.file.inputs, region)?.facts //=> { contractAmount: "300000.00", transferMode: "transfer", … }
 */
export function witnessOf(inputs: Readonly<Record<string, InputSpec>>, region: Region): { facts: Record<string, unknown>; point: Map<string, Q>; onGrid: boolean } | undefined {
  let first: ReturnType<typeof witnessWith>;
  for (const strategy of ["low", "middle", "high"] as const) {
    const w = witnessWith(inputs, region, strategy);
    if (w?.onGrid) return w;
    first ??= w;
  }
  return first;
}

function witnessWith(inputs: Readonly<Record<string, InputSpec>>, region: Region, strategy: Strategy): { facts: Record<string, unknown>; point: Map<string, Q>; onGrid: boolean } | undefined {
  const point = solve(region.cons, pickOnGrid(inputs, strategy));
  if (point === undefined) return undefined;
  const facts: Record<string, unknown> = {};
  let onGrid = true;
  for (const [x, spec] of Object.entries(inputs)) {
    const set = region.finite.get(x);
    if (set) {
      if (set.kind === "values") facts[x] = set.values[0];
      else if (set.kind === "list") facts[x] = [...set.has];
      else {
        const text = otherText(spec, set.except);
        if (text === undefined) return undefined;
        facts[x] = text;
      }
      continue;
    }
    const v = point.get(x) ?? pickOnGrid(inputs)(x, boundsOf(region.cons, x).lo, boundsOf(region.cons, x).hi);
    point.set(x, v);
    const step = gridOf(spec);
    if ((step && !R.isZero(R.sub(v, R.toStep(v, step, false)))) || !R.isDecimal(v)) onGrid = false;
    // Off the grid the value is written exactly (the engine may refuse it), never rounded onto the grid.
    facts[x] = spec.type === "date" ? isoOf(Number(v.num / v.den)) : spec.type === "integer" ? Number(v.num / v.den) : R.isDecimal(v) ? (spec.type === "money" && onGrid ? R.toDec(v).toFixed(2) : R.toDec(v).toFixed()) : R.qText(v);
  }
  return { facts, point, onGrid };
}

/**
 * The value a region value gives at a witness, as the decision shows it.
 *
 * @example
 * shownAt({ k: "lin", f: 0.15·x, repr: "dec", rounds: [] }, "money", witness) //=> "45000.00"
 */
export function shownAt(val: RegionValue, type: ValueType, witness: { facts: Record<string, unknown>; point: ReadonlyMap<string, Q> }, where: string): OutcomeValue {
  if (val.k === "const" && val.v === undefined) return null;
  return VALUE_TYPES[type].formatOutcome(valueAtPoint(val, witness.point, (x) => witness.facts[x]), where);
}
