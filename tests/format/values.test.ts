// The one formatter of values for people (src/format/values.ts): exact cases, float traps, a property
// test against a BigInt reference, and checks that the diff, the page and the catalogue use it.
import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VALUE_WORDS, formatMoney, formatPercent, groupDigits, percentDigits } from "../../src/format/values.js";
import { UI } from "../../site/i18n.js";
import * as diffFormat from "../../src/diff/format.js";
import * as siteAmount from "../../site/amount.js";

const root = fileURLToPath(new URL("../..", import.meta.url));

/**
 * Reference: a plain decimal times 100 with BigInt, written back as text (optionally rounded half away
 * from zero to `maxDecimals`). Independent of the digit-moving code under test.
 */
function referencePercent(text: string, maxDecimals?: number): string {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text)!;
  const frac = m[3] ?? "";
  let units = BigInt(m[2]! + frac) * 100n; // value × 100, scaled by 10^frac.length
  let scale = frac.length;
  if (maxDecimals !== undefined && scale > maxDecimals) {
    const drop = 10n ** BigInt(scale - maxDecimals);
    units = (units + drop / 2n) / drop; // half away from zero on the magnitude
    scale = maxDecimals;
  }
  const digits = units.toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  const dec = digits.slice(digits.length - scale).replace(/0+$/, "");
  return `${m[1]}${int}${dec ? `.${dec}` : ""}`;
}

const plainDecimal = fc
  .tuple(fc.constantFrom("", "-"), fc.stringMatching(/^\d{1,25}$/), fc.option(fc.stringMatching(/^\d{1,25}$/)))
  .map(([sign, int, frac]) => `${sign}${int}${frac === null ? "" : `.${frac}`}`);

describe("formatPercent", () => {
  it("writes a rate as its exact percentage, where floats print wrongly", () => {
    // What floats give: 0.07 * 100 = 7.000000000000001, 0.29 * 100 = 28.999999999999996, 0.57 * 100 = 56.99999999999999.
    expect(0.07 * 100).not.toBe(7);
    const cases: Array<[string, string]> = [
      ["0.15", "15%"],
      ["0.125", "12.5%"],
      ["0.07", "7%"],
      ["0.29", "29%"],
      ["0.57", "57%"],
      ["0.145", "14.5%"],
      ["1.005", "100.5%"],
      ["0.10", "10%"],
      ["0.05", "5%"],
      ["1", "100%"],
      ["0", "0%"],
      ["0.000", "0%"],
      ["-0.125", "-12.5%"],
      // (Number(v) * 100).toFixed(6), the catalogue's old way, gives 12.345679, 0.000012, 12.345679 and 1.2345678901234568e+21.
      ["0.123456789", "12.3456789%"],
      ["0.000000125", "0.0000125%"],
      ["0.1234567890123456789", "12.34567890123456789%"],
      ["12345678901234567890.5", "1234567890123456789050%"],
    ];
    for (const [rate, shown] of cases) expect(formatPercent(rate), rate).toBe(shown);
  });

  it("leaves what is not a plain decimal as it is", () => {
    for (const text of ["", "abc", "1e-7", " 0.1", "0.1 ", "+0.1", "0.", ".5", "1,000"]) expect(formatPercent(text), text).toBe(text);
  });

  it("equals a BigInt reference on any plain decimal", () => {
    fc.assert(
      fc.property(plainDecimal, (rate) => {
        expect(formatPercent(rate)).toBe(`${referencePercent(rate)}%`);
      }),
      { numRuns: 5000 },
    );
  });

  it("rounds half away from zero to maxDecimals, as the explanation writes rates", () => {
    expect(percentDigits("0.123456789", { maxDecimals: 4 })).toBe("12.3457");
    expect(percentDigits("0.99999995", { maxDecimals: 4 })).toBe("100");
    expect(percentDigits("-0.0000005", { maxDecimals: 4 })).toBe("-0.0001");
    expect(percentDigits("123.456", { grouped: true })).toBe("12,345.6");
    fc.assert(
      fc.property(plainDecimal, fc.integer({ min: 0, max: 8 }), (rate, maxDecimals) => {
        expect(percentDigits(rate, { maxDecimals })).toBe(referencePercent(rate, maxDecimals));
      }),
      { numRuns: 5000 },
    );
  });
});

