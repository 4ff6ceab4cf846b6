import { describe, expect, it } from "vitest";
import { createEngine, defaultEngine } from "../../src/api.js";
import type { RuleSet } from "../../src/engine/rule-set.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import { candidateVersions, matchIndex } from "../../src/match/match-index.js";
import { BROADER_TYPES } from "../../src/match/profile-check.js";
import { SUBJECT_TYPES } from "../../src/schema/values.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";

/*
 * The match index (issue #20): a match looks only at the versions listed under the profile's types and
 * city. It must give exactly what the scan of every version gave (the same measures, in the same order),
 * and the number of versions it looks at must not grow with versions that concern other places.
 */

/** What the scan of every version (match.ts before the index) kept as candidates: types and places. */
function scanned(set: RuleSet, types: ReadonlySet<string>, city: string | undefined, on: string): LoadedRuleVersion[] {
  return set.list({ on }).filter((v) => {
    const s = v.file.subjects;
    if (!s.types.some((t) => types.has(t))) return false;
    return !s.places || (city !== undefined && s.places.includes(city));
  });
}

const CITIES = [undefined, "shijiazhuang", "handan", "baoding", "tianjin", "nowhere"];
const DATES = ["2018-06-01", "2019-01-01", "2025-01-17", "2025-06-01", "2028-01-16", "2028-01-17", "2035-01-01"];

describe("match index", () => {
  it("gives the versions the scan of every version kept, in set order, for every type, city and date", () => {
    const set = defaultEngine().ruleSet;
    let compared = 0;
    for (const type of SUBJECT_TYPES) {
      const types = new Set([type, ...(BROADER_TYPES[type] ?? [])]);
      for (const city of CITIES) {
        for (const on of DATES) {
          const expected = scanned(set, types, city, on);
          expect(candidateVersions(set, types, city, on), `${type} ${city} ${on}`).toEqual(expected);
          compared += expected.length;
        }
      }
    }
    expect(compared).toBeGreaterThan(500);
  });

  it("looks at as many versions whatever the number of versions for other places", () => {
    const rule = (i: number, places: string[] | undefined) =>
      minimalRule({ id: `sjz-2025/rule-${i}`, subjects: { types: ["enterprise", "university"], ...(places && { places }) } });
    const here = [rule(0, ["shijiazhuang"]), rule(1, undefined), rule(2, ["handan", "shijiazhuang"])];
    const small = loadRules(...here);
    const big = loadRules(...here, ...Array.from({ length: 300 }, (_, i) => rule(i + 3, [`elsewhere-${String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))}`])));
    const types = new Set(["enterprise"]);
    const ids = (set: RuleSet) => candidateVersions(set, types, "shijiazhuang", "2025-06-01").map((v) => v.file.id);
    expect(ids(small)).toEqual(["sjz-2025/rule-0", "sjz-2025/rule-1", "sjz-2025/rule-2"]);
    expect(ids(big)).toEqual(ids(small));
    // The measures found are the same too.
    const profile = { type: "enterprise", city: "shijiazhuang", facts: { amount: "500" } };
    const found = (set: RuleSet) => createEngine(set).match(profile, { on: "2025-06-01" }).measures.map((m) => [m.ruleId, m.status, m.outcome]);
    expect(found(big)).toEqual(found(small));
  });

  it("is built once per rule set and lists a version once under each of its types and places", () => {
    const set = loadRules(minimalRule({ subjects: { types: ["enterprise", "enterprise", "university"], places: ["handan", "handan"] } }));
    const index = matchIndex(set);
    expect(matchIndex(set)).toBe(index);
    expect(index.byType.get("enterprise")!.byPlace.get("handan")).toHaveLength(1);
    expect(index.byType.get("university")!.byPlace.get("handan")).toHaveLength(1);
    expect(index.byType.get("enterprise")!.anywhere).toHaveLength(0);
    // A broader type and a version listed under both types: once.
    const both = candidateVersions(set, new Set(["enterprise", "university"]), "handan", "2025-06-01");
    expect(both.map((v) => v.file.id)).toEqual(["sjz-2025/test-rule"]);
    expect(candidateVersions(set, new Set(["enterprise"]), undefined, "2025-06-01")).toEqual([]);
    expect(candidateVersions(set, new Set(["enterprise"]), "handan", "2026-01-01")).toEqual([]);
  });
});
