import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { CheckResult, buildFactsChecker, buildFactsValidator } from "../../src/engine/facts.js";
import type { InputSpec } from "../../src/schema/rule-file.js";
import { arbitrariesOf } from "../helpers/value-arbitraries.js";

/*
 * The two speeds of the one facts validator on every shipped rule version's inputs: the compiled
 * verdict (buildFactsValidator, the fast path) equals "the facts walk's issue list is empty"
 * (buildFactsChecker, which gives the issues; both run each input's check from types/input-check.ts).
 * On valid facts and on facts with one input broken (built per input spec by tests/helpers/value-arbitraries.ts,
 * from the specs alone): the verdict is the expected one; a fast "Invalid" always comes with issues; a
 * fast accept gives the walk's canonical data, key for key; and no fast reader was overruled by its
 * input's check (a reader stricter than the check). `JJJ_DIFF_RUNS` sets the runs per rule version.
 */
const RUNS = Number(process.env.JJJ_DIFF_RUNS ?? 60);
const set = defaultEngine().ruleSet;
const versions = set.ruleIds().flatMap((id) => set.versions(id));

/** Valid facts: every required input, each optional one present or not. */
function validFacts(inputs: Readonly<Record<string, InputSpec>>): fc.Arbitrary<Record<string, unknown>> {
  const shape: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    const valid = arbitrariesOf(spec).valid;
    shape[name] = spec.default === undefined ? valid : fc.option(valid, { nil: undefined });
  }
  return fc.record(shape).map((r) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== undefined)));
}

/** Invalid facts: valid facts with one input given an invalid value, a required one missing, or an unknown key. */
function invalidFacts(inputs: Readonly<Record<string, InputSpec>>): fc.Arbitrary<unknown> {
  const names = Object.keys(inputs);
  const required = names.filter((n) => inputs[n]!.default === undefined);
  const broken = names.map((name) => validFacts(inputs).chain((facts) => arbitrariesOf(inputs[name]!).invalid.map((bad) => ({ ...facts, [name]: bad }))));
  return fc.oneof(
    ...broken,
    validFacts(inputs).map((facts) => ({ ...facts, notAnInput: 1 })),
    ...(required.length > 0 ? [fc.tuple(validFacts(inputs), fc.constantFrom(...required)).map(([facts, name]) => Object.fromEntries(Object.entries(facts).filter(([k]) => k !== name)))] : []),
  );
}

describe("the compiled verdict is the facts walk's on every shipped rule's inputs", () => {
  it("covers every value type among the shipped inputs", () => {
    const types = new Set(versions.flatMap((v) => Object.values(v.file.inputs).map((s) => s.type)));
    expect([...types].sort()).toEqual(["boolean", "date", "decimal", "enum", "enumList", "integer", "money", "rate", "string"]);
  });

  for (const version of versions) {
    const label = `${version.file.id} v${version.file.version}`;
    it(label, () => {
      const inputs = version.file.inputs;
      const validator = buildFactsValidator(inputs);
      expect(validator, `${label}: its defaults validate`).toBeDefined();
      const checker = buildFactsChecker(inputs);
      const slots: unknown[] = [];
      const compare = (facts: unknown, expectValid: boolean) => {
        const verdict = validator!.check(facts, slots);
        const walked = checker.check(facts);
        expect(verdict !== CheckResult.Invalid, `verdicts on ${JSON.stringify(facts)}`).toBe(walked.success);
        expect(walked.success, `expected ${expectValid ? "valid" : "invalid"}: ${JSON.stringify(facts)}`).toBe(expectValid);
        if (!walked.success) expect(walked.issues.length).toBeGreaterThan(0);
        if (verdict === CheckResult.Fast && walked.success) expect(validator!.data(slots)).toStrictEqual(walked.data);
      };
      fc.assert(fc.property(validFacts(inputs), (facts) => compare(facts, true)), { numRuns: RUNS, seed: 13 });
      fc.assert(fc.property(invalidFacts(inputs), (facts) => compare(facts, false)), { numRuns: RUNS, seed: 31 });
      expect(validator!.overruled, `${label}: values a fast reader refused and the input's check accepted`).toBe(0);
    });
  }
});
