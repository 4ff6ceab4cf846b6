import type { LocalizedText } from "../schema/common.js";
import type { ParameterSpec, ValueType } from "../schema/rule-file.js";
import { DECIMAL_LITERAL, Dec } from "../exact/decimal.js";
import { VALUE_WORDS } from "../format/values.js";
import { VALUE_TYPES } from "../types/index.js";

/**
 * Digit grouping, percentages (`percent("0.125")` is `"12.5%"`) and yuan (`yuan("50000")` is
 * `"50,000.00"`) come from the one formatter of values for people, format/values.ts.
 */
export { groupDigits, formatPercent as percent, formatMoney as yuan } from "../format/values.js";

/** Units that say nothing to a reader once the value is formatted (rates print as percentages). */
const SILENT_UNITS = new Set(["fraction", "percent-as-fraction", "ratio"]);

/** The unit to print after a parameter's value, or "" (money defaults to yuan; a rate's percentage is its unit). */
export function unitOf(spec: Pick<ParameterSpec, "type" | "unit">): string {
  const type = VALUE_TYPES[spec.type];
  if (type.unitInText) return "";
  if (spec.unit !== undefined) return SILENT_UNITS.has(spec.unit) ? "" : spec.unit;
  return type.defaultUnit;
}

/** A value of a declared type for people, without its unit: money grouped, rates as percentages. */
export function formatValue(value: unknown, type: ValueType, values?: Readonly<Record<string, LocalizedText>>, lang: "en" | "zh" = "en"): string {
  if (value === undefined) return lang === "zh" ? "(无)" : "(none)";
  if (value === null) return "null";
  if (typeof value === "boolean") return (value ? VALUE_WORDS.yes : VALUE_WORDS.no)[lang];
  if (Array.isArray(value)) return `[${value.map((v) => String(v)).join(", ")}]`;
  return VALUE_TYPES[type].peopleText(String(value), values);
}

/** A parameter's value with its unit: `"500,000 yuan"`, `"10%"`, `"[transfer, license]"`. */
export function formatParameter(spec: ParameterSpec, lang: "en" | "zh" = "en"): string {
  const unit = lang === "zh" ? unitZh(unitOf(spec)) : unitOf(spec);
  return `${formatValue(spec.value, spec.type, spec.values, lang)}${unit ? ` ${unit}` : ""}`;
}

/** Units in Chinese: yuan is 元, years 年; others are printed as the rule file writes them. */
const UNIT_ZH: Readonly<Record<string, string>> = { yuan: VALUE_WORDS.yuan.zh, years: "年" };

/** A unit of {@link unitOf} in Chinese: `unitZh("yuan")` is `"元"`. */
export function unitZh(unit: string): string {
  return unit ? (UNIT_ZH[unit] ?? unit) : "";
}

/** An outcome value for people: money as yuan with two decimals, booleans as yes/no (是/否 in Chinese). */
export function formatOutcomeValue(value: unknown, type: ValueType | undefined, lang: "en" | "zh" = "en"): string {
  if (value === undefined) return lang === "zh" ? "(缺)" : "(absent)";
  if (type !== undefined && typeof value === "string") return VALUE_TYPES[type].outcomeText(value);
  return formatValue(value, type ?? "string", undefined, lang);
}

/** A signed difference of two decimal strings, in yuan for money: `"+25,000.00"`. */
export function signedDelta(from: string, to: string, type: ValueType): string | undefined {
  if (!DECIMAL_LITERAL.test(from) || !DECIMAL_LITERAL.test(to)) return undefined;
  const d = new Dec(to).minus(from);
  const sign = d.isNegative() ? "-" : "+";
  const abs = d.abs();
  return sign + VALUE_TYPES[type].deltaText(abs);
}

/** Both sides of a localized text in one line: `zh / en`. */
export function bilingual(text: LocalizedText | undefined): string {
  return text ? `${text.en} (${text.zh})` : "(none)";
}

/** Shorten a long text for one line of a report. */
export function clip(text: string, max = 120): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
