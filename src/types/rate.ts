/** `rate`: a fraction as an exact decimal (`"0.10"` is 10%); a parameter is within [0, 1] by default. */
import { toDec } from "../exact/decimal.js";
import { scaledToString } from "../exact/scaled.js";
import { formatPercent, percentDigits } from "../format/values.js";
import { decimalExpectation, decimalParameterProblem, decimalRuntime, decimalSlotReader, exactOverride } from "./numeric.js";
import type { ValueTypeRuntime } from "./value-type.js";

const PLAIN_DECIMAL = /^-?\d+(?:\.\d+)?$/;

/** How an explanation writes a rate's percentage: at most 4 decimals (half away from zero), grouped. */
const EXPLANATION_PERCENT = Object.freeze({ maxDecimals: 4, grouped: true });

/**
 * A rate as a percentage for an explanation, exactly: `"0.075"` → `"7.5"`, at most 4 decimals (half away
 * from zero), thousands grouped with commas, as `toLocaleString("en-US", { maximumFractionDigits: 4 })`
 * writes a number, but computed on the decimal digits (format/values.ts): no float rounding, no Intl call.
 *
 * @example
 * percentText("0.075") //=> "7.5"
 */
export function percentText(text: string): string {
  if (!PLAIN_DECIMAL.test(text)) return (Number(text) * 100).toLocaleString("en-US", { maximumFractionDigits: 4 });
  return percentDigits(text, EXPLANATION_PERCENT);
}

/**
 * The `rate` value type.
 *
 * @example
 * rate.explainText("0.1") //=> { zh: "0.1(10%)", en: "0.1 (10%)" }
 */
export const rate: ValueTypeRuntime<"rate"> = {
  name: "rate",
  staticType: "decimal",
  needsValues: false,
  totalled: false,
  numeric: true,
  decimalValue: true,
  scaledOutcome: true,
  fastFormat: "decimal",
  slot: "decimal",
  inline: "other",
  expectation: (spec) => decimalExpectation(spec, "a rate as a decimal fraction (0.10 is 10%)"),
  slotReader: decimalSlotReader,
  formatOutcome: (raw, where) => (raw === null ? null : toDec(raw, where).toString()),
  scaledFormatter: (scale) => (n) => scaledToString(n as number, scale),
  explainText: (text) => {
    const percent = percentText(text);
    return { zh: `${text}(${percent}%)`, en: `${text} (${percent}%)` };
  },
  outcomeText: (text) => formatPercent(text),
  explainMemo: false,
  defaultBounds: { min: "0", max: "1" },
  boundWords: "a rate is a fraction (0.15 is 15%)",
  parameterProblem: (spec) => decimalParameterProblem(spec, "0.15"),
  overrideValue: exactOverride,
  runtimeValue: decimalRuntime,
};
