import { defaultEngine } from "../api.js";
import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import type { DatedPoint, LocalizedText } from "../schema/common.js";
import type { InputSpec, ParameterSpec, RuleFile } from "../schema/rule-file.js";
import { canonicalJson } from "../engine/hash.js";
import { InvalidArgumentError } from "../errors.js";
import { compareBehaviour, type BehaviourOptions } from "./behaviour.js";
import { bilingual, clip, formatValue, unitOf } from "./format.js";
import { diffRuleLogic } from "./logic.js";
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

function change(section: DiffChange["section"], path: string, from: unknown, to: unknown, text: string): DiffChange {
  const kind = from === undefined ? "added" : to === undefined ? "removed" : "changed";
  return { section, path, change: kind, ...(from !== undefined && { from }), ...(to !== undefined && { to }), text };
}

/** Added and removed items of two lists of strings. */
function listDelta(a: readonly string[], b: readonly string[]): string {
  const added = b.filter((x) => !a.includes(x));
  const removed = a.filter((x) => !b.includes(x));
  const parts = [added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean);
  return parts.length ? parts.join("; ") : `reordered [${a.join(", ")}] → [${b.join(", ")}]`;
}

/**
 * The fragments that differ between two texts (a character diff, with a little context on each side),
 * so that a changed Chinese quote reads `“在50万元(含)” → “在30万元(含)”` rather than two whole paragraphs.
 */
export function textFragments(a: string, b: string, context = 3): { from: string; to: string }[] {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = x.length;
  const m = y.length;
  if (n * m > 4_000_000) return [{ from: a, to: b }];
  const w = m + 1;
  const dp = new Uint32Array((n + 1) * w);
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) dp[i * w + j] = x[i] === y[j] ? dp[(i + 1) * w + j + 1]! + 1 : Math.max(dp[(i + 1) * w + j]!, dp[i * w + j + 1]!);
  }
  // Walk the edit script; group edits separated by fewer than 2·context equal characters.
  type Hunk = { i0: number; i1: number; j0: number; j1: number };
  const hunks: Hunk[] = [];
  let i = 0;
  let j = 0;
  let current: Hunk | undefined;
  let lastEdit = { i: -Infinity, j: -Infinity };
  const touch = (ni: number, nj: number) => {
    if (current && i - lastEdit.i <= 2 * context) {
      current.i1 = ni;
      current.j1 = nj;
    } else {
      current = { i0: i, i1: ni, j0: j, j1: nj };
      hunks.push(current);
    }
  };
  while (i < n || j < m) {
    if (i < n && j < m && x[i] === y[j]) {
      i++;
      j++;
    } else if (j < m && (i === n || dp[i * w + j + 1]! >= dp[(i + 1) * w + j]!)) {
      touch(i, j + 1);
      j++;
      lastEdit = { i, j };
    } else {
      touch(i + 1, j);
      i++;
      lastEdit = { i, j };
    }
  }
  // Context: a few characters, widened to whole words where the text is alphabetic (English).
  const word = (c: string | undefined) => c !== undefined && /[A-Za-z0-9'’,.%-]/.test(c);
  return hunks.map((h) => {
    let before = Math.min(context, h.i0);
    while (h.i0 - before > 0 && word(x[h.i0 - before]) && word(x[h.i0 - before - 1])) before++;
    let after = Math.min(context, n - h.i1, m - h.j1);
    while (h.i1 + after < n && h.j1 + after < m && word(x[h.i1 + after - 1]) && word(x[h.i1 + after]) && x[h.i1 + after] === y[h.j1 + after]) after++;
    return { from: x.slice(h.i0 - before, h.i1 + after).join(""), to: y.slice(h.j0 - before, h.j1 + after).join("") };
  });
}

function textChange(section: DiffChange["section"], path: string, label: string, a: string | undefined, b: string | undefined): DiffChange | undefined {
  if (a === b) return undefined;
  if (a === undefined || b === undefined) return change(section, path, a, b, `${label} ${a === undefined ? "added" : "removed"}: “${clip((a ?? b)!, 200)}”`);
  if (a.length + b.length < 120) return change(section, path, a, b, `${label}: “${a}” → “${b}”`);
  const frags = textFragments(a, b);
  // When most of the text changed, the fragments say less than the two texts.
  const changed = frags.reduce((n, f) => n + Math.max(f.from.length, f.to.length), 0);
  if (changed > 0.6 * Math.max(a.length, b.length)) return change(section, path, a, b, `${label}: “${clip(a, 300)}” → “${clip(b, 300)}”`);
  return change(section, path, a, b, `${label}: ${frags.map((f) => `“${f.from}” → “${f.to}”`).join("; ")}`);
}

