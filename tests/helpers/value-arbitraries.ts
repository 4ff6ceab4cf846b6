import fc from "fast-check";
import { Decimal } from "decimal.js";
import type { InputSpec, ValueType } from "../../src/schema/rule-file.js";

/*
 * Property-test arbitraries per value type (fast-check is a devDependency, so they live in tests/, not
 * beside the modules in src/types/). Typed over ValueType: a type added to ValueTypeSchema without its
 * arbitraries here does not compile. For an input spec, `valid` gives facts the input must accept and
 * `invalid` facts it must reject, both built from the spec alone (bounds, values, pattern), not from
 * the engine's own checks.
 */

/** Valid and invalid facts of one input. */
export interface ValueArbitraries {
  valid: fc.Arbitrary<unknown>;
  invalid: fc.Arbitrary<unknown>;
}

const D = Decimal.clone({ precision: 200 });

/** Plain decimal text of `n / 10^scale` (n a bigint), optionally with trailing zeros to `pad` decimals. */
function scaledText(n: bigint, scale: number, pad = scale): string {
  const neg = n < 0n;
  const digits = (neg ? -n : n).toString().padStart(scale + 1, "0");
  const int = digits.slice(0, digits.length - scale);
  let frac = digits.slice(digits.length - scale);
  frac = frac.padEnd(pad, "0");
  return `${neg ? "-" : ""}${int}${frac ? `.${frac}` : ""}`;
}

/** Decimals in [min, max] (defaults: ±10^12) with 0..maxScale decimals, as text or, when exact, as a JS number. */
function decimalsWithin(min: string | undefined, max: string | undefined, maxScale: number, numbers: boolean): fc.Arbitrary<unknown> {
  const lo = new D(min ?? "-1e12");
  const hi = new D(max ?? "1e12");
  return fc
    .integer({ min: 0, max: maxScale })
    .chain((scale) => {
      const k = new D(10).pow(scale);
      const a = BigInt(lo.times(k).ceil().toFixed(0));
      const b = BigInt(hi.times(k).floor().toFixed(0));
      return fc.tuple(fc.constant(scale), a <= b ? fc.bigInt({ min: a, max: b }) : fc.constant(undefined), fc.integer({ min: 0, max: 2 }));
    })
    .filter(([, n]) => n !== undefined)
    .map(([scale, n, pad]) => {
      const text = scaledText(n!, scale, scale + (scale < maxScale ? Math.min(pad, maxScale - scale) : 0));
      const asNumber = Number(text);
      return numbers && pad === 2 && Math.abs(asNumber) < 1e9 && String(asNumber) === new D(text).toFixed() ? asNumber : text;
    });
}

/** Values of no numeric type at all, and numbers written wrong. */
const NOT_NUMBERS = fc.constantFrom<unknown>(true, false, null, [], {}, "", "abc", "1e3", "1,000", " 1", "50万", "１", "+1", ".5", "1.", "0x10", Number.NaN, Infinity, 0.1 + 0.2);

function below(min: string | undefined): fc.Arbitrary<unknown>[] {
  return min === undefined ? [] : [fc.constant(new D(min).minus("0.01").toString()), fc.constant(new D(min).minus(1000).toFixed(0))];
}
function above(max: string | undefined): fc.Arbitrary<unknown>[] {
  return max === undefined ? [] : [fc.constant(new D(max).plus("0.01").toString()), fc.constant(new D(max).plus(1000).toFixed(0))];
}

const keys = (spec: InputSpec) => Object.keys(spec.values ?? {});
const someOtherString = (spec: InputSpec) => fc.string({ maxLength: 10 }).filter((s) => !keys(spec).includes(s));

/** The arbitraries of every value type, for an input spec of that type. */
export const VALUE_ARBITRARIES: { readonly [K in ValueType]: (spec: InputSpec) => ValueArbitraries } = {
  money: (spec) => ({
    valid: decimalsWithin(spec.min ?? "0", spec.max ?? "1e12", 2, true),
    invalid: fc.oneof(NOT_NUMBERS, fc.constantFrom("1.005", "0.001"), ...below(spec.min ?? "0"), ...above(spec.max)),
  }),
  decimal: (spec) => ({
    valid: decimalsWithin(spec.min, spec.max, 8, true),
    invalid: fc.oneof(NOT_NUMBERS, fc.constant(`1.${"1".repeat(51)}`), ...below(spec.min), ...above(spec.max)),
  }),
  rate: (spec) => ({
    valid: decimalsWithin(spec.min, spec.max ?? (spec.min === undefined ? undefined : "1e6"), 8, true),
    invalid: fc.oneof(NOT_NUMBERS, fc.constant("10%"), ...below(spec.min), ...above(spec.max)),
  }),
  integer: (spec) => ({
    valid: fc.integer({ min: spec.min === undefined ? -1e9 : Math.ceil(Number(spec.min)), max: spec.max === undefined ? 1e9 : Math.floor(Number(spec.max)) }),
    invalid: fc.oneof(fc.constantFrom<unknown>(1.5, "3", null, true, Number.NaN, 2 ** 53), ...below(spec.min).map((a) => a.map((s) => Number(new D(s as string).floor().toString()))), ...above(spec.max).map((a) => a.map((s) => Number(new D(s as string).ceil().toString())))),
  }),
  boolean: () => ({ valid: fc.boolean(), invalid: fc.constantFrom<unknown>("true", "false", 0, 1, null, [], "") }),
  date: () => ({
    valid: fc.date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2199-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    invalid: fc.constantFrom<unknown>("2025-02-30", "2025-1-7", "2025-01-01T00:00:00Z", "20250101", "2023-02-29", "", 20250101, null),
  }),
  enum: (spec) => ({ valid: fc.constantFrom(...keys(spec)), invalid: fc.oneof(someOtherString(spec), fc.constantFrom<unknown>(1, null, true, [keys(spec)[0]])) }),
  enumList: (spec) => ({
    valid: fc.array(fc.constantFrom(...keys(spec)), { maxLength: keys(spec).length + 2 }),
    invalid: fc.oneof(
      someOtherString(spec).map((s) => [keys(spec)[0], s]),
      fc.constantFrom<unknown>(keys(spec)[0], "", null, 1, [1], [null]),
    ),
  }),
  string: (spec) => ({
    valid: spec.pattern === undefined ? fc.string({ maxLength: 200 }) : fc.stringMatching(new RegExp(spec.pattern, "u")).filter((s) => s.length <= 200),
    invalid: fc.oneof(
      fc.constantFrom<unknown>(1, null, true, [], "x".repeat(201)),
      ...(spec.pattern === undefined ? [] : [fc.string({ maxLength: 20 }).filter((s) => !new RegExp(spec.pattern!, "u").test(s))]),
    ),
  }),
};

/** The arbitraries of one input spec. */
export function arbitrariesOf(spec: InputSpec): ValueArbitraries {
  return VALUE_ARBITRARIES[spec.type](spec);
}
