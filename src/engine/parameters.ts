import { DECIMAL_LITERAL, Dec, exactNumberText, MAX_NUMBER_DIGITS } from "../exact/decimal.js";
import { describeSafely } from "../exact/describe-safely.js";
import { InvalidParameterError } from "../errors.js";
import type { ParameterSpec } from "../schema/rule-file.js";
import { RUNTIME_VALUE_TYPES as VALUE_TYPES, type ParameterProblem } from "../types/runtime.js";

/*
 * One check for every parameter value: the value written in a rule file (at load) and a what-if
 * override (`parameters` of evaluate, `--set` of the CLI). An override gets exactly the checks the
 * file's value gets, so a what-if can never reach a value no rule file could hold.
 */

// Where a JS number is exactly a decimal is the engine's question (facts ask it too); re-exported here.
export { exactNumberText, MAX_NUMBER_DIGITS };

/** A parameter's inclusive bounds, declared or by default (money ≥ 0, a rate within [0, 1]). */
export function parameterBounds(spec: ParameterSpec): { min: string | undefined; max: string | undefined } {
  const defaults = VALUE_TYPES[spec.type].defaultBounds;
  return { min: spec.min ?? defaults.min, max: spec.max ?? defaults.max };
}

/** What is wrong with a parameter's value (or its declared bounds), and the bound it broke if any. */
export type { ParameterProblem };

/** Why a parameter value (or its declared bounds) does not fit, or undefined when it fits. */
export function parameterProblem(spec: ParameterSpec): ParameterProblem | undefined {
  for (const key of ["min", "max"] as const) {
    const bound = spec[key];
    if (bound === undefined) continue;
    if (!VALUE_TYPES[spec.type].numeric) return { message: `"${key}" is only for money, rate, decimal and integer parameters` };
    if (!DECIMAL_LITERAL.test(bound)) return { message: `"${key}" is a decimal string like "0", got ${describeSafely(bound)}` };
  }
  if (spec.min !== undefined && spec.max !== undefined && new Dec(spec.min).gt(spec.max)) {
    return { message: `"min" (${spec.min}) is above "max" (${spec.max})` };
  }
  // The value's type is its module's check; the bounds are the same for every numeric type.
  const type = VALUE_TYPES[spec.type];
  const problem = type.parameterProblem(spec);
  if (problem || !type.numeric) return problem;
  return boundsProblem(spec, new Dec(spec.value as string | number));
}

function boundsProblem(spec: ParameterSpec, value: Dec): ParameterProblem | undefined {
  const { min, max } = parameterBounds(spec);
  const what = VALUE_TYPES[spec.type].boundWords;
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
  if (typeof raw === "number") {
    value = VALUE_TYPES[spec.type].overrideValue(raw);
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
    out[name] = VALUE_TYPES[spec.type].runtimeValue(spec.value);
  }
  return out;
}
