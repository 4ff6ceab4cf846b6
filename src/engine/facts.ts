import { z } from "zod";
import type { InputSpec } from "../schema/rule-file.js";
import { isIsoDate } from "../schema/common.js";
import { DECIMAL_LITERAL, Dec, exactNumberText } from "../exact/decimal.js";
import { describeSafely } from "../exact/describe-safely.js";
import type { PolicyIssue } from "../errors.js";
import { MAX_INPUT_FRACTION_DIGITS, MAX_INPUT_INTEGER_DIGITS, inputDigitsProblem } from "../exact/limits.js";
import { MAX_SCALED, fenToMoney, parseFen, parseScaled, scaledToString } from "../exact/scaled.js";

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
  // A number is taken only when it is exactly the decimal it prints as: 0.1 + 0.2 must come as "0.3".
  if (typeof value === "number") return exactNumberText(value);
  return undefined;
}

function decimalHint(value: unknown): string | undefined {
  if (typeof value === "number") return Number.isFinite(value) && exactNumberText(value) === undefined ? "pass the number as a string: a JS number of more than 15 significant digits is not exactly the decimal it prints as" : undefined;
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
        expected: `${spec.type === "rate" ? "a rate as a decimal fraction (0.10 is 10%)" : "a decimal number"}${range ? ` ${range}` : ""}, at most ${MAX_INPUT_INTEGER_DIGITS} integer digits and ${MAX_INPUT_FRACTION_DIGITS} decimals, e.g. "0.15"`,
        accept: (v) => {
          const text = numberText(v);
          if (text === undefined || !DECIMAL_LITERAL.test(text) || inputDigitsProblem(text) !== undefined) return undefined;
          const d = new Dec(text);
          return bounds(d) ? d.toString() : undefined;
        },
        hint: (v) => (typeof v === "string" && DECIMAL_LITERAL.test(v) ? inputDigitsProblem(v) : decimalHint(v)),
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

const hasOwn = Object.prototype.hasOwnProperty;
const isOwnEnumerable = Object.prototype.propertyIsEnumerable;

/** Whether for…in over an object would also visit inherited properties. */
function hasEnumerableInherited(record: object): boolean {
  const proto: unknown = Object.getPrototypeOf(record);
  if (proto === null) return false;
  for (const _ in proto as object) return true;
  return false;
}

/** A fact whose getter (or proxy trap) threw when read: reported as an issue of that input. */
class Unreadable {
  constructor(readonly reason: string) {}
}

function reasonOf(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return "an error that cannot be shown";
  }
}

/**
 * A copy of an object's own enumerable properties (other values unchanged), on a null prototype.
 * A property whose getter throws becomes {@link Unreadable}; facts whose keys cannot be listed (a
 * hostile proxy) throw, and the caller reports them as facts that cannot be read.
 */
function ownProperties(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) {
    try {
      out[key] = (value as Record<string, unknown>)[key];
    } catch (error) {
      out[key] = new Unreadable(reasonOf(error));
    }
  }
  return out;
}

/**
 * Parse facts with a schema from {@link buildFactsSchema}: the parsed facts, or the issues. Facts that
 * cannot even be read (a proxy whose traps throw) are one issue at the root, never an internal error.
 */
export function safeParseFacts(
  schema: z.ZodType<Record<string, unknown>>,
  facts: unknown,
): { success: true; data: Record<string, unknown> } | { success: false; issues: PolicyIssue[] } {
  let parsed: ReturnType<typeof schema.safeParse>;
  try {
    parsed = schema.safeParse(facts);
  } catch (error) {
    return { success: false, issues: [{ code: "unreadable_facts", path: "", message: `the facts could not be read: ${reasonOf(error)}`, expected: "a plain JSON object" }] };
  }
  return parsed.success ? { success: true, data: parsed.data } : { success: false, issues: factsIssues(parsed.error) };
}

/** Build the zod schema of a rule's facts from its declared inputs: strict, every input typed. */
export function buildFactsSchema(inputs: Readonly<Record<string, InputSpec>>): z.ZodType<Record<string, unknown>> {
  // Built on first use: the fast path's validator (below) answers valid facts without it, so most rule
  // versions never need it, and loading every rule should not pay for building them all.
  return z.lazy(() => buildFactsSchemaNow(inputs)) as unknown as z.ZodType<Record<string, unknown>>;
}

