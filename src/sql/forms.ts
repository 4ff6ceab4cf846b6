import { Dec, type RoundingMode } from "../exact/decimal.js";
import { DIVISION_SIGNIFICANT_DIGITS } from "../exact/limits.js";
import { quotientText } from "./quotient.js";
import { isIsoDate } from "../schema/values.js";
import { operandNodes, type LogicNode } from "../logic/tree.js";
import type { Operation } from "../ops/operation.js";
import { IF, TERNARY, AND, OR, NOT, TRUTHY } from "../ops/control.js";
import { DATE_EQ, DATE_LT, DATE_LTE, DATE_GT, DATE_GTE, DATE_ADD_DAYS, DATE_ADD_MONTHS, DATE_ADD_YEARS } from "../ops/dates.js";
import { ADD, SUB, MUL, DIV, MIN, MAX, ROUND } from "../ops/exact-arithmetic.js";
import { EQ, GT, GTE, LT, LTE } from "../ops/exact-comparison.js";
import { VAR, PARAM, CONDITION, OUTCOME, ON } from "../ops/references.js";
import { PLUS, MINUS_OP, TIMES, DIVIDE, MODULO, FLOAT_MIN, FLOAT_MAX } from "../ops/standard-arithmetic.js";
import { STRICT_EQ, STRICT_NE, LESS, LESS_EQ, GREATER, GREATER_EQ, LOOSE_EQ, LOOSE_NE } from "../ops/standard-comparison.js";
import { LOG, METHOD, MISSING, MISSING_SOME, FILTER, MAP, ALL, NONE, SOME, REDUCE } from "../ops/standard-data.js";
import { IN, CAT, SUBSTR, MERGE } from "../ops/standard-lists.js";
import { textLiteral } from "./dialect.js";
import type { ExprContext } from "./context.js";
import { castDecimal, constantValue, decimalLiteral, digitsOf, firstError, isDecimalText, truthySql, type DigitBound, type SqlValue } from "./value.js";

/*
 * The SQL form of every operation, keyed by its descriptor in the registry (src/ops): a function from the
 * node (its operands compiled through the context) to its SQL, or the reason it has none.
 * tests/sql/forms.test.ts checks that every operation of OPERATIONS is listed here. Each form writes
 * exactly what the operation's `evaluate` computes on the values the rule profile lets reach it;
 * anything else is refused (SqlCompileError), never approximated.
 */

/**
 * The SQL form of one operation, or why it has none.
 *
 * @category SQL
 * @example
 * const form: SqlForm = SQL_FORMS.get(ADD)!;
 */
export type SqlForm = { compile: (node: LogicNode, ctx: ExprContext) => SqlValue } | { refused: string };

const LOOSE = "it compares with JavaScript's loose coercions, which SQL does not reproduce";
const BUILDS = "it builds text or lists at evaluation time";
const FLOAT = "it computes in binary floating point, as json-logic-js does";
const PROFILE = "it is not part of the rule profile";

function operands(node: LogicNode, ctx: ExprContext): SqlValue[] {
  const nodes = operandNodes(node);
  if (nodes === undefined) ctx.refuse(node, "its operands were not checked");
  const vs = nodes.map((n) => ctx.compile(n));
  // An unrounded quotient (held as its text) only flows to an outcome, through the branches of an `if`.
  if (vs.some((v, i) => v.decimalText && (node.op !== IF || (i % 2 === 0 && i < vs.length - 1)))) {
    ctx.refuse(node, "it reads an unrounded jjj.div quotient, which SQL holds only as its printed text (round it with jjj.round)");
  }
  return vs;
}

/** Check a DuckDB decimal bound fits DECIMAL(38); PostgreSQL's NUMERIC has no such limit. */
function fits(node: LogicNode, ctx: ExprContext, bound: DigitBound): DigitBound {
  if (bound.int + bound.frac > ctx.dialect.maxDecimalDigits) {
    ctx.refuse(node, `its result may have ${bound.int} integer digits and ${bound.frac} decimals, more than DECIMAL(${ctx.dialect.maxDecimalDigits}) holds in ${ctx.dialect.name} (use the postgres dialect)`);
  }
  return bound;
}

