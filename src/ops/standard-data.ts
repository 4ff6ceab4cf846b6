import type { Compiled, CompileForm, Operation } from "./operation.js";
import { testGrowth } from "./operands.js";
import { readVar } from "./references.js";
import { truthy } from "./truthy.js";

/*
 * json-logic-js 2.0.5's operations that the rule profile rejects: `log`, `method`, `missing`,
 * `missing_some` and the iterators over data. Rule files may not use them (the checker says why);
 * the reference compiler still evaluates them with json-logic-js semantics for the conformance suite.
 */

function evalAll(parts: Compiled[], data: unknown, env: Parameters<Compiled>[1]): unknown[] {
  const out = new Array<unknown>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = parts[i]!(data, env);
  return out;
}

function rejected(name: string, reason: string, form: Pick<Operation, "evaluate"> | Pick<Operation, "compile">): Operation {
  return {
    name,
    family: "rejected standard operations",
    profile: { rejected: reason },
    arity: { min: 0, max: Infinity },
    arityChecked: false,
    operands: {},
    result: "any",
    ...form,
    text: { style: "call", name: { en: name } },
    growth: testGrowth,
  };
}

/** `log`: returns its operand (json-logic-js also writes it to the console; this does not). */
export const LOG: Operation = rejected("log", "`log` writes to the console from data; rule files may not use it", { evaluate: ([a]) => a });

/** `method`: never evaluated; it throws when reached, as json-logic-js throws on an operation it does not know. */
export const METHOD: Operation = rejected(
  "method",
  "`method` calls functions on data and allowed code execution (json-logic-js advisory 1542); it is never allowed",
  {
    compile: () => () => {
      throw new Error("Unrecognized operation method");
    },
  },
);

/**
 * The keys among `keys` whose value is null, absent or `""` (json-logic-js `missing` over plain keys).
 *
 * @example
 * missingKeys(["a", "b"], { a: "", b: 0 }) //=> ["a"]
 */
export function missingKeys(keys: unknown[], data: unknown): unknown[] {
  const out: unknown[] = [];
  for (const key of keys) {
    const value = readVar(data, key, undefined);
    if (value === null || value === "") out.push(key);
  }
  return out;
}

/**
 * `missing`, as json-logic-js does it: the keys (the first argument if it is a list, else all of them)
 * whose `{"var": key}`, applied as logic, is null or "".
 */
const compileMissing: CompileForm = (args, compile) => {
  const parts = args.map(compile);
  return (data, env) => {
    const values = evalAll(parts, data, env);
    const keys = Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    const out: unknown[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = compile({ var: key })(data, env);
      if (value === null || value === "") out.push(key);
    }
    return out;
  };
};

const REQUIRED = "is not needed: required inputs are enforced by the input schema";
/** `missing`: rejected; json-logic-js semantics. */
export const MISSING: Operation = rejected("missing", `\`missing\` ${REQUIRED}`, { compile: compileMissing });
/** `missing_some`: rejected; json-logic-js semantics. */
export const MISSING_SOME: Operation = rejected("missing_some", `\`missing_some\` ${REQUIRED}`, {
  compile: (args, compile) => {
    const parts = args.map(compile);
    return (data, env) => {
      const [need, options] = evalAll(parts, data, env);
      // json-logic-js applies {"missing": options} as logic again, then reads options.length.
      const areMissing = compile({ missing: options })(data, env) as unknown[];
      return (options as { length: number }).length - areMissing.length >= (need as number) ? [] : areMissing;
    };
  },
});

const ITERATION = "iteration over data is not part of the rule profile";

function iterator(name: "filter" | "map" | "all" | "none" | "some"): Operation {
  return rejected(name, ITERATION, {
    compile: (args, compile) => {
      const source = compile(args[0]);
      const body = compile(args[1]);
      return (data, env) => {
        const items = source(data, env);
        if (!Array.isArray(items)) return name === "filter" || name === "map" ? [] : name === "none";
        switch (name) {
          case "filter":
            return items.filter((item) => truthy(body(item, env)));
          case "map":
            return items.map((item) => body(item, env));
          case "all":
            if (items.length === 0) return false;
            return items.every((item) => truthy(body(item, env)));
          case "none":
            return !items.some((item) => truthy(body(item, env)));
          default:
            return items.some((item) => truthy(body(item, env)));
        }
      };
    },
  });
}

/** The iterators: rejected; json-logic-js semantics (`{"var": ""}` in the body is the item). */
export const FILTER: Operation = iterator("filter");
export const MAP: Operation = iterator("map");
export const ALL: Operation = iterator("all");
export const NONE: Operation = iterator("none");
export const SOME: Operation = iterator("some");
/** `reduce [list, body, initial]`: the body sees `{current, accumulator}`. */
export const REDUCE: Operation = rejected("reduce", ITERATION, {
  compile: (args, compile) => {
    const source = compile(args[0]);
    const body = compile(args[1]);
    const initial = args[2] === undefined ? undefined : compile(args[2]);
    return (data, env) => {
      const items = source(data, env);
      const start = initial ? initial(data, env) : null;
      if (!Array.isArray(items)) return start;
      return items.reduce((accumulator, current) => body({ current, accumulator }, env), start);
    };
  },
});

/** The rejected standard operations, in the order the registry lists them. */
export const STANDARD_REJECTED: readonly Operation[] = [LOG, METHOD, MISSING, MISSING_SOME, FILTER, MAP, REDUCE, ALL, NONE, SOME];
