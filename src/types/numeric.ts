/*
 * Pieces shared by the numeric value types (money, decimal, rate, integer): reading a JS number as the
 * decimal it prints as, the hints for a number written wrong, scaled bounds for the fast reader, and the
 * check of a decimal parameter. Not a value type itself.
 */
import { DECIMAL_LITERAL, Dec, exactNumberText } from "../exact/decimal.js";
import { MAX_INPUT_FRACTION_DIGITS, MAX_INPUT_INTEGER_DIGITS, inputDigitsProblem } from "../exact/limits.js";
import { MAX_SCALED, parseScaled } from "../exact/scaled.js";
import { describeSafely } from "../exact/describe-safely.js";
import type { InputSpec, ParameterSpec } from "../schema/rule-file.js";
import { VALUE_WORDS, groupDigits } from "../format/values.js";
import { INVALID, NOT_FAST, type DigitBound, type Expectation, type ParameterProblem, type SlotReader } from "./value-type.js";

/**
 * The text of a numeric fact: a string as it is, a JS number only when it is exactly the decimal it
 * prints as (0.1 + 0.2 must come as "0.3"); undefined for anything else.
 *
 * @example
 * numberText(1.5)  //=> "1.5"
 * numberText(true) //=> undefined
 */
export function numberText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number") return exactNumberText(value);
  return undefined;
}

/**
 * Why a numeric fact was probably written wrong (50万, full-width digits, spaces, an exponent, commas).
 *
 * @example
 * decimalHint("1,000") //=> "remove the thousands separators"
 */
export function decimalHint(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) && exactNumberText(value) === undefined ? "pass the number as a string: a JS number of more than 15 significant digits is not exactly the decimal it prints as" : undefined;
  if (typeof value !== "string") return undefined;
  if (/万|亿/.test(value)) return "write the amount in yuan as digits: 50万 is \"500000\"";
  if (/[０-９]/.test(value)) return "use ASCII digits, not full-width ones";
  if (value.trim() !== value) return "remove the surrounding spaces";
  if (/e/i.test(value)) return "write the number without an exponent";
  if (/,/.test(value)) return "remove the thousands separators";
  return undefined;
}

/**
 * `ceil(bound × 10^scale)` (or floor), as a number; ±Infinity when beyond every safe scaled value.
 *
 * @example
 * scaledBound("0.5", 2, true) //=> 50
 */
export function scaledBound(bound: string | undefined, scale: number, up: boolean): number {
  if (bound === undefined) return up ? -Infinity : Infinity;
  const d = new Dec(bound).times(new Dec(10).pow(scale));
  const r = up ? d.ceil() : d.floor();
  if (r.gt(MAX_SCALED)) return up ? Infinity : Number.MAX_VALUE;
  if (r.lt(-MAX_SCALED)) return up ? -Number.MAX_VALUE : -Infinity;
  return r.toNumber();
}

/**
 * Whether a decimal lies within an input's declared bounds.
 *
 * @example
 * withinDeclared({ type: "rate", label, min: "0", max: "1" }, new Dec("0.5")) //=> true
 */
export function withinDeclared(spec: InputSpec, d: InstanceType<typeof Dec>): boolean {
  return (spec.min === undefined || d.gte(spec.min)) && (spec.max === undefined || d.lte(spec.max));
}

/**
 * An input's declared bounds in words: `≥ 0 and ≤ 1`, or "".
 *
 * @example
 * rangeWords({ type: "rate", label, min: "0", max: "1" }) //=> "≥ 0 and ≤ 1"
 */
export function rangeWords(spec: InputSpec): string {
  return [spec.min !== undefined ? `≥ ${spec.min}` : "", spec.max !== undefined ? `≤ ${spec.max}` : ""].filter(Boolean).join(" and ");
}

/**
 * The digits of a decimal literal as a bound: integer digits (at least 1), decimals, and its length.
 *
 * @example
 * decimalDigitBound("123.45") //=> { int: 3, frac: 2, size: 6 }
 */
export function decimalDigitBound(text: string): DigitBound {
  const d = new Dec(text);
  return { int: Math.max(d.e + 1, 1), frac: d.decimalPlaces(), size: text.length };
}

/**
 * The check of a decimal parameter's value (money, decimal, rate): a decimal string within the digit
 * limits of a fact, so that every sum or product of two values stays exact. Bounds are checked by the caller.
 *
 * @example
 * decimalParameterProblem({ type: "rate", value: 1, label }, "0.15")?.message //=> 'a rate parameter is a decimal string like "0.15", got 1'
 */
