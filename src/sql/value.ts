import { Dec, DECIMAL_LITERAL, exactNumberText } from "../exact/decimal.js";
import { textLiteral, type SqlDialect } from "./dialect.js";

/*
 * A compiled expression: its SQL text, what the engine's value is (so truthiness, `===` and output
 * formatting follow the engine), a bound of its digits when it is a decimal (so DuckDB's DECIMAL(38)
 * never rounds or overflows: every value is cast to a type that holds all its digits), whether it
 * may be NULL (the engine's null), the SQL of its error (an evaluation error, lazily like the
 * engine's), and its value when it is a constant (parameters and literals fold at compile time).
 */

/**
 * What the engine's value is: a JS `number` (integer inputs, number literals), an exact decimal (a
 * `jjj.*` result, a money/rate/decimal input or a decimal literal in a decimal operand), text, a
 * calendar date (DATE in SQL, `YYYY-MM-DD` in the engine), a boolean, a list of texts, or null.
 */
export type SqlKind = "number" | "decimal" | "text" | "date" | "boolean" | "list" | "null";

/** Integer and fraction digits a decimal value may have. */
export interface DigitBound {
  int: number;
  frac: number;
}

/** One compiled expression. */
export interface SqlValue {
  sql: string;
  kind: SqlKind;
  /** For `number` and `decimal`: the digits it may have; its SQL has a type that holds them. */
  bound?: DigitBound;
  /** The engine's value may be null (SQL NULL). */
  nullable: boolean;
  /** SQL giving the error text when evaluating it fails (NULL when it does not); absent when it cannot fail. */
  error?: string | undefined;
  /** Numbers and decimals (or decimal texts) mixed by `if`: their truthiness and text differ, so uses that read them are refused. */
  mixed?: true;
  /**
   * An exact decimal SQL holds only as its printed text (kind `text`): the unrounded quotient of
   * `jjj.div` (src/sql/quotient.ts). An outcome prints it; any other use is refused.
   */
  decimalText?: true;
  /** The engine's value when known at compile time. */
  constant?: { value: unknown };
}

/** The digits of a decimal text (`"0.05"` → 1 integer digit, 2 decimals). */
export function digitsOf(text: string): DigitBound {
  const d = new Dec(text);
  return { int: Math.max(d.e + 1, 1), frac: d.decimalPlaces() };
}

/** A decimal literal in the dialect's exact type. */
export function decimalLiteral(dialect: SqlDialect, text: string): string {
  const b = digitsOf(text);
  const plain = new Dec(text).toFixed(b.frac);
  return `CAST(${textLiteral(plain)} AS ${dialect.decimal(b.int + b.frac, b.frac)})`;
}

/** The SQL of a constant value, with its kind; undefined when SQL has no value like it (an object). */
export function constantValue(dialect: SqlDialect, value: unknown): SqlValue | undefined {
  const constant = { value };
  if (value === null || value === undefined) return { sql: "NULL", kind: "null", nullable: true, constant: { value: null } };
  if (value instanceof Dec) {
    const text = value.toString();
    return { sql: decimalLiteral(dialect, text), kind: "decimal", bound: digitsOf(text), nullable: false, constant };
  }
  if (typeof value === "number") {
    const text = exactNumberText(value);
    if (text === undefined) return undefined;
    return { sql: decimalLiteral(dialect, text), kind: "number", bound: digitsOf(text), nullable: false, constant };
  }
  if (typeof value === "string") return { sql: textLiteral(value), kind: "text", nullable: false, constant };
  if (typeof value === "boolean") return { sql: value ? "TRUE" : "FALSE", kind: "boolean", nullable: false, constant };
  if (Array.isArray(value) && value.every((x) => typeof x === "string")) {
    return { sql: dialect.listLiteral(value as string[]), kind: "list", nullable: false, constant };
  }
  return undefined;
}

/** Whether a constant text is a decimal the engine's exact operations read (`"0.10"`). */
export function isDecimalText(value: unknown): value is string {
  return typeof value === "string" && DECIMAL_LITERAL.test(value);
}

/** A decimal value cast to the type of `bound` (which holds at least its digits: never a rounding). */
export function castDecimal(dialect: SqlDialect, sql: string, bound: DigitBound): string {
  return dialect.maxDecimalDigits === Infinity ? sql : `CAST(${sql} AS ${dialect.decimal(bound.int + bound.frac, bound.frac)})`;
}

/** The first error of several (SQL), or undefined when none can fail. */
export function firstError(...errors: (string | undefined)[]): string | undefined {
  const some = errors.filter((e): e is string => e !== undefined);
  return some.length === 0 ? undefined : some.length === 1 ? some[0] : `COALESCE(${some.join(", ")})`;
}

/** JsonLogic truthiness of a value, as a SQL boolean that is never NULL. */
export function truthySql(dialect: SqlDialect, v: SqlValue): string {
  switch (v.kind) {
    case "boolean":
      return v.nullable ? `COALESCE(${v.sql}, FALSE)` : v.sql;
    case "number":
      return `COALESCE(${v.sql} <> 0, FALSE)`;
    // An engine decimal is an object: truthy even when 0. A date is a non-empty text.
    case "decimal":
    case "date":
      return v.nullable ? `(${v.sql} IS NOT NULL)` : "TRUE";
    case "text":
      return `COALESCE(${v.sql} <> '', FALSE)`;
    case "list":
      return `COALESCE(${dialect.listLength(v.sql)} > 0, FALSE)`;
    case "null":
      return "FALSE";
  }
}
