import { Dec, ROUNDING_MODES, describe, divide, toDec, type RoundingMode } from "../exact/decimal.js";
import { DIVISION_SIGNIFICANT_DIGITS, checkDecimal } from "../exact/limits.js";
import { PRECEDENCE, type GrowthContext, type GrowthBound, type Operation, type RoundingArguments } from "./operation.js";
import { DECIMAL_OPERAND, decimals, hasOwn, most } from "./operands.js";

/*
 * Exact decimal arithmetic (decimal.js at its exact precision, exact/decimal.ts). Each partial result
 * is checked, so every operand of the next step is within the digit limits and decimal.js never
 * rounds: a result that does not fit throws a LimitError.
 */

const MINUS = { en: "−" };

/** Sums and differences: one more integer digit per doubling of the operands. */
function sumGrowth({ operands, anyUnknown, unknown, decimal }: GrowthContext): GrowthBound {
  if (anyUnknown) return unknown;
  return decimal({ int: most(operands, (x) => x.int) + Math.ceil(Math.log10(Math.max(operands.length, 2))), frac: most(operands, (x) => x.frac) });
}

/** Minimum and maximum: the largest operand's digits. */
function extremumGrowth({ operands, anyUnknown, unknown, decimal }: GrowthContext): GrowthBound {
  return anyUnknown ? unknown : decimal({ int: most(operands, (x) => x.int), frac: most(operands, (x) => x.frac) });
}

/** `{"jjj.add": [a, b, …]}`: the exact sum. */
export const ADD: Operation = {
  name: "jjj.add",
  family: "exact arithmetic",
  profile: "allowed",
  arity: { min: 1, max: Infinity },
  operands: { rest: DECIMAL_OPERAND },
  result: "decimal",
  evaluate: (args) => decimals(args, "jjj.add", 1).reduce((a, b) => checkDecimal(a.plus(b), "jjj.add")),
  scaled: true,
  arithmetic: "add",
  symbolic: { kind: "sum" },
  text: { style: "infix", symbol: { en: "+" }, prec: PRECEDENCE.add, operands: "same" },
  growth: sumGrowth,
};

/** `{"jjj.sub": [a, b]}`: the exact difference a − b. */
export const SUB: Operation = {
  name: "jjj.sub",
  family: "exact arithmetic",
  profile: "allowed",
  arity: { min: 2, max: 2 },
  operands: { rest: DECIMAL_OPERAND },
  result: "decimal",
  evaluate: (args) => {
    const [a, b] = decimals(args, "jjj.sub", 2, 2) as [Dec, Dec];
    return checkDecimal(a.minus(b), "jjj.sub");
  },
  scaled: true,
  arithmetic: "sub",
  symbolic: { kind: "difference" },
  text: { style: "binary", symbol: MINUS, prec: PRECEDENCE.add, unary: MINUS },
  growth: sumGrowth,
};

/** `{"jjj.mul": [a, b, …]}`: the exact product. */
export const MUL: Operation = {
  name: "jjj.mul",
  family: "exact arithmetic",
  profile: "allowed",
  arity: { min: 1, max: Infinity },
  operands: { rest: DECIMAL_OPERAND },
  result: "decimal",
  evaluate: (args) => decimals(args, "jjj.mul", 1).reduce((a, b) => checkDecimal(a.times(b), "jjj.mul")),
  scaled: true,
  arithmetic: "mul",
  symbolic: { kind: "product" },
  text: { style: "infix", symbol: { en: "×" }, prec: PRECEDENCE.mul, operands: "same" },
  growth: ({ operands, anyUnknown, unknown, decimal }) =>
    anyUnknown ? unknown : decimal({ int: operands.reduce((n, x) => n + x.int, 0), frac: operands.reduce((n, x) => n + x.frac, 0) }),
};

/** `{"jjj.div": [a, b]}`: a ÷ b to DIVISION_SIGNIFICANT_DIGITS significant digits; division by zero throws. */
export const DIV: Operation = {
  name: "jjj.div",
  family: "exact arithmetic",
  profile: "allowed",
  arity: { min: 2, max: 2 },
  operands: { rest: DECIMAL_OPERAND },
  result: "decimal",
  evaluate: (args) => {
    const [a, b] = decimals(args, "jjj.div", 2, 2) as [Dec, Dec];
    if (b.isZero()) throw new RangeError("jjj.div: division by zero");
    return checkDecimal(divide(a, b), "jjj.div");
  },
  arithmetic: "div",
  symbolic: { kind: "quotient" },
  text: { style: "binary", symbol: { en: "÷" }, prec: PRECEDENCE.mul, unary: MINUS },
  growth: ({ operands, anyUnknown, unknown, decimal }) => {
    if (anyUnknown) return unknown;
    // |a ÷ b| < 10^(int(a) + frac(b)) and, when not 0, > 10^−(frac(a) + int(b)), to 40 significant digits.
    const [a, d] = operands as [GrowthBound, GrowthBound];
    return decimal({ int: a.int + d.frac + 1, frac: DIVISION_SIGNIFICANT_DIGITS - 1 + a.frac + d.int });
  },
};

