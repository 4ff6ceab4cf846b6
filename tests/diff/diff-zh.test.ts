import { describe, expect, it } from "vitest";
import { diffRules, diffRuleSets, formatRuleDiff, formatRuleSetDiff, type DiffChange, type RuleDiff } from "../../src/index.js";
import { fixtureSet, SUBSIDY } from "./helpers.js";
import { defaultEngine } from "../../src/api.js";

const amendment = fixtureSet("amendment");
const diff: RuleDiff = diffRules(`${SUBSIDY}@1`, `${SUBSIDY}@2`, { ruleSet: amendment });

/** Words of English prose (not ids, inputs or the Chinese terms) that must not appear in a Chinese report. */
const ENGLISH_PROSE = /\b(added|removed|changed|in force|supersedes|evaluated|boundary|worked example|parameter|yes|no|open)\b/;

function allChanges(d: RuleDiff): DiffChange[] {
  return [...d.metadata, ...d.validity, ...d.inputs, ...d.parameters, ...d.logic, ...d.examples];
}

describe("every diff text has a Chinese twin", () => {
  it("gives every change, parameter detail and behaviour case a Chinese text", () => {
    const changes = allChanges(diff);
    expect(changes.length).toBeGreaterThan(5);
    for (const c of changes) {
      expect(c.textZh, c.path).toMatch(/\p{Script=Han}/u);
      expect(c.textZh).not.toBe(c.text);
    }
    for (const p of diff.parameters) expect(p.detailsZh).toHaveLength(p.details.length);
    expect(diff.behaviour!.changes.length).toBeGreaterThan(0);
    for (const c of diff.behaviour!.changes) {
      expect(c.textZh).toMatch(/\p{Script=Han}/u);
      expect(c.case.originsZh).toHaveLength(c.case.origins.length);
      for (const f of c.fields) expect(f.textZh).toBeTypeOf("string");
    }
  });

  it("says the validity, parameter and outcome changes in Chinese", () => {
    expect(diff.validity.map((c) => c.textZh)).toContain("施行日期:2025-01-17(原文明示) → 2026-01-01(原文明示)");
    const cap = diff.parameters.find((p) => p.name === "cap")!;
    expect(cap.textZh).toBe("cap 500,000 → 800,000 元(每项最高补助,原文“每项最高补助80万元”)");
    const at300k = diff.behaviour!.changes.find((c) => c.case.varies?.value === "300000")!;
    expect(at300k.textZh).toContain("eligible 否 → 是;amount 0.00 → 45,000.00 元(+45,000.00)");
  });

  it("prints a rule diff in Chinese with no English prose, and in English as before", () => {
    const zh = formatRuleDiff(diff, { lang: "zh" });
    expect(zh).toContain("sjz-2025/absorption-subsidy 第1版 → 第2版(第2版取代第1版)");
    expect(zh).toContain("参数:");
    expect(zh).toContain("行为:");
    expect(zh).toContain("原文:“交易额在50万元” → “交易额在30万元”");
    // Lines that are not the rule's own ids, inputs or logic (those stay as written) hold no English prose.
    const prose = zh.split("\n").filter((l) => !/jjj\.|var |conditions\.|outcome\./.test(l));
    expect(prose.filter((l) => ENGLISH_PROSE.test(l.replace(/“[^”]*”/g, "")))).toEqual([]);
    expect(formatRuleDiff(diff)).toBe(formatRuleDiff(diff, { lang: "en" }));
    expect(formatRuleDiff(diff)).toContain("Parameters (参数):");
  });

  it("prints a rule-set diff in Chinese", () => {
    const set = diffRuleSets(defaultEngine().ruleSet, amendment, { ruleId: SUBSIDY, labels: { from: "shipped", to: "amended" } });
    const zh = formatRuleSetDiff(set, { lang: "zh" });
    expect(zh).toMatch(/^规则集 shipped\(\d+ 条规则,\d+ 个版本,sha256:[0-9a-f]{12}\) → amended/);
    expect(zh).toContain(`修改:${SUBSIDY}`);
    expect(formatRuleSetDiff(diffRuleSets(amendment, amendment), { lang: "zh" })).toContain("无变化:两个规则集相同。");
  });
});
