import { describe, expect, it } from "vitest";
import { textFragments } from "../../src/diff/index.js";

describe("textFragments cuts changed texts at word boundaries", () => {
  it("never cuts a Chinese word in two (the issue's 交易额 was cut to 易额)", () => {
    const quote = (n: string, r: string) => `鼓励企业以技术转让和技术许可方式吸纳京津科技成果,单项技术交易额在${n}万元(含)至100万元(含)的,按照技术合同实际交易额给予最高${r}%的补助`;
    expect(textFragments(quote("50", "10"), quote("30", "15"))).toEqual([
      { from: "交易额在50万元", to: "交易额在30万元" },
      { from: "给予最高10%的补助", to: "给予最高15%的补助" },
    ]);
    expect(textFragments("每项最高补助50万元。", "每项最高补助80万元。")).toEqual([{ from: "最高补助50万元", to: "最高补助80万元" }]);
  });

  it("keeps whole English words and numbers as context", () => {
    expect(textFragments("the contract value is at least 500,000 yuan", "the contract value is at least 300,000 yuan")).toEqual([
      { from: "least 500,000 yuan", to: "least 300,000 yuan" },
    ]);
  });

  it("starts and ends each fragment on a word, not on punctuation", () => {
    for (const f of textFragments("甲,乙方应当在30日内报送。", "甲,乙方应当在60日内报送。")) {
      for (const side of [f.from, f.to]) {
        expect(side).not.toMatch(/^[,。、()\s]/u);
        expect(side).not.toMatch(/[,。、()\s]$/u);
      }
    }
  });

  it("joins edits close together and separates distant ones", () => {
    const a = "第一条 甲 50 万元;".repeat(1) + "中间有很多很多相同的文字内容在这里".repeat(3) + "第二条 乙 20 万元";
    const b = "第一条 甲 60 万元;" + "中间有很多很多相同的文字内容在这里".repeat(3) + "第二条 乙 30 万元";
    const frags = textFragments(a, b);
    expect(frags).toHaveLength(2);
    expect(frags.map((f) => [f.from.includes("50"), f.to.includes("30")])).toEqual([
      [true, false],
      [false, true],
    ]);
  });

  it("gives identical texts no fragment and a text added at the end one fragment", () => {
    expect(textFragments("不变的原文", "不变的原文")).toEqual([]);
    expect(textFragments("补助", "补助标准")).toHaveLength(1);
  });
});
