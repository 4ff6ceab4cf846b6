import { describe, expect, it } from "vitest";
import { expectedZh, issueZh, type DeclaredInput } from "../../site/issue-text.js";
import { VALUE_TYPES } from "../../src/types/index.js";
import { defaultEngine } from "../../src/api.js";

// The page's Chinese for a fact's issue (site/issue-text.ts): the engine's issues are in English, so in
// Chinese the page words them from the issue's code and the input's declared type, bounds and values.
const spec = (s: DeclaredInput): DeclaredInput => s;

describe("the page's Chinese words for a fact's issue", () => {
  it("says what each value type expects, with the declared bounds and values", () => {
    expect(expectedZh(spec({ type: "money" }))).toBe("以元为单位的金额,最多两位小数,不小于 0,例如 3000000.00");
    expect(expectedZh(spec({ type: "money", min: "500000", max: "1000000" }))).toBe("以元为单位的金额,最多两位小数,500000 至 1000000,例如 3000000.00");
    expect(expectedZh(spec({ type: "rate", min: "0", max: "1" }))).toBe("以小数表示的比率(0.10 即 10%),0 至 1");
    expect(expectedZh(spec({ type: "integer", min: "0" }))).toBe("整数,不小于 0");
    expect(expectedZh(spec({ type: "decimal", max: "5" }))).toBe("十进制数,不大于 5,例如 0.15");
    expect(expectedZh(spec({ type: "enum", values: { transfer: { zh: "技术转让", en: "transfer" }, license: { zh: "技术许可", en: "licence" } } }))).toBe("以下之一:技术转让(transfer)、技术许可(license)");
    expect(expectedZh(spec({ type: "string", pattern: "^[a-z]+$" }))).toBe("符合格式 ^[a-z]+$ 的文本");
    expect(expectedZh(spec({ type: "date" }))).toBe("日历日期 YYYY-MM-DD");
  });

  it("has words for every value type, and for the issue of every shipped input's invalid value", () => {
    for (const type of Object.keys(VALUE_TYPES) as DeclaredInput["type"][]) {
      const words = issueZh({ code: "invalid_value", path: "x", message: "invalid" }, spec({ type }));
      expect(words.message, type).toMatch(/无效$/);
      expect(words.expected, type).toMatch(/\S/);
    }
    // Every input of every shipped rule: a value no input accepts gives an issue the page can say in Chinese.
    for (const rule of defaultEngine().listRules()) {
      for (const [name, input] of Object.entries(rule.file.inputs)) {
        const words = issueZh({ code: "invalid_value", path: name, message: "invalid" }, input);
        expect(words.expected, `${rule.id} ${name}`).not.toMatch(/undefined/);
      }
    }
  });

  it("says an unreadable input, and any other code, without an expectation", () => {
    expect(issueZh({ code: "unreadable_input", path: "x", message: "" }, spec({ type: "money" }))).toEqual({ message: "无法读取此项" });
    expect(issueZh({ code: "something_else", path: "x", message: "" }, spec({ type: "money" }))).toEqual({ message: "输入有误" });
  });
});
