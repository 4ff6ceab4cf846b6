import type { LoadedRuleVersion, References } from "./rule-version.js";
import type { LocalizedText } from "../schema/common.js";
import type { InputSpec, ParameterSpec, ValueType } from "../schema/rule-file.js";
import type { Decision, OutcomeValue } from "./decision.js";
import { VALUE_WORDS } from "../format/values.js";
import { RUNTIME_VALUE_TYPES as VALUE_TYPES, percentText } from "../types/runtime.js";

/**
 * The text of a value in an explanation: none, yes/no, a list, an enum value with its label, or the
 * value type's text (a rate with its percentage, money with its unit).
 *
 * @example
 * valueText("800000.00", "money").en //=> "800000.00 yuan"
 */
export function valueText(value: unknown, type: ValueType, values?: Record<string, LocalizedText>): LocalizedText {
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
export function parametersText(refs: References, params: Decision["parameters"], specs: Record<string, ParameterSpec>): LocalizedText | null {
  const parts = refs.parameters.map((name) => {
    const spec = specs[name]!;
    const v = valueText(params[name], spec.type, spec.values);
    return { zh: `参数 ${name} = ${v.zh}`, en: `parameter ${name} = ${v.en}` };
  });
  return parts.length === 0 ? null : Object.freeze(join(parts, ",", ", "));
}

/**
 * The line of the applicable test, from the text of its values.
 *
 * @example
 * applicableText(true, { zh: "…", en: "city = x" }).en //=> "The measure concerns this subject (city = x)."
 */
export function applicableText(applies: boolean, values: LocalizedText): LocalizedText {
  return applies
    ? { zh: `本措施适用于该主体(${values.zh})。`, en: `The measure concerns this subject (${values.en}).` }
    : { zh: `本措施不适用于该主体(${values.zh})。`, en: `The measure does not concern this subject (${values.en}).` };
}

/**
 * The line of a condition, from the text of its values.
 *
 * @example
 * conditionText({ zh: "在石家庄", en: "in Shijiazhuang" }, true, { zh: "", en: "" }).en //=> "✓ holds: in Shijiazhuang."
 */
export function conditionText(label: LocalizedText, holds: boolean, values: LocalizedText): LocalizedText {
  const detail = values.en ? { zh: `(${values.zh})`, en: ` (${values.en})` } : { zh: "", en: "" };
  return {
    zh: `${holds ? "✓ 满足" : "✗ 不满足"}:${label.zh}${detail.zh}。`,
    en: `${holds ? "✓ holds" : "✗ fails"}: ${label.en}${detail.en}.`,
  };
}

/**
 * Per input of an expression: its label and name, as a line writes them before the value.
 *
 * @example
 * inputHeads(version.conditions[0].refs, version.file)[0].en //=> "city of the enterprise (lower-case pinyin) (enterpriseCity) = "
 */
export function inputHeads(refs: References, file: LoadedRuleVersion["file"]): LocalizedText[] {
  return refs.inputs.map((name) => {
    const spec = file.inputs[name]!;
    return { zh: `${spec.label.zh}(${name})= `, en: `${spec.label.en} (${name}) = ` };
  });
}

/**
 * The values an expression reads, as text, from the text of each input's value: each input with its
 * label (`heads`), then the parameters.
 *
 * @example
 * expressionValues([{ zh: "城市(city)= ", en: "city (city) = " }], [{ zh: "x", en: "x" }], null).en //=> "city (city) = x"
 */
export function expressionValues(heads: readonly LocalizedText[], texts: readonly LocalizedText[], params: LocalizedText | null): LocalizedText {
  const parts: LocalizedText[] = heads.map((head, i) => ({ zh: head.zh + texts[i]!.zh, en: head.en + texts[i]!.en }));
  if (params) parts.push(params);
  return join(parts, ",", ", ");
}

/** The values an expression reads, as text: each input with its label, then the parameters. */
function valuesText(refs: References, file: LoadedRuleVersion["file"], params: Decision["parameters"], data: Record<string, unknown>): LocalizedText {
  const texts = refs.inputs.map((name) => {
    const spec = file.inputs[name]!;
    return valueText(data[name], spec.type, spec.values);
  });
  return expressionValues(inputHeads(refs, file), texts, parametersText(refs, params, file.parameters));
}

/**
 * The outcome line, from the text of each field's value (in the version's order).
 *
 * @example
 * outcomeLineText(version, [VALUE_WORDS.no, { zh: "0.00 元", en: "0.00 yuan" }]).en //=> "Outcome: eligible (eligible) = no; maximum subsidy allowed (amount) = 0.00 yuan."
 */
export function outcomeLineText(version: LoadedRuleVersion, texts: readonly LocalizedText[]): LocalizedText {
  const parts = version.outcome.map((f, i) => ({ zh: `${f.spec.label.zh}(${f.name})= ${texts[i]!.zh}`, en: `${f.spec.label.en} (${f.name}) = ${texts[i]!.en}` }));
  const out = join(parts);
  return { zh: `结论:${out.zh}。`, en: `Outcome: ${out.en}.` };
}

/** The outcome line. */
function outcomeText(version: LoadedRuleVersion, outcome: Record<string, OutcomeValue>): LocalizedText {
  return outcomeLineText(
    version,
    version.outcome.map((f) => valueText(outcome[f.name] as OutcomeValue, f.spec.type)),
  );
}

/**
 * The bilingual explanation of a decision made by a version in force, every line written afresh from
 * the decision and the facts (the reference path's; the fast path writes the same text from its slots
 * with precompiled templates, explain-fast.ts).
 *
 * @example
 * explainDecision(version, decision, data)[0].en //=> "Rule sjz-2025/absorption-subsidy version 1, …"
 */
export function explainDecision(version: LoadedRuleVersion, decision: Decision, data: Record<string, unknown>): LocalizedText[] {
  const lines: LocalizedText[] = [firstLine(version, decision.on)];
  const paramsLine = parametersLine(version.file, decision.parameters, decision.provenance.overrides);
  if (paramsLine) lines.push(paramsLine);
  const file = version.file;
  const params = decision.parameters;
  if (version.applicable) lines.push(applicableText(decision.applicable, valuesText(version.applicable.refs, file, params, data)));
  version.conditions.forEach((c, i) => lines.push(conditionText(c.spec.label, decision.conditions[i]!.holds, valuesText(c.refs, file, params, data))));
  lines.push(outcomeText(version, decision.outcome));
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

const firstLines = new WeakMap<LoadedRuleVersion, Map<string, LocalizedText>>();
/**
 * The first line, which names the version and the date: the same for every decision of a version on a
 * date (kept, frozen, for up to 256 dates per version).
 *
 * @example
 * firstLine(version, "2025-06-01").en //=> "Rule sjz-2025/absorption-subsidy version 1, … evaluated as of 2025-06-01, when this version is in force."
 */
export function firstLine(version: LoadedRuleVersion, on: string): LocalizedText {
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
/**
 * The line of the parameters (null for a rule without any): kept, frozen, per parameter object and
 * file when there are no overrides (whose wording differs, and whose parameter objects are fresh).
 *
 * @example
 * parametersLine(version.file, decision.parameters, undefined)?.en //=> "Parameters: city of the measure (city) = shijiazhuang, …"
 */
export function parametersLine(file: LoadedRuleVersion["file"], params: Decision["parameters"], overrides: Decision["provenance"]["overrides"]): LocalizedText | null {
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
