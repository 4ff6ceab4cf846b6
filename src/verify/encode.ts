import { Dec } from "../exact/decimal.js";
import { DIVISION_SIGNIFICANT_DIGITS } from "../exact/limits.js";
import type { LogicNode } from "../logic/tree.js";
import { operandNodes } from "../logic/tree.js";
import type { EvalEnv, Operation } from "../ops/index.js";
import { truthy } from "../ops/truthy.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { dayOf, isDate } from "../analysis/days.js";
import * as R from "../analysis/rational.js";
import type { Q } from "../analysis/rational.js";
import { NotAnalysableError } from "../analysis/errors.js";
import { addMonthsZ, type Civil } from "./calendar.js";
import type { Z3, ZArith, ZBool } from "./z3.js";

/*
 * The exact encoding of a rule version's typed logic tree (src/logic/tree.ts) as z3 terms over its
 * inputs, read through each operation's `symbolic` form (ops/operation.ts), never its name:
 * - decimals and numbers are reals (money inputs are integers of fen ÷ 100, integers are integers),
 *   exact rationals throughout; rounding is `ToInt` (floor) with the mode's sign cases;
 * - dates are day numbers (days since 1970-01-01); a shift by months or years goes through the civil
 *   calendar in integer arithmetic (calendar.ts), exactly as the engine's end-of-month rule;
 * - text values (enums, string inputs, string constants) are indices into the version's table of the
 *   strings it can meet, plus one fresh string per free-text input (any other text behaves alike);
 * - constants are folded by the operation's own exact `evaluate` (the engine's definition on values).
 * Each `if` branch, each side of a min/max (giving the value, ties included), each operand of and/or and each test records the
 * condition under which the engine reaches it (a `Site`): the proofs ask whether each is reachable.
 */

/** A value of an expression: a constant, or a z3 term of one of the engine's kinds. @internal */
export type SVal =
  | { readonly k: "const"; readonly v: unknown }
  | { readonly k: "bool"; readonly e: ZBool }
  /**
   * A number: `repr` is what the engine holds (a decimal.js value, or a JS number); `grid` a denominator
   * every value is a multiple of, `mag` a bound of |value|, when known; `i` the integer term value × grid,
   * when the value is known on its grid: comparisons and rounding are then integer arithmetic, which
   * z3 decides far faster than the same over the reals.
   */
  | { readonly k: "num"; readonly e: ZArith; readonly repr: "dec" | "number"; readonly grid?: bigint; readonly i?: ZArith; readonly mag?: Q; readonly inexact?: { divisor: Q } }
  /** A date as its day number; a date input also carries its civil year, month and day. */
  | { readonly k: "date"; readonly e: ZArith; readonly civil?: Civil }
  | { readonly k: "str"; readonly e: ZArith }
  /** A value or null (an `if` with a null branch): null where `isNull` holds. */
  | { readonly k: "nullable"; readonly isNull: ZBool; readonly v: SVal }
  /** An enumList input: a membership flag per allowed value. */
  | { readonly k: "set"; readonly members: ReadonlyMap<string, ZBool> };

/** Where the engine may take a path of the logic, and the condition under which it does. @internal */
export interface Site {
  /** `conditions.amountAtLeastThreshold`, `outcome.amount`, `applicable`. */
  readonly where: string;
  /** The JSON pointer of the node, relative to the expression. */
  readonly pointer: string;
  /** `branch`: an `if` branch; `side`: a min/max operand strictly deciding; `operand`: an and/or operand evaluated; `test-true`/`test-false`: a comparison's result. */
  readonly kind: "branch" | "side" | "operand" | "test-true" | "test-false";
  /** Which one: the branch or operand index. */
  readonly index: number;
  readonly when: ZBool;
}

/** The strings a version can meet, numbered: a string value is its index here. @internal */
export class StringTable {
  readonly strings: string[] = [];
  private readonly index = new Map<string, number>();
  /** The index of `s`, added when new. */
  of(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(s);
      this.index.set(s, i);
    }
    return i;
  }
  /** The index of `s`, or undefined when the version never meets it. */
  find(s: string): number | undefined {
    return this.index.get(s);
  }
}

/** The encoded version: its applicable test, conditions, outcome (raw, as the engine stores it, and as a decision shows it). @internal */
export interface Encoded {
  readonly applicable: ZBool;
  readonly conditions: ReadonlyMap<string, ZBool>;
  readonly outcome: ReadonlyMap<string, SVal>;
  /** Each outcome field as the decision shows it (money rounded half-up to the fen). */
  readonly shown: ReadonlyMap<string, SVal>;
  /** Where the engine computes at all (date shifts within its dates), and the definitions of rounded values. */
  readonly defined: ZBool[];
  readonly sites: Site[];
}

