import { describe, expect, it } from "vitest";
import { evaluate, evaluateMany, getRule, listRules, matchPolicies } from "../../src/api.js";
import { InvalidArgumentError, InvalidFactsError, InvalidOptionsError, InvalidParameterError } from "../../src/errors.js";
import { guardPrototypes, thrown } from "./guard.js";

// Issue #11, item 12 (library): every option of evaluate, evaluateMany, matchPolicies and listRules is
// checked, with a typed error naming it; each is read once; facts whose getters or proxy traps throw
// are invalid facts naming the field, never "the rule could not be evaluated".
guardPrototypes();

const ID = "sjz-2025/absorption-subsidy";
const ON = "2025-06-01";
const FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" } as const;

/** The InvalidOptionsError a call throws, with the option it names. */
function optionError(f: () => unknown): string {
  const error = thrown(f);
  expect(error).toBeInstanceOf(InvalidOptionsError);
  expect(error).toBeInstanceOf(InvalidArgumentError);
  expect((error as InvalidOptionsError).code).toBe("invalid_option");
  return (error as InvalidOptionsError).option;
}

const evaluateWith = (options: unknown) => () => evaluate(ID, FACTS, options as never);

describe("evaluate options", () => {
  it.each(["no", 0, 1, "false", "true", null, {}])("explain: %j is an InvalidOptionsError naming explain, never a decision", (explain) => {
    expect(optionError(evaluateWith({ on: ON, explain }))).toBe("explain");
  });

  it("explain: true and false are taken; absent means true", () => {
    expect(evaluate(ID, FACTS, { on: ON, explain: false }).explanation).toEqual([]);
    expect(evaluate(ID, FACTS, { on: ON, explain: true }).explanation.length).toBeGreaterThan(0);
    expect(evaluate(ID, FACTS, { on: ON }).explanation.length).toBeGreaterThan(0);
  });

  it.each([
    ["null", null],
    ["a list", [["cap", "1"]]],
    ["a string", "cap=800000"],
    ["a number", 5],
    ["a Map", new Map([["cap", "800000"]])],
    ["a Date", new Date()],
  ])("parameters: %s is an InvalidOptionsError naming parameters", (_name, parameters) => {
    expect(optionError(evaluateWith({ on: ON, parameters }))).toBe("parameters");
  });

  it("parameters: undefined is the same as no parameters (no overrides recorded)", () => {
    const d = evaluate(ID, FACTS, { on: ON, parameters: undefined } as never);
    expect(d).toEqual(evaluate(ID, FACTS, { on: ON }));
    expect(d.provenance.overrides).toBeUndefined();
  });

  it.each([["1"], [1.5], [Number.NaN], [null], [{}]])("version: %j is an InvalidOptionsError naming version", (version) => {
    expect(optionError(evaluateWith({ on: ON, version }))).toBe("version");
  });

  it.each([[20250601], [null], [new Date("2025-06-01")], ["2025-02-30"], ["2025-6-1"]])("on: %j is an InvalidOptionsError naming on", (on) => {
    expect(optionError(evaluateWith({ on }))).toBe("on");
  });

  it.each([
    ["a misspelt option", { date: ON }, "date"],
    ["an unknown option", { on: ON, strict: true }, "strict"],
    ["options that are null", null, ""],
    ["options that are a date string", ON, ""],
    ["options that are a list", [ON], ""],
  ])("%s is an InvalidOptionsError naming it", (_name, options, option) => {
    expect(optionError(evaluateWith(options))).toBe(option);
  });

  it("an option whose getter throws is an InvalidOptionsError naming it", () => {
    const options = {
      on: ON,
      get explain(): boolean {
        throw new Error("boom");
      },
    };
    expect(optionError(evaluateWith(options))).toBe("explain");
  });

  it("options that are a proxy whose traps throw are an InvalidOptionsError", () => {
    const options = new Proxy({ on: ON }, { ownKeys: () => { throw new Error("trap"); } });
    expect(optionError(evaluateWith(options))).toBe("");
  });

  it("each option is read once: a getter cannot show the check one value and the evaluation another", () => {
    let reads = 0;
    const options = {
      on: ON,
      get parameters() {
        reads++;
        return reads === 1 ? { cap: "800000" } : { cap: "-1" };
      },
    };
    const d = evaluate(ID, FACTS, options as never);
    expect(reads).toBe(1);
    expect(d.parameters["cap"]).toBe("800000");
    expect(d.provenance.overrides).toEqual({ cap: "800000" });
  });

  it("an override whose getter throws is an InvalidParameterError naming it", () => {
    const parameters = {
      get cap(): string {
        throw new Error("boom");
      },
    };
    const error = thrown(evaluateWith({ on: ON, parameters }));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).parameter).toBe("cap");
  });
});

describe("values that cannot even be described (a proxy whose every trap throws)", () => {
  const evil = () => new Proxy({}, { get: () => { throw new Error("trap"); } });

  it.each(["explain", "on", "version"])("as the option %s: an InvalidOptionsError naming it", (option) => {
    expect(optionError(evaluateWith({ on: ON, [option]: evil() }))).toBe(option);
  });

  it("as a what-if value: an InvalidParameterError naming the parameter", () => {
    const error = thrown(evaluateWith({ on: ON, parameters: { cap: evil() } }));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).parameter).toBe("cap");
  });

  it("as a fact: an InvalidFactsError naming the field", () => {
    const error = thrown(() => evaluate(ID, { ...FACTS, contractAmount: evil() } as never, { on: ON }));
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect((error as InvalidFactsError).issues.map((i) => i.path)).toEqual(["contractAmount"]);
  });

  it("as a listRules filter: an InvalidOptionsError naming it", () => {
    expect(optionError(() => listRules({ kind: evil() } as never))).toBe("kind");
  });
});

