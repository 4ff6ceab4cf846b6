import { createReadStream, openSync } from "node:fs";
import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, parseCommandArgs, ruleFolderOptions } from "../args.js";
import { parseParameterAssignments, templateVersion, type ParameterValue } from "../set-parameters.js";
import { parseCount } from "./diff.js";
import { parseVersion } from "./eval.js";
import { lineTooLongMessage, splitLines } from "../jsonl.js";
import { MAX_LINE_BYTES, MAX_RULE_FILE_BYTES, formatBytes, parseByteLimit, printable } from "../limits.js";
import type { Engine } from "../../api.js";
import type { LoadedRuleVersion } from "../../engine/rule-version.js";
import { compareResults, describeFacts } from "../../diff/behaviour.js";
import { groupDigits, yuan } from "../../diff/format.js";
import { parseRuleVersionRef } from "../../diff/rule-diff.js";
import type { CaseResult, OutcomeFieldChange } from "../../diff/types.js";
import { todayInShanghai } from "../../engine/dates.js";
import { DECIMAL_LITERAL, Dec } from "../../exact/decimal.js";
import { InvalidArgumentError, PolicyError, formatIssue, type PolicyIssue } from "../../errors.js";
import { isIsoDate } from "../../schema/common.js";
import type { ValueType } from "../../schema/rule-file.js";
import { VALUE_TYPES } from "../../types/index.js";
import { BATCH_FORMAT_HELP, BATCH_FORMAT_OPTIONS, batchFormats } from "../batch-io.js";
import { impactCaseWriter, impactCsvCases } from "../impact-csv.js";

/** What the reform is: other parameter values for the same version, or another version. */
export type Reform = { parameters: Record<string, ParameterValue> } | { against: LoadedRuleVersion };

/** The options of an impact run. */
export interface ImpactOptions {
  ruleId: string;
  /** The baseline version; undefined: the version in force on each case's date. */
  baseline?: LoadedRuleVersion;
  reform: Reform;
  /** The date of cases that give none (default: today in Asia/Shanghai). */
  on: string;
  /** How many changed cases to keep for the report. */
  limit: number;
  /** Called for each bad line as it is met. */
  onBadLine?: (line: number, message: string) => void;
  /** Called for every case in input order, bad ones included (the per-case output of `--format`); awaited. */
  onCase?: (c: ImpactCaseRecord) => Promise<void> | undefined;
}

/** One case as `impact --format csv|jsonl` writes it: both answers and the fields that differ, or why the line is bad. */
export type ImpactCaseRecord =
  | { line: number; id?: string; baseline: CaseResult; reform: CaseResult; fields: OutcomeFieldChange[]; error?: undefined }
  | { line: number; id?: string; error: string };

/** Totals of one money outcome field over all cases. */
export interface AmountImpact {
  baselineTotal: string;
  reformTotal: string;
  /** reformTotal − baselineTotal. */
  change: string;
  increased: number;
  decreased: number;
  largest: { line: number; id?: string; delta: string; from: string; to: string } | null;
}

/** One case whose outcome changes. */
export interface ImpactCase {
  line: number;
  id?: string;
  facts: unknown;
  baseline: CaseResult;
  reform: CaseResult;
  fields: OutcomeFieldChange[];
  text: string;
}

/** The report of an impact run. JSON-serialisable. */
export interface ImpactReport {
  ruleId: string;
  baseline: { version: number | null; note: string };
  reform: { parameters?: Record<string, ParameterValue>; against?: { ruleId: string; version: number } };
  /** Non-empty lines read. */
  lines: number;
  /** Cases both sides decided (facts accepted by both). */
  evaluated: number;
  badLines: number;
  /** The first 100 bad lines. */
  badLineList: { line: number; message: string }[];
  rejected: { byBaselineOnly: number; byReformOnly: number };
  /** Cases whose outcome differs in any field. */
  changed: number;
  eligibility: { field: string | null; baseline: number; reform: number; gained: number; lost: number };
  amounts: Record<string, AmountImpact>;
  /** The first `limit` changed cases. */
  changes: ImpactCase[];
}

