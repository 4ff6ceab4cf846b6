import { describeFacts, inputText } from "./behaviour.js";
import { amendmentLine } from "./amendment.js";
import type { BehaviourReport, DiffChange, ParameterChange, RuleDiff, RuleSetDiff, RuleSummary, VersionSummary } from "./types.js";

const SECTIONS: [keyof Pick<RuleDiff, "metadata" | "validity" | "inputs" | "parameters" | "logic" | "examples">, string, string][] = [
  ["metadata", "Metadata (元数据)", "元数据"],
  ["validity", "Validity (有效期)", "有效期"],
  ["inputs", "Inputs (输入)", "输入项"],
  ["parameters", "Parameters (参数)", "参数"],
  ["logic", "Logic (逻辑)", "逻辑"],
  ["examples", "Worked examples (算例)", "算例"],
];

/**
 * The language of a text report: English (with the Chinese terms in brackets) or Chinese.
 *
 * @category Diff
 * @example
 * const lang: ReportLang = "zh";
 * formatRuleDiff(diff, { lang });
 */
export type ReportLang = "en" | "zh";

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function span(v: VersionSummary, lang: ReportLang = "en"): string {
  return `${v.validFrom} → ${v.validTo ?? (lang === "zh" ? "未定" : "open")}`;
}

function versionName(v: VersionSummary, other: VersionSummary, side: "before" | "after", lang: ReportLang = "en"): string {
  if (v.ruleId !== other.ruleId) return `${v.ruleId}@${v.version}`;
  if (lang === "zh") return v.version === other.version ? `第${v.version}版(${side === "before" ? "修改前" : "修改后"})` : `第${v.version}版`;
  return v.version === other.version ? `v${v.version} (${side})` : `v${v.version}`;
}

function behaviourLinesZh(b: BehaviourReport, from: string, to: string, indent: string, limit = Infinity): string[] {
  const out: string[] = [];
  out.push(
    `${indent}${from}按 ${b.on.from}、${to}按 ${b.on.to} 计算(各在其有效期内),共 ${b.cases} 个案例(${b.exampleCases} 个来自算例,${b.boundaryCases} 个为按参数生成的边界案例):${b.changes.length === 0 ? "结果无差异。" : `${b.changes.length} 个结果不同。`}`,
  );
  for (const c of b.contexts) {
    const tried = (b.boundaryValues[c.input] ?? []).map((v) => inputText(c.type, v)).join("、");
    out.push(`${indent}边界案例改变 ${c.input}(${tried});其他事实(${describeFacts(c.facts)})取自${c.exampleZh}。`);
  }
  b.changes.slice(0, limit).forEach((c) => out.push(`${indent}- ${c.textZh}`));
  if (b.changes.length > limit) out.push(`${indent}……另有 ${b.changes.length - limit} 个(见 --json)。`);
  return out;
}

function behaviourLines(b: BehaviourReport, from: string, to: string, indent: string, limit = Infinity): string[] {
  const out: string[] = [];
  out.push(
    `${indent}${from} evaluated on ${b.on.from}, ${to} on ${b.on.to} (each inside its own validity), on ${b.cases} cases (${b.exampleCases} from worked examples, ${b.boundaryCases} boundary cases from the parameters): ${b.changes.length === 0 ? "no outcome differs." : `${b.changes.length} give a different outcome.`}`,
  );
  for (const c of b.contexts) {
    const tried = (b.boundaryValues[c.input] ?? []).map((v) => inputText(c.type, v)).join(", ");
    out.push(`${indent}Boundary cases vary ${c.input} (${tried}); the other facts (${describeFacts(c.facts)}) come from the ${c.example}.`);
  }
  b.changes.slice(0, limit).forEach((c) => out.push(`${indent}- ${c.text}`));
  if (b.changes.length > limit) out.push(`${indent}… and ${b.changes.length - limit} more (see --json).`);
  return out;
}

/**
 * Options of the text of a diff: at most `maxCases` changed cases per version, and lines a caller
 * composes in before the behaviour section (the CLI puts the exact change regions there: src/diff
 * does not import the analysis, which is of the same tier).
 *
 * @category Diff
 * @example
 * formatRuleDiff(diff, { maxCases: 5, beforeBehaviour: () => ["Exact change regions (精确变化区域): …"] })
 */
export interface RuleDiffTextOptions {
  /** The most changed cases listed per version (default: all). */
  maxCases?: number;
  /** Lines to print before the behaviour section of each rule diff. */
  beforeBehaviour?: (diff: RuleDiff) => readonly string[];
  /** The language: `en` (default: English with the Chinese terms in brackets) or `zh` (Chinese). */
  lang?: ReportLang;
}

