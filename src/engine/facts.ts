import { z } from "zod";
import type { InputSpec } from "../schema/rule-file.js";
import { isIsoDate } from "../schema/common.js";
import { DECIMAL_LITERAL, Dec, describe } from "./decimal.js";
import type { PolicyIssue } from "../errors.js";

/** Money: yuan, at most two decimals (the fen), written plainly. */
const MONEY_LITERAL = /^-?\d{1,15}(\.\d{1,2})?$/;

interface Expectation {
  expected: string;
  /** Converts an accepted value to its canonical form, or returns undefined when it is not accepted. */
  accept: (value: unknown) => unknown;
  hint?: (value: unknown) => string | undefined;
}

function numberText(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) {
    const text = String(value);
    return /e/i.test(text) ? undefined : text;
  }
  return undefined;
}

function decimalHint(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  if (/万|亿/.test(value)) return "write the amount in yuan as digits: 50万 is \"500000\"";
  if (/[０-９]/.test(value)) return "use ASCII digits, not full-width ones";
  if (value.trim() !== value) return "remove the surrounding spaces";
  if (/e/i.test(value)) return "write the number without an exponent";
  if (/,/.test(value)) return "remove the thousands separators";
  return undefined;
}

function expectation(spec: InputSpec): Expectation {
  const bounds = (d: InstanceType<typeof Dec>) =>
    (spec.min === undefined || d.gte(spec.min)) && (spec.max === undefined || d.lte(spec.max));
  const range = [spec.min !== undefined ? `≥ ${spec.min}` : "", spec.max !== undefined ? `≤ ${spec.max}` : ""]
    .filter(Boolean)
    .join(" and ");
  switch (spec.type) {
    case "money": {
      const min = spec.min ?? "0";
      return {
        expected: `money in yuan with at most 2 decimals, ${spec.max ? `${min} to ${spec.max}` : `≥ ${min}`}, e.g. "3000000.00"`,
        accept: (v) => {
          const text = numberText(v);
          if (text === undefined || !MONEY_LITERAL.test(text)) return undefined;
          const d = new Dec(text);
          if (d.lt(min) || (spec.max !== undefined && d.gt(spec.max))) return undefined;
          return d.toFixed(2);
        },
        hint: decimalHint,
      };
    }
    case "decimal":
    case "rate": {
      return {
        expected: `${spec.type === "rate" ? "a rate as a decimal fraction (0.10 is 10%)" : "a decimal number"}${range ? ` ${range}` : ""}, e.g. "0.15"`,
        accept: (v) => {
          const text = numberText(v);
          if (text === undefined || !DECIMAL_LITERAL.test(text)) return undefined;
          const d = new Dec(text);
          return bounds(d) ? d.toString() : undefined;
        },
        hint: decimalHint,
      };
    }
    case "integer":
      return {
        expected: `an integer${range ? ` ${range}` : ""}`,
        accept: (v) => (typeof v === "number" && Number.isSafeInteger(v) && bounds(new Dec(v)) ? v : undefined),
      };
    case "boolean":
      return { expected: "true or false", accept: (v) => (typeof v === "boolean" ? v : undefined) };
    case "date":
      return {
        expected: "a calendar date YYYY-MM-DD",
        accept: (v) => (isIsoDate(v) ? v : undefined),
        hint: (v) => (typeof v === "string" && /T|:/.test(v) ? "give the calendar date only, without a time or zone" : undefined),
      };
    case "enum": {
      const values = Object.keys(spec.values ?? {});
      return {
        expected: `one of ${values.map((x) => JSON.stringify(x)).join(" | ")}`,
        accept: (v) => (typeof v === "string" && values.includes(v) ? v : undefined),
      };
    }
    case "enumList": {
      const values = Object.keys(spec.values ?? {});
      return {
        expected: `a list of ${values.map((x) => JSON.stringify(x)).join(" | ")}`,
        accept: (v) =>
          Array.isArray(v) && v.every((x) => typeof x === "string" && values.includes(x)) ? [...new Set(v as string[])] : undefined,
      };
    }
    case "string": {
      const pattern = spec.pattern === undefined ? undefined : new RegExp(spec.pattern, "u");
      return {
        expected: pattern ? `a string matching ${spec.pattern}` : "a string of at most 200 characters",
        accept: (v) => (typeof v === "string" && v.length <= 200 && (!pattern || pattern.test(v)) ? v : undefined),
      };
    }
  }
}

/** Build the zod schema of a rule's facts from its declared inputs: strict, every input typed. */
export function buildFactsSchema(inputs: Readonly<Record<string, InputSpec>>): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    const exp = expectation(spec);
    shape[name] = z.unknown().transform((value, ctx) => {
      if (value === undefined) {
        if (spec.default !== undefined) return exp.accept(spec.default);
        ctx.addIssue({ code: "custom", message: "missing required input", params: { code: "missing_input", expected: exp.expected, received: "nothing" } });
        return z.NEVER;
      }
      const accepted = exp.accept(value);
      if (accepted === undefined) {
        const hint = exp.hint?.(value);
        ctx.addIssue({
          code: "custom",
          message: `invalid ${spec.type}${hint ? `: ${hint}` : ""}`,
          params: { code: "invalid_value", expected: exp.expected, received: describe(value) },
        });
        return z.NEVER;
      }
      return accepted;
    });
  }
  return z.strictObject(shape) as unknown as z.ZodType<Record<string, unknown>>;
}

/** Turn zod issues on facts into the library's issues: path, code, message, expected, received. */
export function factsIssues(error: z.ZodError): PolicyIssue[] {
  return error.issues.flatMap((issue): PolicyIssue | PolicyIssue[] => {
    const path = issue.path.map(String).join(".");
    if (issue.code === "custom" && issue.params) {
      const p = issue.params as { code: string; expected: string; received: string };
      return { code: p.code, path, message: issue.message, expected: p.expected, received: p.received };
    }
    if (issue.code === "unrecognized_keys") {
      // One issue per unknown key, with the key as its path; at most 20, each cut at 40 characters, then one
      // for the rest: facts with 100,000 unknown keys must not make a megabyte message.
      const cut = (k: string) => (k.length > 40 ? `${k.slice(0, 40)}…` : k);
      const named = issue.keys.slice(0, 20).map((k): PolicyIssue => ({ code: "unknown_input", path: cut(k), message: `not an input of this rule: ${JSON.stringify(cut(k))}` }));
      const rest = issue.keys.length - named.length;
      return rest > 0 ? [...named, { code: "unknown_input", path: "", message: `and ${rest} more keys that are not inputs of this rule` }] : named;
    }
    if (issue.code === "invalid_type") {
      return { code: "invalid_type", path, message: "facts must be a JSON object", expected: "an object", received: issue.input === null ? "null" : Array.isArray(issue.input) ? "an array" : typeof issue.input };
    }
    return { code: issue.code, path, message: issue.message };
  });
}
