import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { evaluateInSet } from "../../src/engine/evaluate.js";

/*
 * Issue #20 made reading the options of an evaluation cheaper (src/engine/options.ts): hasOwnProperty
 * only when the prototype chain has enumerable keys, and the last copy of plain options ({ on },
 * { on, explain }) shared, frozen. Neither may change what the options mean.
 */

const set = defaultEngine().ruleSet;
const ID = "sjz-2025/absorption-subsidy";
const FACTS = { contractAmount: "800000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };

describe("reading the options of an evaluation", () => {
  it("ignores keys an options object inherits (a class, a polluted prototype), reads its own", () => {
    class Base {}
    (Base.prototype as unknown as Record<string, unknown>)["date"] = "2020-01-01"; // enumerable, inherited: not an option
    const options = Object.assign(new Base(), { on: "2026-02-03", explain: false });
    const d = evaluateInSet(set, ID, FACTS, options as never);
    expect(d.on).toBe("2026-02-03");
    expect(d.explanation).toEqual([]);
    // Its own unknown key is still refused.
    expect(() => evaluateInSet(set, ID, FACTS, Object.assign(new Base(), { on: "2026-02-03", dat: 1 }) as never)).toThrow(/unknown option "dat"/);
  });

  it("gives each evaluation the options it was called with when plain options alternate", () => {
    const plain = [{ on: "2025-06-01" }, { on: "2025-06-01", explain: false }, { on: "2026-02-03" }, { on: "2026-02-03", explain: true }, { on: "2025-06-01", explain: false }];
    for (let round = 0; round < 3; round++) {
      for (const options of plain) {
        const d = evaluateInSet(set, ID, FACTS, options);
        expect(d.on).toBe(options.on);
        expect(d.explanation.length > 0).toBe(options.explain !== false);
      }
    }
  });

  it("is not changed by a caller who changes its options object after an evaluation", () => {
    const options: { on: string; explain?: boolean } = { on: "2025-06-01" };
    expect(evaluateInSet(set, ID, FACTS, options).explanation.length).toBeGreaterThan(0);
    options.explain = false;
    options.on = "2026-02-03";
    const d = evaluateInSet(set, ID, FACTS, options);
    expect(d.on).toBe("2026-02-03");
    expect(d.explanation).toEqual([]);
  });
});
