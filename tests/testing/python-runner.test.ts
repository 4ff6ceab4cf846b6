import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, describe, expect, it } from "vitest";
import { CLI } from "../hostile/spawn-cli.js";

/*
 * Issue #17: the vectors for any language. The CLI exports them (json, jsonl, csv); the JSON follows
 * vectors.schema.json; and the Python runner of docs/testing.md, as written there, loads them and checks
 * its small Python implementation of the subsidy (python3, standard library only).
 */

const root = fileURLToPath(new URL("../..", import.meta.url));
const dir = mkdtempSync(join(tmpdir(), "jjj-vectors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SUBSIDY = "sjz-2025/absorption-subsidy";

function cli(...args: string[]) {
  const run = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", timeout: 120_000, maxBuffer: 256 * 1024 * 1024 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** The Python block of docs/testing.md that starts with `# check_vectors.py`. */
function runnerFromDocs(): string {
  const doc = readFileSync(join(root, "docs/testing.md"), "utf8");
  const block = [...doc.matchAll(/```python\n([\s\S]*?)```/g)].map((m) => m[1]!).find((b) => b.startsWith("# check_vectors.py"));
  if (!block) throw new Error("docs/testing.md has no ```python block starting with # check_vectors.py");
  return block;
}

function python(script: string, vectorsFile: string) {
  const file = join(dir, `runner-${Math.random().toString(36).slice(2)}.py`);
  writeFileSync(file, script);
  const run = spawnSync("python3", [file, vectorsFile], { encoding: "utf8", timeout: 60_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("jjj-policy-rules vectors", () => {
  const all = cli("vectors", "--kind", "all", "--format", "json");
  const doc = JSON.parse(all.stdout) as { count: number; kind: string; engine: string; vectors: Record<string, unknown>[] };

  it("exports the hand and the generated vectors of every rule, valid against vectors.schema.json", () => {
    expect(all.code).toBe(0);
    const schema = JSON.parse(readFileSync(join(root, "vectors.schema.json"), "utf8"));
    const validate = new Ajv2020.default({ strict: true, strictRequired: false, allErrors: true }).compile(schema);
    expect(validate(doc), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    expect(doc.count).toBe(doc.vectors.length);
    const hand = doc.vectors.filter((v) => v["generated"] === undefined);
    const generated = doc.vectors.filter((v) => v["generated"] === true);
    expect(hand.length).toBeGreaterThan(800);
    expect(generated.length).toBeGreaterThan(100);
    for (const v of generated) expect(v["engine"]).toBe(doc.engine);
  }, 120_000);

  it("is what the package ships as vectors.json (written at build)", () => {
    const shipped = JSON.parse(readFileSync(join(root, "vectors.json"), "utf8"));
    expect(shipped).toEqual(doc);
  });

  it("filters by rule and kind, and writes JSON Lines and CSV", () => {
    const hand = JSON.parse(cli("vectors", "--rule", SUBSIDY).stdout);
    expect(hand.kind).toBe("hand");
    expect(hand.vectors.every((v: { ruleId: string; generated?: true }) => v.ruleId === SUBSIDY && v.generated === undefined)).toBe(true);
    const lines = cli("vectors", "--rule", SUBSIDY, "--kind", "generated", "--format", "jsonl").stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(lines.map((v) => v.facts.contractAmount).slice(0, 3)).toEqual(["499999.99", "500000", "500000.01"]);
    const csv = cli("vectors", "--rule", SUBSIDY, "--format", "csv").stdout.split("\r\n");
    expect(csv[0]).toBe("id,ruleId,version,generated,engine,on,description,facts,expected,rejects");
    expect(csv).toHaveLength(hand.vectors.length + 2); // header, rows, and the empty string after the last CRLF
    expect(csv[1]).toMatch(/^"sjz-2025\/absorption-subsidy@1#1","sjz-2025\/absorption-subsidy","1","false","",/);
  }, 120_000);

  it("refuses an unknown format or kind, and an unknown rule, with exit 2", () => {
    expect(cli("vectors", "--format", "xml")).toMatchObject({ code: 2, stderr: expect.stringMatching(/--format must be one of json, jsonl, csv.*只能取/) });
    expect(cli("vectors", "--kind", "some").code).toBe(2);
    expect(cli("vectors", "--rule", "no/such-rule").code).toBe(2);
  }, 60_000);
});

describe("the Python runner of docs/testing.md", () => {
  const file = join(dir, "vectors.json");
  const exported = cli("vectors", "--rule", SUBSIDY, "--kind", "all", "--format", "json");
  writeFileSync(file, exported.stdout);
  const count = (JSON.parse(exported.stdout) as { count: number }).count;

  it("loads the exported vectors and passes its exact Python subsidy on every one, hand and generated", () => {
    const run = python(runnerFromDocs(), file);
    expect(run.stderr).toBe("");
    expect(run.stdout).toBe(`${count} passed, 0 failed\n`);
    expect(run.code).toBe(0);
  }, 90_000);

  it("fails an implementation that reads 50万元(含) as 'more than' (a changed copy of the same runner)", () => {
    const runner = runnerFromDocs();
    expect(runner).toContain('amount >= Decimal("500000")');
    const run = python(runner.replace('amount >= Decimal("500000")', 'amount > Decimal("500000")'), file);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL sjz-2025\/absorption-subsidy@1#2 \(hand\) .*eligible: expected True, got False/m);
    expect(run.stdout).toMatch(/^FAIL sjz-2025\/absorption-subsidy@1#g\d+ \(generated\) Generated: contractAmount = 500000: at the breakpoint/m);
  }, 90_000);

  it("fails a float implementation on the float traps", () => {
    const runner = runnerFromDocs();
    const exact = "value = min(Decimal(\"500000\"), lower + upper)";
    expect(runner).toContain(exact);
    const float = runner.replace(
      exact,
      'value = Decimal(round(min(500000.0, 0.1 * min(float(amount), 1e6) + 0.05 * max(0.0, float(amount) - 1e6)) * 100) / 100)',
    );
    const run = python(float, file);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/FAIL .*Float trap: a 2,999,998.30 yuan licence.*amount: expected '199999.92', got '199999.91'/);
  }, 90_000);
});
