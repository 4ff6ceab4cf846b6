import type { LoadedRuleVersion } from "./rule-version.js";
import type { ValueType } from "../schema/rule-file.js";
import type { OutcomeValue } from "./decision.js";
import { formatOutcome } from "./format-outcome.js";
import { isPlainLiteral } from "./compile.js";
import { checkBuilt } from "../exact/limits.js";
import { DECIMAL_INPUT_SCALE, MONEY_SCALE, type SlotKind, slotData } from "./facts.js";
import { OPERATIONS, isLogic, truthy, type Arithmetic, type EvalEnv, type Evaluate, type Operation, type Relation } from "../ops/index.js";
import { VALUE_TYPES } from "../types/index.js";
import {
  FALLBACK,
  MAX_SCALE,
  MAX_SCALED,
  POW10,
  roundScaled,
  scaledConstant,
  scaledToDec,
} from "../exact/scaled.js";

/**
 * The fast evaluator of a rule version: its logic compiled a second time, against validated facts in
 * slots rather than a data record, and with every arithmetic subtree whose operands are provably
 * decimals of bounded scale (money inputs to the fen, integer inputs, rate and decimal inputs to
 * {@link DECIMAL_INPUT_SCALE} places, parameters and literals at their own scale) computed in exact
 * scaled integers (`scaled.ts`). Anything else compiles to the same operations as `compile.ts`, on the
 * same values, so the results are those of the reference path; `tests/perf` checks it on every rule.
 * When a scaled value would overflow the safe-integer range, evaluation throws {@link FALLBACK} and the
 * caller redoes it on the reference path (zod + decimal.js closures).
 */

/** What a fast evaluation reads and writes: input slots, condition and outcome values, the date. */
export interface FastCtx {
  slots: unknown[];
  cond: boolean[];
  out: unknown[];
  on: string;
}

type Fn = (c: FastCtx) => unknown;
type NumFn = (c: FastCtx) => number;

/*
 * What a compiled leaf reads, so that its parent can read it inline instead of calling it: closures
 * over the same code are shared by every node and rule, so V8 cannot inline calls between them, and a
 * call per node is most of the cost of a closure compiler. Common shapes (`===` of an input and a
 * parameter, `in` a parameter list, `jjj.gte` of money and a parameter, `and` of conditions,
 * arithmetic with a constant operand) compile to one closure each.
 */
const leafInfo = new WeakMap<Fn, { slot?: number; cond?: number; out?: number; constant?: { value: unknown } }>();
function tagged<F extends Fn>(fn: F, info: { slot?: number; cond?: number; out?: number; constant?: { value: unknown } }): F {
  leafInfo.set(fn, info);
  return fn;
}
/** A subtree computed as a scaled integer: the value times 10^scale. */
interface ScaledNode {
  scale: number;
  fn: NumFn;
  /** Set for constants, so they can be folded. */
  constant?: number;
  /** Set when the node reads an input slot as it is. */
  slot?: number;
}

/** One outcome field, compiled. */
export interface FastOutcome {
  name: string;
  /** The value stored for later `jjj.outcome` references (scaled when the field is computed scaled). */
  fn: Fn;
  /** Its public form. */
  format: (value: unknown) => OutcomeValue;
  /**
   * How the evaluator computes the value inline ({@link V_CALL}: call `fn`): `V_COND` reads
   * condition `index`; `V_AND`/`V_OR` combine the conditions `indices`; `V_IF_OUT`/`V_IF_COND` give
   * `then(c)` when outcome/condition `index` is truthy, else the constant `k`.
   */
  op: number;
  index: number;
  indices: readonly number[];
  k: unknown;
  then: Fn;
  /** How it formats inline ({@link F_CALL}: call `format`), at `scale` for scaled values. */
  formatOp: number;
  scale: number;
  /** Whether the value is computed in exact scaled integers (else as the reference path computes it). */
  scaled: boolean;
}
export const V_CALL = 0;
export const V_COND = 1;
export const V_AND = 2;
export const V_OR = 3;
export const V_IF_OUT = 4;
export const V_IF_COND = 5;
export const F_CALL = 0;
export const F_BOOL = 1;
export const F_MONEY = 2;
export const F_DECIMAL = 3;
export const F_NUMBER = 4;
type ValueInfo = Pick<FastOutcome, "op" | "index" | "indices" | "k" | "then">;
const valueInfo = new WeakMap<Fn, ValueInfo>();
function asValue<F extends Fn>(fn: F, info: Partial<ValueInfo> & { op: number }): F {
  valueInfo.set(fn, { index: 0, indices: [], k: undefined, then: fn, ...info });
  return fn;
}

