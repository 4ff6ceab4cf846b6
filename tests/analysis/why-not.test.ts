import { describe, expect, it } from "vitest";
import { whatWouldChange, type InputChanges } from "../../src/analysis/index.js";

/*
 * whatWouldChange: the smallest single-input change that makes a decision eligible, each answer
 * certified by the engine. Expected values are worked out by hand from the source texts quoted in each
 * case (the seed documents in /work/shared/seeds/), not copied from the engine.
 */

const ABSORPTION = "sjz-2025/absorption-subsidy";
const licence450k = { contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };

function found(r: { inputs: InputChanges[] }, input: string) {
  const entry = r.inputs.find((i) => i.input === input);
  expect(entry?.status, input).toBe("found");
  return (entry as Extract<InputChanges, { status: "found" }>).changes;
}

describe("whatWouldChange", () => {
  it("a 450,000 yuan licence from Tianjin to a Shijiazhuang enterprise on 2025-06-01 needs +50,000.00 (the issue's check)", () => {
    // 九: 单项技术交易额在50万元(含)至100万元(含)的 … 给予补助: the least eligible value is 500,000.00 (含: inclusive),
    // so from 450,000.00 the contract must grow by 500,000.00 − 450,000.00 = 50,000.00, and one fen less is not enough.
    const r = whatWouldChange(ABSORPTION, licence450k, { on: "2025-06-01", goal: "eligible" });
    expect(r.reached).toBe(false);
    const [up, ...rest] = found(r, "contractAmount");
    expect(rest).toEqual([]); // nothing below 450,000 is eligible
    expect(up).toMatchObject({ from: "450000.00", to: "500000.00", delta: "+50000.00", confirmed: true });
    expect(up!.text.en).toBe("contractAmount 450,000.00 → at least 500,000.00: +50,000.00");
    // The certificate: the engine's decision on the changed facts, eligible with 10% × 500,000 = 50,000.00.
    expect(up!.certificate.outcome).toEqual({ eligible: true, amount: "50000.00" });
    expect(up!.certificate.provenance.ruleId).toBe(ABSORPTION);
    expect(r.nearest?.delta).toBe("+50000.00");
    // No other single input helps: mode and source already qualify, the city is free text.
    expect(r.inputs.filter((i) => i.status === "found").map((i) => i.input)).toEqual(["contractAmount"]);
    expect(r.inputs.find((i) => i.input === "enterpriseCity")?.status).toBe("not-searched");
  });

  it("one fen below the threshold needs exactly one fen", () => {
    const r = whatWouldChange(ABSORPTION, { ...licence450k, contractAmount: "499999.99" }, { on: "2025-06-01" });
    expect(found(r, "contractAmount")[0]).toMatchObject({ to: "500000.00", delta: "+0.01", confirmed: true });
  });

  it("technical service instead of a licence: a licence or a transfer would do (以技术转让和技术许可方式)", () => {
    const r = whatWouldChange(ABSORPTION, { ...licence450k, contractAmount: "3000000", transferMode: "service" }, { on: "2025-06-01" });
    expect(found(r, "transferMode").map((c) => [c.to, c.confirmed])).toEqual([["transfer", true], ["license", true]]);
    expect(r.inputs.find((i) => i.input === "contractAmount")?.status).toBe("none");
  });

  it("an achievement from Hebei: Beijing or Tianjin would do (吸纳京津科技成果)", () => {
    const r = whatWouldChange(ABSORPTION, { ...licence450k, contractAmount: "3000000", sourceRegion: "hebei" }, { on: "2025-06-01" });
    expect(found(r, "sourceRegion").map((c) => c.to)).toEqual(["beijing", "tianjin"]);
  });

  it("an eligible decision needs no change", () => {
    const r = whatWouldChange(ABSORPTION, { ...licence450k, contractAmount: "800000" }, { on: "2025-06-01" });
    expect(r).toMatchObject({ reached: true, inputs: [] });
  });

  it("a number may have to fall: equipment purchases at most the direct costs (设备购置费 within 直接费用)", () => {
    // indirect-cost-cap: eligible when municipal and equipment ≤ direct costs. Equipment 1,200,000.50 over
    // direct costs of 1,000,000: equipment down by 200,000.50 to 1,000,000.00, or direct costs up by the same.
    const facts = { fundingLevel: "municipal", directCost: "1000000", equipmentCost: "1200000.50", indirectCost: "0" };
    const r = whatWouldChange("sjz-2018/indirect-cost-cap", facts, { on: "2019-06-01" });
    expect(found(r, "equipmentCost").map((c) => [c.to, c.delta, c.confirmed])).toEqual([["1000000.00", "-200000.50", true]]);
    expect(found(r, "equipmentCost")[0]!.text.en).toBe("equipmentCost 1,200,000.50 → at most 1,000,000.00: -200,000.50");
    expect(found(r, "directCost").map((c) => [c.to, c.delta])).toEqual([["1200000.50", "+200000.50"]]);
    expect(r.inputs.find((i) => i.input === "fundingLevel")?.status).toBe("none");
  });

  it("dates: spent five days after the two years — spend by the last day, or have been accepted five days later", () => {
    // surplus-funds-retention: 在2年内 …; the last day is acceptance + 2 years (Civil Code art. 202).
    // Accepted 2021-03-15: the last day is 2023-03-15; spending on 2023-03-20 is 5 days late.
    const facts = { fundingLevel: "municipal", acceptancePassed: true, acceptanceDate: "2021-03-15", spendingDate: "2023-03-20", forDirectResearchSpending: true };
    const r = whatWouldChange("sjz-2018/surplus-funds-retention", facts, { on: "2023-06-01" });
    expect(found(r, "spendingDate").map((c) => [c.to, c.delta, c.confirmed])).toEqual([["2023-03-15", "-5", true]]);
    // Accepted 2021-03-20 or later (and not after the spending): 2021-03-20 + 2 years = 2023-03-20.
    expect(found(r, "acceptanceDate").map((c) => [c.to, c.delta, c.confirmed])).toEqual([["2021-03-20", "+5", true]]);
    expect(found(r, "acceptanceDate")[0]!.text.en).toBe("acceptanceDate 2021-03-15 → at least 2021-03-20: +5 days");
    expect(r.inputs.find((i) => i.input === "acceptancePassed")?.status).toBe("none");
  });

  it("dates across 29 February: accepted 2020-02-29, the last day is 2022-02-28, so spending on 2022-03-01 needs acceptance on 2020-03-01", () => {
    // 2020-02-29 + 2 years has no 29 February: the month's last day, 2022-02-28 (art. 202). A spending on
    // 2022-03-01 is one day late; the least acceptance date whose second anniversary is ≥ 2022-03-01 is 2020-03-01.
    const facts = { fundingLevel: "municipal", acceptancePassed: true, acceptanceDate: "2020-02-29", spendingDate: "2022-03-01", forDirectResearchSpending: true };
    const r = whatWouldChange("sjz-2018/surplus-funds-retention", facts, { on: "2022-06-01" });
    expect(found(r, "acceptanceDate").map((c) => [c.to, c.delta])).toEqual([["2020-03-01", "+1"]]);
    expect(found(r, "spendingDate").map((c) => [c.to, c.delta])).toEqual([["2022-02-28", "-1"]]);
  });

  it("refuses an unknown goal and a rule without an eligible outcome", () => {
    expect(() => whatWouldChange(ABSORPTION, licence450k, { on: "2025-06-01", goal: "richer" as never })).toThrow(/unknown goal/);
    const growth = { growthRateInReview: true, indicatorAllocatedToCounty: true, previousYearContractValue: "100", currentYearContractValue: "100" };
    expect(() => whatWouldChange("hd-2018/contract-growth-review", growth, { on: "2019-06-01" })).toThrow(/no boolean outcome field "eligible"/);
  });
});
