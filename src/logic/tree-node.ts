import type { Operation, StaticType } from "../ops/index.js";
import type { LogicNode, ResolvedReference } from "./tree.js";

/*
 * How a node of the typed logic tree is built, shared by the two builders of a tree: the rule-profile
 * checker (check.ts), which builds it from an expression it checks, and the precompiled form of the
 * package's own rules (catalog/precompiled.ts), which rebuilds the same tree from the expression and
 * what the checker inferred when the package was built, without checking again.
 */

/**
 * An operation name as a JSON pointer segment (RFC 6901): `~` and `/` escaped, which no operation name has.
 *
 * @example
 * escapePointer("jjj.gte") //=> "jjj.gte"
 */
export const escapePointer = (s: string) => (s.includes("~") || s.includes("/") ? s.replace(/~/g, "~0").replace(/\//g, "~1") : s);

/**
 * The (shared, frozen) operands of a node without any.
 *
 * @example
 * NO_OPERANDS.length //=> 0
 */
export const NO_OPERANDS: readonly LogicNode[] = Object.freeze([]);

/**
 * The pointer of operand `i` of the operation at `here`: a single operand not in a list is the operation's value itself.
 *
 * @example
 * operandPointer("/jjj.gte", true, 1) //=> "/jjj.gte/1"
 */
export const operandPointer = (here: string, inList: boolean, i: number) => (inList ? `${here}/${i}` : here);

/**
 * A node of the typed logic tree: one shape for every node (each field set, `undefined` where absent),
 * so that V8 keeps one hidden class and readers load fields monomorphically. Frozen when built, after its
 * operands, with its own lists: a tree is deeply frozen as it is built (its sources belong to the rule
 * file, which the loader freezes), so freezing the loaded version does not walk it again (engine/freeze.ts
 * stops at a frozen object).
 *
 * @example
 * new TreeNode("", 1, "number", undefined, undefined, NO_OPERANDS, undefined).type //=> "number"
 */
export class TreeNode implements LogicNode {
  readonly pointer: string;
  readonly source: unknown;
  readonly type: StaticType;
  readonly op: Operation | undefined;
  readonly args: readonly unknown[] | undefined;
  readonly operands: readonly LogicNode[];
  readonly reference: ResolvedReference | undefined;
  constructor(
    pointer: string,
    source: unknown,
    type: StaticType,
    op: Operation | undefined,
    args: readonly unknown[] | undefined,
    operands: readonly LogicNode[],
    reference: ResolvedReference | undefined,
  ) {
    this.pointer = pointer;
    this.source = source;
    this.type = type;
    this.op = op;
    this.args = args;
    this.operands = operands;
    this.reference = reference;
    Object.freeze(this);
  }
}
