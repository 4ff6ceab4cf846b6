import { DECIMAL_LITERAL, describe, toDec, type Dec } from "../exact/decimal.js";
import { isIsoDate } from "../schema/values.js";
import type { GrowthContext, GrowthBound, OperandSpec, StaticType } from "./operation.js";

/* Pieces shared by the operation modules: operand checks at evaluation and at load, growth forms. */

/** Every operand, evaluated, as an exact decimal; throws when their count is outside `min`–`max`. */
export function decimals(args: unknown[], op: string, min: number, max = Infinity): Dec[] {
  if (args.length < min || args.length > max) {
    throw new TypeError(`${op}: expected ${max === min ? min : `${min}${max === Infinity ? " or more" : `–${max}`}`} operands, got ${args.length}`);
  }
  return args.map((a) => toDec(a, op));
}

/** An evaluated operand that must be a calendar date `YYYY-MM-DD`. */
export function isoDate(value: unknown, op: string): string {
  if (!isIsoDate(value)) throw new TypeError(`${op}: ${describe(value)} is not a date YYYY-MM-DD`);
  return value;
}

/** A decimal operand of exact arithmetic or comparison: a decimal, a number or a literal decimal string. */
export const DECIMAL_OPERAND: OperandSpec = {
  types: ["decimal", "number"],
  decimalLiteral: true,
  problem: (t, op) => ({ code: "not_decimal", message: `${op} needs decimal operands; this one is a ${t}` }),
};

/** A date operand of a date comparison. */
export const DATE_OPERAND: OperandSpec = {
  types: ["date"],
  problem: (t, op) => ({ code: "not_date", message: `${op} needs dates YYYY-MM-DD; this operand is a ${t}` }),
};

/** Whether an operand of static type `type`, written `arg`, is accepted by `spec`. */
export function accepts(spec: OperandSpec, type: StaticType | undefined, arg: unknown): boolean {
  return type === "any" || (type !== undefined && spec.types.includes(type)) || (spec.decimalLiteral === true && typeof arg === "string" && DECIMAL_LITERAL.test(arg));
}

/** The growth form of an operation giving a boolean or small scalar whatever its operands. */
export const scalarGrowth = (ctx: GrowthContext): GrowthBound => ctx.scalar;

/** The growth form of a standard test (`===`, `<`, `in` …): a scalar, unknown when an operand is. */
export const testGrowth = (ctx: GrowthContext): GrowthBound => (ctx.anyUnknown ? ctx.unknown : ctx.scalar);

/** The growth form of float arithmetic: never bounded at load (any decimal it reaches is checked at evaluation). */
export const floatGrowth = (ctx: GrowthContext): GrowthBound => ctx.unknown;

/** The largest of the operands' measures, 0 when none. */
export const most = (bounds: readonly GrowthBound[], f: (b: GrowthBound) => number): number => Math.max(0, ...bounds.map(f));

/** Own property test that ignores the prototype chain. */
export const hasOwn = (o: object, k: PropertyKey): boolean => Object.prototype.hasOwnProperty.call(o, k);
