import { Decimal } from "decimal.js";

/*
 * What one evaluation may build. Every value a rule computes stays within these bounds, or the
 * evaluation stops with a typed error naming the limit: no value is ever rounded to fit, and no rule
 * file, however small, can make an evaluation exhaust memory (a field squaring the previous one, or a
 * string or list doubling, reaches a limit after a few steps). docs/rule-format.md, "Precision and
 * limits", describes the model; docs/reliability.md lists the limits.
 */

/**
 * The most integer digits a decimal computed by a rule may have (any `jjj.*` result, literal or
 * parameter used as an operand). Fixed: a rule that needs more must reorder or round its arithmetic.
 *
 * @category Engine
 * @example
 * MAX_DECIMAL_INTEGER_DIGITS //=> 100
 */
export const MAX_DECIMAL_INTEGER_DIGITS = 100;

/**
 * The most decimal places a decimal computed by a rule may have. Fixed: a rule that needs more
 * rounds earlier with `jjj.round`.
 *
 * @category Engine
 * @example
 * MAX_DECIMAL_FRACTION_DIGITS //=> 100
 */
export const MAX_DECIMAL_FRACTION_DIGITS = 100;

/**
 * The most integer digits a `decimal` or `rate` input (a fact) may have; more is an invalid fact.
 * Half of {@link MAX_DECIMAL_INTEGER_DIGITS}, so the product of two inputs always fits.
 *
 * @category Engine
 * @example
 * MAX_INPUT_INTEGER_DIGITS //=> 50
 */
export const MAX_INPUT_INTEGER_DIGITS = 50;

/**
 * The most decimal places a `decimal` or `rate` input (a fact) may have, trailing zeros not counted;
 * more is an invalid fact. Half of {@link MAX_DECIMAL_FRACTION_DIGITS}.
 *
 * @category Engine
 * @example
 * MAX_INPUT_FRACTION_DIGITS //=> 50
 */
export const MAX_INPUT_FRACTION_DIGITS = 50;

/**
 * The significant digits of a quotient that does not terminate: `jjj.div` is exact when the quotient
 * has at most this many significant digits, and is otherwise rounded half-up to this many (the one
 * rounding the engine makes on its own, documented in the rule format). Add, subtract, multiply,
 * min and max are always exact.
 *
 * @category Engine
 * @example
 * DIVISION_SIGNIFICANT_DIGITS //=> 40
 */
export const DIVISION_SIGNIFICANT_DIGITS = 40;

/**
 * The most characters a string built by a rule (`cat`) may have, and the most characters a list built
 * by a rule (a list literal, `merge`) may have in text form (its items' texts, with a comma between two
 * items, as `String(list)` writes it, plus one per list, nested lists included). Fixed.
 *
 * @category Engine
 * @example
 * MAX_BUILT_VALUE_SIZE //=> 100000
 */
export const MAX_BUILT_VALUE_SIZE = 100_000;

/**
 * The last calendar date an evaluation computes (`jjj.dateAdd*`): dates are four-digit years.
 * A result after it is an invalid-facts error naming the date input it came from.
 *
 * @category Engine
 * @example
 * LAST_DATE //=> "9999-12-31"
 */
export const LAST_DATE = "9999-12-31";

/**
 * The first calendar date an evaluation computes (`jjj.dateAdd*` with a negative count).
 *
 * @category Engine
 * @example
 * FIRST_DATE //=> "0000-01-01"
 */
export const FIRST_DATE = "0000-01-01";

/**
 * Thrown by an operation whose result would exceed one of the limits above. The engine reports it as
 * a `RuleEvaluationError` (the rule computes more than the engine allows) or, when the operands come
 * from the facts (a date past {@link LAST_DATE}), as an `InvalidFactsError` naming the input.
 *
 * @category Engine
 * @example
 * new LimitError("MAX_DECIMAL_FRACTION_DIGITS", "jjj.mul: the result has 101 decimal places")
 */
export class LimitError extends RangeError {
  override name = "LimitError";
  /** The name of the exported constant that was exceeded. */
  readonly limit: string;
  /** Operand values the result came from (dates, counts), to name the facts they came from. */
  readonly operands: readonly unknown[];
  constructor(limit: string, message: string, operands: readonly unknown[] = []) {
    super(message);
    this.limit = limit;
    this.operands = operands;
  }
}

/**
 * Check that a decimal fits {@link MAX_DECIMAL_INTEGER_DIGITS} and {@link MAX_DECIMAL_FRACTION_DIGITS}
 * and return it; throw a {@link LimitError} naming the operation otherwise.
 *
 * @category Engine
 * @example
 * checkDecimal(new Dec("1.5"), "jjj.mul") // returns it
 */
