/**
 * Exact text arithmetic for the form: amounts typed as "3000000", "3,000,000", "300万", "300 万元",
 * "1.5亿" become a plain decimal string of yuan by moving the decimal point, never through a float.
 * The engine then checks the result against the input's declared type (at most 2 decimals for money).
 */
import { shiftDecimal } from "../src/format/values.js";

const UNIT_SHIFT: Readonly<Record<string, number>> = { "": 0, 元: 0, 万: 4, 万元: 4, 亿: 8, 亿元: 8 };

/** Full-width digits and punctuation people paste from Chinese documents, mapped to ASCII. */
function toAscii(text: string): string {
  return text
    .replace(/[０-９]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 0x30))
    .replace(/[．。]/g, ".")
    .replace(/[，]/g, ",")
    .replace(/[－]/g, "-");
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

/**
 * Showing values: one formatter for the page, the diff, the catalogue and the engine's explanation
 * (src/format/values.ts). `fractionToPercent("0.125")` is `"12.5"` (the page writes the "%" itself).
 */
export { formatMoney, groupDigits, percentDigits as fractionToPercent, shiftDecimal } from "../src/format/values.js";