/** A rule version compiled for the fast path. */
export interface FastPlan {
  applicable: Fn | undefined;
  conditions: Fn[];
  /** The same conditions as {@link Test}s, run inline by {@link runTest}. */
  conditionTests: Test[];
  applicableTest: Test | undefined;
  outcomes: FastOutcome[];
}

/**
 * A boolean test in a form the evaluator runs inline: one `switch` instead of a closure call per
 * condition (`input === parameter`, `input in list`, money `≥` a parameter…), or `CALL` for any
 * other expression. Every test has the same shape, so reading one is a monomorphic load.
 */
export interface Test {
  op: number;
  slot: number;
  k: unknown;
  list: readonly unknown[];
  fn: Fn;
}
export const T_CALL = 0;
export const T_EQ = 1;
export const T_NE = 2;
export const T_IN = 3;
export const T_GE = 4;
export const T_GT = 5;
export const T_LE = 6;
export const T_LT = 7;
/** `k` is a bit mask over an enum's values; `slot` is where the check wrote the value's position. */
export const T_MASK = 8;
const NO_LIST: readonly unknown[] = Object.freeze([]);
const testInfo = new WeakMap<Fn, Test>();
function asTest<F extends Fn>(fn: F, op: number, slot: number, k: unknown, list: readonly unknown[] = NO_LIST): F {
  testInfo.set(fn, { op, slot, k, list, fn });
  return fn;
}
function testOf(fn: Fn): Test {
  return testInfo.get(fn) ?? { op: T_CALL, slot: 0, k: undefined, list: NO_LIST, fn };
}

/** Run a test: the value of `truthy(test.fn(c))`, computed inline for the common forms. */
export function runTest(t: Test, c: FastCtx): boolean {
  switch (t.op) {
    case T_EQ:
      return c.slots[t.slot] === t.k;
    case T_NE:
      return c.slots[t.slot] !== t.k;
    case T_IN: {
      const x = c.slots[t.slot];
      const list = t.list;
      for (let i = 0; i < list.length; i++) if (list[i] === x) return true;
      return false;
    }
    case T_GE:
      return (c.slots[t.slot] as number) >= (t.k as number);
    case T_GT:
      return (c.slots[t.slot] as number) > (t.k as number);
    case T_LE:
      return (c.slots[t.slot] as number) <= (t.k as number);
    case T_LT:
      return (c.slots[t.slot] as number) < (t.k as number);
    case T_MASK:
      return (((t.k as number) >>> (c.slots[t.slot] as number)) & 1) === 1;
    default:
      return truthy(t.fn(c));
  }
}

/** Thrown at compile time when an expression cannot be compiled for slots (never for a checked rule). */
class NotCompilable extends Error {}

const NO_ENV: EvalEnv = Object.freeze({ params: Object.freeze({}), conditions: Object.freeze({}), outcome: Object.freeze({}), on: "" }) as EvalEnv;

const hasOwn = (o: object, k: PropertyKey) => Object.prototype.hasOwnProperty.call(o, k);

function checked(n: number): number {
  if (n > MAX_SCALED || n < -MAX_SCALED) throw FALLBACK;
  return n;
}

/**
 * Compile a version for the fast path, or return undefined when some expression cannot be (it then
 * always uses the reference path). `names` and `kinds` describe the validator's slots.
 */