/** A value as an exact-decimal operand (`toDec`): a number, a decimal, or a text constant that is a decimal; null is an error. */
export function asDecimal(v: SqlValue, node: LogicNode, ctx: ExprContext, op: string): SqlValue {
  if (v.kind === "decimal" || v.kind === "number") {
    if (!v.nullable) return v;
    const error = firstError(v.error, `CASE WHEN ${v.sql} IS NULL THEN ${textLiteral(`evaluation_failed: ${ctx.where}: ${op}: null is not a decimal`)} END`);
    return { ...v, nullable: false, error };
  }
  if (v.kind === "text" && v.constant !== undefined && isDecimalText(v.constant.value)) {
    const text = v.constant.value;
    return { sql: decimalLiteral(ctx.dialect, text), kind: "decimal", bound: digitsOf(text), nullable: false, constant: { value: new Dec(text) } };
  }
  return ctx.refuse(node, `${op} reads a ${v.kind} operand as a decimal, which fails or converts at evaluation time`);
}

function decimals(node: LogicNode, ctx: ExprContext): SqlValue[] {
  const op = node.op!.name;
  return operands(node, ctx).map((v) => asDecimal(v, node, ctx, op));
}

/**
 * a × b. DuckDB multiplies two DECIMALs of at most 18 digits in 64 bits and stops the query on
 * overflow, so both are widened to DECIMAL(38) (128 bits) first: the product's digits fit (checked by `fits`).
 */
function times(ctx: ExprContext, a: SqlValue, b: SqlValue): string {
  return `(${wide(ctx, a.sql, a.bound!.frac)} * ${wide(ctx, b.sql, b.bound!.frac)})`;
}

function wide(ctx: ExprContext, sql: string, frac: number): string {
  return ctx.dialect.maxDecimalDigits === Infinity ? sql : `CAST(${sql} AS ${ctx.dialect.decimal(38, frac)})`;
}

const maxOf = (vs: readonly SqlValue[], f: (b: DigitBound) => number) => Math.max(...vs.map((v) => f(v.bound!)));

function arithmetic(node: LogicNode, ctx: ExprContext, vs: SqlValue[], bound: DigitBound, sql: string): SqlValue {
  fits(node, ctx, bound);
  return { sql: castDecimal(ctx.dialect, sql, bound), kind: "decimal", bound, nullable: false, error: firstError(...vs.map((v) => v.error)) };
}

const sum: SqlForm = {
  compile: (node, ctx) => {
    const vs = decimals(node, ctx);
    const bound = { int: maxOf(vs, (b) => b.int) + Math.ceil(Math.log10(Math.max(vs.length, 2))), frac: maxOf(vs, (b) => b.frac) };
    return arithmetic(node, ctx, vs, bound, `(${vs.map((v) => v.sql).join(" + ")})`);
  },
};

const difference: SqlForm = {
  compile: (node, ctx) => {
    const vs = decimals(node, ctx);
    if (vs.length !== 2) ctx.refuse(node, "jjj.sub takes two operands");
    const bound = { int: maxOf(vs, (b) => b.int) + 1, frac: maxOf(vs, (b) => b.frac) };
    return arithmetic(node, ctx, vs, bound, `(${vs[0]!.sql} - ${vs[1]!.sql})`);
  },
};

const product: SqlForm = {
  compile: (node, ctx) => {
    const vs = decimals(node, ctx);
    // Pairwise, each partial product cast to its own exact type: DuckDB multiplies DECIMAL(a, s) by
    // DECIMAL(b, t) into DECIMAL(a + b, s + t), which holds the product when a + b ≤ 38.
    let acc = vs[0]!;
    for (const v of vs.slice(1)) {
      const bound = fits(node, ctx, { int: acc.bound!.int + v.bound!.int, frac: acc.bound!.frac + v.bound!.frac });
      acc = { sql: castDecimal(ctx.dialect, times(ctx, acc, v), bound), kind: "decimal", bound, nullable: false, error: firstError(acc.error, v.error) };
    }
    return { ...acc, kind: "decimal" };
  },
};

function extremum(fn: "LEAST" | "GREATEST"): SqlForm {
  return {
    compile: (node, ctx) => {
      const vs = decimals(node, ctx);
      const bound = { int: maxOf(vs, (b) => b.int), frac: maxOf(vs, (b) => b.frac) };
      fits(node, ctx, bound);
      const sql = vs.length === 1 ? vs[0]!.sql : `${fn}(${vs.map((v) => castDecimal(ctx.dialect, v.sql, bound)).join(", ")})`;
      return arithmetic(node, ctx, vs, bound, sql);
    },
  };
}

