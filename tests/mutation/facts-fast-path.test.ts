import { beforeEach, describe, expect, it, vi } from "vitest";
import * as scaled from "../../src/exact/scaled.js";
import { CheckResult } from "../../src/engine/facts.js";
import { label, validatorOf, values } from "./facts-helpers.js";
import type { InputSpec } from "../../src/schema/rule-file.js";

// Which path decided (issue #13, src/engine/facts.ts): the compiled validator's inline readers must take
// every value they are documented to take themselves (verdict `Fast`, `overruled` stays 0), and must
// hand on what they do not take to the input's check (which gives `Invalid`, never a wrong `Fast`). A
// reader stricter than documented gives the same final decision through the check, so these tests look
// at the verdict together with `overruled`, and, for money, at how often the text is parsed: the inline
// money reader parses a taken value once (the shared reader is not called for it). Expected values come
// from the readers' doc comments: money bounds inclusive in fen, text patterns `^[class]+$` / `*`
// (at most 200 characters), enum values compared exactly, booleans only true/false.

vi.mock("../../src/exact/scaled.js", async (original) => {
  const actual = await original<typeof import("../../src/exact/scaled.js")>();
  return { ...actual, parseFen: vi.fn(actual.parseFen) };
});
const parseFen = vi.mocked(scaled.parseFen);

const { Fast, Valid, Invalid } = CheckResult;

/** Verdict, slots and overruled count of one check on a fresh validator. */
function run(inputs: Record<string, InputSpec>, facts: unknown) {
  const validator = validatorOf(inputs);
  const slots: unknown[] = [];
  const verdict = validator.check(facts, slots);
  return { verdict, slots, overruled: validator.overruled };
}

beforeEach(() => {
  parseFen.mockClear();
});

describe("money: the inline reader takes text within the bounds itself", () => {
  const inputs: Record<string, InputSpec> = { amount: { type: "money", label, min: "10", max: "20" } };
  it.each([
    ["10", 1000],
    ["10.01", 1001],
    ["19.99", 1999],
    ["20", 2000],
    ["20.00", 2000],
  ])("%s: Fast, parsed once, never overruled", (amount, fen) => {
    expect(run(inputs, { amount })).toEqual({ verdict: Fast, slots: [fen], overruled: 0 });
    expect(parseFen).toHaveBeenCalledTimes(1);
  });
  it("the default minimum 0 is taken inline; zero's slot has no sign", () => {
    const r = run({ amount: { type: "money", label } }, { amount: "0" });
    expect(r).toEqual({ verdict: Fast, slots: [0], overruled: 0 });
    expect(parseFen).toHaveBeenCalledTimes(1);
    const signed = run({ amount: { type: "money", label, min: "-1" } }, { amount: "-0" });
    expect(signed.verdict).toBe(Fast);
    expect(Object.is(signed.slots[0], 0)).toBe(true);
  });
  it.each(["9.99", "20.01", "-0.01", "1e3", "10.001"])("%s: handed on, and the check refuses it", (amount) => {
    expect(run(inputs, { amount })).toMatchObject({ verdict: Invalid, overruled: 0 });
  });
  it("a number is not text: the type's reader takes an exact one, without the overruling check", () => {
    expect(run(inputs, { amount: 15 })).toEqual({ verdict: Fast, slots: [1500], overruled: 0 });
    expect(run(inputs, { amount: 25 })).toMatchObject({ verdict: Invalid, overruled: 0 });
  });
});

describe("enum and boolean: taken inline, anything else handed on", () => {
  const inputs: Record<string, InputSpec> = { city: { type: "enum", label, values: values("bj", "tj", "hb") }, ok: { type: "boolean", label } };
  it.each([
    ["bj", true, 0],
    ["tj", false, 1],
    ["hb", true, 2],
  ] as const)("%s / %s: Fast with its position, never overruled", (city, ok, k) => {
    expect(run(inputs, { city, ok })).toEqual({ verdict: Fast, slots: [city, ok, k], overruled: 0 });
    expect(run(inputs, { ok, city })).toEqual({ verdict: Fast, slots: [city, ok, k], overruled: 0 });
  });
  it.each(["BJ", "bj ", "", "constructor"])("enum %j is refused by the check", (city) => {
    expect(run(inputs, { city, ok: true })).toMatchObject({ verdict: Invalid, overruled: 0 });
  });
  it.each([1, 0, "true", null])("boolean %j is refused by the check", (ok) => {
    expect(run(inputs, { city: "bj", ok })).toMatchObject({ verdict: Invalid, overruled: 0 });
  });
  it("an enum of 17 values (a set): every value Fast, others refused", () => {
    const many = Array.from({ length: 17 }, (_, i) => `v${i}`);
    const big: Record<string, InputSpec> = { code: { type: "enum", label, values: values(...many) } };
    for (const code of many) expect(run(big, { code }), code).toEqual({ verdict: Fast, slots: [code], overruled: 0 });
    for (const code of ["v17", "V1", 1]) expect(run(big, { code }), String(code)).toMatchObject({ verdict: Invalid, overruled: 0 });
  });
  it("an enum given through the shared reader (the value after an inherited key) is Fast too", () => {
    class Facts { constructor(public city: string, public ok: boolean) {} }
    (Facts.prototype as unknown as Record<string, unknown>).extra = 1;
    Object.defineProperty(Facts.prototype, "extra", { enumerable: true });
    expect(run(inputs, new Facts("tj", true))).toEqual({ verdict: Fast, slots: ["tj", true, 1], overruled: 0 });
  });
});

