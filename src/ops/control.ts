import { PRECEDENCE, type Compiled, type GrowthContext, type GrowthBound, type Operation, type StaticType } from "./operation.js";
import { most, testGrowth } from "./operands.js";
import { truthy } from "./truthy.js";

/* Logic and control: `if` (and its alias `?:`), `and`, `or`, `!`, `!!`, with JsonLogic truthiness. */

/** `if`'s result type: its branches' common type, or `any` when they differ. */
function branchType(types: readonly StaticType[]): StaticType {
  const branches = types.filter((_, i) => i % 2 === 1 || i === types.length - 1);
  return branches.every((t) => t === branches[0]) ? (branches[0] ?? "null") : "any";
}

/** Whether `if` may give null: a branch (or the else) may, or there is no else (every test false gives null). */
function branchMayBeNull(operands: readonly boolean[]): boolean {
  const hasElse = operands.length % 2 === 1;
  return !hasElse || operands.some((nullable, i) => nullable && (i % 2 === 1 || i === operands.length - 1));
}

/** `if [test, then, test, then, …, else]`: the first branch whose test is truthy, else the else (or null). */
function compileIf(parts: Compiled[]): Compiled {
  return (data, env) => {
    let i = 0;
    for (; i < parts.length - 1; i += 2) {
      if (truthy(parts[i]!(data, env))) return parts[i + 1]!(data, env);
    }
    if (parts.length === i + 1) return parts[i]!(data, env);
    return null;
  };
}

/** `and`/`or`: the first operand that decides (falsy for and, truthy for or), else the last. */
function compileAndOr(parts: Compiled[], isOr: boolean): Compiled {
  return (data, env) => {
    let current: unknown;
    for (const part of parts) {
      current = part(data, env);
      if (truthy(current) === isOr) return current;
    }
    return current;
  };
}

function choiceGrowth({ operands, unknown }: GrowthContext): GrowthBound {
  const branches = operands.filter((_, i) => i % 2 === 1 || i === operands.length - 1);
  return branches.some((x) => x.unknown) ? unknown : { int: most(operands, (x) => x.int), frac: most(operands, (x) => x.frac), size: most(operands, (x) => x.size) };
}

function junctionGrowth({ operands, anyUnknown, unknown }: GrowthContext): GrowthBound {
  return anyUnknown ? unknown : { int: most(operands, (x) => x.int), frac: most(operands, (x) => x.frac), size: most(operands, (x) => x.size) };
}

function choice(name: string): Operation {
  return {
    name,
    family: "logic and control",
    profile: "allowed",
    arity: { min: 0, max: Infinity },
    arityChecked: false,
    operands: {},
    result: branchType,
    mayBeNull: branchMayBeNull,
    compile: (args, compile) => compileIf(args.map(compile)),
    fast: "if",
    scaled: true,
    text: { style: "choice" },
    symbolic: { kind: "choice" },
    growth: choiceGrowth,
  };
}

/** `{"if": [test, then, …, else]}`. */
export const IF: Operation = choice("if");
/** `{"?:": [test, then, else]}`: json-logic-js's ternary, the same as `if`. */
export const TERNARY: Operation = choice("?:");

function junction(name: "and" | "or", words: { en: string; zh: string }, prec: number): Operation {
  const isOr = name === "or";
  return {
    name,
    family: "logic and control",
    profile: "allowed",
    arity: { min: 1, max: Infinity },
    arityChecked: false,
    operands: {},
    result: (types) => (types.every((t) => t === "boolean") ? "boolean" : "any"),
    // The result is one of the operands.
    mayBeNull: (operands) => operands.some(Boolean),
    check: ({ op, raw, here, problem }) => {
      // json-logic-js returns undefined for an empty and/or; the community suite says false. Neither is meant.
      if (Array.isArray(raw) && raw.length === 0) problem(here, "wrong_arity", `"${op}" needs at least one operand`);
    },
    compile: (args, compile) => compileAndOr(args.map(compile), isOr),
    fast: name,
    symbolic: { kind: "junction", stopsOn: isOr },
    text: { style: "infix", symbol: words, prec, operands: "tighter" },
    growth: junctionGrowth,
  };
}

/** `{"and": [a, b, …]}`: the first falsy operand, else the last. */
export const AND: Operation = junction("and", { en: "AND", zh: "且" }, PRECEDENCE.and);
/** `{"or": [a, b, …]}`: the first truthy operand, else the last. */
export const OR: Operation = junction("or", { en: "OR", zh: "或" }, PRECEDENCE.or);

/** `{"!": a}`: not truthy (it reads its first operand). */
export const NOT: Operation = {
  name: "!",
  family: "logic and control",
  profile: "allowed",
  arity: { min: 1, max: 1 },
  arityChecked: false,
  operands: {},
  result: "boolean",
  evaluate: ([a]) => !truthy(a),
  fast: "not",
  symbolic: { kind: "truthiness", negated: true },
  text: { style: "prefix", symbol: { en: "NOT", zh: "非" }, prec: PRECEDENCE.not },
  growth: testGrowth,
};

/** `{"!!": a}`: truthy (it reads its first operand). */
export const TRUTHY: Operation = {
  name: "!!",
  family: "logic and control",
  profile: "allowed",
  arity: { min: 1, max: 1 },
  arityChecked: false,
  operands: {},
  result: "boolean",
  evaluate: ([a]) => truthy(a),
  fast: "truthy",
  symbolic: { kind: "truthiness", negated: false },
  text: { style: "call", name: { en: "truthy" } },
  growth: testGrowth,
};

/** Logic and control, in the order the registry lists them. */
export const CONTROL: readonly Operation[] = [IF, TERNARY, AND, OR, NOT, TRUTHY];
