import { describe, expect, it } from "vitest";
import { whatWouldChange, type Change, type InputChanges } from "../../src/analysis/index.js";

/*
 * whatWouldChange's goals beyond eligibility: the next band, the cap, another boolean field, the
 * applicable test. Expected values are worked out by hand from the source text, not copied from the
 * engine. sjz-2025/absorption-subsidy (石家庄 2025, 九): “单项技术交易额在50万元(含)至100万元(含)的,按照技术合同
 * 实际交易额给予最高10%的补助,超过100万元的部分给予最高5%的补助,每项最高补助50万元”: below 500,000 nothing;
 * 10% of the amount on [500,000, 1,000,000]; 100,000 + 5% of the part above 1,000,000; at most 500,000.
 * The decision shows the amount half-up to the fen.
 */

const ABSORPTION = "sjz-2025/absorption-subsidy";
const licence = (contractAmount: string) => ({ contractAmount, transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" });
const on = "2025-06-01";

function changesOf(r: { inputs: InputChanges[] }, input: string): Change[] {
  const entry = r.inputs.find((i) => i.input === input);
  return entry?.status === "found" ? entry.changes : [];
}

describe("goal next-band", () => {
  it("from nothing below the threshold, the 10% band starts at 500,000.00", () => {
    const r = whatWouldChange(ABSORPTION, licence("450000"), { on, goal: "next-band" });
    expect(r.field).toBe("amount"); // the rule's only money field
    // Only upward: a band is reached by a larger contract.
    expect(changesOf(r, "contractAmount").map((c) => [c.to, c.delta, c.value, c.confirmed])).toEqual([["500000.00", "+50000.00", "50000.00", true]]);
  });

  it("from the 10% band, the 5% band starts one fen above 1,000,000 (超过100万元的部分: the part above)", () => {
    // 1,000,000 is still in the 10% band (含); 1,000,000.01 is the first amount above it:
    // 100,000 + 5% × 0.01 = 100,000.0005, shown 100,000.00.
    for (const from of ["600000", "1000000"]) {
      const [c] = changesOf(whatWouldChange(ABSORPTION, licence(from), { on, goal: "next-band" }), "contractAmount");
      expect(c).toMatchObject({ to: "1000000.01", value: "100000.00", confirmed: true });
    }
  });

  it("from the 5% band, the next band is the cap, which the formula reaches at 9,000,000", () => {
    // 100,000 + 5% × (x − 1,000,000) = 500,000 ⇔ x = 9,000,000: from there the amount is the flat 500,000.
    const [c] = changesOf(whatWouldChange(ABSORPTION, licence("2000000"), { on, goal: "next-band" }), "contractAmount");
    expect(c).toMatchObject({ to: "9000000.00", delta: "+7000000.00", value: "500000.00", confirmed: true });
    expect(c!.text.en).toBe("contractAmount 2,000,000.00 → at least 9,000,000.00: +7,000,000.00 (amount 500,000.00)");
  });

  it("at the cap there is no band above", () => {
    const r = whatWouldChange(ABSORPTION, licence("9500000"), { on, goal: "next-band" });
    expect(r.inputs.find((i) => i.input === "contractAmount")?.status).toBe("none");
    expect(r.nearest).toBeUndefined();
  });
});

describe("goal cap", () => {
  it("the amount shows the cap from 8,999,999.90: half-up to the fen rounds 499,999.995 up", () => {
    // At 8,999,999.90: 100,000 + 5% × 7,999,999.90 = 499,999.995 → 500,000.00 (half-up);
    // at 8,999,999.89: 499,999.9945 → 499,999.99. So the smallest change that shows 500,000.00 ends at .90.
    const r = whatWouldChange(ABSORPTION, licence("600000"), { on, goal: "cap" });
    expect(r.reached).toBe(false);
    expect(r.nearest).toMatchObject({ input: "contractAmount", to: "8999999.90", delta: "+8399999.90", value: "500000.00", confirmed: true });
    expect(r.nearest!.certificate.outcome["amount"]).toBe("500000.00");
  });

  it("one fen below that point is not at the cap, and at or above it the cap is reached", () => {
    expect(whatWouldChange(ABSORPTION, licence("8999999.89"), { on, goal: "cap" }).nearest).toMatchObject({ to: "8999999.90", delta: "+0.01" });
    expect(whatWouldChange(ABSORPTION, licence("8999999.90"), { on, goal: "cap" }).reached).toBe(true);
    expect(whatWouldChange(ABSORPTION, licence("20000000"), { on, goal: "cap" }).reached).toBe(true);
  });

  it("a field that only rises with its input has no cap", () => {
    // hd-2018/invention-patents: shortfall = max(0, 1.5 − reported) (万人发明专利拥有量增至1.5件): 1.5 − x on
    // [0, 1.5], then a flat 0. Its largest value, 1.5, is shown at x = 0 only, the end of a sloped piece
    // (the input's declared minimum), not on a flat piece: that is no cap.
    const r = whatWouldChange("hd-2018/invention-patents", { inventionPatentsPer10kPeople: "1.2" }, { on: "2020-06-01", goal: "cap", field: "shortfall" });
    expect(r.reached).toBe(false);
    expect(r.inputs.map((i) => i.status)).toEqual(["none"]);
  });
});

describe("goal eligible with another field, and goal applicable", () => {
  it("a target's met: 1.2 patents per 10,000 people needs +0.3 to reach 1.5 (增至1.5件)", () => {
    const r = whatWouldChange("hd-2018/invention-patents", { inventionPatentsPer10kPeople: "1.2" }, { on: "2020-06-01", goal: "eligible", field: "met" });
    expect(r.nearest).toMatchObject({ to: "1.5", delta: "+0.3", confirmed: true });
    expect(r.nearest!.certificate.outcome["met"]).toBe(true);
  });

  it("a platform is not among the subjects of the joint application scenarios: each listed subject type makes it apply", () => {
    // bth-2025/joint-application-scenarios applies to the subject types its parameter lists (enterprise, state-owned
    // enterprise, university, research institute) in the sixteen places of 京津冀; a platform in Tianjin is not one.
    const r = whatWouldChange("bth-2025/joint-application-scenarios", { subjectType: "platform", city: "tianjin" }, { on: "2025-09-01", goal: "applicable" });
    expect(r.reached).toBe(false);
    const types = changesOf(r, "subjectType");
    expect(types.map((c) => c.to).sort()).toEqual(["enterprise", "research-institute", "state-owned-enterprise", "university"]);
    expect(types.every((c) => c.certificate.applicable && c.confirmed)).toBe(true);
    expect(changesOf(r, "city")).toEqual([]); // no other place helps a platform
  });

  it("refuses a field of the wrong type, and a field with the applicable goal", () => {
    expect(() => whatWouldChange(ABSORPTION, licence("450000"), { on, goal: "cap", field: "eligible" })).toThrow(/no money, decimal, rate or integer outcome field "eligible"/);
    expect(() => whatWouldChange(ABSORPTION, licence("450000"), { on, goal: "eligible", field: "amount" })).toThrow(/no boolean outcome field "amount"/);
    expect(() => whatWouldChange(ABSORPTION, licence("450000"), { on, goal: "applicable", field: "amount" })).toThrow(/leave out "field"/);
  });
});
