import { describe, expect, it } from "vitest";
import { accepts, DATE_OPERAND, DECIMAL_OPERAND, decimals } from "../../src/ops/operands.js";
import { OPERATIONS, operationRegistry, referenceOperation } from "../../src/ops/index.js";
import { ADD } from "../../src/ops/exact-arithmetic.js";
import type { Operation } from "../../src/ops/operation.js";

// Mutation survivors of src/ops/operands.ts and src/ops/index.ts (docs/testing.md).

describe("decimals: the operand count in its message", () => {
  it("names a bounded range, an open one and an exact count", () => {
    expect(() => decimals(["1", "2", "3", "4", "5"], "x", 1, 3)).toThrow("x: expected 1–3 operands, got 5");
    expect(() => decimals([], "x", 2)).toThrow("x: expected 2 or more operands, got 0");
    expect(() => decimals(["1"], "x", 2, 2)).toThrow("x: expected 2 operands, got 1");
    expect(decimals(["1", "2.50"], "x", 1, 3).map(String)).toEqual(["1", "2.5"]);
  });
});

describe("accepts: the static type, else a literal decimal string where the operand allows one", () => {
  it("accepts an operand of unknown static type (any) whatever the spec", () => {
    expect(accepts(DATE_OPERAND, "any", { var: "x" })).toBe(true);
    expect(accepts(DATE_OPERAND, "decimal", { var: "x" })).toBe(false);
  });

  it("takes a decimal literal only where the spec says so", () => {
    expect(accepts(DECIMAL_OPERAND, "string", "12.5")).toBe(true);
    expect(accepts(DATE_OPERAND, "string", "12.5")).toBe(false);
    expect(accepts(DECIMAL_OPERAND, "string", "12.5.1")).toBe(false);
  });

  it("reads the literal only from a string (a number 5 of another static type is not a decimal literal)", () => {
    expect(accepts(DECIMAL_OPERAND, "boolean", 5)).toBe(false);
    expect(accepts(DECIMAL_OPERAND, "boolean", true)).toBe(false);
  });
});

describe("the operation registry refuses bad descriptors", () => {
  it("refuses a name described twice, naming it", () => {
    expect(() => operationRegistry([ADD, ADD])).toThrow("operation jjj.add is described twice");
  });

  it("refuses a descriptor with both or neither of evaluate and compile, naming it", () => {
    const both = { ...ADD, name: "x.both", compile: () => () => 0 } as unknown as Operation;
    const neither = { ...ADD, name: "x.neither", evaluate: undefined } as unknown as Operation;
    expect(() => operationRegistry([both])).toThrow("operation x.both needs exactly one of evaluate and compile");
    expect(() => operationRegistry([neither])).toThrow("operation x.neither needs exactly one of evaluate and compile");
    expect(operationRegistry([ADD]).get("jjj.add")).toBe(ADD);
  });

  it("is read-only: set, delete and clear throw, the entries stay", () => {
    const registry = operationRegistry([ADD]) as Map<string, Operation>;
    expect(() => registry.set("x.more", ADD)).toThrow("the operation registry is read-only");
    expect(() => registry.delete("jjj.add")).toThrow("the operation registry is read-only");
    expect(() => registry.clear()).toThrow("the operation registry is read-only");
    expect([...registry.keys()]).toEqual(["jjj.add"]);
  });

  it("names the reference kind no operation refers to", () => {
    expect(referenceOperation("input")).toBe(OPERATIONS.get("var")!.name);
    expect(() => referenceOperation("nonsense" as never)).toThrow("no operation refers to nonsense");
  });
});
