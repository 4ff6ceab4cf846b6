import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { evaluateInSet } from "../../src/engine/evaluate.js";
import { InvalidFactsError, InvalidParameterError, RuleEvaluationError } from "../../src/errors.js";
import {
  MAX_DECIMAL_FRACTION_DIGITS,
  MAX_DECIMAL_INTEGER_DIGITS,
  MAX_INPUT_FRACTION_DIGITS,
  MAX_INPUT_INTEGER_DIGITS,
} from "../../src/exact/limits.js";
import { guardPrototypes, thrown } from "./guard.js";
import { EVALUATION_PATHS, type Facts } from "../helpers/paths.js";
import { runCli } from "../helpers/cli.js";

// Issue #11, items 2 and 4: no intermediate rounding, decimals always in plain notation, and a date
// beyond 9999 a typed error naming the input. Each check runs on both evaluation paths (the fast path
// of evaluateInSet and the decimal.js reference path), which must agree.
guardPrototypes();

const set = defaultEngine().ruleSet;
const paths = EVALUATION_PATHS;

const county = (proportion: string, baseAmount: string): Facts => ({
  subjectType: "enterprise",
  city: "handan",
  tookUpAchievement: true,
  subsidyBase: "contract-value",
  baseAmount,
  proportion,
});

/** Plain notation: digits, at most one point, an optional minus; never an exponent. */
const PLAIN = /^-?\d+(\.\d+)?$/;

describe.each(paths)("money is rounded once (%s)", (_name, run) => {
  it("0.00499…9 (47 decimals) × 1 yuan is 0.00499…9 yuan: 0.00 to the fen, not 0.01", () => {
    const proportion = "0.00" + "4" + "9".repeat(44);
    expect(proportion.length - 2).toBe(47);
    const d = run("hd-2018/county-subsidy", county(proportion, "1"), "2019-06-30");
    expect(d.outcome["amount"]).toBe("0.00");
  });

  it("0.005 × 1 yuan is exactly half a fen: half-up gives 0.01 (the one rounding, where the rule says)", () => {
    const d = run("hd-2018/county-subsidy", county("0.005", "1"), "2019-06-30");
    expect(d.outcome["amount"]).toBe("0.01");
  });

  it("a proportion just under a whole fen of a large base is not rounded before the fen", () => {
    // 0.0049999…9 (40 nines) × 999999999999999.99: the exact product is 4999999999999.9998…, far from a
    // half fen, but a 40-digit intermediate would still be exact here; push the nines past 40 digits.
    const proportion = "0.004" + "9".repeat(45);
    const d = run("hd-2018/county-subsidy", county(proportion, "1.00"), "2019-06-30");
    expect(d.outcome["amount"]).toBe("0.00");
  });
});

describe.each(paths)("decimals in and out are plain notation (%s)", (_name, run) => {
  const tiny = "0." + "0".repeat(30) + "1"; // 1e-31
  const huge = "1" + "0".repeat(40); // 1e40

  it.each([tiny, huge, "0." + "0".repeat(MAX_INPUT_FRACTION_DIGITS - 1) + "7", "9".repeat(MAX_INPUT_INTEGER_DIGITS)])(
    "a decimal input %s is accepted, and echoed without an exponent",
    (value) => {
      const d = run("hd-2018/invention-patents", { inventionPatentsPer10kPeople: value }, "2019-06-30");
      const numbers = Object.values(d.outcome).filter((v): v is string => typeof v === "string" && /\d/.test(v) && !/^\d{4}-\d\d-\d\d$/.test(v));
      expect(numbers.length).toBeGreaterThan(0);
      for (const v of numbers) expect(v).toMatch(PLAIN);
      expect(JSON.stringify(d)).not.toMatch(/\de[+-]\d/);
    },
  );

  it("a rate below 1e-30 times a base gives a plain result", () => {
    const d = run("hd-2018/county-subsidy", county(tiny, "1"), "2019-06-30");
    expect(d.outcome["amount"]).toBe("0.00");
  });

  it("a rate outcome of 1e-31 − 0 and a decimal shortfall of a 1e40 input are written plainly", () => {
    const share = run("hd-2018/bjtj-output-share", { handanShareOfBjTjOutput: tiny, baselineHandanShareOfBjTjOutput: "0" }, "2019-06-30");
    expect(share.outcome["shareChange"]).toBe(tiny);
    const facts = { tradingPlatformCount: 0, transformationBaseCount: 0, trainingBaseCount: 0, majorCooperationProjectCount: 0, techTradeValue: "0", transferInstitutionCount: 0 };
    for (const value of [tiny, huge]) {
      const d = run("sjz-2018/transformation-targets", { ...facts, inventionPatentsPer10k: value }, "2019-06-30");
      expect(d.outcome["inventionPatentsShortfall"]).toMatch(PLAIN);
    }
  });

  it("inputs with more digits than the limits are invalid facts naming the input", () => {
    for (const value of ["1" + "0".repeat(MAX_INPUT_INTEGER_DIGITS), "0." + "0".repeat(MAX_INPUT_FRACTION_DIGITS) + "1"]) {
      const error = thrown(() => run("hd-2018/invention-patents", { inventionPatentsPer10kPeople: value }, "2019-06-30"));
      expect(error).toBeInstanceOf(InvalidFactsError);
      expect((error as InvalidFactsError).issues.map((i) => i.path)).toEqual(["inventionPatentsPer10kPeople"]);
    }
  });
});

