import { MAX_BUILT_VALUE_SIZE, builtSize, builtTooLarge, checkBuilt } from "../exact/limits.js";
import { isLogic, truthy } from "./truthy.js";

/** An eager operation: receives its evaluated arguments and the current data. */
export type EagerOp = (args: unknown[], data: unknown) => unknown;

const hasOwn = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);

/**
 * Read a dotted path from data, json-logic-js style, but through **own** properties only, so
 * `constructor`, `__proto__` or `toString` read as absent instead of leaking functions.
 */
export function readVar(data: unknown, path: unknown, notFound: unknown): unknown {
  const fallback = notFound === undefined ? null : notFound;
  if (path === undefined || path === "" || path === null) return data;
  const segments = String(path).split(".");
  let current: unknown = data;
  for (const segment of segments) {
    if (current === null || current === undefined) return fallback;
    if (typeof current !== "object" && typeof current !== "string") return fallback;
    if (!hasOwn(Object(current), segment)) return fallback;
    current = (current as Record<string, unknown>)[segment];
    if (current === undefined) return fallback;
  }
  return current;
}

/** The keys among `keys` whose value is null, absent or `""` (json-logic-js `missing`). */
export function missingKeys(keys: unknown[], data: unknown): unknown[] {
  const out: unknown[] = [];
  for (const key of keys) {
    const value = readVar(data, key, undefined);
    if (value === null || value === "") out.push(key);
  }
  return out;
}

/* eslint-disable eqeqeq -- these are json-logic-js's loose operators, reproduced on purpose */
const loose = {
  eq: (a: unknown, b: unknown) => a == b,
  ne: (a: unknown, b: unknown) => a != b,
  // json-logic-js compares with JS relational operators, which coerce; `any` mirrors that exactly.
  lt: (a: any, b: any) => a < b,
  le: (a: any, b: any) => a <= b,
};

/**
 * The eager standard operations with json-logic-js 2.0.5 semantics (coercions included), except that
 * `var` reads own properties only and `log` returns its argument without writing to the console.
 * The lazy ones (`if`, `and`, `or`, iterators) are compiled in `compile.ts`.
 */
export const STANDARD_EAGER_OPS: ReadonlyMap<string, EagerOp> = new Map<string, EagerOp>([
  ["==", ([a, b]) => loose.eq(a, b)],
  ["===", ([a, b]) => a === b],
  ["!=", ([a, b]) => loose.ne(a, b)],
  ["!==", ([a, b]) => a !== b],
  [">", ([a, b]) => loose.lt(b, a)],
  [">=", ([a, b]) => loose.le(b, a)],
  ["<", ([a, b, c]) => (c === undefined ? loose.lt(a, b) : loose.lt(a, b) && loose.lt(b, c))],
  ["<=", ([a, b, c]) => (c === undefined ? loose.le(a, b) : loose.le(a, b) && loose.le(b, c))],
  ["!!", ([a]) => truthy(a)],
  ["!", ([a]) => !truthy(a)],
  ["%", ([a, b]) => (a as number) % (b as number)],
  ["log", ([a]) => a],
  [
    "in",
    ([a, b]) => {
      if (!b || typeof (b as { indexOf?: unknown }).indexOf !== "function") {
        if (b && typeof (b as { indexOf?: unknown }).indexOf !== "undefined") {
          throw new TypeError("in: the second argument has an indexOf that is not a function");
        }
        return false;
      }
      return (b as unknown[]).indexOf(a) !== -1;
    },
  ],
  ["cat", (args) => catBounded(args)],
  [
    "substr",
    ([source, start, end]) => {
      const s = String(source);
      if ((end as number) < 0) {
        const temp = s.substr(start as number);
        return temp.substr(0, temp.length + (end as number));
      }
      return s.substr(start as number, end as number);
    },
  ],
  ["+", (args) => args.reduce<number>((a, b) => parseFloat(a as never) + parseFloat(b as never), 0)],
  [
    "*",
    (args) => {
      if (args.length === 0) throw new TypeError("*: needs at least one argument");
      return args.reduce((a, b) => parseFloat(a as never) * parseFloat(b as never));
    },
  ],
  ["-", ([a, b]) => (b === undefined ? -(a as number) : (a as number) - (b as number))],
  ["/", ([a, b]) => (a as number) / (b as number)],
  ["min", (args) => Math.min(...(args as number[]))],
  ["max", (args) => Math.max(...(args as number[]))],
  ["merge", (args) => checkBuilt(args.reduce<unknown[]>((a, b) => a.concat(b), []), "merge")],
  ["var", ([path, notFound], data) => readVar(data, path, notFound)],
  ["missing", (args, data) => missingKeys(Array.isArray(args[0]) ? args[0] : args, data)],
  [
    "missing_some",
    ([need, options], data) => {
      const keys = options as unknown[];
      const missing = missingKeys(keys, data);
      return keys.length - missing.length >= (need as number) ? [] : missing;
    },
  ],
]);

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

/** The lazy standard operations, compiled specially because they control evaluation. */
export const STANDARD_LAZY_OPS: ReadonlySet<string> = new Set([
  "if",
  "?:",
  "and",
  "or",
  "filter",
  "map",
  "reduce",
  "all",
  "none",
  "some",
]);

export { isLogic, truthy };
