/*
 * The one check of a fact (the value given for one input), for every value type: the value's canonical
 * form, or the issue that says what is wrong with it. It is built from the input's value type module
 * (its Expectation: the accept function, the "expected …" words, the hint for a common mistake).
 *
 * Both verdicts of the engine come from here: the facts walk (engine/facts.ts) reports the issue of
 * every input, and the compiled fast validator asks this check about every value its inline readers do
 * not take, so that "invalid" always comes with the issue that made it (docs/architecture.md, "One
 * facts validator").
 */
import { describeSafely } from "../exact/describe-safely.js";
import type { InputSpec } from "../schema/rule-file.js";
import { RUNTIME_VALUE_TYPES as VALUE_TYPES } from "./runtime.js";
import type { Expectation } from "./value-type.js";

/**
 * What is wrong with one fact: a {@link PolicyIssue} without its path (the facts walk adds the input's name).
 *
 * @example
 * const issue = inputCheck({ type: "boolean", label }).check("yes") as FactIssue;
 * issue.code //=> "invalid_value"
 */
export class FactIssue {
  constructor(
    /** `missing_input`, `unreadable_input` or `invalid_value`. */
    readonly code: "missing_input" | "unreadable_input" | "invalid_value",
    /** What is wrong, in English, e.g. `invalid money: remove the thousands separators`. */
    readonly message: string,
    /** The words after "expected", from the value type. */
    readonly expected: string,
    /** The value received, described safely and cut short. */
    readonly received: string,
  ) {}
}

/**
 * A fact whose getter (or proxy trap) threw when the facts walk read it: the check reports it as an
 * issue of that input (`unreadable_input`).
 *
 * @example
 * inputCheck(spec).check(new Unreadable("Error: boom")) // FactIssue { code: "unreadable_input", … }
 */
export class Unreadable {
  constructor(readonly reason: string) {}
}

/**
 * An error thrown by a caller's getter or proxy, in words (`Error: boom`); never throws itself.
 *
 * @example
 * reasonOf(new TypeError("revoked")) //=> "TypeError: revoked"
 */
export function reasonOf(error: unknown): string {
  try {
    return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    return "an error that cannot be shown";
  }
}

/**
 * The check of one input: {@link InputCheck.check} returns the canonical value or a {@link FactIssue}.
 *
 * @example
 * const c: InputCheck = inputCheck({ type: "money", label });
 * c.check("3000000") //=> "3000000.00"
 */
export interface InputCheck {
  /** The input's value type's words for what it must be. */
  readonly expected: string;
  /** The input's value type's acceptance (canonical form or undefined), without the issue. */
  readonly expectation: Expectation;
  /**
   * A fact's canonical value, or the {@link FactIssue} that says why it is not accepted. `undefined` is
   * an absent fact: the input's default (canonical), or `missing_input`. May throw only when the
   * caller's value is hostile beyond reading (a proxy whose traps throw on a second look); the facts
   * walk reports that as facts that cannot be read.
   */
  check(value: unknown): unknown;
}

/**
 * Build the check of an input from its value type's module.
 *
 * @example
 * inputCheck({ type: "enum", label, values: { a: { zh: "甲", en: "A" } } }).check("b") instanceof FactIssue //=> true
 */
export function inputCheck(spec: InputSpec): InputCheck {
  const exp = VALUE_TYPES[spec.type].expectation(spec);
  return {
    expected: exp.expected,
    expectation: exp,
    check(value) {
      if (value === undefined) {
        // A fresh canonical default each time: a list default must not be shared between decisions.
        if (spec.default !== undefined) return exp.accept(spec.default);
        return new FactIssue("missing_input", "missing required input", exp.expected, "nothing");
      }
      let accepted: unknown;
      try {
        accepted = value instanceof Unreadable ? undefined : exp.accept(value);
      } catch (error) {
        value = new Unreadable(reasonOf(error)); // e.g. a list that is a proxy whose traps throw
      }
      if (value instanceof Unreadable) {
        return new FactIssue("unreadable_input", `the value could not be read: ${value.reason}`, exp.expected, "a value whose getter or proxy threw");
      }
      if (accepted === undefined) {
        const hint = exp.hint?.(value);
        return new FactIssue("invalid_value", `invalid ${spec.type}${hint ? `: ${hint}` : ""}`, exp.expected, describeSafely(value));
      }
      return accepted;
    },
  };
}

/**
 * Whether an input takes a value (e.g. its declared default): the loader's check of defaults.
 *
 * @example
 * acceptsFact({ type: "boolean", label }, "true") //=> false
 */
export function acceptsFact(spec: InputSpec, value: unknown): boolean {
  return !(inputCheck(spec).check(value) instanceof FactIssue);
}
