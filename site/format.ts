/** Showing values by their declared type: money grouped with two decimals, rates as percentages, enums by label. */
import type { DatedPoint, ValueType } from "../src/index.js";
import { VALUE_TYPES } from "../src/types/index.js";
import { t } from "./fields.js";
import type { Lang, Text } from "./i18n.js";

export function formatValue(type: ValueType | undefined, value: unknown, lang: Lang, values?: Readonly<Record<string, Text>>, unit?: string): string {
  if (value === null || value === undefined) return "—";
  // Each type writes its values itself (src/types/: text only, through src/format/values.ts).
  if (type !== undefined) return VALUE_TYPES[type].pageText(value, lang, values, unit);
  if (typeof value === "boolean") return value ? `✓ ${t("yes", lang)}` : `✗ ${t("no", lang)}`;
  if (Array.isArray(value)) return value.join(", ");
  return String(value);
}

export function formatPoint(point: DatedPoint | undefined, lang: Lang): string {
  if (!point) return t("openEnded", lang);
  return `${point.date} (${t(point.basis === "stated" ? "stated" : "inferred", lang)})`;
}

export function formatRange(from: string, to: string | null, lang: Lang): string {
  return `${from} – ${to ?? t("openEnded", lang)}`;
}
