import { defaultEngine } from "../api.js";
import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { DatedPoint, LocalizedText } from "../schema/common.js";
import type { InputSpec, ParameterSpec, RuleFile } from "../schema/rule-file.js";
import { canonicalJson } from "../engine/hash.js";
import { InvalidArgumentError } from "../errors.js";
import { compareBehaviour, type BehaviourOptions } from "./behaviour.js";
import { bilingual, clip, formatValue, unitOf, unitZh } from "./format.js";
import { diffRuleLogic } from "./logic.js";
import { textFragments } from "./fragments.js";
import type { DiffChange, ParameterChange, RuleDiff, VersionSummary } from "./types.js";

/**
 * A rule version to diff: `"<ruleId>@<version>"` (or `"<ruleId>"` for its latest version), resolved in
 * `options.ruleSet` (default: the shipped rules), or a rule set with a rule id and version.
 *
 * @category Diff
 * @example
 * const a: RuleVersionRef = "sjz-2025/absorption-subsidy@1";
 * const b: RuleVersionRef = { ruleSet: proposed, ruleId: "sjz-2025/absorption-subsidy", version: 2 };
 */
export type RuleVersionRef = string | { ruleSet: RuleSet; ruleId: string; version?: number };

/**
 * Options of {@link diffRules}.
 *
 * @category Diff
 * @example
 * diffRules(a, b, { ruleSet, behaviour: false });                          // no evaluation
 * diffRules(a, b, { ruleSet, on: { from: "2025-06-01", to: "2026-06-01" } }); // choose the dates
 */
export interface DiffRulesOptions extends BehaviourOptions {
  /** The rule set in which string references are resolved (default: the shipped rules). */
  ruleSet?: RuleSet;
  /** Evaluate both versions on the same cases and list the cases that differ (default true). */
  behaviour?: boolean;
}

/**
 * Parse `"<ruleId>@<version>"` (`@2` or `@v2`); without `@`, the version is undefined (the latest).
 *
 * @category Diff
 *
 * @example
 * parseRuleVersionRef("sjz-2025/absorption-subsidy@v2") //=> { ruleId: "sjz-2025/absorption-subsidy", version: 2 }
 */
export function parseRuleVersionRef(text: string): { ruleId: string; version?: number } {
  const at = text.lastIndexOf("@");
  if (at < 0) return { ruleId: text };
  const ruleId = text.slice(0, at);
  const v = text.slice(at + 1).replace(/^v/, "");
  const version = Number(v);
  if (!ruleId || !/^\d+$/.test(v) || !Number.isSafeInteger(version) || version < 1) {
    throw new InvalidArgumentError(`expected <ruleId>@<version> with a positive version, e.g. sjz-2025/absorption-subsidy@2, got ${JSON.stringify(text)}`);
  }
  return { ruleId, version };
}

function resolve(ref: RuleVersionRef, fallback: RuleSet | undefined): { set: RuleSet; version: LoadedRuleVersion } {
  if (typeof ref === "string") {
    const { ruleId, version } = parseRuleVersionRef(ref);
    const set = fallback ?? defaultEngine().ruleSet;
    return { set, version: set.version(ruleId, version) };
  }
  return { set: ref.ruleSet, version: ref.ruleSet.version(ref.ruleId, ref.version) };
}

/** A version as a diff names it. */
export function summarize(v: LoadedRuleVersion): VersionSummary {
  return {
    ruleId: v.file.id,
    version: v.file.version,
    title: v.file.title,
    validFrom: v.validFrom,
    validTo: v.validTo,
    hash: v.hash,
    supersedes: v.file.supersedes ?? null,
    ...(v.amends !== undefined && { amends: v.amends }),
  };
}

