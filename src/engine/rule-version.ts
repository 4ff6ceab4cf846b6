import type { z } from "zod";
import type { ConditionSpec, OutcomeFieldSpec, RuleFile } from "../schema/rule-file.js";
import type { Compiled } from "./compile.js";

/**
 * What an expression refers to, collected when it is checked; explanations show these values.
 *
 * @category Catalog
 * @example
 * getRule("sjz-2025/absorption-subsidy") // each condition of the loaded version records { inputs: ["contractAmount"], parameters: ["threshold"] }
 */
export interface References {
  /** The inputs the expression reads. */
  inputs: readonly string[];
  /** The parameters the expression reads. */
  parameters: readonly string[];
}

/**
 * One loaded, checked and compiled version of a rule.
 *
 * @category Catalog
 * @example
 * const v: LoadedRuleVersion = defaultEngine().ruleSet.version("sjz-2025/absorption-subsidy");
 * v.validTo //=> "2028-01-16"
 */
export interface LoadedRuleVersion {
  /** The rule file as written. */
  readonly file: RuleFile;
  /** Where it was loaded from, relative to the rules folder. */
  readonly path: string;
  /** SHA-256 of the file's canonical JSON (for an amendment, of the full version it describes). */
  readonly hash: string;
  /** The version this one was published as an amendment of (`"extends"` in its file), when it was. */
  readonly amends?: number;
  /** The first day in force. */
  readonly validFrom: string;
  /** The last day in force: `validity.to`, or the day before the next version starts, or null when open-ended. */
  readonly validTo: string | null;
  /** Parameter values ready for evaluation (decimals for money, rates and decimals). */
  readonly params: Readonly<Record<string, unknown>>;
  /** @internal The zod schema the facts are checked with, built from the declared inputs. */
  readonly factsSchema: z.ZodType<Record<string, unknown>>;
  /** @internal The compiled `applicable` expression and what it refers to. */
  readonly applicable: { fn: Compiled; refs: References } | undefined;
  /** @internal The compiled conditions, in order, and what each refers to. */
  readonly conditions: readonly { spec: ConditionSpec; fn: Compiled; refs: References }[];
  /** @internal The compiled outcome fields, in order, and what each refers to. */
  readonly outcome: readonly { name: string; spec: OutcomeFieldSpec; fn: Compiled; refs: References }[];
}
