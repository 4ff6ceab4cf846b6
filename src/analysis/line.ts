import { Dec, type RoundingMode } from "../exact/decimal.js";
import { DIVISION_SIGNIFICANT_DIGITS, FIRST_DATE, LAST_DATE, MAX_INPUT_FRACTION_DIGITS, MAX_INPUT_INTEGER_DIGITS } from "../exact/limits.js";
import type { LogicNode } from "../logic/tree.js";
import { operandNodes } from "../logic/tree.js";
import type { EvalEnv, Operation, SymbolicForm } from "../ops/index.js";
import { readVar } from "../ops/references.js";
import { truthy } from "../ops/truthy.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { dayOf, isDate, isoOf } from "./days.js";
import { NotAnalysableError } from "./errors.js";
import { adjacent, before, intersect, splitAt, splitRay, type Interval } from "./interval.js";
import * as R from "./rational.js";
import type { Q } from "./rational.js";

/*
 * The symbolic evaluation of a rule version along ONE input, the other facts fixed: every expression
 * becomes a piecewise function of that input x on the real line — pieces (intervals) on each of which
 * the value is a constant, an affine function a·x + b with exact rational coefficients (optionally
 * followed by exact rounding steps), or a date shifted by whole months or years. Comparisons, min/max,
 * `if`, and/or split pieces at exact breakpoints. Nothing is sampled: where an operation has no exact
 * symbolic form the whole analysis stops with a NotAnalysableError naming it and its pointer.
 *
 * Each operation is read through its descriptor's `symbolic` form (ops/operation.ts); when every
 * operand of an eager operation is constant on a piece, the descriptor's own exact `evaluate` gives the
 * constant (that is the engine's definition of the operation on values; what the analysis adds is how
 * values that vary with x behave).
 */

/**
 * A rounding step `round(v, places, mode)` applied to an affine value (a rule's `jjj.round`, or the
 * value type's own: money is shown half-up to the fen).
 *
 * @category Analysis
 * @example
 * const fen: Rounding = { places: 2, mode: "half-up" };
 */
export interface Rounding {
  /** Decimal places, 0–20. */
  readonly places: number;
  /** The mode, as `jjj.round` names it. */
  readonly mode: RoundingMode;
}

/**
 * What a piece's value is, as a function of the input x.
 * - `const`: the value the engine would compute (a decimal.js value, a number, a string, a list …);
 * - `lin`: `a·x + b` (a ≠ 0), then the `rounds` in order; `repr` says what the engine holds: a decimal
 *   (`dec`), a JS number (an integer input as it is), or a date (x and b in days);
 * - `shift`: the date `a·x + b` (days) plus `n` months or years (monotone, not affine).
 *
 * @example
 * const tenPercent: Sym = { k: "lin", a: q("0.1"), b: ZERO, repr: "dec", rounds: [] };
 * An `inexact` affine value is a quotient the engine rounds to 40 significant digits (a divisor whose
 * inverse is no finite decimal): it may only be rounded or compared with a constant, and only where
 * that rounding provably cannot change the result (see `inexactIsSafe`).
 */
export type Sym =
  | { readonly k: "const"; readonly v: unknown }
  | { readonly k: "lin"; readonly a: Q; readonly b: Q; readonly repr: "dec" | "number" | "date"; readonly rounds: readonly Rounding[]; readonly inexact?: true }
  | { readonly k: "shift"; readonly a: Q; readonly b: Q; readonly unit: "months" | "years"; readonly n: number };

/**
 * A piece: an interval of x and the value on it.
 *
 * @example
 * const below: Piece = { iv: { hi: { at: q("500000"), closed: false } }, val: { k: "const", v: false } };
 */
export interface Piece {
  readonly iv: Interval;
  readonly val: Sym;
}

/**
 * A piecewise function of x: disjoint pieces in order along the line.
 *
 * @example
 * line.outcome.get("eligible") // a Piecewise
 */
export type Piecewise = readonly Piece[];

/**
 * How the engine holds the input x: a decimal (money, decimal, rate), a JS number (integer), a date.
 *
 * @example
 * lineKind("integer") //=> "number"
 */
export type LineKind = "dec" | "number" | "date";

/**
 * The symbolic evaluation of a version along one input: the applicable test, each condition (as the
 * engine records it: a boolean) and each outcome field (its raw value, before the value type's
 * formatting), as piecewise functions of the input over its domain.
 *
 * @example
 * const line = analyseLine(version, data, "2025-06-01", "contractAmount");
 * line.outcome.get("eligible") // pieces: [0, 500000) → false, [500000, …] → true
 */
export interface Line {
  readonly input: string;
  readonly kind: LineKind;
  readonly domain: Interval;
  readonly applicable: Piecewise;
  readonly conditions: ReadonlyMap<string, Piecewise>;
  readonly outcome: ReadonlyMap<string, Piecewise>;
}

/** The numeric value types, and how the engine holds their facts. */
const NUMERIC_KINDS: Readonly<Record<string, LineKind>> = { money: "dec", decimal: "dec", rate: "dec", integer: "number", date: "date" };

/**
 * The line kind of an input type, or undefined when the input is not on a line (enum, boolean, text, list).
 *
 * @example
 * lineKind("money") //=> "dec"
 * lineKind("enum") //=> undefined
 */
export function lineKind(type: string): LineKind | undefined {
  return Object.hasOwn(NUMERIC_KINDS, type) ? NUMERIC_KINDS[type] : undefined;
}

interface Ctx {
  readonly version: LoadedRuleVersion;
  readonly data: Record<string, unknown>;
  readonly x: string;
  readonly kind: LineKind;
  readonly env: EvalEnv;
  readonly conditions: Map<string, Piecewise>;
  readonly outcome: Map<string, Piecewise>;
  /** The expression being analysed, for the pointer in a NotAnalysableError. */
  where: string;
  /** Where the engine computes at all: a date shift past the engine's dates refuses the facts. */
  computable: Interval;
  /** The most pieces an expression may have ({@link MAX_LINE_PIECES}). */
  readonly maxPieces: number;
}

