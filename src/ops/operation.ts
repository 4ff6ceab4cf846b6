import type { RoundingMode } from "../exact/decimal.js";

/*
 * What an operation is: one descriptor per operation, read by every part of the library that needs
 * to know anything about it — the rule-profile checker (arity, operand and result types, extra
 * checks, allowed or rejected), the reference compiler (the exact evaluation or the compile form),
 * the fast compiler (the scaled-integer form), the growth bound, the catalogue's formulas and the
 * diffs (text, reference kind, relation). Nothing outside src/ops lists operation names: adding an
 * operation is adding its descriptor module (and its registry line in index.ts).
 */

/** The namespace of the engine's own operations: every one is written `jjj.<name>` in a rule. */
export const NAMESPACE = "jjj";

/** The static type the checker infers for an expression. `any`: not known at load. */
export type StaticType = "number" | "decimal" | "string" | "date" | "boolean" | "array" | "null" | "any";

/** What a rule's own operations can see besides the data: parameters, earlier results and the date. */
export interface EvalEnv {
  /** Parameter values (numeric ones as decimals). */
  params: Record<string, unknown>;
  /** Values of conditions evaluated so far. */
  conditions: Record<string, unknown>;
  /** Values of outcome fields evaluated so far. */
  outcome: Record<string, unknown>;
  /** The evaluation date, `YYYY-MM-DD`. */
  on: string;
}

/**
 * An eager operation's exact evaluation: its evaluated operands, the evaluation environment (for the
 * engine's references) and the data (for `var`). It throws a `TypeError`, `RangeError` or a
 * `LimitError` (exact/limits.ts) on operands it cannot compute on, never answers wrongly.
 */
export type Evaluate = (args: unknown[], env: EvalEnv, data: unknown) => unknown;

/** A compiled expression of the reference compiler (engine/compile.ts). */
export type Compiled = (data: unknown, env: EvalEnv) => unknown;

/**
 * A lazy operation's compile form: its raw operands and the compiler (to compile an operand, or any
 * expression it builds), giving the closure that evaluates it. Used by operations that decide which
 * operands to evaluate (`if`, `and`, `or`) or evaluate them against other data (the iterators).
 */
export type CompileForm = (args: unknown[], compile: (logic: unknown) => Compiled) => Compiled;

/** Which operands an operation's static check accepts, and the problem it reports for another. */
export interface OperandSpec {
  /** The static types accepted (`any`, an operand whose type is not known at load, is always accepted). */
  types: readonly StaticType[];
  /** Also accept a literal string that is a decimal (`"0.5"`), as exact arithmetic reads it. */
  decimalLiteral?: true;
  /** The code and message of the problem for an operand of type `type` (in `op`, at `index`). */
  problem: (type: StaticType | undefined, op: string) => { code: string; message: string };
}

/** What an operation's own static check ({@link Operation.check}) sees and can report. */
export interface CheckContext {
  op: string;
  /** The operands as written (a single non-list operand is a list of one). */
  args: unknown[];
  /** The operands' static types (empty for references, which are not visited). */
  types: StaticType[];
  /** The value written under the operation's key, before wrapping a single operand in a list. */
  raw: unknown;
  /** The JSON pointer of the operation and of its operand `i`. */
  here: string;
  at: (i: number) => string;
  problem: (pointer: string, code: string, message: string) => void;
}

/** What the engine's references read: a declared input, a parameter, a condition, an outcome field, the date. */
export type ReferenceKind = "input" | "parameter" | "condition" | "outcome" | "evaluationDate";

/** What a comparison tests, whatever the values it orders (numbers, decimals, dates). */
export type Relation = "eq" | "ne" | "gt" | "gte" | "lt" | "lte";

/** What an arithmetic operation computes, whatever the number representation (floats or exact decimals). */
export type Arithmetic = "add" | "sub" | "mul" | "div" | "mod" | "min" | "max" | "round";

/**
 * How the fast compiler (engine/fast-path.ts) compiles an operation besides calling its evaluation:
 * its specialised closures are chosen by these names, not by operation names.
 * - `if`, `and`, `or`: the control forms; `not`, `truthy`: `!` and `!!`;
 * - `strict-equal`, `strict-not-equal`: `===` and `!==` (an input against a constant in one closure);
 * - `membership`: `in` a constant list (a loop, or a bit test on an enum's position).
 */
export type FastForm = "if" | "and" | "or" | "not" | "truthy" | "strict-equal" | "strict-not-equal" | "membership";

