import { describe, expect, it } from "vitest";
import { logicText } from "../../src/logic/formula.js";
import { OPERATIONS } from "../../src/ops/index.js";
import { failure, problems, run } from "./helpers.js";

// Calendar dates (src/ops/dates.ts): comparisons and jjj.dateAdd{Days,Months,Years}.

const v = (name: string) => ({ var: name });

describe("date comparison", () => {
  it("takes two dates", () => {
    expect(problems({ "jjj.dateLt": [v("day")] })).toEqual(['wrong_arity @/jjj.dateLt: "jjj.dateLt" takes 2 operand(s), found 1']);
    expect(problems({ "jjj.dateGte": [v("day"), v("money")] })).toEqual(["not_date @/jjj.dateGte/1: jjj.dateGte needs dates YYYY-MM-DD; this operand is a decimal"]);
    expect(problems({ "jjj.dateLte": [{ "jjj.on": [] }, "2025-12-31"] })).toEqual([]);
  });

  it("compares calendar days", () => {
    expect(run({ "jjj.dateLt": ["2025-01-31", "2025-02-01"] })).toBe(true);
    expect(run({ "jjj.dateGte": ["2025-02-01", "2025-02-01"] })).toBe(true);
    expect(run({ "jjj.dateGt": ["2025-02-01", "2025-02-01"] })).toBe(false);
    expect(run({ "jjj.dateEq": ["2025-02-01", "2025-02-01"] })).toBe(true);
    expect(failure({ "jjj.dateLte": ["2025-02-30", "2025-03-01"] })).toBe('jjj.dateLte: "2025-02-30" is not a date YYYY-MM-DD');
  });

  it("writes words in English and Chinese", () => {
    expect(logicText({ "jjj.dateGt": [{ "jjj.on": [] }, v("deadline")] })).toBe("evaluationDate after deadline");
    expect(logicText({ "jjj.dateLte": [v("a"), v("b")] }, undefined, "zh")).toBe("a 不晚于 b");
  });
});

describe("date arithmetic", () => {
  it("needs a date first and a whole number second", () => {
    expect(problems({ "jjj.dateAddDays": [v("money"), v("day")] })).toEqual([
      "not_date @/jjj.dateAddDays/0: jjj.dateAddDays needs a date YYYY-MM-DD first; this operand is a decimal",
      "not_integer @/jjj.dateAddDays/1: jjj.dateAddDays needs a whole number second; this operand is a date",
    ]);
    // A missing second operand is reported as such, as before src/ops.
    expect(problems({ "jjj.dateAddYears": [v("day")] })).toEqual([
      'wrong_arity @/jjj.dateAddYears: "jjj.dateAddYears" takes 2 operand(s), found 1',
      "not_integer @/jjj.dateAddYears/1: jjj.dateAddYears needs a whole number second; this operand is a undefined",
    ]);
    expect(OPERATIONS.get("jjj.dateAddMonths")!.result).toBe("date");
  });

  it("counts periods as the Civil Code does (art. 202)", () => {
    expect(run({ "jjj.dateAddYears": ["2024-02-29", 1] })).toBe("2025-02-28");
    expect(run({ "jjj.dateAddYears": ["2024-02-29", 4] })).toBe("2028-02-29");
    expect(run({ "jjj.dateAddMonths": ["2025-01-31", 1] })).toBe("2025-02-28");
    expect(run({ "jjj.dateAddMonths": ["2025-03-31", 1] })).toBe("2025-04-30");
    expect(run({ "jjj.dateAddYears": ["2000-02-29", 100] })).toBe("2100-02-28");
    expect(run({ "jjj.dateAddDays": ["2025-12-31", 1] })).toBe("2026-01-01");
    expect(run({ "jjj.dateAddDays": ["2025-03-01", -1] })).toBe("2025-02-28");
    expect(failure({ "jjj.dateAddDays": ["2025-01-01", 1.5] })).toBe("jjj.dateAddDays: 1.5 is not a whole number");
    expect(failure({ "jjj.dateAddYears": ["9999-01-01", 1] })).toMatch(/after 9999-12-31, the last date the engine computes/);
  });

  it("writes calendar arithmetic in words", () => {
    expect(logicText({ "jjj.dateAddYears": [v("acceptanceDate"), { "jjj.param": "retentionYears" }] })).toBe("acceptanceDate + retentionYears years");
    expect(logicText({ "jjj.dateAddMonths": [v("a"), 3] }, undefined, "zh")).toBe("a + 3 个月");
  });
});
