import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "../hostile/spawn-cli.js";

/* Issue #17: `jjj-policy-rules coverage`, on the shipped rules and on a rules folder missing examples. */

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "jjj-coverage-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("jjj-policy-rules coverage", () => {
  it("reports 100% on the shipped rules and exits 0", () => {
    const run = cli("coverage");
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Total: (\d+)\/\1 goals \(100%\), (\d+) of \2 rule versions complete/m);
    expect(run.stdout).toMatch(/^sjz-2025\/absorption-subsidy@1 +\d+\/\d+ +100%$/m);
    // Goals no facts can reach are shown, with the reason, and not counted.
    expect(run.stdout).toMatch(/\(unreachable\) inNamedField\/or\/0\/and\/1 false: the comparison reads no input/);
  }, 120_000);

  it("lists what a rules folder's examples miss, and exits 3", () => {
    const rules = join(dir, "rules");
    cpSync(join(root, "rules"), rules, { recursive: true });
    // precise-push without its examples of fields 2 to 6 (the ones added for issue #17).
    const file = join(rules, "hd-2018/precise-push/v1.json");
    const json = JSON.parse(readFileSync(file, "utf8"));
    json.examples = json.examples.filter((e: { facts: { fields?: string[] } }) => !["pollution-control", "ecological-restoration", "resource-recycling", "green-building", "modern-agriculture"].includes(e.facts.fields?.[0] ?? ""));
    writeFileSync(file, JSON.stringify(json, null, 2));
    const run = cli("coverage", "hd-2018/precise-push", "--rules", rules);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^hd-2018\/precise-push@1 +26\/36 +72%$/m);
    expect(run.stdout).toContain("missing: inNamedField/or/1 true: true in no example");
    const report = JSON.parse(cli("coverage", "hd-2018/precise-push", "--rules", rules, "--json").stdout);
    expect(report.totals).toMatchObject({ versions: 1, complete: 0, covered: 26, total: 36 });
  }, 120_000);

  it("refuses an unknown rule with exit 2", () => {
    expect(cli("coverage", "no/such-rule").code).toBe(2);
  }, 60_000);
});
