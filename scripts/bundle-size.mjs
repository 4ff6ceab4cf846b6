#!/usr/bin/env node
// What an application pays for embedding the library: each case is a small entry file that imports from the
// BUILT package (dist/, as an npm user gets it), bundled by esbuild with `--bundle --minify` for the browser
// and gzipped (level 9). Prints, per case, the minified and gzipped sizes and what the minified bytes are made
// of (rules, zod, decimal.js, the engine), against issue #15's targets: engine + one rule ≤ 40 KB gzipped,
// the full core ≤ 150 KB gzipped. Sizes, not timings: they are the same on every machine, so CI asserts them
// (`npm run bench:bundle`, from .ci/run). It asserts CEILINGS, the figures reached (docs/performance.md)
// with a little room, so that a change cannot bring back what was removed; the targets are printed beside
// them (see docs/performance.md for what stands between the figures and the targets).
// Run after `npm run build`.
// Usage: node scripts/bundle-size.mjs [--json]   (exit 1 when a limit is exceeded)
import { Buffer } from "node:buffer";
import { build } from "esbuild";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
const KB = 1024;

/** Issue #15's targets (gzipped bytes): an engine that loads one shipped rule; everything the main entry exports. */
export const ENGINE_AND_ONE_RULE_GZIP_TARGET = 40 * KB;
export const FULL_CORE_GZIP_TARGET = 150 * KB;
/**
 * The ceilings CI asserts (gzipped bytes): the figures of this version with room for a small change. The
 * worked examples, notes and changes of the shipped rules moved to rule-details.json (54.3 KB and 185.2 KB);
 * then the ranked match (engine.rank, in the engine entry), the precompiled explanation templates and the
 * Chinese texts of every diff change (the main entry) brought them to 56.7 KB and 190.9 KB; the precompiled
 * shipped rules (catalog/precompiled.ts: no rule-profile checker in the engine entry) to 54.0 KB and
 * 192.7 KB; loadRuleSet checking files without zod (catalog/file-validators.ts) brought the full core to
 * 166.3 KB, 168.2 KB with the precompiled rules merged (both the checker and the rebuild). A document's notes and
 * source-text reference moved to rule-details.json and the value types' forms out of the engine entry
 * (src/types/forms/) brought them to 52.2 KB and 162.0 KB (52.7 and 162.4 KB after the decision-path work).
 * The shipped texts in a table apart (bilingual pairs and Chinese strings, each once, each language beside
 * itself: src/catalog/shipped-sources.ts) brought the full core to 149.1 KB, and the canonical-bytes writer of
 * untrusted loads (engine/canonical-bytes.ts, #20) to 149.9 KB: its ceiling is now the target.
 * Lower them as the figures come down; a change that needs more must say why.
 */
export const ENGINE_OBJECT_AND_ONE_RULE_GZIP_CEILING = 53.75 * KB;
/**
 * The same case written with the engine's operations as functions (`evaluateIn`: no matching, ranking or
 * batch code in the bundle, since a bundler drops an unused function but never an unused method): 48.8 KB.
 */
export const ENGINE_AND_ONE_RULE_GZIP_CEILING = 49.75 * KB;
export const FULL_CORE_GZIP_CEILING = FULL_CORE_GZIP_TARGET;

const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const call = `console.log(engine.evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" }).outcome);`;

/** The cases, as an application would write them. */
const CASES = [
  {
    name: "full core (export * from the main entry)",
    code: `export * from "jjj-policy-rules";`,
    target: FULL_CORE_GZIP_TARGET,
    ceiling: FULL_CORE_GZIP_CEILING,
  },
  {
    name: "evaluate only (main entry, every rule)",
    code: `import { evaluate } from "jjj-policy-rules";\nconsole.log(evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" }).outcome);`,
  },
  {
    name: "engine + one rule, evaluateIn (jjj-policy-rules/engine + jjj-policy-rules/rules/sjz-2025/absorption-subsidy)",
    code: `import { evaluateIn, loadBundledRules } from "jjj-policy-rules/engine";\nimport { RULES } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";\nconst rules = loadBundledRules(RULES);\nconsole.log(evaluateIn(rules, "sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" }).outcome);`,
    target: ENGINE_AND_ONE_RULE_GZIP_TARGET,
    ceiling: ENGINE_AND_ONE_RULE_GZIP_CEILING,
  },
  {
    name: "engine + one rule, createEngine (every method of an engine: matching, ranking, batches too)",
    code: `import { createEngine, loadBundledRules } from "jjj-policy-rules/engine";\nimport { RULES } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";\nconst engine = createEngine(loadBundledRules(RULES));\n${call}`,
    ceiling: ENGINE_OBJECT_AND_ONE_RULE_GZIP_CEILING,
  },
  {
    name: "engine + one document (jjj-policy-rules/rules/sjz-2025)",
    code: `import { createEngine, loadBundledRules } from "jjj-policy-rules/engine";\nimport { RULES } from "jjj-policy-rules/rules/sjz-2025";\nconst engine = createEngine(loadBundledRules(RULES));\n${call}`,
  },
  {
    name: "engine, no rules (jjj-policy-rules/engine)",
    code: `import { createEngine, loadBundledRules } from "jjj-policy-rules/engine";\nconsole.log(createEngine(loadBundledRules([])).listRules().length);`,
  },
];