describe("parameters are echoed in plain notation", () => {
  const version = () => set.versions("hd-2018/invention-patents")[0]!;
  const decimalParameter = () => Object.entries(version().file.parameters).find(([, s]) => s.type === "decimal" || s.type === "rate" || s.type === "money")!;
  it("a what-if parameter of 50 integer digits (the limit) is echoed without an exponent", () => {
    const [name, spec] = decimalParameter();
    expect(spec.type).not.toBe("rate"); // a rate of 10^49 would break the rate's bound, not the digits
    const value = "9" + "0".repeat(MAX_INPUT_INTEGER_DIGITS - 1);
    const d = evaluateInSet(set, "hd-2018/invention-patents", { inventionPatentsPer10kPeople: "1" }, { on: "2019-06-30", parameters: { [name]: value } });
    expect(d.parameters[name]).toBe(value);
  });
  it("a what-if parameter of 51 integer digits is refused like a fact of 51 digits, naming the limit", () => {
    const [name] = decimalParameter();
    const error = thrown(() =>
      evaluateInSet(set, "hd-2018/invention-patents", { inventionPatentsPer10kPeople: "1" }, { on: "2019-06-30", parameters: { [name]: "9" + "0".repeat(MAX_INPUT_INTEGER_DIGITS) } }),
    );
    expect(error).toBeInstanceOf(InvalidParameterError);
    expect((error as InvalidParameterError).parameter).toBe(name);
    expect((error as Error).message).toContain("MAX_INPUT_INTEGER_DIGITS");
  });
});

describe("the limits are coherent", () => {
  it("inputs fit well within the values an evaluation may build: a product of two inputs never exceeds them", () => {
    expect(2 * MAX_INPUT_INTEGER_DIGITS).toBeLessThanOrEqual(MAX_DECIMAL_INTEGER_DIGITS);
    expect(2 * MAX_INPUT_FRACTION_DIGITS).toBeLessThanOrEqual(MAX_DECIMAL_FRACTION_DIGITS);
  });
});

describe.each(paths)("a date beyond 9999 (%s)", (_name, run) => {
  it("9995-10-11 + 5 years is an invalid-facts error naming leavingDate, not an evaluation failure", () => {
    const error = thrown(() => run("sjz-2018/researcher-startup-leave", { employerCity: "shijiazhuang", leavingDate: "9995-10-11" }, "2019-06-01"));
    expect(error).toBeInstanceOf(InvalidFactsError);
    expect(error).not.toBeInstanceOf(RuleEvaluationError);
    const issues = (error as InvalidFactsError).issues;
    expect(issues.map((i) => i.path)).toEqual(["leavingDate"]);
    expect(issues[0]!.message).toMatch(/9999-12-31/);
  });

  it("9994-10-11 + 5 years still computes", () => {
    const d = run("sjz-2018/researcher-startup-leave", { employerCity: "shijiazhuang", leavingDate: "9994-10-11" }, "2019-06-01");
    expect(d.inForce).toBe(true);
  });
});

const cli = runCli;

describe("through the CLI", () => {
  it("a rate of 1e-31 evaluates (exit 0) and prints no exponent", async () => {
    const facts = JSON.stringify(county("0." + "0".repeat(30) + "1", "1"));
    const r = await cli(["eval", "hd-2018/county-subsidy", "--facts", "f.json", "--on", "2019-06-30", "--no-explain"], { "f.json": facts });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(r.stdout).not.toMatch(/\de[+-]\d/);
    expect(JSON.parse(r.stdout).outcome.amount).toBe("0.00");
  });

  it("a leaving date of 9995-10-11: exit 2 naming leavingDate, no internal error", async () => {
    const facts = JSON.stringify({ employerCity: "shijiazhuang", leavingDate: "9995-10-11" });
    const r = await cli(["eval", "sjz-2018/researcher-startup-leave", "--facts", "f.json", "--on", "2019-06-01"], { "f.json": facts });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/leavingDate/);
    expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
  });
});

