import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../src/ops/index.js";
import type { GrowthBound, GrowthContext, StaticType } from "../../src/ops/operation.js";
import { failure, problems, run } from "../ops/helpers.js";

// Tests written for mutants of src/ops/control.ts and src/ops/exact-comparison.ts that survived
// `npm run test:mutation` (docs/testing.md, "Mutation testing"). Expected values follow JsonLogic's
// definitions (jsonlogic.com: `if`, `and`, `or`, `!`, `!!`, truthiness), worked out by hand.

const op = (name: string) => OPERATIONS.get(name)!;
// As engine/growth-bound.ts gives it: zero measures, flagged unknown.
const UNKNOWN = { int: 0, frac: 0, size: 0, unknown: true } as GrowthBound;
const b = (int: number, frac: number, size: number) => ({ int, frac, size }) as unknown as GrowthBound;
const ctx = (operands: GrowthBound[]) => ({ operands, anyUnknown: operands.some((x) => x.unknown), unknown: UNKNOWN }) as unknown as GrowthContext;

describe("if and ?:", () => {
  it.each([
    [[], null],
    [["only"], "only"],
    [[true, "a", "b"], "a"],
    [[false, "a", "b"], "b"],
    [[false, "a"], null],
    [[true, "a"], "a"],
    [[false, "a", true, "b", "c"], "b"],
    [[false, "a", false, "b", "c"], "c"],
    [[false, "a", false, "b"], null],
    [[0, "a", "0", "b", "c"], "b"], // "0" is truthy, 0 is not
    [[[], "a", [0], "b", "c"], "b"], // [] is falsy, [0] is not
  ])("if %j is %j", (args, expected) => {
    expect(run({ if: args })).toEqual(expected);
    expect(run({ "?:": args })).toEqual(expected);
  });

  it("its type is its branches' common type, tests not counted; any when they differ", () => {
    const result = op("if").result as (types: readonly StaticType[]) => StaticType;
    expect(result(["boolean", "decimal", "decimal"])).toBe("decimal");
    expect(result(["boolean", "decimal", "string"])).toBe("any");
    expect(result(["boolean", "decimal"])).toBe("decimal");
    expect(result(["decimal"])).toBe("decimal");
    expect(result([])).toBe("null");
    expect(result(["boolean", "decimal", "boolean", "decimal", "decimal"])).toBe("decimal");
    expect(result(["boolean", "decimal", "boolean", "string", "decimal"])).toBe("any");
    expect(result(["string", "decimal", "boolean", "decimal", "decimal"])).toBe("decimal");
    expect(op("?:").result).toBe(result);
  });

  it("its growth: unknown only when a branch is; else the widest of all operands", () => {
    const grow = op("if").growth;
    expect(grow(ctx([UNKNOWN, b(1, 2, 3), b(4, 0, 1)]))).toEqual({ int: 4, frac: 2, size: 3 });
    expect(grow(ctx([b(9, 9, 9), b(1, 2, 3), b(4, 0, 1)]))).toEqual({ int: 9, frac: 9, size: 9 });
    expect(grow(ctx([b(0, 0, 0), UNKNOWN, b(4, 0, 1)]))).toBe(UNKNOWN);
    expect(grow(ctx([b(0, 0, 0), b(4, 0, 1), UNKNOWN]))).toBe(UNKNOWN);
    expect(grow(ctx([b(0, 0, 0), b(4, 0, 1), UNKNOWN, b(1, 1, 1), b(1, 1, 1)]))).toEqual({ int: 4, frac: 1, size: 1 });
    expect(grow(ctx([b(0, 0, 0), b(4, 0, 1), b(1, 1, 1), UNKNOWN, b(1, 1, 1)]))).toBe(UNKNOWN);
  });
});

describe("and, or", () => {
  it.each([
    ["and", [1, 0, 2], 0],
    ["and", [1, 2], 2],
    ["and", ["", 0], ""],
    ["and", [true], true],
    ["or", [0, "", "x", 1], "x"],
    ["or", [0, ""], ""],
    ["or", [false, []], []],
    ["or", [1, 0], 1],
  ])("%s %j is %j", (name, args, expected) => {
    expect(run({ [name]: args })).toEqual(expected);
  });

  it("stop at the operand that decides", () => {
    // The second operand would throw (division by zero) if it were evaluated.
    expect(run({ and: [false, { "jjj.div": ["1", "0"] }] })).toBe(false);
    expect(run({ or: [true, { "jjj.div": ["1", "0"] }] })).toBe(true);
    expect(failure({ and: [true, { "jjj.div": ["1", "0"] }] })).toBe("jjj.div: division by zero");
    expect(failure({ or: [false, { "jjj.div": ["1", "0"] }] })).toBe("jjj.div: division by zero");
  });

  it("an empty and/or is refused by the checker", () => {
    expect(problems({ and: [] })).toEqual(['wrong_arity @/and: "and" needs at least one operand']);
    expect(problems({ or: [] })).toEqual(['wrong_arity @/or: "or" needs at least one operand']);
    expect(problems({ and: [{ var: "flag" }] })).toEqual([]);
  });

  it("their type is boolean when every operand is, else any", () => {
    const result = op("and").result as (types: readonly StaticType[]) => StaticType;
    expect(result(["boolean", "boolean"])).toBe("boolean");
    expect(result(["boolean", "decimal"])).toBe("any");
    expect((op("or").result as (types: readonly StaticType[]) => StaticType)(["string"])).toBe("any");
  });

  it("their growth: unknown when any operand is, else the widest", () => {
    for (const name of ["and", "or"]) {
      expect(op(name).growth(ctx([b(1, 5, 0), b(3, 0, 7)]))).toEqual({ int: 3, frac: 5, size: 7 });
      expect(op(name).growth(ctx([b(1, 5, 0), UNKNOWN]))).toBe(UNKNOWN);
    }
  });
});

describe("! and !!", () => {
  it.each([
    [0, false],
    ["", false],
    [[], false],
    [null, false],
    ["0", true],
    [[0], true],
    [-1, true],
  ])("!! %j is %s and ! the opposite", (value, truthy) => {
    expect(run({ "!!": [value] })).toBe(truthy);
    expect(run({ "!": [value] })).toBe(!truthy);
  });

  it("read their first operand only", () => {
    expect(run({ "!": [0, 1] })).toBe(true);
    expect(run({ "!!": [0, 1] })).toBe(false);
  });
});

describe("exact comparison", () => {
  const triples: [string, string][] = [
    ["499999.99", "500000"],
    ["500000", "500000.00"],
    ["0.3", "0.29999999999999999999"],
  ];
  it.each([
    ["jjj.eq", [false, true, false]],
    ["jjj.gt", [false, false, true]],
    ["jjj.gte", [false, true, true]],
    ["jjj.lt", [true, false, false]],
    ["jjj.lte", [true, true, false]],
  ] as const)("%s on less, equal (500000 = 500000.00), greater", (name, expected) => {
    expect(triples.map(([a, c]) => run({ [name]: [a, c] }))).toEqual(expected);
  });

  it("takes exactly two decimals, at evaluation too, and names itself", () => {
    for (const name of ["jjj.eq", "jjj.gt", "jjj.gte", "jjj.lt", "jjj.lte"]) {
      expect(failure({ [name]: ["1", "2", "3"] })).toBe(`${name}: expected 2 operands, got 3`);
      expect(failure({ [name]: ["1", "one"] })).toBe(`${name}: operand "one" is not a decimal`);
      expect(op(name).growth({ scalar: b(0, 0, 1) } as unknown as GrowthContext)).toEqual(b(0, 0, 1));
    }
  });
});
