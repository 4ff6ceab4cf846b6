import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import { analysability } from "../../src/analysis/analysability.js";
import { gridStep } from "../../src/analysis/curve.js";
import { dayOf, isoOf } from "../../src/analysis/days.js";
import { NotAnalysableError } from "../../src/analysis/errors.js";
import { analyseLine, lineKind, valueAt, type Line } from "../../src/analysis/line.js";
import * as R from "../../src/analysis/rational.js";
import { parseFacts } from "../../src/engine/reference-decision.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import { VALUE_TYPES } from "../../src/types/index.js";
import { evaluationDate, validFacts, validValue } from "../property/generators.js";

/*
 * The analysis is a second, independent statement of each rule: along every money, decimal, rate,
 * integer and date input, at every breakpoint ± one step of the input's grid (fen, unit, day) and at
 * random points, its value of every outcome field, condition and the applicable test must be the
 * engine's decision, exactly. JJJ_ANALYSIS_POINTS sets the random points per rule version (default
 * 200; the figure is 100,000: JJJ_ANALYSIS_POINTS=100000 npx vitest run tests/analysis).
 */

const POINTS = Number(process.env["JJJ_ANALYSIS_POINTS"] ?? 200);
/** Random points checked per line (facts and input), besides the breakpoints. */
const PER_LINE = POINTS >= 10_000 ? 50 : 5;
/** A big run takes seconds per rule: no per-test time limit then (the default run stays within it). */
const TIMEOUT = POINTS > 1_000 ? 3_600_000 : undefined;

const engine = defaultEngine();
const versions = engine.ruleSet.ruleIds().flatMap((id) => engine.ruleSet.versions(id));

/** The one-input lines of a version: its money, decimal, rate, integer and date inputs. */
const lineInputs = (v: LoadedRuleVersion) => Object.entries(v.file.inputs).filter(([, s]) => lineKind(s.type) !== undefined).map(([n]) => n);

/**
 * What the analysis may find it cannot state, per rule and input, for some facts: each is a real
 * limit (docs/analysis.md), listed so that a new one is a test failure.
 */
const EXPECTED_OBSTACLES: ReadonlyMap<string, RegExp> = new Map([
  // (current − previous) ÷ previous: along previous the divisor varies; along current, a previous
  // value whose inverse is no finite decimal (3, 7 …) makes the engine round the quotient.
  ["hd-2018/contract-growth-review previousYearContractValue", /divisor that varies/],
  ["hd-2018/contract-growth-review currentYearContractValue", /division by|significant digits/],
]);

function grid(value: R.Q, version: LoadedRuleVersion, input: string): R.Q {
  return gridStep(version, input) ?? R.frac(1n, 10n ** BigInt(Math.max(6, R.isDecimal(value) ? (R.toDec(value).decimalPlaces() ?? 0) : 6)));
}

/** Grid points at and around every breakpoint: the nearest grid values each side and one step further. */
function breakpointPoints(line: Line, version: LoadedRuleVersion): R.Q[] {
  const ends = new Map<string, R.Q>();
  const all = [line.applicable, ...line.conditions.values(), ...line.outcome.values()];
  for (const pw of all) for (const p of pw) for (const e of [p.iv.lo, p.iv.hi]) if (e) ends.set(R.qText(e.at), e.at);
  const out: R.Q[] = [];
  for (const b of ends.values()) {
    const s = grid(b, version, line.input);
    const down = R.toStep(b, s, false);
    const up = R.toStep(b, s, true);
    for (const x of [R.sub(down, s), down, up, R.add(up, s)]) {
      const inside = (!line.domain.lo || R.cmp(x, line.domain.lo.at) >= 0) && (!line.domain.hi || R.cmp(x, line.domain.hi.at) <= 0);
      if (inside) out.push(x);
    }
  }
  return out;
}

function factOf(version: LoadedRuleVersion, input: string, x: R.Q): unknown {
  const type = version.file.inputs[input]!.type;
  if (type === "date") return isoOf(Number(x.num / x.den));
  if (type === "integer") return Number(x.num / x.den);
  return R.toDec(x).toFixed();
}

/** The analysis' decision at x, in the form a decision shows. */
function analysed(version: LoadedRuleVersion, line: Line, x: R.Q) {
  const at = (pw: Line["applicable"]) => {
    const piece = pw.find((p) => (!p.iv.lo || R.cmp(x, p.iv.lo.at) > 0 || (R.eq(x, p.iv.lo.at) && p.iv.lo.closed)) && (!p.iv.hi || R.cmp(x, p.iv.hi.at) < 0 || (R.eq(x, p.iv.hi.at) && p.iv.hi.closed)));
    if (!piece) throw new Error(`no piece holds ${R.qText(x)}`);
    return valueAt(piece.val, x);
  };
  const outcome: Record<string, unknown> = {};
  for (const f of version.outcome) outcome[f.name] = VALUE_TYPES[f.spec.type].formatOutcome(at(line.outcome.get(f.name)!), f.name);
  return {
    applicable: at(line.applicable) === true,
    conditions: version.conditions.map((c) => at(line.conditions.get(c.spec.id)!) === true),
    outcome,
  };
}

