import { describe, expect, it } from "vitest";
import { CheckResult, buildFactsChecker, buildFactsValidator, slotData } from "../../src/engine/facts.js";
import type { InputSpec } from "../../src/schema/rule-file.js";

// Focused tests of src/engine/facts.ts for `npm run test:mutation` (docs/testing.md, "Mutation testing"):
// the compiled validator's verdict (Fast: every slot holds its fast value; Valid: valid, for the reference
// path; Invalid), the slots it writes, and the facts walk's issues, on small input lists built here. The
// expected values follow from the module's contract: money in fen, decimals and rates in millionths,
// integers as numbers, other values in their canonical form; enum positions after the inputs' slots.

const label = { zh: "测试", en: "test" };
const values = (...names: string[]) => Object.fromEntries(names.map((n) => [n, label]));

/** The verdict and the slots of one check. */
function run(inputs: Record<string, InputSpec>, facts: unknown): { verdict: CheckResult; slots: unknown[] } {
  const validator = buildFactsValidator(inputs);
  if (!validator) throw new Error("no validator");
  const slots: unknown[] = [];
  return { verdict: validator.check(facts, slots), slots };
}
const verdictOf = (inputs: Record<string, InputSpec>, facts: unknown) => run(inputs, facts).verdict;
const { Fast, Valid, Invalid } = CheckResult;

describe("the compiled validator: money read inline", () => {
  const inputs: Record<string, InputSpec> = { amount: { type: "money", label, min: "10", max: "20" } };
  it("money text within the bounds (both inclusive) is read in fen", () => {
    expect(run(inputs, { amount: "10" })).toEqual({ verdict: Fast, slots: [1000] });
    expect(run(inputs, { amount: "20.00" })).toEqual({ verdict: Fast, slots: [2000] });
    expect(run(inputs, { amount: "15.5" })).toEqual({ verdict: Fast, slots: [1550] });
  });
  it("money outside the bounds, or not money, is invalid", () => {
    for (const amount of ["9.99", "20.01", "-15", "15.555", "abc", "", true, null, [], {}]) expect(verdictOf(inputs, { amount }), JSON.stringify(amount)).toBe(Invalid);
  });
  it("money as an exact JS number goes through the type's reader: in fen too", () => {
    expect(run(inputs, { amount: 12.5 })).toEqual({ verdict: Fast, slots: [1250] });
    expect(verdictOf(inputs, { amount: 0.1 + 0.2 })).toBe(Invalid);
  });
  it("zero has no sign in its slot", () => {
    const signed: Record<string, InputSpec> = { amount: { type: "money", label, min: "-5" } };
    const { verdict, slots } = run(signed, { amount: "-0.00" });
    expect(verdict).toBe(Fast);
    expect(Object.is(slots[0], 0)).toBe(true);
  });
  it("money beyond 2^53 fen is valid, for the reference path", () => {
    expect(verdictOf({ amount: { type: "money", label } }, { amount: "999999999999999.99" })).toBe(Valid);
  });
  it("the default minimum is 0; a fractional bound rounds inwards to the fen", () => {
    expect(verdictOf({ amount: { type: "money", label } }, { amount: "-0.01" })).toBe(Invalid);
    expect(verdictOf({ amount: { type: "money", label, min: "0.001" } }, { amount: "0" })).toBe(Invalid);
    expect(run({ amount: { type: "money", label, min: "0.001" } }, { amount: "0.01" })).toEqual({ verdict: Fast, slots: [1] });
    expect(verdictOf({ amount: { type: "money", label, max: "0.019" } }, { amount: "0.02" })).toBe(Invalid);
  });
});

