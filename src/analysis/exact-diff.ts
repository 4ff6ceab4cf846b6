import { defaultEngine, type Engine } from "../api.js";
import { canonicalJson } from "../engine/hash.js";
import type { OutcomeValue } from "../engine/decision.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { InvalidArgumentError } from "../errors.js";
import type { ValueType } from "../schema/rule-file.js";
import { NotAnalysableError, RegionLimitError } from "./errors.js";
import { MAX_REGION_CONSTRAINTS, boundsOf, constantLin, isConstant, scaleLin, subLin, type Constraint, type End, type Lin } from "./linear.js";
import { applyRounds, numeric, roundedRay, type Rounding } from "./line.js";
import * as R from "./rational.js";
import type { Q } from "./rational.js";
import { describeRegion, formWords, shownAt, shownRounding, valueView, valueWords, witnessOf, type RegionDescription, type RegionValueView } from "./region-view.js";
import { MAX_REGIONS, executeVersion, refineRegion, sameValue, wholeSpace, type FiniteSet, type Region, type RegionLimits, type RegionValue } from "./regions.js";
import { dayOf, isDate } from "./days.js";

/*
 * The exact difference of two versions of a rule (issue #14, "exact diffs"): the regions of the
 * inputs where their decisions differ, each with exact bounds, the change of each field in words, and a
 * witness evaluated by both versions through the engine. Version b is executed symbolically inside
 * each region of version a (regions.ts), so every joint region holds one formula per field and
 * version; the fields are compared there (a numeric field by the sign of the difference of its two
 * formulas), the differing parts are merged where neighbours say the same, and each is confirmed.
 */

/**
 * One side of an exact diff: a rule version, the engine that evaluates it (its rule set), and the date
 * it is evaluated on (default: the first day of its validity, as the behaviour diff does).
 *
 * @category Analysis
 * @example
 * const side: ExactDiffSide = { version: engine.ruleSet.version("sjz-2025/absorption-subsidy", 1), engine };
 */
export interface ExactDiffSide {
  /** The rule version. */
  version: LoadedRuleVersion;
  /** The engine that evaluates its witnesses (default: the options' engine, else the bundled rules). */
  engine?: Engine;
  /** The date it is evaluated on (default: the first day of its validity). */
  on?: string;
}

/**
 * How one field changes in a region:
 * - `everywhere`: the two versions' values differ at every input of the region;
 * - `rounding`: the formulas differ by less than the rounding the decision shows (a fen, say): the shown
 *   values differ at some inputs of the region and not at others.
 *
 * @category Analysis
 * @example
 * change.text.en //=> "amount 10% × contractAmount → 15% × contractAmount (rises by 5% × contractAmount)"
 */
export interface FieldChange {
  /** `applicable`, or an outcome field's name (`eligible`, `amount` …). */
  field: string;
  /** The value under the older version, as a formula or a constant. */
  from: RegionValueView;
  /** The value under the newer version. */
  to: RegionValueView;
  /** Whether it differs everywhere in the region or only through rounding. */
  differs: "everywhere" | "rounding";
  /** For a number: the change `to − from` as a formula, and whether it rises or falls throughout the region. */
  by?: { formula: string; direction: "rises" | "falls" };
  /** In words. */
  text: { en: string; zh: string };
}

/**
 * A region where the two versions' decisions differ.
 *
 * @category Analysis
 * @example
 * region.text.en //=> "eligible no → yes; amount 0.00 → 15% × contractAmount for contractAmount in [300,000.00, 500,000.00); …"
 */
export interface ChangeRegion extends RegionDescription {
  /** What changes there. */
  changes: FieldChange[];
  /** Facts inside the region, and each version's decision on them (the fields that change). */
  witness?: { facts: Record<string, unknown>; from: Record<string, OutcomeValue>; to: Record<string, OutcomeValue> };
  /** Whether the engine's decisions on the witness are the predicted ones and differ as said. */
  confirmed: boolean;
  /** The region and its changes in one sentence. */
  sentence: { en: string; zh: string };
}

/**
 * The result of {@link exactDiff}.
 *
 * @category Analysis
 * @example
 * exactDiff("sjz-2025/absorption-subsidy@1", "sjz-2025/absorption-subsidy@2", { engine }).regions.length //=> 4
 */
