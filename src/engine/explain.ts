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

function inputsText(refs: References, inputs: Record<string, InputSpec>, data: Record<string, unknown>, params: Decision["parameters"], specs: Record<string, ParameterSpec>): LocalizedText {
  const parts: LocalizedText[] = [];
  for (const name of refs.inputs) {
    const spec = inputs[name]!;
    const v = valueText(data[name], spec.type, spec.values);
    parts.push({ zh: `${spec.label.zh}(${name})= ${v.zh}`, en: `${spec.label.en} (${name}) = ${v.en}` });
  }
  const p = parametersText(refs, params, specs);
  if (p) parts.push(p);
  return join(parts, ",", ", ");
}

/**
 * The parameter part of an expression's values. It depends only on the parameters, so it is kept for
 * each parameter object: decisions of the fast path share one (frozen) object per rule version.
 */
const parameterTexts = new WeakMap<object, Map<References, LocalizedText | null>>();
function parametersText(refs: References, params: Decision["parameters"], specs: Record<string, ParameterSpec>): LocalizedText | null {
  let byRefs = parameterTexts.get(params);
  if (!byRefs) parameterTexts.set(params, (byRefs = new Map()));
  let text = byRefs.get(refs);
  if (text === undefined) {
    const parts = refs.parameters.map((name) => {
      const spec = specs[name]!;
      const v = valueText(params[name], spec.type, spec.values);
      return { zh: `参数 ${name} = ${v.zh}`, en: `parameter ${name} = ${v.en}` };
    });
    text = parts.length === 0 ? null : Object.freeze(join(parts, ",", ", "));
    byRefs.set(refs, text);
  }
  return text;
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

/** The bilingual explanation of a decision made by a version in force. */
export function explainDecision(version: LoadedRuleVersion, decision: Decision, data: Record<string, unknown>): LocalizedText[] {
  const file = version.file;
  const lines: LocalizedText[] = [firstLine(version, decision.on)];
  const paramsLine = parametersLine(file, decision);
  if (paramsLine) lines.push(paramsLine);
  const memo = memoFor(version, decision.parameters);
  if (version.applicable) {
    const refs = version.applicable.refs;
    lines.push(
      memo.line(-1, decision.applicable, refs, data, () => {
        const values = inputsText(refs, file.inputs, data, decision.parameters, file.parameters);
        return decision.applicable
          ? { zh: `本措施适用于该主体(${values.zh})。`, en: `The measure concerns this subject (${values.en}).` }
          : { zh: `本措施不适用于该主体(${values.zh})。`, en: `The measure does not concern this subject (${values.en}).` };
      }),
    );
  }
  version.conditions.forEach((c, i) => {
    const holds = decision.conditions[i]!.holds;
    lines.push(
      memo.line(i, holds, c.refs, data, () => {
        const values = inputsText(c.refs, file.inputs, data, decision.parameters, file.parameters);
        const detail = values.en ? { zh: `(${values.zh})`, en: ` (${values.en})` } : { zh: "", en: "" };
        return {
          zh: `${holds ? "✓ 满足" : "✗ 不满足"}:${c.spec.label.zh}${detail.zh}。`,
          en: `${holds ? "✓ holds" : "✗ fails"}: ${c.spec.label.en}${detail.en}.`,
        };
      }),
    );
  });
  lines.push(
    memo.outcomeLine(decision.outcome, () => {
      const outcomeParts = version.outcome.map((f) => {
        const v = valueText(decision.outcome[f.name] as OutcomeValue, f.spec.type);
        return { zh: `${f.spec.label.zh}(${f.name})= ${v.zh}`, en: `${f.spec.label.en} (${f.name}) = ${v.en}` };
      });
      const out = join(outcomeParts);
      return { zh: `结论:${out.zh}。`, en: `Outcome: ${out.en}.` };
    }),
  );
  return lines;
}

/*
 * Lines of explanations repeat: most subjects share a city, a type, a contract mode, and most get the
 * same outcome. A line that depends only on such values (strings, booleans, integers; not money, which
 * varies from subject to subject) is kept, frozen, by those values, for each version and parameter
 * object (bounded: a full table is emptied). It is the same text either way.
 */
const MEMO_LIMIT = 256;
interface LineMemo {
  /** The line for expression `slot` (-1: applicable; i: condition i), result `holds`, and the values of `refs`. */
  line(slot: number, holds: boolean, refs: References, data: Record<string, unknown>, make: () => LocalizedText): LocalizedText;
  outcomeLine(outcome: Record<string, OutcomeValue>, make: () => LocalizedText): LocalizedText;
}
const memos = new WeakMap<LoadedRuleVersion, WeakMap<object, LineMemo>>();

function memoFor(version: LoadedRuleVersion, params: object): LineMemo {
  let byParams = memos.get(version);
  if (!byParams) memos.set(version, (byParams = new WeakMap()));
  let memo = byParams.get(params);
  if (!memo) byParams.set(params, (memo = makeMemo(version)));
  return memo;
}

/** A value that may key a kept line: a primitive (strings up to 64 characters). */
function keyable(value: unknown): boolean {
  const t = typeof value;
  return value === null || t === "boolean" || t === "number" || (t === "string" && (value as string).length <= 64);
}

/** A tree of maps, one level per value: looking a line up hashes the values themselves (no key string to build). */
type Trie = Map<unknown, unknown>;
const LINE = Symbol("line");

function makeMemo(version: LoadedRuleVersion): LineMemo {
  // Root 0: the outcome line; 2 + 2 × (slot + 1) + holds: expression lines. Each root keeps at most
  // MEMO_LIMIT lines, the first ones met: frequent values come early; once a root is full (values that
  // vary, like amounts), its other lines are made each time and not kept.
  const roots: (Trie | undefined)[] = [];
  const sizes: number[] = [];
  const cacheable = new Map<string, boolean>();
  for (const [name, spec] of Object.entries(version.file.inputs)) {
    cacheable.set(name, VALUE_TYPES[spec.type].explainMemo);
  }
  const leaf = (root: number, values: readonly unknown[], make: () => LocalizedText): LocalizedText => {
    let node = roots[root];
    if (!node) roots[root] = node = new Map();
    const full = (sizes[root] ?? 0) >= MEMO_LIMIT;
    for (let i = 0; i < values.length; i++) {
      let next = node.get(values[i]) as Trie | undefined;
      if (!next) {
        if (full) return make();
        node.set(values[i], (next = new Map()));
      }
      node = next;
    }
    let line = node.get(LINE) as LocalizedText | undefined;
    if (!line) {
      line = Object.freeze(make());
      if (!full) {
        node.set(LINE, line);
        sizes[root] = (sizes[root] ?? 0) + 1;
      }
    }
    return line;
  };
  return {
    line(slot, holds, refs, data, make) {
      const names = refs.inputs;
      const values = new Array<unknown>(names.length);
      for (let i = 0; i < names.length; i++) {
        const v = data[names[i]!];
        if (!cacheable.get(names[i]!) || !keyable(v)) return make();
        values[i] = v;
      }
      return leaf(2 + 2 * (slot + 1) + (holds ? 1 : 0), values, make);
    },
    outcomeLine(outcome, make) {
      const values: unknown[] = [];
      for (const name in outcome) {
        const v = outcome[name];
        if (!keyable(v)) return make();
        values.push(v);
      }
      return leaf(0, values, make);
    },
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