/**
 * Compare two versions of a rule (or two rules) for a policy analyst: metadata, validity, inputs,
 * parameters (old → new with units), logic (as readable paths into the JSON-logic) and behaviour (both
 * versions evaluated on their worked examples and on boundary cases generated from the parameters,
 * each on a date inside its own validity). Every change carries a sentence (`text`); the whole diff is
 * JSON-serialisable, and {@link formatRuleDiff} prints it for people.
 *
 * @category Diff
 * @param a - the older version: `"<ruleId>@<version>"` or `{ ruleSet, ruleId, version }`
 * @param b - the newer version
 * @param options - `ruleSet` to resolve string references in (default: the shipped rules), `behaviour: false` to skip evaluation, `on` to choose the dates
 * @throws {UnknownRuleError} | {UnknownVersionError} | {InvalidArgumentError} for a reference that names nothing
 * @example
 * const set = loadRuleSet(sources); // a rule set holding v1 and a proposed v2
 * const diff = diffRules("sjz-2025/absorption-subsidy@1", "sjz-2025/absorption-subsidy@2", { ruleSet: set });
 * diff.parameters.map((p) => p.text)
 * //=> ["threshold 500,000 → 300,000 yuan …", "lowerBandRate 10% → 15% …", "cap 500,000 → 800,000 yuan …"]
 * diff.behaviour?.changes.length //=> number of cases whose outcome differs
 */
export function diffRules(a: RuleVersionRef, b: RuleVersionRef, options: DiffRulesOptions = {}): RuleDiff {
  const from = resolve(a, options.ruleSet);
  const to = resolve(b, options.ruleSet);
  return diffLoadedVersions(from, to, options);
}

/** {@link diffRules} on resolved versions. */
export function diffLoadedVersions(
  from: { set: RuleSet; version: LoadedRuleVersion },
  to: { set: RuleSet; version: LoadedRuleVersion },
  options: Omit<DiffRulesOptions, "ruleSet"> = {},
): RuleDiff {
  const fa = from.version.file;
  const fb = to.version.file;
  const identical = canonicalJson(withoutSchema(fa)) === canonicalJson(withoutSchema(fb));
  const behaviour = options.behaviour === false ? null : compareBehaviour(from, to, options.on ? { on: options.on } : {});
  return {
    from: summarize(from.version),
    to: summarize(to.version),
    identical,
    metadata: identical ? [] : diffMetadata(fa, fb),
    validity: diffValidity(from.version, to.version),
    inputs: identical ? [] : diffInputs(fa.inputs, fb.inputs),
    parameters: identical ? [] : diffParameters(fa.parameters, fb.parameters),
    logic: identical ? [] : diffRuleLogic(from.version, to.version),
    examples: identical ? [] : diffExamples(fa, fb),
    behaviour,
  };
}

function withoutSchema(file: RuleFile): Omit<RuleFile, "$schema"> {
  const { $schema: _s, ...rest } = file;
  return rest;
}

const same = (x: unknown, y: unknown) => canonicalJson(x) === canonicalJson(y);

/** English and Chinese of one sentence of a diff. */
type Words = { en: string; zh: string };

function change(section: DiffChange["section"], path: string, from: unknown, to: unknown, text: Words): DiffChange {
  const kind = from === undefined ? "added" : to === undefined ? "removed" : "changed";
  return { section, path, change: kind, ...(from !== undefined && { from }), ...(to !== undefined && { to }), text: text.en, textZh: text.zh };
}

/** Added and removed items of two lists of strings. */
function listDelta(a: readonly string[], b: readonly string[]): Words {
  const added = b.filter((x) => !a.includes(x));
  const removed = a.filter((x) => !b.includes(x));
  const en = [added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean);
  const zh = [added.length ? `新增 ${added.join("、")}` : "", removed.length ? `删除 ${removed.join("、")}` : ""].filter(Boolean);
  return en.length ? { en: en.join("; "), zh: zh.join(";") } : { en: `reordered [${a.join(", ")}] → [${b.join(", ")}]`, zh: `顺序调整 [${a.join("、")}] → [${b.join("、")}]` };
}

/** A label in both languages: the English one keeps the Chinese term in brackets, as the text always had. */
type Label = { en: string; zh: string };

