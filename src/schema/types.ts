// The types of rule, amendment and document files as plain TypeScript, without zod (issue #15): the main
// entry's declarations use them, so a user's type-check does not load zod's. The zod schemas beside them
// (the jjj-policy-rules/schema entry) check the files; tests/types/schema-types.test-d.ts checks that each
// type here equals what its schema infers, so the two cannot drift apart.
import type { RULE_KINDS, SUBJECT_TYPES } from "./values.js";

/**
 * A JSON-logic expression as it appears in a rule file. Checked by the rule profile at load time.
 *
 * @category Schema
 * @example
 * const logic: JsonLogicExpression = { "jjj.gte": [{ var: "contractAmount" }, { "jjj.param": "threshold" }] };
 */
export type JsonLogicExpression =
  | null
  | boolean
  | number
  | string
  | JsonLogicExpression[]
  | { [operator: string]: JsonLogicExpression };

/**
 * Where a rule's text comes from: the quotation of the clause, its heading, and whether it was repaired.
 *
 * @category Schema
 * @example
 * const source: RuleSourceText = { quote: "对吸纳京津科技成果的企业给予补助", heading: "一、" };
 */
export type RuleSourceText = {
  quote: string;
  heading?: string | undefined;
  repaired?: boolean | undefined;
};

/**
 * Text in Chinese and English.
 *
 * @category Schema
 * @example
 * const title: LocalizedText = { zh: "吸纳京津科技成果补助", en: "Subsidy for absorbing Beijing and Tianjin achievements" };
 */
export type LocalizedText = {
  zh: string;
  en: string;
};

/**
 * `stated` when the source prints the date, `inferred` when it was worked out from the text.
 *
 * @category Schema
 * @example
 * const basis: DateBasis = "stated";
 */
export type DateBasis = "stated" | "inferred";

/**
 * A date with its basis (stated or inferred) and an optional note explaining it.
 *
 * @category Schema
 * @example
 * const from: DatedPoint = { date: "2018-06-01", basis: "inferred", note: { zh: "按印发日期推定", en: "taken from the date of issue" } };
 */
export type DatedPoint = {
  date: string;
  basis: DateBasis;
  note?: LocalizedText | undefined;
};

/**
 * - `benefit`: something a subject can get (subsidy, title channel, accounting treatment);
 * - `target`: a quantified goal for a jurisdiction by a deadline;
 * - `obligation`: a recurring duty of a government unit;
 * - `guidance`: qualitative support; the logic answers whether the measure concerns a subject.
 *
 * @category Schema
 * @example
 * const kind: RuleKind = "benefit";
 */
export type RuleKind = (typeof RULE_KINDS)[number];

/**
 * - `money`: yuan as a decimal string with at most 2 decimals (`"3000000.00"`);
 * - `decimal`: any exact decimal (`"1.5"`); `rate`: a fraction (`"0.10"` is 10%);
 * - `integer`: a safe integer; `boolean`; `date`: `YYYY-MM-DD`;
 * - `enum`: one of the declared values; `enumList`: a list of declared values; `string`: free text.
 *
 * @category Schema
 * @example
 * const type: ValueType = "money";
 */
export type ValueType = "money" | "decimal" | "rate" | "integer" | "boolean" | "date" | "enum" | "enumList" | "string";

/**
 * A subject type the policy matching understands.
 *
 * @category Schema
 * @example
 * const type: SubjectType = "state-owned-enterprise";
 */
export type SubjectType = (typeof SUBJECT_TYPES)[number];

/**
 * A declared input of a rule.
 *
 * @category Schema
 * @example
 * const input: InputSpec = { type: "enum", label: { zh: "来源地", en: "source" }, values: { beijing: { zh: "北京", en: "Beijing" } } };
 */
export type InputSpec = {
  type: ValueType;
  label: LocalizedText;
  description?: LocalizedText | undefined;
  values?: Record<string, LocalizedText> | undefined;
  min?: string | undefined;
  max?: string | undefined;
  pattern?: string | undefined;
  fromProfile?: "type" | "city" | "fields" | undefined;
  default?: string | number | boolean | string[] | undefined;
};

