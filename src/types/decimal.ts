/** `decimal`: any exact decimal within the input digit limits (`"1.5"`). */
import { toDec } from "../exact/decimal.js";
import { scaledToString } from "../exact/scaled.js";
import { groupDigits } from "../format/values.js";
import { decimalExpectation, decimalParameterProblem, decimalRuntime, decimalSlotReader, exactOverride } from "./numeric.js";
import type { ValueTypeRuntime } from "./value-type.js";

/**
 * The `decimal` value type.
 *
 * @example
 * decimal.expectation({ type: "decimal", label }).accept("1.50") //=> "1.5"
 */
export const decimal: ValueTypeRuntime<"decimal"> = {
  name: "decimal",
  staticType: "decimal",
  needsValues: false,
  totalled: false,
  numeric: true,
  decimalValue: true,
  scaledOutcome: true,
  fastFormat: "decimal",
  slot: "decimal",
  inline: "other",
  expectation: (spec) => decimalExpectation(spec, "a decimal number"),
  slotReader: decimalSlotReader,
  formatOutcome: (raw, where) => (raw === null ? null : toDec(raw, where).toString()),
  scaledFormatter: (scale) => (n) => scaledToString(n as number, scale),
  explainText: (text) => ({ zh: text, en: text }),
  outcomeText: (text) => groupDigits(text),
  explainMemo: false,
  defaultBounds: {},
  boundWords: "a decimal",
  parameterProblem: (spec) => decimalParameterProblem(spec, "500000"),
  overrideValue: exactOverride,
  runtimeValue: decimalRuntime,
};
