/**
 * Two versions of a rule compared with the library's `diffRules`: what changed (dates, parameters,
 * inputs, logic, text), and the concrete cases whose outcome changes. The diff's sentences are the
 * library's, in the page's language (`text` in English, `textZh` in Chinese).
 */
import { diffRules, type BehaviourChange, type CaseResult, type DiffChange, type LoadedRuleVersion, type RuleDiff, type RuleSet } from "../../src/index.js";
import { h, type Child } from "../dom.js";
import { t } from "../fields.js";
import { formatRange, formatValue } from "../format.js";
import type { Lang, Text } from "../i18n.js";
import { diffChart } from "./chart.js";

const SECTIONS: readonly { key: "validity" | "parameters" | "inputs" | "logic" | "metadata" | "examples"; label: Text }[] = [
  { key: "validity", label: { zh: "有效期", en: "Validity" } },
  { key: "parameters", label: { zh: "参数", en: "Parameters" } },
  { key: "inputs", label: { zh: "输入项", en: "Inputs" } },
  { key: "logic", label: { zh: "逻辑", en: "Logic" } },
  { key: "metadata", label: { zh: "标题、原文与说明", en: "Title, source text and notes" } },
  { key: "examples", label: { zh: "算例", en: "Worked examples" } },
];

/** How many changed cases to list before summarising the rest. */
const MAX_CASES = 40;

const cache = new WeakMap<RuleSet, Map<string, RuleDiff>>();

function diffOf(set: RuleSet, ruleId: string, a: number, b: number): RuleDiff {
  let bySet = cache.get(set);
  if (!bySet) cache.set(set, (bySet = new Map()));
  const key = `${ruleId}@${a}..${b}`;
  let diff = bySet.get(key);
  if (!diff) {
    diff = diffRules({ ruleSet: set, ruleId, version: a }, { ruleSet: set, ruleId, version: b });
    bySet.set(key, diff);
  }
  return diff;
}

function parameterLine(change: RuleDiff["parameters"][number], lang: Lang): Child {
  const spec = (change.to ?? change.from) as { label?: Text } | undefined;
  const label = spec?.label ? `${spec.label[lang]} (${change.name})` : change.name;
  const unit = change.unit === "yuan" ? t("yuan", lang) : change.unit;
  const words = change.valueChanged ? `${label}: ${change.fromText ?? "—"} → ${change.toText ?? "—"}${unit ? ` ${unit}` : ""}` : label;
  return h("li", { "data-parameter-change": change.name }, h("strong", {}, words), change.valueChanged ? null : h("div", { class: "small" }, changeWords(change, lang)), change.details.length > 0 ? h("div", { class: "small muted" }, (lang === "zh" ? change.detailsZh : change.details).join(lang === "zh" ? ";" : "; ")) : null);
}

/** A change's sentence in the page's language. */
function changeWords(change: { text: string; textZh: string }, lang: Lang): string {
  return lang === "zh" ? change.textZh : change.text;
}

function changeList(diff: RuleDiff, lang: Lang): Child[] {
  const out: Child[] = [];
  for (const section of SECTIONS) {
    const changes = diff[section.key] as readonly DiffChange[];
    if (changes.length === 0) continue;
    out.push(
      h("h5", { class: "change-section" }, section.label[lang]),
      h(
        "ul",
        { "data-section": section.key },
        section.key === "parameters" ? diff.parameters.map((p) => parameterLine(p, lang)) : changes.map((c) => h("li", {}, changeWords(c, lang))),
      ),
    );
  }
  return out;
}

function resultText(r: CaseResult, types: Readonly<Record<string, string>>, lang: Lang): string {
  if (r.rejected) return `✗ ${r.rejected.map((i) => `${i.path}: ${i.message}`).join("; ")}`;
  if (r.inForce === false) return t("notInForce", lang, { on: r.on });
  const outcome = r.outcome ?? {};
  return Object.entries(outcome)
    .map(([k, v]) => `${k} ${formatValue(types[k] as never, v, lang)}`)
    .join(", ");
}