describe("the compiled validator: enums", () => {
  const inputs: Record<string, InputSpec> = { city: { type: "enum", label, values: values("bj", "tj", "hb") }, flag: { type: "boolean", label } };
  it("a value is its slot, and its position in the values follows the inputs' slots", () => {
    expect(run(inputs, { city: "hb", flag: true })).toEqual({ verdict: Fast, slots: ["hb", true, 2] });
    expect(run(inputs, { flag: false, city: "bj" })).toEqual({ verdict: Fast, slots: ["bj", false, 0] });
  });
  it("anything else is invalid, an inherited name too", () => {
    for (const city of ["sh", "toString", "", 1, null]) expect(verdictOf(inputs, { city, flag: true }), JSON.stringify(city)).toBe(Invalid);
  });
  it("an enum with a default: absent, the default's position is written too", () => {
    const withDefault: Record<string, InputSpec> = { flag: { type: "boolean", label }, city: { type: "enum", label, values: values("bj", "tj"), default: "tj" } };
    expect(run(withDefault, { flag: true })).toEqual({ verdict: Fast, slots: [true, "tj", undefined, 1] });
    expect(run(withDefault, { flag: true, city: undefined })).toEqual({ verdict: Fast, slots: [true, "tj", undefined, 1] });
  });
  it("an enum of more than 16 values is read through a set: the same answers", () => {
    const many = Array.from({ length: 17 }, (_, i) => `v${i}`);
    const big: Record<string, InputSpec> = { code: { type: "enum", label, values: values(...many) } };
    const validator = buildFactsValidator(big)!;
    expect(validator.enumValues).toEqual([undefined]);
    expect(run(big, { code: "v16" })).toEqual({ verdict: Fast, slots: ["v16"] });
    expect(verdictOf(big, { code: "v17" })).toBe(Invalid);
    expect(verdictOf(big, { code: 16 })).toBe(Invalid);
    expect(buildFactsValidator(inputs)!.enumValues).toEqual([["bj", "tj", "hb"], undefined]);
    const sixteen: Record<string, InputSpec> = { code: { type: "enum", label, values: values(...many.slice(0, 16)) } };
    expect(buildFactsValidator(sixteen)!.enumValues).toEqual([many.slice(0, 16)]);
  });
});

describe("the compiled validator: booleans and texts", () => {
  it("a boolean is true or false", () => {
    const inputs: Record<string, InputSpec> = { ok: { type: "boolean", label } };
    expect(run(inputs, { ok: false })).toEqual({ verdict: Fast, slots: [false] });
    for (const ok of ["true", 1, 0, null]) expect(verdictOf(inputs, { ok })).toBe(Invalid);
  });
  it("a string with an ASCII-class pattern is read by its table: at most 200 characters, at least one for +", () => {
    const inputs: Record<string, InputSpec> = { code: { type: "string", label, pattern: "^[a-c]+$" } };
    expect(run(inputs, { code: "abc" })).toEqual({ verdict: Fast, slots: ["abc"] });
    expect(run(inputs, { code: "a".repeat(200) })).toEqual({ verdict: Fast, slots: ["a".repeat(200)] });
    for (const code of ["a".repeat(201), "", "abd", "aé", "a\u0100", 5]) expect(verdictOf(inputs, { code }), JSON.stringify(code)).toBe(Invalid);
  });
  it("remembered texts (the last four) are taken again, and a fifth does not evict a wrong one", () => {
    const inputs: Record<string, InputSpec> = { day: { type: "date", label } };
    const validator = buildFactsValidator(inputs)!;
    const slots: unknown[] = [];
    const days = ["2024-01-01", "2024-01-02", "2024-01-03", "2024-01-04", "2024-01-05"];
    for (const round of [1, 2]) {
      for (const day of days) {
        expect(validator.check({ day }, slots), `${day}, round ${round}`).toBe(Fast);
        expect(slots[0]).toBe(day);
      }
      expect(validator.check({ day: "2024-02-30" }, slots)).toBe(Invalid);
      expect(validator.check({ day: "2024-01-05T00:00" }, slots)).toBe(Invalid);
      expect(validator.check({ day: 20240105 }, slots)).toBe(Invalid);
    }
  });
  it("a string without a table is checked by its type: the text is its slot", () => {
    const inputs: Record<string, InputSpec> = { name: { type: "string", label }, code: { type: "string", label, pattern: "^[a-c]{2}$" } };
    expect(run(inputs, { name: "x", code: "ab" })).toEqual({ verdict: Fast, slots: ["x", "ab"] });
    expect(verdictOf(inputs, { name: "x", code: "abc" })).toBe(Invalid);
    expect(verdictOf(inputs, { name: "x".repeat(201), code: "ab" })).toBe(Invalid);
  });
});

