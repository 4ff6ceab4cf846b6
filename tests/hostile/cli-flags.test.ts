import { describe, expect, it } from "vitest";
import { parseVersion } from "../../src/cli/commands/eval.js";
import { runCli } from "../helpers/cli.js";

// Item 12 (CLI part) of issue #11: --rule-version takes digits only, within safe integers; an option
// that takes one value, given twice, is an error naming it (not "the last one wins").

const RULE = "sjz-2025/absorption-subsidy";
const FACTS = JSON.stringify({ contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" });

const run = (argv: string[]) => runCli(argv, { "f.json": FACTS, "g.json": FACTS });

describe("--rule-version", () => {
  it.each(["0x1", "1e0", " 1", "1 ", "1.0", "v1", "01", "+1", "0", "-1", "", "9007199254740993", "1_0", "١"])(
    "%j is refused with exit 2 by eval and show",
    async (text) => {
      const e = await run(["eval", RULE, "--facts", "f.json", "--on", "2025-06-01", `--rule-version=${text}`]);
      expect(e.code).toBe(2);
      expect(e.stdout).toBe("");
      expect(e.stderr).toContain("--rule-version must be a positive whole number");
      const s = await run(["show", RULE, `--rule-version=${text}`]);
      expect(s.code).toBe(2);
      expect(s.stderr).toContain("--rule-version");
    },
  );

  it("a plain number is taken as it is written", async () => {
    expect(parseVersion("1")).toBe(1);
    expect(parseVersion("9007199254740991")).toBe(Number.MAX_SAFE_INTEGER);
    const r = await run(["eval", RULE, "--facts", "f.json", "--on", "2025-06-01", "--rule-version", "1"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).version).toBe(1);
  });
});

describe("an option that takes one value, given twice", () => {
  it.each([
    ["--on", ["eval", RULE, "--facts", "f.json", "--on", "2025-06-01", "--on", "2025-07-01"]],
    ["--facts", ["eval", RULE, "--facts", "f.json", "--facts", "g.json", "--on", "2025-06-01"]],
    ["--rule-version", ["eval", RULE, "--facts", "f.json", "--rule-version", "1", "--rule-version", "1"]],
    ["--rules", ["list", "--rules", "a", "--rules", "b"]],
    ["--on", ["match", "--profile", "f.json", "--on=2025-06-01", "--on", "2025-06-01"]],
    ["--max-line-bytes", ["eval", RULE, "--batch", "f.json", "--max-line-bytes", "10", "--max-line-bytes", "20"]],
  ])("%s: exit 2 naming it", async (flag, argv) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(`${flag} is given more than once`);
  });

  it("a repeatable option (--set) may be repeated, and a boolean flag twice is harmless", async () => {
    const r = await run(["eval", RULE, "--facts", "f.json", "--on", "2025-06-01", "--set", "cap=800000", "--set", "lowerBandRate=15%", "--no-explain", "--no-explain"]);
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
  });
});

describe("the byte-limit options and counts", () => {
  it.each(["0", "-1", "1.5", "1e6", "abc", "", "99999999999999999999"])("--max-input-bytes %j: exit 2", async (text) => {
    const r = await run(["eval", RULE, "--facts", "f.json", `--max-input-bytes=${text}`]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-input-bytes must be a whole number of bytes");
  });

  it("--max-cases beyond safe integers: exit 2", async () => {
    const r = await run(["diff", `${RULE}@1`, `${RULE}@1`, "--max-cases", "99999999999999999999"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--max-cases must be a whole number");
  });
});
