import type { Arithmetic, Evaluate, Relation } from "../../ops/index.js";
import { checked, MAX_SCALE, MAX_SCALED, POW10, scaledToDec } from "../../exact/scaled.js";
import { asTest, T_EQ, T_GE, T_GT, T_LE, T_LT } from "./inline-test.js";
import { NO_ENV } from "./closures.js";
import type { FastCtx, Fn, NumFn } from "./types.js";

/*
 * Scaled-integer subtrees of the fast compiler: decimals of bounded scale computed exactly as
 * `value × 10^scale` in safe integers (exact/scaled.ts), combined here once their operands are
 * compiled (engine/fast/compile.ts decides which subtrees qualify). A result that would leave the
 * safe range throws FALLBACK, and the evaluation is redone on the reference path.
 */

/**
 * A subtree computed as a scaled integer: the value times 10^scale.
 *
 * @example
 * const fen: ScaledNode = { scale: 2, fn: (c) => c.slots[0] as number, slot: 0 };
 */
export interface ScaledNode {
  scale: number;
  fn: NumFn;
  /** Set for constants, so they can be folded. */
  constant?: number;
  /** Set when the node reads an input slot as it is. */
  slot?: number;
}

/** The arithmetic the fast path combines in scaled integers (`round` has its own form). */
export type ScaledArithmetic = Extract<Arithmetic, "add" | "sub" | "mul" | "min" | "max">;

/**
 * A constant scaled node, or undefined when the value is not a decimal of bounded scale.
 *
 * @example
 * scaledLiteral(scaledConstant("0.15"))!.constant //=> 15
 */
export function scaledLiteral(s: { n: number; scale: number } | undefined): ScaledNode | undefined {
  if (!s) return undefined;
  const n = s.n;
  return { scale: s.scale, fn: () => n, constant: n };
}

/**
 * A scaled node's function at a larger scale; undefined when the factor is not exact.
 *
 * @example
 * align({ scale: 0, fn: () => 3, constant: 3 }, 2)!(ctx) //=> 300
 */
export function align(node: ScaledNode, scale: number): NumFn | undefined {
  const k = scale - node.scale;
  if (k === 0) return node.fn;
  if (k > 22) return undefined;
  const p = POW10[k]!;
  if (node.constant !== undefined) {
    const n = node.constant * p;
    if (n > MAX_SCALED || n < -MAX_SCALED) return undefined;
    return () => n;
  }
  const f = node.fn;
  return (c) => checked(f(c) * p);
}

/**
 * The scaled node of `op` over `nodes`, at their common scale (the sum of scales for `mul`);
 * undefined when no exact common scale exists.
 *
 * @example
 * combine("add", [fenNode, scaledLiteral(scaledConstant("100"))!])!.scale //=> 2
 */
export function combine(op: ScaledArithmetic, nodes: ScaledNode[]): ScaledNode | undefined {
  if (nodes.length === 1) return nodes[0];
  if (op === "mul") {
    const scale = nodes.reduce((s, n) => s + n.scale, 0);
    if (scale > MAX_SCALE) return undefined;
    const fns = nodes.map((n) => n.fn);
    if (fns.length === 2) {
      const [na, nb] = nodes as [ScaledNode, ScaledNode];
      const k = na.constant === undefined ? nb.constant : nb.constant === undefined ? na.constant : undefined;
      const other = na.constant === undefined ? na : nb;
      if (k !== undefined) {
        const f = other.fn;
        // Operand order does not change an exact product (nor its sign).
        return { scale, fn: (c) => checked(f(c) * k) };
      }
      const [a, b] = fns as [NumFn, NumFn];
      return { scale, fn: (c) => checked(a(c) * b(c)) };
    }
    return {
      scale,
      fn: (c) => {
        let r = fns[0]!(c);
        for (let i = 1; i < fns.length; i++) r = checked(r * fns[i]!(c));
        return r;
      },
    };
  }
  const scale = Math.max(...nodes.map((n) => n.scale));
  const aligned = nodes.map((n) => align(n, scale));
  if (aligned.includes(undefined)) return undefined;
  const fns = aligned as NumFn[];
  if (fns.length === 2) {
    const fused = combineWithConstant(op, nodes[0]!, nodes[1]!, scale);
    if (fused) return fused;
    const [a, b] = fns as [NumFn, NumFn];
    switch (op) {
      case "add":
        return { scale, fn: (c) => checked(a(c) + b(c)) };
      case "sub":
        return { scale, fn: (c) => checked(a(c) - b(c)) };
      case "min":
        return { scale, fn: (c) => Math.min(a(c), b(c)) };
      default:
        return { scale, fn: (c) => Math.max(a(c), b(c)) };
    }
  }
  switch (op) {
    case "add":
      return {
        scale,
        fn: (c) => {
          let r = fns[0]!(c);
          for (let i = 1; i < fns.length; i++) r = checked(r + fns[i]!(c));
          return r;
        },
      };
    case "min":
    case "max": {
      const pick = op === "min" ? Math.min : Math.max;
      return {
        scale,
        fn: (c) => {
          let r = fns[0]!(c);
          for (let i = 1; i < fns.length; i++) r = pick(r, fns[i]!(c));
          return r;
        },
      };
    }
  }
  return undefined;
}

