import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/api.js";
import { chooseVersion } from "../../src/engine/version-choice.js";
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
