import type { LoadedRuleVersion, References } from "./rule-version.js";
import type { LocalizedText } from "../schema/common.js";
import type { InputSpec, ParameterSpec, ValueType } from "../schema/rule-file.js";
import type { Decision, OutcomeValue } from "./decision.js";
import { VALUE_WORDS } from "../format/values.js";
import { VALUE_TYPES, percentText } from "../types/index.js";

function valueText(value: unknown, type: ValueType, values?: Record<string, LocalizedText>): LocalizedText {
  if (value === null || value === undefined) return VALUE_WORDS.none;
  if (typeof value === "boolean") return value ? VALUE_WORDS.yes : VALUE_WORDS.no;
  if (Array.isArray(value)) {
    const parts = value.map((v) => valueText(v, "enum", values));
    return { zh: parts.map((p) => p.zh).join("、") || "(空)", en: parts.map((p) => p.en).join(", ") || "(none)" };
  }
  const text = String(value);
  if (values && Object.prototype.hasOwnProperty.call(values, text)) {
    return { zh: `${text}(${values[text]!.zh})`, en: `${text} (${values[text]!.en})` };
  }
  // The rest is the type's: a rate with its percentage, money with its unit (src/types/).
  return VALUE_TYPES[type].explainText(text);
}

/** A rate as a percentage, exactly (the rate module's, src/types/rate.ts): `"0.075"` → `"7.5"`. */
export { percentText };

function join(parts: readonly LocalizedText[], zhSep = ";", enSep = "; "): LocalizedText {
  // Concatenation, not Array#join: the engine keeps the pieces as a rope and copies them once, when
  // the text is first read whole (e.g. by JSON.stringify), instead of on every join.
  let zh = "";
  let en = "";
  for (let i = 0; i < parts.length; i++) {
    if (i > 0) {
      zh += zhSep;
      en += enSep;
    }
    zh += parts[i]!.zh;
    en += parts[i]!.en;
  }
  return { zh, en };
}

/**
 * The parameter part of an expression's values (`参数 cap = 500000 元, …`): it depends only on the
 * parameters, so each expression line of an explainer computes it once.
 */
function parametersText(refs: References, params: Decision["parameters"], specs: Record<string, ParameterSpec>): LocalizedText | null {
  const parts = refs.parameters.map((name) => {
    const spec = specs[name]!;
    const v = valueText(params[name], spec.type, spec.values);
    return { zh: `参数 ${name} = ${v.zh}`, en: `parameter ${name} = ${v.en}` };
  });
  return parts.length === 0 ? null : Object.freeze(join(parts, ",", ", "));
}

/*
 * Explanations are written by an explainer made once per rule version and parameter object (decisions of
 * the fast path share one frozen parameter object per version): each line's constant pieces (the labels
 * of its inputs, its parameter values) are precomputed, so a line is its pieces and the values of the
 * facts, concatenated. Lines repeat: most subjects share a city, a type, a contract mode, and most get
 * the same outcome. A line that depends only on such values (strings, booleans, integers; not money,
 * which varies from subject to subject) is kept, frozen, by those values (bounded: the first MEMO_LIMIT
 * per kind of line). It is the same text either way.
 */
const MEMO_LIMIT = 256;

/** A value that may key a kept line: a primitive (strings up to 64 characters). */
function keyable(value: unknown): boolean {
  const t = typeof value;
  return value === null || t === "boolean" || t === "number" || (t === "string" && (value as string).length <= 64);
}

/** A tree of maps, one level per value: looking a line up hashes the values themselves (no key string to build). */
type Trie = Map<unknown, unknown>;
const LINE = Symbol("line");

/**
 * A line's text around the values it shows, precompiled: the line made once with a marker for the
 * values, and cut at the marker. `before + values + after` is then the line `make` writes, byte for byte,
 * in fewer pieces (the labels and the parameters are part of `before` and `after`).
 */
const MARK = "\u0000values\u0000";
interface Template {
  readonly zh: readonly [string, string];
  readonly en: readonly [string, string];
}
function template(make: (values: LocalizedText) => LocalizedText): Template | undefined {
  const line = make({ zh: MARK, en: MARK });
  const cut = (text: string): [string, string] | undefined => {
    const at = text.indexOf(MARK);
    return at === -1 || text.indexOf(MARK, at + 1) !== -1 ? undefined : [text.slice(0, at), text.slice(at + MARK.length)];
  };
  const zh = cut(line.zh);
  const en = cut(line.en);
  return zh && en ? { zh, en } : undefined;
}

