import { MAX_INPUT_FRACTION_DIGITS, MAX_INPUT_INTEGER_DIGITS } from "../exact/limits.js";
import type { InputSpec } from "../schema/rule-file.js";
import { MAX_STRING_LENGTH } from "../types/string.js";
import { textLiteral, type SqlDialect } from "./dialect.js";
import { digitsOf, type DigitBound, type SqlKind } from "./value.js";

/*
 * The boundary of the compiled query: each input column read as text (whatever its SQL type) and
 * checked as the engine checks a fact given as a string (a list for enumList), before any value is
 * computed. A row that fails gets an error naming the input; its value is NULL, so no number is
 * computed from it. The checks are nested CASEs: a cast runs only on text its pattern accepted.
 */

/**
 * The most integer digits a `decimal` or `rate` input may have in the DuckDB form of a rule (DuckDB's
 * DECIMAL holds 38 digits; the engine takes 50). A row with more gets the error `sql_limit`; the
 * PostgreSQL form (NUMERIC) takes what the engine takes. Fixed: use the postgres dialect for more.
 *
 * @category SQL
 * @example
 * DUCKDB_MAX_INPUT_INTEGER_DIGITS //=> 18
 */
export const DUCKDB_MAX_INPUT_INTEGER_DIGITS = 18;

/**
 * The most decimals (trailing zeros not counted) a `decimal` or `rate` input may have in the DuckDB
 * form of a rule; more gets the error `sql_limit`. Fixed: use the postgres dialect for more.
 *
 * @category SQL
 * @example
 * DUCKDB_MAX_INPUT_FRACTION_DIGITS //=> 12
 */
export const DUCKDB_MAX_INPUT_FRACTION_DIGITS = 12;

/** The engine's largest safe integer, the bound of an `integer` fact. */
const SAFE = "9007199254740991";

/** How one input is read: its check (SQL giving the error text or NULL) and its typed value. */
export interface InputPlan {
  name: string;
  /** The column's value as the check reads it (text; the list itself for enumList). */
  text: string;
  /** SQL of the error (given `t`, the text column). */
  error: (t: string) => string;
  /** SQL of the typed value (given `t`, for a row whose check passed). */
  value: (t: string) => string;
  kind: SqlKind;
  bound?: DigitBound;
}

const integerPart = (t: string) => `ltrim(regexp_replace(split_part(${t}, '.', 1), '^-', ''), '0')`;
const fractionPart = (t: string) => `rtrim(split_part(${t}, '.', 2), '0')`;

/** Range checks `≥ min` and `≤ max` of a decimal value (already cast). */
function range(dialect: SqlDialect, x: string, min: string | undefined, max: string | undefined): string[] {
  const lit = (v: string) => {
    const b = digitsOf(v);
    return `CAST(${textLiteral(v)} AS ${dialect.decimal(b.int + b.frac, b.frac)})`;
  };
  return [...(min !== undefined ? [`${x} < ${lit(min)}`] : []), ...(max !== undefined ? [`${x} > ${lit(max)}`] : [])];
}

/** The calendar check of `YYYY-MM-DD` text (month 1–12, a day the month has; years 0001–9999). */
function calendarProblem(t: string): string {
  const y = `CAST(substr(${t}, 1, 4) AS INTEGER)`;
  const m = `CAST(substr(${t}, 6, 2) AS INTEGER)`;
  const d = `CAST(substr(${t}, 9, 2) AS INTEGER)`;
  const leap = `((${y} % 4 = 0 AND ${y} % 100 <> 0) OR ${y} % 400 = 0)`;
  const last = `CASE ${m} WHEN 2 THEN CASE WHEN ${leap} THEN 29 ELSE 28 END WHEN 4 THEN 30 WHEN 6 THEN 30 WHEN 9 THEN 30 WHEN 11 THEN 30 ELSE 31 END`;
  return `${m} < 1 OR ${m} > 12 OR ${d} < 1 OR ${d} > ${last}`;
}

/** A JavaScript pattern of a string input that reads the same in RE2 (DuckDB) and PostgreSQL: plain classes, groups, quantifiers, anchors. */
const PORTABLE_PATTERN = /^[\^$[\]\w\-+*?{}(),.| ]*$/;

/**
 * How an input is read at the boundary, or a reason it cannot be (then the rule is refused).
 *
 * @example
 * inputPlan(DUCKDB, "contractAmount", { type: "money", label, min: "0" }).kind //=> "decimal"
 */
