// Unit tests of the calculator page's amount reading (site/amount.ts): pure, no browser, so they run
// with the default `npm test`; the browser test of the page is tests/e2e/calculator.e2e.mjs.
import { Decimal } from "decimal.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatMoney, fractionToPercent, groupDigits, parseAmount, parseRate, shiftDecimal } from "../../site/amount.js";

describe("parseAmount reads yuan, 万 and 亿 exactly", () => {
  it.each([
    ["3000000", "3000000", ""],
    ["3,000,000", "3000000", ""],
    ["3000000.00", "3000000", ""],
    ["300万", "3000000", "万"],
    ["300 万元", "3000000", "万元"],
    ["300万元", "3000000", "万元"],
    ["1.5亿", "150000000", "亿"],
    ["1.5 亿元", "150000000", "亿元"],
    ["50.01万", "500100", "万"],
    ["0.0001万", "1", "万"],
    ["0.001万", "10", "万"],
    ["0.0000001万", "0.001", "万"],
    [".5万", "5000", "万"],
    ["３００万", "3000000", "万"],
    ["  300万  ", "3000000", "万"],
    ["100元", "100", "元"],
    ["0", "0", ""],
    ["-1", "-1", ""],
    ["-0.5万", "-5000", "万"],
  ])("%j → %s", (input, value, unit) => {
    expect(parseAmount(input)).toEqual({ kind: "ok", value, unit });
  });

  it.each(["", "   "])("%j is empty", (input) => {
    expect(parseAmount(input)).toEqual({ kind: "empty" });
  });

  it.each(["abc", "五十万", "1e6", "3,00,000", "300万万", "万", "1.2.3", "300 thousand"])("%j is left for the engine to reject", (input) => {
    expect(parseAmount(input)).toEqual({ kind: "unparsed", raw: input });
  });

  it("agrees with decimal.js on any amount in 万 or 亿", () => {
    const digits = fc.stringMatching(/^\d{1,9}(\.\d{1,9})?$/);
    fc.assert(
      fc.property(digits, fc.constantFrom(["万", 4], ["万元", 4], ["亿", 8], ["亿元", 8], ["", 0]), (text, [unit, shift]) => {
        const parsed = parseAmount(`${text}${unit}`);
        expect(parsed.kind).toBe("ok");
        const exact = new Decimal(text).times(new Decimal(10).pow(shift as number));
        expect(parsed.kind === "ok" && new Decimal(parsed.value).equals(exact)).toBe(true);
        // The text is plain: no exponent, no needless zeros.
        expect(parsed.kind === "ok" && /^(0|[1-9]\d*)(\.\d*[1-9])?$/.test(parsed.value)).toBe(true);
      }),
    );
  });
});

describe("the other readers and formatters are text-exact", () => {
  it("shiftDecimal moves the point both ways", () => {
    expect(shiftDecimal("300", 4)).toBe("3000000");
    expect(shiftDecimal("0.00015", 4)).toBe("1.5");
    expect(shiftDecimal("10", -2)).toBe("0.1");
    expect(shiftDecimal("5", -2)).toBe("0.05");
    expect(shiftDecimal("-0", 4)).toBe("0");
  });

  it("parseRate takes fractions and percentages", () => {
    expect(parseRate("0.1")).toEqual({ kind: "ok", value: "0.1", unit: "" });
    expect(parseRate("10%")).toEqual({ kind: "ok", value: "0.1", unit: "%" });
    expect(parseRate("12.5 ％")).toEqual({ kind: "ok", value: "0.125", unit: "%" });
    expect(parseRate("ten")).toEqual({ kind: "unparsed", raw: "ten" });
  });

  it("formatMoney and groupDigits group by thousands without rounding", () => {
    expect(formatMoney("200000.00")).toBe("200,000.00");
    expect(formatMoney("200000")).toBe("200,000.00");
    expect(formatMoney("0.5")).toBe("0.50");
    expect(formatMoney("-1500")).toBe("-1,500.00");
    expect(groupDigits("9000000.01")).toBe("9,000,000.01");
    expect(fractionToPercent("0.05")).toBe("5");
    expect(fractionToPercent("0.125")).toBe("12.5");
  });
});
