import fc from "fast-check";
import { Decimal } from "decimal.js";
import type { InputSpec, ParameterSpec, RuleFile } from "../../src/schema/rule-file.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";

/**
 * fast-check arbitraries for a rule's facts, built from its declared `inputs` only, so that every rule
 * added to `rules/` is covered without test code. Valid facts span the whole input schema (huge money,
 * negative decimals where no `min` is declared, every enum value…), biased toward the numbers of the
 * rule's own parameters (thresholds, caps, targets and one unit either side), where decisions change.
 */

const D = Decimal.clone({ precision: 60 });
const MAX_MONEY_FEN = 10n ** 17n - 1n; // 15 integer digits and 2 decimals: the facts schema's limit
const FIRST_DAY = Date.UTC(1990, 0, 1);
const LAST_DAY = Date.UTC(2099, 11, 31);
const DAY = 86_400_000;

/** A calendar date `YYYY-MM-DD` from a day number since 1970-01-01 (UTC, so no host time zone). */
export const isoDay = (day: number) => new Date(day * DAY).toISOString().slice(0, 10);
/** The day number of a `YYYY-MM-DD` date. */
export const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / DAY;

/** Any calendar date from 1990 to 2099. */
export const anyDate = fc.integer({ min: FIRST_DAY / DAY, max: LAST_DAY / DAY }).map(isoDay);

/** Numbers written in the rule's parameters, as decimals: where the decision changes. */
function parameterNumbers(file: RuleFile): InstanceType<typeof D>[] {
  const out: InstanceType<typeof D>[] = [];
  for (const p of Object.values(file.parameters) as ParameterSpec[]) {
    if (p.type === "money" || p.type === "decimal" || p.type === "rate") out.push(new D(p.value as string));
    if (p.type === "integer") out.push(new D(p.value as number));
  }
  return out;
}

/** Values named by the rule's enum, enumList and string parameters. */
function parameterStrings(file: RuleFile): string[] {
  return (Object.values(file.parameters) as ParameterSpec[]).flatMap((p) =>
    p.type === "enum" || p.type === "enumList" || p.type === "string" ? ([] as string[]).concat(p.value as string | string[]) : [],
  );
}

function parameterDates(file: RuleFile): string[] {
  return (Object.values(file.parameters) as ParameterSpec[]).filter((p) => p.type === "date").map((p) => p.value as string);
}

/** Money in yuan as the facts schema accepts it: a string with at most two decimals, or a plain integer number. */
export function moneyArbitrary(spec: InputSpec, file: RuleFile): fc.Arbitrary<string | number> {
  const minFen = BigInt(new D(spec.min ?? "0").times(100).ceil().toFixed(0));
  const maxFen = spec.max !== undefined ? BigInt(new D(spec.max).times(100).floor().toFixed(0)) : MAX_MONEY_FEN;
  const inRange = (fen: bigint) => fen >= minFen && fen <= maxFen;
  const near = parameterNumbers(file)
    .flatMap((d) => [-1n, 0n, 1n].map((delta) => BigInt(d.times(100).round().toFixed(0)) + delta))
    .filter(inRange);
  const fen = fc.oneof(
    { weight: 5, arbitrary: fc.bigInt({ min: minFen, max: maxFen }) },
    { weight: 2, arbitrary: fc.bigInt({ min: minFen, max: minFen + 10n ** 9n < maxFen ? minFen + 10n ** 9n : maxFen }) },
    { weight: 1, arbitrary: fc.constantFrom(minFen, maxFen) },
    ...(near.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...near) }] : []),
  );
  return fc.tuple(fen, fc.nat(9)).map(([f, style]) => formatFen(f, style));
}

/** Fen as yuan text: "123", "123.4", "123.45", "-1.00", or an integer JSON number when exact. */
export function formatFen(fen: bigint, style = 0): string | number {
  const negative = fen < 0n;
  const abs = negative ? -fen : fen;
  const yuan = abs / 100n;
  const cents = abs % 100n;
  const sign = negative ? "-" : "";
  if (style === 0 && cents === 0n && abs < 10n ** 17n && Number.isSafeInteger(Number(yuan))) return Number(sign + yuan);
  if (cents === 0n && style % 3 === 1) return `${sign}${yuan}`;
  if (cents % 10n === 0n && style % 3 === 2) return `${sign}${yuan}.${cents / 10n}`;
  return `${sign}${yuan}.${cents.toString().padStart(2, "0")}`;
}

