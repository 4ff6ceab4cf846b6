import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { fixtureEngine, fixturePath, SUBSIDY } from "../diff/helpers.js";
import { runCli } from "../helpers/cli.js";

// The CLI's diff shows the exact change regions of the analysis (精确变化区域) before the sampled cases.

/** The CLI on the fixture amendment's rules (both versions of the subsidy), or on folders given by --from/--to. */
const run = (argv: string[]) => runCli(argv, {}, () => fixtureEngine("amendment"));

const tmp = mkdtempSync(join(tmpdir(), "jjj-diff-exact-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** The shipped rules written to a folder, one file's JSON changed on the way. */
function writeRules(name: string, edit: (path: string, json: any) => void): string {
  const root = join(tmp, name);
  for (const s of BUNDLED_RULES) {
    const json = structuredClone(s.json) as any;
    edit(s.path, json);
    mkdirSync(dirname(join(root, s.path)), { recursive: true });
    writeFileSync(join(root, s.path), JSON.stringify(json, null, 2));
  }
  return root;
}

describe("diff <ruleId>@<v1> <ruleId>@<v2>: exact change regions", () => {
  it("prints the regions, with exact bounds and witnesses, before the sampled behaviour", async () => {
    const r = await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@2`]);
    expect([r.code, r.stderr]).toEqual([0, ""]);
    const exact = r.stdout.indexOf("Exact change regions (精确变化区域): 5 regions");
    expect(exact).toBeGreaterThan(0);
    expect(exact).toBeLessThan(r.stdout.indexOf("Behaviour (行为):"));
    expect(r.stdout).toContain("  1. contractAmount in [300,000.00, 500,000.00); transferMode ∈ {transfer, license}; sourceRegion ∈ {beijing, tianjin}; enterpriseCity = shijiazhuang\n     eligible no → yes\n");
    expect(r.stdout).toContain("     amount 500,000.00 → 800,000.00 (rises by 300,000.00)\n");
    expect(r.stdout.match(/confirmed by the engine \(引擎已验证\)/g)).toHaveLength(5);
  });

  it("gives them in --json as `exact`, and leaves them out with --no-exact", async () => {
    const j = JSON.parse((await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@2`, "--json", "--no-behaviour"])).stdout);
    expect(j.exact.regions.map((x: { bounds: { contractAmount: { from: { at: string } } } }) => x.bounds.contractAmount.from.at)).toEqual(["300000", "500000", "1000000", "9000000", "14000000"]);
    expect(j.exact.regions.every((x: { confirmed: boolean }) => x.confirmed)).toBe(true);
    const without = await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@2`, "--no-exact"]);
    expect(without.stdout).not.toContain("精确变化区域");
    expect(JSON.parse((await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@2`, "--json", "--no-exact", "--no-behaviour"])).stdout).exact).toBeUndefined();
  });
});

describe("diff --from --to: exact change regions of each changed version", () => {
  it("a release with a cap raised: the regions where the cap held, worked out by hand", async () => {
    // v1 with cap 800,000 instead of 500,000: amount = min(cap, 5% × (x + 1,000,000)) above 1,000,000;
    // the formula reaches 500,000 at x = 9,000,000 and 800,000 at x = 15,000,000. Shown to the fen (half-up),
    // 5% × (x + 1,000,000) is 500,000.00 up to x = 9,000,000.09 (500,000.0045) and 500,000.01 from
    // 9,000,000.10 (500,000.005). So the amount changes exactly on [9,000,000.10, 15,000,000)
    // (500,000 → 5% × (x + 1,000,000)) and from 15,000,000 (→ 800,000).
    const a = writeRules("cap-a", () => {});
    const b = writeRules("cap-b", (path, json) => {
      if (path === "sjz-2025/absorption-subsidy/v1.json") json.parameters.cap.value = "800000";
    });
    const j = JSON.parse((await run(["diff", "--from", a, "--to", b, "--json", "--no-behaviour"])).stdout);
    const exact = j.changed[0].versions[0].exact;
    expect(exact.regions.map((x: { bounds: { contractAmount: unknown } }) => x.bounds.contractAmount)).toEqual([
      { from: { at: "9000000.1", closed: true }, to: { at: "15000000", closed: false } },
      { from: { at: "15000000", closed: true }, to: { at: "999999999999999.99", closed: true } },
    ]);
    const text = (await run(["diff", "--from", a, "--to", b, "--no-behaviour"])).stdout;
    expect(text).toContain("Exact change regions (精确变化区域): 2 regions");
    expect(text).toContain("1. contractAmount in [9,000,000.10, 15,000,000.00)");
  });

  it("a version added to a rule is compared with its predecessor in the newer set, as the rest of the diff is", async () => {
    // The newer set closes v1 on 2025-12-31 with its cap raised to 600,000 and adds the fixture's v2
    // (threshold 300,000, 15%, cap 800,000). v2 is compared with that v1: the cap held by v1 from
    // 5% × (x + 1,000,000) = 600,000, x = 11,000,000 (the older set's v1, capped at 500,000, would give 9,000,000).
    const a = writeRules("added-a", () => {});
    const b = writeRules("added-b", (path, json) => {
      if (path !== "sjz-2025/absorption-subsidy/v1.json") return;
      json.parameters.cap.value = "600000";
      json.validity.to = { date: "2025-12-31", basis: "stated" };
    });
    writeFileSync(join(b, "sjz-2025/absorption-subsidy/v2.json"), readFileSync(fixturePath("amendment", "rules", "sjz-2025", "absorption-subsidy", "v2.json"), "utf8"));
    const j = JSON.parse((await run(["diff", "--from", a, "--to", b, "--json", "--no-behaviour"])).stdout);
    const added = j.changed[0].versions.find((v: { kind: string }) => v.kind === "added");
    expect(added.diff.from.version).toBe(1);
    const starts = added.exact.regions.map((x: { bounds: { contractAmount: { from: { at: string } } } }) => x.bounds.contractAmount.from.at);
    expect(starts).toContain("11000000");
    expect(starts).not.toContain("9000000");
    expect(added.exact.regions.every((x: { confirmed: boolean }) => x.confirmed)).toBe(true);
  });

  it("a changed rule the analysis cannot state says why, and the diff goes on", async () => {
    const a = writeRules("mul-a", () => {});
    const b = writeRules("mul-b", (path, json) => {
      if (path === "hd-2018/county-subsidy/v1.json") json.title.en += " (edited)";
    });
    const r = await run(["diff", "--from", a, "--to", b, "--no-behaviour"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Exact change regions (精确变化区域): not computed — hd-2018/county-subsidy: not analysable: operation jjj.mul at outcome.amount#/if/1");
    const j = JSON.parse((await run(["diff", "--from", a, "--to", b, "--json", "--no-behaviour"])).stdout);
    expect(j.changed[0].versions[0].exact.error.code).toBe("not_analysable");
  });
});
