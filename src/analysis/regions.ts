import { Dec } from "../exact/decimal.js";
import { DIVISION_SIGNIFICANT_DIGITS } from "../exact/limits.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { canonicalJson } from "../engine/hash.js";
import type { LogicNode } from "../logic/tree.js";
import { operandNodes } from "../logic/tree.js";
import type { EvalEnv, Operation, SymbolicForm } from "../ops/index.js";
import { readVar } from "../ops/references.js";
import { truthy } from "../ops/truthy.js";
import { dayOf, isDate } from "./days.js";
import { NotAnalysableError, RegionLimitError } from "./errors.js";
import { FIRST_DAY, LAST_DAY, RELATIONS, constantOf, domainOf, leastShiftDay, lineKind, numeric, roundedRay, shiftDay, shiftFits, type LineKind, type Rounding } from "./line.js";
import { MAX_REGION_CONSTRAINTS, addLin, boundsOf, combine, constantLin, feasible, isConstant, sameLin, scaleLin, subLin, valueOf, variable, type Constraint, type Lin } from "./linear.js";
import * as R from "./rational.js";
import type { Q } from "./rational.js";

/*
 * The regions of a rule version (issue #14): its inputs' space cut into regions — a class of values
 * of each finite input (enum, boolean, text, enum list) × a conjunction of linear constraints on its
 * numeric inputs (money, decimal, rate, integer, date) — on each of which the applicable test, every
 * condition and every outcome field is a constant or an affine function with exact rational
 * coefficients (then the rule's rounding steps). Symbolic execution of the typed logic tree with path
 * constraints: an operation whose result depends on where a value lies splits the region, and only the
 * parts that are feasible (linear.ts: exact Fourier–Motzkin over rationals) are kept. Finite inputs are
 * split lazily into the classes the rule distinguishes (transferMode ∈ {transfer, license} vs the
 * rest), so the count stays small. As in line.ts, the descriptors' `symbolic` forms say how each
 * operation acts, their exact `evaluate` gives a constant result, and what has no exact form stops the
 * analysis with a NotAnalysableError naming it.
 */

/**
 * The values a finite input may still take in a region:
 * - `values`: one of these (enum values, booleans, or given texts);
 * - `except`: any text but these (a text input: a class "every other city");
 * - `list`: an enum list that contains every value of `has` and none of `lacks`.
 *
 * @example
 * const modes: FiniteSet = { kind: "values", values: ["transfer", "license"] };
 */
export type FiniteSet =
  | { readonly kind: "values"; readonly values: readonly unknown[] }
  | { readonly kind: "except"; readonly except: readonly string[] }
  | { readonly kind: "list"; readonly has: readonly string[]; readonly lacks: readonly string[] };

/**
 * A region: the class of each finite input and the linear constraints on the numeric inputs.
 *
 * @example
 * const r: Region = { finite: new Map([["transferMode", modes]]), cons: [{ f: x − 300000, rel: "ge" }] };
 */
export interface Region {
  readonly finite: ReadonlyMap<string, FiniteSet>;
  readonly cons: readonly Constraint[];
}

/**
 * A value on a region, as a function of the numeric inputs:
 * - `const`: the value the engine computes;
 * - `lin`: the linear form (then the rounding steps); `repr` says how the engine holds it (a decimal,
 *   a JS number, a date as a day number); `inexact`: a quotient the engine rounds to 40 significant digits;
 * - `shift`: the date `f` (days) plus `n` months or years;
 * - `finite`: a finite input's value, still one of its region's class.
 *
 * @example
 * const tenPercent: RegionValue = { k: "lin", f: 0.1·contractAmount, repr: "dec", rounds: [] };
 */
export type RegionValue =
  | { readonly k: "const"; readonly v: unknown }
  | { readonly k: "lin"; readonly f: Lin; readonly repr: LineKind; readonly rounds: readonly Rounding[]; readonly inexact?: true }
  | { readonly k: "shift"; readonly f: Lin; readonly unit: "months" | "years"; readonly n: number }
  | { readonly k: "finite"; readonly input: string };

/**
 * One region of a version with the value of the applicable test, each condition and each outcome field on it.
 *
 * @example
 * path.outcome.get("amount") // { k: "lin", f: 0.15·contractAmount, … }
 */
export interface Path {
  readonly region: Region;
  readonly applicable?: RegionValue;
  readonly conditions: ReadonlyMap<string, RegionValue>;
  readonly outcome: ReadonlyMap<string, RegionValue>;
}

/**
 * The most regions a version may have before the analysis stops (each comparison of a numeric input
 * can double them; the shipped rules have at most a few hundred). A bound on time and memory for
 * hostile rule files; raise it with the `maxRegions` option.
 *
 * @example
 * MAX_REGIONS //=> 4096
 */
export const MAX_REGIONS = 4096;

/**
 * Options of the region analysis.
 *
 * @example
 * const o: RegionLimits = { maxRegions: 10_000 };
 */
export interface RegionLimits {
  /** The most regions (default {@link MAX_REGIONS}). */
  maxRegions?: number;
  /** The most constraints in one feasibility test (default MAX_REGION_CONSTRAINTS, 2,000). */
  maxConstraints?: number;
}

interface Ctx {
  readonly version: LoadedRuleVersion;
  readonly env: EvalEnv;
  readonly kinds: ReadonlyMap<string, LineKind>;
  readonly maxRegions: number;
  readonly maxConstraints: number;
  where: string;
}

