import { truthy } from "../../ops/index.js";
import type { FastCtx, Fn } from "./types.js";

/**
 * A boolean test in a form the evaluator runs inline: one `switch` instead of a closure call per
 * condition (`input === parameter`, `input in list`, money `≥` a parameter…), or `CALL` for any
 * other expression. Every test has the same shape, so reading one is a monomorphic load.
 *
 * @example
 * runTest(testOf(fn), ctx) === truthy(fn(ctx)) //=> true
 */
export interface Test {
  op: number;
  slot: number;
  k: unknown;
  list: readonly unknown[];
  fn: Fn;
}
export const T_CALL = 0;
export const T_EQ = 1;
export const T_NE = 2;
export const T_IN = 3;
export const T_GE = 4;
export const T_GT = 5;
export const T_LE = 6;
export const T_LT = 7;
/** `k` is a bit mask over an enum's values; `slot` is where the check wrote the value's position. */
export const T_MASK = 8;

const NO_LIST: readonly unknown[] = Object.freeze([]);
const testInfo = new WeakMap<Fn, Test>();

/**
 * Record that `fn` is the test `op` of slot `slot` against `k` (or `list`), so that the evaluator can
 * run it inline.
 *
 * @example
 * const fn = asTest((c) => c.slots[2] === "enterprise", T_EQ, 2, "enterprise");
 */
export function asTest<F extends Fn>(fn: F, op: number, slot: number, k: unknown, list: readonly unknown[] = NO_LIST): F {
  testInfo.set(fn, { op, slot, k, list, fn });
  return fn;
}

/**
 * The inline form of a compiled expression used as a test: the one recorded by {@link asTest}, else a call.
 *
 * @example
 * testOf((c) => c.cond[0]).op //=> T_CALL
 */
export function testOf(fn: Fn): Test {
  return testInfo.get(fn) ?? { op: T_CALL, slot: 0, k: undefined, list: NO_LIST, fn };
}

/**
 * Run a test: the value of `truthy(test.fn(c))`, computed inline for the common forms.
 *
 * @example
 * runTest({ op: T_GE, slot: 0, k: 100_00, list: [], fn }, { slots: [150_00], cond: [], out: [], on: "" }) //=> true
 */
export function runTest(t: Test, c: FastCtx): boolean {
  switch (t.op) {
    case T_EQ:
      return c.slots[t.slot] === t.k;
    case T_NE:
      return c.slots[t.slot] !== t.k;
    case T_IN: {
      const x = c.slots[t.slot];
      const list = t.list;
      for (let i = 0; i < list.length; i++) if (list[i] === x) return true;
      return false;
    }
    case T_GE:
      return (c.slots[t.slot] as number) >= (t.k as number);
    case T_GT:
      return (c.slots[t.slot] as number) > (t.k as number);
    case T_LE:
      return (c.slots[t.slot] as number) <= (t.k as number);
    case T_LT:
      return (c.slots[t.slot] as number) < (t.k as number);
    case T_MASK:
      return (((t.k as number) >>> (c.slots[t.slot] as number)) & 1) === 1;
    default:
      return truthy(t.fn(c));
  }
}