/**
 * round(N / D) to an integer in a rounding mode, N and D wide integers (D ≠ 0), exactly: from the
 * truncated quotient and the remainder, as decimal.js rounds (half-up: ties away from zero).
 */
function roundedQuotient(ctx: ExprContext, n: string, d: string, mode: RoundingMode): string {
  const { dialect } = ctx;
  const t = dialect.quotient(n, d);
  const r = dialect.remainder(n, d);
  const away = `(CASE WHEN (${n} < 0) = (${d} < 0) THEN 1 ELSE -1 END)`; // the sign of the quotient
  const twice = `(2 * abs(${r}))`;
  const ad = `abs(${d})`;
  switch (mode) {
    case "down":
      return t;
    case "up":
      return `(${t} + CASE WHEN ${r} <> 0 THEN ${away} ELSE 0 END)`;
    case "floor":
      return `(${t} - CASE WHEN ${r} <> 0 AND ${away} < 0 THEN 1 ELSE 0 END)`;
    case "ceil":
      return `(${t} + CASE WHEN ${r} <> 0 AND ${away} > 0 THEN 1 ELSE 0 END)`;
    case "half-up":
      return `(${t} + CASE WHEN ${twice} >= ${ad} THEN ${away} ELSE 0 END)`;
    case "half-even":
      return `(${t} + CASE WHEN ${twice} > ${ad} OR (${twice} = ${ad} AND ${dialect.remainder(t, "2")} <> 0) THEN ${away} ELSE 0 END)`;
  }
}

/**
 * A decimal of at most `frac` decimals as the wide integer value × 10^frac. DuckDB: its integer part
 * and its fraction scaled apart, so no 128-bit intermediate holds more than 38 digits.
 */
function scaledInteger(ctx: ExprContext, node: LogicNode, v: SqlValue, frac: number): string {
  const { dialect } = ctx;
  const pow = `1${"0".repeat(frac)}`;
  if (dialect.maxDecimalDigits === Infinity) return frac === 0 ? v.sql : `(${v.sql} * ${pow})`;
  if (frac === 0) return `CAST(${v.sql} AS HUGEINT)`;
  if (2 * frac > 38 || v.bound!.int + frac > 38) ctx.refuse(node, `${frac} decimals are more than DuckDB's 128-bit rounding holds`);
  const whole = `CAST(trunc(${v.sql}) AS HUGEINT) * CAST('${pow}' AS HUGEINT)`;
  const part = `CAST(${wide(ctx, `${v.sql} - trunc(${v.sql})`, frac)} * CAST('${pow}' AS ${dialect.decimal(38, 0)}) AS HUGEINT)`;
  return `(${whole} + ${part})`;
}

/** The integer R as a decimal R × 10^−places, in the type of `bound`. */
function unscaled(ctx: ExprContext, r: string, places: number, bound: DigitBound): string {
  const { dialect } = ctx;
  if (dialect.maxDecimalDigits === Infinity) return places === 0 ? r : `(${r} * ${decimalLiteral(dialect, `0.${"0".repeat(places - 1)}1`)})`;
  const asDecimal = `CAST(${r} AS ${dialect.decimal(38, 0)})`;
  const value = places === 0 ? asDecimal : `(${asDecimal} * ${wide(ctx, decimalLiteral(dialect, `0.${"0".repeat(places - 1)}1`), places)})`;
  return castDecimal(dialect, value, bound);
}


/**
 * `jjj.round(jjj.div(a, b), p, mode)`: the engine rounds the quotient to 40 significant digits, then
 * to p places. With |a| < 10^ia (fa decimals) and |b| < 10^ib (fb decimals), a rounding boundary at p
 * places is either hit exactly (then the quotient has at most ia + fb + p + 1 ≤ 40 digits and the first
 * rounding changes nothing) or is at least 1 / (2 |B| 10^(p + fa)) away from the quotient, more than
 * the first rounding moves it when ia + ib + fa + 2 fb + p < 40: then both roundings give round(a / b, p).
 */
