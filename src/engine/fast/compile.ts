import type { LoadedRuleVersion } from "../rule-version.js";
import type { ValueType } from "../../schema/rule-file.js";
import type { OutcomeValue } from "../decision.js";
import { formatOutcome } from "../format-outcome.js";
import { isPlainLiteral } from "../compile.js";
import { checkBuilt } from "../../exact/limits.js";
import { DECIMAL_INPUT_SCALE, MONEY_SCALE, type SlotKind, slotData } from "../facts.js";
import { isLogic, truthy } from "../../ops/index.js";
import { operandNodes, type LogicNode } from "../../logic/tree.js";
import { RUNTIME_VALUE_TYPES as VALUE_TYPES } from "../../types/runtime.js";
import { MAX_SCALED, POW10, roundScaled, scaledConstant, scaledToDec } from "../../exact/scaled.js";
import { compileAndOr, compileIf, compileStandard, type Leaf } from "./closures.js";
import { asTest, T_IN, T_MASK, testOf, type Test } from "./inline-test.js";
import { asValue, V_COND, V_IF_COND, V_IF_OUT, valueOf } from "./inline-value.js";
import { combine, compileComparison, scaledLiteral, align, type ScaledNode } from "./scaled.js";
import type { FastCtx, Fn, NumFn } from "./types.js";

/*
 * The fast compiler: a rule version's typed logic trees (logic/tree.ts, built by the checker at
 * load) compiled a second time, against validated facts in slots rather than a data record, with
 * every arithmetic subtree whose operands are provably decimals of bounded scale (money inputs to the
 * fen, integer inputs, rate and decimal inputs to DECIMAL_INPUT_SCALE places, parameters and literals
 * at their own scale) computed in exact scaled integers (scaled.ts). Anything else compiles to the
 * same operations as the reference compiler (engine/compile.ts), on the same values, so the results
 * are those of the reference path; `tests/perf` checks it on every rule.
 *
 * What a node is comes from the tree: its operation's descriptor (`node.op`: its fast form, scaled
 * arithmetic, relation, rounding), its checked operands (`operandNodes`), and for a reference what the
 * checker resolved it to (`node.reference`: the input's slot, the parameter, the condition or outcome
 * field by position). A node the checker did not resolve or visit is never in a loaded version; if
 * one were, the version would not compile here and would always take the reference path.
 */

/** Thrown at compile time when an expression cannot be compiled for slots (never for a checked rule). */
class NotCompilable extends Error {}

/**
 * One outcome field, compiled.
 *
 * @example
 * plan.outcomes[0]!.scaled //=> true (a money amount computed in fen)
 */
export interface FastOutcome {
  name: string;
  /** The value stored for later `jjj.outcome` references (scaled when the field is computed scaled). */
  fn: Fn;
  /** Its public form. */
  format: (value: unknown) => OutcomeValue;
  /** How the evaluator computes the value inline (inline-value.ts, `V_CALL`: call `fn`). */
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
export const F_CALL = 0;
export const F_BOOL = 1;
export const F_MONEY = 2;
export const F_DECIMAL = 3;
export const F_NUMBER = 4;

/**
 * A rule version compiled for the fast path.
 *
 * @example
 * const plan = compileFastPlan(version, validator.names, validator.kinds, validator.enumValues);
 * plan?.conditionTests.length === version.conditions.length //=> true
 */
export interface FastPlan {
  applicable: Fn | undefined;
  conditions: Fn[];
  /** The same conditions as {@link Test}s, run inline by `runTest`. */
  conditionTests: Test[];
  applicableTest: Test | undefined;
  outcomes: FastOutcome[];
}

/** An outcome field as later references read it: where it is stored, at what scale, and its unscaled form. */
interface OutcomeSlot {
  index: number;
  /** Set when the field is stored as a scaled integer. */
  scale: number | undefined;
  /** The field's value as the reference path computes it (read by references when it is stored scaled). */
  generic: Fn;
  tree: LogicNode;
}

const NO_LEAF: Leaf = Object.freeze({});

/**
 * Compile a version for the fast path from its typed logic trees, or return undefined when some
 * expression cannot be (it then always uses the reference path). `names` and `kinds` describe the
 * validator's slots: slot `i` holds input `names[i]`, in declaration order, as the checker numbers
 * inputs in a resolved reference.
 *
 * @example
 * compileFastPlan(version, validator.names, validator.kinds, validator.enumValues)?.outcomes.length //=> 3
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
  const enumBits = (slot: number, list: readonly unknown[]) => {
    const mask = enumMask(slot, list);
    return mask === undefined ? undefined : { position: count + slot, mask, all: (1 << enumValues[slot]!.length) - 1 };
  };
  const params = version.params as Record<string, unknown>;
  const outcomeSlots: OutcomeSlot[] = [];

  /* ---- references, as the checker resolved them ---- */

