import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

describe("show", () => {
  it("prints the logic as formulas and parameters as a reader writes them (#18)", async () => {
    const r = await runCli(["show", "sjz-2025/absorption-subsidy"]);
    expect(r.code).toBe(0);
    // 最高10% … 每项最高补助50万元: rates as percentages, money grouped.
    expect(r.stdout).toContain("  lowerBandRate = 0.10 (10%)  — ");
    expect(r.stdout).toContain("  cap = 500,000 yuan  — ");
    expect(r.stdout).not.toContain("fraction");
    expect(r.stdout).toContain("Logic (as the catalogue writes it / 规则逻辑):");
    expect(r.stdout).toContain("  amountAtLeastThreshold = contractAmount ≥ threshold");
    expect(r.stdout).toMatch(/ {2}amount = IF eligible\n {13}THEN min\(cap, lowerBandRate × min\(contractAmount, lowerBandLimit\)/);
  });
});