function roundedDivision(node: LogicNode, div: LogicNode, ctx: ExprContext, places: number, mode: RoundingMode): SqlValue {
  const [a, b] = decimals(div, ctx) as [SqlValue, SqlValue];
  const ba = a.bound!;
  const bb = b.bound!;
  if (ba.int + bb.int + ba.frac + 2 * bb.frac + places >= DIVISION_SIGNIFICANT_DIGITS) {
    ctx.refuse(div, `the quotient is rounded to ${DIVISION_SIGNIFICANT_DIGITS} significant digits before jjj.round, and its operands have too many digits to prove that rounding changes nothing`);
  }
  const frac = Math.max(ba.frac, bb.frac);
  const n = fits(div, ctx, { int: ba.int + frac + places, frac: 0 });
  fits(div, ctx, { int: bb.int + frac, frac: 0 });
  void n;
  const { dialect } = ctx;
  const numerator = places === 0 ? scaledInteger(ctx, div, a, frac) : `(${scaledInteger(ctx, div, a, frac)} * CAST('1${"0".repeat(places)}' AS ${dialect.wideInteger}))`;
  const denominator = scaledInteger(ctx, div, b, frac);
  const bound = fits(node, ctx, { int: ba.int + bb.frac + 1, frac: places });
  const r = roundedQuotient(ctx, numerator, denominator, mode);
  const zero = `${b.sql} = 0`;
  const sql = `CASE WHEN ${zero} THEN NULL ELSE ${unscaled(ctx, r, places, bound)} END`;
  const error = firstError(a.error, b.error, `CASE WHEN ${zero} THEN ${textLiteral(`evaluation_failed: ${ctx.where}: jjj.div: division by zero`)} END`);
  return { sql, kind: "decimal", bound, nullable: false, error };
}

const rounding: SqlForm = {
  compile: (node, ctx) => {
    const args = node.op!.rounding?.(node.args as unknown[]);
    if (args === undefined) return ctx.refuse(node, "its places and mode are not literal");
    const { places, mode } = args;
    const first = operandNodes(node)?.[0];
    if (first === undefined) return ctx.refuse(node, "it has no operand");
    if (first.op === DIV && !operandNodes(first)?.every((n) => ctx.compile(n).constant !== undefined)) return roundedDivision(node, first, ctx, places, mode);
    const x = asDecimal(ctx.compile(first), node, ctx, node.op!.name);
    const bx = x.bound!;
    if (bx.frac <= places) return x; // already at most `places` decimals: rounding changes nothing
    const bound = fits(node, ctx, { int: bx.int + 1, frac: places });
    const r = roundedQuotient(ctx, scaledInteger(ctx, node, x, bx.frac), `CAST('1${"0".repeat(bx.frac - places)}' AS ${ctx.dialect.wideInteger})`, mode);
    return { sql: unscaled(ctx, r, places, bound), kind: "decimal", bound, nullable: false, error: x.error };
  },
};

/**
 * `jjj.div` outside `jjj.round`: exact when the divisor is a constant whose inverse terminates
 * (a product of 2s and 5s: ÷ 10000 is × 0.0001) and the quotient has at most 40 significant digits.
 */
const quotient: SqlForm = {
  compile: (node, ctx) => {
    const [a, b] = decimals(node, ctx) as [SqlValue, SqlValue];
    const c = b.constant?.value;
    if (!(c instanceof Dec) || c.isZero()) return unroundedQuotient(node, ctx, a, b);
    const inverse = new Dec(1).div(c);
    if (!inverse.times(c).eq(1) || inverse.decimalPlaces() > 30) return unroundedQuotient(node, ctx, a, b);
    const inv = { sql: decimalLiteral(ctx.dialect, inverse.toString()), bound: digitsOf(inverse.toString()) };
    const bound = fits(node, ctx, { int: a.bound!.int + inv.bound.int, frac: a.bound!.frac + inv.bound.frac });
    if (bound.int + bound.frac > DIVISION_SIGNIFICANT_DIGITS) return ctx.refuse(node, "the quotient may have more than 40 significant digits, where the engine rounds");
    const product = times(ctx, a, { ...a, sql: inv.sql, bound: inv.bound });
    return { sql: castDecimal(ctx.dialect, product, bound), kind: "decimal", bound, nullable: false, error: a.error };
  },
};

/**
 * `jjj.div` of a divisor known only at evaluation time (or whose inverse does not terminate): the
 * engine's quotient rounded to 40 significant digits, as its printed text (src/sql/quotient.ts).
 * It can only be printed (a rate or decimal outcome): every other use is refused.
 */
