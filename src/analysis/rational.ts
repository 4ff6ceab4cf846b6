import { Dec } from "../exact/decimal.js";

/*
 * Exact rationals over bigint, for the analysis: a breakpoint of a rule with a rate of 1/3 or a
 * threshold divided by a parameter is a fraction no decimal holds. Always reduced, the denominator > 0.
 */

/**
 * An exact rational number `num / den` (reduced, `den > 0`).
 *
 * @example
 * q("0.10") //=> { num: 1n, den: 10n }
 */
export interface Q {
  readonly num: bigint;
  readonly den: bigint;
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  b = b < 0n ? -b : b;
  while (b !== 0n) [a, b] = [b, a % b];
  return a;
}

/**
 * The rational `num / den`, reduced.
 *
 * @example
 * frac(2n, 4n) //=> { num: 1n, den: 2n }
 */
export function frac(num: bigint, den: bigint): Q {
  if (den === 0n) throw new RangeError("rational with a zero denominator");
  if (den < 0n) [num, den] = [-num, -den];
  const g = gcd(num, den) || 1n;
  return { num: num / g, den: den / g };
}

/** 0 and 1. @example ZERO.num //=> 0n */
export const ZERO: Q = { num: 0n, den: 1n };
/** @example ONE.den //=> 1n */
export const ONE: Q = { num: 1n, den: 1n };

const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * A decimal (a decimal.js value, a plain decimal string or a safe JS number) as an exact rational.
 *
 * @example
 * q("-1.25") //=> { num: -5n, den: 4n }
 * q(3) //=> { num: 3n, den: 1n }
 */
export function q(value: Dec | string | number | bigint): Q {
  if (typeof value === "bigint") return { num: value, den: 1n };
  const text = value instanceof Dec ? value.toFixed() : typeof value === "number" ? new Dec(value).toFixed() : value;
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) throw new TypeError(`not a plain decimal: ${text.slice(0, 40)}`);
  const fraction = m[3] ?? "";
  const num = BigInt(m[2]! + fraction) * (m[1] === "-" ? -1n : 1n);
  return frac(num, 10n ** BigInt(fraction.length));
}

/** Sum. @example add(q("0.1"), q("0.2")) //=> q("0.3") */
export function add(a: Q, b: Q): Q {
  return frac(a.num * b.den + b.num * a.den, a.den * b.den);
}
/** Difference. @example sub(q(1), q("0.5")) //=> q("0.5") */
export function sub(a: Q, b: Q): Q {
  return frac(a.num * b.den - b.num * a.den, a.den * b.den);
}
/** Product. @example mul(q("0.1"), q(3)) //=> q("0.3") */
export function mul(a: Q, b: Q): Q {
  return frac(a.num * b.num, a.den * b.den);
}
/** Quotient (throws on a zero divisor). @example div(q(1), q(3)) //=> { num: 1n, den: 3n } */
export function div(a: Q, b: Q): Q {
  return frac(a.num * b.den, a.den * b.num);
}
/** Negation. @example neg(q(2)).num //=> -2n */
export function neg(a: Q): Q {
  return { num: -a.num, den: a.den };
}
/** −1, 0 or 1 as a < b, a = b, a > b. @example cmp(q(1), q(2)) //=> -1 */
export function cmp(a: Q, b: Q): -1 | 0 | 1 {
  const d = a.num * b.den - b.num * a.den;
  return d < 0n ? -1 : d > 0n ? 1 : 0;
}
/** Whether a = b. @example eq(q("1.0"), q(1)) //=> true */
export function eq(a: Q, b: Q): boolean {
  return a.num === b.num && a.den === b.den;
}
/** Whether a = 0. @example isZero(ZERO) //=> true */
export function isZero(a: Q): boolean {
  return a.num === 0n;
}
/** The sign. @example sign(q(-3)) //=> -1 */
export function sign(a: Q): -1 | 0 | 1 {
  return a.num < 0n ? -1 : a.num > 0n ? 1 : 0;
}

