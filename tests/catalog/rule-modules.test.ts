import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadBundledRules } from "../../src/catalog/bundled.js";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { createEngine } from "../../src/create-engine.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";
// @ts-expect-error: a plain JavaScript build script, without declarations
import { bundledSources, ruleModules } from "../../scripts/build-rule-modules.mjs";

// Issue #15: the shipped rules are importable per document and per rule (dist/rules/, written by
// scripts/build-rule-modules.mjs), loaded by loadBundledRules of the engine entry without zod.
const root = fileURLToPath(new URL("../..", import.meta.url));
const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const ID = "sjz-2025/absorption-subsidy";

describe("loadBundledRules", () => {
  it("loads the whole bundle to the rule set the full entry loads: same ids, hashes, set hash and decisions", () => {
    const a = loadBundledRules(BUNDLED_RULES);
    const b = loadRuleSet(BUNDLED_RULES, { trusted: true });
    expect(a.hash).toBe(b.hash);
    expect(a.ruleIds()).toEqual(b.ruleIds());
    for (const id of a.ruleIds()) expect(a.versions(id).map((v) => v.hash)).toEqual(b.versions(id).map((v) => v.hash));
    const on = { on: "2025-06-01" };
    expect(createEngine(a).evaluate(ID, facts, on)).toEqual(createEngine(b).evaluate(ID, facts, on));
  }, 60_000);

  it("loads a document shared by several modules once", () => {
    const doc = BUNDLED_RULES.filter((s) => s.path === "sjz-2025/document.json");
    const rule = BUNDLED_RULES.filter((s) => s.path.startsWith(`${ID}/`));
    const set = loadBundledRules([...doc, ...rule], doc, [...doc, ...rule]);
    expect(set.ruleIds()).toEqual([ID]);
  });

  it("refuses an argument that is not a list, with a typed error", () => {
    expect(() => loadBundledRules({} as unknown as RuleSource[])).toThrow(/loadBundledRules takes the RULES lists/);
  });
});

