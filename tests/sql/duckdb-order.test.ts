import { describe, expect, it } from "vitest";
import { openDuckDb, toSql } from "../../src/sql/index.js";

/*
 * Issue #19: `eval --batch --engine duckdb` prints line i for input row i, so the compiled query must
 * return the rows in the order of the table, with DuckDB's scan on several threads. DuckDB's in_clause
 * optimizer rewrote the enum checks (`x NOT IN (5 values)`) into a hash join that shuffled the rows of a
 * table past one row group (duckdb/duckdb#24398); openDuckDb switches it off. Rows are read with no
 * ORDER BY, as the batch reads them.
 */
const ROWS = 400_000; // a few of DuckDB's 122,880-row groups: the scan is split between threads

describe("compiled queries keep the table's row order on DuckDB", () => {
  it(`${ROWS.toLocaleString("en-US")} rows come back in order, with 4 threads`, async () => {
    const db = await openDuckDb();
    try {
      await db.run("SET threads = 4");
      await db.run(`CREATE TABLE facts AS SELECT i AS row_id,
          printf('%d.%02d', hash(i) % 3000000, hash(i) % 100) AS "contractAmount",
          ['development', 'transfer', 'license', 'consulting', 'service'][CAST(1 + hash(i * 7) % 5 AS BIGINT)] AS "transferMode",
          ['beijing', 'tianjin', 'hebei', 'other'][CAST(1 + hash(i * 13) % 4 AS BIGINT)] AS "sourceRegion",
          'shijiazhuang' AS "enterpriseCity"
        FROM range(${ROWS}) AS t(i)`);
      const query = toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01", keep: ["row_id"] });
      let next = 0;
      let outOfOrder = 0;
      let decided = 0;
      for await (const chunk of db.chunks(query.sql)) {
        for (let r = 0; r < chunk.rowCount; r++) {
          if (Number(chunk.value(0, r)) !== next) outOfOrder++;
          if (chunk.value(query.columns.length - 1, r) === null) decided++;
          next++;
        }
      }
      expect(next).toBe(ROWS);
      expect(outOfOrder).toBe(0);
      expect(decided).toBe(ROWS);
    } finally {
      db.close();
    }
  }, 300_000);
});
