import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { main } from "../../src/cli/main.js";
import type { CliIo } from "../../src/cli/io.js";
import { _evaluateReference, evaluateInSet } from "../../src/engine/evaluate.js";
import type { Decision } from "../../src/engine/decision.js";
import { InvalidFactsError, RuleEvaluationError } from "../../src/errors.js";
import {
  MAX_DECIMAL_FRACTION_DIGITS,
  MAX_DECIMAL_INTEGER_DIGITS,
  MAX_INPUT_FRACTION_DIGITS,
  MAX_INPUT_INTEGER_DIGITS,
} from "../../src/engine/limits.js";
import { guardPrototypes, thrown } from "./guard.js";

// Issue #11, items 2 and 4: no intermediate rounding, decimals always in plain notation, and a date
// beyond 9999 a typed error naming the input. Each check runs on both evaluation paths (the fast path
// of evaluateInSet and the decimal.js reference path), which must agree.
guardPrototypes();

const set = defaultEngine().ruleSet;
type Facts = Record<string, unknown>;
const paths: [string, (id: string, facts: Facts, on: string) => Decision][] = [
  ["fast path", (id, facts, on) => evaluateInSet(set, id, facts, { on })],
  ["reference path", (id, facts, on) => _evaluateReference(set, id, facts, { on })],
];

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
  it("a what-if parameter of 51 digits is echoed without an exponent", () => {
    const version = set.versions("hd-2018/invention-patents")[0]!;
    const [name] = Object.entries(version.file.parameters).find(([, s]) => s.type === "decimal" || s.type === "rate" || s.type === "money")!;
    const value = "9" + "0".repeat(50);
    const d = evaluateInSet(set, "hd-2018/invention-patents", { inventionPatentsPer10kPeople: "1" }, { on: "2019-06-30", parameters: { [name]: value } });
    expect(d.parameters[name]).toBe(value);
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

async function cli(argv: string[], files: Record<string, string>) {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    stdout: (t) => void (stdout += t),
    stderr: (t) => void (stderr += t),
    readText: async (p) => {
      if (!Object.prototype.hasOwnProperty.call(files, p)) throw new Error(`no file ${p}`);
      return files[p]!;
    },
    engine: () => defaultEngine(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

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
