import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.js";
import { defaultEngine } from "../../src/api.js";
import type { CliIo } from "../../src/cli/io.js";
import { guardPrototypes } from "./guard.js";

// Hostile arguments to the CLI: exit 2 with a message naming the problem, nothing on stdout, never an
// internal error (exit 1), never a file read for a rule id.
guardPrototypes();

const FACTS = JSON.stringify({ contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" });

async function run(argv: string[], files: Record<string, string> = { "f.json": FACTS }) {
  let stdout = "";
  let stderr = "";
  const read: string[] = [];
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readText: async (p) => {
      read.push(p);
      if (!Object.prototype.hasOwnProperty.call(files, p)) throw new Error(`no file ${p}`);
      return files[p]!;
    },
    engine: (dir) => {
      if (dir !== undefined) throw new Error("no --rules in these tests");
      return defaultEngine();
    },
  };
  const code = await main(argv, io);
  return { code, stdout, stderr, read };
}

describe("CLI with hostile arguments", () => {
  const ids = ["../x", "sjz-2025/../x", "sjz-2025/../../etc/passwd", "/etc/passwd", "..\\..\\x", "__proto__", "constructor", "sjz-2025/absorption-subsidy/../absorption-subsidy"];

  it.each(ids)("eval %j: unknown rule, exit 2, facts never read", async (id) => {
    const r = await run(["eval", id, "--facts", "f.json", "--on", "2025-06-01"]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("unknown rule");
    expect(r.read).toEqual([]);
  });

  it.each(ids)("show %j: unknown rule, exit 2", async (id) => {
    const r = await run(["show", id]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown rule");
  });

  it.each([
    ["facts with __proto__ as an own key", JSON.stringify(JSON.parse(FACTS)).replace("{", '{"__proto__":{"polluted":true},'), "__proto__"],
    ["facts with constructor", JSON.stringify(JSON.parse(FACTS)).replace("{", '{"constructor":{"prototype":{"polluted":true}},'), "constructor"],
    ["an amount of 1e400", FACTS.replace('"3000000"', "1e400"), "contractAmount"],
    ["an amount of 50万", FACTS.replace('"3000000"', '"50万"'), "contractAmount"],
    ["facts that are a JSON array", `[${FACTS}]`, "facts must be a JSON object"],
    ["facts that are JSON null", "null", "facts must be a JSON object"],
  ])("eval with %s: exit 2, the problem named", async (_name, facts, named) => {
    const r = await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--on", "2025-06-01"], { "f.json": facts });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(named);
  });

  it.each([
    ["--on 2025-02-30", ["--on", "2025-02-30"]],
    ["--on 2025-1-7", ["--on", "2025-1-7"]],
    ["--on with a time zone", ["--on", "2025-06-01T00:00:00+08:00"]],
    ["--rule-version ../1", ["--rule-version", "../1"]],
    ["--rule-version 1e3", ["--rule-version", "1e3"]],
    ["--rule-version 99", ["--rule-version", "99"]],
  ])("eval with %s: exit 2", async (_name, extra) => {
    const r = await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", ...extra]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.length).toBeGreaterThan(0);
  });

  it("a 10 MB, deeply nested facts file: exit 2", async () => {
    const deep = "[".repeat(50_000) + "]".repeat(50_000);
    const r = await run(["eval", "sjz-2025/absorption-subsidy", "--facts", "f.json", "--on", "2025-06-01"], {
      "f.json": FACTS.replace('"tianjin"', deep).replace('"3000000"', JSON.stringify("9".repeat(10_000_000))),
    });
    expect(r.code).toBe(2);
    expect(r.stderr.length).toBeLessThan(2_000);
  });
});
