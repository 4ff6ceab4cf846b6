// Type tests, checked by `tsc -p tests/types` (npm run test:types), never run: each `@ts-expect-error`
// line must fail to compile, and every other line must compile.
import { createEngine, defaultEngine, evaluate, evaluateMany, getRule, safeEvaluate, type Decision, type FactsFor, type OutcomeFor, type RuleFacts, type RuleId } from "../../src/index.js";

const on = { on: "2025-06-01" };

// A shipped rule id written as a literal: the facts are checked against that rule's inputs.
evaluate("sjz-2025/absorption-subsidy", { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }, on);
// Money takes a decimal string or a number.
evaluate("sjz-2025/absorption-subsidy", { contractAmount: 3000000, transferMode: "transfer", sourceRegion: "beijing", enterpriseCity: "shijiazhuang" }, on);

// @ts-expect-error a wrong field name (contractValue is not an input of the rule)
evaluate("sjz-2025/absorption-subsidy", { contractValue: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }, on);

// @ts-expect-error a wrong enum value ("gift" is not a technology-contract type)
evaluate("sjz-2025/absorption-subsidy", { contractAmount: "3000000", transferMode: "gift", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }, on);

// @ts-expect-error a missing required input (transferMode)
evaluate("sjz-2025/absorption-subsidy", { contractAmount: "3000000", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }, on);

// @ts-expect-error money is a string or a number, not a boolean
evaluate("sjz-2025/absorption-subsidy", { contractAmount: true, transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" }, on);

// A typed variable of the rule's facts is accepted as it is.
const facts: RuleFacts["sjz-2025/absorption-subsidy"] = { contractAmount: "800000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
evaluate("sjz-2025/absorption-subsidy", facts, on);

// An id only known at run time takes any object: the engine checks the facts at run time.
const someId: string = "sjz-2025/absorption-subsidy";
evaluate(someId, { anything: 1 }, on);
// A literal id the package does not ship (a misspelling) is a compile error in every function that takes one.
// @ts-expect-error misspelt rule id
evaluate("sjz-2025/absorption-subsidi", {});
// @ts-expect-error misspelt rule id
safeEvaluate("sjz-2025/absorption-subsidi", {});
// @ts-expect-error misspelt rule id
evaluateMany("sjz-2025/absorption-subsidi", []);
// @ts-expect-error misspelt rule id
getRule("sjz-2025/absorption-subsidi");
// A rule of your own is evaluated by an engine over your rule set (below), or with an id typed as string.
evaluate("my-rules/local-rule" as string, { whatever: true });

// The decision of a shipped rule is typed: the subsidy's outcome has a boolean and a decimal string.
const typed = evaluate("sjz-2025/absorption-subsidy", facts, on);
const eligible: boolean = typed.outcome.eligible;
const subsidy: string = typed.outcome.amount;
// @ts-expect-error the amount is a decimal string, never a number
const subsidyAsNumber: number = typed.outcome.amount;
// @ts-expect-error no such outcome field
void typed.outcome.amont;
void eligible;
void subsidy;
void subsidyAsNumber;
const safe = safeEvaluate("sjz-2025/absorption-subsidy", {}, on);
if (safe.ok) {
  const ok: boolean = safe.decision.outcome.eligible;
  void ok;
}
for (const r of evaluateMany("sjz-2025/absorption-subsidy", [facts], on)) if (r.ok) void (r.decision.outcome.amount satisfies string);
// A field without a whenNotInForce value is absent when no version is in force: it is optional.
const shortfall: number | undefined = evaluate("sjz-2025/achievement-library", { achievementEntries: 1 } as never).outcome.shortfall;
void shortfall;
// OutcomeFor of a run-time id is any outcome; a Decision is assignable from a typed one.
const anyOutcome: OutcomeFor<string> = { x: 1 };
const plain: Decision = typed;
void anyOutcome;
void plain;

// RuleId lists the shipped rules only.
const id: RuleId = "sjz-2025/absorption-subsidy";
// @ts-expect-error not a shipped rule id
const notAnId: RuleId = "sjz-2025/no-such-rule";
void id;
void notAnId;

// FactsFor is the typed facts for a literal id, and a loose object for `string`.
const loose: FactsFor<string> = { anything: 1 };
void loose;
// @ts-expect-error FactsFor of a shipped id rejects unknown fields
const strict: FactsFor<"sjz-2025/absorption-subsidy"> = { contractAmount: "1", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "x", extra: 1 };
void strict;

// safeEvaluate is the door for facts you have not checked (a request body): it takes unknown.
const body: unknown = JSON.parse("{}");
const result = safeEvaluate("sjz-2025/absorption-subsidy", body, on);
if (!result.ok) result.issues.map((i) => i.path);

// An engine over a rule set of your own stays loosely typed: it may hold any rules.
const engine = createEngine(defaultEngine().ruleSet);
engine.evaluate("sjz-2025/absorption-subsidy", { contractAmount: "x", transferMode: "gift" }, on);
engine.evaluate(someId, body);

// The decision's outcome values are JSON values, never Decimal.
const amount: string | number | boolean | null | string[] | undefined = evaluate(someId, {}).outcome["amount"];
void amount;

// The testing entry's checkImplementation takes a shipped rule id too.
import { checkImplementation } from "../../src/testing/index.js";
void checkImplementation("sjz-2025/absorption-subsidy", () => ({}));
void checkImplementation({ document: "sjz-2025" }, () => ({}));
// @ts-expect-error misspelt rule id
void checkImplementation("sjz-2025/absorption-subsidi", () => ({}));
