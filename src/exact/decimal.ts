import { Decimal as DecimalJs } from "decimal.js";
import { DIVISION_SIGNIFICANT_DIGITS, MAX_DECIMAL_FRACTION_DIGITS, MAX_DECIMAL_INTEGER_DIGITS, checkDecimal } from "./limits.js";

/**
 * The significant digits decimal.js works to. Every operand stays within
 * MAX_DECIMAL_INTEGER_DIGITS + MAX_DECIMAL_FRACTION_DIGITS significant digits (limits.ts), so a sum
 * has at most one more and a product at most twice as many: at this precision decimal.js never rounds
 * a sum, difference or product, and the engine checks each result against the limits instead.
 */
const EXACT_PRECISION = 2 * (MAX_DECIMAL_INTEGER_DIGITS + MAX_DECIMAL_FRACTION_DIGITS);

/**
 * The engine's private decimal constructor. A clone, so `Decimal.set` by a host never changes our
 * precision or rounding, and ours never changes theirs. `toString` never uses exponent notation
 * (decimal.js would write 1e-31 and 1e+40): decimals in and out are always plain.
 */
export const Dec = DecimalJs.clone({ precision: EXACT_PRECISION, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });

/** The constructor `jjj.div` divides with: a quotient is rounded half-up to 40 significant digits. */
const Quotient = DecimalJs.clone({ precision: DIVISION_SIGNIFICANT_DIGITS, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -9e15, toExpPos: 9e15 });
/** A decimal value of the engine. */
export type Dec = DecimalJs;

/** A plain decimal literal: optional minus, digits, optional fraction. No exponent, no spaces, no `+`. */
export const DECIMAL_LITERAL = /^-?\d+(\.\d+)?$/;

/** Whether a value is one of the engine's decimals. */
export function isDec(value: unknown): value is Dec {
  return value instanceof Dec;
}

/**
 * Convert a value used as a decimal operand: an engine decimal, a plain decimal string or a finite
 * number. Anything else (null, `"1e5"`, `" 100 "`, NaN) throws, so a missing or malformed value can
 * never turn into 0.
 */
export function toDec(value: unknown, op: string): Dec {
  // Operands are checked against the digit limits too: a literal or a parameter of 400 digits would
  // otherwise enter the arithmetic unchecked.
  if (value instanceof Dec) return checkDecimal(value, op);
  if (typeof value === "string" && DECIMAL_LITERAL.test(value)) return checkDecimal(new Dec(value), op);
  if (typeof value === "number" && Number.isFinite(value)) return checkDecimal(new Dec(value), op);
  throw new TypeError(`${op}: operand ${describe(value)} is not a decimal`);
}

/**
 * `a ÷ b` as `jjj.div` computes it: exact when the quotient has at most 40 significant digits
 * (DIVISION_SIGNIFICANT_DIGITS), otherwise rounded half-up to 40, the one rounding the engine makes
 * on its own (docs/rule-format.md). Computed at that precision directly, so it is rounded once.
 */
export function divide(a: Dec, b: Dec): Dec {
  return new Dec(new Quotient(a).dividedBy(new Quotient(b)));
}

/** A short, safe description of a value for error messages. */
export function describe(value: unknown): string {
  if (value instanceof Dec) return value.toString();
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? value.slice(0, 40) + "…" : value);
  if (value === undefined) return "undefined";
  try {
    const s = JSON.stringify(value);
    return s === undefined ? String(value) : s.length > 60 ? s.slice(0, 60) + "…" : s;
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/**
 * The most significant digits a JS number may carry to be taken as a decimal (a parameter or a fact): every decimal
 * of at most 15 significant digits survives the trip through a double unchanged (DBL_DIG), so such a
 * number is exactly the decimal it prints as. `0.1 + 0.2` prints with 17 (0.30000000000000004).
 *
 * @category Engine
 * @example
 * exactNumberText(0.15)      //=> "0.15"
 * exactNumberText(0.1 + 0.2) //=> undefined: pass "0.3" as a string
 */
export const MAX_NUMBER_DIGITS = 15;

/**
 * The decimal a JS number stands for, when it is exactly the decimal it prints as: a safe integer,
 * or a finite number printed without an exponent in at most {@link MAX_NUMBER_DIGITS} significant
 * digits. Otherwise undefined: such a value must be passed as a string.
 *
 * @category Engine
 * @example
 * exactNumberText(500000) //=> "500000"
 * exactNumberText(1e21)   //=> undefined
 */
export function exactNumberText(n: number): string | undefined {
  if (Number.isSafeInteger(n)) return String(n);
  if (!Number.isFinite(n)) return undefined;
  const text = String(n);
  if (/e/i.test(text)) return undefined;
  const digits = text.replace(/^-/, "").replace(".", "").replace(/^0+/, "").replace(/0+$/, "");
  return digits.length <= MAX_NUMBER_DIGITS ? text : undefined;
}

/** Rounding modes a rule may name. */
export const ROUNDING_MODES = {
  "half-up": DecimalJs.ROUND_HALF_UP,
  "half-even": DecimalJs.ROUND_HALF_EVEN,
  down: DecimalJs.ROUND_DOWN,
  up: DecimalJs.ROUND_UP,
  floor: DecimalJs.ROUND_FLOOR,
  ceil: DecimalJs.ROUND_CEIL,
} as const;
/** A rounding mode a rule may name in `jjj.round`. */
export type RoundingMode = keyof typeof ROUNDING_MODES;

/** Format a decimal as yuan with exactly two decimals, rounding half-up to the fen. */
export function formatMoney(value: Dec): string {
  return value.toDecimalPlaces(2, DecimalJs.ROUND_HALF_UP).toFixed(2);
}
