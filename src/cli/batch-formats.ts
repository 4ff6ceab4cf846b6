import { UsageError } from "./io.js";
import { printable } from "./limits.js";

/*
 * The formats of the batch commands (`eval --batch`, `match --batch`, `impact --cases`) and their options:
 * JSON Lines or CSV in, JSON Lines or CSV out. Kept apart from the batch runner (batch-io.ts), which
 * imports the CSV libraries, so that a command reads its options without loading them.
 */

/** A batch format: JSON Lines or CSV. */
export type BatchFormat = "jsonl" | "csv";

/** The input format, the output format and whether to write a byte order mark. */
export interface BatchFormats {
  input: BatchFormat;
  output: BatchFormat;
  /** Write a UTF-8 BOM before the CSV output (Excel then reads it as UTF-8, Chinese included). */
  bom: boolean;
}

/** The command-line options of the formats, for `parseCommandArgs`. */
export const BATCH_FORMAT_OPTIONS = {
  "input-format": { type: "string" },
  format: { type: "string" },
  bom: { type: "boolean" },
} as const;

/** The help lines of the format options. */
export const BATCH_FORMAT_HELP = `  --input-format <f>    csv or jsonl: the input's format (default: from the file's extension, .csv is CSV,
                        anything else JSON Lines; stdin is JSON Lines unless this says csv). CSV: the
                        header row names the inputs; cells are read by each input's declared type
                        (docs/cli.md#csv); an empty cell is an absent input
  --format <f>          jsonl (default) or csv: the output's format, on stdout
  --bom                 with --format csv, start the output with a UTF-8 byte order mark so that Excel
                        reads Chinese text correctly (a BOM at the start of a CSV input is always accepted)`;

function formatOf(text: string, option: string): BatchFormat {
  if (text === "csv" || text === "jsonl") return text;
  throw new UsageError(`${option} must be csv or jsonl, got ${printable(JSON.stringify(text))} / ${option} 须为 csv 或 jsonl`);
}

/**
 * The formats of a batch run, from its input path and options: `--input-format`, else the extension
 * (`.csv` is CSV; `.jsonl`, `.json`, `.ndjson` and anything else JSON Lines, stdin too).
 *
 * @throws {UsageError} for a format other than csv or jsonl, or `--bom` without `--format csv`
 * @example
 * batchFormats("cases.csv", {}) //=> { input: "csv", output: "jsonl", bom: false }
 */
export function batchFormats(input: string, values: { "input-format"?: string | undefined; format?: string | undefined; bom?: boolean | undefined }): BatchFormats {
  const inputFormat = values["input-format"] !== undefined ? formatOf(values["input-format"], "--input-format") : /\.csv$/i.test(input) && input !== "-" ? "csv" : "jsonl";
  const output = values.format !== undefined ? formatOf(values.format, "--format") : "jsonl";
  if (values.bom && output !== "csv") throw new UsageError("--bom goes with --format csv / --bom 须与 --format csv 同用");
  return { input: inputFormat, output, bom: values.bom === true };
}
