import { describe, expect, it } from "vitest";
import { checkLogic, MAX_LOGIC_DEPTH, MAX_LOGIC_NODES, type LogicScope } from "../../src/logic/check.js";
import type { LogicNode } from "../../src/logic/tree.js";
import { SCOPE, problems } from "../ops/helpers.js";

// Survivors of src/logic/check.ts in `npm run test:mutation` (docs/testing.md, "Mutation testing"): the
// static type the checker gives a node it refuses ("any": the readers then know nothing of its value),
// the node limit's boundary in the tree, and nesting counted through lists.

/** The node at the end of a path of operand positions. */
const at = (tree: LogicNode, path: number[]) => path.reduce((node, i) => node.operands[i]!, tree);

describe("a node the checker refuses has the static type any", () => {
  it("too deep: the node beyond the limit", () => {
    const nest = (levels: number): unknown => (levels === 0 ? true : { "!": [nest(levels - 1)] });
    const tree = checkLogic(nest(MAX_LOGIC_DEPTH + 1), SCOPE).tree;
    const deepest = at(tree, Array.from({ length: MAX_LOGIC_DEPTH + 1 }, () => 0));
    expect(deepest.pointer).toBe("/!/0".repeat(MAX_LOGIC_DEPTH + 1));
    expect(deepest.type).toBe("any");
    // One level less is an ordinary literal.
    const ok = checkLogic(nest(MAX_LOGIC_DEPTH), SCOPE).tree;
    expect(at(ok, Array.from({ length: MAX_LOGIC_DEPTH }, () => 0)).type).toBe("boolean");
  });

  it("beyond the node limit: the nodes after it; the last node within it keeps its type", () => {
    // {"in": [1, [ …items ]]}: the operation, the 1, the list and its items (see logic-check.test.ts).
    const logic = (items: number) => ({ in: [1, Array.from({ length: items }, () => 0)] });
    const within = checkLogic(logic(MAX_LOGIC_NODES - 3), SCOPE).tree;
    expect(within.operands[1]!.operands.at(-1)!.type).toBe("number");
    const beyond = checkLogic(logic(MAX_LOGIC_NODES - 1), SCOPE).tree;
    expect(beyond.operands[1]!.operands.map((n) => n.type).slice(-3)).toEqual(["number", "any", "any"]);
  });

  it("a forbidden operation", () => {
    const check = checkLogic({ log: [1] }, SCOPE);
    expect(check.problems.map((p) => p.code)).toEqual(["forbidden_operation"]);
    expect(check.tree.type).toBe("any");
  });

  it("a reference that is dynamic, forbidden or undeclared, of each kind", () => {
    for (const logic of [{ var: ["money", 0] }, { var: "constructor" }, { var: "nope" }, { "jjj.param": "nope" }, { "jjj.condition": "nope" }, { "jjj.outcome": "nope" }]) {
      const check = checkLogic(logic, SCOPE);
      expect(check.problems, JSON.stringify(logic)).toHaveLength(1);
      expect(check.tree.type, JSON.stringify(logic)).toBe("any");
      expect(check.tree.reference, JSON.stringify(logic)).toBeUndefined();
    }
  });
});

describe("nesting is counted through lists too", () => {
  const lists = (levels: number): unknown => (levels === 0 ? 1 : [lists(levels - 1)]);
  it(`${MAX_LOGIC_DEPTH} nested lists are taken, one more is too deep`, () => {
    expect(problems({ in: [1, lists(MAX_LOGIC_DEPTH - 1)] })).toEqual([]);
    expect(problems(lists(MAX_LOGIC_DEPTH + 1))).toEqual([`too_deep @${"/0".repeat(MAX_LOGIC_DEPTH + 1)}: logic is nested deeper than ${MAX_LOGIC_DEPTH} levels`]);
    expect(problems(lists(MAX_LOGIC_DEPTH))).toEqual([]);
  });
});

describe("an empty scope", () => {
  it("names nothing", () => {
    const empty: LogicScope = { inputs: {}, parameters: {}, conditions: new Set(), outcomes: new Map() };
    expect(checkLogic({ var: "x" }, empty).problems.map((p) => p.message)).toEqual(['var "x" names no declared input (inputs: none)']);
  });
});