export function compileFastPlan(
  version: LoadedRuleVersion,
  names: readonly string[],
  kinds: readonly SlotKind[],
  enumValues: readonly (readonly string[] | undefined)[] = [],
): FastPlan | undefined {
  const count = names.length;
  /** A bit per enum value in `list` (for an enum input of at most 16 values), as a test of membership. */
  const enumMask = (slot: number, list: readonly unknown[]): number | undefined => {
    const values = enumValues[slot];
    if (!values) return undefined;
    let mask = 0;
    values.forEach((v, j) => {
      if (list.includes(v)) mask |= 1 << j;
    });
    return mask;
  };
  const file = version.file;
  const params = version.params as Record<string, unknown>;
  const inputIndex = new Map(names.map((n, i) => [n, i]));
  const conditionIndex = new Map<string, number>();
  const outcomeInfo = new Map<string, { index: number; scale: number | undefined; generic: Fn }>();

  /* ---- value compilation: exactly the values of compile.ts, read from slots ---- */

  function compileValue(logic: unknown): Fn {
    if (Array.isArray(logic)) {
      const parts = logic.map(compileValue);
      // As in compile.ts: a list of computed values is measured against MAX_BUILT_VALUE_SIZE.
      if (logic.every(isPlainLiteral)) return (c) => parts.map((p) => p(c));
      return (c) => checkBuilt(parts.map((p) => p(c)), "a list");
    }
    if (!isLogic(logic)) return tagged(() => logic, { constant: { value: logic } });
    const op = Object.keys(logic)[0]!;
    const raw = logic[op];
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];

    const d = OPERATIONS.get(op);
    const evaluate = d?.evaluate;
    switch (d?.reference) {
      case "input":
        return compileVarValue(args);
      case "parameter":
        return compileParamValue(args);
      case "condition": {
        const index = staticName(args, conditionIndex);
        return asValue(
          tagged((c) => c.cond[index], { cond: index }),
          { op: V_COND, index },
        );
      }
      case "outcome": {
        const name = args[0];
        const info = typeof name === "string" && args.length === 1 ? outcomeInfo.get(name) : undefined;
        if (!info) throw new NotCompilable(`${op} ${String(name)}`);
        if (info.scale !== undefined) return info.generic; // stored scaled: recompute the reference value
        const index = info.index;
        return tagged((c) => c.out[index], { out: index });
      }
      case "evaluationDate":
        return (c) => c.on;
    }
    switch (d?.fast) {
      case "if":
        return compileIf(args.map(compileValue));
      case "and":
        return compileAndOr(args.map(compileValue), false);
      case "or":
        return compileAndOr(args.map(compileValue), true);
    }
    if (!d || !evaluate) {
      // A lazy operation without a fast form reads data other than the inputs (iterators, `missing`): not in the rule profile.
      if (d) throw new NotCompilable(op);
      return () => {
        throw new Error(`Unrecognized operation ${op}`);
      };
    }

    if (d.fast === "membership" && args.length === 2) {
      const list = constantList(args[1]);
      if (list) {
        const needle = compileValue(args[0]);
        const slot = leafInfo.get(needle)?.slot;
        const n = list.length;
        // `indexOf` compares with ===; a loop does the same without a builtin call.
        if (slot !== undefined) {
          const fn = (c: FastCtx) => {
            const x = c.slots[slot];
            for (let i = 0; i < n; i++) if (list[i] === x) return true;
            return false;
          };
          const mask = enumMask(slot, list);
          return mask === undefined ? asTest(fn, T_IN, slot, undefined, list) : asTest(fn, T_MASK, count + slot, mask);
        }
        return (c) => list.indexOf(needle(c)) !== -1;
      }
    }
    if (d.scaled && d.arithmetic !== undefined) {
      const node = compileScaled(logic);
      if (node) {
        const { fn, scale } = node;
        return (c) => scaledToDec(fn(c), scale);
      }
    }
    const relation = d.scaled ? d.relation : undefined;
    if (relation !== undefined && relation !== "ne" && args.length === 2) {
      const a = compileScaled(args[0]);
      const b = compileScaled(args[1]);
      if (a && b) return compileComparison(relation, evaluate, a, b);
    }
    return compileStandard(d, evaluate, args.map(compileValue), (slot, list) => {
      const mask = enumMask(slot, list);
      return mask === undefined ? undefined : { position: count + slot, mask, all: (1 << enumValues[slot]!.length) - 1 };
    });
  }

  /** A list that is the same on every evaluation: a list parameter, or a literal list of plain values. */
  function constantList(logic: unknown): readonly unknown[] | undefined {
    if (Array.isArray(logic)) {
      return logic.every((x) => x === null || (typeof x !== "object" && typeof x !== "function")) ? logic : undefined;
    }
    if (!isLogic(logic)) return undefined;
    const name0 = Object.keys(logic)[0]!;
    if (OPERATIONS.get(name0)?.reference !== "parameter") return undefined;
    const raw = logic[name0];
    const name = Array.isArray(raw) && raw.length === 1 ? raw[0] : raw;
    if (typeof name !== "string" || !hasOwn(params, name)) return undefined;
    const value = params[name];
    return Array.isArray(value) ? value : undefined;
  }

  function staticName(args: unknown[], table: ReadonlyMap<string, number>): number {
    const name = args[0];
    const index = typeof name === "string" && args.length === 1 ? table.get(name) : undefined;
    if (index === undefined) throw new NotCompilable(`reference ${String(name)}`);
    return index;
  }

  function compileVarValue(args: unknown[]): Fn {
    const index = staticName(args, inputIndex);
    const kind = kinds[index]!;
    if (kind === "plain" || kind === "integer") return tagged((c) => c.slots[index], { slot: index });
    return (c) => slotData(kind, c.slots[index]);
  }

  function compileParamValue(args: unknown[]): Fn {
    const name = args[0];
    if (args.length !== 1 || typeof name !== "string" || !hasOwn(params, name)) throw new NotCompilable(`parameter ${String(name)}`);
    const value = params[name];
    return tagged(() => value, { constant: { value } });
  }

  /* ---- scaled compilation: decimal subtrees of bounded scale as exact integers ---- */

  function compileScaled(logic: unknown): ScaledNode | undefined {
    if (typeof logic === "string" || typeof logic === "number") return constant(scaledConstant(logic));
    if (!isLogic(logic)) return undefined;
    const op = Object.keys(logic)[0]!;
    const raw = logic[op];
    const args: unknown[] = Array.isArray(raw) ? raw : [raw];
    const d = OPERATIONS.get(op);
    if (!d) return undefined;
    switch (d.reference) {
      case "input": {
        const name = args[0];
        const index = typeof name === "string" && args.length === 1 ? inputIndex.get(name) : undefined;
        if (index === undefined) return undefined;
        const kind = kinds[index]!;
        const scale = kind === "money" ? MONEY_SCALE : kind === "decimal" ? DECIMAL_INPUT_SCALE : kind === "integer" ? 0 : -1;
        if (scale < 0) return undefined;
        return { scale, fn: (c) => c.slots[index] as number, slot: index };
      }
      case "parameter": {
        const name = args[0];
        if (args.length !== 1 || typeof name !== "string" || !hasOwn(params, name)) return undefined;
        return constant(scaledConstant(params[name]));
      }
      case "outcome": {
        const name = args[0];
        const info = typeof name === "string" && args.length === 1 ? outcomeInfo.get(name) : undefined;
        if (!info || info.scale === undefined) return undefined;
        const index = info.index;
        return { scale: info.scale, fn: (c) => c.out[index] as number };
      }
    }
    if (!d.scaled) return undefined;
    if (d.fast === "if") return compileScaledIf(args);
    switch (d.arithmetic) {
      case "add":
      case "sub":
      case "mul":
      case "min":
      case "max": {
        if (args.length < d.arity.min || args.length > d.arity.max) return undefined;
        const nodes: ScaledNode[] = [];
        for (const a of args) {
          const node = compileScaled(a);
          if (!node) return undefined;
          nodes.push(node);
        }
        return combine(d.arithmetic, nodes);
      }
      case "round": {
        if (args.length < d.arity.min || args.length > d.arity.max) return undefined;
        const rounding = d.rounding?.(args);
        if (!rounding) return undefined;
        const { places, mode } = rounding;
        const node = compileScaled(args[0]);
        if (!node) return undefined;
        if (places >= node.scale) return node; // toDecimalPlaces leaves the value as it is
        const k = node.scale - places;
        const f = node.fn;
        return { scale: places, fn: (c) => roundScaled(f(c), k, mode) };
      }
    }
    return undefined;
  }

  function compileScaledIf(args: unknown[]): ScaledNode | undefined {
    if (args.length % 2 !== 1) return undefined; // an if without an else can give null
    const tests: Fn[] = [];
    const values: ScaledNode[] = [];
    for (let i = 0; i < args.length; i++) {
      if (i % 2 === 0 && i < args.length - 1) tests.push(compileValue(args[i]));
      else {
        const node = compileScaled(args[i]);
        if (!node) return undefined;
        values.push(node);
      }
    }
    const scale = Math.max(...values.map((v) => v.scale));
    const fns = values.map((v) => align(v, scale));
    if (fns.includes(undefined)) return undefined;
    const branches = fns as NumFn[];
    const last = branches[branches.length - 1]!;
    if (tests.length === 1) {
      const test = tests[0]!;
      const then = branches[0]!;
      const info = leafInfo.get(test);
      const lastNode = values[values.length - 1]!;
      const k = lastNode.constant === undefined ? undefined : lastNode.constant * POW10[scale - lastNode.scale]!;
      const constantElse = k !== undefined && Math.abs(k) <= MAX_SCALED;
      if (info?.out !== undefined) {
        const i = info.out;
        const fn = (c: FastCtx) => (truthy(c.out[i]) ? then(c) : last(c));
        return { scale, fn: constantElse ? asValue(fn, { op: V_IF_OUT, index: i, k, then }) : fn };
      }
      if (info?.cond !== undefined) {
        const i = info.cond;
        const fn = (c: FastCtx) => (c.cond[i] ? then(c) : last(c));
        return { scale, fn: constantElse ? asValue(fn, { op: V_IF_COND, index: i, k, then }) : fn };
      }
      return { scale, fn: (c) => (truthy(test(c)) ? then(c) : last(c)) };
    }
    return {
      scale,
      fn: (c) => {
        for (let i = 0; i < tests.length; i++) if (truthy(tests[i]!(c))) return branches[i]!(c);
        return last(c);
      },
    };
  }

  /* ---- the version ---- */

  try {
    const applicable = version.applicable ? compileValue(file.applicable) : undefined;
    const conditions = version.conditions.map(({ spec }, i) => {
      const fn = compileValue(spec.logic);
      conditionIndex.set(spec.id, i);
      return fn;
    });
    const outcomes = version.outcome.map(({ name, spec }, index): FastOutcome => {
      const where = `${file.id} outcome.${name}`;
      const type = spec.type;
      const node = SCALED_TYPES.has(type) ? compileScaled(spec.logic) : undefined;
      let fn: Fn;
      let format: (value: unknown) => OutcomeValue;
      let formatOp = F_CALL;
      let scale = 0;
      if (node) {
        fn = node.fn;
        scale = node.scale;
        format = scaledFormatter(type, scale);
        formatOp = FAST_FORMATS[VALUE_TYPES[type].fastFormat](scale);
        outcomeInfo.set(name, { index, scale, generic: compileValue(spec.logic) });
      } else {
        fn = compileValue(spec.logic);
        format = (raw) => formatOutcome(raw, type, where);
        if (VALUE_TYPES[type].fastFormat === "boolean") formatOp = F_BOOL;
        outcomeInfo.set(name, { index, scale: undefined, generic: fn });
      }
      const value = valueInfo.get(fn) ?? { op: V_CALL, index: 0, indices: [], k: undefined, then: fn };
      return { name, fn, format, ...value, formatOp, scale, scaled: node !== undefined };
    });
    return {
      applicable,
      conditions,
      conditionTests: conditions.map(testOf),
      applicableTest: applicable && testOf(applicable),
      outcomes,
    };
  } catch (error) {
    if (error instanceof NotCompilable) return undefined;
    throw error;
  }
}

