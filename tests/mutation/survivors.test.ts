import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/api.js";
import { chooseVersion } from "../../src/engine/version-choice.js";
import { Dec, describe as describeValue, toDec } from "../../src/exact/decimal.js";
import { InvalidParameterError } from "../../src/errors.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";
import { thrown } from "../hostile/guard.js";

// Tests written for mutants that survived `npm run test:mutation` (docs/testing.md, "Mutation testing").

describe("chooseVersion: the template when no version is in force is the latest one that began before the date", () => {
  // v1 2025-01-01..03-31, gap, v2 2025-05-01..06-30, gap, v3 from 2026-01-01.
  const range = (version: number, from: string, to?: string) =>
    minimalRule({ version, validity: { from: { date: from, basis: "stated" }, ...(to ? { to: { date: to, basis: "stated" } } : {}) } });
  const versions = loadRules(range(1, "2025-01-01", "2025-03-31"), range(2, "2025-05-01", "2025-06-30"), range(3, "2026-01-01")).versions("sjz-2025/test-rule");

  it.each([
    ["2024-12-31", undefined, 1], // before every version: the first
    ["2025-04-15", undefined, 1], // the gap after v1
    ["2025-08-01", undefined, 2], // the gap after v2: v2, not v1 (survivor: version-choice.ts `before.length > 0`)
    ["2025-05-01", 2, 2],
    ["2026-02-01", 3, 3],
  ])("on %s: in force %s, template v%s", (on, chosen, template) => {
    const choice = chooseVersion(versions, on);
    expect(choice.chosen?.file.version).toBe(chosen);
    expect(choice.template.file.version).toBe(template);
  });
});

describe("boolean parameters: a what-if takes true or false, nothing else", () => {
  const label = { zh: "开关", en: "switch" };
  const base = minimalRule();
  const engine = createEngine(loadRules(minimalRule({ parameters: { ...base["parameters"], flag: { type: "boolean", value: true, label } } })));
  const run = (flag: unknown) => engine.evaluate("sjz-2025/test-rule", { amount: "100" }, { on: "2025-06-01", parameters: { flag } as unknown as Record<string, boolean> });

  it("false and true are taken and echoed", () => {
    expect(run(false).parameters["flag"]).toBe(false);
    expect(run(true).parameters["flag"]).toBe(true);
  });

  it.each([["yes"], [1], [0], ["true"], [null]])("%j is refused with an InvalidParameterError naming the parameter", (value) => {
    const error = thrown(() => run(value));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).parameter).toBe("flag");
    expect((error as Error).message).toContain("true or false");
  });
});

describe("toDec: only a decimal, a plain decimal string or a finite number is an operand", () => {
  it.each([["1e5"], [" 100 "], ["1,000"], [""], [Number.NaN], [Number.POSITIVE_INFINITY], [null], [undefined], [true], [[1]]])(
    "%j throws a TypeError naming the operation, never a number",
    (value) => {
      expect(() => toDec(value, "jjj.mul")).toThrow(TypeError);
      expect(() => toDec(value, "jjj.mul")).toThrow(/^jjj\.mul: operand .* is not a decimal$/);
    },
  );

  it("plain strings and finite numbers are taken exactly", () => {
    expect(toDec("100000.05", "jjj.add").toFixed()).toBe("100000.05");
    expect(toDec(-0.5, "jjj.add").toFixed()).toBe("-0.5");
    expect(toDec(new Dec("7"), "jjj.add").toFixed()).toBe("7");
  });
});

describe("describe: short, safe descriptions of values in messages", () => {
  it("a decimal is written as its digits, a string quoted and cut at 40 characters", () => {
    expect(describeValue(new Dec("12.50"))).toBe("12.5");
    expect(describeValue("abc")).toBe('"abc"');
    expect(describeValue("x".repeat(41))).toBe(JSON.stringify("x".repeat(40) + "…"));
    expect(describeValue("x".repeat(40))).toBe(JSON.stringify("x".repeat(40)));
  });
  it("undefined, long JSON and values JSON cannot write", () => {
    expect(describeValue(undefined)).toBe("undefined");
    expect(describeValue([1, 2])).toBe("[1,2]");
    expect(describeValue({ a: "y".repeat(100) })).toBe(JSON.stringify({ a: "y".repeat(100) }).slice(0, 60) + "…");
    const cyclic: Record<string, unknown> = {};
    cyclic["self"] = cyclic;
    expect(describeValue(cyclic)).toBe("[object Object]");
    expect(describeValue(() => 1)).toBe("() => 1");
  });
});