interface Ctx {
  readonly Z: Z3;
  readonly version: LoadedRuleVersion;
  readonly inputs: ReadonlyMap<string, SVal>;
  readonly on: ZArith;
  readonly strings: StringTable;
  readonly env: EvalEnv;
  readonly conditions: Map<string, ZBool>;
  readonly outcome: Map<string, SVal>;
  readonly defined: ZBool[];
  readonly sites: Site[] | undefined;
  where: string;
}

function fail(ctx: Ctx, node: LogicNode | undefined, reason: string, reasonZh: string): never {
  throw new NotAnalysableError(ctx.version.file.id, node?.op?.name, `${ctx.where}#${node?.pointer ?? ""}`, reason, reasonZh);
}

/** A numeric constant as a rational (a decimal.js value, a JS number, a decimal literal). */
export function numericConstant(v: unknown): Q | undefined {
  if (v instanceof Dec) return R.q(v);
  if (typeof v === "number" && Number.isFinite(v)) return R.q(v);
  if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) return R.q(v);
  return undefined;
}

const qAbs = (a: Q): Q => (R.sign(a) < 0 ? R.neg(a) : a);
const qMax = (a: Q, b: Q): Q => (R.cmp(a, b) >= 0 ? a : b);

function realOf(Z: Z3, a: Q): ZArith {
  return Z.Real.val(`${a.num}/${a.den}`) as unknown as ZArith;
}

type Num = Extract<SVal, { k: "num" }>;

const intOf = (Z: Z3, n: bigint): ZArith => Z.Int.val(n) as unknown as ZArith;

/** The integer forms of numbers on one common grid (value × grid), when every one has one. */
function onCommonGrid(Z: Z3, nums: readonly Num[]): { grid: bigint; ints: ZArith[] } | undefined {
  if (!nums.every((n) => n.i !== undefined && n.grid !== undefined)) return undefined;
  const grid = nums.reduce((g, n) => R.lcm(g, n.grid!), 1n);
  return { grid, ints: nums.map((n) => (grid === n.grid ? n.i! : n.i!.mul(intOf(Z, grid / n.grid!)))) };
}

/** A value as a real term, when it is a number (a constant one too). */
function asReal(ctx: Ctx, node: LogicNode, v: SVal): Extract<SVal, { k: "num" }> {
  if (v.k === "num") return v;
  if (v.k === "const") {
    const c = numericConstant(v.v);
    if (c !== undefined) return { k: "num", e: realOf(ctx.Z, c), repr: typeof v.v === "number" ? "number" : "dec", grid: c.den, i: intOf(ctx.Z, c.num), mag: qAbs(c) };
  }
  return fail(ctx, node, "arithmetic on a value that is not a number", "对非数值运算");
}

/** A value as a day number, when it is a date (a constant date text too). */
function asDate(ctx: Ctx, node: LogicNode, v: SVal): ZArith {
  if (v.k === "date") return v.e;
  if (v.k === "const" && isDate(v.v)) return ctx.Z.Int.val(dayOf(v.v)) as unknown as ZArith;
  return fail(ctx, node, "a date operation on a value that is not a date", "对非日期值做日期运算");
}

/** JsonLogic truthiness of a value, as a z3 boolean. */
function truth(ctx: Ctx, node: LogicNode, v: SVal): ZBool {
  const Z = ctx.Z;
  switch (v.k) {
    case "const":
      return Z.Bool.val(truthy(v.v));
    case "bool":
      return v.e;
    case "num":
      // A decimal.js value is an object: always truthy. A JS number is truthy unless 0.
      return v.repr === "dec" ? Z.Bool.val(true) : v.e.neq(0);
    case "date":
      return Z.Bool.val(true);
    case "str": {
      const empty = ctx.strings.find("");
      return empty === undefined ? Z.Bool.val(true) : v.e.neq(empty);
    }
    case "set":
      return Z.Or(...[...v.members.values()]);
    case "nullable":
      return Z.And(Z.Not(v.isNull), truth(ctx, node, v.v));
  }
}

