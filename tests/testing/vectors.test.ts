import { describe, expect, it } from "vitest";
import { evaluate } from "../../src/api.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import type { RuleFile } from "../../src/schema/rule-file.js";
import { checkImplementation, checkVector, formatReport, getTestVectors, type Implementation } from "../../src/testing/index.js";

const SUBSIDY = "sjz-2025/absorption-subsidy";
const ruleFiles = BUNDLED_RULES.filter((s) => /\/v\d+\.json$/.test(s.path)).map((s) => s.json as RuleFile);

// The library itself, as an implementation: it must pass every vector of every rule.
const library: Implementation = (facts, { on, ruleId }) => evaluate(ruleId as string, facts, { on });

/**
 * A hand-written subsidy calculator as a downstream service might have it: JS numbers, but the money in
 * whole fen and thousandths of a fen (integers), so that no binary fraction decides a fen (the float
 * traps of issue #17; tests/testing/float-traps.test.ts shows the float version failing).
 */
const handWritten: Implementation = (facts, { on }) => {
  const amount = Number(facts["contractAmount"]);
  if (!Number.isFinite(amount) || amount < 0 || typeof facts["transferMode"] !== "string" || !["development", "transfer", "license", "consulting", "service"].includes(facts["transferMode"] as string)) {
    throw Object.assign(new Error("invalid facts"), { issues: [{ path: Number.isFinite(amount) && amount >= 0 ? "transferMode" : "contractAmount" }] });
  }
  const eligible =
    on >= "2025-01-17" && on <= "2028-01-16" &&
    facts["enterpriseCity"] === "shijiazhuang" &&
    ["transfer", "license"].includes(facts["transferMode"] as string) &&
    ["beijing", "tianjin"].includes(facts["sourceRegion"] as string) &&
    amount >= 500000;
  const fen = Math.round(amount * 100); // exact: the amount has at most 2 decimals
  // 10% and 5% of fen in thousandths of a fen: 100 and 50 per fen; the cap 500,000 yuan is 5e10 of them.
  const milli = eligible ? Math.min(5e10, 100 * Math.min(fen, 1e8) + 50 * Math.max(0, fen - 1e8)) : 0;
  return { eligible, amount: Math.floor((milli + 500) / 1000) / 100 }; // half-up to the fen, once
};