export interface ExactDiff {
  /** The rule. */
  ruleId: string;
  /** The older version and the date it was evaluated on. */
  from: { version: number; on: string };
  /** The newer version and its date. */
  to: { version: number; on: string };
  /** The regions where the decisions differ (none: the two versions decide alike on every input). */
  regions: ChangeRegion[];
  /** How many joint regions were compared before merging. */
  compared: number;
}

/**
 * Options of {@link exactDiff}.
 *
 * @category Analysis
 * @example
 * exactDiff(a, b, { maxRegions: 10_000 })
 */
export interface ExactDiffOptions extends RegionLimits {
  /** The engine of a side given by `ruleId@version` (default: the bundled rules). */
  engine?: Engine;
}

function sideOf(side: string | ExactDiffSide, engine: Engine): Required<ExactDiffSide> {
  if (typeof side !== "string") return { version: side.version, engine: side.engine ?? engine, on: side.on ?? side.version.validFrom };
  const m = /^(.+)@(\d+)$/.exec(side);
  if (!m) throw new InvalidArgumentError(`expected <ruleId>@<version>, got ${JSON.stringify(side.slice(0, 80))} (应为 <规则>@<版本>)`);
  const version = engine.ruleSet.versions(m[1]!).find((v) => v.file.version === Number(m[2]));
  if (!version) throw new InvalidArgumentError(`${m[1]} has no version ${m[2]} (规则没有该版本)`);
  return { version, engine, on: version.validFrom };
}

/** The inputs as the two versions declare them must agree (names, types, values, bounds, patterns, defaults). */
function checkInputs(a: LoadedRuleVersion, b: LoadedRuleVersion): void {
  const shape = (v: LoadedRuleVersion) =>
    canonicalJson(Object.fromEntries(Object.entries(v.file.inputs).map(([n, s]) => [n, { type: s.type, values: Object.keys(s.values ?? {}), min: s.min, max: s.max, pattern: s.pattern, default: s.default }])));
  if (shape(a) !== shape(b)) {
    throw new NotAnalysableError(b.file.id, undefined, "inputs", "the two versions declare different inputs (the exact diff compares versions over the same inputs; the behaviour diff still lists cases)", "两个版本声明的输入不同(精确差异只比较输入相同的版本)");
  }
}

/** A value's exact form for comparison: a linear form with its shown rounding, a date in days, or none (compare as constants). */
function numericForm(val: RegionValue, type: ValueType): { f: Lin; rounds: ReturnType<typeof shownRounding>; date: boolean } | undefined {
  if (val.k === "lin") return val.repr === "date" ? { f: val.f, rounds: [], date: true } : { f: val.f, rounds: shownRounding(val.rounds, type), date: false };
  if (val.k === "const") {
    if (type === "date" && isDate(val.v)) return { f: constantLin(R.q(dayOf(val.v))), rounds: [], date: true };
    const n = numeric(val.v);
    if (n !== undefined && type !== "boolean") return { f: constantLin(n), rounds: shownRounding([], type), date: false };
  }
  return undefined;
}

/**
 * The most a sequence of rounding steps moves a value: half a unit of each step's places for a step to
 * the nearest (half-up, half-even), under a unit for a directed one (down, up, floor, ceil).
 */
function slack(rounds: readonly Rounding[]): Q {
  return rounds.reduce((s, r) => R.add(s, R.frac(1n, (r.mode.startsWith("half") ? 2n : 1n) * 10n ** BigInt(r.places))), R.ZERO);
}

/**
 * A constant against a rounded formula `g(f)`: equal exactly where g(f) = c, an interval of f (g is a
 * non-decreasing step function), found exactly with the rounding rays of line.ts; below and above it
 * they differ everywhere. Undefined when the rays cannot be bracketed (the caller then bounds the difference).
 */
function constantAgainstRounded(f: Lin, rounds: readonly Rounding[], c: Q): { cons: Constraint[]; tag: -1 | 0 | 1 }[] | undefined {
  const atLeast = (strict: boolean): Constraint | undefined => {
    if (rounds.length === 0) return { f: subLin(f, constantLin(c)), rel: strict ? "gt" : "ge" };
    const ray = roundedRay(rounds, c, strict);
    return ray && { f: subLin(f, constantLin(ray.at)), rel: ray.closed ? "ge" : "gt" };
  };
  const ge = atLeast(false);
  const gt = atLeast(true);
  if (!ge || !gt) return undefined;
  const not = (con: Constraint): Constraint => ({ f: scaleLin(con.f, R.neg(R.ONE)), rel: con.rel === "ge" ? "gt" : "ge" });
  return [
    { cons: [not(ge)], tag: -1 },
    { cons: [ge, not(gt)], tag: 0 },
    { cons: [gt], tag: 1 },
  ];
}

