import { describe, expect, it } from "vitest";
import { createEngine, defaultEngine, evaluate } from "../../src/api.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";
import { openDuckDb } from "../../src/sql/index.js";
import { runCli } from "../helpers/cli.js";

/* Issue #19: `jjj-policy-rules sql` prints readable SQL for every shipped rule version, and it runs on DuckDB. */
describe("jjj-policy-rules sql", () => {
  it("prints, for every shipped rule version, indented SQL that DuckDB runs (none refused)", async () => {
    const rs = defaultEngine().ruleSet;
    const db = await openDuckDb();
    const refused: string[] = [];
    let ran = 0;
    try {
      for (const id of rs.ruleIds()) {
        for (const v of rs.versions(id)) {
          const on = v.validFrom;
          const run = await runCli(["sql", id, "--on", on, "--rule-version", String(v.file.version), "--table", "facts", "--keep", "row_id"]);
          if (run.code !== 0) {
            expect(run.code).toBe(2);
            expect(run.stderr).toMatch(/cannot be compiled to SQL exactly: .*无法精确编译为 SQL/);
            refused.push(id);
            continue;
          }
          expect(run.stdout.startsWith(`-- ${id} version ${v.file.version} on ${on} (in force), duckdb`)).toBe(true);
          expect(run.stdout).toMatch(/^WITH\njjj_facts AS \(\n  SELECT\n    /m); // one CTE per stage, one column a line
          // The rule's examples (facts and the decision the engine makes) through the printed SQL.
          // Examples that only a JSON type makes invalid ("60" for an integer) are left out: a table column
          // holds text, and SQL reads "60" as 60 (docs/sql.md, "Types at the boundary").
          const jsonTyped = (f: Record<string, unknown>) =>
            Object.entries(f).some(([k, x]) => (["integer", "boolean"].includes(v.file.inputs[k]?.type ?? "") && typeof x === "string") || (["string", "enum", "date"].includes(v.file.inputs[k]?.type ?? "") && typeof x !== "string"));
          const examples = (v.file.examples ?? [])
            .filter((e) => (e as { facts?: unknown }).facts !== undefined)
            .map((e) => (e as { facts: Record<string, unknown> }).facts)
            .filter((f) => !jsonTyped(f));
          await db.loadFacts("facts", v.file.inputs, examples);
          const rows = await db.all(`SELECT * FROM (${run.stdout.replace(/;\n$/, "").replace(/^--.*\n/, "")}) ORDER BY row_id`);
          expect(rows.length).toBe(examples.length);
          rows.forEach((row, i) => {
            let d;
            try {
              d = evaluate(id, examples[i]!, { on, version: v.file.version, explain: false });
            } catch {
              expect(String(row["error"]), `${id} example ${i} is rejected by the engine: ${JSON.stringify(examples[i])} ${JSON.stringify(row)}`).toMatch(/^(invalid_value|missing_input|evaluation_failed)/);
              return;
            }
            expect(row["error"]).toBeNull();
            for (const o of v.outcome) {
              const got = row[`outcome.${o.name}`];
              expect(o.spec.type === "integer" && got !== null ? Number(got) : got, `${id} example ${i} ${o.name}`).toEqual(d.outcome[o.name] ?? null);
            }
            expect(row["applicable"]).toBe(d.applicable);
          });
          ran++;
        }
      }
    } finally {
      db.close();
    }
    expect(refused).toEqual([]);
    expect(ran).toBe(83);
  }, 300_000);

  it("exits 2 with a message in English and Chinese for a bad dialect and for a rule it cannot compile", async () => {
    const bad = await runCli(["sql", "sjz-2025/absorption-subsidy", "--dialect", "oracle"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("--dialect 只能取 duckdb 或 postgres");
    // An unrounded quotient compared (not printed): SQL holds it only as text, so the rule is refused.
    const rule = minimalRule({
      inputs: { amount: { type: "money", label: { zh: "金额", en: "amount" } }, base: { type: "money", label: { zh: "基数", en: "base" } } },
      outcome: { eligible: { type: "boolean", label: { zh: "符合", en: "eligible" }, logic: { "jjj.gte": [{ "jjj.div": [{ var: "amount" }, { var: "base" }] }, "0.5"] } } },
      examples: [{ description: "x", on: "2025-06-01", facts: { amount: "100", base: "100" }, expected: { outcome: { eligible: true } } }],
    });
    const set = loadRules(rule);
    const refused = await runCli(["sql", "sjz-2025/test-rule", "--on", "2025-06-01"], {}, () => createEngine(set));
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("jjj.gte at outcome/eligible");
    expect(refused.stderr).toContain("unrounded jjj.div quotient");
    expect(refused.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it("writes the postgres dialect on request", async () => {
    const run = await runCli(["sql", "sjz-2025/absorption-subsidy", "--on", "2025-06-01", "--dialect", "postgres"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("~ '^-?[0-9]{1,15}(\\.[0-9]{1,2})?$'");
    expect(run.stdout).not.toContain("regexp_full_match");
  });
});
