import type { LocalizedText } from "../schema/common.js";
import type { ValueType } from "../schema/rule-file.js";
import type { OutcomeValue } from "../engine/decision.js";
import type { PolicyIssue } from "../errors.js";

/**
 * The part of a rule file a change is in.
 *
 * @category Diff
 * @example
 * diff.parameters.every((c) => c.section === "parameters") //=> true
 */
export type DiffSection = "metadata" | "validity" | "inputs" | "parameters" | "logic" | "examples";

/**
 * One change between two rule versions, with a sentence an analyst can read.
 *
 * @category Diff
 * @example
 * diff.validity[0]
 * //=> { section: "validity", path: "validity.from", change: "changed", from: {…}, to: {…},
 * //     text: "in force from (施行): 2025-01-17 (stated, 原文明示) → 2026-01-01 (stated, 原文明示)" }
 */
export interface DiffChange {
  /** The part of the rule file: metadata, validity, inputs, parameters, logic or examples. */
  section: DiffSection;
  /** A dotted path into the rule file: `title.en`, `validity.to.date`, `parameters.cap`, `outcome.amount`. */
  path: string;
  /** Whether the thing was added, removed or changed. */
  change: "added" | "removed" | "changed";
  /** The old value (absent when added). */
  from?: unknown;
  /** The new value (absent when removed). */
  to?: unknown;
  /** The change in words: English, with the Chinese terms where they help. */
  text: string;
  /** The same in Chinese, e.g. `施行日期:2025-01-17(原文明示) → 2026-01-01(原文明示)`. */
  textZh: string;
}

/**
 * A change of one parameter: its value old → new, formatted with its unit.
 *
 * @category Diff
 * @example
 * const cap = diff.parameters.find((p) => p.name === "cap")!;
 * [cap.fromText, cap.toText, cap.unit] //=> ["500,000", "800,000", "yuan"]
 * cap.text //=> "cap 500,000 → 800,000 yuan — cap per contract (每项最高补助), 原文 “每项最高补助80万元”"
 */
export interface ParameterChange extends DiffChange {
  /** Always `parameters`. */
  section: "parameters";
  /** The parameter's name, e.g. `cap`. */
  name: string;
  /** Its type (the new one when it changed). */
  type: ValueType;
  /** The unit printed after the value (`yuan`), or "" (rates print as percentages). */
  unit: string;
  /** The old and new value as people read them: `"500,000"`, `"10%"`. */
  fromText?: string;
  /** The new value as people read it. */
  toText?: string;
  /** Whether the value itself changed (as opposed to only its label, source text, note…). */
  valueChanged: boolean;
  /** The other fields of the parameter that changed, in words (label, source text, note, unit). */
  details: string[];
  /** The same in Chinese. */
  detailsZh: string[];
}

/**
 * A change in the JSON-logic of a rule, located by a readable path instead of a tree dump.
 *
 * @category Diff
 * @example
 * diff.logic[0].text //=> 'outcome.amount: if[1] jjj.min[0] changed: jjj.param "cap" → "800000"'
 * diff.logic[0].at   //=> "if[1] jjj.min[0]"
 */
export interface LogicChange extends DiffChange {
  /** Always `logic`. */
  section: "logic";
  /** Which expression: `applicable`, `conditions.<id>`, `outcome.<field>`, or `conditions`/`outcome` for the lists. */
  expression: string;
  /** The path inside the expression, operation and operand index per level: `if[1] jjj.min[0]`; "" for the whole. */
  at: string;
}

/**
 * A rule version as a diff names it.
 *
 * @category Diff
 * @example
 * diff.to //=> { ruleId: "sjz-2025/absorption-subsidy", version: 2, validFrom: "2026-01-01", validTo: "2028-01-16", supersedes: 1, … }
 */
export interface VersionSummary {
  /** The rule id, e.g. `sjz-2025/absorption-subsidy`. */
  ruleId: string;
  /** The version number. */
  version: number;
  /** The title in Chinese and English. */
  title: LocalizedText;
  /** First and last day in force (resolved: an open end closes the day before a later version starts). */
  validFrom: string;
  /** The last day in force, or null when open-ended. */
  validTo: string | null;
  /** SHA-256 of the rule file's canonical JSON. */
  hash: string;
  /** The version it replaces (`supersedes`), or null. */
  supersedes: number | null;
  /** The version it was published as an amendment of (`"extends"` in its file); absent for a full file. */
  amends?: number;
}

/**
 * One case of a behavioural comparison: the facts and why they were chosen.
 *
 * @category Diff
 * @example
 * diff.behaviour!.changes[0].case
 * //=> { kind: "boundary", varies: { input: "contractAmount", value: "300000" },
 * //     origins: ["the threshold of v2 (threshold = 300,000 yuan, 原文 30万元(含))", …], facts: {…} }
 */
