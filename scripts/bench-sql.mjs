#!/usr/bin/env node
// `npm run bench:sql` (issue #19), on the built package (run `npm run build` first): N subjects of
// sjz-2025/absorption-subsidy (default 10,000,000; BENCH_SQL_N to lower), written by DuckDB to Parquet
// and to JSON Lines; then, in one run, `eval --batch <parquet> --engine duckdb` against
// `eval --batch <jsonl> --no-explain`, both to /dev/null: rows per second and max RSS of each (GNU time).
// Target: DuckDB at least 5× faster, memory bounded. Prints figures; asserts nothing.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { openDuckDb } from "../dist/sql.js";

const N = Number(process.env.BENCH_SQL_N ?? 10_000_000);
const RULE = "sjz-2025/absorption-subsidy";
const ON = "2025-06-01";
const cli = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "jjj-bench-sql-"));
const parquet = join(dir, "subjects.parquet");
const jsonl = join(dir, "subjects.jsonl");

try {
  // Subjects made by DuckDB from a hash of the row number: amounts in fen up to 3,000,000 yuan (every
  // band and the threshold), the four regions and five modes, one in twenty outside Shijiazhuang.
  const db = await openDuckDb();
  const subjects = `SELECT
      printf('%d.%02d', (hash(i) % 300000000) // 100, (hash(i) % 300000000) % 100) AS "contractAmount",
      ['development', 'transfer', 'license', 'consulting', 'service'][CAST(1 + hash(i * 7) % 5 AS BIGINT)] AS "transferMode",
      ['beijing', 'tianjin', 'hebei', 'other'][CAST(1 + hash(i * 13) % 4 AS BIGINT)] AS "sourceRegion",
      CASE WHEN hash(i * 17) % 20 = 0 THEN 'handan' ELSE 'shijiazhuang' END AS "enterpriseCity"
    FROM range(${N}) AS t(i)`;
  let t = performance.now();
  await db.run(`COPY (${subjects}) TO '${parquet}' (FORMAT parquet)`);
  await db.run(`COPY (${subjects}) TO '${jsonl}' (FORMAT json)`);
  db.close();
  console.log(`${N.toLocaleString("en-US")} subjects of ${RULE}: Parquet ${(statSync(parquet).size / 1e6).toFixed(1)} MB, JSON Lines ${(statSync(jsonl).size / 1e6).toFixed(1)} MB (written in ${((performance.now() - t) / 1000).toFixed(1)} s)`);

  const run = (label, args) => {
    const started = performance.now();
    const r = spawnSync("/usr/bin/time", ["-f", "%U %S %M", process.execPath, cli, ...args], { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 26 });
    const seconds = (performance.now() - started) / 1000;
    const lines = r.stderr.trim().split("\n");
    const [user, sys, rss] = lines[lines.length - 1].split(" ").map(Number);
    const rssKb = rss;
    const cpu = user + sys;
    if (r.status !== 0 && r.status !== 3) throw new Error(`${label} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
    const rate = N / seconds;
    // CPU seconds (user + system, all threads) beside the wall time: on a shared machine the wall time moves with the load.
    console.log(`${label}: ${seconds.toFixed(1)} s wall, ${Math.round(rate).toLocaleString("en-US")} rows/s, ${cpu.toFixed(1)} CPU s, max RSS ${(rssKb / 1024).toFixed(0)} MB`);
    return { seconds, rate, rssKb, cpu };
  };
  const duck = run("eval --batch subjects.parquet --engine duckdb", ["eval", RULE, "--batch", parquet, "--on", ON, "--engine", "duckdb"]);
  const js = run("eval --batch subjects.jsonl --no-explain     ", ["eval", RULE, "--batch", jsonl, "--on", ON, "--no-explain"]);
  console.log(`DuckDB / JS: ${(duck.rate / js.rate).toFixed(2)}× the rows per second (target ≥ 5×), ${(js.cpu / duck.cpu).toFixed(2)}× less CPU time; max RSS ${(duck.rssKb / 1024).toFixed(0)} MB against ${(js.rssKb / 1024).toFixed(0)} MB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
