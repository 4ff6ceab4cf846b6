import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { evaluate as typedEvaluate, getRule, listRules, safeEvaluate } from "../../src/api.js";
import type { EvaluateOptions } from "../../src/engine/evaluate.js";
import type { Decision } from "../../src/engine/decision.js";

// These tests pass facts that are wrong on purpose, so they use the run-time-checked signature.
const evaluate: (ruleId: string, facts: unknown, options?: EvaluateOptions) => Decision = typedEvaluate;
import { InvalidArgumentError, InvalidFactsError, RuleEvaluationError, UnknownRuleError, UnknownVersionError } from "../../src/errors.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { loadRuleSet } from "../../src/catalog/load.js";
import { loadRules, minimalRule, shipped } from "../helpers/fixtures.js";
import { createEngine } from "../../src/api.js";

const SUBSIDY = "sjz-2025/absorption-subsidy";
const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };

function factsError(f: unknown): InvalidFactsError {
  try {
    evaluate(SUBSIDY, f, { on: "2025-06-01" });
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidFactsError);
    return error as InvalidFactsError;
  }
  throw new Error("facts were accepted");
}

const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
/** Compact JSON with object keys sorted at every level (no rule file has integer-like keys, which JS would reorder). */
const independentCanonicalJson = (value: unknown) =>
  JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v,
  );

