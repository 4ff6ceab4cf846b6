import { RegionLimitError } from "./errors.js";
import * as R from "./rational.js";
import type { Q } from "./rational.js";

/*
 * Linear forms and constraints over several numeric inputs, with exact rational coefficients, and an
 * exact feasibility test and witness point by Fourier–Motzkin elimination (strict and non-strict
 * inequalities, equalities substituted away). The regions of a rule (regions.ts) are conjunctions of
 * such constraints; the shipped rules keep them tiny (at most 7 variables, mostly bounds of one input),
 * where Fourier–Motzkin is exact, complete over the reals and small enough to read.
 */

/**
 * A linear form `Σ c[x]·x + k` over named inputs (no zero coefficient is stored).
 *
 * @example
 * const f: Lin = { c: new Map([["contractAmount", q("0.1")]]), k: ZERO }; // 0.1·contractAmount
 */
export interface Lin {
  readonly c: ReadonlyMap<string, Q>;
  readonly k: Q;
}

/**
 * A constraint `f ≥ 0` (`ge`), `f > 0` (`gt`) or `f = 0` (`eq`).
 *
 * @example
 * const atLeast: Constraint = { f: sub(variable("contractAmount"), constantLin(q(500000))), rel: "ge" };
 */
export interface Constraint {
  readonly f: Lin;
  readonly rel: "ge" | "gt" | "eq";
}

/**
 * The most constraints one elimination step may hold before the feasibility test stops (Fourier–Motzkin
 * can square their number per variable; the shipped rules need a few dozen). A bound on time and memory
 * for hostile rule files; raise it with the `maxConstraints` option of `regionsOf` and `exactDiff`.
 *
 * @example
 * MAX_REGION_CONSTRAINTS //=> 2000
 */
export const MAX_REGION_CONSTRAINTS = 2000;

/** The constant form k. @example constantLin(q(3)).k //=> q(3) */
export function constantLin(k: Q): Lin {
  return { c: new Map(), k };
}

/** The form `1·x`. @example variable("x").c.get("x") //=> ONE */
export function variable(name: string): Lin {
  return { c: new Map([[name, R.ONE]]), k: R.ZERO };
}

/** Whether the form has no variable. @example isConstant(constantLin(ZERO)) //=> true */
export function isConstant(f: Lin): boolean {
  return f.c.size === 0;
}

/** `a·f + b·g`. @example combine(variable("x"), ONE, variable("x"), ONE).c.get("x") //=> q(2) */
export function combine(f: Lin, a: Q, g: Lin, b: Q): Lin {
  const c = new Map<string, Q>();
  for (const [x, v] of f.c) c.set(x, R.mul(a, v));
  for (const [x, v] of g.c) {
    const s = R.add(c.get(x) ?? R.ZERO, R.mul(b, v));
    if (R.isZero(s)) c.delete(x);
    else c.set(x, s);
  }
  for (const [x, v] of c) if (R.isZero(v)) c.delete(x);
  return { c, k: R.add(R.mul(a, f.k), R.mul(b, g.k)) };
}

/** `f + g`. @example add(variable("x"), constantLin(ONE)).k //=> ONE */
export function addLin(f: Lin, g: Lin): Lin {
  return combine(f, R.ONE, g, R.ONE);
}
/** `f − g`. @example subLin(variable("x"), variable("x")).c.size //=> 0 */
export function subLin(f: Lin, g: Lin): Lin {
  return combine(f, R.ONE, g, R.neg(R.ONE));
}
/** `a·f`. @example scaleLin(variable("x"), q(2)).c.get("x") //=> q(2) */
export function scaleLin(f: Lin, a: Q): Lin {
  return combine(f, a, constantLin(R.ZERO), R.ZERO);
}

/** Whether two forms are equal. @example sameLin(variable("x"), variable("x")) //=> true */
export function sameLin(f: Lin, g: Lin): boolean {
  if (f.c.size !== g.c.size || !R.eq(f.k, g.k)) return false;
  for (const [x, v] of f.c) {
    const w = g.c.get(x);
    if (w === undefined || !R.eq(v, w)) return false;
  }
  return true;
}

/** The value of a form at a point (every variable of the form given). @example valueOf(variable("x"), new Map([["x", ONE]])) //=> ONE */
export function valueOf(f: Lin, point: ReadonlyMap<string, Q>): Q {
  let v = f.k;
  for (const [x, c] of f.c) v = R.add(v, R.mul(c, point.get(x) ?? R.ZERO));
  return v;
}

/** Whether a point satisfies a constraint. @example satisfies({ f: variable("x"), rel: "gt" }, new Map([["x", ONE]])) //=> true */
export function satisfies(con: Constraint, point: ReadonlyMap<string, Q>): boolean {
  const s = R.sign(valueOf(con.f, point));
  return con.rel === "eq" ? s === 0 : con.rel === "gt" ? s > 0 : s >= 0;
}