interface Joint {
  region: Region;
  changes: { field: string; type: ValueType; from: RegionValue; to: RegionValue; differs: "everywhere" | "rounding"; sign?: -1 | 1 }[];
}

/** Split a joint region by where one field differs between the versions. */
function compareField(joint: Joint, field: string, type: ValueType, a: RegionValue, b: RegionValue, maxConstraints: number): Joint[] {
  if (sameValue(a, b)) return [joint];
  const fa = numericForm(a, type);
  const fb = numericForm(b, type);
  const add = (j: Joint, differs: "everywhere" | "rounding", sign?: -1 | 1): Joint => ({ region: j.region, changes: [...j.changes, { field, type, from: a, to: b, differs, ...(sign && { sign }) }] });
  if (a.k === "const" && b.k === "const") {
    // Two constants differ exactly when the decision shows them differently.
    if (canonicalJson(shownConst(a, type)) === canonicalJson(shownConst(b, type))) return [joint];
    const s = fa && fb && !fa.date && !fb.date ? R.sign(subLin(fb.f, fa.f).k) : 0;
    return [add(joint, "everywhere", s > 0 ? 1 : s < 0 ? -1 : undefined)];
  }
  if (!fa || !fb || fa.date !== fb.date) return [add(joint, "rounding")]; // a shifted date, a list: said to differ somewhere, confirmed by the witness
  // A constant against a rounded formula: exactly where the shown values are equal.
  const [cst, varying, flip] = isConstant(fa.f) && !isConstant(fb.f) ? [fa, fb, 1] : isConstant(fb.f) && !isConstant(fa.f) ? [fb, fa, -1] : [undefined, undefined, 0];
  const exact = cst && varying && constantAgainstRounded(varying.f, varying.rounds, applyRounds(cst.f.k, cst.rounds));
  if (exact) {
    return refineRegion(joint.region, exact, maxConstraints).flatMap(({ region, tag }) => {
      const j = { region, changes: joint.changes };
      return tag === 0 ? [j] : [add(j, "everywhere", (tag * flip) as -1 | 1)];
    });
  }
  const d = subLin(fb.f, fa.f);
  // Differ for sure where |d| exceeds what the roundings may move; equal where d = 0; in between, only through rounding.
  const t = R.add(slack(fa.rounds), slack(fb.rounds));
  const ge = (f: Lin, strict: boolean): Constraint => ({ f, rel: strict ? "gt" : "ge" });
  const minus = (f: Lin) => scaleLin(f, R.neg(R.ONE));
  const tLin = constantLin(t);
  const parts: { cons: Constraint[]; tag: "up" | "down" | "same" | "slightly up" | "slightly down" }[] = R.isZero(t)
    ? [
        { cons: [ge(d, true)], tag: "up" },
        { cons: [ge(minus(d), true)], tag: "down" },
        { cons: [{ f: d, rel: "eq" }], tag: "same" },
      ]
    : [
        { cons: [ge(subLin(d, tLin), true)], tag: "up" },
        { cons: [ge(subLin(minus(d), tLin), true)], tag: "down" },
        { cons: [{ f: d, rel: "eq" }], tag: "same" },
        { cons: [ge(d, true), ge(subLin(tLin, d), false)], tag: "slightly up" },
        { cons: [ge(minus(d), true), ge(addConst(d, t), false)], tag: "slightly down" },
      ];
  if (isConstant(d)) {
    const s = R.sign(d.k);
    const big = R.cmp(s < 0 ? R.neg(d.k) : d.k, t) > 0;
    if (s === 0 && JSON.stringify(fa.rounds) === JSON.stringify(fb.rounds)) return [joint];
    return [add(joint, big && s !== 0 ? "everywhere" : "rounding", s > 0 ? 1 : s < 0 ? -1 : undefined)];
  }
  return refineRegion(joint.region, parts, maxConstraints).flatMap(({ region, tag }) => {
    const j = { region, changes: joint.changes };
    if (tag === "same") return JSON.stringify(fa.rounds) === JSON.stringify(fb.rounds) ? [j] : [add(j, "rounding")];
    return [add(j, tag === "up" || tag === "down" ? "everywhere" : "rounding", tag.endsWith("up") ? 1 : -1)];
  });
}

