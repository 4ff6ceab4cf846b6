/** `boolean`: true or false. */
import { describeSafely } from "../exact/describe-safely.js";
import { VALUE_WORDS } from "../format/values.js";
import { groupedDelta, notScaled, same } from "./numeric.js";
import { INVALID, type ValueTypeModule } from "./value-type.js";

/**
 * JSON-logic truthiness (JavaScript's, except that an empty list is false), the one definition (the
 * operations re-export it as `truthy`, ops/truthy.ts): a boolean outcome is the truthiness of what its logic computed.
 *
 * @example
 * jsonLogicTruthy([]) //=> false
 */
export function jsonLogicTruthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

/**
 * The `boolean` value type.
 *
 * @example
 * boolean.expectation({ type: "boolean", label }).accept("true") //=> undefined
 */
export const boolean: ValueTypeModule<"boolean"> = {
  name: "boolean",
  staticType: "boolean",
  needsValues: false,
  totalled: false,
  numeric: false,
  decimalValue: false,
  scaledOutcome: false,
  fastFormat: "boolean",
  slot: "plain",
  inline: "boolean",
  expectation: () => ({ expected: "true or false", accept: (v) => (typeof v === "boolean" ? v : undefined) }),
  slotReader: () => ({ kind: "plain", read: (v) => (typeof v === "boolean" ? v : INVALID) }),
  formatOutcome: (raw) => jsonLogicTruthy(raw),
  scaledFormatter: notScaled,
  explainText: (text) => ({ zh: text, en: text }),
  peopleText: (text) => text,
  outcomeText: (text) => text,
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, lang) => (value === true ? `✓ ${VALUE_WORDS.yes[lang]}` : value === false ? `✗ ${VALUE_WORDS.no[lang]}` : String(value)),
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => text,
  explainMemo: true,
  inputBound: () => ({ int: 1, frac: 0, size: 5 }),
  defaultBounds: {},
  boundWords: "a boolean",
  parameterProblem: (spec) => (typeof spec.value === "boolean" ? undefined : { message: `a boolean parameter is true or false, got ${describeSafely(spec.value)}` }),
  overrideValue: same,
  runtimeValue: same,
  parseAssignment: (text) => (text === "true" ? true : text === "false" ? false : text),
  assignmentExpected: () => "true or false",
  tsType: () => "boolean",
  tsDoc: "true or false.",
  outcomeTsType: "boolean",
  factsJsonSchema: () => ({ type: "boolean" }),
  outcomeJsonSchema: { type: "boolean" },
};
