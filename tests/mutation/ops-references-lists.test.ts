import { describe, expect, it } from "vitest";
import { MAX_BUILT_VALUE_SIZE } from "../../src/exact/limits.js";
import { OPERATIONS } from "../../src/ops/index.js";
import type { GrowthBound, GrowthContext } from "../../src/ops/operation.js";
import { readVar } from "../../src/ops/references.js";
import { ENV, failure, problems, run } from "../ops/helpers.js";

// Tests written for mutants of src/ops/references.ts and src/ops/standard-lists.ts that survived
// `npm run test:mutation` (docs/testing.md, "Mutation testing"). Expected values follow json-logic-js 2.0.5
// (`var`, `in`, `cat`, `substr`, `merge` on jsonlogic.com), worked out by hand.

const op = (name: string) => OPERATIONS.get(name)!;
const UNKNOWN = { int: 0, frac: 0, size: 0, unknown: true } as GrowthBound;
const b = (int: number, frac: number, size: number) => ({ int, frac, size }) as GrowthBound;

describe("readVar: json-logic-js's var, through own properties only", () => {
  it("an empty path is the data itself", () => {
    const data = { a: 1 };
    expect(readVar(data, undefined, null)).toBe(data);
    expect(readVar(data, "", null)).toBe(data);
    expect(readVar(data, null, null)).toBe(data);
  });

  it("reads dotted paths and list indexes", () => {
    expect(readVar({ a: { b: { c: 3 } } }, "a.b.c", null)).toBe(3);
    expect(readVar({ a: [10, 20] }, "a.1", null)).toBe(20);
    expect(readVar([10, 20], 1, null)).toBe(20);
    expect(readVar({ s: "abc" }, "s.0", null)).toBe("a");
    expect(readVar({ a: 0 }, "a", "d")).toBe(0);
    expect(readVar({ a: "" }, "a", "d")).toBe("");
    expect(readVar({ a: false }, "a", "d")).toBe(false);
    expect(readVar({ a: null }, "a", "d")).toBe(null);
  });

  it("gives the fallback (null when none) for an absent, inherited or undefined value and through null or a number", () => {
    expect(readVar({}, "a", undefined)).toBe(null);
    expect(readVar({}, "a", "d")).toBe("d");
    expect(readVar({ a: undefined }, "a", "d")).toBe("d");
    expect(readVar({ a: null }, "a.b", "d")).toBe("d");
    expect(readVar({ a: undefined }, "a.b", "d")).toBe("d");
    expect(readVar({ a: 5 }, "a.b", "d")).toBe("d");
    expect(readVar({ a: true }, "a.b", "d")).toBe("d");
    expect(readVar({}, "constructor", "d")).toBe("d");
    expect(readVar({}, "toString", null)).toBe(null);
    expect(readVar(null, "a", "d")).toBe("d");
    // A function is not data: its own properties (name, length) are not read.
    expect(readVar({ f: function g() {} }, "f.name", "d")).toBe("d");
    expect(readVar({ f: () => 0 }, "f.length", "d")).toBe("d");
  });

  it("var with a default", () => {
    expect(run({ var: ["a", "d"] }, {})).toBe("d");
    expect(run({ var: ["a", "d"] }, { a: 1 })).toBe(1);
    expect(run({ var: "a.b" }, { a: { b: "x" } })).toBe("x");
  });
});

describe("jjj.param, jjj.condition, jjj.outcome, jjj.on", () => {
  it("read the environment by name", () => {
    expect(run({ "jjj.param": "cap" })).toBe("100");
    expect(run({ "jjj.condition": "met" })).toBe(true);
    expect(run({ "jjj.outcome": "amount" })).toBe("5");
    expect(run({ "jjj.on": [] })).toBe(ENV.on);
  });

  it("an unknown, inherited or non-string name is a TypeError naming the operation", () => {
    const env = { params: { cap: "1" }, conditions: { met: true }, outcome: { amount: "5" }, on: "2025-06-01" };
    for (const [name, kind] of [["jjj.param", "params"], ["jjj.condition", "conditions"], ["jjj.outcome", "outcome"]] as const) {
      expect(() => op(name).evaluate!(["nope"], env, {}), kind).toThrow(new TypeError(`${name}: unknown name "nope"`));
      expect(() => op(name).evaluate!(["toString"], env, {}), kind).toThrow(new TypeError(`${name}: unknown name "toString"`));
      expect(() => op(name).evaluate!([5], env, {}), kind).toThrow(new TypeError(`${name}: unknown name 5`));
      // Only a string names something, even where the table has the number's text as a key.
      const numbered = { params: { "5": "1" }, conditions: { "5": true }, outcome: { "5": "5" }, on: "2025-06-01" };
      expect(() => op(name).evaluate!([5], numbered, {}), kind).toThrow(new TypeError(`${name}: unknown name 5`));
    }
  });

  it("jjj.on takes no operand, or json-logic-js's single null", () => {
    expect(problems({ "jjj.on": [] })).toEqual([]);
    expect(problems({ "jjj.on": null })).toEqual([]);
    expect(problems({ "jjj.on": [null] })).toEqual([]);
    expect(problems({ "jjj.on": [1] })).toEqual(["wrong_arity @/jjj.on: jjj.on takes no operands"]);
    expect(problems({ "jjj.on": [null, null] })).toEqual(["wrong_arity @/jjj.on: jjj.on takes no operands"]);
  });

  it("their growth forms: the declared bound of what they read, a scalar, a date", () => {
    const calls: unknown[] = [];
    const ctx = {
      args: ["x"],
      scalar: b(0, 0, 1),
      date: b(0, 0, 10),
      declared: (kind: string, name: unknown) => {
        calls.push([kind, name]);
        return b(7, 7, 7);
      },
    } as unknown as GrowthContext;
    expect(op("var").growth(ctx)).toEqual(b(7, 7, 7));
    expect(op("jjj.param").growth(ctx)).toEqual(b(7, 7, 7));
    expect(op("jjj.outcome").growth(ctx)).toEqual(b(7, 7, 7));
    expect(calls).toEqual([["input", "x"], ["parameter", "x"], ["outcome", "x"]]);
    expect(op("jjj.condition").growth(ctx)).toEqual(b(0, 0, 1));
    expect(op("jjj.on").growth(ctx)).toEqual(b(0, 0, 10));
  });
});