/** A decimal or rate within the declared bounds (unbounded sides up to ±10^15), up to 6 decimals. */
export function decimalArbitrary(spec: InputSpec, file: RuleFile): fc.Arbitrary<string> {
  const lo = new D(spec.min ?? "-1000000000000000");
  const hi = new D(spec.max ?? "1000000000000000");
  const near = parameterNumbers(file)
    .flatMap((d) => [d, d.minus("0.000001"), d.plus("0.000001"), d.minus(1), d.plus(1)])
    .filter((d) => d.gte(lo) && d.lte(hi))
    .map((d) => d.toFixed());
  const scaled = fc.integer({ min: 0, max: 6 }).chain((places) => {
    const scale = new D(10).pow(places);
    const min = BigInt(lo.times(scale).ceil().toFixed(0));
    const max = BigInt(hi.times(scale).floor().toFixed(0));
    const small = min + 10n ** 7n < max ? min + 10n ** 7n : max;
    return fc
      .oneof({ weight: 3, arbitrary: fc.bigInt({ min, max }) }, { weight: 2, arbitrary: fc.bigInt({ min, max: small }) })
      .map((n) => new D(n.toString()).dividedBy(scale).toFixed(places));
  });
  return near.length > 0 ? fc.oneof({ weight: 4, arbitrary: scaled }, { weight: 1, arbitrary: fc.constantFrom(...near) }) : scaled;
}

/** An integer within the declared bounds, or any safe integer. */
export function integerArbitrary(spec: InputSpec, file: RuleFile): fc.Arbitrary<number> {
  const min = spec.min !== undefined ? Math.max(Number(spec.min), Number.MIN_SAFE_INTEGER) : Number.MIN_SAFE_INTEGER;
  const max = spec.max !== undefined ? Math.min(Number(spec.max), Number.MAX_SAFE_INTEGER) : Number.MAX_SAFE_INTEGER;
  const near = parameterNumbers(file)
    .filter((d) => d.isInteger())
    .flatMap((d) => [d.toNumber() - 1, d.toNumber(), d.toNumber() + 1])
    .filter((n) => n >= min && n <= max);
  return fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min, max }) },
    { weight: 3, arbitrary: fc.integer({ min: Math.max(min, -1000), max: Math.min(max, 1000) }) },
    { weight: 1, arbitrary: fc.constantFrom(min, max) },
    ...(near.length > 0 ? [{ weight: 3, arbitrary: fc.constantFrom(...near) }] : []),
  );
}

/** A valid value for one declared input. */
export function validValue(spec: InputSpec, file: RuleFile): fc.Arbitrary<unknown> {
  switch (spec.type) {
    case "money":
      return moneyArbitrary(spec, file);
    case "decimal":
    case "rate":
      return decimalArbitrary(spec, file);
    case "integer":
      return integerArbitrary(spec, file);
    case "boolean":
      return fc.boolean();
    case "date": {
      const near = parameterDates(file).flatMap((d) => [d, isoDay(dayOf(d) - 1), isoDay(dayOf(d) + 1)]);
      return near.length > 0 ? fc.oneof(anyDate, fc.constantFrom(...near)) : anyDate;
    }
    case "enum":
    case "enumList": {
      // Every declared value, and more often the ones the rule's parameters name (the qualifying ones).
      const values = Object.keys(spec.values ?? {});
      const named = parameterStrings(file).filter((v) => values.includes(v));
      const value = named.length > 0 ? fc.oneof(fc.constantFrom(...values), fc.constantFrom(...named)) : fc.constantFrom(...values);
      return spec.type === "enum" ? value : fc.array(value, { maxLength: 8 });
    }
    case "string": {
      const pattern = spec.pattern !== undefined ? new RegExp(spec.pattern, "u") : undefined;
      const named = (Object.values(file.parameters) as ParameterSpec[])
        .filter((p) => p.type === "string")
        .map((p) => p.value as string)
        .filter((s) => s.length <= 200 && (!pattern || pattern.test(s)));
      const free = pattern
        ? fc.stringMatching(pattern).filter((s) => s.length <= 200)
        : fc.string({ maxLength: 200, unit: "grapheme" }).filter((s) => s.length <= 200);
      return named.length > 0 ? fc.oneof({ weight: 1, arbitrary: free }, { weight: 2, arbitrary: fc.constantFrom(...named) }) : free;
    }
  }
}

