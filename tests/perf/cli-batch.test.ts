import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultEngine, evaluate } from "../../src/api.js";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { EXIT_SOME_LINES_FAILED, LineWriter, jsonLine, readJsonLines, runJsonlBatch } from "../../src/cli/jsonl.js";

const ID = "sjz-2025/absorption-subsidy";
const FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const dir = mkdtempSync(join(tmpdir(), "jjj-batch-"));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

function io() {
  const out = { stdout: "", stderr: "" };
  const cli: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readText: async () => {
      throw new Error("batch mode must stream, not read whole files");
    },
    engine: () => defaultEngine(),
  };
  return { out, cli };
}

describe("eval --batch", () => {
  it("answers every line with the decision eval gives, in order, as JSON Lines", async () => {
    const lines = [FACTS, { ...FACTS, contractAmount: "800000" }, { ...FACTS, sourceRegion: "hebei" }];
    const path = file("ok.jsonl", lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const { out, cli } = io();
    const code = await main(["eval", ID, "--batch", path, "--on", "2025-06-01", "--no-explain"], cli);
    expect(code).toBe(0);
    expect(out.stderr).toBe("");
    const decisions = out.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(decisions).toEqual(lines.map((f) => evaluate(ID, f as never, { on: "2025-06-01", explain: false })));
  });

  it("reports a bad line with its number, answers it with an error record and goes on; exit 3", async () => {
    const path = file("bad.jsonl", [JSON.stringify(FACTS), "", JSON.stringify({ ...FACTS, contractAmount: "-1" }), "{oops", JSON.stringify(FACTS)].join("\r\n"));
    const { out, cli } = io();
    const code = await main(["eval", ID, "--batch", path, "--on", "2025-06-01", "--no-explain"], cli);
    expect(code).toBe(EXIT_SOME_LINES_FAILED);
    const records = out.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(records).toHaveLength(4); // the blank line 2 is skipped
    expect(records[1]).toMatchObject({ line: 3, error: { code: "invalid_facts", issues: [{ path: "contractAmount" }] } });
    expect(records[2]).toMatchObject({ line: 4, error: { code: "invalid_json" } });
    expect(records[3].outcome).toEqual({ eligible: true, amount: "200000.00" });
    expect(out.stderr).toMatch(/line 3: invalid facts .*contractAmount: invalid money/);
    expect(out.stderr).toMatch(/line 4: not valid JSON/);
    expect(out.stderr).toMatch(/2 of 4 lines failed/);
  });

  it("reads stdin with --batch -", async () => {
    const stdin = new PassThrough();
    stdin.end(JSON.stringify(FACTS) + "\n");
    const { out, cli } = io();
    const code = await runJsonlBatch({ command: "eval", input: "-", io: cli, stdin, each: (f) => evaluate(ID, f as never, { on: "2025-06-01" }).outcome });
    expect(code).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({ eligible: true, amount: "200000.00" });
  });

  it("stops before reading any line for an unknown rule, a bad date or a missing file (exit 2)", async () => {
    const path = file("one.jsonl", JSON.stringify(FACTS));
    for (const argv of [
      ["eval", "sjz-2025/nope", "--batch", path],
      ["eval", ID, "--batch", path, "--on", "2025-02-30"],
      ["eval", ID, "--batch", join(dir, "missing.jsonl")],
      ["eval", ID, "--batch", path, "--facts", path],
    ]) {
      const { out, cli } = io();
      expect(await main(argv, cli)).toBe(2);
      expect(out.stdout).toBe("");
    }
  });

  it("shows a progress line only when asked (a terminal)", async () => {
    const path = file("many.jsonl", `${JSON.stringify(FACTS)}\n`.repeat(3000));
    const quiet = io();
    await runJsonlBatch({ command: "eval", input: path, io: quiet.cli, each: () => 1 });
    expect(quiet.out.stderr).toBe("");
    const loud = io();
    await runJsonlBatch({ command: "eval", input: path, io: loud.cli, each: () => 1, progress: true });
    expect(loud.out.stderr).toContain("\r");
    expect(loud.out.stdout).toBe("1\n".repeat(3000));
  });
});

describe("JSON Lines reading and writing", () => {
  it("waits for drain when stdout is full, and stops quietly when its reader goes away (EPIPE)", async () => {
    const stream = new PassThrough();
    const writes: string[] = [];
    const writer = new LineWriter((t) => {
      writes.push(t);
      return false; // "buffer full"
    }, stream);
    const waiting = writer.line("x".repeat(70_000)); // a full chunk: written, then waits for drain
    expect(waiting).toBeInstanceOf(Promise);
    stream.emit("error", Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
    await waiting;
    expect(writer.closed).toBe(true);
    writer.line("more");
    await writer.flush();
    expect(writes).toHaveLength(1);
    writer.close();
  });

  it("numbers lines from 1, counting blank ones, and marks lines that are not JSON", async () => {
    const path = file("read.jsonl", '{"a":1}\n\n  \n[2]\nnope\n"x"');
    const records = [];
    for await (const r of readJsonLines(path)) records.push(r);
    expect(records).toEqual([{ line: 1, value: { a: 1 } }, { line: 4, value: [2] }, { line: 5, error: expect.stringMatching(/^not valid JSON/) }, { line: 6, value: "x" }]);
  });

  it("jsonLine writes exactly what JSON.stringify writes", () => {
    const d = evaluate(ID, FACTS as never, { on: "2025-06-01" });
    expect(jsonLine(d)).toBe(JSON.stringify(d));
    expect(jsonLine(d)).toBe(JSON.stringify(d)); // again, from the cache of frozen parts
    const frozenShallow = Object.freeze({ a: { b: 1 } });
    expect(jsonLine(frozenShallow)).toBe('{"a":{"b":1}}');
    (frozenShallow.a as { b: number }).b = 2; // not deeply frozen: never cached
    expect(jsonLine(frozenShallow)).toBe('{"a":{"b":2}}');
    fc.assert(
      fc.property(fc.jsonValue(), fc.anything(), (json, anything) => {
        expect(jsonLine(json)).toBe(JSON.stringify(json));
        let expected: string | undefined;
        try {
          expected = JSON.stringify(anything) ?? "null";
        } catch {
          return; // BigInt and the like: JSON.stringify throws, and so does jsonLine
        }
        expect(jsonLine(anything)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });
});