describe("in", () => {
  it("tests membership in a list (===) and substrings in a string", () => {
    expect(run({ in: ["a", ["a", "b"]] })).toBe(true);
    expect(run({ in: ["c", ["a", "b"]] })).toBe(false);
    expect(run({ in: [1, ["1"]] })).toBe(false);
    expect(run({ in: ["bc", "abcd"] })).toBe(true);
    expect(run({ in: ["x", "abcd"] })).toBe(false);
  });

  it("is false on a value without indexOf, and a TypeError on an indexOf that is not a function", () => {
    for (const haystack of [null, 0, 5, true, {}]) expect(op("in").evaluate!(["a", haystack], {} as never, {})).toBe(false);
    expect(() => op("in").evaluate!(["a", { indexOf: 1 }], {} as never, {})).toThrow(new TypeError("in: the second argument has an indexOf that is not a function"));
    expect(() => op("in").evaluate!(["a", { indexOf: null }], {} as never, {})).toThrow(TypeError);
  });

  it("the rule profile wants a list on the right", () => {
    expect(problems({ in: [{ var: "city" }, ["a", "b"]] })).toEqual([]);
    expect(problems({ in: ["a", { var: "tags" }] })).toEqual([]);
    expect(problems({ in: ["a", { var: "city" }] })).toEqual([
      'in_on_string @/in/1: "in" needs a list (a literal array or an enumList input); on a string it tests substrings ("" is in everything)',
    ]);
  });
});

describe("cat, substr, merge", () => {
  it("cat joins texts", () => {
    expect(run({ cat: ["a", 1, "b"] })).toBe("a1b");
    expect(run({ cat: [] })).toBe("");
    expect(run({ cat: ["x", ["y", "z"]] })).toBe("xy,z");
  });

  it("cat stops at MAX_BUILT_VALUE_SIZE, the limit itself taken", () => {
    const half = "x".repeat(MAX_BUILT_VALUE_SIZE / 2);
    expect((run({ cat: [half, half] }) as string).length).toBe(MAX_BUILT_VALUE_SIZE);
    const message = `cat: the result would have more than MAX_BUILT_VALUE_SIZE (${MAX_BUILT_VALUE_SIZE}) characters, the most a string or list built by a rule may have; this limit is fixed`;
    expect(failure({ cat: [half, half, "y"] })).toBe(message);
    expect(failure({ cat: [half, [half, "y"]] })).toBe(message);
  });

  it.each([
    [["abcdef", 2], "cdef"],
    [["abcdef", -2], "ef"],
    [["abcdef", 1, 3], "bcd"],
    [["abcdef", 1, -1], "bcde"],
    [["abcdef", -4, -1], "cde"],
    [["abcdef", 0, 0], ""],
    [[12345, 1, 2], "23"],
  ])("substr %j is %j", (args, expected) => {
    expect(run({ substr: args })).toBe(expected);
  });

  it("merge flattens one level", () => {
    expect(run({ merge: [[1, 2], 3, [4, [5]]] })).toEqual([1, 2, 3, 4, [5]]);
    expect(run({ merge: [] })).toEqual([]);
    const long = Array.from({ length: MAX_BUILT_VALUE_SIZE }, () => "");
    expect(failure({ merge: [long, long, ["x"]] })).toMatch(/^merge: the result would have more than MAX_BUILT_VALUE_SIZE/);
  });

  it("their growth forms", () => {
    const ctx = (operands: GrowthBound[]) =>
      ({ operands, anyUnknown: operands.some((x) => x.unknown), unknown: UNKNOWN, built: (x: GrowthBound) => ({ built: x }) }) as unknown as GrowthContext;
    // cat: each operand's text, a decimal written with its digits, point and sign.
    expect(op("cat").growth(ctx([b(0, 0, 5), b(3, 2, 0)]))).toEqual({ built: b(0, 0, 5 + 7) });
    expect(op("cat").growth(ctx([b(0, 0, 5), UNKNOWN]))).toBe(UNKNOWN);
    expect(op("substr").growth(ctx([b(0, 0, 9), b(1, 0, 1)]))).toEqual(b(0, 0, 9));
    expect(op("substr").growth(ctx([b(0, 0, 9), UNKNOWN]))).toBe(UNKNOWN);
    // merge: the operands' sizes, one separator each, and the list's brackets.
    expect(op("merge").growth(ctx([b(0, 0, 5), b(3, 2, 0)]))).toEqual({ built: b(0, 0, 1 + 6 + 8) });
    expect(op("merge").growth(ctx([UNKNOWN]))).toBe(UNKNOWN);
    expect(op("in").growth(ctx([b(0, 0, 1), UNKNOWN]))).toBe(UNKNOWN);
  });
});