describe("evaluate", () => {
  it("gives the decision shape of DESIGN.md", () => {
    const d = evaluate(SUBSIDY, facts, { on: "2025-06-01" });
    expect(d).toMatchObject({ ruleId: SUBSIDY, version: 1, on: "2025-06-01", inForce: true, applicable: true, outcome: { eligible: true, amount: "200000.00" } });
    expect(Array.isArray(d.explanation)).toBe(true);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
  });

  it("accepts money given as a JSON number as well as a string", () => {
    expect(evaluate(SUBSIDY, { ...facts, contractAmount: 1000000.1 }, { on: "2025-06-01" }).outcome.amount).toBe("100000.01");
  });

  it("lists every problem of invalid facts with path, expected and received", () => {
    const error = factsError({ contractAmount: "-1", transferMode: "gift", extra: 1 });
    expect(error.issues.map((i) => i.path).sort()).toEqual(["contractAmount", "enterpriseCity", "extra", "sourceRegion", "transferMode"]);
    const amount = error.issues.find((i) => i.path === "contractAmount")!;
    expect(amount.expected).toContain("money");
    expect(amount.received).toBe('"-1"');
  });

  it("never reads a missing input as 0 or null (json-logic-js would: {\">=\":[null,0]} is true)", () => {
    const { contractAmount: _omitted, ...rest } = facts;
    const error = factsError(rest);
    expect(error.issues).toEqual([expect.objectContaining({ path: "contractAmount", code: "missing_input" })]);
    expect(factsError({ ...facts, contractAmount: null }).issues[0]!.path).toBe("contractAmount");
  });

  it.each([["1e5"], [" 100 "], ["１００"], ["50万"], ["100.001"], [Number.NaN], [true]])("rejects the money value %j", (value) => {
    expect(factsError({ ...facts, contractAmount: value }).issues[0]!.path).toBe("contractAmount");
  });

  it("rejects facts that are not an object", () => {
    expect(factsError([1, 2]).issues[0]!.code).toBe("invalid_type");
    expect(factsError(null).issues[0]!.code).toBe("invalid_type");
  });

  it("throws UnknownRuleError for an unknown or malformed id, with a suggestion", () => {
    expect(() => evaluate("sjz-2025/absorption-subsidie", facts)).toThrow(/did you mean "sjz-2025\/absorption-subsidy"/);
    expect(() => evaluate("../etc/passwd", facts)).toThrow(UnknownRuleError);
  });

  it("rejects a malformed date", () => {
    expect(() => evaluate(SUBSIDY, facts, { on: "2025-02-30" })).toThrow(InvalidArgumentError);
    expect(() => evaluate(SUBSIDY, facts, { on: "2025-1-7" })).toThrow(InvalidArgumentError);
  });

  describe("defaults the date to today in Asia/Shanghai", () => {
    afterEach(() => vi.useRealTimers());
    // Shanghai is UTC+8 all year: its day turns at 16:00 UTC. Each instant's expected date is written out
    // by hand and cross-checked with Intl (the host's time-zone database), not computed by the engine.
    it.each([
      ["2025-06-01T15:59:59.999Z", "2025-06-01"],
      ["2025-06-01T16:00:00.000Z", "2025-06-02"],
      ["2025-12-31T16:00:00.000Z", "2026-01-01"],
      ["2025-03-01T07:30:00.000Z", "2025-03-01"],
    ])("at %s it is %s", (instant, expected) => {
      const intl = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric", month: "2-digit", day: "2-digit" });
      expect(intl.format(new Date(instant))).toBe(expected);
      vi.useFakeTimers({ toFake: ["Date"] });
      vi.setSystemTime(new Date(instant));
      expect(evaluate(SUBSIDY, facts).on).toBe(expected);
      expect(evaluate(SUBSIDY, facts).provenance.on).toBe(expected);
    });
  });

  it("reports a version that does not exist", () => {
    expect(() => evaluate(SUBSIDY, facts, { on: "2025-06-01", version: 7 })).toThrow(UnknownVersionError);
  });

  it("outside every version's validity says nothing is granted", () => {
    const d = evaluate(SUBSIDY, facts, { on: "2030-01-01" });
    expect(d).toMatchObject({ inForce: false, applicable: false, outcome: { granted: false, eligible: false, amount: "0.00" } });
    expect(d.explanation[0]!.en).toContain("nothing is granted");
  });

  it("records what the decision was made with: rule id, version, date, file hash and rule-set hash", () => {
    // The shipped engine takes the hashes bundled by scripts/bundle-rules.mjs; an untrusted load of the same
    // files computes them with src/engine/hash.ts. Both must give the independently computed values.
    const untrusted = createEngine(loadRuleSet(BUNDLED_RULES.map(({ path, json }) => ({ path, json: structuredClone(json) }))));
    for (const d of [evaluate(SUBSIDY, facts, { on: "2025-06-01" }), untrusted.evaluate(SUBSIDY, facts, { on: "2025-06-01" })]) {
      // Computed here independently of src/engine/hash.ts: the canonical form (compact JSON, object keys
      // sorted at every level) by a JSON.stringify replacer, the digest by node:crypto.
      const fileHash = sha256(independentCanonicalJson(shipped("sjz-2025/absorption-subsidy/v1.json")));
      expect(d.provenance).toMatchObject({ ruleId: SUBSIDY, version: 1, on: "2025-06-01", ruleHash: `sha256:${fileHash}` });
      // The rule-set hash: SHA-256 of the JSON list of [path, file hash] pairs of every file, sorted by path.
      const pairs = BUNDLED_RULES.map((s) => [s.path, sha256(independentCanonicalJson(s.json))]).sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
      expect(d.provenance.ruleSetHash).toBe(`sha256:${sha256(JSON.stringify(pairs))}`);
    }
  });

  it("explains in Chinese and English: the version, the parameters and each condition with its value", () => {
    const d = evaluate(SUBSIDY, { ...facts, sourceRegion: "hebei" }, { on: "2025-06-01" });
    const en = d.explanation.map((l) => l.en).join("\n");
    const zh = d.explanation.map((l) => l.zh).join("\n");
    expect(en).toContain("version 1");
    expect(en).toContain("(cap) = 500000 yuan");
    expect(en).toMatch(/✗ fails: the achievement comes from Beijing or Tianjin \(.*sourceRegion\) = hebei \(Hebei\)/);
    expect(zh).toContain("第 1 版");
    expect(zh).toContain("✗ 不满足:成果来自北京或天津");
  });

  it("leaves the explanation out when asked", () => {
    expect(evaluate(SUBSIDY, facts, { on: "2025-06-01", explain: false }).explanation).toEqual([]);
  });

  it("runs a what-if with overridden parameters, validated against their type", () => {
    const d = evaluate(SUBSIDY, { ...facts, contractAmount: "10000000" }, { on: "2025-06-01", parameters: { cap: "800000" } });
    expect(d.outcome.amount).toBe("550000.00");
    expect(d.provenance.overrides).toEqual({ cap: "800000" });
    expect(() => evaluate(SUBSIDY, facts, { on: "2025-06-01", parameters: { cap: "lots" } })).toThrow(InvalidArgumentError);
    expect(() => evaluate(SUBSIDY, facts, { on: "2025-06-01", parameters: { kap: "1" } })).toThrow(/unknown parameter "kap"/);
  });

  it("safeEvaluate returns the issues instead of throwing", () => {
    const r = safeEvaluate(SUBSIDY, {}, { on: "2025-06-01" });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toHaveLength(4);
  });

  it("computes exactly where floats drift", () => {
    // 1,368,497.90: float arithmetic gives 118424.89499999999 and rounds to .89; exact is 118,424.895 → .90
    expect(evaluate(SUBSIDY, { ...facts, contractAmount: "1368497.90" }, { on: "2025-06-01" }).outcome.amount).toBe("118424.90");
  });
});