/** Kept lines of one kind, by their values: at most MEMO_LIMIT, the first ones met (frequent values come early). */
class LineMemo {
  #root: Trie | undefined; // made on first use: the reference path makes explainers that keep nothing
  #size = 0;

  /** The kept line for `values`, or undefined (then `keep` it once made). */
  get(values: readonly unknown[]): LocalizedText | undefined {
    let node = this.#root;
    for (let i = 0; i < values.length && node !== undefined; i++) node = node.get(values[i]) as Trie | undefined;
    return node?.get(LINE) as LocalizedText | undefined;
  }

  /** Keep `line` (frozen) for `values` while there is room; returns it. */
  keep(values: readonly unknown[], line: LocalizedText): LocalizedText {
    if (this.#size >= MEMO_LIMIT) return line;
    Object.freeze(line);
    let node = (this.#root ??= new Map());
    for (let i = 0; i < values.length; i++) {
      let next = node.get(values[i]) as Trie | undefined;
      if (!next) node.set(values[i], (next = new Map()));
      node = next;
    }
    node.set(LINE, line);
    this.#size++;
    return line;
  }
}

/** The line of one expression (the applicable test, or a condition), for either result. */
class ExpressionLine {
  readonly #names: readonly string[];
  readonly #specs: readonly InputSpec[];
  /** Per input: its label and name, as the line writes them before the value. */
  readonly #heads: readonly LocalizedText[];
  readonly #params: LocalizedText | null;
  /** Whether lines are kept by the values of the inputs (every input of a type that repeats). */
  readonly #memoizable: boolean;
  readonly #memos: readonly [LineMemo, LineMemo] = [new LineMemo(), new LineMemo()];
  readonly #scratch: unknown[];
  /**
   * For an expression of one input: per result, the line around that input's value text (its label
   * and the parameters included). Undefined otherwise: the line is made from all the values.
   */
  readonly #single: readonly [Template, Template] | undefined;

  constructor(
    refs: References,
    file: LoadedRuleVersion["file"],
    params: Decision["parameters"],
    /** The line, from the text of the values: the applicable line or a condition's. */
    readonly make: (holds: boolean, values: LocalizedText) => LocalizedText,
  ) {
    this.#names = refs.inputs;
    this.#specs = refs.inputs.map((name) => file.inputs[name]!);
    this.#heads = refs.inputs.map((name) => {
      const spec = file.inputs[name]!;
      return { zh: `${spec.label.zh}(${name})= `, en: `${spec.label.en} (${name}) = ` };
    });
    this.#params = parametersText(refs, params, file.parameters);
    this.#memoizable = this.#specs.every((spec) => VALUE_TYPES[spec.type].explainMemo);
    this.#scratch = new Array<unknown>(refs.inputs.length);
    if (refs.inputs.length === 1) {
      const head = this.#heads[0]!;
      const params = this.#params;
      const around = (holds: boolean) =>
        template((v) => this.make(holds, { zh: head.zh + v.zh + (params ? "," + params.zh : ""), en: head.en + v.en + (params ? ", " + params.en : "") }));
      const no = around(false);
      const yes = around(true);
      if (no && yes) this.#single = [no, yes];
    }
  }

