import { describe, expect, it } from "vitest";
import { CheckResult, buildFactsValidator } from "../../src/engine/facts.js";
import type { InputSpec } from "../../src/schema/rule-file.js";

// The compiled facts validator (src/engine/facts.ts) marks the inputs it has seen in a 31-bit mask when a
// rule has at most 30 inputs, and in the slots themselves beyond that (a JS shift is taken modulo 32:
// `1 << 32` is `1 << 0`, so a mask cannot tell input 32 from input 0). Issue #13's mutation run left the
// choice between the two untested at the edges; these tests ask, for rules of 30 to 64 inputs, the
// verdicts the facts walk's contract gives: every input without a default is required, whichever inputs
// the facts give and in whatever order, and a check never reuses what an earlier check left in the slots.

const label = { zh: "测试", en: "test" };
const { Fast, Invalid } = CheckResult;

/** `n` required integer inputs `in0`…; with `lastDefault`, the last one is a boolean defaulting to true. */
function inputsOf(n: number, lastDefault = false): Record<string, InputSpec> {
  const inputs: Record<string, InputSpec> = {};
  for (let i = 0; i < n; i++) inputs[`in${i}`] = lastDefault && i === n - 1 ? { type: "boolean", label, default: true } : { type: "integer", label };
  return inputs;
}
/** Facts giving input `in<i>` the value i, for every i in `which`. */
const factsOf = (which: Iterable<number>) => Object.fromEntries([...which].map((i) => [`in${i}`, i]));
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const without = (n: number, gone: number) => range(n).filter((i) => i !== gone);

function check(inputs: Record<string, InputSpec>, facts: unknown, slots: unknown[] = []) {
  const validator = buildFactsValidator(inputs);
  if (!validator) throw new Error("no validator");
  return validator.check(facts, slots);
}

describe("rules of 30 to 64 inputs: every required input is required", () => {
  for (const n of [30, 31, 32, 33, 63, 64]) {
    it(`${n} inputs: empty facts are invalid`, () => {
      expect(check(inputsOf(n), {})).toBe(Invalid);
    });
    it(`${n} inputs: all of them, in declared and in reverse order, are Fast with every slot`, () => {
      const inputs = inputsOf(n);
      for (const order of [range(n), range(n).reverse()]) {
        const slots: unknown[] = [];
        expect(check(inputs, factsOf(order), slots)).toBe(Fast);
        // No enum input: nothing is written beyond the inputs' own slots.
        expect(slots).toEqual(range(n));
      }
    });
    it(`${n} inputs: without any single one of them, invalid`, () => {
      const validator = buildFactsValidator(inputsOf(n))!;
      for (let gone = 0; gone < n; gone++) expect(validator.check(factsOf(without(n, gone)), []), `without in${gone}`).toBe(Invalid);
    });
  }
  it("33 inputs: input 32 given does not stand for input 0 (nor 0 for 32)", () => {
    const inputs = inputsOf(33);
    expect(check(inputs, factsOf(range(33).slice(1)))).toBe(Invalid);
    expect(check(inputs, factsOf(range(32)))).toBe(Invalid);
    expect(check(inputs, { in0: 0, in32: 32 })).toBe(Invalid);
  });
  it("a lone input of a wide rule is not enough, whichever it is", () => {
    for (const n of [31, 32, 33, 64]) {
      const inputs = inputsOf(n);
      for (const only of [0, 30, n - 1]) expect(check(inputs, factsOf([only])), `${n} inputs, only in${only}`).toBe(Invalid);
    }
  });
});

describe("rules of more than 30 inputs: defaults and reused slots", () => {
  for (const n of [31, 33, 64]) {
    it(`${n} inputs: the last absent takes its default; with the others absent too, invalid`, () => {
      const inputs = inputsOf(n, true);
      const slots: unknown[] = [];
      expect(check(inputs, factsOf(range(n - 1)), slots)).toBe(Fast);
      expect(slots[n - 1]).toBe(true);
      expect(check(inputs, {})).toBe(Invalid);
      expect(check(inputs, factsOf([n - 1]))).toBe(Invalid);
    });
    it(`${n} inputs: one validator, one slot array: a check after a complete one still finds the missing input`, () => {
      const validator = buildFactsValidator(inputsOf(n))!;
      const slots: unknown[] = [];
      for (let gone = 0; gone < n; gone += 7) {
        expect(validator.check(factsOf(range(n)), slots)).toBe(Fast);
        expect(validator.check(factsOf(without(n, gone)), slots), `without in${gone}`).toBe(Invalid);
        expect(validator.check({}, slots)).toBe(Invalid);
      }
    });
  }
});
