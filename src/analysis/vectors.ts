import { defaultEngine, type Engine } from "../api.js";
import type { Decision } from "../engine/decision.js";
import { nextDay, previousDay } from "../engine/dates.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { Dec } from "../exact/decimal.js";
import type { RuleKind } from "../schema/rule-file.js";
import type { LocalizedText } from "../schema/common.js";
import { ENGINE_ID } from "../version.js";
import { forEachNode } from "../logic/walk.js";
import { operandNodes, type LogicNode } from "../logic/tree.js";
import { amountCurve } from "./curve.js";

/*
 * Generated boundary vectors (issue #17): for every rule version, the facts one step either side of each
 * exact breakpoint of the analysis (amountCurve: each threshold, band limit and cap, along each money,
 * decimal, rate, integer and date input), and every validity edge. Their expected results are the
 * engine's own decisions: they are kept apart from the hand-computed worked examples and marked
 * `generated: true` with the engine that produced them. They catch an implementation that moves a
 * boundary; they do not prove the engine right (the worked examples do that).
 */

/**
 * The step either side of a breakpoint of a decimal or rate input, which has no grid of its own (money
 * steps by a fen, integers by one, dates by a day).
 *
 * @category Analysis
 * @example
 * DECIMAL_BOUNDARY_STEP //=> "0.0001": a share threshold 0.30 is probed at 0.2999, 0.30 and 0.3001
 */
export const DECIMAL_BOUNDARY_STEP = "0.0001";

/**
 * One generated boundary vector: the shape of a worked example's test vector (`jjj-policy-rules/testing`,
 * `TestVector`), with `generated: true` and the engine that computed `expected`.
 *
 * @category Analysis
 * @example
 * const v: BoundaryVector = boundaryVectors("sjz-2025/absorption-subsidy")[0]!;
 * v.generated //=> true
 */
export interface BoundaryVector {
  /** `<ruleId>@<version>#g<n>`. */
  readonly id: string;
  /** The rule, e.g. `sjz-2025/absorption-subsidy`. */
  readonly ruleId: string;
  /** The rule version whose boundaries it probes (the date `on` selects it, or none is in force). */
  readonly version: number;
  /** The rule's kind: `benefit`, `target`, `obligation` or `guidance`. */
  readonly kind: RuleKind;
  /** What the vector probes, in Chinese and English, e.g. `contractAmount = 499999.99: one step below the breakpoint 500000 (amount, eligible, amountAtLeastThreshold)`. */
  readonly description: LocalizedText;
  /** The evaluation date, `YYYY-MM-DD`. */
  readonly on: string;
  /** The facts: a worked example's, with one input moved to the boundary. */
  readonly facts: Readonly<Record<string, unknown>>;
  /** The engine's decision: in force, applicable, outcome, the conditions that hold and fail. */
  readonly expected: { inForce: boolean; applicable?: boolean; outcome: Readonly<Record<string, unknown>>; holds?: readonly string[]; fails?: readonly string[] };
  /** The outcome fields the rule declares. */
  readonly outcomeFields: readonly string[];
  /** Always true: the expected result is the engine's, not worked out by hand. */
  readonly generated: true;
  /** The engine that computed `expected`, `jjj-policy-rules@<version>`. */
  readonly engine: string;
  /** `breakpoint` (from the exact analysis), `parameter` (a threshold from the parameters, where the analysis cannot follow the input) or `validity`. */
  readonly source: "breakpoint" | "parameter" | "validity";
}

/**
 * Options of {@link boundaryVectors}.
 *
 * @category Analysis
 * @example
 * boundaryVectors("sjz-2025/absorption-subsidy", { engine: defaultEngine() })
 */
export interface BoundaryVectorOptions {
  /** The engine whose rules and decisions are used (default: the bundled rules). */
  engine?: Engine;
}

const NUMERIC = new Set(["money", "decimal", "rate", "integer", "date"]);
/** A comparison of order or equality (its descriptor's relation), whose threshold a boundary probes. */
const isComparison = (node: LogicNode) => node.op?.relation !== undefined && node.op.relation !== "ne";

interface Probe {
  on: string;
  facts: Record<string, unknown>;
  description: LocalizedText;
  source: BoundaryVector["source"];
}

