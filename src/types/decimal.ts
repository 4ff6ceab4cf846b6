/** `decimal`: any exact decimal within the input digit limits (`"1.5"`). */
import { toDec } from "../exact/decimal.js";
import { scaledToString } from "../exact/scaled.js";
import { groupDigits } from "../format/values.js";
import { DECIMAL_INPUT_SCALE, decimalExpectation, decimalInputBound, decimalParameterProblem, decimalRuntime, decimalSlotReader, exactOverride } from "./numeric.js";
import { numericJsonSchema } from "./numeric.js";
import type { ValueTypeModule } from "./value-type.js";

/**
 * The `decimal` value type.
 *
 * @example
 * decimal.expectation({ type: "decimal", label }).accept("1.50") //=> "1.5"
 */
export const decimal: ValueTypeModule<"decimal"> = {
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
  peopleText: (text) => groupDigits(text),
  outcomeText: (text) => groupDigits(text),
  deltaText: (abs) => groupDigits(abs.toString()),
  defaultUnit: "",
  unitInText: false,
  pageText: (value, _lang, _values, unit) =>
    typeof value === "string" || typeof value === "number" ? groupDigits(String(value)) + (unit && unit !== "count" ? ` ${unit}` : "") : String(value),
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => groupDigits(text),
  explainMemo: false,
  inputBound: decimalInputBound,
  defaultBounds: {},
  boundWords: "a decimal",
  parameterProblem: (spec) => decimalParameterProblem(spec, "500000"),
  overrideValue: exactOverride,
  runtimeValue: decimalRuntime,
  parseAssignment: (text) => text,
  assignmentExpected: () => "a plain decimal, e.g. 1.5",
  tsType: () => "string | number",
  tsDoc: 'An exact decimal, e.g. "1.5".',
  outcomeTsType: "string",
  factsJsonSchema: (spec) => numericJsonSchema(spec.min, spec.max, {}, decimal.expectation(spec).expected),
  outcomeJsonSchema: { type: "string", description: "an exact decimal" },
};
