import type { InputSpec } from "../schema/rule-file.js";
import type { PolicyIssue } from "../errors.js";
import { fenToMoney, parseFen, scaledToString } from "../exact/scaled.js";
import {
  DECIMAL_INPUT_SCALE,
  INVALID,
  MONEY_SCALE,
  NOT_FAST,
  RUNTIME_VALUE_TYPES as VALUE_TYPES,
  asciiClassPattern,
  type InlineKind,
  type SlotKind,
} from "../types/runtime.js";
import { FactIssue, Unreadable, inputCheck, reasonOf, type InputCheck } from "../types/input-check.js";
import { scaledBound } from "../types/numeric.js";

/*
 * One facts validator, in two speeds over the same per-input check (types/input-check.ts, built from
 * each input's value type module):
 * - the facts walk ({@link buildFactsChecker}): every input's check in declaration order, then the keys
 *   that are not inputs; it gives the canonical facts (the reference path) or every issue;
 * - the compiled validator ({@link buildFactsValidator}): one pass over the keys, reading common values
 *   straight into slots for the fast path. Its inline readers only ever take a value; a value they do
 *   not take goes to the same input check, so "invalid" is always that check's issue, and a reader
 *   stricter than the check is overruled (and counted), never final.
 */

const hasOwn = Object.prototype.hasOwnProperty;

/** Whether for…in over an object would also visit inherited properties. */
function hasEnumerableInherited(record: object): boolean {
  // for…in over a null prototype visits nothing: no test of null is needed.
  for (const _ in Object.getPrototypeOf(record) as object) return true;
  return false;
}

/** Facts are an object, not null, not an array: the first check of both speeds. */
function isFactsObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A copy of an object's own enumerable properties (other values unchanged), on a null prototype.
 * A property whose getter throws becomes {@link Unreadable}; facts whose keys cannot be listed (a
 * hostile proxy) throw, and the caller reports them as facts that cannot be read.
 */
function ownProperties(value: unknown): unknown {
  if (!isFactsObject(value)) return value;
  const out: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(value)) {
    try {
      out[key] = value[key];
    } catch (error) {
      out[key] = new Unreadable(reasonOf(error));
    }
  }
  return out;
}

/**
 * What the facts walk found: the canonical facts (money with two decimals, decimals without trailing
 * zeros, defaults filled in, in declaration order), or every issue.
 *
 * @example
 * const r: FactsResult = checker.check({ contractAmount: "3000000" });
 * if (!r.success) r.issues[0]!.code //=> "missing_input"
 */
export type FactsResult = { success: true; data: Record<string, unknown> } | { success: false; issues: PolicyIssue[] };

/**
 * The facts walk of one rule's declared inputs (kept by each loaded version, `version.factsChecker`).
 *
 * @example
 * buildFactsChecker(version.file.inputs).check(facts).success //=> true
 */
export interface FactsChecker {
  /** Read facts: a strict object, every input through its check, every issue in a stable order. */
  check(facts: unknown): FactsResult;
}

/**
 * The unknown keys of facts named one by one in the issues, at most; one more issue counts the rest
 * (facts with 100,000 unknown keys must not make a megabyte message). A bound of the issue list, not
 * of the facts: every unknown key is still refused.
 *
 * @example
 * NAMED_UNKNOWN_KEYS //=> 20
 */
export const NAMED_UNKNOWN_KEYS = 20;
/**
 * An unknown key is cut to this many characters (then "…") in its issue's path and message.
 *
 * @example
 * UNKNOWN_KEY_CHARS //=> 40
 */
export const UNKNOWN_KEY_CHARS = 40;

/**
 * Build the facts walk of a rule's declared inputs. The issues come in this order: facts that are not
 * an object (one issue), else each input's issue in declaration order, then the keys that are not
 * inputs (at most 20 named, each cut to 40 characters, then one issue for the rest: 100,000 unknown keys
 * must not make a megabyte message). Facts whose keys cannot even be listed (a proxy whose traps throw)
 * are one issue at the root, never an internal error.
 *
 * @example
 * buildFactsChecker({ ok: { type: "boolean", label } }).check({ ok: "yes" })
 * //=> { success: false, issues: [{ code: "invalid_value", path: "ok", message: "invalid boolean", … }] }
 */
