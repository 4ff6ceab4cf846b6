import type { OutcomeValue } from "./decision.js";

/*
 * What the compiler knows of a rule set's rules: a map from rule id to `{ facts, outcome }`, carried by a
 * rule set as a type only (RuleSet's `"~rules"`, never present at run time; the `~` prefix is valibot's and
 * Standard Schema's convention for such type carriers). The shipped rule modules declare theirs
 * (`ShippedRules`, generated from rules/), so `evaluateIn(loadBundledRules(RULES), "…")` checks the id, the
 * facts and types the outcome as `evaluate` of the main entry does; a set loaded from files read at run time
 * knows nothing (`R = unknown`): any id, facts checked at run time.
 */

/**
 * A rule id as a function over a rule set with rules `R` takes it: one of the ids the compiler knows (a
 * misspelt literal is a compile error, and editors complete the ids), or a `string` only known at run time.
 * Over a rule set whose rules are not known (`R = unknown`), any string.
 *
 * @category Engine
 * @example
 * function f<Id extends string>(id: RuleIdIn<ShippedRules<"sjz-2025/absorption-subsidy">, Id>) {}
 * f("sjz-2025/absorption-subsidy"); // ok
 * f("sjz-2025/absorption-subsidi"); // compile error
 */
export type RuleIdIn<R, Id extends string> = unknown extends R ? Id : string extends keyof R ? Id : string extends Id ? Id : Id extends keyof R ? Id : Extract<keyof R, string>;

/**
 * The facts a rule of `R` takes: its typed facts for an id the compiler knows, `unknown` (checked at run
 * time) otherwise.
 *
 * @category Engine
 * @example
 * type F = FactsIn<ShippedRules<"sjz-2025/absorption-subsidy">, "sjz-2025/absorption-subsidy">; // { contractAmount: string | number; … }
 */
export type FactsIn<R, Id extends string> = unknown extends R ? unknown : Id extends keyof R ? (R[Id] extends { facts: infer F } ? F : unknown) : unknown;

/**
 * The outcome of a decision of a rule of `R`: its typed outcome for an id the compiler knows, any outcome
 * otherwise.
 *
 * @category Engine
 * @example
 * type O = OutcomeIn<ShippedRules<"sjz-2025/absorption-subsidy">, "sjz-2025/absorption-subsidy">; // { eligible: boolean; amount: string; granted?: false }
 */
export type OutcomeIn<R, Id extends string> = unknown extends R
  ? Record<string, OutcomeValue>
  : Id extends keyof R
  ? R[Id] extends { outcome: infer O extends Record<string, OutcomeValue> }
    ? O
    : Record<string, OutcomeValue>
  : Record<string, OutcomeValue>;