function clampInto(date: string, v: LoadedRuleVersion): string {
  if (date < v.validFrom) return v.validFrom;
  if (v.validTo !== null && date > v.validTo) return v.validTo;
  return date;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** `{"on": …, "facts": {…}}` (with an optional `id`), as opposed to a bare object of facts. */
function isWrapped(v: Record<string, unknown>): boolean {
  return isObject(v["facts"]) && Object.keys(v).every((k) => k === "on" || k === "facts" || k === "id");
}

/** A case already read (from CSV): its line and value, or why it could not be read. */
export type ImpactInput = { line: number; value: unknown; error?: undefined } | { line: number; value?: undefined; error: string };

/** A line of cases that was longer than the line limit (its text was skipped). */
export interface LineTooLong {
  tooLong: true;
  maxBytes: number;
}

/**
 * Run every case of a stream of JSON lines under the baseline and the reform, keeping only counters,
 * totals and the first changed cases (memory does not grow with the number of lines). A
 * {@link LineTooLong} in the stream is counted as a bad line.
 */
export async function runImpact(engine: Engine, lines: AsyncIterable<string | LineTooLong | ImpactInput>, options: ImpactOptions): Promise<ImpactReport> {
  const set = engine.ruleSet;
  const { ruleId, baseline, reform } = options;
  const template = baseline ?? templateVersion(set, ruleId, undefined, options.on);
  const reformVersion = "against" in reform ? reform.against : undefined;
  const types: Record<string, ValueType> = {};
  for (const v of [template, ...(reformVersion ? [reformVersion] : [])]) for (const [k, s] of Object.entries(v.file.outcome)) types[k] ??= s.type;
  const eligibilityField = "eligible" in types ? "eligible" : (Object.keys(types).find((k) => VALUE_TYPES[types[k]!].staticType === "boolean") ?? null);
  const moneyFields = Object.keys(types).filter((k) => VALUE_TYPES[types[k]!].totalled);
  const totals = Object.fromEntries(
    moneyFields.map((f) => [f, { base: new Dec(0), reform: new Dec(0), increased: 0, decreased: 0, largest: null as AmountImpact["largest"], largestAbs: new Dec(-1) }]),
  );

  const report: ImpactReport = {
    ruleId,
    baseline: baseline
      ? { version: baseline.file.version, note: `v${baseline.file.version}, each case evaluated on its date moved into v${baseline.file.version}'s validity` }
      : { version: null, note: "the version in force on each case's date" },
    reform: "parameters" in reform ? { parameters: reform.parameters } : { against: { ruleId: reform.against.file.id, version: reform.against.file.version } },
    lines: 0,
    evaluated: 0,
    badLines: 0,
    badLineList: [],
    rejected: { byBaselineOnly: 0, byReformOnly: 0 },
    changed: 0,
    eligibility: { field: eligibilityField, baseline: 0, reform: 0, gained: 0, lost: 0 },
    amounts: {},
    changes: [],
  };
  let pending: Promise<void> | undefined;
  const bad = (line: number, message: string) => {
    report.badLines++;
    if (report.badLineList.length < 100) report.badLineList.push({ line, message });
    options.onBadLine?.(line, message);
    pending = options.onCase?.({ line, error: message });
  };
  const run = (id: string, facts: unknown, on: string, version: number | undefined, parameters?: Record<string, ParameterValue>): CaseResult | PolicyError => {
    try {
      const d = engine.evaluate(id, facts, { on, explain: false, ...(version !== undefined && { version }), ...(parameters && { parameters }) });
      return { version: d.version, on, inForce: d.inForce, applicable: d.applicable, outcome: d.outcome };
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      if (error.code !== "invalid_facts") return error;
      return { version: version ?? 0, on, rejected: [...((error as PolicyError & { issues: PolicyIssue[] }).issues ?? [])] };
    }
  };

  let n = 0;
  for await (const text of lines) {
    if (pending) await pending;
    pending = undefined;
    n++;
    let value: unknown;
    if (typeof text === "object" && "line" in text) {
      n = text.line;
      report.lines++;
      if (text.error !== undefined) {
        bad(n, text.error);
        continue;
      }
      value = text.value;
    } else if (typeof text !== "string") {
      report.lines++;
      bad(n, lineTooLongMessage(text.maxBytes));
      continue;
    } else {
      const raw = text.trim();
      if (raw === "") continue;
      report.lines++;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        bad(n, `not valid JSON: ${printable((error as Error).message)}`);
        continue;
      }
    }
    if (!isObject(value)) {
      bad(n, 'expected a JSON object of facts, or {"on": "YYYY-MM-DD", "facts": {…}}');
      continue;
    }
    let facts: unknown = value;
    let date = options.on;
    let id: string | undefined;
    if (isWrapped(value)) {
      facts = value["facts"];
      if (value["on"] !== undefined) {
        if (!isIsoDate(value["on"])) {
          bad(n, `"on" must be a date YYYY-MM-DD, got ${JSON.stringify(value["on"])}`);
          continue;
        }
        date = value["on"];
      }
      if (value["id"] !== undefined) id = String(value["id"]);
    }
    const baseOn = baseline ? clampInto(date, baseline) : date;
    const a = run(ruleId, facts, baseOn, baseline?.file.version);
    const b =
      "parameters" in reform
        ? run(ruleId, facts, baseOn, baseline?.file.version, reform.parameters)
        : run(reform.against.file.id, facts, clampInto(date, reform.against), reform.against.file.version);
    if (a instanceof PolicyError || b instanceof PolicyError) {
      bad(n, ((a instanceof PolicyError ? a : b) as PolicyError).message);
      continue;
    }
    if (a.rejected && b.rejected) {
      bad(n, `invalid facts: ${a.rejected.slice(0, 5).map(formatIssue).join("; ")}`);
      continue;
    }
    const fields = compareResults(a, b, types);
    pending = options.onCase?.({ line: n, ...(id !== undefined && { id }), baseline: a, reform: b, fields });
    if (a.rejected) report.rejected.byBaselineOnly++;
    else if (b.rejected) report.rejected.byReformOnly++;
    else report.evaluated++;

    if (eligibilityField && !a.rejected && !b.rejected) {
      const ea = a.outcome?.[eligibilityField] === true;
      const eb = b.outcome?.[eligibilityField] === true;
      if (ea) report.eligibility.baseline++;
      if (eb) report.eligibility.reform++;
      if (!ea && eb) report.eligibility.gained++;
      if (ea && !eb) report.eligibility.lost++;
    }
    for (const field of moneyFields) {
      const va = a.outcome?.[field];
      const vb = b.outcome?.[field];
      if (typeof va !== "string" || typeof vb !== "string" || !DECIMAL_LITERAL.test(va) || !DECIMAL_LITERAL.test(vb)) continue;
      const t = totals[field]!;
      t.base = t.base.plus(va);
      t.reform = t.reform.plus(vb);
      const delta = new Dec(vb).minus(va);
      if (delta.isPositive() && !delta.isZero()) t.increased++;
      if (delta.isNegative() && !delta.isZero()) t.decreased++;
      if (!delta.isZero() && delta.abs().greaterThan(t.largestAbs)) {
        t.largestAbs = delta.abs();
        t.largest = { line: n, ...(id !== undefined && { id }), delta: signed(delta), from: va, to: vb };
      }
    }
    if (fields.length === 0) continue;
    report.changed++;
    if (report.changes.length < options.limit) {
      const where = `line ${n}${id !== undefined ? ` (${id})` : ""}, ${a.on === b.on ? a.on : `${a.on} / ${b.on}`}`;
      report.changes.push({
        line: n,
        ...(id !== undefined && { id }),
        facts,
        baseline: a,
        reform: b,
        fields,
        text: `${where}: ${isObject(facts) ? describeFacts(facts) : JSON.stringify(facts)}: ${fields.map((f) => f.text).join("; ")}`,
      });
    }
  }
  if (pending) await pending;
  for (const [field, t] of Object.entries(totals)) {
    report.amounts[field] = {
      baselineTotal: t.base.toFixed(2),
      reformTotal: t.reform.toFixed(2),
      change: signed(t.reform.minus(t.base)),
      increased: t.increased,
      decreased: t.decreased,
      largest: t.largest,
    };
  }
  return report;
}