export function checkDecimal<D extends Decimal>(d: D, op: string): D {
  // d.e is the exponent of the leading digit: an integer part of e + 1 digits when e ≥ 0.
  if (d.e >= MAX_DECIMAL_INTEGER_DIGITS && d.isFinite()) {
    throw new LimitError(
      "MAX_DECIMAL_INTEGER_DIGITS",
      `${op}: the result has ${d.e + 1} integer digits, more than MAX_DECIMAL_INTEGER_DIGITS (${MAX_DECIMAL_INTEGER_DIGITS}), the most a decimal may have; this limit is fixed`,
    );
  }
  const places = d.decimalPlaces();
  if (places > MAX_DECIMAL_FRACTION_DIGITS) {
    throw new LimitError(
      "MAX_DECIMAL_FRACTION_DIGITS",
      `${op}: the result has ${places} decimal places, more than MAX_DECIMAL_FRACTION_DIGITS (${MAX_DECIMAL_FRACTION_DIGITS}), the most a decimal may have; round earlier with jjj.round (this limit is fixed)`,
    );
  }
  return d;
}

/**
 * Why a plain decimal literal has more digits than a fact of type `decimal` or `rate` may have
 * ({@link MAX_INPUT_INTEGER_DIGITS}, {@link MAX_INPUT_FRACTION_DIGITS}), or undefined when it fits.
 * Leading zeros of the integer part and trailing zeros of the fraction do not count. Parameter
 * validation may call it too.
 *
 * @category Engine
 * @example
 * inputDigitsProblem("0.15") //=> undefined
 * inputDigitsProblem("1" + "0".repeat(50)) //=> "51 integer digits, more than MAX_INPUT_INTEGER_DIGITS (50)"
 */
export function inputDigitsProblem(text: string): string | undefined {
  const unsigned = text.charCodeAt(0) === 45 ? text.slice(1) : text;
  const point = unsigned.indexOf(".");
  const integer = (point === -1 ? unsigned : unsigned.slice(0, point)).replace(/^0+/, "");
  const fraction = point === -1 ? "" : unsigned.slice(point + 1).replace(/0+$/, "");
  if (integer.length > MAX_INPUT_INTEGER_DIGITS) return `${integer.length} integer digits, more than MAX_INPUT_INTEGER_DIGITS (${MAX_INPUT_INTEGER_DIGITS})`;
  if (fraction.length > MAX_INPUT_FRACTION_DIGITS) return `${fraction.length} decimal places, more than MAX_INPUT_FRACTION_DIGITS (${MAX_INPUT_FRACTION_DIGITS})`;
  return undefined;
}

/**
 * The number of characters `String(value)` writes for a value a rule built, counting one more per
 * list (so deeply nested empty lists count too), or `budget + 1` as soon as it exceeds `budget`: the
 * walk stops there, so a list that shares itself many times over costs at most `budget` steps.
 *
 * @category Engine
 * @example
 * builtSize(["ab", "c"], 100) //=> 5 (2 + 1 + 1 comma + 1 list)
 */
export function builtSize(value: unknown, budget: number): number {
  let total = 0;
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      total += 1 + (v.length > 1 ? v.length - 1 : 0);
      if (total > budget) return budget + 1;
      for (let i = v.length - 1; i >= 0; i--) stack.push(v[i]);
      if (stack.length > budget) return budget + 1;
    } else if (typeof v === "string") {
      total += v.length;
    } else if (typeof v === "object" || typeof v === "function") {
      // A decimal writes its digits; any other object is not converted here (a null-prototype one
      // cannot be): it counts as "[object Object]".
      if (v !== null) total += Decimal.isDecimal(v) ? (v as Decimal).toString().length : 15;
    } else if (v !== undefined) {
      total += String(v).length;
    }
    if (total > budget) return budget + 1;
  }
  return total;
}

/**
 * Check that a string or list a rule built fits {@link MAX_BUILT_VALUE_SIZE}, and return it.
 *
 * @category Engine
 * @example
 * checkBuilt("abc", "cat") //=> "abc"
 */
export function checkBuilt<T>(value: T, op: string): T {
  if (builtSize(value, MAX_BUILT_VALUE_SIZE) > MAX_BUILT_VALUE_SIZE) throw builtTooLarge(op);
  return value;
}

/** The error for a string or list beyond {@link MAX_BUILT_VALUE_SIZE}. */
export function builtTooLarge(op: string): LimitError {
  return new LimitError(
    "MAX_BUILT_VALUE_SIZE",
    `${op}: the result would have more than MAX_BUILT_VALUE_SIZE (${MAX_BUILT_VALUE_SIZE}) characters, the most a string or list built by a rule may have; this limit is fixed`,
  );
}