export function buildFactsChecker(inputs: Readonly<Record<string, InputSpec>>): FactsChecker {
  // Built on first use: the compiled validator answers valid facts without it, so most rule versions
  // never need it, and loading every rule should not pay for building them all.
  let built: { names: string[]; checks: InputCheck[]; known: Set<string> } | undefined;
  const build = () => {
    const names = Object.keys(inputs);
    return { names, checks: names.map((name) => inputCheck(inputs[name]!)), known: new Set(names) };
  };
  return Object.freeze({
    check(facts: unknown): FactsResult {
      built ??= build();
      try {
        return walk(built.names, built.checks, built.known, facts);
      } catch (error) {
        return { success: false, issues: [{ code: "unreadable_facts", path: "", message: `the facts could not be read: ${reasonOf(error)}`, expected: "a plain JSON object" }] };
      }
    },
  });
}

function walk(names: readonly string[], checks: readonly InputCheck[], known: ReadonlySet<string>, facts: unknown): FactsResult {
  // Facts are read through their own properties only: a polluted Object.prototype can neither supply a
  // missing input nor count as an unknown one.
  const record = ownProperties(facts);
  if (!isFactsObject(record)) {
    // `received` says "undefined" whatever the facts were: the zod schema this walk replaced did (zod 4
    // drops the input from its issues), and the issues stay byte for byte what they were.
    return { success: false, issues: [{ code: "invalid_type", path: "", message: "facts must be a JSON object", expected: "an object", received: "undefined" }] };
  }
  const issues: PolicyIssue[] = [];
  const data: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    const value = checks[i]!.check(record[name]);
    if (value instanceof FactIssue) {
      issues.push({ code: value.code, path: name, message: value.message, expected: value.expected, received: value.received });
    } else {
      // Never undefined: an absent input is its default (which the loader checked) or missing_input.
      data[name] = value;
    }
  }
  let unknown = 0;
  for (const key in record) {
    if (known.has(key)) continue;
    if (++unknown > NAMED_UNKNOWN_KEYS) continue;
    const cut = key.length > UNKNOWN_KEY_CHARS ? `${key.slice(0, UNKNOWN_KEY_CHARS)}…` : key;
    issues.push({ code: "unknown_input", path: cut, message: `not an input of this rule: ${JSON.stringify(cut)}` });
  }
  if (unknown > NAMED_UNKNOWN_KEYS) {
    issues.push({ code: "unknown_input", path: "", message: `and ${unknown - NAMED_UNKNOWN_KEYS} more keys that are not inputs of this rule` });
  }
  return issues.length > 0 ? { success: false, issues } : { success: true, data };
}

/* ------------------------------------------------------------------------------------------------
 * The compiled facts validator: the verdict of the facts walk above without its per-call copies,
 * reading money, integers and rates straight into scaled integers for the exact fast path. Its readers
 * only take values: whatever they do not take is decided by the input's check (types/input-check.ts),
 * the one that gives the issue. tests/engine/facts-one-validator.test.ts checks verdicts and values.
 * ---------------------------------------------------------------------------------------------- */

// The scales of the fast path and the slot kinds belong to the value types (src/types/); re-exported here.
export { DECIMAL_INPUT_SCALE, MONEY_SCALE, asciiClassPattern, type SlotKind };

/**
 * What {@link FactsValidator.check} found: `Fast` valid, and every slot holds its fast value;
 * `Valid` valid, but some value does not fit the fast path (e.g. money of more than 13 integer
 * digits); `Invalid`: an input's check gave an issue (or a key is not an input, or the facts are not
 * an object): the facts walk lists the issues.
 *
 * @example
 * validator.check(facts, slots) === CheckResult.Fast
 */
export const CheckResult = { Fast: 0, Valid: 1, Invalid: 2 } as const;
/**
 * One of {@link CheckResult}.
 *
 * @example
 * const r: CheckResult = CheckResult.Valid;
 */
export type CheckResult = (typeof CheckResult)[keyof typeof CheckResult];

