import { describe, expect, it } from "vitest";
import { shiftCalendarDate } from "../../src/types/calendar.js";

// Worked out by hand from the Gregorian calendar and the Civil Code art. 202 month-end rule
// (没有对应日的,月末日为期间的最后一日): none of these comes from the engine.
describe("shiftCalendarDate", () => {
  it.each([
    ["2025-01-31", "months", 1, "2025-02-28"], // February has no 31st: its last day
    ["2024-01-31", "months", 1, "2024-02-29"], // leap year
    ["2025-03-31", "months", 1, "2025-04-30"], // a 30-day month other than February
    ["2025-08-31", "months", -2, "2025-06-30"],
    ["2025-05-15", "months", 12, "2026-05-15"],
    ["2025-12-15", "months", 1, "2026-01-15"], // across a year end
    ["2024-02-29", "years", 1, "2025-02-28"],
    ["2024-02-29", "years", 4, "2028-02-29"],
    ["1896-02-29", "years", 4, "1900-02-28"], // 1900: a century, not a leap year
    ["1996-02-29", "years", 4, "2000-02-29"], // 2000: divisible by 400, a leap year
    ["2025-03-01", "days", -1, "2025-02-28"],
    ["2024-03-01", "days", -1, "2024-02-29"],
    ["2025-12-31", "days", 1, "2026-01-01"],
    ["0050-01-31", "months", 1, "0050-02-28"], // years 0–99 stay as written
    ["0000-02-28", "days", 1, "0000-02-29"], // year 0 is divisible by 400
  ] as const)("%s %s %i → %s", (from, unit, n, to) => {
    const got = shiftCalendarDate(from, unit, n);
    expect(got.date).toBe(to);
    expect(got.year).toBe(Number(to.slice(0, 4)));
  });

  it("reports the year it lands in, so the caller can refuse dates past 9999", () => {
    expect(shiftCalendarDate("9999-12-31", "days", 1).year).toBe(10000);
    expect(shiftCalendarDate("0000-01-01", "days", -1).year).toBe(-1);
  });
});
