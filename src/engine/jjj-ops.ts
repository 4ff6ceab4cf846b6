import { Dec, ROUNDING_MODES, describe, divide, toDec, type Dec as DecT, type RoundingMode } from "../exact/decimal.js";
import { FIRST_DATE, LAST_DATE, LimitError, checkDecimal } from "../exact/limits.js";
import { isIsoDate } from "../schema/common.js";

/** The namespace of the engine's own operations: every one is written `jjj.<name>` in a rule. */
export const NAMESPACE = "jjj";

/** What a rule's own operations can see besides the data: parameters, earlier results and the date. */
export interface EvalEnv {
  /** Parameter values (numeric ones as decimals). */
  params: Record<string, unknown>;
  /** Values of conditions evaluated so far. */
  conditions: Record<string, unknown>;
  /** Values of outcome fields evaluated so far. */
  outcome: Record<string, unknown>;
  /** The evaluation date, `YYYY-MM-DD`. */
  on: string;
}

/** An engine operation: evaluated arguments, and the environment of the evaluation. */
export type EngineOp = (args: unknown[], env: EvalEnv) => unknown;

const hasOwn = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);

function lookup(table: Record<string, unknown>, name: unknown, op: string): unknown {
  if (typeof name !== "string" || !hasOwn(table, name)) throw new TypeError(`${op}: unknown name ${describe(name)}`);
  return table[name];
}

function decimals(args: unknown[], op: string, min: number, max = Infinity): DecT[] {
  if (args.length < min || args.length > max) {
    throw new TypeError(`${op}: expected ${max === min ? min : `${min}${max === Infinity ? " or more" : `–${max}`}`} operands, got ${args.length}`);
  }
  return args.map((a) => toDec(a, op));
}

function isoDate(value: unknown, op: string): string {
  if (!isIsoDate(value)) throw new TypeError(`${op}: ${describe(value)} is not a date YYYY-MM-DD`);
  return value;
}

function compareDates(op: string, test: (c: number) => boolean): EngineOp {
  return (args) => {
    if (args.length !== 2) throw new TypeError(`${op}: expected 2 operands, got ${args.length}`);
    const a = isoDate(args[0], op);
    const b = isoDate(args[1], op);
    return test(a < b ? -1 : a > b ? 1 : 0);
  };
}

function compareDecimals(op: string, test: (c: number) => boolean): EngineOp {
  return (args) => {
    const [a, b] = decimals(args, op, 2, 2) as [DecT, DecT];
    return test(a.comparedTo(b));
  };
}

/**
 * The engine's operations, `jjj.*`: exact decimal arithmetic and comparison (decimal.js), rounding,
 * dates, and references to parameters and earlier results. A private, frozen table: nothing here is
 * ever registered in a process-wide json-logic-js unless a host calls `registerOperations`.
 */
