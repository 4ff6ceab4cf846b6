/*
 * Reading requests: the rule id out of a path (both encodings of its "/"), and the envelope of an
 * evaluate body before the engine checks the facts and options inside it.
 */
import type { PolicyIssue } from "../errors.js";
import type { EvaluateOptions } from "../engine/evaluate-options.js";

/** The actions on one rule under `/v1/rules/{ruleId}`. */
export type RuleAction = "show" | "evaluate" | "evaluate-batch";

/**
 * The rule id and the action of a path under `/v1/rules/`. A rule id's "/" may be sent as is
 * (`/v1/rules/sjz-2025/absorption-subsidy/evaluate`) or encoded (`sjz-2025%2Fabsorption-subsidy`);
 * the suffix `/evaluate` or `/evaluate-batch` names the action on POST. Undefined when the path does
 * not decode (a malformed %-escape).
 *
 * @example
 * ruleIdOfPath("/v1/rules/sjz-2025%2Fabsorption-subsidy/evaluate?x=1", "POST")
 * //=> { ruleId: "sjz-2025/absorption-subsidy", action: "evaluate" }
 */
export function ruleIdOfPath(url: string, method: string): { ruleId: string; action: RuleAction } | undefined {
  const q = url.indexOf("?");
  let rest = (q < 0 ? url : url.slice(0, q)).slice("/v1/rules/".length);
  let action: RuleAction = "show";
  if (method === "POST") {
    for (const suffix of ["evaluate-batch", "evaluate"] as const) {
      if (rest.endsWith(`/${suffix}`)) {
        action = suffix;
        rest = rest.slice(0, -suffix.length - 1);
        break;
      }
    }
  }
  try {
    return { ruleId: decodeURIComponent(rest), action };
  } catch {
    return undefined;
  }
}

const ENVELOPE_KEYS = new Set(["facts", "on", "version", "parameters", "explain"]);

/**
 * The body of POST …/evaluate: `{ facts, on?, version?, parameters?, explain? }`. Returns the facts and
 * the options for the engine (which checks them), or the issues of the envelope itself.
 *
 * @example
 * readEvaluateBody({ facts: {}, on: "2025-06-01" }) //=> { ok: true, facts: {}, options: { on: "2025-06-01" } }
 * readEvaluateBody([]).ok //=> false
 */
export function readEvaluateBody(body: unknown):
  | { ok: true; facts: unknown; options: EvaluateOptions }
  | { ok: false; issues: PolicyIssue[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, issues: [{ code: "invalid_type", path: "", message: "the body is a JSON object { facts, on?, version?, parameters?, explain? } / 请求体须为 JSON 对象", expected: "object", received: received(body) }] };
  }
  const issues: PolicyIssue[] = [];
  for (const key of Object.keys(body)) {
    if (!ENVELOPE_KEYS.has(key)) issues.push({ code: "unrecognized_key", path: key, message: `unknown field "${key}"; the fields are facts, on, version, parameters, explain / 未知字段`, received: JSON.stringify(key) });
  }
  const record = body as Record<string, unknown>;
  if (!("facts" in record)) issues.push({ code: "missing_field", path: "facts", message: "facts are required / 缺少 facts", expected: "object" });
  if (issues.length > 0) return { ok: false, issues };
  const options: EvaluateOptions = {};
  // Copied one by one, so that only these reach the engine, which checks their types.
  for (const key of ["on", "version", "parameters", "explain"] as const) {
    if (record[key] !== undefined) (options as Record<string, unknown>)[key] = record[key];
  }
  return { ok: true, facts: record.facts, options };
}

/** A received value in an issue: its JSON, shortened. */
export function received(value: unknown): string {
  const text = value === undefined ? "undefined" : JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
