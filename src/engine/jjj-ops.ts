import { NAMESPACE, OPERATIONS, type EvalEnv, type Evaluate } from "../ops/index.js";

/*
 * A view of the operation registry (src/ops) kept for code that reads the engine's own operations
 * by name: the operations are described in src/ops, nowhere here.
 */

export { NAMESPACE, type EvalEnv };

/** An engine operation: evaluated arguments, and the environment of the evaluation. */
export type EngineOp = (args: unknown[], env: EvalEnv) => unknown;

/**
 * The engine's operations, `jjj.*`, by name: their evaluations from the registry (src/ops).
 *
 * @example
 * ENGINE_OPS.get("jjj.add")!(["0.1", "0.2"], env).toString() //=> "0.3"
 */
export const ENGINE_OPS: ReadonlyMap<string, EngineOp> = new Map(
  [...OPERATIONS.values()]
    .filter((op) => op.name.startsWith(`${NAMESPACE}.`) && op.evaluate !== undefined)
    .map((op): [string, EngineOp] => {
      const evaluate = op.evaluate as Evaluate;
      return [op.name, (args, env) => evaluate(args, env, undefined)];
    }),
);