function unroundedQuotient(node: LogicNode, ctx: ExprContext, a: SqlValue, b: SqlValue): SqlValue {
  const frac = Math.max(a.bound!.frac, b.bound!.frac);
  const n = scaledInteger(ctx, node, a, frac);
  const d = scaledInteger(ctx, node, b, frac);
  const text = quotientText(ctx, n, d, a.bound!.int + frac, b.bound!.int + frac);
  if (typeof text === "string") return ctx.refuse(node, text);
  const zero = `${b.sql} = 0`;
  const error = firstError(a.error, b.error, `CASE WHEN ${zero} THEN ${textLiteral(`evaluation_failed: ${ctx.where}: jjj.div: division by zero`)} END`);
  return { sql: text.sql, kind: "text", nullable: false, error, decimalText: true };
}

function decimalOrder(sym: string): SqlForm {
  return {
    compile: (node, ctx) => {
      const vs = decimals(node, ctx);
      if (vs.length !== 2) ctx.refuse(node, "a comparison takes two operands");
      return { sql: `(${vs[0]!.sql} ${sym} ${vs[1]!.sql})`, kind: "boolean", nullable: false, error: firstError(vs[0]!.error, vs[1]!.error) };
    },
  };
}

/**
 * `<`, `<=`, `>`, `>=` on two or three numbers (integer inputs, number literals): JavaScript orders
 * numbers exactly; any other operand (null, text, a decimal) coerces, and is refused.
 */
function numberOrder(sym: string): SqlForm {
  return {
    compile: (node, ctx) => {
      const vs = operands(node, ctx);
      if (vs.some((v) => v.kind !== "number" || v.nullable) || vs.length < 2 || vs.length > (sym.startsWith("<") ? 3 : 2)) return ctx.refuse(node, LOOSE);
      const pairs = vs.slice(1).map((v, i) => `${vs[i]!.sql} ${sym} ${v.sql}`);
      return { sql: `(${pairs.join(" AND ")})`, kind: "boolean", nullable: false, error: firstError(...vs.map((v) => v.error)) };
    },
  };
}

/** A value as a date operand (`isoDate`): a DATE, or a text constant that is a date; null is an error. */
function asDate(v: SqlValue, node: LogicNode, ctx: ExprContext, op: string): SqlValue {
  if (v.kind === "text" && v.constant !== undefined && isIsoDate(v.constant.value)) {
    return { sql: `DATE ${textLiteral(v.constant.value)}`, kind: "date", nullable: false, constant: v.constant };
  }
  if (v.kind === "date") {
    if (!v.nullable) return v;
    return { ...v, nullable: false, error: firstError(v.error, `CASE WHEN ${v.sql} IS NULL THEN ${textLiteral(`evaluation_failed: ${ctx.where}: ${op}: null is not a date`)} END`) };
  }
  return ctx.refuse(node, `${op} reads a ${v.kind} operand as a date`);
}

function dateOrder(sym: string): SqlForm {
  return {
    compile: (node, ctx) => {
      const vs = operands(node, ctx).map((v) => asDate(v, node, ctx, node.op!.name));
      if (vs.length !== 2) ctx.refuse(node, "a comparison takes two operands");
      return { sql: `(${vs[0]!.sql} ${sym} ${vs[1]!.sql})`, kind: "boolean", nullable: false, error: firstError(vs[0]!.error, vs[1]!.error) };
    },
  };
}

function dateShift(unit: "days" | "months" | "years"): SqlForm {
  return {
    compile: (node, ctx) => {
      const [d0, n] = operands(node, ctx) as [SqlValue, SqlValue];
      const d = asDate(d0, node, ctx, node.op!.name);
      const count = n?.constant?.value;
      if (typeof count !== "number" || !Number.isSafeInteger(count) || Math.abs(count) > 100000) return ctx.refuse(node, "the number of units is not a constant whole number");
      const { dialect } = ctx;
      const shifted = dialect.shiftDate(d.sql, count, unit);
      // The engine's dates are years 0000–9999: a later (or earlier) result is an error naming the input.
      const source = operandNodes(node)![0]!;
      const who = source.reference?.kind === "input" ? `invalid_value: ${source.reference.name}` : `evaluation_failed: ${ctx.where}`;
      const out = `CASE WHEN ${dialect.year(shifted)} > 9999 OR ${dialect.year(shifted)} < 1 THEN ${textLiteral(`${who}: ${node.op!.name}: the result is outside 0001-01-01 to 9999-12-31`)} END`;
      return { sql: shifted, kind: "date", nullable: false, error: firstError(d.error, out) };
    },
  };
}