type Out = { p: Path; val: RegionValue };

const constant = (v: unknown): RegionValue => ({ k: "const", v });

function fail(ctx: Ctx, node: LogicNode | undefined, reason: string, reasonZh: string): never {
  throw new NotAnalysableError(ctx.version.file.id, node?.op?.name, `${ctx.where}#${node?.pointer ?? ""}`, reason, reasonZh);
}

function lin(f: Lin, repr: LineKind, rounds: readonly Rounding[] = []): RegionValue {
  return isConstant(f) ? constant(constantOf(f.k, repr, rounds)) : { k: "lin", f, repr, rounds };
}

/**
 * The numeric inputs of a version (name → how the engine holds it) and its finite inputs.
 *
 * @example
 * inputsOf(version) //=> { numeric: Map { contractAmount → "dec" }, finite: ["transferMode", "sourceRegion", "enterpriseCity"] }
 */
export function inputsOf(version: LoadedRuleVersion): { numeric: Map<string, LineKind>; finite: string[] } {
  const numeric = new Map<string, LineKind>();
  const finite: string[] = [];
  for (const [name, spec] of Object.entries(version.file.inputs)) {
    const kind = lineKind(spec.type);
    if (kind) numeric.set(name, kind);
    else finite.push(name);
  }
  return { numeric, finite };
}

/**
 * The whole input space of a version: every finite input unrestricted, each numeric input within its domain.
 *
 * @example
 * wholeSpace(version).cons.length //=> 2 (0 ≤ contractAmount ≤ 999,999,999,999,999.99)
 */
export function wholeSpace(version: LoadedRuleVersion): Region {
  const finite = new Map<string, FiniteSet>();
  const cons: Constraint[] = [];
  for (const [name, spec] of Object.entries(version.file.inputs)) {
    const kind = lineKind(spec.type);
    if (kind) {
      const d = domainOf(version, name, kind);
      const x = variable(name);
      if (d.lo) cons.push({ f: subLin(x, constantLin(d.lo.at)), rel: "ge" });
      if (d.hi) cons.push({ f: subLin(constantLin(d.hi.at), x), rel: "ge" });
    } else if (spec.type === "enum") finite.set(name, { kind: "values", values: Object.keys(spec.values ?? {}) });
    else if (spec.type === "boolean") finite.set(name, { kind: "values", values: [true, false] });
    else if (spec.type === "enumList") finite.set(name, { kind: "list", has: [], lacks: [] });
    else finite.set(name, { kind: "except", except: [] });
  }
  return { finite, cons };
}

/**
 * Symbolic execution of a version over a region (default: its whole input space), on the date `on`:
 * the regions, each with the applicable test, conditions and outcome fields as exact values there.
 * The regions are disjoint and cover the starting region (less, for a date shift, the facts the
 * engine refuses).
 *
 * @throws {NotAnalysableError} naming the operation and pointer the analysis cannot state exactly
 * @throws {RegionLimitError} past `maxRegions` regions or `maxConstraints` constraints
 * @example
 * executeVersion(version, "2026-06-01").length //=> 6
 */
export function executeVersion(version: LoadedRuleVersion, on: string, start: Region = wholeSpace(version), limits: RegionLimits = {}): Path[] {
  const env: EvalEnv = { params: version.params as Record<string, unknown>, conditions: Object.create(null), outcome: Object.create(null), on };
  const ctx: Ctx = { version, env, kinds: inputsOf(version).numeric, maxRegions: limits.maxRegions ?? MAX_REGIONS, maxConstraints: limits.maxConstraints ?? MAX_REGION_CONSTRAINTS, where: "applicable" };
  let paths: Path[] = [{ region: start, conditions: new Map(), outcome: new Map() }];
  const step = (tree: LogicNode, store: (p: Path, v: RegionValue) => Path, boolean: boolean) => {
    const next: Path[] = [];
    for (const p of paths) {
      for (const o of evaluate(ctx, tree, p)) {
        if (boolean) for (const t of truthiness(ctx, tree, o.val, o.p)) next.push(store(t.p, constant(t.truth)));
        // A field that is a finite input's value: one region per value, so the field is a constant on each.
        else if (o.val.k === "finite") for (const s of singletons(ctx, tree, o.p, o.val.input)) next.push(store(s, finiteConstant(s, o.val.input)));
        else next.push(store(o.p, o.val));
      }
    }
    if (next.length > ctx.maxRegions) throw new RegionLimitError("MAX_REGIONS", ctx.maxRegions, "maxRegions", "regions of a rule version", "规则版本的区域");
    paths = next;
  };
  if (version.applicable) step(version.applicable.tree, (p, v) => ({ ...p, applicable: v }), true);
  else paths = paths.map((p) => ({ ...p, applicable: constant(true) }));
  for (const c of version.conditions) {
    ctx.where = `conditions.${c.spec.id}`;
    step(c.tree, (p, v) => ({ ...p, conditions: new Map([...p.conditions, [c.spec.id, v]]) }), true);
  }
  for (const f of version.outcome) {
    ctx.where = `outcome.${f.name}`;
    step(f.tree, (p, v) => ({ ...p, outcome: new Map([...p.outcome, [f.name, v]]) }), false);
    for (const p of paths) {
      const v = p.outcome.get(f.name)!;
      if (v.k === "lin" && v.inexact) fail(ctx, f.tree, `an outcome the engine rounds to ${DIVISION_SIGNIFICANT_DIGITS} significant digits (a quotient, not rounded by the rule)`, "结果为被引擎舍入的商");
    }
  }
  return paths;
}

