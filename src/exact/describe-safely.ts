import { describe } from "./decimal.js";

/**
 * {@link describe}, for a caller's value that may be hostile: a proxy whose traps throw, or an object
 * whose `toJSON` or `Symbol.toStringTag` getter throws, is described without running into the error.
 */
export function describeSafely(value: unknown): string {
  try {
    return describe(value);
  } catch {
    return typeof value === "object" && value !== null ? "an object that cannot be read" : typeof value;
  }
}
