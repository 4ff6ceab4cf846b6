import { operandNodes, type LogicNode } from "./tree.js";

/**
 * Whether an expression may evaluate to null, read from its typed logic tree: a `null` literal, an
 * operation whose result type is null, an operation that returns one of its operands (its descriptor's
 * `mayBeNull`: `if` without an else, `and`, `or`) when one of them may, or a reference to an outcome
 * field that may. Inputs are validated and defaulted, parameters declared and conditions boolean, so a
 * reference to them is never null. A node the checker did not descend into is taken as nullable.
 * Sound, not exact: it may say "may be null" for an expression that never is, never the reverse.
 *
 * @example
 * mayBeNull(tree({ if: [{ var: "ok" }, "1"] }), () => false) //=> true (no else)
 * mayBeNull(tree({ if: [{ var: "ok" }, "1", "0"] }), () => false) //=> false
 */
export function mayBeNull(node: LogicNode, outcomeMayBeNull: (name: string) => boolean): boolean {
  if (node.source === null || node.type === "null") return true;
  if (node.reference !== undefined) return node.reference.kind === "outcome" ? outcomeMayBeNull(node.reference.name) : false;
  if (node.op === undefined) return Array.isArray(node.source) ? false : node.type === "any" && typeof node.source === "object";
  const operands = operandNodes(node);
  if (operands === undefined) return true;
  return node.op.mayBeNull?.(operands.map((o) => mayBeNull(o, outcomeMayBeNull))) ?? false;
}
