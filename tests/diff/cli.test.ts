import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { createEngine, defaultEngine } from "../../src/api.js";
import { loadRuleSetFromDir } from "../../src/cli/load-dir.js";
import type { CliIo } from "../../src/cli/io.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { runImpact } from "../../src/cli/commands/impact.js";
import { fixturePath, fixtureEngine, LICENCE, SUBSIDY } from "./helpers.js";

function run(argv: string[], stdin = "") {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readText: async (p) => (p === "-" ? stdin : readFileSync(p, "utf8")),
    engine: (dir) => (dir === undefined ? defaultEngine() : createEngine(loadRuleSetFromDir(dir))),
  };
  return main(argv, io).then((code) => ({ code, stdout, stderr }));
}

const AMENDMENT = fixturePath("amendment", "rules");
const GAP = fixturePath("gap", "rules");
const TGZ = fixturePath("release-0.1.0", "jjj-policy-rules-0.1.0.tgz");
const CASES = fixturePath("amendment", "cases.jsonl");

const tmp = mkdtempSync(join(tmpdir(), "jjj-diff-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Write the shipped rules to a folder, changing one file's JSON on the way if asked. */
function writeRules(name: string, edit?: (path: string, json: any) => void): string {
  const root = join(tmp, name);
  for (const s of BUNDLED_RULES) {
    const json = structuredClone(s.json) as any;
    edit?.(s.path, json);
    mkdirSync(dirname(join(root, s.path)), { recursive: true });
    writeFileSync(join(root, s.path), JSON.stringify(json, null, 2));
  }
  return root;
}

describe("diff <ruleId>@<v1> <ruleId>@<v2>", () => {
  it("prints the amendment in words and exits 0", async () => {
    const r = await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@2`, "--rules", AMENDMENT]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("sjz-2025/absorption-subsidy v1 → v2 (v2 supersedes v1)");
    expect(r.stdout).toContain("  - threshold 500,000 → 300,000 yuan");
    expect(r.stdout).toContain("  - lowerBandRate 10% → 15%");
    expect(r.stdout).toContain("  - cap 500,000 → 800,000 yuan");
    expect(r.stdout).toContain("  - in force from (施行): 2025-01-17 (stated, 原文明示) → 2026-01-01 (stated, 原文明示)");
    expect(r.stdout).toMatch(/- contractAmount 300,000 \[.*\]: eligible no → yes; amount 0\.00 → 45,000\.00 yuan \(\+45,000\.00\)/);
    expect(r.stdout).toMatch(/- contractAmount 500,000 \[.*\]: amount 50,000\.00 → 75,000\.00 yuan \(\+25,000\.00\)/);
    expect(r.stdout).toMatch(/- contractAmount 1,000,000 \[.*\]: amount 100,000\.00 → 150,000\.00 yuan \(\+50,000\.00\)/);
    expect(r.stdout).toMatch(/- contractAmount 10,000,000 \[.*\]: amount 500,000\.00 → 600,000\.00 yuan \(\+100,000\.00\)/);
  });

  it("prints JSON with --json, and limits the listed cases with --max-cases", async () => {
    const r = await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@v2`, "--rules", AMENDMENT, "--json"]);
    const d = JSON.parse(r.stdout);
    expect(d.parameters.map((p: { name: string; fromText: string; toText: string }) => [p.name, p.fromText, p.toText])).toEqual([
      ["threshold", "500,000", "300,000"],
      ["lowerBandRate", "10%", "15%"],
      ["cap", "500,000", "800,000"],
    ]);
    expect(d.behaviour.changes.length).toBe(22);
    const short = await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@2`, "--rules", AMENDMENT, "--max-cases", "2"]);
    expect(short.stdout).toContain("… and 20 more (see --json).");
    const quick = await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@2`, "--rules", AMENDMENT, "--no-behaviour"]);
    expect(quick.stdout).not.toContain("Behaviour");
  });

  it("exits 2 for an unknown version or rule, or a malformed reference", async () => {
    const r = await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@9`, "--rules", AMENDMENT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("has no version 9 (versions: 1, 2)");
    expect((await run(["diff", "sjz-2025/nothing@1", `${SUBSIDY}@1`])).code).toBe(2);
    expect((await run(["diff", `${SUBSIDY}@x`, `${SUBSIDY}@1`])).stderr).toContain("expected <ruleId>@<version>");
    expect((await run(["diff", `${SUBSIDY}@1`])).code).toBe(2);
    expect((await run(["diff", "--from", AMENDMENT])).stderr).toContain("give both --from and --to");
  });
});

describe("diff --from --to (rule sets)", () => {
  it("a rule set against itself reports no change", async () => {
    const a = writeRules("same-a");
    const b = writeRules("same-b");
    const r = await run(["diff", "--from", a, "--to", b]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("No change: the two rule sets are identical.");
    const j = JSON.parse((await run(["diff", "--from", a, "--to", a, "--json"])).stdout);
    expect([j.identical, j.added, j.removed, j.changed]).toEqual([true, [], [], []]);
  });

  it("a copy with one parameter changed reports exactly that one", async () => {
    const a = writeRules("one-a");
    const b = writeRules("one-b", (path, json) => {
      if (path === "sjz-2025/absorption-subsidy/v1.json") json.parameters.cap.value = "800000";
    });
    const j = JSON.parse((await run(["diff", "--from", a, "--to", b, "--json", "--no-behaviour"])).stdout);
    expect(j.changed).toHaveLength(1);
    expect(j.changed[0].ruleId).toBe(SUBSIDY);
    expect(j.changed[0].versions).toHaveLength(1);
    const d = j.changed[0].versions[0].diff;
    expect(d.parameters.map((p: { text: string }) => p.text)).toEqual(["cap 500,000 → 800,000 yuan — cap per contract (每项最高补助), 原文 “每项最高补助50万元”"]);
    expect([d.metadata, d.validity, d.inputs, d.logic, d.examples]).toEqual([[], [], [], [], []]);
    const text = (await run(["diff", "--from", a, "--to", b])).stdout;
    expect(text).toContain("0 rules added, 0 removed, 1 changed,");
    // The rule's own examples at the cap now differ: 9,000,000 gives 550,000.00 instead of 500,000.00.
    expect(text).toMatch(/contractAmount 10,000,000 \[.*\]: amount 500,000\.00 → 550,000\.00 yuan \(\+50,000\.00\)/);
  });

  it("reads the previous release from an npm-pack tarball and the new one from a folder", async () => {
    const r = await run(["diff", "--from", TGZ, "--to", AMENDMENT]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Rule set jjj-policy-rules-0.1.0.tgz (1 rule, 1 version, sha256:");
    expect(r.stdout).toContain("  versions added: v2");
    expect(r.stdout).toContain("  v1 changed in place:");
    expect(r.stdout).toContain("  v2 added, compared with v1:");
    // One rule of two sets: the first version from --from, the second from --to.
    const one = await run(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@2`, "--from", TGZ, "--to", AMENDMENT, "--json", "--no-behaviour"]);
    // The packed v1 ends 2028-01-16 and v2 ends there too, so only the start differs.
    expect(JSON.parse(one.stdout).validity.filter((c: { path: string }) => !c.path.includes("note")).map((c: { text: string }) => c.text)).toEqual([
      "in force from (施行): 2025-01-17 (stated, 原文明示) → 2026-01-01 (stated, 原文明示)",
    ]);
    // A package folder holding rules/ is read too.
    const pkg = join(tmp, "pkg");
    mkdirSync(pkg, { recursive: true });
    writeRules("pkg/rules");
    expect((await run(["diff", "--from", pkg, "--to", join(tmp, "pkg", "rules")])).stdout).toContain("No change");
  });

  it("exits 2 when a location is neither a rules folder nor a tarball", async () => {
    const r = await run(["diff", "--from", join(tmp, "missing"), "--to", AMENDMENT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read");
    writeFileSync(join(tmp, "not.tgz"), "hello");
    expect((await run(["diff", "--from", join(tmp, "not.tgz"), "--to", AMENDMENT])).code).toBe(2);
  });
});

