import { describe } from "../exact/decimal.js";
import type { Operation } from "./operation.js";
import { hasOwn } from "./operands.js";

/*
 * References: `var` reads an input, `jjj.param`, `jjj.condition` and `jjj.outcome` read a parameter
 * and earlier results, `jjj.on` the evaluation date. The checker resolves their names against the
 * rule's declarations (logic/check.ts), so their arity and operand are checked there, not here.
 */

/**
 * Read a dotted path from data, json-logic-js style, but through **own** properties only, so
 * `constructor`, `__proto__` or `toString` read as absent instead of leaking functions.
 *
 * @example
 * readVar({ a: { b: 1 } }, "a.b", null) //=> 1
 * readVar({}, "constructor", null) //=> null
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

function lookup(table: Record<string, unknown>, name: unknown, op: string): unknown {
  if (typeof name !== "string" || !hasOwn(table, name)) throw new TypeError(`${op}: unknown name ${describe(name)}`);
  return table[name];
}

const ONE_NAME = { min: 1, max: 1 } as const;

/** `{"var": "contractAmount"}`: a declared input (json-logic-js's `var`, own properties only). */
export const VAR: Operation = {
  name: "var",
  family: "references",
  profile: "allowed",
  arity: ONE_NAME,
  arityChecked: false,
  operands: {},
  result: "any",
  reference: "input",
  evaluate: ([path, notFound], _env, data) => readVar(data, path, notFound),
  text: { style: "reference" },
  symbolic: { kind: "reference" },
  growth: (ctx) => ctx.declared("input", ctx.args[0]),
};

/** `{"jjj.param": "cap"}`: a parameter of the rule version (numeric ones as decimals). */
export const PARAM: Operation = {
  name: "jjj.param",
  family: "references",
  profile: "allowed",
  arity: ONE_NAME,
  arityChecked: false,
  operands: {},
  result: "any",
  reference: "parameter",
  evaluate: ([name], env) => lookup(env.params, name, "jjj.param"),
  text: { style: "reference" },
  symbolic: { kind: "reference" },
  growth: (ctx) => ctx.declared("parameter", ctx.args[0]),
};

/** `{"jjj.condition": "amountAtLeastThreshold"}`: a condition defined before this point. */
export const CONDITION: Operation = {
  name: "jjj.condition",
  family: "references",
  profile: "allowed",
  arity: ONE_NAME,
  arityChecked: false,
  operands: {},
  result: "boolean",
  reference: "condition",
  evaluate: ([name], env) => lookup(env.conditions, name, "jjj.condition"),
  text: { style: "reference" },
  symbolic: { kind: "reference" },
  growth: (ctx) => ctx.scalar,
};

/** `{"jjj.outcome": "eligible"}`: an outcome field defined before this point. */
export const OUTCOME: Operation = {
  name: "jjj.outcome",
  family: "references",
  profile: "allowed",
  arity: ONE_NAME,
  arityChecked: false,
  operands: {},
  result: "any",
  reference: "outcome",
  evaluate: ([name], env) => lookup(env.outcome, name, "jjj.outcome"),
  text: { style: "reference" },
  symbolic: { kind: "reference" },
  growth: (ctx) => ctx.declared("outcome", ctx.args[0]),
};

/** `{"jjj.on": []}`: the evaluation date, `YYYY-MM-DD` (today in Asia/Shanghai unless the caller gives one). */
export const ON: Operation = {
  name: "jjj.on",
  family: "references",
  profile: "allowed",
  arity: { min: 0, max: 0 },
  arityChecked: false,
  operands: {},
  result: "date",
  reference: "evaluationDate",
  check: ({ args, here, problem }) => {
    // `{"jjj.on": null}` is json-logic-js's one operand `null`: read as none.
    if (args.length !== 0 && !(args.length === 1 && args[0] === null)) problem(here, "wrong_arity", "jjj.on takes no operands");
  },
  evaluate: (_args, env) => env.on,
  text: { style: "reference" },
  symbolic: { kind: "reference" },
  growth: (ctx) => ctx.date,
};

/** The references, in the order the registry lists them. */
export const REFERENCES: readonly Operation[] = [VAR, PARAM, CONDITION, OUTCOME, ON];
