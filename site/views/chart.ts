/**
 * Charts on the page (issue #18): the exact amount curve of the rule shown (the applicant's own value
 * marked), and in a diff both versions overlaid with the change regions shaded. The SVG text comes from
 * the library's `curveSvg` (src/chart/svg.ts: presentation attributes only, every text escaped); it is
 * parsed as SVG, never as HTML, so the page's Content-Security-Policy (no inline scripts or styles) holds.
 */
import { amountCurve } from "../../src/analysis/curve.js";
import { NotAnalysableError } from "../../src/analysis/errors.js";
import { curveSvg } from "../../src/chart/svg.js";
import { createEngine, InvalidFactsError, type Engine, type LoadedRuleVersion, type RuleFile, type RuleSet } from "../../src/index.js";
import { h } from "../dom.js";
import type { Lang } from "../i18n.js";
import { pt } from "../page-text.js";
import { lib } from "../state.js";

/** The input a rule's chart runs along: its first money input, else its first decimal input. */
export function chartInput(file: RuleFile): string | undefined {
  const inputs = Object.entries(file.inputs);
  return (inputs.find(([, s]) => s.type === "money") ?? inputs.find(([, s]) => s.type === "decimal"))?.[0];
}

/** The field a chart draws (as curveSvg chooses it): `amount`, else the first money field, else `eligible`. */
function chartField(file: RuleFile): string | undefined {
  const names = Object.keys(file.outcome);
  return names.find((n) => n === "amount") ?? names.find((n) => file.outcome[n]!.type === "money") ?? names.find((n) => n === "eligible");
}

/**
 * The width the chart is drawn for: the window's, less the page's margins, at most 720 px. The SVG
 * scales to its box anyway; drawing it for the screen keeps its labels readable on a phone.
 */
function chartWidth(): number {
  return Math.max(320, Math.min(720, document.documentElement.clientWidth - 40));
}

/** An SVG text as a DOM node (parsed as SVG: nothing in it runs). */
function svgNode(svg: string): Node {
  const doc = new DOMParser().parseFromString(svg, "image/svg+xml");
  return document.importNode(doc.documentElement, true);
}

function figure(svg: string, caption: string): HTMLElement {
  return h("figure", { class: "chart" }, svgNode(svg), h("figcaption", { class: "small muted" }, caption));
}

/**
 * The chart of the calculator: the curve of the rule's amount along its money (or decimal) input, the
 * other facts as entered, the applicant's own value marked. Null for a rule with no such input.
 */
export function calculatorChart(version: LoadedRuleVersion, facts: Readonly<Record<string, unknown>>, on: string, lang: Lang, engine: Engine = lib()): HTMLElement | null {
  const file = version.file;
  const input = chartInput(file);
  const field = chartField(file);
  if (input === undefined || field === undefined) return null;
  const spec = file.inputs[input]!;
  const own = facts[input];
  const mark = typeof own === "string" && /^-?\d+(\.\d+)?$/.test(own) ? own : undefined;
  // The curve needs every other fact; the input's own value only places the mark.
  const curveFacts = { ...facts, [input]: mark ?? spec.min ?? "0" };
  const vars = { input: spec.label[lang], field: file.outcome[field]!.label[lang] };
  const section = h("section", { class: "chart-section", "data-chart": input }, h("h3", {}, pt("chartTitle", lang)));
  try {
    const curve = amountCurve(version, curveFacts, input, { on, engine });
    const svg = curveSvg(curve, { width: chartWidth(), field, lang, title: file.title[lang], inputLabel: spec.label[lang], fieldLabel: file.outcome[field]!.label[lang], ...(mark !== undefined && { mark }) });
    section.append(figure(svg, pt("chartHelp", lang, vars)));
  } catch (error) {
    if (error instanceof InvalidFactsError) section.append(h("p", { class: "muted", "data-chart-pending": "" }, pt("chartNeedsFacts", lang)));
    else if (error instanceof NotAnalysableError) section.append(h("p", { class: "muted" }, pt("chartNotAnalysable", lang), error.message));
    else throw error;
  }
  return section;
}

const engines = new WeakMap<RuleSet, Engine>();

/** The engine over a rule set: the page's own for the shipped rules, else one made once per set. */
function engineOf(set: RuleSet): Engine {
  if (set === lib().ruleSet) return lib();
  let engine = engines.get(set);
  if (!engine) engines.set(set, (engine = createEngine(set)));
  return engine;
}

/**
 * The chart of a diff: version b's curve over version a's (dashed), the stretches where they decide
 * differently shaded; the other facts from the first worked example, each version on its first day.
 * Null when the rule has no money or decimal input common to both versions, or no worked example.
 */
export function diffChart(a: LoadedRuleVersion, b: LoadedRuleVersion, lang: Lang, setA: RuleSet, setB: RuleSet = setA): HTMLElement | null {
  const input = chartInput(b.file);
  const field = chartField(b.file);
  const example = b.file.examples[0] ?? a.file.examples[0];
  if (input === undefined || field === undefined || example === undefined || !Object.hasOwn(a.file.inputs, input) || !Object.hasOwn(a.file.outcome, field)) return null;
  const spec = b.file.inputs[input]!;
  const facts = { ...example.facts, [input]: spec.min ?? "0" };
  try {
    const before = amountCurve(a, facts, input, { on: a.validFrom, engine: engineOf(setA) });
    const after = amountCurve(b, facts, input, { on: b.validFrom, engine: engineOf(setB) });
    const svg = curveSvg(after, { width: chartWidth(), field, against: before, lang, title: b.file.title[lang], inputLabel: spec.label[lang], fieldLabel: b.file.outcome[field]!.label[lang] });
    return h("section", { class: "chart-section diff-chart", "data-chart": input }, h("h4", {}, pt("diffChartTitle", lang)), figure(svg, pt("diffChartHelp", lang, { v: b.file.version })));
  } catch (error) {
    if (error instanceof InvalidFactsError || error instanceof NotAnalysableError) return h("p", { class: "muted small" }, pt("chartNotAnalysable", lang), error.message);
    throw error;
  }
}