function addConst(f: Lin, k: Q): Lin {
  return { c: f.c, k: R.add(f.k, k) };
}

function shownConst(v: Extract<RegionValue, { k: "const" }>, type: ValueType): unknown {
  try {
    return valueView(v, type, "value");
  } catch {
    return { raw: String(v.v) };
  }
}

// ——— merging ———

/** A region's numeric part in a comparable shape: each input's bounds, and the other constraints' keys. */
function shape(region: Region, inputs: readonly string[]): { bounds: Map<string, { lo?: End; hi?: End }>; rest: string } {
  const bounds = new Map<string, { lo?: End; hi?: End }>();
  for (const x of inputs) bounds.set(x, boundsOf(region.cons, x));
  const rest = region.cons
    .filter((c) => c.f.c.size > 1)
    .map((c) => `${c.rel}:${[...c.f.c].map(([x, v]) => `${x}=${R.qText(v)}`).sort().join(",")}:${R.qText(c.f.k)}`)
    .sort()
    .join("|");
  return { bounds, rest };
}

const endKey = (e: End | undefined) => (e ? `${R.qText(e.at)}${e.closed ? "]" : ")"}` : "∞");
const boundsKey = (b: { lo?: End; hi?: End }) => `${endKey(b.lo)}..${endKey(b.hi)}`;

/** The union of two intervals of one input when it is an interval (they touch or overlap), else undefined. */
function unionInterval(a: { lo?: End; hi?: End }, b: { lo?: End; hi?: End }): { lo?: End; hi?: End } | undefined {
  const [first, second] = !a.lo || (b.lo && R.cmp(a.lo.at, b.lo.at) <= 0) ? [a, b] : [b, a];
  if (first.hi && second.lo) {
    const c = R.cmp(first.hi.at, second.lo.at);
    if (c < 0 || (c === 0 && !first.hi.closed && !second.lo.closed)) return undefined;
  }
  const hi = !first.hi || !second.hi ? undefined : R.cmp(first.hi.at, second.hi.at) > 0 || (R.eq(first.hi.at, second.hi.at) && first.hi.closed) ? first.hi : second.hi;
  return { ...(first.lo && { lo: first.lo }), ...(hi && { hi }) };
}

function boundsConstraints(x: string, b: { lo?: End; hi?: End }): Constraint[] {
  const v: Lin = { c: new Map([[x, R.ONE]]), k: R.ZERO };
  return [...(b.lo ? [{ f: subLin(v, constantLin(b.lo.at)), rel: b.lo.closed ? ("ge" as const) : ("gt" as const) }] : []), ...(b.hi ? [{ f: subLin(constantLin(b.hi.at), v), rel: b.hi.closed ? ("ge" as const) : ("gt" as const) }] : [])];
}

function changesKey(j: Joint): string {
  return j.changes.map((c) => `${c.field}:${c.differs}:${c.sign ?? 0}:${canonicalJson(valueView(c.from, c.type, c.field))}:${canonicalJson(valueView(c.to, c.type, c.field))}`).join("|");
}

function setKey(s: FiniteSet): string {
  return canonicalJson(s.kind === "values" ? { v: s.values.map((x) => canonicalJson(x)).sort() } : s.kind === "except" ? { e: [...s.except].sort() } : { h: [...s.has].sort(), l: [...s.lacks].sort() });
}

/** Merge two regions with the same changes when they differ in one finite input's values or one numeric input's adjacent intervals. */
function tryMerge(a: Joint, b: Joint, numericInputs: readonly string[]): Joint | undefined {
  if (changesKey(a) !== changesKey(b)) return undefined;
  const sa = shape(a.region, numericInputs);
  const sb = shape(b.region, numericInputs);
  if (sa.rest !== sb.rest) return undefined;
  const finiteDiff = [...a.region.finite.keys()].filter((x) => setKey(a.region.finite.get(x)!) !== setKey(b.region.finite.get(x)!));
  const boundsDiff = numericInputs.filter((x) => boundsKey(sa.bounds.get(x)!) !== boundsKey(sb.bounds.get(x)!));
  const multi = a.region.cons.filter((c) => c.f.c.size > 1);
  if (finiteDiff.length === 1 && boundsDiff.length === 0) {
    const x = finiteDiff[0]!;
    const fa = a.region.finite.get(x)!;
    const fb = b.region.finite.get(x)!;
    if (fa.kind !== "values" || fb.kind !== "values") return undefined;
    return { region: { finite: new Map([...a.region.finite, [x, { kind: "values", values: [...fa.values, ...fb.values] }]]), cons: a.region.cons }, changes: a.changes };
  }
  if (finiteDiff.length === 0 && boundsDiff.length === 1) {
    const x = boundsDiff[0]!;
    const u = unionInterval(sa.bounds.get(x)!, sb.bounds.get(x)!);
    if (!u) return undefined;
    const cons = [...multi, ...numericInputs.flatMap((y) => boundsConstraints(y, y === x ? u : sa.bounds.get(y)!))];
    return { region: { finite: a.region.finite, cons }, changes: a.changes };
  }
  return undefined;
}

