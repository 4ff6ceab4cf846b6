import type { CompatCase } from "./runner.js";

/**
 * Drafts the category of a community case the engine does not pass, for `divergences.json`. Only used
 * when the file is regenerated (`UPDATE_DIVERGENCES=1`); the committed file, reviewed by a person, is what
 * the conformance test checks. Categories are the keys of `categories` in `divergences.json`.
 */
export function classify(c: CompatCase): string {
  const ops = operators(c.rule);
  if (c.suite === "throw.json" || c.suite.startsWith("try")) return "proposal-try-throw";
  if (/lazily evaluated/i.test(c.description)) return "lazy-comparison";
  if (ops.has("preserve")) return "proposal-preserve";
  if (ops.has("??")) return "proposal-coalesce";
  if (ops.has("exists")) return "proposal-exists";
  if (ops.has("val")) return "proposal-val";
  const op = topOperator(c.rule);
  const args = argumentsOf(c.rule);
  if ((op === "and" || op === "or" || op === "if") && !Array.isArray(args)) return "single-operand-control";
  if (c.suite === "chained.json") return "dynamic-arguments";
  if (c.suite === "iterators.extra.json") return "arity-errors";
  if (["map", "filter", "all", "some", "none"].includes(op ?? "")) return "iterator-null-throws";
  if (op === "reduce") return "reduce-optional-initial";
  if ((op === "and" || op === "or") && Array.isArray(args) && args.length === 0) return "empty-and-or";
  if (c.error?.type === "Invalid Arguments") return "arity-errors";
  if (c.error?.type === "NaN") return "nan-errors";
  if (op === "==" || op === "!=") return "null-equals-zero";
  if ([">", ">=", "===", "!=="].includes(op ?? "")) return "variadic-comparison";
  if (op === "*" && Array.isArray(args) && args.length === 0) return "empty-product";
  if ((op === "-" || op === "/" || op === "%") && Array.isArray(args) && args.length > 2) return "variadic-arithmetic";
  if (op === "/") return "unary-divide";
  if (op === "+" || op === "*") return "number-coercion";
  return "uncategorised";
}

function topOperator(rule: unknown): string | undefined {
  return isOp(rule) ? Object.keys(rule)[0] : undefined;
}

function argumentsOf(rule: unknown): unknown {
  return isOp(rule) ? rule[Object.keys(rule)[0]!] : undefined;
}

function isOp(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 1;
}

function operators(rule: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(rule)) rule.forEach((r) => operators(r, out));
  else if (isOp(rule)) {
    const op = Object.keys(rule)[0]!;
    out.add(op);
    operators(rule[op], out);
  }
  return out;
}
