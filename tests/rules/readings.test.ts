import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";

// Readings corrected by issue 12 that the worked examples (subsets of the outcome) cannot show on their own.
const engine = defaultEngine();

describe("targets whose passage gives no year have no deadline", () => {
  it("hd-2018/intellectual-property-2020 reports no deadline, like bth-2025/achievement-supply-targets", () => {
    const ip = engine.evaluate("hd-2018/intellectual-property-2020", { ipStandardEnterpriseCount: 10, patentNavigationProjectCount: 10, nationalIpAdvantageEnterpriseCount: 5 }, { on: "2021-01-01" });
    const bth = engine.evaluate("bth-2025/achievement-supply-targets", { keyCoreTechnologyCount: 100, tianjinHebeiDemandCount: 300, beijingAchievementCount: 400 }, { on: "2026-01-01" });
    for (const d of [ip, bth]) {
      expect(Object.keys(d.outcome)).not.toContain("deadline");
      expect(Object.keys(d.outcome)).not.toContain("deadlinePassed");
      expect(Object.keys(d.parameters)).not.toContain("deadline");
      expect(d.outcome.met).toBe(true);
    }
  });
});

describe("sjz-2018/talent-targets: 100名左右 is not a bare ≥ 100", () => {
  const facts = (n: number) => ({ academicianWorkstationCount: 64, newTeamCount: 200, talentParkCount: 1, introducedTalentCount: 200, leadingTalentCount: n });
  it.each([
    [101, "reached", true, 0, 0],
    [99, "about", true, 0, 1],
    [90, "about", true, 0, 10],
    [89, "missed", false, 1, 11],
  ] as const)("%i leading talents: %s", (n, status, met, shortfall, belowNominal) => {
    const d = engine.evaluate("sjz-2018/talent-targets", facts(n), { on: "2020-12-31" });
    expect(d.outcome.leadingTalentsStatus).toBe(status);
    expect(d.outcome.leadingTalentsMet).toBe(met);
    expect(d.outcome.met).toBe(met);
    expect(d.outcome.leadingTalentsShortfall).toBe(shortfall);
    expect(d.outcome.leadingTalentsBelowNominal).toBe(belowNominal);
  });
});

describe("hd-2018/trading-subsidy: no invented venue condition", () => {
  it("a named party outside the centre is not refused; the text leaves it open", () => {
    const d = engine.evaluate("hd-2018/trading-subsidy", { role: "seller", viaTradingCentre: false }, { on: "2019-06-30" });
    expect(d.outcome).toMatchObject({ eligible: true, coverage: "not-settled-by-text" });
    expect(engine.ruleSet.version("hd-2018/trading-subsidy").file.subjects.places).toBeUndefined();
  });
});
