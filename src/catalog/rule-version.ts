import type { z } from "zod";
import type { ConditionSpec, OutcomeFieldSpec, RuleFile } from "../schema/rule-file.js";
import type { Compiled } from "../engine/compile.js";

/** What an expression refers to, collected when it is checked; explanations show these values. */
export interface References {
  inputs: readonly string[];
  parameters: readonly string[];
}

/** One loaded, checked and compiled version of a rule. */
export interface LoadedRuleVersion {
  /** The rule file as written. */
  readonly file: RuleFile;
  /** Where it was loaded from, relative to the rules folder. */
  readonly path: string;
  /** SHA-256 of the file's canonical JSON. */
  readonly hash: string;
  /** The first and last day in force (`to` null when open-ended). */
  readonly validFrom: string;
  readonly validTo: string | null;
  /** Parameter values ready for evaluation (decimals for money, rates and decimals). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly factsSchema: z.ZodType<Record<string, unknown>>;
  readonly applicable: { fn: Compiled; refs: References } | undefined;
  readonly conditions: readonly { spec: ConditionSpec; fn: Compiled; refs: References }[];
  readonly outcome: readonly { name: string; spec: OutcomeFieldSpec; fn: Compiled; refs: References }[];
}