function fail(ctx: Ctx, node: LogicNode | undefined, reason: string, reasonZh: string): never {
  const op = node?.op?.name;
  throw new NotAnalysableError(ctx.version.file.id, op, `${ctx.where}#${node?.pointer ?? ""}`, reason, reasonZh);
}

const constant = (v: unknown): Sym => ({ k: "const", v });

/** An affine value, or the constant it is when a = 0. */
function lin(a: Q, b: Q, repr: "dec" | "number" | "date", rounds: readonly Rounding[] = []): Sym {
  if (!R.isZero(a)) return { k: "lin", a, b, repr, rounds };
  return constant(constantOf(b, repr, rounds));
}

/**
 * The engine's value of the constant b (rounded as said): a date text, a JS number or a decimal.
 *
 * @example
 * constantOf(q("0.5"), "dec", []).toString() //=> "0.5"
 */
export function constantOf(b: Q, repr: "dec" | "number" | "date", rounds: readonly Rounding[]): unknown {
  if (repr === "date") return isoOf(Number(b.num / b.den));
  if (repr === "number" && rounds.length === 0 && b.den === 1n) return Number(b.num);
  return R.toDec(applyRounds(b, rounds));
}

/**
 * A rational after the rounding steps, in order.
 *
 * @example
 * applyRounds(q("1.005"), [{ places: 2, mode: "half-up" }]) //=> q("1.01")
 */
export function applyRounds(v: Q, rounds: readonly Rounding[]): Q {
  return rounds.reduce((x, r) => R.roundQ(x, r.places, r.mode), v);
}

/**
 * The exact value of a piece's value at x, as the engine holds it (a decimal, a number, a date …).
 *
 * @example
 * valueAt({ k: "lin", a: q("0.1"), b: ZERO, repr: "dec", rounds: [] }, q("500000")).toString() //=> "50000"
 */
export function valueAt(val: Sym, x: Q): unknown {
  if (val.k === "const") return val.v;
  const v = R.add(R.mul(val.a, x), val.b);
  if (val.k === "lin") return constantOf(v, val.repr, val.rounds);
  return shiftDay(Number(v.num / v.den), val.unit, val.n);
}

/**
 * A numeric constant as a rational, or undefined for a value that is not one.
 *
 * @example
 * numeric("2.5") //=> q("2.5")
 */
export function numeric(v: unknown): Q | undefined {
  if (v instanceof Dec) return R.q(v);
  if (typeof v === "number" && Number.isFinite(v)) return R.q(v);
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return R.q(v);
  return undefined;
}

/** A piece's value as an affine function (a, b) of x, when it is a plain affine decimal or a numeric constant. */
function affine(val: Sym): { a: Q; b: Q } | undefined {
  if (val.k === "lin" && val.repr !== "date" && val.rounds.length === 0 && !val.inexact) return { a: val.a, b: val.b };
  if (val.k === "const") {
    const b = numeric(val.v);
    return b === undefined ? undefined : { a: R.ZERO, b };
  }
  return undefined;
}

/** A date value as an affine function of x in days, when it is x-plus-days or a constant date. */
function dateAffine(val: Sym): { a: Q; b: Q } | undefined {
  if (val.k === "lin" && val.repr === "date") return { a: val.a, b: val.b };
  if (val.k === "const" && isDate(val.v)) return { a: R.ZERO, b: R.q(dayOf(val.v)) };
  return undefined;
}

// ——— pieces ———

function restrict(pw: Piecewise, iv: Interval): Piece[] {
  const out: Piece[] = [];
  for (const p of pw) {
    const i = intersect(p.iv, iv);
    if (i) out.push({ iv: i, val: p.val });
  }
  return out;
}

/** The common refinement of several piecewise functions over `iv`: each cell with every function's value on it. */
function refine(pws: readonly Piecewise[], iv: Interval): { iv: Interval; vals: Sym[] }[] {
  let cells: { iv: Interval; vals: Sym[] }[] = [{ iv, vals: [] }];
  for (const pw of pws) {
    const next: { iv: Interval; vals: Sym[] }[] = [];
    for (const cell of cells) for (const p of restrict(pw, cell.iv)) next.push({ iv: p.iv, vals: [...cell.vals, p.val] });
    cells = next;
  }
  return cells;
}

function sameSym(a: Sym, b: Sym): boolean {
  if (a.k === "const" && b.k === "const") {
    if (a.v instanceof Dec && b.v instanceof Dec) return a.v.eq(b.v);
    if (Array.isArray(a.v) && Array.isArray(b.v)) return JSON.stringify(a.v) === JSON.stringify(b.v);
    return a.v === b.v;
  }
  if (a.k === "lin" && b.k === "lin") {
    return R.eq(a.a, b.a) && R.eq(a.b, b.b) && a.repr === b.repr && JSON.stringify(a.rounds) === JSON.stringify(b.rounds);
  }
  if (a.k === "shift" && b.k === "shift") return R.eq(a.a, b.a) && R.eq(a.b, b.b) && a.unit === b.unit && a.n === b.n;
  return false;
}

/**
 * Pieces sorted along the line, neighbours with the same value joined: the fewest breakpoints.
 *
 * @example
 * normalise([{ iv: [5, ∞), val: c }, { iv: [0, 5), val: c }]) //=> [{ iv: [0, ∞), val: c }]
 */
export function normalise(pieces: readonly Piece[]): Piece[] {
  const sorted = [...pieces].sort((p, r) => (before(p.iv, r.iv) ? -1 : before(r.iv, p.iv) ? 1 : 0));
  const out: Piece[] = [];
  for (const p of sorted) {
    const last = out[out.length - 1];
    if (last && adjacent(last.iv, p.iv) && sameSym(last.val, p.val)) out[out.length - 1] = { iv: { lo: last.iv.lo, hi: p.iv.hi }, val: p.val };
    else out.push(p);
  }
  return out;
}

// ——— signs and truthiness ———

type Sign = -1 | 0 | 1;

