/** `date`: a calendar date `YYYY-MM-DD` (no time, no zone). */
import { describeSafely } from "../exact/describe-safely.js";
import { isIsoDate } from "../schema/values.js";
import { acceptingReader, groupedDelta, notScaled, plainPageText, same, textOutcome } from "./numeric.js";
import type { ValueTypeModule } from "./value-type.js";

/**
 * The `date` value type.
 *
 * @example
 * date.expectation({ type: "date", label }).accept("2025-02-30") //=> undefined
 */
export const date: ValueTypeModule<"date"> = {
  name: "date",
  staticType: "date",
  needsValues: false,
  totalled: false,
  numeric: false,
  decimalValue: false,
  scaledOutcome: false,
  fastFormat: "call",
  slot: "plain",
  inline: "text",
  expectation: () => ({
    expected: "a calendar date YYYY-MM-DD",
    accept: (v) => (isIsoDate(v) ? v : undefined),
    hint: (v) => (typeof v === "string" && /T|:/.test(v) ? "give the calendar date only, without a time or zone" : undefined),
  }),
  slotReader: (_spec, exp) => acceptingReader(exp),
  formatOutcome: textOutcome,
  scaledFormatter: notScaled,
  explainText: (text) => ({ zh: text, en: text }),
  peopleText: (text) => text,
  outcomeText: (text) => text,
  deltaText: groupedDelta,
  defaultUnit: "",
  unitInText: false,
  pageText: (value, lang) => plainPageText(value, lang),
  probe: { minPlaces: 2, words: "one step", wordsZh: "一个步长" },
  factOf: (d) => d.toString(),
  caseText: (text) => text,
  explainMemo: true,
  inputBound: () => ({ int: 0, frac: 0, size: 10 }),
  defaultBounds: {},
  boundWords: "a date",
  parameterProblem: (spec) => (isIsoDate(spec.value) ? undefined : { message: `a date parameter is YYYY-MM-DD, got ${describeSafely(spec.value)}` }),
  overrideValue: same,
  runtimeValue: same,
  parseAssignment: (text) => text,
  assignmentExpected: () => "a date YYYY-MM-DD",
  tsType: () => "string",
  tsDoc: "A calendar date, YYYY-MM-DD.",
  outcomeTsType: "string",
  factsJsonSchema: () => ({ type: "string", format: "date", pattern: "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", description: "a calendar date YYYY-MM-DD" }),
  outcomeJsonSchema: { type: "string", format: "date" },
};
