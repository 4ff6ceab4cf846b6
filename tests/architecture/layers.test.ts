import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

/*
 * The layers of src/, lowest first (docs/architecture.md draws them). A module may import from its own
 * unit (the same folder, or the same top-level file) and from any unit of a LOWER tier; never from a
 * higher tier, and never from another unit of its own tier (units of one tier are independent of each
 * other: e.g. diff and testing, or catalog and match). A new folder or top-level file must be placed here.
 */
const TIERS: readonly { readonly tier: string; readonly units: readonly string[] }[] = [
  { tier: "base", units: ["errors.ts", "version.ts", "format"] },
  { tier: "exact numbers", units: ["exact"] },
  { tier: "schema", units: ["schema"] },
  { tier: "value types", units: ["types"] },
  { tier: "operations", units: ["ops"] },
  { tier: "logic tree", units: ["logic"] },
  { tier: "engine", units: ["engine"] },
  { tier: "uses of the engine", units: ["catalog", "match", "register.ts"] },
  { tier: "engine api", units: ["create-engine.ts"] },
  { tier: "bundled rules", units: ["generated"] },
  { tier: "api", units: ["api.ts"] },
  { tier: "tools", units: ["diff", "testing", "analysis", "sql"] },
  { tier: "proofs and charts", units: ["verify", "chart"] },
  { tier: "http service", units: ["server"] },
  { tier: "cli", units: ["cli"] },
  { tier: "entry", units: ["index.ts", "engine-entry.ts", "schema-entry.ts"] },
];

const root = fileURLToPath(new URL("../..", import.meta.url));
const src = join(root, "src");

/** Every .ts file under src/, as a path relative to src/ with forward slashes. */
function sourceFiles(dir = src): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (entry.name.endsWith(".ts")) out.push(relative(src, full).split(sep).join("/"));
  }
  return out.sort();
}

/** The unit of a file (its top-level folder, or the file itself at the top) and the index of its tier. */
function placeOf(file: string): { unit: string; tier: number } | undefined {
  const unit = file.includes("/") ? file.slice(0, file.indexOf("/")) : file;
  const tier = TIERS.findIndex((t) => t.units.includes(unit));
  return tier < 0 ? undefined : { unit, tier };
}

interface Import {
  /** The importing file, relative to src/. */
  file: string;
  line: number;
  /** The imported file, relative to src/ (`.js` written in the specifier read as the `.ts` source). */
  target: string;
}

/**
 * The relative imports of a file's text: `import … from "…"` (including `import type`), `export … from "…"`,
 * `import "…"` and `import("…")`. Bare specifiers (packages, `node:`) are not layers and are skipped.
 */
function importsOf(file: string, text: string): Import[] {
  const out: Import[] = [];
  const pattern = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["']([^"']+)["']/g;
  for (const m of text.matchAll(pattern)) {
    const specifier = m[1]!;
    if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
    const resolved = posix.normalize(posix.join(posix.dirname(file), specifier)).replace(/\.js$/, ".ts");
    const line = text.slice(0, m.index).split("\n").length;
    out.push({ file, line, target: resolved });
  }
  return out;
}

/** The imports that break the layers, each as a sentence naming the file, the line and both layers. */
function layerViolations(imports: readonly Import[]): string[] {
  const problems: string[] = [];
  for (const { file, line, target } of imports) {
    const from = placeOf(file);
    const to = placeOf(target);
    if (!from || !to) continue; // reported by the test that every file has a place
    if (from.unit === to.unit || to.tier < from.tier) continue;
    const how = to.tier === from.tier ? "a unit of the same tier" : "a higher layer";
    problems.push(
      `src/${file}:${line} imports src/${target}: ${from.unit} (tier ${from.tier}, ${TIERS[from.tier]!.tier}) ` +
        `may not import ${how}, ${to.unit} (tier ${to.tier}, ${TIERS[to.tier]!.tier})`,
    );
  }
  return problems;
}

