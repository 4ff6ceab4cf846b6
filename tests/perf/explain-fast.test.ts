import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { loadRuleSet } from "../../src/catalog/load.js";
import { _evaluateReference, evaluateInSet } from "../../src/engine/evaluate.js";
import type { RuleSet } from "../../src/engine/rule-set.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { evaluationDates, prng, randomFacts, stringCandidates } from "./generate.js";

/*
 * Issue #20: the fast path writes explanations from its slots with templates kept per line
 * (src/engine/explain-fast.ts): kept by the values that repeat, with the amounts written into their
 * gaps, the first line of a gap kept too, the template found last checked first. Whatever path a line
 * takes (kept, filled, written afresh), its text is the reference path's, byte for byte.
 */

const set = defaultEngine().ruleSet;
const ID = "sjz-2025/absorption-subsidy";

type Result = { ok: true; text: string } | { ok: false; message: string };
function run(target: RuleSet, id: string, facts: unknown, on: string, reference: boolean): Result {
  try {
    const d = (reference ? _evaluateReference : evaluateInSet)(target, id, facts, { on });
    return { ok: true, text: JSON.stringify(d) };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

describe("fast explanations = the reference path's", () => {
  it("on every shipped rule, with facts that repeat (kept templates, kept amounts, the last template) and facts that do not", { timeout: 300_000 }, () => {
    let compared = 0;
    for (const id of set.ruleIds()) {
      const versions = set.versions(id);
      const r = prng(2020 ^ id.length);
      const dates = evaluationDates(versions);
      const strings = stringCandidates(versions[versions.length - 1]!);
      // A small pool drawn from again and again, in runs: each set of facts is met several times, in a row and not.
      const pool = Array.from({ length: 12 }, () => ({ on: dates[Math.floor(r() * dates.length)]!, facts: randomFacts(r, versions[Math.floor(r() * versions.length)]!, strings) }));
      for (let i = 0; i < 150; i++) {
        const { on, facts } = r() < 0.6 ? pool[Math.floor(r() * pool.length)]! : { on: dates[Math.floor(r() * dates.length)]!, facts: randomFacts(r, versions[Math.floor(r() * versions.length)]!, strings) };
        const times = 1 + Math.floor(r() * 3);
        for (let k = 0; k < times; k++) {
          expect(run(set, id, facts, on, false)).toEqual(run(set, id, facts, on, true));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(150 * set.ruleIds().length);
  });

  it("when rules and dates alternate (the explainer and first line used last are not another's)", () => {
    const a = { contractAmount: "800000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
    const other = set.ruleIds().find((id) => id !== ID && set.versions(id)[0]!.file.inputs["enterpriseCity"] === undefined)!;
    const r = prng(5);
    const otherVersion = set.versions(other)[0]!;
    const otherFacts = randomFacts(r, otherVersion, stringCandidates(otherVersion));
    for (const on of ["2025-06-01", "2026-02-03", "2025-06-01"]) {
      expect(run(set, ID, a, on, false)).toEqual(run(set, ID, a, on, true));
      expect(run(set, other, otherFacts, otherVersion.validFrom, false)).toEqual(run(set, other, otherFacts, otherVersion.validFrom, true));
    }
  });

  it("past the kept templates of a line (more distinct values than it keeps)", () => {
    const on = "2025-06-01";
    for (let i = 0; i < 700; i++) {
      const city = `c${"abcdefghijklmnopqrstuvwxyz"[i % 26]}${"abcdefghijklmnopqrstuvwxyz"[Math.floor(i / 26) % 26]}${"x".repeat(i % 3)}`;
      const facts = { contractAmount: String(400_000 + i * 1000), transferMode: "transfer", sourceRegion: "beijing", enterpriseCity: i % 5 === 0 ? "shijiazhuang" : city };
      expect(run(set, ID, facts, on, false)).toEqual(run(set, ID, facts, on, true));
    }
  });

  it("when a value carries the marker a template is cut at (then the line is written afresh)", () => {
    const sources = BUNDLED_RULES.map(({ path, json }) => ({ path, json: structuredClone(json) }));
    // The subsidy rule with a city that may hold any character, shown in the amount's line too (a line
    // with a repeating value written in and a gap after it): the fast path still reads it.
    const rule = sources.find((s) => s.path === "sjz-2025/absorption-subsidy/v1.json")!.json as {
      inputs: Record<string, { pattern?: string }>;
      conditions: { logic: unknown }[];
    };
    rule.inputs["enterpriseCity"]!.pattern = "^[a-z0-9\\u0000]+$";
    rule.conditions[3]!.logic = { and: [{ "!==": [{ var: "enterpriseCity" }, "nowhere"] }, rule.conditions[3]!.logic] };
    const loose = loadRuleSet(sources);
    const on = "2025-06-01";
    for (const city of ["a\u0000value0\u0000b", "\u0000value0\u0000", "\u0000value1\u0000", "x\u0000", "shijiazhuang", "\u0000value0\u0000"]) {
      for (const amount of ["800000", "1234567.89", "0"]) {
        const facts = { contractAmount: amount, transferMode: "transfer", sourceRegion: "beijing", enterpriseCity: city };
        const fast = run(loose, ID, facts, on, false);
        expect(fast.ok).toBe(true);
        expect(fast).toEqual(run(loose, ID, facts, on, true));
      }
    }
  });

  it("on the one-input shortcuts: an enum line by position and result, a money line written into its gap", () => {
    // Amounts on both sides of the threshold, repeated in a row and not, more than KEPT_RETRIES in a row
    // then the kept one again; every transfer mode and region (both results of their lines) in turn.
    const on = "2025-06-01";
    const amounts = ["500000", "499999.99", "499999.99", "0", "0", "800000", "0", ...Array.from({ length: 20 }, (_, i) => String(480_000 + i * 2_500.01)), "0", "499999.99", "9999999.99"];
    const modes = ["transfer", "license", "development", "consulting", "service"];
    const regions = ["beijing", "tianjin", "hebei", "other"];
    let i = 0;
    for (const amount of amounts) {
      for (let k = 0; k < 3; k++, i++) {
        const facts = { contractAmount: amount, transferMode: modes[i % modes.length]!, sourceRegion: regions[(i * 3) % regions.length]!, enterpriseCity: "shijiazhuang" };
        expect(run(set, ID, facts, on, false)).toEqual(run(set, ID, facts, on, true));
      }
    }
    // An enum line is the same frozen object for the same value and result.
    const facts = { contractAmount: "700000", transferMode: "license", sourceRegion: "hebei", enterpriseCity: "shijiazhuang" };
    const a = evaluateInSet(set, ID, facts, { on }).explanation;
    const b = evaluateInSet(set, ID, { ...facts, transferMode: "transfer" }, { on }).explanation;
    const c = evaluateInSet(set, ID, facts, { on }).explanation;
    const modeLine = a.findIndex((l) => l.en.includes("(transferMode)"));
    expect(c[modeLine]).toBe(a[modeLine]);
    expect(b[modeLine]).not.toBe(a[modeLine]);
    expect(Object.isFrozen(a[modeLine])).toBe(true);
  });

  it("hand out kept lines frozen and shared, made lines as the caller's own", () => {
    const on = "2025-06-01";
    const facts = { contractAmount: "2500000.55", transferMode: "transfer", sourceRegion: "beijing", enterpriseCity: "shijiazhuang" };
    const first = evaluateInSet(set, ID, facts, { on }).explanation;
    const second = evaluateInSet(set, ID, facts, { on }).explanation;
    expect(second).not.toBe(first);
    for (let i = 0; i < first.length; i++) {
      // The same line object twice only when frozen.
      if (first[i] === second[i]) expect(Object.isFrozen(first[i])).toBe(true);
      else expect(Object.isFrozen(first[i])).toBe(false);
    }
  });
});