describe("text with a character-class pattern: the table reader", () => {
  const plus: Record<string, InputSpec> = { code: { type: "string", label, pattern: "^[a-z0-9_.-]+$" } };
  const star: Record<string, InputSpec> = { code: { type: "string", label, pattern: "^[A-F]*$" } };
  it.each(["a", "z", "0", "9", "_", ".", "-", "a.b-c_9", "x".repeat(200)])("%s (pattern +): Fast, never overruled", (code) => {
    expect(run(plus, { code })).toEqual({ verdict: Fast, slots: [code], overruled: 0 });
  });
  it.each(["", "A", "a b", "é", "a\u0080", "/", "`", "{", "x".repeat(201)])("%j (pattern +): refused by the check", (code) => {
    expect(run(plus, { code })).toMatchObject({ verdict: Invalid, overruled: 0 });
  });
  it("pattern *: the empty text is taken inline, and only the class", () => {
    expect(run(star, { code: "" })).toEqual({ verdict: Fast, slots: [""], overruled: 0 });
    expect(run(star, { code: "ABCDEF" })).toEqual({ verdict: Fast, slots: ["ABCDEF"], overruled: 0 });
    expect(run(star, { code: "ABCDEFG" })).toMatchObject({ verdict: Invalid, overruled: 0 });
    expect(run(star, { code: "@" })).toMatchObject({ verdict: Invalid, overruled: 0 });
  });
});

describe("text without a table (a date, a free string): the type's reader, then the cache", () => {
  const dates: Record<string, InputSpec> = { day: { type: "date", label } };
  it("a refused text is never remembered as accepted: asked twice, refused twice", () => {
    const v = validatorOf(dates);
    for (let round = 0; round < 3; round++) {
      expect(v.check({ day: "2023-02-29" }, [])).toBe(Invalid);
      expect(v.check({ day: "2024-02-29" }, [])).toBe(Fast);
    }
    expect(v.overruled).toBe(0);
  });
  it("five accepted dates in turn (more than the cache holds), each Fast again, a refused one between", () => {
    const v = validatorOf(dates);
    const days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"];
    for (let round = 0; round < 3; round++) {
      for (const day of days) {
        const slots: unknown[] = [];
        expect(v.check({ day }, slots), day).toBe(Fast);
        expect(slots).toEqual([day]);
        expect(v.check({ day: "2024-13-01" }, [])).toBe(Invalid);
      }
    }
    expect(v.overruled).toBe(0);
  });
  it("a pattern that is not a plain class goes through the regular expression, and caches only accepted texts", () => {
    const v = validatorOf({ code: { type: "string", label, pattern: "^[a-z]{2}$" } });
    for (let round = 0; round < 2; round++) {
      expect(v.check({ code: "ab" }, [])).toBe(Fast);
      expect(v.check({ code: "abc" }, [])).toBe(Invalid);
      expect(v.check({ code: 12 }, [])).toBe(Invalid);
    }
    expect(v.overruled).toBe(0);
  });
  it("separate inputs keep separate caches", () => {
    const v = validatorOf({ a: { type: "string", label, pattern: "^[a-z]{2}$" }, b: { type: "string", label, pattern: "^[0-9]{2}$" } });
    expect(v.check({ a: "ab", b: "12" }, [])).toBe(Fast);
    expect(v.check({ a: "12", b: "12" }, [])).toBe(Invalid);
    expect(v.check({ a: "ab", b: "ab" }, [])).toBe(Invalid);
    expect(v.overruled).toBe(0);
  });
});

describe("the other kinds (decimal, rate, integer, enumList): the type's reader", () => {
  const inputs: Record<string, InputSpec> = {
    d: { type: "decimal", label },
    r: { type: "rate", label },
    n: { type: "integer", label },
    l: { type: "enumList", label, values: values("x", "y") },
  };
  it("valid values are Fast, never overruled", () => {
    const r = run(inputs, { d: "1.5", r: "0.25", n: 3, l: ["y"] });
    expect(r).toMatchObject({ verdict: Fast, overruled: 0 });
    expect(r.slots.slice(0, 3)).toEqual([1_500_000, 250_000, 3]);
  });
  it.each([
    [{ d: "x" }],
    [{ r: "abc" }],
    [{ n: 1.5 }],
    [{ l: ["z"] }],
  ])("%j: refused by the check", (bad) => {
    expect(run(inputs, { d: "1", r: "0", n: 0, l: [], ...bad })).toMatchObject({ verdict: Invalid, overruled: 0 });
  });
});

describe("a value valid but not fast is Valid, not overruled", () => {
  it("money beyond 2^53 fen", () => {
    expect(run({ amount: { type: "money", label } }, { amount: "999999999999999.99" })).toMatchObject({ verdict: Valid, overruled: 0 });
  });
});