export const ENGINE_OPS: ReadonlyMap<string, EngineOp> = new Map<string, EngineOp>([
  // References
  ["jjj.param", ([name], env) => lookup(env.params, name, "jjj.param")],
  ["jjj.condition", ([name], env) => lookup(env.conditions, name, "jjj.condition")],
  ["jjj.outcome", ([name], env) => lookup(env.outcome, name, "jjj.outcome")],
  ["jjj.on", (_args, env) => env.on],
  // Exact arithmetic
  // Each partial result is checked, so every operand of the next step is within the digit limits and
  // decimal.js (at its exact precision, decimal.ts) never rounds: a result that does not fit throws.
  ["jjj.add", (args) => decimals(args, "jjj.add", 1).reduce((a, b) => checkDecimal(a.plus(b), "jjj.add"))],
  [
    "jjj.sub",
    (args) => {
      const [a, b] = decimals(args, "jjj.sub", 2, 2) as [DecT, DecT];
      return checkDecimal(a.minus(b), "jjj.sub");
    },
  ],
  ["jjj.mul", (args) => decimals(args, "jjj.mul", 1).reduce((a, b) => checkDecimal(a.times(b), "jjj.mul"))],
  [
    "jjj.div",
    (args) => {
      const [a, b] = decimals(args, "jjj.div", 2, 2) as [DecT, DecT];
      if (b.isZero()) throw new RangeError("jjj.div: division by zero");
      return checkDecimal(divide(a, b), "jjj.div");
    },
  ],
  ["jjj.min", (args) => Dec.min(...decimals(args, "jjj.min", 1))],
  ["jjj.max", (args) => Dec.max(...decimals(args, "jjj.max", 1))],
  [
    "jjj.round",
    (args) => {
      if (args.length < 1 || args.length > 3) throw new TypeError(`jjj.round: expected 1–3 operands, got ${args.length}`);
      const value = toDec(args[0], "jjj.round");
      const places = args[1] === undefined ? 2 : args[1];
      if (typeof places !== "number" || !Number.isInteger(places) || places < 0 || places > 20) {
        throw new TypeError(`jjj.round: places ${describe(places)} is not an integer 0–20`);
      }
      const mode = (args[2] === undefined ? "half-up" : args[2]) as RoundingMode;
      if (typeof mode !== "string" || !hasOwn(ROUNDING_MODES, mode)) {
        throw new TypeError(`jjj.round: unknown rounding mode ${describe(mode)}`);
      }
      return checkDecimal(value.toDecimalPlaces(places, ROUNDING_MODES[mode]), "jjj.round");
    },
  ],
  // Exact comparison
  ["jjj.eq", compareDecimals("jjj.eq", (c) => c === 0)],
  ["jjj.gt", compareDecimals("jjj.gt", (c) => c > 0)],
  ["jjj.gte", compareDecimals("jjj.gte", (c) => c >= 0)],
  ["jjj.lt", compareDecimals("jjj.lt", (c) => c < 0)],
  ["jjj.lte", compareDecimals("jjj.lte", (c) => c <= 0)],
  // Calendar dates
  ["jjj.dateEq", compareDates("jjj.dateEq", (c) => c === 0)],
  ["jjj.dateLt", compareDates("jjj.dateLt", (c) => c < 0)],
  ["jjj.dateLte", compareDates("jjj.dateLte", (c) => c <= 0)],
  ["jjj.dateGt", compareDates("jjj.dateGt", (c) => c > 0)],
  ["jjj.dateGte", compareDates("jjj.dateGte", (c) => c >= 0)],
  ["jjj.dateAddDays", shiftDate("jjj.dateAddDays", "days")],
  ["jjj.dateAddMonths", shiftDate("jjj.dateAddMonths", "months")],
  ["jjj.dateAddYears", shiftDate("jjj.dateAddYears", "years")],
]);

/**
 * Add whole days, months or years to a calendar date. Months and years land on the corresponding day
 * of the target month, or on its last day when it has none (2024-02-29 + 1 year = 2025-02-28), as the
 * PRC Civil Code art. 202 counts periods (按照年、月计算期间的,到期月的对应日为期间的最后一日;没有对应日的,月末日为期间的最后一日).
 */
function shiftDate(op: string, unit: "days" | "months" | "years"): EngineOp {
  return (args) => {
    if (args.length !== 2) throw new TypeError(`${op}: expected 2 operands, got ${args.length}`);
    const date = isoDate(args[0], op);
    const n = args[1];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || Math.abs(n) > 100000) throw new TypeError(`${op}: ${describe(n)} is not a whole number`);
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    const t = new Date(0);
    if (unit === "days") {
      t.setUTCFullYear(y, m - 1, d + n);
    } else {
      const months = (y * 12 + (m - 1)) + (unit === "years" ? 12 * n : n);
      const ty = Math.floor(months / 12);
      const tm = months - ty * 12;
      const last = new Date(Date.UTC(2000, tm + 1, 0)).getUTCDate();
      const lastDay = tm === 1 && !isLeap(ty) ? 28 : tm === 1 ? 29 : last;
      t.setUTCFullYear(ty, tm, Math.min(d, lastDay));
    }
    const year = t.getUTCFullYear();
    if (Number.isNaN(year) || year > 9999 || year < 0) {
      // Typed, with the operands, so the engine can name the fact the date came from (evaluate.ts).
      const after = Number.isNaN(year) || year > 9999;
      throw new LimitError(
        after ? "LAST_DATE" : "FIRST_DATE",
        `${op}: ${date} ${n < 0 ? "−" : "+"} ${Math.abs(n)} ${unit} is ${after ? `after ${LAST_DATE}, the last` : `before ${FIRST_DATE}, the first`} date the engine computes`,
        [date, n],
      );
    }
    return t.toISOString().slice(0, 10);
  };
}

function isLeap(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Operations that read the evaluation environment rather than computing on values. */
export const REFERENCE_OPS: ReadonlySet<string> = new Set(["jjj.param", "jjj.condition", "jjj.outcome", "jjj.on"]);
