import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { materialiseAmendments } from "../../src/catalog/extends.js";
import type { RuleSource } from "../../src/catalog/load.js";
import type { PolicyIssue } from "../../src/errors.js";
import { fixturePath } from "../diff/helpers.js";

// Survivors of src/catalog/extends.ts in `npm run test:mutation` (docs/testing.md, "Mutation testing"):
// versions of more than one digit, a chain given out of order, a failed merge left out of the output, and
// the merged version as plain JSON data with only the fields the amendment gives.

const RULE = "sjz-2025/absorption-subsidy";
const dir = fixturePath("amendment", "rules", "sjz-2025");
const read = (path: string) => JSON.parse(readFileSync(`${dir}/${path}`, "utf8")) as Record<string, any>;
const v1 = read("absorption-subsidy/v1.json");
const amendment = read("absorption-subsidy/v2.json");
const at = (n: number, json: unknown): RuleSource => ({ path: `${RULE}/v${n}.json`, json });

function materialise(sources: RuleSource[]): { out: RuleSource[]; issues: string[] } {
  const issues: PolicyIssue[] = [];
  const out = materialiseAmendments(sources, {}, { issues, maxFileNodes: Infinity, schemaIssues: (path) => [{ code: "schema", path, message: "schema" }] });
  return { out, issues: issues.map((i) => `${i.code} ${i.path}`) };
}

describe("version numbers are read from the whole number in the path", () => {
  it("v12 extends v10", () => {
    const { out, issues } = materialise([at(10, v1), at(12, { ...amendment, version: 12, extends: 10, supersedes: 10 })]);
    expect(issues).toEqual([]);
    expect(out.map((s) => [s.path, s.amends])).toEqual([
      [`${RULE}/v10.json`, undefined],
      [`${RULE}/v12.json`, 10],
    ]);
    expect((out[1]!.json as Record<string, any>).parameters.cap.value).toBe("800000");
  });

  it("v12 extends 12 is not earlier", () => {
    expect(materialise([at(10, v1), at(12, { ...amendment, version: 12, extends: 12 })]).issues).toEqual([`extends_not_earlier ${RULE}/v12.json#/extends`]);
  });
});

describe("a chain is built base first, whatever the order of the sources", () => {
  const v3 = { ...amendment, version: 3, extends: 2, supersedes: 2, parameters: { cap: { value: "900000" } } };
  for (const order of [[0, 2, 1], [2, 1, 0], [1, 2, 0]]) {
    it(`sources in the order ${order.map((i) => `v${i + 1}`).join(", ")}`, () => {
      const sources = [at(1, v1), at(2, amendment), at(3, v3)];
      const { out, issues } = materialise(order.map((i) => sources[i]!));
      expect(issues).toEqual([]);
      const v3out = out.find((s) => s.path.endsWith("v3.json"))!.json as Record<string, any>;
      expect(v3out.parameters.cap.value).toBe("900000");
      expect(v3out.parameters.threshold.value).toBe("300000"); // from v2
      expect(v3out.parameters.upperBandRate.value).toBe(v1.parameters.upperBandRate.value); // from v1
    });
  }
});

describe("the merged version", () => {
  it("an amendment that cannot be merged is left out of the output, with its issue", () => {
    const { out, issues } = materialise([at(1, v1), at(2, { ...amendment, parameters: { nope: { value: "1" } } })]);
    expect(issues).toEqual([`unknown_parameter ${RULE}/v2.json#/parameters/nope`]);
    expect(out.map((s) => s.path)).toEqual([`${RULE}/v1.json`]);
  });

  it("has no supersedes when the amendment gives none, and the base's changes when it gives none", () => {
    const { supersedes: _s, changes: _c, ...bare } = amendment;
    const { out, issues } = materialise([at(1, { ...v1, supersedes: 7 }), at(2, bare)]);
    expect(issues).toEqual([]);
    const full = out[1]!.json as Record<string, unknown>;
    expect(Object.hasOwn(full, "supersedes")).toBe(false);
    expect(full.changes).toEqual(v1.changes);
  });

  it("is plain JSON data: a changed parameter field is an ordinary property, kept by JSON", () => {
    const { out } = materialise([at(1, v1), at(2, amendment)]);
    const full = out[1]!.json as Record<string, any>;
    expect(Object.getOwnPropertyDescriptor(full.parameters.cap, "value")).toEqual({ value: "800000", writable: true, enumerable: true, configurable: true });
    expect(JSON.parse(JSON.stringify(full)).parameters.cap).toEqual({ ...v1.parameters.cap, value: "800000", sourceText: "每项最高补助80万元" });
  });
});
