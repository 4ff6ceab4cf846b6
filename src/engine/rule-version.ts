import type { ConditionSpec, OutcomeFieldSpec, RuleFile } from "../schema/rule-file.js";
import type { Compiled } from "./compile.js";
import type { FactsChecker } from "./facts.js";
import type { LogicNode } from "../logic/tree.js";

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
 * One checked expression of a rule version: the typed logic tree the checker built (src/logic/), which
 * the compilers, explanations, diffs and the catalogue read, its compiled form and what it refers to.
 *
 * @category Catalog
 * @example
 * const c = defaultEngine().ruleSet.version("sjz-2025/absorption-subsidy").conditions[0];
 * c.tree.type //=> "boolean"
 */
export interface CheckedExpression {
  /** The typed logic tree of the expression. */
  readonly tree: LogicNode;
  /** The expression compiled by the reference compiler (engine/compile.ts). */
  readonly fn: Compiled;
  /** The inputs and parameters it reads. */
  readonly refs: References;
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
  /** @internal The facts walk the facts are checked with, built from the declared inputs' value types. */
  readonly factsChecker: FactsChecker;
  /** @internal The `applicable` expression: its typed logic tree, compiled form and what it refers to. */
  readonly applicable: CheckedExpression | undefined;
  /** @internal The conditions, in order: each with its typed logic tree, compiled form and references. */
  readonly conditions: readonly (CheckedExpression & { spec: ConditionSpec })[];
  /** @internal The outcome fields, in order: each with its typed logic tree, compiled form and references. */
  readonly outcome: readonly (CheckedExpression & { name: string; spec: OutcomeFieldSpec })[];
}
