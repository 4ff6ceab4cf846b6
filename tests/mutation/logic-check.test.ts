import { describe, expect, it } from "vitest";
import { checkLogic, MAX_LOGIC_DEPTH, MAX_LOGIC_NODES, staticTypeOf, type LogicScope } from "../../src/logic/check.js";
import { SCOPE, problems } from "../ops/helpers.js";

// Tests written for mutants of src/logic/check.ts that survived `npm run test:mutation` (docs/testing.md,
// "Mutation testing"). They state what the rule profile check reports (codes, pointers, messages) and the
// types and references it gives the tree, so they hold whatever way the tree is built.

const label = (en: string) => ({ zh: en, en });
const nest = (levels: number): unknown => (levels === 0 ? true : { "!": [nest(levels - 1)] });

describe("limits of one expression", () => {
  it(`nesting: ${MAX_LOGIC_DEPTH} levels are taken, one more is too deep (reported once, where it happens)`, () => {
    expect(problems(nest(MAX_LOGIC_DEPTH))).toEqual([]);
    expect(problems(nest(MAX_LOGIC_DEPTH + 1))).toEqual([`too_deep @${"/!/0".repeat(MAX_LOGIC_DEPTH + 1)}: logic is nested deeper than ${MAX_LOGIC_DEPTH} levels`]);
  });

  it(`size: ${MAX_LOGIC_NODES} nodes are taken, one more is too large (reported once)`, () => {
    // {"in": [1, [ …items ]]}: the operation, the 1, the list and its items.
    const logic = (items: number) => ({ in: [1, Array.from({ length: items }, () => 0)] });
    expect(problems(logic(MAX_LOGIC_NODES - 3))).toEqual([]);
    expect(problems(logic(MAX_LOGIC_NODES - 2))).toEqual([`too_large @/in/1/${MAX_LOGIC_NODES - 3}: logic has more than ${MAX_LOGIC_NODES} nodes`]);
    expect(problems(logic(MAX_LOGIC_NODES + 50))).toEqual([`too_large @/in/1/${MAX_LOGIC_NODES - 3}: logic has more than ${MAX_LOGIC_NODES} nodes`]);
  });
});

describe("literals and their static types", () => {
  it.each([
    [null, "null"],
    [3, "number"],
    [false, "boolean"],
    ["2025-01-01", "date"],
    ["2025-02-30", "string"],
    ["x", "string"],
    [[1, "a"], "array"],
  ])("%j is a %s", (literal, type) => {
    expect(checkLogic(literal, SCOPE).tree.type).toBe(type);
  });

  it("a list's items are nodes with their pointers", () => {
    expect(checkLogic([1, "a"], SCOPE).tree.operands.map((n) => [n.pointer, n.type])).toEqual([
      ["/0", "number"],
      ["/1", "string"],
    ]);
  });

  it("an object must have exactly one key", () => {
    expect(problems({})).toEqual(["literal_object @: an object in logic must have exactly one key, the operation (found 0: none); literal objects are not allowed"]);
    expect(problems({ a: 1, b: 2 })).toEqual(["literal_object @: an object in logic must have exactly one key, the operation (found 2: a, b); literal objects are not allowed"]);
    expect(problems({ a: 1, b: 2, c: 3, d: 4, e: 5, f: 6 })).toEqual([
      "literal_object @: an object in logic must have exactly one key, the operation (found 6: a, b, c, d, e); literal objects are not allowed",
    ]);
    expect(checkLogic({ a: 1, b: 2 }, SCOPE).tree.type).toBe("any");
  });
});