/** What a bundled input is, for the breakdown of the minified bytes. */
function partOf(input) {
  if (/node_modules\/zod\//.test(input) || /zod/.test(input.split("/").pop() ?? "")) return "zod";
  if (/node_modules\/decimal\.js\//.test(input)) return "decimal.js";
  if (/\/rules\/.*\.json$|dist\/rules\/|generated\/rules/.test(input)) return "rules";
  if (/node_modules\/@noble\//.test(input)) return "@noble/hashes";
  return "package code"; // dist/ chunks: the engine, and zod where an entry uses it (compiled into dist/)
}

async function measure(dir, c) {
  const entry = join(dir, `case-${CASES.indexOf(c)}.mjs`);
  writeFileSync(entry, c.code);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    platform: "browser",
    format: "esm",
    target: "es2022",
    write: false,
    metafile: true,
    logLevel: "silent",
    // dist/cli.js and the server are not imported by these cases; Node built-ins would fail the browser build.
  });
  const bytes = result.outputFiles[0].contents;
  const parts = {};
  for (const output of Object.values(result.metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const part = partOf(input);
      parts[part] = (parts[part] ?? 0) + bytesInOutput;
    }
  }
  // dist/index.js has the rules (and zod) compiled into its chunks: count the rule data by its JSON strings.
  if (!parts.rules) {
    const text = result.outputFiles[0].text;
    const data = [...text.matchAll(/JSON\.parse\(("(?:[^"\\]|\\.){4096,}"|`(?:[^`\\]|\\.){4096,}`)\)/g)].reduce((n, m) => n + Buffer.byteLength(m[1]), 0);
    if (data > 0) {
      parts.rules = data;
      parts["package code"] -= data;
    }
  }
  return { name: c.name, minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length, parts, target: c.target, ceiling: c.ceiling };
}

const fmt = (n) => `${(n / KB).toFixed(1)} KB`;

if (!existsSync(join(root, "dist", "index.js"))) {
  console.error("bundle-size: dist/ is missing: run `npm run build` first");
  process.exit(1);
}
// A project folder whose node_modules holds this package, so the cases import it by name through its exports.
const dir = mkdtempSync(join(tmpdir(), "jjj-bundle-size-"));
mkdirSync(join(dir, "node_modules"));
symlinkSync(root, join(dir, "node_modules", "jjj-policy-rules"), "dir");
const results = [];
let failed = 0;
try {
  for (const c of CASES) {
    try {
      results.push(await measure(dir, c));
    } catch (error) {
      failed++;
      console.error(`bundle-size: ${c.name}: does not bundle: ${error.errors?.map((e) => e.text).join("; ") ?? error.message}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

if (process.argv.includes("--json")) {
  console.log(JSON.stringify(results, null, 2));
} else {
  console.log("esbuild --bundle --minify (platform browser, ESM), gzip -9; of the minified bytes:");
  for (const r of results) {
    const target = r.target === undefined ? "" : `  target ${fmt(r.target)}: ${r.gzipped <= r.target ? "met" : "not met"};`;
    const ceiling = r.ceiling === undefined ? "" : `${target ? "" : " "} ceiling ${fmt(r.ceiling)}: ${r.gzipped <= r.ceiling ? "ok" : "EXCEEDED"}`;
    const verdict = target + ceiling;
    const parts = Object.entries(r.parts)
      .sort((a, b) => b[1] - a[1])
      .map(([p, n]) => `${p} ${((100 * n) / r.minified).toFixed(1)}%`)
      .join(", ");
    console.log(`  ${r.name}\n    ${fmt(r.minified)} minified, ${fmt(r.gzipped)} gzipped${verdict}\n    ${parts}`);
  }
}
for (const r of results) {
  if (r.ceiling !== undefined && r.gzipped > r.ceiling) {
    console.error(`bundle-size: ${r.name}: ${fmt(r.gzipped)} gzipped, over its ceiling of ${fmt(r.ceiling)}`);
    failed++;
  }
}
if (failed > 0) {
  console.error(`bundle-size: ${failed} case(s) failed`);
  process.exit(1);
}