function signed(d: Dec): string {
  return `${d.isNegative() && !d.isZero() ? "-" : "+"}${d.abs().toFixed(2)}`;
}

/** An impact report in words. */
export function formatImpact(r: ImpactReport): string {
  const out: string[] = [];
  const reform =
    r.reform.parameters !== undefined
      ? `parameters ${Object.entries(r.reform.parameters).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join(",") : String(v)}`).join(", ")}`
      : `${r.reform.against!.ruleId} v${r.reform.against!.version}, each case evaluated on its date moved into that version's validity`;
  out.push(`Impact on ${r.ruleId}`);
  out.push(`  baseline: ${r.baseline.note}`);
  out.push(`  reform:   ${reform}`);
  out.push(`Cases: ${r.lines} read, ${r.evaluated} evaluated by both, ${r.badLines} bad line${r.badLines === 1 ? "" : "s"}${r.badLineList.length ? ` (line ${r.badLineList.map((b) => b.line).join(", ")}${r.badLines > r.badLineList.length ? ", …" : ""})` : ""}.`);
  if (r.rejected.byBaselineOnly || r.rejected.byReformOnly) {
    out.push(`Facts rejected by the baseline only: ${r.rejected.byBaselineOnly}; by the reform only: ${r.rejected.byReformOnly}.`);
  }
  out.push(`Changed outcome: ${r.changed} case${r.changed === 1 ? "" : "s"}.`);
  const e = r.eligibility;
  if (e.field) {
    out.push(`Eligibility (${e.field}): ${e.gained} become eligible, ${e.lost} lose eligibility (${e.baseline} → ${e.reform} eligible).`);
  }
  for (const [field, a] of Object.entries(r.amounts)) {
    const largest = a.largest ? `; largest change ${sign(a.largest.delta)} yuan on line ${a.largest.line}${a.largest.id !== undefined ? ` (${a.largest.id})` : ""}: ${yuan(a.largest.from)} → ${yuan(a.largest.to)}` : "";
    out.push(`${field}: total ${yuan(a.baselineTotal)} → ${yuan(a.reformTotal)} yuan (${sign(a.change)}); ${a.increased} higher, ${a.decreased} lower${largest}.`);
  }
  if (r.changes.length) {
    out.push(`First ${r.changes.length} changed case${r.changes.length === 1 ? "" : "s"}:`);
    for (const c of r.changes) out.push(`  ${c.text}`);
  }
  return out.join("\n") + "\n";
}