export function decimalParameterProblem(spec: ParameterSpec, example: string): ParameterProblem | undefined {
  const v = spec.value;
  if (typeof v !== "string" || !DECIMAL_LITERAL.test(v)) {
    return { message: `a ${spec.type} parameter is a decimal string like "${example}", got ${describeSafely(v)}` };
  }
  const digits = inputDigitsProblem(v);
  if (digits !== undefined) return { message: `a ${spec.type} parameter has ${digits}`, bound: `≤ ${MAX_INPUT_INTEGER_DIGITS} integer digits and ${MAX_INPUT_FRACTION_DIGITS} decimals` };
  return undefined;
}

/**
 * The scale at which `rate` and `decimal` inputs enter the fast path (6 places: a ten-thousandth of a basis point).
 *
 * @example
 * DECIMAL_INPUT_SCALE //=> 6
 */
export const DECIMAL_INPUT_SCALE = 6;
/**
 * The scale of `money` inputs in the fast path: the fen.
 *
 * @example
 * MONEY_SCALE //=> 2
 */
export const MONEY_SCALE = 2;

/**
 * What a decimal or rate fact must be: a decimal literal within the digit limits and the declared bounds;
 * canonical form without trailing zeros. `what` names the type, e.g. "a decimal number".
 *
 * @example
 * decimalExpectation({ type: "decimal", label }, "a decimal number").accept("1.50") //=> "1.5"
 */
export function decimalExpectation(spec: InputSpec, what: string): Expectation {
  const range = rangeWords(spec);
  return {
    expected: `${what}${range ? ` ${range}` : ""}, at most ${MAX_INPUT_INTEGER_DIGITS} integer digits and ${MAX_INPUT_FRACTION_DIGITS} decimals, e.g. "0.15"`,
    accept: (v) => {
      const text = numberText(v);
      if (text === undefined || !DECIMAL_LITERAL.test(text) || inputDigitsProblem(text) !== undefined) return undefined;
      const d = new Dec(text);
      return withinDeclared(spec, d) ? d.toString() : undefined;
    },
    hint: (v) => (typeof v === "string" && DECIMAL_LITERAL.test(v) ? inputDigitsProblem(v) : decimalHint(v)),
  };
}

/**
 * The fast reader of a decimal or rate fact: scaled by 10^{@link DECIMAL_INPUT_SCALE}; a value with more
 * decimals, or too large, is read by the reference path.
 *
 * @example
 * decimalSlotReader({ type: "rate", label }, exp).read("0.1") //=> 100000
 */
export function decimalSlotReader(spec: InputSpec, exp: Expectation): SlotReader {
  const lo = scaledBound(spec.min, DECIMAL_INPUT_SCALE, true);
  const hi = scaledBound(spec.max, DECIMAL_INPUT_SCALE, false);
  const slow = (v: unknown) => (exp.accept(v) === undefined ? INVALID : NOT_FAST);
  return {
    kind: "decimal",
    read: (v) => {
      const text = typeof v === "string" ? v : numberText(v);
      if (text === undefined) return INVALID;
      const n = parseScaled(text, DECIMAL_INPUT_SCALE, 15, Infinity);
      if (n === undefined) return slow(v); // not a literal, too many decimals, or too large
      if (n < lo || n > hi) return INVALID;
      return n === 0 ? 0 : n;
    },
  };
}

/**
 * The digit bound of a decimal or rate input: declared bounds on both sides bound the integer digits
 * (a rate from 0 to 1 has one); otherwise the input digit limits.
 *
 * @example
 * decimalInputBound({ type: "rate", label, min: "0", max: "1" }) //=> { int: 1, frac: 50, size: 53 }
 */
export function decimalInputBound(spec: InputSpec): DigitBound {
  const int =
    spec.min !== undefined && spec.max !== undefined && DECIMAL_LITERAL.test(spec.min) && DECIMAL_LITERAL.test(spec.max)
      ? Math.max(decimalDigitBound(spec.min).int, decimalDigitBound(spec.max).int) : MAX_INPUT_INTEGER_DIGITS;
  return { int, frac: MAX_INPUT_FRACTION_DIGITS, size: int + MAX_INPUT_FRACTION_DIGITS + 2 };
}

