import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The host's json-logic-js must behave exactly as json-logic-js defines it, whatever this library does.
const require = createRequire(import.meta.url);
const suite = JSON.parse(readFileSync(new URL("../conformance/jsonlogic-com/tests.json", import.meta.url), "utf8")) as unknown[];
const cases = suite.filter((c): c is [unknown, unknown, unknown] => Array.isArray(c));

describe("the host's json-logic-js is left alone", () => {
  it("after importing, evaluating and registerOperations, every standard operation still behaves as json-logic-js defines", async () => {
    const jsonLogic = require("json-logic-js");
    const before = cases.map(([rule, data]) => outcome(() => jsonLogic.apply(structuredClone(rule), structuredClone(data))));

    const lib = await import("../../src/index.js");
    lib.evaluate("sjz-2025/absorption-subsidy", { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }, { on: "2025-06-01" });
    lib.registerOperations(jsonLogic);

    const after = cases.map(([rule, data]) => outcome(() => jsonLogic.apply(structuredClone(rule), structuredClone(data))));
    expect(cases.length).toBe(277);
    expect(after).toEqual(before);
    after.forEach((value, i) => expect(value).toEqual(outcome(() => cases[i]![2])));
    expect(jsonLogic.apply({ "+": [0.1, 0.2] })).toBe(0.30000000000000004);
  });

  it("registerOperations adds exact decimal operations under the one key jjj", async () => {
    const jsonLogic = require("json-logic-js");
    const { registerOperations } = await import("../../src/index.js");
    registerOperations(jsonLogic);
    expect(jsonLogic.apply({ "jjj.add": ["0.1", "0.2"] })).toBe("0.3");
    expect(jsonLogic.apply({ "jjj.gte": [{ var: "a" }, "500000"] }, { a: "60000" })).toBe(false);
    expect(() => jsonLogic.apply({ "jjj.add.constructor": [] })).toThrow(/Unrecognized operation/);
  });

});

function outcome(f: () => unknown): unknown {
  try {
    return { value: f() };
  } catch (error) {
    return { error: String(error) };
  }
}
