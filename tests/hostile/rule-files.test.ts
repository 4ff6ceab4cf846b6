import { afterEach, describe, expect, it, vi } from "vitest";
import { loadRuleSet } from "../../src/catalog/load.js";
import { compile } from "../../src/engine/compile.js";
import { RuleFileError } from "../../src/errors.js";
import { loadRules, minimalRule, withDocument, shipped } from "../helpers/fixtures.js";
import { guardPrototypes, thrown } from "./guard.js";

// Hostile and malformed rule files: each is refused at load with a RuleFileError naming the file and the
// field, nothing from them is executed or printed, and Object.prototype stays clean.
guardPrototypes();
afterEach(() => vi.restoreAllMocks());

/** The issue codes (and their paths) of the RuleFileError that loading throws. */
function refused(load: () => unknown): { code: string; path: string }[] {
  const error = thrown(load);
  expect(error).toBeInstanceOf(RuleFileError);
  return (error as RuleFileError).issues.map(({ code, path }) => ({ code, path }));
}
const codes = (load: () => unknown) => refused(load).map((i) => i.code);

const label = { zh: "条件", en: "condition" };
/** A rule whose one condition has this logic. */
const withLogic = (logic: unknown) =>
  minimalRule({ conditions: [{ id: "c", label, logic }], outcome: { eligible: { type: "boolean", label, logic: { "jjj.condition": "c" } } } });
/** The same, but built through JSON text, so `__proto__` keys are own keys as in a file. */
const withLogicJson = (logicJson: string) => JSON.parse(JSON.stringify(withLogic("@@")).replace('"@@"', logicJson));

describe("prototype names in var paths and references", () => {
  it.each(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "amount.constructor", "amount.__proto__", "__proto__.polluted", "constructor.prototype"])(
    'var "%s" is a forbidden name',
    (path) => {
      expect(codes(() => loadRules(withLogic({ "!!": { var: path } })))).toContain("forbidden_name");
    },
  );

  it.each([
    ['{"jjj.param":"constructor"}'],
    ['{"jjj.param":"__proto__"}'],
    ['{"jjj.condition":"hasOwnProperty"}'],
    ['{"jjj.outcome":"toString"}'],
  ])("%s is a forbidden name", (logic) => {
    expect(codes(() => loadRules(withLogicJson(logic)))).toContain("forbidden_name");
  });

  it("inputs, parameters, outcome fields and conditions named after Object.prototype members are refused", () => {
    const rule = JSON.parse(
      JSON.stringify(minimalRule()).replace('"inputs":{', '"inputs":{"__proto__":{"type":"money","label":{"zh":"x","en":"x"}},"constructor":{"type":"money","label":{"zh":"x","en":"x"}},'),
    );
    expect(Object.prototype.hasOwnProperty.call(rule.inputs, "__proto__")).toBe(true);
    // The shape walk refuses an own "__proto__" key anywhere in a file before the schema runs, so the file's
    // other problems are not listed with it.
    expect(refused(() => loadRules(rule))).toEqual([{ code: "forbidden_name", path: "sjz-2025/test-rule/v1.json#/inputs/__proto__" }]);
    const constructorInput = JSON.parse(JSON.stringify(minimalRule()).replace('"inputs":{', '"inputs":{"constructor":{"type":"money","label":{"zh":"x","en":"x"}},'));
    expect(refused(() => loadRules(constructorInput))).toEqual([{ code: "forbidden_name", path: "sjz-2025/test-rule/v1.json#/inputs/constructor" }]);
    // An own "__proto__" key, as JSON.parse makes it, in parameters and in outcome too.
    const protoParameter = JSON.parse(JSON.stringify(minimalRule()).replace('"parameters":{', '"parameters":{"__proto__":{"type":"money","value":"1","label":{"zh":"x","en":"x"}},'));
    expect(refused(() => loadRules(protoParameter))).toEqual([{ code: "forbidden_name", path: "sjz-2025/test-rule/v1.json#/parameters/__proto__" }]);
    const protoOutcome = JSON.parse(JSON.stringify(minimalRule()).replace('"outcome":{', '"outcome":{"__proto__":{"type":"boolean","label":{"zh":"x","en":"x"},"logic":true},'));
    expect(refused(() => loadRules(protoOutcome))).toEqual([{ code: "forbidden_name", path: "sjz-2025/test-rule/v1.json#/outcome/__proto__" }]);
    expect(codes(() => loadRules(minimalRule({ parameters: { prototype: { type: "money", value: "1", label } } })))).toContain("forbidden_name");
    expect(codes(() => loadRules(minimalRule({ outcome: { toString: { type: "boolean", label, logic: true } } })))).toContain("forbidden_name");
    expect(codes(() => loadRules(minimalRule({ conditions: [{ id: "constructor", label, logic: true }] })))).toContain("forbidden_name");
  });
});

