/** `integer`: a safe integer (a count); a parameter is ≥ 0 by default. */
import { Dec, toDec } from "../exact/decimal.js";
import { FALLBACK, POW10 } from "../exact/scaled.js";
import { groupDigits } from "../format/values.js";
import { describeSafely } from "../exact/describe-safely.js";
import { rangeWords, same, scaledBound, withinDeclared } from "./numeric.js";
import { INVALID, type ValueTypeRuntime } from "./value-type.js";

/**
 * The `integer` value type.
 *
 * @example
 * integer.expectation({ type: "integer", label, min: "0" }).accept(-1) //=> undefined
 */
export const integer: ValueTypeRuntime<"integer"> = {
  name: "integer",
  staticType: "number",
  needsValues: false,
  totalled: false,
  numeric: true,
  decimalValue: false,
  scaledOutcome: true,
  fastFormat: "integer",
  slot: "integer",
  inline: "other",
  expectation(spec) {
    const range = rangeWords(spec);
    return {
      expected: `an integer${range ? ` ${range}` : ""}`,
      accept: (v) => (typeof v === "number" && Number.isSafeInteger(v) && withinDeclared(spec, new Dec(v)) ? v : undefined),
    };
  },
  slotReader(spec) {
    const lo = spec.min === undefined ? -Infinity : scaledBound(spec.min, 0, true);
    const hi = spec.max === undefined ? Infinity : scaledBound(spec.max, 0, false);
    return { kind: "integer", read: (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= lo && v <= hi ? v : INVALID) };
  },
  formatOutcome(raw, where) {
    if (raw === null) return null;
    const d = toDec(raw, where);
    if (!d.isInteger()) throw new TypeError(`${where}: ${d.toString()} is not an integer`);
    return d.toNumber();
  },
  scaledFormatter(scale) {
    if (scale === 0) return (n) => n as number;
    const p = POW10[scale]!;
    return (n) => {
      // A fraction is an error on the reference path; let it report it.
      if ((n as number) % p !== 0) throw FALLBACK;
      return (n as number) / p;
    };
  },
  explainText: (text) => ({ zh: text, en: text }),
  outcomeText: (text) => groupDigits(text),
  explainMemo: true,
  // Counts (every integer parameter of the four documents: targets, baselines) cannot be negative.
  defaultBounds: { min: "0" },
  boundWords: "an integer is a count",
  parameterProblem: (spec) =>
    typeof spec.value === "number" && Number.isSafeInteger(spec.value) ? undefined : { message: `an integer parameter is a JSON integer, got ${describeSafely(spec.value)}` },
  overrideValue: same,
  runtimeValue: same,
};
