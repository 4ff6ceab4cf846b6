import { describe, expect, it } from "vitest";
import { logicText, namesOf } from "../../src/logic/formula.js";
import { readVar } from "../../src/ops/references.js";
import { failure, problems, run } from "./helpers.js";

// References (src/ops/references.ts): var, jjj.param, jjj.condition, jjj.outcome, jjj.on.

describe("references", () => {
  it("name one declared thing with a literal string", () => {
    expect(problems({ var: ["money", 0] })).toEqual(['dynamic_reference @/var: "var" must name one thing with a literal string (no computed paths, no defaults)']);
    expect(problems({ var: "nope" })[0]).toMatch(/^undeclared_input @\/var: var "nope" names no declared input \(inputs: money, count/);
    expect(problems({ "jjj.param": "nope" })).toEqual(['undeclared_parameter @/jjj.param: jjj.param "nope" names no parameter (parameters: cap)']);
    expect(problems({ "jjj.condition": "later" })).toEqual(['undeclared_condition @/jjj.condition: jjj.condition "later" names no condition defined before this point']);
    expect(problems({ "jjj.outcome": "later" })).toEqual(['undeclared_outcome @/jjj.outcome: jjj.outcome "later" names no outcome field defined before this point']);
    expect(problems({ var: "constructor" })).toEqual(['forbidden_name @/var: "var" may not name "constructor"']);
    expect(problems({ "jjj.on": [1] })).toEqual(["wrong_arity @/jjj.on: jjj.on takes no operands"]);
    expect(problems({ "jjj.on": null })).toEqual([]);
  });

  it("read own properties and the environment only", () => {
    expect(readVar({ a: { b: 1 } }, "a.b", null)).toBe(1);
    expect(readVar({}, "toString", null)).toBe(null);
    expect(run({ var: "a" }, { a: 5 })).toBe(5);
    expect(run({ "jjj.param": "cap" })).toBe("100");
    expect(run({ "jjj.condition": "met" })).toBe(true);
    expect(run({ "jjj.outcome": "amount" })).toBe("5");
    expect(run({ "jjj.on": [] })).toBe("2025-06-01");
    expect(failure({ "jjj.param": "toString" })).toBe('jjj.param: unknown name "toString"');
  });

  it("are written by name, qualified when a rule uses a name twice", () => {
    const names = namesOf({ inputs: { city: {} }, parameters: { city: {} } });
    expect(logicText({ "===": [{ var: "city" }, { "jjj.param": "city" }] }, names)).toBe("city (input) = city (parameter)");
    expect(logicText({ "jjj.on": [] })).toBe("evaluationDate");
  });
});