function mergeAll(joints: Joint[], numericInputs: readonly string[]): Joint[] {
  let list = [...joints];
  let merged = true;
  while (merged) {
    merged = false;
    outer: for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const m = tryMerge(list[i]!, list[j]!, numericInputs);
        if (m) {
          list = [...list.slice(0, i), m, ...list.slice(i + 1, j), ...list.slice(j + 1)];
          merged = true;
          break outer;
        }
      }
    }
  }
  return list;
}

// ——— words ———

const FIELD_ZH: Readonly<Record<string, string>> = { applicable: "适用" };

function changeWords(c: Joint["changes"][number], version: LoadedRuleVersion): FieldChange {
  const inputs = version.file.inputs;
  const from = valueWords(c.from, c.type, inputs);
  const to = valueWords(c.to, c.type, inputs);
  const fa = numericForm(c.from, c.type);
  const fb = numericForm(c.to, c.type);
  let by: FieldChange["by"];
  if (fa && fb && !fa.date && c.sign && c.differs === "everywhere" && !(isConstant(fa.f) && isConstant(fb.f) && c.type === "boolean")) {
    const d = subLin(fb.f, fa.f);
    const abs = c.sign < 0 ? scaleLin(d, R.neg(R.ONE)) : d;
    by = { formula: formWords(abs, inputs, c.type), direction: c.sign > 0 ? "rises" : "falls" };
  }
  const label = c.field === "applicable" ? c.field : c.field;
  const tail = c.differs === "rounding" ? " (differs only through rounding, at some inputs)" : "";
  const tailZh = c.differs === "rounding" ? "(仅因取整在部分输入上不同)" : "";
  const byEn = by ? ` (${by.direction} by ${by.formula})` : "";
  const byZh = by ? `(${by.direction === "rises" ? "增加" : "减少"} ${by.formula})` : "";
  return {
    field: c.field,
    from: valueView(c.from, c.type, c.field),
    to: valueView(c.to, c.type, c.field),
    differs: c.differs,
    ...(by && { by }),
    text: { en: `${label} ${from.en} → ${to.en}${byEn}${tail}`, zh: `${FIELD_ZH[c.field] ?? label} ${from.zh} → ${to.zh}${byZh}${tailZh}` },
  };
}

// ——— the diff ———

/**
 * The exact regions where two versions of a rule decide differently: for every input, not samples.
 * Each region is a class of each finite input × exact bounds (or linear constraints) on the numeric
 * inputs, with the change of the applicable test and of each outcome field (a constant, or a formula
 * with exact coefficients), merged where neighbours say the same, and a witness evaluated by both
 * versions through the engine (`confirmed`). Each version is evaluated on its own date (default: the
 * first day of its validity).
 *
 * @category Analysis
 * @throws {NotAnalysableError} when a version has an expression with no exact form, or the versions declare different inputs
 * @throws {RegionLimitError} past `maxRegions` joint regions or `maxConstraints` constraints
 * @example
 * const d = exactDiff("sjz-2025/absorption-subsidy@1", "sjz-2025/absorption-subsidy@2", { engine });
 * d.regions[0].sentence.en
 * //=> "eligible no → yes; amount 0.00 → 15% × contractAmount for contractAmount in [300,000.00, 500,000.00); …"
 */
