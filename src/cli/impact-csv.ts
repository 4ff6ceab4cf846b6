import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { VALUE_TYPES } from "../types/index.js";
import { DECIMAL_LITERAL, Dec } from "../exact/decimal.js";
import { csvRow, readBatchRecords, type BatchFormats } from "./batch-io.js";
import { factsOfRow, ruleInputTypes } from "./csv-cells.js";
import { csvCell } from "./decision-csv.js";
import type { CliIo } from "./io.js";
import { LineWriter, jsonLine } from "./jsonl.js";
import type { ImpactCaseRecord, ImpactInput } from "./commands/impact.js";

/*
 * `impact --cases` in CSV, and its per-case output (`--format csv|jsonl`).
 *
 * CSV cases: the header names the rule's inputs (cells read by their declared types, csv-cells.ts), plus
 * two optional columns, as the JSON form {"on", "id", "facts"} has them: `on` (the case's date) and `id`
 * (a label) — unless the rule has an input of that name, which `facts.on` / `facts.id` can always name.
 *
 * Per-case output, one row per case in input order, on stdout (the report then goes to stderr):
 *   line,id,baseline.version,reform.version,baseline.on,reform.on,changed,
 *   baseline.<field>…,reform.<field>…,change.<money field>…,error.code,error.message
 * `changed` is true when any field differs; `change.<f>` is reform − baseline for money fields ("+25000.00");
 * a side that rejects the facts has empty fields and error.code `rejected_by_baseline` or
 * `rejected_by_reform`; a bad line has only `line`, `error.code` (`bad_case`) and `error.message`.
 */

/** reform − baseline of two money values, exactly and signed ("+25000.00"); empty unless both are amounts. */
function change(from: unknown, to: unknown): string {
  if (typeof from !== "string" || typeof to !== "string" || !DECIMAL_LITERAL.test(from) || !DECIMAL_LITERAL.test(to)) return "";
  const d = new Dec(to).minus(from);
  return `${d.isNegative() && !d.isZero() ? "-" : "+"}${d.abs().toFixed(2)}`;
}

/** The case columns of a CSV that are not facts (unless the rule declares an input of that name). */
const CASE_COLUMNS = ["on", "id"] as const;

/**
 * The cases of a CSV file as runImpact reads them: `{ on?, id?, facts }` per row, with its line.
 *
 * @example
 * runImpact(engine, impactCsvCases(set, ruleId, baseline, "cases.csv", maxLineBytes), options)
 */
export async function* impactCsvCases(set: RuleSet, ruleId: string, first: LoadedRuleVersion | undefined, input: string, maxLineBytes: number): AsyncGenerator<ImpactInput> {
  const types = ruleInputTypes(set, ruleId, first);
  const reserved = new Set(CASE_COLUMNS.filter((c) => !types.has(c)));
  const toCase = (cells: Record<string, string>) => {
    const facts = factsOfRow(cells, types, reserved);
    const wrapped: Record<string, unknown> = { facts };
    for (const c of reserved) if (cells[c] !== undefined && cells[c] !== "") wrapped[c] = cells[c];
    return wrapped;
  };
  for await (const r of readBatchRecords(input, "csv", toCase, undefined, maxLineBytes)) {
    yield r.error !== undefined ? { line: r.line, error: r.error } : { line: r.line, value: r.value };
  }
}

/**
 * The writer of `impact --format csv|jsonl`: call `header()` once, then pass `write` as runImpact's `onCase`.
 *
 * @example
 * const w = impactCaseWriter(io, formats, [template], "eligible");
 */
export function impactCaseWriter(io: CliIo, formats: BatchFormats, versions: readonly LoadedRuleVersion[]) {
  const out = new LineWriter(io.stdout);
  const fields: string[] = [];
  const money: string[] = [];
  for (const v of versions) {
    for (const [name, spec] of Object.entries(v.file.outcome)) {
      if (fields.includes(name)) continue;
      fields.push(name);
      if (VALUE_TYPES[spec.type].totalled) money.push(name);
    }
  }
  const header = [
    "line", "id", "baseline.version", "reform.version", "baseline.on", "reform.on", "changed",
    ...fields.map((f) => `baseline.${f}`), ...fields.map((f) => `reform.${f}`), ...money.map((f) => `change.${f}`),
    "error.code", "error.message",
  ];
  const row = (c: ImpactCaseRecord): string[] => {
    if (c.error !== undefined) return [String(c.line), c.id ?? "", ...new Array<string>(header.length - 4).fill(""), "bad_case", c.error];
    const { baseline: a, reform: b } = c;
    const rejected = a.rejected ? "rejected_by_baseline" : b.rejected ? "rejected_by_reform" : "";
    const issues = (a.rejected ?? b.rejected ?? []).map((i) => `${i.path}: ${i.message}`).join("; ");
    return [
      String(c.line), c.id ?? "", String(a.version), String(b.version), a.on, b.on, csvCell(c.fields.length > 0),
      ...fields.map((f) => csvCell(a.outcome?.[f])), ...fields.map((f) => csvCell(b.outcome?.[f])),
      ...money.map((f) => change(a.outcome?.[f], b.outcome?.[f])),
      rejected, issues,
    ];
  };
  return {
    header: () => (formats.output === "csv" ? out.line((formats.bom ? "\ufeff" : "") + csvRow(header)) : undefined),
    write: (c: ImpactCaseRecord) => out.line(formats.output === "csv" ? csvRow(row(c)) : jsonLine(c)),
    done: async () => {
      await out.flush();
      out.close();
    },
  };
}