/** The types whose outcomes the fast path computes in scaled integers: their modules say (src/types/). */
const SCALED_TYPES: ReadonlySet<ValueType> = new Set((Object.keys(VALUE_TYPES) as ValueType[]).filter((t) => VALUE_TYPES[t].scaledOutcome));
/** The arithmetic the fast path combines in scaled integers (`round` has its own form). */
/** The inline formatter for each value type's `fastFormat` (src/types/value-type.ts), at a scale. */
const FAST_FORMATS: Readonly<Record<"money" | "decimal" | "integer" | "boolean" | "call", (scale: number) => number>> = {
  money: () => F_MONEY,
  decimal: () => F_DECIMAL,
  integer: (scale) => (scale === 0 ? F_NUMBER : F_CALL),
  boolean: () => F_CALL, // a boolean is never scaled; its inline form is F_BOOL on the unscaled branch
  call: () => F_CALL,
};
type ScaledArithmetic = Extract<Arithmetic, "add" | "sub" | "mul" | "min" | "max">;

function constant(s: { n: number; scale: number } | undefined): ScaledNode | undefined {
  if (!s) return undefined;
  const n = s.n;
  return { scale: s.scale, fn: () => n, constant: n };
}

/** A scaled node's function at a larger scale; undefined when the factor is not exact. */
function align(node: ScaledNode, scale: number): NumFn | undefined {
  const k = scale - node.scale;
  if (k === 0) return node.fn;
  if (k > 22) return undefined;
  const p = POW10[k]!;
  if (node.constant !== undefined) {
    const n = node.constant * p;
    if (n > MAX_SCALED || n < -MAX_SCALED) return undefined;
    return () => n;
  }
  const f = node.fn;
  return (c) => checked(f(c) * p);
}