/**
 * A compiled validator of one rule's facts.
 *
 * @example
 * const v = buildFactsValidator(version.file.inputs)!;
 * v.check(facts, slots) === CheckResult.Fast && v.data(slots)
 */
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
  /** The facts as the facts walk gives them (canonical values), from slots filled by a `Fast` check. */
  data(slots: readonly unknown[]): Record<string, unknown>;
  /**
   * How many values a fast reader refused that the input's check then accepted (a reader stricter than
   * the check: the facts were decided rightly, on the reference path, but slowly). Tests keep it at 0.
   */
  readonly overruled: number;
}

type SlotValue = unknown;

/**
 * The canonical (facts walk) value of a slot.
 *
 * @example
 * slotData("money", 300000000) //=> "3000000.00"
 */
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
 * Compile a validator for a rule's declared inputs: the verdict of {@link buildFactsChecker}'s walk (a
 * strict object; every input required unless it has a default; own enumerable properties only), at a
 * fraction of the cost. Returns undefined when an input's default does not itself read fast; evaluation
 * then always takes the reference path.
 *
 * @example
 * buildFactsValidator(version.file.inputs)?.check(facts, slots) //=> CheckResult.Fast
 */
export function buildFactsValidator(inputs: Readonly<Record<string, InputSpec>>): FactsValidator | undefined {
  const names = Object.keys(inputs);
  const checks = names.map((name) => inputCheck(inputs[name]!));
  // Each type's fast reader, built over the same expectation as the input's check.
  const readers = names.map((name, i) => VALUE_TYPES[inputs[name]!.type].slotReader(inputs[name]!, checks[i]!.expectation));
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
  // Only enums and enum lists have values; a list longer than 16 is left to its type's reader (a Set).
  const enumLists = names.map((name) => Object.keys(inputs[name]!.values ?? {}));
  const moneyLo = Float64Array.from(names.map((name) => scaledBound(inputs[name]!.min ?? "0", MONEY_SCALE, true)));
  const moneyHi = Float64Array.from(names.map((name) => scaledBound(inputs[name]!.max, MONEY_SCALE, false)));
  const codes = Int8Array.from(names.map((name, i) => (enumLists[i]!.length > 16 ? CODE_OTHER : inlineCode(inputs[name]!))));
  const textCache = names.map(() => [NO_TEXT, NO_TEXT, NO_TEXT, NO_TEXT]);
  const textCachePos = new Uint8Array(count);
  const all = count >= 31 ? -1 : (1 << count) - 1;

  /**
   * One input's slot value, INVALID (not taken fast: ask the input's check) or NOT_FAST. Money text and
   * short enums' strings were offered to the inline readers in `check` first: what reaches here for them
   * (a number, text out of bounds or not fast, a non-string) goes to the type's own reader, like every
   * other kind but booleans and texts.
   */
  const read = (i: number, value: unknown): SlotValue => {
    switch (codes[i]) {
      case CODE_BOOLEAN:
        return typeof value === "boolean" ? value : INVALID;
      case CODE_TEXT: {
        // A string or date input: whether it is valid depends on the text alone, so the last few
        // accepted texts are remembered (cities, dates and codes repeat from subject to subject).
        if (typeof value !== "string") return INVALID;
        const seen = textCache[i]!;
        if (value === seen[0] || value === seen[1] || value === seen[2] || value === seen[3]) return value;
        // The type's reader (a character table for a plain class pattern, src/types/string.ts).
        const slot = reads[i]!(value);
        if (slot !== value) return slot; // INVALID (accepted texts are their own canonical form)
        const at = textCachePos[i]!;
        seen[at] = value;
        textCachePos[i] = (at + 1) & 3;
        return slot;
      }
      default:
        return reads[i]!(value);
    }
  };

  /**
   * A value the fast readers did not take (or an absent input without a default): the input's check
   * decides. INVALID when it gives an issue; otherwise the reader was stricter than the check, which
   * overrules it: the value is valid, for the reference path.
   */
  const decide = (i: number, value: unknown): SlotValue => {
    if (checks[i]!.check(value) instanceof FactIssue) return INVALID;
    (validator as { overruled: number }).overruled++;
    return NOT_FAST;
  };

  const validator: FactsValidator = {
    names,
    kinds,
    enumValues: names.map((_, i) => (codes[i] === CODE_ENUM ? enumLists[i] : undefined)),
    overruled: 0,
    check(facts, slots) {
      // The try is here, not in a wrapper: the check is too large to be inlined into one (a call per decision).
      try {
        if (!isFactsObject(facts)) return CheckResult.Invalid;
        const record = facts;
        let result: CheckResult = CheckResult.Fast;
        let seen = 0;
        let next = 0;
        // One pass over the keys (for…in, as the facts walk lists them): an unknown key rejects; a value
        // read with the for…in key is a fast load. Facts usually list the inputs in declared order.
        // Checking each key with hasOwnProperty costs a quarter of an evaluation; only a prototype chain
        // with enumerable properties (a polluted Object.prototype, a class) can put inherited keys here.
        const inherits = hasEnumerableInherited(record);
        // More inputs than bits: the slots themselves mark the inputs not enumerated yet.
        if (all === -1) for (let i = 0; i < count; i++) slots[i] = UNSEEN;
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
          // The two commonest kinds inline (a value they do not take goes through `read`, then the check).
          const code = codes[i];
          if (code === CODE_ENUM && typeof value === "string") {
            const list = enumLists[i]!;
            let k = 0;
            while (k < list.length && list[k] !== value) k++;
            if (k === list.length) {
              // Not one of the values: the input's check gives the issue.
              if (decide(i, value) === INVALID) return CheckResult.Invalid;
              result = CheckResult.Valid;
              continue;
            }
            slots[i] = value;
            slots[count + i] = k;
            continue;
          }
          if (code === CODE_MONEY && typeof value === "string") {
            const n = parseFen(value);
            if (n !== undefined && n >= moneyLo[i]! && n <= moneyHi[i]!) {
              slots[i] = n === 0 ? 0 : n;
              continue;
            }
          }
          if (code === CODE_BOOLEAN && typeof value === "boolean") {
            slots[i] = value;
            continue;
          }
          if (code === CODE_TEXT && typeof value === "string") {
            // A text accepted lately (read's cache, looked at here without the call).
            const seen = textCache[i]!;
            if (value === seen[0] || value === seen[1] || value === seen[2] || value === seen[3]) {
              slots[i] = value;
              continue;
            }
          }
          let slot = value === undefined ? (defaults[i] === undefined ? INVALID : defaults[i]) : read(i, value);
          if (slot === INVALID) {
            slot = decide(i, value);
            if (slot === INVALID) return CheckResult.Invalid;
          }
          if (slot === NOT_FAST) result = CheckResult.Valid;
          slots[i] = slot;
          if (code === CODE_ENUM) slots[count + i] = enumLists[i]!.indexOf(slot as string);
        }
        if (seen !== all) {
          for (let i = 0; i < count; i++) {
            // Inputs not enumerated: absent (or not enumerable, or hidden by a proxy), as the facts walk,
            // which lists own enumerable keys, finds them too. Never read by name.
            if (all !== -1 ? (seen & (1 << i)) !== 0 : slots[i] !== UNSEEN) continue;
            // Without a default, the input's check can only say missing_input; a default reads fast (or
            // there would be no compiled validator).
            const slot = defaults[i];
            if (slot === undefined) return CheckResult.Invalid;
            slots[i] = slot;
            if (codes[i] === CODE_ENUM) slots[count + i] = enumLists[i]!.indexOf(slot as string);
          }
        }
        return result;
      } catch {
        // A getter or a proxy trap of the caller's facts threw: the facts walk reports the field.
        return CheckResult.Invalid;
      }
    },
    data(slots) {
      const out: Record<string, unknown> = {};
      for (let i = 0; i < count; i++) out[names[i]!] = slotData(kinds[i]!, slots[i]);
      return out;
    },
  };
  return validator;
}

const CODE_OTHER = 0;
const CODE_MONEY = 1;
const CODE_ENUM = 2;
const CODE_BOOLEAN = 3;
const CODE_TEXT = 4;

/** An input's slot before the check saw it (rules of more than 30 inputs). */
const UNSEEN = Symbol("unseen");

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
