import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { csvRow, spreadsheetSafe } from "../../src/cli/batch-io.js";
import { runCli } from "../helpers/cli.js";

/*
 * CSV injection: a CSV the CLI writes is opened in a spreadsheet by analysts, so text echoed from a caller's
 * file (an impact case's `id`) must never run there as a formula. Text that starts like a formula gets a
 * leading `'`; signed decimals (exact amounts, `change.<field>`) stay numbers.
 */
const dir = mkdtempSync(join(tmpdir(), "jjj-csv-formula-"));
const HOSTILE = ["=1+2+cmd|' /C calc'!A0", "+SUM(A1:A9)", "-2+3+cmd", "@SUM(A1)", "\t=1", "\r=1", "=HYPERLINK(\"http://x\",\"y\")"];

describe("spreadsheetSafe", () => {
  it("prefixes text that starts like a formula with a quote", () => {
    for (const text of HOSTILE) expect(spreadsheetSafe(text), JSON.stringify(text)).toBe(`'${text}`);
  });

  it("leaves signed decimals, plain text and empty cells as they are", () => {
    for (const text of ["-40000.01", "+0.00", "-1", "140000.00", "0", "", "sjz-2025/absorption-subsidy", "2025-06-01", "a=b", "{\"a\":1}", "'quoted"]) {
      expect(spreadsheetSafe(text), JSON.stringify(text)).toBe(text);
    }
    // Not decimals: a sign and then anything else is text.
    for (const text of ["-1e5", "-", "+", "-1.", "-.5", "- 1"]) expect(spreadsheetSafe(text), JSON.stringify(text)).toBe(`'${text}`);
  });

  it("is applied to every cell of a CSV row, before quoting", () => {
    expect(csvRow(["1", "=a,b", "-5.00"])).toBe(`1,"'=a,b",-5.00`);
    expect(parse(csvRow(HOSTILE))).toEqual([HOSTILE.map((t) => `'${t}`)]);
  });

  it("quotes a cell holding a lone carriage return, which would otherwise end the row", () => {
    expect(csvRow(["a\rb", "c"])).toBe('"a\rb",c');
    expect(parse(csvRow(["a\rb", "c"]) + "\n" + csvRow(["d", "e"]))).toEqual([["a\rb", "c"], ["d", "e"]]);
  });
});

describe("the CLI's CSV output", () => {
  it("impact --cases echoes a hostile id as text, and keeps the signed change exact", async () => {
    const cases = join(dir, "cases.csv");
    const rows = HOSTILE.filter((t) => !/[\r\t"]/.test(t)).map((id) => `"${id}",3000000,license,tianjin,shijiazhuang`);
    writeFileSync(cases, ["id,contractAmount,transferMode,sourceRegion,enterpriseCity", ...rows].join("\n") + "\n");
    const r = await runCli(["impact", "sjz-2025/absorption-subsidy", "--cases", cases, "--set", "cap=100000", "--on", "2025-06-01", "--format", "csv"]);
    const table = parse(r.stdout, { columns: true }) as Record<string, string>[];
    expect(table.map((row) => row.id)).toEqual(HOSTILE.filter((t) => !/[\r\t"]/.test(t)).map((t) => `'${t}`));
    // 3,000,000 yuan: 100,000 + 100,000 before; capped at 100,000 by the reform.
    expect(table.map((row) => row["change.amount"])).toEqual(table.map(() => "-100000.00"));
  });
});
