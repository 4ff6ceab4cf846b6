import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { loadRuleSet } from "../../src/catalog/load.js";
import { canonicalJson, sha256Hex } from "../../src/engine/hash.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
import { defaultEngine } from "../../src/api.js";

// The shipped rules load "trusted" (no schema parse, bundled hashes): this proves the trust is earned.
describe("the bundled rules", () => {
  const strict = loadRuleSet(BUNDLED_RULES.map((s) => ({ path: s.path, json: structuredClone(s.json) })));
  const trusted = defaultEngine().ruleSet;

  // The expected hashes are computed here without src/engine/hash.ts or scripts/bundle-rules.mjs: the
  // canonical form (compact JSON, object keys sorted at every level) by a JSON.stringify replacer, the
  // digest by node:crypto.
  const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");
  const sortedKeys = (_key: string, v: unknown) =>
    v !== null && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, (v as Record<string, unknown>)[k]])) : v;
  const independentHash = (json: unknown) => sha256(JSON.stringify(json, sortedKeys));

  it("carry the SHA-256 of each file's canonical JSON, as the untrusted loader computes it", () => {
    expect(BUNDLED_RULES.length).toBeGreaterThan(40);
    const loaded = new Map<string, string>(strict.ruleIds().flatMap((id) => strict.versions(id).map((v) => [`${id}/v${v.file.version}.json`, v.hash] as const)));
    for (const s of BUNDLED_RULES) {
      expect(s.hash, s.path).toBe(independentHash(s.json));
      if (!s.path.endsWith("/document.json")) expect(loaded.get(s.path), s.path).toBe(s.hash);
    }
  });

  it("canonical JSON and SHA-256 of a tiny fixture equal literals computed outside JavaScript", () => {
    const canonical = canonicalJson({ b: [1, { d: 2, c: "x" }], a: "中" });
    expect(canonical).toBe('{"a":"中","b":[1,{"c":"x","d":2}]}');
    // printf '%s' '{"a":"中","b":[1,{"c":"x","d":2}]}' | sha256sum   (GNU coreutils, UTF-8 bytes)
    expect(sha256Hex(canonical)).toBe("5cfc164187450f39392bbc68af3fda695762a925f1d902464a7710eecb43ee5b");
    // printf '' | sha256sum, and a 56-byte message that pads into a second block (FIPS 180-2 example 2)
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
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
