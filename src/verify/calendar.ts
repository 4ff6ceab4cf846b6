import type { Z3, ZArith, ZBool } from "./z3.js";

/*
 * The civil calendar in z3's integer arithmetic, for date shifts by whole months or years: year, month,
 * day → day number (days since 1970-01-01) and back, by Howard Hinnant's algorithms (divisions by
 * constants only, so linear integer arithmetic decides them), and the engine's end-of-month rule
 * (ops/dates.ts: 2024-02-29 + 1 year = 2025-02-28). Exact for every date of the engine, no table.
 * A date input is declared by its year, month and day (civilDate), so that shifting it needs only
 * the forward direction, which z3 decides far faster than the inverse.
 */

/** Year, month (1–12) and day of a day number, by the forward divisions (for a date with no civil form of its own). */
function civilOf(day: ZArith, Z: Z3): Civil {
  const z = day.add(719468);
  const era = z.div(146097);
  const doe = z.sub(era.mul(146097));
  const yoe = doe.sub(doe.div(1460)).add(doe.div(36524)).sub(doe.div(146096)).div(365);
  const doy = doe.sub(yoe.mul(365).add(yoe.div(4)).sub(yoe.div(100)));
  const mp = doy.mul(5).add(2).div(153);
  const d = doy.sub(mp.mul(153).add(2).div(5)).add(1);
  const m = Z.If(mp.lt(10), mp.add(3), mp.sub(9)) as ZArith;
  const y = yoe.add(era.mul(400)).add(Z.If(m.le(2), Z.Int.val(1), Z.Int.val(0)) as ZArith);
  return { y, m, d };
}

/** A civil date as z3 integers. @internal */
export interface Civil {
  readonly y: ZArith;
  readonly m: ZArith;
  readonly d: ZArith;
}

/**
 * A date input as its civil year, month and day (fresh variables named after it), its day number,
 * and the constraints that make it a date of the engine (0000-01-01 to 9999-12-31). A date input is
 * declared this way so that a shift by years or months needs no division of a day number.
 *
 * @internal
 * @example
 * const { civil, day, valid } = civilDate(Z, "leavingDate");
 */
export function civilDate(Z: Z3, name: string): { civil: Civil; day: ZArith; valid: ZBool } {
  const y = Z.Int.const(`${name}.year`);
  const m = Z.Int.const(`${name}.month`);
  const d = Z.Int.const(`${name}.day`);
  const valid = Z.And(y.ge(0), y.le(9999), m.ge(1), m.le(12), d.ge(1), d.le(monthLength(y, m, Z)));
  return { civil: { y, m, d }, day: daysFrom(y, m, d, Z), valid };
}

function monthLength(y: ZArith, m: ZArith, Z: Z3): ZArith {
  const thirty = Z.Or(m.eq(4), m.eq(6), m.eq(9), m.eq(11));
  return Z.If(m.eq(2), Z.If(isLeap(y, Z), Z.Int.val(29), Z.Int.val(28)), Z.If(thirty, Z.Int.val(30), Z.Int.val(31))) as ZArith;
}

/** The day number of a year, month (1–12) and day. */
function daysFrom(y0: ZArith, m: ZArith, d: ZArith, Z: Z3): ZArith {
  const y = y0.sub(Z.If(m.le(2), Z.Int.val(1), Z.Int.val(0)) as ZArith);
  const era = y.div(400);
  const yoe = y.sub(era.mul(400));
  const mp = Z.If(m.gt(2), m.sub(3), m.add(9)) as ZArith;
  const doy = mp.mul(153).add(2).div(5).add(d).sub(1);
  const doe = yoe.mul(365).add(yoe.div(4)).sub(yoe.div(100)).add(doy);
  return era.mul(146097).add(doe).sub(719468);
}

function isLeap(y: ZArith, Z: Z3): ZBool {
  return Z.Or(Z.And(y.mod(4).eq(0), y.mod(100).neq(0)), y.mod(400).eq(0));
}

/**
 * A day number plus `months` whole months (a year is 12), landing on the same day of the target month
 * or its last day, whether the result is within the engine's years (0000–9999). `civil`: the
 * date's own year, month and day when it has them (a date input), else they are computed from `day`.
 *
 * @internal
 * @example
 * addMonthsZ(Z, Z.Int.val(dayOf("2024-02-29")), 12).e // the day number of 2025-02-28
 */
export function addMonthsZ(Z: Z3, day: ZArith, months: number, civil?: Civil): { e: ZArith; inRange: ZBool } {
  const { y, m, d } = civil ?? civilOf(day, Z);
  // Whole years keep the month: no division (z3 decides it much faster).
  const total = y.mul(12).add(m.sub(1)).add(months);
  const ty = months % 12 === 0 ? y.add(months / 12) : total.div(12);
  const tm = months % 12 === 0 ? m : total.mod(12).add(1);
  const last = monthLength(ty, tm, Z);
  const td = Z.If(d.le(last), d, last) as ZArith;
  return { e: daysFrom(ty, tm, td, Z), inRange: Z.And(ty.ge(0), ty.le(9999)) };
}
