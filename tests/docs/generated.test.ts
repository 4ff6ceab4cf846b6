import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { RuleFileSchema } from "../../src/schema/rule-file.js";
import { DocumentFileSchema } from "../../src/schema/document-file.js";
import { checkJsonSchema } from "./json-schema.js";

// Generated files (JSON Schemas, the rule catalogue, the rule types) are never edited by hand: each
// generator has a check mode that fails when its output differs from what rules/ and src/ give now.
const root = fileURLToPath(new URL("../..", import.meta.url));
const rulesDir = join(root, "rules");

function runCheck(script: string): { status: number; output: string } {
  try {
    const out = execFileSync(process.execPath, [join(root, "scripts", script), "--check"], { cwd: root, encoding: "utf8", stdio: "pipe" });
    return { status: 0, output: out };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, output: `${e.stdout}${e.stderr}` };
  }
}

function ruleFiles(): string[] {
  const walk = (d: string): string[] =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : [join(d, e.name)]));
  return walk(rulesDir).map((f) => relative(rulesDir, f).split(sep).join("/"));
}

const json = (path: string): unknown => JSON.parse(readFileSync(join(rulesDir, path), "utf8"));

describe("generated files are up to date with rules/ and src/", () => {
  it.each([
    ["rules/rule.schema.json and rules/document.schema.json", "generate-schemas.mjs"],
    ["the rule catalogue docs/rules/", "generate-rule-docs.mjs"],
    ["the rule types src/generated/rule-types.ts", "generate-rule-types.mjs"],
  ])("%s", (_what, script) => {
    const { status, output } = runCheck(script);
    expect(output, "run `npm run rules:generate` and commit the result").toMatch(/up to date/);
    expect(status).toBe(0);
  }, 60_000);
});

describe("the rule catalogue", () => {
  it("renders every version of an amended rule, with its own validity and what it supersedes", () => {
    const out = mkdtempSync(join(tmpdir(), "jjj-catalogue-"));
    try {
      execFileSync(process.execPath, [join(root, "scripts", "generate-rule-docs.mjs"), "--rules", join(root, "tests/fixtures/amendment/rules"), "--out", out], { cwd: root, stdio: "pipe" });
      const page = readFileSync(join(out, "sjz-2025.md"), "utf8");
      expect(page).toContain("#### Version 1 of 2 (2025-01-17 – 2025-12-31)");
      expect(page).toContain("#### Version 2 of 2 (2026-01-01 – 2028-01-16)");
      expect(page).toContain("| Supersedes | version 1 |");
      expect(page).toMatch(/amount = IF eligible\n\s+THEN min\(cap, /);
      expect(readFileSync(join(out, "README.md"), "utf8")).toContain("[`sjz-2025`](sjz-2025.md)");
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});

describe("the JSON Schemas", () => {
  const ruleSchema = json("rule.schema.json") as Record<string, unknown>;
  const documentSchema = json("document.schema.json") as Record<string, unknown>;
  const rules = ruleFiles().filter((p) => /^[^/]+\/[^/]+\/v\d+\.json$/.test(p));
  const documents = ruleFiles().filter((p) => /^[^/]+\/document\.json$/.test(p));

  it("are referenced by every rule and document file through $schema", () => {
    for (const p of rules) expect((json(p) as { $schema?: string }).$schema, p).toBe("../../rule.schema.json");
    for (const p of documents) expect((json(p) as { $schema?: string }).$schema, p).toBe("../document.schema.json");
  });

  it.each(rules.map((p) => [p]))("accept the rule file %s", (p) => {
    expect(checkJsonSchema(ruleSchema, json(p))).toEqual([]);
  });

  it.each(documents.map((p) => [p]))("accept the document file %s", (p) => {
    expect(checkJsonSchema(documentSchema, json(p))).toEqual([]);
  });

  it("reject what the zod schema rejects: a missing field, a wrong enum value, an unknown field, a bad date", () => {
    const good = json("sjz-2025/absorption-subsidy/v1.json") as Record<string, any>;
    expect(RuleFileSchema.safeParse(good).success).toBe(true);
    const cases: [string, (r: Record<string, any>) => void][] = [
      ["missing title", (r) => delete r.title],
      ["kind not an enum value", (r) => (r.kind = "subsidy")],
      ["unknown top-level field", (r) => (r.colour = "blue")],
      ["a date that is not YYYY-MM-DD", (r) => (r.validity.from.date = "17 January 2025")],
      ["an input name that is not camelCase", (r) => (r.inputs["Contract-Amount"] = r.inputs.contractAmount)],
      ["an example with neither expected nor rejects", (r) => delete r.examples[0].expected],
      ["a version that is not a positive integer", (r) => (r.version = 0)],
    ];
    for (const [what, mutate] of cases) {
      const bad = structuredClone(good);
      mutate(bad);
      expect(RuleFileSchema.safeParse(bad).success, `zod: ${what}`).toBe(false);
      expect(checkJsonSchema(ruleSchema, bad).length, `JSON Schema: ${what}`).toBeGreaterThan(0);
    }
  });

  it("agree with zod on every shipped document file", () => {
    for (const p of documents) expect(DocumentFileSchema.safeParse(json(p)).success, p).toBe(true);
  });
});