describe("operations that are unknown, forbidden or reach into other objects", () => {
  it.each([
    ['{"frobnicate":[1]}', "unknown_operation"],
    ['{"val":"amount"}', "unknown_operation"],
    ['{"??":[null,true]}', "unknown_operation"],
    ['{"try":[true]}', "unknown_operation"],
    ['{"throw":"x"}', "unknown_operation"],
    ['{"exists":"amount"}', "unknown_operation"],
    ['{"preserve":[true]}', "unknown_operation"],
    ['{"log":true}', "forbidden_operation"],
    ['{"method":[{"var":"amount"},"toString"]}', "forbidden_operation"],
    ['{"==":[1,1]}', "forbidden_operation"],
    ['{"log.prototype.constructor":[42]}', "unknown_operation"],
    ['{"var.call":[null,"amount"]}', "unknown_operation"],
    ['{"+.constructor":["return 1"]}', "unknown_operation"],
    ['{"jjj.add.constructor":["1"]}', "unknown_operation"],
    ['{"jjj.param.constructor":"threshold"}', "unknown_operation"],
    ['{"constructor":[]}', "unknown_operation"],
    // zod's record parsing would assign a "__proto__" key as a prototype (dropping it): the key is refused anywhere.
    ['{"__proto__":[]}', "forbidden_name"],
    ['{"toString":[]}', "unknown_operation"],
    ['{"hasOwnProperty":["amount"]}', "unknown_operation"],
    ['{"constructor.constructor":["return process.exit(1)"]}', "unknown_operation"],
  ])("%s is refused (%s)", (logic, code) => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    expect(codes(() => loadRules(withLogicJson(logic)))).toContain(code);
    expect(log).not.toHaveBeenCalled();
  });

  it("the json-logic-js method payload (huntr #720) is refused, and compiling it runs nothing", () => {
    const payload = { method: [{ method: [{ var: "__proto__.constructor.is.__proto__" }, "constructor", ["globalThis.hacked = 1"]] }, "call"] };
    expect(codes(() => loadRules(withLogic(payload)))).toContain("forbidden_operation");
    expect(() => compile(payload)({}, { params: {}, conditions: {}, outcome: {}, on: "2025-06-01" })).toThrow(/Unrecognized operation method/);
    expect((globalThis as Record<string, unknown>)["hacked"]).toBeUndefined();
  });

  it("compiled unknown and dotted operations throw when reached and print nothing", () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    const env = { params: {}, conditions: {}, outcome: {}, on: "2025-06-01" };
    for (const op of ["log.prototype.constructor", "constructor", "__proto__", "toString", "jjj.add.constructor", "var.call"]) {
      expect(() => compile(JSON.parse(`{${JSON.stringify(op)}:[42]}`))({}, env)).toThrow(/Unrecognized operation/);
    }
    expect(compile({ log: "quiet" })({}, env)).toBe("quiet");
    expect(log).not.toHaveBeenCalled();
  });
});