/** `===` / `!==`: the same value of the same JavaScript type (null equals null only). */
function identity(negated: boolean): SqlForm {
  return {
    compile: (node, ctx) => {
      const [a, b] = operands(node, ctx) as [SqlValue, SqlValue];
      let test: string;
      const same = a.kind === b.kind || (a.kind === "number" && b.kind === "number");
      if (a.kind === "decimal" || b.kind === "decimal" || a.kind === "list" || b.kind === "list") {
        return ctx.refuse(node, "it compares objects (decimals or lists) by identity");
      } else if (a.kind === "null" || b.kind === "null") {
        const other = a.kind === "null" ? b : a;
        test = other.kind === "null" ? "TRUE" : other.nullable ? `(${other.sql} IS NULL)` : "FALSE";
      } else if (same) {
        test = `(${a.sql} IS NOT DISTINCT FROM ${b.sql})`;
      } else {
        test = a.nullable && b.nullable ? `(${a.sql} IS NULL AND ${b.sql} IS NULL)` : "FALSE";
      }
      return { sql: negated ? `(NOT ${test})` : test, kind: "boolean", nullable: false, error: firstError(a.error, b.error) };
    },
  };
}

function truthiness(negated: boolean): SqlForm {
  return {
    compile: (node, ctx) => {
      const [a] = operands(node, ctx);
      if (a === undefined) return ctx.refuse(node, "it has no operand");
      if (a.mixed) return ctx.refuse(node, "its operand mixes numbers and decimals, whose truthiness differs");
      const t = truthySql(ctx.dialect, a);
      return { sql: negated ? `(NOT ${t})` : t, kind: "boolean", nullable: false, error: a.error };
    },
  };
}

/** The common SQL kind of values one of which an operation returns (`if`, `and`, `or`). */
function unify(node: LogicNode, ctx: ExprContext, vs: SqlValue[]): { values: SqlValue[]; kind: SqlValue["kind"]; bound?: DigitBound; mixed?: true } {
  const kinds = new Set(vs.map((v) => v.kind).filter((k) => k !== "null"));
  if (kinds.size === 0) return { values: vs, kind: "null" };
  if (kinds.size === 1 && !kinds.has("decimal") && !kinds.has("number")) return { values: vs, kind: [...kinds][0]! };
  if ([...kinds].every((k) => k === "decimal" || k === "number" || k === "text")) {
    // Decimal text constants ("0") with decimals: the value is read as a decimal by whatever uses it
    // (outcome formatting, arithmetic); `mixed` refuses the uses where the two would differ.
    const values = vs.map((v) => (v.kind === "null" ? v : v.kind === "text" ? asDecimal(v, node, ctx, node.op!.name) : v));
    const bound = { int: Math.max(...values.filter((v) => v.bound).map((v) => v.bound!.int)), frac: Math.max(...values.filter((v) => v.bound).map((v) => v.bound!.frac)) };
    fits(node, ctx, bound);
    const cast = values.map((v) => (v.kind === "null" ? v : { ...v, sql: castDecimal(ctx.dialect, v.sql, bound) }));
    const mixed = kinds.size > 1 || undefined;
    return { values: cast, kind: kinds.has("decimal") || kinds.has("text") ? "decimal" : "number", bound, ...(mixed && { mixed }) };
  }
  return ctx.refuse(node, `its values are of different kinds (${[...kinds].join(", ")}), which one SQL column cannot hold`);
}

