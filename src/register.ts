import { Dec } from "./exact/decimal.js";
import { NAMESPACE, OPERATIONS, type EvalEnv } from "./ops/index.js";

/**
 * The part of json-logic-js that {@link registerOperations} uses.
 *
 * @category Interop
 * @example
 * import jsonLogic from "json-logic-js";
 * const target: JsonLogicLike = jsonLogic;
 */
export interface JsonLogicLike {
  /** json-logic-js's own `add_operation`: registers an operation under a name. */
  add_operation(name: string, fn: unknown): void;
}

const NO_ENV: EvalEnv = Object.freeze({ params: {}, conditions: {}, outcome: {}, on: "" }) as EvalEnv;

/**
 * Opt in to running the engine's `jjj.*` operations in **your own** json-logic-js: registers one key,
 * `jjj`, whose members are the exact decimal and date operations (`jjj.add`, `jjj.gte`, `jjj.round`,
 * `jjj.dateLte` …). Decimal results are returned as strings. No standard operation is touched.
 * References (`jjj.param`, `jjj.condition`, `jjj.outcome`, `jjj.on`) need the engine and are not
 * registered. Importing this library never registers anything by itself.
 *
 * @category Interop
 * @example
 * import jsonLogic from "json-logic-js";
 * registerOperations(jsonLogic);
 * jsonLogic.apply({ "jjj.add": ["0.1", "0.2"] }) //=> "0.3"
 * jsonLogic.apply({ "+": [0.1, 0.2] })           //=> 0.30000000000000004 (unchanged)
 */
export function registerOperations(jsonLogic: JsonLogicLike): void {
  const members: Record<string, (...args: unknown[]) => unknown> = {};
  for (const [name, op] of OPERATIONS) {
    const evaluate = op.evaluate;
    if (!name.startsWith(`${NAMESPACE}.`) || op.reference !== undefined || !evaluate) continue;
    const member = name.slice(NAMESPACE.length + 1);
    // Arrow functions: no `prototype` member for json-logic-js's dotted lookup to walk into.
    members[member] = (...args: unknown[]) => {
      const result = evaluate(args, NO_ENV, undefined);
      return result instanceof Dec ? result.toString() : result;
    };
  }
  jsonLogic.add_operation(NAMESPACE, Object.freeze(members));
}
