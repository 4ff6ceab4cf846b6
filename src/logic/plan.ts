import { isIsoDate } from "../schema/values.js";
import { OPERATIONS, type StaticType } from "../ops/index.js";
import { RuleFileError } from "../errors.js";
import type { LogicNode, ResolvedReference } from "./tree.js";
import { NO_OPERANDS, TreeNode, escapePointer, operandPointer } from "./tree-node.js";

/*
 * The plan of an expression (issues #15 and #20): what the rule-profile checker (check.ts) inferred for it
 * that the expression alone does not say, so that its typed logic tree can be rebuilt without checking it
 * again. The package's own rule files ship with the plans of their expressions (scripts/bundle-rules.mjs,
 * catalog/precompiled.ts).
 *
 * A plan, for the operations of an expression in the checker's order (an operation before its operands,
 * operands in order): the code of the operation's static type (TYPE_CODES), followed, for a resolved
 * reference, by its position in decimal digits. Literals and lists have no code: their types follow from
 * their values, as the checker infers them.
 */

/** One character per static type, in a plan. */
const TYPE_CODES: Readonly<Record<StaticType, string>> = { number: "n", decimal: "d", string: "s", date: "t", boolean: "b", array: "a", null: "z", any: "x" };
const TYPES_BY_CODE: Readonly<Record<string, StaticType>> = Object.fromEntries(Object.entries(TYPE_CODES).map(([type, code]) => [code, type as StaticType]));

/** A plan that does not fit its expression: the source is not the package's own, as built. */
export function notAsBuilt(path: string, why: string): RuleFileError {
  return new RuleFileError([
    {
      code: "not_as_built",
      path: `${path}#`,
      message: `${why}: a trusted load takes only the package's own rule files as built (load other files with loadRuleSet) / ${why}:受信加载只接受本包构建时的规则文件(其他文件请用 loadRuleSet 加载)`,
    },
  ]);
}

/**
 * The plan of a typed logic tree the checker built (see above): what the build writes with each shipped file.
 *
 * @example
 * planOf(version.conditions[0].tree) //=> "bd0d1"
 */
export function planOf(tree: LogicNode): string {
  let plan = "";
  const visit = (node: LogicNode) => {
    if (node.args !== undefined) {
      plan += TYPE_CODES[node.type];
      if (node.reference !== undefined) plan += String(node.reference.index);
    }
    for (const operand of node.operands) visit(operand);
  };
  visit(tree);
  return plan;
}

/**
 * The typed logic tree of an expression of a shipped file, rebuilt from its plan: the tree the checker
 * builds for it (same nodes, pointers, types, descriptors and references, each frozen), with what it reads.
 *
 * @throws {RuleFileError} when the plan does not fit the expression (code `not_as_built`)
 * @example
 * treeFromPlan({ var: "amount" }, "d0", path).tree.reference //=> { kind: "input", name: "amount", index: 0 }
 */
export function treeFromPlan(logic: unknown, plan: string, path: string): { tree: LogicNode; refs: { inputs: string[]; parameters: string[] } } {
  let at = 0;
  const inputs = new Set<string>();
  const parameters = new Set<string>();
  const leaf = (source: unknown, pointer: string, type: StaticType, operands: readonly LogicNode[] = NO_OPERANDS): LogicNode =>
    new TreeNode(pointer, source, type, undefined, undefined, operands, undefined);
  const position = (): number => {
    const start = at;
    while (at < plan.length && plan.charCodeAt(at) >= 48 && plan.charCodeAt(at) <= 57) at++;
    if (at === start) throw notAsBuilt(path, "a reference has no position in the plan");
    return Number(plan.slice(start, at));
  };

  function visit(node: unknown, pointer: string): LogicNode {
    if (node === null) return leaf(node, pointer, "null");
    if (typeof node === "number") return leaf(node, pointer, "number");
    if (typeof node === "boolean") return leaf(node, pointer, "boolean");
    if (typeof node === "string") return leaf(node, pointer, isIsoDate(node) ? "date" : "string");
    if (Array.isArray(node)) {
      const items = new Array<LogicNode>(node.length);
      for (let i = 0; i < node.length; i++) items[i] = visit(node[i], `${pointer}/${i}`);
      return leaf(node, pointer, "array", Object.freeze(items));
    }
    const keys = typeof node === "object" ? Object.keys(node) : [];
    const d = keys.length === 1 ? OPERATIONS.get(keys[0]!) : undefined;
    const type = TYPES_BY_CODE[plan[at++] ?? ""];
    if (d === undefined || d.profile !== "allowed" || type === undefined) throw notAsBuilt(path, `the plan does not fit the logic at ${pointer || "/"}`);
    const op = keys[0]!;
    const raw = (node as Record<string, unknown>)[op];
    const inList = Array.isArray(raw);
    const args: readonly unknown[] = inList ? raw : Object.freeze([raw]);
    const here = `${pointer}/${escapePointer(op)}`;
    if (d.reference !== undefined && d.reference !== "evaluationDate") {
      const name = args[0] as string;
      if (d.reference === "input") inputs.add(name);
      else if (d.reference === "parameter") parameters.add(name);
      const reference: ResolvedReference = Object.freeze({ kind: d.reference, name, index: position() });
      return new TreeNode(pointer, node, type, d, args, NO_OPERANDS, reference);
    }
    if (d.reference !== undefined) return new TreeNode(pointer, node, type, d, args, NO_OPERANDS, undefined);
    const operands = new Array<LogicNode>(args.length);
    for (let i = 0; i < args.length; i++) operands[i] = visit(args[i], operandPointer(here, inList, i));
    return new TreeNode(pointer, node, type, d, args, Object.freeze(operands), undefined);
  }

  const tree = visit(logic, "");
  if (at !== plan.length) throw notAsBuilt(path, "the plan is longer than the logic");
  return { tree, refs: { inputs: [...inputs], parameters: [...parameters] } };
}