  function resolved(node: LogicNode) {
    const ref = node.reference;
    if (ref === undefined) throw new NotCompilable(`unresolved reference at ${node.pointer}`);
    return ref;
  }
  function slotOf(node: LogicNode): number {
    const { index, name } = resolved(node);
    if (names[index] !== name) throw new NotCompilable(`input ${name} is not in slot ${index}`);
    return index;
  }
  function parameterOf(node: LogicNode): unknown {
    const { name } = resolved(node);
    if (!Object.prototype.hasOwnProperty.call(params, name)) throw new NotCompilable(`parameter ${name}`);
    return params[name];
  }
  function outcomeOf(node: LogicNode): OutcomeSlot {
    const slot = outcomeSlots[resolved(node).index];
    if (!slot) throw new NotCompilable(`outcome at ${node.pointer}`);
    return slot;
  }

  /** What a node reads, when it is a leaf its parent can read inline (closures.ts). */
  function leafOf(node: LogicNode): Leaf {
    const d = node.op;
    if (d === undefined) return Array.isArray(node.source) ? NO_LEAF : { constant: { value: node.source } };
    switch (d.reference) {
      case "input": {
        const slot = slotOf(node);
        return kinds[slot] === "plain" || kinds[slot] === "integer" ? { slot } : NO_LEAF;
      }
      case "parameter":
        return { constant: { value: parameterOf(node) } };
      case "condition":
        return { cond: resolved(node).index };
      case "outcome": {
        const out = outcomeOf(node);
        // A field stored scaled is read as the reference path computes it: what its own tree reads.
        return out.scale === undefined ? { out: out.index } : leafOf(out.tree);
      }
    }
    return NO_LEAF;
  }

  /* ---- value compilation: exactly the values of compile.ts, read from slots ---- */

