import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { dayOf } from "../../src/analysis/days.js";
import { NotAnalysableError, RegionLimitError } from "../../src/analysis/errors.js";
import { boundsOf, satisfies } from "../../src/analysis/linear.js";
import * as R from "../../src/analysis/rational.js";
import { regionsOf } from "../../src/analysis/regions-of.js";
import { executeVersion, valueAtPoint, wholeSpace, type FiniteSet, type Path } from "../../src/analysis/regions.js";
import { witnessOf } from "../../src/analysis/region-view.js";
import { lineKind, numeric } from "../../src/analysis/line.js";
import { parseFacts } from "../../src/engine/reference-decision.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import { VALUE_TYPES } from "../../src/types/index.js";
import { validFacts } from "../property/generators.js";
import { fixtureEngine } from "../diff/helpers.js";

/*
 * The regions of a rule version are a second, independent statement of it over all its inputs at once:
 * they must be disjoint and cover every input the engine accepts, and on each the analysis' values of
 * the applicable test, every condition and every outcome field must be the engine's decision. Checked
 * for every shipped rule version at random facts and at every region's bounds ± one step of the input's
 * grid (the fen, the unit, the day). JJJ_REGION_POINTS sets the random facts per version (default 40).
 */

const POINTS = Number(process.env["JJJ_REGION_POINTS"] ?? 40);
/** A big run takes seconds per rule (sjz-2018/transformation-targets: 128 regions, each point located among them): no per-test limit then. */
const TIMEOUT = POINTS > 100 ? 3_600_000 : 30_000;

const engine = defaultEngine();
const versions = engine.ruleSet.ruleIds().flatMap((id) => engine.ruleSet.versions(id));

/**
 * What the region analysis cannot state, per rule: each a real limit of the method (docs/analysis.md),
 * listed so that a new one is a test failure.
 */
const EXPECTED_OBSTACLES: ReadonlyMap<string, RegExp> = new Map([
  // (current − previous) ÷ previous: a divisor that varies.
  ["hd-2018/contract-growth-review", /divisor that varies/],
  // proportion × base amount, profit proportion × investment: a product of two inputs is not linear.
  ["hd-2018/county-subsidy", /product of two values that vary/],
  ["hd-2018/soe-profit-treatment", /product of two values that vary/],
  // spendingDate ≤ acceptanceDate + N years: a shift by whole years is not affine in days.
  ["sjz-2018/surplus-funds-retention", /compares dates/],
]);

function inSet(set: FiniteSet, value: unknown): boolean {
  if (set.kind === "values") return set.values.some((v) => v === value);
  if (set.kind === "except") return typeof value === "string" && !set.except.includes(value);
  return Array.isArray(value) && set.has.every((h) => value.includes(h)) && !set.lacks.some((l) => value.includes(l));
}

/** The numeric inputs of parsed facts as rationals (dates as day numbers). */
function pointOf(version: LoadedRuleVersion, data: Record<string, unknown>): Map<string, R.Q> {
  const point = new Map<string, R.Q>();
  for (const [x, spec] of Object.entries(version.file.inputs)) {
    const v = data[x];
    if (spec.type === "date") point.set(x, R.q(dayOf(v as string)));
    else if (lineKind(spec.type) !== undefined) point.set(x, numeric(v) ?? expect.unreachable(`${x}: ${String(v)} is not a number`));
  }
  return point;
}

function holds(path: Path, data: Record<string, unknown>, point: Map<string, R.Q>): boolean {
  for (const [x, set] of path.region.finite) if (!inSet(set, data[x])) return false;
  return path.region.cons.every((c) => satisfies(c, point));
}

/** Check one set of facts: exactly one region holds it, and its values are the engine's decision. */
function check(version: LoadedRuleVersion, paths: Path[], on: string, facts: Record<string, unknown>): boolean {
  let decision;
  try {
    decision = engine.evaluate(version.file.id, facts, { on, version: version.file.version, explain: false });
  } catch {
    return false; // refused by the engine (a date shift past its dates): no region need hold it
  }
  const data = parseFacts(version, facts);
  const point = pointOf(version, data);
  const where = `${version.file.id} v${version.file.version} on ${on}: ${JSON.stringify(facts)}`;
  const holding = paths.filter((p) => holds(p, data, point));
  expect(holding.length, where).toBe(1);
  const p = holding[0]!;
  const at = (v: Parameters<typeof valueAtPoint>[0]) => valueAtPoint(v, point, (x) => data[x]);
  const mine = {
    applicable: at(p.applicable!) === true,
    conditions: version.conditions.map((c) => at(p.conditions.get(c.spec.id)!) === true),
    outcome: Object.fromEntries(version.outcome.map((f) => [f.name, VALUE_TYPES[f.spec.type].formatOutcome(at(p.outcome.get(f.name)!), f.name)])),
  };
  const engines = { applicable: decision.applicable, conditions: decision.conditions.map((c) => c.holds), outcome: decision.outcome };
  if (JSON.stringify(mine) !== JSON.stringify(engines)) expect(engines, where).toEqual(mine);
  return true;
}