/** Binding strength in formula text: a child weaker than its parent is put in parentheses. */
export const PRECEDENCE = Object.freeze({ if: 0, or: 1, and: 2, not: 3, cmp: 4, in: 4, add: 5, mul: 6, unary: 7, atom: 9 });

/** A word or symbol in English and, where one is settled, Chinese (else the English is used). */
export interface Words {
  en: string;
  zh?: string;
}

/**
 * How the catalogue (logic/formula.ts) writes an operation as a formula:
 * - `infix`: operands joined by `symbol` (`a + b + c`, `a AND b`, `a ≤ b ≤ c`); `operands: "tighter"`
 *   puts in parentheses an operand of the same strength (comparisons, AND, OR), `"same"` does not
 *   (associative `+` and `×`);
 * - `binary`: `a − b` (operands after the second are not written), the right operand in parentheses
 *   at the same strength (the left too with `leftTighter`: `a IN b`); with one operand and a `unary`
 *   symbol, `−a`;
 * - `prefix`: `NOT a`; `call`: `min(a, b)`; `reference`: the name referred to;
 * - `choice` (`IF … THEN … ELSE …`), `rounding` (`round(x, 2 decimals, half-up)`), `shift`
 *   (`date + n years`): forms of their own.
 */
export type TextForm =
  | { style: "infix"; symbol: Words; prec: number; operands: "same" | "tighter" }
  | { style: "binary"; symbol: Words; prec: number; unary?: Words; leftTighter?: true }
  | { style: "prefix"; symbol: Words; prec: number }
  | { style: "call"; name: Words }
  | { style: "reference" }
  | { style: "choice" }
  | { style: "rounding" }
  | { style: "shift"; unit: Words };

/** A load-time worst case of a value (engine/growth-bound.ts): integer digits and decimal places if a decimal, text size if not. */
export interface GrowthBound {
  int: number;
  frac: number;
  size: number;
  /** The analysis cannot bound this value: never refused at load, checked at evaluation. */
  unknown?: true;
}

/** What an operation's growth form sees: its operands' bounds and the growth bound's helpers. */
export interface GrowthContext {
  args: unknown[];
  operands: GrowthBound[];
  /** Whether some operand cannot be bounded. */
  anyUnknown: boolean;
  /** A decimal result of these digits: reported (and unknown) when over the decimal limits. */
  decimal: (bound: { int: number; frac: number }) => GrowthBound;
  /** A built string or list of this size: reported (and unknown) when over MAX_BUILT_VALUE_SIZE. */
  built: (bound: GrowthBound) => GrowthBound;
  /** The bound of what a reference names (an input, parameter or earlier outcome field), from its declaration. */
  declared: (kind: ReferenceKind, name: unknown) => GrowthBound;
  /** A value that cannot be bounded, a boolean or small scalar, a date. */
  unknown: GrowthBound;
  scalar: GrowthBound;
  date: GrowthBound;
}

/** Static rounding arguments (`jjj.round`): the places and mode, or undefined when not literal and valid. */
export type RoundingArguments = (args: unknown[]) => { places: number; mode: RoundingMode } | undefined;

/**
 * Reserved for the analyses of the next issues (not read yet): an operation's image of operand
 * intervals (or symbolic forms), to prove properties over all inputs and to draw amount curves.
 */
export type IntervalForm = (operands: readonly { lo?: string; hi?: string }[]) => { lo?: string; hi?: string };

/**
 * What an operation computes, for the exact symbolic analysis (src/analysis/, above the engine): a
 * description the analysis interprets, not code, so that this layer stays below it. An operation
 * without one has no exact symbolic form: the analysis reports it (its name and JSON pointer) and
 * analyses nothing of that rule rather than guess.
 * - `reference`: a value the rule declares (an input, a parameter, an earlier result, the date);
 * - `sum`, `difference`, `product`, `quotient`: exact arithmetic (affine while at most one factor,
 *   and no divisor, varies);
 * - `least`, `greatest`: the minimum and maximum of the operands;
 * - `rounding`: to literal places in a mode ({@link Operation.rounding});
 * - `order`: a comparison of decimals or calendar dates by `relation`;
 * - `identity`: `===` (or `!==`, `negated`): the same value and type;
 * - `choice`: `if`; `junction`: and (`stopsOn: false`) / or (`stopsOn: true`), returning the operand
 *   that decides; `truthiness`: `!!` (or `!`, `negated`);
 * - `membership`: `in` a list; `shift`: a date plus whole days, months or years.
 */
