#!/usr/bin/env node
// Smoke test of the package as users get it: pack the tarball, install it into an empty project outside
// this repository (so only the tarball and its declared dependencies can resolve), then use it through
// `require`, `import`, the `jjj-policy-rules/testing` entry, the CLI (`npx jjj-policy-rules`) and
// TypeScript. Run after `npm run build` (`npm run test:package`; CI runs it from .ci/run).
// Installs with --prefer-offline: zod and decimal.js come from the npm cache that `npm ci` filled, or
// from the registry on a machine whose cache lacks them.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const keep = process.argv.includes("--keep");
const dir = mkdtempSync(join(tmpdir(), "jjj-smoke-"));
const project = join(dir, "project");
let failures = 0;

const log = (text) => console.log(`smoke: ${text}`);
function check(name, fn) {
  try {
    const detail = fn();
    log(`ok   ${name}${detail ? ` → ${detail}` : ""}`);
  } catch (error) {
    failures++;
    console.error(`smoke: FAIL ${name}\n${String(error?.stderr ?? "")}${error?.stack ?? error}`);
  }
}
function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { cwd: project, encoding: "utf8", ...options });
  if (r.error) throw r.error;
  return r;
}
function ok(cmd, args, options) {
  const r = run(cmd, args, options);
  if (r.status !== 0) throw Object.assign(new Error(`${cmd} ${args.join(" ")} exited ${r.status}`), { stderr: r.stderr });
  return r.stdout;
}
function assert(condition, message) {
  if (!condition) throw new Error(message);
}

const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };

