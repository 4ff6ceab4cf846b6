import { afterEach, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { CheckResult, buildFactsChecker, buildFactsValidator, type FactsChecker, type FactsValidator } from "../../src/engine/facts.js";
import type { InputSpec } from "../../src/schema/rule-file.js";
import { INVALID, type ValueTypeModule } from "../../src/types/index.js";
import { RUNTIME_VALUE_TYPES } from "../../src/types/runtime.js";

/*
 * One facts validator (engine/facts.ts over types/input-check.ts): the compiled verdict is the facts
 * walk's ("valid" exactly when its issue list is empty, with the same canonical values), on hostile
 * facts too; a fast reader stricter than its input's check is overruled, never final; one laxer is
 * caught by the comparison the property tests make (tests/engine/facts-differential.test.ts).
 */

const label = { zh: "测试", en: "test" };

/** What is wrong between the compiled verdict and the walk on these facts (made twice: getters may run), or undefined. */
function disagreement(validator: FactsValidator, checker: FactsChecker, make: () => unknown): string | undefined {
  const slots: unknown[] = [];
  const verdict = validator.check(make(), slots);
  const walked = checker.check(make());
  if ((verdict !== CheckResult.Invalid) !== walked.success) return `verdict ${verdict}, walk ${JSON.stringify(walked)}`;
  if (!walked.success && walked.issues.length === 0) return "invalid without an issue";
  if (verdict === CheckResult.Fast && walked.success && JSON.stringify(validator.data(slots)) !== JSON.stringify(walked.data)) {
    return `fast values ${JSON.stringify(validator.data(slots))}, walk ${JSON.stringify(walked.data)}`;
  }
  return undefined;
}

const thrower = (message: string) => () => {
  throw new Error(message);
};

/** Hostile and odd facts built around valid ones. */
function hostileFacts(inputs: Readonly<Record<string, InputSpec>>, valid: Record<string, unknown>): [string, () => unknown][] {
  const names = Object.keys(inputs);
  const each = (value: () => unknown) => () => Object.fromEntries(names.map((k) => [k, value()]));
  return [
    ["valid", () => ({ ...valid })],
    ["null", () => null],
    ["an array", () => [valid]],
    ["a Map", () => new Map(Object.entries(valid))],
    ["a Date", () => new Date(0)],
    ["a function", () => () => valid],
    ["a proxy hiding its keys", () => new Proxy({ ...valid }, { ownKeys: () => [] })],
    ["a proxy whose ownKeys throws", () => new Proxy({ ...valid }, { ownKeys: thrower("ownKeys") })],
    ["a proxy whose get throws", () => new Proxy({ ...valid }, { get: thrower("get") })],
    [
      "a revoked proxy",
      () => {
        const r = Proxy.revocable({}, {});
        r.revoke();
        return r.proxy;
      },
    ],
    [
      "an input whose getter throws",
      () => Object.defineProperty({ ...valid }, names[0]!, { get: thrower("boom"), enumerable: true, configurable: true }),
    ],
    ["an unknown key whose getter throws", () => Object.defineProperty({ ...valid }, "extra", { get: thrower("boom"), enumerable: true })],
    [
      "inputs not enumerable",
      () => {
        const o = {};
        for (const [k, v] of Object.entries(valid)) Object.defineProperty(o, k, { value: v, enumerable: false });
        return o;
      },
    ],
    ["inputs inherited", () => Object.create({ ...valid })],
    ["no prototype", () => Object.assign(Object.create(null), valid)],
    ["own __proto__ and constructor keys", () => JSON.parse(JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"a":1},"constructor":1,'))],
    ["a symbol key", () => ({ ...valid, [Symbol("s")]: 1 })],
    ["every input undefined", each(() => undefined)],
    ["every input null", each(() => null)],
    ["every input an array proxy whose traps throw", each(() => new Proxy(["a"], { get: thrower("trap"), getPrototypeOf: thrower("proto") }))],
    ["every input a revoked proxy", each(() => Proxy.revocable([], {}).proxy)],
    ["every input an object whose toJSON throws", each(() => ({ toJSON: thrower("json") }))],
    ["every input 1e21", each(() => 1e21)],
    ["every input 50万", each(() => "50万")],
  ];
}

describe("the compiled verdict is the facts walk's, on hostile facts", () => {
  const set = defaultEngine().ruleSet;
  for (const id of set.ruleIds()) {
    const version = set.version(id);
    const valid = version.file.examples.find((e) => e.expected?.inForce === true && e.expected.outcome !== undefined)?.facts;
    if (!valid) continue;
    it(id, () => {
      const validator = buildFactsValidator(version.file.inputs)!;
      const checker = buildFactsChecker(version.file.inputs);
      for (const [name, make] of hostileFacts(version.file.inputs, valid)) expect(disagreement(validator, checker, make), name).toBeUndefined();
      expect(validator.overruled).toBe(0);
    });
  }

  it("a rule of more than 30 inputs (no bit mask of inputs seen): absent, hidden and defaulted inputs", () => {
    const inputs: Record<string, InputSpec> = {};
    for (let i = 0; i < 40; i++) inputs[`in${i}`] = i % 2 === 0 ? { type: "money", label } : { type: "boolean", label, default: true };
    const validator = buildFactsValidator(inputs)!;
    const checker = buildFactsChecker(inputs);
    const valid = Object.fromEntries(Object.keys(inputs).filter((_, i) => i % 2 === 0).map((k) => [k, "1"]));
    const slots: unknown[] = [];
    expect(validator.check(valid, slots)).toBe(CheckResult.Fast);
    expect(checker.check(valid)).toStrictEqual({ success: true, data: validator.data(slots) });
    for (const [name, make] of hostileFacts(inputs, valid)) expect(disagreement(validator, checker, make), name).toBeUndefined();
    const { in38: _dropped, ...missing } = valid;
    expect(validator.check(missing, slots)).toBe(CheckResult.Invalid);
  });
});

describe("a fast reader never has the last word", () => {
  const inputs: Record<string, InputSpec> = { count: { type: "integer", label, min: "0" } };
  // The value type as the engine reads it (types/runtime.ts; VALUE_TYPES adds the forms to a copy).
  const integer = RUNTIME_VALUE_TYPES.integer as { slotReader: ValueTypeModule["slotReader"] };
  const original = integer.slotReader;
  afterEach(() => {
    integer.slotReader = original;
  });

  it("a reader stricter than its input's check is overruled: valid (for the reference path), counted, never invalid", () => {
    integer.slotReader = () => ({ kind: "integer", read: () => INVALID });
    const validator = buildFactsValidator(inputs)!;
    const slots: unknown[] = [];
    expect(validator.check({ count: 3 }, slots)).toBe(CheckResult.Valid);
    expect(validator.overruled).toBe(1);
    // What the check refuses stays invalid, and is not counted.
    expect(validator.check({ count: -1 }, slots)).toBe(CheckResult.Invalid);
    expect(validator.overruled).toBe(1);
    expect(disagreement(validator, buildFactsChecker(inputs), () => ({ count: 3 }))).toBeUndefined();
  });

  it("a reader laxer than its input's check is caught by the comparison of verdicts", () => {
    integer.slotReader = () => ({ kind: "integer", read: (v) => (typeof v === "string" ? Number(v) : v) });
    const validator = buildFactsValidator(inputs)!;
    expect(disagreement(validator, buildFactsChecker(inputs), () => ({ count: "3" }))).toMatch(/^verdict 0, walk .*invalid_value/);
  });
});

describe("the issue list of the facts walk", () => {
  const inputs: Record<string, InputSpec> = {
    amount: { type: "money", label, max: "100" },
    mode: { type: "enum", label, values: { sale: label, licence: label } },
    flag: { type: "boolean", label, default: false },
  };
  const checker = buildFactsChecker(inputs);
  const money = 'money in yuan with at most 2 decimals, 0 to 100, e.g. "3000000.00"';

  it("each input's issue in declaration order, then the unknown keys in the facts' order", () => {
    expect(checker.check({ zeta: 1, mode: "rent", alpha: 2, amount: "1,000" })).toStrictEqual({
      success: false,
      issues: [
        { code: "invalid_value", path: "amount", message: "invalid money: remove the thousands separators", expected: money, received: '"1,000"' },
        { code: "invalid_value", path: "mode", message: "invalid enum", expected: 'one of "sale" | "licence"', received: '"rent"' },
        { code: "unknown_input", path: "zeta", message: 'not an input of this rule: "zeta"' },
        { code: "unknown_input", path: "alpha", message: 'not an input of this rule: "alpha"' },
      ],
    });
  });

  it("missing inputs, defaults filled in, canonical values in declaration order", () => {
    expect(checker.check({})).toMatchObject({ success: false, issues: [{ code: "missing_input", path: "amount" }, { code: "missing_input", path: "mode" }] });
    const read = checker.check({ mode: "sale", amount: 5 });
    expect(read).toStrictEqual({ success: true, data: { amount: "5.00", mode: "sale", flag: false } });
    expect(Object.keys((read as { data: object }).data)).toEqual(["amount", "mode", "flag"]);
  });

  it("facts that are not an object, or cannot be read, are one issue at the root", () => {
    for (const facts of [null, [], "x", 3, undefined]) {
      // "undefined" whatever the facts were, as the zod schema this walk replaced said it.
      expect(checker.check(facts)).toStrictEqual({
        success: false,
        issues: [{ code: "invalid_type", path: "", message: "facts must be a JSON object", expected: "an object", received: "undefined" }],
      });
    }
    expect(checker.check(new Proxy({}, { ownKeys: thrower("no keys") }))).toStrictEqual({
      success: false,
      issues: [{ code: "unreadable_facts", path: "", message: "the facts could not be read: Error: no keys", expected: "a plain JSON object" }],
    });
  });

  it("at most 20 unknown keys named, each cut to 40 characters, then one issue for the rest", () => {
    const facts: Record<string, unknown> = { mode: "sale", amount: "1" };
    for (let i = 0; i < 25; i++) facts[`${"k".repeat(50)}${i}`] = i;
    const read = checker.check(facts);
    expect(read.success).toBe(false);
    const issues = read.success ? [] : read.issues;
    expect(issues).toHaveLength(21);
    expect(issues[0]).toStrictEqual({ code: "unknown_input", path: `${"k".repeat(40)}…`, message: `not an input of this rule: "${"k".repeat(40)}…"` });
    expect(issues[20]).toStrictEqual({ code: "unknown_input", path: "", message: "and 5 more keys that are not inputs of this rule" });
  });
});
