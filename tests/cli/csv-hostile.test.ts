import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, writeFileSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse/sync";
import { build } from "esbuild";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../helpers/cli.js";

/*
 * CSV in and out of the batch commands against awkward and hostile files (issue #18): the BOM, error rows
 * with their physical line numbers, quotes, commas and line ends in cells, Chinese text, and files meant
 * to exhaust the reader (a huge row, an unterminated quote, 100,000 columns), which get error rows within
 * bounded memory: the reader runs in a child process with a small heap on a 200 MB input.
 */

const dir = mkdtempSync(join(tmpdir(), "jjj-csv-hostile-"));
const ON = "2025-06-01";
const RULE = "sjz-2025/absorption-subsidy";
const HEAD = "contractAmount,transferMode,sourceRegion,enterpriseCity";
const GOOD = "1800000,license,beijing,shijiazhuang";

function file(name: string, text: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
const evalCsv = (path: string, ...more: string[]) => runCli(["eval", RULE, "--on", ON, "--no-explain", "--batch", path, ...more]);
const rowsOf = (text: string) => parse(text, { columns: true, bom: true }) as Record<string, string>[];

describe("CSV in and out: awkward files", () => {
  it("accepts a BOM on the input and writes one with --bom (Excel reads Chinese as UTF-8), not without", async () => {
    const path = file("bom.csv", "\ufeff" + `${HEAD}\n${GOOD}\n`);
    const plain = await evalCsv(path, "--format", "csv");
    expect(plain.code).toBe(0);
    expect(plain.stdout.startsWith("line,ruleId,")).toBe(true);
    expect(rowsOf(plain.stdout)[0]!["outcome.amount"]).toBe("140000.00");
    const bom = await evalCsv(path, "--format", "csv", "--bom");
    expect(bom.stdout.startsWith("\ufeffline,ruleId,")).toBe(true);
    expect(bom.stdout.slice(1)).toBe(plain.stdout);
    expect((await evalCsv(path, "--bom")).code).toBe(2); // --bom without --format csv
  });

  it("answers a bad row by an error row with its physical line, and goes on", async () => {
    // Line 3 starts a record whose quoted cell holds a line end (lines 3–4); line 5 is blank; line 6 is short.
    const path = file("errors.csv", `${HEAD}\n${GOOD}\n"1,800,000",license,"bei\njing",shijiazhuang\n\nabc,license,beijing\n${GOOD}\n`);
    const csv = await evalCsv(path, "--format", "csv");
    expect(csv.code).toBe(3);
    const rows = rowsOf(csv.stdout);
    expect(rows.map((r) => [r["line"], r["error.code"]])).toEqual([
      ["2", ""],
      ["3", "invalid_facts"],
      ["6", "invalid_csv"],
      ["7", ""],
    ]);
    expect(rows[1]!["error.message"]).toContain("remove the thousands separators");
    expect(rows[2]!["error.message"]).toContain("the row has 3 cells, the header has 4");
    expect(csv.stderr).toContain("line 6: the row has 3 cells");
    const jsonl = await evalCsv(path);
    expect(jsonl.stdout.trimEnd().split("\n").map((l) => (JSON.parse(l) as { line?: number }).line ?? null)).toEqual([null, 3, 6, null]);
  });

  it("keeps quotes, commas, line ends and Chinese text in cells, both ways", async () => {
    const text = '石家庄,"新区"\n二期';
    const path = file("quotes.csv", `subjectType,city,tookUpAchievement,subsidyBase,baseAmount,proportion\nenterprise,"${text.replaceAll('"', '""')}",true,contract-value,100,5%\n`);
    const r = await runCli(["eval", "hd-2018/county-subsidy", "--batch", path, "--on", ON, "--format", "csv"]);
    // The city is text the rule's pattern rejects, and the message quotes the very value read from the cell.
    expect(r.code).toBe(3);
    const row = rowsOf(r.stdout)[0]!;
    expect(row["line"]).toBe("2");
    expect(row["error.message"]).toContain(JSON.stringify(text));
    const ok = file("zh.csv", `type,city,contractAmount,transferMode,sourceRegion\nenterprise,shijiazhuang,1800000,license,beijing\n`);
    const out = rowsOf((await runCli(["match", "--batch", ok, "--on", ON, "--format", "csv", "--kind", "benefit"])).stdout);
    expect(out[0]!["title.zh"]).toBe("吸纳京津科技成果补助(技术转让、技术许可)");
    expect(out[0]!["amount"]).toBe("140000.00");
  });

  it("refuses a header with a repeated or empty name, and an input with no header, exit 2", async () => {
    expect((await evalCsv(file("dup.csv", `contractAmount,contractAmount\n1,2\n`))).stderr).toContain("twice");
    expect((await evalCsv(file("empty-name.csv", `contractAmount,,x\n1,2,3\n`))).code).toBe(2);
    expect((await evalCsv(file("nothing.csv", "\n\n"))).stderr).toContain("no header row");
  });

  it("reads --input-format csv from stdin only when asked; refuses an unknown format", async () => {
    expect((await evalCsv(file("x.txt", `${HEAD}\n${GOOD}\n`), "--input-format", "tsv")).code).toBe(2);
    const asCsv = await evalCsv(file("y.txt", `${HEAD}\n${GOOD}\n`), "--input-format", "csv");
    expect(asCsv.code).toBe(0);
    expect((JSON.parse(asCsv.stdout) as { outcome: { amount: string } }).outcome.amount).toBe("140000.00");
  });

  it("impact --cases reads CSV (with on and id columns) and writes one row per case", async () => {
    const path = file("impact.csv", `id,on,${HEAD}\nA,2025-06-01,1800000.10,license,beijing,shijiazhuang\nB,,x,license,beijing,shijiazhuang\n`);
    const r = await runCli(["impact", RULE, "--cases", path, "--set", "cap=100000", "--on", ON, "--format", "csv"]);
    expect(r.code).toBe(0);
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => [x["line"], x["id"], x["baseline.amount"], x["reform.amount"], x["change.amount"], x["error.code"]])).toEqual([
      ["2", "A", "140000.01", "100000.00", "-40000.01", ""],
      ["3", "", "", "", "", "bad_case"],
    ]);
    expect(r.stderr).toContain("amount: total 140,000.01 → 100,000.00 yuan");
  });
});

