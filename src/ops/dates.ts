import { describe } from "../exact/decimal.js";
import { shiftCalendarDate } from "../types/calendar.js";
import { FIRST_DATE, LAST_DATE, LimitError } from "../exact/limits.js";
import { PRECEDENCE, type Evaluate, type Operation, type OperandSpec, type Relation, type Words } from "./operation.js";
import { DATE_OPERAND, isoDate, scalarGrowth } from "./operands.js";

/* Calendar dates `YYYY-MM-DD`: comparison, and adding whole days, months or years. */

function compareDates(op: string, test: (c: number) => boolean): Evaluate {
  return (args) => {
    if (args.length !== 2) throw new TypeError(`${op}: expected 2 operands, got ${args.length}`);
    const a = isoDate(args[0], op);
    const b = isoDate(args[1], op);
    return test(a < b ? -1 : a > b ? 1 : 0);
  };
}

function dateComparison(name: string, relation: Exclude<Relation, "ne">, test: (c: number) => boolean, symbol: Words): Operation {
  return {
    name,
    family: "dates",
    profile: "allowed",
    arity: { min: 2, max: 2 },
    operands: { rest: DATE_OPERAND },
    result: "boolean",
    evaluate: compareDates(name, test),
    relation,
    symbolic: { kind: "order", relation, values: "date" },
    text: { style: "infix", symbol, prec: PRECEDENCE.cmp, operands: "tighter" },
    growth: scalarGrowth,
  };
}

/** `{"jjj.dateEq": [a, b]}`: the same calendar day. */
export const DATE_EQ: Operation = dateComparison("jjj.dateEq", "eq", (c) => c === 0, { en: "=" });
/** `{"jjj.dateLt": [a, b]}`: a before b. */
export const DATE_LT: Operation = dateComparison("jjj.dateLt", "lt", (c) => c < 0, { en: "before", zh: "早于" });
/** `{"jjj.dateLte": [a, b]}`: a on or before b. */
export const DATE_LTE: Operation = dateComparison("jjj.dateLte", "lte", (c) => c <= 0, { en: "on or before", zh: "不晚于" });
/** `{"jjj.dateGt": [a, b]}`: a after b. */
export const DATE_GT: Operation = dateComparison("jjj.dateGt", "gt", (c) => c > 0, { en: "after", zh: "晚于" });
/** `{"jjj.dateGte": [a, b]}`: a on or after b. */
export const DATE_GTE: Operation = dateComparison("jjj.dateGte", "gte", (c) => c >= 0, { en: "on or after", zh: "不早于" });

/**
 * Add whole days, months or years to a calendar date. Months and years land on the corresponding day
 * of the target month, or on its last day when it has none (2024-02-29 + 1 year = 2025-02-28), as the
 * PRC Civil Code art. 202 counts periods (按照年、月计算期间的,到期月的对应日为期间的最后一日;没有对应日的,月末日为期间的最后一日).
 * That arithmetic is date-fns's (`types/calendar.ts`); this adds the operand checks and the engine's date range.
 */
function shiftDate(op: string, unit: "days" | "months" | "years"): Evaluate {
  return (args) => {
    if (args.length !== 2) throw new TypeError(`${op}: expected 2 operands, got ${args.length}`);
    const date = isoDate(args[0], op);
    const n = args[1];
    if (typeof n !== "number" || !Number.isSafeInteger(n) || Math.abs(n) > 100000) throw new TypeError(`${op}: ${describe(n)} is not a whole number`);
    const { date: shifted, year } = shiftCalendarDate(date, unit, n);
    if (Number.isNaN(year) || year > 9999 || year < 0) {
      // Typed, with the operands, so the engine can name the fact the date came from (evaluate.ts).
      const after = Number.isNaN(year) || year > 9999;
      throw new LimitError(
        after ? "LAST_DATE" : "FIRST_DATE",
        `${op}: ${date} ${n < 0 ? "−" : "+"} ${Math.abs(n)} ${unit} is ${after ? `after ${LAST_DATE}, the last` : `before ${FIRST_DATE}, the first`} date the engine computes`,
        [date, n],
      );
    }
    return shifted;
  };
}

const SHIFTED_DATE: OperandSpec = {
  types: ["date"],
  problem: (t, op) => ({ code: "not_date", message: `${op} needs a date YYYY-MM-DD first; this operand is a ${t}` }),
};
const WHOLE_NUMBER: OperandSpec = {
  types: ["number"],
  problem: (t, op) => ({ code: "not_integer", message: `${op} needs a whole number second; this operand is a ${t}` }),
};

function dateShift(name: string, unit: "days" | "months" | "years", words: Words): Operation {
  return {
    name,
    family: "dates",
    profile: "allowed",
    arity: { min: 2, max: 2 },
    operands: { at: [SHIFTED_DATE, WHOLE_NUMBER] },
    result: "date",
    evaluate: shiftDate(name, unit),
    text: { style: "shift", unit: words },
    symbolic: { kind: "shift", unit },
    // A date; with an operand the analysis cannot bound, still a small scalar.
    growth: (ctx) => (ctx.anyUnknown ? ctx.scalar : ctx.date),
  };
}

/** `{"jjj.dateAddDays": [date, n]}`: n days later (earlier when negative). */
export const DATE_ADD_DAYS: Operation = dateShift("jjj.dateAddDays", "days", { en: "days", zh: "日" });
/** `{"jjj.dateAddMonths": [date, n]}`: n months later, on the month's last day when it has no corresponding day. */
export const DATE_ADD_MONTHS: Operation = dateShift("jjj.dateAddMonths", "months", { en: "months", zh: "个月" });
/** `{"jjj.dateAddYears": [date, n]}`: n years later (2024-02-29 + 1 year = 2025-02-28). */
export const DATE_ADD_YEARS: Operation = dateShift("jjj.dateAddYears", "years", { en: "years", zh: "年" });

/** Date operations, in the order the registry lists them. */
export const DATES: readonly Operation[] = [DATE_EQ, DATE_LT, DATE_LTE, DATE_GT, DATE_GTE, DATE_ADD_DAYS, DATE_ADD_MONTHS, DATE_ADD_YEARS];
