import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { OPERATIONS } from "../../src/ops/index.js";
import { dayOf, isoOf } from "../../src/analysis/days.js";
import { roundTerm } from "../../src/verify/encode.js";
import { addMonthsZ } from "../../src/verify/calendar.js";
import { checkEncodingOn } from "../../src/verify/verify.js";
import { z3, type ZArith, type ZBool } from "../../src/verify/z3.js";

/*
 * The z3 encoding against the engine, on hand-worked values: the rounding modes and the calendar's
 * month and year shifts term by term, and every shipped rule's worked examples (computed by hand, each
 * checked by its own test) as whole versions — every operation kind the rules use (arithmetic, min/max,
 * rounding, quotients, comparisons, ===, in, if, and/or, !!, date comparisons and shifts) is met there.
 */

const engine = defaultEngine();

/** The value of a closed term, by z3. */
async function valueOf(term: ZArith, axioms: ZBool[] = []): Promise<string> {
  const Z = await z3();
  const solver = new Z.Solver();
  for (const a of axioms) solver.add(a);
  expect(await solver.check()).toBe("sat");
  const v = solver.model().eval(term, true) as unknown as { value(): bigint | { numerator: bigint; denominator: bigint } };
  const raw = v.value();
  if (typeof raw === "bigint") return String(raw);
  return raw.denominator === 1n ? String(raw.numerator) : `${raw.numerator}/${raw.denominator}`;
}

describe("rounding: each mode as decimal.js rounds (jjj.round)", () => {
  // value, places, mode → by hand
  const cases: [string, number, string, string][] = [
    ["2.345", 2, "half-up", "2.35"],
    ["-2.345", 2, "half-up", "-2.35"],
    ["2.345", 2, "half-even", "2.34"],
    ["2.355", 2, "half-even", "2.36"],
    ["2.349", 2, "down", "2.34"],
    ["-2.349", 2, "down", "-2.34"],
    ["2.341", 2, "up", "2.35"],
    ["-2.341", 2, "up", "-2.35"],
    ["-2.341", 2, "floor", "-2.35"],
    ["-2.349", 2, "ceil", "-2.34"],
    ["0.66665", 4, "half-up", "0.6667"],
    ["1234.5", 0, "half-up", "1235"],
  ];
  const round = OPERATIONS.get("jjj.round")!;
  it.each(cases)("round(%s, %i, %s) = %s", async (value, places, mode, expected) => {
    // The engine agrees with the hand-worked value …
    expect(String(round.evaluate!([value, places, mode], { params: {}, conditions: {}, outcome: {}, on: "2025-01-01" }, {}))).toBe(expected);
    const Z = await z3();
    const [num, den] = value.includes(".") ? [BigInt(value.replace(".", "")), 10n ** BigInt(value.split(".")[1]!.length)] : [BigInt(value), 1n];
    const expectedQ = (() => {
      const [p, q] = expected.includes(".") ? [BigInt(expected.replace(".", "")), 10n ** BigInt(expected.split(".")[1]!.length)] : [BigInt(expected), 1n];
      return { p, q };
    })();
    // … and so does the encoding, on the value's integer form (i / grid) and over the reals.
    for (const form of ["grid", "real"] as const) {
      const axioms: ZBool[] = [];
      const v = { e: Z.Real.val(`${num}/${den}`) as unknown as ZArith, ...(form === "grid" ? { i: Z.Int.val(num) as unknown as ZArith, grid: den } : {}) };
      const r = roundTerm(Z, v, places, mode, axioms);
      const got = await valueOf(r.e, axioms);
      const [gp, gq] = got.includes("/") ? got.split("/").map(BigInt) : [BigInt(got), 1n];
      expect(gp! * expectedQ.q, `${form}: ${got}`).toBe(expectedQ.p * gq!);
    }
  });
});

describe("calendar: month and year shifts as the engine (PRC Civil Code art. 202, end of month)", () => {
  const cases: [string, number, "months" | "years"][] = [
    ["2024-02-29", 1, "years"],
    ["2024-02-29", 4, "years"],
    ["2024-01-31", 1, "months"],
    ["2023-01-31", 1, "months"],
    ["2025-12-31", 2, "months"],
    ["2025-03-31", -1, "months"],
    ["0000-02-29", 1, "years"],
    ["1999-12-31", 25, "years"],
    ["2025-06-01", 3, "years"],
  ];
  it.each(cases)("%s + %i %s", async (date, n, unit) => {
    const op = OPERATIONS.get(unit === "years" ? "jjj.dateAddYears" : "jjj.dateAddMonths")!;
    const expected = op.evaluate!([date, n], { params: {}, conditions: {}, outcome: {}, on: "2025-01-01" }, {}) as string;
    const Z = await z3();
    const { e, inRange } = addMonthsZ(Z, Z.Int.val(dayOf(date)) as unknown as ZArith, unit === "years" ? 12 * n : n);
    expect(isoOf(Number(await valueOf(e)))).toBe(expected);
    expect(await valueOf(Z.If(inRange, Z.Int.val(1), Z.Int.val(0)) as unknown as ZArith)).toBe("1");
  });
  it("knows where a shift leaves the engine's dates", async () => {
    const Z = await z3();
    const { inRange } = addMonthsZ(Z, Z.Int.val(dayOf("9999-06-01")) as unknown as ZArith, 12);
    expect(await valueOf(Z.If(inRange, Z.Int.val(1), Z.Int.val(0)) as unknown as ZArith)).toBe("0");
  });
});

describe("every shipped version's worked examples: the encoding fixed to the facts equals the engine's decision", () => {
  for (const id of engine.ruleSet.ruleIds()) {
    for (const version of engine.ruleSet.versions(id)) {
      const examples = version.file.examples.filter((e) => e.expected?.inForce !== false && e.rejects === undefined);
      if (examples.length === 0 || id === "hd-2018/contract-growth-review") continue;
      it(`${id}@${version.file.version}: ${examples.length} examples`, async () => {
        for (const ex of examples) {
          const witness = await checkEncodingOn(version, ex.facts as Record<string, unknown>, ex.on, engine);
          expect(witness.on).toBe(ex.on);
        }
      }, 120_000);
    }
  }
});
