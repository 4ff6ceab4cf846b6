import { describe, expect, it } from "vitest";
import { LimitError } from "../../src/exact/limits.js";
import { OPERATIONS } from "../../src/ops/index.js";
import type { GrowthContext } from "../../src/ops/operation.js";
import { failure, run } from "../ops/helpers.js";

// Tests written for mutants of src/ops/dates.ts that survived `npm run test:mutation` (docs/testing.md,
// "Mutation testing"). Expected dates are counted by hand from the calendar (Gregorian leap rule: every 4th
// year, except centuries, except every 4th century) and PRC Civil Code art. 202 (a period counted in months
// or years ends on the corresponding day, or on the month's last day when it has none).

const op = (name: string) => OPERATIONS.get(name)!;
const thrown = (f: () => unknown): unknown => {
  try {
    f();
  } catch (error) {
    return error;
  }
  throw new Error("expected a failure");
};

describe("month ends: a month without the corresponding day ends on its own last day", () => {
  it.each([
    // 31-day start into each 30-day month, into 31-day months (no clamp) and into February.
    ["2025-03-31", 1, "2025-04-30"],
    ["2025-05-31", 1, "2025-06-30"],
    ["2025-08-31", 1, "2025-09-30"],
    ["2025-10-31", 1, "2025-11-30"],
    ["2025-07-31", 1, "2025-08-31"],
    ["2025-12-31", 1, "2026-01-31"],
    ["2025-01-31", 2, "2025-03-31"],
    ["2025-01-31", 3, "2025-04-30"],
    ["2025-01-30", 1, "2025-02-28"],
    ["2025-01-29", 1, "2025-02-28"],
    ["2025-01-28", 1, "2025-02-28"],
    ["2025-12-31", 2, "2026-02-28"],
    // A 30th stays the 30th in a 31-day month, and a short day is never moved.
    ["2025-04-30", 1, "2025-05-30"],
    ["2025-02-28", 1, "2025-03-28"],
    ["2025-06-15", 7, "2026-01-15"],
    // Backwards, across a year.
    ["2025-03-31", -1, "2025-02-28"],
    ["2025-05-31", -1, "2025-04-30"],
    ["2025-01-15", -1, "2024-12-15"],
    ["2025-01-31", -2, "2024-11-30"],
    ["2025-01-31", -11, "2024-02-29"],
    ["2025-06-30", -18, "2023-12-30"],
    ["2025-06-30", 0, "2025-06-30"],
  ])("%s + %i months = %s", (date, n, expected) => {
    expect(run({ "jjj.dateAddMonths": [date, n] })).toBe(expected);
  });
});

describe("leap years: every 4th year, but not a century unless it is a 4th century", () => {
  it.each([
    ["2023-01-31", "2023-02-28"], // common year
    ["2024-01-31", "2024-02-29"], // 4th year
    ["1900-01-31", "1900-02-28"], // century: common
    ["2100-01-31", "2100-02-28"],
    ["2000-01-31", "2000-02-29"], // 4th century: leap
    ["2400-01-31", "2400-02-29"],
    ["1600-01-31", "1600-02-29"],
  ])("%s + 1 month = %s", (date, expected) => {
    expect(run({ "jjj.dateAddMonths": [date, 1] })).toBe(expected);
  });

  it.each([
    ["2024-02-29", 1, "2025-02-28"],
    ["2024-02-29", 4, "2028-02-29"],
    ["1896-02-29", 4, "1900-02-28"],
    ["1996-02-29", 4, "2000-02-29"],
    ["2396-02-29", 4, "2400-02-29"],
    ["2096-02-29", 4, "2100-02-28"],
    ["2024-02-29", -1, "2023-02-28"],
    ["2024-02-29", -24, "2000-02-29"],
    ["2024-03-31", -1, "2023-03-31"],
    ["2025-06-30", 0, "2025-06-30"],
  ])("%s + %i years = %s", (date, n, expected) => {
    expect(run({ "jjj.dateAddYears": [date, n] })).toBe(expected);
  });

  it("a year is twelve months, not one", () => {
    expect(run({ "jjj.dateAddYears": ["2025-05-10", 2] })).toBe("2027-05-10");
    expect(run({ "jjj.dateAddMonths": ["2025-05-10", 2] })).toBe("2025-07-10");
  });
});

describe("days roll over month and year ends, leap days included", () => {
  it.each([
    ["2024-02-28", 1, "2024-02-29"],
    ["2023-02-28", 1, "2023-03-01"],
    ["2100-02-28", 1, "2100-03-01"],
    ["2000-02-28", 1, "2000-02-29"],
    ["2025-01-31", 1, "2025-02-01"],
    ["2025-01-01", -1, "2024-12-31"],
    ["2024-01-01", 366, "2025-01-01"],
    ["2025-01-01", 365, "2026-01-01"],
    // The bound on n is inclusive: 100000 days is taken (2025-01-01 ± 100000 days, counted with Python's datetime).
    ["2025-01-01", 100000, "2298-10-17"],
    ["2025-01-01", -100000, "1751-03-19"],
  ])("%s + %i days = %s", (date, n, expected) => {
    expect(run({ "jjj.dateAddDays": [date, n] })).toBe(expected);
  });

  it("years before 100 stay four-digit years (no two-digit year mapping)", () => {
    expect(run({ "jjj.dateAddDays": ["0050-12-31", 1] })).toBe("0051-01-01");
    expect(run({ "jjj.dateAddMonths": ["0099-12-15", 1] })).toBe("0100-01-15");
    expect(run({ "jjj.dateAddYears": ["0001-03-01", 1] })).toBe("0002-03-01");
  });
});

