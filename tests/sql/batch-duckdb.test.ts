import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { openDuckDb } from "../../src/sql/index.js";
import { runCli } from "../helpers/cli.js";
import { randomFacts } from "./differential.js";

/*
 * Issue #19: `eval --batch <file> --engine duckdb` prints, byte for byte, what `eval --batch --no-explain`
 * prints for the same JSON Lines (decisions, error records, exit code), and the same decisions from a
 * Parquet file of the same facts; `--format csv` has the shared layout.
 */
const dir = mkdtempSync(join(tmpdir(), "jjj-batch-duckdb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const RULES = ["sjz-2025/absorption-subsidy", "sjz-2018/researcher-startup-leave", "hd-2018/anti-collision-systems", "sjz-2018/incubators", "hd-2018/county-subsidy", "sjz-2018/meeting-travel-exemption"];

describe("eval --batch --engine duckdb", () => {
  for (const [k, id] of RULES.entries()) {
    it(`${id}: the same JSON Lines as the JS path, byte for byte`, async () => {
      const version = defaultEngine().ruleSet.version(id);
      const on = version.validFrom;
      const facts = randomFacts(version, on, 400, 99 + k);
      // A few lines the JS path answers with its own checks: an unknown key, a line that is not an object.
      facts.push({ ...facts[0]!, notAnInput: 1 });
      const text = facts.map((f) => JSON.stringify(f)).join("\n") + "\n[1]\n";
      const file = join(dir, `${k}.jsonl`);
      writeFileSync(file, text);
      const js = await runCli(["eval", id, "--batch", file, "--on", on, "--no-explain"]);
      const duck = await runCli(["eval", id, "--batch", file, "--on", on, "--engine", "duckdb"]);
      expect(duck.stdout.split("\n").length).toBe(facts.length + 2);
      expect(duck.stdout).toBe(js.stdout);
      expect(duck.code).toBe(js.code);
      expect(js.stdout).toContain('"error"'); // errors were exercised
      expect(js.stdout).toContain('"applicable":true');
      // The CSV layout (src/cli/decision-csv.ts) too, error rows included.
      const jsCsv = await runCli(["eval", id, "--batch", file, "--on", on, "--no-explain", "--format", "csv"]);
      const duckCsv = await runCli(["eval", id, "--batch", file, "--on", on, "--engine", "duckdb", "--format", "csv"]);
      expect(duckCsv.stdout.split("\n").length).toBe(facts.length + 3);
      expect(duckCsv.stdout).toBe(jsCsv.stdout);
      expect(duckCsv.code).toBe(jsCsv.code);
    }, 120_000);
  }

  it("reads Parquet (written by DuckDB) and prints the decisions the JS path prints for the same facts", async () => {
    const id = "sjz-2025/absorption-subsidy";
    const version = defaultEngine().ruleSet.version(id);
    const facts = randomFacts(version, "2025-06-01", 500, 7);
    const jsonl = join(dir, "p.jsonl");
    writeFileSync(jsonl, facts.map((f) => JSON.stringify(f)).join("\n") + "\n");
    const parquet = join(dir, "p.parquet");
    const db = await openDuckDb();
    await db.loadFacts("facts", version.file.inputs, facts);
    await db.run(`COPY (SELECT * EXCLUDE (row_id) FROM facts ORDER BY row_id) TO '${parquet}' (FORMAT parquet)`);
    db.close();
    const js = await runCli(["eval", id, "--batch", jsonl, "--on", "2025-06-01", "--no-explain"]);
    const duck = await runCli(["eval", id, "--batch", parquet, "--on", "2025-06-01", "--engine", "duckdb"]);
    const decisions = (out: string) => out.split("\n").filter((l) => l.startsWith('{"ruleId"'));
    expect(decisions(duck.stdout)).toEqual(decisions(js.stdout));
    expect(decisions(duck.stdout).length).toBeGreaterThan(200);
    const csv = await runCli(["eval", id, "--batch", parquet, "--on", "2025-06-01", "--engine", "duckdb", "--format", "csv"]);
    const jsCsv = await runCli(["eval", id, "--batch", jsonl, "--on", "2025-06-01", "--no-explain", "--format", "csv"]);
    const lines = csv.stdout.trim().split("\n");
    expect(lines[0]).toBe("line,ruleId,version,on,inForce,applicable,outcome.eligible,outcome.amount,error.code,error.message");
    const decided = (out: string) => out.split("\n").filter((l) => /^\d+,sjz-2025/.test(l));
    expect(decided(csv.stdout)).toEqual(decided(jsCsv.stdout));
    expect(decided(csv.stdout).length).toBeGreaterThan(200);
  }, 120_000);

  it("numbers the rows of a CSV file by their line, as the JS path does (the header is line 1)", async () => {
    const csvFile = join(dir, "c.csv");
    writeFileSync(csvFile, "contractAmount,transferMode,sourceRegion,enterpriseCity\n800000.00,transfer,beijing,shijiazhuang\n1200000,license,tianjin,shijiazhuang\n90000,service,hebei,handan\n");
    const args = ["eval", "sjz-2025/absorption-subsidy", "--batch", csvFile, "--on", "2025-06-01", "--format", "csv"];
    const js = await runCli([...args, "--no-explain"]);
    const duck = await runCli([...args, "--engine", "duckdb"]);
    expect(duck.stdout.split("\n")[1]).toMatch(/^2,sjz-2025/);
    expect(duck.stdout).toBe(js.stdout);
  });

  it("refuses --engine without --batch, another engine, another format, and an unknown file type, with exit 2", async () => {
    for (const args of [["--engine", "duckdb", "--facts", "x.json"], ["--batch", "x.jsonl", "--engine", "spark"], ["--batch", "x.jsonl", "--engine", "duckdb", "--format", "xml"], ["--batch", "x.txt", "--engine", "duckdb"]]) {
      const run = await runCli(["eval", "sjz-2025/absorption-subsidy", ...args, "--on", "2025-06-01"]);
      expect(run.code, args.join(" ")).toBe(2);
      expect(run.stderr).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
