import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

/* `match` ranked on the CLI (issue #18): the total first, money first, filters, the nearest change, CSV. */

const ON = "2025-06-01";
const SUBSIDY = "sjz-2025/absorption-subsidy";
const profile = (contractAmount: string) => JSON.stringify({ type: "enterprise", city: "shijiazhuang", facts: { contractAmount, transferMode: "license", sourceRegion: "beijing" } });
const match = (amount: string, ...more: string[]) => runCli(["match", "--profile", "p.json", "--on", ON, ...more], { "p.json": profile(amount) });

describe("match, ranked", () => {
  it("prints the total first and the measure with an amount before every other", async () => {
    const r = await match("1800000");
    expect(r.code).toBe(0);
    const lines = r.stdout.split("\n");
    expect(lines[0]).toBe("Total of the amounts: 140,000.00 yuan from 1 measure / 金额合计 140,000.00 元(1 项)");
    const first = lines.findIndex((l) => /^\d+\. /.test(l));
    expect(lines[first]).toMatch(new RegExp(`^1\\. ${SUBSIDY}@1  \\[benefit\\]  140,000.00 yuan`));
    // The complaint: the amount came 13th among guidance; now every guidance entry comes after it.
    expect(r.stdout.indexOf(SUBSIDY)).toBeLessThan(r.stdout.indexOf("[guidance]"));
  });

  it("--json: the summary first, then the ranked measures", async () => {
    const r = JSON.parse((await match("1800000", "--json")).stdout) as { summary: Record<string, unknown>; measures: { ruleId: string; rank: number; group: string }[] };
    expect(Object.keys(r)[0]).toBe("summary");
    expect(r.summary["totalAmount"]).toBe("140000.00");
    expect(r.measures[0]).toMatchObject({ ruleId: SUBSIDY, rank: 1, group: "amount" });
  });

  it("--kind and --document filter (repeatable); a bad one exits 2", async () => {
    const r = JSON.parse((await match("1800000", "--json", "--kind", "benefit", "--kind", "guidance", "--document", "sjz-2025")).stdout) as { measures: { kind: string; document: string }[] };
    expect(r.measures.length).toBeGreaterThan(1);
    expect(r.measures.every((m) => m.document === "sjz-2025" && ["benefit", "guidance"].includes(m.kind))).toBe(true);
    expect((await match("1800000", "--kind", "subsidy")).code).toBe(2);
    const unknown = await match("1800000", "--document", "sjz-2099");
    expect([unknown.code, unknown.stderr.includes('unknown document "sjz-2099"')]).toEqual([2, true]);
  });

  it("gives the nearest change for a benefit that just misses: in words unasked, in JSON with --why-not", async () => {
    const r = await match("400000", "--kind", "benefit");
    expect(r.stdout).toContain("== Benefits you do not qualify for yet");
    expect(r.stdout).toContain("nearest change (eligible / 符合条件): contractAmount 400,000.00 → at least 500,000.00: +100,000.00");
    const j = JSON.parse((await match("400000", "--json", "--why-not", "--kind", "benefit")).stdout) as { nearestChanges: { ruleId: string; nearest: { delta: string } }[] };
    expect(j.nearestChanges.map((c) => [c.ruleId, c.nearest.delta])).toEqual([[SUBSIDY, "+100000.00"]]);
  });

  it("match --batch: CSV profiles in, one ranked row per measure out", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jjj-match-rank-"));
    const path = join(dir, "profiles.csv");
    writeFileSync(path, `type,city,fields,on,contractAmount,transferMode,sourceRegion\nenterprise,shijiazhuang,,,1800000,license,beijing\nenterprise,shijiazhuang,"biomedicine,other",2025-07-01,,,\nnobody,,,,,,\n`);
    // No --on: each profile's own `on` column applies (--on would override it), else today.
    const r = await runCli(["match", "--batch", path, "--format", "csv", "--bom"]);
    expect(r.code).toBe(3);
    expect(r.stdout.startsWith("\ufeffline,on,rank,group,ruleId,")).toBe(true);
    const rows = parse(r.stdout, { columns: true, bom: true }) as Record<string, string>[];
    const first = rows.filter((x) => x["line"] === "2");
    expect(first[0]).toMatchObject({ rank: "1", group: "amount", ruleId: SUBSIDY, amount: "140000.00" });
    expect(first.map((x) => x["rank"])).toEqual(first.map((_, i) => String(i + 1)));
    const second = rows.filter((x) => x["line"] === "3");
    expect(new Set(second.map((x) => x["on"]))).toEqual(new Set(["2025-07-01"]));
    expect(second.find((x) => x["ruleId"] === SUBSIDY)!["missingInputs"]).toBe("contractAmount,transferMode,sourceRegion");
    expect(second.some((x) => x["ruleId"] === "sjz-2025/industrial-chain-bases" && x["status"] === "decided")).toBe(true);
    const bad = rows.filter((x) => x["line"] === "4");
    expect(bad).toHaveLength(1);
    expect([bad[0]!["error.code"], bad[0]!["error.message"]!.includes("type")]).toEqual(["invalid_argument", true]);
  });
});