// ——— regions: splitting ———

/**
 * The parts of a region where each constraint list holds (the lists must partition the region);
 * infeasible parts are dropped, and a part that holds on the whole region adds no constraint.
 *
 * @example
 * refineRegion(region, [{ cons: [x ≥ 300000], tag: true }, { cons: [x < 300000], tag: false }]) // two regions
 */
export function refineRegion<T>(region: Region, parts: readonly { cons: readonly Constraint[]; tag: T }[], maxConstraints: number = MAX_REGION_CONSTRAINTS): { region: Region; tag: T }[] {
  const live = parts.filter((part) => feasible([...region.cons, ...part.cons], maxConstraints));
  if (live.length === 1) return [{ region, tag: live[0]!.tag }];
  return live.map((part) => ({ region: { ...region, cons: [...region.cons, ...part.cons] }, tag: part.tag }));
}

/** The parts of a path where each constraint list holds (see {@link refineRegion}). */
function split<T>(ctx: Ctx, p: Path, parts: readonly { cons: readonly Constraint[]; tag: T }[]): { p: Path; tag: T }[] {
  return refineRegion(p.region, parts, ctx.maxConstraints).map((r) => ({ p: r.region === p.region ? p : { ...p, region: r.region }, tag: r.tag }));
}

type Sign = -1 | 0 | 1;
const neg = (f: Lin) => scaleLin(f, R.neg(R.ONE));

/** Where f is negative, zero, positive. */
function signs(ctx: Ctx, p: Path, f: Lin): { p: Path; tag: Sign }[] {
  if (isConstant(f)) return [{ p, tag: R.sign(f.k) }];
  return split<Sign>(ctx, p, [
    { cons: [{ f: neg(f), rel: "gt" }], tag: -1 },
    { cons: [{ f, rel: "eq" }], tag: 0 },
    { cons: [{ f, rel: "gt" }], tag: 1 },
  ]);
}

/** Where the relation `f rel 0` holds and where not, in two parts (three for equality). */
function relation(ctx: Ctx, p: Path, f: Lin, rel: keyof typeof RELATIONS): { p: Path; tag: boolean }[] {
  if (isConstant(f)) return [{ p, tag: RELATIONS[rel](R.sign(f.k)) }];
  const ge = (g: Lin, strict: boolean): Constraint => ({ f: g, rel: strict ? "gt" : "ge" });
  switch (rel) {
    case "gte":
      return split(ctx, p, [{ cons: [ge(f, false)], tag: true }, { cons: [ge(neg(f), true)], tag: false }]);
    case "gt":
      return split(ctx, p, [{ cons: [ge(f, true)], tag: true }, { cons: [ge(neg(f), false)], tag: false }]);
    case "lte":
      return split(ctx, p, [{ cons: [ge(neg(f), false)], tag: true }, { cons: [ge(f, true)], tag: false }]);
    case "lt":
      return split(ctx, p, [{ cons: [ge(neg(f), true)], tag: true }, { cons: [ge(f, false)], tag: false }]);
    case "eq":
      return signs(ctx, p, f).map((s) => ({ p: s.p, tag: s.tag === 0 }));
  }
}

function withFinite(p: Path, input: string, set: FiniteSet): Path {
  return { ...p, region: { ...p.region, finite: new Map([...p.region.finite, [input, set]]) } };
}

/** The value of a finite input on a path whose class is one value. */
function finiteConstant(p: Path, input: string): RegionValue {
  const set = p.region.finite.get(input)!;
  return set.kind === "values" && set.values.length === 1 ? constant(set.values[0]) : { k: "finite", input };
}

/** A path per value of a finite input (a class of texts "any other" or an enum list cannot be). */
function singletons(ctx: Ctx, node: LogicNode, p: Path, input: string): Path[] {
  const set = p.region.finite.get(input)!;
  if (set.kind !== "values") return fail(ctx, node, `uses the input ${input} other than by comparing it with constants`, `以与常量比较以外的方式使用输入 ${input}`);
  return set.values.map((v) => withFinite(p, input, { kind: "values", values: [v] }));
}

const keyOf = (v: unknown) => (v instanceof Dec ? `d:${v.toString()}` : canonicalJson(v));

/**
 * An eager operation with a finite input's class among its operands, the other operands constant: the
 * class split by the operation's result (each value evaluated by the descriptor), so a region holds the
 * values the operation does not tell apart.
 */
