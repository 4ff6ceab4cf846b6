/** `enum`: one of the input's declared values (`values`, each with a Chinese and an English label). */
import { describeSafely } from "../exact/describe-safely.js";
import { notScaled, same, textOutcome } from "./numeric.js";
import { INVALID, type ValueTypeRuntime } from "./value-type.js";

export const hasOwn = (o: object | undefined, key: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, key);

/**
 * The `enum` value type.
 *
 * @example
 * enumType.expectation({ type: "enum", label, values: { a: { zh: "甲", en: "A" } } }).expected //=> 'one of "a"'
 */
export const enumType: ValueTypeRuntime<"enum"> = {
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
  outcomeText: (text) => text,
  explainMemo: true,
  defaultBounds: {},
  boundWords: "an enum",
  parameterProblem: (spec) =>
    typeof spec.value === "string" && spec.values && hasOwn(spec.values, spec.value)
      ? undefined
      : { message: `an enum parameter is one of ${Object.keys(spec.values ?? {}).join(", ")}, got ${describeSafely(spec.value)}` },
  overrideValue: same,
  runtimeValue: same,
};