export type SymbolicForm =
  | { kind: "reference" | "sum" | "difference" | "product" | "quotient" | "least" | "greatest" | "rounding" | "choice" | "membership" }
  | { kind: "order"; relation: Exclude<Relation, "ne">; values: "decimal" | "date" }
  | { kind: "identity"; negated: boolean }
  | { kind: "junction"; stopsOn: boolean }
  | { kind: "truthiness"; negated: boolean }
  | { kind: "shift"; unit: "days" | "months" | "years" }
  /** No exact symbolic form, said on purpose: the analysis reports the operation as not analysable, with this reason. */
  | { kind: "none"; why: { en: string; zh: string } };

/** Reserved for the SQL translation of the next issues (not read yet): the SQL text of the operation over its operands' SQL texts. */
export type SqlForm = (operands: readonly string[]) => string;

/**
 * One operation, described once. Either `evaluate` (eager: operands evaluated first) or `compile`
 * (lazy) is present.
 *
 * @example
 * const abs: Operation = {
 *   name: "jjj.abs", family: "exact arithmetic", profile: "allowed",
 *   arity: { min: 1, max: 1 }, operands: { rest: DECIMAL_OPERAND }, result: "decimal",
 *   evaluate: (args) => toDec(args[0], "jjj.abs").abs(),
 *   text: { style: "call", name: { en: "abs" } },
 *   growth: ({ operands, anyUnknown, unknown, decimal }) => (anyUnknown ? unknown : decimal(operands[0]!)),
 * };
 */
export interface Operation {
  /** The key written in a rule: `jjj.add`, `if`, `var`. */
  name: string;
  /** The module that defines it (for people: "exact arithmetic", "dates" …). */
  family: string;
  /** Whether rule files may use it; a rejected operation says why (the checker's message). */
  profile: "allowed" | { rejected: string };
  /**
   * The operand counts the checker accepts (`max: Infinity` for any number). With `arityChecked:
   * false` the checker does not enforce them (json-logic-js reads what it needs and ignores the rest,
   * as `!` reads its first operand), or the operation's `check` does in words of its own.
   */
  arity: { min: number; max: number };
  arityChecked?: false;
  /** Operand types: `at` by position (each checked even when missing), `rest` for every operand after them. */
  operands: { at?: readonly OperandSpec[]; rest?: OperandSpec };
  /** The result's static type, or a function of the operands' types (`if`: the branches' common type). */
  result: StaticType | ((types: readonly StaticType[]) => StaticType);
  /**
   * Whether the result may be null, given which operands may be (an operation that returns one of its
   * operands: `if` without an else, `and`, `or`). Absent: only when its result type is `null`.
   * Read by the typed outcomes (src/logic/nullability.ts).
   */
  mayBeNull?: (operands: readonly boolean[]) => boolean;
  /** Checks beyond arity and operand types (`jjj.round`'s places, `/`'s divisor …), run after them. */
  check?: (ctx: CheckContext) => void;
  /** A reference to what the rule declares: its operand is a literal name checked against the declarations. */
  reference?: ReferenceKind;
  /** The exact evaluation of an eager operation. */
  evaluate?: Evaluate;
  /** The compile form of a lazy operation (it controls the evaluation of its operands). */
  compile?: CompileForm;
  /** A specialised form of the fast compiler; without one it calls `evaluate` (a lazy operation without one is never compiled for the fast path). */
  fast?: FastForm;
  /**
   * The fast compiler may compute it in exact scaled integers (exact/scaled.ts): by its `arithmetic`
   * (`add`, `sub`, `mul`, `min`, `max`, `round`), its `relation`, or as a choice (`fast: "if"`).
   */
  scaled?: true;
  /** What it computes, for arithmetic (float or exact). */
  arithmetic?: Arithmetic;
  /** What it tests, for comparisons. */
  relation?: Relation;
  /** `jjj.round`: its literal places and mode (defaults included), for the fast path, the growth bound and the catalogue. */
  rounding?: RoundingArguments;
  /** Its formula text in the catalogue. */
  text: TextForm;
  /** Its load-time growth bound (engine/growth-bound.ts). */
  growth: (ctx: GrowthContext) => GrowthBound;
  /** Reserved: the interval/symbolic form of the analyses to come. */
  interval?: IntervalForm;
  /** What it computes for the exact analysis (src/analysis/); none: the analysis reports the operation as not analysable. */
  symbolic?: SymbolicForm;
  /** Reserved: the SQL form to come. */
  sql?: SqlForm;
}
