import type { Operation, ReferenceKind, StaticType } from "../ops/index.js";

/*
 * The typed logic tree (issue #13): an expression as the checker (logic/check.ts) reads it,
 * built once at load. Each node carries its operation's descriptor, its static type, its JSON pointer
 * and, for a reference, what it resolves to; both compilers (engine/compile.ts, engine/fast/) compile
 * from it, and explanations, diffs, the catalogue's formulas and the growth bound read it (walk.ts).
 */

/** What a reference resolves to: the declared thing it names and its position among its kind. */
export interface ResolvedReference {
  kind: Exclude<ReferenceKind, "evaluationDate">;
  name: string;
  /** Position in declaration order: the input or parameter among the rule's, the condition or outcome field among those defined before. */
  index: number;
}

/**
 * One node of the typed logic tree.
 *
 * @example
 * // { "jjj.gte": [{ var: "amount" }, "100"] } checked against a money input `amount`:
 * // { pointer: "", source: {…}, type: "boolean", op: <jjj.gte>, args: [{ var: "amount" }, "100"], operands: [
 * //   { pointer: "/jjj.gte/0", type: "decimal", op: <var>, reference: { kind: "input", name: "amount", index: 0 }, … },
 * //   { pointer: "/jjj.gte/1", type: "string", source: "100", … } ] }
 */
export interface LogicNode {
  /** The JSON pointer of the node, relative to the checked expression. */
  pointer: string;
  /** The node as written: a literal, a list or an operation object. */
  source: unknown;
  /** The static type the checker infers (`any` when it does not know it, or did not check the node). */
  type: StaticType;
  /** For an operation: its descriptor (undefined for an unknown name), and its operands as written. */
  op?: Operation | undefined;
  args?: readonly unknown[] | undefined;
  /**
   * The checked operands (a list's items, an operation's operands), in order. Empty where the checker
   * does not descend: references, rejected and unknown operations, nodes past the depth or size limits.
   */
  operands: readonly LogicNode[];
  /** Set on a reference the checker resolved against the rule's declarations. */
  reference?: ResolvedReference | undefined;
}

/**
 * The operand nodes of an operation node by position, when the checker visited every operand (else
 * undefined: the node is then compiled from its source).
 *
 * @example
 * operandNodes(node)?.[0]?.type //=> "decimal"
 */
export function operandNodes(node: LogicNode): readonly LogicNode[] | undefined {
  return node.args !== undefined && node.operands.length === node.args.length ? node.operands : undefined;
}