describe("getTestVectors", () => {
  it("has one vector per worked example of every shipped rule version", () => {
    const examples = ruleFiles.reduce((n, r) => n + r.examples.length, 0);
    expect(getTestVectors()).toHaveLength(examples);
    expect(getTestVectors({ ruleId: SUBSIDY })).toHaveLength(ruleFiles.find((r) => r.id === SUBSIDY)!.examples.length);
  });

  it("gives each vector the rule id, version, date, facts and the expected result or the paths to reject", () => {
    const v = getTestVectors({ ruleId: SUBSIDY }).find((x) => x.facts["contractAmount"] === "3000000" && x.on === "2025-06-01" && x.facts["sourceRegion"] === "tianjin")!;
    expect(v).toMatchObject({ ruleId: SUBSIDY, version: 1, kind: "benefit", on: "2025-06-01", expected: { outcome: { eligible: true, amount: "200000.00" } } });
    expect(v.id).toMatch(/^sjz-2025\/absorption-subsidy@1#\d+$/);
    for (const x of getTestVectors()) expect(x.expected !== undefined || x.rejects !== undefined, x.id).toBe(true);
  });

  it("filters by document and kind", () => {
    // The expected counts come from the rule files' own examples, not from getTestVectors.
    const examplesOf = (keep: (r: RuleFile) => boolean) => ruleFiles.filter(keep).reduce((n, r) => n + r.examples.length, 0);
    const sjz = getTestVectors({ document: "sjz-2025" });
    expect(sjz).toHaveLength(examplesOf((r) => r.document === "sjz-2025"));
    expect(sjz.length).toBeGreaterThan(0);
    expect(sjz.every((v) => v.ruleId.startsWith("sjz-2025/"))).toBe(true);
    for (const kind of ["benefit", "target", "obligation", "guidance"] as const) {
      const vectors = getTestVectors({ kind });
      expect(vectors, kind).toHaveLength(examplesOf((r) => r.kind === kind));
      expect(vectors.length, kind).toBeGreaterThan(0);
      expect(vectors.every((v) => v.kind === kind)).toBe(true);
    }
    const both = getTestVectors({ document: "sjz-2025", kind: "benefit" });
    expect(both).toHaveLength(examplesOf((r) => r.document === "sjz-2025" && r.kind === "benefit"));
    expect(both.map((v) => v.ruleId)).toContain(SUBSIDY);
    expect(getTestVectors({ ruleId: "no/such-rule" })).toEqual([]);
  });

  it("hands out frozen data, so one test cannot change another's vectors", () => {
    const v = getTestVectors({ ruleId: SUBSIDY })[0]!;
    expect(Object.isFrozen(v)).toBe(true);
    expect(Object.isFrozen(v.facts)).toBe(true);
    expect(() => ((v.facts as Record<string, unknown>)["contractAmount"] = "1")).toThrow(TypeError);
  });
});

describe("checkImplementation", () => {
  it("passes this library against the vectors of every rule", async () => {
    const report = await checkImplementation({}, library);
    expect(formatReport(report)).toMatch(/^all \d+ vectors match/);
    expect(report.mismatches).toEqual([]);
    expect(report).toMatchObject({ ok: true, failed: 0, skipped: 0 });
    expect(report.checked).toBe(getTestVectors().length);
  });

  it("passes a correct hand-written implementation that returns numbers and only the outcome", async () => {
    const report = await checkImplementation(SUBSIDY, handWritten);
    expect(report.mismatches).toEqual([]);
  });

  it("compares numbers exactly when asked: 80000 is not \"80000.00\"", async () => {
    const report = await checkImplementation(SUBSIDY, handWritten, { numbers: "strict", rejects: "skip" });
    expect(report.ok).toBe(false);
    expect(report.mismatches[0]).toMatchObject({ field: "outcome.amount", expected: expect.any(String), actual: expect.any(Number) });
    expect(report.skipped).toBe(getTestVectors({ ruleId: SUBSIDY }).filter((v) => v.rejects).length);
  });

  it("reports each mismatch of a wrong implementation: no cap, and 10% on the whole amount", async () => {
    const noCap: Implementation = async (facts, context) => {
      const result = (await handWritten(facts, context)) as { eligible: boolean; amount: number };
      return { ...result, amount: result.eligible ? Number(facts["contractAmount"]) * 0.1 : 0 };
    };
    const report = await checkImplementation(SUBSIDY, noCap);
    expect(report.ok).toBe(false);
    expect(report.passed + report.failed).toBe(report.checked);
    const m = report.mismatches.find((x) => x.expected === "200000.00")!;
    expect(m).toMatchObject({ field: "outcome.amount", actual: 300000, on: "2025-06-01" });
    expect(m.message).toBe('outcome.amount: expected "200000.00", got 300000');
    expect(formatReport(report)).toContain(`${m.vector} (2025-06-01) ${m.description.en}: ${m.message}`);
  });

  it("expects rejected facts to throw, and checks the paths of an error's issues", async () => {
    const lenient: Implementation = () => ({ eligible: false, amount: "0.00" });
    const vector = getTestVectors({ ruleId: SUBSIDY }).find((v) => v.rejects?.includes("transferMode"))!;
    expect(await checkVector(vector, lenient)).toEqual([expect.objectContaining({ field: "rejects" })]);
    const wrongPath: Implementation = () => {
      throw Object.assign(new Error("bad"), { issues: [{ path: "somethingElse" }] });
    };
    expect((await checkVector(vector, wrongPath))[0]!.message).toMatch(/named no problem at "transferMode"/);
    expect(await checkVector(vector, () => { throw new Error("no issues listed"); })).toEqual([]);
  });

  it("reports an implementation that throws on valid facts", async () => {
    const vector = getTestVectors({ ruleId: SUBSIDY }).find((v) => v.expected)!;
    const [m] = await checkVector(vector, () => { throw new RangeError("boom"); });
    expect(m).toMatchObject({ field: "error", message: "threw RangeError: boom, expected a result" });
  });

  it("checks inForce, applicable and conditions when the implementation returns them", async () => {
    const vector = getTestVectors({ ruleId: SUBSIDY }).find((v) => v.expected?.inForce === false)!;
    const wrong: Implementation = () => ({ inForce: true, outcome: { eligible: false, amount: "0.00" } });
    expect((await checkVector(vector, wrong)).map((m) => m.field)).toEqual(["inForce"]);
    const failing = getTestVectors({ ruleId: SUBSIDY }).find((v) => v.expected?.fails?.includes("amountAtLeastThreshold"))!;
    const wrongCondition: Implementation = () => ({ outcome: { eligible: false, amount: "0.00" }, conditions: [{ id: "amountAtLeastThreshold", holds: true }] });
    expect((await checkVector(failing, wrongCondition)).map((m) => m.field)).toEqual(["conditions.amountAtLeastThreshold"]);
  });

  it("compares only the fields asked for", async () => {
    const amountOnly: Implementation = (facts, context) => ({ amount: (handWritten(facts, context) as { amount: number }).amount });
    expect((await checkImplementation(SUBSIDY, amountOnly, { fields: ["amount"] })).ok).toBe(true);
    expect((await checkImplementation(SUBSIDY, amountOnly)).ok).toBe(false);
  });

  it("refuses a filter that selects no vector, so a typo never passes silently", async () => {
    await expect(checkImplementation("sjz-2025/absorption-subsidie" as string, library)).rejects.toThrow(/no test vectors/);
  });
});

// The example of docs/testing.md, as written there: one test per vector, named by its sentence.
describe("our subsidy calculator follows sjz-2025 measure 九 (docs/testing.md)", () => {
  const subsidyFor = (facts: Readonly<Record<string, unknown>>, on: string) => handWritten(facts, { on, ruleId: SUBSIDY, version: 1 });
  it.each(getTestVectors({ ruleId: SUBSIDY }))("$description.en", async (vector) => {
    const mismatches = await checkVector(vector, (facts, { on }) => subsidyFor(facts, on));
    expect(mismatches).toEqual([]);
  });
});
