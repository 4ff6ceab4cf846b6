import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const licence450k = JSON.stringify({ contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" });

describe("eval --why-not", () => {
  it("answers +50,000.00 for a 450,000 yuan licence from Tianjin on 2025-06-01, with the certificate", async () => {
    // 九: 单项技术交易额在50万元(含)…: 500,000.00 − 450,000.00 = 50,000.00.
    const r = await runCli(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--on", "2025-06-01", "--why-not"], { "f.json": licence450k });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.decision.outcome).toEqual({ eligible: false, amount: "0.00" });
    expect(out.decision.explanation.length).toBeGreaterThan(0);
    expect(out.reached).toBe(false);
    expect(out.nearest).toMatchObject({ input: "contractAmount", to: "500000.00", delta: "+50000.00", confirmed: true });
    expect(out.nearest.text.en).toBe("contractAmount 450,000.00 → at least 500,000.00: +50,000.00");
    expect(out.nearest.certificate.outcome).toEqual({ eligible: true, amount: "50000.00" });
  });

  it("refuses --batch and --set with it (exit 2, English and Chinese)", async () => {
    const batch = await runCli(["eval", "sjz-2025/absorption-subsidy", "--batch", "f.jsonl", "--why-not"], { "f.jsonl": licence450k });
    expect(batch.code).toBe(2);
    expect(batch.stderr).toMatch(/--why-not answers one decision.*只用于单个决定/);
    const set = await runCli(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--why-not", "--set", "cap=800000"], { "f.json": licence450k });
    expect(set.code).toBe(2);
    expect(set.stderr).toMatch(/leave out --set/);
  });

  it("a rule without an eligible outcome exits 2 with the reason", async () => {
    const facts = JSON.stringify({ growthRateInReview: true, indicatorAllocatedToCounty: true, previousYearContractValue: "100", currentYearContractValue: "100" });
    const r = await runCli(["eval", "hd-2018/contract-growth-review", "--facts", "f.json", "--on", "2019-06-01", "--why-not"], { "f.json": facts });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/no outcome field "eligible"/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});