describe("groupDigits and formatMoney", () => {
  it("group the integer part by thousands and keep the fraction as written", () => {
    expect(groupDigits("123456789012345")).toBe("123,456,789,012,345"); // 15-digit yuan
    expect(groupDigits("123456789012345.67")).toBe("123,456,789,012,345.67");
    expect(groupDigits("999")).toBe("999");
    expect(groupDigits("1000")).toBe("1,000");
    expect(groupDigits("-1500")).toBe("-1,500");
    expect(groupDigits("0.0000001")).toBe("0.0000001");
    expect(groupDigits("1e21")).toBe("1e21");
  });

  it("write yuan with at least two decimals, grouped, never rounded", () => {
    expect(formatMoney("123456789012345")).toBe("123,456,789,012,345.00");
    expect(formatMoney("8999999.9")).toBe("8,999,999.90");
    expect(formatMoney("0")).toBe("0.00");
    expect(formatMoney("-1500")).toBe("-1,500.00");
    expect(formatMoney("1.005")).toBe("1.005"); // rounding happens once, where a rule says; display never rounds
    expect(formatMoney("n/a")).toBe("n/a");
  });

  it("groupDigits agrees with grouping a BigInt's digits", () => {
    fc.assert(
      fc.property(fc.bigInt({ min: -(10n ** 30n), max: 10n ** 30n }), fc.option(fc.stringMatching(/^\d{1,10}$/)), (n, frac) => {
        const text = `${n}${frac === null ? "" : `.${frac}`}`;
        const abs = (n < 0n ? -n : n).toString();
        const int = [...abs].reverse().join("").match(/\d{1,3}/g)!.join(",").split("").reverse().join("");
        expect(groupDigits(text)).toBe(`${n < 0n ? "-" : ""}${int}${frac === null ? "" : `.${frac}`}`);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("one formatter for the diff, the page and the catalogue", () => {
  it("the diff and the page use the same functions", () => {
    expect(diffFormat.groupDigits).toBe(groupDigits);
    expect(siteAmount.groupDigits).toBe(groupDigits);
    expect(siteAmount.formatMoney).toBe(formatMoney);
    expect(diffFormat.yuan).toBe(formatMoney);
    expect(diffFormat.percent).toBe(formatPercent);
    expect(siteAmount.fractionToPercent).toBe(percentDigits);
    for (const word of ["yes", "no", "none", "yuan"] as const) expect(UI[word]).toBe(VALUE_WORDS[word]);
    expect(diffFormat.formatValue(true, "boolean")).toBe(VALUE_WORDS.yes.en);
  });

  it("no second digit grouping or float percentage is written in src/, site/ or scripts/", () => {
    const files = (dir: string): string[] =>
      readdirSync(join(root, dir)).flatMap((name) => {
        const path = `${dir}/${name}`;
        return statSync(join(root, path)).isDirectory() ? (name === "generated" ? [] : files(path)) : /\.(ts|mjs)$/.test(name) ? [path] : [];
      });
    const all = [...files("src"), ...files("site"), ...files("scripts")];
    expect(all.length).toBeGreaterThan(50);
    const grouping = all.filter((p) => readFileSync(join(root, p), "utf8").includes("(\\d{3})+"));
    expect(grouping).toEqual(["src/format/values.ts"]);
    const definitions = all.filter((p) => /function groupDigits\b|const groupDigits\b/.test(readFileSync(join(root, p), "utf8")));
    expect(definitions).toEqual(["src/format/values.ts"]);
    expect(readFileSync(join(root, "scripts/generate-rule-docs.mjs"), "utf8")).not.toMatch(/\*\s*100\b/);
  });

  it("the catalogue writes a rate parameter's percentage exactly", () => {
    const dir = mkdtempSync(join(tmpdir(), "jjj-values-"));
    try {
      const rules = join(dir, "rules");
      const out = join(dir, "out");
      cpSync(join(root, "rules/sjz-2025"), join(rules, "sjz-2025"), { recursive: true });
      const file = join(rules, "sjz-2025/absorption-subsidy/v1.json");
      const rule = JSON.parse(readFileSync(file, "utf8"));
      rule.parameters.lowerBandRate.value = "0.123456789";
      rule.parameters.upperBandRate.value = "0.000000125";
      writeFileSync(file, JSON.stringify(rule, null, 2));
      execFileSync(process.execPath, [join(root, "scripts/generate-rule-docs.mjs"), "--rules", rules, "--out", out], { cwd: root, stdio: "pipe" });
      const page = readFileSync(join(out, "sjz-2025.md"), "utf8");
      expect(page).toContain("`0.123456789` (12.3456789%)");
      expect(page).toContain("`0.000000125` (0.0000125%)");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
