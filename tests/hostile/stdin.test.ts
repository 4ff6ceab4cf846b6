import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { splitLines } from "../../src/cli/jsonl.js";
import { MAX_INPUT_BYTES, MAX_LINE_BYTES } from "../../src/cli/limits.js";
import { hasRawControlBytes, runCli, writeZeros } from "./spawn-cli.js";

// Items 8 and 9 of issue #11: nothing read from stdin or a file may grow without bound. --facts and
// --profile stop at MAX_INPUT_BYTES (--max-input-bytes); a --batch or --cases line longer than
// MAX_LINE_BYTES (--max-line-bytes) is answered by an error record and the run goes on.

const RULE = "sjz-2025/absorption-subsidy";
const FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const dir = mkdtempSync(join(tmpdir(), "jjj-stdin-"));

describe("--facts and --profile are read with a byte limit", () => {
  it("endless zeros on stdin (cat /dev/zero | … --facts -): exit 2 naming --max-input-bytes, bounded memory", async () => {
    const r = await runCli(["eval", RULE, "--facts", "-", "--on", "2025-06-01"], { stdin: writeZeros(256 * 1024 * 1024), timeoutMs: 60_000 });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-input-bytes");
    expect(r.stderr).toContain("上限");
    expect(r.stderr).not.toContain("internal error");
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(hasRawControlBytes(r.stderr)).toBe(false);
    expect(r.maxRssMb).toBeLessThan(400);
  }, 90_000);

  it("--facts /dev/zero stops at the limit too", async () => {
    const r = await runCli(["eval", RULE, "--facts", "/dev/zero", "--on", "2025-06-01"], { timeoutMs: 60_000 });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-input-bytes");
    expect(r.maxRssMb).toBeLessThan(400);
  }, 90_000);

  it("the limit is MAX_INPUT_BYTES by default and --max-input-bytes changes it (both ways)", async () => {
    const padded = JSON.stringify(FACTS) + " ".repeat(MAX_INPUT_BYTES); // valid JSON, just over the default
    const path = join(dir, "padded.json");
    writeFileSync(path, padded);
    const over = await runCli(["eval", RULE, "--facts", path, "--on", "2025-06-01"]);
    expect(over.code).toBe(2);
    expect(over.stderr).toContain("--max-input-bytes");
    const raised = await runCli(["eval", RULE, "--facts", path, "--on", "2025-06-01", "--max-input-bytes", String(2 * MAX_INPUT_BYTES)]);
    expect(raised.code).toBe(0);
    expect(JSON.parse(raised.stdout).outcome.eligible).toBe(true);
    const small = await runCli(["match", "--profile", "-", "--max-input-bytes", "10"], { stdin: JSON.stringify({ type: "enterprise" }) });
    expect(small.code).toBe(2);
    expect(small.stderr).toContain("stdin is larger than 10 bytes");
  }, 90_000);
});

describe("--batch and --cases lines are split with a byte limit", () => {
  const good = JSON.stringify(FACTS);
  const long = JSON.stringify({ ...FACTS, note: "x".repeat(MAX_LINE_BYTES) }); // valid JSON, over the limit

  it("eval --batch: an over-long line gets a line_too_long record on its line; the lines after it are answered", async () => {
    const r = await runCli(["eval", RULE, "--batch", "-", "--on", "2025-06-01", "--no-explain"], { stdin: `${good}\n${long}\n${good}\n` });
    expect(r.code).toBe(3);
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out).toHaveLength(3);
    expect(out[0].outcome.eligible).toBe(true);
    expect(out[1]).toMatchObject({ line: 2, error: { code: "line_too_long" } });
    expect(out[2].outcome.eligible).toBe(true);
    expect(r.stderr).toContain("line 2: line longer than 1 MiB");
    const raised = await runCli(["eval", RULE, "--batch", "-", "--on", "2025-06-01", "--no-explain", "--max-line-bytes", String(2 * MAX_LINE_BYTES)], {
      stdin: `${good}\n${long}\n`,
    });
    expect(raised.stdout.trim().split("\n").map((l) => JSON.parse(l).error?.code)).toEqual([undefined, "invalid_facts"]);
  }, 60_000);

  it("match --batch: a 300 MB line without a newline is skipped as it streams, in bounded memory", async () => {
    const profile = JSON.stringify({ type: "enterprise", city: "shijiazhuang" });
    const r = await runCli(["match", "--batch", "-", "--on", "2025-06-01"], {
      timeoutMs: 120_000,
      stdin: writeZeros(300 * 1024 * 1024, `${profile}\n[`, `]\n${profile}\n`),
    });
    expect(r.timedOut).toBe(false);
    expect(r.code).toBe(3);
    const out = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(out.map((o) => o.error?.code ?? "answered")).toEqual(["answered", "line_too_long", "answered"]);
    expect(r.maxRssMb).toBeLessThan(400);
  }, 150_000);

  it("impact --cases: an over-long line is a bad line, the others are counted", async () => {
    const r = await runCli(["impact", RULE, "--cases", "-", "--set", "cap=800000", "--on", "2025-06-01", "--json"], { stdin: `${good}\n${long}\n${good}\n` });
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.lines).toBe(3);
    expect(report.evaluated).toBe(2);
    expect(report.badLineList).toEqual([{ line: 2, message: expect.stringContaining("--max-line-bytes") }]);
  }, 60_000);
});

describe("splitLines", () => {
  const lines = async (chunks: (string | Buffer)[], max: number) => {
    const out = [];
    for await (const l of splitLines(Readable.from(chunks), max)) out.push(l.tooLong ? `#${l.line} too long` : `#${l.line} ${l.text}`);
    return out;
  };

  it("splits at \\n, drops the \\r of \\r\\n, keeps blank lines in the numbering, and ends without a final newline", async () => {
    expect(await lines(["a\r\nb", "c\n\nd"], 10)).toEqual(["#1 a", "#2 bc", "#3 ", "#4 d"]);
  });

  it("joins a UTF-8 character split across chunks", async () => {
    const bytes = Buffer.from("技术转移\n");
    expect(await lines([bytes.subarray(0, 4), bytes.subarray(4)], 100)).toEqual(["#1 技术转移"]);
  });

  it("accepts a line of exactly the limit and refuses one byte more, skipping the rest of it across chunks", async () => {
    expect(await lines(["abcd\nabcde", "fgh", "ij\nok\n"], 4)).toEqual(["#1 abcd", "#2 too long", "#3 ok"]);
    expect(await lines(["abcdef"], 4)).toEqual(["#1 too long"]);
  });
});