describe("the compiled validator: other kinds go through their reader", () => {
  const inputs: Record<string, InputSpec> = {
    share: { type: "rate", label, min: "0", max: "1" },
    size: { type: "decimal", label },
    count: { type: "integer", label, min: "0" },
    kinds: { type: "enumList", label, values: values("a", "b") },
  };
  it("rates and decimals in millionths, integers as numbers, lists in their canonical form", () => {
    expect(run(inputs, { share: "0.15", size: 2.5, count: 3, kinds: ["b", "a", "b"] })).toEqual({ verdict: Fast, slots: [150000, 2500000, 3, ["b", "a"]] });
  });
  it("a decimal with more than 6 decimals is valid, for the reference path", () => {
    expect(verdictOf(inputs, { share: "0.1234567", size: "1", count: 0, kinds: [] })).toBe(Valid);
  });
  it("each invalid value is invalid", () => {
    const valid = { share: "0.15", size: "1", count: 1, kinds: [] };
    for (const [name, bad] of [["share", "1.5"], ["size", "1e3"], ["count", -1], ["count", 1.5], ["kinds", ["c"]]] as const) {
      expect(verdictOf(inputs, { ...valid, [name]: bad }), `${name}: ${JSON.stringify(bad)}`).toBe(Invalid);
    }
  });
  it("data() gives the canonical facts from the slots", () => {
    const validator = buildFactsValidator({ amount: { type: "money", label }, ...inputs })!;
    const slots: unknown[] = [];
    expect(validator.check({ amount: "5", share: "0.150", size: "2.50", count: 3, kinds: ["a"] }, slots)).toBe(Fast);
    expect(validator.data(slots)).toStrictEqual({ amount: "5.00", share: "0.15", size: "2.5", count: 3, kinds: ["a"] });
    expect(validator.names).toEqual(["amount", "share", "size", "count", "kinds"]);
    expect(validator.kinds).toEqual(["money", "decimal", "decimal", "integer", "plain"]);
  });
  it("slotData: each kind's canonical value", () => {
    expect(slotData("money", 300000000)).toBe("3000000.00");
    expect(slotData("decimal", 1500000)).toBe("1.5");
    expect(slotData("integer", 7)).toBe(7);
    expect(slotData("plain", "x")).toBe("x");
  });
});

describe("the compiled validator: the keys of the facts", () => {
  const inputs: Record<string, InputSpec> = {
    a: { type: "boolean", label },
    b: { type: "integer", label, default: 5 },
    c: { type: "string", label },
  };
  it("inputs in any order; an absent input with a default takes it; one without a default is invalid", () => {
    expect(run(inputs, { c: "x", a: true })).toEqual({ verdict: Fast, slots: [true, 5, "x"] });
    expect(run(inputs, { a: false, b: 7, c: "y" })).toEqual({ verdict: Fast, slots: [false, 7, "y"] });
    expect(run(inputs, { a: false, b: undefined, c: "y" })).toEqual({ verdict: Fast, slots: [false, 5, "y"] });
    expect(verdictOf(inputs, { a: true })).toBe(Invalid);
    expect(verdictOf(inputs, { c: "x" })).toBe(Invalid);
    expect(verdictOf(inputs, { a: true, c: undefined })).toBe(Invalid);
  });
  it("an unknown key is invalid; facts that are not an object are invalid", () => {
    expect(verdictOf(inputs, { a: true, c: "x", d: 1 })).toBe(Invalid);
    for (const facts of [null, undefined, [true, 5, "x"], "x", 1]) expect(verdictOf(inputs, facts)).toBe(Invalid);
  });
  it("inherited properties are not facts: neither an input nor an unknown key", () => {
    const proto = { c: "x", d: 1 };
    const facts = Object.assign(Object.create(proto), { a: true });
    expect(verdictOf(inputs, facts)).toBe(Invalid); // c is missing: the inherited one does not count
    const withC = Object.assign(Object.create({ d: 1 }), { a: true, c: "x" });
    expect(run(inputs, withC)).toEqual({ verdict: Fast, slots: [true, 5, "x"] });
    class Facts {
      a = true;
      c = "x";
    }
    expect(run(inputs, new Facts())).toEqual({ verdict: Fast, slots: [true, 5, "x"] });
    expect(run(inputs, Object.assign(Object.create(null), { a: true, c: "x" }))).toEqual({ verdict: Fast, slots: [true, 5, "x"] });
  });
  it("a getter that throws makes the facts invalid, not an error", () => {
    const facts = Object.defineProperty({ a: true }, "c", { get: () => { throw new Error("boom"); }, enumerable: true });
    expect(verdictOf(inputs, facts)).toBe(Invalid);
  });
  it("a default that the fast reader cannot read: no compiled validator", () => {
    expect(buildFactsValidator({ big: { type: "money", label, default: "999999999999999.99" } })).toBeUndefined();
    expect(buildFactsValidator({ bad: { type: "integer", label, default: "x" as never } })).toBeUndefined();
    expect(buildFactsValidator({ ok: { type: "money", label, default: "1" } })).toBeDefined();
  });
});

