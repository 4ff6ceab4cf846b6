import { DIVISION_SIGNIFICANT_DIGITS } from "../exact/limits.js";
import type { ExprContext } from "./context.js";

/*
 * The engine's unrounded `jjj.div`: a ÷ b rounded half-up (ties away from zero) to 40 significant
 * digits (src/exact/decimal.ts, divide), exactly, in both dialects. DuckDB's DECIMAL stops at 38
 * digits, so the quotient is not a SQL number: it is computed as its printed text, by long division
 * of the scaled integer operands N = |a|·10^f and D = |b|·10^f in chunks of c digits, each step
 * R·10^c fitting the dialect's wide integer (HUGEINT: R < D < 10^dd, c = 38 − dd):
 *
 *   q0 = N div D, r0 = N mod D;  d_i = (r_{i−1}·10^c) div D, r_i = (r_{i−1}·10^c) mod D
 *
 * The digits q0 ‖ d_1 … d_K hold the 41 significant digits the rounding needs (q ≥ 1/D, so at most
 * dd − 1 zeros lead the fraction); the first 40 are rounded up when the 41st is 5 or more (half-up),
 * carried across two 20-digit halves; the decimal point goes back where it was (one place later when
 * the carry adds a digit) and trailing zeros go, as the engine prints a rate or a decimal. Each step
 * is a column of its own stage (`ctx.bind`), so every expression stays short. A zero divisor gives
 * NULL here; the form reports the engine's division-by-zero error.
 */

/** The digits the wide integer of each step may hold (DuckDB's HUGEINT: 38 digits; PostgreSQL's NUMERIC: as many). */
const WIDE_DIGITS = 38;

/**
 * SQL of the printed quotient of two scaled integers (`n`, `d`: wide integers, signed; `nDigits`,
 * `dDigits`: the most digits |n| and |d| may have), or the reason it cannot be written.
 *
 * @example
 * quotientText(ctx, "(jjj_i0 * 100)", "(jjj_i1 * 100)", 18, 17) // { sql: "jjj_b7" } — a column of a stage before the expression
 */
export function quotientText(ctx: ExprContext, n: string, d: string, nDigits: number, dDigits: number): { sql: string } | string {
  const { dialect } = ctx;
  if (nDigits > DIVISION_SIGNIFICANT_DIGITS) return `the dividend may have ${nDigits} digits: the quotient's integer part could pass ${DIVISION_SIGNIFICANT_DIGITS} digits`;
  const bind = ctx.bind;
  if (bind === undefined) return "the quotient needs stages of its own";
  const chunk = WIDE_DIGITS - dDigits;
  if (chunk < 2) return `the divisor may have ${dDigits} digits, too many for long division in ${WIDE_DIGITS}-digit integers`;
  const wide = dialect.wideInteger;
  const text = (x: string) => `CAST(${x} AS ${dialect.text})`;
  const pg = dialect.name === "postgres";
  // Magnitudes, NULL when the divisor is 0 (PostgreSQL would stop on div by zero), integers of scale 0.
  const whole = (x: string) => (pg ? `trunc(${x})` : x);
  const N = bind(`abs(${whole(n)})`);
  const D = bind(`NULLIF(abs(${whole(d)}), 0)`);
  const negative = bind(`((${n} < 0) <> (${d} < 0))`);
  const pow = `CAST('1${"0".repeat(chunk)}' AS ${wide})`;
  const fractionDigits = dDigits - 1 + DIVISION_SIGNIFICANT_DIGITS + 1;
  const steps = Math.ceil(fractionDigits / chunk);
  const parts = [text(dialect.quotient(N, D))];
  let r = bind(dialect.remainder(N, D));
  for (let i = 0; i < steps; i++) {
    const t = `(${r} * ${pow})`;
    parts.push(`lpad(${text(dialect.quotient(t, D))}, ${chunk}, '0')`);
    if (i + 1 < steps) r = bind(dialect.remainder(t, D));
  }
  const digits = bind(parts.join(" || "));
  const integerDigits = bind(`length(${text(dialect.quotient(N, D))})`);
  const significant = bind(`ltrim(${digits}, '0')`);
  // Digits before the point, counted from the first significant one (≤ 0: that many zeros after the point).
  const before = `(${integerDigits} - (length(${digits}) - length(${significant})))`;
  const cast = (x: string) => dialect.checkedCast(`NULLIF(${x}, '')`, wide); // '' when the quotient is 0
  const up = `CASE WHEN substr(${significant}, ${DIVISION_SIGNIFICANT_DIGITS + 1}, 1) >= '5' THEN 1 ELSE 0 END`;
  const half = DIVISION_SIGNIFICANT_DIGITS / 2;
  const low = bind(`${cast(`substr(${significant}, ${half + 1}, ${half})`)} + ${up}`);
  const limb = `CAST('1${"0".repeat(half)}' AS ${wide})`;
  const high = `(${cast(`substr(${significant}, 1, ${half})`)} + CASE WHEN ${low} = ${limb} THEN 1 ELSE 0 END)`;
  const rounded = bind(`${text(high)} || lpad(${text(`CASE WHEN ${low} = ${limb} THEN 0 ELSE ${low} END`)}, ${half}, '0')`);
  const point = bind(`${before} + length(${rounded}) - ${DIVISION_SIGNIFICANT_DIGITS}`);
  const fraction = `rtrim(substr(${rounded}, ${point} + 1), '0')`;
  const plain = `CASE WHEN ${point} > 0 THEN substr(${rounded}, 1, ${point}) || CASE WHEN ${fraction} = '' THEN '' ELSE '.' || ${fraction} END ELSE '0.' || repeat('0', CAST(-${point} AS INTEGER)) || rtrim(${rounded}, '0') END`;
  return { sql: bind(`CASE WHEN ${D} IS NULL THEN NULL WHEN ${N} = 0 THEN '0' WHEN ${negative} THEN '-' || ${plain} ELSE ${plain} END`) };
}
