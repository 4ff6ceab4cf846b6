import { describe, expect, it } from "vitest";
import { checkLogic } from "../../src/logic/check.js";
import type { LogicNode } from "../../src/logic/tree.js";
import { defaultEngine } from "../../src/api.js";
import { SCOPE } from "../ops/helpers.js";

// How the checker builds the typed logic tree (src/logic/check.ts): every node of one shape, and
// frozen as it is built, so that loading does not walk the trees again to freeze them.

function nodesOf(tree: LogicNode): LogicNode[] {
  const out: LogicNode[] = [];
  const stack = [tree];
  while (stack.length > 0) {
    const node = stack.pop()!;
    out.push(node);
    stack.push(...node.operands);
  }
  return out;
}

const logic = {
  if: [
    { and: [{ "jjj.condition": "met" }, { in: [{ var: "city" }, ["a", "b"]] }, { "!": { var: "flag" } }] },
    { "jjj.round": [{ "jjj.min": [{ "jjj.param": "cap" }, { "jjj.mul": [{ var: "money" }, "0.1"] }] }, 2] },
    { "jjj.outcome": "amount" },
  ],
};

describe("the typed logic tree as the checker builds it", () => {
  it("gives every node the same fields in the same order (one hidden class), undefined where absent", () => {
    const nodes = nodesOf(checkLogic(logic, SCOPE).tree);
    expect(nodes.length).toBeGreaterThan(15);
    const shapes = new Set(nodes.map((n) => Object.keys(n).join()));
    expect([...shapes]).toEqual(["pointer,source,type,op,args,operands,reference"]);
    const literal = nodes.find((n) => n.source === "0.1")!;
    expect(literal.op).toBeUndefined();
    expect(literal.reference).toBeUndefined();
    expect(literal.pointer).toBe("/if/1/jjj.round/0/jjj.min/1/jjj.mul/1");
  });

  it("freezes every node, its operand and argument lists and its resolved reference as it builds them", () => {
    for (const node of nodesOf(checkLogic(logic, SCOPE).tree)) {
      expect(Object.isFrozen(node), node.pointer).toBe(true);
      expect(Object.isFrozen(node.operands), node.pointer).toBe(true);
      if (node.op !== undefined && !Array.isArray((node.source as Record<string, unknown>)[node.op.name])) {
        // A single operand not written in a list: `args` is a list the checker made.
        expect(Object.isFrozen(node.args), node.pointer).toBe(true);
      }
      if (node.reference !== undefined) expect(Object.isFrozen(node.reference), node.pointer).toBe(true);
    }
  });

  it("leaves every tree of the loaded rules frozen deeply: nodes, lists, references and the logic they came from", () => {
    let count = 0;
    for (const id of defaultEngine().ruleSet.ruleIds()) {
      for (const version of defaultEngine().ruleSet.versions(id)) {
        for (const part of [version.applicable, ...version.conditions, ...version.outcome]) {
          if (!part) continue;
          for (const node of nodesOf(part.tree)) {
            count++;
            for (const value of [node, node.operands, node.args, node.reference, node.source]) {
              if (typeof value === "object" && value !== null) expect(Object.isFrozen(value), node.pointer).toBe(true);
            }
          }
        }
      }
    }
    expect(count).toBeGreaterThan(1000);
  });
});
