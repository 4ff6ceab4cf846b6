// Shared by the scripts/generate-*.mjs generators: read rules/, load the TypeScript sources through
// esbuild (Node 20 cannot import .ts), and write a generated file or, with --check, compare it.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const root = fileURLToPath(new URL("..", import.meta.url));
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
/** The rules folder: `rules/`, or `--rules <dir>` (to render another rule set, e.g. a fixture or a proposal). */
export const rulesDir = arg("--rules") ? resolve(arg("--rules")) : join(root, "rules");
/** `--out <dir>`: write there instead of the generator's own place (relative to the repository root). */
export const outDir = arg("--out");

/** Every document.json, inputs.json (shared inputs) and v<N>.json under rules/, as `{ path, json }` sorted by path (what the loader takes). */
export function readRuleSources() {
  const walk = (dir) =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)]));
  return walk(rulesDir)
    .map((f) => relative(rulesDir, f).split(sep).join("/"))
    .filter((p) => /^[^/]+\/(document|inputs)\.json$/.test(p) || /^[^/]+\/[^/]+\/v\d+\.json$/.test(p))
    .sort()
    .map((path) => ({ path, json: JSON.parse(readFileSync(join(rulesDir, path), "utf8")) }));
}

/**
 * Import TypeScript exports of src/ by bundling a small entry with esbuild (zod included, so the
 * schemas and `z.toJSONSchema` come from one copy of zod).
 */
export async function importSource(code) {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: "ts", sourcefile: "generate-entry.ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  const dir = mkdtempSync(join(tmpdir(), "jjj-generate-"));
  try {
    const file = join(dir, "entry.mjs");
    writeFileSync(file, result.outputFiles[0].text);
    return await import(pathToFileURL(file).href);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Write generated files, or with `check` compare them: returns the paths (relative to the root) that
 * differ. `stale` also lists files under `ownedDir` that the generator no longer produces.
 */
export function emit(files, { check, ownedDir, ownedPattern = /\.md$/ } = {}) {
  const differing = [];
  for (const [path, text] of Object.entries(files)) {
    const abs = resolve(root, path);
    const current = existsSync(abs) ? readFileSync(abs, "utf8") : undefined;
    if (current === text) continue;
    differing.push(path);
    if (!check) {
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, text);
    }
  }
  if (ownedDir && existsSync(resolve(root, ownedDir))) {
    for (const name of readdirSync(resolve(root, ownedDir))) {
      const path = `${ownedDir}/${name}`;
      if (!ownedPattern.test(name) || path in files) continue;
      differing.push(path);
      if (!check) rmSync(resolve(root, path));
    }
  }
  return differing;
}

/** Standard ending of a generator: report, and exit 1 in check mode when something is out of date. */
export function finish(name, differing, total, check, excluded = new Map()) {
  if (check && excluded.size > 0) {
    console.error(`${name}: rules/ has file(s) the loader rejects, so the generated files cannot be up to date: ${[...excluded.keys()].join(", ")}`);
    process.exit(1);
  }
  if (check) {
    if (differing.length > 0) {
      console.error(`${name}: out of date with rules/: ${differing.join(", ")}\nRun \`npm run rules:generate\` and commit the result.`);
      process.exit(1);
    }
    console.log(`${name}: ${total} file(s) up to date`);
  } else {
    console.log(`${name}: wrote ${differing.length} of ${total} file(s)${differing.length ? `: ${differing.join(", ")}` : ""}`);
  }
}

/**
 * Load the rule set of rules/ with the engine's own loader. Rules are being written while others work,
 * so a file the loader rejects (and anything that depends on it) is left out with a warning rather than
 * stopping the generator; `excluded` lists those files, and check mode fails on them.
 */
export async function loadRules() {
  const { loadRuleSet } = await importSource(`export { loadRuleSet } from "./src/catalog/load.ts";`);
  let sources = readRuleSources();
  const excluded = new Map(); // file → first problem
  for (;;) {
    try {
      return { set: loadRuleSet(sources), excluded };
    } catch (error) {
      if (!Array.isArray(error?.issues)) throw error;
      const bad = new Set(error.issues.map((i) => String(i.path).split("#")[0]));
      for (const i of error.issues) {
        const file = String(i.path).split("#")[0];
        if (!excluded.has(file)) excluded.set(file, `${i.path}: ${i.message}`);
      }
      const before = sources.length;
      sources = sources.filter((s) => !bad.has(s.path));
      if (sources.length === before) throw error;
      console.warn(`warning: left out ${bad.size} rule file(s) the loader rejects:\n${[...bad].map((f) => `  - ${excluded.get(f)}`).join("\n")}`);
    }
  }
}