function splitFinite(ctx: Ctx, node: LogicNode, op: Operation, form: SymbolicForm, p: Path, vals: RegionValue[]): Out[] {
  const i = vals.findIndex((v) => v.k === "finite");
  const input = (vals[i] as { input: string }).input;
  const set = p.region.finite.get(input)!;
  const others = vals.every((v, j) => j === i || v.k === "const");
  const result = (value: unknown) => concrete(ctx, node, op, vals.map((v, j) => (j === i ? value : (v as { v: unknown }).v)));
  if (!others) {
    return singletons(ctx, node, p, input).flatMap((s) => eagerCell(ctx, node, op, form, s, vals.map((v) => (v.k === "finite" && v.input === input ? finiteConstant(s, input) : v))));
  }
  if (set.kind === "values") {
    const groups = new Map<string, { values: unknown[]; result: unknown }>();
    for (const value of set.values) {
      const r = result(value);
      const key = keyOf(r);
      const g = groups.get(key);
      if (g) g.values.push(value);
      else groups.set(key, { values: [value], result: r });
    }
    return [...groups.values()].map((g) => ({ p: withFinite(p, input, { kind: "values", values: g.values }), val: constant(g.result) }));
  }
  const exact = form.kind === "identity" || form.kind === "membership";
  if (set.kind === "except") {
    // A text compared with constants: each constant named is its own class, every other text one more.
    if (!exact) return fail(ctx, node, `uses the text input ${input} other than by comparing it with constants`, `以与常量比较以外的方式使用文本输入 ${input}`);
    const named = new Set<string>();
    for (const [j, v] of vals.entries()) {
      if (j === i) continue;
      const c = (v as { v: unknown }).v;
      for (const item of Array.isArray(c) ? c : [c]) if (typeof item === "string" && !set.except.includes(item)) named.add(item);
    }
    const out: Out[] = [...named].map((s) => ({ p: withFinite(p, input, { kind: "values", values: [s] }), val: constant(result(s)) }));
    // A text equal to no constant named: === and `in` are false for it (a value no constant equals stands for it).
    out.push({ p: withFinite(p, input, { kind: "except", except: [...set.except, ...named] }), val: constant(result(OTHER_TEXT)) });
    return out;
  }
  // An enum list: `in` with a constant item splits it into the lists that contain the item and those that do not.
  const item = (vals[0] as { v?: unknown }).v;
  if (form.kind !== "membership" || i !== 1 || typeof item !== "string") return fail(ctx, node, `uses the list input ${input} other than by asking whether it contains a constant`, `以询问是否包含常量以外的方式使用列表输入 ${input}`);
  if (set.has.includes(item)) return [{ p, val: constant(true) }];
  if (set.lacks.includes(item)) return [{ p, val: constant(false) }];
  return [
    { p: withFinite(p, input, { kind: "list", has: [...set.has, item], lacks: set.lacks }), val: constant(true) },
    { p: withFinite(p, input, { kind: "list", has: set.has, lacks: [...set.lacks, item] }), val: constant(false) },
  ];
}

/** A text that no rule constant equals: stands for "every other text" when `===` and `in` are evaluated. */
const OTHER_TEXT = "\u0000other";

// ——— truthiness ———

function truthiness(ctx: Ctx, node: LogicNode, val: RegionValue, p: Path): { p: Path; truth: boolean }[] {
  if (val.k === "const") return [{ p, truth: truthy(val.v) }];
  if (val.k === "lin" && val.repr === "number") return signs(ctx, p, val.f).map((s) => ({ p: s.p, truth: s.tag !== 0 }));
  if (val.k === "finite") {
    const set = p.region.finite.get(val.input)!;
    if (set.kind === "values") {
      const yes = set.values.filter((v) => truthy(v));
      const no = set.values.filter((v) => !truthy(v));
      return [...(yes.length ? [{ p: withFinite(p, val.input, { kind: "values", values: yes }), truth: true }] : []), ...(no.length ? [{ p: withFinite(p, val.input, { kind: "values", values: no }), truth: false }] : [])];
    }
    if (set.kind === "except") {
      // Only the empty text is falsy.
      if (set.except.includes("")) return [{ p, truth: true }];
      return [
        { p: withFinite(p, val.input, { kind: "values", values: [""] }), truth: false },
        { p: withFinite(p, val.input, { kind: "except", except: [...set.except, ""] }), truth: true },
      ];
    }
    if (set.has.length > 0) return [{ p, truth: true }];
    return fail(ctx, node, `the truthiness of the list input ${val.input}`, `列表输入 ${val.input} 的真值`);
  }
  // A decimal.js value, a date text and a shifted date are always truthy.
  return [{ p, truth: true }];
}

// ——— evaluation ———

function evaluate(ctx: Ctx, node: LogicNode, p: Path): Out[] {
  const out = evaluateNode(ctx, node, p);
  if (out.length > ctx.maxRegions) throw new RegionLimitError("MAX_REGIONS", ctx.maxRegions, "maxRegions", "regions of a rule version", "规则版本的区域");
  return out;
}

function evaluateNode(ctx: Ctx, node: LogicNode, p: Path): Out[] {
  const op = node.op;
  if (op === undefined) {
    if (Array.isArray(node.source)) return evaluateList(ctx, node, p);
    if (node.source !== null && typeof node.source === "object") fail(ctx, node, "an unknown operation", "未知运算");
    return [{ p, val: constant(node.source) }];
  }
  const form = op.symbolic;
  if (form === undefined) return fail(ctx, node, "the operation has no exact symbolic form", "该运算没有精确的符号形式");
  if (form.kind === "none") return fail(ctx, node, `the operation has no exact symbolic form: ${form.why.en}`, `该运算没有精确的符号形式:${form.why.zh}`);
  if (form.kind === "reference") return [{ p, val: reference(ctx, node, op, p) }];
  const operands = operandNodes(node);
  if (operands === undefined) return fail(ctx, node, "the checker did not type its operands", "其操作数未经类型检查");
  if (form.kind === "choice") return choice(ctx, operands, 0, p);
  if (form.kind === "junction") return junction(ctx, operands, 0, form.stopsOn, p);
  const out: Out[] = [];
  for (const cell of cells(ctx, operands, p)) out.push(...eagerCell(ctx, node, op, form, cell.p, cell.vals));
  return out;
}