/**
 * The generated boundary vectors of one rule, or of every rule: each threshold, band limit and cap ± one
 * step of its input (a fen, a unit, a day; {@link DECIMAL_BOUNDARY_STEP} for decimals and rates), from
 * the exact breakpoints of {@link amountCurve} (from the parameters the input is compared with where the
 * analysis cannot follow it), and each validity edge (the first and last day and the days either side).
 *
 * @category Analysis
 * @example
 * boundaryVectors("sjz-2025/absorption-subsidy")
 *   .filter((v) => v.source === "breakpoint").map((v) => v.facts.contractAmount)
 * //=> ["499999.99", "500000", "500000.01", "999999.99", "1000000", "1000000.01", "8999999.99", "9000000", "9000000.01"]
 */
export function boundaryVectors(ruleId?: string, options: BoundaryVectorOptions = {}): BoundaryVector[] {
  const engine = options.engine ?? defaultEngine();
  const ids = ruleId === undefined ? engine.ruleSet.ruleIds() : [ruleId];
  return ids.flatMap((id) => engine.ruleSet.versions(id).flatMap((v) => versionVectors(v, engine)));
}

// Bounded without a limit of its own: three vectors per breakpoint, and a curve has at most MAX_LINE_PIECES pieces.
function versionVectors(version: LoadedRuleVersion, engine: Engine): BoundaryVector[] {
  const file = version.file;
  const base = baseExample(version, engine);
  if (!base) return [];
  const probes: Probe[] = [];
  for (const [input, spec] of Object.entries(file.inputs)) {
    if (!NUMERIC.has(spec.type) || base.facts[input] === undefined) continue;
    probes.push(...inputProbes(version, engine, base, input));
  }
  const edges = [previousDay(version.validFrom), version.validFrom, ...(version.validTo ? [version.validTo, nextDay(version.validTo)] : [])];
  for (const on of edges) probes.push({ on, facts: base.facts, description: { zh: `${on}:第${file.version}版有效期的边界(${version.validFrom} → ${version.validTo ?? "长期"})`, en: `on ${on}: a validity edge of version ${file.version} (${version.validFrom} → ${version.validTo ?? "open"})` }, source: "validity" });

  const seen = new Set<string>();
  const out: BoundaryVector[] = [];
  for (const p of probes) {
    const key = `${p.on}|${JSON.stringify(p.facts)}`;
    if (seen.has(key)) continue;
    seen.add(key);
    let decision: Decision;
    try {
      decision = engine.evaluate(file.id, p.facts, { on: p.on, explain: false });
    } catch {
      continue; // facts the rule refuses (past an input's bounds): not a boundary of the outcome
    }
    // A validity edge may fall in another version's days: the vector then belongs to that version's list.
    if (decision.inForce && decision.version !== file.version) continue;
    out.push({
      id: `${file.id}@${file.version}#g${out.length + 1}`,
      ruleId: file.id,
      version: file.version,
      kind: file.kind,
      description: { zh: `生成:${p.description.zh}`, en: `Generated: ${p.description.en}` },
      on: p.on,
      facts: structuredClone(p.facts),
      expected: {
        inForce: decision.inForce,
        ...(decision.inForce ? { applicable: decision.applicable } : {}),
        outcome: Object.fromEntries(Object.keys(file.outcome).map((k) => [k, decision.outcome[k]])),
        ...(decision.inForce ? { holds: decision.conditions.filter((c) => c.holds).map((c) => c.id), fails: decision.conditions.filter((c) => !c.holds).map((c) => c.id) } : {}),
      },
      outcomeFields: Object.keys(file.outcome),
      generated: true,
      engine: ENGINE_ID,
      source: p.source,
    });
  }
  return out;
}

/**
 * The facts the boundaries are taken around: the worked example decided in force by this version with
 * the most conditions holding (applicable first), so that a threshold is probed where it decides.
 */
