import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { todayInShanghai, requireDate } from "../engine/dates.js";
import type { OutcomeValue } from "../engine/decision.js";
import { evaluateInSet } from "../engine/evaluate.js";
import { readMatchOptions } from "../engine/options.js";
import { InvalidArgumentError, InvalidFactsError, InvalidOptionsError, formatIssue, type PolicyIssue } from "../errors.js";
import type { LocalizedText } from "../schema/common.js";
import type { Combination, InputSpec, RuleKind } from "../schema/rule-file.js";
import { BROADER_TYPES, checkProfile, type SubjectProfile } from "./profile-check.js";
import { candidateVersions } from "./match-index.js";

/**
 * An input a measure still needs before it can be decided for this profile.
 *
 * @category Matching
 * @example
 * matchPolicies({ type: "enterprise", city: "shijiazhuang" }, { on: "2025-06-01" })
 *   .measures.find((m) => m.ruleId === "sjz-2025/absorption-subsidy")!.missing[0]
 * //=> { name: "contractAmount", type: "money", label: { zh: "单项技术合同实际交易额", en: "…" }, askFor: "facts" }
 */
export interface MissingInput {
  /** The input's name, as the rule declares it (`contractAmount`). */
  name: string;
  /** Its declared type (`money`, `enum` …). */
  type: InputSpec["type"];
  /** Its label, in Chinese and English, for a form. */
  label: LocalizedText;
  /** For enums: the allowed values with their labels. */
  values?: Record<string, LocalizedText>;
  /** Where a form should ask for it: a profile field (`city`) or the profile's `facts`. */
  askFor: "type" | "city" | "fields" | "facts";
}

/**
 * One measure in force that concerns the profile.
 *
 * @category Matching
 * @example
 * const m = matchPolicies(profile, { on: "2025-06-01" }).measures[0];
 * [m.ruleId, m.status] //=> ["bth-2025/cross-region-transformation-chain", "decided"]
 */
export interface MatchedMeasure {
  /** The rule id. */
  ruleId: string;
  /** The version in force on the date. */
  version: number;
  /** What the rule does: `benefit`, `target`, `obligation` or `guidance`. */
  kind: RuleKind;
  /** The rule's title, in Chinese and English. */
  title: LocalizedText;
  /** The source document. */
  document: string;
  /** The clause of the document. */
  clause: string;
  /** The first and last day the version is in force (`to` null when open-ended). */
  validity: { from: string; to: string | null };
  /** The units responsible for the measure, as the text names them. */
  responsibleUnits: LocalizedText[];
  /** Why the measure concerns the subject (type, place, field), in words. */
  reasons: LocalizedText[];
  /** `decided` when every input was known; `needs-input` when `missing` lists what to ask; `invalid-input` when a known fact was rejected. */
  status: "decided" | "needs-input" | "invalid-input";
  /** The inputs still needed (empty when decided). */
  missing: MissingInput[];
  /** Problems with the facts the profile gave, when `status` is `invalid-input`. */
  issues: PolicyIssue[];
  /** The decision's `applicable` and `outcome`, when decided. */
  applicable: boolean | null;
  /** The decision's outcome when decided, otherwise null. */
  outcome: Record<string, OutcomeValue> | null;
  /** How this measure combines with others, where a text says so; otherwise null (see `combinationNote`). */
  combination: Combination[] | null;
}

/**
 * The result of matching one profile against the rules in force on a date.
 *
 * @category Matching
 * @example
 * const r = matchPolicies({ type: "enterprise", city: "shijiazhuang" }, { on: "2025-06-01" });
 * r.summary //=> { total: 20, decided: 11, needsInput: 9, invalidInput: 0, byKind: { … } }
 */
export interface MatchResult {
  /** The date matched on. */
  on: string;
  /** The profile, as parsed. */
  profile: SubjectProfile;
  /** Every measure in force that concerns the subject. */
  measures: MatchedMeasure[];
  /** Counts per kind and status. */
  summary: { total: number; decided: number; needsInput: number; invalidInput: number; byKind: Record<string, number> };
  /** What the texts say, or do not say, about combining the benefits found. */
  combinationNote: LocalizedText;
  /** The hash of the rule set matched against, to replay the result. */
  ruleSetHash: string;
}

/**
 * Options of `matchPolicies`.
 *
 * @category Matching
 * @example
 * matchPolicies(profile, { on: "2025-06-01" })
 */