/**
 * A rule diff in words, for a terminal or a text report: one section per part of the rule, then the
 * cases whose outcome differs.
 *
 * @category Diff
 * @example
 * console.log(formatRuleDiff(diffRules("sjz-2025/absorption-subsidy@1", "sjz-2025/absorption-subsidy@2", { ruleSet })));
 * // sjz-2025/absorption-subsidy v1 → v2 (v2 supersedes v1)
 * // Parameters (参数):
 * //   - cap 500,000 → 800,000 yuan — cap per contract (每项最高补助), 原文 “每项最高补助80万元”
 * // …
 */
export function formatRuleDiff(diff: RuleDiff, options: RuleDiffTextOptions = {}): string {
  const lang = options.lang ?? "en";
  const w = RULE_DIFF_WORDS[lang];
  const a = diff.from;
  const b = diff.to;
  const na = versionName(a, b, "before", lang);
  const nb = versionName(b, a, "after", lang);
  const out: string[] = [];
  const head = a.ruleId === b.ruleId ? `${a.ruleId} ${na} → ${nb}` : `${a.ruleId}@${a.version} → ${b.ruleId}@${b.version}`;
  out.push(`${head}${b.supersedes !== null ? w.supersedes(nb, b.supersedes) : ""}${diff.identical ? w.identical : ""}`);
  out.push(`  ${na}${w.colon}${span(a, lang)}  ${w.title(a)}`);
  out.push(`  ${nb}${w.colon}${span(b, lang)}  ${w.title(b)}`);
  const amends = amendmentLine(diff, lang);
  if (amends) out.push(`  ${amends}`);
  for (const [key, titleEn, titleZh] of SECTIONS) {
    const list = diff[key] as DiffChange[];
    if (list.length === 0) continue;
    out.push(`${lang === "zh" ? titleZh : titleEn}:`);
    for (const c of list) {
      out.push(`  - ${w.text(c)}`);
      if (key === "parameters") {
        const p = c as ParameterChange;
        if (p.valueChanged) for (const d of w.details(p)) out.push(`      ${d}`);
      }
    }
  }
  const unchanged = SECTIONS.filter(([key]) => diff[key].length === 0).map(([, titleEn, titleZh]) => (lang === "zh" ? titleZh : titleEn));
  if (unchanged.length) out.push(w.unchanged(unchanged));
  // Sections composed by the caller (the CLI adds the exact change regions of the analysis here).
  out.push(...(options.beforeBehaviour?.(diff) ?? []));
  if (diff.behaviour) {
    out.push(w.behaviour);
    out.push(...w.behaviourLines(diff.behaviour, na, nb, "  ", options.maxCases));
  }
  return out.join("\n") + "\n";
}

/** The words of {@link formatRuleDiff} in each language: one layout, two vocabularies. */
const RULE_DIFF_WORDS: Record<
  ReportLang,
  {
    supersedes: (name: string, version: number) => string;
    identical: string;
    colon: string;
    title: (v: VersionSummary) => string;
    text: (c: DiffChange) => string;
    details: (p: ParameterChange) => readonly string[];
    unchanged: (titles: string[]) => string;
    behaviour: string;
    behaviourLines: typeof behaviourLines;
  }
> = {
  en: {
    supersedes: (name, version) => ` (${name} supersedes v${version})`,
    identical: ": the rule files are identical",
    colon: ": ",
    title: (v) => `${v.title.en} / ${v.title.zh}`,
    text: (c) => c.text,
    details: (p) => p.details,
    unchanged: (titles) => `No change: ${titles.join(", ")}.`,
    behaviour: "Behaviour (行为):",
    behaviourLines,
  },
  zh: {
    supersedes: (name, version) => `(${name}取代第${version}版)`,
    identical: ":两个规则文件相同",
    colon: ":",
    title: (v) => v.title.zh,
    text: (c) => c.textZh,
    details: (p) => p.detailsZh,
    unchanged: (titles) => `无变化:${titles.join("、")}。`,
    behaviour: "行为:",
    behaviourLines: behaviourLinesZh,
  },
};

function ruleLine(r: RuleSummary): string {
  return `${r.ruleId} (${r.versions.map((v) => `v${v.version} ${span(v)}`).join(", ")}) — ${r.title.en} / ${r.title.zh}`;
}

