import { createHash } from "node:crypto";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { DOCUMENT_DETAIL_FIELDS, provideRuleDetails, RULE_DETAIL_FIELDS } from "../../src/catalog/rule-details.js";
import { RuleFileError } from "../../src/errors.js";
// @ts-expect-error: a plain JavaScript build script, without declarations
import { bundledSources } from "../../scripts/build-rule-modules.mjs";

// Issue #15: the worked examples, notes and change histories of the shipped rules (half of their bytes, read
// by no decision) are not in the bundled data; the loaded files read them from rule-details.json on first use.
const root = fileURLToPath(new URL("../..", import.meta.url));
const sources: { path: string; hash: string; json: Record<string, unknown> }[] = bundledSources();
const ruleSources = sources.filter((s) => !s.path.endsWith("/document.json"));

/** Canonical JSON (keys sorted at every level) written here, not taken from src/engine/hash.ts. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .filter((k) => o[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

describe("the details of the shipped rules", () => {
  it("are not in the bundled data: each detail field is a null placeholder", () => {
    expect(ruleSources.length).toBeGreaterThan(40);
    for (const s of ruleSources) {
      expect(s.json["examples"], s.path).toBeNull(); // every rule file has worked examples
      for (const field of RULE_DETAIL_FIELDS) if (Object.hasOwn(s.json, field)) expect(s.json[field], `${s.path} ${field}`).toBeNull();
    }
  });

  it("are read through the loaded files: the published file, in its key order, with its published hash", () => {
    const engine = defaultEngine();
    for (const s of ruleSources) {
      const [doc, rule, v] = s.path.split("/") as [string, string, string];
      const file = engine.getRule(`${doc}/${rule}`, Number(v.slice(1, -5))).file as unknown as Record<string, unknown>;
      expect(Array.isArray(file["examples"]) && (file["examples"] as unknown[]).length > 0, s.path).toBe(true);
      expect(Object.keys(file), s.path).toEqual(Object.keys(s.json));
      expect(createHash("sha256").update(canonical(file)).digest("hex"), s.path).toBe(s.hash);
      const published = JSON.parse(readFileSync(join(root, "rules", s.path), "utf8")) as Record<string, unknown>;
      // An amendment ("extends") is bundled materialised: its examples are its own, its changes appended.
      expect(file["examples"], s.path).toEqual(published["examples"]);
      if (published["extends"] === undefined) {
        for (const field of DOCUMENT_DETAIL_FIELDS) expect(file[field], `${s.path} ${field}`).toEqual(published[field]);
        expect(file["changes"], s.path).toEqual(published["changes"]);
      }
    }
  }, 60_000);

  it("a document's notes and source-text reference too: null placeholders in the bundled data, read through the loaded set as published, in its key order and with its hash", async () => {
    const documentSources = sources.filter((s) => s.path.endsWith("/document.json"));
    expect(documentSources.length).toBeGreaterThan(3);
    const { loadBundledRules } = await import("../../src/catalog/bundled.js");
    const { loadRuleSet } = await import("../../src/catalog/load.js");
    for (const s of documentSources) {
      for (const field of DOCUMENT_DETAIL_FIELDS) expect(s.json[field], `${s.path} ${field}`).toBeNull();
      const published = JSON.parse(readFileSync(join(root, "rules", s.path), "utf8")) as Record<string, unknown>;
      const id = s.path.split("/")[0]!;
      // The full entry's set (BUNDLED_RULES), a rule module's data (the precompiled load) and its trusted load alike.
      for (const document of [defaultEngine().ruleSet.document(id), loadBundledRules([s as never]).document(id), loadRuleSet([s as never], { trusted: true }).document(id)]) {
        const file = document as unknown as Record<string, unknown>;
        for (const field of DOCUMENT_DETAIL_FIELDS) expect(file[field], `${s.path} ${field}`).toEqual(published[field]);
        expect(Object.keys(file), s.path).toEqual(Object.keys(s.json));
        expect(createHash("sha256").update(canonical(file)).digest("hex"), s.path).toBe(s.hash);
        expect(Object.isFrozen(file) && Object.isFrozen(file["notes"]), s.path).toBe(true);
      }
    }
  });

  it("are frozen, like the rest of a shipped file", () => {
    const file = defaultEngine().getRule("sjz-2025/absorption-subsidy").file;
    expect(Object.isFrozen(file.examples)).toBe(true);
    expect(Object.isFrozen(file.examples[0])).toBe(true);
    expect(() => {
      (file as { examples: unknown }).examples = [];
    }).toThrow(TypeError);
  });

  it("provideRuleDetails refuses what is not the details object, with a typed error", () => {
    expect(() => provideRuleDetails(null)).toThrow(RuleFileError);
    expect(() => provideRuleDetails([])).toThrow(/rule-details\.json/);
  });

  it("where the file cannot be read (a bundle moved away from the package), reading a detail says so, and provideRuleDetails gives them", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jjj-rule-details-"));
    try {
      const entry = join(dir, "bundle.mjs");
      await build({ entryPoints: [join(root, "src", "index.ts")], bundle: true, format: "esm", platform: "neutral", outfile: entry, logLevel: "silent" });
      const script = join(dir, "run.mjs");
      writeFileSync(
        script,
        `import { getRule, provideRuleDetails, evaluate } from "./bundle.mjs";
import { readFileSync } from "node:fs";
const out = [];
out.push(evaluate("sjz-2025/absorption-subsidy", { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }, { on: "2025-06-01" }).outcome.amount);
try { getRule("sjz-2025/absorption-subsidy").file.examples; out.push("read"); } catch (e) { out.push(e.constructor.name + " " + e.issues[0].code); }
provideRuleDetails(JSON.parse(readFileSync(${JSON.stringify(join(root, "src", "generated", "rule-details.json"))}, "utf8")));
out.push(getRule("sjz-2025/absorption-subsidy").file.examples.length > 0);
console.log(JSON.stringify(out));`,
      );
      const out = JSON.parse(execFileSync(process.execPath, [script], { encoding: "utf8", timeout: 60_000 })) as unknown[];
      expect(out).toEqual(["200000.00", "RuleFileError rule_details_unavailable", true]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});