function buildFactsSchemaNow(inputs: Readonly<Record<string, InputSpec>>): z.ZodType<Record<string, unknown>> {
  const shape: Record<string, z.ZodType> = {};
  for (const [name, spec] of Object.entries(inputs)) {
    const exp = expectation(spec);
    shape[name] = z.unknown().optional().transform((value, ctx) => {
      if (value === undefined) {
        if (spec.default !== undefined) return exp.accept(spec.default);
        ctx.addIssue({ code: "custom", message: "missing required input", params: { code: "missing_input", expected: exp.expected, received: "nothing" } });
        return z.NEVER;
      }
      let accepted: unknown;
      try {
        accepted = value instanceof Unreadable ? undefined : exp.accept(value);
      } catch (error) {
        value = new Unreadable(reasonOf(error)); // e.g. a list that is a proxy whose traps throw
      }
      if (value instanceof Unreadable) {
        ctx.addIssue({
          code: "custom",
          message: `the value could not be read: ${value.reason}`,
          params: { code: "unreadable_input", expected: exp.expected, received: "a value whose getter or proxy threw" },
        });
        return z.NEVER;
      }
      if (accepted === undefined) {
        const hint = exp.hint?.(value);
        ctx.addIssue({
          code: "custom",
          message: `invalid ${spec.type}${hint ? `: ${hint}` : ""}`,
          params: { code: "invalid_value", expected: exp.expected, received: describeSafely(value) },
        });
        return z.NEVER;
      }
      return accepted;
    });
  }
  // Facts are read through their own properties only: a polluted Object.prototype can neither supply a
  // missing input nor count as an unknown one.
  return z.preprocess(ownProperties, z.strictObject(shape)) as unknown as z.ZodType<Record<string, unknown>>;
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

/* ------------------------------------------------------------------------------------------------
 * The compiled facts validator: the same acceptance as the zod schema above (which stays the
 * reference and produces the issue list when this one rejects), without zod's per-call machinery,
 * and reading money, integers and rates straight into scaled integers for the exact fast path.
 * tests/perf/facts-validator.test.ts checks that both accept and reject exactly the same inputs.
 * ---------------------------------------------------------------------------------------------- */

/** The scale at which `rate` and `decimal` inputs enter the fast path (6 places: a ten-thousandth of a basis point). */
export const DECIMAL_INPUT_SCALE = 6;
/** The scale of `money` inputs in the fast path: the fen. */
export const MONEY_SCALE = 2;

/** How an input's value sits in a validator slot. */
export type SlotKind = "money" | "decimal" | "integer" | "plain";

/**
 * What {@link FactsValidator.check} found: `Fast` valid, and every slot holds its fast value;
 * `Valid` valid, but some value does not fit the fast path (e.g. money of more than 13 integer
 * digits); `Invalid`: ask the zod schema for the issues.
 */
export const CheckResult = { Fast: 0, Valid: 1, Invalid: 2 } as const;
/** One of {@link CheckResult}. */
export type CheckResult = (typeof CheckResult)[keyof typeof CheckResult];

/** A compiled validator of one rule's facts. */
export interface FactsValidator {
  /** The input names, in declaration order: slot `i` holds the value of `names[i]`. */
  readonly names: readonly string[];
  /** How each slot holds its value. */
  readonly kinds: readonly SlotKind[];
  /**
   * For an enum input of at most 16 values, its values: the check also writes the value's position
   * in this list at `slots[names.length + i]` (so a test of membership is a bit test).
   */
  readonly enumValues: readonly (readonly string[] | undefined)[];
  /**
   * Check facts and write each input's value into `slots`: money as fen, rates and decimals scaled by
   * 10^{@link DECIMAL_INPUT_SCALE}, integers as numbers, everything else in its canonical form.
   */
  check(facts: unknown, slots: unknown[]): CheckResult;
  /** The facts as the zod schema outputs them (canonical values), from slots filled by a `Fast` check. */
  data(slots: readonly unknown[]): Record<string, unknown>;
}

const NOT_FAST = Symbol("not-fast");
const INVALID = Symbol("invalid");
type SlotValue = unknown;

/** Reads one input: its slot value, NOT_FAST (valid, but only for the reference path) or INVALID. */
type SlotReader = (value: unknown) => SlotValue;

/** `ceil(bound × 10^scale)` (or floor), as a number; ±Infinity when beyond every safe scaled value. */
function scaledBound(bound: string | undefined, scale: number, up: boolean): number {
  if (bound === undefined) return up ? -Infinity : Infinity;
  const d = new Dec(bound).times(new Dec(10).pow(scale));
  const r = up ? d.ceil() : d.floor();
  if (r.gt(MAX_SCALED)) return up ? Infinity : Number.MAX_VALUE;
  if (r.lt(-MAX_SCALED)) return up ? -Number.MAX_VALUE : -Infinity;
  return r.toNumber();
}

function slotReader(spec: InputSpec): { kind: SlotKind; read: SlotReader } {
  const exp = expectation(spec);
  const slow = (v: unknown) => (exp.accept(v) === undefined ? INVALID : NOT_FAST);
  switch (spec.type) {
    case "money": {
      const lo = scaledBound(spec.min ?? "0", MONEY_SCALE, true);
      const hi = scaledBound(spec.max, MONEY_SCALE, false);
      return {
        kind: "money",
        read: (v) => {
          const text = typeof v === "string" ? v : numberText(v);
          if (text === undefined) return INVALID;
          const n = parseScaled(text, MONEY_SCALE, 15, 2);
          if (n === undefined) return slow(v); // not a money literal, or more than 2^53 fen
          if (n < lo || n > hi) return INVALID;
          return n === 0 ? 0 : n; // the canonical "0.00" has no sign
        },
      };
    }
    case "decimal":
    case "rate": {
      const lo = scaledBound(spec.min, DECIMAL_INPUT_SCALE, true);
      const hi = scaledBound(spec.max, DECIMAL_INPUT_SCALE, false);
      return {
        kind: "decimal",
        read: (v) => {
          const text = typeof v === "string" ? v : numberText(v);
          if (text === undefined) return INVALID;
          const n = parseScaled(text, DECIMAL_INPUT_SCALE, 15, Infinity);
          if (n === undefined) return slow(v); // not a literal, too many decimals, or too large
          if (n < lo || n > hi) return INVALID;
          return n === 0 ? 0 : n;
        },
      };
    }
    case "integer": {
      const lo = spec.min === undefined ? -Infinity : scaledBound(spec.min, 0, true);
      const hi = spec.max === undefined ? Infinity : scaledBound(spec.max, 0, false);
      return {
        kind: "integer",
        read: (v) => (typeof v === "number" && Number.isSafeInteger(v) && v >= lo && v <= hi ? v : INVALID),
      };
    }
    case "enum": {
      const values = new Set(Object.keys(spec.values ?? {}));
      return { kind: "plain", read: (v) => (typeof v === "string" && values.has(v) ? v : INVALID) };
    }
    case "boolean":
      return { kind: "plain", read: (v) => (typeof v === "boolean" ? v : INVALID) };
    case "string": {
      const table = spec.pattern === undefined ? undefined : asciiClassPattern(spec.pattern);
      if (table) {
        // `^[a-z]+$` and the like: a character table, the same answers as the regular expression.
        const { allowed, min } = table;
        return {
          kind: "plain",
          read: (v) => {
            if (typeof v !== "string") return INVALID;
            const n = v.length;
            if (n > 200 || n < min) return INVALID;
            for (let i = 0; i < n; i++) {
              const c = v.charCodeAt(i);
              if (c >= 128 || allowed[c] !== 1) return INVALID;
            }
            return v;
          },
        };
      }
      break;
    }
  }
  return {
    kind: "plain",
    read: (v) => {
      const accepted = exp.accept(v);
      return accepted === undefined ? INVALID : accepted;
    },
  };
}

/**
 * A pattern that is one class of ASCII letters, digits and `_`, `-`, `.` repeated (`^[a-z]+$`,
 * `^[A-Za-z0-9_-]*$`) as a table of allowed character codes; undefined for any other pattern.
 */
export function asciiClassPattern(pattern: string): { allowed: Uint8Array; min: number } | undefined {
  const m = /^\^\[([A-Za-z0-9_.-]+)\]([+*])\$$/.exec(pattern);
  if (!m) return undefined;
  const body = m[1]!;
  const allowed = new Uint8Array(128);
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i);
    if (body[i + 1] === "-" && i + 2 < body.length) {
      const end = body.charCodeAt(i + 2);
      const isAlnum = (x: number) => (x >= 48 && x <= 57) || (x >= 65 && x <= 90) || (x >= 97 && x <= 122);
      if (!isAlnum(c) || !isAlnum(end) || end < c) return undefined;
      for (let x = c; x <= end; x++) allowed[x] = 1;
      i += 2;
    } else {
      allowed[c] = 1;
    }
  }
  return { allowed, min: m[2] === "+" ? 1 : 0 };
}

