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
    expect(r.stderr).toMatch(/no boolean outcome field "eligible"/);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("--goal next-band and --goal cap answer along the amount (九: 10% to 1,000,000, 5% above it, at most 500,000)", async () => {
    const facts = { "f.json": JSON.stringify({ contractAmount: "600000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }) };
    const band = await runCli(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--on", "2025-06-01", "--why-not", "--goal", "next-band", "--no-explain"], facts);
    expect(band.code).toBe(0);
    // 超过100万元的部分: 1,000,000 stays in the 10% band, the 5% band starts at 1,000,000.01.
    expect(JSON.parse(band.stdout).nearest).toMatchObject({ to: "1000000.01", value: "100000.00", confirmed: true });
    const cap = await runCli(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--on", "2025-06-01", "--why-not", "--goal", "cap", "--no-explain"], facts);
    // 100,000 + 5% × 7,999,999.90 = 499,999.995, shown half-up as 500,000.00.
    expect(JSON.parse(cap.stdout)).toMatchObject({ goal: "cap", field: "amount", reached: false, nearest: { to: "8999999.90", value: "500000.00", confirmed: true } });
  });

  it("--goal without --why-not, and an unknown goal, exit 2", async () => {
    const without = await runCli(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--goal", "cap"], { "f.json": licence450k });
    expect(without.code).toBe(2);
    expect(without.stderr).toMatch(/--goal and --field go with --why-not.*须与 --why-not 同用/);
    const unknown = await runCli(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--why-not", "--goal", "richer"], { "f.json": licence450k });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown goal "richer".*目标须为/);
  });
});
