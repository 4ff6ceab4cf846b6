import { describe, expect, it } from "vitest";
import { checkLogic } from "../../src/logic/check.js";
import { compile, compileTree } from "../../src/engine/compile.js";
import type { LogicNode } from "../../src/logic/tree.js";
import { ENV, SCOPE } from "../ops/helpers.js";

// The typed logic tree (src/logic/tree.ts): built by the checker, compiled by the reference compiler.

const logic = { if: [{ "jjj.condition": "met" }, { "jjj.min": [{ "jjj.param": "cap" }, { "jjj.mul": [{ var: "money" }, "0.1"] }] }, "0"] };

describe("the typed logic tree", () => {
  it("gives every checked node its operation, static type and pointer", () => {
    const { tree, problems } = checkLogic(logic, SCOPE);
    expect(problems).toEqual([]);
    expect(tree.op?.name).toBe("if");
    expect(tree.type).toBe("any"); // branches decimal and string differ
    const min = tree.operands[1]!;
    expect(min).toMatchObject({ pointer: "/if/1", type: "decimal" });
    expect(min.op?.name).toBe("jjj.min");
    expect(min.operands[1]!.operands.map((n) => [n.pointer, n.type])).toEqual([
      ["/if/1/jjj.min/1/jjj.mul/0", "decimal"],
      ["/if/1/jjj.min/1/jjj.mul/1", "string"],
    ]);
    expect(tree.operands[2]).toMatchObject({ pointer: "/if/2", source: "0", type: "string", operands: [] });
  });

  it("resolves every reference to the declared thing and its position", () => {
    const { tree } = checkLogic(logic, SCOPE);
    expect(tree.operands[0]!.reference).toEqual({ kind: "condition", name: "met", index: 0 });
    expect(tree.operands[1]!.operands[0]!.reference).toEqual({ kind: "parameter", name: "cap", index: 0 });
    const rate = checkLogic({ "jjj.add": [{ var: "rate" }, { "jjj.outcome": "amount" }] }, SCOPE).tree;
    expect(rate.operands.map((n) => n.reference)).toEqual([
      { kind: "input", name: "rate", index: 2 }, // money, count, rate
      { kind: "outcome", name: "amount", index: 0 },
    ]);
    expect(checkLogic({ var: "nope" }, SCOPE).tree.reference).toBeUndefined();
  });

  it("is compiled from its nodes, not from the raw expression", () => {
    const { tree } = checkLogic({ "jjj.add": ["1", "2"] }, SCOPE);
    // Replace the second operand's node: the compiled tree follows the node.
    const changed: LogicNode = { ...tree, operands: [tree.operands[0]!, { ...tree.operands[1]!, source: "5" }] };
    expect(String(compileTree(changed)(null, ENV))).toBe("6");
    expect(String(compile({ "jjj.add": ["1", "2"] })(null, ENV))).toBe("3");
  });

  it("gives the values the raw compiler gives", () => {
    const data = { money: "1000", rate: "0.5", count: 3, city: "a", tags: ["a"], day: "2025-01-01" };
    const cases = [
      logic,
      { and: [{ "jjj.gte": [{ var: "money" }, { "jjj.param": "cap" }] }, { in: [{ var: "city" }, ["a", "b"]] }] },
      { "jjj.round": [{ "jjj.div": [{ var: "money" }, "3"] }, 2, "down"] },
      { "jjj.dateAddMonths": [{ var: "day" }, { "+": [{ var: "count" }, 1] }] },
      [{ var: "count" }, { cat: ["x", { var: "city" }] }],
      { "!": { "jjj.condition": "met" } },
    ];
    for (const expr of cases) {
      const { tree, problems } = checkLogic(expr, SCOPE);
      expect(problems, JSON.stringify(expr)).toEqual([]);
      expect(String(compileTree(tree)(data, ENV)), JSON.stringify(expr)).toBe(String(compile(expr)(data, ENV)));
    }
  });
});
