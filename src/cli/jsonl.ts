import { open } from "node:fs/promises";
import type { CliIo } from "./io.js";
import { UsageError } from "./io.js";
import { MAX_LINE_BYTES, formatBytes, printable } from "./limits.js";
import { formatIssue, type PolicyIssue } from "../errors.js";
import { splitLineBatches } from "./line-batches.js";
import { ByteBlock, jsonLineInto, jsonText } from "./json-text.js";

/*
 * JSON Lines for the CLI's batch modes (`eval --batch`, and `match --batch`): read a file or stdin a
 * chunk of lines at a time (bounded memory, whatever the size), run a function on each value, write one JSON
 * line per input line on stdout, report failed lines with their line numbers on stderr, and show a
 * progress line on stderr when it is a terminal.
 *
 * The whole contract, for a command that wants a batch mode:
 *
 *   return runJsonlBatch({
 *     command: "match",
 *     input: values.batch,               // a path, or "-" for stdin
 *     io,
 *     each: (profile) => engine.match(profile, { on }),   // throw to fail this line
 *   });                                 // resolves to the exit code: 0, or 3 when some lines failed
 *
 * Output: line i of stdout answers line i of the input (blank input lines are skipped and answered by
 * nothing). A failed line is answered by `{"line": n, "error": {"code", "message", "issues"?}}`, so
 * the output stays aligned with the input; its message also goes to stderr (the first
 * {@link MAX_ERROR_MESSAGES}, then a count).
 */

/** Exit code of a batch in which some lines failed (the others were answered). */
export const EXIT_SOME_LINES_FAILED = 3;
/**
 * Output of a batch collected before it is written, at most (bytes, plus one answer): the answers of one
 * input chunk leave in one write, or in writes of about this size when they are more.
 */
export const OUTPUT_BLOCK_BYTES = 1 << 20;
/** Failed lines reported one by one on stderr; the rest are counted. */
export const MAX_ERROR_MESSAGES = 1000;

/** One line of input: its number (1-based) and its parsed JSON, or why it is not JSON (or too long). */
export type JsonlRecord =
  | { line: number; value: unknown; error?: undefined; code?: undefined }
  | { line: number; value?: undefined; error: string; code?: "line_too_long" };

/** One line of text: its number (1-based) and its text, or `tooLong` when it passed the limit. */
export type TextLine = { line: number; text: string; tooLong?: undefined } | { line: number; text?: undefined; tooLong: true };

/**
 * The bilingual message for a line longer than the limit.
 *
 * @example
 * lineTooLongMessage(MAX_LINE_BYTES); // "line longer than 1 MiB (the --max-line-bytes limit); skipped, …"
 */
export function lineTooLongMessage(maxBytes: number): string {
  return (
    `line longer than ${formatBytes(maxBytes)} (the --max-line-bytes limit); skipped, raise it with --max-line-bytes <bytes> if the line is genuine` +
    ` / 该行超过 ${formatBytes(maxBytes)} 上限（--max-line-bytes），已跳过，如确需读取请用 --max-line-bytes <字节数> 调高`
  );
}

/**
 * Split a byte stream into lines (at `\n`; a `\r` before it is dropped), holding at most `maxBytes` of a
 * line: a longer line is yielded as `{ tooLong: true }` and the rest of it is skipped as it streams by,
 * without being kept. Memory is bounded by `maxBytes` plus one chunk, whatever the input.
 *
 * @example
 * for await (const l of splitLines(process.stdin, MAX_LINE_BYTES)) if (l.text !== undefined) console.log(l.line, l.text);
 */
export async function* splitLines(input: AsyncIterable<unknown>, maxBytes: number): AsyncGenerator<TextLine> {
  for await (const { first, texts } of splitLineBatches(input, maxBytes)) {
    for (let i = 0; i < texts.length; i++) {
      const text = texts[i]!;
      yield text === null ? { line: first + i, tooLong: true } : { line: first + i, text };
    }
  }
}

/**
 * A batch input as a stream of chunks: a file read 64 KB at a time, or stdin when `path` is `-`, and how
 * to close it. The JSON Lines and CSV readers both open their input here.
 *
 * @throws {UsageError} when the file cannot be opened
 * @example
 * const { input, close } = await openInput("cases.jsonl", process.stdin);
 */