describe("cycles", () => {
  it("a JS object cycle in the logic is refused as a cycle, not a stack overflow", () => {
    const logic: Record<string, unknown[]> = { and: [] };
    logic["and"]!.push(logic);
    expect(refused(() => loadRules(withLogic(logic)))).toContainEqual({ code: "cycle", path: "sjz-2025/test-rule/v1.json#/conditions/0/logic/and/0" });
  });

  it("a cycle in a worked example's facts, in the file itself and in a document.json", () => {
    const rule = minimalRule();
    rule.examples[0].facts.self = rule.examples[0].facts;
    expect(codes(() => loadRules(rule))).toEqual(["cycle"]);
    const top = minimalRule();
    top.notes = [top];
    expect(codes(() => loadRules(top))).toEqual(["cycle"]);
    const doc = shipped("sjz-2025/document.json");
    doc.self = doc;
    expect(codes(() => loadRuleSet([{ path: "sjz-2025/document.json", json: doc }]))).toEqual(["cycle"]);
  });

  it("a value shared twice (a DAG, not a cycle) is fine", () => {
    const shared = { "jjj.param": "threshold" };
    const rule = withLogic({ and: [{ "jjj.gte": [{ var: "amount" }, shared] }, { "jjj.gte": [{ var: "amount" }, shared] }] });
    expect(() => loadRules(rule)).not.toThrow();
  });

  it("conditions referring to each other, or to themselves, are refused", () => {
    const mutual = minimalRule({
      conditions: [
        { id: "a", label, logic: { "jjj.condition": "b" } },
        { id: "b", label, logic: { "jjj.condition": "a" } },
      ],
      outcome: { eligible: { type: "boolean", label, logic: { "jjj.condition": "a" } } },
    });
    expect(codes(() => loadRules(mutual))).toContain("undeclared_condition");
    const self = minimalRule({ conditions: [{ id: "a", label, logic: { "!": { "jjj.condition": "a" } } }], outcome: { eligible: { type: "boolean", label, logic: { "jjj.condition": "a" } } } });
    expect(codes(() => loadRules(self))).toContain("undeclared_condition");
  });

  it("outcome fields referring to each other, or to themselves, are refused", () => {
    const rule = minimalRule({
      outcome: {
        eligible: { type: "boolean", label, logic: { "jjj.outcome": "amount" } },
        amount: { type: "money", label, logic: { "jjj.add": [{ "jjj.outcome": "amount" }, "1"] } },
      },
    });
    expect(codes(() => loadRules(rule))).toEqual(["undeclared_outcome", "undeclared_outcome"]);
  });
});

describe("other malformed input to loadRuleSet", () => {
  it("logic nested 20,000 levels deep is refused as too deep, not a stack overflow", () => {
    let logic: unknown = { var: "amount" };
    let array: unknown = true;
    for (let i = 0; i < 20_000; i++) {
      logic = { "!": logic };
      array = [array];
    }
    expect(codes(() => loadRules(withLogic(logic)))).toEqual(["too_deep"]);
    expect(codes(() => loadRules(withLogic(array)))).toEqual(["too_deep"]);
  });

  it.each([
    ["a function", () => 1],
    ["NaN", Number.NaN],
    ["Infinity", Number.POSITIVE_INFINITY],
    ["a bigint", 10n],
    ["a symbol", Symbol("x")],
    ["a Date", new Date()],
    ["a Map", new Map()],
  ])("%s inside a rule file is refused as not JSON", (_name, value) => {
    expect(codes(() => loadRules(withLogic({ "!!": [value] })))).toEqual(["not_json"]);
  });

  it("sources that are not a list of { path, json } are refused", () => {
    expect(thrown(() => loadRuleSet(null as never))).toBeInstanceOf(RuleFileError);
    expect(thrown(() => loadRuleSet({} as never))).toBeInstanceOf(RuleFileError);
    expect(codes(() => loadRuleSet([null, { path: 5, json: {} }] as never))).toEqual(["invalid_source", "invalid_source"]);
  });

  it.each(["../x/v1.json", "sjz-2025/../x/v1.json", "/etc/passwd", "sjz-2025/absorption-subsidy/v1.json/../../x"])("a source path %j is refused", (path) => {
    expect(codes(() => loadRuleSet(withDocument({ path, json: minimalRule() })))).toContain("unexpected_file");
  });

  it("a money parameter may not be negative (a negative cap would make negative amounts)", () => {
    expect(codes(() => loadRules(minimalRule({ parameters: { threshold: { type: "money", value: "-100", label } } })))).toEqual(["invalid_parameter"]);
  });

  it("ordering operands must be numbers: arrays, booleans and null order silently in JavaScript", () => {
    for (const logic of [{ "<": [[], [1]] }, { ">": [true, 0] }, { "<=": [null, 5] }, { ">=": [{ var: "amount" }, 1] }]) {
      expect(codes(() => loadRules(withLogic(logic))).some((c) => c === "not_number" || c === "decimal_ordering")).toBe(true);
    }
  });

  it("float / and % need a non-zero literal divisor; an empty and/or is refused", () => {
    expect(codes(() => loadRules(withLogic({ ">": [{ "/": [1, 0] }, 0] })))).toContain("float_division");
    expect(codes(() => loadRules(withLogic({ ">": [{ "%": [1, { "-": [1, 1] }] }, 0] })))).toContain("float_division");
    expect(() => loadRules(withLogic({ ">": [{ "/": [1, 4] }, 0] }))).not.toThrow();
    expect(codes(() => loadRules(withLogic({ and: [] })))).toContain("wrong_arity");
    expect(codes(() => loadRules(withLogic({ or: [] })))).toContain("wrong_arity");
  });
});
