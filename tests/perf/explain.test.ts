import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { _evaluateReference, evaluateInSet } from "../../src/engine/evaluate.js";
import { percentText } from "../../src/engine/explain.js";
import { prng } from "./generate.js";

const ID = "sjz-2025/absorption-subsidy";
const set = defaultEngine().ruleSet;

describe("explanations on the fast path", () => {
  it("are the reference path's, whether their lines are kept or made (repeating and unique values, past the 256 kept)", () => {
    const r = prng(7);
    const cities = ["shijiazhuang", "handan", ...Array.from({ length: 400 }, (_, i) => `city${String.fromCharCode(97 + (i % 26))}${"x".repeat(i % 7)}`)];
    for (let i = 0; i < 3000; i++) {
      const facts = {
        contractAmount: (Math.floor(r() * 300_000_001) / 100).toFixed(2),
        transferMode: ["transfer", "license", "service"][Math.floor(r() * 3)]!,
        sourceRegion: ["beijing", "tianjin", "hebei"][Math.floor(r() * 3)]!,
        enterpriseCity: r() < 0.7 ? "shijiazhuang" : cities[Math.floor(r() * cities.length)]!,
      };
      const on = r() < 0.5 ? "2025-06-01" : "2026-02-03";
      expect(evaluateInSet(set, ID, facts, { on })).toEqual(_evaluateReference(set, ID, facts, { on }));
    }
  });

  it("share frozen lines, so a caller cannot change another decision's text", () => {
    const facts = { contractAmount: "800000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
    const a = evaluateInSet(set, ID, facts, { on: "2025-06-01" });
    expect(() => {
      (a.explanation[0] as { en: string }).en = "changed";
    }).toThrow(TypeError);
    expect(evaluateInSet(set, ID, facts, { on: "2025-06-01" }).explanation[0]!.en).not.toBe("changed");
  });

  it("cost nothing unless asked for: the explanation is empty without it", () => {
    const d = evaluateInSet(set, ID, { contractAmount: "800000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }, { on: "2025-06-01", explain: false });
    expect(d.explanation).toEqual([]);
  });
});

describe("percentText", () => {
  it("writes a rate as toLocaleString('en-US', { maximumFractionDigits: 4 }) writes its percentage", () => {
    const r = prng(11);
    for (let i = 0; i < 20_000; i++) {
      const v = ((r() < 0.5 ? -1 : 1) * r() * (r() < 0.2 ? 1e6 : 2)).toFixed(Math.floor(r() * 7));
      expect(percentText(v)).toBe((Number(v) * 100).toLocaleString("en-US", { maximumFractionDigits: 4 }));
    }
    for (const v of ["0", "-0", "0.075", "12345.678912", "0.00005", "-0.00005", "0.000049999"]) {
      expect(percentText(v)).toBe((Number(v) * 100).toLocaleString("en-US", { maximumFractionDigits: 4 }));
    }
  });
});
