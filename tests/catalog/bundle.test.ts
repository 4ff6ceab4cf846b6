import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/catalog/load.js";
import { canonicalJson, sha256Hex } from "../../src/engine/hash.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { defaultEngine } from "../../src/api.js";

// The shipped rules load "trusted" (no schema parse, bundled hashes): this proves the trust is earned.
describe("the bundled rules", () => {
  const strict = loadRuleSet(BUNDLED_RULES.map((s) => ({ path: s.path, json: structuredClone(s.json) })));
  const trusted = defaultEngine().ruleSet;

  it("carry the hash the loader computes for each file", () => {
    for (const s of BUNDLED_RULES) expect(s.hash, s.path).toBe(sha256Hex(canonicalJson(s.json)));
  });

  it("load without the trust to the same rule set: same ids, versions, hashes and rule-set hash", () => {
    expect(trusted.hash).toBe(strict.hash);
    expect(trusted.ruleIds()).toEqual(strict.ruleIds());
    for (const id of strict.ruleIds()) {
      expect(trusted.versions(id).map((v) => [v.file.version, v.hash, v.validFrom, v.validTo])).toEqual(
        strict.versions(id).map((v) => [v.file.version, v.hash, v.validFrom, v.validTo]),
      );
      expect(trusted.version(id).file).toEqual(strict.version(id).file);
    }
  });

  it("are frozen, so a caller cannot change the shipped rules through getRule", () => {
    const file = trusted.version("sjz-2025/absorption-subsidy").file;
    expect(Object.isFrozen(file)).toBe(true);
    expect(() => {
      (file.parameters["cap"] as { value: string }).value = "1";
    }).toThrow(TypeError);
  });

  it("an untrusted load ignores hashes given with the sources", () => {
    const lying = BUNDLED_RULES.map((s) => ({ ...s, hash: "0".repeat(64) }));
    expect(loadRuleSet(lying).hash).toBe(strict.hash);
  });
});