function localized(section: DiffChange["section"], path: string, label: string, a: LocalizedText | undefined, b: LocalizedText | undefined): DiffChange[] {
  return [textChange(section, `${path}.zh`, `${label} (zh)`, a?.zh, b?.zh), textChange(section, `${path}.en`, `${label} (en)`, a?.en, b?.en)].filter(
    (c): c is DiffChange => c !== undefined,
  );
}

function diffMetadata(a: RuleFile, b: RuleFile): DiffChange[] {
  const out: DiffChange[] = [];
  const push = (c: DiffChange | undefined) => c && out.push(c);
  if (a.id !== b.id) push(change("metadata", "id", a.id, b.id, `rule id ${a.id} → ${b.id}`));
  out.push(...localized("metadata", "title", "title (标题)", a.title, b.title));
  if (a.kind !== b.kind) push(change("metadata", "kind", a.kind, b.kind, `kind ${a.kind} → ${b.kind}`));
  if (a.document !== b.document) push(change("metadata", "document", a.document, b.document, `document ${a.document} → ${b.document}`));
  if (a.clause !== b.clause) push(change("metadata", "clause", a.clause, b.clause, `clause (条款) ${a.clause} → ${b.clause}`));
  if (!same(a.measures, b.measures)) push(change("metadata", "measures", a.measures, b.measures, `measures encoded: ${listDelta(a.measures, b.measures)}`));
  push(textChange("metadata", "source.heading", "source heading (标题)", a.source.heading, b.source.heading));
  push(textChange("metadata", "source.quote", "source quote (原文)", a.source.quote, b.source.quote));
  const sa = a.subjects;
  const sb = b.subjects;
  if (!same(sa.types, sb.types)) push(change("metadata", "subjects.types", sa.types, sb.types, `subject types (适用主体): ${listDelta(sa.types, sb.types)}`));
  if (!same(sa.places, sb.places)) {
    push(change("metadata", "subjects.places", sa.places, sb.places, `places (地域): ${sa.places ? sa.places.join(", ") : "anywhere"} → ${sb.places ? sb.places.join(", ") : "anywhere"}`));
  }
  if (!same(sa.fields, sb.fields)) {
    push(change("metadata", "subjects.fields", sa.fields, sb.fields, `fields (领域): ${sa.fields ? sa.fields.join(", ") : "any"} → ${sb.fields ? sb.fields.join(", ") : "any"}`));
  }
  out.push(...localized("metadata", "subjects.note", "subjects note", sa.note, sb.note));
  if (!same(a.responsibleUnits, b.responsibleUnits)) {
    const names = (l: LocalizedText[]) => l.map((u) => `${u.zh} (${u.en})`);
    push(change("metadata", "responsibleUnits", a.responsibleUnits, b.responsibleUnits, `responsible units (责任单位): ${listDelta(names(a.responsibleUnits), names(b.responsibleUnits))}`));
  }
  if (a.supersedes !== b.supersedes) {
    push(
      change("metadata", "supersedes", a.supersedes, b.supersedes, b.supersedes !== undefined ? `supersedes v${b.supersedes}${a.supersedes !== undefined ? ` (was v${a.supersedes})` : ""}` : `no longer supersedes v${a.supersedes}`),
    );
  }
  if (!same(a.combination, b.combination)) push(change("metadata", "combination", a.combination, b.combination, "how the measure combines with others (combination) changed"));
  const notes = (l: LocalizedText[] | undefined) => (l ?? []).map((n) => n.en);
  const na = notes(a.notes);
  const nb = notes(b.notes);
  for (const n of b.notes ?? []) if (!na.includes(n.en)) push(change("metadata", "notes", undefined, n, `note added: ${clip(n.en, 200)}`));
  for (const n of a.notes ?? []) if (!nb.includes(n.en)) push(change("metadata", "notes", n, undefined, `note removed: ${clip(n.en, 200)}`));
  const ca = a.changes.map((c) => canonicalJson(c));
  for (const c of b.changes) if (!ca.includes(canonicalJson(c))) push(change("metadata", "changes", undefined, c, `change note ${c.date}: ${c.note.en}`));
  return out;
}

