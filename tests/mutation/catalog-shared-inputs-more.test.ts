import { describe, expect, it } from "vitest";
import { resolveSharedInputs } from "../../src/catalog/shared-inputs.js";
import type { RuleSource } from "../../src/catalog/load.js";
import type { PolicyIssue } from "../../src/errors.js";
import { PROFILE_CITY_PATTERN } from "../../src/schema/shared-inputs.js";

// Survivors of src/catalog/shared-inputs.ts in `npm run test:mutation` (docs/testing.md, "Mutation
// testing"): what resolveSharedInputs leaves to the loader (sources that are not lists, not rule files, not
// plain data), an invalid inputs.json whose references are not resolved, the budget reported once, and a
// reference's additions given as undefined.

const label = { zh: "x", en: "x" };
const decl = { type: "money", label };
const shared = (inputs: Record<string, unknown>): RuleSource => ({ path: "sjz-2025/inputs.json", json: { inputs } });
const rule = (inputs: unknown, n = 1): RuleSource => ({ path: `sjz-2025/rule-${n}/v1.json`, json: { inputs } });
function resolve(list: unknown, maxNodes = 100_000) {
  const issues: PolicyIssue[] = [];
  const out = resolveSharedInputs(list as RuleSource[], issues, { trusted: false, maxNodes, schemaIssues: (path) => [{ code: "schema", path, message: "schema" }], maxIssuesPerFile: 100 });
  return { out, issues: issues.map((i) => `${i.code} ${i.path}`) };
}

describe("what is left to the loader", () => {
  it("sources that are not a list come back as they are", () => {
    expect(resolve("x").out).toBe("x");
    expect(resolve(5).out).toBe(5);
    expect(resolve({ path: "sjz-2025/inputs.json" }).out).toEqual({ path: "sjz-2025/inputs.json" });
  });
  it("a source that is null, or without a string path, is kept for the loader to report", () => {
    const { out, issues } = resolve([shared({ a: decl }), null, { path: 5 }, rule({ a: { shared: "a" } })]);
    expect(issues).toEqual([]);
    expect(out.slice(0, 2)).toEqual([null, { path: 5 }]);
  });
  it("a file that is not a rule file keeps its references (the loader calls it unexpected)", () => {
    const readme = { path: "sjz-2025/readme.json", json: { inputs: { a: { shared: "a" } } } };
    const { out, issues } = resolve([shared({ a: decl }), readme]);
    expect(issues).toEqual([]);
    expect(out).toEqual([readme]);
    expect(out[0]).toBe(readme);
  });
  it("inputs that are a list, or a getter that throws, are left to the schema and the shape check", () => {
    const listed = rule([{ shared: "a" }]);
    const hostile: RuleSource = { path: "sjz-2025/rule-2/v1.json", json: Object.defineProperty({}, "inputs", { get: () => { throw new Error("boom"); }, enumerable: true }) };
    const { out, issues } = resolve([shared({ a: decl }), listed, hostile]);
    expect(issues).toEqual([]);
    expect(out[0]).toBe(listed);
    expect(out[1]).toBe(hostile);
  });
  it("an input that is null beside a reference is kept as it is", () => {
    const { out, issues } = resolve([shared({ a: decl }), rule({ a: { shared: "a" }, b: null })]);
    expect(issues).toEqual([]);
    expect((out[0]!.json as { inputs: Record<string, unknown> }).inputs).toEqual({ a: decl, b: null });
  });
  it("a class instance with an own shared is no reference", () => {
    class Ref {
      shared = "a";
    }
    const instance = new Ref();
    const source = rule({ a: instance });
    expect(resolve([shared({ a: decl }), source]).out[0]).toBe(source);
  });
});

describe("an invalid inputs.json", () => {
  it("too large for maxNodes: its shape issue, and the rules that refer to it are not resolved", () => {
    const big = shared({ a: decl, b: decl, c: decl });
    const { out, issues } = resolve([big, rule({ a: { shared: "a" } })], 8);
    expect(issues.map((i) => i.split(" ")[0])).toEqual(["too_large"]);
    expect(issues[0]!.startsWith("too_large sjz-2025/inputs.json#")).toBe(true);
    expect(out).toEqual([]);
  });
  it("with a problem of one declaration: the rules that refer to another one are not resolved either", () => {
    const { out, issues } = resolve([shared({ a: decl, constructor: decl }), rule({ a: { shared: "a" } })]);
    expect(issues).toEqual(["forbidden_name sjz-2025/inputs.json#/inputs/constructor"]);
    expect(out).toEqual([]);
  });
  it("a city from the profile must be a string with the profile's pattern", () => {
    const city = (spec: Record<string, unknown>) => resolve([shared({ city: { label, fromProfile: "city", ...spec } })]).issues;
    expect(city({ type: "string", pattern: PROFILE_CITY_PATTERN })).toEqual([]);
    expect(city({ type: "string", pattern: "^x$" })).toEqual(["profile_mismatch sjz-2025/inputs.json#/inputs/city/fromProfile"]);
    expect(city({ type: "enum", values: { x: label }, pattern: PROFILE_CITY_PATTERN })).toEqual(["profile_mismatch sjz-2025/inputs.json#/inputs/city/fromProfile"]);
  });
});

describe("references", () => {
  it("the budget runs out once: later references of the same file are not counted again", () => {
    // The declaration holds 5 values (the object, type, label, zh, en); the rule file 8, inputs.json 7.
    const { issues } = resolve([shared({ a: decl }), rule({ x: { shared: "a" }, y: { shared: "a" }, z: { shared: "a" } })], 9);
    expect(issues).toEqual(["too_large sjz-2025/rule-1/v1.json#/inputs/y"]);
  });
  it("a description or default given as undefined adds nothing, and is no conflict", () => {
    const described = { ...decl, description: label, default: "5" };
    const { out, issues } = resolve([shared({ a: described }), rule({ a: { shared: "a", description: undefined, default: undefined } })]);
    expect(issues).toEqual([]);
    const resolved = (out[0]!.json as { inputs: Record<string, unknown> }).inputs["a"];
    expect(resolved).toStrictEqual(described);
  });
});
