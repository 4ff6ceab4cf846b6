import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { amountCurve } from "../../src/analysis/curve.js";
import { createEngine } from "../../src/api.js";
import { fixtureSet, LICENCE, SUBSIDY } from "../diff/helpers.js";
import { runCli } from "../helpers/cli.js";

/* `jjj-policy-rules chart`: the SVG chart of an exact curve, and its errors (bilingual, exit 2). */

const dir = mkdtempSync(join(tmpdir(), "jjj-chart-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const FACTS = JSON.stringify({ contractAmount: "1800000", ...LICENCE });
const breakpointsOf = (svg: string) => [...svg.matchAll(/<g class="breakpoint"[^>]*data-at="([^"]*)"[^>]*data-value="([^"]*)"/g)].map((m) => [m[1], m[2]]);

describe("chart", () => {
  it("prints the SVG of the curve with the library's breakpoints and the facts' own point marked", async () => {
    const run = await runCli(["chart", SUBSIDY, "--input", "contractAmount", "--facts", "f.json", "--on", "2025-06-01", "--lang", "en"], { "f.json": FACTS });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const curve = amountCurve(SUBSIDY, JSON.parse(FACTS), "contractAmount", { on: "2025-06-01" });
    expect(breakpointsOf(run.stdout)).toEqual(curve.fields["amount"]!.breakpoints.map((b) => [b.at, b.value]));
    expect(run.stdout).toMatch(/<g class="mark" data-at="1800000" data-value="140000.00">/);
    expect(run.stdout).toContain("your value");
  });

  it("writes --svg to a file, and takes the first worked example's facts without --facts", async () => {
    const out = join(dir, "subsidy.svg");
    const run = await runCli(["chart", SUBSIDY, "--input", "contractAmount", "--svg", out, "--lang", "zh", "--on", "2025-06-01"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe("");
    const svg = readFileSync(out, "utf8");
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg).toContain("元");
  });

  it("overlays another version with --against and shades the changes", async () => {
    const engine = createEngine(fixtureSet("amendment"));
    const run = await runCli(["chart", SUBSIDY, "--input", "contractAmount", "--facts", "f.json", "--rule-version", "2", "--against", "1"], { "f.json": FACTS }, () => engine);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    expect([...run.stdout.matchAll(/<path class="curve" data-series="(\w+)" data-version="(\d+)"/g)].map((m) => `${m[1]}:${m[2]}`)).toEqual(["before:1", "after:2"]);
    expect(run.stdout).toMatch(/<rect class="change-region" data-from="300000"/);
  });

  it("refuses a misspelt rule, input or field with a did-you-mean in both languages, exit 2", async () => {
    const rule = await runCli(["chart", "absorption-subsidy", "--input", "contractAmount"]);
    expect(rule.code).toBe(2);
    expect(rule.stderr).toContain(`did you mean "${SUBSIDY}"`);
    expect(rule.stderr).toContain("未知规则");
    const input = await runCli(["chart", SUBSIDY, "--input", "contractAmout"]);
    expect(input.code).toBe(2);
    expect(input.stderr).toContain('did you mean "contractAmount"');
    expect(input.stderr).toContain("没有该数值输入");
    const field = await runCli(["chart", SUBSIDY, "--input", "contractAmount", "--field", "amout", "--on", "2025-06-01"]);
    expect(field.code).toBe(2);
    expect(field.stderr).toContain('did you mean "amount"');
    for (const bad of [[], ["--input"], [SUBSIDY], [SUBSIDY, "--input", "contractAmount", "--lang", "fr"], [SUBSIDY, "--input", "contractAmount", "--against", "x"], [SUBSIDY, "--input", "contractAmount", "--against", "9"]]) {
      const run = await runCli(["chart", ...bad]);
      expect(run.code, bad.join(" ")).toBe(2);
      expect(run.stderr, bad.join(" ")).not.toMatch(/\n\s+at /);
    }
  });

  it("reports invalid facts and an unwritable --svg path with exit 2", async () => {
    const facts = await runCli(["chart", SUBSIDY, "--input", "contractAmount", "--facts", "f.json"], { "f.json": '{"contractAmount": "abc"}' });
    expect(facts.code).toBe(2);
    const write = await runCli(["chart", SUBSIDY, "--input", "contractAmount", "--on", "2025-06-01", "--svg", join(dir, "no", "such", "dir.svg")]);
    expect(write.code).toBe(2);
    expect(write.stderr).toContain("无法写入");
  });
});
