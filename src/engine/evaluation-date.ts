import { InvalidOptionsError } from "../errors.js";
import { describe } from "../exact/decimal.js";
import { isIsoDate } from "../schema/values.js";
import { todayInShanghai } from "./dates.js";

const DAY_MS = 86_400_000;
const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;

/**
 * The one cache of this module. A loop of evaluations asks for the same date again and again: checking
 * `YYYY-MM-DD` as a calendar date, or formatting today, would cost more than the rest of a fast
 * decision's bookkeeping. So it remembers
 * - `checked`: the last date a caller gave that passed the check (a string equal to it is the same
 *   date, so needs no second check; only checked dates are ever stored);
 * - `todayDay` / `todayText`: the day number in Asia/Shanghai and its `YYYY-MM-DD`, recomputed as soon
 *   as the clock shows another day.
 * Neither changes a result: `evaluationDate` gives what it would give without them.
 */
const dateMemo: { checked: string | undefined; todayDay: number; todayText: string } = {
  checked: undefined,
  todayDay: NaN,
  todayText: "",
};

/**
 * The evaluation date: the `on` a caller gave, checked as a calendar date `YYYY-MM-DD`, or today in
 * Asia/Shanghai when none was given.
 *
 * @throws {InvalidOptionsError} naming `on` when it is not a calendar date
 * @example
 * evaluationDate("2025-06-01") //=> "2025-06-01"
 * evaluationDate(undefined)    //=> today in Asia/Shanghai, e.g. "2026-12-04"
 * evaluationDate("2025-02-30") // throws InvalidOptionsError
 */
export function evaluationDate(on: unknown): string {
  if (on === undefined) {
    const day = Math.floor((Date.now() + SHANGHAI_OFFSET_MS) / DAY_MS);
    if (day !== dateMemo.todayDay) {
      dateMemo.todayText = todayInShanghai();
      dateMemo.todayDay = day;
    }
    return dateMemo.todayText;
  }
  if (on === dateMemo.checked) return on as string;
  if (!isIsoDate(on)) {
    throw new InvalidOptionsError("on", `the evaluation date \`on\` must be a calendar date YYYY-MM-DD, got ${describe(on)} (日期须为 YYYY-MM-DD)`);
  }
  dateMemo.checked = on;
  return on;
}
