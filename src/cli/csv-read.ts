import { parse } from "csv-parse/sync";
import { UsageError } from "./io.js";
import { openInput, splitLines } from "./jsonl.js";
import { MAX_LINE_BYTES, formatBytes, printable } from "./limits.js";

/*
 * CSV for the CLI's batch modes (`eval --batch`, `match --batch`, `impact --cases`): read a file or stdin
 * one record at a time, with the same bounded memory and the same limit as JSON Lines.
 *
 * How: the input is split into physical lines by the JSON Lines splitter (`splitLines`, which holds at
 * most `--max-line-bytes` of a line). A record is the lines up to the first one that does not end inside
 * a quoted cell (RFC 4180: a quote opens a cell at its start, `""` inside is a quote; a line end inside a
 * quoted cell belongs to the cell). Each record, at most `--max-line-bytes` in all, is split into cells
 * by csv-parse (strict: a stray quote is an error). So a record's line number is the physical line where
 * it starts, as for JSON Lines, and a hostile file gets an error row rather than a hang:
 * - a record longer than the limit (or a line within it): an error row, the rest of the record is skipped
 *   as it streams by, without being kept;
 * - an unterminated quote: the record runs to the end of the input; it is skipped as above and reported
 *   as one error row ("unterminated quoted cell") at the line where it starts;
 * - a row with more or fewer cells than the header (100,000 commas): an error row naming both counts.
 * A UTF-8 byte order mark (as Excel writes) before the header is dropped. Blank lines are skipped. A CRLF
 * line end is read as a line end; a CRLF inside a quoted cell is read as `\n`.
 */

/** One record of a CSV file: its first physical line (1-based) and its cells by column, or why it was not read. */
export type CsvRecord =
  | { line: number; cells: Record<string, string>; error?: undefined; code?: undefined }
  | { line: number; cells?: undefined; error: string; code: "line_too_long" | "invalid_csv" };

/**
 * The bilingual message for a record longer than the limit.
 *
 * @example
 * csvRecordTooLongMessage(1 << 20); // "CSV record longer than 1 MiB (the --max-line-bytes limit) …"
 */
export function csvRecordTooLongMessage(maxBytes: number): string {
  return (
    `CSV record longer than ${formatBytes(maxBytes)} (the --max-line-bytes limit); skipped, raise it with --max-line-bytes <bytes> if the record is genuine` +
    ` / 该 CSV 记录超过 ${formatBytes(maxBytes)} 上限（--max-line-bytes），已跳过，如确需读取请用 --max-line-bytes <字节数> 调高`
  );
}

/**
 * Whether a line ends inside a quoted cell, given whether it starts inside one: a quote opens a cell only
 * at the cell's start; inside, `""` is a quote and `"` closes. A stray quote in an unquoted cell (`18"00`)
 * changes nothing here (csv-parse then rejects the record), so it cannot swallow the lines after it.
 */
function endsInsideQuotes(text: string, open: boolean): boolean {
  if (!open && text.indexOf('"') === -1) return false;
  let cellStart = !open;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (open) {
      if (c === 0x22) {
        if (text.charCodeAt(i + 1) === 0x22) i++;
        else open = false;
      }
      continue;
    }
    if (c === 0x22 && cellStart) open = true;
    cellStart = c === 0x2c;
  }
  return open;
}

/** Split one record's text into cells (strict RFC 4180, as csv-parse reads it). */
function cellsOf(text: string): string[] {
  const rows = parse(text, { relax_column_count: true, skip_empty_lines: false, bom: false }) as string[][];
  if (rows.length !== 1) throw new Error(`expected one row, found ${rows.length}`);
  return rows[0]!;
}

/**
 * The records of CSV text given as physical lines: `{ line, text }` per record (its lines joined by `\n`),
 * `{ line, tooLong }` for one past `maxBytes`, `{ line, unterminated }` for a quote still open at the end.
 */
