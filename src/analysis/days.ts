import { isIsoDate } from "../schema/values.js";

/*
 * Calendar dates as whole day numbers (days since 1970-01-01, proleptic Gregorian), so that a date
 * input is a variable on the line like a number, one step a day.
 */

const DAY_MS = 86_400_000;

/**
 * The day number of a date `YYYY-MM-DD`.
 *
 * @example
 * dayOf("1970-01-02") //=> 1
 */
export function dayOf(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d); // setUTCFullYear keeps years 0–99 as written (Date.UTC would add 1900)
  return Math.round(t.getTime() / DAY_MS);
}

/**
 * The date `YYYY-MM-DD` of a day number.
 *
 * @example
 * isoOf(dayOf("2025-06-01")) //=> "2025-06-01"
 */
export function isoOf(day: number): string {
  const t = new Date(day * DAY_MS);
  const y = t.getUTCFullYear();
  return `${String(y).padStart(4, "0")}-${String(t.getUTCMonth() + 1).padStart(2, "0")}-${String(t.getUTCDate()).padStart(2, "0")}`;
}

/**
 * Whether a value is a calendar date `YYYY-MM-DD` (the engine's test).
 *
 * @example
 * isDate("2025-02-30") //=> false
 */
export function isDate(value: unknown): value is string {
  return isIsoDate(value);
}
