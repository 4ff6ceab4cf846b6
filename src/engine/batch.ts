import type { RuleSet } from "./rule-set.js";
import { InvalidArgumentError, PolicyError, type PolicyIssue } from "../errors.js";
import type { Decision, OutcomeValue } from "./decision.js";
import type { EvaluateOptions } from "./evaluate-options.js";
import { evaluationDate } from "./evaluation-date.js";
import { choose } from "./choice.js";
import type { Choice } from "./evaluation-cache.js";
import { checkOverrides } from "./overrides.js";
import { evaluateChosen } from "./evaluate-chosen.js";
import { readEvaluateOptions } from "./options.js";

/**
 * One result of `evaluateMany` (and `Engine.evaluateMany`): the decision for the item at `index`, or the error that
 * prevented it (invalid facts, or an error in the rule's logic for those facts), with its issues.
 *
 * @category Engine
 * @example
 * for (const r of evaluateMany("sjz-2025/absorption-subsidy", subjects, { on: "2025-06-01" })) {
 *   if (r.ok) total += Number(r.decision.outcome.amount); else console.error(r.index, r.issues);
 * }
 */
export type BatchResult<Outcome extends object = Record<string, OutcomeValue>> =
  | { index: number; ok: true; decision: Decision<Outcome> }
  | { index: number; ok: false; error: Error; issues: readonly PolicyIssue[] };

/** The issues of an error, as `safeEvaluate` reports them; an error that is not a PolicyError is one issue. */
export function errorIssues(error: Error): readonly PolicyIssue[] {
  const issues = (error as { issues?: readonly PolicyIssue[] }).issues;
  if (error instanceof PolicyError) return issues ?? [{ code: error.code, path: "", message: error.message }];
  return [{ code: "evaluation_error", path: "", message: `${error.name}: ${error.message}` }];
}

/**
 * Evaluate one rule for many subjects, lazily: the rule, the version and the options are resolved once,
 * then each item of `facts` gives one {@link BatchResult}, in order. A bad item gives an error result
 * and the run goes on; an unknown rule, a bad date or bad options throw at once, before any item is read.
 * Memory stays bounded: nothing is kept from one item to the next.
 *
 * @throws {UnknownRuleError} | {UnknownVersionError} | {InvalidArgumentError} (its subclasses name the option or parameter)
 */
export function evaluateManyInSet(
  set: RuleSet,
  ruleId: string,
  facts: Iterable<unknown>,
  rawOptions?: EvaluateOptions,
): IterableIterator<BatchResult> {
  // Read and copied once: a caller changing the options during the run changes nothing.
  const options = readEvaluateOptions(rawOptions);
  if (facts === null || typeof facts !== "object" || typeof (facts as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new InvalidArgumentError("evaluateMany takes an iterable of facts (an array, a generator …)");
  }
  const on = evaluationDate(options.on);
  const choice = choose(set, ruleId, on, options.version);
  checkOverrides(choice.template, options); // a bad override throws now, not once per item
  // An array is read by index (no iterator protocol per item); anything else through its iterator.
  const items = Array.isArray(facts) ? facts : undefined;
  return new BatchIterator(items, items ? undefined : facts[Symbol.iterator](), choice, on, options);
}

/** An iterator without a generator's resume cost: one `next()` per item. */
class BatchIterator implements IterableIterator<BatchResult> {
  private index = 0;

  constructor(
    private readonly array: readonly unknown[] | undefined,
    private readonly items: Iterator<unknown> | undefined,
    private readonly choice: Choice,
    private readonly on: string,
    private readonly options: EvaluateOptions,
  ) {}

  next(): IteratorResult<BatchResult> {
    let item: unknown;
    const index = this.index;
    if (this.array) {
      if (index >= this.array.length) return { done: true, value: undefined };
      item = this.array[index];
    } else {
      const r = this.items!.next();
      if (r.done) return { done: true, value: undefined };
      item = r.value;
    }
    this.index = index + 1;
    let value: BatchResult;
    try {
      value = { index, ok: true, decision: evaluateChosen(this.choice, item, this.on, this.options) };
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      value = { index, ok: false, error, issues: errorIssues(error) };
    }
    return { done: false, value };
  }

  return(value?: unknown): IteratorResult<BatchResult> {
    this.items?.return?.(value);
    return { done: true, value: undefined };
  }

  [Symbol.iterator](): IterableIterator<BatchResult> {
    return this;
  }
}
