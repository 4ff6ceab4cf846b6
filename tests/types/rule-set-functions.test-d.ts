// Type tests of the engine entry's functions of a rule set (`npm run test:types`, never run): over a set
// loaded from shipped rule modules, ids, facts and outcomes are typed as for `evaluate`; over a set of files
// read at run time, anything goes (checked at run time). Each `@ts-expect-error` line must fail to compile.
import {
  createEngine,
  evaluateIn,
  evaluateManyIn,
  getRuleIn,
  loadBundledRules,
  safeEvaluateIn,
  type Decision,
  type RuleModule,
  type RulesOfModules,
  type RuleSet,
  type RuleSource,
  type ShippedRules,
} from "../../src/engine-entry.js";
import { loadRuleSet } from "../../src/index.js";

// What dist/rules/…d.ts declare (scripts/build-rule-modules.mjs); the packed tarball's own are checked by tests/package/smoke.mjs.
declare const SUBSIDY: RuleModule<ShippedRules<"sjz-2025/absorption-subsidy">>;
declare const HD: RuleModule<ShippedRules<"hd-2018/trading-subsidy" | "hd-2018/civil-military-transfer">>;
declare const DOCUMENT: RuleModule<ShippedRules<never>>;
declare const someId: string;
const on = { on: "2025-06-01" };
const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" } as const;

const rules = loadBundledRules(SUBSIDY, DOCUMENT);
const typedSet: RuleSet<ShippedRules<"sjz-2025/absorption-subsidy">> = rules;
void typedSet;

// The outcome is typed: `eligible` a boolean, `amount` a string.
const eligible: boolean = evaluateIn(rules, "sjz-2025/absorption-subsidy", facts, on).outcome.eligible;
const amount: string = evaluateIn(rules, "sjz-2025/absorption-subsidy", facts, on).outcome.amount;
void eligible;
void amount;
// @ts-expect-error a misspelt id
evaluateIn(rules, "sjz-2025/absorption-subsidi", facts, on);
// @ts-expect-error a shipped rule that is not in this set
evaluateIn(rules, "hd-2018/trading-subsidy", {}, on);
// @ts-expect-error a value the enum does not have
evaluateIn(rules, "sjz-2025/absorption-subsidy", { ...facts, transferMode: "gift" }, on);
// @ts-expect-error a missing input
evaluateIn(rules, "sjz-2025/absorption-subsidy", { contractAmount: "1" }, on);
// @ts-expect-error a misspelt id, in every function that takes one
getRuleIn(rules, "sjz-2025/absorption-subsidi");
// @ts-expect-error
safeEvaluateIn(rules, "sjz-2025/absorption-subsidi", {});
// @ts-expect-error
evaluateManyIn(rules, "sjz-2025/absorption-subsidi", []);

// safeEvaluateIn takes unknown facts (a request body) and types the decision it returns.
const result = safeEvaluateIn(rules, "sjz-2025/absorption-subsidy", JSON.parse("{}") as unknown);
if (result.ok) {
  const ok: boolean = result.decision.outcome.eligible;
  void ok;
}
for (const r of evaluateManyIn(rules, "sjz-2025/absorption-subsidy", [facts])) {
  if (r.ok) {
    const a: string = r.decision.outcome.amount;
    void a;
  }
}

// Several modules: the set knows every rule of each.
const both = loadBundledRules(SUBSIDY, HD);
evaluateIn(both, "hd-2018/trading-subsidy", JSON.parse("{}") as never, on);
const bothRules: RulesOfModules<[typeof SUBSIDY, typeof HD]> = {} as ShippedRules<"sjz-2025/absorption-subsidy" | "hd-2018/trading-subsidy" | "hd-2018/civil-military-transfer">;
void bothRules;

// An id known only at run time is checked at run time, with an untyped outcome.
const loose: Decision = evaluateIn(rules, someId, {});
void loose;
// A set of files read at run time knows no rule: any id, any facts.
const fromFiles = loadRuleSet([]);
evaluateIn(fromFiles, "any/rule", { anything: 1 });
// A module list not declared by the package (plain RuleSource[]) knows nothing either.
declare const plain: readonly RuleSource[];
evaluateIn(loadBundledRules(plain), "any/rule", 1);
evaluateIn(loadBundledRules(SUBSIDY, plain), "any/rule", 1);
// Modules spread from a list of unknown length: nothing known either.
declare const many: RuleModule<ShippedRules<"sjz-2025/absorption-subsidy">>[];
evaluateIn(loadBundledRules(...many), "any/rule", 1);

// A typed set is a RuleSet, and an engine over it is an Engine like any other (ids as strings).
const asPlain: RuleSet = rules;
const engine = createEngine(rules);
engine.evaluate(someId, {});
void asPlain;
