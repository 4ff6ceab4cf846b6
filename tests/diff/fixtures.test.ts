import { describe, expect, it } from "vitest";
import { InvalidFactsError } from "../../src/errors.js";
import { fixtureEngine, fixtureSet, LICENCE, SUBSIDY } from "./helpers.js";

// The fixtures' worked examples are computed by hand; they run here exactly as the shipped rules' do.
for (const name of ["release-0.1.0", "amendment", "gap"] as const) {
  const engine = fixtureEngine(name);
  for (const id of engine.ruleSet.ruleIds()) {
    for (const version of engine.ruleSet.versions(id)) {
      describe(`fixture ${name}: ${id} v${version.file.version}`, () => {
        for (const example of version.file.examples) {
          it(example.description.en, () => {
            if (example.rejects) {
              expect(() => engine.evaluate(id, example.facts, { on: example.on, version: version.file.version })).toThrow(InvalidFactsError);
              return;
            }
            const decision = engine.evaluate(id, example.facts, { on: example.on });
            const expected = example.expected!;
            if (expected.inForce !== undefined) expect(decision.inForce).toBe(expected.inForce);
            if (expected.inForce !== false) expect(decision.version).toBe(version.file.version);
            if (expected.outcome) expect(decision.outcome).toMatchObject(expected.outcome);
            const failing = decision.conditions.filter((c) => !c.holds).map((c) => c.id);
            for (const c of expected.fails ?? []) expect(failing).toContain(c);
          });
        }
      });
    }
  }
}

describe("versions chosen by date", () => {
  const facts = { contractAmount: "500000", ...LICENCE };

  it("the amendment: a date in each version's validity picks that version", () => {
    const engine = fixtureEngine("amendment");
    const d1 = engine.evaluate(SUBSIDY, facts, { on: "2025-12-31" });
    const d2 = engine.evaluate(SUBSIDY, facts, { on: "2026-01-01" });
    expect([d1.version, d1.inForce, d1.outcome.amount]).toEqual([1, true, "50000.00"]);
    expect([d2.version, d2.inForce, d2.outcome.amount]).toEqual([2, true, "75000.00"]);
    expect(d2.validity).toEqual({ from: "2026-01-01", to: "2028-01-16" });
    expect(engine.ruleSet.versions(SUBSIDY).map((v) => [v.file.version, v.validFrom, v.validTo, v.file.supersedes ?? null])).toEqual([
      [1, "2025-01-17", "2025-12-31", null],
      [2, "2026-01-01", "2028-01-16", 1],
    ]);
  });

  it("the gap: a date between the versions is not in force and grants nothing", () => {
    const engine = fixtureEngine("gap");
    expect(engine.evaluate(SUBSIDY, facts, { on: "2025-12-31" })).toMatchObject({ version: 1, inForce: true });
    expect(engine.evaluate(SUBSIDY, facts, { on: "2026-03-01" })).toMatchObject({ version: 2, inForce: true, outcome: { amount: "75000.00" } });
    for (const on of ["2026-01-01", "2026-02-01", "2026-02-28"]) {
      const d = engine.evaluate(SUBSIDY, facts, { on });
      expect(d.inForce).toBe(false);
      expect(d.outcome).toEqual({ eligible: false, amount: "0.00", granted: false });
      expect(d.explanation[0]!.en).toContain("No version of rule");
    }
    expect(fixtureSet("gap").list({ on: "2026-02-01" })).toEqual([]);
  });
});