/** Parameter and validity changes of a rule diff, in one line each. */
function shortChanges(diff: RuleDiff): string[] {
  const out: string[] = [];
  for (const c of diff.validity) if (c.path === "validity.from" || c.path === "validity.to" || c.path === "validTo") out.push(c.text);
  for (const p of diff.parameters) out.push(`parameter ${p.text}`);
  // Inputs and logic in full when few; of the metadata, what changes the meaning (text, who, what).
  const some = (list: DiffChange[], what: string) => {
    if (list.length <= 5) list.forEach((c) => out.push(c.text));
    else out.push(`${list.length} ${what} changes (see the diff)`);
  };
  some(diff.inputs, "input");
  some(diff.logic, "logic");
  const key = diff.metadata.filter((c) => /^(id|title|kind|document|clause|measures|source|subjects|responsibleUnits|combination)/.test(c.path));
  key.forEach((c) => out.push(c.text));
  const notes = diff.metadata.length - key.length - diff.metadata.filter((c) => c.path === "supersedes").length;
  if (notes > 0) out.push(`${notes} note${notes === 1 ? "" : "s"} added or removed (notes, change notes)`);
  return out;
}

function behaviourCount(diff: RuleDiff): string {
  const b = diff.behaviour;
  if (!b) return "";
  return `behaviour: ${b.changes.length} of ${b.cases} cases give a different outcome`;
}

/**
 * A rule-set diff in words: documents and rules added, removed and changed, each changed version with its
 * full rule diff.
 *
 * @category Diff
 * @example
 * console.log(formatRuleSetDiff(diffRuleSets(before, after)));
 */
export function formatRuleSetDiff(diff: RuleSetDiff, options: RuleDiffTextOptions = {}): string {
  if (options.lang === "zh") return formatRuleSetDiffZh(diff, options);
  const out: string[] = [];
  const set = (s: RuleSetDiff["from"]) => `${s.label} (${plural(s.rules, "rule")}, ${plural(s.versions, "version")}, sha256:${s.hash.slice(0, 12)})`;
  out.push(`Rule set ${set(diff.from)} → ${set(diff.to)}`);
  if (diff.identical) {
    out.push("No change: the two rule sets are identical.");
    return out.join("\n") + "\n";
  }
  out.push(`${plural(diff.added.length, "rule")} added, ${diff.removed.length} removed, ${diff.changed.length} changed, ${diff.unchanged} unchanged.`);
  for (const d of diff.documents.added) out.push(`Document added: ${d}`);
  for (const d of diff.documents.removed) out.push(`Document removed: ${d}`);
  for (const d of diff.documents.changed) {
    out.push(`Document ${d.id} changed:`);
    for (const c of d.changes) out.push(`  - ${c.text}`);
  }
  if (diff.added.length) out.push("Added rules:", ...diff.added.map((r) => `  + ${ruleLine(r)}`));
  if (diff.removed.length) out.push("Removed rules:", ...diff.removed.map((r) => `  - ${ruleLine(r)}`));
  for (const r of diff.changed) {
    out.push("");
    out.push(`Changed: ${r.ruleId} — ${r.title.en} / ${r.title.zh}`);
    if (r.versionsAdded.length) out.push(`  versions added: ${r.versionsAdded.map((n) => `v${n}`).join(", ")}`);
    if (r.versionsRemoved.length) out.push(`  versions removed: ${r.versionsRemoved.map((n) => `v${n}`).join(", ")}`);
    for (const v of r.versions) {
      if (!v.diff) {
        out.push(`  v${v.version} added (no earlier version to compare with)`);
        continue;
      }
      const what = v.kind === "added" ? `v${v.version} added, compared with v${v.diff.from.version}` : `v${v.version} changed in place`;
      out.push(`  ${what}:`);
      out.push(...formatRuleDiff(v.diff, options).trimEnd().split("\n").map((l) => `    ${l}`));
    }
  }
  return out.join("\n") + "\n";
}

/** {@link formatRuleSetDiff} in Chinese. */
function formatRuleSetDiffZh(diff: RuleSetDiff, options: RuleDiffTextOptions): string {
  const out: string[] = [];
  const set = (s: RuleSetDiff["from"]) => `${s.label}(${s.rules} 条规则,${s.versions} 个版本,sha256:${s.hash.slice(0, 12)})`;
  const rule = (r: RuleSummary) => `${r.ruleId}(${r.versions.map((v) => `第${v.version}版 ${span(v, "zh")}`).join(",")})— ${r.title.zh}`;
  out.push(`规则集 ${set(diff.from)} → ${set(diff.to)}`);
  if (diff.identical) {
    out.push("无变化:两个规则集相同。");
    return out.join("\n") + "\n";
  }
  out.push(`新增 ${diff.added.length} 条规则,删除 ${diff.removed.length} 条,修改 ${diff.changed.length} 条,未变 ${diff.unchanged} 条。`);
  for (const d of diff.documents.added) out.push(`新增文件:${d}`);
  for (const d of diff.documents.removed) out.push(`删除文件:${d}`);
  for (const d of diff.documents.changed) {
    out.push(`文件 ${d.id} 已修改:`);
    for (const c of d.changes) out.push(`  - ${c.textZh}`);
  }
  if (diff.added.length) out.push("新增规则:", ...diff.added.map((r) => `  + ${rule(r)}`));
  if (diff.removed.length) out.push("删除规则:", ...diff.removed.map((r) => `  - ${rule(r)}`));
  for (const r of diff.changed) {
    out.push("");
    out.push(`修改:${r.ruleId} — ${r.title.zh}`);
    if (r.versionsAdded.length) out.push(`  新增版本:${r.versionsAdded.map((n) => `第${n}版`).join("、")}`);
    if (r.versionsRemoved.length) out.push(`  删除版本:${r.versionsRemoved.map((n) => `第${n}版`).join("、")}`);
    for (const v of r.versions) {
      if (!v.diff) {
        out.push(`  新增第${v.version}版(无更早版本可比较)`);
        continue;
      }
      out.push(`  ${v.kind === "added" ? `新增第${v.version}版,与第${v.diff.from.version}版比较` : `第${v.version}版原地修改`}:`);
      out.push(...formatRuleDiff(v.diff, options).trimEnd().split("\n").map((l) => `    ${l}`));
    }
  }
  return out.join("\n") + "\n";
}