  line(holds: boolean, data: Record<string, unknown>): LocalizedText {
    if (!this.#memoizable) return this.#make(holds, data);
    const names = this.#names;
    const values = this.#scratch;
    for (let i = 0; i < names.length; i++) {
      const v = data[names[i]!];
      if (!keyable(v)) return this.#make(holds, data);
      values[i] = v;
    }
    const memo = this.#memos[holds ? 1 : 0]!;
    return memo.get(values) ?? memo.keep(values, this.#make(holds, data));
  }

  /** A fresh line: from the precompiled template when there is one, else from the values' text. */
  #make(holds: boolean, data: Record<string, unknown>): LocalizedText {
    const single = this.#single;
    if (single === undefined) return this.make(holds, this.#values(data));
    const spec = this.#specs[0]!;
    const v = valueText(data[this.#names[0]!], spec.type, spec.values);
    const t = single[holds ? 1 : 0]!;
    return { zh: t.zh[0] + v.zh + t.zh[1], en: t.en[0] + v.en + t.en[1] };
  }

  /** The values the expression reads, as text: each input with its label, then the parameters. */
  #values(data: Record<string, unknown>): LocalizedText {
    const names = this.#names;
    let zh = "";
    let en = "";
    for (let i = 0; i < names.length; i++) {
      const spec = this.#specs[i]!;
      const head = this.#heads[i]!;
      const v = valueText(data[names[i]!], spec.type, spec.values);
      if (i > 0) {
        zh += ",";
        en += ", ";
      }
      zh += head.zh + v.zh;
      en += head.en + v.en;
    }
    const params = this.#params;
    if (params !== null) {
      if (names.length > 0) {
        zh += ",";
        en += ", ";
      }
      zh += params.zh;
      en += params.en;
    }
    return { zh, en };
  }
}

/** Every line of a version's explanations that depends on the facts, for one parameter object. */
interface Explainer {
  readonly applicable: ExpressionLine | undefined;
  readonly conditions: readonly ExpressionLine[];
  outcomeLine(outcome: Record<string, OutcomeValue>): LocalizedText;
}

const explainers = new WeakMap<LoadedRuleVersion, WeakMap<object, Explainer>>();
/** The explainer used last: a loop over one version skips the two WeakMap lookups. */
const lastExplainer: { version?: LoadedRuleVersion; params?: object; explainer?: Explainer } = {};

function explainerFor(version: LoadedRuleVersion, params: Decision["parameters"]): Explainer {
  if (lastExplainer.version === version && lastExplainer.params === params) return lastExplainer.explainer!;
  let byParams = explainers.get(version);
  if (!byParams) explainers.set(version, (byParams = new WeakMap()));
  let explainer = byParams.get(params);
  if (!explainer) byParams.set(params, (explainer = makeExplainer(version, params)));
  lastExplainer.version = version;
  lastExplainer.params = params;
  lastExplainer.explainer = explainer;
  return explainer;
}

/** The line of the applicable test, from the text of its values. */
function applicableText(applies: boolean, values: LocalizedText): LocalizedText {
  return applies
    ? { zh: `本措施适用于该主体(${values.zh})。`, en: `The measure concerns this subject (${values.en}).` }
    : { zh: `本措施不适用于该主体(${values.zh})。`, en: `The measure does not concern this subject (${values.en}).` };
}

/** The line of a condition, from the text of its values. */
function conditionText(label: LocalizedText, holds: boolean, values: LocalizedText): LocalizedText {
  const detail = values.en ? { zh: `(${values.zh})`, en: ` (${values.en})` } : { zh: "", en: "" };
  return {
    zh: `${holds ? "✓ 满足" : "✗ 不满足"}:${label.zh}${detail.zh}。`,
    en: `${holds ? "✓ holds" : "✗ fails"}: ${label.en}${detail.en}.`,
  };
}

/** The values an expression reads, as text: each input with its label, then the parameters. */
function valuesText(refs: References, file: LoadedRuleVersion["file"], params: Decision["parameters"], data: Record<string, unknown>): LocalizedText {
  const parts: LocalizedText[] = [];
  for (const name of refs.inputs) {
    const spec = file.inputs[name]!;
    const v = valueText(data[name], spec.type, spec.values);
    parts.push({ zh: `${spec.label.zh}(${name})= ${v.zh}`, en: `${spec.label.en} (${name}) = ${v.en}` });
  }
  const p = parametersText(refs, params, file.parameters);
  if (p) parts.push(p);
  return join(parts, ",", ", ");
}

/** The outcome line. */
function outcomeText(version: LoadedRuleVersion, outcome: Record<string, OutcomeValue>): LocalizedText {
  const parts = version.outcome.map((f) => {
    const v = valueText(outcome[f.name] as OutcomeValue, f.spec.type);
    return { zh: `${f.spec.label.zh}(${f.name})= ${v.zh}`, en: `${f.spec.label.en} (${f.name}) = ${v.en}` };
  });
  const out = join(parts);
  return { zh: `结论:${out.zh}。`, en: `Outcome: ${out.en}.` };
}

/**
 * The lines that depend on the facts, made afresh: for parameter objects made for one decision (the
 * reference path's), where an explainer would keep nothing.
 */
function freshLines(version: LoadedRuleVersion, decision: Decision, data: Record<string, unknown>, lines: LocalizedText[]): void {
  const file = version.file;
  const params = decision.parameters;
  if (version.applicable) lines.push(applicableText(decision.applicable, valuesText(version.applicable.refs, file, params, data)));
  version.conditions.forEach((c, i) => lines.push(conditionText(c.spec.label, decision.conditions[i]!.holds, valuesText(c.refs, file, params, data))));
  lines.push(outcomeText(version, decision.outcome));
}

function makeExplainer(version: LoadedRuleVersion, params: Decision["parameters"]): Explainer {
  const file = version.file;
  const applicable = version.applicable ? new ExpressionLine(version.applicable.refs, file, params, applicableText) : undefined;
  const conditions = version.conditions.map((c) => new ExpressionLine(c.refs, file, params, (holds, values) => conditionText(c.spec.label, holds, values)));
  const fields = version.outcome;
  const heads = fields.map((f) => ({ zh: `${f.spec.label.zh}(${f.name})= `, en: `${f.spec.label.en} (${f.name}) = ` }));
  const makeOutcome = (outcome: Record<string, OutcomeValue>): LocalizedText => outcomeText(version, outcome);
  const memo = new LineMemo();
  const values: unknown[] = [];
  // The outcome line precompiled: the text between the values' texts, from the line made with markers.
  const pieces = outcomePieces(fields.length, (texts) => {
    const parts = texts.map((t, i) => ({ zh: heads[i]!.zh + t.zh, en: heads[i]!.en + t.en }));
    const out = join(parts);
    return { zh: `结论:${out.zh}。`, en: `Outcome: ${out.en}.` };
  });
  const makeFresh = pieces
    ? (outcome: Record<string, OutcomeValue>): LocalizedText => {
        let zh = pieces.zh[0]!;
        let en = pieces.en[0]!;
        for (let i = 0; i < fields.length; i++) {
          const f = fields[i]!;
          const v = valueText(outcome[f.name] as OutcomeValue, f.spec.type);
          zh += v.zh + pieces.zh[i + 1]!;
          en += v.en + pieces.en[i + 1]!;
        }
        return { zh, en };
      }
    : makeOutcome;
  return {
    applicable,
    conditions,
    outcomeLine(outcome) {
      values.length = 0;
      for (const name in outcome) {
        const v = outcome[name];
        if (!keyable(v)) return makeFresh(outcome);
        values.push(v);
      }
      return memo.get(values) ?? memo.keep(values, makeFresh(outcome));
    },
  };
}

/**
 * The text of a line of `n` values between them (n + 1 pieces), from the line `make` writes with a
 * marker for each value; undefined when a marker does not come out exactly once, in order.
 */
function outcomePieces(n: number, make: (texts: LocalizedText[]) => LocalizedText): { zh: string[]; en: string[] } | undefined {
  const marks = Array.from({ length: n }, (_, i) => `\u0000value${i}\u0000`);
  const line = make(marks.map((m) => ({ zh: m, en: m })));
  const cut = (text: string): string[] | undefined => {
    const out: string[] = [];
    let from = 0;
    for (const m of marks) {
      // Linear in the line: a marker found again would leave a \u0000 in a piece (checked below).
      const at = text.indexOf(m, from);
      if (at === -1) return undefined;
      out.push(text.slice(from, at));
      from = at + m.length;
    }
    out.push(text.slice(from));
    return out.some((piece) => piece.includes("\u0000")) ? undefined : out;
  };
  const zh = cut(line.zh);
  const en = cut(line.en);
  return zh && en ? { zh, en } : undefined;
}

/** The bilingual explanation of a decision made by a version in force. */
export function explainDecision(version: LoadedRuleVersion, decision: Decision, data: Record<string, unknown>): LocalizedText[] {
  const lines: LocalizedText[] = [firstLine(version, decision.on)];
  const paramsLine = parametersLine(version.file, decision);
  if (paramsLine) lines.push(paramsLine);
  // Parameters made for this decision alone (the reference path) are not frozen: nothing to keep for them.
  if (!Object.isFrozen(decision.parameters)) {
    freshLines(version, decision, data, lines);
    return lines;
  }
  const explainer = explainerFor(version, decision.parameters);
  if (explainer.applicable) lines.push(explainer.applicable.line(decision.applicable, data));
  const conditions = explainer.conditions;
  for (let i = 0; i < conditions.length; i++) lines.push(conditions[i]!.line(decision.conditions[i]!.holds, data));
  lines.push(explainer.outcomeLine(decision.outcome));
  return lines;
}

const validityTexts = new WeakMap<LoadedRuleVersion, LocalizedText>();
function validityText(version: LoadedRuleVersion): LocalizedText {
  let text = validityTexts.get(version);
  if (!text) validityTexts.set(version, (text = validityTextNow(version)));
  return text;
}

function validityTextNow(version: LoadedRuleVersion): LocalizedText {
  const v = version.file.validity;
  const basis = (b: "stated" | "inferred") => (b === "stated" ? { zh: "原文明示", en: "stated" } : { zh: "推定", en: "inferred" });
  const from = basis(v.from.basis);
  const to = v.to ? basis(v.to.basis) : undefined;
  const end = version.validTo ?? null;
  return {
    zh: `有效期 ${version.validFrom}(${from.zh})至 ${end ?? "未定"}${to ? `(${to.zh})` : ""}`,
    en: `valid ${version.validFrom} (${from.en}) to ${end ?? "no end stated"}${to ? ` (${to.en})` : ""}`,
  };
}

/** The first line, which names the version and the date: the same for every decision of a version on a date. */
const firstLines = new WeakMap<LoadedRuleVersion, Map<string, LocalizedText>>();
function firstLine(version: LoadedRuleVersion, on: string): LocalizedText {
  let byDate = firstLines.get(version);
  if (!byDate) firstLines.set(version, (byDate = new Map()));
  let line = byDate.get(on);
  if (!line) {
    const file = version.file;
    const validity = validityText(version);
    // The clause as the document numbers it (一(二), 九, (三)4): none of the texts says 第…条, so none is added.
    line = Object.freeze({
      zh: `规则 ${file.id} 第 ${file.version} 版《${file.title.zh}》(${file.document} ${file.clause}),${validity.zh};评估日期 ${on},该版本有效。`,
      en: `Rule ${file.id} version ${file.version}, "${file.title.en}" (${file.document}, clause ${file.clause}), ${validity.en}; evaluated as of ${on}, when this version is in force.`,
    });
    if (byDate.size >= 256) byDate.clear();
    byDate.set(on, line);
  }
  return line;
}

const parameterLines = new WeakMap<object, WeakMap<object, LocalizedText | null>>();
function parametersLine(file: LoadedRuleVersion["file"], decision: Decision): LocalizedText | null {
  const params = decision.parameters;
  const overrides = decision.provenance.overrides;
  let byFile = parameterLines.get(params);
  if (!byFile) parameterLines.set(params, (byFile = new WeakMap()));
  // Overrides change the wording, and only happen on fresh parameter objects: not cached.
  if (!overrides && byFile.has(file)) return byFile.get(file)!;
  const paramEntries = Object.entries(file.parameters);
  let line: LocalizedText | null = null;
  if (paramEntries.length > 0) {
    const parts = paramEntries.map(([name, spec]) => {
      const v = valueText(params[name], spec.type, spec.values);
      const src = spec.sourceText ? `,原文“${spec.sourceText}”` : "";
      const srcEn = spec.sourceText ? `, source "${spec.sourceText}"` : "";
      return { zh: `${spec.label.zh}(${name})= ${v.zh}${src}`, en: `${spec.label.en} (${name}) = ${v.en}${srcEn}` };
    });
    const overridden = overrides ? { zh: "(含调用方覆盖的参数)", en: " (with parameters overridden by the caller)" } : { zh: "", en: "" };
    const p = join(parts);
    line = Object.freeze({ zh: `参数${overridden.zh}:${p.zh}。`, en: `Parameters${overridden.en}: ${p.en}.` });
  }
  if (!overrides) byFile.set(file, line);
  return line;
}

/** The explanation when no version is in force on the date. */
export function explainNotInForce(versions: readonly LoadedRuleVersion[], decision: Decision): LocalizedText[] {
  const list = join(
    versions.map((v) => {
      const t = validityText(v);
      return { zh: `第 ${v.file.version} 版 ${t.zh}`, en: `v${v.file.version} ${t.en}` };
    }),
  );
  return [
    {
      zh: `规则 ${decision.ruleId}《${decision.title.zh}》在 ${decision.on} 没有有效版本(${list.zh}),不给予任何待遇。`,
      en: `No version of rule ${decision.ruleId}, "${decision.title.en}", is in force on ${decision.on} (${list.en}); nothing is granted.`,
    },
  ];
}
