// Type tests, checked by `tsc -p tests/types` (npm run test:types), never run: each `@ts-expect-error`
// line must fail to compile, and every other line must compile.
import { createEngine, defaultEngine, evaluate, safeEvaluate, type FactsFor, type RuleFacts, type RuleId } from "../../src/index.js";

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
// An id the package does not ship (a rule of your own, or a misspelling) is not typed either; it fails at run time.
evaluate("my-rules/local-rule", { whatever: true });

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