describe("changelog", () => {
  it("writes Markdown release notes from a tarball to a folder", async () => {
    const r = await run(["changelog", "--from", TGZ, "--to", AMENDMENT, "--title", "Rules 0.2.0 (hypothetical)"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# Rules 0\.2\.0 \(hypothetical\)\n/);
    expect(r.stdout).toContain("**0** rules added, **0** removed, **1** changed, 0 unchanged.");
    expect(r.stdout).toContain("  - in force until (截止): 2028-01-16 (stated, 原文明示) → 2025-12-31 (stated, 原文明示)");
    expect(r.stdout).toContain("  - parameter threshold 500,000 → 300,000 yuan");
    expect(r.stdout).toMatch(/behaviour: 22 of \d+ cases give a different outcome, for example:/);
    expect((await run(["changelog", "--to", AMENDMENT])).code).toBe(2);
  });
});

describe("eval --set (what-if)", () => {
  const facts = JSON.stringify({ contractAmount: "10000000", ...LICENCE });
  it("overrides parameters, repeatable, rates as percentages", async () => {
    const base = JSON.parse((await run(["eval", SUBSIDY, "--facts", "-", "--on", "2025-06-01", "--no-explain"], facts)).stdout);
    expect(base.outcome.amount).toBe("500000.00");
    const r = await run(["eval", SUBSIDY, "--facts", "-", "--on", "2025-06-01", "--set", "cap=800000"], facts);
    expect(r.code).toBe(0);
    const d = JSON.parse(r.stdout);
    expect(d.outcome.amount).toBe("550000.00"); // 100,000 + 5% × 9,000,000, under the new cap
    expect(d.provenance.overrides).toEqual({ cap: "800000" });
    const two = JSON.parse((await run(["eval", SUBSIDY, "--facts", "-", "--on", "2025-06-01", "--set", "cap=800000", "--set", "lowerBandRate=15%"], facts)).stdout);
    expect(two.outcome.amount).toBe("600000.00"); // 150,000 + 450,000
    expect(two.parameters.lowerBandRate).toBe("0.15");
  });

  it.each([
    [["--set", "capp=1"], 'has no parameter "capp" (parameters: city, eligibleModes'],
    [["--set", "cap=80万"], "--set cap=80万: expected yuan as a plain decimal"],
    [["--set", "cap"], "--set expects name=value"],
    [["--set", "cap=1", "--set", "cap=2"], "--set cap is given twice"],
    [["--set", "eligibleRegions=beijing,mars"], "--set eligibleRegions=beijing,mars: expected a comma-separated list of beijing, tianjin"],
  ])("exits 2 for %j", async (extra, message) => {
    const r = await run(["eval", SUBSIDY, "--facts", "-", "--on", "2025-06-01", ...extra], facts);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(message);
  });
});

describe("impact", () => {
  const base = ["impact", SUBSIDY, "--cases", CASES, "--rules", AMENDMENT, "--on", "2025-06-01"];

  it("--set: counts eligibility changes each way, totals and the largest change, exactly", async () => {
    const r = await run([...base, "--set", "threshold=300000", "--set", "lowerBandRate=0.15", "--set", "cap=800000", "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    // Lines: 200,000 (no change), 300,000 (0 → 45,000), 500,000 on 2025-06-01 (50,000 → 75,000),
    // 3,000,000 on 2025-09-30 (200,000 → 250,000), blank, 10,000,000 (500,000 → 600,000), Hebei (0 → 0),
    // 4 bad lines (8: not JSON, 9: invalid facts, 10: not an object, 11: bad date), 20,000,000 (500,000 → 800,000), Handan (0 → 0).
    expect(j.lines).toBe(12);
    expect(j.evaluated).toBe(8);
    expect(j.badLines).toBe(4);
    expect(j.badLineList.map((b: { line: number }) => b.line)).toEqual([8, 9, 10, 11]);
    expect(j.changed).toBe(5);
    expect(j.eligibility).toEqual({ field: "eligible", baseline: 4, reform: 5, gained: 1, lost: 0 });
    expect(j.amounts.amount).toEqual({
      baselineTotal: "1250000.00",
      reformTotal: "1770000.00",
      change: "+520000.00",
      increased: 5,
      decreased: 0,
      largest: { line: 12, delta: "+300000.00", from: "500000.00", to: "800000.00" },
    });
    expect(j.changes.map((c: { line: number }) => c.line)).toEqual([2, 3, 4, 6, 12]);
    expect(j.changes[2].id).toBe("c-004");
    expect(r.stderr).toContain("jjj-policy-rules impact: line 8: not valid JSON");
    expect(r.stderr).toContain("line 9: invalid facts: contractAmount:");
    expect(r.stderr).toContain('line 11: "on" must be a date YYYY-MM-DD, got "2025-13-01"');
  });

  it("--against: the same figures from the amended version, evaluated inside its own validity", async () => {
    const r = await run([...base, "--against", `${SUBSIDY}@2`, "--limit", "2"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("reform:   sjz-2025/absorption-subsidy v2, each case evaluated on its date moved into that version's validity");
    expect(r.stdout).toContain("Cases: 12 read, 8 evaluated by both, 4 bad lines (line 8, 9, 10, 11).");
    expect(r.stdout).toContain("Eligibility (eligible): 1 become eligible, 0 lose eligibility (4 → 5 eligible).");
    expect(r.stdout).toContain("amount: total 1,250,000.00 → 1,770,000.00 yuan (+520,000.00); 5 higher, 0 lower; largest change +300,000.00 yuan on line 12: 500,000.00 → 800,000.00.");
    expect(r.stdout).toContain("First 2 changed cases:");
    expect(r.stdout).toContain("line 2, 2025-06-01 / 2026-01-01: contractAmount=300000");
    // The baseline pinned to v1 gives the same answer for these 2025 cases.
    const pinned = JSON.parse((await run([...base, "--against", `${SUBSIDY}@2`, "--rule-version", "1", "--json"])).stdout);
    expect(pinned.amounts.amount.change).toBe("+520000.00");
    // Reversed: v2 as the baseline (pinned), v1 as the reform: everything goes the other way.
    const back = JSON.parse((await run([...base, "--rule-version", "2", "--against", `${SUBSIDY}@1`, "--json"])).stdout);
    expect(back.eligibility).toMatchObject({ gained: 0, lost: 1 });
    expect(back.amounts.amount.change).toBe("-520000.00");
  });

  it("--against the baseline's own version warns that no case can change (English and Chinese)", async () => {
    const same = await run([...base, "--rule-version", "2", "--against", `${SUBSIDY}@2`, "--json"]);
    expect(same.code).toBe(0);
    expect(JSON.parse(same.stdout).changed).toBe(0);
    expect(same.stderr).toContain("warning: the reform sjz-2025/absorption-subsidy@2 is the baseline's own version, so no case can change (提醒:改革方案与基准为同一版本,任何案例都不会变化)");
    // Different versions: no warning.
    expect((await run([...base, "--rule-version", "1", "--against", `${SUBSIDY}@2`, "--json"])).stderr).not.toContain("warning:");
  });

  it.each([
    [["--set", "cup=1"], 'has no parameter "cup"'],
    [["--set", "cap=1", "--against", `${SUBSIDY}@2`], "one of them"],
    [[], "one of them"],
    [["--against", `${SUBSIDY}@7`], "has no version 7"],
    [["--set", "cap=1", "--limit", "x"], "--limit must be a whole number"],
  ])("exits 2 for %j", async (extra, message) => {
    const r = await run([...base, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(message);
  });

  it("exits 2 for a missing cases file", async () => {
    const r = await run(["impact", SUBSIDY, "--cases", join(tmp, "none.jsonl"), "--set", "cap=1", "--rules", AMENDMENT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("cannot read");
  });

  it("streams: memory holds counters and the first changes, not the cases", async () => {
    const engine = fixtureEngine("amendment");
    let pulled = 0;
    async function* lines() {
      for (let i = 0; i < 20000; i++) {
        pulled++;
        yield i % 1000 === 999 ? "{oops" : JSON.stringify({ contractAmount: String(400000 + i * 100), ...LICENCE });
      }
    }
    const bad: number[] = [];
    const report = await runImpact(engine, lines(), {
      ruleId: SUBSIDY,
      reform: { parameters: { lowerBandRate: "0.15" } },
      on: "2025-06-01",
      limit: 3,
      onBadLine: (n) => bad.push(n),
    });
    expect(pulled).toBe(20000);
    expect(report.lines).toBe(20000);
    expect(report.badLines).toBe(20);
    expect(bad.slice(0, 2)).toEqual([1000, 2000]);
    expect(report.changes).toHaveLength(3);
    expect(report.badLineList).toHaveLength(20);
    // Amounts 400,000 + 100·i: eligible from i = 1000 (500,000); every eligible case gets 5% more of the
    // first band: 19,000 lines from i = 1000, less the 19 bad ones among them.
    expect(report.changed).toBe(18981);
    expect(report.amounts["amount"]!.largest).toMatchObject({ delta: "+50000.00" }); // 5% × 1,000,000
    expect(report.eligibility).toMatchObject({ gained: 0, lost: 0 });
  }, 60_000);
});

describe("show: the version history", () => {
  it("names the gap between two versions", async () => {
    const r = await run(["show", SUBSIDY, "--rules", GAP]);
    expect(r.stdout).toContain("  v1: 2025-01-17 → 2025-12-31");
    expect(r.stdout).toContain("  (no version in force 2026-01-01 → 2026-02-28: nothing is granted on these dates)");
    expect(r.stdout).toContain("  v2: 2026-03-01 → 2028-01-16, supersedes v1");
    expect(r.stdout).toContain(`Compare versions: jjj-policy-rules diff ${SUBSIDY}@1 ${SUBSIDY}@2`);
    const j = JSON.parse((await run(["show", SUBSIDY, "--rules", GAP, "--json"])).stdout);
    expect(j.history.map((h: { gapBefore: unknown }) => h.gapBefore)).toEqual([null, { from: "2026-01-01", to: "2026-02-28" }]);
  });

  it("eval in the gap: inForce false, nothing granted", async () => {
    const facts = JSON.stringify({ contractAmount: "500000", ...LICENCE });
    const d = JSON.parse((await run(["eval", SUBSIDY, "--facts", "-", "--on", "2026-02-01", "--rules", GAP], facts)).stdout);
    expect([d.inForce, d.outcome]).toEqual([false, { eligible: false, amount: "0.00", granted: false }]);
    const v2 = JSON.parse((await run(["eval", SUBSIDY, "--facts", "-", "--on", "2026-03-01", "--rules", GAP], facts)).stdout);
    expect([v2.version, v2.inForce, v2.outcome.amount]).toEqual([2, true, "75000.00"]);
  });
});