const choice: SqlForm = {
  compile: (node, ctx) => {
    const vs = operands(node, ctx);
    if (vs.length === 0) return constantValue(ctx.dialect, null)!;
    const branches = vs.filter((_, i) => i % 2 === 1 || i === vs.length - 1);
    const hasElse = vs.length % 2 === 1;
    const u = unify(node, ctx, hasElse ? branches : [...branches, constantValue(ctx.dialect, null)!]);
    const value = (i: number) => u.values[branches.indexOf(vs[i]!)]!;
    const arms: string[] = [];
    const errs: string[] = [];
    let anyError = false;
    for (let i = 0; i + 1 < vs.length; i += 2) {
      const test = vs[i]!;
      if (test.mixed) ctx.refuse(node, "a test mixes numbers and decimals, whose truthiness differs");
      arms.push(`WHEN ${truthySql(ctx.dialect, test)} THEN ${value(i + 1).sql}`);
      if (test.error) {
        errs.push(`WHEN ${test.error} IS NOT NULL THEN ${test.error}`);
        anyError = true;
      }
      errs.push(`WHEN ${truthySql(ctx.dialect, test)} THEN ${vs[i + 1]!.error ?? "NULL"}`);
      if (vs[i + 1]!.error) anyError = true;
    }
    const last = hasElse ? vs[vs.length - 1]! : undefined;
    if (last?.error) anyError = true;
    const sql = `CASE ${arms.join(" ")} ELSE ${hasElse ? value(vs.length - 1).sql : "NULL"} END`;
    const error = anyError ? `CASE ${errs.join(" ")} ELSE ${last?.error ?? "NULL"} END` : undefined;
    const nullable = !hasElse || u.values.some((v) => v.nullable);
    const decimalText = branches.some((v) => v.decimalText) && branches.every((v) => v.decimalText || v.kind === "null");
    if (branches.some((v) => v.decimalText) && !decimalText) ctx.refuse(node, "its branches mix an unrounded quotient (SQL text) with other values");
    return { sql, kind: u.kind, ...(u.bound && { bound: u.bound }), ...(u.mixed && { mixed: u.mixed }), nullable, ...(error && { error }), ...(decimalText && { decimalText }) };
  },
};

/** `and` / `or`: the first operand that decides (falsy for and, truthy for or), else the last. */
function junction(isOr: boolean): SqlForm {
  return {
    compile: (node, ctx) => {
      const vs = operands(node, ctx);
      if (vs.length === 0) return ctx.refuse(node, "it has no operands");
      if (vs.some((v) => v.mixed)) ctx.refuse(node, "an operand mixes numbers and decimals, whose truthiness differs");
      const u = unify(node, ctx, vs);
      const decides = (v: SqlValue) => (isOr ? truthySql(ctx.dialect, v) : `NOT ${truthySql(ctx.dialect, v)}`);
      const plain = u.kind === "boolean" && vs.every((v) => !v.nullable);
      const sql = plain
        ? `(${vs.map((v) => v.sql).join(isOr ? " OR " : " AND ")})`
        : `CASE ${u.values.slice(0, -1).map((v, i) => `WHEN ${decides(vs[i]!)} THEN ${v.sql}`).join(" ")} ELSE ${u.values[u.values.length - 1]!.sql} END`;
      let error: string | undefined;
      if (vs.some((v) => v.error)) {
        const arms = vs.slice(0, -1).map((v) => `${v.error ? `WHEN ${v.error} IS NOT NULL THEN ${v.error} ` : ""}WHEN ${decides(v)} THEN NULL`);
        error = `CASE ${arms.join(" ")} ELSE ${vs[vs.length - 1]!.error ?? "NULL"} END`;
      }
      return { sql, kind: u.kind, ...(u.bound && { bound: u.bound }), nullable: u.values.some((v) => v.nullable), ...(error && { error }) };
    },
  };
}

/** `in`: membership (`indexOf`, strict) of a value in a list: a constant list, or an enumList input. */
const membership: SqlForm = {
  compile: (node, ctx) => {
    const [item, list] = operands(node, ctx) as [SqlValue, SqlValue];
    const error = firstError(item.error, list.error);
    if (list.kind !== "list") return ctx.refuse(node, "its second operand is not a list");
    if (list.constant !== undefined) {
      const items = list.constant.value as string[];
      if (item.kind !== "text" || items.length === 0) return { sql: "FALSE", kind: "boolean", nullable: false, ...(error && { error }) };
      const test = `${item.sql} IN (${items.map(textLiteral).join(", ")})`;
      return { sql: item.nullable ? `COALESCE(${test}, FALSE)` : `(${test})`, kind: "boolean", nullable: false, ...(error && { error }) };
    }
    if (item.kind !== "text") return { sql: "FALSE", kind: "boolean", nullable: false, ...(error && { error }) };
    return { sql: `COALESCE(${ctx.dialect.listContains(list.sql, item.sql)}, FALSE)`, kind: "boolean", nullable: false, ...(error && { error }) };
  },
};