/** The same value under `test`, else the other: `if` over encoded values of one kind. */
function choose(ctx: Ctx, node: LogicNode, test: ZBool, a: SVal, b: SVal): SVal {
  const Z = ctx.Z;
  if (a.k === "const" && b.k === "const" && sameConstant(a.v, b.v)) return a;
  // A value or null: kept as such (an outcome field may be null where the rule says nothing).
  const isNull = (v: SVal) => v.k === "const" && v.v === null;
  if (isNull(a) !== isNull(b) && a.k !== "nullable" && b.k !== "nullable") {
    return isNull(a) ? { k: "nullable", isNull: test, v: b } : { k: "nullable", isNull: Z.Not(test), v: a };
  }
  const kindOf = (v: SVal): string => {
    if (v.k !== "const") return v.k === "num" ? `num-${v.repr}` : v.k;
    if (typeof v.v === "boolean") return "bool";
    if (numericConstant(v.v) !== undefined && (typeof v.v === "number" || v.v instanceof Dec)) return typeof v.v === "number" ? "num-number" : "num-dec";
    if (isDate(v.v) && (a.k === "date" || b.k === "date")) return "date";
    if (typeof v.v === "string") {
      if (a.k === "num" || b.k === "num") return numericConstant(v.v) !== undefined ? "num-dec" : "string";
      return "str";
    }
    return "other";
  };
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka !== kb && !(ka.startsWith("num") && kb.startsWith("num") && ka !== "num-number" && kb !== "num-number")) {
    return fail(ctx, node, `branches of different kinds (${ka}, ${kb})`, "分支的值类型不同");
  }
  if (ka === "bool") return { k: "bool", e: Z.If(test, truth(ctx, node, a), truth(ctx, node, b)) as ZBool };
  if (ka.startsWith("num")) {
    const x = asReal(ctx, node, a);
    const y = asReal(ctx, node, b);
    if (x.inexact || y.inexact) fail(ctx, node, "a quotient the engine rounds, chosen by a test", "被引擎舍入的商作为分支结果");
    const common = onCommonGrid(Z, [x, y]);
    const grid = common?.grid ?? (x.grid !== undefined && y.grid !== undefined ? R.lcm(x.grid, y.grid) : undefined);
    const mag = x.mag !== undefined && y.mag !== undefined ? qMax(x.mag, y.mag) : undefined;
    const i = common ? (Z.If(test, common.ints[0]!, common.ints[1]!) as ZArith) : undefined;
    return { k: "num", e: Z.If(test, x.e, y.e) as ZArith, repr: ka === "num-number" ? "number" : "dec", ...(grid ? { grid } : {}), ...(i ? { i } : {}), ...(mag ? { mag } : {}) };
  }
  if (ka === "date") return { k: "date", e: Z.If(test, asDate(ctx, node, a), asDate(ctx, node, b)) as ZArith };
  if (ka === "str") return { k: "str", e: Z.If(test, strTerm(ctx, node, a), strTerm(ctx, node, b)) as ZArith };
  return fail(ctx, node, "a choice between values the analysis does not represent (lists, null)", "在无法表示的值(列表、空值)之间选择");
}

function sameConstant(a: unknown, b: unknown): boolean {
  if (a instanceof Dec && b instanceof Dec) return a.eq(b);
  return a === b;
}

function strTerm(ctx: Ctx, node: LogicNode, v: SVal): ZArith {
  if (v.k === "str") return v.e;
  if (v.k === "const" && typeof v.v === "string") return ctx.Z.Int.val(ctx.strings.of(v.v)) as unknown as ZArith;
  return fail(ctx, node, "a text operation on a value that is not text", "对非文本值做文本运算");
}

function site(ctx: Ctx, node: LogicNode, kind: Site["kind"], index: number, when: ZBool): void {
  ctx.sites?.push({ where: ctx.where, pointer: node.pointer, kind, index, when });
}

/** Record both results of a test that varies. */
function tested(ctx: Ctx, node: LogicNode, reach: ZBool, e: ZBool): SVal {
  site(ctx, node, "test-true", 0, ctx.Z.And(reach, e));
  site(ctx, node, "test-false", 1, ctx.Z.And(reach, ctx.Z.Not(e)));
  return { k: "bool", e };
}

