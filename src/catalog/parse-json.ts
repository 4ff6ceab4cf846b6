import { RuleFileError } from "../errors.js";
import { MAX_FILE_DEPTH } from "./json-shape.js";

/**
 * The largest rule or document file, in bytes, that {@link parseRuleJson} reads (the largest shipped file
 * is about 29 KB; a rule of 20,000 conditions about 2 MB). Raise it with the `maxBytes` option of
 * `parseRuleJson`; beyond it the file gets a `RuleFileError` with code `too_large`.
 *
 * @category Catalog
 * @example
 * parseRuleJson(bytes, "x/y/v1.json", { maxBytes: 2 * MAX_RULE_FILE_BYTES });
 */
export const MAX_RULE_FILE_BYTES = 4 * 1024 * 1024;

/**
 * Options of {@link parseRuleJson}.
 *
 * @category Catalog
 * @example
 * const options: ParseRuleJsonOptions = { maxBytes: 8 * 1024 * 1024 };
 */
export interface ParseRuleJsonOptions {
  /** The largest file accepted, in bytes. Default {@link MAX_RULE_FILE_BYTES}. */
  maxBytes?: number;
}

/** A leading byte order mark, which some editors write: accepted and dropped, in folders and archives alike. */
const BOM = "\uFEFF";

/**
 * Turn the bytes of a rule or document file into its JSON value, strictly: the bytes must be UTF-8 (a
 * leading byte order mark is dropped), the text one JSON value (RFC 8259: no comments, no trailing commas)
 * with no key twice in one object, nested at most {@link MAX_FILE_DEPTH} levels. Every reader of rule
 * files (folder, tarball) goes through here, so they accept exactly the same files. The value is built by
 * `JSON.parse`, so a key `__proto__` stays an own key (the loader then refuses it by name).
 *
 * @category Catalog
 * @throws {RuleFileError} naming the file, with the line and column of the problem
 * @example
 * parseRuleJson(new TextEncoder().encode('{"a": 1}'), "x/document.json") //=> { a: 1 }
 * parseRuleJson(new TextEncoder().encode('{"a": 1,\n "a": 2}'), "x/document.json")
 * // throws RuleFileError: x/document.json#: line 2, column 2: key "a" appears twice in one object (first on line 1)
 */
export function parseRuleJson(bytes: Uint8Array, path: string, options: ParseRuleJsonOptions = {}): unknown {
  const maxBytes = options.maxBytes ?? MAX_RULE_FILE_BYTES;
  const fail = (code: string, message: string): never => {
    throw new RuleFileError([{ code, path: `${path}#`, message }]);
  };
  if (bytes.length > maxBytes) {
    fail("too_large", `the file has ${bytes.length} bytes, more than ${maxBytes} (MAX_RULE_FILE_BYTES; raise it with the maxBytes option of parseRuleJson)`);
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return fail("invalid_utf8", `the file is not valid UTF-8 (at byte ${firstInvalidUtf8(bytes)})`);
  }
  if (text.startsWith(BOM)) text = text.slice(1);
  const problem = scanJson(text);
  if (problem) fail(problem.code, `line ${problem.line}, column ${problem.column}: ${problem.message}`);
  return JSON.parse(text);
}

/** A problem found by {@link scanJson}, 1-based line and column. */
interface ScanProblem {
  code: "invalid_json" | "duplicate_key" | "too_deep";
  line: number;
  column: number;
  message: string;
}

/**
 * Check that a text is exactly one strict JSON value with no duplicate keys, in one linear pass; nesting
 * beyond {@link MAX_FILE_DEPTH} stops the scan, so the recursion stays shallow. Returns the first problem.
 * Building the value is left to `JSON.parse`, which accepts the same grammar.
 *
 * @example
 * scanJson('{"a": 1}') //=> undefined
 * scanJson('{"a": 1, "a": 2}') //=> { code: "duplicate_key", line: 1, column: 10, message: 'key "a" appears twice in one object (first on line 1)' }
 */