const reference: SqlForm = {
  compile: (node, ctx) => {
    const ref = node.reference;
    const op = node.op!;
    if (op.reference === "evaluationDate") return { sql: `DATE ${textLiteral(ctx.on)}`, kind: "date", nullable: false, constant: { value: ctx.on } };
    if (ref === undefined) return ctx.refuse(node, "the name it refers to was not resolved");
    switch (ref.kind) {
      case "input":
        if ((node.args as unknown[]).length > 1) return ctx.refuse(node, "a default value of var is not compiled");
        return ctx.input(ref.name);
      case "parameter": {
        const v = ctx.params[ref.name];
        const c = constantValue(ctx.dialect, v);
        return c ?? ctx.refuse(node, "the parameter's value has no SQL literal");
      }
      case "condition":
        return ctx.condition(ref.name);
      case "outcome":
        return ctx.outcome(ref.name);
    }
  },
};

/**
 * The SQL forms, by operation descriptor (the registry's own objects, so that no name of an operation is
 * written twice). Every operation of the registry has an entry (a test checks): a form, or the reason it is
 * refused; an operation added to the registry without one is refused by toSql, naming it.
 *
 * @category SQL
 * @example
 * "compile" in SQL_FORMS.get(ADD)! //=> true
 * SQL_FORMS.get(CAT) //=> { refused: "it builds text or lists at evaluation time" }
 */
export const SQL_FORMS: ReadonlyMap<Operation, SqlForm> = new Map<Operation, SqlForm>([
  [VAR, reference],
  [PARAM, reference],
  [CONDITION, reference],
  [OUTCOME, reference],
  [ON, reference],
  [ADD, sum],
  [SUB, difference],
  [MUL, product],
  [DIV, quotient],
  [MIN, extremum("LEAST")],
  [MAX, extremum("GREATEST")],
  [ROUND, rounding],
  [EQ, decimalOrder("=")],
  [GT, decimalOrder(">")],
  [GTE, decimalOrder(">=")],
  [LT, decimalOrder("<")],
  [LTE, decimalOrder("<=")],
  [DATE_EQ, dateOrder("=")],
  [DATE_LT, dateOrder("<")],
  [DATE_LTE, dateOrder("<=")],
  [DATE_GT, dateOrder(">")],
  [DATE_GTE, dateOrder(">=")],
  [DATE_ADD_DAYS, dateShift("days")],
  [DATE_ADD_MONTHS, dateShift("months")],
  [DATE_ADD_YEARS, dateShift("years")],
  [IF, choice],
  [TERNARY, choice],
  [AND, junction(false)],
  [OR, junction(true)],
  [NOT, truthiness(true)],
  [TRUTHY, truthiness(false)],
  [STRICT_EQ, identity(false)],
  [STRICT_NE, identity(true)],
  [LESS, numberOrder("<")],
  [LESS_EQ, numberOrder("<=")],
  [GREATER, numberOrder(">")],
  [GREATER_EQ, numberOrder(">=")],
  [LOOSE_EQ, { refused: LOOSE }],
  [LOOSE_NE, { refused: LOOSE }],
  [IN, membership],
  [CAT, { refused: BUILDS }],
  [SUBSTR, { refused: BUILDS }],
  [MERGE, { refused: BUILDS }],
  [PLUS, { refused: FLOAT }],
  [MINUS_OP, { refused: FLOAT }],
  [TIMES, { refused: FLOAT }],
  [DIVIDE, { refused: FLOAT }],
  [MODULO, { refused: FLOAT }],
  [FLOAT_MIN, { refused: FLOAT }],
  [FLOAT_MAX, { refused: FLOAT }],
  [LOG, { refused: PROFILE }],
  [METHOD, { refused: PROFILE }],
  [MISSING, { refused: PROFILE }],
  [MISSING_SOME, { refused: PROFILE }],
  [FILTER, { refused: PROFILE }],
  [MAP, { refused: PROFILE }],
  [REDUCE, { refused: PROFILE }],
  [ALL, { refused: PROFILE }],
  [NONE, { refused: PROFILE }],
  [SOME, { refused: PROFILE }],
]);
