import { DECIMAL_LITERAL, Dec, exactNumberText, MAX_NUMBER_DIGITS } from "../exact/decimal.js";
import { inputDigitsProblem, MAX_INPUT_FRACTION_DIGITS, MAX_INPUT_INTEGER_DIGITS } from "../exact/limits.js";
import { describeSafely } from "../exact/describe-safely.js";
import { InvalidParameterError } from "../errors.js";
import { isIsoDate } from "../schema/common.js";
import type { ParameterSpec } from "../schema/rule-file.js";

/*
 * One check for every parameter value: the value written in a rule file (at load) and a what-if
 * override (`parameters` of evaluate, `--set` of the CLI). An override gets exactly the checks the
 * file's value gets, so a what-if can never reach a value no rule file could hold.
 */

/** The numeric parameter types: the ones that take `min`/`max`. */
const NUMERIC = new Set(["money", "rate", "decimal", "integer"]);

// Where a JS number is exactly a decimal is the engine's question (facts ask it too); re-exported here.
export { exactNumberText, MAX_NUMBER_DIGITS };

/** A parameter's inclusive bounds, declared or by default (money ≥ 0, a rate within [0, 1]). */
export function parameterBounds(spec: ParameterSpec): { min: string | undefined; max: string | undefined } {
  // Counts (every integer parameter of the four documents: targets, baselines) cannot be negative.
  const min = spec.min ?? (spec.type === "money" || spec.type === "rate" || spec.type === "integer" ? "0" : undefined);
  const max = spec.max ?? (spec.type === "rate" ? "1" : undefined);
  return { min, max };
}

/** What is wrong with a parameter's value (or its declared bounds), and the bound it broke if any. */
export interface ParameterProblem {
  /** In English, e.g. `a rate parameter is within 0 and 1 (≥ 0), got "-1"`. */
  message: string;
  /** The bound broken, e.g. `≥ 0`. */
  bound?: string;
}

/** Why a parameter value (or its declared bounds) does not fit, or undefined when it fits. */
export function parameterProblem(spec: ParameterSpec): ParameterProblem | undefined {
  for (const key of ["min", "max"] as const) {
    const bound = spec[key];
    if (bound === undefined) continue;
    if (!NUMERIC.has(spec.type)) return { message: `"${key}" is only for money, rate, decimal and integer parameters` };
    if (!DECIMAL_LITERAL.test(bound)) return { message: `"${key}" is a decimal string like "0", got ${describeSafely(bound)}` };
  }
  if (spec.min !== undefined && spec.max !== undefined && new Dec(spec.min).gt(spec.max)) {
    return { message: `"min" (${spec.min}) is above "max" (${spec.max})` };
  }
  const v = spec.value;
  switch (spec.type) {
    case "money":
    case "decimal":
    case "rate": {
      if (typeof v !== "string" || !DECIMAL_LITERAL.test(v)) {
        return { message: `a ${spec.type} parameter is a decimal string like "${spec.type === "rate" ? "0.15" : "500000"}", got ${describeSafely(v)}` };
      }
      // The same digit limits as a decimal fact, so that every sum or product of two values stays exact.
      const digits = inputDigitsProblem(v);
      if (digits !== undefined) return { message: `a ${spec.type} parameter has ${digits}`, bound: `≤ ${MAX_INPUT_INTEGER_DIGITS} integer digits and ${MAX_INPUT_FRACTION_DIGITS} decimals` };
      return boundsProblem(spec, new Dec(v));
    }
    case "integer":
      if (typeof v !== "number" || !Number.isSafeInteger(v)) return { message: `an integer parameter is a JSON integer, got ${describeSafely(v)}` };
      return boundsProblem(spec, new Dec(v));
    case "boolean":
      return typeof v === "boolean" ? undefined : { message: `a boolean parameter is true or false, got ${describeSafely(v)}` };
    case "date":
      return isIsoDate(v) ? undefined : { message: `a date parameter is YYYY-MM-DD, got ${describeSafely(v)}` };
    case "enum":
      return typeof v === "string" && spec.values && Object.prototype.hasOwnProperty.call(spec.values, v)
        ? undefined
        : { message: `an enum parameter is one of ${Object.keys(spec.values ?? {}).join(", ")}, got ${describeSafely(v)}` };
    case "enumList":
      return Array.isArray(v) && spec.values && v.every((x) => typeof x === "string" && Object.prototype.hasOwnProperty.call(spec.values, x))
        ? undefined
        : { message: `an enumList parameter lists values among ${Object.keys(spec.values ?? {}).join(", ")}, got ${describeSafely(v)}` };
    case "string":
      return typeof v === "string" ? undefined : { message: `a string parameter is a string, got ${describeSafely(v)}` };
  }
}

function boundsProblem(spec: ParameterSpec, value: Dec): ParameterProblem | undefined {
  const { min, max } = parameterBounds(spec);
  const what = spec.type === "rate" ? "a rate is a fraction (0.15 is 15%)" : spec.type === "money" ? "money is yuan" : spec.type === "integer" ? "an integer is a count" : `a ${spec.type}`;
  const declared = (key: "min" | "max") => (spec[key] !== undefined ? `its declared ${key}` : "by default");
  if (min !== undefined && value.lt(min)) return { message: `${what}, ${declared("min")} ≥ ${min}, got ${value.toString()}`, bound: `≥ ${min}` };
  if (max !== undefined && value.gt(max)) return { message: `${what}, ${declared("max")} ≤ ${max}, got ${value.toString()}`, bound: `≤ ${max}` };
  return undefined;
}

/** Why a parameter value does not fit its declared type and bounds, or undefined when it fits. */
export function parameterValueProblem(spec: ParameterSpec): string | undefined {
  return parameterProblem(spec)?.message;
}

/**
 * Check one what-if override against the rule's parameter and return the spec it makes, its value
 * copied (a caller's array, changed later, must not change a decision already returned).
 * A JS number for a money, rate or decimal parameter is taken only when it is exactly the decimal it
 * prints as ({@link exactNumberText}); otherwise it must be passed as a string.
 *
 * @throws {InvalidParameterError} naming the parameter, and the bound when the value broke one
 */
export function overrideSpec(ruleLabel: string, name: string, spec: ParameterSpec, raw: unknown): ParameterSpec {
  const fail = (message: string, bound?: string) =>
    new InvalidParameterError(name, `parameter "${name}" of ${ruleLabel}: ${message} (参数 ${name} 的取值无效${bound ? `,应 ${bound}` : ""})`, bound);
  let value: unknown = raw;
  if (typeof raw === "number" && (spec.type === "money" || spec.type === "rate" || spec.type === "decimal")) {
    value = exactNumberText(raw);
    if (value === undefined) {
      throw fail(`the number ${describeSafely(raw)} is not exactly a decimal of at most ${MAX_NUMBER_DIGITS} digits; pass the value as a string, e.g. "0.3"`);
    }
  } else if (Array.isArray(raw)) {
    try {
      value = Array.from(raw as unknown[]);
    } catch (error) {
      throw fail(`the list could not be read (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const candidate = { ...spec, value } as ParameterSpec;
  const problem = parameterProblem(candidate);
  if (problem) throw fail(problem.message, problem.bound);
  return candidate;
}

/** Parameter values as the operations use them: decimals for money, rates and decimals. */
export function runtimeParameters(parameters: Readonly<Record<string, ParameterSpec>>): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  for (const [name, spec] of Object.entries(parameters)) {
    out[name] = spec.type === "money" || spec.type === "decimal" || spec.type === "rate" ? new Dec(spec.value as string) : spec.value;
  }
  return out;
}