/**
 * The least multiple of `step` that is ≥ a (`up`), or the greatest that is ≤ a.
 *
 * @example
 * toStep(q("1.234"), q("0.01"), true) //=> q("1.24")
 */
export function toStep(a: Q, step: Q, up: boolean): Q {
  const k = div(a, step); // a / step as a rational; round it to an integer
  let n = k.num / k.den; // truncates toward zero
  if (n * k.den !== k.num) {
    if (up && k.num > 0n) n += 1n;
    if (!up && k.num < 0n) n -= 1n;
  }
  return mul({ num: n, den: 1n }, step);
}

/** Whether the denominator divides a power of ten (the value is a finite decimal). @example isDecimal(q("0.5")) //=> true */
export function isDecimal(a: Q): boolean {
  let d = a.den;
  while (d % 2n === 0n) d /= 2n;
  while (d % 5n === 0n) d /= 5n;
  return d === 1n;
}

/**
 * The exact text of a rational: a plain decimal when it is one (`"0.3"`), else `"p/q"` (`"1/3"`).
 *
 * @example
 * qText(q("500000")) //=> "500000"
 * qText(frac(1n, 3n)) //=> "1/3"
 */
export function qText(a: Q): string {
  if (!isDecimal(a)) return `${a.num}/${a.den}`;
  return toDec(a).toFixed();
}

/**
 * A finite-decimal rational as a decimal.js value (exact); throws for one that is not a finite decimal.
 *
 * @example
 * toDec(q("0.25")).toString() //=> "0.25"
 */
export function toDec(a: Q): Dec {
  if (!isDecimal(a)) throw new RangeError(`${a.num}/${a.den} is not a finite decimal`);
  let places = 0n;
  let scale = 1n;
  while (scale % a.den !== 0n) {
    scale *= 10n;
    places += 1n;
  }
  const n = a.num * (scale / a.den);
  const negative = n < 0n;
  const digits = (negative ? -n : n).toString().padStart(Number(places) + 1, "0");
  const p = Number(places);
  const text = p === 0 ? digits : `${digits.slice(0, digits.length - p)}.${digits.slice(digits.length - p)}`;
  return new Dec((negative ? "-" : "") + text);
}

/**
 * The rounding modes of `jjj.round` (exact/decimal.ts ROUNDING_MODES), on rationals.
 *
 * @example
 * const mode: RationalRounding = "half-even";
 */
export type RationalRounding = "half-up" | "half-even" | "down" | "up" | "floor" | "ceil";

/**
 * A rational rounded to `places` decimals, exactly, in one of `jjj.round`'s modes (half-up and up
 * round away from zero, as decimal.js does).
 *
 * @example
 * roundQ(frac(1n, 3n), 4, "half-up") //=> q("0.3333")
 * roundQ(q("-0.125"), 2, "half-even") //=> q("-0.12")
 */
export function roundQ(a: Q, places: number, mode: RationalRounding): Q {
  const scale = 10n ** BigInt(places);
  const n = a.num * scale; // a × 10^places = n / den
  const negative = n < 0n;
  const abs = negative ? -n : n;
  let t = abs / a.den; // truncated magnitude
  const rem = abs - t * a.den; // 0 ≤ rem < den
  if (rem !== 0n) {
    const twice = 2n * rem;
    const awayFromZero =
      mode === "up" ||
      (mode === "ceil" && !negative) ||
      (mode === "floor" && negative) ||
      (mode === "half-up" && twice >= a.den) ||
      (mode === "half-even" && (twice > a.den || (twice === a.den && t % 2n === 1n)));
    if (awayFromZero) t += 1n;
  }
  return frac(negative ? -t : t, scale);
}

/**
 * The least common multiple of two positive integers.
 *
 * @example
 * lcm(4n, 6n) //=> 12n
 */
export function lcm(a: bigint, b: bigint): bigint {
  return (a / (gcd(a, b) || 1n)) * b;
}