describe("CSV in: hostile files get error rows, in bounded memory", () => {
  it("a row longer than --max-line-bytes: an error row, the next row answered", async () => {
    const path = file("huge.csv", `${HEAD}\n${"9".repeat(3 << 20)},license,beijing,shijiazhuang\n${GOOD}\n`);
    const rows = rowsOf((await evalCsv(path, "--format", "csv")).stdout);
    expect(rows.map((r) => [r["line"], r["error.code"]])).toEqual([
      ["2", "line_too_long"],
      ["3", ""],
    ]);
    expect(rows[0]!["error.message"]).toContain("--max-line-bytes");
  });

  it("an unterminated quote: one error row at the line where it opens, not a hang", async () => {
    const path = file("unterminated.csv", `${HEAD}\n${GOOD}\n"1800000,license,beijing,shijiazhuang\n${`${GOOD}\n`.repeat(50_000)}`);
    const r = await evalCsv(path, "--format", "csv");
    const rows = rowsOf(r.stdout);
    expect(rows.map((x) => [x["line"], x["error.code"]])).toEqual([
      ["2", ""],
      ["3", "invalid_csv"],
    ]);
    expect(rows[1]!["error.message"]).toContain("unterminated quoted cell");
  });

  it("a stray quote inside an unquoted cell: an error row", async () => {
    const rows = rowsOf((await evalCsv(file("stray.csv", `${HEAD}\n18"00000,license,beijing,shijiazhuang\n${GOOD}\n`), "--format", "csv")).stdout);
    expect(rows.map((r) => [r["line"], r["error.code"]])).toEqual([
      ["2", "invalid_csv"],
      ["3", ""],
    ]);
  });

  it("a row of 100,000 cells: an error row naming both counts", async () => {
    const rows = rowsOf((await evalCsv(file("wide.csv", `${HEAD}\n${",".repeat(99_999)}\n${GOOD}\n`), "--format", "csv")).stdout);
    expect(rows[0]!["error.message"]).toContain("the row has 100000 cells, the header has 4");
    expect(rows[1]!["outcome.amount"]).toBe("140000.00");
  });

  describe("in a child process with a 64 MB heap, 200 MB of input", () => {
    let script: string;
    beforeAll(async () => {
      // The reader alone, bundled, reading stdin: a hostile 200 MB stream would need 200 MB+ if it were buffered.
      const entry = file("reader.ts", `import { readCsvRecords } from ${JSON.stringify(fileURLToPath(new URL("../../src/cli/csv-read.ts", import.meta.url)))};
let n = 0; const out = [];
for await (const r of readCsvRecords("-", process.stdin, 1 << 20)) { n++; if (r.error) out.push([r.line, r.code]); }
console.log(JSON.stringify({ n, errors: out.slice(0, 5) }));`);
      script = join(dir, "reader.mjs");
      await build({ entryPoints: [entry], bundle: true, platform: "node", format: "esm", outfile: script, logLevel: "silent" });
    }, 60_000);

    /** A file of the header and the body's chunks, written chunk by chunk (never held whole). */
    const feed = (header: string, body: (write: (s: string) => void) => void) => {
      const path = join(dir, `stream-${Math.random().toString(36).slice(2)}.csv`);
      const fd = openSync(path, "w");
      try {
        writeSync(fd, header);
        body((s) => void writeSync(fd, s));
      } finally {
        closeSync(fd);
      }
      return path;
    };
    const run = (input: string) => {
      const fd = openSync(input, "r");
      try {
        return spawnSync(process.execPath, ["--max-old-space-size=64", script], { stdio: [fd, "pipe", "pipe"], timeout: 60_000, encoding: "utf8" });
      } finally {
        closeSync(fd);
      }
    };

    it("an unterminated quote followed by 200 MB", () => {
      const path = feed(`${HEAD}\n"`, (w) => {
        const chunk = `${GOOD}\n`.repeat(10_000);
        for (let i = 0; i < Math.ceil((200 << 20) / chunk.length); i++) w(chunk);
      });
      const r = run(path);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ n: 1, errors: [[2, "invalid_csv"]] });
    }, 120_000);

    it("a single 200 MB row", () => {
      const path = feed(`${HEAD}\n`, (w) => {
        const chunk = "9".repeat(1 << 20);
        for (let i = 0; i < 200; i++) w(chunk);
        w(`,license,beijing,shijiazhuang\n${GOOD}\n`);
      });
      const r = run(path);
      expect(r.status, r.stderr).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ n: 2, errors: [[2, "line_too_long"]] });
    }, 120_000);
  });
});
