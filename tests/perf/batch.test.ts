import { describe, expect, it } from "vitest";
import { createEngine, defaultEngine, evaluate, evaluateMany } from "../../src/api.js";
import { InvalidArgumentError, InvalidFactsError, UnknownRuleError } from "../../src/errors.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";

const ID = "sjz-2025/absorption-subsidy";
const good = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const ON = { on: "2025-06-01" };

describe("evaluateMany", () => {
  it("gives one result per item, in order, each the decision evaluate gives", () => {
    const items = [good, { ...good, contractAmount: "800000" }, { ...good, sourceRegion: "hebei" }];
    const results = [...evaluateMany(ID, items, ON)];
    expect(results.map((r) => r.index)).toEqual([0, 1, 2]);
    results.forEach((r, i) => {
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.decision).toEqual(evaluate(ID, items[i] as never, ON));
    });
  });

  it("reports a bad item as an error result and goes on", () => {
    const results = [...evaluateMany(ID, [good, { ...good, contractAmount: "-1" }, null, good], { ...ON, explain: false })];
    expect(results.map((r) => r.ok)).toEqual([true, false, false, true]);
    const bad = results[1]!;
    if (bad.ok) throw new Error("expected an error");
    expect(bad.error).toBeInstanceOf(InvalidFactsError);
    expect(bad.issues.map((i) => i.path)).toEqual(["contractAmount"]);
  });

  it("reports an error of the rule's logic for one item as that item's error", () => {
    const rule = minimalRule({
      inputs: { amount: { type: "money", label: { zh: "金额", en: "amount" } }, parts: { type: "integer", label: { zh: "份", en: "parts" } } },
      outcome: {
        eligible: { type: "boolean", label: { zh: "符合", en: "eligible" }, logic: { "jjj.condition": "enough" } },
        share: { type: "decimal", label: { zh: "每份", en: "share" }, logic: { "jjj.div": [{ var: "amount" }, { var: "parts" }] } },
      },
      examples: [{ description: "x", on: "2025-06-01", facts: { amount: "100", parts: 4 }, expected: { outcome: { share: "25" } } }],
    });
    const engine = createEngine(loadRules(rule));
    const results = [...engine.evaluateMany(rule.id, [{ amount: "100", parts: 4 }, { amount: "100", parts: 0 }, { amount: "9", parts: 2 }], { on: "2025-06-01" })];
    expect(results.map((r) => (r.ok ? r.decision.outcome.share : r.issues[0]!.code))).toEqual(["25", "evaluation_failed", "4.5"]);
  });

  it("is lazy: it reads an item only when asked for the next result", () => {
    let read = 0;
    function* items() {
      for (let i = 0; i < 1_000_000; i++) {
        read++;
        yield good;
      }
    }
    const it = evaluateMany(ID, items(), ON);
    expect(read).toBe(0);
    it.next();
    it.next();
    expect(read).toBe(2);
    it.return?.();
  });

  it("throws at once for an unknown rule, bad options or facts that are not iterable", () => {
    expect(() => evaluateMany("sjz-2025/nope" as string, [good], ON)).toThrow(UnknownRuleError); // a literal would not compile
    expect(() => evaluateMany(ID, [good], { on: "2025-13-01" })).toThrow(InvalidArgumentError);
    expect(() => evaluateMany(ID, good as never, ON)).toThrow(InvalidArgumentError);
    expect(() => evaluateMany(ID, [good], { date: "2025-06-01" } as never)).toThrow(InvalidArgumentError);
  });

  it("is on every engine", () => {
    const results = [...defaultEngine().evaluateMany(ID, [good], ON)];
    expect(results[0]!.ok && results[0]!.decision.outcome).toEqual({ eligible: true, amount: "200000.00" });
  });
});
