import { Decimal as DecimalJs } from "decimal.js";

/**
 * The engine's private decimal constructor. A clone, so `Decimal.set` by a host never changes our
 * precision or rounding, and ours never changes theirs.
 */
export const Dec = DecimalJs.clone({ precision: 40, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -30, toExpPos: 40 });
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
  if (value instanceof Dec) return value;
  if (typeof value === "string" && DECIMAL_LITERAL.test(value)) return new Dec(value);
  if (typeof value === "number" && Number.isFinite(value)) return new Dec(value);
  throw new TypeError(`${op}: operand ${describe(value)} is not a decimal`);
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