/** `{"jjj.min": [a, b, …]}`: the least operand. */
export const MIN: Operation = {
  name: "jjj.min",
  family: "exact arithmetic",
  profile: "allowed",
  arity: { min: 1, max: Infinity },
  operands: { rest: DECIMAL_OPERAND },
  result: "decimal",
  evaluate: (args) => Dec.min(...decimals(args, "jjj.min", 1)),
  scaled: true,
  arithmetic: "min",
  symbolic: { kind: "least" },
  text: { style: "call", name: { en: "min" } },
  growth: extremumGrowth,
};

/** `{"jjj.max": [a, b, …]}`: the greatest operand. */
export const MAX: Operation = {
  name: "jjj.max",
  family: "exact arithmetic",
  profile: "allowed",
  arity: { min: 1, max: Infinity },
  operands: { rest: DECIMAL_OPERAND },
  result: "decimal",
  evaluate: (args) => Dec.max(...decimals(args, "jjj.max", 1)),
  scaled: true,
  arithmetic: "max",
  symbolic: { kind: "greatest" },
  text: { style: "call", name: { en: "max" } },
  growth: extremumGrowth,
};

/** `jjj.round`'s default decimal places and rounding mode, when the rule gives none. */
export const DEFAULT_ROUND_PLACES = 2;
const DEFAULT_ROUND_MODE: RoundingMode = "half-up";
const validPlaces = (p: unknown): p is number => typeof p === "number" && Number.isInteger(p) && p >= 0 && p <= 20;
const validMode = (m: unknown): m is RoundingMode => typeof m === "string" && hasOwn(ROUNDING_MODES, m);

/** The literal places and mode of a `jjj.round`, defaults included; undefined when not valid. */
const rounding: RoundingArguments = (args) => {
  const places = args[1] === undefined ? DEFAULT_ROUND_PLACES : args[1];
  const mode = args[2] === undefined ? DEFAULT_ROUND_MODE : args[2];
  return validPlaces(places) && validMode(mode) ? { places, mode } : undefined;
};

/** `{"jjj.round": [x, places = 2, mode = "half-up"]}`: x rounded once, where the rule says, to 0–20 places. */
export const ROUND: Operation = {
  name: "jjj.round",
  family: "exact arithmetic",
  profile: "allowed",
  arity: { min: 1, max: 3 },
  operands: {},
  result: "decimal",
  check: ({ args, at, problem }) => {
    if (args.length >= 2 && !validPlaces(args[1])) problem(at(1), "bad_round", "jjj.round places must be a literal integer 0–20");
    if (args.length === 3 && !validMode(args[2])) problem(at(2), "bad_round", `jjj.round mode must be one of ${Object.keys(ROUNDING_MODES).join(", ")}`);
  },
  evaluate: (args) => {
    if (args.length < 1 || args.length > 3) throw new TypeError(`jjj.round: expected 1–3 operands, got ${args.length}`);
    const value = toDec(args[0], "jjj.round");
    const places = args[1] === undefined ? DEFAULT_ROUND_PLACES : args[1];
    if (!validPlaces(places)) throw new TypeError(`jjj.round: places ${describe(places)} is not an integer 0–20`);
    const mode = args[2] === undefined ? DEFAULT_ROUND_MODE : args[2];
    if (!validMode(mode)) throw new TypeError(`jjj.round: unknown rounding mode ${describe(mode)}`);
    return checkDecimal(value.toDecimalPlaces(places, ROUNDING_MODES[mode]), "jjj.round");
  },
  scaled: true,
  arithmetic: "round",
  symbolic: { kind: "rounding" },
  rounding,
  text: { style: "rounding" },
  growth: ({ args, operands, anyUnknown, unknown, decimal }) => {
    if (anyUnknown) return unknown;
    const places = typeof args[1] === "number" ? args[1] : DEFAULT_ROUND_PLACES;
    return decimal({ int: operands[0]!.int + 1, frac: Math.min(operands[0]!.frac, places) });
  },
};

/** Exact arithmetic, in the order the registry lists it. */
export const EXACT_ARITHMETIC: readonly Operation[] = [ADD, SUB, MUL, DIV, MIN, MAX, ROUND];
