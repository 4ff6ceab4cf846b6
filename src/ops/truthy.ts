/**
 * JsonLogic truthiness: JavaScript's, except that an empty array is falsy.
 *
 * @example
 * truthy([]) //=> false
 * truthy("0") //=> true
 */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}

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