/** The constraint scaled so its first coefficient (by name) is ±1: equal keys for equal half-spaces. */
function normal(con: Constraint): { key: string; con: Constraint } {
  const names = [...con.f.c.keys()].sort();
  if (names.length === 0) return { key: `${con.rel}|`, con };
  const lead = con.f.c.get(names[0]!)!;
  // An equality may be scaled by any factor, an inequality only by a positive one.
  const scale = R.div(R.ONE, con.rel === "eq" || R.sign(lead) > 0 ? lead : R.neg(lead));
  const f = scaleLin(con.f, scale);
  const key = names.map((n) => `${n}:${R.qText(f.c.get(n)!)}`).join(",");
  return { key: `${con.rel === "eq" ? "eq" : "in"}|${key}`, con: { f, rel: con.rel } };
}

/**
 * The constraints without repeats, keeping for parallel inequalities only the tightest (the same
 * normalised coefficients: the smallest constant, strict before non-strict). Constant constraints
 * that hold are dropped; one that fails makes the result `undefined` (infeasible).
 *
 * @example
 * simplify([{ f: x − 1, rel: "ge" }, { f: x − 2, rel: "ge" }]) //=> [{ f: x − 2, rel: "ge" }]
 */
export function simplify(cons: readonly Constraint[]): Constraint[] | undefined {
  const best = new Map<string, Constraint>();
  const equalities: Constraint[] = [];
  for (const raw of cons) {
    if (isConstant(raw.f)) {
      if (!satisfies(raw, new Map())) return undefined;
      continue;
    }
    const { key, con } = normal(raw);
    if (con.rel === "eq") {
      const existing = best.get(key);
      if (existing && !R.eq(existing.f.k, con.f.k)) return undefined;
      if (!existing) {
        best.set(key, con);
        equalities.push(con);
      }
      continue;
    }
    const existing = best.get(key);
    const c = existing ? R.cmp(con.f.k, existing.f.k) : -1;
    // f + k ≥ 0 with a smaller k is tighter; at the same k, > is tighter than ≥.
    if (!existing || c < 0 || (c === 0 && con.rel === "gt")) best.set(key, con);
  }
  return [...best.values()];
}

/**
 * A point satisfying every constraint, or undefined when there is none (exact over the reals).
 * Each variable is chosen, last eliminated first, by `pick` within the exact interval the earlier
 * choices leave it: `pick(name, lo, hi)` returns a value inside (ends `{ at, closed }`, undefined when
 * unbounded). Fourier–Motzkin: an equality substitutes a variable away; otherwise every pair of a lower and
 * an upper bound of the variable gives a constraint without it.
 *
 * @throws {RegionLimitError} when an elimination step would hold more than `maxConstraints` constraints
 * @example
 * solve([{ f: x − 1, rel: "gt" }, { f: 3 − x, rel: "ge" }], (n, lo, hi) => …) //=> Map { x → 2 }
 */
