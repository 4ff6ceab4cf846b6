/*
 * What differs between the SQL dialects the compiler writes: DuckDB (embedded, DECIMAL up to 38
 * digits) and PostgreSQL (NUMERIC of any size). Everything else the compiler writes is standard SQL
 * both accept (CASE, CAST, COALESCE, IN, IS NOT DISTINCT FROM, GREATEST/LEAST).
 */

/**
 * The SQL dialects `toSql` writes.
 *
 * @category SQL
 * @example
 * const dialect: SqlDialectName = "postgres";
 */
export type SqlDialectName = "duckdb" | "postgres";

/** How one dialect writes what the standard leaves open. */
export interface SqlDialect {
  readonly name: SqlDialectName;
  /** The most digits of a decimal (DuckDB 38; PostgreSQL: unbounded, so no decimal is refused for size). */
  readonly maxDecimalDigits: number;
  /** The exact decimal type of `digits` digits with `scale` decimals. */
  decimal(digits: number, scale: number): string;
  /** The type of an integer the rounding computes on (scaled integers up to 38 digits). */
  readonly wideInteger: string;
  /** Text type. */
  readonly text: string;
  /** Whether `text` fully matches a regular expression (a literal written by the compiler). */
  matches(text: string, pattern: string): string;
  /** A DATE as `YYYY-MM-DD`. */
  dateText(date: string): string;
  /** A date `n` whole units later (months and years on the month's last day when it has no such day). */
  shiftDate(date: string, n: number, unit: "days" | "months" | "years"): string;
  /** The year of a DATE, as an integer. */
  year(date: string): string;
  /** Integer quotient of two wide integers, truncated toward zero, and its remainder (sign of the dividend). */
  quotient(n: string, d: string): string;
  remainder(n: string, d: string): string;
  /** A decimal as the engine prints it (no trailing zeros, no exponent). */
  plainDecimalText(x: string): string;
  /** A decimal with a fixed scale as text (all its decimals). */
  fixedDecimalText(x: string): string;
  /** Whether a list column contains `item`; whether every item of a list column is one of `values` (and none is NULL). */
  listContains(list: string, item: string): string;
  listWithin(list: string, values: readonly string[]): string;
  /** The number of items of a list. */
  listLength(list: string): string;
  /** A list literal of texts. */
  listLiteral(items: readonly string[]): string;
  /** A column's value as text (any type: numbers, text, booleans, dates). */
  asText(column: string): string;
  /** A cast of text the compiler has already checked (TRY_CAST where the dialect has it, so no row can stop the query). */
  checkedCast(text: string, type: string): string;
}

/** A text literal: single quotes doubled. Only the compiler's own strings (rule files) are written so; data never is. */
export function textLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A quoted identifier. */
export function identifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export const DUCKDB: SqlDialect = {
  name: "duckdb",
  maxDecimalDigits: 38,
  decimal: (digits, scale) => `DECIMAL(${Math.max(digits, 1)}, ${scale})`,
  wideInteger: "HUGEINT",
  text: "VARCHAR",
  matches: (text, pattern) => `regexp_full_match(${text}, ${textLiteral(pattern)})`,
  dateText: (date) => `strftime(${date}, '%Y-%m-%d')`,
  shiftDate: (date, n, unit) => `CAST(${date} + INTERVAL ${textLiteral(`${n} ${unit}`)} AS DATE)`,
  year: (date) => `CAST(year(${date}) AS INTEGER)`,
  quotient: (n, d) => `(${n} // ${d})`,
  remainder: (n, d) => `(${n} % ${d})`,
  plainDecimalText: (x) => `regexp_replace(regexp_replace(CAST(${x} AS VARCHAR), '(\\.[0-9]*[1-9])0+$', '\\1'), '\\.0+$', '')`,
  fixedDecimalText: (x) => `CAST(${x} AS VARCHAR)`,
  listContains: (list, item) => `list_contains(${list}, ${item})`,
  listWithin: (list, values) =>
    `(len(list_filter(${list}, x -> x IS NULL OR x NOT IN (${values.map(textLiteral).join(", ")}))) = 0)`,
  listLength: (list) => `len(${list})`,
  listLiteral: (items) => (items.length === 0 ? "CAST([] AS VARCHAR[])" : `[${items.map(textLiteral).join(", ")}]`),
  asText: (column) => `CAST(${column} AS VARCHAR)`,
  checkedCast: (text, type) => `TRY_CAST(${text} AS ${type})`,
};

export const POSTGRES: SqlDialect = {
  name: "postgres",
  maxDecimalDigits: Infinity,
  decimal: () => "NUMERIC",
  wideInteger: "NUMERIC",
  text: "TEXT",
  matches: (text, pattern) => `(${text} ~ ${textLiteral(pattern)})`,
  dateText: (date) => `to_char(${date}, 'YYYY-MM-DD')`,
  shiftDate: (date, n, unit) => `CAST(${date} + INTERVAL ${textLiteral(`${n} ${unit}`)} AS DATE)`,
  year: (date) => `CAST(EXTRACT(YEAR FROM ${date}) AS INTEGER)`,
  quotient: (n, d) => `div(${n}, ${d})`,
  remainder: (n, d) => `mod(${n}, ${d})`,
  plainDecimalText: (x) => `CAST(trim_scale(${x}) AS TEXT)`,
  fixedDecimalText: (x) => `CAST(${x} AS TEXT)`,
  listContains: (list, item) => `COALESCE(${item} = ANY(${list}), FALSE)`,
  listWithin: (list, values) => `(${list} <@ CAST(ARRAY[${values.map(textLiteral).join(", ")}] AS TEXT[]) AND array_position(${list}, NULL) IS NULL)`,
  listLength: (list) => `cardinality(${list})`,
  listLiteral: (items) => `CAST(ARRAY[${items.map(textLiteral).join(", ")}] AS TEXT[])`,
  asText: (column) => `CAST(${column} AS TEXT)`,
  checkedCast: (text, type) => `CAST(${text} AS ${type})`,
};

/** The dialect of a name. */
export function dialectOf(name: SqlDialectName): SqlDialect {
  return name === "postgres" ? POSTGRES : DUCKDB;
}
