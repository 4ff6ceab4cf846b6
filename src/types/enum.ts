/** `enum`: one of the input's declared values (`values`, each with a Chinese and an English label). */
import { describeSafely } from "../exact/describe-safely.js";
import { groupedDelta, notScaled, plainPageText, same, textOutcome } from "./numeric.js";
import { INVALID, type ValueTypeModule } from "./value-type.js";

const hasOwn = (o: object | undefined, key: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, key);

/**
 * The `enum` value type.
 *
 * @example
 * enumType.expectation({ type: "enum", label, values: { a: { zh: "甲", en: "A" } } }).expected //=> 'one of "a"'
 */
export const enumType: ValueTypeModule<"enum"> = {
  name: "enum",
  staticType: "string",
  needsValues: true,
  totalled: false,
  numeric: false,
  decimalValue: false,
  scaledOutcome: false,
  fastFormat: "call",
  slot: "plain",
  inline: "enum",
  expectation(spec) {
    const values = Object.keys(spec.values ?? {});
    return {
      expected: `one of ${values.map((x) => JSON.stringify(x)).join(" | ")}`,
      accept: (v) => (typeof v === "string" && values.includes(v) ? v : undefined),
    };
  },
  slotReader(spec) {
    const values = new Set(Object.keys(spec.values ?? {}));
    return { kind: "plain", read: (v) => (typeof v === "string" && values.has(v) ? v : INVALID) };
  },
  formatOutcome: textOutcome,
  scaledFormatter: notScaled,
  explainText: (text) => ({ zh: text, en: text }),
  peopleText: (text, values) => (values && hasOwn(values, text) ? `${text} (${values[text]!.zh}, ${values[text]!.en})` : text),
  outcomeText: (text) => text,
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, lang, values) =>
    typeof value === "string" ? (values && hasOwn(values, value) ? `${values[value]![lang]} (${value})` : value) : plainPageText(value, lang),
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => text,
  explainMemo: true,
  inputBound: (spec) => ({ int: 0, frac: 0, size: Math.max(0, ...Object.keys(spec.values ?? {}).map((k) => k.length)) }),
  defaultBounds: {},
  boundWords: "an enum",
  parameterProblem: (spec) =>
    typeof spec.value === "string" && spec.values && hasOwn(spec.values, spec.value)
      ? undefined
      : { message: `an enum parameter is one of ${Object.keys(spec.values ?? {}).join(", ")}, got ${describeSafely(spec.value)}` },
  overrideValue: same,
  runtimeValue: same,
  parseAssignment: (text) => text,
  assignmentExpected: (spec) => `one of ${Object.keys(spec.values ?? {}).join(", ")}`,
  tsType: (spec) => Object.keys(spec.values ?? {}).map((v) => JSON.stringify(v)).join(" | ") || "never",
  tsDoc: "One of the declared values.",
  outcomeTsType: "string",
  factsJsonSchema: (spec) => ({ type: "string", enum: Object.keys(spec.values ?? {}) }),
  outcomeJsonSchema: { type: "string" },
};
