import { describe, expect, it } from "vitest";
import { createEngine, evaluate, getRule, safeEvaluate } from "../../src/api.js";
import { InvalidArgumentError, InvalidFactsError, UnknownRuleError, UnknownVersionError } from "../../src/errors.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";
import { guardPrototypes, thrown } from "./guard.js";

// Hostile and malformed facts, options and rule ids: each gets a clear typed error, never a wrong decision,
// never a crash of the host, and Object.prototype stays clean (checked after every test).
guardPrototypes();

const ID = "sjz-2025/absorption-subsidy";
const ON = { on: "2025-06-01" };
const FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" } as const;
const FACTS_JSON = JSON.stringify(FACTS);

/** The issues of the InvalidFactsError that evaluating these facts throws. */
function issues(facts: unknown, id: string = ID, engine = { evaluate }) {
  const error = thrown(() => engine.evaluate(id as never, facts as never, ON));
  expect(error).toBeInstanceOf(InvalidFactsError);
  return (error as InvalidFactsError).issues;
}

/** Facts with one key added through JSON.parse, so that `__proto__` is an own key as in a real request body. */
const withKey = (key: string, value: unknown) => JSON.parse(FACTS_JSON.replace(/^\{/, `{${JSON.stringify(key)}:${JSON.stringify(value)},`));

describe("prototype keys in facts", () => {
  it.each(["__proto__", "constructor", "prototype"])("%s as an own fact key is an unknown input, and pollutes nothing", (key) => {
    const facts = withKey(key, { polluted: true, isAdmin: true });
    expect(Object.prototype.hasOwnProperty.call(facts, key)).toBe(true);
    const found = issues(facts);
    expect(found).toEqual([expect.objectContaining({ code: "unknown_input", path: key })]);
  });

  it("__proto__, constructor and prototype together, with prototype-looking values", () => {
    const facts = JSON.parse(`{"__proto__":{"contractAmount":"1"},"constructor":{"prototype":{"polluted":1}},"prototype":[1],${FACTS_JSON.slice(1)}`);
    expect(issues(facts).map((i) => [i.code, i.path])).toEqual([
      ["unknown_input", "__proto__"],
      ["unknown_input", "constructor"],
      ["unknown_input", "prototype"],
    ]);
  });

  it("an input whose value is an object with __proto__ is an invalid value, not a lookup", () => {
    const found = issues({ ...FACTS, contractAmount: JSON.parse('{"__proto__":{"toString":"1"}}'), transferMode: JSON.parse('{"constructor":"license"}') });
    expect(found.map((i) => [i.path, i.code])).toEqual([
      ["contractAmount", "invalid_value"],
      ["transferMode", "invalid_value"],
    ]);
  });

  it("enum values named after Object.prototype members are not values", () => {
    for (const value of ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(issues({ ...FACTS, transferMode: value }).map((i) => i.path)).toEqual(["transferMode"]);
    }
  });

  it("safeEvaluate returns the issues instead of throwing", () => {
    const r = safeEvaluate(ID, withKey("__proto__", { polluted: true }), ON);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.issues.map((i) => i.code)).toEqual(["unknown_input"]);
  });

  it("facts are read through own properties only, so a polluted Object.prototype cannot supply a missing input", () => {
    const { transferMode: _omitted, ...missing } = FACTS;
    const proto = Object.prototype as Record<string, unknown>;
    try {
      proto["transferMode"] = "license"; // enumerable, as a real pollution would be
      proto["notAnInput"] = 1;
      const error = thrown(() => evaluate(ID, missing as never, ON)) as InvalidFactsError;
      expect(error).toBeInstanceOf(InvalidFactsError);
      expect(error.issues.map((i) => [i.path, i.code])).toEqual([["transferMode", "missing_input"]]);
      // Inherited keys are not unknown inputs either: complete facts still decide.
      expect(evaluate(ID, { ...FACTS }, ON).outcome).toEqual({ eligible: true, amount: "200000.00" });
      expect(evaluate(ID, { ...FACTS }, { ...ON, explain: false }).outcome.amount).toBe("200000.00");
    } finally {
      delete proto["transferMode"];
      delete proto["notAnInput"];
    }
  });
});

