import { PRECEDENCE, type Evaluate, type Operation, type OperandSpec, type Relation } from "./operation.js";
import { testGrowth } from "./operands.js";

/*
 * json-logic-js 2.0.5's comparisons, coercions included. The rule profile allows the strict ones
 * (`===`, `!==`) and the orderings on numbers; loose `==`/`!=` are rejected, but evaluated as
 * json-logic-js does for the conformance suite.
 */

/* eslint-disable eqeqeq -- these are json-logic-js's loose operators, reproduced on purpose */
const loose = {
  eq: (a: unknown, b: unknown) => a == b,
  ne: (a: unknown, b: unknown) => a != b,
  // json-logic-js compares with JS relational operators, which coerce; `any` mirrors that exactly.
  lt: (a: any, b: any) => a < b,
  le: (a: any, b: any) => a <= b,
};
/* eslint-enable eqeqeq */

function strict(name: "===" | "!==", relation: Relation, symbol: string, evaluate: Evaluate): Operation {
  return {
    name,
    family: "standard comparison",
    profile: "allowed",
    arity: { min: 2, max: 2 },
    operands: {},
    result: "boolean",
    check: ({ op, types, here, problem }) => {
      if (types.includes("decimal")) problem(here, "decimal_equality", `"${op}" compares decimals as text ("500000" !== "500000.00"); use jjj.eq`);
    },
    evaluate,
    fast: name === "===" ? "strict-equal" : "strict-not-equal",
    symbolic: { kind: "identity", negated: name === "!==" },
    relation,
    text: { style: "infix", symbol: { en: symbol }, prec: PRECEDENCE.cmp, operands: "tighter" },
    growth: testGrowth,
  };
}

/** `{"===": [a, b]}`: strict equality (texts, booleans, integers, dates). */
export const STRICT_EQ: Operation = strict("===", "eq", "=", ([a, b]) => a === b);
/** `{"!==": [a, b]}`: strict inequality. */
export const STRICT_NE: Operation = strict("!==", "ne", "≠", ([a, b]) => a !== b);

/** An operand of an ordering: a number (integer inputs and literals); text, dates and decimals have their own operations. */
const ORDERED: OperandSpec = {
  types: ["number"],
  problem: (t, op) =>
    t === "string" || t === "date"
      ? { code: "string_ordering", message: `"${op}" on strings compares text, not values; use jjj.gte/jjj.lt for decimals or jjj.dateGte/jjj.dateLt for dates` }
      : t === "decimal"
        ? { code: "decimal_ordering", message: `"${op}" on a decimal would compare floats or text; use jjj.gt, jjj.gte, jjj.lt or jjj.lte` }
        : // JS relational operators coerce: [] < [1], null < 5 and true > 0 are all true.
          { code: "not_number", message: `"${op}" orders numbers only; this operand is a ${t}` },
};

function ordering(name: string, relation: Relation, symbol: string, max: number, evaluate: Evaluate): Operation {
  return {
    name,
    family: "standard comparison",
    profile: "allowed",
    arity: { min: 2, max },
    operands: { rest: ORDERED },
    result: "boolean",
    evaluate,
    relation,
    // `<` and `<=` with three operands read "a < b < c" (between).
    text: { style: "infix", symbol: { en: symbol }, prec: PRECEDENCE.cmp, operands: "tighter" },
    growth: testGrowth,
    symbolic: { kind: "none", why: { en: "it orders with JavaScript's loose coercions", zh: "它按 JavaScript 的宽松类型转换比较" } },
  };
}

/** `{"<": [a, b]}` or `{"<": [a, b, c]}` (a < b < c). */
export const LESS: Operation = ordering("<", "lt", "<", 3, ([a, b, c]) => (c === undefined ? loose.lt(a, b) : loose.lt(a, b) && loose.lt(b, c)));
/** `{"<=": [a, b]}` or `{"<=": [a, b, c]}` (a ≤ b ≤ c). */
export const LESS_EQ: Operation = ordering("<=", "lte", "≤", 3, ([a, b, c]) => (c === undefined ? loose.le(a, b) : loose.le(a, b) && loose.le(b, c)));
/** `{">": [a, b]}`. */
export const GREATER: Operation = ordering(">", "gt", ">", 2, ([a, b]) => loose.lt(b, a));
/** `{">=": [a, b]}`. */
export const GREATER_EQ: Operation = ordering(">=", "gte", "≥", 2, ([a, b]) => loose.le(b, a));

function looseEquality(name: "==" | "!=", rejected: string, evaluate: Evaluate): Operation {
  return {
    name,
    family: "standard comparison",
    profile: { rejected },
    arity: { min: 2, max: 2 },
    arityChecked: false,
    operands: {},
    result: "boolean",
    evaluate,
    text: { style: "call", name: { en: name } },
    growth: testGrowth,
  };
}

/** `==`: rejected (coerces); json-logic-js semantics for the conformance suite. */
export const LOOSE_EQ: Operation = looseEquality("==", "loose `==` coerces (`0 == \"\"` is true); use `===`, or `jjj.eq` for decimals", ([a, b]) => loose.eq(a, b));
/** `!=`: rejected (coerces). */
export const LOOSE_NE: Operation = looseEquality("!=", "loose `!=` coerces; use `!==`, or `jjj.eq` negated for decimals", ([a, b]) => loose.ne(a, b));

/** Standard comparisons, in the order the registry lists them. */
export const STANDARD_COMPARISON: readonly Operation[] = [STRICT_EQ, STRICT_NE, LESS, LESS_EQ, GREATER, GREATER_EQ, LOOSE_EQ, LOOSE_NE];
