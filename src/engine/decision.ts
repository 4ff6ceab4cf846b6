import type { LocalizedText } from "../schema/common.js";
import type { RuleKind } from "../schema/rule-file.js";

/** A value in a decision's outcome: money and decimals as strings, never as binary floats. */
export type OutcomeValue = string | number | boolean | null | string[];

/** One condition of a rule, as it was found for these facts. */
export interface ConditionResult {
  id: string;
  label: LocalizedText;
  /** Whether the condition holds for the facts. */
  holds: boolean;
}

/** What a decision was made with, so that it can be replayed exactly. */
export interface Provenance {
  ruleId: string;
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
 */
export interface Decision {
  ruleId: string;
  /** The version used (in force on `on`, or the one asked for). */
  version: number;
  /** The evaluation date, `YYYY-MM-DD`. */
  on: string;
  kind: RuleKind;
  title: LocalizedText;
  /** Whether the version was in force on `on`. When false, the outcome grants nothing. */
  inForce: boolean;
  /** Whether the measure concerns this subject at all. */
  applicable: boolean;
  /** The outcome fields of the rule (`eligible`, `amount`, `met`, `shortfall`, `cap`, `compliant`, `exempt` …). */
  outcome: Record<string, OutcomeValue>;
  /** Each condition with whether it holds (empty when not in force). */
  conditions: ConditionResult[];
  /** The parameters used, as strings for decimals. */
  parameters: Record<string, string | number | boolean | string[]>;
  /** The decision explained step by step, in Chinese and English. Empty when explanations were not asked for. */
  explanation: LocalizedText[];
  source: { document: string; clause: string; quote: string };
  /** The units responsible for the measure (责任单位), as the text names them. */
  responsibleUnits: LocalizedText[];
  validity: { from: string; to: string | null };
  provenance: Provenance;
}
