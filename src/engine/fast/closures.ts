import { truthy, type EvalEnv, type Evaluate, type Operation } from "../../ops/index.js";
import { asTest, T_EQ, T_MASK, T_NE } from "./inline-test.js";
import { asValue, V_AND, V_OR } from "./inline-value.js";
import type { FastCtx, Fn } from "./types.js";

/*
 * The closures of the fast compiler for values that are not scaled integers: the control forms and
 * the eager operations, specialised where an operand is a plain leaf (engine/fast/compile.ts reads
 * what each operand node is from the typed logic tree: a slot, a condition, an outcome, a constant).
 */

/**
 * What an operand node reads, so that its parent can read it inline instead of calling it: closures
 * over the same code are shared by every node and rule, so V8 cannot inline calls between them, and a
 * call per node is most of the cost of a closure compiler.
 *
 * @example
 * const leaf: Leaf = { slot: 3 }; // an input read as it is from slot 3
 */
export interface Leaf {
  slot?: number;
  cond?: number;
  out?: number;
  constant?: { value: unknown };
}

/** The environment of an operation evaluated on the fast path: its operands are already values. */
export const NO_ENV: EvalEnv = Object.freeze({ params: Object.freeze({}), conditions: Object.freeze({}), outcome: Object.freeze({}), on: "" }) as EvalEnv;

function evalAll(parts: Fn[], c: FastCtx): unknown[] {
  const out = new Array<unknown>(parts.length);
  for (let i = 0; i < parts.length; i++) out[i] = parts[i]!(c);
  return out;
}

/**
 * `if`: the first truthy test's branch, else the last operand (or null without an odd one).
 * `test` is what the first test reads: a condition is read inline.
 *
 * @example
 * compileIf([test, then, otherwise], { cond: 0 })
 */
export function compileIf(parts: Fn[], test: Leaf): Fn {
  if (parts.length === 3) {
    const [testFn, then, otherwise] = parts as [Fn, Fn, Fn];
    if (test.cond !== undefined) {
      const i = test.cond;
      return (c) => (c.cond[i] ? then(c) : otherwise(c));
    }
    return (c) => (truthy(testFn(c)) ? then(c) : otherwise(c));
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

/**
 * `and` / `or` (`isOr`): the first operand whose truthiness decides, else the last. When every
 * operand is a condition (`leaves`), one loop over the condition values, and an inline value.
 *
 * @example
 * compileAndOr([a, b], [{ cond: 0 }, { cond: 1 }], false)
 */
export function compileAndOr(parts: Fn[], leaves: readonly Leaf[], isOr: boolean): Fn {
  const conds = leaves.map((l) => l.cond);
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

/** Where an enum input's position is written and the bits of `list`'s values (for at most 16 values). */
export type EnumBits = (slot: number, list: readonly unknown[]) => { position: number; mask: number; all: number } | undefined;

/**
 * An eager operation on values: the specialised closures of its fast form (`===` of an input and a
 * constant, `in`, `!`, `!!`), else a call of its evaluation on the evaluated operands. `leaf(i)` is
 * what operand `i` reads.
 *
 * @example
 * compileStandard(STRICT_EQUAL, STRICT_EQUAL.evaluate!, [a, b], (i) => leaves[i]!, enumBits)
 */
export function compileStandard(d: Operation, evaluate: Evaluate, parts: Fn[], leaf: (i: number) => Leaf, enumBits?: EnumBits): Fn {
  const form = d.fast;
  if (parts.length === 2) {
    const [a, b] = parts as [Fn, Fn];
    if (form === "strict-equal" || form === "strict-not-equal") {
      const ia = leaf(0);
      const ib = leaf(1);
      const slot = ia.slot ?? ib.slot;
      const k = ia.constant ?? ib.constant;
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
