/** `enumList`: a list of the input's declared values (repeats are dropped, the order kept). */
import { describeSafely } from "../exact/describe-safely.js";
import { acceptingReader, notScaled, same } from "./numeric.js";
import type { ValueTypeRuntime } from "./value-type.js";

export const hasOwn = (o: object | undefined, key: string) => o !== undefined && Object.prototype.hasOwnProperty.call(o, key);

/**
 * The `enumList` value type.
 *
 * @example
 * enumList.expectation({ type: "enumList", label, values: { a: { zh: "甲", en: "A" } } }).accept(["a", "a"]) //=> ["a"]
 */
export const enumList: ValueTypeRuntime<"enumList"> = {
  name: "enumList",
  staticType: "array",
  needsValues: true,
  totalled: false,
  numeric: false,
  decimalValue: false,
  scaledOutcome: false,
  fastFormat: "call",
  slot: "plain",
  inline: "other",
  expectation(spec) {
    const values = Object.keys(spec.values ?? {});
    return {
      expected: `a list of ${values.map((x) => JSON.stringify(x)).join(" | ")}`,
      accept: (v) => (Array.isArray(v) && v.every((x) => typeof x === "string" && values.includes(x)) ? [...new Set(v as string[])] : undefined),
    };
  },
  slotReader: (_spec, exp) => acceptingReader(exp),
  formatOutcome: (raw) => (Array.isArray(raw) ? raw.map(String) : []),
  scaledFormatter: notScaled,
  explainText: (text) => ({ zh: text, en: text }),
  outcomeText: (text) => text,
  explainMemo: false,
  defaultBounds: {},
  boundWords: "an enumList",
  parameterProblem: (spec) =>
    Array.isArray(spec.value) && spec.values && spec.value.every((x) => typeof x === "string" && hasOwn(spec.values, x))
      ? undefined
      : { message: `an enumList parameter lists values among ${Object.keys(spec.values ?? {}).join(", ")}, got ${describeSafely(spec.value)}` },
  overrideValue: same,
  runtimeValue: same,
};
