import type { RuleSet } from "../catalog/rule-set.js";
import { InvalidArgumentError, PolicyError, type PolicyIssue } from "../errors.js";
import type { Decision } from "./decision.js";
import { checkOptions, choose, evaluateChosen, evaluationDate, type EvaluateOptions } from "./evaluate.js";

/**
 * One result of {@link evaluateManyInSet}: the decision for the item at `index`, or the error that
 * prevented it (invalid facts, or an error in the rule's logic for those facts), with its issues.
 *
 * @category Engine
 * @example
 * for (const r of evaluateMany("sjz-2025/absorption-subsidy", subjects, { on: "2025-06-01" })) {
 *   if (r.ok) total += Number(r.decision.outcome.amount); else console.error(r.index, r.issues);
 * }
 */
export type BatchResult =
  | { index: number; ok: true; decision: Decision }
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
 * @throws {UnknownRuleError} | {UnknownVersionError} | {InvalidArgumentError}
 */
export function evaluateManyInSet(
  set: RuleSet,
  ruleId: string,
  facts: Iterable<unknown>,
  options: EvaluateOptions = {},
): IterableIterator<BatchResult> {
  checkOptions(options);
  if (facts === null || typeof facts !== "object" || typeof (facts as Iterable<unknown>)[Symbol.iterator] !== "function") {
    throw new InvalidArgumentError("evaluateMany takes an iterable of facts (an array, a generator …)");
  }
  const on = evaluationDate(options.on);
  const choice = choose(set, ruleId, on, options.version);
  return new BatchIterator(facts[Symbol.iterator](), (item) => evaluateChosen(choice, item, on, options));
}

/** An iterator without a generator's resume cost: one `next()` per item. */
class BatchIterator implements IterableIterator<BatchResult> {
  #items: Iterator<unknown>;
  #decide: (item: unknown) => Decision;
  #index = 0;

  constructor(items: Iterator<unknown>, decide: (item: unknown) => Decision) {
    this.#items = items;
    this.#decide = decide;
  }

  next(): IteratorResult<BatchResult> {
    const item = this.#items.next();
    if (item.done) return { done: true, value: undefined };
    const index = this.#index++;
    let value: BatchResult;
    try {
      value = { index, ok: true, decision: this.#decide(item.value) };
    } catch (thrown) {
      const error = thrown instanceof Error ? thrown : new Error(String(thrown));
      value = { index, ok: false, error, issues: errorIssues(error) };
    }
    return { done: false, value };
  }

  return(value?: unknown): IteratorResult<BatchResult> {
    this.#items.return?.(value);
    return { done: true, value: undefined };
  }

  [Symbol.iterator](): IterableIterator<BatchResult> {
    return this;
  }
}