  function compileValue(node: LogicNode): Fn {
    const d = node.op;
    const source = node.source;
    if (d === undefined) {
      if (Array.isArray(source)) {
        if (node.operands.length !== source.length) throw new NotCompilable(`list at ${node.pointer} not checked`);
        const parts = node.operands.map(compileValue);
        // As in compile.ts: a list of computed values is measured against MAX_BUILT_VALUE_SIZE.
        if (source.every(isPlainLiteral)) return (c) => parts.map((p) => p(c));
        return (c) => checkBuilt(parts.map((p) => p(c)), "a list");
      }
      // An unknown operation is refused at load; anything else without an operation is a literal.
      if (isLogic(source)) throw new NotCompilable(`unknown operation at ${node.pointer}`);
      return () => source;
    }
    switch (d.reference) {
      case "input": {
        const slot = slotOf(node);
        const kind = kinds[slot]!;
        if (kind === "plain" || kind === "integer") return (c) => c.slots[slot];
        return (c) => slotData(kind, c.slots[slot]);
      }
      case "parameter": {
        const value = parameterOf(node);
        return () => value;
      }
      case "condition": {
        const index = resolved(node).index;
        return asValue((c) => c.cond[index], { op: V_COND, index });
      }
      case "outcome": {
        const out = outcomeOf(node);
        if (out.scale !== undefined) return out.generic; // stored scaled: recompute the reference value
        const index = out.index;
        return (c) => c.out[index];
      }
      case "evaluationDate":
        return (c) => c.on;
    }
    const operands = operandNodes(node);
    if (!operands) throw new NotCompilable(`operands of ${d.name} at ${node.pointer} not checked`);
    switch (d.fast) {
      case "if":
        return compileIf(operands.map(compileValue), operands.length > 0 ? leafOf(operands[0]!) : NO_LEAF);
      case "and":
      case "or":
        return compileAndOr(operands.map(compileValue), operands.map(leafOf), d.fast === "or");
    }
    const evaluate = d.evaluate;
    // A lazy operation without a fast form reads data other than the inputs (iterators, `missing`): not in the rule profile.
    if (!evaluate) throw new NotCompilable(d.name);

    if (d.fast === "membership" && operands.length === 2) {
      const list = constantList(operands[1]!);
      if (list) {
        const needle = compileValue(operands[0]!);
        const slot = leafOf(operands[0]!).slot;
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
      const scaled = compileScaled(node);
      if (scaled) {
        const { fn, scale } = scaled;
        return (c) => scaledToDec(fn(c), scale);
      }
    }
    const relation = d.scaled ? d.relation : undefined;
    if (relation !== undefined && relation !== "ne" && operands.length === 2) {
      const a = compileScaled(operands[0]!);
      const b = compileScaled(operands[1]!);
      if (a && b) return compileComparison(relation, evaluate, a, b);
    }
    return compileStandard(d, evaluate, operands.map(compileValue), (i) => leafOf(operands[i]!), enumBits);
  }

  /** A list that is the same on every evaluation: a list parameter, or a literal list of plain values. */
  function constantList(node: LogicNode): readonly unknown[] | undefined {
    const source = node.source;
    if (node.op === undefined) return Array.isArray(source) && source.every(isPlainLiteral) ? source : undefined;
    if (node.op.reference !== "parameter") return undefined;
    const value = parameterOf(node);
    return Array.isArray(value) ? value : undefined;
  }

  /* ---- scaled compilation: decimal subtrees of bounded scale as exact integers ---- */

  function compileScaled(node: LogicNode): ScaledNode | undefined {
    const d = node.op;
    const source = node.source;
    if (d === undefined) return typeof source === "string" || typeof source === "number" ? scaledLiteral(scaledConstant(source)) : undefined;
    switch (d.reference) {
      case "input": {
        const slot = slotOf(node);
        const kind = kinds[slot]!;
        const scale = kind === "money" ? MONEY_SCALE : kind === "decimal" ? DECIMAL_INPUT_SCALE : kind === "integer" ? 0 : -1;
        if (scale < 0) return undefined;
        return { scale, fn: (c) => c.slots[slot] as number, slot };
      }
      case "parameter":
        return scaledLiteral(scaledConstant(parameterOf(node)));
      case "outcome": {
        const out = outcomeOf(node);
        if (out.scale === undefined) return undefined;
        const index = out.index;
        return { scale: out.scale, fn: (c) => c.out[index] as number };
      }
    }
    if (!d.scaled) return undefined;
    const operands = operandNodes(node);
    if (!operands) return undefined;
    if (d.fast === "if") return compileScaledIf(operands);
    switch (d.arithmetic) {
      case "add":
      case "sub":
      case "mul":
      case "min":
      case "max": {
        if (operands.length < d.arity.min || operands.length > d.arity.max) return undefined;
        const nodes: ScaledNode[] = [];
        for (const operand of operands) {
          const scaled = compileScaled(operand);
          if (!scaled) return undefined;
          nodes.push(scaled);
        }
        return combine(d.arithmetic, nodes);
      }
      case "round": {
        if (operands.length < d.arity.min || operands.length > d.arity.max) return undefined;
        const rounding = d.rounding?.(node.args as unknown[]);
        if (!rounding) return undefined;
        const { places, mode } = rounding;
        const scaled = compileScaled(operands[0]!);
        if (!scaled) return undefined;
        if (places >= scaled.scale) return scaled; // toDecimalPlaces leaves the value as it is
        const k = scaled.scale - places;
        const f = scaled.fn;
        return { scale: places, fn: (c) => roundScaled(f(c), k, mode) };
      }
    }
    return undefined;
  }

  function compileScaledIf(operands: readonly LogicNode[]): ScaledNode | undefined {
    if (operands.length % 2 !== 1) return undefined; // an if without an else can give null
    const tests: Fn[] = [];
    const values: ScaledNode[] = [];
    for (let i = 0; i < operands.length; i++) {
      if (i % 2 === 0 && i < operands.length - 1) tests.push(compileValue(operands[i]!));
      else {
        const scaled = compileScaled(operands[i]!);
        if (!scaled) return undefined;
        values.push(scaled);
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
      const leaf = leafOf(operands[0]!);
      const lastNode = values[values.length - 1]!;
      const k = lastNode.constant === undefined ? undefined : lastNode.constant * POW10[scale - lastNode.scale]!;
      const constantElse = k !== undefined && Math.abs(k) <= MAX_SCALED;
      if (leaf.out !== undefined) {
        const i = leaf.out;
        const fn = (c: FastCtx) => (truthy(c.out[i]) ? then(c) : last(c));
        return { scale, fn: constantElse ? asValue(fn, { op: V_IF_OUT, index: i, k, then }) : fn };
      }
      if (leaf.cond !== undefined) {
        const i = leaf.cond;
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
    const applicable = version.applicable ? compileValue(version.applicable.tree) : undefined;
    const conditions = version.conditions.map(({ tree }) => compileValue(tree));
    const outcomes = version.outcome.map(({ name, spec, tree }, index): FastOutcome => {
      const where = `${version.file.id} outcome.${name}`;
      const type = spec.type;
      const scaled = SCALED_TYPES.has(type) ? compileScaled(tree) : undefined;
      let fn: Fn;
      let format: (value: unknown) => OutcomeValue;
      let formatOp = F_CALL;
      let scale = 0;
      if (scaled) {
        fn = scaled.fn;
        scale = scaled.scale;
        format = VALUE_TYPES[type].scaledFormatter(scale);
        formatOp = FAST_FORMATS[VALUE_TYPES[type].fastFormat](scale);
        outcomeSlots[index] = { index, scale, generic: compileValue(tree), tree };
      } else {
        fn = compileValue(tree);
        format = (raw) => formatOutcome(raw, type, where);
        if (VALUE_TYPES[type].fastFormat === "boolean") formatOp = F_BOOL;
        outcomeSlots[index] = { index, scale: undefined, generic: fn, tree };
      }
      return { name, fn, format, ...valueOf(fn), formatOp, scale, scaled: scaled !== undefined };
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
/** The inline formatter for each value type's `fastFormat` (src/types/value-type.ts), at a scale. */
const FAST_FORMATS: Readonly<Record<"money" | "decimal" | "integer" | "boolean" | "call", (scale: number) => number>> = {
  money: () => F_MONEY,
  decimal: () => F_DECIMAL,
  integer: (scale) => (scale === 0 ? F_NUMBER : F_CALL),
  boolean: () => F_CALL, // a boolean is never scaled; its inline form is F_BOOL on the unscaled branch
  call: () => F_CALL,
};
