/**
 * The words of the page's chart, search, start rule and draft panel (issue #18), in both languages. Kept
 * apart from i18n.ts so that the page's other texts can change without touching these.
 */
import type { Lang, Text } from "./i18n.js";

export const PAGE_TEXT = {
  chartTitle: { zh: "金额曲线", en: "How the amount varies" },
  chartHelp: {
    zh: "按规则精确计算的曲线(不是抽样):{input} 变化、其他输入不变时 {field} 的取值;标出了每个拐点和您的值。",
    en: "The exact curve of the rule (not sampled): {field} as {input} varies, the other inputs as entered; each breakpoint and your own value are marked.",
  },
  chartNeedsFacts: { zh: "填写其他输入项后即可显示曲线。", en: "Fill in the other inputs to see the curve." },
  chartNotAnalysable: { zh: "该规则沿此输入无法精确作图:", en: "This rule cannot be charted exactly along this input: " },
  diffChartTitle: { zh: "两个版本的金额曲线", en: "The amount under both versions" },
  diffChartHelp: {
    zh: "以 v{v} 的第一个算例为其他输入;虚线为修订前,实线为修订后,阴影为两版决定不同的区间。",
    en: "Other inputs from the first worked example of v{v}; dashed: before, solid: after; shaded: where the two versions decide differently.",
  },
  search: { zh: "搜索规则", en: "Search rules" },
  searchPlaceholder: { zh: "中文标题、英文标题或编号", en: "Chinese or English title, or id" },
  searchNone: { zh: "没有匹配的规则。", en: "No rule matches." },
  searchCount: { zh: "{n} 条规则匹配", en: "{n} rules match" },
  navDraft: { zh: "草案", en: "Draft" },
  draftTitle: { zh: "试用规则草案", en: "Try a draft rule" },
  draftIntro: {
    zh: "粘贴或拖入一个规则版本文件(如 v2.json,可为修订 extends 文件)。它与命令行 --rules 一样加载和检查(同样的大小限制与规则检查),只在本页面中使用,不会上传。",
    en: "Paste or drop one rule version file (such as v2.json, an amendment with extends is fine). It is loaded and checked as the CLI's --rules loads rule files (the same size limit and checks), and stays in this page: nothing is uploaded.",
  },
  draftText: { zh: "规则文件(JSON)", en: "Rule file (JSON)" },
  draftFile: { zh: "或选择文件", en: "or choose a file" },
  draftDrop: { zh: "把文件拖到这里", en: "Drop a file here" },
  draftLoad: { zh: "加载并比较", en: "Load and compare" },
  draftExample: { zh: "填入示例草案(修订补助比例)", en: "Fill in a sample draft (an amended rate)" },
  draftLoaded: { zh: "已加载 {id} v{v}。", en: "Loaded {id} v{v}." },
  draftNew: { zh: "新规则,没有已发布的版本可比较。", en: "A new rule: there is no shipped version to compare with." },
  draftFacts: { zh: "事实(JSON),用于评估草案", en: "Facts (JSON) to evaluate the draft on" },
  draftEvaluate: { zh: "评估草案", en: "Evaluate the draft" },
  draftOn: { zh: "评估日期", en: "Evaluation date" },
  draftErrors: { zh: "草案无法加载", en: "The draft cannot be loaded" },
  draftDiff: { zh: "与已发布版本的差异", en: "Differences from the shipped version" },
  draftTooLarge: {
    zh: "文件有 {n} 字节,超过规则文件上限 {max} 字节(MAX_RULE_FILE_BYTES;命令行用 --max-rule-file-bytes 调高)",
    en: "the file has {n} bytes, more than the rule file limit of {max} bytes (MAX_RULE_FILE_BYTES; the CLI raises it with --max-rule-file-bytes)",
  },
  draftNotJson: { zh: "不是有效的 JSON", en: "not valid JSON" },
  draftNoId: { zh: "文件须有 id(如 sjz-2025/absorption-subsidy)和 version(正整数)", en: "the file needs an id (such as sjz-2025/absorption-subsidy) and a version (a positive whole number)" },
  summaryJump: { zh: "查看详情", en: "Details" },
} as const satisfies Record<string, Text>;

/** A text of the page in one language, with `{name}` filled in. */
export function pt(key: keyof typeof PAGE_TEXT, lang: Lang, vars: Record<string, string | number> = {}): string {
  return PAGE_TEXT[key][lang].replace(/\{(\w+)\}/g, (_, k: string) => (k in vars ? String(vars[k]) : `{${k}}`));
}