/** Valid facts for a rule version: every required input, each optional one (with a default) sometimes left out. */
export function validFacts(version: LoadedRuleVersion): fc.Arbitrary<Record<string, unknown>> {
  const file = version.file;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const required: string[] = [];
  for (const [name, spec] of Object.entries(file.inputs)) {
    model[name] = validValue(spec, file);
    if (spec.default === undefined) required.push(name);
  }
  return fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
}

/** An evaluation date: mostly inside the version's validity (and its first and last days), sometimes anywhere. */
export function evaluationDate(version: LoadedRuleVersion): fc.Arbitrary<string> {
  const from = dayOf(version.validFrom);
  const to = version.validTo === null ? Math.max(from + 3650, dayOf("2035-12-31")) : dayOf(version.validTo);
  return fc.oneof(
    { weight: 6, arbitrary: fc.integer({ min: from, max: to }).map(isoDay) },
    { weight: 2, arbitrary: fc.constantFrom(from, to, from - 1, to + 1).map(isoDay) },
    { weight: 1, arbitrary: anyDate },
  );
}

/** Values that a declared input must reject, whatever the rule: wrong type, malformed, out of range. */
export function invalidValues(spec: InputSpec): unknown[] {
  const common: unknown[] = [null, {}, [], Number.NaN, Number.POSITIVE_INFINITY];
  const below = (step: string) => (spec.min !== undefined ? [new D(spec.min).minus(step).toFixed()] : []);
  const above = (step: string) => (spec.max !== undefined ? [new D(spec.max).plus(step).toFixed()] : []);
  switch (spec.type) {
    case "money":
      // Money below its min (default 0) and above its max; -0.01 is below the default min of 0.
      return [...common, true, "abc", "", "1.001", "1e5", " 100 ", "１００", "50万", "1,000", "+5", "0x10", "1234567890123456", 1e400,
        ...(spec.min === undefined ? [-0.01, "-0.01"] : below("0.01")), ...above("0.01")];
    case "decimal":
    case "rate":
      return [...common, true, "abc", "", "1e5", " 1 ", "１", "10%", "0.1.2", 1e400, ...below("0.000001"), ...above("0.000001")];
    case "integer":
      return [...common, true, 1.5, "1", 2 ** 53, -(2 ** 53), 1e400, ...(spec.min !== undefined ? [Number(spec.min) - 1] : []), ...(spec.max !== undefined ? [Number(spec.max) + 1] : [])];
    case "boolean":
      return [...common, "true", 1, 0, "yes"];
    case "date":
      return [...common, "2025-02-30", "2025-1-7", "2025-06-01T00:00:00+08:00", "2025/06/01", "20250601", 20250601, "", "２０２５-06-01"];
    case "enum":
      return [...common, 1, true, "", "__proto__", "constructor", "not-a-declared-value", ...Object.keys(spec.values ?? {}).map((v) => v.toUpperCase() + " ")];
    case "enumList":
      return [null, {}, "x", 1, ["not-a-declared-value"], [1], [null], ...Object.keys(spec.values ?? {}).slice(0, 1)];
    case "string": {
      const pattern = spec.pattern !== undefined ? new RegExp(spec.pattern, "u") : undefined;
      const candidates: unknown[] = [...common, 1, true, "x".repeat(201)];
      if (pattern) candidates.push(...["", "UPPER CASE 1", " ", "../etc", "石家庄"].filter((s) => !pattern.test(s)));
      return candidates;
    }
  }
}