/**
 * `x op k` or `k op x` for a constant `k`, with `x` an input slot or a closure, at the common scale.
 * Operand order is kept where it matters (`sub`); `+`, `min` and `max` are commutative, signs of zero
 * included, in IEEE-754 as in decimal.js.
 */
function combineWithConstant(op: ScaledArithmetic, a: ScaledNode, b: ScaledNode, scale: number): ScaledNode | undefined {
  const constFirst = a.constant !== undefined;
  const kNode = constFirst ? a : b;
  const xNode = constFirst ? b : a;
  if (kNode.constant === undefined || xNode.constant !== undefined) return undefined;
  const k = kNode.constant * POW10[scale - kNode.scale]!;
  if (Math.abs(k) > MAX_SCALED) return undefined;
  const p = POW10[scale - xNode.scale]!;
  const slot = xNode.slot;
  const f = xNode.fn;
  // x at the common scale: the slot itself, or a checked multiple of it, or the closure.
  const x: NumFn = slot !== undefined && p === 1 ? (c) => c.slots[slot] as number : p === 1 ? f : (c) => checked(f(c) * p);
  switch (op) {
    case "add":
      if (slot !== undefined && p === 1) return { scale, fn: (c) => checked((c.slots[slot] as number) + k) };
      return { scale, fn: (c) => checked(x(c) + k) };
    case "sub":
      if (constFirst) return { scale, fn: (c) => checked(k - x(c)) };
      if (slot !== undefined && p === 1) return { scale, fn: (c) => checked((c.slots[slot] as number) - k) };
      return { scale, fn: (c) => checked(x(c) - k) };
    case "min":
      if (slot !== undefined && p === 1) return { scale, fn: (c) => Math.min(c.slots[slot] as number, k) };
      return { scale, fn: (c) => Math.min(x(c), k) };
    case "max":
      if (slot !== undefined && p === 1) return { scale, fn: (c) => Math.max(c.slots[slot] as number, k) };
      return { scale, fn: (c) => Math.max(x(c), k) };
  }
  return undefined;
}

/**
 * A comparison of two scaled nodes: on integers at their common scale, an input against a constant
 * as an inline test, else (no exact common scale) by the operation's evaluation on decimals.
 *
 * @example
 * runTest(testOf(compileComparison("gte", GTE.evaluate!, fenNode, capNode)), ctx)
 */
export function compileComparison(kind: Exclude<Relation, "ne">, evaluate: Evaluate, a: ScaledNode, b: ScaledNode): Fn {
  const scale = Math.max(a.scale, b.scale);
  const fa = align(a, scale);
  const fb = align(b, scale);
  if (!fa || !fb) {
    // Not exact at a common scale: compare as decimals.
    return (c) => evaluate([scaledToDec(a.fn(c), a.scale), scaledToDec(b.fn(c), b.scale)], NO_ENV, undefined);
  }
  // An input compared with a constant at the input's scale: one closure, no calls.
  if (a.slot !== undefined && a.scale === scale && b.constant !== undefined) {
    const i = a.slot;
    const k = b.constant * POW10[scale - b.scale]!;
    if (Math.abs(k) <= MAX_SCALED) {
      switch (kind) {
        case "eq":
          return asTest((c) => c.slots[i] === k, T_EQ, i, k);
        case "gt":
          return asTest((c) => (c.slots[i] as number) > k, T_GT, i, k);
        case "gte":
          return asTest((c) => (c.slots[i] as number) >= k, T_GE, i, k);
        case "lt":
          return asTest((c) => (c.slots[i] as number) < k, T_LT, i, k);
        default:
          return asTest((c) => (c.slots[i] as number) <= k, T_LE, i, k);
      }
    }
  }
  switch (kind) {
    case "eq":
      return (c: FastCtx) => fa(c) === fb(c);
    case "gt":
      return (c) => fa(c) > fb(c);
    case "gte":
      return (c) => fa(c) >= fb(c);
    case "lt":
      return (c) => fa(c) < fb(c);
    default:
      return (c) => fa(c) <= fb(c);
  }
}
