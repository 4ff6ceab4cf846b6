import { describe, expect, it } from "vitest";
import { COMMANDS } from "../../src/cli/commands/index.js";
import { cliLang } from "../../src/cli/lang.js";
import { fixtureEngine, SUBSIDY } from "../diff/helpers.js";
import { runCli } from "../helpers/cli.js";

const HAN = /\p{Script=Han}/u;

describe("cliLang: --lang, else the locale", () => {
  it("takes --lang over the locale and reads LC_ALL, LC_MESSAGES, LANG in that order", () => {
    expect(cliLang("zh", {})).toBe("zh");
    expect(cliLang("en", { LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(cliLang(undefined, { LANG: "zh_CN.UTF-8" })).toBe("zh");
    expect(cliLang(undefined, { LANG: "zh_TW" })).toBe("zh");
    expect(cliLang(undefined, { LANG: "zh" })).toBe("zh");
    expect(cliLang(undefined, { LC_ALL: "en_US.UTF-8", LANG: "zh_CN.UTF-8" })).toBe("en");
    expect(cliLang(undefined, { LC_MESSAGES: "zh_CN.UTF-8", LANG: "C" })).toBe("zh");
    expect(cliLang(undefined, { LANG: "C.UTF-8" })).toBe("en");
    expect(cliLang(undefined, { LANG: "zu_ZA" })).toBe("en");
    expect(cliLang(undefined, {})).toBe("en");
  });

  it("refuses another language with a bilingual message", () => {
    expect(() => cliLang("fr")).toThrow("--lang must be zh or en, got \"fr\" / --lang 只能是 zh 或 en");
  });
});

describe("every command takes --lang", () => {
  for (const name of Object.keys(COMMANDS)) {
    it(`${name} refuses --lang fr (exit 2) and documents --lang in the top help`, async () => {
      const r = await runCli([name, "--lang", "fr"]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("--lang 只能是 zh 或 en");
    });
  }

  it("is described in --help", async () => {
    expect((await runCli(["--help"])).stdout).toContain("--lang zh|en");
  });
});

describe("the text of list, show and diff in Chinese", () => {
  it("list --lang zh prints Chinese titles and headings; LANG=zh_CN makes it the default; --lang en wins", async () => {
    const zh = await runCli(["list", "--on", "2025-06-01", "--lang", "zh"]);
    expect(zh.code).toBe(0);
    expect(zh.stdout).toMatch(/^2025-06-01 有效的规则\(\d+ 条\):/);
    expect(zh.stdout).toContain("吸纳京津科技成果补助(技术转让、技术许可)");
    expect(zh.stdout).not.toContain("Subsidy for absorbing");
    const byLocale = await runCli(["list", "--on", "2025-06-01"], {}, undefined, { LANG: "zh_CN.UTF-8" });
    expect(byLocale.stdout).toBe(zh.stdout);
    const en = await runCli(["list", "--on", "2025-06-01", "--lang", "en"], {}, undefined, { LANG: "zh_CN.UTF-8" });
    expect(en.stdout).toContain("Subsidy for absorbing Beijing and Tianjin achievements");
    expect((await runCli(["list", "--on", "2025-06-01"])).stdout).toBe(en.stdout);
  });

  it("show --lang zh prints every section heading in Chinese, rates as percentages and yuan as 元", async () => {
    const r = await runCli(["show", SUBSIDY, "--lang", "zh"]);
    expect(r.code).toBe(0);
    for (const heading of ["原文:", "有效期:", "适用主体:", "责任单位:", "输入项:", "参数:", "条件:", "结果:", "规则逻辑", "版本:"]) expect(r.stdout).toContain(heading);
    expect(r.stdout).toContain("cap = 500,000 元  — 每项最高补助");
    expect(r.stdout).toContain("lowerBandRate = 0.10(10%)");
    expect(r.stdout).not.toMatch(/\b(Source|Validity|Inputs|Parameters|Conditions|Versions):/);
  });

  it("diff --lang zh prints the diff and its exact regions in Chinese", async () => {
    const r = await runCli(["diff", `${SUBSIDY}@1`, `${SUBSIDY}@2`, "--lang", "zh", "--max-cases", "3"], {}, () => fixtureEngine("amendment"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("第1版 → 第2版");
    expect(r.stdout).toContain("参数:");
    expect(r.stdout).toContain("精确变化区域:");
    expect(r.stdout).toContain("原文:“交易额在50万元” → “交易额在30万元”");
    expect(r.stdout).not.toContain("Parameters (参数)");
    const lines = r.stdout.split("\n").filter((l) => l.trim() !== "");
    // Every line that is not a formula, a region's bounds (`1. contractAmount ∈ […)`) or a quoted label holds Chinese.
    const prose = lines.filter((l) => !/^\s*[-\d.]*\s*(conditions|outcome|applicable)\./.test(l) && !/jjj\./.test(l) && !/“[^”]*”/.test(l) && !/^\s*\d+\. /.test(l));
    expect(prose.length).toBeGreaterThan(10);
    for (const l of prose) expect(l, l).toMatch(HAN);
  });
});
