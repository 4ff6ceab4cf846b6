/**
 * Options of an evaluation.
 *
 * @category Engine
 * @example
 * evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-06-01", parameters: { cap: "800000" }, explain: false })
 */
export interface EvaluateOptions {
  /** The date of the event (e.g. the contract date), `YYYY-MM-DD`. Default: today in Asia/Shanghai. */
  on?: string;
  /** Use this version instead of the one in force on `on`. */
  version?: number;
  /**
   * What-if: override parameter values, checked as a rule file's values are (type, enum values, bounds:
   * money ≥ 0, rates within [0, 1], or as declared). Decimals as strings; a number only when it is exactly
   * the decimal it prints as. `undefined` means none; `null` is an error.
   */
  parameters?: Record<string, string | number | boolean | string[]>;
  /** Build the bilingual explanation (default true). Without it evaluation is faster. A boolean; anything else is an error. */
  explain?: boolean;
}