try {
  if (!existsSync(join(root, "dist", "index.js"))) throw new Error("dist/ is missing: run `npm run build` first");

  // 1. Pack.
  const packed = JSON.parse(execFileSync(npm, ["pack", "--json", "--pack-destination", dir], { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }));
  const tarball = join(dir, packed[0].filename);
  const files = packed[0].files.map((f) => f.path);
  log(`packed ${packed[0].filename}: ${files.length} files, ${(packed[0].size / 1024).toFixed(0)} kB`);
  check("the tarball ships dist/, rules/ with the JSON Schemas, testing/ and no sources or tests", () => {
    for (const f of ["package.json", "README.md", "dist/index.js", "dist/index.cjs", "dist/index.d.ts", "dist/index.d.cts", "dist/testing.js", "dist/testing.cjs", "dist/testing.d.ts", "dist/testing.d.cts", "dist/analysis.js", "dist/analysis.cjs", "dist/analysis.d.ts", "dist/analysis.d.cts", "dist/engine.js", "dist/engine.cjs", "dist/engine.d.ts", "dist/engine.d.cts", "dist/schema.js", "dist/schema.cjs", "dist/schema.d.ts", "dist/schema.d.cts", "dist/rules/sjz-2025.js", "dist/rules/sjz-2025.cjs", "dist/rules/sjz-2025.d.ts", "dist/rules/sjz-2025.d.cts", "dist/rules/sjz-2025/absorption-subsidy.js", "dist/rules/sjz-2025/absorption-subsidy.cjs", "dist/rules/sjz-2025/absorption-subsidy.d.ts", "dist/rules/sjz-2025/absorption-subsidy.d.cts", "dist/rules/sjz-2025/document.js", "engine/package.json", "schema/package.json", "LICENSE", "CHANGELOG.md", "dist/cli.js", "rules/rule.schema.json", "rules/document.schema.json", "rules/sjz-2025/absorption-subsidy/v1.json", "testing/package.json", "rule-details.json", "vectors.json", "vectors.schema.json", "dist/verify.js", "dist/verify.cjs", "dist/verify.d.ts", "dist/verify.d.cts", "verify/package.json", "dist/chart.js", "dist/chart.cjs", "dist/chart.d.ts", "dist/chart.d.cts", "chart/package.json", "dist/sql.js", "dist/sql.cjs", "dist/sql.d.ts", "dist/sql.d.cts", "sql/package.json"]) {
      assert(files.includes(f), `missing ${f}`);
    }
    // docs/*.md ship (README links to them on unpkg, see tests/docs/readme-links.test.ts); nothing else of docs/.
    const stray = files.filter((f) => /^(src|tests|scripts)\//.test(f) || (/^docs\//.test(f) && !/^docs\/(rules\/)?[^/]+\.md$/.test(f)));
    assert(stray.length === 0, `unexpected files: ${stray.slice(0, 5).join(", ")}`);
    return `${files.filter((f) => f.startsWith("rules/")).length} rule files`;
  });
  check("every file README links to on unpkg is in the tarball", () => {
    const version = packed[0].version;
    const readme = readFileSync(join(root, "README.md"), "utf8");
    const targets = [...readme.matchAll(new RegExp(`https://unpkg\\.com/jjj-policy-rules@${version.replace(/\./g, "\\.")}/([^)#\\s]+)`, "g"))].map((m) => m[1]);
    assert(targets.length > 5, "README has no links to the package's docs");
    const missing = targets.filter((t) => !files.includes(t));
    assert(missing.length === 0, `README links to files the tarball lacks: ${missing.join(", ")}`);
    return `${new Set(targets).size} files`;
  });

  // 2. Install into an empty project outside the repository.
  execFileSync("mkdir", ["-p", project]);
  writeFileSync(join(project, "package.json"), JSON.stringify({ name: "jjj-smoke", version: "1.0.0", private: true }, null, 2));
  ok(npm, ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", tarball]);
  check("dependencies zod, decimal.js and date-fns resolve from the installed project", () => {
    const out = ok(process.execPath, ["-e", "for (const d of ['zod', 'decimal.js', 'date-fns', '@date-fns/utc']) console.log(d, require(d + '/package.json').version, require.resolve(d))"]);
    assert(out.includes(dir), `resolved outside the project: ${out}`);
    return out.trim().split("\n").map((l) => l.split(" ").slice(0, 2).join("@")).join(", ");
  });

  // 3. require (CommonJS).
  check("require('jjj-policy-rules') evaluates a decision", () => {
    const out = ok(process.execPath, ["-e", `
      const lib = require("jjj-policy-rules");
      const d = lib.evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" });
      if (d.outcome.amount !== "200000.00") throw new Error("amount " + d.outcome.amount);
      if (!(lib.InvalidFactsError.prototype instanceof lib.PolicyError)) throw new Error("error classes");
      console.log(d.outcome.amount, require("jjj-policy-rules/package.json").version);`]);
    return out.trim();
  });
  check("require('jjj-policy-rules/testing') and the shipped rule JSON", () => {
    const out = ok(process.execPath, ["-e", `
      const t = require("jjj-policy-rules/testing");
      const n = t.getTestVectors().length;
      if (!(n > 0)) throw new Error("no vectors");
      const rule = require("jjj-policy-rules/rule-files/sjz-2025/absorption-subsidy/v1.json");
      const schema = require("jjj-policy-rules/rule-files/rule.schema.json");
      if (rule.$schema !== "../../rule.schema.json" || !schema.$defs) throw new Error("rule files");
      const exported = require("jjj-policy-rules/vectors.json");
      if (!(exported.vectors.some((v) => v.generated) && require("jjj-policy-rules/vectors.schema.json").$defs.vector)) throw new Error("vectors.json");
      console.log(n + " vectors, " + exported.count + " in vectors.json");`]);
    return out.trim();
  });

  check("require('jjj-policy-rules/analysis'): the exact threshold along one input", () => {
    const out = ok(process.execPath, ["-e", `
      const a = require("jjj-policy-rules/analysis");
      const w = a.whatWouldChange("sjz-2025/absorption-subsidy", ${JSON.stringify({ ...facts, contractAmount: "450000" })}, { on: "2025-06-01", goal: "eligible" });
      console.log(JSON.stringify(w).includes("500000.00") ? "500000.00 needed" : JSON.stringify(w).slice(0, 300));`]);
    assert(out.trim() === "500000.00 needed", out);
    return out.trim();
  });

  check("require('jjj-policy-rules/chart'): the SVG chart of the exact curve, breakpoints labelled", () => {
    const out = ok(process.execPath, ["-e", `
      const a = require("jjj-policy-rules/analysis");
      const { curveSvg } = require("jjj-policy-rules/chart");
      const curve = a.amountCurve("sjz-2025/absorption-subsidy", ${JSON.stringify({ ...facts, contractAmount: "450000" })}, "contractAmount", { on: "2025-06-01" });
      const svg = curveSvg(curve, { mark: "450000", lang: "en" });
      const at = [...svg.matchAll(/class="breakpoint"[^>]*data-at="([^"]*)"/g)].map((m) => m[1]);
      if (!svg.startsWith("<svg") || at.join() !== curve.fields.amount.breakpoints.map((b) => b.at).join()) throw new Error(at.join());
      console.log(at.length + " breakpoints: " + at.join(", "));`]);
    return out.trim();
  });

  check("require('jjj-policy-rules/sql'): a rule compiled to SQL without loading DuckDB, then run on DuckDB", () => {
    const out = ok(process.execPath, ["-e", `
      const s = require("jjj-policy-rules/sql");
      const q = s.toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01", dialect: "postgres", table: "contracts" });
      if (!q.sql.includes('FROM "contracts"') || !q.columns.some((c) => c.name === "outcome.amount")) throw new Error("sql");
      if (Object.keys(require.cache).some((k) => k.includes("@duckdb"))) throw new Error("the sql entry loaded @duckdb/node-api before a query ran");
      s.evaluateOnDuckDb(s.toSql("sjz-2025/absorption-subsidy", { on: "2025-06-01", keep: ["row_id"] }), require("jjj-policy-rules/rule-files/sjz-2025/absorption-subsidy/v1.json").inputs, [${JSON.stringify(facts)}])
        .then((rows) => console.log(rows[0]["outcome.amount"] + " from DuckDB"));`]);
    assert(out.trim() === "200000.00 from DuckDB", out);
    return out.trim();
  });

  check("require('jjj-policy-rules/engine') with one rule module and one document module; require('jjj-policy-rules/schema')", () => {
    const out = ok(process.execPath, ["-e", `
      const { createEngine, evaluateIn, loadBundledRules, PolicyError } = require("jjj-policy-rules/engine");
      const one = require("jjj-policy-rules/rules/sjz-2025/absorption-subsidy");
      const doc = require("jjj-policy-rules/rules/sjz-2025");
      const engine = createEngine(loadBundledRules(one.RULES));
      const d = engine.evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" });
      if (d.outcome.amount !== "200000.00") throw new Error("amount " + d.outcome.amount);
      if (engine.ruleSet.ruleIds().length !== 1) throw new Error("one rule expected");
      const f = evaluateIn(loadBundledRules(one.RULES), "sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" });
      if (f.outcome.amount !== "200000.00") throw new Error("evaluateIn amount " + f.outcome.amount);
      const n = createEngine(loadBundledRules(doc.RULES, one.RULES)).ruleSet.ruleIds().length;
      const { RuleFileSchema } = require("jjj-policy-rules/schema");
      const main = require("jjj-policy-rules");
      if ("RuleFileSchema" in main) throw new Error("the main entry still exports the zod schemas");
      if (!RuleFileSchema.safeParse(require("jjj-policy-rules/rule-files/sjz-2025/absorption-subsidy/v1.json")).success) throw new Error("schema");
      console.log(d.outcome.amount + ", " + n + " rules of sjz-2025");`]);
    return out.trim();
  });

  check("require('jjj-policy-rules/verify'): the cap of a shipped rule proven with z3", () => {
    const out = ok(process.execPath, ["-e", `
      const v = require("jjj-policy-rules/verify");
      v.verifyRule("sjz-2025/absorption-subsidy").then((r) => {
        const bounds = r.versions[0].properties.find((p) => p.kind === "bounds");
        console.log(bounds && bounds.status === "proven" && r.refuted === 0 ? "bounds proven" : JSON.stringify(r).slice(0, 300));
        process.exit(0);
      });`]);
    assert(out.trim() === "bounds proven", out);
    return out.trim();
  });

  // 4. import (ESM).
  check("import from 'jjj-policy-rules/engine', 'jjj-policy-rules/rules/…' and 'jjj-policy-rules/schema'", () => {
    const out = ok(process.execPath, ["--input-type=module", "-e", `
      import { createEngine, evaluateIn, loadBundledRules } from "jjj-policy-rules/engine";
      import { RULES } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";
      import { RULES as DOCUMENT } from "jjj-policy-rules/rules/sjz-2025/document";
      import { SubjectProfileSchema } from "jjj-policy-rules/schema";
      const engine = createEngine(loadBundledRules(RULES, DOCUMENT));
      const d = engine.evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" });
      if (d.outcome.amount !== "200000.00") throw new Error("amount " + d.outcome.amount);
      if (!SubjectProfileSchema.safeParse({ type: "enterprise" }).success) throw new Error("schema");
      if (evaluateIn(loadBundledRules(RULES), "sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" }).outcome.amount !== "200000.00") throw new Error("evaluateIn");
      // The worked examples are not in the rule module: read from the installed package's rule-details.json.
      if (!(engine.getRule("sjz-2025/absorption-subsidy").file.examples.length > 0)) throw new Error("examples");
      console.log(d.outcome.amount, d.provenance.ruleHash.slice(0, 15));`]);
    return out.trim();
  });

  check("import from 'jjj-policy-rules' and 'jjj-policy-rules/testing'", () => {
    const out = ok(process.execPath, ["--input-type=module", "-e", `
      import { evaluate, listRules } from "jjj-policy-rules";
      import { checkImplementation } from "jjj-policy-rules/testing";
      const d = evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" });
      if (d.outcome.amount !== "200000.00") throw new Error("amount " + d.outcome.amount);
      const report = await checkImplementation({ document: "sjz-2025" }, (f, { on, ruleId }) => evaluate(ruleId, f, { on }));
      if (!report.ok) throw new Error(JSON.stringify(report.mismatches.slice(0, 3)));
      console.log(d.outcome.amount, listRules({ on: "2025-06-01" }).length + " rules in force", report.checked + " vectors pass");`]);
    return out.trim();
  });

  // 5. The CLI, through npx.
  check("npx jjj-policy-rules eval prints the decision and exits 0", () => {
    const out = ok("npx", ["--no-install", "jjj-policy-rules", "eval", "sjz-2025/absorption-subsidy", "--facts", "-", "--on", "2025-06-01"], { input: JSON.stringify(facts) });
    const d = JSON.parse(out);
    assert(d.outcome.amount === "200000.00" && d.inForce === true, out.slice(0, 200));
    return `amount ${d.outcome.amount}`;
  });
  check("npx jjj-policy-rules eval with invalid facts exits 2 and names the field", () => {
    const r = run("npx", ["--no-install", "jjj-policy-rules", "eval", "sjz-2025/absorption-subsidy", "--facts", "-", "--on", "2025-06-01"], { input: JSON.stringify({ ...facts, transferMode: "gift" }) });
    assert(r.status === 2, `exit ${r.status}`);
    assert(/transferMode/.test(r.stderr) && r.stdout === "", r.stderr);
    return `exit 2: ${r.stderr.split("\n").find((l) => l.includes("transferMode")).trim()}`;
  });
  check("npx jjj-policy-rules list --json", () => {
    const listed = JSON.parse(ok("npx", ["--no-install", "jjj-policy-rules", "list", "--on", "2025-06-01", "--json"]));
    assert(Array.isArray(listed.rules) && listed.rules.length > 0, "empty list");
    return `${listed.rules.length} rules in force on 2025-06-01`;
  });

  // 6. TypeScript, against the installed declarations: typed facts, ESM and CJS.
  const tsc = join(root, "node_modules", "typescript", "bin", "tsc");
  writeFileSync(
    join(project, "consumer.mts"),
    `import { evaluate, type Decision } from "jjj-policy-rules";
import { getTestVectors, type TestVector } from "jjj-policy-rules/testing";
import { amountCurve } from "jjj-policy-rules/analysis";
import { createEngine, loadBundledRules, type Engine } from "jjj-policy-rules/engine";
import { RULES, VERSIONS } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";
import { RULES as SJZ } from "jjj-policy-rules/rules/sjz-2025";
import { RuleFileSchema, type RuleFile } from "jjj-policy-rules/schema";
void amountCurve;
const engine: Engine = createEngine(loadBundledRules(RULES, SJZ, VERSIONS));
const eligible: boolean = evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}).outcome.eligible;
const file: RuleFile | undefined = RuleFileSchema.safeParse({}).data;
// @ts-expect-error the zod schemas are not in the main entry any more
import { RuleFileSchema as gone } from "jjj-policy-rules";
void gone;
export { engine, eligible, file };
const d: Decision = evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" });
// @ts-expect-error a wrong enum value
evaluate("sjz-2025/absorption-subsidy", { ...${JSON.stringify(facts)}, transferMode: "gift" });
// @ts-expect-error a wrong field name
evaluate("sjz-2025/absorption-subsidy", { contractValue: "1", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "x" });
const v: TestVector[] = getTestVectors();
export { d, v };
// The engine entry's functions over rule modules: ids, facts and outcomes typed from the modules' declarations.
import { evaluateIn, getRuleIn } from "jjj-policy-rules/engine";
const lean = loadBundledRules(RULES);
const leanAmount: string = evaluateIn(lean, "sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}, { on: "2025-06-01" }).outcome.amount;
// @ts-expect-error a misspelt id
evaluateIn(lean, "sjz-2025/absorption-subsidi", {});
// @ts-expect-error a rule of another module
getRuleIn(lean, "hd-2018/trading-subsidy");
const sjzRules = loadBundledRules(SJZ);
const share = getRuleIn(sjzRules, "sjz-2025/absorption-share").id;
export { leanAmount, share };
`,
  );
  writeFileSync(
    join(project, "consumer.cts"),
    `import lib = require("jjj-policy-rules");
import testing = require("jjj-policy-rules/testing");
import engineEntry = require("jjj-policy-rules/engine");
import rule = require("jjj-policy-rules/rules/sjz-2025/absorption-subsidy");
import schemas = require("jjj-policy-rules/schema");
const cjsEngine: engineEntry.Engine = engineEntry.createEngine(engineEntry.loadBundledRules(rule.RULES));
const lean: engineEntry.Decision = engineEntry.evaluateIn(cjsEngine.ruleSet, "sjz-2025/absorption-subsidy", {});
const parsed: boolean = schemas.DocumentFileSchema.safeParse({}).success;
export const more = { cjsEngine, parsed, lean };
const amount: string | number | boolean | string[] | null | undefined = lib.evaluate("sjz-2025/absorption-subsidy", ${JSON.stringify(facts)}).outcome["amount"];
// @ts-expect-error a wrong enum value
lib.evaluate("sjz-2025/absorption-subsidy", { ...${JSON.stringify(facts)}, sourceRegion: "shanghai" });
export const counts = { amount, vectors: testing.getTestVectors().length };
`,
  );
  for (const resolution of [["nodenext", "nodenext"], ["esnext", "bundler"]]) {
    check(`TypeScript (module ${resolution[0]}, moduleResolution ${resolution[1]}) checks facts against the installed types`, () => {
      const files = resolution[1] === "bundler" ? ["consumer.mts"] : ["consumer.mts", "consumer.cts"];
      const config = `tsconfig.${resolution[1]}.json`;
      const compilerOptions = { noEmit: true, strict: true, module: resolution[0], moduleResolution: resolution[1], target: "es2022", types: [], skipLibCheck: false };
      writeFileSync(join(project, config), JSON.stringify({ compilerOptions, files }));
      const r = run(process.execPath, [tsc, "-p", config]);
      assert(r.status === 0, `tsc reported:\n${r.stdout}${r.stderr}`);
      return files.join(", ");
    });
  }
} catch (error) {
  failures++;
  console.error(`smoke: FAIL ${error?.stack ?? error}\n${error?.stderr ?? ""}`);
} finally {
  if (keep) log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}

if (failures > 0) {
  console.error(`smoke: ${failures} check(s) failed`);
  process.exit(1);
}
log("all checks passed");
