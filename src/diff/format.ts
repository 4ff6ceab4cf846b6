import type { LocalizedText } from "../schema/common.js";
import type { ParameterSpec, ValueType } from "../schema/rule-file.js";
import { DECIMAL_LITERAL, Dec } from "../engine/decimal.js";

/**
 * Group the integer part of a decimal string by thousands, keeping its decimals as written.
 *
 * @example
 * groupDigits("8999999.9") //=> "8,999,999.9"
 * groupDigits("-1500")     //=> "-1,500"
 */
export function groupDigits(text: string): string {
  const m = /^(-?)(\d+)(\.\d+)?$/.exec(text);
  if (!m) return text;
  return `${m[1]}${m[2]!.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${m[3] ?? ""}`;
}

/** A rate (a fraction, `"0.15"`) as a percentage: `"15%"`. Exact: `"0.125"` is `"12.5%"`. */
export function percent(fraction: string): string {
  if (!DECIMAL_LITERAL.test(fraction)) return fraction;
  return `${new Dec(fraction).times(100).toString()}%`;
}

/** Yuan with two decimals and thousands separators: `"50000"` → `"50,000.00"`. */
export function yuan(value: string): string {
  if (!DECIMAL_LITERAL.test(value)) return value;
  return groupDigits(new Dec(value).toFixed(2));
}

/** Units that say nothing to a reader once the value is formatted (rates print as percentages). */
const SILENT_UNITS = new Set(["fraction", "percent-as-fraction", "ratio"]);

/** The unit to print after a parameter's value, or "" (money defaults to yuan). */
export function unitOf(spec: Pick<ParameterSpec, "type" | "unit">): string {
  if (spec.type === "rate") return "";
  if (spec.unit !== undefined) return SILENT_UNITS.has(spec.unit) ? "" : spec.unit;
  return spec.type === "money" ? "yuan" : "";
}

/** A value of a declared type for people, without its unit: money grouped, rates as percentages. */
export function formatValue(value: unknown, type: ValueType, values?: Readonly<Record<string, LocalizedText>>): string {
  if (value === undefined) return "(none)";
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return `[${value.map((v) => String(v)).join(", ")}]`;
  const text = String(value);
  switch (type) {
    case "money":
    case "decimal":
    case "integer":
      return groupDigits(text);
    case "rate":
      return percent(text);
    case "enum":
      return values && Object.prototype.hasOwnProperty.call(values, text) ? `${text} (${values[text]!.zh}, ${values[text]!.en})` : text;
    case "string":
      return JSON.stringify(text);
    default:
      return text;
  }
}

/** A parameter's value with its unit: `"500,000 yuan"`, `"10%"`, `"[transfer, license]"`. */
export function formatParameter(spec: ParameterSpec): string {
  const unit = unitOf(spec);
  return `${formatValue(spec.value, spec.type, spec.values)}${unit ? ` ${unit}` : ""}`;
}

/** An outcome value for people: money as yuan with two decimals, booleans as yes/no. */
export function formatOutcomeValue(value: unknown, type: ValueType | undefined): string {
  if (value === undefined) return "(absent)";
  if (type === "money" && typeof value === "string") return yuan(value);
  return formatValue(value, type ?? "string");
}

/** A signed difference of two decimal strings, in yuan for money: `"+25,000.00"`. */
export function signedDelta(from: string, to: string, type: ValueType): string | undefined {
  if (!DECIMAL_LITERAL.test(from) || !DECIMAL_LITERAL.test(to)) return undefined;
  const d = new Dec(to).minus(from);
  const sign = d.isNegative() ? "-" : "+";
  const abs = d.abs();
  return sign + (type === "money" ? groupDigits(abs.toFixed(2)) : type === "rate" ? percent(abs.toString()) : groupDigits(abs.toString()));
}

/** Both sides of a localized text in one line: `zh / en`. */
export function bilingual(text: LocalizedText | undefined): string {
  return text ? `${text.en} (${text.zh})` : "(none)";
}

/** Shorten a long text for one line of a report. */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
