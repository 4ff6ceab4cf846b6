import { runInNewContext } from "node:vm";
import { build } from "esbuild";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalJsonHash, sha256Implementation, sha256Hex, sha256HexPortable } from "../../src/engine/hash.js";

/*
 * sha256Hex uses Node's native SHA-256 in Node (issue #20: the pure-JS hash was a sixth of loading 10,000
 * rules) and @noble/hashes elsewhere. Every rule and rule-set hash depends on it: both must give the same hex
 * for every string, and a browser bundle must neither import node:crypto nor need it.
 */
describe("sha256Hex", () => {
  it("uses node:crypto in Node", () => {
    expect(sha256Implementation()).toBe("node:crypto");
  });

  it("gives the hex of @noble/hashes for every string: ASCII, Chinese, emoji, lone surrogates, long texts", { timeout: 60_000 }, () => {
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    for (const text of ["", "每项最高补助50万元", "🙂", "\ud800", "a\udfffb", "补".repeat(1 << 16)]) expect(sha256Hex(text)).toBe(sha256HexPortable(text));
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        expect(sha256Hex(text)).toBe(sha256HexPortable(text));
      }),
      { numRuns: 1_000 },
    );
  });

  it("bundles for a browser without node:crypto, and hashes there with @noble/hashes", { timeout: 60_000 }, async () => {
    const result = await build({
      entryPoints: [new URL("../../src/engine/hash.ts", import.meta.url).pathname],
      bundle: true,
      platform: "browser",
      format: "iife",
      globalName: "hash",
      write: false,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]!.text;
    // No import a bundler would follow (the name is only asked of process.getBuiltinModule, absent here).
    expect(code).not.toMatch(/\bimport\b[^;]*["'](node:)?crypto["']|require\(["'](node:)?crypto["']\)/);
    // A context with no `process`, as a browser page.
    const context: Record<string, unknown> = { TextEncoder };
    // canonicalJsonHash hashes the canonical bytes there with @noble/hashes: the same hex.
    const value = { b: ["每项最高补助50万元", -0, "\ud800"], a: { "🙂": null } };
    runInNewContext(`${code}\nglobalThis.result = [hash.sha256Implementation(), hash.sha256Hex("每项最高补助50万元"), hash.canonicalJsonHash(${JSON.stringify(value)})];`, context);
    expect(context["result"]).toEqual(["@noble/hashes", sha256Hex("每项最高补助50万元"), canonicalJsonHash(value)]);
  });
});
