import { describe, expect, it } from "vitest";
import { changelogMarkdown, diffRuleSets, formatRuleSetDiff, type RuleSetDiff } from "../../src/index.js";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { fixtureSet, SUBSIDY } from "./helpers.js";

const shipped = () => BUNDLED_RULES.map((s) => ({ path: s.path, json: structuredClone(s.json) }) as RuleSource);

/** A copy of the shipped rules with one money parameter of one rule version changed (the first found). */
function withOneParameterChanged(): { sources: RuleSource[]; path: string; name: string; from: string; to: string } {
  const sources = shipped();
  for (const s of sources) {
    const params = (s.json as { parameters?: Record<string, { type: string; value: unknown }> }).parameters;
    const entry = params && Object.entries(params).find(([, p]) => p.type === "money");
    if (!entry) continue;
    const [name, p] = entry;
    const from = String(p.value);
    const to = String(Number(from) + 1000);
    p.value = to;
    return { sources, path: s.path, name, from, to };
  }
  throw new Error("no shipped rule has a money parameter");
}

function changeCount(d: RuleSetDiff): number {
  return d.added.length + d.removed.length + d.changed.length + d.documents.added.length + d.documents.removed.length + d.documents.changed.length;
}

describe("diffRuleSets", () => {
  it("reports no change for a rule set against itself (and against a fresh load of the same files)", () => {
    const a = loadRuleSet(shipped());
    const b = loadRuleSet(shipped());
    for (const d of [diffRuleSets(a, a), diffRuleSets(a, b)]) {
      expect(d.identical).toBe(true);
      expect(changeCount(d)).toBe(0);
      expect(d.unchanged).toBe(a.ruleIds().length);
      expect(formatRuleSetDiff(d)).toContain("No change: the two rule sets are identical.");
      expect(changelogMarkdown(d)).toContain("No changes: the two rule sets are identical.");
    }
  });

  it("reports exactly the one parameter changed in a copy, and nothing else", () => {
    const before = loadRuleSet(shipped());
    const changed = withOneParameterChanged();
    const after = loadRuleSet(changed.sources);
    const d = diffRuleSets(before, after);
    expect(d.identical).toBe(false);
    expect([d.added, d.removed, d.documents.changed]).toEqual([[], [], []]);
    expect(d.changed).toHaveLength(1);
    const rule = d.changed[0]!;
    expect(rule.versions).toHaveLength(1);
    expect(rule.versions[0]!.kind).toBe("changed");
    const diff = rule.versions[0]!.diff!;
    expect(`${diff.to.ruleId}/v${diff.to.version}.json`).toBe(changed.path);
    expect(diff.parameters).toHaveLength(1);
    expect(diff.parameters[0]).toMatchObject({ name: changed.name, change: "changed", valueChanged: true, details: [] });
    expect([diff.metadata, diff.validity, diff.inputs, diff.logic, diff.examples]).toEqual([[], [], [], [], []]);
    expect(d.unchanged).toBe(before.ruleIds().length - 1);
  });

  it("compares two releases: a version closed in place and a version added (diffed against the one it supersedes)", () => {
    const d = diffRuleSets(fixtureSet("release-0.1.0"), fixtureSet("amendment"), { labels: { from: "0.1.0", to: "amended" } });
    expect(d.changed.map((r) => [r.ruleId, r.versionsAdded, r.versionsRemoved])).toEqual([[SUBSIDY, [2], []]]);
    const [v1, v2] = d.changed[0]!.versions;
    expect(v1).toMatchObject({ kind: "changed", version: 1 });
    expect(v1!.diff!.validity.map((c) => c.text)).toContain("in force until (截止): 2028-01-16 (stated, 原文明示) → 2025-12-31 (stated, 原文明示)");
    expect(v1!.diff!.parameters).toEqual([]);
    expect(v1!.diff!.behaviour!.changes).toEqual([]); // the same rule on a date in its validity
    expect(v2).toMatchObject({ kind: "added", version: 2 });
    expect(v2!.diff!.from.version).toBe(1);
    expect(v2!.diff!.parameters.map((p) => p.name).sort()).toEqual(["cap", "lowerBandRate", "threshold"]);

    const md = changelogMarkdown(d, { title: "Rules (hypothetical amendment)" });
    expect(md).toContain("# Rules (hypothetical amendment)");
    expect(md).toContain("### `sjz-2025/absorption-subsidy`");
    expect(md).toContain("- **v1 changed**, in force 2025-01-17 → 2025-12-31:");
    expect(md).toContain("- **v2 added** (supersedes v1), in force 2026-01-01 → 2028-01-16; compared with v1:");
    expect(md).toContain("  - parameter cap 500,000 → 800,000 yuan");
    expect(md).toContain("  - parameter lowerBandRate 10% → 15%");
    expect(md).toMatch(/ {2}- behaviour: 22 of \d+ cases give a different outcome, for example:/);
  });

  it("lists added and removed rules, and can be limited to one rule", () => {
    const gap = fixtureSet("gap");
    const empty = loadRuleSet([{ path: "sjz-2025/document.json", json: BUNDLED_RULES.find((s) => s.path === "sjz-2025/document.json")!.json }]);
    const added = diffRuleSets(empty, gap);
    expect(added.added.map((r) => [r.ruleId, r.versions.map((v) => [v.version, v.validFrom, v.validTo])])).toEqual([
      [SUBSIDY, [[1, "2025-01-17", "2025-12-31"], [2, "2026-03-01", "2028-01-16"]]],
    ]);
    expect(changelogMarkdown(added)).toContain("## Added rules");
    expect(diffRuleSets(gap, empty).removed.map((r) => r.ruleId)).toEqual([SUBSIDY]);
    const one = diffRuleSets(fixtureSet("release-0.1.0"), fixtureSet("amendment"), { ruleId: "sjz-2025/nothing" });
    expect(one.identical).toBe(true);
  });
});
