import { describe, expect, it } from "vitest";
import { UnknownRuleError, didYouMean } from "../../src/errors.js";
import { runCli } from "../helpers/cli.js";

describe("didYouMean", () => {
  it("suggests the nearest name within a few edits", () => {
    expect(didYouMean("lsit", ["eval", "list", "match"])).toBe("list");
    expect(didYouMean("sjz-2025/absorption-subsidi", ["sjz-2025/absorption-subsidy", "sjz-2025/absorption-share"])).toBe("sjz-2025/absorption-subsidy");
    expect(didYouMean("xyzzy", ["eval", "list"])).toBeUndefined();
  });

  it("matches a bare rule name against the part after the slash", () => {
    const ids = ["sjz-2025/absorption-subsidy", "sjz-2025/absorption-share", "hd-2018/county-subsidy"];
    expect(didYouMean("absorption-subsidy", ids)).toBe("sjz-2025/absorption-subsidy");
    expect(didYouMean("county-subsidy", ids)).toBe("hd-2018/county-subsidy");
    // An id with its document is compared whole: another document's rule of the same name is 9 edits away.
    expect(didYouMean("bth-2025/absorption-subsidy", ["sjz-2025/absorption-subsidy"])).toBe("sjz-2025/absorption-subsidy");
  });

  it("UnknownRuleError carries it", () => {
    expect(new UnknownRuleError("absorption-subsidy", ["sjz-2025/absorption-subsidy"]).suggestion).toBe("sjz-2025/absorption-subsidy");
  });
});

describe("the CLI suggests", () => {
  it("a command for a misspelt one (lsit → list), in English and Chinese, exit 2", async () => {
    const r = await runCli(["lsit"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown command "lsit"; did you mean "list"? (未知命令 "lsit",是否要用 "list"?)');
  });

  it("a rule id for show with a bare rule name", async () => {
    const r = await runCli(["show", "absorption-subsidy"]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('did you mean "sjz-2025/absorption-subsidy"?');
  });
});