function textChange(section: DiffChange["section"], path: string, label: Label, a: string | undefined, b: string | undefined): DiffChange | undefined {
  if (a === b) return undefined;
  if (a === undefined || b === undefined) {
    const quoted = `“${clip((a ?? b)!, 200)}”`;
    return change(section, path, a, b, { en: `${label.en} ${a === undefined ? "added" : "removed"}: ${quoted}`, zh: `${label.zh}${a === undefined ? "新增" : "删除"}:${quoted}` });
  }
  const both = (body: string) => change(section, path, a, b, { en: `${label.en}: ${body}`, zh: `${label.zh}:${body}` });
  if (a.length + b.length < 120) return both(`“${a}” → “${b}”`);
  const frags = textFragments(a, b);
  // When most of the text changed, the fragments say less than the two texts.
  const changed = frags.reduce((n, f) => n + Math.max(f.from.length, f.to.length), 0);
  if (changed > 0.6 * Math.max(a.length, b.length)) return both(`“${clip(a, 300)}” → “${clip(b, 300)}”`);
  return both(frags.map((f) => `“${f.from}” → “${f.to}”`).join("; "));
}

function localized(section: DiffChange["section"], path: string, label: Label, a: LocalizedText | undefined, b: LocalizedText | undefined): DiffChange[] {
  return [
    textChange(section, `${path}.zh`, { en: `${label.en} (zh)`, zh: `${label.zh}(中文)` }, a?.zh, b?.zh),
    textChange(section, `${path}.en`, { en: `${label.en} (en)`, zh: `${label.zh}(英文)` }, a?.en, b?.en),
  ].filter((c): c is DiffChange => c !== undefined);
}

const anywhere = (list: readonly string[] | undefined, en: string, zh: string): Words => (list ? { en: list.join(", "), zh: list.join("、") } : { en, zh });

