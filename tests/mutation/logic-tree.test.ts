import { describe, expect, it } from "vitest";
import { checkLogic } from "../../src/logic/check.js";
import { operandNodes, type LogicNode } from "../../src/logic/tree.js";
import { SCOPE } from "../ops/helpers.js";

// Tests written for mutants of src/logic/tree.ts that survived `npm run test:mutation` (docs/testing.md,
// "Mutation testing").

const node = (args: unknown[] | undefined, operands: number): LogicNode =>
  ({ pointer: "", source: null, type: "any", args, operands: Array.from({ length: operands }, (_, i) => ({ pointer: `/${i}`, source: i, type: "number", operands: [] })) }) as LogicNode;

describe("operandNodes: an operation's operand nodes, only when every operand was checked", () => {
  it("gives them when there is one node per operand", () => {
    const n = node([1, 2], 2);
    expect(operandNodes(n)).toBe(n.operands);
    expect(operandNodes(node([], 0))).toEqual([]);
  });

  it("gives none for a node that is not an operation, or whose operands were not all visited", () => {
    expect(operandNodes(node(undefined, 0))).toBeUndefined();
    expect(operandNodes(node(undefined, 2))).toBeUndefined();
    expect(operandNodes(node([1, 2], 1))).toBeUndefined();
    expect(operandNodes(node([1], 2))).toBeUndefined();
  });

  it("on a checked tree: an operation's operands, none for a reference", () => {
    const tree = checkLogic({ "jjj.gte": [{ var: "money" }, "100"] }, SCOPE).tree;
    expect(operandNodes(tree)?.map((n) => n.pointer)).toEqual(["/jjj.gte/0", "/jjj.gte/1"]);
    const reference = operandNodes(tree)![0]!;
    expect(reference.args).toEqual(["money"]);
    expect(operandNodes(reference)).toBeUndefined();
  });
});
