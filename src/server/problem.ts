/*
 * Errors as RFC 9457 problem documents (application/problem+json). Every answer that is not a decision
 * goes through here, so the shape is one: type, title (English / Chinese), status, detail, code, and
 * the issue list of InvalidFactsError (path, expected, received). Never a stack trace.
 */
import {
  InvalidArgumentError,
  InvalidFactsError,
  InvalidOptionsError,
  InvalidParameterError,
  PolicyError,
  RuleEvaluationError,
  UnknownRuleError,
  UnknownVersionError,
  type PolicyIssue,
} from "../errors.js";

/**
 * A problem document (RFC 9457) as the service sends it.
 *
 * @example
 * const p: Problem = { type: "urn:jjj-policy-rules:problem:unknown_rule", title: "Unknown rule / 未知规则", status: 404, detail: "…", code: "unknown_rule", issues: [] };
 */
export interface Problem {
  /** `urn:jjj-policy-rules:problem:<code>`. */
  type: string;
  /** What kind of problem, in English and Chinese. */
  title: string;
  /** The HTTP status. */
  status: number;
  /** This occurrence, in English (and Chinese where the engine's message has it). */
  detail: string;
  /** The snake_case code, the same as the library's errors. */
  code: string;
  /** Every problem found, as InvalidFactsError lists them (path, message, expected, received). */
  issues: PolicyIssue[];
  /** For an unknown rule: the id it was probably meant to be. */
  suggestions?: string[];
}

/** The media type of a problem document. */
export const PROBLEM_TYPE = "application/problem+json; charset=utf-8";

const TITLES: Record<string, string> = {
  malformed_json: "Malformed JSON / JSON 格式错误",
  body_too_large: "Request body too large / 请求体过大",
  unsupported_media_type: "Unsupported content type / 不支持的内容类型",
  not_found: "Not found / 未找到",
  method_not_allowed: "Method not allowed / 不允许的方法",
  unknown_rule: "Unknown rule / 未知规则",
  unknown_version: "Unknown rule version / 未知规则版本",
  invalid_facts: "Invalid facts / 事实数据无效",
  invalid_request: "Invalid request / 请求无效",
  invalid_option: "Invalid option / 选项无效",
  invalid_parameter: "Invalid parameter override / 参数覆盖无效",
  invalid_argument: "Invalid argument / 参数无效",
  evaluation_failed: "The rule could not be evaluated / 规则无法求值",
  shutting_down: "Shutting down / 服务正在关闭",
  internal_error: "Internal error / 内部错误",
};

/**
 * A problem document for a code, a status and a detail.
 *
 * @example
 * problem(415, "unsupported_media_type", "send Content-Type: application/json / 请使用 application/json").status //=> 415
 */
export function problem(status: number, code: string, detail: string, issues: PolicyIssue[] = [], extra: Partial<Problem> = {}): Problem {
  return { type: `urn:jjj-policy-rules:problem:${code}`, title: TITLES[code] ?? code, status, detail, code, issues, ...extra };
}

/**
 * The problem document for an error thrown while answering: the library's typed errors keep their code
 * and issues; anything else is a 500 that says nothing of the server's insides.
 *
 * @example
 * problemOf(new UnknownRuleError("sjz-2025/absorption-subsidie", ["sjz-2025/absorption-subsidy"])).suggestions
 * //=> ["sjz-2025/absorption-subsidy"]
 */
export function problemOf(error: unknown): Problem {
  if (error instanceof UnknownRuleError) {
    return problem(404, error.code, `${error.message} / 未知规则 ${JSON.stringify(error.ruleId)}`, [], error.suggestion ? { suggestions: [error.suggestion] } : {});
  }
  if (error instanceof UnknownVersionError) return problem(422, error.code, `${error.message} / 规则无此版本`, [{ code: error.code, path: "version", message: error.message }]);
  if (error instanceof InvalidFactsError) return problem(422, error.code, `invalid facts for rule "${error.ruleId}" (${error.issues.length} ${error.issues.length === 1 ? "problem" : "problems"}, listed in issues) / 事实数据无效，问题见 issues`, [...error.issues]);
  if (error instanceof InvalidOptionsError) return problem(422, error.code, error.message, [{ code: error.code, path: error.option, message: error.message }]);
  if (error instanceof InvalidParameterError) {
    return problem(422, error.code, error.message, [{ code: error.code, path: `parameters.${error.parameter}`, message: error.message, ...(error.bound !== undefined && { expected: error.bound }) }]);
  }
  if (error instanceof InvalidArgumentError) return problem(422, error.code, error.message, [{ code: error.code, path: "", message: error.message }]);
  if (error instanceof RuleEvaluationError) return problem(500, error.code, `${error.message} / 规则无法对这些事实求值`);
  if (error instanceof PolicyError) return problem(422, error.code, error.message);
  return problem(500, "internal_error", "the server could not answer this request; the error is in its log / 服务器内部错误");
}