function combine(op: ScaledArithmetic, nodes: ScaledNode[]): ScaledNode | undefined {
  if (nodes.length === 1) return nodes[0];
  if (op === "mul") {
    const scale = nodes.reduce((s, n) => s + n.scale, 0);
    if (scale > MAX_SCALE) return undefined;
    const fns = nodes.map((n) => n.fn);
    if (fns.length === 2) {
      const [na, nb] = nodes as [ScaledNode, ScaledNode];
      const k = na.constant === undefined ? nb.constant : nb.constant === undefined ? na.constant : undefined;
      const other = na.constant === undefined ? na : nb;
      if (k !== undefined) {
        const f = other.fn;
        // Operand order does not change an exact product (nor its sign).
        return { scale, fn: (c) => checked(f(c) * k) };
      }
      const [a, b] = fns as [NumFn, NumFn];
      return { scale, fn: (c) => checked(a(c) * b(c)) };
    }
    return {
      scale,
      fn: (c) => {
        let r = fns[0]!(c);
        for (let i = 1; i < fns.length; i++) r = checked(r * fns[i]!(c));
        return r;
      },
    };
  }
  const scale = Math.max(...nodes.map((n) => n.scale));
  const aligned = nodes.map((n) => align(n, scale));
  if (aligned.includes(undefined)) return undefined;
  const fns = aligned as NumFn[];
  if (fns.length === 2) {
    const fused = combineWithConstant(op, nodes[0]!, nodes[1]!, scale);
    if (fused) return fused;
    const [a, b] = fns as [NumFn, NumFn];
    switch (op) {
      case "add":
        return { scale, fn: (c) => checked(a(c) + b(c)) };
      case "sub":
        return { scale, fn: (c) => checked(a(c) - b(c)) };
      case "min":
        return { scale, fn: (c) => Math.min(a(c), b(c)) };
      default:
        return { scale, fn: (c) => Math.max(a(c), b(c)) };
    }
  }
  switch (op) {
    case "add":
      return {
        scale,
        fn: (c) => {
          let r = fns[0]!(c);
          for (let i = 1; i < fns.length; i++) r = checked(r + fns[i]!(c));
          return r;
        },
      };
    case "min":
    case "max": {
      const pick = op === "min" ? Math.min : Math.max;
      return {
        scale,
        fn: (c) => {
          let r = fns[0]!(c);
          for (let i = 1; i < fns.length; i++) r = pick(r, fns[i]!(c));
          return r;
        },
      };
    }
  }
  return undefined;
}

