import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { Dec, ROUNDING_MODES, type RoundingMode } from "../../src/exact/decimal.js";
import * as R from "../../src/analysis/rational.js";
import { dayOf, isoOf } from "../../src/analysis/days.js";

const MODES = Object.keys(ROUNDING_MODES) as RoundingMode[];
const decimalText = fc.tuple(fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }), fc.integer({ min: 0, max: 8 })).map(([n, p]) => new Dec(n.toString()).dividedBy(new Dec(10).pow(p)).toFixed());

describe("exact rationals", () => {
  it("read decimals exactly and write them back, or as p/q", () => {
    expect(R.q("-1.25")).toEqual({ num: -5n, den: 4n });
    expect(R.qText(R.frac(1600000n, 3n))).toBe("1600000/3");
    expect(R.qText(R.add(R.q("0.1"), R.q("0.2")))).toBe("0.3");
    fc.assert(fc.property(decimalText, (t) => R.toDec(R.q(t)).eq(new Dec(t))));
  });

  it("round in every jjj.round mode as decimal.js does", () => {
    expect(R.qText(R.roundQ(R.frac(1n, 3n), 4, "half-up"))).toBe("0.3333");
    expect(R.qText(R.roundQ(R.q("-0.125"), 2, "half-even"))).toBe("-0.12");
    expect(R.qText(R.roundQ(R.q("-0.125"), 2, "half-up"))).toBe("-0.13");
    fc.assert(
      fc.property(decimalText, fc.integer({ min: 0, max: 6 }), fc.constantFrom(...MODES), (t, places, mode) => {
        const expected = new Dec(t).toDecimalPlaces(places, ROUNDING_MODES[mode]);
        expect(R.toDec(R.roundQ(R.q(t), places, mode)).eq(expected), `${t} ${places} ${mode}`).toBe(true);
      }),
    );
  });

  it("step to a grid up and down", () => {
    expect(R.qText(R.toStep(R.frac(1600000n, 3n), R.q("0.01"), true))).toBe("533333.34");
    expect(R.qText(R.toStep(R.frac(1600000n, 3n), R.q("0.01"), false))).toBe("533333.33");
    expect(R.qText(R.toStep(R.q("-0.005"), R.q("0.01"), false))).toBe("-0.01");
    expect(R.qText(R.toStep(R.q("-0.005"), R.q("0.01"), true))).toBe("0");
  });

  it("count days across the engine's dates", () => {
    expect(dayOf("1970-01-02")).toBe(1);
    for (const d of ["0000-01-01", "0099-12-31", "2020-02-29", "9999-12-31"]) expect(isoOf(dayOf(d))).toBe(d);
  });
});
