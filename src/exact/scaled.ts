import { Dec, DECIMAL_LITERAL, type RoundingMode } from "./decimal.js";

/**
 * Exact decimal arithmetic on scaled integers: a decimal `v` of scale `s` is the JavaScript number
 * `v × 10^s`, kept a safe integer (|n| ≤ 2^53 − 1). Every operation checks its result and throws
 * {@link FALLBACK} when it would leave the safe range; the caller then redoes the whole evaluation
 * with decimal.js. Within the safe range IEEE-754 arithmetic on integers is exact, and its rules for
 * the sign of zero (`-0 + 0 = 0`, `0 × -5 = -0`, `min(0, -0) = -0`) are those decimal.js follows in
 * half-up mode, so results are identical to decimal.js's, value and sign.
 */

/** Thrown (never escapes the engine) when a scaled value would leave the safe-integer range. */
export const FALLBACK: unique symbol = Symbol("jjj.fallback");

/** The largest magnitude a scaled value may have. */
export const MAX_SCALED = Number.MAX_SAFE_INTEGER;
/** The largest scale the fast path uses; deeper scales fall back to decimal.js. */
export const MAX_SCALE = 20;

/** 10^k for k = 0…22, every one exact as a double. */
export const POW10: readonly number[] = Array.from({ length: 23 }, (_, k) => Number(`1e${k}`));

/** A decimal as a scaled integer. */
export interface Scaled {
  /** `value × 10^scale`, a safe integer (the sign of zero is kept). */
  n: number;
  scale: number;
}

/** Throw {@link FALLBACK} unless `n` is within the safe range. */
export function checked(n: number): number {
  if (n > MAX_SCALED || n < -MAX_SCALED) throw FALLBACK;
  return n;
}

/**
 * A decimal constant (an engine decimal, a plain decimal string or a finite number, as `toDec`
 * accepts) as a scaled integer at its natural scale (`"0.10"` → 1 at scale 1), or undefined when it
 * is not a decimal or does not fit.
 */
export function scaledConstant(value: unknown): Scaled | undefined {
  let d: InstanceType<typeof Dec>;
  if (value instanceof Dec) d = value;
  else if (typeof value === "string" && DECIMAL_LITERAL.test(value)) d = new Dec(value);
  else if (typeof value === "number" && Number.isFinite(value)) d = new Dec(value);
  else return undefined;
  if (!d.isFinite()) return undefined;
  const scale = Math.max(0, d.decimalPlaces());
  if (scale > MAX_SCALE) return undefined;
  const scaledDec = d.times(new Dec(10).pow(scale));
  if (scaledDec.abs().gt(MAX_SCALED)) return undefined;
  return { n: scaledDec.toNumber(), scale };
}

/** The engine decimal equal to a scaled value (sign of zero included). */
export function scaledToDec(n: number, scale: number): InstanceType<typeof Dec> {
  const d = new Dec(n);
  return scale === 0 ? d : d.dividedBy(POW10[scale]!);
}

/** Rescale up by `k` places (exact; throws FALLBACK on overflow). */
export function rescale(n: number, k: number): number {
  return k === 0 ? n : checked(n * POW10[k]!);
}

/**
 * Round a scaled value `n` (scale `s`) to `s − k` places with a rounding mode, as decimal.js's
 * `toDecimalPlaces` does: a zero result keeps the sign of `n`.
 */
export function roundScaled(n: number, k: number, mode: RoundingMode): number {
  if (k <= 0) return rescale(n, -k);
  const p = POW10[k]!;
  const r = n % p; // exact for doubles
  let q = (n - r) / p; // exact: n − r is a multiple of p
  if (r !== 0) {
    const twice = (r < 0 ? -r : r) * 2;
    let away: boolean;
    switch (mode) {
      case "half-up":
        away = twice >= p;
        break;
      case "half-even":
        away = twice > p || (twice === p && q % 2 !== 0);
        break;
      case "down":
        away = false;
        break;
      case "up":
        away = true;
        break;
      case "floor":
        away = n < 0;
        break;
      case "ceil":
        away = n > 0;
        break;
    }
    if (away) q += n < 0 ? -1 : 1;
  }
  if (q === 0) return n < 0 || Object.is(n, -0) ? -0 : 0;
  return q;
}

/** A scaled value as decimal.js's `toString` writes it: trailing zeros dropped, `-0` written `0`. */
export function scaledToString(n: number, scale: number): string {
  if (n === 0) return "0";
  const neg = n < 0;
  let a = neg ? -n : n;
  let s = scale;
  while (s > 0 && a % 10 === 0) {
    a /= 10;
    s--;
  }
  let text = String(a);
  if (s > 0) {
    if (text.length <= s) text = "0".repeat(s - text.length + 1) + text;
    text = `${text.slice(0, text.length - s)}.${text.slice(text.length - s)}`;
  }
  return neg ? `-${text}` : text;
}

const CENTS: readonly string[] = Array.from({ length: 100 }, (_, i) => (i < 10 ? `.0${i}` : `.${i}`));

const TWO_31 = 2147483648;
const DIGITS3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i));
const PADDED3: readonly string[] = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));