/** The canonical (zod output) value of a slot. */
export function slotData(kind: SlotKind, slot: unknown): unknown {
  switch (kind) {
    case "money":
      return fenToMoney(slot as number);
    case "decimal":
      return scaledToString(slot as number, DECIMAL_INPUT_SCALE);
    default:
      return slot;
  }
}

/**
 * Compile a validator for a rule's declared inputs: the same answers as {@link buildFactsSchema}'s
 * zod schema (a strict object; every input required unless it has a default; inherited properties
 * read as zod reads them), at a fraction of the cost. Returns undefined when an input's default does
 * not itself validate; evaluation then always uses the zod schema.
 */
export function buildFactsValidator(inputs: Readonly<Record<string, InputSpec>>): FactsValidator | undefined {
  const names = Object.keys(inputs);
  const readers = names.map((name) => slotReader(inputs[name]!));
  const kinds = readers.map((r) => r.kind);
  const defaults: (SlotValue | typeof INVALID | undefined)[] = names.map((name, i) => {
    const d = inputs[name]!.default;
    return d === undefined ? undefined : readers[i]!.read(d);
  });
  if (defaults.some((d) => d === INVALID || d === NOT_FAST)) return undefined;
  const count = names.length;
  const reads = readers.map((r) => r.read);
  const index: Record<string, number> = Object.create(null);
  names.forEach((name, i) => (index[name] = i));
  // Common kinds are checked inline (one function, no call per input); the others call their reader.
  const enumLists = names.map((name) => (inputs[name]!.type === "enum" ? Object.keys(inputs[name]!.values ?? {}) : []));
  const enumSets = enumLists.map((list) => new Set(list));
  const moneyLo = Float64Array.from(names.map((name) => scaledBound(inputs[name]!.min ?? "0", MONEY_SCALE, true)));
  const moneyHi = Float64Array.from(names.map((name) => scaledBound(inputs[name]!.max, MONEY_SCALE, false)));
  const tables = names.map((name) => {
    const spec = inputs[name]!;
    return spec.type === "string" && spec.pattern !== undefined ? asciiClassPattern(spec.pattern) : undefined;
  });
  const codes = Int8Array.from(names.map((name, i) => (enumLists[i]!.length > 16 ? CODE_ENUM_SET : inlineCode(inputs[name]!))));
  const textCache = names.map(() => [NO_TEXT, NO_TEXT, NO_TEXT, NO_TEXT]);
  const textCachePos = new Uint8Array(count);
  const all = count >= 31 ? -1 : (1 << count) - 1;

  /** One input's slot value, INVALID or NOT_FAST. */
  const read = (i: number, value: unknown): SlotValue => {
    switch (codes[i]) {
      case CODE_MONEY: {
        if (typeof value === "string") {
          const n = parseFen(value);
          if (n !== undefined) return n < moneyLo[i]! || n > moneyHi[i]! ? INVALID : n === 0 ? 0 : n;
        }
        return reads[i]!(value);
      }
      case CODE_ENUM: {
        if (typeof value !== "string") return INVALID;
        // A short list compared with ===: faster than hashing the string for a Set.
        const list = enumLists[i]!;
        for (let k = 0; k < list.length; k++) if (list[k] === value) return value;
        return INVALID;
      }
      case CODE_ENUM_SET:
        return typeof value === "string" && enumSets[i]!.has(value) ? value : INVALID;
      case CODE_BOOLEAN:
        return typeof value === "boolean" ? value : INVALID;
      case CODE_TEXT: {
        // A string or date input: whether it is valid depends on the text alone, so the last few
        // accepted texts are remembered (cities, dates and codes repeat from subject to subject).
        if (typeof value !== "string") return INVALID;
        const seen = textCache[i]!;
        if (value === seen[0] || value === seen[1] || value === seen[2] || value === seen[3]) return value;
        const table = tables[i];
        let slot: SlotValue = value;
        if (table) {
          const n = value.length;
          if (n > 200 || n < table.min) return INVALID;
          const allowed = table.allowed;
          for (let k = 0; k < n; k++) {
            const c = value.charCodeAt(k);
            if (c >= 128 || allowed[c] !== 1) return INVALID;
          }
        } else {
          slot = reads[i]!(value);
          if (slot !== value) return slot; // INVALID (accepted texts are their own canonical form)
        }
        const at = textCachePos[i]!;
        seen[at] = value;
        textCachePos[i] = (at + 1) & 3;
        return slot;
      }
      default:
        return reads[i]!(value);
    }
  };

  const readMissing = (i: number, record: Record<string, unknown>): SlotValue => {
    // Own enumerable properties only, as the zod schema reads them (after `ownProperties`).
    const value = isOwnEnumerable.call(record, names[i]!) ? record[names[i]!] : undefined;
    return value === undefined ? (defaults[i] === undefined ? INVALID : defaults[i]) : read(i, value);
  };

  const validator: FactsValidator = {
    names,
    kinds,
    enumValues: names.map((_, i) => (codes[i] === CODE_ENUM ? enumLists[i] : undefined)),
    check(facts, slots) {
      if (typeof facts !== "object" || facts === null || Array.isArray(facts)) return CheckResult.Invalid;
      const record = facts as Record<string, unknown>;
      let result: CheckResult = CheckResult.Fast;
      let seen = 0;
      let next = 0;
      // One pass over the keys (for…in, as zod's strict check does): an unknown key rejects; a value
      // read with the for…in key is a fast load. Facts usually list the inputs in declared order.
      // Checking each key with hasOwnProperty costs a quarter of an evaluation; only a prototype chain
      // with enumerable properties (a polluted Object.prototype, a class) can put inherited keys here.
      const inherits = hasEnumerableInherited(record);
      for (const key in record) {
        if (inherits && !hasOwn.call(record, key)) continue; // inherited: not a fact (see ownProperties)
        let i: number;
        if (next < count && key === names[next]) i = next++;
        else {
          const found = index[key];
          if (found === undefined) return CheckResult.Invalid;
          i = found;
        }
        const value = record[key];
        if (all !== -1) seen |= 1 << i;
        // The two commonest kinds inline; the others through `read`.
        const code = codes[i];
        if (code === CODE_ENUM && typeof value === "string") {
          const list = enumLists[i]!;
          let k = 0;
          while (k < list.length && list[k] !== value) k++;
          if (k === list.length) return CheckResult.Invalid;
          slots[i] = value;
          slots[count + i] = k;
          continue;
        }
        if (code === CODE_MONEY && typeof value === "string") {
          const n = parseFen(value);
          if (n !== undefined) {
            if (n < moneyLo[i]! || n > moneyHi[i]!) return CheckResult.Invalid;
            slots[i] = n === 0 ? 0 : n;
            continue;
          }
        }
        const slot = value === undefined ? (defaults[i] === undefined ? INVALID : defaults[i]) : read(i, value);
        if (slot === INVALID) return CheckResult.Invalid;
        if (slot === NOT_FAST) result = CheckResult.Valid;
        slots[i] = slot;
        if (code === CODE_ENUM) slots[count + i] = enumLists[i]!.indexOf(slot as string);
      }
      if (seen !== all) {
        for (let i = 0; i < count; i++) {
          // Inputs not enumerated (absent, or not enumerable); with more than 30 inputs, every input.
          if (all !== -1 && (seen & (1 << i)) !== 0) continue;
          const slot = readMissing(i, record);
          if (slot === INVALID) return CheckResult.Invalid;
          if (slot === NOT_FAST) result = CheckResult.Valid;
          slots[i] = slot;
          if (codes[i] === CODE_ENUM) slots[count + i] = enumLists[i]!.indexOf(slot as string);
        }
      }
      return result;
    },
    data(slots) {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) out[names[i]!] = slotData(kinds[i]!, slots[i]);
      return out;
    },
  };
  const check = validator.check;
  validator.check = (facts, slots) => {
    try {
      return check(facts, slots);
    } catch {
      // A getter or a proxy trap of the caller's facts threw: the zod schema reports the field.
      return CheckResult.Invalid;
    }
  };
  return validator;
}

const CODE_OTHER = 0;
const CODE_MONEY = 1;
const CODE_ENUM = 2;
const CODE_BOOLEAN = 3;
const CODE_TEXT = 4;
const CODE_ENUM_SET = 5;

/** Never equal to a string value. */
const NO_TEXT = Symbol("no text") as unknown as string;

function inlineCode(spec: InputSpec): number {
  switch (spec.type) {
    case "string":
    case "date":
      return CODE_TEXT;
    case "money":
      return CODE_MONEY;
    case "enum":
      return CODE_ENUM;
    case "boolean":
      return CODE_BOOLEAN;
    default:
      return CODE_OTHER;
  }
}
