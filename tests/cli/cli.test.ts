import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

const run = runCli;

const FACTS = JSON.stringify({ contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" });

describe("CLI", () => {
  it("eval prints the decision as JSON and exits 0", async () => {
    const r = await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--on", "2025-06-01"], { "f.json": FACTS });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcome).toEqual({ eligible: true, amount: "200000.00" });
  });

  it("eval reads stdin with --facts -", async () => {
    const r = await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "-", "--on", "2025-06-01", "--rule-version", "1"], { "-": FACTS });
    expect(JSON.parse(r.stdout).version).toBe(1);
  });

  it("exits 0 for a subject that is not eligible", async () => {
    const r = await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--on", "2025-06-01"], {
      "f.json": JSON.stringify({ ...JSON.parse(FACTS), sourceRegion: "hebei" }),
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).outcome.eligible).toBe(false);
  });

  it.each([
    ["a negative amount", { contractAmount: "-1" }, "contractAmount"],
    ["a non-numeric amount", { contractAmount: "abc" }, "contractAmount"],
    ["a transfer mode that is not a technology-contract type", { transferMode: "gift" }, "transferMode"],
  ])("exits 2 and names the field for %s", async (_n, change, field) => {
    const r = await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--on", "2025-06-01"], { "f.json": JSON.stringify({ ...JSON.parse(FACTS), ...change }) });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${field}:`);
  });

  it("exits 2 and names a missing field", async () => {
    const { enterpriseCity: _e, ...rest } = JSON.parse(FACTS);
    const r = await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json"], { "f.json": JSON.stringify(rest) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("enterpriseCity: missing required input");
  });

  it("exits 2 for an unknown rule", async () => {
    const r = await run(["eval", "sjz-2025/nothing", "--facts", "f.json"], { "f.json": FACTS });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown rule "sjz-2025/nothing"');
  });

  it("exits 2 for facts that are not JSON, and for usage errors", async () => {
    expect((await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json"], { "f.json": "{" })).code).toBe(2);
    expect((await run(["eval", "sjz-2025/absorption-subsidy"])).code).toBe(2);
    expect((await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--bogus"], { "f.json": FACTS })).code).toBe(2);
    expect((await run(["frobnicate"])).code).toBe(2);
  });

  it("list --on shows the rules in force with their validity", async () => {
    const r = await run(["list", "--on", "2025-06-01"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("sjz-2025/absorption-subsidy@1");
    expect(r.stdout).toContain("2025-01-17 (stated) → 2028-01-16 (stated)");
    expect((await run(["list", "--on", "2029-01-01"])).stdout).not.toContain("absorption-subsidy");
  });

  it("show prints the source, parameters and version history", async () => {
    const r = await run(["show", "sjz-2025/absorption-subsidy"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("每项最高补助50万元");
    expect(r.stdout).toContain("cap = 500,000 yuan");
    expect(r.stdout).toContain("v1: 2025-01-17 → 2028-01-16");
  });

  // The commands and the options of each, as docs/cli.md documents them: written out here, not read
  // from the code that prints the help.
  const OPTIONS: Record<string, string[]> = {
    eval: ["--facts", "--batch", "--on", "--rule-version", "--no-explain", "--set", "--why-not", "--rules"],
    list: ["--on", "--all", "--document", "--kind", "--json", "--rules"],
    match: ["--profile", "--batch", "--on", "--json", "--rules"],
    show: ["--rule-version", "--json", "--rules"],
    diff: ["--from", "--to", "--json", "--no-behaviour", "--max-cases", "--rules"],
    impact: ["--cases", "--set", "--against", "--rule-version", "--on", "--limit", "--json", "--rules"],
    changelog: ["--from", "--to", "--title", "--examples", "--json", "--rules"],
    serve: ["--port", "--host", "--rules", "--decision-log", "--cors", "--max-body-bytes", "--request-timeout-ms", "--max-line-bytes", "--max-batch-lines"],
    replay: ["--rules", "--json", "--max-line-bytes"],
    coverage: ["--json", "--rules"],
    vectors: ["--rule", "--kind", "--format", "--rules"],
    verify: ["--rule-version", "--json", "--timeout-ms", "--rules"],
    chart: ["--input", "--facts", "--field", "--on", "--rule-version", "--against", "--svg", "--lang", "--rules"],
    sql: ["--on", "--rule-version", "--dialect", "--table", "--keep", "--rules"],
  };

  it("--help lists every command with a summary, the conventions and the exit codes", async () => {
    for (const flag of ["--help", "-h", "help"]) {
      const r = await run([flag]);
      expect(r.code, flag).toBe(0);
      expect(r.stdout).toContain("Usage: jjj-policy-rules <command> [options]");
      const commandLines = r.stdout.split("\n").filter((l) => /^ {2}[a-z]+ +\S/.test(l));
      expect(commandLines.map((l) => l.trim().split(/\s+/)[0]).sort()).toEqual(Object.keys(OPTIONS).sort());
      for (const line of commandLines) expect(line.trim().split(/\s{2,}/)[1]!.length, line).toBeGreaterThan(20);
      expect(r.stdout).toContain("Asia/Shanghai");
      expect(r.stdout).toMatch(/Exit codes: 0 success.*; 2 unknown rule, invalid facts or bad usage; 1 internal error/);
    }
    // Without any argument: the same help, but exit 2 (bad usage).
    const bare = await run([]);
    expect(bare.code).toBe(2);
    expect(bare.stdout).toContain("Usage: jjj-policy-rules <command> [options]");
  });

  it.each(Object.entries(OPTIONS))("%s: --help and `help <command>` give its usage with each of its options", async (command, options) => {
    const r = await run([command, "--help"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`Usage: jjj-policy-rules ${command} `);
    for (const option of options) expect(r.stdout, option).toContain(option);
    const viaHelp = await run(["help", command]);
    expect(viaHelp).toEqual(r);
  });
});