export function inputPlan(dialect: SqlDialect, name: string, spec: InputSpec, column: string): InputPlan | string {
  const bad = (why: string) => textLiteral(`invalid_value: ${name}: ${why}`);
  const missing = textLiteral(`missing_input: ${name}`);
  const checks = (t: string, steps: [string, string][]) => `CASE WHEN ${t} IS NULL THEN ${missing} ${steps.map(([test, err]) => `WHEN ${test} THEN ${err}`).join(" ")} END`;
  const text = withDefault(dialect, spec, dialect.asText(column));
  switch (spec.type) {
    case "money": {
      const type = dialect.decimal(17, 2);
      const x = (t: string) => dialect.checkedCast(t, type);
      const limits = range(dialect, "%X%", spec.min ?? "0", spec.max);
      return {
        name, text, kind: "decimal", bound: { int: 15, frac: 2 },
        error: (t) => checks(t, [[`NOT ${dialect.matches(t, "^-?[0-9]{1,15}(\\.[0-9]{1,2})?$")}`, bad("not money in yuan with at most 2 decimals")], ...limits.map((l): [string, string] => [l.replace("%X%", x(t)), bad("out of the declared range")])]),
        value: x,
      };
    }
    case "integer": {
      const type = dialect.decimal(16, 0);
      const x = (t: string) => dialect.checkedCast(t, type);
      const limits = range(dialect, "%X%", spec.min, spec.max);
      return {
        name, text, kind: "number", bound: { int: 16, frac: 0 },
        error: (t) => checks(t, [
          [`NOT ${dialect.matches(t, "^-?[0-9]{1,16}$")}`, bad("not an integer")],
          [`abs(${x(t)}) > CAST(${textLiteral(SAFE)} AS ${type})`, bad("beyond the safe integers")],
          ...limits.map((l): [string, string] => [l.replace("%X%", x(t)), bad("out of the declared range")]),
        ]),
        value: x,
      };
    }
    case "decimal":
    case "rate": {
      const duck = dialect.maxDecimalDigits !== Infinity;
      const declared = spec.min !== undefined && spec.max !== undefined ? Math.max(digitsOf(spec.min).int, digitsOf(spec.max).int) : undefined;
      const int = duck ? Math.min(declared ?? DUCKDB_MAX_INPUT_INTEGER_DIGITS, DUCKDB_MAX_INPUT_INTEGER_DIGITS) : MAX_INPUT_INTEGER_DIGITS;
      const frac = duck ? DUCKDB_MAX_INPUT_FRACTION_DIGITS : MAX_INPUT_FRACTION_DIGITS;
      const type = dialect.decimal(int + frac, frac);
      // Leading zeros and trailing zeros do not count; a value that fits the SQL type is cast exactly.
      const x = (t: string) => dialect.checkedCast(t, type);
      const limits = range(dialect, "%X%", spec.min, spec.max);
      const steps = (t: string): [string, string][] => [
        [`NOT ${dialect.matches(t, "^-?[0-9]+(\\.[0-9]+)?$")}`, bad("not a plain decimal")],
        [`length(${integerPart(t)}) > ${MAX_INPUT_INTEGER_DIGITS} OR length(${fractionPart(t)}) > ${MAX_INPUT_FRACTION_DIGITS}`, bad("too many digits")],
        ...(duck && declared === undefined ? [[`length(${integerPart(t)}) > ${int}`, textLiteral(`sql_limit: ${name}: more than DUCKDB_MAX_INPUT_INTEGER_DIGITS (${int}) integer digits; use the postgres dialect`)] as [string, string]] : []),
        // A value out of a declared range that has more digits than the type is still out of range: check the range first.
        ...(duck && declared !== undefined ? [[`length(${integerPart(t)}) > ${int}`, bad("out of the declared range")] as [string, string]] : []),
        ...(duck ? [[`length(${fractionPart(t)}) > ${frac}`, textLiteral(`sql_limit: ${name}: more than DUCKDB_MAX_INPUT_FRACTION_DIGITS (${frac}) decimals; use the postgres dialect`)] as [string, string]] : []),
        ...limits.map((l): [string, string] => [l.replace("%X%", x(t)), bad("out of the declared range")]),
      ];
      return { name, text, kind: "decimal", bound: { int, frac }, error: (t) => checks(t, steps(t)), value: x };
    }
    case "string": {
      if (spec.pattern !== undefined && !PORTABLE_PATTERN.test(spec.pattern)) return `its pattern ${JSON.stringify(spec.pattern)} may read differently in SQL`;
      const steps: [string, string][] = [[`length(${"%T%"}) > ${MAX_STRING_LENGTH}`, bad(`longer than ${MAX_STRING_LENGTH} characters`)]];
      if (spec.pattern !== undefined) steps.push([`NOT ${dialect.matches("%T%", spec.pattern)}`, bad("does not match the pattern")]);
      return { name, text, kind: "text", error: (t) => checks(t, steps.map(([a, b]) => [a.replaceAll("%T%", t), b])), value: (t) => t };
    }
    case "enum": {
      const values = Object.keys(spec.values ?? {});
      return { name, text, kind: "text", error: (t) => checks(t, [[`${t} NOT IN (${values.map(textLiteral).join(", ")})`, bad("not one of the values")]]), value: (t) => t };
    }
    case "boolean":
      return { name, text, kind: "boolean", error: (t) => checks(t, [[`${t} NOT IN ('true', 'false')`, bad("not true or false")]]), value: (t) => `(${t} = 'true')` };
    case "date":
      return {
        name, text, kind: "date",
        error: (t) => checks(t, [
          [`NOT ${dialect.matches(t, "^[0-9]{4}-[0-9]{2}-[0-9]{2}$")}`, bad("not a date YYYY-MM-DD")],
          [calendarProblem(t), bad("not a calendar date")],
          [`substr(${t}, 1, 4) = '0000'`, textLiteral(`sql_limit: ${name}: year 0000 has no SQL DATE`)],
        ]),
        value: (t) => dialect.checkedCast(t, "DATE"),
      };
    case "enumList": {
      const values = Object.keys(spec.values ?? {});
      const list = spec.default !== undefined ? `COALESCE(${column}, ${dialect.listLiteral(spec.default as string[])})` : column;
      return { name, text: list, kind: "list", error: (t) => checks(t, [[`NOT ${dialect.listWithin(t, values)}`, bad("not a list of the values")]]), value: (t) => t };
    }
  }
}

/** An optional input's default, as the text the check reads when the column is NULL. */
function withDefault(dialect: SqlDialect, spec: InputSpec, text: string): string {
  const d = spec.default;
  if (d === undefined || Array.isArray(d)) return text;
  return `COALESCE(${text}, ${textLiteral(String(d))})`;
}
