import { stringify } from "csv-stringify/sync";
import type { CliIo } from "./io.js";
import { EXIT_SOME_LINES_FAILED, LineWriter, MAX_ERROR_MESSAGES, describeLineError, jsonLine, readJsonLines, runJsonlBatch } from "./jsonl.js";
import { readCsvRecords } from "./csv-read.js";
import { printable } from "./limits.js";

/*
 * The formats of the batch commands (`eval --batch`, `match --batch`, `impact --cases`): JSON Lines or CSV
 * in, JSON Lines or CSV out. JSON Lines in and out is the JSON Lines batch itself (jsonl.ts, unchanged);
 * any CSV side goes through `runBatch` here, which keeps its contract: one answer per input record in
 * input order, a failed record answered by an error record or row with its line number (and reported on
 * stderr), bounded memory, exit 3 when some failed.
 */

// The formats and their options live in batch-formats.ts (no CSV library: `eval` imports them at start).
export { BATCH_FORMAT_HELP, BATCH_FORMAT_OPTIONS, batchFormats, type BatchFormat, type BatchFormats } from "./batch-formats.js";
import type { BatchFormat, BatchFormats } from "./batch-formats.js";

/** One input record of a batch: its line and value, or why it could not be read. */
export type BatchRecord = { line: number; value: unknown; error?: undefined; code?: undefined } | { line: number; value?: undefined; error: string; code: string };

/**
 * The records of a batch input, JSON Lines or CSV (each CSV row turned into a value by `fromCsv`).
 *
 * @example
 * for await (const r of readBatchRecords("cases.csv", "csv", (cells) => cells)) console.log(r.line, r.value ?? r.error);
 */
export async function* readBatchRecords(
  input: string,
  format: BatchFormat,
  fromCsv: (cells: Record<string, string>, line: number) => unknown,
  stdin?: NodeJS.ReadableStream,
  maxLineBytes?: number,
): AsyncGenerator<BatchRecord> {
  if (format === "jsonl") {
    for await (const r of readJsonLines(input, stdin, maxLineBytes)) {
      yield r.error !== undefined ? { line: r.line, error: r.error, code: r.code ?? "invalid_json" } : { line: r.line, value: r.value };
    }
    return;
  }
  for await (const r of readCsvRecords(input, stdin, maxLineBytes)) {
    yield r.error !== undefined ? { line: r.line, error: r.error, code: r.code } : { line: r.line, value: fromCsv(r.cells, r.line) };
  }
}

/** A plain decimal, signed or not: a spreadsheet reads it as the number it is. */
const SIGNED_DECIMAL = /^[+-]?\d+(\.\d+)?$/;

/**
 * A cell as a spreadsheet should read it: text that starts like a formula (`=`, `+`, `-`, `@`, a tab or a
 * carriage return) gets a leading `'`, so that Excel, LibreOffice and Google Sheets show it as text instead
 * of running it (CSV injection: an `id` of `=HYPERLINK(…)` echoed from a cases file). Signed decimals
 * (`-40000.01`, `+0.00`) stay as they are: they are numbers, and an amount must stay exact. csv-stringify's
 * `escape_formulas` quotes every string that starts with `-`, amounts too, hence this rule.
 *
 * @example
 * spreadsheetSafe("=1+2")      //=> "'=1+2"
 * spreadsheetSafe("-40000.01") //=> "-40000.01"
 * spreadsheetSafe("140000.00") //=> "140000.00"
 */
export function spreadsheetSafe(cell: string): string {
  const first = cell.charCodeAt(0);
  // = + - @ TAB CR
  if (first !== 61 && first !== 43 && first !== 45 && first !== 64 && first !== 9 && first !== 13) return cell;
  return SIGNED_DECIMAL.test(cell) ? cell : `'${cell}`;
}

/**
 * One row as CSV text, without its line end (cells quoted where they hold a comma, a quote, a line feed or a
 * carriage return, and made {@link spreadsheetSafe}).
 *
 * @example
 * csvRow(["1", 'a "b", c']) //=> '1,"a ""b"", c"'
 * csvRow(["2", "=cmd|' /C calc'!A0"]) //=> `2,'=cmd|' /C calc'!A0`
 */
export function csvRow(cells: readonly string[]): string {
  // csv-stringify quotes a cell holding "\n" but not one holding a lone "\r", which readers (csv-parse,
  // Excel) take as a line end: such a cell would split its row.
  return stringify([cells.map(spreadsheetSafe)], { record_delimiter: "unix", quoted_match: /\r/ }).replace(/\n$/, "");
}