describe("operands of the date shifts", () => {
  it.each([["jjj.dateAddDays"], ["jjj.dateAddMonths"], ["jjj.dateAddYears"]])("%s refuses a count over 100000, a string, a fraction and an unsafe integer", (name) => {
    const evaluate = op(name).evaluate!;
    const env = {} as never;
    expect(() => evaluate(["2025-01-01", 100001], env, {})).toThrow(new TypeError(`${name}: 100001 is not a whole number`));
    expect(() => evaluate(["2025-01-01", -100001], env, {})).toThrow(new TypeError(`${name}: -100001 is not a whole number`));
    expect(() => evaluate(["2025-01-01", "1"], env, {})).toThrow(TypeError);
    expect(() => evaluate(["2025-01-01", 2 ** 53], env, {})).toThrow(TypeError);
    expect(() => evaluate(["2025-01-01", 0.5], env, {})).toThrow(TypeError);
    expect(() => evaluate(["2025-01-01"], env, {})).toThrow(new TypeError(`${name}: expected 2 operands, got 1`));
    expect(() => evaluate(["2025-01-01", 1, 1], env, {})).toThrow(new TypeError(`${name}: expected 2 operands, got 3`));
    expect(() => evaluate(["2025-13-01", 1], env, {})).toThrow(new TypeError(`${name}: "2025-13-01" is not a date YYYY-MM-DD`));
  });

  it("a date past 9999-12-31 is a LimitError LAST_DATE with the operands", () => {
    const error = thrown(() => op("jjj.dateAddDays").evaluate!(["9999-12-31", 1], {} as never, {}));
    expect(error).toBeInstanceOf(LimitError);
    expect((error as LimitError).limit).toBe("LAST_DATE");
    expect((error as LimitError).operands).toEqual(["9999-12-31", 1]);
    expect((error as Error).message).toBe("jjj.dateAddDays: 9999-12-31 + 1 days is after 9999-12-31, the last date the engine computes");
    expect(run({ "jjj.dateAddDays": ["9999-12-30", 1] })).toBe("9999-12-31");
    expect(failure({ "jjj.dateAddMonths": ["9999-12-01", 1] })).toBe("jjj.dateAddMonths: 9999-12-01 + 1 months is after 9999-12-31, the last date the engine computes");
  });

  it("a date before 0000-01-01 is a LimitError FIRST_DATE, the count written with a minus sign", () => {
    const error = thrown(() => op("jjj.dateAddYears").evaluate!(["0000-06-01", -1], {} as never, {}));
    expect(error).toBeInstanceOf(LimitError);
    expect((error as LimitError).limit).toBe("FIRST_DATE");
    expect((error as LimitError).operands).toEqual(["0000-06-01", -1]);
    expect((error as Error).message).toBe("jjj.dateAddYears: 0000-06-01 − 1 years is before 0000-01-01, the first date the engine computes");
    expect(run({ "jjj.dateAddDays": ["0000-01-02", -1] })).toBe("0000-01-01");
    expect(failure({ "jjj.dateAddDays": ["0000-01-01", -1] })).toBe("jjj.dateAddDays: 0000-01-01 − 1 days is before 0000-01-01, the first date the engine computes");
  });

  it("the growth form: a date, or a scalar when an operand is unbounded", () => {
    const ctx = (anyUnknown: boolean) => ({ anyUnknown, scalar: { text: 1 }, date: { text: 10 } }) as unknown as GrowthContext;
    for (const name of ["jjj.dateAddDays", "jjj.dateAddMonths", "jjj.dateAddYears"]) {
      expect(op(name).growth(ctx(false))).toEqual({ text: 10 });
      expect(op(name).growth(ctx(true))).toEqual({ text: 1 });
    }
  });
});

describe("date comparisons: each relation on before, same and after", () => {
  const pairs: [string, string][] = [
    ["2025-01-31", "2025-02-01"], // before
    ["2025-02-01", "2025-02-01"], // same
    ["2025-02-01", "2024-12-31"], // after
  ];
  it.each([
    ["jjj.dateEq", [false, true, false]],
    ["jjj.dateLt", [true, false, false]],
    ["jjj.dateLte", [true, true, false]],
    ["jjj.dateGt", [false, false, true]],
    ["jjj.dateGte", [false, true, true]],
  ] as const)("%s", (name, expected) => {
    expect(pairs.map(([a, b]) => run({ [name]: [a, b] }))).toEqual(expected);
  });

  it.each([["jjj.dateEq"], ["jjj.dateLt"], ["jjj.dateLte"], ["jjj.dateGt"], ["jjj.dateGte"]])("%s takes exactly two dates", (name) => {
    const evaluate = op(name).evaluate!;
    expect(() => evaluate(["2025-01-01"], {} as never, {})).toThrow(new TypeError(`${name}: expected 2 operands, got 1`));
    expect(() => evaluate(["2025-01-01", "2025-01-01", "2025-01-01"], {} as never, {})).toThrow(new TypeError(`${name}: expected 2 operands, got 3`));
    expect(() => evaluate(["2025-01-01", "tomorrow"], {} as never, {})).toThrow(new TypeError(`${name}: "tomorrow" is not a date YYYY-MM-DD`));
  });
});
