/**
 * One problem found in facts or in a rule file: a snake_case `code`, a JSON `path` and a message.
 *
 * @category Errors
 * @example
 * { code: "invalid_value", path: "contractAmount", message: "invalid money", expected: "money in yuan …", received: "\"-1\"" }
 */
export interface PolicyIssue {
  /** A stable, snake_case code, e.g. `invalid_type`, `unknown_operation`. */
  code: string;
  /** Where the problem is: a path into the facts, or `file#/json/path` for a rule file. */
  path: string;
  /** What is wrong, in English. */
  message: string;
  /** What was expected, when the issue is about a value. */
  expected?: string;
  /** What was received, when the issue is about a value. */
  received?: string;
}

/**
 * The base class of every error this library throws on purpose.
 *
 * @category Errors
 * @example
 * try { evaluate("nope/nope", {}) } catch (e) { e instanceof PolicyError } //=> true
 */
export class PolicyError extends Error {
  override name = "PolicyError";
  /** A stable snake_case code for the kind of error. */
  readonly code: string;
  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * No rule has this id (or the id is malformed, e.g. contains `../`).
 *
 * @category Errors
 * @example
 * evaluate("sjz-2025/no-such-rule", {}) // throws UnknownRuleError: unknown rule "sjz-2025/no-such-rule"
 */
export class UnknownRuleError extends PolicyError {
  override name = "UnknownRuleError";
  /** The id that was asked for. */
  readonly ruleId: string;
  /** The nearest known id, when one is close enough to be a likely misspelling (the "did you mean"). */
  readonly suggestion: string | undefined;
  constructor(ruleId: string, known: readonly string[] = []) {
    const hint = didYouMean(ruleId, known);
    super("unknown_rule", `unknown rule "${ruleId}"${hint ? `; did you mean "${hint}"?` : ""}`);
    this.ruleId = ruleId;
    this.suggestion = hint;
  }
}

/**
 * The rule exists but has no such version.
 *
 * @category Errors
 * @example
 * evaluate("sjz-2025/absorption-subsidy", facts, { version: 9 }) // throws UnknownVersionError
 */
export class UnknownVersionError extends PolicyError {
  override name = "UnknownVersionError";
  /** The rule asked for. */
  readonly ruleId: string;
  /** The version asked for. */
  readonly version: number;
  constructor(ruleId: string, version: number, known: readonly number[]) {
    super("unknown_version", `rule "${ruleId}" has no version ${version} (versions: ${known.join(", ")})`);
    this.ruleId = ruleId;
    this.version = version;
  }
}

/**
 * Facts that do not fit the rule's declared inputs. `issues` lists every problem, each with its path,
 * what was expected and what was received. A missing input is an issue, never read as 0 or null.
 *
 * @category Errors
 * @example
 * try { evaluate("sjz-2025/absorption-subsidy", { contractAmount: "-1" }) }
 * catch (e) { (e as InvalidFactsError).issues.map((i) => i.path) } //=> ["contractAmount", "transferMode", …]
 */
export class InvalidFactsError extends PolicyError {
  override name = "InvalidFactsError";
  /** The rule the facts were checked against. */
  readonly ruleId: string;
  /** Every problem found. */
  readonly issues: readonly PolicyIssue[];
  constructor(ruleId: string, issues: readonly PolicyIssue[]) {
    super(
      "invalid_facts",
      `invalid facts for rule "${ruleId}":\n` + issues.map((i) => `  - ${formatIssue(i)}`).join("\n"),
    );
    this.ruleId = ruleId;
    this.issues = issues;
  }
}

/**
 * Invalid input other than facts: a malformed date, an unknown parameter override, a bad option.
 *
 * @category Errors
 * @example
 * evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-02-30" }) // throws InvalidArgumentError
 */
export class InvalidArgumentError extends PolicyError {
  override name = "InvalidArgumentError";
  constructor(message: string, code = "invalid_argument") {
    super(code, message);
  }
}

/**
 * An option of `evaluate`, `evaluateMany`, `matchPolicies` or `listRules` that is not one of the
 * options, or has the wrong type (`explain: "no"`, `parameters: null`, `version: "1"`, options that are
 * not an object). `option` names it (empty when the options object itself is wrong).
 *
 * @category Errors
 * @example
 * try { evaluate("sjz-2025/absorption-subsidy", facts, { explain: "no" as never }) }
 * catch (e) { [(e as InvalidOptionsError).code, (e as InvalidOptionsError).option] } //=> ["invalid_option", "explain"]
 */
export class InvalidOptionsError extends InvalidArgumentError {
  override name = "InvalidOptionsError";
  /** The option at fault (`explain`, `parameters` …), or `""` when the options object itself is wrong. */
  readonly option: string;
  constructor(option: string, message: string) {
    super(message, "invalid_option");
    this.option = option;
  }
}

/**
 * A what-if parameter override (`parameters` of `evaluate`, `--set` of the CLI) that the rule cannot
 * take: an unknown name, a value of the wrong type, a value outside the parameter's bounds (a rate is
 * within 0 and 1, money is not negative, unless the rule file declares other bounds), or a JS number
 * that is not exactly the decimal it prints as (`0.1 + 0.2`; pass such values as strings).
 * `parameter` names it; `bound` is the bound it broke, when it broke one.
 *
 * @category Errors
 * @example
 * try { evaluate("sjz-2025/absorption-subsidy", facts, { parameters: { upperBandRate: "-0.1" } }) }
 * catch (e) { [(e as InvalidParameterError).parameter, (e as InvalidParameterError).bound] } //=> ["upperBandRate", "≥ 0"]
 */
export class InvalidParameterError extends InvalidArgumentError {
  override name = "InvalidParameterError";
  /** The parameter's name. */
  readonly parameter: string;
  /** The bound the value broke (`≥ 0`, `≤ 1`), when it broke one. */
  readonly bound: string | undefined;
  constructor(parameter: string, message: string, bound?: string) {
    super(message, "invalid_parameter");
    this.parameter = parameter;
    this.bound = bound;
  }
}

/**
 * A rule's logic failed on facts that passed its input schema (e.g. `jjj.div` by an input that is 0):
 * the rule cannot decide for these facts. The message names the rule, the version and the cause.
 *
 * @category Errors
 * @example
 * try { engine.evaluate("x/growth-rule", { previous: "0", current: "5" }) }
 * catch (e) { (e as RuleEvaluationError).code } //=> "evaluation_failed"
 */
export class RuleEvaluationError extends PolicyError {
  override name = "RuleEvaluationError";
  /** The rule that failed. */
  readonly ruleId: string;
  /** Its version. */
  readonly version: number;
  constructor(ruleId: string, version: number, cause: unknown) {
    super("evaluation_failed", `rule "${ruleId}" v${version} could not be evaluated for these facts: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.ruleId = ruleId;
    this.version = version;
    (this as { cause?: unknown }).cause = cause;
  }
}

/**
 * Rule files that fail to load. Every issue names the file and the field (`file#/path`).
 *
 * @category Errors
 * @example
 * loadRuleSet([{ path: "x/y/v1.json", json: {} }]) // throws RuleFileError listing the missing fields
 */
export class RuleFileError extends PolicyError {
  override name = "RuleFileError";
  /** Every problem found, across all files. */
  readonly issues: readonly PolicyIssue[];
  constructor(issues: readonly PolicyIssue[]) {
    super("invalid_rule_file", `invalid rule files:\n` + issues.map((i) => `  - ${formatIssue(i)}`).join("\n"));
    this.issues = issues;
  }
}

/**
 * One line for an issue: `path: message (expected …, received …)`.
 *
 * @category Errors
 * @example
 * formatIssue({ code: "invalid_type", path: "contractAmount", message: "not money", expected: "money", received: "\"abc\"" })
 * //=> 'contractAmount: not money (expected money, received "abc")'
 */
export function formatIssue(issue: PolicyIssue): string {
  const detail = [
    issue.expected !== undefined ? `expected ${issue.expected}` : "",
    issue.received !== undefined ? `received ${issue.received}` : "",
  ]
    .filter(Boolean)
    .join(", ");
  return `${issue.path || "(root)"}: ${issue.message}${detail ? ` (${detail})` : ""}`;
}

// "Did you mean …?" for names a person types (rule ids, CLI commands): one place, so every message offers the same one.

/**
 * The known name nearest to what was typed, when it is close enough to be a likely slip (an edit
 * distance of at most 3, or a quarter of the length); a bare rule name without its document
 * (`absorption-subsidy`) is matched against the part after the slash.
 *
 * @example
 * didYouMean("lsit", ["eval", "list", "match"]) //=> "list"
 * didYouMean("absorption-subsidy", ["sjz-2025/absorption-subsidy", "sjz-2025/absorption-share"]) //=> "sjz-2025/absorption-subsidy"
 * didYouMean("xyz", ["eval", "list"]) //=> undefined
 */
export function didYouMean(typed: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  const bare = !typed.includes("/");
  for (const k of known) {
    const slash = k.indexOf("/");
    const d = Math.min(editDistance(typed, k), bare && slash >= 0 ? editDistance(typed, k.slice(slash + 1)) : Infinity);
    if (d < bestScore) {
      bestScore = d;
      best = k;
    }
  }
  return bestScore <= Math.max(3, typed.length / 4) ? best : undefined;
}

/** Levenshtein distance, one row at a time. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
