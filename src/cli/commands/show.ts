import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, languageOf, parseCommandArgs, ruleFolderOptions } from "../args.js";
import { parseVersion } from "./eval.js";
import { nextDay, previousDay } from "../../engine/dates.js";
import type { LoadedRuleVersion } from "../../engine/rule-version.js";
import { groupDigits } from "../../format/values.js";
import { unitZh } from "../../diff/format.js";
import { definitionFormula, namesOf } from "../../logic/formula.js";
import type { ValueType } from "../../schema/rule-file.js";
import { VALUE_TYPES } from "../../types/index.js";

/** `show <ruleId> [--rule-version N] [--json]`: a rule for a human, with its version history. */
export const showCommand: Command = {
  summary: "show a rule: source quote, validity, inputs, parameters, conditions and version history",
  usage: `Usage: jjj-policy-rules show <ruleId> [--rule-version N] [--json]

Shows a rule (its latest version unless --rule-version is given) with its source quote, validity,
inputs, parameters (money grouped, rates with their percentage), conditions, outcome fields, its logic
written out as formulas (as the catalogue writes it) and the history of its versions.

Options:
  --rule-version <N>  show this version
  --json              print the rule file and its history as JSON
  --lang <zh|en>      the text in Chinese or English (default: from LANG)
  --rules <dir>       use the rules of this folder instead of the shipped ones
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, { "rule-version": { type: "string" }, json: { type: "boolean" } });
    const [ruleId, ...rest] = positionals;
    if (!ruleId) throw new UsageError("show needs a rule id");
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
    const set = io.engine(values.rules, ruleFolderOptions(values)).ruleSet;
    const version = set.version(ruleId, values["rule-version"] === undefined ? undefined : parseVersion(values["rule-version"]));
    const history = set.versions(ruleId).map((v) => ({
      version: v.file.version,
      validFrom: v.validFrom,
      validTo: v.validTo,
      supersedes: v.file.supersedes ?? null,
      gapBefore: gapBefore(set.versions(ruleId), v),
      hash: v.hash,
      changes: v.file.changes,
    }));
    if (values.json) {
      io.stdout(json({ rule: version.file, validFrom: version.validFrom, validTo: version.validTo, hash: version.hash, history }));
      return 0;
    }
    if (languageOf(values, io) === "zh") {
      io.stdout(showZh(version, history));
      return 0;
    }
    const f = version.file;
    const out: string[] = [];
    out.push(`${f.id} v${f.version}  [${f.kind}]`);
    out.push(`  ${f.title.zh}`);
    out.push(`  ${f.title.en}`);
    out.push(`Document ${f.document}, clause ${f.clause}${f.source.heading ? ` (${f.source.heading})` : ""}`);
    out.push(`Source: ${f.source.quote}`);
    out.push(`Validity: ${version.validFrom} (${f.validity.from.basis}) → ${version.validTo ?? "open"}${f.validity.to ? ` (${f.validity.to.basis})` : ""}`);
    for (const note of [f.validity.from.note, f.validity.to?.note]) if (note) out.push(`  note: ${note.en}`);
    out.push(`Subjects: ${f.subjects.types.join(", ")}${f.subjects.places ? ` in ${f.subjects.places.join(", ")}` : ""}${f.subjects.fields ? `; fields ${f.subjects.fields.join(", ")}` : ""}`);
    out.push(`Responsible: ${f.responsibleUnits.map((u) => `${u.zh} (${u.en})`).join("; ") || "not named"}`);
    out.push("Inputs:");
    for (const [name, spec] of Object.entries(f.inputs)) {
      const values = spec.values ? ` = ${Object.entries(spec.values).map(([k, l]) => `${k} (${l.zh})`).join(" | ")}` : "";
      out.push(`  ${name}: ${spec.type}${values}  — ${spec.label.en} / ${spec.label.zh}`);
    }
    out.push("Parameters:");
    for (const [name, spec] of Object.entries(f.parameters)) {
      out.push(`  ${name} = ${parameterText(spec.type, spec.value, spec.unit)}  — ${spec.label.en}${spec.sourceText ? ` (原文: ${spec.sourceText})` : ""}`);
    }
    out.push("Conditions:");
    for (const c of f.conditions) out.push(`  ${c.id}: ${c.label.en} / ${c.label.zh}`);
    out.push(`Outcome: ${Object.entries(f.outcome).map(([k, s]) => `${k} (${s.type})`).join(", ")}`);
    out.push("Logic (as the catalogue writes it / 规则逻辑):");
    for (const line of logicLines(version)) out.push(line === "" ? "" : `  ${line}`);
    for (const note of f.notes ?? []) out.push(`Note: ${note.en}`);
    out.push("Versions:");
    for (const h of history) {
      if (h.gapBefore) out.push(`  (no version in force ${h.gapBefore.from} → ${h.gapBefore.to}: nothing is granted on these dates)`);
      out.push(`  v${h.version}: ${h.validFrom} → ${h.validTo ?? "open"}${h.supersedes ? `, supersedes v${h.supersedes}` : ""}  sha256:${h.hash.slice(0, 12)}`);
      for (const c of h.changes) out.push(`    ${c.date}: ${c.note.en}`);
    }
    if (history.length > 1) {
      const [a, b] = history.slice(-2);
      out.push(`Compare versions: jjj-policy-rules diff ${f.id}@${a!.version} ${f.id}@${b!.version}`);
    }
    io.stdout(out.join("\n") + "\n");
    return 0;
  },
};

type History = { version: number; validFrom: string; validTo: string | null; supersedes: number | null; gapBefore: { from: string; to: string } | null; hash: string; changes: LoadedRuleVersion["file"]["changes"] }[];

const KIND_ZH: Readonly<Record<string, string>> = { benefit: "扶持", target: "目标", obligation: "义务", guidance: "指引" };
const BASIS_ZH: Readonly<Record<string, string>> = { stated: "原文明示", inferred: "推定" };

/** `show --lang zh`: the same sections as the English text, in Chinese. */
function showZh(version: LoadedRuleVersion, history: History): string {
  const f = version.file;
  const out: string[] = [];
  out.push(`${f.id} 第${f.version}版  [${KIND_ZH[f.kind] ?? f.kind}]`);
  out.push(`  ${f.title.zh}`);
  out.push(`文件 ${f.document},条款 ${f.clause}${f.source.heading ? `(${f.source.heading})` : ""}`);
  out.push(`原文:${f.source.quote}`);
  out.push(`有效期:${version.validFrom}(${BASIS_ZH[f.validity.from.basis]}) → ${version.validTo ?? "未定"}${f.validity.to ? `(${BASIS_ZH[f.validity.to.basis]})` : ""}`);
  for (const note of [f.validity.from.note, f.validity.to?.note]) if (note) out.push(`  说明:${note.zh}`);
  out.push(`适用主体:${f.subjects.types.join("、")}${f.subjects.places ? `,地域 ${f.subjects.places.join("、")}` : ""}${f.subjects.fields ? `;领域 ${f.subjects.fields.join("、")}` : ""}`);
  out.push(`责任单位:${f.responsibleUnits.map((u) => u.zh).join("、") || "未写明"}`);
  out.push("输入项:");
  for (const [name, spec] of Object.entries(f.inputs)) {
    const values = spec.values ? ` = ${Object.entries(spec.values).map(([k, l]) => `${k}(${l.zh})`).join(" | ")}` : "";
    out.push(`  ${name}:${spec.type}${values}  — ${spec.label.zh}`);
  }
  out.push("参数:");
  for (const [name, spec] of Object.entries(f.parameters)) {
    out.push(`  ${name} = ${parameterText(spec.type, spec.value, spec.unit, "zh")}  — ${spec.label.zh}${spec.sourceText ? `(原文:${spec.sourceText})` : ""}`);
  }
  out.push("条件:");
  for (const c of f.conditions) out.push(`  ${c.id}:${c.label.zh}`);
  out.push(`结果:${Object.entries(f.outcome).map(([k, s]) => `${k}(${s.type})`).join("、")}`);
  out.push("规则逻辑(与规则目录写法相同):");
  for (const line of logicLines(version, "zh")) out.push(line === "" ? "" : `  ${line}`);
  for (const note of f.notes ?? []) out.push(`说明:${note.zh}`);
  out.push("版本:");
  for (const h of history) {
    if (h.gapBefore) out.push(`  (${h.gapBefore.from} → ${h.gapBefore.to} 无有效版本:这些日期不予补助)`);
    out.push(`  第${h.version}版:${h.validFrom} → ${h.validTo ?? "未定"}${h.supersedes ? `,取代第${h.supersedes}版` : ""}  sha256:${h.hash.slice(0, 12)}`);
    for (const c of h.changes) out.push(`    ${c.date}:${c.note.zh}`);
  }
  if (history.length > 1) {
    const [a, b] = history.slice(-2);
    out.push(`比较版本:jjj-policy-rules diff ${f.id}@${a!.version} ${f.id}@${b!.version} --lang zh`);
  }
  return out.join("\n") + "\n";
}

/** The days without any version in force just before this one starts, or null when there are none. */
function gapBefore(all: readonly LoadedRuleVersion[], v: LoadedRuleVersion): { from: string; to: string } | null {
  const earlier = all.filter((x) => x.validFrom < v.validFrom && x.validTo !== null);
  if (earlier.length === 0) return null;
  const lastEnd = earlier.map((x) => x.validTo!).sort().at(-1)!;
  return nextDay(lastEnd) < v.validFrom ? { from: nextDay(lastEnd), to: previousDay(v.validFrom) } : null;
}

/** A parameter's value for a reader: money grouped (500,000 yuan), a rate with its percentage (0.10 (10%)). */
function parameterText(type: ValueType, value: unknown, unit: string | undefined, lang: "en" | "zh" = "en"): string {
  if (type === "rate" && typeof value === "string") return VALUE_TYPES.rate.explainText(value)[lang];
  const shown = type === "money" && typeof value === "string" ? groupDigits(value) : JSON.stringify(value);
  return `${shown}${unit ? ` ${lang === "zh" ? unitZh(unit) : unit}` : ""}`;
}

/** The version's logic as formulas, from the typed trees the loader checked: the catalogue's text (scripts/generate-rule-docs.mjs). */
function logicLines(version: LoadedRuleVersion, lang: "en" | "zh" = "en"): string[] {
  const names = namesOf(version.file);
  const lines: string[] = [];
  const label = (l: { en: string; zh: string }) => (lang === "zh" ? l.zh : `${l.en} (${l.zh})`);
  if (version.applicable !== undefined) lines.push(lang === "zh" ? "# 该措施是否适用于该主体" : "# whether the measure concerns the subject at all", ...definitionFormula("applicable", version.applicable.tree, names).split("\n"));
  for (const c of version.conditions) lines.push(`# ${label(c.spec.label)}`, ...definitionFormula(c.spec.id, c.tree, names).split("\n"));
  for (const o of version.outcome) lines.push(`# ${label(o.spec.label)}`, ...definitionFormula(o.name, o.tree, names).split("\n"));
  return lines;
}
