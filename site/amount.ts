/**
 * Exact text arithmetic for the form: amounts typed as "3000000", "3,000,000", "300万", "300 万元",
 * "1.5亿" become a plain decimal string of yuan by moving the decimal point, never through a float.
 * The engine then checks the result against the input's declared type (at most 2 decimals for money).
 */

const UNIT_SHIFT: Readonly<Record<string, number>> = { "": 0, 元: 0, 万: 4, 万元: 4, 亿: 8, 亿元: 8 };

/** Full-width digits and punctuation people paste from Chinese documents, mapped to ASCII. */
function toAscii(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[．。]/g, ".")
    .replace(/[，]/g, ",")
    .replace(/[－]/g, "-");
}

/** Strip leading zeros of the integer part and trailing zeros of the fraction: "000300.500" → "300.5". */
function normalise(sign: string, int: string, frac: string): string {
  const i = int.replace(/^0+(?=\d)/, "") || "0";
  const f = frac.replace(/0+$/, "");
  const body = f ? `${i}.${f}` : i;
  return body === "0" ? "0" : sign + body;
}

/**
 * Multiply a plain decimal string by 10^shift (shift may be negative) by moving the point.
 *
 * @example shiftDecimal("300", 4) //=> "3000000"; shiftDecimal("0.00015", 4) //=> "1.5"; shiftDecimal("10", -2) //=> "0.1"
 */
export function shiftDecimal(text: string, shift: number): string {
  const m = /^(-?)(\d+)(?:\.(\d*))?$/.exec(text);
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

/** The result of reading an amount typed in the form. */
export type ParsedAmount =
  | { kind: "empty" }
  /** `value` is a plain decimal string in yuan; `unit` is what the user wrote ("万元", "亿", "" …). */
  | { kind: "ok"; value: string; unit: string }
  /** Not recognisable as an amount: pass `raw` on so that the engine reports it with its own words. */
  | { kind: "unparsed"; raw: string };

const AMOUNT = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?\s*(万元|亿元|万|亿|元)?$/u;
const FRACTION_ONLY = /^([+-]?)\.(\d+)\s*(万元|亿元|万|亿|元)?$/u;

/**
 * Read an amount in yuan as a person writes it: digits with optional thousands separators, and an
 * optional 元, 万 / 万元 (×10,000) or 亿 / 亿元 (×100,000,000). Conversion is exact.
 *
 * @example parseAmount("300 万元") //=> { kind: "ok", value: "3000000", unit: "万元" }
 */
export function parseAmount(input: string): ParsedAmount {
  const text = toAscii(input).trim();
  if (text === "") return { kind: "empty" };
  let m = AMOUNT.exec(text);
  let sign: string, int: string, frac: string, unit: string;
  if (m) {
    sign = m[1] === "-" ? "-" : "";
    int = (m[2] ?? "0").replace(/,/g, "");
    frac = m[3] ?? "";
    unit = m[4] ?? "";
  } else if ((m = FRACTION_ONLY.exec(text))) {
    sign = m[1] === "-" ? "-" : "";
    int = "0";
    frac = m[2] ?? "";
    unit = m[3] ?? "";
  } else {
    return { kind: "unparsed", raw: input };
  }
  const plain = frac ? `${sign}${int}.${frac}` : `${sign}${int}`;
  return { kind: "ok", value: shiftDecimal(plain, UNIT_SHIFT[unit] ?? 0), unit };
}

/** Read a rate as a fraction: "0.1" stays "0.1"; "10%" or "10 %" becomes "0.1". */
export function parseRate(input: string): ParsedAmount {
  const text = toAscii(input).trim().replace(/％/g, "%");
  if (text === "") return { kind: "empty" };
  const m = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)\s*(%)?$/.exec(text);
  if (!m) return { kind: "unparsed", raw: input };
  const sign = m[1] === "-" ? "-" : "";
  const digits = (m[2] ?? "0").startsWith(".") ? `0${m[2]}` : (m[2] ?? "0").replace(/\.$/, "");
  return { kind: "ok", value: shiftDecimal(sign + digits, m[3] ? -2 : 0), unit: m[3] ?? "" };
}

/** Group the integer part of a decimal string in threes: "3000000.5" → "3,000,000.5". Text only. */
export function groupDigits(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${(m[2] ?? "").replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${m[3] ?? ""}`;
}

/** A money string to two decimals, grouped: "200000" → "200,000.00", "0.5" → "0.50". Text only. */
export function formatMoney(text: string): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return text;
  const frac = (m[3] ?? "").padEnd(2, "0");
  // Money from the engine is already rounded to the fen; longer fractions are shown as they are.
  return groupDigits(`${m[1]}${m[2]}.${frac}`);
}

/** A fraction as a percentage, exactly: "0.05" → "5", "0.125" → "12.5". */
export function fractionToPercent(text: string): string {
  return /^-?\d+(\.\d+)?$/.test(text) ? shiftDecimal(text, 2) : text;
}
