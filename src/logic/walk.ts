import { OPERATIONS, isLogic } from "../ops/index.js";
import { MAX_LOGIC_DEPTH, checkLogic, type LogicScope } from "./check.js";
import { operandNodes, type LogicNode } from "./tree.js";

/*
 * Reading the typed logic tree (tree.ts) for the readers of a rule's logic: the catalogue's formulas
 * (formula.ts), the diffs (diff/logic.ts, diff/behaviour.ts), explanations' references, the growth
 * bound (engine/growth-bound.ts). They read a node's descriptor, operands
 * and resolved reference (a literal's value is its source), never the raw JSON-logic: this module,
 * with the checker, is the one place that still reads a node's source as JSON-logic, where the
 * checker did not descend (an unknown or rejected operation, a node past the depth or size limits),
 * so that an expression that failed its check can still be shown as written.
 */

const escapePointer = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");

/** No declarations: every reference stays unresolved (the tree of an expression read on its own). */
const NO_DECLARATIONS: LogicScope = Object.freeze({ inputs: {}, parameters: {}, conditions: new Set<string>(), outcomes: new Map() });

/**
 * The typed logic tree of an expression read on its own, without a rule's declarations (its references
 * are then unresolved), for a caller that holds only the JSON-logic. A loaded rule version keeps the
 * tree of each of its expressions, checked against its declarations: read that one where you have it.
 *
 * @example
 * treeOf({ "jjj.gte": [{ var: "amount" }, "100"] }).op?.name //=> "jjj.gte"
 */
export function treeOf(expression: unknown): LogicNode {
  // The checker reads JSON values; a value JSON cannot hold (an `undefined` in an object built in
  // code) is read as written, without static types, as the renderers read it before the tree.
  if (!isJsonValue(expression, 0)) return unchecked(expression, "");
  return expand(checkLogic(expression, NO_DECLARATIONS).tree);
}

/** Whether the checker can read a value: no `undefined` in it (read as deep as the checker reads). */
function isJsonValue(value: unknown, depth: number): boolean {
  if (value === undefined) return false;
  if (value === null || typeof value !== "object" || depth > MAX_LOGIC_DEPTH) return true;
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.every((item) => isJsonValue(item, depth + 1));
}

/**
 * The name of an operation node as written (`jjj.add`, `var`, or an unknown name), or undefined for a
 * literal, a list or a literal object.
 *
 * @example
 * operationName(treeOf({ var: "a" })) //=> "var"
 * operationName(treeOf([1, 2])) //=> undefined
 */
export function operationName(node: LogicNode): string | undefined {
  if (node.args === undefined) return undefined;
  return node.op?.name ?? Object.keys(node.source as object)[0];
}

/**
 * The nodes under a node, in order: an operation's operands, a list's items. They are the checked
 * operands (operandNodes); where the checker did not descend (a reference's name, an unknown or
 * rejected operation, a node past the limits), nodes read from the source, of static type `any`.
 *
 * @example
 * childNodes(treeOf({ "jjj.add": [{ var: "a" }, "1"] })).map((n) => n.pointer) //=> ["/jjj.add/0", "/jjj.add/1"]
 */
export function childNodes(node: LogicNode): readonly LogicNode[] {
  if (node.args !== undefined) {
    const checked = operandNodes(node);
    if (checked !== undefined) return checked.map(expand);
    const here = `${node.pointer}/${escapePointer(operationName(node)!)}`;
    const listed = Array.isArray((node.source as Record<string, unknown>)[operationName(node)!]);
    return node.args.map((a, i) => unchecked(a, listed ? `${here}/${i}` : here));
  }
  const items = node.source;
  if (!Array.isArray(items)) return [];
  if (node.operands.length === items.length) return node.operands.map(expand);
  return items.map((a, i) => unchecked(a, `${node.pointer}/${i}`));
}

/**
 * Visit every node of an expression, parents before their operands, in the order written. A
 * reference's operand is a name, not an expression: it is not visited.
 *
 * @example
 * const ops: string[] = [];
 * forEachNode(treeOf({ "jjj.min": [{ "jjj.param": "cap" }, "1"] }), (n) => { if (n.op) ops.push(n.op.name); });
 * ops //=> ["jjj.min", "jjj.param"]
 */
export function forEachNode(node: LogicNode, visit: (node: LogicNode) => void): void {
  visit(node);
  if (node.op?.reference !== undefined) return;
  for (const child of childNodes(node)) forEachNode(child, visit);
}

/** A node the checker left as a leaf (past the depth or size limits) that is an operation: read as one. */
function expand(node: LogicNode): LogicNode {
  return node.args === undefined && isLogic(node.source) ? unchecked(node.source, node.pointer) : node;
}

/** A node read from its source alone, one level (its operands are read when asked for). */
function unchecked(source: unknown, pointer: string): LogicNode {
  if (!isLogic(source)) return { pointer, source, type: Array.isArray(source) ? "array" : "any", operands: [] };
  const name = Object.keys(source)[0]!;
  const raw = source[name];
  const op = OPERATIONS.get(name);
  return { pointer, source, type: "any", ...(op !== undefined && { op }), args: Array.isArray(raw) ? raw : [raw], operands: [] };
}

/**
 * The inputs and parameters an expression reads, each once, in the order first met: its tree's
 * resolved references (explanations show their values).
 *
 * @example
 * referencesOf(version.conditions[0].tree) //=> { inputs: ["contractAmount"], parameters: ["threshold"] }
 */
export function referencesOf(tree: LogicNode): { inputs: string[]; parameters: string[] } {
  const inputs = new Set<string>();
  const parameters = new Set<string>();
  forEachNode(tree, (node) => {
    if (node.reference?.kind === "input") inputs.add(node.reference.name);
    else if (node.reference?.kind === "parameter") parameters.add(node.reference.name);
  });
  return { inputs: [...inputs], parameters: [...parameters] };
}
