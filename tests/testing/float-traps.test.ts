import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { checkImplementation, getTestVectors, type Implementation } from "../../src/testing/index.js";
import { floatOutcome } from "./float-model.js";

/*
 * Issue #17: the vectors must catch an implementation that computes money and rates in binary floating
 * point. The float traps are worked examples (computed by hand, each says why floats miss it) found by a
 * search against the float model of float-model.ts.
 */

const SUBSIDY = "sjz-2025/absorption-subsidy";
const engine = defaultEngine();

/** The subsidy as a downstream service writes it with JS numbers: right formula, float arithmetic. */
const floatSubsidy: Implementation = (facts, { on }) => {
  const amount = Number(facts["contractAmount"]);
  const eligible =
    on >= "2025-01-17" && on <= "2028-01-16" &&
    facts["enterpriseCity"] === "shijiazhuang" &&
    ["transfer", "license"].includes(facts["transferMode"] as string) &&
    ["beijing", "tianjin"].includes(facts["sourceRegion"] as string) &&
    amount >= 500000;
  const raw = eligible ? Math.min(500000, 0.1 * Math.min(amount, 1000000) + 0.05 * Math.max(0, amount - 1000000)) : 0;
  return { eligible, amount: Math.round(raw * 100) / 100 };
};

/** The same, rounding with toFixed(2) (the variant of the issue, which answers 100,000.01 at 1,000,000.30). */
const toFixedSubsidy: Implementation = async (facts, context) => {
  const { eligible } = (await floatSubsidy(facts, context)) as { eligible: boolean };
  const amount = Number(facts["contractAmount"]);
  const raw = eligible ? Math.min(500000, 0.1 * Math.min(amount, 1000000) + 0.05 * Math.max(0, amount - 1000000)) : 0;
  return { eligible, amount: raw.toFixed(2) };
};

/** The same formula in exact decimal: whole fen and thousandths of a fen as integers. */
const exactSubsidy: Implementation = async (facts, context) => {
  const { eligible } = (await floatSubsidy(facts, context)) as { eligible: boolean };
  const fen = Math.round(Number(facts["contractAmount"]) * 100);
  const milli = eligible ? Math.min(5e10, 100 * Math.min(fen, 1e8) + 50 * Math.max(0, fen - 1e8)) : 0;
  return { eligible, amount: Math.floor((milli + 500) / 1000) / 100 };
};

describe("float traps in the subsidy's vectors", () => {
  it("a float implementation of the subsidy fails checkImplementation, on the float-trap vectors only", async () => {
    const report = await checkImplementation(SUBSIDY, floatSubsidy, { rejects: "skip" });
    expect(report.ok).toBe(false);
    const failed = new Set(report.mismatches.map((m) => m.vector));
    const traps = getTestVectors({ ruleId: SUBSIDY }).filter((v) => v.description.en.startsWith("Float trap"));
    expect(traps.length).toBeGreaterThanOrEqual(3);
    for (const id of failed) expect(traps.map((t) => t.id)).toContain(id);
    // 2,999,998.30 → exactly 199,999.915 → 199,999.92; floats 199,999.91 (worked out in the vector).
    const m = report.mismatches.find((x) => x.expected === "199999.92")!;
    expect(m).toMatchObject({ field: "outcome.amount", actual: 199999.91 });
  });

  it("the toFixed variant answers 100,000.01 for 1,000,000.30 and is caught", async () => {
    const report = await checkImplementation(SUBSIDY, toFixedSubsidy, { rejects: "skip" });
    expect(report.ok).toBe(false);
    expect(report.mismatches.find((x) => x.expected === "100000.02")).toMatchObject({ actual: "100000.01" });
  });

  it("the same formula in exact arithmetic passes every vector", async () => {
    const report = await checkImplementation(SUBSIDY, exactSubsidy, { rejects: "skip" });
    expect(report.mismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });
});

// Every rule whose logic does money or rate arithmetic has a vector that the rule run in floats fails.
const ARITHMETIC = [
  "sjz-2025/absorption-subsidy",
  "sjz-2025/absorption-share",
  "hd-2018/county-subsidy",
  "hd-2018/soe-profit-treatment",
  "hd-2018/bjtj-output-share",
  "hd-2018/tech-progress-contribution",
  "hd-2018/invention-patents",
  "hd-2018/contract-growth-review",
  "sjz-2018/indirect-cost-cap",
  "sjz-2018/meeting-travel-exemption",
  "sjz-2018/transformation-targets",
];

describe("the rules run in floats fail their float-trap vectors", () => {
  const floatRule: Implementation = (facts, { on, ruleId, version }) =>
    floatOutcome(engine.ruleSet.versions(ruleId).find((v) => v.file.version === version)!, facts as Record<string, unknown>, on);

  it.each(ARITHMETIC)("%s", async (ruleId) => {
    const report = await checkImplementation({ ruleId }, floatRule, { rejects: "skip" });
    const failed = new Set(report.mismatches.map((m) => m.vector));
    const traps = getTestVectors({ ruleId }).filter((v) => v.description.en.startsWith("Float trap"));
    expect(traps.length).toBeGreaterThan(0);
    // At least one hand-checked trap catches the rule run in floats (1,000,000.30 of the subsidy catches
    // only the toFixed variant, above; some older examples of the rate rules already caught floats too).
    expect(traps.filter((t) => failed.has(t.id)).map((t) => t.id)).not.toEqual([]);
  });

  it("lists every rule with decimal arithmetic on money, rate or decimal inputs", () => {
    const arithmetic = new Set(["jjj.add", "jjj.sub", "jjj.mul", "jjj.div"]);
    const found = engine.ruleSet.ruleIds().filter((id) =>
      engine.ruleSet.versions(id).some((v) => {
        const numeric = Object.values(v.file.inputs).some((s) => ["money", "rate", "decimal"].includes(s.type));
        const text = JSON.stringify([v.file.conditions, v.file.outcome]);
        return numeric && [...arithmetic].some((op) => text.includes(`"${op}"`));
      }),
    );
    // technology-trade-value subtracts two-decimal money and rounds to the fen: the search found no trap there.
    expect(found.filter((id) => !ARITHMETIC.includes(id)).sort()).toEqual(["hd-2018/technology-trade-value"]);
  });
});