describe("the compiled validator: more than 30 inputs", () => {
  const make = (n: number) => {
    const inputs: Record<string, InputSpec> = {};
    for (let i = 0; i < n; i++) inputs[`in${i}`] = i === n - 1 ? { type: "boolean", label, default: true } : { type: "integer", label };
    return inputs;
  };
  for (const n of [30, 31, 32]) {
    it(`${n} inputs: every one required but the last, which has a default`, () => {
      const inputs = make(n);
      const all = Object.fromEntries(Object.keys(inputs).map((k, i) => [k, i === n - 1 ? false : i]));
      const { verdict, slots } = run(inputs, all);
      expect(verdict).toBe(Fast);
      expect(slots.slice(0, n)).toEqual([...Array.from({ length: n - 1 }, (_, i) => i), false]);
      const { [`in${n - 1}`]: _last, ...withoutLast } = all;
      const defaulted = run(inputs, withoutLast);
      expect(defaulted.verdict).toBe(Fast);
      expect(defaulted.slots[n - 1]).toBe(true);
      for (const missing of [0, n - 2]) {
        const { [`in${missing}`]: _gone, ...rest } = all;
        expect(verdictOf(inputs, rest), `without in${missing}`).toBe(Invalid);
      }
      // A second check with the same slots: nothing is left over from the first.
      const validator = buildFactsValidator(inputs)!;
      const reused: unknown[] = [];
      expect(validator.check(all, reused)).toBe(Fast);
      const { in0: _first, ...withoutFirst } = all;
      expect(validator.check(withoutFirst, reused)).toBe(Invalid);
    });
  }
});

describe("the facts walk", () => {
  const inputs: Record<string, InputSpec> = { a: { type: "boolean", label }, b: { type: "integer", label, default: 5 } };
  const checker = buildFactsChecker(inputs);
  it("an input given as undefined takes its default; an absent one too; the data in declaration order", () => {
    expect(checker.check({ b: undefined, a: true })).toStrictEqual({ success: true, data: { a: true, b: 5 } });
    expect(checker.check({ a: true })).toStrictEqual({ success: true, data: { a: true, b: 5 } });
  });
  it("exactly 20 unknown keys are named without a count of the rest; 21 add one issue", () => {
    const keys = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, i]));
    const twenty = checker.check({ a: true, ...keys(20) });
    expect(twenty.success ? [] : twenty.issues.map((i) => i.path)).toEqual(Array.from({ length: 20 }, (_, i) => `k${i}`));
    const more = checker.check({ a: true, ...keys(21) });
    expect(more.success ? [] : more.issues.slice(19).map((i) => [i.path, i.message])).toEqual([
      ["k19", 'not an input of this rule: "k19"'],
      ["", "and 1 more keys that are not inputs of this rule"],
    ]);
  });
  it("a key of exactly 40 characters is not cut; 41 are", () => {
    const forty = "k".repeat(40);
    const r = checker.check({ a: true, [forty]: 1, [`${forty}x`]: 2 });
    expect(r.success ? [] : r.issues.map((i) => i.path)).toEqual([forty, `${forty}…`]);
  });
  it("an input whose getter throws is unreadable_input, at its path", () => {
    const facts = Object.defineProperty({}, "a", { get: () => { throw new TypeError("no"); }, enumerable: true });
    expect(checker.check(facts)).toStrictEqual({
      success: false,
      issues: [{ code: "unreadable_input", path: "a", message: "the value could not be read: TypeError: no", expected: "true or false", received: "a value whose getter or proxy threw" }],
    });
  });
  it("inherited properties are neither inputs nor unknown keys", () => {
    const facts = Object.assign(Object.create({ a: true, z: 1 }), {});
    expect(checker.check(facts)).toMatchObject({ success: false, issues: [{ code: "missing_input", path: "a" }] });
  });
});
