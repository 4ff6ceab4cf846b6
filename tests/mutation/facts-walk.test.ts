import { afterEach, describe, expect, it } from "vitest";
import { CheckResult, buildFactsValidator } from "../../src/engine/facts.js";
import { label, validatorOf, values } from "./facts-helpers.js";
import type { InputSpec } from "../../src/schema/rule-file.js";
import type { ValueTypeModule } from "../../src/types/index.js";
// The value types as the engine reads them (types/runtime.ts; VALUE_TYPES of types/index.ts adds the forms to copies).
import { RUNTIME_VALUE_TYPES as VALUE_TYPES } from "../../src/types/runtime.js";

// Survivors of issue #13's mutation run of src/engine/facts.ts, the compiled facts validator: how it
// walks the keys of the facts, which facts it refuses before reading a key, when it gives up compiling,
// and which reader decides each kind of value. The expected verdicts come from the facts walk's contract
// (a strict object; every input required unless it has a default); the work bounds from the module's
// comments (inherited keys are looked up only when the prototype chain has enumerable properties; an
// accepted text is remembered, the last four; short enums and money text are read inline). Work is
// counted structurally (calls to a proxy trap or to a type's reader), never timed.

const { Fast, Valid, Invalid } = CheckResult;


describe("the keys of the facts", () => {
  const inputs: Record<string, InputSpec> = { a: { type: "boolean", label }, b: { type: "integer", label } };

  it("plain facts: each key's own descriptor is looked up once (by for…in), never a second time for hasOwnProperty", () => {
    const counted = (target: object) => {
      let lookups = 0;
      const proxy = new Proxy(target, {
        getOwnPropertyDescriptor(t, key) {
          lookups++;
          return Reflect.getOwnPropertyDescriptor(t, key);
        },
      });
      return { proxy, lookups: () => lookups };
    };
    // The same facts with a bare for…in: the lookups the language itself makes.
    const bare = counted({ a: true, b: 1 });
    for (const _ in bare.proxy);
    const facts = counted({ a: true, b: 1 });
    expect(validatorOf(inputs).check(facts.proxy, [])).toBe(Fast);
    expect(facts.lookups()).toBe(bare.lookups());
    // On a null prototype too (no prototype to inherit from).
    const bareNull = counted(Object.assign(Object.create(null), { a: true, b: 1 }));
    for (const _ in bareNull.proxy);
    const factsNull = counted(Object.assign(Object.create(null), { a: true, b: 1 }));
    expect(validatorOf(inputs).check(factsNull.proxy, [])).toBe(Fast);
    expect(factsNull.lookups()).toBe(bareNull.lookups());
  });

  it("a prototype with enumerable properties: the inherited ones are skipped, the own ones still read", () => {
    const proto = { a: false, b: 2, z: 1 };
    expect(validatorOf(inputs).check(Object.assign(Object.create(proto), { a: true, b: 1 }), [])).toBe(Fast);
    expect(validatorOf(inputs).check(Object.assign(Object.create(proto), { a: true }), [])).toBe(Invalid);
  });

  it("facts that are not an object are refused even when no input is required", () => {
    const optional: Record<string, InputSpec> = { a: { type: "boolean", label, default: true }, b: { type: "integer", label, default: 2 } };
    const validator = validatorOf(optional);
    expect(validator.check({}, [])).toBe(Fast);
    for (const facts of [[], "", "ab", 0, 7, true, false, Symbol("s"), () => 1]) {
      expect(validator.check(facts, []), String(typeof facts)).toBe(Invalid);
    }
  });
});

describe("when there is no compiled validator", () => {
  it("one default the fast reader cannot read is enough, among inputs without defaults", () => {
    expect(buildFactsValidator({ ok: { type: "boolean", label }, big: { type: "money", label, default: "999999999999999.99" } })).toBeUndefined();
    expect(buildFactsValidator({ big: { type: "money", label, default: "999999999999999.99" }, ok: { type: "boolean", label } })).toBeUndefined();
    expect(buildFactsValidator({ ok: { type: "boolean", label }, small: { type: "money", label, default: "1" } })).toBeDefined();
  });
});

/** Replace a value type's reader or expectation for one test (restored after each test). */
const saved: (() => void)[] = [];
function replace<K extends "slotReader" | "expectation">(type: keyof typeof VALUE_TYPES, key: K, make: (original: ValueTypeModule[K]) => ValueTypeModule[K]) {
  const module = VALUE_TYPES[type] as unknown as Record<K, ValueTypeModule[K]>;
  const original = module[key];
  module[key] = make(original.bind(module) as ValueTypeModule[K]);
  saved.push(() => (module[key] = original));
}
afterEach(() => {
  while (saved.length) saved.pop()!();
});