export interface MatchOptions {
  /** The date, `YYYY-MM-DD` (default: the profile's `on`, then today in Asia/Shanghai). */
  on?: string;
  /** Only measures of this kind, or of these kinds (`benefit`, `target`, `obligation`, `guidance`). */
  kind?: RuleKind | readonly RuleKind[];
  /** Only measures of this document, or of these documents (`sjz-2025`); an unknown id is an error. */
  document?: string | readonly string[];
}

/**
 * Decisions computed elsewhere, for a match to use instead of evaluating (`match --batch --engine duckdb`:
 * the rules compiled to SQL, src/cli/match-duckdb.ts). Given a version, the facts the match gives it and
 * the date, it returns that decision's `applicable` and `outcome`, or `undefined` to let the engine decide
 * (any doubt: a value the other side may have read differently, a date it did not compute for).
 *
 * @example
 * const none: PrecomputedDecisions = () => undefined; // every measure decided by the engine
 */
export type PrecomputedDecisions = (version: LoadedRuleVersion, facts: Readonly<Record<string, unknown>>, on: string) => { applicable: boolean; outcome: Record<string, OutcomeValue> } | undefined;

/** Parse a profile, reporting every problem as an InvalidArgumentError. */
export function parseProfile(profile: unknown): SubjectProfile {
  let parsed: ReturnType<typeof checkProfile>;
  try {
    // A copy: the result echoes the profile, and a caller changing its facts later must not change it.
    parsed = checkProfile(structuredClone(profile));
  } catch (error) {
    // A getter or proxy that throws, a function or a symbol: not a JSON profile.
    throw new InvalidArgumentError(`invalid profile: it could not be read as JSON data (${error instanceof Error ? error.message : "unreadable"})`);
  }
  if (!parsed.ok) {
    const issues = parsed.issues;
    throw new InvalidArgumentError(`invalid profile:\n${issues.map((i) => `  - ${formatIssue(i)}`).join("\n")}`);
  }
  return parsed.profile;
}

/**
 * List every measure in force on a date that concerns a subject profile, with the outcome where the
 * profile's facts decide it, and otherwise the inputs still missing (so a form knows what to ask).
 */
export function matchInSet(set: RuleSet, rawProfile: unknown, rawOptions?: MatchOptions, precomputed?: PrecomputedDecisions): MatchResult {
  const options = readMatchOptions(rawOptions);
  const profile = parseProfile(rawProfile);
  const on = options.on !== undefined ? requireDate(options.on, "the match date `on`") : (profile.on ?? todayInShanghai());
  const types = new Set([profile.type, ...(BROADER_TYPES[profile.type] ?? [])]);
  const measures: MatchedMeasure[] = [];

  for (const id of options.document ?? []) {
    if (!set.document(id)) throw new InvalidOptionsError("document", `option "document": unknown document "${id}" (documents: ${set.documents().map((d) => d.id).join(", ")}) / 未知的文件编号`);
  }
  // Only the versions listed under the profile's types and city (match-index.ts), not the whole set.
  for (const version of candidateVersions(set, types, profile.city, on)) {
    if (options.kind && !options.kind.includes(version.file.kind)) continue;
    if (options.document && !options.document.includes(version.file.document)) continue;
    const reasons = concerns(version, profile, types);
    if (!reasons) continue;
    measures.push(decide(set, version, profile, on, reasons, precomputed));
  }

  const byKind: Record<string, number> = {};
  for (const m of measures) byKind[m.kind] = (byKind[m.kind] ?? 0) + 1;
  return {
    on,
    profile,
    measures,
    summary: {
      total: measures.length,
      decided: measures.filter((m) => m.status === "decided").length,
      needsInput: measures.filter((m) => m.status === "needs-input").length,
      invalidInput: measures.filter((m) => m.status === "invalid-input").length,
      byKind,
    },
    combinationNote: combinationNote(measures),
    ruleSetHash: `sha256:${set.hash}`,
  };
}

function concerns(version: LoadedRuleVersion, profile: SubjectProfile, types: ReadonlySet<string>): LocalizedText[] | undefined {
  const subjects = version.file.subjects;
  const type = subjects.types.find((t) => types.has(t));
  if (!type) return undefined;
  const reasons: LocalizedText[] = [{ zh: `主体类型 ${type}`, en: `subject type ${type}` }];
  if (subjects.places) {
    if (profile.city === undefined || !subjects.places.includes(profile.city)) return undefined;
    reasons.push({ zh: `地点 ${profile.city}`, en: `place ${profile.city}` });
  }
  if (subjects.fields) {
    const shared = (profile.fields ?? []).filter((f) => subjects.fields!.includes(f));
    if (shared.length === 0) return undefined;
    reasons.push({ zh: `领域 ${shared.join("、")}`, en: `field ${shared.join(", ")}` });
  }
  return reasons;
}

