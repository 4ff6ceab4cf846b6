import { PRECEDENCE, type Arithmetic, type Evaluate, type Operation, type OperandSpec, type TextForm } from "./operation.js";
import { floatGrowth } from "./operands.js";

/*
 * json-logic-js 2.0.5's float arithmetic. The rule profile allows it on numbers only (integer inputs
 * and literals); money, rates and decimals use the exact jjj.* operations.
 */

const NUMBER: OperandSpec = {
  types: ["number"],
  problem: (t, op) => ({ code: "float_arithmetic", message: `"${op}" is float arithmetic on a ${t}; use the exact jjj.* operations for money, rates and decimals` }),
};

const MINUS = { en: "−" };

function float(name: string, arithmetic: Arithmetic, arity: { min: number; max: number }, text: TextForm, evaluate: Evaluate): Operation {
  const divides = arithmetic === "div" || arithmetic === "mod";
  return {
    name,
    family: "standard arithmetic",
    profile: "allowed",
    arity,
    operands: { rest: NUMBER },
    result: "number",
    ...(divides && {
      check: ({ op, args, at, problem }) => {
        if (args.length === 2 && !(typeof args[1] === "number" && args[1] !== 0)) {
          // A zero divisor gives Infinity or NaN, which compare false without a word.
          problem(at(1), "float_division", `"${op}" needs a non-zero number literal as divisor (a zero divisor gives Infinity or NaN silently); use jjj.div, which reports division by zero`);
        }
      },
    }),
    evaluate,
    arithmetic,
    text,
    growth: floatGrowth,
    symbolic: { kind: "none", why: { en: "it computes in binary floating point", zh: "它以二进制浮点数计算" } },
  };
}

const MANY = { min: 1, max: Infinity };

/** `{"+": [a, …]}`: the float sum (json-logic-js `parseFloat`s each operand). */
export const PLUS: Operation = float("+", "add", MANY, { style: "infix", symbol: { en: "+" }, prec: PRECEDENCE.add, operands: "same" }, (args) =>
  args.reduce<number>((a, b) => parseFloat(a as never) + parseFloat(b as never), 0),
);
/** `{"-": [a, b]}` or `{"-": a}` (negation). */
export const MINUS_OP: Operation = float("-", "sub", { min: 1, max: 2 }, { style: "binary", symbol: MINUS, prec: PRECEDENCE.add, unary: MINUS }, ([a, b]) =>
  b === undefined ? -(a as number) : (a as number) - (b as number),
);
/** `{"*": [a, …]}`: the float product. */
export const TIMES: Operation = float("*", "mul", MANY, { style: "infix", symbol: { en: "×" }, prec: PRECEDENCE.mul, operands: "same" }, (args) => {
  if (args.length === 0) throw new TypeError("*: needs at least one argument");
  return args.reduce((a, b) => parseFloat(a as never) * parseFloat(b as never));
});
/** `{"/": [a, k]}`: float division by a non-zero literal. */
export const DIVIDE: Operation = float("/", "div", { min: 2, max: 2 }, { style: "binary", symbol: { en: "÷" }, prec: PRECEDENCE.mul, unary: MINUS }, ([a, b]) => (a as number) / (b as number));
/** `{"%": [a, k]}`: the float remainder by a non-zero literal. */
export const MODULO: Operation = float("%", "mod", { min: 2, max: 2 }, { style: "binary", symbol: { en: "mod" }, prec: PRECEDENCE.mul, unary: MINUS }, ([a, b]) => (a as number) % (b as number));
/** `{"min": [a, …]}`: the least number. */
export const FLOAT_MIN: Operation = float("min", "min", MANY, { style: "call", name: { en: "min" } }, (args) => Math.min(...(args as number[])));
/** `{"max": [a, …]}`: the greatest number. */
export const FLOAT_MAX: Operation = float("max", "max", MANY, { style: "call", name: { en: "max" } }, (args) => Math.max(...(args as number[])));

/** Standard arithmetic, in the order the registry lists it. */
export const STANDARD_ARITHMETIC: readonly Operation[] = [PLUS, MINUS_OP, TIMES, DIVIDE, MODULO, FLOAT_MIN, FLOAT_MAX];