/**
 * Release notes of a rule set in Markdown: rules added, removed and changed, with the parameter and
 * validity changes in words and the number of cases whose outcome changes.
 *
 * @category Diff
 * @example
 * changelogMarkdown(diffRuleSets(previous, next, { labels: { from: "0.1.0", to: "0.2.0" } }), { title: "Rules 0.2.0" })
 * //=> "# Rules 0.2.0\n\nChanges from 0.1.0 … to 0.2.0 …"
 */
export function changelogMarkdown(diff: RuleSetDiff, options: { title?: string; examples?: number } = {}): string {
  const md: string[] = [];
  const set = (s: RuleSetDiff["from"]) => `\`${s.label}\` (${plural(s.rules, "rule")}, ${plural(s.versions, "version")}, \`sha256:${s.hash.slice(0, 12)}\`)`;
  md.push(`# ${options.title ?? "Rule set changes"}`, "");
  md.push(`From ${set(diff.from)} to ${set(diff.to)}.`, "");
  if (diff.identical) {
    md.push("No changes: the two rule sets are identical.", "");
    return md.join("\n");
  }
  md.push(`**${diff.added.length}** rule${diff.added.length === 1 ? "" : "s"} added, **${diff.removed.length}** removed, **${diff.changed.length}** changed, ${diff.unchanged} unchanged.`, "");
  const docs = diff.documents;
  if (docs.added.length + docs.removed.length + docs.changed.length > 0) {
    md.push("## Documents", "");
    for (const d of docs.added) md.push(`- Added \`${d}\``);
    for (const d of docs.removed) md.push(`- Removed \`${d}\``);
    for (const d of docs.changed) md.push(`- \`${d.id}\`: ${d.changes.map((c) => c.text).join("; ")}`);
    md.push("");
  }
  if (diff.added.length) {
    md.push("## Added rules", "");
    for (const r of diff.added) {
      md.push(`- \`${r.ruleId}\` — ${r.title.en} (${r.title.zh}); ${r.versions.map((v) => `v${v.version} in force ${span(v)}`).join(", ")}`);
    }
    md.push("");
  }
  if (diff.removed.length) {
    md.push("## Removed rules", "");
    for (const r of diff.removed) md.push(`- \`${r.ruleId}\` — ${r.title.en} (${r.title.zh})`);
    md.push("");
  }
  if (diff.changed.length) {
    md.push("## Changed rules", "");
    for (const r of diff.changed) {
      md.push(`### \`${r.ruleId}\` — ${r.title.en} (${r.title.zh})`, "");
      for (const n of r.versionsRemoved) md.push(`- **v${n} removed**`);
      for (const v of r.versions) {
        const d = v.diff;
        if (!d) {
          md.push(`- **v${v.version} added**`);
          continue;
        }
        const head =
          v.kind === "added"
            ? `- **v${v.version} added**${d.to.supersedes !== null ? ` (supersedes v${d.to.supersedes})` : ""}, in force ${span(d.to)}; compared with v${d.from.version}:`
            : `- **v${v.version} changed**, in force ${span(d.to)}:`;
        md.push(head);
        const amends = amendmentLine(d);
        if (amends) md.push(`  - ${amends}`);
        const lines = shortChanges(d);
        for (const l of lines) md.push(`  - ${l}`);
        if (lines.length === 0) md.push("  - no change to parameters, validity, inputs or logic");
        if (d.behaviour) {
          md.push(`  - ${behaviourCount(d)}${d.behaviour.changes.length ? ", for example:" : "."}`);
          for (const c of d.behaviour.changes.slice(0, options.examples ?? 5)) md.push(`    - ${c.text}`);
        }
      }
      md.push("");
    }
  }
  return md.join("\n");
}