/**
 * A parameter of a rule.
 *
 * @category Schema
 * @example
 * getRule("sjz-2025/absorption-subsidy").file.parameters.cap //=> { type: "money", value: "500000", unit: "yuan", … }
 */
export type ParameterSpec = {
  type: ValueType;
  value: string | number | boolean | string[];
  unit?: string | undefined;
  label: LocalizedText;
  sourceText?: string | undefined;
  sourceQuote?: string | undefined;
  values?: Record<string, LocalizedText> | undefined;
  min?: string | undefined;
  max?: string | undefined;
  note?: LocalizedText | undefined;
};

/**
 * A named condition of a rule.
 *
 * @category Schema
 * @example
 * getRule("sjz-2025/absorption-subsidy").file.conditions.map((c: ConditionSpec) => c.id) //=> ["enterpriseInShijiazhuang", …]
 */
export type ConditionSpec = {
  id: string;
  label: LocalizedText;
  logic: JsonLogicExpression;
};

/**
 * One field of a rule's outcome.
 *
 * @category Schema
 * @example
 * getRule("sjz-2025/absorption-subsidy").file.outcome.amount.whenNotInForce //=> "0.00"
 */
export type OutcomeFieldSpec = {
  type: ValueType;
  label: LocalizedText;
  logic: JsonLogicExpression;
  whenNotInForce?: string | number | boolean | null | string[] | undefined;
  /** `amount`: the money the measure grants (ranked match, totals); see `OUTCOME_ROLES`. */
  role?: "amount" | undefined;
};

/**
 * The validity of one rule version.
 *
 * @category Schema
 * @example
 * getRule("sjz-2025/absorption-subsidy").file.validity.to?.date //=> "2028-01-16"
 */
export type Validity = {
  from: DatedPoint;
  to?: DatedPoint | undefined;
};

/**
 * A worked example.
 *
 * @category Schema
 * @example
 * getRule("sjz-2025/absorption-subsidy").file.examples[0].expected //=> { inForce: true, outcome: { eligible: false, amount: "0.00" }, … }
 */
export type Example = {
  /** The case in one sentence, in both languages (a plain string in a file is read as both). */
  description: LocalizedText;
  on: string;
  facts: Record<string, unknown>;
  expected?:
    | {
        inForce?: boolean | undefined;
        applicable?: boolean | undefined;
        outcome?: Record<string, unknown> | undefined;
        holds?: string[] | undefined;
        fails?: string[] | undefined;
      }
    | undefined;
  rejects?: string[] | undefined;
  working?: string | undefined;
};

/**
 * Who a measure concerns.
 *
 * @category Schema
 * @example
 * getRule("sjz-2025/absorption-subsidy").file.subjects.places //=> ["shijiazhuang"]
 */
export type Subjects = {
  types: SubjectType[];
  places?: string[] | undefined;
  fields?: string[] | undefined;
  note?: LocalizedText | undefined;
};

/**
 * How a measure combines with others.
 *
 * @category Schema
 * @example
 * const c: Combination = { mode: "exclusive", with: ["bth-2025/some-rule"], sourceText: "不重复享受" };
 */
export type Combination = {
  mode: "exclusive" | "higher-applies" | "cumulative";
  with: string[];
  sourceText: string;
};

/**
 * One version of one rule, as written in a rule file.
 *
 * @category Schema
 * @example
 * const file: RuleFile = getRule("sjz-2025/absorption-subsidy").file;
 * file.source.quote //=> "支持企业吸纳转化成果,…"
 */
