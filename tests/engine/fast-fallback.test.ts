import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { loadRuleSet } from "../../src/catalog/load.js";
import { _validatorMisses, evaluateInSet } from "../../src/engine/evaluate.js";
import { evaluationCache, versionPlan } from "../../src/engine/evaluation-cache.js";
import { CheckResult } from "../../src/engine/facts.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import type { RuleSet } from "../../src/engine/rule-set.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { validFacts } from "../property/generators.js";
import { seedOf } from "../snapshot/cases.js";
import { prng, randomFacts, stringCandidates } from "../perf/generate.js";

/*
 * The compiled facts validator (facts.ts) and the zod schema must agree. When the compiled one says
 * Invalid, evaluation asks zod for the issues; if zod accepts, the facts are decided rightly anyway (on
 * the reference path), so a fast validator stricter than the schema would only cost speed, silently.
 * Evaluation counts those cases (`_validatorMisses`); here the count stays 0 on every worked example and
 * on seeded random facts of every rule version.
 */

/** Seeded valid facts per version, from the property tests' arbitraries. */
const VALID_PER_VERSION = Number(process.env.JJJ_FALLBACK_N ?? 300);
/** Seeded facts per version from the perf generator (mostly valid, some not: those zod rejects are not misses). */
const GENERATED_PER_VERSION = VALID_PER_VERSION;

const set = defaultEngine().ruleSet;
const versions = set.ruleIds().flatMap((id) => set.versions(id));

/** Evaluate on the fast path's entry (no overrides); what is decided or thrown does not matter here. */
function attempt(target: RuleSet, version: LoadedRuleVersion, facts: unknown, on: string): boolean {
  try {
    evaluateInSet(target, version.file.id, facts, { on, version: version.file.version, explain: false });
    return true;
  } catch {
    return false;
  }
}

describe("the compiled facts validator never refuses facts that zod accepts", () => {
  it("covers every shipped rule version", () => {
    expect(versions.length).toBeGreaterThanOrEqual(set.ruleIds().length);
    expect(versions.length).toBeGreaterThan(50);
  });

  for (const version of versions) {
    const label = `${version.file.id}@${version.file.version}`;
    it(`${label}: worked examples and ${VALID_PER_VERSION} + ${GENERATED_PER_VERSION} seeded facts`, () => {
      const before = _validatorMisses(set, version);
      let decided = 0;
      for (const example of version.file.examples) if (attempt(set, version, example.facts, example.on)) decided++;
      const seed = seedOf(`fast-fallback:${label}`);
      for (const facts of fc.sample(validFacts(version), { seed, numRuns: VALID_PER_VERSION })) {
        if (attempt(set, version, facts, version.validFrom)) decided++;
      }
      const r = prng(seed);
      const strings = stringCandidates(version);
      for (let i = 0; i < GENERATED_PER_VERSION; i++) if (attempt(set, version, randomFacts(r, version, strings), version.validFrom)) decided++;
      // The cases reached the engine and were decided (guards a generator that yields nothing valid).
      expect(decided).toBeGreaterThan(VALID_PER_VERSION / 2);
      expect(_validatorMisses(set, version) - before).toBe(0);
    });
  }
});

describe("a fast validator stricter than zod is counted, and the decision stays right", () => {
  it("counts each valid input a deliberately over-strict validator refuses", () => {
    // A fresh set, so that the validator made over-strict here is not the default engine's.
    const fresh = loadRuleSet(BUNDLED_RULES.map(({ path, json }) => ({ path, json: structuredClone(json) })));
    const id = "sjz-2025/absorption-subsidy";
    const version = fresh.version(id, 1);
    const example = version.file.examples.find((e) => e.expected?.inForce === true && e.expected.outcome !== undefined)!;
    const options = { on: example.on, explain: false };
    const right = evaluateInSet(fresh, id, example.facts, options);
    expect(_validatorMisses(fresh, version)).toBe(0);

    const validator = versionPlan(evaluationCache(fresh), version).validator!;
    const check = validator.check;
    (validator as { check: typeof check }).check = (facts, slots) => (check.call(validator, facts, slots), CheckResult.Invalid);
    try {
      expect(evaluateInSet(fresh, id, example.facts, options)).toEqual(right);
      expect(evaluateInSet(fresh, id, example.facts, options)).toEqual(right);
      expect(_validatorMisses(fresh, version)).toBe(2);
      // Facts zod refuses too are no miss: the error is the caller's, not the validator's.
      expect(() => evaluateInSet(fresh, id, { ...example.facts, contractAmount: "-1" }, options)).toThrow(/contractAmount/);
      expect(_validatorMisses(fresh, version)).toBe(2);
    } finally {
      (validator as { check: typeof check }).check = check;
    }
  });
});
