import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { nearestChangesForMatch } from "../../src/analysis/index.js";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { main } from "../../src/cli/main.js";
import { runCli } from "../helpers/cli.js";

/*
 * The match's nearest change for measures that do not apply or leave the subject not eligible (a target
 * not met). Expected changes are worked out by hand from the texts quoted.
 */

const engine = defaultEngine();
const enterprise = { type: "enterprise", city: "shijiazhuang", facts: { contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin" } };
const handan = { type: "city-government", city: "handan", facts: { inventionPatentsPer10kPeople: "1.2" } };

describe("nearestChangesForMatch", () => {
  it("a 450,000 yuan licence: the subsidy needs +50,000.00 (单项技术交易额在50万元(含)至100万元(含)的…)", () => {
    const r = engine.match(enterprise, { on: "2025-06-01" });
    const changes = nearestChangesForMatch(r, { engine });
    const subsidy = changes.find((c) => c.ruleId === "sjz-2025/absorption-subsidy");
    expect(subsidy).toMatchObject({ goal: "eligible", field: "eligible", nearest: { input: "contractAmount", to: "500000.00", delta: "+50000.00", confirmed: true } });
    // Only decided measures that fall short are listed: never one still needing input, never one already eligible.
    for (const c of changes) {
      const m = r.measures.find((x) => x.ruleId === c.ruleId)!;
      expect(m.status).toBe("decided");
      expect(m.applicable === false || m.outcome?.["eligible"] === false || m.outcome?.["met"] === false).toBe(true);
    }
  });

  it("Handan's invention patents target (万人发明专利拥有量增至1.5件): 1.2 needs +0.3 to be met", () => {
    const changes = nearestChangesForMatch(engine.match(handan, { on: "2020-06-01" }), { engine });
    expect(changes.find((c) => c.ruleId === "hd-2018/invention-patents")).toMatchObject({ goal: "eligible", field: "met", nearest: { to: "1.5", delta: "+0.3", confirmed: true } });
  });

  it("with the subsidy reached, it is not listed", () => {
    const r = engine.match({ ...enterprise, facts: { ...enterprise.facts, contractAmount: "600000" } }, { on: "2025-06-01" });
    expect(nearestChangesForMatch(r, { engine }).some((c) => c.ruleId === "sjz-2025/absorption-subsidy")).toBe(false);
  });
});

describe("match --why-not", () => {
  it("prints the nearest change under the measure, in English and Chinese, and in JSON as nearestChanges", async () => {
    const files = { "p.json": JSON.stringify(enterprise) };
    const text = await runCli(["match", "--profile", "p.json", "--on", "2025-06-01", "--why-not"], files);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("nearest change (eligible / 符合条件): contractAmount 450,000.00 → at least 500,000.00: +50,000.00");
    expect(text.stdout).toContain("最近的改变:contractAmount 450,000.00 → 至少 500,000.00:+50,000.00");
    const out = JSON.parse((await runCli(["match", "--profile", "p.json", "--on", "2025-06-01", "--why-not", "--json"], files)).stdout);
    expect(out.nearestChanges.find((c: { ruleId: string }) => c.ruleId === "sjz-2025/absorption-subsidy").nearest.to).toBe("500000.00");
    const without = JSON.parse((await runCli(["match", "--profile", "p.json", "--on", "2025-06-01", "--json"], files)).stdout);
    expect(without.nearestChanges).toBeUndefined();
  });

  it("works line by line with --batch (a real file: batches stream from disk)", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "jjj-why-not-")), "p.jsonl");
    writeFileSync(file, `${JSON.stringify(enterprise)}\n`);
    let out = "";
    const code = await main(["match", "--batch", file, "--on", "2025-06-01", "--why-not"], {
      stdout: (t) => void (out += t),
      stderr: () => undefined,
      readText: async () => "",
      engine: () => engine,
    });
    expect(code).toBe(0);
    expect(JSON.parse(out.trim()).nearestChanges.some((c: { ruleId: string }) => c.ruleId === "sjz-2025/absorption-subsidy")).toBe(true);
  });
});