async function* csvRecordTexts(
  input: AsyncIterable<unknown>,
  maxBytes: number,
): AsyncGenerator<{ line: number; text: string } | { line: number; problem: "tooLong" | "unterminated" }> {
  let start = 0;
  let parts: string[] = [];
  let size = 0;
  let open = false; // inside a quoted cell across lines
  let skipping = false; // the record passed the limit: its remaining lines are read and dropped
  let first = true;
  for await (const l of splitLines(input, maxBytes)) {
    let text = l.text;
    if (first && text !== undefined && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    first = false;
    if (parts.length === 0 && !skipping) {
      start = l.line;
      if (text !== undefined && text.trim() === "") continue;
    }
    if (text === undefined) {
      // A physical line past the limit: its quotes are unknown. Treat the record as ending here.
      yield { line: start, problem: "tooLong" };
      parts = [];
      size = 0;
      open = false;
      skipping = false;
      continue;
    }
    open = endsInsideQuotes(text, open);
    if (!skipping) {
      size += Buffer.byteLength(text, "utf8") + (parts.length > 0 ? 1 : 0);
      if (size > maxBytes) {
        skipping = true;
        parts = [];
      } else parts.push(text);
    }
    if (open) continue;
    if (skipping) yield { line: start, problem: "tooLong" };
    else yield { line: start, text: parts.join("\n") };
    parts = [];
    size = 0;
    skipping = false;
  }
  if (open) yield { line: start, problem: "unterminated" };
}

/**
 * Read CSV from a file, or stdin when `path` is `-`: the first non-blank record is the header (the column
 * names: unique, not empty), every later one a record of cells by column name. A record that cannot be
 * read (longer than `maxLineBytes`, a stray or unterminated quote, a cell count other than the header's)
 * gives a record with `error`, and the reading goes on.
 *
 * @throws {UsageError} when the file cannot be opened, or the header is missing, has an empty or repeated name
 * @example
 * for await (const r of readCsvRecords("cases.csv")) if (r.cells) console.log(r.line, r.cells["contractAmount"]);
 */
export async function* readCsvRecords(path: string, stdin: NodeJS.ReadableStream = process.stdin, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<CsvRecord> {
  const { input, close } = await openInput(path, stdin);
  try {
    let header: string[] | undefined;
    for await (const r of csvRecordTexts(input, maxLineBytes)) {
      if ("problem" in r) {
        if (!header) throw new UsageError(`the CSV header (line ${r.line}) cannot be read: ${r.problem === "tooLong" ? csvRecordTooLongMessage(maxLineBytes) : "unterminated quoted cell"} / 无法读取 CSV 表头`);
        yield r.problem === "tooLong"
          ? { line: r.line, error: csvRecordTooLongMessage(maxLineBytes), code: "line_too_long" }
          : { line: r.line, error: `unterminated quoted cell: the quote opened on line ${r.line} is never closed (the rest of the input was skipped) / 引号未闭合`, code: "invalid_csv" };
        continue;
      }
      let cells: string[];
      try {
        cells = cellsOf(r.text);
      } catch (error) {
        if (!header) throw new UsageError(`the CSV header (line ${r.line}) is not valid CSV: ${printable((error as Error).message)} / CSV 表头无效`);
        yield { line: r.line, error: `not valid CSV: ${printable((error as Error).message)}`, code: "invalid_csv" };
        continue;
      }
      if (!header) {
        header = checkHeader(cells, r.line);
        continue;
      }
      if (cells.length !== header.length) {
        yield { line: r.line, error: `the row has ${cells.length} cells, the header has ${header.length} / 该行有 ${cells.length} 个单元格，表头有 ${header.length} 列`, code: "invalid_csv" };
        continue;
      }
      const record: Record<string, string> = Object.create(null);
      for (let i = 0; i < header.length; i++) record[header[i]!] = cells[i]!;
      yield { line: r.line, cells: record };
    }
    if (!header) throw new UsageError("the CSV input has no header row (the first row names the inputs) / CSV 输入缺少表头行");
  } finally {
    await close();
  }
}

function checkHeader(cells: string[], line: number): string[] {
  const names = cells.map((c) => c.trim());
  const seen = new Set<string>();
  for (const name of names) {
    if (name === "") throw new UsageError(`the CSV header (line ${line}) has an empty column name / CSV 表头有空列名`);
    if (seen.has(name)) throw new UsageError(`the CSV header (line ${line}) names ${printable(JSON.stringify(name))} twice / CSV 表头列名重复`);
    seen.add(name);
  }
  return names;
}