/** A non-negative integer below 2^31 in decimal digits, as String(n) writes it. */
function smallIntText(n: number): string {
  if (n < 1000) return DIGITS3[n]!;
  if (n < 1_000_000) {
    const high = (n / 1000) | 0;
    return DIGITS3[high]! + PADDED3[n - high * 1000]!;
  }
  if (n < 1_000_000_000) {
    const high = (n / 1_000_000) | 0;
    const rest = n - high * 1_000_000;
    const mid = (rest / 1000) | 0;
    return DIGITS3[high]! + PADDED3[mid]! + PADDED3[rest - mid * 1000]!;
  }
  return String(n);
}
/** Below this, `Math.trunc(a / p)` is the exact quotient of a non-negative integer by 10^k (k ≥ 1). */
const TWO_46 = 70368744177664;

/** Fen (hundredths of a yuan) as the engine writes money: `"1234.50"`, `"0.00"` for either zero. */
export function fenToMoney(fen: number): string {
  if (fen === 0) return "0.00";
  const neg = fen < 0;
  const a = neg ? -fen : fen;
  let text: string;
  if (a < TWO_31) {
    // Small integers: int32 arithmetic, and digits from tables of three (faster than String(n)).
    const yuan = (a / 100) | 0;
    text = smallIntText(yuan) + CENTS[a - yuan * 100]!;
  } else {
    const r = a % 100;
    text = String((a - r) / 100) + CENTS[r]!;
  }
  return neg ? `-${text}` : text;
}

/** A scaled value as money, half-up to the fen, as `formatMoney` writes it. */
export function scaledToMoney(n: number, scale: number): string {
  if (n === 0) return "0.00";
  if (scale <= 2) return fenToMoney(rescale(n, 2 - scale));
  // Half-up on the magnitude (decimal.js's ROUND_HALF_UP rounds half away from zero).
  const a = n < 0 ? -n : n;
  const p = POW10[scale - 2]!;
  let q: number;
  let r: number;
  if (a < TWO_46) {
    q = Math.trunc(a / p);
    r = a - q * p;
    if (r < 0) {
      q -= 1;
      r += p;
    } else if (r >= p) {
      q += 1;
      r -= p;
    }
  } else {
    r = a % p;
    q = (a - r) / p;
  }
  if (r * 2 >= p) q += 1;
  return fenToMoney(n < 0 ? -q : q);
}

const CODE_0 = 48;
const CODE_9 = 57;
const CODE_MINUS = 45;
const CODE_DOT = 46;

/**
 * Parse a plain decimal literal (`-?\d+(\.\d+)?`, no exponent) to a scaled integer at exactly
 * `scale` places. Returns undefined when the text is not such a literal, has more than `maxInt`
 * integer digits or more than `scale` decimals (the caller decides what that means), or does not fit.
 * `minusZero` keeps the sign of "-0" (integers do; money and rates are canonicalised without it).
 */
export function parseScaled(text: string, scale: number, maxIntDigits: number, maxFractionDigits: number): number | undefined {
  const len = text.length;
  let i = 0;
  let neg = false;
  if (len > 0 && text.charCodeAt(0) === CODE_MINUS) {
    neg = true;
    i = 1;
  }
  const intStart = i;
  let n = 0;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < CODE_0 || c > CODE_9) break;
    n = n * 10 + (c - CODE_0);
  }
  const intDigits = i - intStart;
  if (intDigits === 0 || intDigits > maxIntDigits) return undefined;
  let fractionDigits = 0;
  if (i < len) {
    if (text.charCodeAt(i) !== CODE_DOT) return undefined;
    i++;
    const fracStart = i;
    for (; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c < CODE_0 || c > CODE_9) return undefined;
      if (i - fracStart < scale) n = n * 10 + (c - CODE_0);
      else if (c !== CODE_0) return undefined; // more significant decimals than the scale
    }
    fractionDigits = i - fracStart;
    if (fractionDigits === 0 || fractionDigits > maxFractionDigits) return undefined;
  }
  const filled = fractionDigits < scale ? fractionDigits : scale;
  if (filled < scale) n *= POW10[scale - filled]!;
  if (n > MAX_SCALED) return undefined;
  return neg ? -n : n;
}

/**
 * Parse a money literal (`-?\d{1,15}(\.\d{1,2})?`, the form `MONEY_LITERAL` accepts) to fen, or
 * undefined when the text is not one or is more than 2^53 − 1 fen. `parseScaled(text, 2, 15, 2)`,
 * written out for the most common input.
 */
export function parseFen(text: string): number | undefined {
  const len = text.length;
  let i = 0;
  let neg = false;
  if (len > 0 && text.charCodeAt(0) === CODE_MINUS) {
    neg = true;
    i = 1;
  }
  const start = i;
  let n = 0;
  for (; i < len; i++) {
    const c = text.charCodeAt(i);
    if (c < CODE_0 || c > CODE_9) break;
    n = n * 10 + (c - CODE_0);
  }
  const digits = i - start;
  if (digits === 0 || digits > 15) return undefined;
  if (i === len) n *= 100;
  else {
    if (text.charCodeAt(i) !== CODE_DOT) return undefined;
    const fraction = len - i - 1;
    if (fraction < 1 || fraction > 2) return undefined;
    for (i++; i < len; i++) {
      const c = text.charCodeAt(i);
      if (c < CODE_0 || c > CODE_9) return undefined;
      n = n * 10 + (c - CODE_0);
    }
    if (fraction === 1) n *= 10;
  }
  if (n > MAX_SCALED) return undefined;
  return neg ? -n : n;
}
