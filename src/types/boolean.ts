/** `boolean`: true or false. */
import { describeSafely } from "../exact/describe-safely.js";
import { notScaled, same } from "./numeric.js";
import { INVALID, type ValueTypeRuntime } from "./value-type.js";

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
export const boolean: ValueTypeRuntime<"boolean"> = {
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
  outcomeText: (text) => text,
  explainMemo: true,
  defaultBounds: {},
  boundWords: "a boolean",
  parameterProblem: (spec) => (typeof spec.value === "boolean" ? undefined : { message: `a boolean parameter is true or false, got ${describeSafely(spec.value)}` }),
  overrideValue: same,
  runtimeValue: same,
};