function diffMetadata(a: RuleFile, b: RuleFile): DiffChange[] {
  const out: DiffChange[] = [];
  const push = (c: DiffChange | undefined) => c && out.push(c);
  if (a.id !== b.id) push(change("metadata", "id", a.id, b.id, { en: `rule id ${a.id} → ${b.id}`, zh: `规则编号 ${a.id} → ${b.id}` }));
  out.push(...localized("metadata", "title", { en: "title (标题)", zh: "标题" }, a.title, b.title));
  if (a.kind !== b.kind) push(change("metadata", "kind", a.kind, b.kind, { en: `kind ${a.kind} → ${b.kind}`, zh: `类别 ${a.kind} → ${b.kind}` }));
  if (a.document !== b.document) push(change("metadata", "document", a.document, b.document, { en: `document ${a.document} → ${b.document}`, zh: `文件 ${a.document} → ${b.document}` }));
  if (a.clause !== b.clause) push(change("metadata", "clause", a.clause, b.clause, { en: `clause (条款) ${a.clause} → ${b.clause}`, zh: `条款 ${a.clause} → ${b.clause}` }));
  if (!same(a.measures, b.measures)) {
    const d = listDelta(a.measures, b.measures);
    push(change("metadata", "measures", a.measures, b.measures, { en: `measures encoded: ${d.en}`, zh: `所编码的措施:${d.zh}` }));
  }
  push(textChange("metadata", "source.heading", { en: "source heading (标题)", zh: "原文标题" }, a.source.heading, b.source.heading));
  push(textChange("metadata", "source.quote", { en: "source quote (原文)", zh: "原文" }, a.source.quote, b.source.quote));
  const sa = a.subjects;
  const sb = b.subjects;
  if (!same(sa.types, sb.types)) {
    const d = listDelta(sa.types, sb.types);
    push(change("metadata", "subjects.types", sa.types, sb.types, { en: `subject types (适用主体): ${d.en}`, zh: `适用主体:${d.zh}` }));
  }
  if (!same(sa.places, sb.places)) {
    const [pa, pb] = [anywhere(sa.places, "anywhere", "不限"), anywhere(sb.places, "anywhere", "不限")];
    push(change("metadata", "subjects.places", sa.places, sb.places, { en: `places (地域): ${pa.en} → ${pb.en}`, zh: `地域:${pa.zh} → ${pb.zh}` }));
  }
  if (!same(sa.fields, sb.fields)) {
    const [fa, fb] = [anywhere(sa.fields, "any", "不限"), anywhere(sb.fields, "any", "不限")];
    push(change("metadata", "subjects.fields", sa.fields, sb.fields, { en: `fields (领域): ${fa.en} → ${fb.en}`, zh: `领域:${fa.zh} → ${fb.zh}` }));
  }
  out.push(...localized("metadata", "subjects.note", { en: "subjects note", zh: "适用主体说明" }, sa.note, sb.note));
  if (!same(a.responsibleUnits, b.responsibleUnits)) {
    const d = listDelta(
      a.responsibleUnits.map((u) => `${u.zh} (${u.en})`),
      b.responsibleUnits.map((u) => `${u.zh} (${u.en})`),
    );
    const z = listDelta(
      a.responsibleUnits.map((u) => u.zh),
      b.responsibleUnits.map((u) => u.zh),
    );
    push(change("metadata", "responsibleUnits", a.responsibleUnits, b.responsibleUnits, { en: `responsible units (责任单位): ${d.en}`, zh: `责任单位:${z.zh}` }));
  }
  if (a.supersedes !== b.supersedes) {
    const text =
      b.supersedes !== undefined
        ? { en: `supersedes v${b.supersedes}${a.supersedes !== undefined ? ` (was v${a.supersedes})` : ""}`, zh: `取代第${b.supersedes}版${a.supersedes !== undefined ? `(原为第${a.supersedes}版)` : ""}` }
        : { en: `no longer supersedes v${a.supersedes}`, zh: `不再取代第${a.supersedes}版` };
    push(change("metadata", "supersedes", a.supersedes, b.supersedes, text));
  }
  if (!same(a.combination, b.combination)) {
    push(change("metadata", "combination", a.combination, b.combination, { en: "how the measure combines with others (combination) changed", zh: "与其他措施的叠加关系(combination)已修改" }));
  }
  const notes = (l: LocalizedText[] | undefined) => (l ?? []).map((n) => n.en);
  const na = notes(a.notes);
  const nb = notes(b.notes);
  for (const n of b.notes ?? []) if (!na.includes(n.en)) push(change("metadata", "notes", undefined, n, { en: `note added: ${clip(n.en, 200)}`, zh: `新增说明:${clip(n.zh, 200)}` }));
  for (const n of a.notes ?? []) if (!nb.includes(n.en)) push(change("metadata", "notes", n, undefined, { en: `note removed: ${clip(n.en, 200)}`, zh: `删除说明:${clip(n.zh, 200)}` }));
  const ca = a.changes.map((c) => canonicalJson(c));
  for (const c of b.changes) if (!ca.includes(canonicalJson(c))) push(change("metadata", "changes", undefined, c, { en: `change note ${c.date}: ${c.note.en}`, zh: `修订说明 ${c.date}:${c.note.zh}` }));
  return out;
}

const BASIS = { stated: { en: "stated, 原文明示", zh: "原文明示" }, inferred: { en: "inferred, 推定", zh: "推定" } } as const;

function point(p: DatedPoint | undefined): Words {
  return p ? { en: `${p.date} (${BASIS[p.basis].en})`, zh: `${p.date}(${BASIS[p.basis].zh})` } : { en: "open (no end stated, 未定)", zh: "未定(原文未写明截止)" };
}