/**
 * A JS number as a decimal parameter override takes it: its exact text, or undefined.
 *
 * @example
 * exactOverride(0.3) //=> "0.3"
 */
export const exactOverride = (raw: number): unknown => exactNumberText(raw);

/**
 * A decimal parameter as the operations use it: an exact decimal.
 *
 * @example
 * decimalRuntime("0.15") // Dec 0.15
 */
export const decimalRuntime = (value: unknown): unknown => new Dec(value as string);

/**
 * The scaled formatter of a type that is never computed in scaled integers (its `scaledOutcome` is
 * false): the fast path never asks for it.
 *
 * @example
 * notScaled(0) // throws TypeError
 */
export function notScaled(): never {
  throw new TypeError("this value type is not computed in scaled integers");
}

/**
 * A value on the page as it is: yes/no for a boolean, a list joined with commas, otherwise its text.
 *
 * @example
 * plainPageText(["a", "b"], "en") //=> "a, b"
 */
export function plainPageText(value: unknown, lang: "zh" | "en"): string {
  if (typeof value === "boolean") return value ? `✓ ${VALUE_WORDS.yes[lang]}` : `✗ ${VALUE_WORDS.no[lang]}`;
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

/**
 * An outcome value of a type without a numeric form: its text, or null when absent.
 *
 * @example
 * textOutcome("2025-01-01") //=> "2025-01-01"
 */
export function textOutcome(raw: unknown): string | null {
  return raw === null || raw === undefined ? null : String(raw);
}

/**
 * The fast reader of a type that has no fast form: the value its expectation accepts, as the slot.
 *
 * @example
 * acceptingReader(exp).read("2025-01-01") //=> "2025-01-01"
 */
export function acceptingReader(exp: Expectation): SlotReader {
  return {
    kind: "plain",
    read: (v) => {
      const accepted = exp.accept(v);
      return accepted === undefined ? INVALID : accepted;
    },
  };
}

/**
 * The same value, unchanged (slots, overrides and runtime values of most types).
 *
 * @example
 * same(3) //=> 3
 */
export const same = <T>(value: T): T => value;

/**
 * A number on the page grouped by thousands, with its unit unless the unit is a count; anything else as its text.
 *
 * @example
 * groupedPageText("1200000", "project") //=> "1,200,000 project"
 * groupedPageText(12, "count") //=> "12"
 */
export function groupedPageText(value: unknown, unit: string | undefined): string {
  if (typeof value !== "string" && typeof value !== "number") return String(value);
  return groupDigits(String(value)) + (unit && unit !== "count" ? ` ${unit}` : "");
}

/**
 * The magnitude of a difference grouped by thousands, as written for any type without its own.
 *
 * @example
 * groupedDelta(new Dec("25000")) //=> "25,000"
 */
export const groupedDelta = (abs: { toString(): string }): string => groupDigits(abs.toString());

/**
 * The JSON Schema of a numeric fact (the HTTP service's OpenAPI document): a JSON number within the
 * bounds, or a decimal string of the form the engine reads: no sign when the lower bound is ≥ 0, at most
 * `digits` integer and decimal digits, and between 0 and 1 when those are the bounds. Other bounds on a
 * string cannot be said in JSON Schema: `expected` (in the description) says them, the engine checks them.
 *
 * @example
 * numericJsonSchema("0", undefined, { int: 15, frac: 2 }, "money in yuan").anyOf[0].pattern //=> "^[0-9]{1,15}(\\.[0-9]{1,2})?$"
 */
export function numericJsonSchema(min: string | undefined, max: string | undefined, digits: { int?: number; frac?: number }, expected: string) {
  const nonNegative = min !== undefined && new Dec(min).gte(0);
  const frac = digits.frac === undefined ? "[0-9]+" : `[0-9]{1,${digits.frac}}`;
  const int = digits.int === undefined ? "[0-9]+" : `[0-9]{1,${digits.int}}`;
  const unit = nonNegative && max !== undefined && new Dec(max).eq(1);
  const pattern = unit ? `^(0(\\.${frac})?|1(\\.0+)?)$` : `^${nonNegative ? "" : "-?"}${int}(\\.${frac})?$`;
  const number: Record<string, unknown> = { type: "number" };
  if (min !== undefined) number.minimum = Number(min);
  if (max !== undefined) number.maximum = Number(max);
  return { anyOf: [{ type: "string", pattern }, number], description: expected };
}
