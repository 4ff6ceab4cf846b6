import { checkBuilt } from "../exact/limits.js";
import { OPERATIONS, isLogic, type Compiled, type EvalEnv, type Operation } from "../ops/index.js";
import { operandNodes, type LogicNode } from "../logic/tree.js";

/** A compiled expression: a closure over the operations' evaluations (src/ops). */
export type { Compiled };

/**
 * Compile a JSON-logic expression once into closures. No `eval`, no `new Function`: the result runs
 * under a strict Content-Security-Policy. Each operation is compiled from its descriptor (src/ops):
 * a lazy one by its compile form, an eager one as a call of its evaluation on its evaluated operands.
 * Standard operations keep json-logic-js semantics. An unknown operation compiles to a closure that
 * throws when reached, as json-logic-js throws when it reaches one.
 */
export function compile(logic: unknown): Compiled {
  // Compiled on first use: loading every rule then costs nothing here, and rules that are never
  // evaluated (or only on the fast path, fast-path.ts) are never compiled by this compiler.
  let compiled: Compiled | undefined;
  return (data, env) => (compiled ??= compileNow(logic))(data, env);
}

/**
 * Compile a checked expression from its typed logic tree (logic/check.ts), on first use like
 * {@link compile}. A node whose operands the checker did not visit (a reference, a node past a limit)
 * is compiled from its source, as {@link compile} does: the values are the same either way.
 *
 * @example
 * const { tree } = checkLogic({ "jjj.add": ["0.1", "0.2"] }, scope);
 * compileTree(tree)(data, env).toString() //=> "0.3"
 */
export function compileTree(tree: LogicNode): Compiled {
  let compiled: Compiled | undefined;
  // The tree stays on the rule version (other readers need it); the compiler keeps it only until its first compile.
  let pending: LogicNode | undefined = tree;
  const compileOnce = (): Compiled => {
    const fn = compileNode(pending!);
    pending = undefined;
    return fn;
  };
  return (data, env) => (compiled ??= compileOnce())(data, env);
}

function compileNode(node: LogicNode): Compiled {
  const source = node.source;
  if (Array.isArray(source) && node.op === undefined && node.operands.length === source.length) {
    return compileList(source, node.operands.map(compileNode));
  }
  const operands = operandNodes(node);
  const d = node.op;
  const args = node.args;
  if (!operands || !d || !args) return compileNow(source);
  if (d.compile) {
    // A lazy form compiles the operands it is given: the checked ones from their nodes.
    return d.compile(args as unknown[], (raw) => {
      const i = args.indexOf(raw);
      return i >= 0 ? compileNode(operands[i]!) : compileNow(raw);
    });
  }
  return compileEager(d.evaluate!, d.reference, args as unknown[], operands.map(compileNode));
}

function compileList(logic: readonly unknown[], parts: Compiled[]): Compiled {
  // A list of literals is as large as the rule file; one of computed values may nest earlier
  // results and double field after field, so it is measured (limits.ts).
  if (logic.every(isPlainLiteral)) return (data, env) => parts.map((p) => p(data, env));
  return (data, env) => checkBuilt(parts.map((p) => p(data, env)), "a list");
}

function compileEager(evaluate: NonNullable<Operation["evaluate"]>, reference: Operation["reference"], args: unknown[], parts: Compiled[]): Compiled {
  if (reference === "input" && parts.length === 1 && typeof args[0] === "string") {
    // The common case: a static path; avoid building an argument array on every call.
    const path = [args[0]];
    return (data, env) => evaluate(path, env, data);
  }
  return (data, env) => evaluate(evalAll(parts, data, env), env, data);
}

function compileNow(logic: unknown): Compiled {
  if (Array.isArray(logic)) return compileList(logic, logic.map(compileNow));
  if (!isLogic(logic)) return () => logic;

  const op = Object.keys(logic)[0]!;
  const raw = logic[op];
  const args: unknown[] = Array.isArray(raw) ? raw : [raw];
  const d = OPERATIONS.get(op);
  if (d?.compile) return d.compile(args, compileNow);
  const evaluate = d?.evaluate;
  if (!evaluate) {
    return () => {
      throw new Error(`Unrecognized operation ${op}`);
    };
  }
  return compileEager(evaluate, d.reference, args, args.map(compileNow));
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