function diffValidity(va: LoadedRuleVersion, vb: LoadedRuleVersion): DiffChange[] {
  const out: DiffChange[] = [];
  const a = va.file.validity;
  const b = vb.file.validity;
  if (a.from.date !== b.from.date || a.from.basis !== b.from.basis) {
    const [pa, pb] = [point(a.from), point(b.from)];
    out.push(change("validity", "validity.from", a.from, b.from, { en: `in force from (施行): ${pa.en} → ${pb.en}`, zh: `施行日期:${pa.zh} → ${pb.zh}` }));
  }
  if (a.to?.date !== b.to?.date || a.to?.basis !== b.to?.basis) {
    const [pa, pb] = [point(a.to), point(b.to)];
    out.push({ section: "validity", path: "validity.to", change: "changed", from: a.to ?? null, to: b.to ?? null, text: `in force until (截止): ${pa.en} → ${pb.en}`, textZh: `截止日期:${pa.zh} → ${pb.zh}` });
  }
  out.push(...localized("validity", "validity.from.note", { en: "note on the start", zh: "施行日期说明" }, a.from.note, b.from.note));
  out.push(...localized("validity", "validity.to.note", { en: "note on the end", zh: "截止日期说明" }, a.to?.note, b.to?.note));
  // The resolved end (an open end closes the day before the next version) as the engine uses it.
  const endA = va.validTo;
  const endB = vb.validTo;
  if ((a.to === undefined && endA !== null) || (b.to === undefined && endB !== null)) {
    if (endA !== endB && (a.to?.date ?? null) === (b.to?.date ?? null)) {
      out.push({
        section: "validity",
        path: "validTo",
        change: "changed",
        from: endA,
        to: endB,
        text: `last day in force (resolved): ${endA ?? "open"} → ${endB ?? "open"}`,
        textZh: `实际有效期最后一天:${endA ?? "未定"} → ${endB ?? "未定"}`,
      });
    }
  }
  return out;
}

function inputText(spec: InputSpec): Words {
  const values = spec.values ? `: ${Object.keys(spec.values).join(" | ")}` : "";
  return {
    en: `${spec.type}${values}, ${spec.default === undefined ? "required" : `optional, default ${JSON.stringify(spec.default)}`} — ${bilingual(spec.label)}`,
    zh: `${spec.label.zh},${spec.type}${values},${spec.default === undefined ? "必填" : `选填,默认 ${JSON.stringify(spec.default)}`}`,
  };
}

function diffInputs(a: Record<string, InputSpec>, b: Record<string, InputSpec>): DiffChange[] {
  const out: DiffChange[] = [];
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  for (const [name, spec] of Object.entries(a)) {
    if (has(b, name)) continue;
    const t = inputText(spec);
    out.push(change("inputs", `inputs.${name}`, spec, undefined, { en: `input ${name} removed (${t.en}); facts that still give it are rejected`, zh: `删除输入项 ${name}(${t.zh});仍提供该项的事实将被拒绝` }));
  }
  for (const [name, spec] of Object.entries(b)) {
    const old = has(a, name) ? a[name] : undefined;
    if (!old) {
      const t = inputText(spec);
      const required = spec.default === undefined;
      out.push(change("inputs", `inputs.${name}`, undefined, spec, { en: `input ${name} added (${t.en})${required ? "; facts without it are rejected" : ""}`, zh: `新增输入项 ${name}(${t.zh})${required ? ";缺少该项的事实将被拒绝" : ""}` }));
      continue;
    }
    if (same(old, spec)) continue;
    const parts: Words[] = [];
    const none = (v: unknown) => ({ en: v === undefined ? "none" : String(v), zh: v === undefined ? "无" : String(v) });
    const limit = (en: string, zh: string, x: unknown, y: unknown) => parts.push({ en: `${en} ${none(x).en} → ${none(y).en}`, zh: `${zh} ${none(x).zh} → ${none(y).zh}` });
    if (old.type !== spec.type) parts.push({ en: `type ${old.type} → ${spec.type}`, zh: `类型 ${old.type} → ${spec.type}` });
    if (!same(old.label, spec.label)) parts.push({ en: `label “${bilingual(old.label)}” → “${bilingual(spec.label)}”`, zh: `名称“${old.label.zh}” → “${spec.label.zh}”` });
    if (!same(old.values, spec.values)) {
      const ka = Object.keys(old.values ?? {});
      const kb = Object.keys(spec.values ?? {});
      const label = (k: string) => (spec.values?.[k] ?? old.values?.[k] ? `${k} (${(spec.values?.[k] ?? old.values?.[k])!.zh})` : k);
      const added = kb.filter((k) => !ka.includes(k)).map(label);
      const removed = ka.filter((k) => !kb.includes(k)).map(label);
      parts.push(
        added.length || removed.length
          ? {
              en: `values ${[added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean).join("; ")}`,
              zh: `取值${[added.length ? `新增 ${added.join("、")}` : "", removed.length ? `删除 ${removed.join("、")}` : ""].filter(Boolean).join(";")}`,
            }
          : { en: "value labels changed", zh: "取值名称已修改" },
      );
    }
    if (old.min !== spec.min) limit("minimum", "最小值", old.min, spec.min);
    if (old.max !== spec.max) limit("maximum", "最大值", old.max, spec.max);
    if (old.pattern !== spec.pattern) limit("pattern", "格式", old.pattern, spec.pattern);
    if (!same(old.default, spec.default)) {
      parts.push(
        old.default === undefined
          ? { en: `now optional (default ${JSON.stringify(spec.default)})`, zh: `改为选填(默认 ${JSON.stringify(spec.default)})` }
          : spec.default === undefined
            ? { en: "now required", zh: "改为必填" }
            : { en: `default ${JSON.stringify(old.default)} → ${JSON.stringify(spec.default)}`, zh: `默认值 ${JSON.stringify(old.default)} → ${JSON.stringify(spec.default)}` },
      );
    }
    if (old.fromProfile !== spec.fromProfile) limit("fromProfile", "取自主体档案(fromProfile)", old.fromProfile, spec.fromProfile);
    if (!same(old.description, spec.description)) parts.push({ en: "description changed", zh: "说明已修改" });
    out.push(change("inputs", `inputs.${name}`, old, spec, { en: `input ${name}: ${parts.map((p) => p.en).join("; ")}`, zh: `输入项 ${name}:${parts.map((p) => p.zh).join(";")}` }));
  }
  return out;
}


