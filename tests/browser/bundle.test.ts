import { runInNewContext } from "node:vm";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

// The core entry must bundle for a browser: nothing from `node:`, no `process`, `require` or `Buffer`.
// esbuild refuses Node built-ins for `platform: "browser"`; the bundle then runs in a bare V8 context that
// has only what a browser also has, and makes a decision there.
const root = fileURLToPath(new URL("../..", import.meta.url));

async function browserBundle(entry: string, globalName: string): Promise<string> {
  const result = await build({
    entryPoints: [`${root}/${entry}`],
    bundle: true,
    platform: "browser",
    format: "iife",
    globalName,
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/** A context with the web platform globals the library may use, and none of Node's. */
function browserLikeContext(): Record<string, unknown> {
  return { TextEncoder, TextDecoder, structuredClone, console: { log() {}, warn() {}, error() {} } };
}

const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };

describe("browser bundle", () => {
  it("bundles src/index.ts for the browser without Node built-ins", async () => {
    const code = await browserBundle("src/index.ts", "jjj");
    expect(code).not.toMatch(/require\(["']node:|from ["']node:/);
    expect(code).not.toMatch(/\bprocess\.env\b/);
    expect(code.length).toBeGreaterThan(1000);
  }, 60_000);

  it("makes an exact decision from the bundle in a context without Node globals", async () => {
    const code = await browserBundle("src/index.ts", "jjj");
    const context = browserLikeContext();
    const decision = runInNewContext(
      `${code}
       if (typeof process !== "undefined" || typeof require !== "undefined" || typeof Buffer !== "undefined") throw new Error("not a browser-like context");
       JSON.stringify(jjj.evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" }));`,
      context,
      { timeout: 10_000 },
    ) as string;
    const parsed = JSON.parse(decision);
    expect(parsed).toMatchObject({ ruleId: "sjz-2025/absorption-subsidy", version: 1, inForce: true, outcome: { eligible: true, amount: "200000.00" } });
    expect(parsed.provenance.ruleHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(parsed.explanation.length).toBeGreaterThan(0);
  }, 60_000);

  it("bundles the testing entry for the browser too", async () => {
    const code = await browserBundle("src/testing/index.ts", "jjjTesting");
    const count = runInNewContext(`${code}; jjjTesting.getTestVectors({ ruleId: "sjz-2025/absorption-subsidy" }).length`, browserLikeContext()) as number;
    expect(count).toBeGreaterThan(10);
  }, 60_000);
});
