/**
 * A fact's issue as the page says it in Chinese. The engine's issues are in English (`PolicyIssue.message`
 * and `expected`, from the value types); in Chinese the page says what is wrong from the issue's code and
 * the input's declared type, bounds and values, which it knows, and keeps the engine's English beneath,
 * which carries the hint for a common mistake ("remove the thousands separators" …).
 */
import type { InputSpec, PolicyIssue } from "../src/index.js";

/** What the words need of an input: its declared type, bounds, pattern and values (a field's spec has them). */
export interface DeclaredInput {
  type: InputSpec["type"];
  min?: string | undefined;
  max?: string | undefined;
  pattern?: string | undefined;
  values?: Readonly<Record<string, { readonly zh: string; readonly en: string }>> | undefined;
}

/** What a value of each type is called in "… 无效" (invalid …). */
const TYPE_NAMES: Readonly<Record<DeclaredInput["type"], string>> = {
  money: "金额",
  decimal: "数值",
  rate: "比率",
  integer: "整数",
  boolean: "是否",
  date: "日期",
  enum: "选项",
  enumList: "选项列表",
  string: "文本",
};

/** The declared bounds in words: "不小于 0", "0 至 1". */
function rangeZh(spec: DeclaredInput): string {
  if (spec.min !== undefined && spec.max !== undefined) return `${spec.min} 至 ${spec.max}`;
  if (spec.min !== undefined) return `不小于 ${spec.min}`;
  if (spec.max !== undefined) return `不大于 ${spec.max}`;
  return "";
}

/** What a fact of this input must be, in Chinese: the page's counterpart of the value type's `expected`. */
export function expectedZh(spec: DeclaredInput): string {
  // Money is at least 0 unless it says otherwise (src/types/money.ts).
  const range = rangeZh(spec.type === "money" ? { ...spec, min: spec.min ?? "0" } : spec);
  const within = range ? `,${range}` : "";
  const values = Object.entries(spec.values ?? {}).map(([value, label]) => `${label.zh}(${value})`);
  switch (spec.type) {
    case "money":
      return `以元为单位的金额,最多两位小数${within},例如 3000000.00`;
    case "decimal":
      return `十进制数${within},例如 0.15`;
    case "rate":
      return `以小数表示的比率(0.10 即 10%)${within}`;
    case "integer":
      return `整数${within}`;
    case "boolean":
      return "是或否";
    case "date":
      return "日历日期 YYYY-MM-DD";
    case "enum":
      return `以下之一:${values.join("、")}`;
    case "enumList":
      return `由以下各项组成的列表:${values.join("、")}`;
    case "string":
      return spec.pattern !== undefined ? `符合格式 ${spec.pattern} 的文本` : "文本";
  }
}

/**
 * The Chinese words of one issue of a field: what is wrong, and what was expected where the issue is about
 * the value.
 *
 * @example
 * issueZh({ code: "invalid_value", path: "contractAmount", message: "invalid money", expected: "…" }, moneySpec)
 * //=> { message: "金额无效", expected: "以元为单位的金额,最多两位小数,不小于 0,例如 3000000.00" }
 */
export function issueZh(issue: PolicyIssue, spec: DeclaredInput): { message: string; expected?: string } {
  switch (issue.code) {
    case "invalid_value":
      return { message: `${TYPE_NAMES[spec.type]}无效`, expected: expectedZh(spec) };
    case "unreadable_input":
      return { message: "无法读取此项" };
    default: // a missing input is said by the field itself (fields.ts: "必填")
      return { message: "输入有误" };
  }
}