/** A type's reader that counts the values it is asked about. */
function countReads(type: keyof typeof VALUE_TYPES): () => number {
  let reads = 0;
  replace(type, "slotReader", (original) => (spec, exp) => {
    const reader = original(spec, exp);
    return { kind: reader.kind, read: (v) => (reads++, reader.read(v)) };
  });
  return () => reads;
}

describe("which reader decides", () => {
  it("an enum of at most 16 values: a listed string is taken inline, without its type's reader", () => {
    const reads = countReads("enum");
    const validator = validatorOf({ city: { type: "enum", label, values: values("bj", "tj") } });
    const slots: unknown[] = [];
    expect(validator.check({ city: "tj" }, slots)).toBe(Fast);
    expect(slots).toEqual(["tj", 1]);
    expect(reads()).toBe(0);
    expect(validator.overruled).toBe(0);
  });

  it("an enum value the inline reader refuses but the input's check accepts is overruled: Valid, counted", () => {
    // A check laxer than the list (as a value type that grew a new spelling would be): it has the last word.
    replace("enum", "expectation", (original) => (spec) => {
      const exp = original(spec);
      return { ...exp, accept: (v) => (v === "beijing" ? "beijing" : exp.accept(v)) };
    });
    const validator = validatorOf({ city: { type: "enum", label, values: values("bj", "tj") } });
    expect(validator.check({ city: "beijing" }, [])).toBe(Valid);
    expect(validator.overruled).toBe(1);
    expect(validator.check({ city: "sh" }, [])).toBe(Invalid);
    expect(validator.overruled).toBe(1);
  });

  it("an enumList of 17 values is read by its own reader: Fast, never overruled", () => {
    const many = Array.from({ length: 17 }, (_, i) => `v${i}`);
    const validator = validatorOf({ codes: { type: "enumList", label, values: values(...many) } });
    const slots: unknown[] = [];
    expect(validator.check({ codes: ["v16", "v0"] }, slots)).toBe(Fast);
    expect(slots).toEqual([["v16", "v0"]]);
    expect(validator.check({ codes: ["v17"] }, [])).toBe(Invalid);
    expect(validator.overruled).toBe(0);
  });

  it("money text within the bounds is taken inline, without the money type's reader; a number goes to that reader", () => {
    const reads = countReads("money");
    const validator = validatorOf({ amount: { type: "money", label, max: "100" } });
    const slots: unknown[] = [];
    expect(validator.check({ amount: "12.34" }, slots)).toBe(Fast);
    expect(slots).toEqual([1234]);
    // Both bounds are inclusive inline too (the default minimum is 0).
    expect(validator.check({ amount: "0" }, slots)).toBe(Fast);
    expect(validator.check({ amount: "100.00" }, slots)).toBe(Fast);
    expect(slots).toEqual([10000]);
    expect(reads()).toBe(0);
    expect(validator.check({ amount: 12 }, slots)).toBe(Fast);
    expect(slots).toEqual([1200]);
    expect(reads()).toBe(1);
    expect(validator.check({ amount: "100.01" }, [])).toBe(Invalid);
    expect(validator.overruled).toBe(0);
  });

  it("an accepted text is remembered: the last four are not read again; a refused one is read each time", () => {
    for (const [type, spec, texts, refused] of [
      ["date", { type: "date", label }, ["2024-01-01", "2024-02-29", "2024-03-31", "2024-12-31"], "2023-02-29"],
      ["string", { type: "string", label, pattern: "^[a-z]+$" }, ["bj", "tj", "hb", "sh"], "BJ"],
      ["string", { type: "string", label }, ["甲", "乙", "丙", "丁"], "x".repeat(201)],
    ] as const) {
      const reads = countReads(type);
      const validator = validatorOf({ t: spec as InputSpec });
      for (const t of texts) expect(validator.check({ t }, []), t).toBe(Fast);
      expect(reads(), `${type}: first reads`).toBe(4);
      for (let round = 0; round < 2; round++) {
        for (const t of [...texts].reverse()) {
          const slots: unknown[] = [];
          expect(validator.check({ t }, slots), t).toBe(Fast);
          expect(slots).toEqual([t]);
        }
      }
      expect(reads(), `${type}: the four remembered`).toBe(4);
      expect(validator.check({ t: refused }, [])).toBe(Invalid);
      expect(validator.check({ t: refused }, [])).toBe(Invalid);
      expect(reads(), `${type}: a refused text is read again`).toBe(6);
      // A fifth accepted text takes the place of the oldest: the other three are still remembered.
      expect(validator.check({ t: type === "date" ? "2025-01-01" : "zz" }, [])).toBe(Fast);
      for (const t of texts.slice(1)) expect(validator.check({ t }, [])).toBe(Fast);
      expect(reads(), `${type}: after a fifth`).toBe(7);
      expect(validator.overruled).toBe(0);
      while (saved.length) saved.pop()!();
    }
  });
});
