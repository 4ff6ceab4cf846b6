import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { diffRules, diffRuleSets } from "../../src/diff/index.js";
import { changelogMarkdown, formatRuleDiff, formatRuleSetDiff } from "../../src/diff/text.js";
import { amendmentLine } from "../../src/diff/amendment.js";
import { fixturePath, SUBSIDY } from "./helpers.js";

// A version published as an amendment ("extends": 1) is presented as an amendment of the version it extends,
// by diffs and the catalogue; everything else they print stays what it is for the same version as a full file.

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = fixturePath("amendment", "rules", "sjz-2025");
const read = (p: string) => JSON.parse(readFileSync(`${dir}/${p}`, "utf8")) as Record<string, any>;
const DOC = { path: "sjz-2025/document.json", json: read("document.json") };
const at = (n: number, json: unknown): RuleSource => ({ path: `${SUBSIDY}/v${n}.json`, json });
const v1 = read("absorption-subsidy/v1.json");
const amendment = read("absorption-subsidy/v2.json");
const amended = loadRuleSet([DOC, at(1, v1), at(2, amendment)]);
// The same version 2 as a full file: the materialised one, written out.
const full = loadRuleSet([DOC, at(1, v1), at(2, structuredClone(amended.version(SUBSIDY, 2).file))]);
const LINE = "v2 amends v1 (第2版修订第1版): threshold 500,000 → 300,000 yuan (起补交易额); lowerBandRate 10% → 15% (第一档最高补助比例); cap 500,000 → 800,000 yuan (每项最高补助)";

describe("a diff of an amendment", () => {
  const a = diffRules(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { ruleSet: amended, behaviour: false });
  const f = diffRules(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { ruleSet: full, behaviour: false });

  it("names it an amendment of v1 with the values it changes, in English and Chinese", () => {
    expect(a.to.amends).toBe(1);
    expect(amendmentLine(a)).toBe(LINE);
    expect(formatRuleDiff(a).split("\n")[3]).toBe(`  ${LINE}`);
  });

  it("prints nothing else differently from the same version written in full", () => {
    expect(f.to).not.toHaveProperty("amends");
    expect(amendmentLine(f)).toBeUndefined();
    const { to: toA, ...restA } = a;
    const { to: toF, ...restF } = f;
    expect(restA).toEqual(restF);
    expect({ ...toA, amends: undefined }).toEqual({ ...toF, amends: undefined });
    expect(formatRuleDiff(a).replace(`  ${LINE}\n`, "")).toBe(formatRuleDiff(f));
  });

  it("says which version it amends when compared with another", () => {
    const v2 = structuredClone(amendment);
    v2.validity.to = { date: "2026-12-31", basis: "stated" };
    const v3 = { ...structuredClone(amendment), version: 3, extends: 2, supersedes: 2, validity: { from: { date: "2027-01-01", basis: "stated" } }, parameters: { cap: { value: "900000" } }, changes: [] };
    const set = loadRuleSet([DOC, at(1, v1), at(2, v2), at(3, v3)]);
    const d13 = diffRules(`${SUBSIDY}@1`, `${SUBSIDY}@3`, { ruleSet: set, behaviour: false });
    expect(amendmentLine(d13)).toBe("v3 amends v2 (第3版修订第2版); compared here with v1");
    const d23 = diffRules(`${SUBSIDY}@2`, `${SUBSIDY}@3`, { ruleSet: set, behaviour: false });
    expect(amendmentLine(d23)).toBe("v3 amends v2 (第3版修订第2版): cap 800,000 → 900,000 yuan (每项最高补助)");
    // An amendment that changes no parameter value says so.
    const v3b = { ...v3, parameters: { cap: { note: { zh: "注", en: "note" } } } };
    const d = diffRules(`${SUBSIDY}@2`, `${SUBSIDY}@3`, { ruleSet: loadRuleSet([DOC, at(1, v1), at(2, v2), at(3, v3b)]), behaviour: false });
    expect(amendmentLine(d)).toBe("v3 amends v2 (第3版修订第2版): no parameter value changed (无参数值变化)");
  });

  it("a rule-set diff and the release notes carry the line under the added version", () => {
    const before = loadRuleSet([DOC, at(1, v1)]);
    const diff = diffRuleSets(before, amended, { behaviour: false });
    expect(formatRuleSetDiff(diff)).toContain(`      ${LINE}\n`);
    const md = changelogMarkdown(diff);
    expect(md).toContain(`- **v2 added** (supersedes v1), in force 2026-01-01 → 2028-01-16; compared with v1:\n  - ${LINE}\n`);
    expect(changelogMarkdown(diffRuleSets(before, full, { behaviour: false }))).toBe(md.replace(`  - ${LINE}\n`, ""));
  });
});

describe("the catalogue of an amendment", () => {
  it("shows the full version, marked as an amendment of v1 with the values it changes", () => {
    const out = mkdtempSync(join(tmpdir(), "jjj-catalogue-amendment-"));
    try {
      execFileSync(process.execPath, [join(root, "scripts", "generate-rule-docs.mjs"), "--rules", join(root, "tests/fixtures/amendment/rules"), "--out", out], { cwd: root, stdio: "pipe" });
      const page = readFileSync(join(out, "sjz-2025.md"), "utf8");
      const v2 = page.slice(page.indexOf("#### Version 2 of 2"));
      expect(v2).toContain('| Amends | version 1 (修订第1版): written as its changes (`"extends": 1`), shown here in full |');
      expect(v2).toContain(`**Amendment** (修订): ${LINE}`);
      expect(v2).toContain("| `cap` | `800000` (800,000) |"); // the full version's parameters, inherited fields included
      expect(page.slice(0, page.indexOf("#### Version 2 of 2"))).not.toContain("| Amends |");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