describe("the rule modules", () => {
  const runtime: RuleSource[] = bundledSources();
  const files: Record<string, string> = ruleModules(runtime);
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "jjj-rule-modules-"));
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const paths = (list: readonly RuleSource[]) => list.map((s) => s.path);

  it("one per rule, one per document and one per document file: every bundled file in exactly its modules", async () => {
    const documents = [...new Set(BUNDLED_RULES.map((s) => s.path.split("/")[0]!))];
    const rules = [...new Set(BUNDLED_RULES.filter((s) => !s.path.endsWith("/document.json")).map((s) => s.path.split("/").slice(0, 2).join("/")))];
    expect(Object.keys(files).filter((f) => f.endsWith(".js")).length).toBe(2 * documents.length + rules.length);
    for (const doc of documents) {
      const { RULES } = await import(pathToFileURL(join(dir, `${doc}.js`)).href);
      expect(paths(RULES)).toEqual(BUNDLED_RULES.filter((s) => s.path.startsWith(`${doc}/`)).map((s) => s.path).sort((a, b) => (a.endsWith("/document.json") ? -1 : b.endsWith("/document.json") ? 1 : a < b ? -1 : 1)));
    }
    for (const rule of rules) {
      const { RULES, VERSIONS } = await import(pathToFileURL(join(dir, `${rule}.js`)).href);
      expect(paths(VERSIONS)).toEqual(BUNDLED_RULES.filter((s) => s.path.startsWith(`${rule}/`)).map((s) => s.path));
      expect(paths(RULES)).toEqual([`${rule.split("/")[0]}/document.json`, ...paths(VERSIONS)]);
      // The same files with the same hashes as the full entry's bundle (its data, with the examples, notes and
      // changes left in rule-details.json): trust as today; loaded, the same files as the full entry's, details included.
      for (const s of RULES as RuleSource[]) expect(s).toStrictEqual(runtime.find((b) => b.path === s.path));
      const loaded = loadBundledRules(RULES).version(rule).file;
      expect(loaded).toEqual(BUNDLED_RULES.find((b) => b.path === `${rule}/v${loaded.version}.json`)!.json);
    }
  }, 60_000);

  it("a rule module alone makes the decision the full entry makes; ESM and CommonJS alike", async () => {
    const { RULES } = await import(pathToFileURL(join(dir, `${ID}.js`)).href);
    const cjs = createRequire(import.meta.url)(join(dir, `${ID}.cjs`)).RULES;
    const full = createEngine(loadRuleSet(BUNDLED_RULES, { trusted: true })).evaluate(ID, facts, { on: "2025-06-01" });
    for (const list of [RULES, cjs]) {
      const one = createEngine(loadBundledRules(list));
      expect(one.ruleSet.ruleIds()).toEqual([ID]);
      const d = one.evaluate(ID, facts, { on: "2025-06-01" });
      expect(d.outcome).toEqual({ eligible: true, amount: "200000.00" });
      expect(d.provenance.ruleHash).toBe(full.provenance.ruleHash);
    }
  }, 60_000);

  it("are deeply frozen: what an application receives cannot change what is loaded under the shipped hash", async () => {
    const { RULES } = await import(pathToFileURL(join(dir, `sjz-2025/absorption-share.js`)).href);
    const version = (RULES as RuleSource[])[1]!;
    expect(() => ((version.json as { parameters: Record<string, { value: unknown }> }).parameters = {})).toThrow(TypeError);
    expect(() => ((version as { hash?: string }).hash = "x")).toThrow(TypeError);
    expect(() => (RULES as RuleSource[]).push(version)).toThrow(TypeError);
    const param = Object.values((version.json as { parameters: Record<string, { value: unknown }> }).parameters)[0]!;
    expect(() => (param.value = "1")).toThrow(TypeError);
  }, 60_000);

  it("declarations name the engine entry's types (ESM to engine.js, CommonJS to engine.cjs) and each module's rules", () => {
    expect(files[`${ID}.d.ts`]).toContain('import type { RuleModule, ShippedRules } from "../../engine.js";');
    expect(files[`${ID}.d.cts`]).toContain('import type { RuleModule, ShippedRules } from "../../engine.cjs";');
    expect(files["sjz-2025.d.ts"]).toContain('import type { RuleModule, ShippedRules } from "../engine.js";');
    expect(files[`${ID}.d.ts`]).toContain(`export declare const RULES: RuleModule<ShippedRules<"${ID}">>;`);
    expect(files[`${ID}.d.ts`]).toContain(`export declare const VERSIONS: RuleModule<ShippedRules<"${ID}">>;`);
    expect(files["sjz-2025/document.d.ts"]).toContain("export declare const RULES: RuleModule<ShippedRules<never>>;");
    // A document module declares exactly the rules whose files it holds.
    for (const doc of ["sjz-2025", "sjz-2018", "hd-2018", "bth-2025"]) {
      const declared = /RuleModule<ShippedRules<([^>]*)>>/.exec(files[`${doc}.d.ts`]!)![1]!.split(" | ").map((id) => JSON.parse(id) as string);
      const held = [...new Set(BUNDLED_RULES.filter((s) => s.path.startsWith(`${doc}/`) && !s.path.endsWith("/document.json")).map((s) => s.path.split("/").slice(0, 2).join("/")))];
      expect(declared.sort(), doc).toEqual(held.sort());
    }
  });
});

describe("what a bundler carries", () => {
  // Structural, not timed: the inputs esbuild puts into a bundle of the engine entry and one rule.
  async function inputsOf(code: string): Promise<string[]> {
    const result = await build({ stdin: { contents: code, resolveDir: root, loader: "ts" }, bundle: true, minify: true, platform: "browser", format: "esm", write: false, metafile: true, logLevel: "silent" });
    return Object.keys(Object.values(result.metafile.outputs)[0]!.inputs);
  }

  it("the engine entry with one rule carries no zod, no other rule, no schema module and no loader check of untrusted files", async () => {
    const inputs = await inputsOf(`import { createEngine, loadBundledRules } from "./src/engine-entry.ts";
      const engine = createEngine(loadBundledRules([]));
      console.log(engine.evaluate("${ID}", {}), engine.match({ type: "enterprise" }));`);
    expect(inputs.filter((i) => /node_modules\/zod\//.test(i))).toEqual([]);
    expect(inputs.filter((i) => /src\/(schema\/(?!values)|generated\/|catalog\/(load|extends|shared-inputs|json-shape|own-sources)\.ts|engine\/growth-bound)/.test(i))).toEqual([]);
    // The modules' files are loaded in their precompiled form (catalog/precompiled.ts): no checker, no checked loader.
    expect(inputs.filter((i) => /src\/(logic\/(check|walk)|catalog\/load-core)\.ts/.test(i))).toEqual([]);
    expect(inputs).toContain("src/catalog/precompiled.ts");
    // Nor the value types' forms (texts, TypeScript and JSON Schema) that only analyses and generators read (issue #15).
    expect(inputs.filter((i) => /src\/types\/(forms\/|index\.ts)/.test(i))).toEqual([]);
    expect(inputs).toContain("src/types/runtime.ts");
  }, 60_000);
});
