/** `date`: a calendar date `YYYY-MM-DD` (no time, no zone). */
import { describeSafely } from "../exact/describe-safely.js";
import { isIsoDate } from "../schema/values.js";
import { acceptingReader, notScaled, same, textOutcome } from "./numeric.js";
import type { ValueTypeRuntime } from "./value-type.js";

/**
 * The `date` value type.
 *
 * @example
 * date.expectation({ type: "date", label }).accept("2025-02-30") //=> undefined
 */
export const date: ValueTypeRuntime<"date"> = {
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
  outcomeText: (text) => text,
  explainMemo: true,
  defaultBounds: {},
  boundWords: "a date",
  parameterProblem: (spec) => (isIsoDate(spec.value) ? undefined : { message: `a date parameter is YYYY-MM-DD, got ${describeSafely(spec.value)}` }),
  overrideValue: same,
  runtimeValue: same,
};
