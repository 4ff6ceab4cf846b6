import { z } from "zod";
import type { InputSpec } from "../schema/rule-file.js";
import { describeSafely } from "../exact/describe-safely.js";
import type { PolicyIssue } from "../errors.js";
import { fenToMoney, parseFen, scaledToString } from "../exact/scaled.js";
import {
  DECIMAL_INPUT_SCALE,
  INVALID,
  MONEY_SCALE,
  NOT_FAST,
  VALUE_TYPES,
  asciiClassPattern,
  type Expectation,
  type InlineKind,
  type SlotKind,
} from "../types/index.js";
import { scaledBound } from "../types/numeric.js";

/** What a fact of an input must be: its value type's module says (src/types/). */
function expectation(spec: InputSpec): Expectation {
  return VALUE_TYPES[spec.type].expectation(spec);
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

// The scales of the fast path and the slot kinds belong to the value types (src/types/); re-exported here.
export { DECIMAL_INPUT_SCALE, MONEY_SCALE, asciiClassPattern, type SlotKind };

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

type SlotValue = unknown;

/** Reads one input: its slot value, NOT_FAST (valid, but only for the reference path) or INVALID. */
type SlotReader = (value: unknown) => SlotValue;

/** The fast reader of an input, from its value type's module: the same acceptance as {@link expectation}. */
function slotReader(spec: InputSpec): { kind: SlotKind; read: SlotReader } {
  return VALUE_TYPES[spec.type].slotReader(spec, expectation(spec));
}

/** The canonical (zod output) value of a slot. */
export function slotData(kind: SlotKind, slot: unknown): unknown {
  switch (kind) {
    case "money":
      return fenToMoney(slot as number);
    case "decimal":
      return scaledToString(slot as number, DECIMAL_INPUT_SCALE);
    case "integer":
    case "plain":
      return slot;
    default:
      return kind satisfies never;
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
  const enumLists = names.map((name) => (VALUE_TYPES[inputs[name]!.type].inline === "enum" ? Object.keys(inputs[name]!.values ?? {}) : []));
  const enumSets = enumLists.map((list) => new Set(list));
  const moneyLo = Float64Array.from(names.map((name) => scaledBound(inputs[name]!.min ?? "0", MONEY_SCALE, true)));
  const moneyHi = Float64Array.from(names.map((name) => scaledBound(inputs[name]!.max, MONEY_SCALE, false)));
  const tables = names.map((name) => {
    const spec = inputs[name]!;
    return VALUE_TYPES[spec.type].inline === "text" && spec.pattern !== undefined ? asciiClassPattern(spec.pattern) : undefined;
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

/** The inline check of an input, as its value type's module names it. */
const INLINE_CODES: { readonly [K in InlineKind]: number } = {
  money: CODE_MONEY,
  enum: CODE_ENUM,
  boolean: CODE_BOOLEAN,
  text: CODE_TEXT,
  other: CODE_OTHER,
};

function inlineCode(spec: InputSpec): number {
  return INLINE_CODES[VALUE_TYPES[spec.type].inline];
}
