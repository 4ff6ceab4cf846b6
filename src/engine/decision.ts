import type { LocalizedText } from "../schema/common.js";
import type { RuleKind } from "../schema/rule-file.js";

/**
 * A value in a decision's outcome: money and decimals as strings, never as binary floats.
 *
 * @category Engine
 * @example
 * evaluate(id, facts, { on: "2025-06-01" }).outcome //=> { eligible: true, amount: "200000.00" }
 */
export type OutcomeValue = string | number | boolean | null | string[];

/**
 * One condition of a rule, as it was found for these facts.
 *
 * @category Engine
 * @example
 * evaluate(id, facts, { on: "2025-06-01" }).conditions[3]
 * //=> { id: "amountAtLeastThreshold", label: { zh: "…", en: "…" }, holds: true }
 */
export interface ConditionResult {
  /** The condition's id, as the rule names it (`amountAtLeastThreshold`). */
  id: string;
  /** What the condition says, in Chinese and English. */
  label: LocalizedText;
  /** Whether the condition holds for the facts. */
  holds: boolean;
}

/**
 * What a decision was made with, so that it can be replayed exactly.
 *
 * @category Engine
 * @example
 * evaluate(id, facts, { on: "2025-06-01" }).provenance
 * //=> { ruleId: "sjz-2025/absorption-subsidy", version: 1, on: "2025-06-01", ruleHash: "sha256:…", ruleSetHash: "sha256:…", engine: "jjj-policy-rules@0.1.0" }
 */
export interface Provenance {
  /** The rule evaluated. */
  ruleId: string;
  /** The version of the rule used. */
  version: number;
  /** The evaluation date. */
  on: string;
  /** SHA-256 of the rule file's canonical JSON (`sha256:<hex>`). */
  ruleHash: string;
  /** SHA-256 over every file of the rule set (`sha256:<hex>`). */
  ruleSetHash: string;
  /** Parameters overridden by the caller (what-if), if any. */
  overrides?: Record<string, string | number | boolean | string[]>;
  /** The engine that decided: `jjj-policy-rules@<version>`. */
  engine: string;
}

/**
 * The result of evaluating one rule for one subject on one date. JSON-serialisable: amounts are
 * decimal strings in yuan ("200000.00").
 *
 * @category Engine
 * @example
 * const d: Decision = evaluate("sjz-2025/absorption-subsidy",
 *   { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" },
 *   { on: "2025-06-01" });
 * d.inForce  //=> true
 * d.outcome  //=> { eligible: true, amount: "200000.00" }
 * d.explanation[0].en //=> "…"
 */
export interface Decision<Outcome extends object = Record<string, OutcomeValue>> {
  /** The rule evaluated, e.g. `sjz-2025/absorption-subsidy`. */
  ruleId: string;
  /** The version used (in force on `on`, or the one asked for). */
  version: number;
  /** The evaluation date, `YYYY-MM-DD`. */
  on: string;
  /** What the rule does: `benefit`, `target`, `obligation` or `guidance`. */
  kind: RuleKind;
  /** The rule's title, in Chinese and English. */
  title: LocalizedText;
  /** Whether the version was in force on `on`. When false, the outcome grants nothing. */
  inForce: boolean;
  /** Whether the measure concerns this subject at all. */
  applicable: boolean;
  /**
   * The outcome fields of the rule (`eligible`, `amount`, `met`, `shortfall`, `cap`, `compliant`, `exempt` …):
   * typed per rule (`RuleOutcomes`) when {@link evaluate} is given a shipped rule's id as a literal.
   */
  outcome: Outcome;
  /** Each condition with whether it holds (empty when not in force). */
  conditions: ConditionResult[];
  /** The parameters used, as strings for decimals. */
  parameters: Record<string, string | number | boolean | string[]>;
  /** The decision explained step by step, in Chinese and English. Empty when explanations were not asked for. */
  explanation: LocalizedText[];
  /** Where the rule comes from: the document, the clause and the clause quoted. */
  source: { document: string; clause: string; quote: string };
  /** The units responsible for the measure (责任单位), as the text names them. */
  responsibleUnits: LocalizedText[];
  /** The first and last day the version is in force (`to` null when open-ended). */
  validity: { from: string; to: string | null };
  /** What the decision was made with (rule and rule-set hashes, overrides, engine), to replay it. */
  provenance: Provenance;
}