/** Where `a·x + b` is negative, zero and positive within `iv`. */
function signsOfAffine(a: Q, b: Q, iv: Interval): { iv: Interval; sign: Sign }[] {
  if (R.isZero(a)) return [{ iv, sign: R.sign(b) }];
  const root = R.neg(R.div(b, a));
  const { below, at, above } = splitAt(iv, root);
  const up = R.sign(a) > 0;
  const out: { iv: Interval; sign: Sign }[] = [];
  if (below) out.push({ iv: below, sign: up ? -1 : 1 });
  if (at) out.push({ iv: at, sign: 0 });
  if (above) out.push({ iv: above, sign: up ? 1 : -1 });
  return out;
}

/**
 * Where the monotone step function `g = rounds(v)` reaches the constant c: the least v with g(v) ≥ c
 * (`strict`: g(v) > c), as the start of an up-ray `{ at, closed }` of v; undefined when the bisection
 * could not bracket it (the caller reports it as not analysable). `{v : g(v) ≥ c}` is an up-ray since g is
 * non-decreasing; it starts at a multiple of h, half a unit of the finest rounding, where g jumps.
 *
 * @example
 * roundedRay([{ places: 2, mode: "half-up" }], q("0.01"), false) //=> { at: q("0.005"), closed: true }
 */
export function roundedRay(rounds: readonly Rounding[], c: Q, strict: boolean): { at: Q; closed: boolean } | undefined {
  const places = Math.max(...rounds.map((r) => r.places));
  const h = R.frac(1n, 2n * 10n ** BigInt(places));
  const g = (v: Q) => applyRounds(v, rounds);
  const holds = (v: Q) => (strict ? R.cmp(g(v), c) > 0 : R.cmp(g(v), c) >= 0);
  // Each rounding moves a value by less than one unit (≤ 1): the start lies within c ± (steps + 1).
  const reach = R.q(rounds.length + 1);
  let lo = R.toStep(R.div(R.sub(c, reach), h), R.ONE, false).num; // multiples m·h, m in [lo, hi]
  let hi = R.toStep(R.div(R.add(c, reach), h), R.ONE, true).num;
  // Between two multiples g is constant: test the middle of a cell.
  const cellHolds = (m: bigint) => holds(R.add(R.mul(R.q(m), h), R.frac(h.num, h.den * 2n)));
  if (cellHolds(lo) || !cellHolds(hi)) return undefined;
  while (hi - lo > 1n) {
    const mid = (lo + hi) / 2n;
    if (cellHolds(mid)) hi = mid;
    else lo = mid;
  }
  const start = R.mul(R.q(hi), h);
  return { at: start, closed: holds(start) };
}

/** Where the monotone step function `rounds(a·x + b)` is below, equal to and above the constant c. */
function signsOfRounded(ctx: Ctx, node: LogicNode, a: Q, b: Q, rounds: readonly Rounding[], c: Q, iv: Interval): { iv: Interval; sign: Sign }[] {
  const ray = (strict: boolean) => roundedRay(rounds, c, strict) ?? fail(ctx, node, "a rounding step the analysis could not bracket", "无法界定取整的跳变点");
  const ge = ray(false);
  const gt = ray(true);
  // In x: v ≥ s ⟺ x ≥ (s − b)/a when a > 0, x ≤ (s − b)/a when a < 0.
  const toX = (s: Q) => R.div(R.sub(s, b), a);
  const out: { iv: Interval; sign: Sign }[] = [];
  if (R.sign(a) > 0) {
    const first = splitRay(iv, toX(ge.at), ge.closed);
    if (first.before) out.push({ iv: first.before, sign: -1 });
    if (first.from) {
      const second = splitRay(first.from, toX(gt.at), gt.closed);
      if (second.before) out.push({ iv: second.before, sign: 0 });
      if (second.from) out.push({ iv: second.from, sign: 1 });
    }
  } else {
    // v ≥ s ⟺ x ≤ t: the part above t (open if the ray is closed) is below c.
    const first = splitRay(iv, toX(ge.at), !ge.closed);
    if (first.from) out.push({ iv: first.from, sign: -1 });
    if (first.before) {
      const second = splitRay(first.before, toX(gt.at), !gt.closed);
      if (second.from) out.push({ iv: second.from, sign: 0 });
      if (second.before) out.push({ iv: second.before, sign: 1 });
    }
  }
  return out;
}

/** The day numbers of the engine's first and last dates. @example FIRST_DAY < LAST_DAY //=> true */
export const FIRST_DAY = dayOf(FIRST_DATE);
/** @example isoOf(LAST_DAY) //=> "9999-12-31" */
export const LAST_DAY = dayOf(LAST_DATE);

/**
 * The day of `day` shifted by n months or years (the engine's rule: the month's last day when it has no such day).
 *
 * @example
 * shiftDay(dayOf("2024-02-29"), "years", 1) //=> "2025-02-28"
 */
export function shiftDay(day: number, unit: "months" | "years", n: number): string {
  const [y, m, d] = isoOf(day).split("-").map(Number) as [number, number, number];
  const months = y * 12 + (m - 1) + (unit === "years" ? 12 * n : n);
  const ty = Math.floor(months / 12);
  const tm = months - ty * 12;
  const t = new Date(0);
  t.setUTCFullYear(ty, tm + 1, 0); // the last day of the target month
  const last = t.getUTCDate();
  return isoOf(dayOf(`${String(ty).padStart(4, "0")}-${String(tm + 1).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`));
}

/**
 * The least whole day x with `shift(a·x + b) ≥ c` (`strict`: > c), by bisection over the engine's dates
 * (the shift by whole months or years is non-decreasing; beyond the engine's dates it throws and counts
 * as the far end).
 *
 * @example
 * leastShiftDay(ONE, ZERO, "years", 1, dayOf("2026-01-01"), false) //=> dayOf("2025-01-01")
 */