function profileValue(spec: InputSpec, profile: SubjectProfile): unknown {
  switch (spec.fromProfile) {
    case "type":
      return profile.type;
    case "city":
      return profile.city;
    case "fields": {
      if (profile.fields === undefined) return undefined;
      const known = spec.values ?? {};
      const has = (v: string) => Object.prototype.hasOwnProperty.call(known, v);
      // Fields the rule does not name count as `other` when the rule has that value, and are dropped otherwise.
      const mapped = profile.fields.map((f) => (has(f) ? f : has("other") ? "other" : undefined)).filter((f): f is string => f !== undefined);
      return [...new Set(mapped)];
    }
    default:
      return undefined;
  }
}

/**
 * The facts a profile gives a rule version (from its type, city, fields and `facts`), and the inputs it
 * still lacks: what the match decides with, for reuse by tools built on it (the analysis's nearest change).
 *
 * @category Matching
 * @example
 * profileFacts(version, parseProfile({ type: "enterprise", city: "shijiazhuang" })).missing.map((m) => m.name)
 * //=> ["contractAmount", "transferMode", "sourceRegion"]
 */
export function profileFacts(version: LoadedRuleVersion, profile: SubjectProfile): { facts: Record<string, unknown>; missing: MissingInput[] } {
  const facts: Record<string, unknown> = {};
  const missing: MissingInput[] = [];
  const given = profile.facts ?? {};
  for (const [name, spec] of Object.entries(version.file.inputs)) {
    const value = spec.fromProfile ? profileValue(spec, profile) : Object.prototype.hasOwnProperty.call(given, name) ? given[name] : undefined;
    if (value !== undefined) facts[name] = value;
    else if (spec.default === undefined) {
      missing.push({
        name,
        type: spec.type,
        label: spec.label,
        ...(spec.values && { values: spec.values }),
        askFor: spec.fromProfile ?? "facts",
      });
    }
  }
  return { facts, missing };
}

function decide(set: RuleSet, version: LoadedRuleVersion, profile: SubjectProfile, on: string, reasons: LocalizedText[], precomputed?: PrecomputedDecisions): MatchedMeasure {
  const file = version.file;
  const { facts, missing } = profileFacts(version, profile);
  const base: MatchedMeasure = {
    ruleId: file.id,
    version: file.version,
    kind: file.kind,
    title: file.title,
    document: file.document,
    clause: file.clause,
    validity: { from: version.validFrom, to: version.validTo },
    responsibleUnits: file.responsibleUnits,
    reasons,
    status: "needs-input",
    missing,
    issues: [],
    applicable: null,
    outcome: null,
    combination: file.combination ?? null,
  };
  if (missing.length > 0) return base;
  const given = precomputed?.(version, facts, on);
  if (given !== undefined) return { ...base, status: "decided", applicable: given.applicable, outcome: given.outcome };
  try {
    const decision = evaluateInSet(set, file.id, facts, { on, version: file.version, explain: false });
    return { ...base, status: "decided", applicable: decision.applicable, outcome: decision.outcome };
  } catch (error) {
    if (error instanceof InvalidFactsError) return { ...base, status: "invalid-input", issues: [...error.issues] };
    throw error;
  }
}

function combinationNote(measures: MatchedMeasure[]): LocalizedText {
  const benefits = measures.filter((m) => m.kind === "benefit");
  const settled = benefits.filter((m) => m.combination !== null);
  if (benefits.length < 2) {
    return { zh: "匹配到的待遇不足两项,无需考虑叠加。", en: "Fewer than two benefits matched; there is nothing to combine." };
  }
  if (settled.length === 0) {
    return {
      zh: `匹配到 ${benefits.length} 项待遇;原文均未规定它们能否叠加(可叠加、择优或互斥),本库不作推定。`,
      en: `${benefits.length} benefits matched; no text settles whether they combine (cumulative, the higher applies, or exclusive), and this library does not presume either way.`,
    };
  }
  return {
    zh: `匹配到 ${benefits.length} 项待遇;其中 ${settled.length} 项的原文规定了叠加方式(见各项 combination),其余未规定。`,
    en: `${benefits.length} benefits matched; the texts of ${settled.length} of them say how they combine (see each combination); the others do not.`,
  };
}
