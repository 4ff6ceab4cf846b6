import { expect, it } from "vitest";
import { OPERATIONS } from "../../src/ops/index.js";

// Which operations the rule profile allows without an exact symbolic form (the analysis reports them as
// not analysable, docs/analysis.md): a change to this list is a decision, made here on purpose.
it("every allowed operation has a symbolic form, except float arithmetic, number orderings and text/list building", () => {
  const allowed = [...OPERATIONS.values()].filter((op) => op.profile === "allowed");
  expect(allowed.filter((op) => op.symbolic === undefined).map((op) => op.name).sort()).toEqual(
    ["%", "*", "+", "-", "/", "<", "<=", ">", ">=", "cat", "max", "merge", "min", "substr"].sort(),
  );
  // References resolve through the checker; comparisons say what they order.
  expect(OPERATIONS.get("var")?.symbolic).toEqual({ kind: "reference" });
  expect(OPERATIONS.get("jjj.gte")?.symbolic).toEqual({ kind: "order", relation: "gte", values: "decimal" });
  expect(OPERATIONS.get("jjj.dateLt")?.symbolic).toEqual({ kind: "order", relation: "lt", values: "date" });
  expect(OPERATIONS.get("or")?.symbolic).toEqual({ kind: "junction", stopsOn: true });
  expect(OPERATIONS.get("!")?.symbolic).toEqual({ kind: "truthiness", negated: true });
});
