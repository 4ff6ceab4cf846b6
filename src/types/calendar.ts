// The mini UTC date (same arithmetic, no formatting methods): the full UTCDate builds three
// Intl.DateTimeFormat objects when its module loads, ~30 ms of every start of the library.
import { UTCDateMini } from "@date-fns/utc/date/mini";
// Each function from its own module: the package root re-exports ~250 modules, which Node reads and
// compiles one by one when it loads the built library (date-fns stays external to dist/), at every start.
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { addYears } from "date-fns/addYears";

/*
 * Calendar arithmetic on dates `YYYY-MM-DD`, by date-fns on UTC dates (`@date-fns/utc`'s `UTCDateMini`), so the host's
 * time zone never moves the day. date-fns's `addMonths`/`addYears` land on the month's last day when it
 * has no corresponding day (2024-02-29 + 1 year = 2025-02-28), as the PRC Civil Code art. 202 counts
 * periods (没有对应日的,月末日为期间的最后一日). The one place the engine, the operations and the loader shift dates.
 */

/** The units a date is shifted by. */
export type CalendarUnit = "days" | "months" | "years";

const SHIFTS = { days: addDays, months: addMonths, years: addYears } as const;

/**
 * A date shifted by whole days, months or years, with the year it lands in (the caller checks its
 * range: outside 0000–9999 the text is JavaScript's extended-year form, e.g. `+010000-01`).
 *
 * @example
 * shiftCalendarDate("2024-02-29", "years", 1) //=> { date: "2025-02-28", year: 2025 }
 * shiftCalendarDate("2025-01-31", "months", 1).date //=> "2025-02-28"
 * shiftCalendarDate("2025-03-01", "days", -1).date //=> "2025-02-28"
 */
export function shiftCalendarDate(iso: string, unit: CalendarUnit, n: number): { date: string; year: number } {
  const [y, m, d] = iso.split("-").map(Number) as [number, number, number];
  const start = new UTCDateMini(0);
  start.setFullYear(y, m - 1, d); // setFullYear keeps years 0–99 as written (the constructor would add 1900)
  const t = SHIFTS[unit](start, n);
  return { date: t.toISOString().slice(0, 10), year: t.getUTCFullYear() };
}