describe("huge and deep facts", () => {
  it("100,000 keys: rejected, with a bounded number of issues and a message of bounded size", () => {
    // No wall-clock assert here (timings belong in the bench): the work is bounded by what is built.
    const big: Record<string, unknown> = { ...FACTS };
    for (let i = 0; i < 100_000; i++) big[`k${i}`] = i;
    const error = thrown(() => evaluate(ID, big as never, ON)) as InvalidFactsError;
    expect(error).toBeInstanceOf(InvalidFactsError);
    // One issue per unknown key for the first 20, then one for the rest.
    expect(error.issues).toHaveLength(21);
    expect(error.issues.slice(0, 3).map((i) => i.path)).toEqual(["k0", "k1", "k2"]);
    expect(error.issues[20]!.message).toContain("and 99980 more");
    expect(error.message.length).toBeLessThan(3_000);
  });

  it("a 10 MB string in a string input and in a money input: rejected, echoed back cut short", () => {
    const huge = "1".repeat(10_000_000);
    const found = issues({ ...FACTS, contractAmount: huge, enterpriseCity: "a".repeat(10_000_000) });
    expect(found.map((i) => i.path)).toEqual(["contractAmount", "enterpriseCity"]);
    for (const i of found) expect(i.received!.length).toBeLessThan(100);
  });

  it("a 10 MB key name is cut short in the issue", () => {
    const error = thrown(() => evaluate(ID, { ...FACTS, ["k".repeat(10_000_000)]: 1 } as never, ON)) as InvalidFactsError;
    expect(error.message.length).toBeLessThan(1_000);
  });

  it("facts nested 100,000 levels deep, as an input's value and under an unknown key", () => {
    let object: unknown = 1;
    let array: unknown = 1;
    for (let i = 0; i < 100_000; i++) {
      object = { a: object };
      array = [array];
    }
    expect(issues({ ...FACTS, contractAmount: object, transferMode: array }).map((i) => i.path)).toEqual(["contractAmount", "transferMode"]);
    expect(issues({ ...FACTS, extra: object }).map((i) => i.code)).toEqual(["unknown_input"]);
  });

  it("facts that are not a plain object: null, an array, a string, a number, a Map, a Date", () => {
    for (const facts of [null, [FACTS], FACTS_JSON, 3000000, new Map(Object.entries(FACTS)), new Date()]) {
      expect(thrown(() => evaluate(ID, facts as never, ON))).toBeInstanceOf(InvalidFactsError);
    }
  });

  it("a facts object without a prototype is accepted like a plain one", () => {
    const facts = Object.assign(Object.create(null), FACTS);
    expect(evaluate(ID, facts, ON).outcome).toEqual({ eligible: true, amount: "200000.00" });
  });
});

describe("numbers that are not plain money", () => {
  it.each([
    ["1e400 (Infinity once parsed)", JSON.parse("1e400"), undefined],
    ["NaN", Number.NaN, undefined],
    ["the string 1e5", "1e5", "without an exponent"],
    ["the number 1e21 (printed with an exponent)", 1e21, undefined],
    ["a padded string", " 100 ", "surrounding spaces"],
    ["full-width digits", "１００", "ASCII digits"],
    ["50万", "50万", '50万 is "500000"'],
    ["a thousands separator", "3,000,000", "thousands separators"],
    ["three decimals", "3000000.001", undefined],
    ["float noise from 0.1 + 0.2", 0.1 + 0.2, undefined],
    ["a negative amount", "-0.01", undefined],
    ["16 integer digits", "1234567890123456", undefined],
    ["a hex literal", "0x10", undefined],
    ["a plus sign", "+5", undefined],
    ["a boolean", true, undefined],
  ])("%s is rejected with the field named", (_name, value, hint) => {
    const [issue] = issues({ ...FACTS, contractAmount: value });
    expect(issue).toMatchObject({ path: "contractAmount", code: "invalid_value" });
    if (hint) expect(issue!.message).toContain(hint);
  });

  it("plain forms are accepted: an integer number, one decimal, two decimals, 15 digits", () => {
    expect(evaluate(ID, { ...FACTS, contractAmount: 3000000 }, ON).outcome.amount).toBe("200000.00");
    expect(evaluate(ID, { ...FACTS, contractAmount: "1000000.1" }, ON).outcome.amount).toBe("100000.01");
    expect(evaluate(ID, { ...FACTS, contractAmount: "999999999999999.99" }, ON).outcome.amount).toBe("500000.00");
    expect(evaluate(ID, { ...FACTS, contractAmount: -0 }, ON).explanation.length).toBeGreaterThan(0);
  });
});

