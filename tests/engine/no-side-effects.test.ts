import { createRequire } from "node:module";
import { expect, it } from "vitest";
import { evaluate } from "../../src/index.js";

// Its own file, so this process's json-logic-js has never seen registerOperations.
it("importing and evaluating registers nothing in the process-wide json-logic-js", () => {
  evaluate("sjz-2025/absorption-subsidy", { contractAmount: "800000", transferMode: "transfer", sourceRegion: "beijing", enterpriseCity: "shijiazhuang" }, { on: "2025-06-01" });
  const jsonLogic = createRequire(import.meta.url)("json-logic-js");
  expect(() => jsonLogic.apply({ "jjj.add": ["1", "2"] })).toThrow(/Unrecognized operation jjj.add/);
  expect(jsonLogic.apply({ "+": [0.1, 0.2] })).toBe(0.30000000000000004);
});