export interface BehaviourCase {
  /** The facts evaluated under both versions. */
  facts: Record<string, unknown>;
  /** `example` (a worked example of either version) or `boundary` (generated from the parameters). */
  kind: "example" | "boundary";
  /** Why this case is in the comparison, e.g. `threshold of v2 (threshold = 300,000 yuan)`, `example of v1: "…"`. */
  origins: string[];
  /** The same reasons in Chinese, in the same order. */
  originsZh: string[];
  /** For a boundary case: the input it varies and the value given. */
  varies?: { input: string; value: string };
}

/**
 * How one version answered one case.
 *
 * @category Diff
 * @example
 * diff.behaviour!.changes[0].from //=> { version: 1, on: "2025-01-17", inForce: true, applicable: true, outcome: { eligible: false, amount: "0.00" } }
 */
export interface CaseResult {
  /** The version that answered. */
  version: number;
  /** The date the version was evaluated on (inside its own validity). */
  on: string;
  /** Present when the version rejects the facts: every problem. */
  rejected?: PolicyIssue[];
  /** Whether the version was in force on the date (absent when the facts were rejected). */
  inForce?: boolean;
  /** Whether the measure concerns the subject (absent when the facts were rejected). */
  applicable?: boolean;
  /** The outcome fields (absent when the facts were rejected). */
  outcome?: Record<string, OutcomeValue>;
}

/**
 * One outcome field that differs between the versions for a case.
 *
 * @category Diff
 * @example
 * //=> { field: "amount", type: "money", from: "50000.00", to: "75000.00", delta: "+25,000.00",
 * //     text: "amount 50,000.00 → 75,000.00 yuan (+25,000.00)" }
 */
export interface OutcomeFieldChange {
  /** The field: an outcome field's name, or `inForce`, `applicable`, `rejected`. */
  field: string;
  /** The field's declared type, when it is an outcome field. */
  type?: ValueType;
  /** The value under the older version (undefined when the field is absent there). */
  from: OutcomeValue | undefined;
  /** The value under the newer version (undefined when the field is absent there). */
  to: OutcomeValue | undefined;
  /** For money and decimals: `"+25,000.00"`. */
  delta?: string;
  /** The change in words: `amount 50,000.00 → 75,000.00 yuan (+25,000.00)`. */
  text: string;
  /** The same in Chinese: `amount 50,000.00 → 75,000.00 元(+25,000.00)`. */
  textZh: string;
}

/**
 * A case whose outcome differs between the two versions.
 *
 * @category Diff
 * @example
 * diff.behaviour!.changes.map((c) => c.text)
 * //=> ["contractAmount 300,000 [the threshold of v2 …]: eligible no → yes; amount 0.00 → 45,000.00 yuan (+45,000.00)", …]
 */
export interface BehaviourChange {
  /** The case: its facts and why it was chosen. */
  case: BehaviourCase;
  /** How the older version answered. */
  from: CaseResult;
  /** How the newer version answered. */
  to: CaseResult;
  /** The fields that differ (`inForce`, `applicable`, `rejected` and every outcome field). */
  fields: OutcomeFieldChange[];
  /** The case and its changes in one line. */
  text: string;
  /** The same in Chinese. */
  textZh: string;
}

/**
 * The facts held fixed while boundary cases vary one numeric input.
 *
 * @category Diff
 * @example
 * diff.behaviour!.contexts[0]
 * //=> { input: "contractAmount", facts: { transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }, example: "example of v1: “…”" }
 */
export interface BoundaryContext {
  /** The input the boundary cases vary. */
  input: string;
  /** The input's declared type (`money`, `integer`…). */
  type: ValueType;
  /** The other inputs, taken from a worked example under which the measure reaches this input. */
  facts: Record<string, unknown>;
  /** The worked example they come from. */
  example: string;
  /** The same in Chinese. */
  exampleZh: string;
}

/**
 * The result of evaluating both versions on the same cases.
 *
 * @category Diff
 * @example
 * const b = diff.behaviour!;
 * [b.on, b.cases, b.changes.length] //=> [{ from: "2025-01-17", to: "2026-01-01" }, 31, 22]
 */
export interface BehaviourReport {
  /** The date each version was evaluated on: a day inside its own validity, so dates do not differ the answer. */
  on: { from: string; to: string };
  /** How many distinct cases were evaluated, and of which kind. */
  cases: number;
  /** How many of them come from worked examples. */
  exampleCases: number;
  /** How many of them were generated from the parameters. */
  boundaryCases: number;
  /** For each varied input, the facts held fixed and the example they come from. */
  contexts: BoundaryContext[];
  /** The boundary values tried per input, ascending (whether or not the outcome differs there). */
  boundaryValues: Record<string, string[]>;
  /** Every case whose outcome differs, boundary cases by input and value first, then worked examples. */
  changes: BehaviourChange[];
}