/** Encode `node`, reached by the engine when `reach` holds. */
function encode(ctx: Ctx, node: LogicNode, reach: ZBool): SVal {
  const op = node.op;
  if (op === undefined) {
    if (Array.isArray(node.source)) {
      const items = node.operands.map((o) => encode(ctx, o, reach));
      if (items.length !== node.source.length || !items.every((i) => i.k === "const")) fail(ctx, node, "a list whose items vary", "列表元素随输入变化");
      return { k: "const", v: items.map((i) => (i as { v: unknown }).v) };
    }
    if (node.source !== null && typeof node.source === "object") fail(ctx, node, "an unknown operation", "未知运算");
    return { k: "const", v: node.source };
  }
  const form = op.symbolic;
  if (form === undefined || form.kind === "none") {
    const why = form?.kind === "none" ? form.why : undefined;
    return fail(ctx, node, `the operation has no exact symbolic form${why ? `: ${why.en}` : ""}`, `该运算没有精确的符号形式${why ? `:${why.zh}` : ""}`);
  }
  if (form.kind === "reference") return reference(ctx, node, op);
  const operands = operandNodes(node) ?? fail(ctx, node, "the checker did not type its operands", "其操作数未经类型检查");
  const Z = ctx.Z;
  if (form.kind === "choice") {
    // if [t1, v1, t2, v2, …, else]: the first truthy test's value.
    const tests: ZBool[] = [];
    const values: SVal[] = [];
    let guard = reach;
    let i = 0;
    for (; i + 1 < operands.length; i += 2) {
      const t = truth(ctx, operands[i]!, encode(ctx, operands[i]!, guard));
      site(ctx, node, "branch", i / 2, Z.And(guard, t));
      values.push(encode(ctx, operands[i + 1]!, Z.And(guard, t)));
      tests.push(t);
      guard = Z.And(guard, Z.Not(t));
    }
    site(ctx, node, "branch", i / 2, guard);
    let out: SVal = i < operands.length ? encode(ctx, operands[i]!, guard) : { k: "const", v: null };
    for (let j = tests.length - 1; j >= 0; j--) out = choose(ctx, node, tests[j]!, values[j]!, out);
    return out;
  }
  if (form.kind === "junction") {
    // and / or: the first operand whose truthiness is `stopsOn`, else the last.
    const values: SVal[] = [];
    const truths: ZBool[] = [];
    let guard = reach;
    for (let i = 0; i < operands.length; i++) {
      if (i > 0) site(ctx, node, "operand", i, guard);
      const v = encode(ctx, operands[i]!, guard);
      values.push(v);
      const t = truth(ctx, operands[i]!, v);
      truths.push(t);
      guard = Z.And(guard, form.stopsOn ? Z.Not(t) : t);
    }
    let out = values[values.length - 1]!;
    for (let j = values.length - 2; j >= 0; j--) out = choose(ctx, node, form.stopsOn ? truths[j]! : Z.Not(truths[j]!), values[j]!, out);
    return out;
  }
  const args = operands.map((o) => encode(ctx, o, reach));
  if (args.every((a) => a.k === "const")) return { k: "const", v: concrete(ctx, node, op, args.map((a) => (a as { v: unknown }).v)) };
  switch (form.kind) {
    case "sum":
    case "difference":
    case "product":
      return arithmetic(ctx, node, form.kind, args);
    case "quotient":
      return quotient(ctx, node, args);
    case "least":
    case "greatest":
      return extremum(ctx, node, args, form.kind === "greatest", reach);
    case "rounding": {
      const r = op.rounding?.((node.args ?? []).slice()) ?? fail(ctx, node, "rounding places or mode that are not literal", "取整位数或方式不是字面量");
      const v = asReal(ctx, node, args[0]!);
      if (v.inexact) checkInexact(ctx, node, v, 2n * 10n ** BigInt(r.places));
      return { ...roundTerm(Z, v, r.places, r.mode, ctx.defined), ...(v.mag ? { mag: R.add(v.mag, R.ONE) } : {}) };
    }
    case "order":
      return tested(ctx, node, reach, order(ctx, node, form.relation, form.values, args));
    case "identity": {
      const e = identity(ctx, node, args[0]!, args[1]!);
      return tested(ctx, node, reach, form.negated ? Z.Not(e) : e);
    }
    case "truthiness": {
      const t = truth(ctx, node, args[0]!);
      return { k: "bool", e: form.negated ? Z.Not(t) : t };
    }
    case "membership":
      return tested(ctx, node, reach, membership(ctx, node, args[0]!, args[1]!));
    case "shift":
      return shift(ctx, node, form.unit, args[0]!, args[1]!, reach);
  }
  return fail(ctx, node, "the operation has no exact symbolic form", "该运算没有精确的符号形式");
}

function concrete(ctx: Ctx, node: LogicNode, op: Operation, args: unknown[]): unknown {
  try {
    return op.evaluate!(args, ctx.env, {});
  } catch (error) {
    return fail(ctx, node, `the engine's evaluation fails on these constants (${(error as Error).message})`, "引擎对这些常量求值失败");
  }
}

function reference(ctx: Ctx, node: LogicNode, op: Operation): SVal {
  if (op.reference === "evaluationDate") return { k: "date", e: ctx.on };
  const ref = node.reference ?? fail(ctx, node, "a reference the checker did not resolve", "未解析的引用");
  switch (ref.kind) {
    case "input":
      return ctx.inputs.get(ref.name) ?? fail(ctx, node, "an input without an encoding", "输入没有编码");
    case "parameter":
      return { k: "const", v: ctx.env.params[ref.name] };
    case "condition": {
      const c = ctx.conditions.get(ref.name) ?? fail(ctx, node, "a condition not yet evaluated", "条件尚未求值");
      return { k: "bool", e: c };
    }
    case "outcome":
      return ctx.outcome.get(ref.name) ?? fail(ctx, node, "an outcome field not yet evaluated", "结果字段尚未求值");
  }
}

