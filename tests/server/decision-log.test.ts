import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createEngine, defaultEngine } from "../../src/api.js";
import { loadRuleSetFromDir } from "../../src/cli/load-dir.js";
import { main, nodeIo } from "../../src/cli/main.js";
import { EXIT_DECISIONS_DIFFER } from "../../src/cli/commands/replay.js";
import { call, post, start, LICENCE_FACTS, SUBSIDY } from "./helpers.js";

const AMENDMENT = fileURLToPath(new URL("../fixtures/amendment/rules", import.meta.url));

/** Run the CLI in process with the real file system, capturing what it prints. */
async function cli(argv: string[]) {
  let stdout = "";
  let stderr = "";
  const code = await main(argv, { ...nodeIo(), stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) });
  return { code, stdout, stderr };
}

describe("decision log and replay", () => {
  const dir = mkdtempSync(join(tmpdir(), "jjj-decisions-"));
  const log = join(dir, "decisions.jsonl");
  // Before the amendment's date, in 2025, and after it, in 2026, when the amended version applies.
  const requests = [
    { facts: LICENCE_FACTS, on: "2025-06-01" },
    { facts: LICENCE_FACTS, on: "2026-03-01" },
    { facts: { ...LICENCE_FACTS, contractAmount: "400000" }, on: "2026-03-01", explain: false },
  ];

  it("writes one line per decision (id, time, rule, version, hashes, facts, options, outcome), batches included", async () => {
    const s = await start({ decisionLog: log });
    const ids: string[] = [];
    try {
      for (const body of requests) {
        const a = await post(s.base, `/v1/rules/${SUBSIDY}/evaluate`, body);
        expect(a.status).toBe(200);
        ids.push(a.headers.get("decision-id")!);
      }
      const batch = await call(s.base, `/v1/rules/${SUBSIDY}/evaluate-batch?on=2026-03-01`, { body: `${JSON.stringify({ ...LICENCE_FACTS, contractAmount: "200000" })}\nnot json\n`, type: "application/x-ndjson" });
      expect(batch.status).toBe(200);
      const refused = await post(s.base, `/v1/rules/${SUBSIDY}/evaluate`, { facts: {}, on: "2026-03-01" });
      expect(refused.status).toBe(422); // not a decision: not logged
    } finally {
      await s.app.close(); // flushes the log
    }
    const records = readFileSync(log, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(records).toHaveLength(4);
    expect(records.slice(0, 3).map((r) => r.decisionId)).toEqual(ids);
    expect(new Set(records.map((r) => r.decisionId)).size).toBe(4);
    requests.forEach((body, i) => {
      const d = defaultEngine().evaluate(SUBSIDY, body.facts, { on: body.on });
      expect(records[i]).toMatchObject({
        ruleId: SUBSIDY, version: d.version, on: body.on, ruleHash: d.provenance.ruleHash, ruleSetHash: d.provenance.ruleSetHash,
        facts: body.facts, options: { on: body.on }, inForce: d.inForce, applicable: d.applicable, outcome: d.outcome,
      });
      expect(Date.parse(records[i].time)).not.toBeNaN();
    });
    expect(records[3].options).toEqual({ on: "2026-03-01" });
  });

  it("replay against the same rules finds nothing; against the fixture amendment, exactly the decisions it changes", async () => {
    const same = await cli(["replay", log]);
    expect(same.stdout).toBe("");
    expect(same.stderr).toMatch(/replayed 4 decisions .*: 0 would differ/);
    expect(same.code).toBe(0);

    const amended = createEngine(loadRuleSetFromDir(AMENDMENT));
    const records = readFileSync(log, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l));
    const changed = records
      .map((r, i) => ({ line: i + 1, now: amended.evaluate(r.ruleId, r.facts, { on: r.on, explain: false }) }))
      .filter(({ line, now }) => JSON.stringify([now.version, now.outcome]) !== JSON.stringify([records[line - 1].version, records[line - 1].outcome]));
    expect(changed.length).toBeGreaterThanOrEqual(2); // the fixture does change some of these decisions
    expect(changed.map((c) => c.line)).not.toContain(1); // 2025: before the amendment

    const run = await cli(["replay", log, "--rules", AMENDMENT, "--json"]);
    expect(run.code).toBe(EXIT_DECISIONS_DIFFER);
    const reported = run.stdout.trimEnd().split("\n").map((l) => JSON.parse(l));
    expect(reported.map((d) => d.line)).toEqual(changed.map((c) => c.line));
    for (const d of reported) {
      const c = changed.find((x) => x.line === d.line)!;
      expect(d.decisionId).toBe(records[d.line - 1].decisionId);
      expect(d.was.outcome).toEqual(records[d.line - 1].outcome);
      expect(d.now).toEqual({ version: c.now.version, inForce: c.now.inForce, applicable: c.now.applicable, outcome: c.now.outcome });
    }
    const text = await cli(["replay", log, "--rules", AMENDMENT]);
    expect(text.code).toBe(EXIT_DECISIONS_DIFFER);
    expect(text.stdout).toMatch(/^line 2 \(decision [0-9a-f-]+\): sjz-2025\/absorption-subsidy on 2026-03-01\n  was: v1 .*\n  now: v2 /);
  });

  it("replay reports a line that is not a decision record, and a missing file as a usage error", async () => {
    const bad = join(dir, "bad.jsonl");
    writeFileSync(bad, `${readFileSync(log, "utf8").split("\n")[0]}\n{"x":1}\nnot json\n`);
    const run = await cli(["replay", bad, "--json"]);
    expect(run.code).toBe(EXIT_DECISIONS_DIFFER);
    expect(run.stdout.trimEnd().split("\n").map((l) => JSON.parse(l).now.error.code)).toEqual(["not_a_decision_record", "malformed_json"]);
    const missing = await cli(["replay", join(dir, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read .*ENOENT/);
  });
});