/**
 * `x op k` or `k op x` for a constant `k`, with `x` an input slot or a closure, at the common scale.
 * Operand order is kept where it matters (`sub`); `+`, `min` and `max` are commutative, signs of zero
 * included, in IEEE-754 as in decimal.js.
 */
function combineWithConstant(op: ScaledArithmetic, a: ScaledNode, b: ScaledNode, scale: number): ScaledNode | undefined {
  const constFirst = a.constant !== undefined;
  const kNode = constFirst ? a : b;
  const xNode = constFirst ? b : a;
  if (kNode.constant === undefined || xNode.constant !== undefined) return undefined;
  const k = kNode.constant * POW10[scale - kNode.scale]!;
  if (Math.abs(k) > MAX_SCALED) return undefined;
  const p = POW10[scale - xNode.scale]!;
  const slot = xNode.slot;
  const f = xNode.fn;
  // x at the common scale: the slot itself, or a checked multiple of it, or the closure.
  const x: NumFn = slot !== undefined && p === 1 ? (c) => c.slots[slot] as number : p === 1 ? f : (c) => checked(f(c) * p);
  switch (op) {
    case "add":
      if (slot !== undefined && p === 1) return { scale, fn: (c) => checked((c.slots[slot] as number) + k) };
      return { scale, fn: (c) => checked(x(c) + k) };
    case "sub":
      if (constFirst) return { scale, fn: (c) => checked(k - x(c)) };
      if (slot !== undefined && p === 1) return { scale, fn: (c) => checked((c.slots[slot] as number) - k) };
      return { scale, fn: (c) => checked(x(c) - k) };
    case "min":
      if (slot !== undefined && p === 1) return { scale, fn: (c) => Math.min(c.slots[slot] as number, k) };
      return { scale, fn: (c) => Math.min(x(c), k) };
    case "max":
      if (slot !== undefined && p === 1) return { scale, fn: (c) => Math.max(c.slots[slot] as number, k) };
      return { scale, fn: (c) => Math.max(x(c), k) };
  }
  return undefined;
}