function baseExample(version: LoadedRuleVersion, engine: Engine): { on: string; facts: Record<string, unknown> } | undefined {
  let best: { on: string; facts: Record<string, unknown>; score: number } | undefined;
  for (const e of version.file.examples) {
    if (e.rejects) continue;
    let d: Decision;
    try {
      d = engine.evaluate(version.file.id, e.facts, { on: e.on, explain: false });
    } catch {
      continue;
    }
    if (!d.inForce || d.version !== version.file.version) continue;
    const score = (d.applicable ? 1000 : 0) + d.conditions.filter((c) => c.holds).length;
    if (!best || score > best.score) best = { on: e.on, facts: { ...e.facts }, score };
  }
  return best && { on: best.on, facts: best.facts };
}

function inputProbes(version: LoadedRuleVersion, engine: Engine, base: { on: string; facts: Record<string, unknown> }, input: string): Probe[] {
  const type = version.file.inputs[input]!.type;
  const points = new Map<string, Set<string>>(); // breakpoint → the curves that change there
  let source: Probe["source"] = "breakpoint";
  let step: string | undefined;
  try {
    const curve = amountCurve(version, base.facts, input, { on: base.on, engine });
    step = curve.step;
    const add = (name: string, at: string) => (points.get(at) ?? points.set(at, new Set()).get(at)!).add(name);
    curve.applicable.breakpoints.forEach((b) => add("applicable", b.at));
    for (const [id, c] of Object.entries(curve.conditions)) c.breakpoints.forEach((b) => add(id, b.at));
    for (const [name, c] of Object.entries(curve.fields)) c.breakpoints.forEach((b) => add(name, b.at));
  } catch {
    // Not analysable along this input (or the facts do not fit it): the thresholds of the parameters it is compared with.
    source = "parameter";
    step = type === "money" ? "0.01" : type === "integer" ? "1" : type === "date" ? undefined : DECIMAL_BOUNDARY_STEP;
    for (const c of version.conditions) {
      forEachNode(c.tree, (node) => {
        const [a, b] = operandNodes(node) ?? [];
        if (!a || !b || !isComparison(node)) return;
        const [mine, other] = a.reference?.kind === "input" && a.reference.name === input ? [a, b] : [b, a];
        if (mine.reference?.kind !== "input" || mine.reference.name !== input) return;
        const value = other.reference?.kind === "parameter" ? version.file.parameters[other.reference.name]?.value : other.op === undefined ? other.source : undefined;
        if (typeof value === "string" || typeof value === "number") (points.get(String(value)) ?? points.set(String(value), new Set()).get(String(value))!).add(c.spec.id);
      });
    }
  }
  const out: Probe[] = [];
  for (const [at, names] of points) {
    if (at.includes("/")) continue; // a rational breakpoint that is no decimal: no input value lies on it
    const around = neighbours(type, at, step ?? DECIMAL_BOUNDARY_STEP);
    if (!around) continue;
    const [below, here, above] = around;
    const what = `${source === "breakpoint" ? "the breakpoint" : "the threshold"} ${at} (${[...names].join(", ")})`;
    const whatZh = `${source === "breakpoint" ? "断点" : "阈值"} ${at}(${[...names].join("、")})`;
    out.push({ on: base.on, facts: { ...base.facts, [input]: below }, description: { zh: `${input} = ${below}:比${whatZh}低一步`, en: `${input} = ${below}: one step below ${what}` }, source });
    out.push({ on: base.on, facts: { ...base.facts, [input]: here }, description: { zh: `${input} = ${here}:恰在${whatZh}`, en: `${input} = ${here}: at ${what}` }, source });
    out.push({ on: base.on, facts: { ...base.facts, [input]: above }, description: { zh: `${input} = ${above}:比${whatZh}高一步`, en: `${input} = ${above}: one step above ${what}` }, source });
  }
  return out;
}

/** The values one step below, at and one step above a point, in the input's own notation. */
function neighbours(type: string, at: string, step: string): [unknown, unknown, unknown] | undefined {
  if (type === "date") return /^\d{4}-\d{2}-\d{2}$/.test(at) ? [previousDay(at), at, nextDay(at)] : undefined;
  let x: Dec;
  try {
    x = new Dec(at);
  } catch {
    return undefined;
  }
  const s = new Dec(step);
  if (type === "integer") return x.isInteger() ? [x.sub(1).toNumber(), x.toNumber(), x.add(1).toNumber()] : undefined;
  return [x.sub(s).toFixed(), x.toFixed(), x.add(s).toFixed()];
}
