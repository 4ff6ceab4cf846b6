import { InvalidArgumentError } from "../errors.js";
import { isIsoDate } from "../schema/values.js";
import { shiftCalendarDate } from "../types/calendar.js";

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * Today's calendar date in Asia/Shanghai, whatever the host's time zone. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact and needs no time-zone database.
 *
 * @category Engine
 * @example
 * todayInShanghai(new Date("2025-06-01T16:30:00Z")) //=> "2025-06-02"
 */
export function todayInShanghai(now: Date = new Date()): string {
  return new Date(now.getTime() + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** Check an evaluation date given by a caller. */
export function requireDate(value: unknown, what: string): string {
  if (!isIsoDate(value)) {
    throw new InvalidArgumentError(`${what} must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** The calendar day after a date. */
export function nextDay(date: string): string {
  return shiftCalendarDate(date, "days", 1).date;
}

/** The calendar day before a date. */
export function previousDay(date: string): string {
  return shiftCalendarDate(date, "days", -1).date;
}
