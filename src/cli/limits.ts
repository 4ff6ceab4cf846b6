import { UsageError } from "./io.js";

/*
 * The CLI's input limits, in one place. Each bounds the memory or time a hostile input can take; each is
 * named in the error it gives, with the option that raises it (where one does).
 */

/**
 * Largest `--facts` or `--profile` input (a file or stdin), in bytes: 16 MiB. Facts of one subject are a
 * few hundred bytes. Raise it with `--max-input-bytes <N>`.
 *
 * @example
 * MAX_INPUT_BYTES; // 16777216
 */
export const MAX_INPUT_BYTES = 16 * 1024 * 1024;

/**
 * Longest line of a JSON Lines input (`eval --batch`, `match --batch`, `impact --cases`), in bytes: 1 MiB.
 * A longer line is answered by an error record (or counted as a bad line) and the run goes on; the rest
 * of the line is skipped without being held in memory. Raise it with `--max-line-bytes <N>`.
 *
 * @example
 * MAX_LINE_BYTES; // 1048576
 */
export const MAX_LINE_BYTES = 1024 * 1024;

// The largest rule file is the library's limit (one constant); the CLI raises it with --max-rule-file-bytes.
import { MAX_RULE_FILE_BYTES } from "../catalog/parse-json.js";
export { MAX_RULE_FILE_BYTES };

/** The byte limits a command was given (the defaults above, or the values of their options). */
export interface InputLimits {
  /** See {@link MAX_INPUT_BYTES}. */
  inputBytes: number;
  /** See {@link MAX_LINE_BYTES}. */
  lineBytes: number;
  /** See {@link MAX_RULE_FILE_BYTES}. */
  ruleFileBytes: number;
}

/**
 * The default limits.
 *
 * @example
 * DEFAULT_LIMITS.lineBytes; // 1048576
 */
export const DEFAULT_LIMITS: Readonly<InputLimits> = Object.freeze({
  inputBytes: MAX_INPUT_BYTES,
  lineBytes: MAX_LINE_BYTES,
  ruleFileBytes: MAX_RULE_FILE_BYTES,
});

/**
 * The value of a `--max-…-bytes` option: a whole number of bytes, at least 1, within safe integers.
 *
 * @example
 * parseByteLimit("1048576", "--max-line-bytes", MAX_LINE_BYTES); // 1048576
 * parseByteLimit(undefined, "--max-line-bytes", MAX_LINE_BYTES); // MAX_LINE_BYTES
 */
export function parseByteLimit(text: string | undefined, option: string, fallback: number): number {
  if (text === undefined) return fallback;
  const n = Number(text);
  if (!/^[1-9][0-9]*$/.test(text) || !Number.isSafeInteger(n)) {
    throw new UsageError(`${option} must be a whole number of bytes, at least 1, got ${printable(JSON.stringify(text))} / ${option} 须为正整数（字节数）`);
  }
  return n;
}

/**
 * A size for people: `16 MiB`, `1 MiB`, `512 bytes`.
 *
 * @example
 * formatBytes(16 * 1024 * 1024); // "16 MiB"
 */
export function formatBytes(n: number): string {
  if (n >= 1024 * 1024 && n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n >= 1024 && n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

/**
 * Text safe to print on a terminal: control characters (except newline and tab) are written as
 * `\u00XX`, so a hostile file name or file content quoted in an error cannot move the cursor, ring
 * the bell or hide text.
 *
 * @example
 * printable("a\u0000b\u001b[2J"); // "a\\u0000b\\u001b[2J"
 */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