describe("operations", () => {
  it("an unknown one, its name escaped in the pointer", () => {
    expect(problems({ nope: [] })).toEqual(['unknown_operation @/nope: unknown operation "nope"']);
    expect(problems({ "a/b~c": [] })).toEqual(['unknown_operation @/a~1b~0c: unknown operation "a/b~c"']);
    const tree = checkLogic({ nope: [1] }, SCOPE).tree;
    expect([tree.type, tree.op, tree.args, tree.operands]).toEqual(["any", undefined, [1], []]);
  });

  it("a single operand not in a list is reported at the operation's pointer", () => {
    expect(problems({ "-": "x" })).toEqual(['float_arithmetic @/-: "-" is float arithmetic on a string; use the exact jjj.* operations for money, rates and decimals']);
    expect(problems({ "-": ["x"] })).toEqual(['float_arithmetic @/-/0: "-" is float arithmetic on a string; use the exact jjj.* operations for money, rates and decimals']);
  });

  it("arity messages: exact, at least, a range", () => {
    expect(problems({ "jjj.sub": ["1"] })).toEqual(['wrong_arity @/jjj.sub: "jjj.sub" takes 2 operand(s), found 1']);
    expect(problems({ "jjj.add": [] })).toEqual(['wrong_arity @/jjj.add: "jjj.add" takes at least 1 operand(s), found 0']);
    expect(problems({ "jjj.round": [] })).toEqual(['wrong_arity @/jjj.round: "jjj.round" takes 1–3 operand(s), found 0']);
    expect(problems({ "jjj.round": ["1", 2, "up"] })).toEqual([]);
    expect(problems({ "jjj.sub": ["1", "2"] })).toEqual([]);
  });

  it("positional operand specs check each position", () => {
    expect(problems({ "jjj.dateAddMonths": [{ var: "day" }, 3] })).toEqual([]);
    expect(problems({ "jjj.dateAddMonths": [3, { var: "day" }] })).toEqual([
      "not_date @/jjj.dateAddMonths/0: jjj.dateAddMonths needs a date YYYY-MM-DD first; this operand is a number",
      "not_integer @/jjj.dateAddMonths/1: jjj.dateAddMonths needs a whole number second; this operand is a date",
    ]);
  });

  it("the result type: fixed, or computed from the operands", () => {
    expect(checkLogic({ "jjj.add": ["1", "2"] }, SCOPE).tree.type).toBe("decimal");
    expect(checkLogic({ if: [true, { var: "money" }, { var: "money" }] }, SCOPE).tree.type).toBe("decimal");
    expect(checkLogic({ if: [true, { var: "money" }, { var: "city" }] }, SCOPE).tree.type).toBe("any");
  });

  it("jjj.on reads nothing: its operands are not visited", () => {
    expect(problems({ "jjj.on": [{ var: "nope" }] })).toEqual(["wrong_arity @/jjj.on: jjj.on takes no operands"]);
    const tree = checkLogic({ "jjj.on": [] }, SCOPE).tree;
    expect([tree.type, tree.operands, tree.reference]).toEqual(["date", [], undefined]);
  });
});

