import type { ParameterSpec } from "../schema/rule-file.js";
import type { RuleDiff } from "./types.js";

/**
 * A version published as an amendment (`"extends": N`), in one line for people: what it amends and the
 * parameter values it changes, in English with the Chinese terms, e.g.
 * `v2 amends v1 (第2版修订第1版): cap 500,000 → 800,000 yuan (每项最高补助)`; in Chinese (`lang` "zh")
 * `第2版修订第1版:cap 500,000 → 800,000 元 (每项最高补助)`. When the diff compares it with
 * another version than the one it amends, the line says so instead (the changes listed by the diff are then
 * not the amendment's). Undefined when the newer side of the diff is not an amendment.
 *
 * @category Diff
 * @example
 * amendmentLine(diffRules("sjz-2025/absorption-subsidy@1", "sjz-2025/absorption-subsidy@2", { ruleSet }))
 * //=> "v2 amends v1 (第2版修订第1版): threshold 500,000 → 300,000 yuan (起补交易额); lowerBandRate 10% → 15% (第一档最高补助比例); cap 500,000 → 800,000 yuan (每项最高补助)"
 */
export function amendmentLine(diff: RuleDiff, lang: "en" | "zh" = "en"): string | undefined {
  const { from: a, to: b } = diff;
  if (b.amends === undefined || a.ruleId !== b.ruleId) return undefined;
  const zh = lang === "zh";
  const name = zh ? `第${b.version}版修订第${b.amends}版` : `v${b.version} amends v${b.amends} (第${b.version}版修订第${b.amends}版)`;
  if (a.version !== b.amends) return zh ? `${name};此处与第${a.version}版比较` : `${name}; compared here with v${a.version}`;
  const values = diff.parameters
    .filter((p) => p.change === "changed" && p.valueChanged)
    .map((p) => `${p.name} ${p.fromText} → ${p.toText}${p.unit ? ` ${zh && p.unit === "yuan" ? "元" : p.unit}` : ""} (${(p.to as ParameterSpec).label.zh})`);
  if (zh) return `${name}:${values.length > 0 ? values.join(";") : "无参数值变化"}`;
  return `${name}: ${values.length > 0 ? values.join("; ") : "no parameter value changed (无参数值变化)"}`;
}
