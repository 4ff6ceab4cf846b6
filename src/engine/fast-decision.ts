import type { ConditionResult, Decision } from "./decision.js";
import { explainFast } from "./explain-fast.js";
import { F_BOOL, F_DECIMAL, F_MONEY, F_NUMBER, V_AND, V_COND, V_IF_COND, V_IF_OUT, V_OR, runTest, type FastCtx, type FastPlan } from "./fast-path.js";
import { scaledToMoney, scaledToString } from "../exact/scaled.js";
import { truthy } from "./truthy.js";
import { sharedProvenance, type VersionPlan } from "./version-plan.js";

/** The explanation of a decision made without one: empty, shared, frozen. */
const NO_EXPLANATION = Object.freeze([]) as unknown as Decision["explanation"];

/** Rules with at most this many conditions share their (frozen) lists of condition results. */
const MAX_SHARED_CONDITIONS = 10;

/**
 * Decide on the fast path, for a version in force, from the slots a `Fast` check of the facts filled:
 * the compiled tests and outcomes run on scaled integers, and the decision shares the plan's frozen
 * parts. Throws `FALLBACK` (exact/scaled.ts) when the arithmetic would leave the safe integers: the
 * caller then decides on the reference path.
 *
 * @example
 * ctx.on = on;
 * fastDecision(plan, plan.fast, ctx, on, false).outcome //=> { eligible: true, amount: "200000.00" }
 */
export function fastDecision(plan: VersionPlan, fast: FastPlan, ctx: FastCtx, on: string, explain: boolean): Decision {
  const version = plan.version;
  const applicable = fast.applicableTest === undefined ? true : runTest(fast.applicableTest, ctx);
  const tests = fast.conditionTests;
  const n = tests.length;
  const cond = ctx.cond;
  let conditions: ConditionResult[];
  if (n <= MAX_SHARED_CONDITIONS) {
    // The list of condition results is one of 2^n, each kept frozen: pick it by which conditions hold.
    let bits = 0;
    for (let i = 0; i < n; i++) {
      const holds = runTest(tests[i]!, ctx);
      cond[i] = holds;
      if (holds) bits |= 1 << i;
    }
    conditions = plan.conditionLists[bits] ?? conditionList(plan, bits);
  } else {
    conditions = new Array<ConditionResult>(n);
    const results = plan.conditionResults;
    for (let i = 0; i < n; i++) {
      const holds = runTest(tests[i]!, ctx);
      cond[i] = holds;
      conditions[i] = results[holds ? 2 * i : 2 * i + 1]!;
    }
  }
  const fields = fast.outcomes;
  const values = plan.values;
  const out = ctx.out;
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    let raw: unknown;
    switch (f.op) {
      case V_COND:
        raw = cond[f.index];
        break;
      case V_AND:
      case V_OR: {
        const isOr = f.op === V_OR;
        const ix = f.indices;
        let current = false;
        for (let j = 0; j < ix.length; j++) {
          current = cond[ix[j]!]!;
          if (current === isOr) break;
        }
        raw = current;
        break;
      }
      case V_IF_OUT:
        raw = truthy(out[f.index]) ? f.then(ctx) : f.k;
        break;
      case V_IF_COND:
        raw = cond[f.index] ? f.then(ctx) : f.k;
        break;
      default:
        raw = f.fn(ctx);
    }
    out[i] = raw;
    switch (f.formatOp) {
      case F_BOOL:
        values[i] = truthy(raw);
        break;
      case F_MONEY:
        values[i] = scaledToMoney(raw as number, f.scale);
        break;
      case F_DECIMAL:
        values[i] = scaledToString(raw as number, f.scale);
        break;
      case F_NUMBER:
        values[i] = raw as number;
        break;
      default:
        values[i] = f.format(raw);
    }
  }
  const outcome = plan.buildOutcome(values);
  // The explanation is written from the slots and results, before the decision: no list to replace.
  const explanation = explain ? explainFast(version, plan.shared.parameters, on, plan.validator!, ctx.slots, applicable, cond, values) : NO_EXPLANATION;
  return plan.makeDecision(on, applicable, outcome, conditions, sharedProvenance(plan, on), explanation);
}

function conditionList(plan: VersionPlan, bits: number): ConditionResult[] {
  const results = plan.conditionResults;
  const n = results.length / 2;
  const list = Array.from({ length: n }, (_, i) => results[(bits >>> i) & 1 ? 2 * i : 2 * i + 1]!);
  plan.conditionLists[bits] = Object.freeze(list) as ConditionResult[];
  return plan.conditionLists[bits]!;
}