/** Facts at each region's witness and at each bound of each numeric input ± one grid step. */
function boundaryFacts(version: LoadedRuleVersion, paths: Path[]): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  for (const p of paths) {
    const w = witnessOf(version.file.inputs, p.region);
    if (!w) continue;
    out.push(w.facts);
    for (const [x, spec] of Object.entries(version.file.inputs)) {
      if (p.region.finite.has(x)) continue;
      const step = spec.type === "money" ? R.q("0.01") : spec.type === "integer" || spec.type === "date" ? R.ONE : R.q("0.000001");
      const b = boundsOf(p.region.cons, x);
      for (const end of [b.lo, b.hi]) {
        if (!end) continue;
        for (const v of [R.sub(R.toStep(end.at, step, false), step), R.toStep(end.at, step, false), R.toStep(end.at, step, true), R.add(R.toStep(end.at, step, true), step)]) {
          const value = spec.type === "date" ? new Date(Number(v.num / v.den) * 86_400_000).toISOString().slice(0, 10) : spec.type === "integer" ? Number(v.num / v.den) : R.toDec(v).toFixed();
          out.push({ ...w.facts, [x]: value });
        }
      }
    }
  }
  return out;
}

const totals = { points: 0, regions: [] as number[] };

describe("the regions of every shipped rule version agree with the engine", () => {
  for (const version of versions) {
    const id = `${version.file.id} v${version.file.version}`;
    it(`${id}: every region's bounds ± one step and ${POINTS} random facts`, () => {
      const on = version.validFrom;
      let paths: Path[];
      try {
        paths = executeVersion(version, on);
      } catch (error) {
        if (!(error instanceof NotAnalysableError)) throw error;
        expect(error.message, id).toMatch(EXPECTED_OBSTACLES.get(version.file.id) ?? /^$/);
        return;
      }
      expect(EXPECTED_OBSTACLES.has(version.file.id), `${id} is analysable now: remove it from EXPECTED_OBSTACLES`).toBe(false);
      totals.regions.push(paths.length);
      let checked = 0;
      for (const facts of boundaryFacts(version, paths)) if (check(version, paths, on, facts)) checked++;
      for (const facts of fc.sample(validFacts(version), POINTS)) if (check(version, paths, on, facts)) checked++;
      totals.points += checked;
      expect(checked, `${id}: no point was checked`).toBeGreaterThan(0);
    }, TIMEOUT);
  }

  it("checked points (printed for the record)", () => {
    const sorted = [...totals.regions].sort((a, b) => a - b);
    console.log(`regions soundness: ${totals.points} points; regions per version min ${sorted[0]} median ${sorted[Math.floor(sorted.length / 2)]} max ${sorted[sorted.length - 1]} over ${sorted.length} versions`);
    expect(totals.points).toBeGreaterThan(0);
  });
});