export async function openInput(path: string, stdin: NodeJS.ReadableStream): Promise<{ input: AsyncIterable<unknown>; close: () => Promise<void> }> {
  if (path === "-") return { input: stdin, close: async () => {} };
  let handle;
  try {
    handle = await open(path, "r");
  } catch (error) {
    throw new UsageError(`cannot read ${printable(path)}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} / 无法读取 ${printable(path)}`);
  }
  const opened = handle;
  return { input: opened.createReadStream({ highWaterMark: 1 << 16 }), close: () => opened.close().catch(() => {}) };
}

/**
 * Read JSON Lines from a file, or stdin when `path` is `-`, one record per non-blank line, streaming.
 * A line that is not JSON, or longer than `maxLineBytes` ({@link MAX_LINE_BYTES}), gives a record with
 * `error` (and the reading goes on).
 *
 * @throws {UsageError} when the file cannot be opened
 */
export async function* readJsonLines(path: string, stdin: NodeJS.ReadableStream = process.stdin, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<JsonlRecord> {
  const { input, close } = await openInput(path, stdin);
  try {
    for await (const { first, texts } of splitLineBatches(input, maxLineBytes)) {
      for (let i = 0; i < texts.length; i++) {
        const record = jsonRecord(texts[i]!, first + i, maxLineBytes);
        if (record !== undefined) yield record;
      }
    }
  } finally {
    await close();
  }
}

/** Whether a line is blank (white space only, as `String#trim` sees it): most lines start with `{` and need no trim. */
function blank(text: string): boolean {
  const c = text.charCodeAt(0);
  return !(c > 32 && c < 127) && text.trim() === "";
}

/** The record of one line of JSON Lines (`null`: longer than `maxLineBytes`), or `undefined` for a blank line. */
function jsonRecord(text: string | null, line: number, maxLineBytes: number): JsonlRecord | undefined {
  if (text === null) return { line, error: lineTooLongMessage(maxLineBytes), code: "line_too_long" };
  if (blank(text)) return undefined;
  try {
    return { line, value: JSON.parse(text) };
  } catch (error) {
    return { line, error: `not valid JSON: ${printable((error as Error).message)}` };
  }
}

/**
 * Collects output lines and writes them in chunks of about 64 KB through `write`, and whatever is
 * collected as soon as the process goes idle (a `setImmediate` armed by the first line of a chunk: it
 * runs when the batch waits for more input). A co-process that writes one line and waits for its
 * answer gets it at once; under load the lines of one input chunk still leave in one write. When
 * `write` returns `false` (Node's "buffer full"), the next lines wait for `drain` on `stream`, so a
 * slow reader of stdout never makes the process buffer unboundedly.
 */
export class LineWriter {
  #chunk = "";
  readonly #write: (text: string) => unknown;
  readonly #writeBytes: ((bytes: Uint8Array) => unknown) | undefined;
  readonly #stream: NodeJS.WritableStream | undefined;
  #closed = false;
  /** The flush armed for when the process goes idle, if any. */
  #idle: ReturnType<typeof setImmediate> | undefined;
  /** Set while the stream is full: resolves on `drain` (or when the stream fails). */
  #draining: Promise<void> | undefined;
  readonly #onError = (error: NodeJS.ErrnoException) => {
    // The reader went away (`… | head`): stop writing, quietly, as command-line tools do.
    if (error.code === "EPIPE") this.#closed = true;
    else throw error;
  };
  readonly #flushIdle = () => {
    this.#idle = undefined;
    void this.flush();
  };

  /** `writeBytes`, when given, writes the bytes handed to {@link block} (else they are decoded and written as text). */
  constructor(write: (text: string) => unknown, stream: NodeJS.WritableStream | undefined = process.stdout, writeBytes?: (bytes: Uint8Array) => unknown) {
    this.#write = write;
    this.#writeBytes = writeBytes;
    this.#stream = stream;
    stream?.on("error", this.#onError);
  }

  /** Whether everything written has left the process (the stream holds none of it, nor its buffers). */
  get settled(): boolean {
    return this.#stream === undefined || (this.#stream as { writableLength?: number }).writableLength === 0;
  }

  /** Whether the reader of the stream has gone away (EPIPE): nothing more is written. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Add one line (without its newline). Resolves at once unless the stream is full (then on `drain`). */
  line(text: string): Promise<void> | undefined {
    if (this.#closed) return undefined;
    this.#chunk += text + "\n";
    if (this.#chunk.length >= 1 << 16) return this.flush();
    if (this.#draining) return this.#draining;
    this.#idle ??= setImmediate(this.#flushIdle);
    return undefined;
  }

  /**
   * Write lines now, in one write (`text` is whole lines, each with its `\n`, as text or UTF-8), after any collected by
   * {@link line}: the batch writes what one input chunk answers this way. Resolves at once unless the
   * stream is full (then on `drain`); the caller waits for it before writing more.
   */
  block(text: string | Buffer): Promise<void> | undefined {
    if (this.#closed) return undefined;
    if (this.#idle !== undefined) {
      clearImmediate(this.#idle);
      this.#idle = undefined;
    }
    if (typeof text !== "string" && this.#writeBytes === undefined) text = text.toString("utf8");
    if (typeof text === "string") {
      const all = this.#chunk + text;
      this.#chunk = "";
      if (all !== "") this.#written(this.#write(all));
      return this.#draining;
    }
    if (this.#chunk !== "") {
      this.#write(this.#chunk);
      this.#chunk = "";
    }
    if (text.length > 0) this.#written(this.#writeBytes!(text));
    return this.#draining;
  }

  /** Write what is collected; wait for `drain` if the stream asked for it (or until it closes). */
  async flush(): Promise<void> {
    if (this.#idle !== undefined) {
      clearImmediate(this.#idle);
      this.#idle = undefined;
    }
    if (this.#draining) await this.#draining;
    if (this.#chunk === "" || this.#closed) return;
    const text = this.#chunk;
    this.#chunk = "";
    this.#written(this.#write(text));
    if (this.#draining) await this.#draining;
  }

  /** After a write: when the stream said it is full, the next writes wait for its `drain` (or its end). */
  #written(ok: unknown): void {
    if (ok !== false || !this.#stream || this.#closed || this.#draining) return;
    const stream = this.#stream;
    this.#draining = new Promise<void>((resolve) => {
      const done = () => {
        stream.off("drain", done);
        stream.off("error", done);
        this.#draining = undefined;
        resolve();
      };
      stream.on("drain", done);
      stream.on("error", done);
    });
  }

  /** Stop listening to the stream and drop the idle flush (call {@link flush} first to write what is left). */
  close(): void {
    if (this.#idle !== undefined) clearImmediate(this.#idle);
    this.#idle = undefined;
    this.#stream?.off("error", this.#onError);
  }
}

/**
 * `JSON.stringify(value)`, the same text, faster for decisions: their constant parts (title, source,
 * parameters, validity, provenance, condition results) are deeply frozen objects shared by every
 * decision of a rule version, written once, and each shape of answer is written from a plan
 * (json-text.ts).
 *
 * @example
 * jsonLine({ line: 3, error: { code: "invalid_json" } }); // '{"line":3,"error":{"code":"invalid_json"}}'
 */
export function jsonLine(value: unknown): string {
  return jsonText(value) ?? "null";
}

/** What {@link runJsonlBatch} needs. */
export interface JsonlBatchOptions {
  /** The command, for messages: `eval`, `match`. */
  command: string;
  /** A path, or `-` for stdin. */
  input: string;
  io: CliIo;
  /** The answer for one input value, written as one JSON line. Throw to fail the line. */
  each: (value: unknown, line: number) => unknown;
  /** A one-line description of a failure (default: the error's message, first line). */
  describeError?: (error: unknown) => string;
  /** Show a progress line on stderr (default: when stderr is a terminal). */
  progress?: boolean;
  /** Where stdin comes from (tests). */
  stdin?: NodeJS.ReadableStream;
  /** The longest line, in bytes (default {@link MAX_LINE_BYTES}, `--max-line-bytes`). */
  maxLineBytes?: number;
}

/** One line for stderr: the error's first line, and its issues (`path: message (expected …, received …)`). */
export function describeLineError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const head = error.message.split("\n")[0]!.replace(/:$/, "");
  const issues = (error as { issues?: readonly PolicyIssue[] }).issues;
  if (!issues || issues.length === 0) return head;
  const shown = issues.slice(0, 5).map(formatIssue).join("; ");
  return `${head}: ${shown}${issues.length > 5 ? `; … and ${issues.length - 5} more` : ""}`;
}

/** The JSON answer to a failed line. */
function errorRecord(line: number, error: unknown, code = "invalid_json"): unknown {
  if (error instanceof Error) {
    const issues = (error as { issues?: unknown }).issues;
    const code = (error as { code?: unknown }).code;
    return { line, error: { code: typeof code === "string" ? code : "error", message: error.message, ...(issues !== undefined && { issues }) } };
  }
  return { line, error: { code, message: String(error) } };
}

/**
 * Run a batch over JSON Lines: the function of each line's value is written as a JSON line on stdout,
 * a failed line is answered by an error record and reported on stderr with its line number, and the
 * run goes on. Resolves to the exit code: 0 when every line succeeded, {@link EXIT_SOME_LINES_FAILED}
 * when some failed.
 */
export async function runJsonlBatch(options: JsonlBatchOptions): Promise<number> {
  const { io, command, each } = options;
  const describe = options.describeError ?? describeLineError;
  const progress = options.progress ?? process.stderr.isTTY === true;
  const maxLineBytes = options.maxLineBytes ?? MAX_LINE_BYTES;
  const out = new LineWriter(io.stdout, undefined, io.stdoutBytes);
  let done = 0;
  let failed = 0;
  const started = Date.now();
  let shown = started;
  const block = new ByteBlock();
  /** The error record of a failed line (its message also on stderr), with its line end. */
  const fail = (line: number, error: unknown, message: string, code?: string): string => {
    failed++;
    if (failed <= MAX_ERROR_MESSAGES) io.stderr(`${progress ? "\r\x1b[K" : ""}jjj-policy-rules ${command}: line ${line}: ${printable(message)}\n`);
    return jsonLine(errorRecord(line, error, code)) + "\n";
  };
  let close: (() => Promise<void>) | undefined;
  try {
    const opened = await openInput(options.input, options.stdin ?? process.stdin);
    close = opened.close;
    const input = opened.input;
    // Each chunk of input is answered synchronously and its answers leave in one write; the loop waits
    // only for input and for a full stdout. It stops early, quietly, when the reader of stdout goes
    // away (`… | head`).
    reading: for await (const { first, texts } of splitLineBatches(input, maxLineBytes)) {
      if (out.closed) break;
      for (let i = 0; i < texts.length; i++) {
        const record = jsonRecord(texts[i]!, first + i, maxLineBytes);
        if (record === undefined) continue;
        if (record.error !== undefined) block.text(fail(record.line, record.error, record.error, record.code));
        else {
          let answer: unknown;
          let ok = true;
          try {
            answer = each(record.value, record.line);
          } catch (error) {
            ok = false;
            block.text(fail(record.line, error, describe(error)));
          }
          if (ok) jsonLineInto(answer, block);
        }
        done++;
        if (block.size >= OUTPUT_BLOCK_BYTES) {
          // Many short lines with long answers: written before the chunk ends, so memory stays bounded.
          const full = out.block(block.take());
          if (full) await full;
          if (out.settled) block.release();
          if (out.closed) break reading;
        }
        if (progress && (done & 1023) === 0) {
          const now = Date.now();
          if (now - shown >= 250) {
            shown = now;
            const rate = Math.round((done * 1000) / Math.max(1, now - started));
            io.stderr(`\r\x1b[K${done.toLocaleString("en-US")} lines, ${rate.toLocaleString("en-US")}/s${failed ? `, ${failed.toLocaleString("en-US")} failed` : ""}`);
          }
        }
      }
      const full = out.block(block.take());
      if (full) await full;
      if (out.settled) block.release();
    }
    await out.flush();
    if (progress) io.stderr("\r\x1b[K");
    if (failed > 0) {
      const more = failed > MAX_ERROR_MESSAGES ? ` (the first ${MAX_ERROR_MESSAGES} are listed above; every one has an error record on stdout)` : "";
      io.stderr(`jjj-policy-rules ${command}: ${failed.toLocaleString("en-US")} of ${done.toLocaleString("en-US")} lines failed${more}\n`);
      return EXIT_SOME_LINES_FAILED;
    }
    return 0;
  } finally {
    out.close();
    await close?.();
  }
}
