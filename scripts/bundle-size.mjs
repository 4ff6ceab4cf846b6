#!/usr/bin/env node
// What an application pays for embedding the library: each case is a small entry file that imports from the
// BUILT package (dist/, as an npm user gets it), bundled by esbuild with `--bundle --minify` for the browser
// and gzipped (level 9). Prints, per case, the minified and gzipped sizes and what the minified bytes are made
// of (rules, zod, decimal.js, the engine), and checks the limits of issue #15: engine + one rule ≤ 40 KB
// gzipped, the full core ≤ 150 KB gzipped. Sizes, not timings: they are the same on every machine, so CI
// asserts them (`npm run bench:bundle`, from .ci/run). Run after `npm run build`.
// Usage: node scripts/bundle-size.mjs [--json]   (exit 1 when a limit is exceeded)
import { build } from "esbuild";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));
const KB = 1024;

/**
 * The limits (gzipped bytes) of the cases that have one: ENGINE_AND_ONE_RULE_GZIP_LIMIT for an engine that
 * loads one shipped rule, FULL_CORE_GZIP_LIMIT for everything the main entry exports with every rule.
 */
export const ENGINE_AND_ONE_RULE_GZIP_LIMIT = 40 * KB;
export const FULL_CORE_GZIP_LIMIT = 150 * KB;

const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const call = `console.log(engine.evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" }).outcome);`;

/** The cases, as an application would write them. */
const CASES = [
  {
    name: "full core (export * from the main entry)",
    code: `export * from "jjj-policy-rules";`,
    limit: FULL_CORE_GZIP_LIMIT,
  },
  {
    name: "evaluate only (main entry, every rule)",
    code: `import { evaluate } from "jjj-policy-rules";\nconsole.log(evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" }).outcome);`,
  },
  {
    name: "engine + one rule (jjj-policy-rules/engine + jjj-policy-rules/rules/sjz-2025/absorption-subsidy)",
    code: `import { createEngine, loadBundledRules } from "jjj-policy-rules/engine";\nimport { RULES } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";\nconst engine = createEngine(loadBundledRules(RULES));\n${call}`,
    limit: ENGINE_AND_ONE_RULE_GZIP_LIMIT,
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
  return "engine";
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
  return { name: c.name, minified: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length, parts, limit: c.limit };
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
    const verdict = r.limit === undefined ? "" : r.gzipped <= r.limit ? `  ok (limit ${fmt(r.limit)})` : `  OVER the limit of ${fmt(r.limit)}`;
    const parts = Object.entries(r.parts)
      .sort((a, b) => b[1] - a[1])
      .map(([p, n]) => `${p} ${((100 * n) / r.minified).toFixed(1)}%`)
      .join(", ");
    console.log(`  ${r.name}\n    ${fmt(r.minified)} minified, ${fmt(r.gzipped)} gzipped${verdict}\n    ${parts}`);
  }
}
for (const r of results) if (r.limit !== undefined && r.gzipped > r.limit) failed++;
if (failed > 0) {
  console.error(`bundle-size: ${failed} case(s) failed`);
  process.exit(1);
}
