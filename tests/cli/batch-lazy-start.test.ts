import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { CLI } from "../hostile/spawn-cli.js";

/*
 * Issue #20: a single `eval` imports only what it runs (src/cli/commands/index.ts imports each command
 * when it runs; eval imports the CSV batch, DuckDB and --why-not's analysis on use; the CLI bundles
 * date-fns rather than reading its ~250 modules). Checked on the built CLI (dist/cli.js) by a module
 * hook that records every module the process loads: a structural bound, not a time.
 */

const ID = "sjz-2025/absorption-subsidy";
const dir = mkdtempSync(join(tmpdir(), "jjj-lazy-start-"));
const hooks = join(dir, "hooks.mjs");
writeFileSync(hooks, `import { appendFileSync } from "node:fs";\nexport async function load(url, context, next) {\n  appendFileSync(process.env.JJJ_LOADED_LOG, url + "\\n");\n  return next(url, context);\n}\n`);
const register = join(dir, "register.mjs");
writeFileSync(register, `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
const facts = join(dir, "facts.json");
writeFileSync(facts, JSON.stringify({ contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }));

/** Run the built CLI and list the modules it loaded (file URLs; node: built-ins left out). */
function loaded(args: string[], name: string): { code: number | null; stdout: string; modules: string[] } {
  const log = join(dir, `${name}.log`);
  writeFileSync(log, "");
  const run = spawnSync(process.execPath, ["--import", pathToFileURL(register).href, CLI, ...args], {
    env: { ...process.env, JJJ_LOADED_LOG: log },
    encoding: "utf8",
    timeout: 60_000,
  });
  const modules = readFileSync(log, "utf8").split("\n").filter((u) => u.startsWith("file:"));
  return { code: run.status, stdout: run.stdout, modules };
}

/** Packages only some commands need. */
const HEAVY_PACKAGES = /\/node_modules\/(date-fns|@date-fns|csv-parse|csv-stringify|@duckdb|fastify|z3-solver|modern-tar|swagger-ui-dist)\//;
/** The CLI's chunks of other commands and of eval's optional parts (tsup.config.ts names them cli-<module>-<hash>.js). */
const OTHER_PARTS = /\/cli-(list|match|show|diff|impact|changelog|serve|replay|coverage|vectors|verify|chart|sql|why-not|batch-duckdb|eval-csv|batch-io)-[A-Z0-9]+\.js$/;

describe("a single eval from the CLI", () => {
  it("loads no other command, no CSV, DuckDB, analysis, server or date-fns package module", () => {
    const run = loaded(["eval", ID, "--facts", facts, "--on", "2025-06-01"], "eval");
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).outcome.amount).toBe("200000.00");
    expect(run.modules.some((u) => u.endsWith("/cli.js"))).toBe(true);
    expect(run.modules.filter((u) => HEAVY_PACKAGES.test(u))).toEqual([]);
    expect(run.modules.filter((u) => OTHER_PARTS.test(u))).toEqual([]);
  }, 90_000);

  it("loads --why-not's analysis when it is asked for, and every command for --help (the names above are the build's)", () => {
    const whyNot = loaded(["eval", ID, "--facts", facts, "--on", "2025-06-01", "--why-not", "--no-explain"], "why-not");
    expect(whyNot.code).toBe(0);
    expect(whyNot.modules.some((u) => /\/cli-why-not-[A-Z0-9]+\.js$/.test(u))).toBe(true);
    const help = loaded(["--help"], "help");
    expect(help.code).toBe(0);
    for (const command of ["list", "match", "show", "diff", "impact", "chart", "verify"]) {
      expect(help.modules.some((u) => new RegExp(`/cli-${command}-[A-Z0-9]+\\.js$`).test(u))).toBe(true);
    }
  }, 90_000);
});