describe("references", () => {
  it("must name one thing with a literal string", () => {
    const message = (op: string) => `dynamic_reference @/${op}: "${op}" must name one thing with a literal string (no computed paths, no defaults)`;
    expect(problems({ var: ["money", "0"] })).toEqual([message("var")]);
    expect(problems({ var: 1 })).toEqual([message("var")]);
    expect(problems({ "jjj.param": [] })).toEqual([message("jjj.param")]);
    expect(problems({ "jjj.condition": { var: "x" } })).toEqual([message("jjj.condition")]);
  });

  it("may not name a property of Object.prototype, nor a path through one", () => {
    expect(problems({ var: "constructor" })).toEqual(['forbidden_name @/var: "var" may not name "constructor"']);
    expect(problems({ var: "money.__proto__" })).toEqual(['forbidden_name @/var: "var" may not name "money.__proto__"']);
    expect(problems({ "jjj.param": "toString" })).toEqual(['forbidden_name @/jjj.param: "jjj.param" may not name "toString"']);
  });

  it("each kind says what is declared", () => {
    expect(problems({ var: "nope" })).toEqual(['undeclared_input @/var: var "nope" names no declared input (inputs: money, count, rate, day, city, tags, flag)']);
    expect(problems({ "jjj.param": "nope" })).toEqual(['undeclared_parameter @/jjj.param: jjj.param "nope" names no parameter (parameters: cap)']);
    expect(problems({ "jjj.condition": "nope" })).toEqual(['undeclared_condition @/jjj.condition: jjj.condition "nope" names no condition defined before this point']);
    expect(problems({ "jjj.outcome": "nope" })).toEqual(['undeclared_outcome @/jjj.outcome: jjj.outcome "nope" names no outcome field defined before this point']);
  });

  it("lists at most 20 declared names, and says none when there are none", () => {
    const inputs = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`i${i}`, { type: "integer", label: label("x") }]));
    const many = { ...SCOPE, inputs } as LogicScope;
    const first20 = Array.from({ length: 20 }, (_, i) => `i${i}`).join(", ");
    expect(checkLogic({ var: "nope" }, many).problems[0]!.message).toBe(`var "nope" names no declared input (inputs: ${first20}, …)`);
    const twenty = { ...SCOPE, inputs: Object.fromEntries(Object.entries(inputs).slice(0, 20)) } as LogicScope;
    expect(checkLogic({ var: "nope" }, twenty).problems[0]!.message).toBe(`var "nope" names no declared input (inputs: ${first20})`);
    const none = { ...SCOPE, parameters: {} } as LogicScope;
    expect(checkLogic({ "jjj.param": "nope" }, none).problems[0]!.message).toBe('jjj.param "nope" names no parameter (parameters: none)');
  });

  it("an inherited name is not declared", () => {
    const inputs = Object.create({ inherited: { type: "integer", label: label("x") } }) as LogicScope["inputs"];
    expect(checkLogic({ var: "inherited" }, { ...SCOPE, inputs }).problems.map((p) => p.code)).toEqual(["undeclared_input"]);
  });

  it("resolve to their kind, name, position and type, and are collected by kind", () => {
    const scope: LogicScope = { ...SCOPE, conditions: new Set(["a", "b"]), outcomes: new Map([["x", "money"], ["y", "boolean"]]) };
    const check = checkLogic({ and: [{ var: "rate" }, { "jjj.param": "cap" }, { "jjj.condition": "b" }, { "jjj.outcome": "y" }, { var: "rate" }] }, scope);
    expect(check.problems).toEqual([]);
    expect(check.tree.operands.map((n) => [n.type, n.reference])).toEqual([
      ["decimal", { kind: "input", name: "rate", index: 2 }],
      ["decimal", { kind: "parameter", name: "cap", index: 0 }],
      ["boolean", { kind: "condition", name: "b", index: 1 }],
      ["boolean", { kind: "outcome", name: "y", index: 1 }],
      ["decimal", { kind: "input", name: "rate", index: 2 }],
    ]);
    expect([[...check.inputs], [...check.parameters], [...check.conditions], [...check.outcomes]]).toEqual([["rate"], ["cap"], ["b"], ["y"]]);
    expect(check.tree.operands[0]!.operands).toEqual([]);
  });

  it("positions follow a condition set and an outcome map that grow while a rule loads", () => {
    const conditions = new Set(["a"]);
    const outcomes = new Map<string, "money">([["x", "money"]]);
    const scope: LogicScope = { ...SCOPE, conditions, outcomes };
    expect(checkLogic({ "jjj.condition": "a" }, scope).tree.reference?.index).toBe(0);
    expect(checkLogic({ "jjj.outcome": "x" }, scope).tree.reference?.index).toBe(0);
    conditions.add("b");
    outcomes.set("z", "money");
    expect(checkLogic({ "jjj.condition": "b" }, scope).tree.reference?.index).toBe(1);
    expect(checkLogic({ "jjj.outcome": "z" }, scope).tree.reference?.index).toBe(1);
    expect(checkLogic({ "jjj.condition": "a" }, scope).tree.reference?.index).toBe(0);
  });

  it("staticTypeOf: each value type's static type", () => {
    expect(["money", "decimal", "rate", "integer", "boolean", "date", "enum", "enumList", "string"].map((t) => staticTypeOf(t as never))).toEqual([
      "decimal",
      "decimal",
      "decimal",
      "number",
      "boolean",
      "date",
      "string",
      "array",
      "string",
    ]);
  });
});