export function exactDiff(a: string | ExactDiffSide, b: string | ExactDiffSide, options: ExactDiffOptions = {}): ExactDiff {
  const engine = options.engine ?? defaultEngine();
  const from = sideOf(a, engine);
  const to = sideOf(b, engine);
  checkInputs(from.version, to.version);
  const limits = { maxRegions: options.maxRegions ?? MAX_REGIONS, maxConstraints: options.maxConstraints ?? MAX_REGION_CONSTRAINTS };
  const whole = wholeSpace(from.version);
  const numericInputs = Object.keys(from.version.file.inputs).filter((x) => !whole.finite.has(x));
  const types = new Map<string, ValueType>([["applicable", "boolean"], ...from.version.outcome.map((f) => [f.name, f.spec.type] as [string, ValueType]), ...to.version.outcome.map((f) => [f.name, f.spec.type] as [string, ValueType])]);
  const fields = [...new Set(["applicable", ...to.version.outcome.map((f) => f.name), ...from.version.outcome.map((f) => f.name)])];
  let compared = 0;
  const differing: Joint[] = [];
  for (const pa of executeVersion(from.version, from.on, whole, limits)) {
    for (const pb of executeVersion(to.version, to.on, pa.region, limits)) {
      compared++;
      if (compared > limits.maxRegions) throw new RegionLimitError("MAX_REGIONS", limits.maxRegions, "maxRegions", "joint regions of two versions", "两个版本的联合区域");
      let joints: Joint[] = [{ region: pb.region, changes: [] }];
      for (const field of fields) {
        const va = field === "applicable" ? pa.applicable! : (pa.outcome.get(field) ?? { k: "const", v: undefined });
        const vb = field === "applicable" ? pb.applicable! : (pb.outcome.get(field) ?? { k: "const", v: undefined });
        joints = joints.flatMap((j) => compareField(j, field, types.get(field)!, va, vb, limits.maxConstraints));
      }
      differing.push(...joints.filter((j) => j.changes.length > 0));
    }
  }
  const ordered = mergeAll(differing, numericInputs).sort((x, y) => orderOf(x, y, numericInputs));
  const regions = ordered.map((j) => changeRegion(j, from, to, whole));
  return { ruleId: from.version.file.id, from: { version: from.version.file.version, on: from.on }, to: { version: to.version.file.version, on: to.on }, regions, compared };
}

/** Regions in reading order: by each numeric input's lower end, then by their finite classes. */
function orderOf(x: Joint, y: Joint, numericInputs: readonly string[]): number {
  for (const n of numericInputs) {
    const a = boundsOf(x.region.cons, n).lo;
    const b = boundsOf(y.region.cons, n).lo;
    if (!a || !b) continue;
    const c = R.cmp(a.at, b.at);
    if (c !== 0) return c;
    if (a.closed !== b.closed) return a.closed ? -1 : 1;
  }
  const key = (j: Joint) => [...j.region.finite].map(([k, s]) => `${k}=${setKey(s)}`).join(";");
  return key(x) < key(y) ? -1 : key(x) > key(y) ? 1 : 0;
}

function changeRegion(j: Joint, from: Required<ExactDiffSide>, to: Required<ExactDiffSide>, whole: Region): ChangeRegion {
  const description = describeRegion(from.version, j.region, whole);
  const changes = j.changes.map((c) => changeWords(c, to.version));
  const witness = witnessOf(from.version.file.inputs, j.region);
  let confirmed = false;
  let seen: ChangeRegion["witness"];
  if (witness) {
    try {
      const da = from.engine.evaluate(from.version.file.id, witness.facts, { on: from.on, version: from.version.file.version, explain: false });
      const db = to.engine.evaluate(to.version.file.id, witness.facts, { on: to.on, version: to.version.file.version, explain: false });
      const value = (d: typeof da, field: string): OutcomeValue => (field === "applicable" ? d.applicable : (d.outcome[field] ?? null));
      seen = { facts: witness.facts, from: Object.fromEntries(j.changes.map((c) => [c.field, value(da, c.field)])), to: Object.fromEntries(j.changes.map((c) => [c.field, value(db, c.field)])) };
      // The engine must give the predicted values, and they must differ where the region says they do everywhere.
      confirmed = j.changes.every((c) => {
        const ea = canonicalJson(seen!.from[c.field]);
        const eb = canonicalJson(seen!.to[c.field]);
        const predicted = (v: RegionValue) => canonicalJson(shownAt(v, c.type, witness, c.field));
        return ea === predicted(c.from) && eb === predicted(c.to) && (c.differs === "rounding" || ea !== eb);
      });
    } catch {
      confirmed = false;
    }
  }
  const what = changes.map((c) => c.text);
  return {
    ...description,
    changes,
    ...(seen && { witness: seen }),
    confirmed,
    sentence: { en: `${what.map((w) => w.en).join("; ")} for ${description.text.en}`, zh: `${description.text.zh}时:${what.map((w) => w.zh).join(";")}` },
  };
}