export type RuleFile = {
  $schema?: string | undefined;
  id: string;
  version: number;
  document: string;
  clause: string;
  measures: string[];
  kind: RuleKind;
  title: LocalizedText;
  source: RuleSourceText;
  subjects: Subjects;
  responsibleUnits: LocalizedText[];
  validity: Validity;
  supersedes?: number | undefined;
  inputs: Record<string, InputSpec>;
  parameters: Record<string, ParameterSpec>;
  applicable?: JsonLogicExpression | undefined;
  conditions: ConditionSpec[];
  outcome: Record<string, OutcomeFieldSpec>;
  combination?: Combination[] | undefined;
  notes?: LocalizedText[] | undefined;
  changes: { date: string; note: LocalizedText }[];
  examples: Example[];
  properties?: RuleProperties | undefined;
};

/**
 * One end of a declared bound: a decimal, a parameter, or `null` (no bound on that side).
 *
 * @category Schema
 * @example
 * const upper: Bound = { param: "cap" };
 */
export type Bound = string | { param: string } | null;

/**
 * The properties a rule claims for every input, which `verify` (`jjj-policy-rules/verify`) proves or
 * refutes with a counterexample: `monotone` inputs, `bounds` of numeric outcome fields (inclusive, as the
 * decision shows them), `shortfall` fields zero exactly when their boolean field or condition holds.
 *
 * @category Schema
 * @example
 * const p: RuleProperties = { monotone: ["contractAmount"], bounds: { amount: ["0", { param: "cap" }] } };
 */
export type RuleProperties = {
  monotone?: string[] | undefined;
  bounds?: Record<string, Bound[]> | undefined;
  shortfall?: Record<string, string> | undefined;
};

/**
 * What an amendment says about one parameter.
 *
 * @category Schema
 * @example
 * const cap: ParameterOverride = { value: "800000", sourceText: "每项最高补助80万元" };
 */
export type ParameterOverride = {
  type?: ValueType | undefined;
  value?: string | number | boolean | string[] | undefined;
  unit?: string | undefined;
  label?: LocalizedText | undefined;
  sourceText?: string | undefined;
  sourceQuote?: string | undefined;
  values?: Record<string, LocalizedText> | undefined;
  min?: string | undefined;
  max?: string | undefined;
  note?: LocalizedText | undefined;
};

/**
 * One amendment file, as written.
 *
 * @category Schema
 * @example
 * const amendment: AmendmentFile = { id: "sjz-2025/absorption-subsidy", version: 2, document: "sjz-2025", extends: 1, validity, examples };
 */
export type AmendmentFile = {
  $schema?: string | undefined;
  id: string;
  version: number;
  document: string;
  extends: number;
  supersedes?: number | undefined;
  source?: RuleSourceText | undefined;
  validity: Validity;
  parameters?: Record<string, ParameterOverride> | undefined;
  conditionLabels?: Record<string, LocalizedText> | undefined;
  notes?: LocalizedText[] | undefined;
  changes?: { date: string; note: LocalizedText }[] | undefined;
  examples: Example[];
};

/**
 * One measure of a document.
 *
 * @category Schema
 * @example
 * defaultEngine().ruleSet.document("sjz-2025")?.measures.map((m: MeasureEntry) => m.key) //=> ["sjz-2025/preamble", "sjz-2025/一", …]
 */
export type MeasureEntry = {
  key: string;
  clause: string;
  title: LocalizedText;
  kinds: RuleKind[];
};

/**
 * The metadata of one source document.
 *
 * @category Schema
 * @example
 * defaultEngine().ruleSet.document("sjz-2025")?.issuer.en //=> "General Office of the Shijiazhuang Municipal People's Government"
 */
export type DocumentFile = {
  $schema?: string | undefined;
  id: string;
  title: LocalizedText;
  issuer: LocalizedText;
  date: DatedPoint;
  validity: { from?: DatedPoint | undefined; to?: DatedPoint | undefined; note: LocalizedText };
  measuresDeclared: number;
  measures: MeasureEntry[];
  seed: string;
  text?: { file: string; sha256: string; repairs?: { garbled: string; reading: string; note?: LocalizedText | undefined }[] | undefined } | undefined;
  notes: LocalizedText[];
};