describe("regionsOf", () => {
  const fixture = fixtureEngine("amendment");

  it("states version 1 of the fixture: the eligible classes and its three formulas, exact bounds worked out from the text", () => {
    // v1: eligible ⟺ enterpriseCity = shijiazhuang ∧ transferMode ∈ {transfer, license} ∧ sourceRegion ∈
    // {beijing, tianjin} ∧ contractAmount ≥ 500,000; amount = min(500,000, 10% × min(x, 1,000,000) + 5% ×
    // max(0, x − 1,000,000)): 10% × x on [500,000, 1,000,000], 50,000 + 5% × x on (1,000,000, 9,000,000),
    // 500,000 from 9,000,000 (50,000 + 5% × 9,000,000 = 500,000: the cap, a tie, is taken there).
    const r = regionsOf("sjz-2025/absorption-subsidy", { on: "2025-06-01", version: 1, engine: fixture });
    const eligible = r.regions.filter((x) => x.fields["eligible"]!.kind === "constant" && (x.fields["eligible"] as { value: unknown }).value === true);
    expect(eligible.map((x) => [x.bounds["contractAmount"], x.fields["amount"]])).toEqual([
      [{ from: { at: "500000", closed: true }, to: { at: "1000000", closed: true } }, { kind: "affine", terms: { contractAmount: "0.1" }, constant: "0", rounding: [{ places: 2, mode: "half-up" }] }],
      [{ from: { at: "9000000", closed: true }, to: { at: "999999999999999.99", closed: true } }, { kind: "constant", value: "500000.00" }],
      [{ from: { at: "1000000", closed: false }, to: { at: "9000000", closed: false } }, { kind: "affine", terms: { contractAmount: "0.05" }, constant: "50000", rounding: [{ places: 2, mode: "half-up" }] }],
    ]);
    // The finite inputs are split into the classes the rule tells apart, not into every value.
    for (const x of eligible) expect(x.finite).toEqual({ transferMode: { values: ["transfer", "license"] }, sourceRegion: { values: ["beijing", "tianjin"] }, enterpriseCity: { values: ["shijiazhuang"] } });
    expect(r.regions.every((x) => x.confirmed)).toBe(true);
    expect(eligible[0]!.text.en).toBe("contractAmount in [500,000.00, 1,000,000.00]; transferMode ∈ {transfer, license}; sourceRegion ∈ {beijing, tianjin}; enterpriseCity = shijiazhuang");
  });

  it("relates several numeric inputs by linear constraints (indirect ≤ 30% × (direct − equipment))", () => {
    const r = regionsOf("sjz-2018/indirect-cost-cap", { on: "2018-06-01" });
    const relations = new Set(r.regions.flatMap((x) => x.relations));
    expect([...relations]).toEqual(expect.arrayContaining([expect.stringMatching(/indirectCost/)]));
    expect(r.regions.every((x) => x.confirmed)).toBe(true);
  });

  it("says per rule what it cannot state, with the operation and pointer", () => {
    expect(() => regionsOf("hd-2018/county-subsidy")).toThrow(NotAnalysableError);
    try {
      regionsOf("hd-2018/county-subsidy");
    } catch (e) {
      expect((e as NotAnalysableError).pointer).toBe("outcome.amount#/if/1");
      expect((e as NotAnalysableError).op).toBe("jjj.mul");
    }
  });

  it("stops at its bound on the region count with a typed error naming the limit and the option", () => {
    // sjz-2018/transformation-targets has seven targets, each met or not: 2^7 = 128 regions.
    expect(regionsOf("sjz-2018/transformation-targets").regions.length).toBe(128);
    try {
      regionsOf("sjz-2018/transformation-targets", { maxRegions: 100 });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(RegionLimitError);
      expect([(e as RegionLimitError).limit, (e as RegionLimitError).option, (e as RegionLimitError).code]).toEqual(["MAX_REGIONS", "maxRegions", "region_limit"]);
    }
  });

  it("starts from the whole space: each numeric input within its domain, each finite input unrestricted", () => {
    const v = fixture.ruleSet.versions("sjz-2025/absorption-subsidy")[0]!;
    const whole = wholeSpace(v);
    expect(boundsOf(whole.cons, "contractAmount")).toEqual({ lo: { at: R.ZERO, closed: true }, hi: { at: R.q("999999999999999.99"), closed: true } });
    expect(whole.finite.get("enterpriseCity")).toEqual({ kind: "except", except: [] });
  });
});

describe("the feasibility test's bound", () => {
  it("refuses an elimination step of more pairs than maxConstraints before building it", async () => {
    const { solve } = await import("../../src/analysis/linear.js");
    // 40 lower and 40 upper bounds of x, each with its own slope in y (half of each positive, half negative):
    // eliminating x or y takes 40 × 40 = 1,600 pairs.
    const cons = Array.from({ length: 80 }, (_, i) => ({
      f: { c: new Map([["x", i < 40 ? R.ONE : R.neg(R.ONE)], ["y", R.q((i % 2 === 0 ? 1 : -1) * (i + 1))]]), k: R.q(1000) },
      rel: "ge" as const,
    }));
    expect(() => solve(cons, () => R.ZERO, 1000)).toThrow(RegionLimitError);
    expect(() => solve(cons, () => R.ZERO, 1000)).toThrow(/MAX_REGION_CONSTRAINTS; raise it with the option maxConstraints/);
  });
});