/** The operands evaluated in order, each on the parts the earlier ones left. */
function cells(ctx: Ctx, operands: readonly LogicNode[], p: Path): { p: Path; vals: RegionValue[] }[] {
  let out: { p: Path; vals: RegionValue[] }[] = [{ p, vals: [] }];
  for (const o of operands) out = out.flatMap((cell) => evaluate(ctx, o, cell.p).map((r) => ({ p: r.p, vals: [...cell.vals, r.val] })));
  return out;
}

function eagerCell(ctx: Ctx, node: LogicNode, op: Operation, form: SymbolicForm, p: Path, vals: RegionValue[]): Out[] {
  if (vals.every((v) => v.k === "const")) return [{ p, val: constant(concrete(ctx, node, op, vals.map((v) => (v as { v: unknown }).v))) }];
  if (vals.some((v) => v.k === "finite")) return splitFinite(ctx, node, op, form, p, vals);
  return eager(ctx, node, op, form, p, vals);
}

/** The engine's own evaluation of an operation on constant operands. */
function concrete(ctx: Ctx, node: LogicNode, op: Operation, args: unknown[]): unknown {
  try {
    return op.evaluate!(args, ctx.env, {});
  } catch (error) {
    return fail(ctx, node, `the engine's evaluation fails here (${(error as Error).message})`, "引擎在此求值失败");
  }
}

function evaluateList(ctx: Ctx, node: LogicNode, p: Path): Out[] {
  if (node.operands.length !== (node.source as unknown[]).length) fail(ctx, node, "a list the checker did not visit", "未经检查的列表");
  return cells(ctx, node.operands, p).map((cell) => {
    if (!cell.vals.every((v) => v.k === "const")) fail(ctx, node, "a list whose items vary with the inputs", "列表元素随输入变化");
    return { p: cell.p, val: constant(cell.vals.map((v) => (v as { v: unknown }).v)) };
  });
}

function reference(ctx: Ctx, node: LogicNode, op: Operation, p: Path): RegionValue {
  const ref = node.reference;
  if (op.reference === "evaluationDate") return constant(ctx.env.on);
  if (ref === undefined) return fail(ctx, node, "a reference the checker did not resolve", "未解析的引用");
  switch (ref.kind) {
    case "input": {
      const kind = ctx.kinds.get(ref.name);
      if (kind) return { k: "lin", f: variable(ref.name), repr: kind, rounds: [] };
      if (!p.region.finite.has(ref.name)) return constant(readVar({}, ref.name, (node.args ?? [])[1]));
      return finiteConstant(p, ref.name);
    }
    case "parameter":
      return constant(ctx.env.params[ref.name]);
    case "condition":
      return p.conditions.get(ref.name) ?? fail(ctx, node, "a condition not yet evaluated", "条件尚未求值");
    case "outcome":
      return p.outcome.get(ref.name) ?? fail(ctx, node, "an outcome field not yet evaluated", "结果字段尚未求值");
  }
}

function choice(ctx: Ctx, parts: readonly LogicNode[], i: number, p: Path): Out[] {
  if (i >= parts.length - 1) return i === parts.length - 1 ? evaluate(ctx, parts[i]!, p) : [{ p, val: constant(null) }];
  const out: Out[] = [];
  for (const test of evaluate(ctx, parts[i]!, p)) {
    for (const t of truthiness(ctx, parts[i]!, test.val, test.p)) out.push(...(t.truth ? evaluate(ctx, parts[i + 1]!, t.p) : choice(ctx, parts, i + 2, t.p)));
  }
  return out;
}

function junction(ctx: Ctx, parts: readonly LogicNode[], i: number, stopsOn: boolean, p: Path): Out[] {
  const values = evaluate(ctx, parts[i]!, p);
  if (i === parts.length - 1) return values;
  const out: Out[] = [];
  for (const v of values) {
    for (const t of truthiness(ctx, parts[i]!, v.val, v.p)) out.push(...(t.truth === stopsOn ? [{ p: t.p, val: v.val }] : junction(ctx, parts, i + 1, stopsOn, t.p)));
  }
  return out;
}

/** A value as a linear form, when it is a plain affine decimal (or number) or a numeric constant. */
function affine(val: RegionValue): Lin | undefined {
  if (val.k === "lin" && val.repr !== "date" && val.rounds.length === 0 && !val.inexact) return val.f;
  if (val.k === "const") {
    const b = numeric(val.v);
    return b === undefined ? undefined : constantLin(b);
  }
  return undefined;
}

/** A date value as a linear form in days, when it is an input plus days or a constant date. */
function dateAffine(val: RegionValue): Lin | undefined {
  if (val.k === "lin" && val.repr === "date") return val.f;
  if (val.k === "const" && isDate(val.v)) return constantLin(R.q(dayOf(val.v)));
  return undefined;
}