describe("dates", () => {
  const dated = minimalRule({
    inputs: { amount: { type: "money", label: { zh: "金额", en: "amount" } }, signed: { type: "date", label: { zh: "签订日期", en: "signing date" } } },
    conditions: [
      { id: "enough", label: { zh: "够", en: "enough" }, logic: { "jjj.gte": [{ var: "amount" }, { "jjj.param": "threshold" }] } },
      { id: "signedInTime", label: { zh: "按时", en: "in time" }, logic: { "jjj.dateLte": [{ var: "signed" }, { "jjj.on": [] }] } },
    ],
    examples: [{ description: "x", on: "2025-06-01", facts: { amount: "100", signed: "2025-05-01" }, expected: { outcome: { eligible: true } } }],
  });
  const engine = createEngine(loadRules(dated));

  it.each([
    ["2025-02-30", undefined],
    ["2023-02-29", undefined],
    ["2025-1-7", undefined],
    ["2025-06-01T00:00:00+08:00", "without a time or zone"],
    ["2025-06-01T00:00:00Z", "without a time or zone"],
    ["2025/06/01", undefined],
    ["２０２５-06-01", undefined],
    [20250601, undefined],
  ])("%s as a date input is rejected", (value, hint) => {
    const error = thrown(() => engine.evaluate("sjz-2025/test-rule", { amount: "100", signed: value }, ON)) as InvalidFactsError;
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect(error.issues[0]).toMatchObject({ path: "signed" });
    if (hint) expect(error.issues[0]!.message).toContain(hint);
  });

  it("2024-02-29 exists and is accepted", () => {
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "100", signed: "2024-02-29" }, ON).conditions.map((c) => c.holds)).toEqual([true, true]);
  });

  it.each(["2025-02-30", "2025-1-7", "2025-06-01T00:00:00+08:00", "", "today", 20250601, new Date("2025-06-01")])("%s as the evaluation date is an InvalidArgumentError", (on) => {
    expect(thrown(() => evaluate(ID, FACTS, { on: on as never }))).toBeInstanceOf(InvalidArgumentError);
  });
});

describe("options", () => {
  it.each([
    ["a bare date string instead of { on }", "2025-06-01"],
    ["null", null],
    ["a misspelt option ({ date } for { on })", { date: "2025-06-01" }],
    ["an option that does not exist", { on: "2025-06-01", strict: true }],
  ])("%s is an InvalidArgumentError, never a decision for today", (_name, options) => {
    expect(thrown(() => evaluate(ID, FACTS, options as never))).toBeInstanceOf(InvalidArgumentError);
  });

  it.each([
    ["a version that is not an integer", { version: 1.5 }, InvalidArgumentError],
    ["a version given as a string", { version: "1" }, InvalidArgumentError],
    ["NaN as the version", { version: Number.NaN }, InvalidArgumentError],
    ["a version that does not exist", { version: 99 }, UnknownVersionError],
    ["an override of a parameter named __proto__", { parameters: JSON.parse('{"__proto__":{"polluted":true}}') }, InvalidArgumentError],
    ["an override of a parameter named constructor", { parameters: { constructor: "1" } }, InvalidArgumentError],
    ["a negative cap", { parameters: { cap: "-1" } }, InvalidArgumentError],
    ["an infinite cap", { parameters: { cap: Number.POSITIVE_INFINITY } }, InvalidArgumentError],
    ["a cap written 50万", { parameters: { cap: "50万" } }, InvalidArgumentError],
    ["a rate that is not a number", { parameters: { lowerBandRate: "ten percent" } }, InvalidArgumentError],
  ])("%s is a typed error", (_name, options, type) => {
    expect(thrown(() => evaluate(ID, FACTS, { on: "2025-06-01", ...(options as object) }))).toBeInstanceOf(type);
  });
});

describe("rule ids with path separators and other strange ids", () => {
  const ids = ["../x", "sjz-2025/../x", "sjz-2025/../../etc/passwd", "/etc/passwd", "C:\\Windows\\win.ini", "sjz-2025/absorption-subsidy/../absorption-subsidy", "./sjz-2025/absorption-subsidy", "sjz-2025/absorption-subsidy/", "sjz-2025\\absorption-subsidy", "__proto__", "constructor", "toString", "", "sjz-2025/absorption-subsidy\u0000"];

  it.each(ids)("evaluate(%j) throws UnknownRuleError", (id) => {
    const error = thrown(() => evaluate(id as never, FACTS as never, ON));
    expect(error).toBeInstanceOf(UnknownRuleError);
    expect((error as UnknownRuleError).ruleId).toBe(id);
  });

  it.each(ids)("getRule(%j) throws UnknownRuleError", (id) => {
    expect(thrown(() => getRule(id))).toBeInstanceOf(UnknownRuleError);
  });

  it("ids that are not strings throw UnknownRuleError", () => {
    for (const id of [undefined, null, 5, {}, ["sjz-2025/absorption-subsidy"], { toString: () => ID }]) {
      expect(thrown(() => evaluate(id as never, FACTS as never, ON))).toBeInstanceOf(UnknownRuleError);
    }
  });
});
