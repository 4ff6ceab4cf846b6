#!/usr/bin/env node
// Issue #20's load target, alone: loading 10,000 generated untrusted rules with loadRuleSet (every check),
// as `BENCH_ONLY=load npm run bench` does, from an esbuild bundle of ROOT/src so that no build is needed.
//
//   node scripts/bench-load-untrusted.mjs [--runs N] [--count N] [--cpu-prof DIR] [--heap] [ROOT ...]
//
// Each ROOT is a checkout of this package (default: this one); pass two (say a `git worktree` of main with
// node_modules linked) to compare versions in one run: their runs alternate, each in a fresh child
// process, and the table gives the median process CPU time (user + system) of the load. Then the first read
// of the rule-set hash, timed apart (a tree that hashes on first read pays there, as a first decision does),
// and the peak RSS; with --heap (node --expose-gc) the heap the set holds after the load. Every checkout
// must give the same rule-set hash, or the script fails.
import { execFileSync } from "node:child_process";
import { rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";

const here = fileURLToPath(new URL("..", import.meta.url));
const esbuild = createRequire(import.meta.url)("esbuild");

const argv = process.argv.slice(2);
let runs = 3;
let count = 10_000;
let profDir;
let heap = false;
const roots = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--runs") runs = Number(argv[++i]);
  else if (argv[i] === "--count") count = Number(argv[++i]);
  else if (argv[i] === "--cpu-prof") profDir = path.resolve(argv[++i]);
  else if (argv[i] === "--heap") heap = true;
  else roots.push(path.resolve(argv[i]));
}
if (roots.length === 0) roots.push(here);

async function srcBundle(root, i) {
  const outfile = path.join(root, `.bench-load-untrusted-${process.pid}-${i}.mjs`);
  await esbuild.build({
    stdin: { contents: `export { loadRuleSet } from ${JSON.stringify(path.join(root, "src/catalog/load.ts"))};`, resolveDir: root, loader: "ts" },
    bundle: true,
    format: "esm",
    platform: "node",
    packages: "external",
    outfile,
    logLevel: "error",
  });
  return outfile;
}

// The rules as scripts/bench.mjs generates them: the shipped documents copied until there are `count` rules.
const childScript = String.raw`
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
const [bundle, root, count] = JSON.parse(process.argv[1]);
const letters = (k) => { let s = ""; do { s = String.fromCharCode(97 + (k % 26)) + s; k = Math.floor(k / 26); } while (k > 0); return s; };
const docs = readdirSync(join(root, "rules"), { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const shipped = docs.map((doc) => {
  const files = readdirSync(join(root, "rules", doc), { recursive: true }).filter((f) => /(^|\/)(document|inputs|v\d+)\.json$/.test(f)).sort();
  return { doc, files: files.map((f) => ({ path: f, json: JSON.parse(readFileSync(join(root, "rules", doc, f), "utf8")) })) };
});
const sources = [];
let rules = 0;
for (let k = 0; rules < count; k++) {
  for (const { doc, files } of shipped) {
    const id = k === 0 ? doc : doc + "-k" + k;
    const rename = (text) => text.replaceAll('"' + doc + "/", '"' + id + "/").replaceAll('"document":"' + doc + '"', '"document":"' + id + '"').replaceAll('"id":"' + doc + '"', '"id":"' + id + '"');
    for (const f of files) {
      const isRule = /v\d+\.json$/.test(f.path);
      if (isRule && rules >= count) continue;
      const json = JSON.parse(rename(JSON.stringify(f.json)));
      if (isRule && k > 0) json.subjects.places = (json.subjects.places ?? ["nowhere"]).map((p) => p + "-" + letters(k));
      if (isRule) rules++;
      sources.push({ path: id + "/" + f.path, json });
    }
  }
}
const { loadRuleSet } = await import(bundle);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
globalThis.gc?.();
const heap0 = process.memoryUsage().heapUsed;
const t0 = cpu();
const set = loadRuleSet(sources);
const ms = cpu() - t0;
if (set.ruleIds().length !== count) throw new Error("loaded " + set.ruleIds().length + " rules, not " + count);
// What the set holds after the load (with --heap): the sources stay alive, so this is the set's own share.
globalThis.gc?.();
const heap = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
// The rule-set hash, read after the load: a tree that hashes lazily pays here (on a first decision) what it saved.
const t1 = cpu();
const hash = set.hash;
const hashMs = cpu() - t1;
console.log(JSON.stringify({ ms, hashMs, hash, heap, maxRss: process.resourceUsage().maxRSS / 1024 }));
`;

const bundles = [];
for (const [i, root] of roots.entries()) bundles.push(await srcBundle(root, i));
const times = roots.map(() => []);
const results = roots.map(() => []);
try {
  for (let run = 0; run < runs; run++) {
    for (const [i, root] of roots.entries()) {
      const prof = [
        ...(profDir && run === 0 ? ["--cpu-prof", "--cpu-prof-dir", profDir] : []),
        ...(heap ? ["--expose-gc"] : []),
        ...(process.env.BENCH_NODE_FLAGS ? process.env.BENCH_NODE_FLAGS.split(" ") : []),
      ];
      const out = execFileSync(process.execPath, [...prof, "--input-type=module", "-e", childScript, JSON.stringify([bundles[i], root, count])], { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
      const result = JSON.parse(out);
      times[i].push(result.ms);
      results[i].push(result);
    }
  }
} finally {
  for (const b of bundles) rmSync(b, { force: true });
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const s = (ms) => (ms / 1000).toFixed(2);
for (const [i, root] of roots.entries()) {
  const r = results[i];
  console.log(`${root}: loading ${count} untrusted rules: median ${s(median(times[i]))} s CPU of ${runs} (${times[i].map(s).join(", ")}) (target ≤ 3 s)`);
  const extra = [`then reading the set hash: median ${s(median(r.map((x) => x.hashMs)))} s`, `load + hash ${s(median(r.map((x) => x.ms + x.hashMs)))} s`, `peak RSS ${median(r.map((x) => x.maxRss)).toFixed(0)} MB`];
  if (heap) extra.push(`heap held by the set after the load (before the hash is read) ${median(r.map((x) => x.heap)).toFixed(0)} MB`);
  console.log("  " + extra.join("; "));
}
// Every checkout must load the same set: the same rule-set hash.
const hashes = new Set(results.flat().map((x) => x.hash));
if (hashes.size !== 1) throw new Error(`the checkouts' rule-set hashes differ: ${[...hashes].join(", ")}`);
console.log(`rule-set hash (the same in every run): ${[...hashes][0]}`);
