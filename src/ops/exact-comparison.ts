import type { Dec } from "../exact/decimal.js";
import { PRECEDENCE, type Evaluate, type Operation, type Relation } from "./operation.js";
import { DECIMAL_OPERAND, decimals, scalarGrowth } from "./operands.js";

/* Exact decimal comparison: "500000" and "500000.00" are equal, 0.1 + 0.2 = 0.3. */

const TESTS: Readonly<Record<Exclude<Relation, "ne">, (c: number) => boolean>> = {
  eq: (c) => c === 0,
  gt: (c) => c > 0,
  gte: (c) => c >= 0,
  lt: (c) => c < 0,
  lte: (c) => c <= 0,
};

function compareDecimals(op: string, test: (c: number) => boolean): Evaluate {
  return (args) => {
    const [a, b] = decimals(args, op, 2, 2) as [Dec, Dec];
    return test(a.comparedTo(b));
  };
}

function comparison(relation: Exclude<Relation, "ne">, symbol: string): Operation {
  const name = `jjj.${relation}`;
  return {
    name,
    family: "exact comparison",
    profile: "allowed",
    arity: { min: 2, max: 2 },
    operands: { rest: DECIMAL_OPERAND },
    result: "boolean",
    evaluate: compareDecimals(name, TESTS[relation]),
    scaled: true,
    relation,
    symbolic: { kind: "order", relation, values: "decimal" },
    text: { style: "infix", symbol: { en: symbol }, prec: PRECEDENCE.cmp, operands: "tighter" },
    // A boolean, whatever its operands.
    growth: scalarGrowth,
  };
}

/** `{"jjj.eq": [a, b]}`: a = b as decimals. */
export const EQ: Operation = comparison("eq", "=");
/** `{"jjj.gt": [a, b]}`: a > b. */
export const GT: Operation = comparison("gt", ">");
/** `{"jjj.gte": [a, b]}`: a ≥ b. */
export const GTE: Operation = comparison("gte", "≥");
/** `{"jjj.lt": [a, b]}`: a < b. */
export const LT: Operation = comparison("lt", "<");
/** `{"jjj.lte": [a, b]}`: a ≤ b. */
export const LTE: Operation = comparison("lte", "≤");

/** Exact comparison, in the order the registry lists it. */
export const EXACT_COMPARISON: readonly Operation[] = [EQ, GT, GTE, LT, LTE];
