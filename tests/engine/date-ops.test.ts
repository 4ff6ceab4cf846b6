import { describe, expect, it } from "vitest";
import { ENGINE_OPS, type EvalEnv } from "../../src/engine/jjj-ops.js";

const env: EvalEnv = { params: {}, conditions: {}, outcome: {}, on: "2025-06-01" };
const op = (name: string, ...args: unknown[]) => ENGINE_OPS.get(name)!(args, env);

describe("date arithmetic", () => {
  it.each([
    ["jjj.dateAddYears", "2023-06-30", 2, "2025-06-30"],
    ["jjj.dateAddYears", "2024-02-29", 1, "2025-02-28"], // no corresponding day: the last day of the month (Civil Code art. 202)
    ["jjj.dateAddYears", "2024-02-29", 4, "2028-02-29"],
    ["jjj.dateAddMonths", "2025-01-31", 1, "2025-02-28"],
    ["jjj.dateAddMonths", "2025-12-15", 2, "2026-02-15"],
    ["jjj.dateAddMonths", "2025-03-31", -1, "2025-02-28"],
    ["jjj.dateAddDays", "2025-12-31", 1, "2026-01-01"],
    ["jjj.dateAddDays", "2025-03-01", -1, "2025-02-28"],
    ["jjj.dateAddYears", "2025-01-17", 3, "2028-01-17"],
  ])("%s(%s, %d) = %s", (name, date, n, expected) => {
    expect(op(name, date, n)).toBe(expected);
  });

  it("rejects a non-date or a non-integer", () => {
    expect(() => op("jjj.dateAddDays", "2025-02-30", 1)).toThrow(/not a date/);
    expect(() => op("jjj.dateAddDays", "2025-02-01", 1.5)).toThrow(/whole number/);
  });
});
