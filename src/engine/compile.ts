import { ENGINE_OPS, type EvalEnv } from "./jjj-ops.js";
import { checkBuilt } from "../exact/limits.js";
import { STANDARD_EAGER_OPS, isLogic, truthy } from "./standard-ops.js";

/** A compiled expression: a closure over the private operation tables. */
export type Compiled = (data: unknown, env: EvalEnv) => unknown;

/**
 * Compile a JSON-logic expression once into closures. No `eval`, no `new Function`: the result runs
 * under a strict Content-Security-Policy. Standard operations keep json-logic-js semantics; `jjj.*`
 * operations come from the engine's private table. An unknown operation compiles to a closure that
 * throws when reached, as json-logic-js throws when it reaches one.
 */
export function compile(logic: unknown): Compiled {
  // Compiled on first use: loading every rule then costs nothing here, and rules that are never
  // evaluated (or only on the fast path, fast-path.ts) are never compiled by this compiler.
  let compiled: Compiled | undefined;
  return (data, env) => (compiled ??= compileNow(logic))(data, env);
}

function compileNow(logic: unknown): Compiled {
  if (Array.isArray(logic)) {
    const parts = logic.map(compileNow);
    // A list of literals is as large as the rule file; one of computed values may nest earlier
    // results and double field after field, so it is measured (limits.ts).
    if (logic.every(isPlainLiteral)) return (data, env) => parts.map((p) => p(data, env));
    return (data, env) => checkBuilt(parts.map((p) => p(data, env)), "a list");
  }
  if (!isLogic(logic)) return () => logic;

  const op = Object.keys(logic)[0]!;
  const raw = logic[op];
  const args: unknown[] = Array.isArray(raw) ? raw : [raw];

  switch (op) {
    case "if":
    case "?:":
      return compileIf(args.map(compileNow));
    case "and":
      return compileAndOr(args.map(compileNow), false);
    case "or":
      return compileAndOr(args.map(compileNow), true);
    case "filter":
    case "map":
    case "all":
    case "none":
    case "some":
      return compileIterator(op, compileNow(args[0]), compileNow(args[1]));
    case "reduce":
      return compileReduce(compileNow(args[0]), compileNow(args[1]), args[2] === undefined ? undefined : compileNow(args[2]));
    case "missing":
      return compileMissing(args.map(compileNow));
    case "missing_some": {
      const parts = args.map(compileNow);
      return (data, env) => {
        const [need, options] = evalAll(parts, data, env);
        // json-logic-js applies {"missing": options} as logic again, then reads options.length.
        const areMissing = compileNow({ missing: options })(data, env) as unknown[];
        return (options as { length: number }).length - areMissing.length >= (need as number) ? [] : areMissing;
      };
    }
  }

  const parts = args.map(compileNow);
  const standard = STANDARD_EAGER_OPS.get(op);
  if (standard) {
    if (op === "var" && parts.length === 1 && typeof args[0] === "string") {
      // The common case: a static path; avoid building an argument array on every call.
      const path = args[0];
      return (data) => standard([path], data);
    }
    return (data, env) => standard(evalAll(parts, data, env), data);
  }
  const engineOp = ENGINE_OPS.get(op);
  if (engineOp) return (data, env) => engineOp(evalAll(parts, data, env), env);
  return () => {
    throw new Error(`Unrecognized operation ${op}`);
  };
}

/** A literal that evaluates to itself and cannot grow: null, a boolean, a number or a string. */
export function isPlainLiteral(x: unknown): boolean {
  return x === null || (typeof x !== "object" && typeof x !== "function");
}

function evalAll(parts: Compiled[], data: unknown, env: EvalEnv): unknown[] {
  const out = new Array<unknown>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = parts[i]!(data, env);
  return out;
}

function compileIf(parts: Compiled[]): Compiled {
  return (data, env) => {
    let i = 0;
    for (; i < parts.length - 1; i += 2) {
      if (truthy(parts[i]!(data, env))) return parts[i + 1]!(data, env);
    }
    if (parts.length === i + 1) return parts[i]!(data, env);
    return null;
  };
}

function compileAndOr(parts: Compiled[], isOr: boolean): Compiled {
  return (data, env) => {
    let current: unknown;
    for (const part of parts) {
      current = part(data, env);
      if (truthy(current) === isOr) return current;
    }
    return current;
  };
}

function compileIterator(op: string, source: Compiled, body: Compiled): Compiled {
  return (data, env) => {
    const items = source(data, env);
    if (!Array.isArray(items)) return op === "filter" || op === "map" ? [] : op === "none";
    switch (op) {
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
}

function compileReduce(source: Compiled, body: Compiled, initial: Compiled | undefined): Compiled {
  return (data, env) => {
    const items = source(data, env);
    const start = initial ? initial(data, env) : null;
    if (!Array.isArray(items)) return start;
    return items.reduce((accumulator, current) => body({ current, accumulator }, env), start);
  };
}

/**
 * `missing`, as json-logic-js does it: the keys (the first argument if it is a list, else all of them)
 * whose `{"var": key}`, applied as logic, is null or "".
 */
function compileMissing(parts: Compiled[]): Compiled {
  return (data, env) => {
    const values = evalAll(parts, data, env);
    const keys = Array.isArray(values[0]) ? (values[0] as unknown[]) : values;
    const out: unknown[] = [];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const value = compileNow({ var: key })(data, env);
      if (value === null || value === "") out.push(key);
    }
    return out;
  };
}
