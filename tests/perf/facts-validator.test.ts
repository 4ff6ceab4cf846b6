import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { CheckResult, asciiClassPattern, buildFactsChecker, buildFactsValidator } from "../../src/engine/facts.js";
import type { InputSpec } from "../../src/schema/rule-file.js";

/*
 * The compiled facts validator against the facts walk (the reference): on generated facts, hostile
 * ones included, both accept or both reject, and when the validator accepts for the fast path its
 * canonical values are the walk's, key for key; no fast reader is ever overruled by its input's check. `JJJ_FACTS_RUNS` sets the runs per rule.
 */
const RUNS = Number(process.env.JJJ_FACTS_RUNS ?? 600);
const set = defaultEngine().ruleSet;

const numberish = fc.oneof(
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 0.5, 1e21, 1e-7, Number.NaN, Infinity, -Infinity, 2 ** 53, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 123456.789, 0.1 + 0.2),
);
const decimalText = fc.oneof(
  fc.tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 18n }), fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined })).map(
    ([neg, int, frac]) => `${neg ? "-" : ""}${int}${frac === undefined ? "" : `.${frac}`}`,
  ),
  fc.constantFrom("0", "-0", "00", "007", "0.0", "-0.00", "1.", ".5", "1e5", " 100 ", "100 ", "１００", "50万", "1,000", "+1", "0x10", "", "-", "1.2.3", "999999999999999.99", "9999999999999999.99", "90071992547409.91", "90071992547409.92", "0.10", "0.000001", "0.0000001", "1.000000000"),
);
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.stringMatching(/^[a-z-]{0,14}$/),
  fc.constantFrom("shijiazhuang", "handan", "beijing", "tianjin", "Shijiazhuang", "a".repeat(200), "a".repeat(201), "石家庄", "2025-06-01", "2025-02-30", "2024-02-29", "2025-6-1", "2025-06-01T00:00:00Z", "x\n", "\ud800"),
);
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  numberish,
  decimalText,
  text,
  fc.boolean(),
  fc.constantFrom(null, undefined),
  fc.array(fc.oneof(text, fc.integer()), { maxLength: 4 }),
  fc.constantFrom({}, { a: 1 }, [], [undefined], new Date(0)),
);

/** Values that suit one input (mostly valid), or anything. */
function valueFor(spec: InputSpec): fc.Arbitrary<unknown> {
  const values = Object.keys(spec.values ?? {});
  const suited: fc.Arbitrary<unknown>[] = [];
  switch (spec.type) {
    case "money":
    case "decimal":
    case "rate":
    case "integer":
      suited.push(decimalText, numberish, fc.constantFrom(spec.min ?? "0", spec.max ?? "1"));
      break;
    case "enum":
      suited.push(fc.constantFrom(...values), fc.constantFrom(...values.map((v) => v.toUpperCase())));
      break;
    case "enumList":
      suited.push(fc.array(fc.constantFrom(...values, "nope"), { maxLength: 5 }), fc.uniqueArray(fc.constantFrom(...values)));
      break;
    case "boolean":
      suited.push(fc.boolean());
      break;
    case "date":
    case "string":
      suited.push(text);
      break;
  }
  if (spec.default !== undefined) suited.push(fc.constant(undefined));
  return fc.oneof({ weight: 4, arbitrary: fc.oneof(...suited) }, { weight: 1, arbitrary: anyValue });
}

/** Facts for some inputs: mostly all present, sometimes with a key missing, extra, inherited or hidden. */
function factsFor(inputs: Readonly<Record<string, InputSpec>>): fc.Arbitrary<unknown> {
  const names = Object.keys(inputs);
  const record = fc.record(Object.fromEntries(names.map((n) => [n, valueFor(inputs[n]!)])) as Record<string, fc.Arbitrary<unknown>>, {
    requiredKeys: [],
  });
  const full = fc.record(Object.fromEntries(names.map((n) => [n, valueFor(inputs[n]!)])) as Record<string, fc.Arbitrary<unknown>>);
  return fc.oneof(
    { weight: 6, arbitrary: full },
    { weight: 2, arbitrary: record },
    // An extra key, or a prototype's key.
    { weight: 1, arbitrary: fc.tuple(full, fc.constantFrom("extra", "__proto__", "constructor", "toString", names[0] ?? "x")).map(([f, k]) => ({ ...(f as object), [k]: 1 })) },
    // An own "__proto__" key, as JSON.parse makes it.
    { weight: 1, arbitrary: full.map((f) => JSON.parse(JSON.stringify(f).replace(/^\{(?=.)/, (m) => (JSON.stringify(f) === "{}" ? m : '{"__proto__":1,')))) },
    // Inputs inherited from a prototype: not facts (own enumerable properties only), so missing.
    { weight: 1, arbitrary: full.map((f) => Object.assign(Object.create(f as object), {})) },
    // Inputs present but not enumerable.
    {
      weight: 1,
      arbitrary: full.map((f) => {
        const o = {};
        for (const [k, v] of Object.entries(f as object)) Object.defineProperty(o, k, { value: v, enumerable: false });
        return o;
      }),
    },
    { weight: 1, arbitrary: full.map((f) => Object.assign(Object.create(null), f)) },
    // Keys in another order.
    { weight: 1, arbitrary: full.map((f) => Object.fromEntries(Object.entries(f as object).reverse())) },
    { weight: 1, arbitrary: anyValue },
  );
}

describe("compiled facts validator = facts walk", () => {
  for (const id of set.ruleIds()) {
    for (const version of set.versions(id)) {
      it(`${id} v${version.file.version}`, () => {
        const inputs = version.file.inputs;
        const validator = buildFactsValidator(inputs);
        const checker = buildFactsChecker(inputs);
        if (!validator) return; // an input default that does not read fast: the engine then always takes the reference path
        const slots: unknown[] = [];
        fc.assert(
          fc.property(factsFor(inputs), (facts) => {
            const checked = validator.check(facts, slots);
            const parsed = checker.check(facts);
            expect(checked !== CheckResult.Invalid).toBe(parsed.success);
            if (checked === CheckResult.Fast && parsed.success) expect(validator.data(slots)).toStrictEqual(parsed.data);
          }),
          { numRuns: RUNS },
        );
        expect(validator.overruled).toBe(0);
      });
    }
  }
});

describe("character-table patterns", () => {
  it("answer as their regular expressions do", () => {
    const patterns = ["^[a-z]+$", "^[a-z-]+$", "^[A-Za-z0-9_]*$", "^[a-z0-9.-]+$", "^[-a]+$", "^[a-]+$"];
    for (const pattern of patterns) {
      const table = asciiClassPattern(pattern)!;
      expect(table).toBeDefined();
      const re = new RegExp(pattern, "u");
      fc.assert(
        fc.property(fc.oneof(fc.string({ maxLength: 8 }), fc.stringMatching(/^[a-zA-Z0-9_.-]{0,8}$/), fc.constantFrom("", "\ud83d\ude00", "a\n", "é")), (s) => {
          const ok = s.length >= table.min && [...Array(s.length).keys()].every((i) => s.charCodeAt(i) < 128 && table.allowed[s.charCodeAt(i)] === 1);
          expect(ok).toBe(re.test(s));
        }),
        { numRuns: 2000 },
      );
    }
    for (const other of ["^[a-z]{2,3}$", "^[^a]+$", "^[\\w]+$", "^[z-a]+$", "[a-z]+", "^[a-z]+$|x"]) expect(asciiClassPattern(other)).toBeUndefined();
  });
});
