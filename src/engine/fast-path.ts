/*
 * The fast path's compiler, as the rest of the engine sees it (version-plan.ts compiles a plan,
 * fast-decision.ts runs it). It lives in engine/fast/, one job per module:
 * - compile.ts:      a rule version's typed logic trees compiled for validated facts in slots;
 * - scaled.ts:       decimal subtrees of bounded scale as exact scaled integers;
 * - closures.ts:     the other values: control forms and eager operations, leaves read inline;
 * - inline-test.ts:  conditions as inline tests (`input === k`, `input in list`, money ≥ k …);
 * - inline-value.ts: outcome values computed inline (a condition, `and`/`or` of conditions, a choice);
 * - types.ts:        the context a compiled expression reads.
 * When a scaled value would overflow the safe-integer range, evaluation throws FALLBACK and the caller
 * redoes it on the reference path (engine/compile.ts).
 */
export { compileFastPlan, F_BOOL, F_CALL, F_DECIMAL, F_MONEY, F_NUMBER, type FastOutcome, type FastPlan } from "./fast/compile.js";
export { runTest, T_CALL, T_EQ, T_GE, T_GT, T_IN, T_LE, T_LT, T_MASK, T_NE, type Test } from "./fast/inline-test.js";
export { V_AND, V_CALL, V_COND, V_IF_COND, V_IF_OUT, V_OR } from "./fast/inline-value.js";
export type { FastCtx } from "./fast/types.js";