const BASIS = { stated: "stated, 原文明示", inferred: "inferred, 推定" } as const;

function point(p: DatedPoint | undefined): string {
  return p ? `${p.date} (${BASIS[p.basis]})` : "open (no end stated, 未定)";
}

function diffValidity(va: LoadedRuleVersion, vb: LoadedRuleVersion): DiffChange[] {
  const out: DiffChange[] = [];
  const a = va.file.validity;
  const b = vb.file.validity;
  if (a.from.date !== b.from.date || a.from.basis !== b.from.basis) {
    out.push(change("validity", "validity.from", a.from, b.from, `in force from (施行): ${point(a.from)} → ${point(b.from)}`));
  }
  if (a.to?.date !== b.to?.date || a.to?.basis !== b.to?.basis) {
    out.push({ section: "validity", path: "validity.to", change: "changed", from: a.to ?? null, to: b.to ?? null, text: `in force until (截止): ${point(a.to)} → ${point(b.to)}` });
  }
  out.push(...localized("validity", "validity.from.note", "note on the start", a.from.note, b.from.note));
  out.push(...localized("validity", "validity.to.note", "note on the end", a.to?.note, b.to?.note));
  // The resolved end (an open end closes the day before the next version) as the engine uses it.
  const endA = va.validTo;
  const endB = vb.validTo;
  if ((a.to === undefined && endA !== null) || (b.to === undefined && endB !== null)) {
    if (endA !== endB && (a.to?.date ?? null) === (b.to?.date ?? null)) {
      out.push({ section: "validity", path: "validTo", change: "changed", from: endA, to: endB, text: `last day in force (resolved): ${endA ?? "open"} → ${endB ?? "open"}` });
    }
  }
  return out;
}

function inputText(spec: InputSpec): string {
  const required = spec.default === undefined ? "required" : `optional, default ${JSON.stringify(spec.default)}`;
  const values = spec.values ? `: ${Object.keys(spec.values).join(" | ")}` : "";
  return `${spec.type}${values}, ${required} — ${bilingual(spec.label)}`;
}

function diffInputs(a: Record<string, InputSpec>, b: Record<string, InputSpec>): DiffChange[] {
  const out: DiffChange[] = [];
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  for (const [name, spec] of Object.entries(a)) {
    if (!has(b, name)) out.push(change("inputs", `inputs.${name}`, spec, undefined, `input ${name} removed (${inputText(spec)}); facts that still give it are rejected`));
  }
  for (const [name, spec] of Object.entries(b)) {
    const old = has(a, name) ? a[name] : undefined;
    if (!old) {
      out.push(change("inputs", `inputs.${name}`, undefined, spec, `input ${name} added (${inputText(spec)})${spec.default === undefined ? "; facts without it are rejected" : ""}`));
      continue;
    }
    if (same(old, spec)) continue;
    const parts: string[] = [];
    if (old.type !== spec.type) parts.push(`type ${old.type} → ${spec.type}`);
    if (!same(old.label, spec.label)) parts.push(`label “${bilingual(old.label)}” → “${bilingual(spec.label)}”`);
    if (!same(old.values, spec.values)) {
      const ka = Object.keys(old.values ?? {});
      const kb = Object.keys(spec.values ?? {});
      const label = (k: string) => (spec.values?.[k] ?? old.values?.[k] ? `${k} (${(spec.values?.[k] ?? old.values?.[k])!.zh})` : k);
      const added = kb.filter((k) => !ka.includes(k)).map(label);
      const removed = ka.filter((k) => !kb.includes(k)).map(label);
      parts.push(added.length || removed.length ? `values ${[added.length ? `added ${added.join(", ")}` : "", removed.length ? `removed ${removed.join(", ")}` : ""].filter(Boolean).join("; ")}` : "value labels changed");
    }
    if (old.min !== spec.min) parts.push(`minimum ${old.min ?? "none"} → ${spec.min ?? "none"}`);
    if (old.max !== spec.max) parts.push(`maximum ${old.max ?? "none"} → ${spec.max ?? "none"}`);
    if (old.pattern !== spec.pattern) parts.push(`pattern ${old.pattern ?? "none"} → ${spec.pattern ?? "none"}`);
    if (!same(old.default, spec.default)) {
      parts.push(old.default === undefined ? `now optional (default ${JSON.stringify(spec.default)})` : spec.default === undefined ? "now required" : `default ${JSON.stringify(old.default)} → ${JSON.stringify(spec.default)}`);
    }
    if (old.fromProfile !== spec.fromProfile) parts.push(`fromProfile ${old.fromProfile ?? "none"} → ${spec.fromProfile ?? "none"}`);
    if (!same(old.description, spec.description)) parts.push("description changed");
    out.push(change("inputs", `inputs.${name}`, old, spec, `input ${name}: ${parts.join("; ")}`));
  }
  return out;
}

