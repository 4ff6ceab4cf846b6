import { build } from "esbuild";
import { describe, expect, it } from "vitest";

/*
 * Issue #15: loadRuleSet checks untrusted files without zod (src/catalog/file-validators.ts, held to the
 * zod schemas by tests/catalog/validator-differential.test.ts), so the main entry carries no zod. The zod
 * schemas stay the public ones, in the `jjj-policy-rules/schema` entry.
 */
async function inputsOf(entry: string): Promise<string[]> {
  const result = await build({
    entryPoints: [new URL(`../../src/${entry}`, import.meta.url).pathname],
    bundle: true,
    platform: "browser",
    format: "esm",
    write: false,
    metafile: true,
    logLevel: "silent",
  });
  return Object.keys(result.metafile.inputs);
}

describe("the loader of untrusted files carries no zod", () => {
  it("loadRuleSet (src/catalog/load.ts) bundles without a module of zod", async () => {
    const inputs = await inputsOf("catalog/load.ts");
    expect(inputs.some((f) => f.includes("src/catalog/file-validators.ts"))).toBe(true);
    expect(inputs.filter((f) => /node_modules\/zod\//.test(f))).toEqual([]);
  });

  it("the main entry (src/index.ts) bundles without a module of zod", { timeout: 60_000 }, async () => {
    const inputs = await inputsOf("index.ts");
    expect(inputs.length).toBeGreaterThan(50);
    expect(inputs.filter((f) => /node_modules\/zod\//.test(f))).toEqual([]);
  });

  it("the schema entry still has the zod schemas", async () => {
    const inputs = await inputsOf("schema-entry.ts");
    expect(inputs.some((f) => /node_modules\/zod\//.test(f))).toBe(true);
  });
});
