import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { openDuckDb, toSql } from "../../src/sql/index.js";
import { randomFacts, tally, type Facts, type Tally } from "./differential.js";

/*
 * Issue #19: an unrounded `jjj.div` (hd-2018/contract-growth-review's growth rate, (later − earlier) ÷
 * earlier) compiles to the engine's quotient, rounded half-up to 40 significant digits, printed as the
 * engine prints a rate (src/sql/quotient.ts). Quotients that do not terminate (1/3, 2/3: the last digit
 * rounded up), a carry through all 40 digits, the smallest and largest ratios the money inputs allow,
 * negative growth, ties, and random facts: zero differences with `evaluate`. (The PostgreSQL
 * differential takes the rule too: differentialVersions includes every version that divides.)
 */
const ID = "hd-2018/contract-growth-review";
const N = Number(process.env.JJJ_SQL_QUOTIENT_N ?? 5000);

const pairs: [string, string][] = [
  ["4", "3"], ["5", "3"], ["1", "3"], ["0.02", "0.03"], ["2", "7"], ["1000000", "7"], ["3", "4"],
  ["999999999999999.99", "0.01"], ["0.01", "999999999999999.99"], ["0.02", "999999999999999.99"],
  ["999999999999999.98", "999999999999999.99"], ["0", "999999999999999.99"], ["500000", "1000000"],
  ["1.01", "0.99"], ["0.99", "1.01"], ["100000000000000", "99999999999999.99"], ["123456789012345.67", "3"],
  ["2", "1.99999999999999"], ["0.03", "0.07"], ["1", "1"], ["10", "11"], ["11", "9"], ["1", "999999999999999.99"],
];

describe("an unrounded jjj.div compiles exactly", () => {
  it(`${ID}: chosen quotients and ${N} random facts, DuckDB and the engine agree`, async () => {
    const version = defaultEngine().ruleSet.version(ID);
    const on = version.validFrom;
    const query = toSql(ID, { on, dialect: "duckdb", keep: ["row_id"] });
    const base = { growthRateInReview: true, indicatorAllocatedToCounty: true };
    const chosen: Facts[] = pairs.map(([later, earlier]) => ({ ...base, currentYearContractValue: later, previousYearContractValue: earlier }));
    const facts = [...chosen, ...randomFacts(version, on, N, 4242)];
    const db = await openDuckDb();
    const total: Tally = { rows: 0, decided: 0, errors: 0, sqlLimit: 0, differences: [] };
    let rows;
    try {
      await db.loadFacts("facts", version.file.inputs, facts);
      rows = await db.all(`SELECT * FROM (${query.sql}) ORDER BY row_id`);
    } finally {
      db.close();
    }
    tally(version, on, query, facts, rows, total);
    expect(total.differences).toEqual([]);
    const rates = rows.map((r) => r["outcome.growthRate"]);
    // The chosen quotients were printed, not refused: 1/3 to 40 digits, 2/3 rounded up, 4/3 − 1.
    expect(rates.slice(0, 3)).toEqual(["0.3333333333333333333333333333333333333333", "0.6666666666666666666666666666666666666667", "-0.6666666666666666666666666666666666666667"]);
    expect(rates.filter((r) => typeof r === "string" && r.replace(/[^0-9]/g, "").replace(/^0+/, "").length === 40).length).toBeGreaterThan(N / 10);
    expect(total.decided).toBeGreaterThan(N / 3);
  }, 300_000);
});
