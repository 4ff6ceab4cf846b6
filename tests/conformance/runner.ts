import { readFileSync } from "node:fs";

/**
 * The runner of the shared JsonLogic conformance suites.
 *
 * Values compare strictly ({@link strictEqual}): same types at every level, no coercion, no tolerance;
 * numbers by SameValueZero (`NaN` equals `NaN`, `-0` equals `0`, as JSON cannot tell them apart).
 * compat-tables' own JS runner is lenient (an expected null accepts any falsy value, numbers within 1e-10);
 * not here.
 *
 * Errors: a case that expects `error: {type}` passes only when the implementation throws an error whose
 * message contains that type, case-insensitively: the rule of compat-tables' JS runner. Throwing
 * "Unrecognized operation val" does not pass a case that expects `Invalid Arguments`. With these two rules
 * json-logic-js 2.0.5 scores 782/1,138, as compat-tables publishes for it (results/javascript.json).
 */

const here = (path: string) => new URL(path, import.meta.url);

/** One case of jsonlogic.com `tests.json`: `[rule, data, expected]`. */
export type ClassicCase = [rule: unknown, data: unknown, expected: unknown];

/** The 277 cases of jsonlogic.com `tests.json` (string entries are section comments). */
export function loadClassicCases(): ClassicCase[] {
  const suite = JSON.parse(readFileSync(here("./jsonlogic-com/tests.json"), "utf8")) as unknown[];
  return suite.filter((c): c is ClassicCase => Array.isArray(c));
}

/** One case of the community suite (json-logic/compat-tables). */
export interface CompatCase {
  /** The suite file, relative to `compat-tables/suites/`. */
  suite: string;
  /** The position of the case among the cases of its file (comments not counted), from 0. */
  index: number;
  description: string;
  rule: unknown;
  data?: unknown;
  result?: unknown;
  error?: { type: string };
  decimal?: boolean;
}

/** The suite files listed by `compat-tables/suites/index.json`, in that order. */
export function compatSuiteFiles(): string[] {
  return JSON.parse(readFileSync(here("./compat-tables/suites/index.json"), "utf8")) as string[];
}

/** Every case of every suite file listed in `index.json` (1,138 at ee046c7). */
export function loadCompatCases(): CompatCase[] {
  const out: CompatCase[] = [];
  for (const suite of compatSuiteFiles()) {
    const entries = JSON.parse(readFileSync(here(`./compat-tables/suites/${suite}`), "utf8")) as unknown[];
    let index = 0;
    for (const entry of entries) {
      if (typeof entry === "string") continue;
      out.push({ suite, index: index++, ...(entry as Omit<CompatCase, "suite" | "index">) });
    }
  }
  return out;
}

/** A stable key for a case: `suite#index`. */
export const caseKey = (c: Pick<CompatCase, "suite" | "index">) => `${c.suite}#${c.index}`;

/** What an implementation did with a case: its value, or the message of what it threw. */
export type Outcome = { value: unknown } | { error: string; name: string };

/** Run an implementation on a rule and data (both deep-copied first, so nothing can leak between cases). */
export function attempt(run: (rule: unknown, data: unknown) => unknown, rule: unknown, data: unknown): Outcome {
  try {
    return { value: run(structuredClone(rule), structuredClone(data)) };
  } catch (error) {
    return error instanceof Error ? { error: error.message, name: error.name } : { error: String(error), name: typeof error };
  }
}

/** Whether an outcome passes a community case, compared strictly. */
export function passes(c: CompatCase, outcome: Outcome): boolean {
  if (c.error !== undefined) return "error" in outcome && outcome.error.toLowerCase().includes(c.error.type.toLowerCase());
  if ("error" in outcome) return false;
  return strictEqual(outcome.value, c.result);
}

/** Whether an outcome passes a jsonlogic.com case, compared strictly. */
export function passesClassic(expected: unknown, outcome: Outcome): boolean {
  return "value" in outcome && strictEqual(outcome.value, expected);
}

/** Deep equality without coercion: same type at every level; numbers by SameValueZero; own enumerable keys. */
export function strictEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => strictEqual(x, b[i]));
  }
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return false;
  if (Object.getPrototypeOf(a) !== Object.prototype || Object.getPrototypeOf(b) !== Object.prototype) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && strictEqual((a as any)[k], (b as any)[k]));
}

/** A JSON-safe rendering of an outcome for reports (NaN, Infinity and undefined spelled out). */
export function render(value: unknown): unknown {
  if (value === undefined) return "<undefined>";
  if (typeof value === "number" && !Number.isFinite(value)) return `<${value}>`;
  if (Object.is(value, -0)) return "<-0>";
  if (typeof value === "function") return "<function>";
  if (value !== null && typeof value === "object" && value.constructor?.name === "Decimal") return `<Dec ${String(value)}>`;
  if (Array.isArray(value)) return value.map(render);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, render(v)]));
  }
  return value;
}

/** Score an implementation on the community suite: the passing count and every failing case. */
export function scoreCompat(run: (rule: unknown, data: unknown) => unknown, cases = loadCompatCases()) {
  const failures: { key: string; case: CompatCase; outcome: Outcome }[] = [];
  for (const c of cases) {
    const outcome = attempt(run, c.rule, c.data);
    if (!passes(c, outcome)) failures.push({ key: caseKey(c), case: c, outcome });
  }
  return { total: cases.length, passed: cases.length - failures.length, failures };
}