function caseRow(change: BehaviourChange, types: Readonly<Record<string, string>>, lang: Lang): HTMLElement {
  const facts = Object.entries(change.case.facts)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? `[${v.join(",")}]` : String(v)}`)
    .join(", ");
  return h(
    "tr",
    { "data-case": change.case.kind },
    h("td", {}, change.case.varies ? h("strong", {}, `${change.case.varies.input} = ${change.case.varies.value}`) : null, h("div", { class: "small" }, facts), h("div", { class: "small muted" }, lang === "zh" ? change.case.originsZh.join(";") : change.case.origins.join("; "))),
    h("td", {}, resultText(change.from, types, lang)),
    h("td", {}, resultText(change.to, types, lang)),
    h("td", { class: "small" }, change.fields.map((f) => (f.delta ? `${f.field} ${f.delta}` : changeWords(f, lang))).join(lang === "zh" ? ";" : "; ")),
  );
}

function behaviourSection(diff: RuleDiff, types: Readonly<Record<string, string>>, lang: Lang): Child {
  const b = diff.behaviour;
  if (!b) return null;
  const shown = b.changes.slice(0, MAX_CASES);
  const on = lang === "zh" ? `修订前按 ${b.on.from}、修订后按 ${b.on.to} 评估;共比较 ${b.cases} 个情形(算例 ${b.exampleCases} 个,边界情形 ${b.boundaryCases} 个)。` : `Before evaluated on ${b.on.from}, after on ${b.on.to}; ${b.cases} cases compared (${b.exampleCases} worked examples, ${b.boundaryCases} boundary cases).`;
  return h(
    "section",
    { class: "behaviour", "data-changed-cases": b.changes.length },
    h("h4", {}, `${t("changedCases", lang)} (${b.changes.length})`),
    h("p", { class: "small muted" }, on),
    b.changes.length === 0
      ? h("p", {}, t("noChangedCases", lang))
      : h(
          "table",
          { class: "cases" },
          h("thead", {}, h("tr", {}, h("th", {}, lang === "zh" ? "情形" : "Case"), h("th", {}, `${t("before", lang)} (v${diff.from.version})`), h("th", {}, `${t("after", lang)} (v${diff.to.version})`), h("th", {}, lang === "zh" ? "差异" : "Difference"))),
          h("tbody", {}, shown.map((c) => caseRow(c, types, lang))),
        ),
    b.changes.length > shown.length ? h("p", { class: "small muted" }, lang === "zh" ? `另有 ${b.changes.length - shown.length} 个情形未列出。` : `${b.changes.length - shown.length} more cases are not listed.`) : null,
  );
}

export function renderDiff(set: RuleSet, ruleId: string, a: LoadedRuleVersion, b: LoadedRuleVersion, lang: Lang): HTMLElement {
  return renderRuleDiff(diffOf(set, ruleId, a.file.version, b.file.version), a, b, lang, set);
}

/** A diff already computed, of version a (of rule set setA) and version b (of setB: a draft's, say). */
export function renderRuleDiff(diff: RuleDiff, a: LoadedRuleVersion, b: LoadedRuleVersion, lang: Lang, setA: RuleSet, setB: RuleSet = setA): HTMLElement {
  const types: Record<string, string> = {};
  for (const [name, spec] of Object.entries(b.file.outcome)) types[name] = spec.type;
  return h(
    "section",
    { class: "diff", "data-diff": `${a.file.version}-${b.file.version}` },
    h("h3", {}, `v${a.file.version} → v${b.file.version}`),
    h("p", { class: "small" }, `v${a.file.version}: ${formatRange(a.validFrom, a.validTo, lang)} · v${b.file.version}: ${formatRange(b.validFrom, b.validTo, lang)}`),
    diffChart(a, b, lang, setA, setB),
    h("h4", {}, t("changesInWords", lang)),
    diff.identical ? h("p", {}, lang === "zh" ? "两个版本内容相同。" : "The two versions are the same.") : changeList(diff, lang),
    behaviourSection(diff, types, lang),
  );
}