function diffParameters(a: Record<string, ParameterSpec>, b: Record<string, ParameterSpec>): ParameterChange[] {
  const out: ParameterChange[] = [];
  const has = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);
  const one = (name: string, spec: ParameterSpec) => {
    const unit = unitOf(spec);
    return `${formatValue(spec.value, spec.type, spec.values)}${unit ? ` ${unit}` : ""}`;
  };
  const about = (spec: ParameterSpec) => ` — ${bilingual(spec.label)}${spec.sourceText ? `, 原文 “${spec.sourceText}”` : ""}`;
  for (const [name, spec] of Object.entries(a)) {
    if (has(b, name)) continue;
    out.push({ section: "parameters", path: `parameters.${name}`, change: "removed", from: spec, name, type: spec.type, unit: unitOf(spec), fromText: formatValue(spec.value, spec.type, spec.values), valueChanged: true, details: [], text: `parameter ${name} removed (was ${one(name, spec)})${about(spec)}` });
  }
  for (const [name, spec] of Object.entries(b)) {
    const old = has(a, name) ? a[name] : undefined;
    const unit = unitOf(spec);
    const toText = formatValue(spec.value, spec.type, spec.values);
    if (!old) {
      out.push({ section: "parameters", path: `parameters.${name}`, change: "added", to: spec, name, type: spec.type, unit, toText, valueChanged: true, details: [], text: `parameter ${name} added: ${one(name, spec)}${about(spec)}` });
      continue;
    }
    if (same(old, spec)) continue;
    const fromText = formatValue(old.value, old.type, old.values);
    const oldUnit = unitOf(old);
    const valueChanged = !same(old.value, spec.value) || old.type !== spec.type;
    const details: string[] = [];
    if (old.type !== spec.type) details.push(`type ${old.type} → ${spec.type}`);
    if (old.unit !== spec.unit) details.push(`unit ${old.unit ?? "none"} → ${spec.unit ?? "none"}`);
    if (old.sourceText !== spec.sourceText) details.push(`原文 source text “${old.sourceText ?? ""}” → “${spec.sourceText ?? ""}”`);
    if (!same(old.label, spec.label)) details.push(`label “${bilingual(old.label)}” → “${bilingual(spec.label)}”`);
    if (!same(old.note, spec.note)) details.push(`note ${old.note ? `“${old.note.en}”` : "none"} → ${spec.note ? `“${spec.note.en}”` : "none"}`);
    if (!same(old.values, spec.values)) details.push("allowed values changed");
    let text: string;
    if (valueChanged) {
      let value = oldUnit === unit ? `${fromText} → ${toText}${unit ? ` ${unit}` : ""}` : `${fromText}${oldUnit ? ` ${oldUnit}` : ""} → ${toText}${unit ? ` ${unit}` : ""}`;
      if (spec.type === "enumList" && Array.isArray(old.value) && Array.isArray(spec.value)) value += ` (${listDelta(old.value, spec.value)})`;
      text = `${name} ${value}${about(spec)}`;
    } else {
      text = `${name} (value ${toText}${unit ? ` ${unit}` : ""} unchanged): ${details.join("; ")}`;
    }
    out.push({ section: "parameters", path: `parameters.${name}`, change: "changed", from: old, to: spec, name, type: spec.type, unit, fromText, toText, valueChanged, details, text });
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
    change("examples", "examples", da, db, `worked examples: ${da.length} → ${db.length} (${added.length} added, ${removed.length} removed, ${kept} kept by description)`),
  ];
}
