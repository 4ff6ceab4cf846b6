import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defaultEngine, evaluate } from "../../src/api.js";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { EXIT_SOME_LINES_FAILED } from "../../src/cli/jsonl.js";

/* `eval --output outcome` (issue #20): only the outcome object of each decision, one per line. */

const ID = "sjz-2025/absorption-subsidy";
const FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const dir = mkdtempSync(join(tmpdir(), "jjj-output-"));

function run(args: string[], facts?: string) {
  const out = { stdout: "", stderr: "" };
  const io: CliIo = {
    stdout: (t) => void (out.stdout += t),
    stderr: (t) => void (out.stderr += t),
    readText: async () => facts ?? "",
    engine: () => defaultEngine(),
  };
  return main(args, io).then((code) => ({ code, ...out }));
}

describe("eval --output outcome", () => {
  it("writes each line's outcome object, and the full error record of a failed line", async () => {
    const lines = [FACTS, { ...FACTS, contractAmount: "800000" }, { ...FACTS, contractAmount: "-1" }, { ...FACTS, sourceRegion: "hebei" }];
    const path = join(dir, "in.jsonl");
    writeFileSync(path, lines.map((l) => JSON.stringify(l)).join("\n") + "\n");
    const r = await run(["eval", ID, "--batch", path, "--on", "2025-06-01", "--output", "outcome"]);
    expect(r.code).toBe(EXIT_SOME_LINES_FAILED);
    const out = r.stdout.trimEnd().split("\n");
    expect(out).toHaveLength(4);
    for (const i of [0, 1, 3]) expect(out[i]).toBe(JSON.stringify(evaluate(ID, lines[i] as never, { on: "2025-06-01" }).outcome));
    expect(out[0]).toBe('{"eligible":true,"amount":"200000.00"}');
    expect(JSON.parse(out[2]!)).toMatchObject({ line: 3, error: { code: "invalid_facts", issues: [{ path: "contractAmount" }] } });
    // The default, and --output decision, write the whole decision.
    const whole = await run(["eval", ID, "--batch", path, "--on", "2025-06-01", "--output", "decision"]);
    expect(JSON.parse(whole.stdout.split("\n")[0]!)).toEqual(evaluate(ID, FACTS as never, { on: "2025-06-01" }));
  });

  it("works with --facts, and refuses an unknown value and --why-not with exit 2", async () => {
    const one = await run(["eval", ID, "--facts", "-", "--on", "2025-06-01", "--output", "outcome"], JSON.stringify(FACTS));
    expect(one.code).toBe(0);
    expect(JSON.parse(one.stdout)).toEqual({ eligible: true, amount: "200000.00" });
    const bad = await run(["eval", ID, "--facts", "-", "--on", "2025-06-01", "--output", "csv"], JSON.stringify(FACTS));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--output must be one of decision, outcome, got "csv" \/ --output 须为/);
    const whyNot = await run(["eval", ID, "--facts", "-", "--on", "2025-06-01", "--output", "outcome", "--why-not"], JSON.stringify(FACTS));
    expect(whyNot.code).toBe(2);
  });
});
