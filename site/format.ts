/** Showing values by their declared type: money grouped with two decimals, rates as percentages, enums by label. */
import type { DatedPoint, ValueType } from "../src/index.js";
import { formatMoney, fractionToPercent, groupDigits } from "./amount.js";
import { t } from "./fields.js";
import type { Lang, Text } from "./i18n.js";

export function formatValue(type: ValueType | undefined, value: unknown, lang: Lang, values?: Readonly<Record<string, Text>>, unit?: string): string {
  if (value === null || value === undefined) return "—";
  const label = (v: string) => (values && Object.prototype.hasOwnProperty.call(values, v) ? `${values[v]![lang]} (${v})` : v);
  switch (type) {
    case "money":
      return typeof value === "string" || typeof value === "number" ? `${formatMoney(String(value))} ${t("yuan", lang)}` : String(value);
    case "rate":
      return typeof value === "string" ? `${value} (${fractionToPercent(value)}%)` : String(value);
    case "decimal":
    case "integer":
      return typeof value === "string" || typeof value === "number" ? groupDigits(String(value)) + (unit && unit !== "count" ? ` ${unit}` : "") : String(value);
    case "boolean":
      return value === true ? `✓ ${t("yes", lang)}` : value === false ? `✗ ${t("no", lang)}` : String(value);
    case "enum":
      return typeof value === "string" ? label(value) : String(value);
    case "enumList":
      return Array.isArray(value) ? (value.length === 0 ? t("none", lang) : value.map((v) => label(String(v))).join(lang === "zh" ? "、" : ", ")) : String(value);
    default:
      if (typeof value === "boolean") return value ? `✓ ${t("yes", lang)}` : `✗ ${t("no", lang)}`;
      if (Array.isArray(value)) return value.join(", ");
      return String(value);
  }
}

export function formatPoint(point: DatedPoint | undefined, lang: Lang): string {
  if (!point) return t("openEnded", lang);
  return `${point.date} (${t(point.basis === "stated" ? "stated" : "inferred", lang)})`;
}

export function formatRange(from: string, to: string | null, lang: Lang): string {
  return `${from} – ${to ?? t("openEnded", lang)}`;
}