/* ---------------------------------------------------------------------------------------------- */
/* Long decimals at random: an exact oracle, and the two paths against each other                  */
/* ---------------------------------------------------------------------------------------------- */

/** A random plain decimal of `intDigits` integer digits at most and `places` decimals at most. */
function longDecimal(r: () => number, intDigits: number, places: number): string {
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(r() * 10)).join("");
  const int = digits(1 + Math.floor(r() * intDigits)).replace(/^0+(?=\d)/, "");
  const p = Math.floor(r() * (places + 1));
  return p === 0 ? int : `${int}.${digits(p)}`;
}

/** `proportion × baseAmount` half-up to the fen, in BigInt: the exact answer the engine must give. */
function oracleAmount(proportion: string, baseAmount: string): string {
  const [pi, pf = ""] = proportion.split(".");
  const [bi, bf = ""] = baseAmount.split(".");
  const scale = pf.length + bf.length;
  const product = BigInt(pi! + pf) * BigInt(bi! + bf);
  // To the fen: drop scale − 2 digits, half-up (both factors are non-negative).
  let fen: bigint;
  if (scale <= 2) fen = product * 10n ** BigInt(2 - scale);
  else {
    const unit = 10n ** BigInt(scale - 2);
    fen = (product * 2n + unit) / (2n * unit);
  }
  const text = fen.toString().padStart(3, "0");
  return `${text.slice(0, -2)}.${text.slice(-2)}`;
}

describe("county-subsidy on 2,000 random long proportions: the exact amount, on both paths", () => {
  it("matches a BigInt oracle", () => {
    let seed = 0x2d2d;
    const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 2000; i++) {
      // A proportion in [0, 1) of up to 50 decimals, often just below a half fen of the base.
      const proportion = r() < 0.3 ? `0.00${"4".repeat(1)}${"9".repeat(1 + Math.floor(r() * 44))}` : `0.${longDecimal(r, 1, 49).replace(".", "")}`.slice(0, 52);
      const baseAmount = longDecimal(r, 15, 2);
      const facts = county(proportion, baseAmount);
      const expected = oracleAmount(proportion, baseAmount);
      for (const [name, run] of paths) {
        const d = run("hd-2018/county-subsidy", facts, "2019-06-30");
        if (d.outcome["amount"] !== expected) expect({ name, proportion, baseAmount, amount: d.outcome["amount"] }).toEqual({ name, proportion, baseAmount, amount: expected });
      }
    }
  });
});

describe("rules with decimal and rate inputs, on long decimals: fast path = reference path", () => {
  const ids = set.ruleIds().filter((id) => set.versions(id).some((v) => Object.values(v.file.inputs).some((s) => s.type === "decimal" || s.type === "rate")));

  it("there are such rules", () => expect(ids.length).toBeGreaterThanOrEqual(7));

  it.each(ids)("%s", (id) => {
    let seed = id.length * 7919;
    const r = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const version = set.versions(id).at(-1)!;
    const base = version.file.examples.find((e) => !("rejects" in e) || !e.rejects)!;
    let decisions = 0;
    for (let i = 0; i < 300; i++) {
      const facts: Facts = { ...(base.facts as Facts) };
      for (const [name, spec] of Object.entries(version.file.inputs)) {
        if (spec.type !== "decimal" && spec.type !== "rate") continue;
        const bounded = spec.max !== undefined && Number(spec.max) <= 1;
        facts[name] = bounded ? (r() < 0.1 ? "1" : `0.${longDecimal(r, 1, 49).replace(".", "")}`.slice(0, 52)) : longDecimal(r, MAX_INPUT_INTEGER_DIGITS, MAX_INPUT_FRACTION_DIGITS);
      }
      const outcome = (run: (typeof paths)[number][1]) => {
        try {
          return { ok: true, outcome: run(id, facts, base.on).outcome };
        } catch (error) {
          return { ok: false, name: (error as Error).name, message: (error as Error).message };
        }
      };
      const fast = outcome(paths[0]![1]);
      const reference = outcome(paths[1]![1]);
      expect({ facts, fast }).toEqual({ facts, fast: reference });
      if (fast.ok) {
        decisions++;
        for (const v of Object.values(fast.outcome!)) if (typeof v === "string" && /^-?\d/.test(v) && !/^\d{4}-\d\d-\d\d$/.test(v)) expect(v).toMatch(PLAIN);
      }
    }
    expect(decisions).toBeGreaterThan(150);
  });
});
