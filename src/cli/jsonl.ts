import { open } from "node:fs/promises";
import type { CliIo } from "./io.js";
import { UsageError } from "./io.js";
import { MAX_LINE_BYTES, formatBytes, printable } from "./limits.js";
import { formatIssue, type PolicyIssue } from "../errors.js";

/*
 * JSON Lines for the CLI's batch modes (`eval --batch`, and `match --batch`): read a file or stdin one
 * line at a time (bounded memory, whatever the size), run a function on each value, write one JSON
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
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  let line = 0;
  const take = (): TextLine => {
    line++;
    const out: TextLine = tooLong ? { line, tooLong: true } : { line, text: Buffer.concat(parts, size).toString("utf8").replace(/\r$/, "") };
    parts = [];
    size = 0;
    tooLong = false;
    return out;
  };
  for await (const raw of input) {
    const chunk = typeof raw === "string" ? Buffer.from(raw, "utf8") : (raw as Buffer);
    let start = 0;
    while (start <= chunk.length) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.length : newline;
      if (!tooLong && end > start) {
        if (size + (end - start) > maxBytes) {
          tooLong = true;
          parts = [];
          size = 0;
        } else {
          parts.push(chunk.subarray(start, end));
          size += end - start;
        }
      }
      if (newline === -1) break;
      yield take();
      start = newline + 1;
    }
  }
  if (size > 0 || tooLong) yield take();
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
    for await (const l of splitLines(input, maxLineBytes)) {
      if (l.tooLong) {
        yield { line: l.line, error: lineTooLongMessage(maxLineBytes), code: "line_too_long" };
        continue;
      }
      if (l.text.trim() === "") continue;
      try {
        yield { line: l.line, value: JSON.parse(l.text) };
      } catch (error) {
        yield { line: l.line, error: `not valid JSON: ${printable((error as Error).message)}` };
      }
    }
  } finally {
    await close();
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

  constructor(write: (text: string) => unknown, stream: NodeJS.WritableStream | undefined = process.stdout) {
    this.#write = write;
    this.#stream = stream;
    stream?.on("error", this.#onError);
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
    const ok = this.#write(text);
    if (ok === false && this.#stream && !this.#closed) {
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
      await this.#draining;
    }
  }

  /** Stop listening to the stream and drop the idle flush (call {@link flush} first to write what is left). */
  close(): void {
    if (this.#idle !== undefined) clearImmediate(this.#idle);
    this.#idle = undefined;
    this.#stream?.off("error", this.#onError);
  }
}

const frozenJson = new WeakMap<object, string | null>();

/** Whether a value is deeply frozen (so its JSON text can never change). */
function deeplyFrozen(value: object, depth = 0): boolean {
  if (!Object.isFrozen(value) || depth > 64) return false;
  for (const key of Object.keys(value)) {
    const v = (value as Record<string, unknown>)[key];
    if (typeof v === "object" && v !== null && !deeplyFrozen(v, depth + 1)) return false;
  }
  return true;
}

/**
 * `JSON.stringify(value)`, the same text, faster for decisions: their constant parts (title, source,
 * parameters, validity, provenance, condition results) are deeply frozen objects shared by every
 * decision of a rule version, so their text is computed once and reused.
 */
export function jsonLine(value: unknown): string {
  return stringify(value, 0) ?? "null";
}

function stringify(value: unknown, depth: number): string | undefined {
  if (typeof value !== "object" || value === null) return JSON.stringify(value);
  const proto = Object.getPrototypeOf(value);
  const plain = proto === Object.prototype || proto === null || (Array.isArray(value) && proto === Array.prototype);
  if (!plain || depth > 64 || typeof (value as { toJSON?: unknown }).toJSON === "function") return JSON.stringify(value);
  if (Object.isFrozen(value)) {
    let text = frozenJson.get(value);
    if (text === undefined) {
      text = deeplyFrozen(value) ? JSON.stringify(value) : null;
      frozenJson.set(value, text);
    }
    if (text !== null) return text;
  }
  if (Array.isArray(value)) {
    let out = "[";
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ",";
      out += stringify(value[i], depth + 1) ?? "null";
    }
    return out + "]";
  }
  let out = "{";
  let first = true;
  for (const key of Object.keys(value)) {
    const text = stringify((value as Record<string, unknown>)[key], depth + 1);
    if (text === undefined) continue; // undefined, functions and symbols are left out, as JSON.stringify does
    out += (first ? "" : ",") + JSON.stringify(key) + ":" + text;
    first = false;
  }
  return out + "}";
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
  const out = new LineWriter(io.stdout);
  let done = 0;
  let failed = 0;
  const started = Date.now();
  let shown = started;
  const fail = (line: number, error: unknown, message: string, code?: string) => {
    failed++;
    if (failed <= MAX_ERROR_MESSAGES) io.stderr(`${progress ? "\r\x1b[K" : ""}jjj-policy-rules ${command}: line ${line}: ${printable(message)}\n`);
    return out.line(jsonLine(errorRecord(line, error, code)));
  };
  try {
    // The loop stops early, quietly, when the reader of stdout goes away (`… | head`).
    for await (const record of readJsonLines(options.input, options.stdin, options.maxLineBytes)) {
      if (out.closed) break;
      let wait: Promise<void> | undefined;
      if (record.error !== undefined) wait = fail(record.line, record.error, record.error, record.code);
      else {
        let answer: unknown;
        let ok = true;
        try {
          answer = each(record.value, record.line);
        } catch (error) {
          ok = false;
          wait = fail(record.line, error, describe(error));
        }
        if (ok) wait = out.line(jsonLine(answer));
      }
      if (wait) await wait;
      done++;
      if (progress && (done & 1023) === 0) {
        const now = Date.now();
        if (now - shown >= 250) {
          shown = now;
          const rate = Math.round((done * 1000) / Math.max(1, now - started));
          io.stderr(`\r\x1b[K${done.toLocaleString("en-US")} lines, ${rate.toLocaleString("en-US")}/s${failed ? `, ${failed.toLocaleString("en-US")} failed` : ""}`);
        }
      }
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
  }
}
