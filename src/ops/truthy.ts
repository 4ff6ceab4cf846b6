// JsonLogic truthiness (JavaScript's, except that an empty array is falsy) is defined once, by the boolean
// value type, the lower layer: a boolean outcome is the truthiness of what its logic computed.
export { jsonLogicTruthy as truthy } from "../types/boolean.js";

/**
 * Whether a value is a JsonLogic operation: a plain object with exactly one key.
 *
 * @example
 * isLogic({ var: "a" }) //=> true
 * isLogic({ a: 1, b: 2 }) //=> false
 */
export function isLogic(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.keys(value).length === 1;
}