function arithmetic(ctx: Ctx, node: LogicNode, kind: "sum" | "difference" | "product", args: SVal[]): SVal {
  const Z = ctx.Z;
  const nums = args.map((a) => asReal(ctx, node, a));
  if (nums.some((n) => n.inexact)) fail(ctx, node, "arithmetic on a quotient the engine rounds", "对被引擎舍入的商再运算");
  let { e, grid, mag } = nums[0]!;
  let i = nums[0]!.i;
  const varying = args.filter((a) => a.k !== "const").length;
  for (const n of nums.slice(1)) {
    if (kind === "product") {
      e = e.mul(n.e);
      // value × grid stays a linear integer term while at most one factor varies (the others are constants).
      i = i !== undefined && n.i !== undefined && grid !== undefined && n.grid !== undefined && varying <= 1 ? i.mul(n.i) : undefined;
      grid = grid !== undefined && n.grid !== undefined ? grid * n.grid : undefined;
      mag = mag !== undefined && n.mag !== undefined ? R.mul(mag, n.mag) : undefined;
    } else {
      const common = i !== undefined && grid !== undefined ? onCommonGrid(Z, [{ k: "num", e, repr: "dec", grid, i }, n]) : undefined;
      e = kind === "sum" ? e.add(n.e) : e.sub(n.e);
      i = common ? (kind === "sum" ? common.ints[0]!.add(common.ints[1]!) : common.ints[0]!.sub(common.ints[1]!)) : undefined;
      grid = common?.grid ?? (grid !== undefined && n.grid !== undefined ? R.lcm(grid, n.grid) : undefined);
      mag = mag !== undefined && n.mag !== undefined ? R.add(mag, n.mag) : undefined;
    }
  }
  return { k: "num", e, repr: "dec", ...(grid !== undefined ? { grid } : {}), ...(i !== undefined && grid !== undefined ? { i } : {}), ...(mag !== undefined ? { mag } : {}) };
}

/** Whether 1/d is a decimal of at most the engine's quotient digits: then the quotient is exact. */
function exactDivisor(d: Q): boolean {
  let p = qAbs(d).num;
  for (const f of [2n, 5n]) while (p % f === 0n) p /= f;
  return p === 1n && qAbs(d).num.toString().length * 3 < DIVISION_SIGNIFICANT_DIGITS;
}

function quotient(ctx: Ctx, node: LogicNode, args: SVal[]): SVal {
  const [a, b] = args as [SVal, SVal];
  const d = b.k === "const" ? numericConstant(b.v) : undefined;
  if (d === undefined) return fail(ctx, node, "a divisor that varies", "除数随输入变化");
  if (R.isZero(d)) return fail(ctx, node, "a division by zero", "除以零");
  const n = asReal(ctx, node, a);
  if (n.inexact) fail(ctx, node, "a quotient of a quotient the engine rounds", "被舍入的商再相除");
  const e = n.e.div(realOf(ctx.Z, d));
  const mag = n.mag !== undefined ? R.div(n.mag, qAbs(d)) : undefined;
  // n = k/g, d = p/q: n/d = k·q/(g·p), a multiple of 1/(g·p).
  const grid = n.grid !== undefined ? n.grid * qAbs(d).num : undefined;
  // value × grid = (i / g) · (q / p) · g · |p| = i · q · sign(p)
  const i = n.i !== undefined && grid !== undefined ? n.i.mul(intOf(ctx.Z, R.sign(d) < 0 ? -d.den : d.den)) : undefined;
  return { k: "num", e, repr: "dec", ...(grid !== undefined ? { grid } : {}), ...(i !== undefined ? { i } : {}), ...(mag !== undefined ? { mag } : {}), ...(exactDivisor(d) ? {} : { inexact: { divisor: d } }) };
}

/**
 * A quotient the engine rounds to 40 significant digits is safe to round (or compare) exactly when no
 * rounding of the engine's can cross a jump of denominator `jump`: on its grid the exact quotient is a
 * multiple of 1/D, so it is a jump point (held exactly) or at least 1/(D·jump) from one, while the
 * engine's error is below |v|·10⁻³⁹ (docs/analysis.md, Quotients).
 */
function checkInexact(ctx: Ctx, node: LogicNode, v: Extract<SVal, { k: "num" }>, jump: bigint): void {
  if (v.grid === undefined || v.mag === undefined) fail(ctx, node, "a quotient the engine rounds, of a value without a known grid or bound", "被引擎舍入的商,其被除数没有已知的网格或界");
  const lhs = R.mul(R.mul(v.mag, R.q(v.grid)), R.q(jump));
  if (R.cmp(lhs, R.q(10n ** BigInt(DIVISION_SIGNIFICANT_DIGITS - 1))) >= 0) {
    fail(ctx, node, "a quotient the engine rounds, possibly too close to where its rounding or comparison changes", "被引擎舍入的商可能改变取整或比较结果");
  }
}

