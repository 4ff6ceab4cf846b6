import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, parseCommandArgs, ruleFolderOptions } from "../args.js";
import { parseVersion } from "./eval.js";
import { nextDay, previousDay } from "../../engine/dates.js";
import type { LoadedRuleVersion } from "../../engine/rule-version.js";
import { groupDigits } from "../../format/values.js";
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

/** The days without any version in force just before this one starts, or null when there are none. */
function gapBefore(all: readonly LoadedRuleVersion[], v: LoadedRuleVersion): { from: string; to: string } | null {
  const earlier = all.filter((x) => x.validFrom < v.validFrom && x.validTo !== null);
  if (earlier.length === 0) return null;
  const lastEnd = earlier.map((x) => x.validTo!).sort().at(-1)!;
  return nextDay(lastEnd) < v.validFrom ? { from: nextDay(lastEnd), to: previousDay(v.validFrom) } : null;
}

/** A parameter's value for a reader: money grouped (500,000 yuan), a rate with its percentage (0.10 (10%)). */
function parameterText(type: ValueType, value: unknown, unit: string | undefined): string {
  if (type === "rate" && typeof value === "string") return VALUE_TYPES.rate.explainText(value).en;
  const shown = type === "money" && typeof value === "string" ? groupDigits(value) : JSON.stringify(value);
  return `${shown}${unit ? ` ${unit}` : ""}`;
}

/** The version's logic as formulas, from the typed trees the loader checked: the catalogue's text (scripts/generate-rule-docs.mjs). */
function logicLines(version: LoadedRuleVersion): string[] {
  const names = namesOf(version.file);
  const lines: string[] = [];
  if (version.applicable !== undefined) lines.push("# whether the measure concerns the subject at all", ...definitionFormula("applicable", version.applicable.tree, names).split("\n"));
  for (const c of version.conditions) lines.push(`# ${c.spec.label.en} (${c.spec.label.zh})`, ...definitionFormula(c.spec.id, c.tree, names).split("\n"));
  for (const o of version.outcome) lines.push(`# ${o.spec.label.en} (${o.spec.label.zh})`, ...definitionFormula(o.name, o.tree, names).split("\n"));
  return lines;
}
