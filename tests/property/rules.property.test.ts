import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { propertiesOf, RUNS } from "./properties.js";

// Properties of every benefit and target rule shipped, over facts generated from each rule's declared
// inputs (generators.ts). The rule set is iterated, so a rule added to rules/ is covered without code.
// Each property runs RUNS (1,000) times; a failure prints the shrunk counterexample and the seed to replay.

const engine = defaultEngine();
const versions = engine.ruleSet
  .ruleIds()
  .flatMap((id) => engine.ruleSet.versions(id))
  .filter((v) => v.file.kind === "benefit" || v.file.kind === "target");

it("covers every benefit and target rule version shipped", () => {
  expect(versions.length).toBeGreaterThan(0);
  expect(RUNS).toBeGreaterThanOrEqual(1000);
});

for (const version of versions) {
  describe(`${version.file.id} v${version.file.version} (${version.file.kind})`, () => {
    for (const { name, property } of propertiesOf(engine, version)) {
      it(`${name} (${RUNS} runs)`, () => {
        fc.assert(property, { numRuns: RUNS });
      });
    }
  });
}
