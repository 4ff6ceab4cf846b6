import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import type { InputSpec } from "../../src/schema/rule-file.js";
import { runCli } from "../helpers/cli.js";
import { prng } from "../perf/generate.js";

/*
 * The CSV round trip of issue #18: the same cases as JSON Lines and as CSV give the same decisions (CSV in
 * → the JSON Lines output is byte-identical), and the CSV output read back equals the JSON Lines output
 * field by field, on 10,000 generated cases of the subsidy and 1,000 of rules with every other input type.
 */

const dir = mkdtempSync(join(tmpdir(), "jjj-csv-"));
const ON = "2025-06-01";

/** A small seeded generator (mulberry32, tests/perf/generate.ts), so a failure names a case that can be reproduced. */
const random = prng;

/**
 * One value of an input as JSON and as a CSV cell, both meaning the same: money and decimals as text
 * (digits with up to 2 decimals, sometimes thousands separators or words, which the engine rejects),
 * integers as numbers / digits, booleans, dates, enums and lists, sometimes absent (empty cell), sometimes
 * wrong (text the engine rejects, identically from both).
 */
function valueOf(spec: InputSpec, rnd: () => number): { json: unknown; cell: string } | undefined {
  const r = rnd();
  if (r < 0.04) return undefined;
  const wrong = r < 0.08;
  const keys = Object.keys(spec.values ?? {});
  const pick = () => keys[Math.floor(rnd() * keys.length)]!;
  const text = (t: string) => ({ json: t, cell: t });
  switch (spec.type) {
    case "money":
    case "decimal": {
      if (wrong) return text(rnd() < 0.5 ? "1,800,000" : "一百万");
      const int = String(Math.floor(rnd() * 4_000_000));
      const frac = rnd() < 0.5 ? "" : "." + String(Math.floor(rnd() * 100)).padStart(2, "0");
      return text(int + frac);
    }
    case "rate":
      return wrong ? text("ten percent") : text(`0.${String(Math.floor(rnd() * 100)).padStart(2, "0")}`);
    case "integer": {
      if (wrong) return text("1.5");
      const n = Math.floor(rnd() * 1000);
      return { json: n, cell: String(n) };
    }
    case "boolean":
      if (wrong) return text("yes");
      return rnd() < 0.5 ? { json: true, cell: "true" } : { json: false, cell: "false" };
    case "date":
      return wrong ? text("2025/06/01") : text(`202${Math.floor(rnd() * 6)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`);
    case "enum":
      return wrong ? text("不存在") : text(pick());
    case "enumList": {
      if (rnd() < 0.1) return { json: [], cell: "[]" };
      const list = [...new Set([pick(), pick()])];
      return { json: list, cell: list.join(",") };
    }
    case "string":
      return text(rnd() < 0.5 ? "石家庄,\"新区\"\n二期" : spec.pattern ? "shijiazhuang" : "text");
  }
}

/** N cases of a rule, as JSON Lines and as CSV (header = the input names), with the physical line where each CSV record starts. */
function casesOf(ruleId: string, n: number, seed: number): { jsonl: string; csv: string; starts: number[] } {
  const version = defaultEngine().ruleSet.versions(ruleId)[0]!;
  const inputs = Object.entries(version.file.inputs);
  const rnd = random(seed);
  const lines: string[] = [];
  const rows: string[][] = [inputs.map(([name]) => name)];
  for (let i = 0; i < n; i++) {
    const facts: Record<string, unknown> = {};
    const row: string[] = [];
    for (const [name, spec] of inputs) {
      const v = valueOf(spec, rnd);
      if (v !== undefined) facts[name] = v.json;
      row.push(v?.cell ?? "");
    }
    lines.push(JSON.stringify(facts));
    rows.push(row);
  }
  // An all-empty row of a one-column file would be a blank line (skipped): `""` keeps it a row.
  const texts = rows.map((row) => stringify([row], { quoted_empty: true }));
  const starts: number[] = [];
  let line = 1;
  texts.forEach((t, i) => {
    if (i > 0) starts.push(line);
    line += t.split("\n").length - 1; // a cell with a line end spans two physical lines
  });
  return { jsonl: lines.join("\n") + "\n", csv: texts.join(""), starts };
}

/** What a value of the JSON output reads as in a CSV cell (the layout of src/cli/decision-csv.ts). */
function asCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join(",");
  return String(value);
}

const RULES: [string, number][] = [
  ["sjz-2025/absorption-subsidy", 10_000],
  ["hd-2018/county-subsidy", 1000],
  ["sjz-2018/surplus-funds-retention", 1000],
  ["sjz-2025/industrial-chain-bases", 1000],
  ["hd-2018/invention-patents", 1000],
  ["bth-2025/achievement-supply-targets", 1000],
];

