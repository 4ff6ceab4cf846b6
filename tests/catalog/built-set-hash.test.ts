import { describe, expect, it, vi } from "vitest";

// Issue #20: the rule-set hash of the package's whole bundle is computed when it is built
// (scripts/bundle-rules.mjs), so that a cold load of every shipped rule does no SHA-256 (a cold SHA-256
// of the file list was the largest part of the load in a CPU profile). Counted, not timed.
const hashing = vi.hoisted(() => ({ calls: 0 }));
vi.mock("../../src/engine/hash.js", async (importOriginal) => {
  const original = await importOriginal<typeof import("../../src/engine/hash.js")>();
  return {
    ...original,
    // Both ways the loader hashes: a file's canonical bytes, and the text of a short list (the set's pairs).
    canonicalJsonHash: (value: unknown) => {
      hashing.calls++;
      return original.canonicalJsonHash(value);
    },
    sha256Hex: (text: string) => {
      hashing.calls++;
      return original.sha256Hex(text);
    },
  };
});

const { loadRuleSet } = await import("../../src/catalog/load.js");
const { withBuiltSetHash } = await import("../../src/catalog/load-core.js");
const { BUNDLED_RULES } = await import("../../src/generated/rules.js");

describe("the rule-set hash of the bundle", () => {
  it("is the one a load computes, and a trusted load of the bundle takes it without hashing", () => {
    hashing.calls = 0;
    const computed = loadRuleSet([...BUNDLED_RULES], { trusted: true }).hash; // a copy of the list: hashed at load
    expect(hashing.calls).toBe(1);
    hashing.calls = 0;
    expect(loadRuleSet(BUNDLED_RULES, { trusted: true }).hash).toBe(computed);
    expect(hashing.calls).toBe(0);
  }, 60_000);

  it("is taken only for the frozen list it was recorded for, and never by an untrusted load", () => {
    expect(Object.isFrozen(BUNDLED_RULES)).toBe(true);
    const open = [...BUNDLED_RULES];
    withBuiltSetHash(open, "0".repeat(64)); // not frozen: not recorded
    expect(loadRuleSet(open, { trusted: true }).hash).not.toBe("0".repeat(64));
    const lying = withBuiltSetHash(Object.freeze([...BUNDLED_RULES]), "0".repeat(64));
    expect(loadRuleSet(lying).hash).not.toBe("0".repeat(64));
  }, 60_000);
});
