import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createEngine, defaultEngine } from "../../src/api.js";
import { loadRuleSetFromDir } from "../../src/cli/load-dir.js";
import { RuleFileError } from "../../src/errors.js";
import { verifyRule, type PropertyResult } from "../../src/verify/index.js";

/*
 * Issue #14, proven properties: the broken fixture (cap not applied, a negative rate) is refuted with
 * counterexamples the engine confirms; every shipped rule's declared properties are proven and none of
 * its logic is dead; the loader refuses properties that name nothing.
 */

const fixture = fileURLToPath(new URL("../fixtures/broken-properties/rules", import.meta.url));
const engine = defaultEngine();

describe("verify refutes the broken fixture with counterexamples the engine confirms", () => {
  const broken = createEngine(loadRuleSetFromDir(fixture));
  it("bounds [0, cap] fail on both sides, monotonicity fails; each counterexample re-evaluated here", async () => {
    const report = await verifyRule("sjz-2025/absorption-subsidy", { engine: broken });
    const props = report.versions[0]!.properties;
    const bounds = props.find((p) => p.kind === "bounds")!;
    expect(bounds.status).toBe("refuted");
    expect(bounds.counterexample).toHaveLength(2);
    const [below, above] = bounds.counterexample!;
    // Independently of the verifier: the engine's decision on the counterexample's facts and date.
    const low = broken.evaluate("sjz-2025/absorption-subsidy", below!.facts, { on: below!.on, explain: false });
    expect(Number(low.outcome.amount)).toBeLessThan(0);
    const high = broken.evaluate("sjz-2025/absorption-subsidy", above!.facts, { on: above!.on, explain: false });
    expect(Number(high.outcome.amount)).toBeGreaterThan(500000);
    const monotone = props.find((p) => p.kind === "monotone")!;
    expect(monotone.status).toBe("refuted");
    const [a, b] = monotone.counterexample!;
    expect(Number(a!.facts.contractAmount)).toBeLessThan(Number(b!.facts.contractAmount));
    const da = broken.evaluate("sjz-2025/absorption-subsidy", a!.facts, { on: a!.on, explain: false });
    const db = broken.evaluate("sjz-2025/absorption-subsidy", b!.facts, { on: b!.on, explain: false });
    expect(Number(da.outcome.amount)).toBeGreaterThan(Number(db.outcome.amount));
    expect(report.refuted).toBe(2);
  }, 120_000);

  it("the same rule as shipped is proven: bounds, monotone, no dead logic", async () => {
    const report = await verifyRule("sjz-2025/absorption-subsidy");
    expect(report.refuted).toBe(0);
    expect(report.unknown).toBe(0);
    const kinds = report.versions[0]!.properties.map((p) => `${p.kind}:${p.status}`);
    expect(kinds).toContain("bounds:proven");
    expect(kinds).toContain("monotone:proven");
    // Each side of min(cap, …) gives the value for some input (the cap is reached): witnesses confirmed.
    const sides = report.versions[0]!.properties.filter((p) => p.kind === "side");
    expect(sides.length).toBeGreaterThanOrEqual(6);
    for (const s of sides) expect(s.witness).toBeDefined();
  }, 120_000);
});

describe("every shipped rule", () => {
  it("proves what it declares, has no dead logic, and says which versions it cannot encode", async () => {
    const notAnalysable: string[] = [];
    const bad: PropertyResult[] = [];
    let declared = 0;
    for (const id of engine.ruleSet.ruleIds()) {
      const report = await verifyRule(id);
      for (const v of report.versions) {
        if (v.notAnalysable) notAnalysable.push(`${id}@${v.version}`);
        bad.push(...v.properties.filter((p) => p.status !== "proven"));
        declared += v.properties.filter((p) => p.kind === "bounds" || p.kind === "monotone" || p.kind === "shortfall").length;
      }
    }
    expect(bad).toEqual([]);
    // The one shipped rule whose logic divides by an input (docs/analysis.md, "Where it stops").
    expect(notAnalysable).toEqual(["hd-2018/contract-growth-review@1"]);
    // Each benefit and target rule that declares properties has them checked (bounds, monotone, shortfalls).
    const declaredInFiles = engine.ruleSet
      .ruleIds()
      .flatMap((id) => engine.ruleSet.versions(id))
      .reduce((n, v) => {
        const p = v.file.properties;
        const money = v.outcome.filter((f) => f.spec.type === "money").length;
        return n + Object.keys(p?.bounds ?? {}).length + (p?.monotone ?? []).length * money + Object.keys(p?.shortfall ?? {}).length;
      }, 0);
    expect(declared).toBe(declaredInFiles);
    expect(declared).toBeGreaterThan(70);
  }, 600_000);
});

describe("the loader refuses properties that name nothing", () => {
  function withProperties(properties: unknown): () => unknown {
    const dir = mkdtempSync(join(tmpdir(), "jjj-props-"));
    cpSync(fixture, dir, { recursive: true });
    const file = join(dir, "sjz-2025/absorption-subsidy/v1.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.properties = properties;
    writeFileSync(file, JSON.stringify(json));
    return () => {
      try {
        return loadRuleSetFromDir(dir);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
  }
  const issuesOf = (load: () => unknown) => {
    try {
      load();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleFileError);
      return (error as RuleFileError).issues.map((i) => `${i.code} ${i.path.split("#")[1]}`);
    }
    return [];
  };
  it.each([
    [{ monotone: ["contractValue"] }, "unknown_input /properties/monotone/0"],
    [{ monotone: ["transferMode"] }, "not_ordered_input /properties/monotone/0"],
    [{ bounds: { amout: ["0", null] } }, "unknown_outcome_field /properties/bounds/amout"],
    [{ bounds: { eligible: ["0", null] } }, "not_numeric_field /properties/bounds/eligible"],
    [{ bounds: { amount: ["0", { param: "ceiling" }] } }, "unknown_parameter /properties/bounds/amount/1/param"],
    [{ bounds: { amount: ["0", { param: "city" }] } }, "not_numeric_parameter /properties/bounds/amount/1/param"],
    [{ shortfall: { amount: "met" } }, "unknown_condition /properties/shortfall/amount"],
  ])("%j → %s", (properties, issue) => {
    expect(issuesOf(withProperties(properties))).toContain(issue);
  });
  it("a well-formed declaration loads", () => {
    expect(() => withProperties({ monotone: ["contractAmount"], bounds: { amount: ["0", { param: "cap" }] }, shortfall: { amount: "eligible" } })()).not.toThrow();
  });
});