function eager(ctx: Ctx, node: LogicNode, op: Operation, form: SymbolicForm, p: Path, vals: RegionValue[]): Out[] {
  const affines = () =>
    vals.map(
      (v) =>
        affine(v) ??
        fail(ctx, node, v.k === "lin" && v.rounds.length > 0 ? "arithmetic on a rounded value that varies" : "arithmetic on a value that is not a decimal", v.k === "lin" && v.rounds.length > 0 ? "对随输入变化的取整值再运算" : "对非十进制数运算"),
    );
  switch (form.kind) {
    case "sum":
      return [{ p, val: lin(affines().reduce((s, t) => addLin(s, t), constantLin(R.ZERO)), "dec") }];
    case "difference": {
      const [l, r] = affines() as [Lin, Lin];
      return [{ p, val: lin(subLin(l, r), "dec") }];
    }
    case "product": {
      const f = affines();
      if (f.filter((t) => !isConstant(t)).length > 1) fail(ctx, node, "a product of two values that vary with the inputs (not affine)", "两个随输入变化的值相乘(非线性)");
      const factor = f.filter(isConstant).reduce((s, t) => R.mul(s, t.k), R.ONE);
      const varying = f.find((t) => !isConstant(t))!;
      return [{ p, val: lin(scaleLin(varying, factor), "dec") }];
    }
    case "quotient":
      return [{ p, val: quotient(ctx, node, affines() as [Lin, Lin], p) }];
    case "least":
    case "greatest":
      return extremum(ctx, affines(), form.kind === "greatest", p);
    case "rounding": {
      const rounding = op.rounding?.((node.args ?? []).slice()) ?? fail(ctx, node, "rounding places or mode that are not literal", "取整位数或方式不是字面量");
      const v = vals[0]!;
      if (v.k !== "lin" || v.repr === "date") return fail(ctx, node, "rounds a value that is not a decimal", "对非十进制数取整");
      if (v.inexact) inexactIsSafe(ctx, node, v.f, p, 2n * 10n ** BigInt(rounding.places));
      return [{ p, val: { k: "lin", f: v.f, repr: "dec", rounds: [...v.rounds, rounding] } }];
    }
    case "order":
      return order(ctx, node, vals[0]!, vals[1]!, form.values === "date", form.relation, p).map((s) => ({ p: s.p, val: constant(s.tag) }));
    case "identity":
      return identity(ctx, node, vals[0]!, vals[1]!, form.negated, p);
    case "truthiness":
      return truthiness(ctx, node, vals[0]!, p).map((t) => ({ p: t.p, val: constant(t.truth !== form.negated) }));
    case "membership":
      return membership(ctx, node, vals[0]!, vals[1]!, p);
    case "shift":
      return shift(ctx, node, vals[0]!, vals[1]!, form.unit, p);
    default:
      return fail(ctx, node, "the operation has no exact symbolic form", "该运算没有精确的符号形式");
  }
}

/** The bounds of a form over a region's box (each variable within its bounds of one variable): a safe over-estimate of |f|. */
function maxAbs(f: Lin, region: Region): Q | undefined {
  let m = R.sign(f.k) < 0 ? R.neg(f.k) : f.k;
  for (const [x, c] of f.c) {
    const b = boundsOf(region.cons, x);
    if (!b.lo || !b.hi) return undefined;
    const far = [b.lo.at, b.hi.at].map((v) => (R.sign(v) < 0 ? R.neg(v) : v)).reduce((a, v) => (R.cmp(v, a) > 0 ? v : a));
    m = R.add(m, R.mul(R.sign(c) < 0 ? R.neg(c) : c, far));
  }
  return m;
}

/** Decimal places of an input's grid: money 2, integers and days 0, other decimals their digit limit. */
function gridPlaces(ctx: Ctx, x: string): number {
  const type = ctx.version.file.inputs[x]!.type;
  return type === "money" ? 2 : ctx.kinds.get(x) === "dec" ? 50 : 0;
}

function quotient(ctx: Ctx, node: LogicNode, [n, d]: [Lin, Lin], p: Path): RegionValue {
  if (!isConstant(d)) return fail(ctx, node, "a divisor that varies with the inputs (not affine)", "除数随输入变化(非线性)");
  if (R.isZero(d.k)) return fail(ctx, node, "division by zero", "除以零");
  const inverse = R.div(R.ONE, d.k);
  const f = scaleLin(n, inverse);
  if (!R.isDecimal(inverse)) return isConstant(f) ? fail(ctx, node, "a constant quotient the engine rounds", "被引擎舍入的常量商") : { k: "lin", f, repr: "dec", rounds: [], inexact: true };
  // The engine's quotient is exact when it needs at most 40 significant digits on the inputs' grids.
  const places = (v: Q) => (R.isDecimal(v) ? (R.toDec(v).decimalPlaces() ?? 0) : Infinity);
  const frac = Math.max(places(f.k), ...[...f.c].map(([x, c]) => places(c) + gridPlaces(ctx, x)));
  const biggest = maxAbs(f, p.region);
  const digits = biggest === undefined ? Infinity : (biggest.num / biggest.den).toString().length + frac;
  if (digits > DIVISION_SIGNIFICANT_DIGITS) return fail(ctx, node, `a quotient that may need more than ${DIVISION_SIGNIFICANT_DIGITS} significant digits`, `商可能超过 ${DIVISION_SIGNIFICANT_DIGITS} 位有效数字`);
  return lin(f, "dec");
}

/**
 * Whether the engine's quotient, rounded to 40 significant digits, gives the same result as the exact
 * rational when next rounded to a grid of denominator `jump` or compared with a constant of that
 * denominator (the argument of line.ts, over the region's box).
 */
