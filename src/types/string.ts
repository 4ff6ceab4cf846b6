/** `string`: free text of at most 200 characters, or matching the input's `pattern`. */
import { describeSafely } from "../exact/describe-safely.js";
import { acceptingReader, notScaled, same, textOutcome } from "./numeric.js";
import { INVALID, type ValueTypeRuntime } from "./value-type.js";

/**
 * The longest string fact without a pattern (and with an ASCII-class pattern): 200 characters.
 *
 * @example
 * MAX_STRING_LENGTH //=> 200
 */
export const MAX_STRING_LENGTH = 200;

/**
 * A pattern that is one class of ASCII letters, digits and `_`, `-`, `.` repeated (`^[a-z]+$`,
 * `^[A-Za-z0-9_-]*$`) as a table of allowed character codes; undefined for any other pattern.
 *
 * @example
 * asciiClassPattern("^[a-z]+$")?.min //=> 1
 * asciiClassPattern("^[a-z]{2}$")    //=> undefined
 */
export function asciiClassPattern(pattern: string): { allowed: Uint8Array; min: number } | undefined {
  const m = /^\^\[([A-Za-z0-9_.-]+)\]([+*])\$$/.exec(pattern);
  if (!m) return undefined;
  const body = m[1]!;
  const allowed = new Uint8Array(128);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (body[i + 1] === "-" && i + 2 < body.length) {
      const end = body.charCodeAt(i + 2);
      const isAlnum = (x: number) => (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
      if (!isAlnum(c) || !isAlnum(end) || end < c) return undefined;
      for (let x = c; x <= end; x++) allowed[x] = 1;
      i += 2;
    } else {
      allowed[c] = 1;
    }
  }
  return { allowed, min: m[2] === "+" ? 1 : 0 };
}

/**
 * The `string` value type.
 *
 * @example
 * string.expectation({ type: "string", label, pattern: "^[a-z]+$" }).accept("Abc") //=> undefined
 */
export const string: ValueTypeRuntime<"string"> = {
  name: "string",
  staticType: "string",
  needsValues: false,
  totalled: false,
  numeric: false,
  decimalValue: false,
  scaledOutcome: false,
  fastFormat: "call",
  slot: "plain",
  inline: "text",
  expectation(spec) {
    const pattern = spec.pattern === undefined ? undefined : new RegExp(spec.pattern, "u");
    return {
      expected: pattern ? `a string matching ${spec.pattern}` : `a string of at most ${MAX_STRING_LENGTH} characters`,
      accept: (v) => (typeof v === "string" && v.length <= MAX_STRING_LENGTH && (!pattern || pattern.test(v)) ? v : undefined),
    };
  },
  slotReader(spec, exp) {
    const table = spec.pattern === undefined ? undefined : asciiClassPattern(spec.pattern);
    if (!table) return acceptingReader(exp);
    // `^[a-z]+$` and the like: a character table, the same answers as the regular expression.
    const { allowed, min } = table;
    return {
      kind: "plain",
      read: (v) => {
        if (typeof v !== "string") return INVALID;
        const n = v.length;
        if (n > MAX_STRING_LENGTH || n < min) return INVALID;
        for (let i = 0; i < n; i++) {
          const c = v.charCodeAt(i);
          if (c >= 128 || allowed[c] !== 1) return INVALID;
        }
        return v;
      },
    };
  },
  formatOutcome: textOutcome,
  scaledFormatter: notScaled,
  explainText: (text) => ({ zh: text, en: text }),
  outcomeText: (text) => JSON.stringify(text),
  explainMemo: true,
  defaultBounds: {},
  boundWords: "a string",
  parameterProblem: (spec) => (typeof spec.value === "string" ? undefined : { message: `a string parameter is a string, got ${describeSafely(spec.value)}` }),
  overrideValue: same,
  runtimeValue: same,
};