describe("versions", () => {
  const v1 = minimalRule({ validity: { from: { date: "2025-01-01", basis: "stated" }, to: { date: "2025-06-30", basis: "stated" } } });
  const v2 = minimalRule({
    version: 2,
    supersedes: 1,
    validity: { from: { date: "2025-08-01", basis: "stated" } },
    parameters: { threshold: { type: "money", value: "200", label: { zh: "门槛", en: "threshold" } } },
  });
  const engine = createEngine(loadRules(v1, v2));

  it("picks the version in force on the date", () => {
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "150" }, { on: "2025-06-30" })).toMatchObject({ version: 1, outcome: { eligible: true } });
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "150" }, { on: "2025-08-01" })).toMatchObject({ version: 2, outcome: { eligible: false } });
  });

  it("reports inForce: false on a date between versions", () => {
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "150" }, { on: "2025-07-15" })).toMatchObject({ inForce: false, outcome: { granted: false } });
  });

  it("evaluates an explicit version, in force or not", () => {
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "150" }, { on: "2025-03-01", version: 2 })).toMatchObject({ version: 2, inForce: false });
  });
});

describe("getRule and listRules", () => {
  it("returns a rule with its validity and versions", () => {
    const r = getRule(SUBSIDY);
    expect(r).toMatchObject({ id: SUBSIDY, version: 1, versions: [1], validFrom: "2025-01-17", validTo: "2028-01-16" });
    expect(r.file.parameters["cap"]!.value).toBe("500000");
  });

  it("lists by date", () => {
    expect(listRules({ on: "2025-06-01" }).map((r) => r.id)).toContain(SUBSIDY);
    expect(listRules({ on: "2024-06-01" }).map((r) => r.id)).not.toContain(SUBSIDY);
  });
});

describe("optional inputs", () => {
  it("an input with a default takes it when absent, and is still checked when given", () => {
    const rule = minimalRule({
      inputs: {
        amount: { type: "money", label: { zh: "金额", en: "amount" } },
        bonus: { type: "money", label: { zh: "奖励", en: "bonus" }, default: "50" },
      },
      conditions: [{ id: "enough", label: { zh: "够", en: "enough" }, logic: { "jjj.gte": [{ "jjj.add": [{ var: "amount" }, { var: "bonus" }] }, { "jjj.param": "threshold" }] } }],
    });
    const engine = createEngine(loadRules(rule));
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "50" }, { on: "2025-06-01" }).outcome.eligible).toBe(true);
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "49.99" }, { on: "2025-06-01" }).outcome.eligible).toBe(false);
    expect(() => engine.evaluate("sjz-2025/test-rule", { amount: "50", bonus: "x" }, { on: "2025-06-01" })).toThrow(/bonus/);
  });
});

describe("a rule whose logic fails on valid facts", () => {
  it("throws a typed RuleEvaluationError naming the rule and the cause ", () => {
    const rule = minimalRule({
      inputs: { amount: { type: "money", label: { zh: "金额", en: "amount" } }, base: { type: "money", label: { zh: "基数", en: "base" } } },
      outcome: {
        eligible: { type: "boolean", label: { zh: "符合", en: "eligible" }, logic: { "jjj.condition": "enough" } },
        ratio: { type: "decimal", label: { zh: "比率", en: "ratio" }, logic: { "jjj.div": [{ var: "amount" }, { var: "base" }] } },
      },
    });
    const engine = createEngine(loadRules(rule));
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "150", base: "3" }, { on: "2025-06-01" }).outcome.ratio).toBe("50");
    for (const explain of [true, false]) {
      let error: unknown;
      try {
        engine.evaluate("sjz-2025/test-rule", { amount: "150", base: "0" }, { on: "2025-06-01", explain });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(RuleEvaluationError);
      expect((error as RuleEvaluationError).message).toMatch(/rule "sjz-2025\/test-rule" v1 could not be evaluated for these facts: jjj.div: division by zero/);
    }
  });
});
