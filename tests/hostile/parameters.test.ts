import { describe, expect, it } from "vitest";
import { evaluate, evaluateMany } from "../../src/api.js";
import { exactNumberText } from "../../src/exact/decimal.js";
import { InvalidArgumentError, InvalidParameterError, RuleFileError } from "../../src/errors.js";
import { createEngine, defaultEngine } from "../../src/api.js";

const set0 = defaultEngine().ruleSet;
const codesOf = (f: () => unknown) => ((thrown(f) as RuleFileError).issues ?? []).map((i) => i.code);
import { loadRules, minimalRule } from "../helpers/fixtures.js";
import { guardPrototypes, thrown } from "./guard.js";
import { runCli } from "../helpers/cli.js";

// Issue #11: a what-if parameter gets every check a rule file's parameter gets, plus bounds (a rate is
// within [0, 1] and money is not negative unless the parameter declares otherwise); a JS number that
// is not exactly the decimal it prints as is refused. Library and CLI.
guardPrototypes();

const ID = "sjz-2025/absorption-subsidy";
const ON = "2025-06-01";
const FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" } as const;

/** The InvalidParameterError an override gives. */
function refused(parameters: Record<string, unknown>): InvalidParameterError {
  const error = thrown(() => evaluate(ID, FACTS, { on: ON, parameters: parameters as never }));
  expect(error).toBeInstanceOf(InvalidParameterError);
  expect(error).toBeInstanceOf(InvalidArgumentError); // callers catching the older class still catch it
  expect((error as InvalidParameterError).code).toBe("invalid_parameter");
  return error as InvalidParameterError;
}

describe("bounds of what-if parameters", () => {
  it.each([
    ["upperBandRate", "-1", "≥ 0"],
    ["upperBandRate", "-0.1", "≥ 0"],
    ["lowerBandRate", "1.5", "≤ 1"],
    ["lowerBandRate", "1.0000001", "≤ 1"],
    ["cap", "-1", "≥ 0"],
    ["threshold", "-0.01", "≥ 0"],
  ])("%s = %s is refused, naming the parameter and the bound %s", (name, value, bound) => {
    const error = refused({ [name]: value });
    expect(error.parameter).toBe(name);
    expect(error.bound).toBe(bound);
    expect(error.message).toContain(`"${name}"`);
    expect(error.message).toContain(bound);
  });

  it("the bounds themselves are allowed: a rate of 0 and of 1, money of 0", () => {
    // upper band 1 on 3,000,000: 100,000 + 2,000,000 = 2,100,000, capped at 500,000; a rate of 0 gives the lower band only.
    expect(evaluate(ID, FACTS, { on: ON, parameters: { upperBandRate: "1" } }).outcome).toEqual({ eligible: true, amount: "500000.00" });
    expect(evaluate(ID, FACTS, { on: ON, parameters: { upperBandRate: "0" } }).outcome).toEqual({ eligible: true, amount: "100000.00" });
    expect(evaluate(ID, FACTS, { on: ON, parameters: { cap: "0" } }).outcome).toEqual({ eligible: true, amount: "0.00" });
  });

  it("no override can produce a negative amount (the issue's -1900000.00 and -100000.00)", () => {
    for (const upperBandRate of ["-1", "-0.1", "-0.0000001"]) refused({ upperBandRate });
  });
});

