import fc from "fast-check";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createEngine, defaultEngine, evaluate, listRules } from "../../src/api.js";
import { todayInShanghai } from "../../src/engine/dates.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";

// In this process (whatever TZ it runs under: .ci/run repeats the suite under UTC, America/Los_Angeles
// and Asia/Shanghai), with the clock set by vi.setSystemTime; time-zones.test.ts does the same in child
// processes with each TZ forced.

afterEach(() => {
  vi.useRealTimers();
});

const FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" } as const;
const shanghaiDate = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai" }).format(d);
const shift = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

describe("today in Asia/Shanghai", () => {
  it.each([
    ["2025-06-01T15:59:59.999Z", "2025-06-01"],
    ["2025-06-01T16:00:00.000Z", "2025-06-02"],
    ["2025-12-31T16:00:00.000Z", "2026-01-01"],
    ["2025-01-16T16:00:00.000Z", "2025-01-17"],
  ])("with the clock at %s, evaluate() without `on` decides for %s", (instant, expected) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(instant));
    expect(todayInShanghai()).toBe(expected);
    expect(evaluate("sjz-2025/absorption-subsidy", FACTS, { explain: false }).on).toBe(expected);
  });

  it("one millisecond before 00:00 in Shanghai on the first day of sjz-2025, no version is in force yet; at 00:00 it is", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2025-01-16T15:59:59.999Z"));
    expect(evaluate("sjz-2025/absorption-subsidy", FACTS, { explain: false }).inForce).toBe(false);
    vi.setSystemTime(new Date("2025-01-16T16:00:00.000Z"));
    expect(evaluate("sjz-2025/absorption-subsidy", FACTS, { explain: false })).toMatchObject({ inForce: true, on: "2025-01-17" });
  });

  it("agrees with the ICU time-zone database for any instant from 1992 to 2100 (1000 runs)", () => {
    // China has kept UTC+8 without daylight saving since 1991 (it observed DST from 1986 to 1991).
    fc.assert(
      fc.property(fc.date({ min: new Date("1992-01-01T00:00:00Z"), max: new Date("2100-12-31T23:59:59Z"), noInvalidDate: true }), (d) => {
        expect(todayInShanghai(d)).toBe(shanghaiDate(d));
      }),
      { numRuns: 1000 },
    );
  });
});

describe("validity boundaries are inclusive, as rule files state them", () => {
  const set = defaultEngine().ruleSet;
  const versions = set.ruleIds().flatMap((id) => set.versions(id));

  it.each(versions.map((v) => [`${v.file.id} v${v.file.version}`, v] as const))("%s: in force on its first and last day, not the day before or after", (_name, v) => {
    const example = v.file.examples.find((e) => e.expected !== undefined)!;
    const decide = (on: string) => evaluate(v.file.id as never, example.facts as never, { on, explain: false });
    const decidedBy = (on: string) => {
      const d = decide(on);
      return d.inForce ? d.version : null;
    };
    expect(decidedBy(v.validFrom)).toBe(v.file.version);
    expect(decidedBy(shift(v.validFrom, -1))).not.toBe(v.file.version);
    expect(listRules({ on: v.validFrom }).some((r) => r.id === v.file.id && r.version === v.file.version)).toBe(true);
    if (v.validTo !== null) {
      expect(decidedBy(v.validTo)).toBe(v.file.version);
      expect(decidedBy(shift(v.validTo, 1))).not.toBe(v.file.version);
      expect(listRules({ on: shift(v.validTo, 1) }).some((r) => r.id === v.file.id && r.version === v.file.version)).toBe(false);
    }
  });

  it("a stated last day of 31 December: in force that day, not on 1 January, whatever the host's zone", () => {
    // minimalRule: validity from 2025-01-01 to 2025-12-31, both stated.
    const engine = createEngine(loadRules(minimalRule()));
    const inForce = (on: string) => engine.evaluate("sjz-2025/test-rule", { amount: "100" }, { on, explain: false }).inForce;
    expect([inForce("2024-12-31"), inForce("2025-01-01"), inForce("2025-12-31"), inForce("2026-01-01")]).toEqual([false, true, true, false]);
  });
});
