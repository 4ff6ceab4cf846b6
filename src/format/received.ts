/**
 * The name zod gives a value's type in "expected …, received …": the loader's file checks
 * (catalog/validator.ts) and the profile check (match/profile-check.ts) word their issues as the zod
 * schemas of `jjj-policy-rules/schema` do, without importing zod.
 *
 * @example
 * receivedTypeName(null)       //=> "null"
 * receivedTypeName([1])        //=> "array"
 * receivedTypeName(NaN)        //=> "NaN"
 * receivedTypeName(new Date()) //=> "Date"
 */
export function receivedTypeName(value: unknown): string {
  if (typeof value === "number") return Number.isNaN(value) ? "NaN" : Number.isFinite(value) ? "number" : String(value);
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "object" && Object.getPrototypeOf(value) !== Object.prototype && "constructor" in value && value.constructor) {
    return (value.constructor as { name: string }).name;
  }
  return typeof value;
}
