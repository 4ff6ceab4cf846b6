import type { LoadedRuleVersion } from "./rule-version.js";
import { InvalidFactsError, type PolicyIssue } from "../errors.js";
import { LimitError } from "../exact/limits.js";

/**
 * A date computed past the last (or before the first) date the engine handles, from a date or count
 * the caller gave, is a problem of the facts, not a defect of the rule: report it as an
 * {@link InvalidFactsError} naming those inputs (`leavingDate: "9995-10-11"` + 5 years is after
 * 9999-12-31). Returns undefined when no input holds the operands (the date came from the rule or the
 * evaluation date), and the caller reports a rule evaluation error instead.
 *
 * @example
 * factsOutOfRange(version, limitError, { leavingDate: "9995-10-11" }) // InvalidFactsError on leavingDate
 */
export function factsOutOfRange(version: LoadedRuleVersion, error: unknown, facts: unknown): InvalidFactsError | undefined {
  if (!(error instanceof LimitError) || (error.limit !== "LAST_DATE" && error.limit !== "FIRST_DATE")) return undefined;
  if (typeof facts !== "object" || facts === null) return undefined;
  const [date, count] = error.operands;
  const issues: PolicyIssue[] = [];
  for (const [name, spec] of Object.entries(version.file.inputs)) {
    if (!Object.prototype.hasOwnProperty.call(facts, name)) continue;
    const value = (facts as Record<string, unknown>)[name];
    const holds = (spec.type === "date" && value === date) || (spec.type === "integer" && value === count && count !== 0);
    if (!holds) continue;
    issues.push({
      code: "out_of_range",
      path: name,
      message: `${error.message}: this input is too ${error.limit === "LAST_DATE" ? "late" : "early"} for the rule to compute with`,
      received: JSON.stringify(value),
    });
  }
  return issues.length > 0 ? new InvalidFactsError(version.file.id, issues) : undefined;
}