describe("JS numbers as parameters", () => {
  it("0.1 + 0.2 is refused with a message to pass a string", () => {
    const error = refused({ upperBandRate: 0.1 + 0.2 });
    expect(error.parameter).toBe("upperBandRate");
    expect(error.message).toMatch(/pass the value as a string/);
  });

  it.each([1e21, 1.1 * 1.1, 123456789012345678, Number.NaN, Number.POSITIVE_INFINITY, 5e-7])("%s for a money or rate parameter is refused", (n) => {
    refused({ cap: n });
    refused({ upperBandRate: n });
  });

  it("a number that is exactly the decimal it prints as is taken as that decimal", () => {
    const asNumber = evaluate(ID, FACTS, { on: ON, parameters: { upperBandRate: 0.03, cap: 800000 } });
    const asString = evaluate(ID, FACTS, { on: ON, parameters: { upperBandRate: "0.03", cap: "800000" } });
    expect(asNumber.outcome).toEqual(asString.outcome);
    expect(asNumber.outcome).toEqual({ eligible: true, amount: "160000.00" });
  });

  it("exactNumberText: safe integers, and at most 15 significant digits without an exponent", () => {
    expect(exactNumberText(0.15)).toBe("0.15");
    expect(exactNumberText(9007199254740991)).toBe("9007199254740991");
    expect(exactNumberText(0.1 + 0.2)).toBeUndefined();
    expect(exactNumberText(0.123456789012345)).toBe("0.123456789012345");
    expect(exactNumberText(0.1234567890123456)).toBeUndefined();
    expect(exactNumberText(1e21)).toBeUndefined();
    expect(exactNumberText(1e-7)).toBeUndefined();
    expect(exactNumberText(-0)).toBe("0");
  });

  it("a number is not silently turned into text for a string or enum parameter", () => {
    expect(refused({ city: 5 }).parameter).toBe("city");
  });
});

describe("the other checks of a rule file's parameter apply to overrides", () => {
  it.each([
    ["an unknown name", { capp: "1" }, "capp"],
    ["a list value outside the enum", { eligibleModes: ["transfer", "gift"] }, "eligibleModes"],
    ["a list of non-strings", { eligibleModes: [1] }, "eligibleModes"],
    ["a string for a list", { eligibleModes: "transfer" }, "eligibleModes"],
    ["a money value with an exponent", { cap: "5e5" }, "cap"],
    ["a money value in 万", { cap: "50万" }, "cap"],
  ])("%s is an InvalidParameterError naming the parameter", (_name, parameters, name) => {
    expect(refused(parameters).parameter).toBe(name);
  });

  it("an override is refused exactly when the same value written in a rule file is refused", () => {
    const label = { zh: "比例", en: "rate" };
    const values = ["0", "1", "0.5", "-0.1", "1.5", "abc", "5e-1", 0.5, 0.1 + 0.2];
    let refusedCount = 0;
    for (const value of values) {
      const fileValue = typeof value === "number" ? exactNumberText(value) ?? String(value) : value;
      const rule = minimalRule({ parameters: { threshold: { type: "money", value: "100", label }, rate: { type: "rate", value: fileValue, label } } });
      let fileRefused = false;
      try {
        loadRules(rule);
      } catch (error) {
        expect(error).toBeInstanceOf(RuleFileError);
        fileRefused = true;
      }
      const engine = createEngine(loadRules(minimalRule({ parameters: { threshold: { type: "money", value: "100", label }, rate: { type: "rate", value: "0.5", label } } })));
      let overrideRefused = false;
      try {
        engine.evaluate("sjz-2025/test-rule", { amount: "100" }, { on: ON, parameters: { rate: value } });
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidParameterError);
        overrideRefused = true;
      }
      expect(overrideRefused, `rate ${String(value)}`).toBe(fileRefused || (typeof value === "number" && exactNumberText(value) === undefined));
      if (overrideRefused) refusedCount++;
    }
    expect(refusedCount).toBe(5); // -0.1, 1.5, abc, 5e-1 and 0.1 + 0.2; the other four are taken
  });
});

