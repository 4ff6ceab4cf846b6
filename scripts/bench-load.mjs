// Load-time benchmark: how long importing the package and loading every rule takes, and where that
// time goes, in process CPU time (user + system: steadier than the wall clock on a shared machine).
//
//   node scripts/bench-load.mjs [--runs N] [--cpu-prof DIR] [ROOT ...]
//
// Each ROOT is a checkout of this package with `dist/` built (default: this one). Pass a second one
// (say a `git archive` of main with node_modules linked and dist built) to compare two versions: the
// runs of every root and mode alternate, so both see the same machine state. Each measurement runs
// in a fresh child process (a cold VM, as a user's first import); the table gives medians of N runs.
//
// Modes, each printed next to the others as its baseline:
// - import:    `import("dist/index.js")`, the bundled module graph;
// - load:      `defaultEngine()` after that import: a trusted load of the bundled rules (bench.mjs's figure);
// - untrusted: `loadRuleSet(BUNDLED_RULES)` without `trusted`: the schema parse, shape and growth checks too;
// - trusted:   `loadRuleSet(BUNDLED_RULES, { trusted: true })` from src (esbuild), the same work as `load`;
// - check:     the rule-profile check alone (`checkLogic` on every expression, as the loader calls it),
//              the part of `trusted` that builds the typed logic trees.
// `untrusted`, `trusted` and `check` run from an esbuild bundle of ROOT/src, built once per root.
import { execFileSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const here = fileURLToPath(new URL("..", import.meta.url));
const require = createRequire(import.meta.url);
const esbuild = require("esbuild");

const argv = process.argv.slice(2);
let runs = 11;
let profDir;
const roots = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--runs") runs = Number(argv[++i]);
  else if (argv[i] === "--cpu-prof") profDir = path.resolve(argv[++i]);
  else roots.push(path.resolve(argv[i]));
}
if (roots.length === 0) roots.push(here);
if (!Number.isInteger(runs) || runs < 1) throw new Error("--runs takes a positive integer");

/** An ESM bundle of ROOT/src exposing the loader, the checker and the bundled rules (dependencies stay external). */
async function srcBundle(root, i) {
  // Written into the root's node_modules, so that its dependencies (decimal.js, zod) resolve from there.
  const outfile = path.join(root, "node_modules", `.bench-load-src-${process.pid}-${i}.mjs`);
  const entry = [
    // Before #13 moved it below the engine, the checker was src/engine/check-logic.ts.
    `export { checkLogic } from ${JSON.stringify(path.join(root, existsSync(path.join(root, "src/logic/check.ts")) ? "src/logic/check.ts" : "src/engine/check-logic.ts"))};`,
    `export { loadRuleSet } from ${JSON.stringify(path.join(root, "src/catalog/load.ts"))};`,
    `export { BUNDLED_RULES } from ${JSON.stringify(path.join(root, "src/generated/rules.ts"))};`,
  ].join("\n");
  await esbuild.build({
    stdin: { contents: entry, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    outfile,
    logLevel: "error",
  });
  return outfile;
}

const childScript = String.raw`
const [mode, dist, src] = JSON.parse(process.argv[1]);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
let ms;
if (mode === "import" || mode === "load") {
  const t0 = cpu();
  const m = await import(dist);
  const t1 = cpu();
  m.defaultEngine();
  const t2 = cpu();
  ms = mode === "import" ? t1 - t0 : t2 - t1;
} else {
  const m = await import(src);
  const sources = m.BUNDLED_RULES;
  if (mode === "check") {
    // Every expression of every rule file, in the loader's order and scope (conditions and outcome fields defined before).
    const rules = sources.map((s) => s.json).filter((j) => j && Array.isArray(j.conditions));
    const t0 = cpu();
    for (const file of rules) {
      const conditions = new Set();
      const outcomes = new Map();
      const scope = { inputs: file.inputs, parameters: file.parameters, conditions, outcomes };
      if (file.applicable !== undefined) m.checkLogic(file.applicable, scope);
      for (const c of file.conditions) { m.checkLogic(c.logic, scope); conditions.add(c.id); }
      for (const [name, o] of Object.entries(file.outcome)) { m.checkLogic(o.logic, scope); outcomes.set(name, o.type); }
    }
    ms = cpu() - t0;
  } else {
    const t0 = cpu();
    m.loadRuleSet(sources, mode === "trusted" ? { trusted: true } : {});
    ms = cpu() - t0;
  }
}
console.log(JSON.stringify({ ms }));
`;

const MODES = ["import", "load", "untrusted", "trusted", "check"];
const targets = [];
try {
  for (const [i, root] of roots.entries()) {
    targets.push({ root, dist: pathToFileURL(path.join(root, "dist/index.js")).href, src: pathToFileURL(await srcBundle(root, i)).href, times: Object.fromEntries(MODES.map((m) => [m, []])) });
  }
  for (let run = 0; run < runs; run++) {
    for (const mode of MODES) {
      for (const t of targets) {
        const flags = profDir && run === 0 ? ["--cpu-prof", "--cpu-prof-dir", profDir, "--cpu-prof-name", `${path.basename(t.root)}-${mode}.cpuprofile`] : [];
        const out = execFileSync(process.execPath, [...flags, "--input-type=module", "-e", childScript, JSON.stringify([mode, t.dist, t.src])], { cwd: t.root, encoding: "utf8" });
        t.times[mode].push(JSON.parse(out).ms);
      }
    }
  }
} finally {
  for (const t of targets) rmSync(fileURLToPath(t.src), { force: true });
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
console.log(`process CPU ms, median of ${runs} fresh processes per cell (node ${process.version}, load average ${os.loadavg().map((x) => x.toFixed(2)).join(" ")})`);
console.log(["root".padEnd(28), ...MODES.map((m) => m.padStart(10)), "import+load".padStart(12)].join(""));
for (const t of targets) {
  const m = Object.fromEntries(MODES.map((k) => [k, median(t.times[k])]));
  const sum = median(t.times.import.map((x, i) => x + t.times.load[i]));
  console.log([path.basename(t.root).slice(0, 27).padEnd(28), ...MODES.map((k) => m[k].toFixed(1).padStart(10)), sum.toFixed(1).padStart(12)].join(""));
}
if (profDir) console.log(`CPU profiles of the first run in ${profDir}`);