export function leastShiftDay(a: Q, b: Q, unit: "months" | "years", n: number, c: number, strict: boolean): number {
  const at = (x: number) => dayOf(shiftDay(Number(R.add(R.mul(a, R.q(x)), b).num), unit, n));
  const ok = (x: number) => (strict ? at(x) > c : at(x) >= c);
  let lo = FIRST_DAY - 1;
  let hi = LAST_DAY + 1;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    let holds: boolean;
    try {
      holds = ok(mid);
    } catch {
      holds = mid > 0;
    }
    if (holds) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** Where the shifted date `shift(x)` is before, on and after the day c (x whole days; shift is non-decreasing). */
function signsOfShift(val: Extract<Sym, { k: "shift" }>, c: number, iv: Interval): { iv: Interval; sign: Sign }[] {
  const least = (strict: boolean) => leastShiftDay(val.a, val.b, val.unit, val.n, c, strict);
  const ge = least(false);
  const gt = least(true);
  const out: { iv: Interval; sign: Sign }[] = [];
  const first = splitRay(iv, R.q(ge), true);
  if (first.before) out.push({ iv: first.before, sign: -1 });
  if (first.from) {
    const second = splitRay(first.from, R.q(gt), true);
    if (second.before) out.push({ iv: second.before, sign: 0 });
    if (second.from) out.push({ iv: second.from, sign: 1 });
  }
  return out;
}

/** Where the difference `left − right` is negative, zero, positive within `iv`. */
function signs(ctx: Ctx, node: LogicNode, left: Sym, right: Sym, dates: boolean, iv: Interval): { iv: Interval; sign: Sign }[] {
  // A quotient the engine rounds compares like the exact one with a constant, where it cannot cross it.
  const exactly = (v: Sym, other: Sym): Sym => {
    if (v.k !== "lin" || !v.inexact || v.rounds.length > 0) return v;
    const c = other.k === "const" ? numeric(other.v) : undefined;
    if (c === undefined) fail(ctx, node, "compares a quotient the engine rounds to 40 significant digits with a varying value", "比较被引擎舍入的商与随输入变化的值");
    inexactIsSafe(ctx, node, v, iv, c.den);
    return { k: "lin", a: v.a, b: v.b, repr: v.repr, rounds: [] };
  };
  [left, right] = [exactly(left, right), exactly(right, left)];
  const read = dates ? dateAffine : affine;
  const l = read(left);
  const r = read(right);
  if (l && r) return signsOfAffine(R.sub(l.a, r.a), R.sub(l.b, r.b), iv);
  const flip = (list: { iv: Interval; sign: Sign }[]) => list.map((s) => ({ iv: s.iv, sign: (-s.sign || 0) as Sign }));
  if (!dates) {
    const rounded = left.k === "lin" ? left : right.k === "lin" ? right : undefined;
    const other = rounded === left ? r : l;
    if (rounded?.k === "lin" && rounded.repr !== "date" && other && R.isZero(other.a)) {
      const list = signsOfRounded(ctx, node, rounded.a, rounded.b, rounded.rounds, other.b, iv);
      return rounded === left ? list : flip(list);
    }
    fail(ctx, node, "compares a rounded value with another value that varies", "比较两个随输入变化的值,其一经过取整");
  }
  const shifted = left.k === "shift" ? left : right.k === "shift" ? right : undefined;
  const other = shifted === left ? r : l;
  if (shifted?.k === "shift" && other && R.isZero(other.a)) {
    const list = signsOfShift(shifted, Number(other.b.num), iv);
    return shifted === left ? list : flip(list);
  }
  return fail(ctx, node, "compares dates that are not constant, the input plus days, or a shift of it against a constant", "日期比较超出可精确分析的形式");
}

/**
 * Whether a relation holds for the sign of left − right.
 *
 * @example
 * RELATIONS.gte(0) //=> true
 */
export const RELATIONS: Readonly<Record<"eq" | "gt" | "gte" | "lt" | "lte", (s: Sign) => boolean>> = {
  eq: (s) => s === 0,
  gt: (s) => s > 0,
  gte: (s) => s >= 0,
  lt: (s) => s < 0,
  lte: (s) => s <= 0,
};

/** Where a value is truthy and falsy within `iv` (JsonLogic truthiness, as the engine reads it). */
function truthiness(val: Sym, iv: Interval): { iv: Interval; truth: boolean }[] {
  if (val.k === "const") return [{ iv, truth: truthy(val.v) }];
  // A decimal.js value and a date text are always truthy; a JS number is falsy at 0.
  if (val.k === "lin" && val.repr === "number") return signsOfAffine(val.a, val.b, iv).map((s) => ({ iv: s.iv, truth: s.sign !== 0 }));
  return [{ iv, truth: true }];
}

// ——— the evaluation ———

function literalValue(node: LogicNode): unknown {
  return node.source;
}

/** The symbolic value of `node` over `iv`. */
function evaluate(ctx: Ctx, node: LogicNode, iv: Interval): Piece[] {
  const pieces = evaluateNode(ctx, node, iv);
  if (pieces.length > ctx.maxPieces) {
    fail(ctx, node, `more than ${ctx.maxPieces} pieces (MAX_LINE_PIECES; raise it with the option maxPieces)`, `分段超过 ${ctx.maxPieces} 个(MAX_LINE_PIECES;可用 maxPieces 选项调高)`);
  }
  return pieces;
}

function evaluateNode(ctx: Ctx, node: LogicNode, iv: Interval): Piece[] {
  const op = node.op;
  if (op === undefined) {
    if (Array.isArray(node.source)) return evaluateList(ctx, node, iv);
    if (node.source !== null && typeof node.source === "object") fail(ctx, node, "an unknown operation", "未知运算");
    return [{ iv, val: constant(literalValue(node)) }];
  }
  const form = op.symbolic;
  if (form === undefined) return fail(ctx, node, "the operation has no exact symbolic form", "该运算没有精确的符号形式");
  if (form.kind === "none") return fail(ctx, node, `the operation has no exact symbolic form: ${form.why.en}`, `该运算没有精确的符号形式:${form.why.zh}`);
  if (form.kind === "reference") return reference(ctx, node, op, iv);
  const operands = operandNodes(node);
  if (operands === undefined) return fail(ctx, node, "the checker did not type its operands", "其操作数未经类型检查");
  if (form.kind === "choice") return choice(ctx, operands, 0, iv);
  if (form.kind === "junction") return junction(ctx, operands, 0, form.stopsOn, iv);
  const out: Piece[] = [];
  for (const cell of refine(operands.map((o) => evaluate(ctx, o, iv)), iv)) {
    if (cell.vals.every((v) => v.k === "const")) {
      out.push({ iv: cell.iv, val: constant(concrete(ctx, node, op, cell.vals.map((v) => (v as { v: unknown }).v))) });
    } else {
      out.push(...eager(ctx, node, op, form, cell.vals, cell.iv));
    }
  }
  return normalise(out);
}

/** The engine's own evaluation of an operation on constant operands. */
function concrete(ctx: Ctx, node: LogicNode, op: Operation, args: unknown[]): unknown {
  try {
    return op.evaluate!(args, ctx.env, ctx.data);
  } catch (error) {
    return fail(ctx, node, `the engine's evaluation fails here (${(error as Error).message})`, "引擎在此求值失败");
  }
}

function evaluateList(ctx: Ctx, node: LogicNode, iv: Interval): Piece[] {
  const items = node.operands;
  if (items.length !== (node.source as unknown[]).length) fail(ctx, node, "a list the checker did not visit", "未经检查的列表");
  const out: Piece[] = [];
  for (const cell of refine(items.map((o) => evaluate(ctx, o, iv)), iv)) {
    if (!cell.vals.every((v) => v.k === "const")) fail(ctx, node, "a list whose items vary with the input", "列表元素随输入变化");
    out.push({ iv: cell.iv, val: constant(cell.vals.map((v) => (v as { v: unknown }).v)) });
  }
  return normalise(out);
}

function reference(ctx: Ctx, node: LogicNode, op: Operation, iv: Interval): Piece[] {
  const ref = node.reference;
  if (op.reference === "evaluationDate") return [{ iv, val: constant(ctx.env.on) }];
  if (ref === undefined) return fail(ctx, node, "a reference the checker did not resolve", "未解析的引用");
  switch (ref.kind) {
    case "input":
      if (ref.name === ctx.x) return [{ iv, val: { k: "lin", a: R.ONE, b: R.ZERO, repr: ctx.kind, rounds: [] } }];
      return [{ iv, val: constant(readVar(ctx.data, ref.name, (node.args ?? [])[1])) }];
    case "parameter":
      return [{ iv, val: constant(ctx.env.params[ref.name]) }];
    case "condition":
      return restrict(ctx.conditions.get(ref.name) ?? fail(ctx, node, "a condition not yet evaluated", "条件尚未求值"), iv);
    case "outcome":
      return restrict(ctx.outcome.get(ref.name) ?? fail(ctx, node, "an outcome field not yet evaluated", "结果字段尚未求值"), iv);
  }
}

/** `if [t1, v1, t2, v2, …, else]`: on each part of `iv`, the branch of the first truthy test. */
function choice(ctx: Ctx, parts: readonly LogicNode[], i: number, iv: Interval): Piece[] {
  if (i >= parts.length - 1) return i === parts.length - 1 ? evaluate(ctx, parts[i]!, iv) : [{ iv, val: constant(null) }];
  const out: Piece[] = [];
  for (const test of evaluate(ctx, parts[i]!, iv)) {
    for (const t of truthiness(test.val, test.iv)) out.push(...(t.truth ? evaluate(ctx, parts[i + 1]!, t.iv) : choice(ctx, parts, i + 2, t.iv)));
  }
  return normalise(out);
}

/** and (`stopsOn` false) / or (true): on each part, the first operand whose truthiness is `stopsOn`, else the last. */
function junction(ctx: Ctx, parts: readonly LogicNode[], i: number, stopsOn: boolean, iv: Interval): Piece[] {
  const values = evaluate(ctx, parts[i]!, iv);
  if (i === parts.length - 1) return values;
  const out: Piece[] = [];
  for (const p of values) {
    for (const t of truthiness(p.val, p.iv)) out.push(...(t.truth === stopsOn ? [{ iv: t.iv, val: p.val }] : junction(ctx, parts, i + 1, stopsOn, t.iv)));
  }
  return normalise(out);
}

/** An eager operation on one cell where some operand varies with x. */
function eager(ctx: Ctx, node: LogicNode, op: Operation, form: SymbolicForm, vals: Sym[], iv: Interval): Piece[] {
  const affines = () =>
    vals.map((v) => affine(v) ?? fail(ctx, node, v.k === "lin" && v.rounds.length > 0 ? "arithmetic on a rounded value that varies" : "arithmetic on a value that is not a decimal", v.k === "lin" && v.rounds.length > 0 ? "对随输入变化的取整值再运算" : "对非十进制数运算"));
  switch (form.kind) {
    case "sum": {
      const f = affines();
      return [{ iv, val: lin(f.reduce((s, t) => R.add(s, t.a), R.ZERO), f.reduce((s, t) => R.add(s, t.b), R.ZERO), "dec") }];
    }
    case "difference": {
      const [l, r] = affines() as [{ a: Q; b: Q }, { a: Q; b: Q }];
      return [{ iv, val: lin(R.sub(l.a, r.a), R.sub(l.b, r.b), "dec") }];
    }
    case "product": {
      const f = affines();
      if (f.filter((t) => !R.isZero(t.a)).length > 1) fail(ctx, node, "a product of two values that vary with the input (not affine)", "两个随输入变化的值相乘(非线性)");
      let a = R.ONE;
      let b = R.ONE;
      let varying: { a: Q; b: Q } | undefined;
      for (const t of f) {
        if (R.isZero(t.a)) b = R.mul(b, t.b);
        else varying = t;
      }
      a = R.mul(b, varying!.a);
      b = R.mul(b, varying!.b);
      return [{ iv, val: lin(a, b, "dec") }];
    }
    case "quotient":
      return [{ iv, val: quotient(ctx, node, affines() as [{ a: Q; b: Q }, { a: Q; b: Q }], iv) }];
    case "least":
    case "greatest":
      return extremum(affines(), form.kind === "greatest", iv);
    case "rounding": {
      const rounding = op.rounding?.((node.args ?? []).slice()) ?? fail(ctx, node, "rounding places or mode that are not literal", "取整位数或方式不是字面量");
      const v = vals[0]!;
      if (v.k !== "lin" || v.repr === "date") return fail(ctx, node, "rounds a value that is not a decimal", "对非十进制数取整");
      if (v.inexact) inexactIsSafe(ctx, node, v, iv, 2n * 10n ** BigInt(rounding.places));
      return [{ iv, val: { k: "lin", a: v.a, b: v.b, repr: "dec", rounds: [...v.rounds, rounding] } }];
    }
    case "order":
      return signs(ctx, node, vals[0]!, vals[1]!, form.values === "date", iv).map((s) => ({ iv: s.iv, val: constant(RELATIONS[form.relation](s.sign)) }));
    case "identity":
      return identity(ctx, node, vals[0]!, vals[1]!, form.negated, iv);
    case "truthiness":
      return truthiness(vals[0]!, iv).map((t) => ({ iv: t.iv, val: constant(t.truth !== form.negated) }));
    case "membership":
      return membership(ctx, node, vals[0]!, vals[1]!, iv);
    case "shift":
      return [{ iv, val: shift(ctx, node, vals[0]!, vals[1]!, form.unit, iv) }];
    default:
      return fail(ctx, node, "the operation has no exact symbolic form", "该运算没有精确的符号形式");
  }
}

/**
 * The most significant digits `jjj.div` computes exactly (exact/decimal.ts `divide`); a quotient that
 * could need more is rounded by the engine, so the analysis does not claim it.
 */
const DIVISION_DIGITS = DIVISION_SIGNIFICANT_DIGITS;

/**
 * The most pieces one expression may have along one input before the analysis stops (each comparison,
 * minimum or maximum can add a breakpoint; the shipped rules need fewer than 10). A bound on time and
 * memory for hostile rule files; raise it with the `maxPieces` option of `amountCurve` and `whatWouldChange`.
 *
 * @example
 * MAX_LINE_PIECES //=> 10000
 */
export const MAX_LINE_PIECES = 10_000;

function quotient(ctx: Ctx, node: LogicNode, [n, d]: [{ a: Q; b: Q }, { a: Q; b: Q }], iv: Interval): Sym {
  if (!R.isZero(d.a)) return fail(ctx, node, "a divisor that varies with the input (not affine)", "除数随输入变化(非线性)");
  if (R.isZero(d.b)) return fail(ctx, node, "division by zero", "除以零");
  const inverse = R.div(R.ONE, d.b);
  // The engine's quotient is exact when it is a finite decimal of at most 40 significant digits: true for
  // every x on the input's grid within the domain when 1/d is a finite decimal and the digits fit.
  const a = R.mul(n.a, inverse);
  const b = R.mul(n.b, inverse);
  if (!R.isDecimal(inverse)) return { k: "lin", a, b, repr: "dec", rounds: [], inexact: true };
  if (quotientDigits(ctx, a, b, iv) > DIVISION_DIGITS) return fail(ctx, node, `a quotient that may need more than ${DIVISION_DIGITS} significant digits`, `商可能超过 ${DIVISION_DIGITS} 位有效数字`);
  return lin(a, b, "dec");
}

/**
 * Whether the engine's quotient, rounded to 40 significant digits, gives the same result as the exact
 * rational when it is next rounded to a grid of denominator `jump` (2·10^places) or compared with a
 * constant of denominator `jump`. On the input's grid the exact value v has a denominator dividing D,
 * so a v that is not a jump point is at least 1/(D·jump) from every one; the engine's error is below
 * |v|·10^−39. When max|v|·D·jump < 10^39 over the piece, no rounding of the engine crosses a jump (and a
 * v that is a jump point is a short decimal the engine holds exactly). Otherwise: not analysable.
 */
function inexactIsSafe(ctx: Ctx, node: LogicNode, v: { a: Q; b: Q }, iv: Interval, jump: bigint): void {
  const places = gridPlaces(ctx);
  const d = R.lcm(v.a.den * 10n ** BigInt(places), v.b.den);
  const ends = [iv.lo?.at, iv.hi?.at];
  const ok =
    places < DIVISION_DIGITS &&
    ends.every((e) => e !== undefined) &&
    ends.every((e) => {
      const abs = absQ(R.add(R.mul(v.a, e!), v.b));
      return abs.num * d * jump < 10n ** BigInt(DIVISION_DIGITS - 1) * abs.den;
    });
  if (!ok) fail(ctx, node, `a quotient the engine rounds to ${DIVISION_DIGITS} significant digits, too close to where its rounding or comparison changes`, `商被引擎舍入到 ${DIVISION_DIGITS} 位有效数字,可能改变取整或比较结果`);
}

/** A bound on the significant digits of a·x + b for x on the input's grid within `iv`. */
function quotientDigits(ctx: Ctx, a: Q, b: Q, iv: Interval): number {
  const places = (v: Q) => (R.isDecimal(v) ? (R.toDec(v).decimalPlaces() ?? 0) : Infinity);
  const step = gridPlaces(ctx);
  const frac = Math.max(places(a) + step, places(b));
  const ends = [iv.lo?.at, iv.hi?.at];
  if (ends.some((e) => e === undefined)) return Infinity;
  const biggest = ends.map((e) => R.add(R.mul(a, e!), b)).reduce((m, v) => (R.cmp(absQ(v), m) > 0 ? absQ(v) : m), R.ZERO);
  const intDigits = (biggest.num / biggest.den).toString().length;
  return intDigits + frac;
}

const absQ = (v: Q) => (R.sign(v) < 0 ? R.neg(v) : v);

/** Decimal places of the input's grid: money 2, integers and days 0, other decimals their digit limit. */
function gridPlaces(ctx: Ctx): number {
  const type = ctx.version.file.inputs[ctx.x]!.type;
  return type === "money" ? 2 : ctx.kind === "dec" ? 50 : 0;
}

function extremum(f: { a: Q; b: Q }[], greatest: boolean, iv: Interval): Piece[] {
  // Fold pairwise: where the running extremum and the next operand cross, split.
  let pieces: { iv: Interval; f: { a: Q; b: Q } }[] = [{ iv, f: f[0]! }];
  for (const g of f.slice(1)) {
    const next: typeof pieces = [];
    for (const p of pieces) {
      for (const s of signsOfAffine(R.sub(p.f.a, g.a), R.sub(p.f.b, g.b), p.iv)) {
        // Ties keep the earlier operand (equal values; decimal.js returns the first).
        next.push({ iv: s.iv, f: s.sign === 0 || (s.sign > 0) === greatest ? p.f : g });
      }
    }
    pieces = next;
  }
  return normalise(pieces.map((p) => ({ iv: p.iv, val: lin(p.f.a, p.f.b, "dec") })));
}

function identity(ctx: Ctx, node: LogicNode, left: Sym, right: Sym, negated: boolean, iv: Interval): Piece[] {
  const varying = left.k === "const" ? right : left;
  const other = varying === left ? right : left;
  if (varying.k === "lin" && varying.rounds.length === 0 && other.k === "const") {
    // A decimal.js value is a fresh object: === is false. A number or a date text equals a constant of its kind at one point.
    if (varying.repr === "dec") return [{ iv, val: constant(negated) }];
    const c = varying.repr === "number" ? (typeof other.v === "number" ? R.q(other.v) : undefined) : isDate(other.v) ? R.q(dayOf(other.v)) : undefined;
    if (c === undefined) return [{ iv, val: constant(negated) }];
    return signsOfAffine(varying.a, R.sub(varying.b, c), iv).map((s) => ({ iv: s.iv, val: constant((s.sign === 0) !== negated) }));
  }
  return fail(ctx, node, "=== between values that both vary, or a varying value of another form", "=== 两侧均随输入变化");
}

function membership(ctx: Ctx, node: LogicNode, item: Sym, list: Sym, iv: Interval): Piece[] {
  if (list.k !== "const" || !Array.isArray(list.v) || item.k !== "lin" || item.rounds.length > 0) {
    return fail(ctx, node, "membership of a varying value in a varying list", "随输入变化的值属于随输入变化的列表");
  }
  if (item.repr === "dec") return [{ iv, val: constant(false) }];
  // The points where the item equals a member (=== on numbers or date texts).
  let pieces: Piece[] = [{ iv, val: constant(false) }];
  for (const m of list.v) {
    const c = item.repr === "number" ? (typeof m === "number" ? R.q(m) : undefined) : isDate(m) ? R.q(dayOf(m)) : undefined;
    if (c === undefined) continue;
    const root = R.div(R.sub(c, item.b), item.a);
    pieces = pieces.flatMap((p) => {
      const { below, at, above } = splitAt(p.iv, root);
      return [below && { iv: below, val: p.val }, at && { iv: at, val: constant(true) }, above && { iv: above, val: p.val }].filter((x): x is Piece => !!x);
    });
  }
  return normalise(pieces);
}

function shift(ctx: Ctx, node: LogicNode, date: Sym, count: Sym, unit: "days" | "months" | "years", iv: Interval): Sym {
  const d = dateAffine(date);
  // A date that varies is the input plus days (a = 1): the shift is then non-decreasing in x.
  if (!d || count.k !== "const" || typeof count.v !== "number" || !(R.eq(d.a, R.ONE) || R.isZero(d.a))) {
    return fail(ctx, node, "a date shift of a varying count, or of a value that is not a date", "日期偏移的数量随输入变化");
  }
  const n = count.v;
  // The engine refuses facts whose shifted date falls outside its dates: the analysis says nothing there.
  const fits = (x: number) => shiftFits(Number(R.add(R.mul(d.a, R.q(x)), d.b).num), unit, n);
  const lo = iv.lo ? Math.ceil(Number(iv.lo.at.num) / Number(iv.lo.at.den)) : FIRST_DAY;
  const hi = iv.hi ? Math.floor(Number(iv.hi.at.num) / Number(iv.hi.at.den)) : LAST_DAY;
  if (lo <= hi && (!fits(lo) || !fits(hi))) {
    // fits holds on one interval of days (the shift is monotone): find its ends by bisection.
    const firstFit = (from: number, to: number, want: boolean) => {
      while (to - from > 1) {
        const mid = Math.floor((from + to) / 2);
        if (fits(mid) === want) to = mid;
        else from = mid;
      }
      return to;
    };
    const some = [lo, hi, Math.floor((lo + hi) / 2)].find(fits);
    if (some === undefined) return fail(ctx, node, "a date shift the engine cannot compute anywhere here", "日期偏移超出引擎的日期范围");
    const start = fits(lo) ? lo : firstFit(lo, some, true);
    const end = fits(hi) ? hi : firstFit(some, hi, false) - 1;
    ctx.computable = intersect(ctx.computable, { lo: { at: R.q(start), closed: true }, hi: { at: R.q(end), closed: true } }) ?? fail(ctx, node, "a date shift the engine cannot compute anywhere here", "日期偏移超出引擎的日期范围");
  }
  if (unit === "days") return lin(d.a, R.add(d.b, R.q(n)), "date");
  return { k: "shift", a: d.a, b: d.b, unit, n };
}

/**
 * Whether the engine computes the day `day` shifted by n days, months or years (the result stays within its dates).
 *
 * @example
 * shiftFits(dayOf("9999-06-01"), "years", 1) //=> false
 */
export function shiftFits(day: number, unit: "days" | "months" | "years", n: number): boolean {
  if (unit === "days") return day + n >= FIRST_DAY && day + n <= LAST_DAY;
  const year = Number(isoOf(day).slice(0, 4)) + (unit === "years" ? n : Math.floor(((Number(isoOf(day).slice(5, 7)) - 1) + n) / 12));
  return year >= 0 && year <= 9999;
}

/**
 * The domain of an input on the line: its declared bounds, else the engine's limits (digits, dates).
 *
 * @example
 * domainOf(version, "contractAmount", "dec").lo //=> { at: q(0), closed: true }
 */
export function domainOf(version: LoadedRuleVersion, input: string, kind: LineKind): Interval {
  const spec = version.file.inputs[input]!;
  const closed = (v: Q) => ({ at: v, closed: true });
  if (kind === "date") return { lo: closed(R.q(FIRST_DAY)), hi: closed(R.q(LAST_DAY)) };
  const money = spec.type === "money";
  // A decimal fact has at most MAX_INPUT_INTEGER_DIGITS integer and MAX_INPUT_FRACTION_DIGITS fraction digits.
  const decimalFar = R.sub(R.q(10n ** BigInt(MAX_INPUT_INTEGER_DIGITS)), R.frac(1n, 10n ** BigInt(MAX_INPUT_FRACTION_DIGITS)));
  const far = money ? R.sub(R.q(10n ** 15n), R.q("0.01")) : kind === "number" ? R.q(BigInt(Number.MAX_SAFE_INTEGER)) : decimalFar;
  const min = spec.min ?? (money ? "0" : undefined);
  return { lo: closed(min === undefined ? R.neg(far) : R.q(min)), hi: closed(spec.max === undefined ? far : R.q(spec.max)) };
}

/**
 * Evaluate a version symbolically along `input`, the other facts (`data`, as the facts schema reads
 * them) fixed, on the date `on`, with the version's own parameters.
 *
 * @throws {NotAnalysableError} naming the operation and pointer the analysis cannot state exactly
 * @example
 * const line = analyseLine(version, parseFacts(version, facts), "2025-06-01", "contractAmount");
 * line.outcome.get("amount")!.length //=> 5 (0; 10%·x; 50,000 + 5%·x; the cap; …)
 */
export function analyseLine(version: LoadedRuleVersion, data: Record<string, unknown>, on: string, input: string, maxPieces: number = MAX_LINE_PIECES): Line {
  const spec = version.file.inputs[input];
  const kind = spec === undefined ? undefined : lineKind(spec.type);
  if (kind === undefined) throw new NotAnalysableError(version.file.id, undefined, `inputs.${input}`, "not a money, decimal, rate, integer or date input of this rule", "不是本规则的金额、小数、比例、整数或日期输入");
  const env: EvalEnv = { params: version.params as Record<string, unknown>, conditions: Object.create(null), outcome: Object.create(null), on };
  const full = domainOf(version, input, kind);
  const ctx: Ctx = { version, data, x: input, kind, env, conditions: new Map(), outcome: new Map(), where: "applicable", computable: full, maxPieces };
  const domain = full;
  const asBoolean = (pw: Piecewise): Piece[] => normalise(pw.flatMap((p) => truthiness(p.val, p.iv).map((t) => ({ iv: t.iv, val: constant(t.truth) }))));
  const applicable = version.applicable ? asBoolean(evaluate(ctx, version.applicable.tree, domain)) : [{ iv: domain, val: constant(true) }];
  for (const c of version.conditions) {
    ctx.where = `conditions.${c.spec.id}`;
    ctx.conditions.set(c.spec.id, asBoolean(evaluate(ctx, c.tree, domain)));
  }
  for (const f of version.outcome) {
    ctx.where = `outcome.${f.name}`;
    const pieces = normalise(evaluate(ctx, f.tree, domain));
    if (pieces.some((p) => p.val.k === "lin" && p.val.inexact)) fail(ctx, f.tree, `an outcome the engine rounds to ${DIVISION_DIGITS} significant digits (a quotient, not rounded by the rule)`, `结果为被引擎舍入的商`);
    ctx.outcome.set(f.name, pieces);
  }
  // Where a date shift leaves the engine's dates the facts are refused: the line ends there.
  const within = (pw: Piecewise) => restrict(pw, ctx.computable);
  const conditions = new Map([...ctx.conditions].map(([k, pw]) => [k, within(pw)] as const));
  const outcome = new Map([...ctx.outcome].map(([k, pw]) => [k, within(pw)] as const));
  return { input, kind, domain: ctx.computable, applicable: within(applicable), conditions, outcome };
}

/**
 * Why a version cannot be analysed along any input, found without facts: the first operation of its
 * logic with no symbolic form (or unknown, or whose operands the checker did not type); undefined when
 * every operation has one (facts may still stop the analysis: a quotient by a parameter of 3 …).
 *
 * @example
 * staticObstacle(version) //=> undefined
 */
export function staticObstacle(version: LoadedRuleVersion): NotAnalysableError | undefined {
  const expressions: [string, LogicNode][] = [
    ...(version.applicable ? [["applicable", version.applicable.tree] as [string, LogicNode]] : []),
    ...version.conditions.map((c) => [`conditions.${c.spec.id}`, c.tree] as [string, LogicNode]),
    ...version.outcome.map((f) => [`outcome.${f.name}`, f.tree] as [string, LogicNode]),
  ];
  for (const [where, tree] of expressions) {
    const stack = [tree];
    while (stack.length > 0) {
      const node = stack.pop()!;
      const at = `${where}#${node.pointer}`;
      if (node.op === undefined) {
        if (node.source !== null && typeof node.source === "object" && !Array.isArray(node.source)) return new NotAnalysableError(version.file.id, undefined, at, "an unknown operation", "未知运算");
      } else if (node.op.symbolic === undefined || node.op.symbolic.kind === "none") {
        const why = node.op.symbolic?.why;
        return new NotAnalysableError(version.file.id, node.op.name, at, `the operation has no exact symbolic form${why ? `: ${why.en}` : ""}`, `该运算没有精确的符号形式${why ? `:${why.zh}` : ""}`);
      } else if (node.op.symbolic.kind !== "reference" && operandNodes(node) === undefined) {
        return new NotAnalysableError(version.file.id, node.op.name, at, "the checker did not type its operands", "其操作数未经类型检查");
      }
      stack.push(...node.operands);
    }
  }
  return undefined;
}

