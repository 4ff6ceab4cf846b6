import type { ValueType } from "../schema/rule-file.js";
import { textLiteral, type SqlDialect } from "./dialect.js";
import { castDecimal, truthySql, type SqlValue } from "./value.js";

/*
 * An outcome field's value as the decision prints it (the engine's formatOutcome of the value type):
 * money as text with two decimals rounded half-up to the fen (the one rounding the engine makes on
 * its own), rates and decimals as plain text without trailing zeros, integers as integers, booleans
 * by truthiness, texts and dates as text, enum lists as lists.
 */

/** The SQL of a field's printed value and of its formatting error, or the reason it cannot be written. */
export function formatOutcomeSql(dialect: SqlDialect, type: ValueType, raw: SqlValue, where: string): { sql: string; error?: string } | string {
  const fail = (why: string) => textLiteral(`evaluation_failed: ${where}: ${why}`);
  const numeric = raw.kind === "decimal" || raw.kind === "number";
  if (raw.decimalText && type !== "rate" && type !== "decimal") return `an unrounded quotient printed as ${type}`;
  switch (type) {
    case "money": {
      if (raw.kind === "null") return { sql: "NULL" };
      if (!numeric) return `a ${raw.kind} value is not money`;
      const b = raw.bound!;
      if (b.int + 1 + 2 > dialect.maxDecimalDigits) return "the amount may have too many digits for DECIMAL(38)";
      // Casting to two decimals rounds half away from zero in both dialects: decimal.js's ROUND_HALF_UP.
      const fen = dialect.name === "postgres" ? `round(${raw.sql}, 2)` : castDecimal(dialect, raw.sql, { int: b.int + 1, frac: 2 });
      return { sql: dialect.fixedDecimalText(fen) };
    }
    case "rate":
    case "decimal":
      if (raw.kind === "null") return { sql: "NULL" };
      if (raw.decimalText) return { sql: raw.sql }; // printed already, as the engine prints it
      if (!numeric) return `a ${raw.kind} value is not a decimal`;
      return { sql: dialect.plainDecimalText(raw.sql) };
    case "integer": {
      if (raw.kind === "null") return { sql: "NULL" };
      if (!numeric) return `a ${raw.kind} value is not an integer`;
      // The engine prints an integer as a JS number: exact up to 2^53 − 1. Past it (unreachable from
      // the shipped rules' declared inputs) the SQL says so rather than print another number.
      const big = raw.bound!.int > 15 ? `WHEN abs(${raw.sql}) > 9007199254740991 THEN ${textLiteral(`sql_limit: ${where}: beyond 2^53, where the engine's number is not exact`)} ` : "";
      const fraction = raw.bound!.frac === 0 ? "" : `WHEN ${raw.sql} <> trunc(${raw.sql}) THEN ${fail("not an integer")} `;
      return {
        sql: `CASE WHEN abs(${raw.sql}) <= 9007199254740991 THEN CAST(${raw.sql} AS BIGINT) END`,
        ...((big || fraction) && { error: `CASE ${fraction}${big}END` }),
      };
    }
    case "boolean":
      if (raw.mixed) return "numbers and decimals mixed: their truthiness differs";
      return { sql: truthySql(dialect, raw) };
    case "string":
    case "enum":
    case "date":
      if (raw.mixed) return "numbers and decimals mixed: their text differs";
      switch (raw.kind) {
        case "null":
          return { sql: "NULL" };
        case "text":
          return { sql: raw.sql };
        case "date":
          return { sql: dialect.dateText(raw.sql) };
        case "boolean":
          return { sql: `CASE WHEN ${raw.sql} THEN 'true' WHEN NOT ${raw.sql} THEN 'false' END` };
        case "number":
        case "decimal":
          return { sql: dialect.plainDecimalText(raw.sql) };
        case "list":
          return "a list printed as text";
      }
      return "an unknown value";
    case "enumList":
      return { sql: raw.kind === "list" ? `COALESCE(${raw.sql}, ${dialect.listLiteral([])})` : dialect.listLiteral([]) };
  }
}

/** The SQL literal of a field's `whenNotInForce` value, as the not-in-force decision prints it (as written). */
export function notInForceLiteral(dialect: SqlDialect, value: unknown): string {
  if (value === null || value === undefined) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") return String(value);
  if (Array.isArray(value)) return dialect.listLiteral(value.map(String));
  return textLiteral(String(value));
}
