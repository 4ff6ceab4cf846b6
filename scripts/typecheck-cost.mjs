#!/usr/bin/env node
// What the package's types cost a TypeScript user (issue #15): type-check a 5-line consumer file that
// evaluates a rule, and an empty file, each in an empty project whose node_modules holds the BUILT package
// (dist/*.d.ts, through the exports map), with TypeScript's default `skipLibCheck: false`, `strict` and
// `moduleResolution: nodenext`. tsc --extendedDiagnostics gives each run's time and memory; each file is
// checked ROUNDS times, alternating, and the medians are compared. Prints the figures and the ratios.
// Asserts the memory ratio (memory is a count of what the checker holds, the same on any machine) and
// prints the time ratio (wall time on a shared machine moves with its load; `--assert-time` asserts it too).
// Usage: node scripts/typecheck-cost.mjs [--rounds N] [--assert-time]   (run after `npm run build`)
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const arg = (name) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const ROUNDS = Number(arg("--rounds") ?? 3);

/** The limits of issue #15: the consumer file may cost at most this much more than an empty file. */
export const MAX_TIME_RATIO = 1.5;
export const MAX_MEMORY_RATIO = 1.3;

const CONSUMER = `import { evaluate } from "jjj-policy-rules";
const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" } as const;
const d = evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-06-01" });
const e: boolean = d.outcome.eligible;
export { e };
`;

if (!existsSync(join(root, "dist", "index.d.ts"))) {
  console.error("typecheck-cost: dist/ is missing: run `npm run build` first");
  process.exit(1);
}
const dir = mkdtempSync(join(tmpdir(), "jjj-typecheck-"));
mkdirSync(join(dir, "node_modules"));
symlinkSync(root, join(dir, "node_modules", "jjj-policy-rules"), "dir");
writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "consumer", private: true, type: "module" }));
writeFileSync(join(dir, "consumer.ts"), CONSUMER);
writeFileSync(join(dir, "empty.ts"), "export {};\n");
const compilerOptions = { noEmit: true, strict: true, skipLibCheck: false, target: "es2022", module: "nodenext", moduleResolution: "nodenext", types: [] };
for (const name of ["empty", "consumer"]) writeFileSync(join(dir, `tsconfig.${name}.json`), JSON.stringify({ compilerOptions, files: [`${name}.ts`] }));

/** One tsc run over one file: its total time (s) and memory (K), from --extendedDiagnostics. */
function check(file) {
  const args = [tsc, "--extendedDiagnostics", "-p", `tsconfig.${file.replace(/\.ts$/, "")}.json`];
  let out;
  try {
    out = execFileSync(process.execPath, args, { cwd: dir, encoding: "utf8" });
  } catch (error) {
    throw new Error(`tsc failed on ${file}:\n${error.stdout ?? ""}${error.stderr ?? ""}`);
  }
  const figure = (name) => {
    const m = new RegExp(`^${name}:\\s+([\\d.]+)`, "m").exec(out);
    if (!m) throw new Error(`no "${name}" in tsc's diagnostics:\n${out}`);
    return Number(m[1]);
  };
  return { time: figure("Total time"), memory: figure("Memory used"), files: figure("Files"), types: figure("Types") };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
let failed = false;
try {
  const runs = { empty: [], consumer: [] };
  for (let i = 0; i < ROUNDS; i++) {
    runs.empty.push(check("empty.ts"));
    runs.consumer.push(check("consumer.ts"));
  }
  const summary = {};
  for (const [name, list] of Object.entries(runs)) {
    summary[name] = { time: median(list.map((r) => r.time)), memory: median(list.map((r) => r.memory)), files: list[0].files, types: list[0].types };
  }
  const timeRatio = summary.consumer.time / summary.empty.time;
  const memoryRatio = summary.consumer.memory / summary.empty.memory;
  console.log(`tsc ${createRequire(import.meta.url)("typescript/package.json").version}, skipLibCheck false, strict, nodenext; median of ${ROUNDS} runs each:`);
  for (const [name, s] of Object.entries(summary)) {
    console.log(`  ${name.padEnd(8)} ${s.time.toFixed(2)} s, ${(s.memory / 1024).toFixed(0)} MB, ${s.files} files, ${s.types} types`);
  }
  console.log(`  time ratio ${timeRatio.toFixed(2)}× (target ≤ ${MAX_TIME_RATIO}×${process.argv.includes("--assert-time") ? ", asserted" : ", printed, not asserted"})`);
  console.log(`  memory ratio ${memoryRatio.toFixed(2)}× (limit ≤ ${MAX_MEMORY_RATIO}×, asserted)`);
  if (memoryRatio > MAX_MEMORY_RATIO) {
    console.error(`typecheck-cost: the consumer file costs ${memoryRatio.toFixed(2)}× the memory of an empty file, more than ${MAX_MEMORY_RATIO}×`);
    failed = true;
  }
  if (process.argv.includes("--assert-time") && timeRatio > MAX_TIME_RATIO) {
    console.error(`typecheck-cost: the consumer file costs ${timeRatio.toFixed(2)}× the time of an empty file, more than ${MAX_TIME_RATIO}×`);
    failed = true;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
if (failed) process.exit(1);