export function solve(cons: readonly Constraint[], pick: Pick, maxConstraints: number = MAX_REGION_CONSTRAINTS): Map<string, Q> | undefined {
  const simple = simplify(cons);
  if (simple === undefined) return undefined;
  if (simple.length > maxConstraints) throw new RegionLimitError("MAX_REGION_CONSTRAINTS", maxConstraints, "maxConstraints", "constraints in one feasibility test", "可行性检验中的约束");
  const names = new Set<string>();
  for (const con of simple) for (const n of con.f.c.keys()) names.add(n);
  if (names.size === 0) return new Map();
  // Substitute an equality's variable away.
  const eq = simple.find((con) => con.rel === "eq");
  if (eq) {
    const [x, a] = [...eq.f.c.entries()][0]!;
    // x = −(f − a·x)/a
    const rest: Lin = { c: new Map([...eq.f.c].filter(([n]) => n !== x)), k: eq.f.k };
    const value = scaleLin(rest, R.neg(R.div(R.ONE, a)));
    const substituted = simple.filter((con) => con !== eq).map((con) => ({ f: substitute(con.f, x, value), rel: con.rel }));
    const point = solve(substituted, pick, maxConstraints);
    if (point === undefined) return undefined;
    point.set(x, valueOf(value, point));
    return point;
  }
  // Eliminate the variable with the fewest lower × upper pairs.
  let x = "";
  let fewest = Infinity;
  for (const n of names) {
    let lo = 0;
    let hi = 0;
    for (const con of simple) {
      const s = R.sign(con.f.c.get(n) ?? R.ZERO);
      if (s > 0) lo++;
      else if (s < 0) hi++;
    }
    if (lo * hi < fewest) [x, fewest] = [n, lo * hi];
  }
  const lower: Constraint[] = [];
  const upper: Constraint[] = [];
  const others: Constraint[] = [];
  for (const con of simple) {
    const s = R.sign(con.f.c.get(x) ?? R.ZERO);
    (s > 0 ? lower : s < 0 ? upper : others).push(con);
  }
  // The projection holds every lower × upper pair: refuse it before building it, not after.
  if (others.length + lower.length * upper.length > maxConstraints) throw new RegionLimitError("MAX_REGION_CONSTRAINTS", maxConstraints, "maxConstraints", "constraints in one feasibility test", "可行性检验中的约束");
  const projected = [...others];
  for (const l of lower) {
    for (const u of upper) {
      // l: a·x + f ≥ 0 (a > 0), u: −b·x + g ≥ 0 (b > 0)  ⇒  b·f + a·g ≥ 0 (strict when either is).
      const a = l.f.c.get(x)!;
      const b = R.neg(u.f.c.get(x)!);
      projected.push({ f: combine(l.f, b, u.f, a), rel: l.rel === "gt" || u.rel === "gt" ? "gt" : "ge" });
    }
  }
  const point = solve(projected, pick, maxConstraints);
  if (point === undefined) return undefined;
  // x's interval at the point: max of the lower bounds, min of the upper bounds.
  let lo: End | undefined;
  let hi: End | undefined;
  for (const con of lower) {
    const a = con.f.c.get(x)!;
    const at = R.neg(R.div(valueOf({ c: new Map([...con.f.c].filter(([n]) => n !== x)), k: con.f.k }, point), a));
    const closed = con.rel !== "gt";
    if (!lo || R.cmp(at, lo.at) > 0 || (R.eq(at, lo.at) && !closed)) lo = { at, closed };
  }
  for (const con of upper) {
    const a = con.f.c.get(x)!;
    const at = R.neg(R.div(valueOf({ c: new Map([...con.f.c].filter(([n]) => n !== x)), k: con.f.k }, point), a));
    const closed = con.rel !== "gt";
    if (!hi || R.cmp(at, hi.at) < 0 || (R.eq(at, hi.at) && !closed)) hi = { at, closed };
  }
  point.set(x, pick(x, lo, hi));
  return point;
}

/** One end of a variable's interval during {@link solve}. @example const lo: End = { at: ZERO, closed: true }; */
export interface End {
  readonly at: Q;
  readonly closed: boolean;
}

/**
 * How {@link solve} chooses a variable's value within its interval (never empty there).
 *
 * @example
 * const middle: Pick = (_, lo, hi) => (lo && hi ? div(add(lo.at, hi.at), q(2)) : lo?.at ?? hi?.at ?? ZERO);
 */
export type Pick = (name: string, lo: End | undefined, hi: End | undefined) => Q;

function substitute(f: Lin, x: string, value: Lin): Lin {
  const a = f.c.get(x);
  if (a === undefined) return f;
  const rest: Lin = { c: new Map([...f.c].filter(([n]) => n !== x)), k: f.k };
  return combine(rest, R.ONE, value, a);
}

/**
 * Whether the constraints have a common real solution.
 *
 * @example
 * feasible([{ f: x, rel: "gt" }, { f: −x, rel: "gt" }]) //=> false
 */
export function feasible(cons: readonly Constraint[], maxConstraints: number = MAX_REGION_CONSTRAINTS): boolean {
  return solve(cons, middle, maxConstraints) !== undefined;
}

/** A value strictly inside an interval (or at its only point). */
function middle(_: string, lo: End | undefined, hi: End | undefined): Q {
  if (lo && hi) return R.eq(lo.at, hi.at) ? lo.at : R.div(R.add(lo.at, hi.at), R.q(2));
  if (lo) return R.add(lo.at, R.ONE);
  if (hi) return R.sub(hi.at, R.ONE);
  return R.ZERO;
}

/**
 * The bounds a constraint set puts on one variable alone (from its constraints on that variable only).
 *
 * @example
 * boundsOf([{ f: x − 1, rel: "ge" }], "x") //=> { lo: { at: ONE, closed: true } }
 */
export function boundsOf(cons: readonly Constraint[], x: string): { lo?: End; hi?: End } {
  let lo: End | undefined;
  let hi: End | undefined;
  for (const con of cons) {
    if (con.f.c.size !== 1 || !con.f.c.has(x)) continue;
    const a = con.f.c.get(x)!;
    const at = R.neg(R.div(con.f.k, a));
    const closed = con.rel !== "gt";
    const up = R.sign(a) > 0;
    if (con.rel === "eq" || up) if (!lo || R.cmp(at, lo.at) > 0 || (R.eq(at, lo.at) && !closed)) lo = { at, closed };
    if (con.rel === "eq" || !up) if (!hi || R.cmp(at, hi.at) < 0 || (R.eq(at, hi.at) && !closed)) hi = { at, closed };
  }
  return { ...(lo && { lo }), ...(hi && { hi }) };
}