function extremum(ctx: Ctx, node: LogicNode, args: SVal[], greatest: boolean, reach: ZBool): SVal {
  const Z = ctx.Z;
  const nums = args.map((a) => asReal(ctx, node, a));
  if (nums.some((n) => n.inexact)) fail(ctx, node, "min/max of a quotient the engine rounds", "对被引擎舍入的商取最值");
  // Each operand that varies or not: where it strictly decides (beats every other).
  const common = onCommonGrid(Z, nums);
  const terms = common?.ints ?? nums.map((n) => n.e);
  if (nums.length > 1) {
    terms.forEach((t, i) => {
      // Ties count: a side is dead only when it never gives the value (always strictly beaten).
      const beats = terms.filter((_, j) => j !== i).map((u) => (greatest ? t.ge(u) : t.le(u)));
      site(ctx, node, "side", i, Z.And(reach, ...beats));
    });
  }
  let e = nums[0]!.e;
  let t = terms[0]!;
  let i = common?.ints[0];
  nums.slice(1).forEach((n, j) => {
    const u = terms[j + 1]!;
    const wins = greatest ? u.gt(t) : u.lt(t);
    e = Z.If(wins, n.e, e) as ZArith;
    if (i !== undefined) i = Z.If(wins, u, i) as ZArith;
    t = Z.If(wins, u, t) as ZArith;
  });
  const grid = common?.grid ?? (nums.every((n) => n.grid !== undefined) ? nums.reduce((g, n) => R.lcm(g, n.grid!), 1n) : undefined);
  const mag = nums.every((n) => n.mag !== undefined) ? nums.reduce((m, n) => qMax(m, n.mag!), R.ZERO) : undefined;
  return { k: "num", e, repr: "dec", ...(grid !== undefined ? { grid } : {}), ...(i !== undefined ? { i } : {}), ...(mag !== undefined ? { mag } : {}) };
}

let freshRound = 0;

/**
 * round(v, places, mode) exactly, as decimal.js rounds ("up"/"down" away from / toward zero,
 * "half-up" ties away from zero): a fresh integer k, the rounded value times 10^places, tied to v by
 * the inequalities of the mode (k ≤ s < k + 1 for floor …), pushed to `axioms`. They hold for exactly
 * one k whatever v is, so they exclude no input. On a value's integer form (i / g) they are integer
 * inequalities (k·g ≤ i·10^places < (k+1)·g), which z3 decides far faster than its own `ToInt`.
 *
 * @internal
 * @example
 * const axioms: ZBool[] = [];
 * const r = roundTerm(Z, amount, 2, "half-up", axioms); // solver.add(...axioms)
 */
export function roundTerm(Z: Z3, v: Pick<Num, "e" | "i" | "grid">, places: number, mode: string, axioms: ZBool[]): Num {
  const unit = 10n ** BigInt(places);
  const k = Z.Int.const(`round${freshRound++}`);
  const out: Num = { k: "num", e: Z.ToReal(k).div(realOf(Z, R.q(unit))), repr: "dec", grid: unit, i: k };
  const exact = v.i !== undefined && v.grid !== undefined;
  if (!exact) {
    // Over the reals (a value off any known grid, e.g. a product of two inputs): z3's own floor.
    axioms.push(k.eq(realRounding(Z, v.e.mul(realOf(Z, R.q(unit))), mode)));
    return out;
  }
  // s = v × 10^places as num / den, with num and den integer terms (den > 0); 2s = 2num / den.
  const num = v.i!.mul(intOf(Z, unit));
  const den = intOf(Z, v.grid!);
  const kk = k;
  const floorOf = (twoNum: ZArith) => Z.And(kk.mul(2).mul(den).le(twoNum), twoNum.lt(kk.add(1).mul(2).mul(den))); // k ≤ twoNum / 2den < k+1
  const ceilOf = (twoNum: ZArith) => Z.And(kk.sub(1).mul(2).mul(den).lt(twoNum), twoNum.le(kk.mul(2).mul(den)));
  const two = num.mul(2);
  const bySign = (pos: ZBool, neg: ZBool) => Z.And(Z.Implies(num.ge(0), pos), Z.Implies(num.lt(0), neg));
  switch (mode) {
    case "floor":
      axioms.push(floorOf(two));
      break;
    case "ceil":
      axioms.push(ceilOf(two));
      break;
    case "down":
      axioms.push(bySign(floorOf(two), ceilOf(two)));
      break;
    case "up":
      axioms.push(bySign(ceilOf(two), floorOf(two)));
      break;
    case "half-up":
      // floor(s + ½) for s ≥ 0, ceil(s − ½) below: 2s ± 1 over 2·den.
      axioms.push(bySign(floorOf(two.add(den)), ceilOf(two.sub(den))));
      break;
    default:
      axioms.push(k.eq(realRounding(Z, v.e.mul(realOf(Z, R.q(unit))), mode)));
  }
  return out;
}