/** The CSV side of a batch's output: its header and the rows of one answer or failure. */
export interface CsvOutput {
  header: readonly string[];
  /** The rows answering one input record (one for eval, one per measure for match). */
  rows: (answer: unknown, line: number) => readonly (readonly string[])[];
  /** The row of a failed input record. */
  errorRow: (line: number, code: string, message: string) => readonly string[];
}

/** What {@link runBatch} needs. */
export interface BatchOptions {
  command: string;
  input: string;
  io: CliIo;
  formats: BatchFormats;
  /** The value one CSV row stands for (the facts, the profile). */
  fromCsv: (cells: Record<string, string>, line: number) => unknown;
  /** The answer for one value. Throw to fail the record. */
  each: (value: unknown, line: number) => unknown;
  /** How answers are written as CSV. */
  csv: CsvOutput;
  stdin?: NodeJS.ReadableStream;
  maxLineBytes?: number;
}

/** The error code and the one-line message of a failed record. */
function failure(error: unknown): { code: string; message: string } {
  const code = error instanceof Error ? (error as { code?: unknown }).code : undefined;
  // An error without issues keeps its details on later lines of its message ("invalid profile:\n  - type: …").
  const flat = error instanceof Error && (error as { issues?: unknown }).issues === undefined ? error.message.split("\n").map((l) => l.trim()).filter(Boolean).join(" ") : describeLineError(error);
  return { code: typeof code === "string" ? code : "error", message: flat };
}

/** The JSON answer to a failed record, the same as the JSON Lines batch writes. */
function errorRecord(line: number, error: unknown, code: string): unknown {
  if (error instanceof Error) {
    const issues = (error as { issues?: unknown }).issues;
    const own = (error as { code?: unknown }).code;
    return { line, error: { code: typeof own === "string" ? own : "error", message: error.message, ...(issues !== undefined && { issues }) } };
  }
  return { line, error: { code, message: String(error) } };
}

/**
 * Run a batch in any of the formats: JSON Lines in and out is {@link runJsonlBatch}; otherwise records are
 * read (JSON Lines or CSV), answered by `each`, and written as JSON lines or CSV rows in input order; a
 * failed record gets an error record (JSON Lines) or error row (CSV) with its line number and a line on
 * stderr. Resolves to 0, or {@link EXIT_SOME_LINES_FAILED} when some records failed.
 *
 * @example
 * return runBatch({ command: "eval", input: "cases.csv", io, formats, fromCsv, each, csv });
 */
export async function runBatch(options: BatchOptions): Promise<number> {
  const { io, command, formats } = options;
  if (formats.input === "jsonl" && formats.output === "jsonl") {
    return runJsonlBatch({ command, input: options.input, io, each: options.each, ...(options.stdin && { stdin: options.stdin }), ...(options.maxLineBytes !== undefined && { maxLineBytes: options.maxLineBytes }) });
  }
  const out = new LineWriter(io.stdout);
  const csv = formats.output === "csv";
  let done = 0;
  let failed = 0;
  const fail = (line: number, error: unknown, code: string) => {
    failed++;
    const f = typeof error === "string" ? { code, message: error } : failure(error);
    if (failed <= MAX_ERROR_MESSAGES) io.stderr(`jjj-policy-rules ${command}: line ${line}: ${printable(f.message)}\n`);
    return out.line(csv ? csvRow(options.csv.errorRow(line, f.code, f.message)) : jsonLine(errorRecord(line, error, code)));
  };
  try {
    if (csv) await out.line((formats.bom ? "\ufeff" : "") + csvRow(options.csv.header));
    for await (const record of readBatchRecords(options.input, formats.input, options.fromCsv, options.stdin, options.maxLineBytes)) {
      if (out.closed) break;
      let wait: Promise<void> | undefined;
      if (record.error !== undefined) wait = fail(record.line, record.error, record.code);
      else {
        let answer: unknown;
        let ok = true;
        try {
          answer = options.each(record.value, record.line);
        } catch (error) {
          ok = false;
          wait = fail(record.line, error, "error");
        }
        if (ok) {
          if (!csv) wait = out.line(jsonLine(answer));
          else for (const row of options.csv.rows(answer, record.line)) wait = (await wait, out.line(csvRow(row)));
        }
      }
      if (wait) await wait;
      done++;
    }
    await out.flush();
    if (failed > 0) {
      const more = failed > MAX_ERROR_MESSAGES ? ` (the first ${MAX_ERROR_MESSAGES} are listed above; every one has an error ${csv ? "row" : "record"} on stdout)` : "";
      io.stderr(`jjj-policy-rules ${command}: ${failed.toLocaleString("en-US")} of ${done.toLocaleString("en-US")} ${formats.input === "csv" ? "rows" : "lines"} failed${more}\n`);
      return EXIT_SOME_LINES_FAILED;
    }
    return 0;
  } finally {
    out.close();
  }
}
