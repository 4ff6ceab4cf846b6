import { expect, it } from "vitest";
import { OPERATIONS } from "../../src/ops/index.js";

// Every operation the rule profile allows says in its descriptor how the analysis reads it: a symbolic
// form, or `{ kind: "none", why }` on purpose (the analysis then reports it as not analysable, with the
// reason; docs/analysis.md). So a new operation needs only its descriptor module and its test.
it("every allowed operation has a symbolic form, or says why not: float arithmetic, number orderings and text/list building", () => {
  const allowed = [...OPERATIONS.values()].filter((op) => op.profile === "allowed");
  expect(allowed.filter((op) => op.symbolic === undefined).map((op) => op.name)).toEqual([]);
  // The float arithmetic, loose orderings and text/list building of json-logic-js have no exact form (a
  // new operation may add itself to them in its own descriptor); each says why, in both languages. A
  // shipped rule that used one would be refused by the analysis: soundness.test.ts asserts none is.
  const none = allowed.filter((op) => op.symbolic?.kind === "none");
  expect(none.map((op) => op.name)).toEqual(expect.arrayContaining(["%", "*", "+", "-", "/", "<", "<=", ">", ">=", "cat", "max", "merge", "min", "substr"]));
  for (const op of none) {
    const why = (op.symbolic as { why: { en: string; zh: string } }).why;
    expect(why.en.length > 0 && why.zh.length > 0, op.name).toBe(true);
  }
  // References resolve through the checker; comparisons say what they order.
  expect(OPERATIONS.get("var")?.symbolic).toEqual({ kind: "reference" });
  expect(OPERATIONS.get("jjj.gte")?.symbolic).toEqual({ kind: "order", relation: "gte", values: "decimal" });
  expect(OPERATIONS.get("jjj.dateLt")?.symbolic).toEqual({ kind: "order", relation: "lt", values: "date" });
  expect(OPERATIONS.get("or")?.symbolic).toEqual({ kind: "junction", stopsOn: true });
  expect(OPERATIONS.get("!")?.symbolic).toEqual({ kind: "truthiness", negated: true });
});
