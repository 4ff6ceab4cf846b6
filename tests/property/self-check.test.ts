import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/api.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";
import { propertiesOf, RUNS } from "./properties.js";

// The properties must catch rules that break them: each fixture below is a rule that loads (it passes the
// rule profile) but is wrong in one way, and the matching property must find a counterexample.

const label = (en: string) => ({ zh: en, en });
const money = (logic: unknown) => ({ type: "money", label: label("amount"), logic, whenNotInForce: "0.00" });

function failures(rule: Record<string, unknown>) {
  const engine = createEngine(loadRules(rule));
  const version = engine.ruleSet.versions(rule.id as string)[0]!;
  return Object.fromEntries(propertiesOf(engine, version).map(({ name, property }) => [name, fc.check(property, { numRuns: RUNS, seed: 7 }).failed]));
}

describe("the properties catch broken rules", () => {
  it("a correct rule passes every property", () => {
    const ok = failures(
      minimalRule({
        parameters: { cap: { type: "money", value: "1000", label: label("cap") } },
        conditions: [],
        outcome: { amount: money({ "jjj.min": [{ "jjj.param": "cap" }, { "jjj.mul": [{ var: "amount" }, "0.1"] }] }) },
      }),
    );
    expect(Object.values(ok)).toEqual(Object.values(ok).map(() => false));
    expect(Object.keys(ok)).toContain("amount does not decrease as amount grows, other facts fixed");
  });

  it("an amount that falls as the input grows, and goes negative", () => {
    const f = failures(minimalRule({ conditions: [], outcome: { amount: money({ "jjj.sub": ["1000", { var: "amount" }] }) } }));
    expect(f["amount does not decrease as amount grows, other facts fixed"]).toBe(true);
    expect(f["money outcomes (amount) are exact to the fen and never negative"]).toBe(true);
  });

  it("an amount above the cap", () => {
    const f = failures(
      minimalRule({
        parameters: { cap: { type: "money", value: "1000", label: label("cap") } },
        conditions: [],
        outcome: { amount: money({ "jjj.mul": [{ var: "amount" }, "0.1"] }) },
      }),
    );
    expect(f["money outcomes (amount) are exact to the fen and never negative, and never above the cap (1000)"]).toBe(true);
  });

  it("an amount that throws for some valid facts (division by an input that may be zero)", () => {
    const f = failures(minimalRule({ conditions: [], outcome: { amount: money({ "jjj.div": ["1000", { var: "amount" }] }) } }));
    expect(f["evaluate never throws on facts that pass the input schema"]).toBe(true);
  });

  it("a target whose met excludes the target value (超过 for 达到) while its shortfall does not", () => {
    const f = failures(
      minimalRule({
        kind: "target",
        inputs: { reported: { type: "integer", min: "0", label: label("reported") } },
        parameters: { target: { type: "integer", value: 17, label: label("target") } },
        conditions: [],
        outcome: {
          met: { type: "boolean", label: label("met"), logic: { ">": [{ var: "reported" }, { "jjj.param": "target" }] } },
          shortfall: { type: "integer", label: label("shortfall"), logic: { "jjj.max": [0, { "jjj.sub": [{ "jjj.param": "target" }, { var: "reported" }] }] } },
        },
        examples: [{ description: "x", on: "2025-06-01", facts: { reported: 1 }, expected: {} }],
      }),
    );
    expect(f["shortfall is zero exactly when met is true, and never negative"]).toBe(true);
  });

  it("a target whose shortfall goes negative past the target", () => {
    const f = failures(
      minimalRule({
        kind: "target",
        inputs: { reported: { type: "integer", min: "0", label: label("reported") } },
        parameters: { target: { type: "integer", value: 17, label: label("target") } },
        conditions: [],
        outcome: {
          met: { type: "boolean", label: label("met"), logic: { ">=": [{ var: "reported" }, { "jjj.param": "target" }] } },
          shortfall: { type: "integer", label: label("shortfall"), logic: { "jjj.sub": [{ "jjj.param": "target" }, { var: "reported" }] } },
        },
        examples: [{ description: "x", on: "2025-06-01", facts: { reported: 1 }, expected: {} }],
      }),
    );
    expect(f["shortfall is zero exactly when met is true, and never negative"]).toBe(true);
  });
});