function sign(text: string): string {
  const m = /^([+-])(.*)$/.exec(text);
  return m ? `${m[1]}${groupDigits(m[2]!)}` : text;
}

async function* linesOf(path: string, maxBytes: number): AsyncIterable<string | LineTooLong> {
  let input: NodeJS.ReadableStream;
  if (path === "-") input = process.stdin;
  else {
    let fd: number;
    try {
      fd = openSync(path, "r");
    } catch (error) {
      throw new UsageError(`cannot read ${printable(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} / 无法读取 ${printable(path)}`);
    }
    input = createReadStream("", { fd });
  }
  for await (const l of splitLines(input, maxBytes)) yield l.tooLong ? { tooLong: true, maxBytes } : l.text;
}

/** `impact <ruleId> --cases <file.jsonl|-> (--set name=value … | --against <ruleId>@<v>)`. */
export const impactCommand: Command = {
  summary: "run a file of cases under the rule and under a reform (--set or --against) and report what changes",
  usage: `Usage: jjj-policy-rules impact <ruleId> --cases <file.jsonl | file.csv | -> (--set name=value … | --against <ruleId>@<v>)
                               [--rule-version N] [--on YYYY-MM-DD] [--limit N] [--json]

Runs every case of a JSON-lines file under the baseline and under the reform and reports how many cases
change eligibility (each direction), the total and the largest change of each money amount (exact
decimals), and the first changed cases. The file is read line by line, so it may be large; a bad line
(not JSON, not an object, facts neither side accepts) is reported on stderr with its line number and
the run goes on.

Each line is an object of facts, or {"on": "YYYY-MM-DD", "facts": {…}} (optionally with "id").

Options:
  --cases <file|->        the cases, one JSON object per line ("-" reads stdin)
  --set <name=value>      the reform: other values for the rule's parameters (repeatable)
  --against <ruleId>@<v>  the reform: another version (evaluated on each case's date moved into its validity)
  --rule-version <N>      the baseline: this version (default: the version in force on each case's date)
  --on <YYYY-MM-DD>       the date of cases that give none (default: today in Asia/Shanghai)
  --limit <N>             changed cases to list (default 10)
  --json                  print the report as JSON
${BATCH_FORMAT_HELP.replace("on stdout", "one row per case on stdout\n                        (docs/cli.md#csv), and the report on stderr; default: the report alone")}
  --rules <dir>           use the rules of this folder instead of the shipped ones
  --max-line-bytes <N>    the longest line of --cases (default ${formatBytes(MAX_LINE_BYTES)}); a longer line is a bad line
  --max-rule-file-bytes <N>  the largest rule file under --rules (default ${formatBytes(MAX_RULE_FILE_BYTES)})

Exit codes: 0 the report was printed (bad lines are counted in it); 2 unknown rule, version or parameter, or bad usage.

Example:
  jjj-policy-rules impact sjz-2025/absorption-subsidy --cases contracts.jsonl --set cap=800000 --set lowerBandRate=15%
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      cases: { type: "string" },
      set: { type: "string", multiple: true },
      against: { type: "string" },
      "rule-version": { type: "string" },
      on: { type: "string" },
      limit: { type: "string" },
      json: { type: "boolean" },
      "max-line-bytes": { type: "string" },
      ...BATCH_FORMAT_OPTIONS,
    });
    const maxLineBytes = parseByteLimit(values["max-line-bytes"], "--max-line-bytes", MAX_LINE_BYTES);
    const [ruleId, ...rest] = positionals;
    if (!ruleId) throw new UsageError("impact needs a rule id, e.g. sjz-2025/absorption-subsidy");
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
    if (values.cases === undefined) throw new UsageError("impact needs --cases <file.jsonl | ->");
    const hasSet = (values.set?.length ?? 0) > 0;
    if (hasSet === (values.against !== undefined)) throw new UsageError("give the reform as --set name=value … or as --against <ruleId>@<v> (one of them)");
    if (values.on !== undefined && !isIsoDate(values.on)) throw new UsageError(`--on must be a date YYYY-MM-DD, got "${values.on}"`);
    const limit = parseCount(values.limit, "--limit") ?? 10;
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    const set = engine.ruleSet;
    set.versions(ruleId); // unknown rule: exit 2 before reading the cases
    const baseline = values["rule-version"] !== undefined ? set.version(ruleId, parseVersion(values["rule-version"])) : undefined;
    const on = values.on ?? todayInShanghai();
    let reform: Reform;
    if (hasSet) {
      reform = { parameters: parseParameterAssignments(values.set!, templateVersion(set, ruleId, baseline?.file.version, on)) };
    } else {
      let ref;
      try {
        ref = parseRuleVersionRef(values.against!);
      } catch (error) {
        if (error instanceof InvalidArgumentError) throw new UsageError(error.message);
        throw error;
      }
      reform = { against: set.version(ref.ruleId, ref.version) };
      // Both sides the same version: nothing can change, which a report of 0 changes alone does not say.
      const only = set.versions(ruleId).length === 1;
      if (ref.ruleId === ruleId && (baseline ? baseline.file.version === ref.version : only)) {
        io.stderr(`jjj-policy-rules impact: warning: the reform ${ref.ruleId}@${ref.version} is the baseline's own version, so no case can change (提醒:改革方案与基准为同一版本,任何案例都不会变化)\n`);
      }
    }
    // CSV cases, and the per-case output of --format (the report then goes to stderr): impact-csv.ts.
    const formats = batchFormats(values.cases, values);
    const perCase = values.format !== undefined ? impactCaseWriter(io, formats, [baseline ?? templateVersion(set, ruleId, undefined, on), ...("against" in reform ? [reform.against] : [])]) : undefined;
    if (perCase && values.json) throw new UsageError("--json prints the report; --format prints every case: give one / --json 与 --format 只能选一个");
    if (perCase) await perCase.header();
    const cases = formats.input === "csv" ? impactCsvCases(set, ruleId, baseline, values.cases, maxLineBytes) : linesOf(values.cases, maxLineBytes);
    const report = await runImpact(engine, cases, {
      ...(perCase && { onCase: perCase.write }),
      ruleId,
      ...(baseline && { baseline }),
      reform,
      on,
      limit,
      onBadLine: (line, message) => io.stderr(`jjj-policy-rules impact: line ${line}: ${printable(message)}\n`),
    });
    if (perCase) {
      await perCase.done();
      io.stderr(formatImpact(report));
      return 0;
    }
    io.stdout(values.json ? json(report) : formatImpact(report));
    return 0;
  },
};
