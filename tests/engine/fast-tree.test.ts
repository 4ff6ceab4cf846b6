import { describe, expect, it } from "vitest";
import { checkLogic } from "../../src/logic/check.js";
import type { LogicNode } from "../../src/logic/tree.js";
import { compileFastPlan, runTest, type FastCtx } from "../../src/engine/fast-path.js";
import { runtimeParameters } from "../../src/engine/parameters.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import type { SlotKind } from "../../src/engine/facts.js";
import { SCOPE } from "../ops/helpers.js";

// The fast compiler (src/engine/fast/) compiles a version from its typed logic trees (src/logic/tree.ts),
// not from the raw JSON-logic the file holds: what a node is and what a reference resolves to are the checker's.

const NAMES = ["money", "count"]; // the first inputs of SCOPE, in declaration order: slots 0 and 1
const KINDS: SlotKind[] = ["money", "integer"];
const tree = (logic: unknown): LogicNode => {
  const { tree, problems } = checkLogic(logic, SCOPE);
  expect(problems).toEqual([]);
  return tree;
};
/**
 * A version with one condition and one money outcome field, as the loader builds it (what the fast
 * compiler reads): the raw logic as written (`source` of each tree) and the trees, which may differ from it.
 */
const version = (condition: LogicNode, outcome: LogicNode) =>
  ({
    file: { id: "test/fast-tree" },
    params: runtimeParameters(SCOPE.parameters),
    applicable: undefined,
    conditions: [{ spec: { id: "c", logic: condition.source }, tree: condition }],
    outcome: [{ name: "amount", spec: { type: "money", logic: outcome.source }, tree: outcome }],
  }) as unknown as LoadedRuleVersion;
/** 150.00 yuan (in fen, as the validator writes money) and a count of 3. */
const ctx = (): FastCtx => ({ slots: [150_00, 3, null, null], cond: [false], out: [null], on: "2025-06-01" });
const literal = (node: LogicNode, source: string): LogicNode => ({ ...node, source });

describe("the fast compiler reads the typed logic tree", () => {
  const condition = { "jjj.gte": [{ var: "money" }, { "jjj.param": "cap" }] }; // 150 ≥ 100
  const outcome = { "jjj.mul": [{ var: "money" }, "0.1"] }; // 15.00

  it("compiles conditions and outcome fields from their nodes", () => {
    const plain = compileFastPlan(version(tree(condition), tree(outcome)), NAMES, KINDS)!;
    const c = ctx();
    expect(runTest(plain.conditionTests[0]!, c)).toBe(true);
    expect(plain.outcomes[0]!.format(plain.outcomes[0]!.fn(c))).toBe("15.00");

    // The same raw logic, with one node of each tree changed: the plan follows the nodes.
    const cond = tree(condition);
    const changedCond: LogicNode = { ...cond, operands: [cond.operands[0]!, literal(tree("200"), "200")] }; // 150 ≥ 200
    const out = tree(outcome);
    const changedOut: LogicNode = { ...out, operands: [out.operands[0]!, literal(out.operands[1]!, "0.2")] }; // 150 × 0.2
    const changed = compileFastPlan(version(changedCond, changedOut), NAMES, KINDS)!;
    expect(runTest(changed.conditionTests[0]!, c)).toBe(false);
    expect(changed.conditions[0]!(c)).toBe(false);
    expect(changed.outcomes[0]!.format(changed.outcomes[0]!.fn(c))).toBe("30.00");
  });

  it("reads an input from the slot its resolved reference names", () => {
    const count = tree({ "jjj.gte": [{ var: "count" }, 3] });
    expect(count.operands[0]!.reference).toEqual({ kind: "input", name: "count", index: 1 });
    const plan = compileFastPlan(version(count, tree(outcome)), NAMES, KINDS)!;
    expect(runTest(plan.conditionTests[0]!, ctx())).toBe(true);
    // A reference resolved to another position than the validator's slot of that name: not compiled
    // for slots (the version then always takes the reference path), never read from the wrong slot.
    const moved: LogicNode = { ...count, operands: [{ ...count.operands[0]!, reference: { kind: "input", name: "count", index: 0 } }, count.operands[1]!] };
    expect(compileFastPlan(version(moved, tree(outcome)), NAMES, KINDS)).toBeUndefined();
  });

  it("does not compile a node whose operands the checker did not visit (the reference path decides)", () => {
    const cond = tree(condition);
    expect(compileFastPlan(version({ ...cond, operands: [] }, tree(outcome)), NAMES, KINDS)).toBeUndefined();
    const unresolved = tree(condition);
    const { reference, ...input } = unresolved.operands[0]!;
    expect(reference).toBeDefined();
    const noReference: LogicNode = { ...unresolved, operands: [input, unresolved.operands[1]!] };
    expect(compileFastPlan(version(noReference, tree(outcome)), NAMES, KINDS)).toBeUndefined();
  });
});
