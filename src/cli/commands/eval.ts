import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, parseCommandArgs, parseJson, ruleFolderOptions } from "../args.js";
import { parseParameterAssignments, templateVersion } from "../set-parameters.js";
import { EXIT_SOME_LINES_FAILED, runJsonlBatch } from "../jsonl.js";
import { BATCH_FORMAT_HELP, BATCH_FORMAT_OPTIONS, batchFormats } from "../batch-formats.js";
import type { Goal } from "../../analysis/why-not.js";
// The CSV batch, DuckDB and the analysis of --why-not are imported when used (a plain eval starts faster).
import { MAX_INPUT_BYTES, MAX_LINE_BYTES, MAX_RULE_FILE_BYTES, formatBytes, parseByteLimit, printable } from "../limits.js";

/** `eval <ruleId> --facts <file|-> [--on D] [--rule-version V]`: one decision as JSON. */
export const evalCommand: Command = {
  summary: "evaluate one rule for the facts in a JSON file (or stdin) and print the decision",
  usage: `Usage: jjj-policy-rules eval <ruleId> --facts <file.json | -> [--on YYYY-MM-DD] [--rule-version N] [--set name=value …]
       jjj-policy-rules eval <ruleId> --batch <file.jsonl | file.csv | -> [--format csv|jsonl] [--bom] [same options]

Evaluates one rule for one subject and prints the decision as JSON on stdout (exit 0, eligible or not).
With --batch, evaluates it for every line of a JSON Lines file (one facts object per line) and prints one
decision per line, as JSON Lines, in input order; memory stays bounded whatever the number of lines.
The batch may also be CSV (header row = input names) and the output CSV (one row per decision:
line,ruleId,version,on,inForce,applicable,outcome.<field>…,error.code,error.message).

Options:
  --facts <file|->      the facts, a JSON object of the rule's inputs ("-" reads stdin)
  --batch <file|->      JSON Lines of facts ("-" reads stdin). A line that is not JSON or whose facts are
                        invalid is answered by {"line": N, "error": {"code", "message", "issues"}} (so
                        output line i answers input line i; blank lines are skipped), reported on stderr
                        with its line number, and the run goes on. A progress line is shown on stderr
                        when it is a terminal.
${BATCH_FORMAT_HELP}
  --on <YYYY-MM-DD>     the event date, e.g. the contract date (default: today in Asia/Shanghai)
  --rule-version <N>    use this version of the rule instead of the one in force on --on
  --no-explain          leave out the bilingual explanation
  --output <what>       decision (default): the whole decision; outcome: only its outcome object, e.g.
                        {"eligible":true,"amount":"200000.00"} (one per line with --batch; no explanation
                        is built). An error record of --batch is written in full either way
  --why-not             for a decision that is not eligible, also find the smallest change of each single
                        input that makes it eligible (exact to the fen, unit or day; docs/analysis.md), each
                        with its certificate, the decision on the changed facts: prints
                        {"decision", "reached", "inputs": [...], "nearest"} (not with --batch or --set)
  --goal <goal>         with --why-not, what the change should reach: eligible (default), applicable,
                        next-band (the next band of an amount: 10% → 5% above 1,000,000 …) or cap
  --field <name>        with --why-not, the outcome field of the goal (default: eligible, or the rule's
                        only money field for next-band and cap), e.g. met for a target
  --set <name=value>    what-if: use this value for a parameter (repeatable; rates as 0.15 or 15%,
                        lists comma-separated); an unknown name or a bad value exits 2
  --engine duckdb       with --batch <file.csv|.parquet|.jsonl>: evaluate the whole file in an embedded DuckDB
                        with the rule compiled to SQL (docs/sql.md); prints what --no-explain prints
                        (--format jsonl|csv as above; the file's extension says how to read it)
  --rules <dir>         use the rules of this folder instead of the shipped ones
  --max-input-bytes <N> the largest --facts input (default ${formatBytes(MAX_INPUT_BYTES)}); more exits 2
  --max-line-bytes <N>  the longest --batch line (default ${formatBytes(MAX_LINE_BYTES)}); a longer line gets an
                        error record ("line_too_long") and the run goes on
  --max-rule-file-bytes <N>  the largest rule file under --rules (default ${formatBytes(MAX_RULE_FILE_BYTES)})

Exit codes: 0 a decision was made (with --batch: for every line); 2 unknown rule, invalid facts or bad
arguments; ${EXIT_SOME_LINES_FAILED} with --batch, some lines failed (the others were answered); 1 internal error.

Example:
  echo '{"contractAmount":"3000000","transferMode":"license","sourceRegion":"tianjin","enterpriseCity":"shijiazhuang"}' \\
    | jjj-policy-rules eval sjz-2025/absorption-subsidy --facts - --on 2025-06-01
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      facts: { type: "string" },
      on: { type: "string" },
      "rule-version": { type: "string" },
      "no-explain": { type: "boolean" },
      "why-not": { type: "boolean" },
      goal: { type: "string" },
      field: { type: "string" },
      set: { type: "string", multiple: true },
      batch: { type: "string" },
      output: { type: "string" },
      "max-input-bytes": { type: "string" },
      "max-line-bytes": { type: "string" },
      ...BATCH_FORMAT_OPTIONS,
      engine: { type: "string" },
    });
    const maxInputBytes = parseByteLimit(values["max-input-bytes"], "--max-input-bytes", MAX_INPUT_BYTES);
    const maxLineBytes = parseByteLimit(values["max-line-bytes"], "--max-line-bytes", MAX_LINE_BYTES);
    const [ruleId, ...rest] = positionals;
    if (!ruleId) throw new UsageError("eval needs a rule id, e.g. sjz-2025/absorption-subsidy");
    if (rest.length > 0) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
    if (values.facts !== undefined && values.batch !== undefined) throw new UsageError("give either --facts or --batch, not both");
    if (values.facts === undefined && values.batch === undefined) throw new UsageError("eval needs --facts <file.json | -> or --batch <file.jsonl | ->");
    if (values.batch === undefined && (values["input-format"] !== undefined || values.format !== undefined || values.bom)) throw new UsageError("--input-format, --format and --bom go with --batch / 这些选项须与 --batch 同用");
    if (values["why-not"] && values.batch !== undefined) throw new UsageError("--why-not answers one decision: give --facts, not --batch / --why-not 只用于单个决定(--facts)");
    if (values["why-not"] && values.set?.length) throw new UsageError("--why-not analyses the rule as published: leave out --set / --why-not 不能与 --set 同用");
    if ((values.goal !== undefined || values.field !== undefined) && !values["why-not"]) throw new UsageError("--goal and --field go with --why-not / --goal 与 --field 须与 --why-not 同用");
    const outcomeOnly = parseOutput(values.output);
    if (outcomeOnly && values["why-not"]) throw new UsageError("--why-not prints the decision and the changes: leave out --output / --why-not 不能与 --output 同用");
    const version = values["rule-version"] === undefined ? undefined : parseVersion(values["rule-version"]);
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    engine.ruleSet.versions(ruleId); // an unknown rule is reported before the facts are read
    const parameters = values.set?.length ? parseParameterAssignments(values.set, templateVersion(engine.ruleSet, ruleId, version, values.on)) : undefined;
    const options = {
      ...(values.on !== undefined && { on: values.on }),
      ...(version !== undefined && { version }),
      ...(parameters !== undefined && { parameters }),
      // Only the outcome is written: no explanation is built for it.
      explain: !values["no-explain"] && !outcomeOnly,
    };
    if (values.engine !== undefined) {
      // --engine duckdb: the whole file in an embedded DuckDB (src/cli/batch-duckdb.ts, docs/sql.md).
      if (values.engine !== "duckdb" || values.batch === undefined || values.batch === "-") throw new UsageError("--engine takes duckdb, with --batch <file> (not stdin) / --engine 只能取 duckdb,且须与 --batch <文件> 同用");
      if (values.set?.length) throw new UsageError("--engine duckdb evaluates the rule as published: leave out --set / --engine duckdb 不能与 --set 同用");
      const format = values.format ?? "jsonl";
      if (format !== "jsonl" && format !== "csv") throw new UsageError(`--format must be jsonl or csv, got "${format.slice(0, 40)}" / --format 只能取 jsonl 或 csv`);
      if (values["input-format"] !== undefined || values.bom) throw new UsageError("--engine duckdb reads the file by its extension and writes no BOM: leave out --input-format and --bom / --engine duckdb 按扩展名读取文件,不能与 --input-format、--bom 同用");
      const { runDuckDbBatch } = await import("../batch-duckdb.js");
      return runDuckDbBatch({ ruleId, file: values.batch, format, on: values.on, version, engine, io });
    }
    if (values.batch !== undefined) {
      // Problems of the command itself (a bad date, an unknown version) stop it before any line is read.
      engine.evaluateMany(ruleId, [], options);
      const each = outcomeOnly ? (facts: unknown) => engine.evaluate(ruleId, facts, options).outcome : (facts: unknown) => engine.evaluate(ruleId, facts, options);
      const formats = batchFormats(values.batch, values);
      if (formats.input === "csv" || formats.output === "csv") return (await import("../eval-csv.js")).evalBatch({ engine, ruleId, options, formats, input: values.batch, io, maxLineBytes });
      return runJsonlBatch({ command: "eval", input: values.batch, io, maxLineBytes, each });
    }
    const facts = parseJson(await io.readText(values.facts!, maxInputBytes), values.facts === "-" ? "stdin" : values.facts!);
    if (values["why-not"]) {
      const { whatWouldChange } = await import("../../analysis/why-not.js");
      const whyNot = whatWouldChange(ruleId, facts as Record<string, unknown>, { ...(values.on !== undefined && { on: values.on }), ...(version !== undefined && { version }), goal: (values.goal ?? "eligible") as Goal, ...(values.field !== undefined && { field: values.field }), engine });
      // The decision as eval prints it (with its explanation unless --no-explain); certificates are without.
      io.stdout(json({ ...whyNot, decision: engine.evaluate(ruleId, facts, options) }));
      return 0;
    }
    const decision = engine.evaluate(ruleId, facts, options);
    io.stdout(json(outcomeOnly ? decision.outcome : decision));
    return 0;
  },
};

/** The values of `--output`. */
const OUTPUTS = ["decision", "outcome"];

/** Whether `--output` asks for the outcome only (`outcome`); `decision` or absent: the whole decision. */
function parseOutput(text: string | undefined): boolean {
  if (text === undefined || text === "decision") return false;
  if (text === "outcome") return true;
  throw new UsageError(`--output must be one of ${OUTPUTS.join(", ")}, got ${printable(JSON.stringify(text))} / --output 须为 ${OUTPUTS.join("、")} 之一`);
}

/**
 * Parse a `--rule-version` value: digits only, no leading zero, sign, space, exponent or `v`, and a
 * safe integer (so `9007199254740993` is refused rather than read as …992).
 */
export function parseVersion(text: string): number {
  const n = Number(text);
  if (!/^[1-9][0-9]*$/.test(text) || !Number.isSafeInteger(n)) {
    throw new UsageError(`--rule-version must be a positive whole number such as 2, got ${printable(JSON.stringify(text))} / --rule-version 须为正整数，如 2`);
  }
  return n;
}