describe("facts that cannot be read", () => {
  const getterFacts = () => ({
    ...FACTS,
    get contractAmount(): string {
      throw new Error("boom");
    },
  });

  it.each([
    ["the fast path", { on: ON }],
    ["the reference path (a what-if)", { on: ON, parameters: { cap: "800000" } }],
    ["without an explanation", { on: ON, explain: false }],
  ])("a getter that throws is an InvalidFactsError naming the field, on %s", (_name, options) => {
    const error = thrown(() => evaluate(ID, getterFacts() as never, options));
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect((error as InvalidFactsError).issues).toEqual([expect.objectContaining({ code: "unreadable_input", path: "contractAmount" })]);
  });

  it("a proxy whose get trap throws for one field names that field", () => {
    const facts = new Proxy({ ...FACTS }, {
      get: (target, key, receiver) => {
        if (key === "transferMode") throw new Error("trap");
        return Reflect.get(target, key, receiver);
      },
    });
    const error = thrown(() => evaluate(ID, facts, { on: ON }));
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect((error as InvalidFactsError).issues.map((i) => [i.code, i.path])).toEqual([["unreadable_input", "transferMode"]]);
  });

  it("a proxy whose ownKeys trap throws is one issue at the root", () => {
    const facts = new Proxy({ ...FACTS }, { ownKeys: () => { throw new Error("trap"); } });
    const error = thrown(() => evaluate(ID, facts, { on: ON }));
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect((error as InvalidFactsError).issues.map((i) => [i.code, i.path])).toEqual([["unreadable_facts", ""]]);
  });

  it("a list fact that is a proxy whose traps throw names the field", () => {
    const facts = { type: "enterprise", fields: new Proxy(["next-generation-it"], { get: () => { throw new Error("trap"); } }) };
    const rule = "bth-2025/joint-research-key-fields";
    const example = getRule(rule).file.examples[0]!;
    const error = thrown(() => evaluate(rule, { ...example.facts, fields: facts.fields } as never, { on: example.on }));
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect((error as InvalidFactsError).issues.map((i) => i.path)).toEqual(["fields"]);
  });

  it("in evaluateMany, such an item is an error result and the run goes on", () => {
    const results = [...evaluateMany(ID, [getterFacts(), FACTS], { on: ON })];
    expect(results[0]!.ok).toBe(false);
    expect(!results[0]!.ok && results[0]!.error).toBeInstanceOf(InvalidFactsError);
    expect(results[1]!.ok && results[1]!.decision.outcome).toEqual({ eligible: true, amount: "200000.00" });
  });
});

describe("evaluateMany options", () => {
  it.each([
    [{ on: ON, explain: "no" }, "explain"],
    [{ on: ON, parameters: null }, "parameters"],
    [{ on: ON, version: "1" }, "version"],
    [{ when: ON }, "when"],
  ])("%j throws at once, naming the option, before any item is read", (options, option) => {
    function* items(): Generator<unknown> {
      throw new Error("an item was read");
    }
    expect(optionError(() => evaluateMany(ID, items(), options as never))).toBe(option);
  });
});

describe("matchPolicies options", () => {
  const profile = { type: "enterprise", city: "shijiazhuang" };

  it.each([
    [null, ""],
    [ON, ""],
    [{ date: ON }, "date"],
    [{ on: 20250601 }, "on"],
    [{ on: "2025-02-30" }, "on"],
  ])("%j is an InvalidOptionsError naming %j", (options, option) => {
    expect(optionError(() => matchPolicies(profile, options as never))).toBe(option);
  });

  it("a profile whose getter throws is an InvalidArgumentError, not an internal error", () => {
    const hostile = {
      type: "enterprise",
      get city(): string {
        throw new Error("boom");
      },
    };
    expect(thrown(() => matchPolicies(hostile, { on: ON }))).toBeInstanceOf(InvalidArgumentError);
  });
});

describe("listRules options and getRule's version", () => {
  it.each([
    [null, ""],
    [{ kind: "benefits" }, "kind"],
    [{ kind: 1 }, "kind"],
    [{ on: "2025-6-1" }, "on"],
    [{ on: 20250601 }, "on"],
    [{ document: 5 }, "document"],
    [{ type: "benefit" }, "type"],
  ])("listRules(%j) is an InvalidOptionsError naming %j, never a quietly empty or full list", (options, option) => {
    expect(optionError(() => listRules(options as never))).toBe(option);
  });

  it("valid filters still filter", () => {
    const benefits = listRules({ on: ON, kind: "benefit", document: "sjz-2025" });
    expect(benefits.length).toBeGreaterThan(0);
    expect(benefits.every((r) => r.file.kind === "benefit" && r.file.document === "sjz-2025")).toBe(true);
  });

  it.each([["1"], [1.5], [Number.NaN]])("getRule with version %j is an InvalidArgumentError", (version) => {
    expect(thrown(() => getRule(ID, version as never))).toBeInstanceOf(InvalidArgumentError);
  });
});