function compileComparison(kind: Exclude<Relation, "ne">, evaluate: Evaluate, a: ScaledNode, b: ScaledNode): Fn {
  const scale = Math.max(a.scale, b.scale);
  const fa = align(a, scale);
  const fb = align(b, scale);
  if (!fa || !fb) {
    // Not exact at a common scale: compare as decimals.
    return (c) => evaluate([scaledToDec(a.fn(c), a.scale), scaledToDec(b.fn(c), b.scale)], NO_ENV, undefined);
  }
  // An input compared with a constant at the input's scale: one closure, no calls.
  if (a.slot !== undefined && a.scale === scale && b.constant !== undefined) {
    const i = a.slot;
    const k = b.constant * POW10[scale - b.scale]!;
    if (Math.abs(k) <= MAX_SCALED) {
      switch (kind) {
        case "eq":
          return asTest((c) => c.slots[i] === k, T_EQ, i, k);
        case "gt":
          return asTest((c) => (c.slots[i] as number) > k, T_GT, i, k);
        case "gte":
          return asTest((c) => (c.slots[i] as number) >= k, T_GE, i, k);
        case "lt":
          return asTest((c) => (c.slots[i] as number) < k, T_LT, i, k);
        default:
          return asTest((c) => (c.slots[i] as number) <= k, T_LE, i, k);
      }
    }
  }
  switch (kind) {
    case "eq":
      return (c) => fa(c) === fb(c);
    case "gt":
      return (c) => fa(c) > fb(c);
    case "gte":
      return (c) => fa(c) >= fb(c);
    case "lt":
      return (c) => fa(c) < fb(c);
    default:
      return (c) => fa(c) <= fb(c);
  }
}

