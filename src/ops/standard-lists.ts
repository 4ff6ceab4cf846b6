import { MAX_BUILT_VALUE_SIZE, builtSize, builtTooLarge, checkBuilt } from "../exact/limits.js";
import { PRECEDENCE, type Operation } from "./operation.js";
import { testGrowth } from "./operands.js";

/* json-logic-js 2.0.5's operations on text and lists: `in`, `cat`, `substr`, `merge`. */

/** `{"in": [a, list]}`: whether the list holds a (`===`); the rule profile refuses `in` on a string (substring test). */
export const IN: Operation = {
  name: "in",
  family: "text and lists",
  profile: "allowed",
  arity: { min: 2, max: 2 },
  operands: {},
  result: "boolean",
  check: ({ types, at, problem }) => {
    if (types[1] !== "array") {
      problem(at(1), "in_on_string", `"in" needs a list (a literal array or an enumList input); on a string it tests substrings ("" is in everything)`);
    }
  },
  evaluate: ([a, b]) => {
    if (!b || typeof (b as { indexOf?: unknown }).indexOf !== "function") {
      if (b && typeof (b as { indexOf?: unknown }).indexOf !== "undefined") {
        throw new TypeError("in: the second argument has an indexOf that is not a function");
      }
      return false;
    }
    return (b as unknown[]).indexOf(a) !== -1;
  },
  fast: "membership",
  symbolic: { kind: "membership" },
  text: { style: "binary", symbol: { en: "IN", zh: "属于" }, prec: PRECEDENCE.in, leftTighter: true },
  growth: testGrowth,
};

/**
 * `cat`: the arguments' texts joined, measured first so that a string doubling field after field
 * stops at MAX_BUILT_VALUE_SIZE (limits.ts) instead of exhausting memory.
 */
function catBounded(args: unknown[]): string {
  let left = MAX_BUILT_VALUE_SIZE;
  for (const arg of args) {
    left -= typeof arg === "string" ? arg.length : builtSize(arg, left);
    if (left < 0) throw builtTooLarge("cat");
  }
  return args.join("");
}

/** `{"cat": [a, …]}`: the operands' texts joined. */
export const CAT: Operation = {
  name: "cat",
  family: "text and lists",
  profile: "allowed",
  arity: { min: 0, max: Infinity },
  arityChecked: false,
  operands: {},
  result: "string",
  evaluate: (args) => catBounded(args),
  text: { style: "call", name: { en: "cat" } },
  symbolic: { kind: "none", why: { en: "it builds text or lists, not numbers", zh: "它构造文本或列表,而非数值" } },
  growth: ({ operands, anyUnknown, unknown, built }) =>
    anyUnknown ? unknown : built({ int: 0, frac: 0, size: operands.reduce((n, x) => n + Math.max(x.size, x.int + x.frac + 2), 0) }),
};

/** `{"substr": [text, start, length]}`: json-logic-js's substring (a negative length counts from the end). */
export const SUBSTR: Operation = {
  name: "substr",
  family: "text and lists",
  profile: "allowed",
  arity: { min: 2, max: 3 },
  arityChecked: false,
  operands: {},
  result: "string",
  evaluate: ([source, start, end]) => {
    const s = String(source);
    if ((end as number) < 0) {
      const temp = s.substr(start as number);
      return temp.substr(0, temp.length + (end as number));
    }
    return s.substr(start as number, end as number);
  },
  text: { style: "call", name: { en: "substr" } },
  symbolic: { kind: "none", why: { en: "it builds text or lists, not numbers", zh: "它构造文本或列表,而非数值" } },
  growth: ({ operands, anyUnknown, unknown }) => (anyUnknown ? unknown : { int: 0, frac: 0, size: operands[0]!.size }),
};

/** `{"merge": [a, …]}`: the operands' lists flattened one level, measured against MAX_BUILT_VALUE_SIZE. */
export const MERGE: Operation = {
  name: "merge",
  family: "text and lists",
  profile: "allowed",
  arity: { min: 0, max: Infinity },
  arityChecked: false,
  operands: {},
  result: "array",
  evaluate: (args) => checkBuilt(args.reduce<unknown[]>((a, b) => a.concat(b), []), "merge"),
  text: { style: "call", name: { en: "merge" } },
  symbolic: { kind: "none", why: { en: "it builds text or lists, not numbers", zh: "它构造文本或列表,而非数值" } },
  growth: ({ operands, anyUnknown, unknown, built }) =>
    anyUnknown ? unknown : built({ int: 0, frac: 0, size: operands.reduce((n, x) => n + Math.max(x.size, x.int + x.frac + 2) + 1, 1) }),
};

/** Text and list operations, in the order the registry lists them. */
export const STANDARD_LISTS: readonly Operation[] = [IN, CAT, SUBSTR, MERGE];