function inexactIsSafe(ctx: Ctx, node: LogicNode, f: Lin, p: Path, jump: bigint): void {
  let d = f.k.den;
  let ok = true;
  for (const [x, c] of f.c) {
    const places = gridPlaces(ctx, x);
    if (places >= DIVISION_SIGNIFICANT_DIGITS) ok = false;
    d = R.lcm(d, c.den * 10n ** BigInt(places));
  }
  const biggest = maxAbs(f, p.region);
  ok = ok && biggest !== undefined && biggest.num * d * jump < 10n ** BigInt(DIVISION_SIGNIFICANT_DIGITS - 1) * biggest.den;
  if (!ok) fail(ctx, node, `a quotient the engine rounds to ${DIVISION_SIGNIFICANT_DIGITS} significant digits, too close to where its rounding or comparison changes`, `商被引擎舍入到 ${DIVISION_SIGNIFICANT_DIGITS} 位有效数字,可能改变取整或比较结果`);
}

function extremum(ctx: Ctx, fs: Lin[], greatest: boolean, p: Path): Out[] {
  // Fold pairwise: where the running extremum and the next operand cross, split (ties keep the earlier operand).
  let parts: { p: Path; f: Lin }[] = [{ p, f: fs[0]! }];
  for (const g of fs.slice(1)) {
    parts = parts.flatMap((part) => relation(ctx, part.p, subLin(part.f, g), greatest ? "gte" : "lte").map((s) => ({ p: s.p, f: s.tag ? part.f : g })));
  }
  return parts.map((part) => ({ p: part.p, val: lin(part.f, "dec") }));
}

/** `left relation right` on a path: the parts where it holds and where not. */
function order(ctx: Ctx, node: LogicNode, left: RegionValue, right: RegionValue, dates: boolean, rel: keyof typeof RELATIONS, p: Path): { p: Path; tag: boolean }[] {
  // A quotient the engine rounds compares like the exact one with a constant, where it cannot cross it.
  const exactly = (v: RegionValue, other: RegionValue): RegionValue => {
    if (v.k !== "lin" || !v.inexact || v.rounds.length > 0) return v;
    const c = other.k === "const" ? numeric(other.v) : undefined;
    if (c === undefined) fail(ctx, node, "compares a quotient the engine rounds to 40 significant digits with a varying value", "比较被引擎舍入的商与随输入变化的值");
    inexactIsSafe(ctx, node, v.f, p, c.den);
    return { k: "lin", f: v.f, repr: v.repr, rounds: [] };
  };
  [left, right] = [exactly(left, right), exactly(right, left)];
  const read = dates ? dateAffine : affine;
  const l = read(left);
  const r = read(right);
  if (l && r) return relation(ctx, p, subLin(l, r), rel);
  // A rounded value or a shifted date against a constant: the set where it is ≥ (or >) the constant is an up-ray.
  const varying = left.k === "lin" || left.k === "shift" ? left : right;
  const other = varying === left ? r : l;
  if (!other || !isConstant(other) || (varying.k !== "lin" && varying.k !== "shift") || (dates ? varying.k !== "shift" : varying.k !== "lin" || varying.repr === "date")) {
    return fail(ctx, node, dates ? "compares dates that are not constant, an input plus days, or a shift of it against a constant" : "compares a rounded value with another value that varies", dates ? "日期比较超出可精确分析的形式" : "比较两个随输入变化的值,其一经过取整");
  }
  const c = other.k;
  // The up-rays {f ≥ s} of `≥ c` and of `> c`, as constraints on the inputs.
  const ray = (strict: boolean): Constraint => {
    if (varying.k === "shift") {
      const [x, a] = [...varying.f.c.entries()][0]!;
      if (varying.f.c.size !== 1 || !R.eq(a, R.ONE)) return fail(ctx, node, "a date shift of a value that is not an input plus days", "日期偏移的对象不是输入加天数");
      const day = leastShiftDay(R.ONE, varying.f.k, varying.unit, varying.n, Number(c.num / c.den), strict);
      return { f: subLin(variable(x), constantLin(R.q(day))), rel: "ge" };
    }
    const start = roundedRay(varying.rounds, c, strict) ?? fail(ctx, node, "a rounding step the analysis could not bracket", "无法界定取整的跳变点");
    return { f: subLin(varying.f, constantLin(start.at)), rel: start.closed ? "ge" : "gt" };
  };
  const complement = (con: Constraint): Constraint => ({ f: neg(con.f), rel: con.rel === "ge" ? "gt" : "ge" });
  const ge = ray(false);
  const gt = ray(true);
  // Sign of varying − c: −1 outside the ≥-ray, 0 inside it but outside the >-ray, 1 inside the >-ray.
  const parts = split<Sign>(ctx, p, [
    { cons: [complement(ge)], tag: -1 },
    { cons: [ge, complement(gt)], tag: 0 },
    { cons: [gt], tag: 1 },
  ]);
  const flip = varying !== left;
  return parts.map((s) => ({ p: s.p, tag: RELATIONS[rel]((flip ? -s.tag || 0 : s.tag) as Sign) }));
}

function identity(ctx: Ctx, node: LogicNode, left: RegionValue, right: RegionValue, negated: boolean, p: Path): Out[] {
  const varying = left.k === "const" ? right : left;
  const other = varying === left ? right : left;
  if (varying.k === "lin" && varying.rounds.length === 0 && other.k === "const") {
    // A decimal.js value is a fresh object: === is false. A number or a date text equals a constant of its kind at one point.
    if (varying.repr === "dec") return [{ p, val: constant(negated) }];
    const c = varying.repr === "number" ? (typeof other.v === "number" ? R.q(other.v) : undefined) : isDate(other.v) ? R.q(dayOf(other.v)) : undefined;
    if (c === undefined) return [{ p, val: constant(negated) }];
    return relation(ctx, p, subLin(varying.f, constantLin(c)), "eq").map((s) => ({ p: s.p, val: constant(s.tag !== negated) }));
  }
  return fail(ctx, node, "=== between values that both vary, or a varying value of another form", "=== 两侧均随输入变化");
}

