import { defaultEngine } from "../../src/api.js";
import type { Decision } from "../../src/engine/decision.js";
import { _evaluateReference, evaluateInSet } from "../../src/engine/evaluate.js";

/** Facts as the tests build them. */
export type Facts = Record<string, unknown>;

/** The two evaluation paths over the shipped set (the fast path and the decimal.js reference), which must agree. */
export const EVALUATION_PATHS: [string, (id: string, facts: Facts, on: string) => Decision][] = [
  ["fast path", (id, facts, on) => evaluateInSet(defaultEngine().ruleSet, id, facts, { on })],
  ["reference path", (id, facts, on) => _evaluateReference(defaultEngine().ruleSet, id, facts, { on })],
];
