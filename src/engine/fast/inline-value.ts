import type { Fn } from "./types.js";

/*
 * How the evaluator (engine/fast-decision.ts) computes an outcome field's value inline instead of
 * calling its closure: `V_COND` reads condition `index`; `V_AND`/`V_OR` combine the conditions
 * `indices`; `V_IF_OUT`/`V_IF_COND` give `then(c)` when outcome/condition `index` is truthy, else the
 * constant `k`; `V_CALL` calls the closure.
 */
export const V_CALL = 0;
export const V_COND = 1;
export const V_AND = 2;
export const V_OR = 3;
export const V_IF_OUT = 4;
export const V_IF_COND = 5;

/**
 * The inline form of a value: its `V_*` code and what that code reads.
 *
 * @example
 * const v: ValueInfo = { op: V_COND, index: 2, indices: [], k: undefined, then: fn };
 */
export interface ValueInfo {
  op: number;
  index: number;
  indices: readonly number[];
  k: unknown;
  then: Fn;
}

const valueInfo = new WeakMap<Fn, ValueInfo>();

/**
 * Record the inline form of the value `fn` computes.
 *
 * @example
 * const fn = asValue((c) => c.cond[1], { op: V_COND, index: 1 });
 */
export function asValue<F extends Fn>(fn: F, info: Partial<ValueInfo> & { op: number }): F {
  valueInfo.set(fn, { index: 0, indices: [], k: undefined, then: fn, ...info });
  return fn;
}

/**
 * The inline form of `fn`'s value: the one recorded by {@link asValue}, else a call.
 *
 * @example
 * valueOf((c) => c.slots[0]).op //=> V_CALL
 */
export function valueOf(fn: Fn): ValueInfo {
  return valueInfo.get(fn) ?? { op: V_CALL, index: 0, indices: [], k: undefined, then: fn };
}
