#!/usr/bin/env node
// Shows that the built package loads through both `import` and `require`, and that the CLI runs.
// Run after `npm run build`.
import { createRequire } from "node:module";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const fail = (msg) => {
  console.error(`check-dist: ${msg}`);
  process.exit(1);
};

const esm = await import(new URL("../dist/index.js", import.meta.url).href);
const cjs = createRequire(import.meta.url)("../dist/index.cjs");
for (const [name, lib] of [["import", esm], ["require", cjs]]) {
  const amount = lib.evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-06-01" }).outcome.amount;
  if (amount !== "200000.00") fail(`${name}: expected 200000.00, got ${amount}`);
  console.log(`check-dist: ${name}('jjj-policy-rules') → evaluate(...).outcome.amount = ${amount}`);
}
const out = execFileSync(process.execPath, [`${root}/dist/cli.js`, "eval", "sjz-2025/absorption-subsidy", "--facts", "-", "--on", "2025-06-01"], {
  input: JSON.stringify(facts),
}).toString();
const cliAmount = JSON.parse(out).outcome.amount;
if (cliAmount !== "200000.00") fail(`cli: expected 200000.00, got ${cliAmount}`);
console.log(`check-dist: dist/cli.js eval → outcome.amount = ${cliAmount}`);
for (const f of ["dist/index.d.ts", "dist/index.d.cts"]) {
  try {
    createRequire(import.meta.url).resolve(`../${f}`);
  } catch {
    fail(`${f} is missing`);
  }
}
console.log("check-dist: dist/index.d.ts and dist/index.d.cts present");