function membership(ctx: Ctx, node: LogicNode, item: RegionValue, list: RegionValue, p: Path): Out[] {
  if (list.k !== "const" || !Array.isArray(list.v) || item.k !== "lin" || item.rounds.length > 0) {
    return fail(ctx, node, "membership of a varying value in a varying list", "随输入变化的值属于随输入变化的列表");
  }
  if (item.repr === "dec") return [{ p, val: constant(false) }];
  // Where the item equals a member (=== on numbers or date texts): one part per member, the rest false.
  let rest: Path[] = [p];
  const out: Out[] = [];
  for (const m of list.v) {
    const c = item.repr === "number" ? (typeof m === "number" ? R.q(m) : undefined) : isDate(m) ? R.q(dayOf(m)) : undefined;
    if (c === undefined) continue;
    rest = rest.flatMap((q) => relation(ctx, q, subLin(item.f, constantLin(c)), "eq").flatMap((s) => (s.tag ? (out.push({ p: s.p, val: constant(true) }), []) : [s.p])));
  }
  return [...out, ...rest.map((q) => ({ p: q, val: constant(false) }))];
}

function shift(ctx: Ctx, node: LogicNode, date: RegionValue, count: RegionValue, unit: "days" | "months" | "years", p: Path): Out[] {
  const d = dateAffine(date);
  const x = d && d.c.size === 1 ? [...d.c.keys()][0]! : undefined;
  if (!d || x === undefined || !R.eq(d.c.get(x)!, R.ONE) || count.k !== "const" || typeof count.v !== "number") {
    return fail(ctx, node, "a date shift of a varying count, or of a value that is not a date input plus days", "日期偏移的数量随输入变化,或对象不是日期输入加天数");
  }
  const n = count.v;
  // The engine refuses facts whose shifted date leaves its dates: the region is cut to the days it
  // computes, an interval of days (the shift is monotone) found by bisection from a day inside it.
  const base = Number(d.k.num / d.k.den);
  const fits = (day: number) => day >= FIRST_DAY && day <= LAST_DAY && shiftFits(day + base, unit, n);
  const inside = [FIRST_DAY, LAST_DAY, Math.floor((FIRST_DAY + LAST_DAY) / 2)].find(fits);
  if (inside === undefined) return fail(ctx, node, "a date shift the engine cannot compute anywhere", "日期偏移超出引擎的日期范围");
  const edge = (from: number, to: number) => {
    // fits(from) !== fits(to): the last day with fits(from)'s answer
    while (Math.abs(to - from) > 1) {
      const mid = Math.floor((from + to) / 2);
      if (fits(mid) === fits(from)) from = mid;
      else to = mid;
    }
    return fits(from) ? from : to;
  };
  const lo = fits(FIRST_DAY) ? FIRST_DAY : edge(inside, FIRST_DAY);
  const hi = fits(LAST_DAY) ? LAST_DAY : edge(inside, LAST_DAY);
  const cut = [
    { f: subLin(variable(x), constantLin(R.q(lo))), rel: "ge" as const },
    { f: subLin(constantLin(R.q(hi)), variable(x)), rel: "ge" as const },
  ];
  if (!feasible([...p.region.cons, ...cut], ctx.maxConstraints)) return [];
  const q: Path = { ...p, region: { ...p.region, cons: [...p.region.cons, ...cut] } };
  if (unit === "days") return [{ p: q, val: lin(combine(d, R.ONE, constantLin(R.q(n)), R.ONE), "date") }];
  return [{ p: q, val: { k: "shift", f: d, unit, n } }];
}

/**
 * The exact value of a region value at a point (the numeric inputs' values), as the engine holds it.
 *
 * @example
 * valueAtPoint({ k: "lin", f: 0.1·x, repr: "dec", rounds: [] }, new Map([["x", q(500000)]])).toString() //=> "50000"
 */
export function valueAtPoint(val: RegionValue, point: ReadonlyMap<string, Q>, finite: (input: string) => unknown = () => undefined): unknown {
  if (val.k === "const") return val.v;
  if (val.k === "finite") return finite(val.input);
  const v = valueOf(val.f, point);
  if (val.k === "lin") return constantOf(v, val.repr, val.rounds);
  return shiftDay(Number(v.num / v.den), val.unit, val.n);
}

/**
 * Whether two region values are the same function (constants equal as the engine's values, forms and rounding equal).
 *
 * @example
 * sameValue(constant(true), constant(true)) //=> true
 */
export function sameValue(a: RegionValue, b: RegionValue): boolean {
  if (a.k === "const" && b.k === "const") return keyOf(a.v) === keyOf(b.v);
  if (a.k === "lin" && b.k === "lin") return sameLin(a.f, b.f) && a.repr === b.repr && JSON.stringify(a.rounds) === JSON.stringify(b.rounds) && !a.inexact === !b.inexact;
  if (a.k === "shift" && b.k === "shift") return sameLin(a.f, b.f) && a.unit === b.unit && a.n === b.n;
  if (a.k === "finite" && b.k === "finite") return a.input === b.input;
  return false;
}
