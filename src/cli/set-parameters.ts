import type { RuleSet } from "../engine/rule-set.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { parameterBounds, parameterProblem } from "../engine/parameters.js";
import { todayInShanghai } from "../engine/dates.js";
import { chooseVersion } from "../engine/version-choice.js";
import { DECIMAL_LITERAL } from "../exact/decimal.js";
import { VALUE_TYPES } from "../types/index.js";
import type { ParameterSpec } from "../schema/rule-file.js";
import { UsageError } from "./io.js";

/** A parameter override as the engine takes it (`EvaluateOptions.parameters`). */
export type ParameterValue = string | number | boolean | string[];

/** Convert the text after `=` to a value of the parameter's type: `15%` for a rate, `a,b` for a list (src/types/). */
function convert(spec: ParameterSpec, text: string): ParameterValue {
  return VALUE_TYPES[spec.type].parseAssignment(text);
}

function expected(spec: ParameterSpec): string {
  return VALUE_TYPES[spec.type].assignmentExpected(spec, parameterBounds(spec));
}

/**
 * Parse `--set name=value` options against a rule version's parameters. An unknown name, a repeated
 * name or a value that does not fit the parameter's type is a usage error (exit 2) naming the problem.
 */
export function parseParameterAssignments(assignments: readonly string[], version: LoadedRuleVersion): Record<string, ParameterValue> {
  const specs = version.file.parameters;
  const names = Object.keys(specs);
  const out: Record<string, ParameterValue> = {};
  for (const a of assignments) {
    const eq = a.indexOf("=");
    if (eq <= 0) throw new UsageError(`--set expects name=value, got "${a}"`);
    const name = a.slice(0, eq).trim();
    const text = a.slice(eq + 1).trim();
    const spec = Object.prototype.hasOwnProperty.call(specs, name) ? specs[name] : undefined;
    if (!spec) {
      throw new UsageError(`--set ${name}: ${version.file.id} v${version.file.version} has no parameter "${name}" (parameters: ${names.join(", ") || "none"})`);
    }
    if (Object.prototype.hasOwnProperty.call(out, name)) throw new UsageError(`--set ${name} is given twice`);
    const value = convert(spec, text);
    // The same check as a rule file's value: type, then bounds (a rate within [0, 1], money ≥ 0, or as declared).
    const problem = parameterProblem({ ...spec, value });
    if (problem?.bound !== undefined) {
      throw new UsageError(`--set ${name}=${text}: ${spec.type} parameter "${name}" must be ${problem.bound} (${problem.message}) (参数 ${name} 应 ${problem.bound})`);
    }
    if (problem || (VALUE_TYPES[spec.type].decimalValue && !DECIMAL_LITERAL.test(String(value)))) {
      throw new UsageError(`--set ${name}=${text}: expected ${expected(spec)} (${spec.type} parameter)`);
    }
    out[name] = value;
  }
  return out;
}

/**
 * The version whose parameters `--set` names are checked against: the one asked for, else the engine's
 * template for the date (in force then, else the nearest before it, else the first; `chooseVersion`),
 * which is the version the engine checks the overrides against.
 */
export function templateVersion(set: RuleSet, ruleId: string, version: number | undefined, on: string | undefined): LoadedRuleVersion {
  if (version !== undefined) return set.version(ruleId, version);
  return chooseVersion(set.versions(ruleId), on ?? todayInShanghai()).template;
}