export function scanJson(text: string): ScanProblem | undefined {
  let i = 0;
  let line = 1;
  let lineStart = 0;

  class Stop {
    constructor(readonly problem: ScanProblem) {}
  }
  const stop = (code: ScanProblem["code"], message: string, at = i): never => {
    throw new Stop({ code, line, column: at - lineStart + 1, message });
  };
  const describe = () => (i >= text.length ? "the end of the file" : `${JSON.stringify(text[i])}`);

  const skipSpace = () => {
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        line++;
        lineStart = i + 1;
      } else if (c !== 0x20 && c !== 0x09 && c !== 0x0d) return;
    }
  };

  /** A string starting at the quote at i; returns its value for a key (decoded only when it has escapes). */
  const string = (key = false): string => {
    const start = i++;
    let escaped = false;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22) {
        i++;
        const raw = text.slice(start, i);
        return !key ? "" : escaped ? (JSON.parse(raw) as string) : raw.slice(1, -1);
      }
      if (c < 0x20) stop("invalid_json", "a control character (a raw line break or tab) inside a string; write it as an escape like \\n");
      if (c === 0x5c) {
        escaped = true;
        const e = text[++i];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) stop("invalid_json", "\\u must be followed by four hex digits");
          i += 4;
        } else if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          stop("invalid_json", `invalid escape \\${e ?? ""} in a string`);
        }
      }
    }
    return stop("invalid_json", "a string is not closed", start);
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const LITERALS = ["true", "false", "null"];

  const value = (depth: number): void => {
    skipSpace();
    const c = text[i];
    if (c === "{" || c === "[") {
      if (depth >= MAX_FILE_DEPTH) stop("too_deep", `nested deeper than ${MAX_FILE_DEPTH} levels (MAX_FILE_DEPTH)`);
      i++;
      const close = c === "{" ? "}" : "]";
      const keys = c === "{" ? new Map<string, number>() : undefined;
      skipSpace();
      if (text[i] === close) {
        i++;
        return;
      }
      for (;;) {
        if (keys) {
          skipSpace();
          if (text[i] !== '"') stop("invalid_json", `expected a key in double quotes, found ${describe()}`);
          const keyAt = i;
          const keyLine = line;
          const key = string(true);
          const first = keys.get(key);
          if (first !== undefined) stop("duplicate_key", `key ${JSON.stringify(key)} appears twice in one object (first on line ${first})`, keyAt);
          keys.set(key, keyLine);
          skipSpace();
          if (text[i] !== ":") stop("invalid_json", `expected ":" after a key, found ${describe()}`);
          i++;
        }
        value(depth + 1);
        skipSpace();
        if (text[i] === ",") {
          i++;
          continue;
        }
        if (text[i] === close) {
          i++;
          return;
        }
        stop("invalid_json", `expected "," or "${close}", found ${describe()}`);
      }
    }
    if (c === '"') {
      string();
      return;
    }
    for (const literal of LITERALS) {
      if (text.startsWith(literal, i)) {
        i += literal.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    if ((c === "-" || (c !== undefined && c >= "0" && c <= "9")) && NUMBER.test(text)) {
      i = NUMBER.lastIndex;
      return;
    }
    stop("invalid_json", `expected a JSON value, found ${describe()}`);
  };

  try {
    value(0);
    skipSpace();
    if (i < text.length) stop("invalid_json", `unexpected ${describe()} after the JSON value`);
  } catch (error) {
    if (error instanceof Stop) return error.problem;
    throw error;
  }
  return undefined;
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence, for the message. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  // TextDecoder does not say where; decode one sequence at a time instead (only on this error path).
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    try {
      decoder.decode(bytes.subarray(i, i + n));
    } catch {
      return i;
    }
    i += n;
  }
  return i;
}
