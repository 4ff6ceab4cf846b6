import { describe, expect, it } from "vitest";
import { OPERATIONS } from "../../src/ops/index.js";
import type { GrowthContext } from "../../src/ops/operation.js";
import { missingKeys } from "../../src/ops/standard-data.js";
import { problems, run } from "../ops/helpers.js";

// Tests written for mutants of src/ops/standard-data.ts that survived `npm run test:mutation` (docs/testing.md,
// "Mutation testing"). The expected values are json-logic-js 2.0.5's documented semantics (jsonlogic.com
// operations page), which the reference compiler keeps for the conformance suite.

describe("missing: keys whose value is null, absent or the empty string", () => {
  it("reports \"\" and null and absent keys, not 0, false or a string", () => {
    expect(run({ missing: ["a", "b", "c", "d", "e", "f"] }, { a: "", b: 0, c: null, e: false, f: "x" })).toEqual(["a", "c", "d"]);
    expect(run({ missing: "a" }, { a: "" })).toEqual(["a"]);
    expect(run({ missing: "a" }, { a: " " })).toEqual([]);
  });

  it("takes the keys from a list when the first operand is one, ignoring the rest", () => {
    expect(run({ missing: [["a", "b"], "c"] }, { b: 1 })).toEqual(["a"]);
    expect(run({ missing: [] }, {})).toEqual([]);
  });

  it("reads dotted paths", () => {
    expect(run({ missing: ["p.q", "p.r"] }, { p: { q: 1, r: "" } })).toEqual(["p.r"]);
  });

  it("missingKeys: the same rule over plain keys", () => {
    expect(missingKeys(["a", "b", "c", "d"], { a: "", b: 0, c: null })).toEqual(["a", "c", "d"]);
    expect(missingKeys([], {})).toEqual([]);
    expect(missingKeys(["x"], { x: "0" })).toEqual([]);
  });
});

describe("missing_some: [] when at least `need` of the keys are present, else the missing ones", () => {
  it.each([
    [1, ["a", "b"], { a: 1 }, []],
    [1, ["a", "b"], {}, ["a", "b"]],
    [2, ["a", "b"], { a: 1 }, ["b"]],
    [2, ["a", "b", "c"], { a: 1, c: 2 }, []], // exactly need present
    [2, ["a", "b", "c"], { a: 1, c: "" }, ["b", "c"]],
    [0, ["a"], {}, []],
  ])("need %i of %j in %j: %j", (need, keys, data, expected) => {
    expect(run({ missing_some: [need, keys] }, data)).toEqual(expected);
  });
});

describe("the iterators, on a list and on anything else", () => {
  const positive = { ">": [{ var: "" }, 0] };
  it("filter and map", () => {
    expect(run({ filter: [{ var: "xs" }, positive] }, { xs: [-1, 2, 0, 3] })).toEqual([2, 3]);
    expect(run({ map: [{ var: "xs" }, { "*": [{ var: "" }, 2] }] }, { xs: [1, 2] })).toEqual([2, 4]);
    expect(run({ filter: [{ var: "xs" }, positive] }, { xs: 5 })).toEqual([]);
    expect(run({ map: [{ var: "xs" }, positive] }, {})).toEqual([]);
  });

  it("all: false on an empty list or a non-list, else every item truthy", () => {
    expect(run({ all: [{ var: "xs" }, positive] }, { xs: [1, 2] })).toBe(true);
    expect(run({ all: [{ var: "xs" }, positive] }, { xs: [1, 0] })).toBe(false);
    expect(run({ all: [{ var: "xs" }, positive] }, { xs: [] })).toBe(false);
    expect(run({ all: [{ var: "xs" }, positive] }, { xs: "12" })).toBe(false);
  });

  it("none: true on an empty list or a non-list, else no item truthy", () => {
    expect(run({ none: [{ var: "xs" }, positive] }, { xs: [0, -1] })).toBe(true);
    expect(run({ none: [{ var: "xs" }, positive] }, { xs: [0, 1] })).toBe(false);
    expect(run({ none: [{ var: "xs" }, positive] }, { xs: [] })).toBe(true);
    expect(run({ none: [{ var: "xs" }, positive] }, {})).toBe(true);
  });

  it("some: false on an empty list or a non-list, else some item truthy", () => {
    expect(run({ some: [{ var: "xs" }, positive] }, { xs: [0, 1] })).toBe(true);
    expect(run({ some: [{ var: "xs" }, positive] }, { xs: [0, -1] })).toBe(false);
    expect(run({ some: [{ var: "xs" }, positive] }, { xs: [] })).toBe(false);
    expect(run({ some: [{ var: "xs" }, positive] }, { xs: 1 })).toBe(false);
  });

  it("reduce: the body sees current and accumulator; a non-list gives the initial value, null without one", () => {
    const sum = { "+": [{ var: "current" }, { var: "accumulator" }] };
    expect(run({ reduce: [{ var: "xs" }, sum, 10] }, { xs: [1, 2, 3] })).toBe(16);
    expect(run({ reduce: [{ var: "xs" }, sum, 10] }, { xs: "no" })).toBe(10);
    expect(run({ reduce: [{ var: "xs" }, sum] }, { xs: "no" })).toBe(null);
    expect(run({ reduce: [{ var: "xs" }, { cat: [{ var: "accumulator" }, { var: "current" }] }, ""] }, { xs: ["a", "b"] })).toBe("ab");
  });
});

describe("log and method", () => {
  it("log gives its first operand back", () => {
    expect(run({ log: ["x", "y"] })).toBe("x");
    expect(run({ log: [{ var: "a" }] }, { a: 7 })).toBe(7);
  });

  it("method throws as json-logic-js does on an operation it does not know", () => {
    expect(() => run({ method: ["x", "toUpperCase"] })).toThrow(new Error("Unrecognized operation method"));
  });
});

describe("the rule profile rejects each of them, saying why", () => {
  it.each([
    ["log", "`log` writes to the console from data; rule files may not use it"],
    ["method", "`method` calls functions on data and allowed code execution (json-logic-js advisory 1542); it is never allowed"],
    ["missing", "`missing` is not needed: required inputs are enforced by the input schema"],
    ["missing_some", "`missing_some` is not needed: required inputs are enforced by the input schema"],
    ["filter", "iteration over data is not part of the rule profile"],
    ["reduce", "iteration over data is not part of the rule profile"],
    ["some", "iteration over data is not part of the rule profile"],
  ])("%s", (name, reason) => {
    expect(problems({ [name]: [] })).toContain(`forbidden_operation @/${name}: operation "${name}" is not allowed in rule files: ${reason}`);
    expect(OPERATIONS.get(name)!.result).toBe("any");
  });

  it("their growth form is a scalar, unknown when an operand is", () => {
    const ctx = (anyUnknown: boolean) => ({ anyUnknown, scalar: { text: 1 }, unknown: { text: -1 } }) as unknown as GrowthContext;
    expect(OPERATIONS.get("missing")!.growth(ctx(false))).toEqual({ text: 1 });
    expect(OPERATIONS.get("missing")!.growth(ctx(true))).toEqual({ text: -1 });
  });
});
