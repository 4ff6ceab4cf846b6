/*
 * The shapes the fast compiler (engine/fast/) shares between its modules: the context a compiled
 * expression reads, and a compiled expression.
 */

/**
 * What a fast evaluation reads and writes: input slots, condition and outcome values, the date.
 *
 * @example
 * const ctx: FastCtx = { slots: [150000_00], cond: [false], out: [null], on: "2025-06-01" };
 */
export interface FastCtx {
  slots: unknown[];
  cond: boolean[];
  out: unknown[];
  on: string;
}

/**
 * An expression compiled for the fast path: a closure over the context.
 *
 * @example
 * const fn: Fn = (c) => c.slots[0];
 */
export type Fn = (c: FastCtx) => unknown;

/**
 * An expression computed as a scaled integer (exact/scaled.ts).
 *
 * @example
 * const fen: NumFn = (c) => c.slots[0] as number;
 */
export type NumFn = (c: FastCtx) => number;