/** The integer `s` rounds to in `mode`, over the reals: `ToInt` is the floor. */
function realRounding(Z: Z3, s: ZArith, mode: string): ZArith {
  const floor = (x: ZArith) => Z.ToInt(x);
  const ceil = (x: ZArith) => floor(x.neg()).neg();
  const half = realOf(Z, R.frac(1n, 2n));
  const nonNeg = s.ge(0);
  switch (mode) {
    case "floor":
      return floor(s);
    case "ceil":
      return ceil(s);
    case "down":
      return Z.If(nonNeg, floor(s), ceil(s)) as ZArith;
    case "up":
      return Z.If(nonNeg, ceil(s), floor(s)) as ZArith;
    case "half-up":
      return Z.If(nonNeg, floor(s.add(half)), ceil(s.sub(half))) as ZArith;
    case "half-even": {
      // The nearest integer; on a tie (s + ½ whole) the even one of the two.
      const r = floor(s.add(half));
      return Z.If(Z.And(Z.IsInt(s.add(half)), r.mod(2).eq(1)), r.sub(1), r) as ZArith;
    }
    default:
      throw new TypeError(`rounding mode ${mode} has no encoding`);
  }
}

function order(ctx: Ctx, node: LogicNode, relation: "eq" | "gt" | "gte" | "lt" | "lte", values: "decimal" | "date", args: SVal[]): ZBool {
  const Z = ctx.Z;
  let terms: ZArith[];
  if (values === "date") {
    terms = args.map((a) => asDate(ctx, node, a));
  } else {
    const nums = args.map((a) => asReal(ctx, node, a));
    nums.forEach((n, i) => {
      if (!n.inexact) return;
      const others = nums.filter((_, j) => j !== i);
      const c = others.length === 1 && others[0]!.grid !== undefined ? others[0]!.grid : undefined;
      if (c === undefined) fail(ctx, node, "a quotient the engine rounds, compared with a value that varies", "被引擎舍入的商与变量比较");
      checkInexact(ctx, node, n, c);
    });
    terms = onCommonGrid(Z, nums)?.ints ?? nums.map((n) => n.e);
  }
  const rel = (a: ZArith, b: ZArith): ZBool => {
    switch (relation) {
      case "eq":
        return a.eq(b);
      case "gt":
        return a.gt(b);
      case "gte":
        return a.ge(b);
      case "lt":
        return a.lt(b);
      case "lte":
        return a.le(b);
    }
  };
  // A chain a ≤ b ≤ c holds when each neighbour pair does.
  const pairs: ZBool[] = [];
  for (let i = 0; i + 1 < terms.length; i++) pairs.push(rel(terms[i]!, terms[i + 1]!));
  return Z.And(...pairs);
}

/** `===`: the same value and the same JavaScript type. */
function identity(ctx: Ctx, node: LogicNode, a: SVal, b: SVal): ZBool {
  const Z = ctx.Z;
  if (b.k !== "const" && a.k === "const") return identity(ctx, node, b, a);
  if (a.k === "const" && b.k === "const") return Z.Bool.val(a.v === b.v);
  if (a.k === "bool") return b.k === "bool" ? a.e.eq(b.e) : b.k === "const" && typeof b.v === "boolean" ? (b.v ? a.e : Z.Not(a.e)) : Z.Bool.val(false);
  if (a.k === "str") {
    if (b.k === "str") return a.e.eq(b.e);
    if (b.k === "const" && typeof b.v === "string") return a.e.eq(ctx.strings.of(b.v));
    return Z.Bool.val(false);
  }
  if (a.k === "date") {
    if (b.k === "date") return a.e.eq(b.e);
    if (b.k === "const" && isDate(b.v)) return a.e.eq(dayOf(b.v));
    return Z.Bool.val(false);
  }
  if (a.k === "num") {
    // A decimal.js value is a fresh object: === is false. JS numbers compare by value.
    if (a.repr === "dec") return Z.Bool.val(false);
    if (b.k === "num") return b.repr === "number" ? a.e.eq(b.e) : Z.Bool.val(false);
    if (b.k === "const" && typeof b.v === "number") return a.e.eq(realOf(Z, R.q(b.v)));
    return Z.Bool.val(false);
  }
  return fail(ctx, node, "=== between values the analysis does not represent", "=== 两侧的值无法表示");
}