describe("bounds a rule file declares", () => {
  const label = { zh: "参数", en: "parameter" };
  const rule = (parameters: Record<string, unknown>) => minimalRule({ parameters: { threshold: { type: "money", value: "100", label }, ...parameters } });

  it("a rate may declare a maximum above 1, and money a negative minimum; overrides then follow them", () => {
    const engine = createEngine(loadRules(rule({ growth: { type: "rate", value: "1.5", max: "2", label }, offset: { type: "money", value: "-10", min: "-100", label } })));
    const d = engine.evaluate("sjz-2025/test-rule", { amount: "100" }, { on: ON, parameters: { growth: "1.9", offset: "-100" } });
    expect(d.parameters).toMatchObject({ growth: "1.9", offset: "-100" });
    const error = thrown(() => engine.evaluate("sjz-2025/test-rule", { amount: "100" }, { on: ON, parameters: { growth: "2.5" } }));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).bound).toBe("≤ 2");
  });

  it("an integer is a count, ≥ 0 unless it declares otherwise: a negative target cannot be set by a what-if", () => {
    const id: string = "hd-2018/trading-centre-2020";
    const version = set0.versions(id)[0]!;
    const [name, spec] = Object.entries(version.file.parameters).find(([, s]) => s.type === "integer")!;
    expect(spec.min).toBeUndefined();
    const on = version.file.validity.from.date;
    const facts = version.file.examples[0]!.facts as Record<string, unknown>;
    const error = thrown(() => evaluate(id, facts, { on, parameters: { [name]: -1 } }));
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).bound).toBe("≥ 0");
    expect(evaluate(id, facts, { on, parameters: { [name]: 0 } }).parameters[name]).toBe(0);
    const signed = createEngine(loadRules(rule({ offset: { type: "integer", value: -3, min: "-10", label } })));
    expect(signed.evaluate("sjz-2025/test-rule", { amount: "100" }, { on: ON, parameters: { offset: -10 } }).parameters["offset"]).toBe(-10);
    expect(codesOf(() => loadRules(rule({ n: { type: "integer", value: -1, label } })))).toEqual(["invalid_parameter"]);
  });

  it("an integer may declare bounds too", () => {
    const engine = createEngine(loadRules(rule({ years: { type: "integer", value: 3, min: "1", max: "10", label } })));
    expect((thrown(() => engine.evaluate("sjz-2025/test-rule", { amount: "100" }, { on: ON, parameters: { years: 0 } })) as InvalidParameterError).bound).toBe("≥ 1");
    expect(engine.evaluate("sjz-2025/test-rule", { amount: "100" }, { on: ON, parameters: { years: 10 } }).parameters["years"]).toBe(10);
  });

  it.each([
    ["a rate above 1 without a declared maximum", { r: { type: "rate", value: "1.5", label } }],
    ["a negative rate", { r: { type: "rate", value: "-0.1", label } }],
    ["a value outside its declared bounds", { r: { type: "decimal", value: "11", max: "10", label } }],
    ["min above max", { r: { type: "decimal", value: "5", min: "6", max: "4", label } }],
    ["a bound that is not a decimal", { r: { type: "decimal", value: "5", min: "zero", label } }],
    ["a bound on a string parameter", { r: { type: "string", value: "x", min: "0", label } }],
  ])("a rule file with %s is refused at load", (_name, parameters) => {
    const error = thrown(() => loadRules(rule(parameters)));
    expect(error).toBeInstanceOf(RuleFileError);
    expect((error as RuleFileError).issues.map((i) => i.code)).toEqual(["invalid_parameter"]);
  });
});

describe("evaluateMany", () => {
  it("a bad override throws at once, before any item is read", () => {
    function* items(): Generator<unknown> {
      throw new Error("an item was read");
    }
    const error = thrown(() => evaluateMany(ID, items(), { on: ON, parameters: { upperBandRate: "-1" } }));
    expect(error).toBeInstanceOf(InvalidParameterError);
  });
});

describe("CLI --set", () => {
  const run = (argv: string[]) => runCli(argv, () => JSON.stringify(FACTS));
  const evalWith = (set: string) => run(["eval", ID, "--facts", "-", "--on", ON, "--set", set]);

  it.each([
    ["upperBandRate=-1", "≥ 0"],
    ["upperBandRate=-10%", "≥ 0"],
    ["lowerBandRate=150%", "≤ 1"],
    ["lowerBandRate=1.5", "≤ 1"],
    ["cap=-1", "≥ 0"],
  ])("--set %s: exit 2, naming the parameter and the bound %s, no decision", async (set, bound) => {
    const r = await evalWith(set);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain(set.split("=")[0]);
    expect(r.stderr).toContain(bound);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });

  it("--set lowerBandRate=100% is the bound itself and is taken", async () => {
    const r = await evalWith("lowerBandRate=100%");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).parameters.lowerBandRate).toBe("1");
  });
});
