import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/api.js";
import { templateVersion } from "../../src/cli/set-parameters.js";
import { choose } from "../../src/engine/evaluate.js";
import { loadRules, minimalRule } from "../helpers/fixtures.js";
import { runCli } from "../helpers/cli.js";

/*
 * One version chooser: the version whose parameters `--set` may name is the version the engine checks
 * the overrides against. Before, the CLI took the latest version whenever none was in force on the date
 * (before the first version, or in a gap between two), while the engine took the nearest version before
 * the date (or the first): the CLI then refused a parameter the engine takes, or passed on one the
 * engine refuses.
 */

const param = (type: string, value: string, en: string) => ({ type, value, label: { zh: en, en } });

// v1: 2025-01-01 .. 2025-06-30, parameters threshold and oldCap; a gap; v2 from 2026-01-01, threshold and newCap.
const v1 = minimalRule({
  validity: { from: { date: "2025-01-01", basis: "stated" }, to: { date: "2025-06-30", basis: "stated" } },
  parameters: { threshold: param("money", "100", "threshold"), oldCap: param("money", "500", "old cap") },
});
const v2 = minimalRule({
  version: 2,
  validity: { from: { date: "2026-01-01", basis: "stated" } },
  parameters: { threshold: param("money", "200", "threshold"), newCap: param("money", "900", "new cap") },
  examples: [{ description: "x", on: "2026-06-01", facts: { amount: "200" }, expected: { outcome: { eligible: true } } }],
});
const set = loadRules(v1, v2);
const ID = "sjz-2025/test-rule";

const run = (argv: string[]) => runCli(argv, { "f.json": JSON.stringify({ amount: "150" }) }, () => createEngine(set));

const evalOn = (on: string, ...set: string[]) => run(["eval", ID, "--facts", "f.json", "--on", on, ...set.flatMap((s) => ["--set", s])]);

describe("the CLI's --set template is the engine's version for the date", () => {
  it("within v1, --set names v1's parameters", async () => {
    const ok = await evalOn("2025-03-01", "oldCap=600");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ version: 1, inForce: true });
    const refused = await evalOn("2025-03-01", "newCap=600");
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('v1 has no parameter "newCap"');
  });

  it.each([
    ["in the gap between v1 and v2", "2025-09-01"],
    ["before v1", "2024-06-01"],
  ])("%s, --set names v1's parameters (the engine's template), not the latest version's", async (_name, on) => {
    const ok = await evalOn(on, "oldCap=600");
    expect(ok.stderr).toBe("");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ inForce: false });
    const refused = await evalOn(on, "newCap=600");
    expect(refused.code).toBe(2);
    // Refused by the CLI, against v1, before the engine is asked.
    expect(refused.stderr).toContain('--set newCap: sjz-2025/test-rule v1 has no parameter "newCap"');
  });

  it("within v2, --set names v2's parameters", async () => {
    const ok = await evalOn("2026-03-01", "newCap=600");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ version: 2, inForce: true });
  });

  it("agrees with the engine's choice on every day around each boundary", () => {
    const days = ["2024-12-31", "2025-01-01", "2025-06-30", "2025-07-01", "2025-12-31", "2026-01-01", "2099-01-01"];
    for (const on of days) {
      const cli = templateVersion(set, ID, undefined, on).file.version;
      const engine = choose(set, ID, on, undefined).template.file.version;
      expect({ on, cli }).toEqual({ on, cli: engine });
    }
  });
});