/** `in`: the item is `===` to a member of the list. */
function membership(ctx: Ctx, node: LogicNode, item: SVal, list: SVal): ZBool {
  const Z = ctx.Z;
  if (list.k === "set") {
    if (item.k === "const" && typeof item.v === "string") return list.members.get(item.v) ?? Z.Bool.val(false);
    if (item.k === "str") return Z.Or(...[...list.members].map(([value, flag]) => Z.And(item.e.eq(ctx.strings.of(value)), flag)));
    return Z.Bool.val(false);
  }
  if (list.k !== "const" || !Array.isArray(list.v)) return fail(ctx, node, "membership in a list that varies", "属于随输入变化的列表");
  return Z.Or(...list.v.map((m) => identity(ctx, node, item, { k: "const", v: m })));
}

function shift(ctx: Ctx, node: LogicNode, unit: "days" | "months" | "years", date: SVal, count: SVal, reach: ZBool): SVal {
  const Z = ctx.Z;
  const n = count.k === "const" && typeof count.v === "number" && Number.isSafeInteger(count.v) ? count.v : fail(ctx, node, "a date shift by a count that varies", "日期偏移的数量随输入变化");
  const day = asDate(ctx, node, date);
  const { e, inRange } = unit === "days" ? addDays(Z, day, n) : addMonthsZ(Z, day, unit === "years" ? 12 * n : n, date.k === "date" ? date.civil : undefined);
  // The engine refuses facts whose shifted date leaves its dates: only where it is reached.
  ctx.defined.push(Z.Implies(reach, inRange));
  return { k: "date", e };
}

function addDays(Z: Z3, day: ZArith, n: number): { e: ZArith; inRange: ZBool } {
  const e = day.add(n);
  return { e, inRange: Z.And(e.ge(FIRST_DAY), e.le(LAST_DAY)) };
}

/** The engine's first and last dates as day numbers. @internal */
export const FIRST_DAY = dayOf("0000-01-01");
/** @internal */
export const LAST_DAY = dayOf("9999-12-31");

/** A field as a decision shows it: money half-up to the fen (the value type's formatting); others as computed. */
function shown(ctx: Ctx, type: string, v: SVal): SVal {
  const at: LogicNode = { pointer: "", source: null, type: "any", operands: [] };
  if (type === "boolean") return { k: "bool", e: truth(ctx, at, v) };
  if (type !== "money" || v.k === "const") return v;
  const n = asReal(ctx, at, v);
  if (n.inexact) fail(ctx, at, "a money field that is a quotient the engine rounds", "金额字段是被引擎舍入的商");
  // Already whole fen (a rule's own rounding to 2 places, money inputs): the fen rounding changes nothing.
  if (n.grid !== undefined && 100n % n.grid === 0n) return n;
  return { ...roundTerm(ctx.Z, n, 2, "half-up", ctx.defined), ...(n.mag ? { mag: R.add(n.mag, R.ONE) } : {}) };
}

/**
 * Encode a version over the given input terms and evaluation date: its applicable test, conditions
 * and outcome fields in the engine's order. `sites` collects where the logic branches (omit it for a
 * second copy, as monotonicity uses).
 *
 * @internal
 * @example
 * const enc = encodeVersion(Z, version, inputs.terms, on, strings, []);
 * solver.add(enc.conditions.get("amountAtLeastThreshold")!);
 */
export function encodeVersion(Z: Z3, version: LoadedRuleVersion, inputs: ReadonlyMap<string, SVal>, on: ZArith, strings: StringTable, sites?: Site[]): Encoded {
  const ctx: Ctx = {
    Z,
    version,
    inputs,
    on,
    strings,
    env: { params: version.params as Record<string, unknown>, conditions: Object.create(null), outcome: Object.create(null), on: version.validFrom },
    conditions: new Map(),
    outcome: new Map(),
    defined: [],
    sites,
    where: "applicable",
  };
  const yes = Z.Bool.val(true);
  const applicable = version.applicable ? truth(ctx, version.applicable.tree, encode(ctx, version.applicable.tree, yes)) : yes;
  for (const c of version.conditions) {
    ctx.where = `conditions.${c.spec.id}`;
    ctx.conditions.set(c.spec.id, truth(ctx, c.tree, encode(ctx, c.tree, yes)));
  }
  const show = new Map<string, SVal>();
  for (const f of version.outcome) {
    ctx.where = `outcome.${f.name}`;
    const v = encode(ctx, f.tree, yes);
    ctx.outcome.set(f.name, v);
    show.set(f.name, shown(ctx, f.spec.type, v));
  }
  return { applicable, conditions: ctx.conditions, outcome: ctx.outcome, shown: show, defined: ctx.defined, sites: sites ?? [] };
}
