import { InvalidOptionsError } from "../errors.js";
import { describe } from "../exact/decimal.js";
import type { LoadedRuleVersion } from "./rule-version.js";
import type { RuleSet } from "./rule-set.js";
import { evaluationCache, ruleEntry, versionPlan, type Choice, type EvaluationCache } from "./evaluation-cache.js";
import { chooseVersion, isInForce } from "./version-choice.js";

/**
 * Resolve a rule id, a date and an optional version number to the version that decides, with its plan.
 * Without a version number the choice is `chooseVersion`'s (version-choice.ts), remembered per rule for
 * the last date asked.
 *
 * @throws {UnknownRuleError} | {UnknownVersionError} | {InvalidOptionsError} (a version that is not an integer)
 * @example
 * choose(set, "sjz-2025/absorption-subsidy", "2025-06-01", undefined).chosen?.file.version //=> 1
 * choose(set, "sjz-2025/absorption-subsidy", "2030-01-01", undefined).inForce               //=> false
 */
export function choose(set: RuleSet, ruleId: string, on: string, version: number | undefined): Choice {
  const cache = evaluationCache(set);
  const rule = ruleEntry(cache, ruleId); // an unknown rule is reported before a bad version number
  if (version === undefined) {
    if (rule.lastOn === on) return rule.lastChoice!;
    const { chosen, template } = chooseVersion(rule.versions, on);
    const choice = makeChoice(cache, chosen, template, on);
    rule.lastOn = on;
    rule.lastChoice = choice;
    return choice;
  }
  if (typeof version !== "number" || !Number.isInteger(version)) {
    throw new InvalidOptionsError("version", `option "version" must be an integer, got ${describe(version)} (版本须为整数)`);
  }
  const chosen = set.version(ruleId, version); // throws UnknownVersionError
  return makeChoice(cache, chosen, chosen, on);
}

function makeChoice(cache: EvaluationCache, chosen: LoadedRuleVersion | undefined, template: LoadedRuleVersion, on: string): Choice {
  return { set: cache.set, chosen, template, inForce: chosen !== undefined && isInForce(chosen, on), plan: versionPlan(cache, template) };
}