/** Check a line at points; returns how many were checked. */
function checkLine(version: LoadedRuleVersion, facts: Record<string, unknown>, on: string, line: Line, points: R.Q[]): number {
  for (const x of points) {
    const changed = { ...facts, [line.input]: factOf(version, line.input, x) };
    const d = engine.evaluate(version.file.id, changed, { on, version: version.file.version, explain: false });
    const mine = analysed(version, line, x);
    const engines = { applicable: d.applicable, conditions: d.conditions.map((c) => c.holds), outcome: d.outcome };
    // Compared as JSON first (fast); on a difference, expect shows it with the point.
    if (JSON.stringify(engines) !== JSON.stringify(mine)) {
      const where = `${version.file.id} v${version.file.version} on ${on} along ${line.input} = ${R.qText(x)} with ${JSON.stringify(facts)}`;
      expect(engines, where).toEqual(mine);
    }
  }
  return points.length;
}

const totals = { points: 0, lines: 0, obstacles: new Map<string, string>() };

describe("the exact analysis agrees with the engine", () => {
  it("lists the rule versions it cannot analyse, with the operation and pointer", () => {
    const stopped = analysability().filter((a) => !a.analysable);
    // Every operation the shipped rules use has an exact symbolic form (ops/*.ts `symbolic`).
    expect(stopped).toEqual([]);
  });

  for (const version of versions) {
    const inputs = lineInputs(version);
    if (inputs.length === 0) continue;
    const runs = Math.max(1, Math.ceil(POINTS / (PER_LINE * inputs.length)));
    it(`${version.file.id} v${version.file.version}: ${inputs.join(", ")} (${runs} fact sets × ${PER_LINE} random points a line, and every breakpoint ± one step)`, () => {
      const inForceDate = evaluationDate(version).filter((on) => on >= version.validFrom && (version.validTo === null || on <= version.validTo));
      const extra = fc.record(Object.fromEntries(inputs.map((n) => [n, fc.array(validValue(version.file.inputs[n]!, version.file), { minLength: PER_LINE, maxLength: PER_LINE })])));
      let analysedLines = 0;
      const check = (facts: Record<string, unknown>, on: string, xs: Record<string, unknown[]>) => {
        const data = parseFacts(version, facts);
        for (const input of inputs) {
          let line: Line;
          try {
            line = analyseLine(version, data, on, input);
          } catch (error) {
            if (!(error instanceof NotAnalysableError)) throw error;
            const key = `${version.file.id} ${input}`;
            expect(error.message, key).toMatch(EXPECTED_OBSTACLES.get(key) ?? /^$/);
            totals.obstacles.set(key, error.reason);
            continue;
          }
          analysedLines++;
          const type = version.file.inputs[input]!.type;
          const random = (xs[input] ?? []).map((v) => (type === "date" ? R.q(dayOf(v as string)) : R.q(String(v))));
          // Random values outside the line's domain (a date whose shift leaves the engine's dates) are refused by both.
          const inDomain = random.filter((x) => (!line.domain.lo || R.cmp(x, line.domain.lo.at) >= 0) && (!line.domain.hi || R.cmp(x, line.domain.hi.at) <= 0));
          totals.points += checkLine(version, facts, on, line, [...breakpointPoints(line, version), ...inDomain]);
        }
      };
      // The worked examples' facts on their dates (in force), then random facts.
      const inForce = (on: string) => on >= version.validFrom && (version.validTo === null || on <= version.validTo);
      for (const example of version.file.examples) {
        if (example.rejects === undefined && inForce(example.on)) check(example.facts as Record<string, unknown>, example.on, {});
      }
      fc.assert(
        fc.property(validFacts(version), inForceDate, extra, (facts, on, xs) => check(facts, on, xs as Record<string, unknown[]>)),
        { numRuns: runs },
      );
      totals.lines += analysedLines;
      // Along at least one input, for some facts (a worked example's at least), the analysis states the rule: it is not vacuous.
      expect(analysedLines, `${version.file.id}: no line was analysed`).toBeGreaterThan(0);
    }, TIMEOUT);
  }

  it("checked points (printed for the record)", () => {
    console.log(`analysis soundness: ${totals.points} points on ${totals.lines} lines; obstacles met: ${JSON.stringify([...totals.obstacles])}`);
    expect(totals.points).toBeGreaterThan(0);
    // The obstacle every fact set meets is met: the expected list is not stale.
    expect(totals.obstacles.get("hd-2018/contract-growth-review previousYearContractValue")).toBe("a divisor that varies with the input (not affine)");
  });
});
