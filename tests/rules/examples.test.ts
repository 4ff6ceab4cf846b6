import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { InvalidFactsError } from "../../src/errors.js";

// Every worked example of every shipped rule version runs as a test: adding a measure needs no test code.
const engine = defaultEngine();

for (const id of engine.ruleSet.ruleIds()) {
  for (const version of engine.ruleSet.versions(id)) {
    describe(`${id} v${version.file.version}`, () => {
      for (const example of version.file.examples) {
        it(example.description.en, () => {
          if (example.rejects) {
            let error: unknown;
            try {
              engine.evaluate(id, example.facts, { on: example.on, version: version.file.version });
            } catch (e) {
              error = e;
            }
            expect(error).toBeInstanceOf(InvalidFactsError);
            const paths = (error as InvalidFactsError).issues.map((i) => i.path);
            for (const p of example.rejects) expect(paths).toContain(p);
            return;
          }
          // Examples pick their version by date, so a version's examples also test version selection.
          const decision = engine.evaluate(id, example.facts, { on: example.on });
          const expected = example.expected!;
          if (expected.inForce !== undefined) expect(decision.inForce).toBe(expected.inForce);
          if (expected.inForce !== false) expect(decision.version).toBe(version.file.version);
          if (expected.applicable !== undefined) expect(decision.applicable).toBe(expected.applicable);
          if (expected.outcome) expect(decision.outcome).toMatchObject(expected.outcome);
          const holding = decision.conditions.filter((c) => c.holds).map((c) => c.id);
          const failing = decision.conditions.filter((c) => !c.holds).map((c) => c.id);
          for (const c of expected.holds ?? []) expect(holding).toContain(c);
          for (const c of expected.fails ?? []) expect(failing).toContain(c);
        });
      }
    });
  }
}
