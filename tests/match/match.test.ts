import { describe, expect, it } from "vitest";
import { createEngine, defaultEngine, matchPolicies } from "../../src/api.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";
import { InvalidArgumentError } from "../../src/errors.js";

const contract = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin" };
const sjzEnterprise = { type: "enterprise", city: "shijiazhuang", facts: contract };

describe("matchPolicies", () => {
  it("lists measure 九 with its subsidy for a Shijiazhuang enterprise with a qualifying contract", () => {
    const r = matchPolicies(sjzEnterprise, { on: "2025-06-01" });
    const nine = r.measures.find((m) => m.ruleId === "sjz-2025/absorption-subsidy");
    expect(nine).toMatchObject({ status: "decided", applicable: true, outcome: { eligible: true, amount: "200000.00" } });
  });

  it("lists no Handan-only measure for a Shijiazhuang enterprise, and the reverse", () => {
    const set = defaultEngine().ruleSet;
    // Every hd-2018 rule is for Handan only and every sjz-* rule for Shijiazhuang only (rules/*/…/v1.json
    // subjects.places), except hd-2018/trading-subsidy, whose text sets no place ("不限主体类型和所在地");
    // the bth-2025 rules cover the whole region, both cities included.
    const cases = [
      { city: "shijiazhuang", own: "sjz-2025/absorption-subsidy", other: "hd-2018" },
      { city: "handan", own: "hd-2018/county-subsidy", other: "sjz-" },
    ];
    for (const { city, own, other } of cases) {
      const ids = matchPolicies({ type: "enterprise", city, facts: contract }, { on: "2025-06-01" }).measures.map((m) => m.ruleId);
      expect(ids, city).toContain(own);
      expect(ids, city).toContain("bth-2025/cross-region-transformation-chain");
      expect(ids.filter((id) => id.startsWith(other)), city).toEqual(city === "shijiazhuang" ? ["hd-2018/trading-subsidy"] : []);
      for (const id of ids) {
        const places = set.version(id).file.subjects.places;
        if (places) expect(places, id).toContain(city);
      }
    }
  });

  it("lists the inputs still missing when the profile has no facts", () => {
    const r = matchPolicies({ type: "enterprise", city: "shijiazhuang" }, { on: "2025-06-01" });
    const nine = r.measures.find((m) => m.ruleId === "sjz-2025/absorption-subsidy")!;
    expect(nine.status).toBe("needs-input");
    expect(nine.missing.map((x) => x.name).sort()).toEqual(["contractAmount", "sourceRegion", "transferMode"]);
    expect(nine.missing.find((x) => x.name === "transferMode")!.values).toHaveProperty("license");
  });

  it("reports facts the rule rejects instead of deciding", () => {
    const r = matchPolicies({ ...sjzEnterprise, facts: { ...contract, contractAmount: "-1" } }, { on: "2025-06-01" });
    const nine = r.measures.find((m) => m.ruleId === "sjz-2025/absorption-subsidy")!;
    expect(nine.status).toBe("invalid-input");
    expect(nine.issues[0]!.path).toBe("contractAmount");
  });

  it("a state-owned enterprise is matched by measures for enterprises", () => {
    const r = matchPolicies({ ...sjzEnterprise, type: "state-owned-enterprise" }, { on: "2025-06-01" });
    expect(r.measures.map((m) => m.ruleId)).toContain("sjz-2025/absorption-subsidy");
  });

  it("lists nothing in force before the measures were issued", () => {
    const r = matchPolicies(sjzEnterprise, { on: "2025-01-16" });
    expect(r.measures.map((m) => m.ruleId)).not.toContain("sjz-2025/absorption-subsidy");
  });

  it("says no text settles how benefits combine, since no shipped rule's text does", () => {
    // A state-owned enterprise in Shijiazhuang with a contract matches two benefits (九 and 十).
    const r = matchPolicies({ ...sjzEnterprise, type: "state-owned-enterprise" }, { on: "2025-06-01" });
    const benefits = r.measures.filter((m) => m.kind === "benefit");
    expect(benefits.length).toBeGreaterThanOrEqual(2);
    expect(benefits.every((b) => b.combination === null)).toBe(true);
    expect(r.combinationNote.en).toContain("no text settles");
  });

  it("reports a rule's combination where its text states one", () => {
    const combined = { ...minimalRule(), combination: [{ mode: "higher-applies", with: ["sjz-2025/other"], sourceText: "就高不重复" }] };
    const other = minimalRule({ id: "sjz-2025/other" });
    const engine = createEngine(loadRules(combined, other));
    const r = engine.match({ type: "enterprise", facts: { amount: "100" } }, { on: "2025-06-01" });
    expect(r.measures.find((m) => m.ruleId === "sjz-2025/test-rule")!.combination).toEqual(combined.combination);
    expect(r.combinationNote.en).toContain("the texts of 1 of them say how they combine");
  });

  it("rejects a malformed profile with every problem", () => {
    expect(() => matchPolicies({ type: "company", city: "Shijiazhuang" })).toThrow(InvalidArgumentError);
    expect(() => matchPolicies({ type: "company", city: "Shijiazhuang" })).toThrow(/type[\s\S]*city/);
  });
});

describe("match --batch", () => {
  it("answers every line of a JSON Lines file in order, a bad line with an error record, and exits 3", async () => {
    const { mkdtempSync, writeFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { main } = await import("../../src/cli/main.js");
    const dir = mkdtempSync(join(tmpdir(), "jjj-match-"));
    const file = join(dir, "profiles.jsonl");
    writeFileSync(file, [JSON.stringify(sjzEnterprise), "{not json", JSON.stringify({ type: "company" }), JSON.stringify({ type: "university", city: "handan" })].join("\n") + "\n");
    let out = "";
    let err = "";
    const code = await main(["match", "--batch", file, "--on", "2025-06-01"], {
      stdout: (t) => void (out += t),
      stderr: (t) => void (err += t),
      readText: async () => "",
      engine: () => defaultEngine(),
    });
    const lines = out.trim().split("\n").map((l) => JSON.parse(l));
    expect(code).toBe(3);
    expect(lines).toHaveLength(4);
    expect(lines[0].measures.find((m: { ruleId: string }) => m.ruleId === "sjz-2025/absorption-subsidy").outcome.amount).toBe("200000.00");
    expect(lines[1]).toMatchObject({ line: 2, error: { code: "invalid_json" } });
    expect(lines[2]).toMatchObject({ line: 3, error: {} });
    expect(lines[3].profile.city).toBe("handan");
    expect(err).toContain("line 2");
  });
});
