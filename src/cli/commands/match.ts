import type { Command } from "../io.js";
import { UsageError } from "../io.js";
import { json, parseCommandArgs, parseJson, ruleFolderOptions } from "../args.js";
import type { RuleKind } from "../../schema/rule-file.js";
import { BATCH_FORMAT_HELP, BATCH_FORMAT_OPTIONS, batchFormats, runBatch } from "../batch-io.js";
import { profileOfRow, setInputTypes } from "../csv-cells.js";
import { MATCH_CSV_COLUMNS, matchCsvErrorRow, matchCsvRows, rankedMatchText, withNearestChanges, type RankedMatchOutput } from "../match-ranked.js";
import { MAX_INPUT_BYTES, MAX_LINE_BYTES, MAX_RULE_FILE_BYTES, formatBytes, parseByteLimit } from "../limits.js";

/** `match --profile p.json [--on D] [--json]`: every measure in force that concerns a subject. */
export const matchCommand: Command = {
  summary: "list every measure in force that concerns a subject profile, with outcomes and missing inputs",
  usage: `Usage: jjj-policy-rules match --profile <file.json | -> [--on YYYY-MM-DD] [--kind K …] [--document D …] [--json]
       jjj-policy-rules match --batch <profiles.jsonl | profiles.csv | -> [--on YYYY-MM-DD] [--format csv|jsonl] [--bom]
       jjj-policy-rules match --batch <profiles.jsonl | .csv | .parquet> --engine duckdb [--on YYYY-MM-DD] [--format csv|jsonl]

Lists every measure in force on the date that concerns the subject described by the profile, with the
outcome where the profile's facts decide it, and otherwise the inputs still missing (so a form knows what
to ask next). Says how benefits combine only where a text does.

Ranked, with a summary first (the exact total of the amounts granted, counts per kind): benefits with an
amount (largest first), other benefits the subject qualifies for, benefits whose facts were rejected,
benefits that need input (fewest missing first), benefits not qualifying (each with the nearest change
that would make it qualify), targets and obligations, guidance.

A profile is a JSON object:
  {
    "type": "enterprise",            enterprise | state-owned-enterprise | university | research-institute |
                                     county-government | city-government | government-unit | researcher |
                                     research-project | intermediary | platform
    "city": "shijiazhuang",          lower-case pinyin (optional)
    "fields": ["biomedicine"],       fields of activity (optional)
    "facts": { "contractAmount": "3000000", "transferMode": "license", "sourceRegion": "tianjin" }
  }

Options:
  --profile <file|->   the profile ("-" reads stdin)
  --on <YYYY-MM-DD>    the date (default: today in Asia/Shanghai)
  --json               print the full result as JSON (default: a readable summary)
  --kind <kind>        only measures of this kind: benefit, target, obligation, guidance (repeatable)
  --document <id>      only measures of this document, e.g. sjz-2025 (repeatable)
  --why-not            for each decided measure that does not apply, or leaves the subject not eligible
                       (a target not met), also give the nearest single change that would (exact, with
                       the engine's decision on the changed facts: docs/analysis.md); in JSON, as
                       "nearestChanges": [{ "ruleId", "goal", "field", "nearest", "changes" }]
  --batch <file|->     match every profile of a JSON Lines or CSV file: one JSON result per line, streamed;
                       a bad line is answered by {"line": N, "error": …} and reported on stderr. CSV
                       columns: type, city, fields (comma-separated), on, and the facts by input name
                       (or facts.<name>); with --format csv, one row per measure (docs/cli.md#csv)
${BATCH_FORMAT_HELP}
  --engine duckdb      with --batch <file.csv|.parquet|.jsonl>: read the file and decide every measure in an
                       embedded DuckDB, by the rules compiled to SQL (the same output; docs/sql.md)
  --rules <dir>        use the rules of this folder instead of the shipped ones
  --max-input-bytes <N>  the largest --profile input (default ${formatBytes(MAX_INPUT_BYTES)}); more exits 2
  --max-line-bytes <N>   the longest --batch line (default ${formatBytes(MAX_LINE_BYTES)}); a longer line gets an
                         error record ("line_too_long") and the run goes on
  --max-rule-file-bytes <N>  the largest rule file under --rules (default ${formatBytes(MAX_RULE_FILE_BYTES)})

Exit codes: 0 matched (even if nothing concerns the subject); 2 invalid profile or usage;
3 (--batch) some lines failed.
`,
  async run(args, io) {
    const { values, positionals } = parseCommandArgs(args, {
      profile: { type: "string" },
      batch: { type: "string" },
      on: { type: "string" },
      json: { type: "boolean" },
      "why-not": { type: "boolean" },
      kind: { type: "string", multiple: true },
      document: { type: "string", multiple: true },
      "max-input-bytes": { type: "string" },
      "max-line-bytes": { type: "string" },
      engine: { type: "string" },
      ...BATCH_FORMAT_OPTIONS,
    });
    const maxInputBytes = parseByteLimit(values["max-input-bytes"], "--max-input-bytes", MAX_INPUT_BYTES);
    const maxLineBytes = parseByteLimit(values["max-line-bytes"], "--max-line-bytes", MAX_LINE_BYTES);
    if (positionals.length > 0) throw new UsageError(`unexpected arguments: ${positionals.join(" ")}`);
    const options = { ...(values.on !== undefined && { on: values.on }), ...(values.kind && { kind: values.kind as RuleKind[] }), ...(values.document && { document: values.document }) };
    if (values.engine !== undefined && (values.engine !== "duckdb" || values.batch === undefined || values.batch === "-")) throw new UsageError("--engine takes duckdb, with --batch <file> (not stdin) / --engine 只能取 duckdb,且须与 --batch <文件> 同用");
    if (values.batch !== undefined) {
      if (values.profile !== undefined) throw new UsageError("give either --profile or --batch, not both");
      const engine = io.engine(values.rules, ruleFolderOptions(values));
      engine.rank({ type: "enterprise" }, options); // a bad date, kind or document stops the run before any line is read
      if (values.engine !== undefined) {
        // --engine duckdb: the file read and every measure decided in an embedded DuckDB (src/cli/match-duckdb.ts, docs/sql.md).
        const format = values.format ?? "jsonl";
        if (format !== "jsonl" && format !== "csv") throw new UsageError(`--format must be jsonl or csv, got "${format.slice(0, 40)}" / --format 只能取 jsonl 或 csv`);
        if (values["input-format"] !== undefined || values.bom) throw new UsageError("--engine duckdb reads the file by its extension and writes no BOM: leave out --input-format and --bom / --engine duckdb 按扩展名读取文件,不能与 --input-format、--bom 同用");
        const { runDuckDbMatch } = await import("../match-duckdb.js");
        return runDuckDbMatch({ file: values.batch, format, on: values.on, kind: options.kind, document: options.document, whyNot: values["why-not"] === true, engine, io });
      }
      // In a batch, the nearest changes (an analysis per measure) only when asked with --why-not.
      const each = (profile: unknown) => (values["why-not"] ? withNearestChanges(engine.rank(profile, options), engine, true) : engine.rank(profile, options));
      const formats = batchFormats(values.batch, values);
      const types = formats.input === "csv" ? setInputTypes(engine.ruleSet) : new Map();
      return runBatch({
        command: "match",
        input: values.batch,
        io,
        formats,
        maxLineBytes,
        fromCsv: (cells) => profileOfRow(cells, types),
        each,
        csv: { header: MATCH_CSV_COLUMNS, rows: (r, line) => matchCsvRows(line, r as RankedMatchOutput), errorRow: matchCsvErrorRow },
      });
    }
    if (values["input-format"] !== undefined || values.format !== undefined || values.bom) throw new UsageError("--input-format, --format and --bom go with --batch / 这些选项须与 --batch 同用");
    if (values.profile === undefined) throw new UsageError("match needs --profile <file.json | -> or --batch <profiles.jsonl | ->");
    const profile = parseJson(await io.readText(values.profile, maxInputBytes), values.profile === "-" ? "stdin" : values.profile);
    const engine = io.engine(values.rules, ruleFolderOptions(values));
    // In words, the nearest change of each benefit that just misses comes unasked; the JSON carries
    // `nearestChanges` only with --why-not, as before.
    const ranked = engine.rank(profile, options);
    const result = values.json && !values["why-not"] ? ranked : withNearestChanges(ranked, engine, values["why-not"] === true);
    io.stdout(values.json ? json(result) : rankedMatchText(result));
    return 0;
  },
};