function scaledFormatter(type: ValueType, scale: number): (value: unknown) => OutcomeValue {
  return VALUE_TYPES[type].scaledFormatter(scale);
}

function evalAll(parts: Fn[], c: FastCtx): unknown[] {
  const out = new Array<unknown>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = parts[i]!(c);
  return out;
}

function compileIf(parts: Fn[]): Fn {
  if (parts.length === 3) {
    const [test, then, otherwise] = parts as [Fn, Fn, Fn];
    const info = leafInfo.get(test);
    if (info?.cond !== undefined) {
      const i = info.cond;
      return (c) => (c.cond[i] ? then(c) : otherwise(c));
    }
    return (c) => (truthy(test(c)) ? then(c) : otherwise(c));
  }
  return (c) => {
    let i = 0;
    for (; i < parts.length - 1; i += 2) {
      if (truthy(parts[i]!(c))) return parts[i + 1]!(c);
    }
    if (parts.length === i + 1) return parts[i]!(c);
    return null;
  };
}

function compileAndOr(parts: Fn[], isOr: boolean): Fn {
  const conds = parts.map((p) => leafInfo.get(p)?.cond);
  if (parts.length > 0 && conds.every((i) => i !== undefined)) {
    // Conditions are booleans: their truthiness is themselves.
    const indices = conds as number[];
    const n = indices.length;
    const fn = (c: FastCtx) => {
      const cond = c.cond;
      let current = false;
      for (let i = 0; i < n; i++) {
        current = cond[indices[i]!]!;
        if (current === isOr) return current;
      }
      return current;
    };
    return asValue(fn, { op: isOr ? V_OR : V_AND, indices });
  }
  return (c) => {
    let current: unknown;
    for (let i = 0; i < parts.length; i++) {
      current = parts[i]!(c);
      if (truthy(current) === isOr) return current;
    }
    return current;
  };
}

type EnumBits = (slot: number, list: readonly unknown[]) => { position: number; mask: number; all: number } | undefined;

/**
 * An eager operation on values: the specialised closures of its fast form (`===` of an input and a
 * constant, `in`, `!`, `!!`), else a call of its evaluation on the evaluated operands.
 */
function compileStandard(d: Operation, evaluate: Evaluate, parts: Fn[], enumBits?: EnumBits): Fn {
  const form = d.fast;
  if (parts.length === 2) {
    const [a, b] = parts as [Fn, Fn];
    if (form === "strict-equal" || form === "strict-not-equal") {
      const ia = leafInfo.get(a);
      const ib = leafInfo.get(b);
      const slot = ia?.slot ?? ib?.slot;
      const k = ia?.constant ?? ib?.constant;
      if (slot !== undefined && k !== undefined) {
        const value = k.value;
        const fn: Fn = form === "strict-equal" ? (c) => c.slots[slot] === value : (c) => c.slots[slot] !== value;
        const bits = enumBits?.(slot, [value]);
        if (bits) {
          // An enum input equal (or not) to a constant: a bit test on the value's position.
          return asTest(fn, T_MASK, bits.position, form === "strict-equal" ? bits.mask : ~bits.mask & bits.all);
        }
        return asTest(fn, form === "strict-equal" ? T_EQ : T_NE, slot, value);
      }
    }
    switch (form) {
      case "strict-equal":
        return (c) => a(c) === b(c);
      case "strict-not-equal":
        return (c) => a(c) !== b(c);
      case "membership":
        return (c) => evaluate([a(c), b(c)], NO_ENV, undefined);
    }
  }
  if (parts.length === 1) {
    const [a] = parts as [Fn];
    if (form === "not") return (c) => !truthy(a(c));
    if (form === "truthy") return (c) => truthy(a(c));
  }
  return (c) => evaluate(evalAll(parts, c), NO_ENV, undefined);
}
