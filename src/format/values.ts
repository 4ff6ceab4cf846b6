/**
 * Values for people: the one place that writes a decimal, an amount of money or a rate as text a person
 * reads (digit grouping, two-decimal yuan, percentages). The explanation (engine/explain.ts), the diff
 * (diff/format.ts), the calculator page (site/) and the rule catalogue (scripts/generate-rule-docs.mjs)
 * all use these functions, so a value reads the same everywhere.
 *
 * Text only, on the decimal digits: no float and no decimal.js, so every result is exact (a rate of
 * "0.07" is "7%", never "7.000000000000001%") and the page bundle stays small. Input that is not a plain
 * decimal (`-?digits[.digits]`) is returned unchanged: formatting never throws and never guesses.
 */

/** A plain decimal as the engine writes one: optional minus, digits, optional fraction (no exponent, no "+"). */
const PLAIN_DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/**
 * Group the integer part of a plain decimal by thousands with commas, keeping the fraction as written.
 *
 * @example
 * groupDigits("8999999.9") //=> "8,999,999.9"
 * groupDigits("-1500")     //=> "-1,500"
 * groupDigits("n/a")       //=> "n/a"
 */
export function groupDigits(text: string): string {
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) return text;
  return `${m[1]}${groupInteger(m[2]!)}${m[3] !== undefined ? `.${m[3]}` : ""}`;
}

// Hand-written on purpose (issue #15 asked for Intl.NumberFormat where it does the job): it is the one
// place that groups digits, and Intl.NumberFormat, although exact on decimal strings in Node 20, took
// ~510 ns a call against ~130–280 ns for this regex (100,000 amounts, same run), on the explanation's
// hot path; it would also drop leading zeros and need one formatter per fraction length.
function groupInteger(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/** Strip leading zeros of the integer part and trailing zeros of the fraction: "000300.500" → "300.5"; zero has no sign. */
function normalise(sign: string, int: string, frac: string): string {
  const i = int.replace(/^0+(?=\d)/, "") || "0";
  const f = frac.replace(/0+$/, "");
  const body = f ? `${i}.${f}` : i;
  return body === "0" ? "0" : sign + body;
}

/**
 * Multiply a plain decimal by 10^shift (shift may be negative) by moving the point: exact, and the
 * result is normalised (no leading or trailing zeros, no "-0"). Throws on anything but a plain decimal.
 *
 * @example
 * shiftDecimal("300", 4)     //=> "3000000"
 * shiftDecimal("0.00015", 4) //=> "1.5"
 * shiftDecimal("10", -2)     //=> "0.1"
 */
export function shiftDecimal(text: string, shift: number): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text); // "300." is taken, as a person may type it
  if (!m) throw new Error(`not a plain decimal: ${text}`);
  const sign = m[1] ?? "";
  let int = m[2] ?? "0";
  let frac = m[3] ?? "";
  if (shift >= 0) {
    frac = frac.padEnd(shift, "0");
    int += frac.slice(0, shift);
    frac = frac.slice(shift);
  } else {
    const n = -shift;
    int = int.padStart(n + 1, "0");
    frac = int.slice(int.length - n) + frac;
    int = int.slice(0, int.length - n);
  }
  return normalise(sign, int, frac);
}

/** How {@link percentDigits} writes a percentage. */
export interface PercentOptions {
  /**
   * Round to at most this many decimals of the percentage, half away from zero (as
   * `Intl.NumberFormat`'s `maximumFractionDigits` does). Default: none, every digit is kept.
   */
  readonly maxDecimals?: number;
  /** Group the integer part by thousands ("12,345.5"). Default: false. */
  readonly grouped?: boolean;
}

/**
 * A rate (a fraction) as the number of its percentage, without the "%": exact, by moving the decimal
 * point two places. With `maxDecimals`, rounded half away from zero; trailing zeros are dropped. The
 * minus sign is kept as written, even when the value rounds to zero ("-0", as `Intl` writes it).
 * Not a plain decimal: returned unchanged.
 *
 * @example
 * percentDigits("0.125")                             //=> "12.5"
 * percentDigits("0.07")                              //=> "7"
 * percentDigits("0.123456789", { maxDecimals: 4 })   //=> "12.3457"
 * percentDigits("123.45", { grouped: true })         //=> "12,345"
 */
export function percentDigits(rate: string, options: PercentOptions = {}): string {
  const m = PLAIN_DECIMAL.exec(rate);
  if (!m) return rate;
  const { maxDecimals, grouped = false } = options;
  const fraction = (m[3] ?? "").padEnd(2, "0");
  let digits = (m[2]! + fraction.slice(0, 2)).replace(/^0+(?=\d)/, "");
  let rest = fraction.slice(2);
  if (maxDecimals !== undefined && rest.length > maxDecimals) {
    const up = rest.charCodeAt(maxDecimals) >= 53; // the first dropped digit is "5" or more
    rest = rest.slice(0, maxDecimals);
    if (up) {
      // Add one unit of the last kept decimal to digits.rest, carrying into the integer part.
      const all = (BigInt(digits + rest) + 1n).toString().padStart(digits.length + maxDecimals, "0");
      digits = all.slice(0, all.length - maxDecimals);
      rest = all.slice(all.length - maxDecimals);
    }
  }
  rest = rest.replace(/0+$/, "");
  return `${m[1]}${grouped ? groupInteger(digits) : digits}${rest ? `.${rest}` : ""}`;
}

/**
 * A rate (a fraction) as a percentage, exactly: every digit kept, no float on the way. Not a plain
 * decimal: returned unchanged.
 *
 * @example
 * formatPercent("0.15")  //=> "15%"
 * formatPercent("0.125") //=> "12.5%"
 * formatPercent("0.07")  //=> "7%"
 */
export function formatPercent(rate: string, options: PercentOptions = {}): string {
  return PLAIN_DECIMAL.test(rate) ? `${percentDigits(rate, options)}%` : rate;
}

/**
 * An amount of yuan for people: at least two decimals, grouped by thousands. Never rounds (money of
 * the engine has at most two decimals; a longer fraction is shown as it is, since rounding happens once,
 * where a rule says). Not a plain decimal: returned unchanged.
 *
 * @example
 * formatMoney("200000") //=> "200,000.00"
 * formatMoney("0.5")    //=> "0.50"
 * formatMoney("-1500")  //=> "-1,500.00"
 */
export function formatMoney(text: string): string {
  const m = PLAIN_DECIMAL.exec(text);
  if (!m) return text;
  return groupDigits(`${m[1]}${m[2]}.${(m[3] ?? "").padEnd(2, "0")}`);
}

/**
 * The words values are written with, in both languages, so that the explanation, the page and the diff
 * say a boolean, an absent value and the unit of money the same way. Frozen: shared by every caller.
 *
 * @example
 * VALUE_WORDS.yes.zh  //=> "是"
 * VALUE_WORDS.yuan.en //=> "yuan"
 */
export const VALUE_WORDS = Object.freeze({
  yes: Object.freeze({ zh: "是", en: "yes" }),
  no: Object.freeze({ zh: "否", en: "no" }),
  none: Object.freeze({ zh: "无", en: "none" }),
  yuan: Object.freeze({ zh: "元", en: "yuan" }),
} as const);
