/*
 * evaluate-batch: NDJSON in, NDJSON out, streamed. Lines are read as they arrive (a line longer than the
 * limit is skipped up to its end, never held), each is answered in order by a decision or an error
 * record, and the answer is a pull stream, so a slow reader slows the reading of the body.
 */
import type { Readable } from "node:stream";
import type { Engine } from "../api.js";
import type { EvaluateOptions } from "../engine/evaluate-options.js";
import { PolicyError, type PolicyIssue } from "../errors.js";

/**
 * One input line: its number (1-based, blank lines counted) and its text, or `tooLong` when it passed
 * the limit.
 */
interface Line {
  line: number;
  text?: string;
  tooLong?: boolean;
}

/**
 * The lines of a byte stream, each at most `maxBytes` long (a longer one is reported, not kept).
 *
 * @example
 * for await (const l of ndjsonLines(req, 1 << 20)) console.log(l.line, l.text);
 */
export async function* ndjsonLines(input: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<Line> {
  let parts: Buffer[] = [];
  let size = 0;
  let skipping = false;
  let line = 1;
  for await (const chunk of input) {
    let buf = typeof chunk === "string" ? Buffer.from(chunk) : chunk;
    for (;;) {
      const nl = buf.indexOf(10);
      const piece = nl < 0 ? buf : buf.subarray(0, nl);
      if (!skipping) {
        if (size + piece.length > maxBytes) {
          skipping = true;
          parts = [];
        } else {
          parts.push(piece);
          size += piece.length;
        }
      }
      if (nl < 0) break;
      yield skipping ? { line, tooLong: true } : { line, text: Buffer.concat(parts).toString("utf8") };
      line++;
      parts = [];
      size = 0;
      skipping = false;
      buf = buf.subarray(nl + 1);
    }
  }
  if (skipping) yield { line, tooLong: true };
  else if (size > 0) yield { line, text: Buffer.concat(parts).toString("utf8") };
}

/** What a batch reports as it goes, for the metrics and the decision log. */
export interface BatchHooks {
  decided(decision: ReturnType<Engine["evaluate"]>, facts: unknown): void;
  failed(code: string): void;
}

/**
 * The answer lines of a batch: one JSON line per non-blank input line, a decision or
 * `{ line, error: { code, message, issues } }`; past `maxLines`, one `batch_too_large` record ends it.
 *
 * @example
 * for await (const out of answerBatch(engine, "sjz-2025/absorption-subsidy", options, lines, 100000, hooks)) res.write(out);
 */
export async function* answerBatch(engine: Engine, ruleId: string, options: EvaluateOptions, lines: AsyncIterable<Line>, maxLines: number, hooks: BatchHooks): AsyncGenerator<string> {
  let count = 0;
  for await (const l of lines) {
    if (l.text !== undefined && l.text.trim() === "") continue;
    if (++count > maxLines) {
      hooks.failed("batch_too_large");
      yield record(l.line, "batch_too_large", `more than ${maxLines} lines; the rest was not read (raise maxBatchLines / --max-batch-lines) / 行数超过上限 ${maxLines}，其余未读取`);
      return;
    }
    if (l.tooLong) {
      hooks.failed("line_too_long");
      yield record(l.line, "line_too_long", "the line is longer than the line limit (raise maxBatchLineBytes / --max-line-bytes) / 该行超过长度上限");
      continue;
    }
    let facts: unknown;
    try {
      facts = JSON.parse(l.text!);
    } catch {
      hooks.failed("malformed_json");
      yield record(l.line, "malformed_json", "the line is not JSON / 该行不是 JSON");
      continue;
    }
    try {
      const decision = engine.evaluate(ruleId, facts, options);
      hooks.decided(decision, facts);
      yield `${JSON.stringify(decision)}\n`;
    } catch (error) {
      if (!(error instanceof PolicyError)) throw error;
      hooks.failed(error.code);
      const issues = (error as { issues?: readonly PolicyIssue[] }).issues ?? [];
      yield record(l.line, error.code, error.message, [...issues]);
    }
  }
}

function record(line: number, code: string, message: string, issues: PolicyIssue[] = []): string {
  return `${JSON.stringify({ line, error: { code, message, issues } })}\n`;
}

/** Drain and discard the rest of a request body (after the answer stopped reading it). */
export function discard(body: Readable): void {
  body.resume();
}
