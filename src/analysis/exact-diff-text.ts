import type { ExactDiff } from "./exact-diff.js";

/*
 * The exact diff in words, for the CLI's `diff` report: the section "Exact change regions / 精确变化区域",
 * one numbered entry per region with its bounds, its changes in English and Chinese, and its witness.
 */

/**
 * The result of trying an exact diff for a report: the diff, or why there is none (not analysable, a
 * limit reached), with its error code and message in English and Chinese.
 *
 * @category Analysis
 * @example
 * const r: ExactDiffOutcome = { error: { code: "not_analysable", message: "…" } };
 */
export type ExactDiffOutcome = ExactDiff | { error: { code: string; message: string } };

function facts(f: Record<string, unknown>): string {
  return Object.entries(f)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(", ")}]` : String(v)}`)
    .join(", ");
}

const show = (v: unknown) => (typeof v === "boolean" ? (v ? "yes" : "no") : v === null ? "null" : String(v));

/**
 * The lines of the "Exact change regions (精确变化区域)" section of a diff report.
 *
 * @category Analysis
 * @example
 * exactDiffLines(exactDiff(a, b)).join("\n")
 * //=> "Exact change regions (精确变化区域): 5 regions, for every input; each witness evaluated by both versions\n  1. contractAmount in [300,000.00, 500,000.00); …"
 */
export function exactDiffLines(outcome: ExactDiffOutcome, indent = "  ", lang: "en" | "zh" = "en"): string[] {
  if (lang === "zh") return exactDiffLinesZh(outcome, indent);
  const title = "Exact change regions (精确变化区域)";
  if ("error" in outcome) return [`${title}: not computed — ${outcome.error.message}`];
  if (outcome.regions.length === 0) return [`${title}: none — the two versions decide alike on every input (两个版本对所有输入的决定相同)`];
  const n = outcome.regions.length;
  const out = [`${title}: ${n} region${n === 1 ? "" : "s"}, for every input (对所有输入); each witness evaluated by both versions (每个见证由两个版本求值)`];
  outcome.regions.forEach((r, i) => {
    out.push(`${indent}${i + 1}. ${r.text.en}`);
    for (const c of r.changes) out.push(`${indent}   ${c.text.en}`);
    out.push(`${indent}   ${r.sentence.zh}`);
    if (r.witness) {
      const changes = Object.keys(r.witness.from).map((f) => `${f} ${show(r.witness!.from[f])} → ${show(r.witness!.to[f])}`).join("; ");
      out.push(`${indent}   witness (见证): ${facts(r.witness.facts)}: ${changes} — ${r.confirmed ? "confirmed by the engine (引擎已验证)" : "NOT confirmed by the engine (引擎未验证)"}`);
    } else out.push(`${indent}   no witness on the inputs' grids was found (未找到见证)`);
  });
  return out;
}

const showZh = (v: unknown) => (typeof v === "boolean" ? (v ? "是" : "否") : v === null ? "null" : String(v));

/** {@link exactDiffLines} in Chinese. */
function exactDiffLinesZh(outcome: ExactDiffOutcome, indent: string): string[] {
  const title = "精确变化区域";
  if ("error" in outcome) return [`${title}:未计算 — ${outcome.error.message}`];
  if (outcome.regions.length === 0) return [`${title}:无 — 两个版本对所有输入的决定相同`];
  const out = [`${title}:${outcome.regions.length} 个区域,覆盖所有输入;每个见证由两个版本求值`];
  outcome.regions.forEach((r, i) => {
    out.push(`${indent}${i + 1}. ${r.text.zh}`);
    for (const c of r.changes) out.push(`${indent}   ${c.text.zh}`);
    if (r.witness) {
      const changes = Object.keys(r.witness.from).map((f) => `${f} ${showZh(r.witness!.from[f])} → ${showZh(r.witness!.to[f])}`).join(";");
      out.push(`${indent}   见证:${facts(r.witness.facts)}:${changes} — ${r.confirmed ? "引擎已验证" : "引擎未验证"}`);
    } else out.push(`${indent}   在输入的网格上未找到见证`);
  });
  return out;
}
