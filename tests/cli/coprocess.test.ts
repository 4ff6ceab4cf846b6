import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { LineWriter } from "../../src/cli/jsonl.js";
import { CLI } from "../hostile/spawn-cli.js";

/*
 * Issue #15: `eval --batch -` and `match --batch -` answer each line as soon as it is decided when the
 * input pauses, so that a program in another language can keep the CLI as a co-process. Driven from
 * Python's subprocess (tests/cli/coprocess.py): one line written, stdin kept open, the answer awaited
 * for at most 1 s (the first, at most 30 s: the CLI starts meanwhile). Before the idle flush, every answer waited for EOF (or for 64 KB of output).
 */
const SCRIPT = fileURLToPath(new URL("./coprocess.py", import.meta.url));
const SUBSIDY = "sjz-2025/absorption-subsidy";

interface CoprocessRun {
  answers: ({ seconds: number; line: string } | { timeout: true })[];
  rest: string;
  code: number;
}

function drive(command: string[], lines: readonly unknown[]): CoprocessRun {
  const run = spawnSync("python3", [SCRIPT, process.execPath, CLI, ...command], {
    input: lines.map((l) => JSON.stringify(l)).join("\n") + "\n",
    encoding: "utf8",
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`coprocess.py failed (${run.status}): ${run.stderr}`);
  return JSON.parse(run.stdout) as CoprocessRun;
}

const facts = (contractAmount: string) => ({ contractAmount, transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" });

describe("the CLI as a co-process (one line at a time, stdin left open)", () => {
  it("eval --batch - answers each line (after the first) within 1 s, before the next is written", () => {
    const run = drive(["eval", SUBSIDY, "--batch", "-", "--on", "2025-06-01"], [facts("3000000"), facts("450000"), { contractAmount: "-1" }]);
    expect(run.answers.map((a) => ("timeout" in a ? "timeout" : "answered"))).toEqual(["answered", "answered", "answered"]);
    const [first, second, third] = run.answers.map((a) => JSON.parse((a as { line: string }).line));
    // 10% of 1,000,000 + 5% of the 2,000,000 above it (the rule's worked example for 3,000,000 yuan).
    expect(first.outcome.amount).toBe("200000.00");
    expect(second.outcome.eligible).toBe(false); // under the 500,000 yuan threshold
    expect(third.error).toBeDefined(); // invalid facts: an error record, and the batch goes on
    expect(run.rest).toBe("");
    expect(run.code).toBe(3); // one line failed
  }, 90_000);

  it("match --batch - answers each profile (after the first) within 1 s", () => {
    const profile = { type: "enterprise", city: "shijiazhuang" };
    const run = drive(["match", "--batch", "-", "--on", "2025-06-01"], [profile, profile, profile]);
    expect(run.answers.every((a) => !("timeout" in a))).toBe(true);
    expect(run.code).toBe(0);
  }, 90_000);
});

describe("LineWriter", () => {
  it("writes what it holds once the process goes idle, in one write for lines added together", async () => {
    const writes: string[] = [];
    const writer = new LineWriter((t) => void writes.push(t), undefined);
    for (let i = 0; i < 500; i++) writer.line(`{"n":${i}}`);
    expect(writes).toEqual([]); // nothing yet: still in the same turn
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toHaveLength(1);
    expect(writes[0]!.split("\n")).toHaveLength(501);
    writer.line("last");
    await writer.flush();
    expect(writes).toEqual([expect.any(String), "last\n"]);
    writer.close();
  });

  it("close drops the idle flush (flush first to keep the lines)", async () => {
    const writes: string[] = [];
    const writer = new LineWriter((t) => void writes.push(t), undefined);
    writer.line("x");
    writer.close();
    await new Promise((resolve) => setImmediate(resolve));
    expect(writes).toEqual([]);
  });
});