function diffParameters(a: Record<string, ParameterSpec>, b: Record<string, ParameterSpec>): ParameterChange[] {
  const out: ParameterChange[] = [];
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  const one = (spec: ParameterSpec): Words => {
    const unit = unitOf(spec);
    const value = formatValue(spec.value, spec.type, spec.values);
    return { en: `${value}${unit ? ` ${unit}` : ""}`, zh: `${value}${unitZh(unit) ? ` ${unitZh(unit)}` : ""}` };
  };
  const about = (spec: ParameterSpec): Words => ({
    en: ` — ${bilingual(spec.label)}${spec.sourceText ? `, 原文 “${spec.sourceText}”` : ""}`,
    zh: `(${spec.label.zh}${spec.sourceText ? `,原文“${spec.sourceText}”` : ""})`,
  });
  for (const [name, spec] of Object.entries(a)) {
    if (has(b, name)) continue;
    const [v, ab] = [one(spec), about(spec)];
    out.push({
      section: "parameters",
      path: `parameters.${name}`,
      change: "removed",
      from: spec,
      name,
      type: spec.type,
      unit: unitOf(spec),
      fromText: formatValue(spec.value, spec.type, spec.values),
      valueChanged: true,
      details: [],
      detailsZh: [],
      text: `parameter ${name} removed (was ${v.en})${ab.en}`,
      textZh: `删除参数 ${name}(原为 ${v.zh})${ab.zh}`,
    });
  }
  for (const [name, spec] of Object.entries(b)) {
    const old = has(a, name) ? a[name] : undefined;
    const unit = unitOf(spec);
    const toText = formatValue(spec.value, spec.type, spec.values);
    if (!old) {
      const [v, ab] = [one(spec), about(spec)];
      out.push({
        section: "parameters",
        path: `parameters.${name}`,
        change: "added",
        to: spec,
        name,
        type: spec.type,
        unit,
        toText,
        valueChanged: true,
        details: [],
        detailsZh: [],
        text: `parameter ${name} added: ${v.en}${ab.en}`,
        textZh: `新增参数 ${name}:${v.zh}${ab.zh}`,
      });
      continue;
    }
    if (same(old, spec)) continue;
    const fromText = formatValue(old.value, old.type, old.values);
    const oldUnit = unitOf(old);
    const valueChanged = !same(old.value, spec.value) || old.type !== spec.type;
    const details: Words[] = [];
    if (old.type !== spec.type) details.push({ en: `type ${old.type} → ${spec.type}`, zh: `类型 ${old.type} → ${spec.type}` });
    if (old.unit !== spec.unit) details.push({ en: `unit ${old.unit ?? "none"} → ${spec.unit ?? "none"}`, zh: `单位 ${old.unit ?? "无"} → ${spec.unit ?? "无"}` });
    if (old.sourceText !== spec.sourceText) details.push({ en: `原文 source text “${old.sourceText ?? ""}” → “${spec.sourceText ?? ""}”`, zh: `原文“${old.sourceText ?? ""}” → “${spec.sourceText ?? ""}”` });
    if (!same(old.label, spec.label)) details.push({ en: `label “${bilingual(old.label)}” → “${bilingual(spec.label)}”`, zh: `名称“${old.label.zh}” → “${spec.label.zh}”` });
    if (!same(old.note, spec.note)) {
      details.push({
        en: `note ${old.note ? `“${old.note.en}”` : "none"} → ${spec.note ? `“${spec.note.en}”` : "none"}`,
        zh: `说明 ${old.note ? `“${old.note.zh}”` : "无"} → ${spec.note ? `“${spec.note.zh}”` : "无"}`,
      });
    }
    if (!same(old.values, spec.values)) details.push({ en: "allowed values changed", zh: "允许的取值已修改" });
    let text: Words;
    if (valueChanged) {
      const withUnit = (v: string, u: string, zh: boolean) => `${v}${(zh ? unitZh(u) : u) ? ` ${zh ? unitZh(u) : u}` : ""}`;
      const value = (zh: boolean) => (oldUnit === unit ? `${fromText} → ${withUnit(toText, unit, zh)}` : `${withUnit(fromText, oldUnit, zh)} → ${withUnit(toText, unit, zh)}`);
      const delta = spec.type === "enumList" && Array.isArray(old.value) && Array.isArray(spec.value) ? listDelta(old.value, spec.value) : undefined;
      const ab = about(spec);
      text = { en: `${name} ${value(false)}${delta ? ` (${delta.en})` : ""}${ab.en}`, zh: `${name} ${value(true)}${delta ? `(${delta.zh})` : ""}${ab.zh}` };
    } else {
      text = {
        en: `${name} (value ${toText}${unit ? ` ${unit}` : ""} unchanged): ${details.map((d) => d.en).join("; ")}`,
        zh: `${name}(取值 ${toText}${unitZh(unit) ? ` ${unitZh(unit)}` : ""} 未变):${details.map((d) => d.zh).join(";")}`,
      };
    }
    out.push({
      section: "parameters",
      path: `parameters.${name}`,
      change: "changed",
      from: old,
      to: spec,
      name,
      type: spec.type,
      unit,
      fromText,
      toText,
      valueChanged,
      details: details.map((d) => d.en),
      detailsZh: details.map((d) => d.zh),
      text: text.en,
      textZh: text.zh,
    });
  }
  return out;
}

function diffExamples(a: RuleFile, b: RuleFile): DiffChange[] {
  const da = a.examples.map((e) => e.description);
  const db = b.examples.map((e) => e.description);
  // An example is kept when its English description is the same: the same case, its Chinese perhaps reworded.
  const key = (d: LocalizedText) => d.en;
  const ka = new Set(da.map(key));
  const kb = new Set(db.map(key));
  const added = db.filter((d) => !ka.has(key(d)));
  const removed = da.filter((d) => !kb.has(key(d)));
  const kept = db.length - added.length;
  if (added.length === 0 && removed.length === 0 && same(a.examples, b.examples)) return [];
  return [
    change("examples", "examples", da, db, {
      en: `worked examples: ${da.length} → ${db.length} (${added.length} added, ${removed.length} removed, ${kept} kept by description)`,
      zh: `算例:${da.length} → ${db.length}(新增 ${added.length},删除 ${removed.length},按说明保留 ${kept})`,
    }),
  ];
}
