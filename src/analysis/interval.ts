import { cmp, type Q } from "./rational.js";

/*
 * Intervals of the real line, for the pieces of a function of one input. An end is a rational with
 * a flag saying whether it belongs to the interval; a missing end is unbounded. A single point is
 * [r, r]. The analysis works on the real line; the input's grid (the fen, one, the day) is applied
 * by its readers (curve.ts, why-not.ts).
 */

/**
 * One end of an interval: the value and whether it is included.
 *
 * @example
 * const b: End = { at: q("500000"), closed: true }; // "from 500,000 inclusive"
 */
export interface End {
  readonly at: Q;
  readonly closed: boolean;
}

/**
 * An interval: `lo` and `hi` ends, undefined when unbounded.
 *
 * @example
 * const atLeast: Interval = { lo: { at: q("500000"), closed: true } }; // [500000, ∞)
 */
export interface Interval {
  readonly lo?: End | undefined;
  readonly hi?: End | undefined;
}

/**
 * Whether the interval holds no point.
 *
 * @example
 * isEmpty({ lo: { at: q(1), closed: true }, hi: { at: q(1), closed: false } }) //=> true
 */
export function isEmpty(iv: Interval): boolean {
  if (!iv.lo || !iv.hi) return false;
  const c = cmp(iv.lo.at, iv.hi.at);
  return c > 0 || (c === 0 && !(iv.lo.closed && iv.hi.closed));
}

/** The tighter of two lower ends. */
function maxLo(a: End | undefined, b: End | undefined): End | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = cmp(a.at, b.at);
  return c > 0 ? a : c < 0 ? b : { at: a.at, closed: a.closed && b.closed };
}

/** The tighter of two upper ends. */
function minHi(a: End | undefined, b: End | undefined): End | undefined {
  if (!a) return b;
  if (!b) return a;
  const c = cmp(a.at, b.at);
  return c < 0 ? a : c > 0 ? b : { at: a.at, closed: a.closed && b.closed };
}

/**
 * The intersection of two intervals, or undefined when empty.
 *
 * @example
 * intersect({ lo: { at: q(0), closed: true } }, { hi: { at: q(5), closed: false } }) //=> [0, 5)
 */
export function intersect(a: Interval, b: Interval): Interval | undefined {
  const iv: Interval = { lo: maxLo(a.lo, b.lo), hi: minHi(a.hi, b.hi) };
  return isEmpty(iv) ? undefined : iv;
}

/**
 * Whether `x` lies in the interval.
 *
 * @example
 * contains({ lo: { at: q(1), closed: false } }, q(1)) //=> false
 */
export function contains(iv: Interval, x: Q): boolean {
  if (iv.lo) {
    const c = cmp(x, iv.lo.at);
    if (c < 0 || (c === 0 && !iv.lo.closed)) return false;
  }
  if (iv.hi) {
    const c = cmp(x, iv.hi.at);
    if (c > 0 || (c === 0 && !iv.hi.closed)) return false;
  }
  return true;
}

/**
 * The parts of an interval below `r`, at `r` and above `r` (each undefined when empty).
 *
 * @example
 * splitAt({}, q(0)) //=> { below: (−∞, 0), at: [0, 0], above: (0, ∞) }
 */
export function splitAt(iv: Interval, r: Q): { below?: Interval | undefined; at?: Interval | undefined; above?: Interval | undefined } {
  return {
    below: intersect(iv, { hi: { at: r, closed: false } }),
    at: contains(iv, r) ? { lo: { at: r, closed: true }, hi: { at: r, closed: true } } : undefined,
    above: intersect(iv, { lo: { at: r, closed: false } }),
  };
}

/**
 * The ray `{x ≥ r}` (closed) or `{x > r}` (open) intersected with the interval, and its complement
 * in the interval, in order along the line.
 *
 * @example
 * splitRay({}, q(5), true) //=> { before: (−∞, 5), from: [5, ∞) }
 */
export function splitRay(iv: Interval, r: Q, closed: boolean): { before?: Interval | undefined; from?: Interval | undefined } {
  return { before: intersect(iv, { hi: { at: r, closed: !closed } }), from: intersect(iv, { lo: { at: r, closed } }) };
}

/**
 * Whether interval `a` lies wholly before `b` (for sorting disjoint pieces).
 *
 * @example
 * before({ hi: { at: q(1), closed: false } }, { lo: { at: q(1), closed: true } }) //=> true
 */
export function before(a: Interval, b: Interval): boolean {
  if (!a.lo) return true;
  if (!b.lo) return false;
  const c = cmp(a.lo.at, b.lo.at);
  return c < 0 || (c === 0 && a.lo.closed && !b.lo.closed);
}

/**
 * Whether `a` ends exactly where `b` starts, with no gap and no overlap.
 *
 * @example
 * adjacent({ hi: { at: q(1), closed: false } }, { lo: { at: q(1), closed: true } }) //=> true
 */
export function adjacent(a: Interval, b: Interval): boolean {
  return !!a.hi && !!b.lo && cmp(a.hi.at, b.lo.at) === 0 && a.hi.closed !== b.lo.closed;
}