describe("layers of src/ only point down", () => {
  const files = sourceFiles();
  const imports = files.flatMap((file) => importsOf(file, readFileSync(join(src, file), "utf8")));

  it("reads the imports of every source file", () => {
    // Guards the parser: if it found nothing, every other check here would pass for nothing.
    expect(files.length).toBeGreaterThan(50);
    expect(imports.length).toBeGreaterThan(300);
    // Type-only, re-export and multi-line imports are seen too.
    expect(imports).toContainEqual(expect.objectContaining({ file: "engine/evaluate.ts", target: "engine/rule-version.ts" }));
    expect(imports).toContainEqual(expect.objectContaining({ file: "index.ts", target: "errors.ts" }));
  });

  it("places every source file in a layer", () => {
    expect(files.filter((f) => placeOf(f) === undefined)).toEqual([]);
  });

  it("resolves every relative import to a source file", () => {
    expect(imports.filter((i) => !existsSync(join(src, i.target))).map((i) => `src/${i.file}:${i.line} -> src/${i.target}`)).toEqual([]);
  });

  it("has no import from a higher layer or from another unit of the same layer", () => {
    expect(layerViolations(imports)).toEqual([]);
  });

  it("reports an upward import with its file, line and both layers", () => {
    const text = 'import { x } from "./a.js";\nimport type { RuleSet } from "../catalog/load.js";\nconst y = await import("../cli/main.js");\n';
    expect(layerViolations(importsOf("engine/evaluate.ts", text))).toEqual([
      "src/engine/evaluate.ts:2 imports src/catalog/load.ts: engine (tier 6, engine) may not import a higher layer, catalog (tier 7, uses of the engine)",
      "src/engine/evaluate.ts:3 imports src/cli/main.ts: engine (tier 6, engine) may not import a higher layer, cli (tier 14, cli)",
    ]);
    expect(layerViolations(importsOf("match/match.ts", 'export { loadRuleSet } from "../catalog/load.js";'))).toEqual([
      "src/match/match.ts:1 imports src/catalog/load.ts: match (tier 7, uses of the engine) may not import a unit of the same tier, catalog (tier 7, uses of the engine)",
    ]);
  });
});

describe("the layers as documented", () => {
  const readme = readFileSync(join(root, "README.md"), "utf8");
  const layout = readme.slice(readme.indexOf("## Layout"), readme.indexOf("```", readme.indexOf("```", readme.indexOf("## Layout")) + 3));
  const architecture = readFileSync(join(root, "docs", "architecture.md"), "utf8");
  const units = TIERS.flatMap((t) => t.units);

  it("README's Layout names every unit of src/, in the order of the layers", () => {
    const positions = units.map((u) => layout.indexOf(`src/${u.endsWith(".ts") ? u : `${u}/`}`));
    expect(units.filter((_, i) => positions[i] === -1)).toEqual([]);
    // Units of one tier may come in any order; a unit of a higher tier never before one of a lower tier.
    const tierOf = new Map(TIERS.flatMap((t, i) => t.units.map((u) => [u, i] as const)));
    const byPosition = [...units].sort((a, b) => positions[units.indexOf(a)]! - positions[units.indexOf(b)]!);
    const tiers = byPosition.map((u) => tierOf.get(u)!);
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
  });

  it("docs/architecture.md draws every layer with its number", () => {
    const drawing = architecture.slice(architecture.indexOf("The layers, highest first"));
    TIERS.forEach((tier, i) => {
      for (const unit of tier.units) {
        const name = unit.endsWith(".ts") ? unit : `${unit}/`;
        const line = drawing.split("\n").find((l) => new RegExp(`^${i}\\s`).test(l) && l.includes(name)) ??
          // The lowest layer spreads its units over two lines.
          (i === 0 ? drawing.split("\n").find((l) => l.trimStart().startsWith(name)) : undefined);
        expect(line, `layer ${i} (${tier.tier}) with ${name}`).toBeDefined();
      }
    });
  });
});