describe("eval --batch: CSV in and out reproduce JSON Lines", () => {
  it.each(RULES)("%s: %i cases", async (ruleId, n) => {
    const { jsonl, csv, starts } = casesOf(ruleId, n, n + ruleId.length);
    const base = join(dir, ruleId.replace("/", "_"));
    writeFileSync(`${base}.jsonl`, jsonl);
    writeFileSync(`${base}.csv`, csv);
    const common = ["eval", ruleId, "--on", ON, "--no-explain"];
    const fromJsonl = await runCli([...common, "--batch", `${base}.jsonl`]);
    const fromCsv = await runCli([...common, "--batch", `${base}.csv`]);
    const outLines = fromJsonl.stdout.trimEnd().split("\n");
    expect(outLines).toHaveLength(n);
    const failed = outLines.filter((l) => l.startsWith('{"line":')).length;
    // Both decided and rejected cases are in the run (the generator's wrong and absent values).
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(n);

    // CSV in: the same answers, in JSON Lines, except the line numbers of errors: the physical line where
    // the CSV record starts (after the header; a cell holding a line end makes a record two lines long).
    const a = fromCsv.stdout.split("\n").map((text, i) =>
      text.replace(/^\{"line":(\d+),/, (_m, k: string) => {
        expect(Number(k), `record ${i + 1}`).toBe(starts[i]);
        return `{"line":${i + 1},`;
      }),
    );
    const b = fromJsonl.stdout.split("\n");
    const first = a.findIndex((line, i) => line !== b[i]);
    expect(first === -1 ? "identical" : `line ${first + 1}: ${a[first]} ≠ ${b[first]}`).toBe("identical");
    expect(a.length).toBe(b.length);
    expect(fromCsv.code).toBe(fromJsonl.code);

    // CSV out: read back, field by field, equal to the JSON Lines out.
    const csvOut = await runCli([...common, "--batch", `${base}.jsonl`, "--format", "csv"]);
    const rows = parse(csvOut.stdout, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(n);
    const fields = Object.keys(defaultEngine().ruleSet.versions(ruleId)[0]!.file.outcome);
    expect(Object.keys(rows[0]!)).toEqual(["line", "ruleId", "version", "on", "inForce", "applicable", ...fields.map((f) => `outcome.${f}`), "error.code", "error.message"]);
    outLines.forEach((text, i) => {
      const json = JSON.parse(text) as Record<string, unknown> & { outcome?: Record<string, unknown>; error?: { code: string; message: string } };
      const row = rows[i]!;
      expect(row["line"]).toBe(String(i + 1));
      if (json.error) {
        expect([row["ruleId"], row["error.code"]]).toEqual(["", json.error.code]);
        expect(row["error.message"]).toContain(json.error.message.split("\n")[0]!.replace(/:$/, ""));
        return;
      }
      expect([row["ruleId"], row["version"], row["on"], row["inForce"], row["applicable"], row["error.code"]]).toEqual([
        json["ruleId"], String(json["version"]), json["on"], String(json["inForce"]), String(json["applicable"]), "",
      ]);
      for (const f of fields) expect(row[`outcome.${f}`], `line ${i + 1} outcome.${f}`).toBe(asCell(json.outcome![f]));
    });
  }, 120_000);

  it("a money cell keeps its exact text: never read through a float", async () => {
    // 899999999999999.99 is 900000000000000 as a float (floats are 0.125 apart there): the exact amount differs.
    const file = join(dir, "exact.csv");
    writeFileSync(file, "subjectType,city,tookUpAchievement,subsidyBase,baseAmount,proportion\nenterprise,handan,true,contract-value,899999999999999.99,100%\n");
    const r = await runCli(["eval", "hd-2018/county-subsidy", "--on", ON, "--batch", file, "--format", "csv"]);
    const rows = parse(r.stdout, { columns: true }) as Record<string, string>[];
    const facts = { subjectType: "enterprise", city: "handan", tookUpAchievement: true, subsidyBase: "contract-value", proportion: "1" };
    const exact = defaultEngine().evaluate("hd-2018/county-subsidy", { ...facts, baseAmount: "899999999999999.99" }, { on: ON }).outcome["amount"];
    const viaFloat = defaultEngine().evaluate("hd-2018/county-subsidy", { ...facts, baseAmount: Number("899999999999999.99") }, { on: ON }).outcome["amount"];
    expect(exact).not.toBe(viaFloat);
    expect(rows[0]!["outcome.amount"]).toBe(exact);
  });
});
