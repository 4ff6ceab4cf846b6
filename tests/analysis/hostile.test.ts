import { describe, expect, it } from "vitest";
import { amountCurve, nearestChangesForMatch, whatWouldChange } from "../../src/analysis/index.js";
import { InvalidArgumentError, InvalidFactsError, InvalidOptionsError, UnknownRuleError, UnknownVersionError } from "../../src/errors.js";

/* Bad input to the analysis entry gets a typed error, never a TypeError from deep inside. */

const RULE = "sjz-2025/absorption-subsidy";
const facts = { contractAmount: "450000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
const on = "2025-06-01";

describe("the analysis entry refuses bad input with typed errors", () => {
  it.each<[string, () => unknown, new (...a: never[]) => Error, RegExp?]>([
    ["facts null", () => whatWouldChange(RULE, null as never, { on }), InvalidFactsError],
    ["facts with __proto__", () => whatWouldChange(RULE, JSON.parse('{"__proto__":{"x":1},"contractAmount":"1"}'), { on }), InvalidFactsError],
    ["options null", () => whatWouldChange(RULE, facts, null as never), InvalidOptionsError, /options must be an object/],
    ["a misspelt option", () => whatWouldChange(RULE, facts, { date: on } as never), InvalidOptionsError, /unknown option "date"/],
    ["a whatWouldChange option given to amountCurve", () => amountCurve(RULE, facts, "contractAmount", { on, goal: "cap" } as never), InvalidOptionsError, /unknown option "goal"/],
    ["an engine that is none", () => whatWouldChange(RULE, facts, { on, engine: {} as never }), InvalidOptionsError, /createEngine/],
    ["a rule that is a number", () => whatWouldChange(5 as never, facts, { on }), InvalidArgumentError, /rule id or a loaded rule version/],
    ["an unknown rule", () => whatWouldChange("nope/x", facts, { on }), UnknownRuleError],
    ["an unknown version", () => whatWouldChange(RULE, facts, { on, version: 7 }), UnknownVersionError],
    ["a goal that is an object", () => whatWouldChange(RULE, facts, { on, goal: {} as never }), InvalidArgumentError, /unknown goal/],
    ["a field named __proto__", () => whatWouldChange(RULE, facts, { on, field: "__proto__" }), InvalidArgumentError, /no boolean outcome field "__proto__"/],
    ["a field named toString", () => whatWouldChange(RULE, facts, { on, goal: "cap", field: "toString" }), InvalidArgumentError, /no money, decimal, rate or integer outcome field "toString"/],
    ["an input named hasOwnProperty", () => amountCurve(RULE, facts, "hasOwnProperty", { on }), InvalidArgumentError],
    ["a match result that is none", () => nearestChangesForMatch(null as never), InvalidArgumentError, /result of match/],
    ["a forged match result", () => nearestChangesForMatch({ measures: [{ status: "decided" }] } as never), InvalidArgumentError, /result of match/],
  ])("%s", (_, call, type, message) => {
    let thrown: unknown;
    try {
      call();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(type);
    if (message) expect((thrown as Error).message).toMatch(message);
  });
});