/**
 * The differences between two versions of a rule (or two rules), returned by `diffRules`.
 *
 * @category Diff
 * @example
 * const diff: RuleDiff = diffRules("sjz-2025/absorption-subsidy@1", "sjz-2025/absorption-subsidy@2", { ruleSet });
 * diff.identical //=> false
 * JSON.stringify(diff) // plain data: ready for --json
 */
export interface RuleDiff {
  /** The older version. */
  from: VersionSummary;
  /** The newer version. */
  to: VersionSummary;
  /** Whether the two rule files are the same (same canonical JSON). */
  identical: boolean;
  /** Title, clause, source quote, subjects, responsible units, kind, supersedes, notes, change notes… */
  metadata: DiffChange[];
  /** The validity dates and whether each is stated or inferred. */
  validity: DiffChange[];
  /** Declared inputs (a new required input makes old facts invalid). */
  inputs: DiffChange[];
  /** Parameters, old → new with their units. */
  parameters: ParameterChange[];
  /** The JSON-logic and the labels of conditions and outcome fields. */
  logic: LogicChange[];
  /** The worked examples (counts and descriptions). */
  examples: DiffChange[];
  /** Both versions evaluated on the same cases; null when not asked for. */
  behaviour: BehaviourReport | null;
}

/**
 * A rule of a rule set, as a set diff lists it (added or removed).
 *
 * @category Diff
 * @example
 * setDiff.added.map((r) => r.ruleId) //=> ["hd-2018/…"]
 */
export interface RuleSummary {
  /** The rule id. */
  ruleId: string;
  /** The title of its latest version. */
  title: LocalizedText;
  /** Its versions, oldest first. */
  versions: VersionSummary[];
}

/**
 * One version of a rule present in both sets with different content, or added to a rule present in both.
 *
 * @category Diff
 * @example
 * setDiff.changed[0].versions.map((v) => [v.kind, v.version]) //=> [["changed", 1], ["added", 2]]
 */
export interface RuleVersionChange {
  /** `changed`: the same version number differs; `added`: a new version, diffed against the one it supersedes. */
  kind: "changed" | "added";
  /** The version number. */
  version: number;
  /** The diff (for an added version: against its predecessor in the new set), or null when it has none. */
  diff: RuleDiff | null;
}

/**
 * A rule present in both sets whose versions differ.
 *
 * @category Diff
 * @example
 * setDiff.changed[0] //=> { ruleId: "sjz-2025/absorption-subsidy", versionsAdded: [2], versionsRemoved: [], versions: […] }
 */
export interface RuleChange {
  /** The rule id. */
  ruleId: string;
  /** The title of its latest version in the new set. */
  title: LocalizedText;
  /** Version numbers only in the new set. */
  versionsAdded: number[];
  /** Version numbers only in the old set. */
  versionsRemoved: number[];
  /** Each changed or added version, with its diff. */
  versions: RuleVersionChange[];
}

/**
 * A rule set as a set diff names it.
 *
 * @category Diff
 * @example
 * setDiff.from //=> { label: "jjj-policy-rules-0.1.0.tgz", hash: "…", rules: 1, versions: 1 }
 */
export interface RuleSetSummary {
  /** A label for people: the folder or package it came from, when known. */
  label: string;
  /** The rule-set hash (SHA-256 over every file), as in decisions' provenance. */
  hash: string;
  /** How many rules it holds. */
  rules: number;
  /** How many rule versions it holds. */
  versions: number;
}

/**
 * The differences between two rule sets (two releases): rules added, removed and changed, returned by `diffRuleSets`.
 *
 * @category Diff
 * @example
 * const setDiff: RuleSetDiff = diffRuleSets(before, after);
 * [setDiff.added.length, setDiff.removed.length, setDiff.changed.length] //=> [0, 0, 1]
 */
export interface RuleSetDiff {
  /** The older set. */
  from: RuleSetSummary;
  /** The newer set. */
  to: RuleSetSummary;
  /** Whether both sets hold the same files (same rule-set hash). */
  identical: boolean;
  /** Documents (`document.json`) added, removed, and changed with their changes. */
  documents: { added: string[]; removed: string[]; changed: { id: string; changes: DiffChange[] }[] };
  /** Rules only in the new set. */
  added: RuleSummary[];
  /** Rules only in the old set. */
  removed: RuleSummary[];
  /** Rules in both sets whose versions differ. */
  changed: RuleChange[];
  /** How many rules are the same in both sets. */
  unchanged: number;
}
