import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/api.js";
import { boundaryVectors } from "../../src/analysis/vectors.js";
import { checkImplementation, getTestVectors, type Implementation } from "../../src/testing/index.js";

/*
 * Issue #17: checkImplementation reports each failed vector with both outcomes, and which conditions of
 * the rule the passing vectors covered; it also runs a list of vectors (the generated boundary vectors).
 */

const SUBSIDY = "sjz-2025/absorption-subsidy";
const library: Implementation = (facts, { on, ruleId }) => evaluate(ruleId as string, facts, { on });

/** The subsidy in exact whole fen, with the threshold taken as "more than 500,000" (the 含 misread) when asked. */
function subsidy(strict = false): Implementation {
  return (facts, { on }) => {
    const fen = Math.round(Number(facts["contractAmount"]) * 100);
    const eligible =
      on >= "2025-01-17" && on <= "2028-01-16" &&
      facts["enterpriseCity"] === "shijiazhuang" &&
      ["transfer", "license"].includes(facts["transferMode"] as string) &&
      ["beijing", "tianjin"].includes(facts["sourceRegion"] as string) &&
      (strict ? fen > 5e7 : fen >= 5e7);
    const milli = eligible ? Math.min(5e10, 100 * Math.min(fen, 1e8) + 50 * Math.max(0, fen - 1e8)) : 0;
    return { eligible, amount: Math.floor((milli + 500) / 1000) / 100 };
  };
}

describe("checkImplementation's report", () => {
  it("lists each failed vector with what it expects and what the implementation returned", async () => {
    const float: Implementation = async (facts, context) => {
      const r = (await subsidy()(facts, context)) as { eligible: boolean; amount: number };
      const amount = Number(facts["contractAmount"]);
      const raw = r.eligible ? Math.min(500000, 0.1 * Math.min(amount, 1000000) + 0.05 * Math.max(0, amount - 1000000)) : 0;
      return { eligible: r.eligible, amount: Math.round(raw * 100) / 100 };
    };
    const report = await checkImplementation(SUBSIDY, float, { rejects: "skip" });
    const f = report.failures.find((x) => x.facts["contractAmount"] === "2999998.30")!;
    expect(f).toMatchObject({ on: "2025-06-01", expected: { outcome: { eligible: true, amount: "199999.92" } }, actual: { eligible: true, amount: 199999.91 } });
    expect(f.vector).toMatch(/^sjz-2025\/absorption-subsidy@1#\d+$/);
    expect(report.failures).toHaveLength(report.failed);
  });

  it("records a throw as the actual outcome", async () => {
    const report = await checkImplementation(SUBSIDY, () => { throw new RangeError("boom"); }, { rejects: "skip" });
    expect(report.failures[0]!.actual).toEqual({ threw: "RangeError: boom" });
    expect(report.passed).toBe(0);
    expect(report.covered).toEqual([]);
  });

  it("counts how often each condition held and failed over the passing vectors", async () => {
    const report = await checkImplementation(SUBSIDY, library, { rejects: "skip" });
    expect(report.covered).toHaveLength(1);
    const [c] = report.covered;
    // Worked out from the vectors' own facts: in force, and below 500,000 yuan (含) fails the threshold.
    const inForce = getTestVectors({ ruleId: SUBSIDY }).filter((v) => v.expected && v.expected.inForce !== false);
    const below = inForce.filter((v) => Number(v.facts["contractAmount"]) < 500000).length;
    expect(c).toMatchObject({ ruleId: SUBSIDY, version: 1, passed: inForce.length });
    expect(c!.conditions.find((x) => x.id === "amountAtLeastThreshold")).toEqual({ id: "amountAtLeastThreshold", holdsIn: inForce.length - below, failsIn: below });
    const handan = inForce.filter((v) => v.facts["enterpriseCity"] !== "shijiazhuang").length;
    expect(c!.conditions.find((x) => x.id === "enterpriseInShijiazhuang")!.failsIn).toBe(handan);
  });
});

describe("checkImplementation on a list of vectors: the generated boundary vectors", () => {
  const generated = boundaryVectors(SUBSIDY);

  it("are marked generated, with the engine that computed them", () => {
    expect(generated.length).toBeGreaterThan(0);
    for (const v of generated) expect(v).toMatchObject({ generated: true, engine: expect.stringMatching(/^jjj-policy-rules@\d/) });
  });

  it("pass an exact implementation and catch one that reads 50万元(含) as 'more than'", async () => {
    expect((await checkImplementation(generated, subsidy())).mismatches).toEqual([]);
    const report = await checkImplementation(generated, subsidy(true));
    expect(report.ok).toBe(false);
    // At the breakpoint 500,000, and on the first and last day in force (the edges are taken with 500,000 yuan).
    expect(report.failures.map((f) => [f.on, f.facts["contractAmount"]])).toEqual([["2025-06-01", "500000"], ["2025-01-17", "500000"], ["2028-01-16", "500000"]]);
  });

  it("refuses an empty list", async () => {
    await expect(checkImplementation([], library)).rejects.toThrow(/no test vectors for an empty list/);
  });
});
