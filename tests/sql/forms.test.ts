import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { OPERATIONS } from "../../src/ops/index.js";
import { SqlCompileError, toSql } from "../../src/sql/index.js";
import { SQL_FORMS } from "../../src/sql/forms.js";

describe("SQL forms", () => {
  it("every operation of the registry has a SQL form or a stated refusal, and nothing else is listed", () => {
    expect([...SQL_FORMS.keys()].map((op) => op.name).sort()).toEqual([...OPERATIONS.keys()].sort());
    // Keyed by the registry's own descriptors, not copies.
    for (const op of SQL_FORMS.keys()) expect(OPERATIONS.get(op.name)).toBe(op);
    for (const [{ name }, form] of SQL_FORMS) {
      if ("refused" in form) expect(form.refused.length, name).toBeGreaterThan(10);
      else expect(typeof form.compile, name).toBe("function");
    }
  });

  it("compiles every shipped rule version, for both dialects", () => {
    const rs = defaultEngine().ruleSet;
    const refused: string[] = [];
    let compiled = 0;
    for (const id of rs.ruleIds()) {
      for (const v of rs.versions(id)) {
        for (const dialect of ["duckdb", "postgres"] as const) {
          try {
            const q = toSql(id, { on: v.validFrom, version: v.file.version, dialect });
            expect(q.sql).toContain("SELECT");
            compiled++;
          } catch (e) {
            expect(e).toBeInstanceOf(SqlCompileError);
            refused.push(`${dialect} ${id}: ${(e as SqlCompileError).operation} at ${(e as SqlCompileError).pointer}`);
          }
        }
      }
    }
    // hd-2018/contract-growth-review's growthRate, an unrounded quotient of two amounts, was refused
    // until src/sql/quotient.ts (issue #19: "none of the shipped rules should be").
    expect(refused).toEqual([]);
    expect(compiled).toBe(2 * 83);
  });

  it("refuses an unknown dialect and a bad table option with typed errors", () => {
    expect(() => toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01", dialect: "oracle" as never })).toThrow(/dialect/);
    expect(() => toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01", table: "" })).toThrow(/table/);
    expect(() => toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01", tabel: "x" } as never)).toThrow();
  });

  it("takes no string from data: the only literals are the rule's own (parameters, values, patterns) and the date", () => {
    const q = toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01", table: "contracts" });
    expect(q.sql).toContain(`FROM "contracts"`);
    expect(q.sql).toContain("'shijiazhuang'");
    expect(q.sql).toContain("CAST('500000' AS DECIMAL(6, 0))");
  });
});
