import type { Model } from "z3-solver";
import type { InputSpec } from "../schema/rule-file.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { isoOf } from "../analysis/days.js";
import * as R from "../analysis/rational.js";
import type { Q } from "../analysis/rational.js";
import type { SVal, StringTable } from "./encode.js";
import { civilDate } from "./calendar.js";
import type { Z3, ZArith, ZBool } from "./z3.js";

/*
 * The inputs of a version as z3 variables, on their exact domains: money as whole fen, integers as
 * integers (declared bounds, else safe integers), decimals and rates as reals within their declared
 * bounds (else the engine's 50 digits), dates as day numbers of the engine's dates, enums and text as
 * indices of the string table, enum lists as a flag per value. `factsOf` reads a model back as facts.
 */

/** The largest money fact in fen: 15 integer digits and 2 decimals. */
const MONEY_FAR_FEN = 10n ** 17n - 1n;
const DECIMAL_FAR = R.q(10n ** 50n - 1n);
/** The decimal places a decimal or rate fact may have (the engine's limit). */
export const FACT_DECIMAL_PLACES = 50;

/** One declared input as z3 terms. @internal */
export interface InputVar {
  readonly name: string;
  readonly spec: InputSpec;
  readonly value: SVal;
  /** The variable a model gives the value of (fen for money, day number for a date…). */
  readonly raw: ZArith | ZBool | undefined;
  /** For a date: the constraints that its civil year, month and day are a date of the engine. */
  readonly valid?: ZBool;
}

/** The inputs of one copy of a version. @internal */
export interface Inputs {
  readonly vars: ReadonlyMap<string, InputVar>;
  readonly terms: ReadonlyMap<string, SVal>;
}

const realOf = (Z: Z3, a: Q): ZArith => Z.Real.val(`${a.num}/${a.den}`) as unknown as ZArith;
const qAbs = (a: Q): Q => (R.sign(a) < 0 ? R.neg(a) : a);

/**
 * Declare the inputs of a version, named with `suffix` (two copies for a monotonicity proof share the
 * inputs listed in `shared`).
 *
 * @internal
 * @example
 * const copy = declareInputs(Z, version, "#1", strings);
 */
export function declareInputs(Z: Z3, version: LoadedRuleVersion, suffix: string, strings: StringTable, shared?: Inputs, own?: ReadonlySet<string>): Inputs {
  const vars = new Map<string, InputVar>();
  for (const [name, spec] of Object.entries(version.file.inputs)) {
    if (shared && !own?.has(name)) {
      vars.set(name, shared.vars.get(name)!);
      continue;
    }
    const id = `${name}${suffix}`;
    switch (spec.type) {
      case "money": {
        const fen = Z.Int.const(id);
        const hi = spec.max !== undefined ? R.q(spec.max) : R.frac(MONEY_FAR_FEN, 100n);
        const lo = R.q(spec.min ?? "0");
        vars.set(name, { name, spec, raw: fen, value: { k: "num", e: Z.ToReal(fen).div(100), repr: "dec", grid: 100n, i: fen, mag: R.cmp(qAbs(lo), qAbs(hi)) > 0 ? qAbs(lo) : qAbs(hi) } });
        break;
      }
      case "integer": {
        const i = Z.Int.const(id);
        const far = R.q(BigInt(Number.MAX_SAFE_INTEGER));
        const hi = spec.max !== undefined ? R.q(spec.max) : far;
        const lo = spec.min !== undefined ? R.q(spec.min) : R.neg(far);
        vars.set(name, { name, spec, raw: i, value: { k: "num", e: Z.ToReal(i), repr: "number", grid: 1n, i, mag: R.cmp(qAbs(lo), qAbs(hi)) > 0 ? qAbs(lo) : qAbs(hi) } });
        break;
      }
      case "decimal":
      case "rate": {
        const r = Z.Real.const(id);
        vars.set(name, { name, spec, raw: r, value: { k: "num", e: r, repr: "dec" } });
        break;
      }
      case "date": {
        const { civil, day, valid } = civilDate(Z, id);
        vars.set(name, { name, spec, raw: day, value: { k: "date", e: day, civil }, valid });
        break;
      }
      case "boolean": {
        const b = Z.Bool.const(id);
        vars.set(name, { name, spec, raw: b, value: { k: "bool", e: b } });
        break;
      }
      case "enum":
      case "string": {
        const s = Z.Int.const(id);
        for (const v of Object.keys(spec.values ?? {})) strings.of(v);
        vars.set(name, { name, spec, raw: s, value: { k: "str", e: s } });
        break;
      }
      case "enumList": {
        const members = new Map<string, ZBool>();
        for (const v of Object.keys(spec.values ?? {})) members.set(v, Z.Bool.const(`${id}∋${v}`));
        vars.set(name, { name, spec, raw: undefined, value: { k: "set", members } });
        break;
      }
      default:
        throw new TypeError(`input type ${spec.type as string} has no encoding`);
    }
  }
  const terms = new Map([...vars].map(([n, v]) => [n, v.value] as const));
  return { vars, terms };
}

/** A text a free-text input may hold that the rule never names (any such text decides alike). */
function freshText(spec: InputSpec, strings: StringTable): string {
  const pattern = spec.pattern !== undefined ? new RegExp(spec.pattern, "u") : undefined;
  for (const candidate of ["elsewhere", "other", "x", "zz", "xyz", "0", "a-b", "q1"]) {
    if (strings.find(candidate) === undefined && (!pattern || pattern.test(candidate))) return candidate;
  }
  for (let i = 0; i < 10_000; i++) {
    const candidate = `x${i}`;
    if (strings.find(candidate) === undefined && (!pattern || pattern.test(candidate))) return candidate;
  }
  throw new TypeError("no text outside the rule's strings matches the input's pattern");
}

/**
 * The domain constraints of the inputs, read once the version is encoded (a text input ranges over
 * the strings the rule names that its pattern admits, plus one it does not name). `grid` also asks
 * decimals and rates to be facts (at most 50 decimals): without it, they range over the reals, which
 * contain every fact, so a proof without it holds for every fact.
 *
 * @internal
 * @example
 * solver.add(...domainOf(Z, inputs, strings, false));
 */
export function domainOf(Z: Z3, inputs: Inputs, strings: StringTable, grid: boolean): ZBool[] {
  const out: ZBool[] = [];
  const seen = new Set<InputVar>();
  for (const v of inputs.vars.values()) {
    if (seen.has(v)) continue;
    seen.add(v);
    const { spec } = v;
    switch (spec.type) {
      case "money": {
        const fen = v.raw as ZArith;
        const lo = R.mul(R.q(spec.min ?? "0"), R.q(100));
        const hi = spec.max !== undefined ? R.mul(R.q(spec.max), R.q(100)) : R.q(MONEY_FAR_FEN);
        out.push(fen.ge(Z.Int.val(lo.num / lo.den)), fen.le(Z.Int.val(hi.num / hi.den)));
        break;
      }
      case "integer": {
        const i = v.raw as ZArith;
        const far = BigInt(Number.MAX_SAFE_INTEGER);
        out.push(i.ge(spec.min !== undefined ? Z.Int.val(R.toStep(R.q(spec.min), R.ONE, true).num) : Z.Int.val(-far)), i.le(spec.max !== undefined ? Z.Int.val(R.toStep(R.q(spec.max), R.ONE, false).num) : Z.Int.val(far)));
        break;
      }
      case "decimal":
      case "rate": {
        const r = v.raw as ZArith;
        out.push(r.ge(realOf(Z, spec.min !== undefined ? R.q(spec.min) : R.neg(DECIMAL_FAR))), r.le(realOf(Z, spec.max !== undefined ? R.q(spec.max) : DECIMAL_FAR)));
        if (grid) out.push(Z.IsInt(r.mul(realOf(Z, R.q(10n ** BigInt(FACT_DECIMAL_PLACES))))));
        break;
      }
      case "date": {
        out.push(v.valid!);
        break;
      }
      case "enum": {
        const s = v.raw as ZArith;
        out.push(Z.Or(...Object.keys(spec.values ?? {}).map((k) => s.eq(strings.of(k)))));
        break;
      }
      case "string": {
        const s = v.raw as ZArith;
        const pattern = spec.pattern !== undefined ? new RegExp(spec.pattern, "u") : undefined;
        const fresh = freshText(spec, strings);
        const allowed = [...strings.strings].filter((t) => t.length <= 200 && (!pattern || pattern.test(t)));
        out.push(Z.Or(...[...allowed, fresh].map((t) => s.eq(strings.of(t)))));
        break;
      }
      default:
        break;
    }
  }
  return out;
}

/** A rational as a decimal fact, or undefined when it is none within the engine's places. */
function decimalText(a: Q): string | undefined {
  if (!R.isDecimal(a)) return undefined;
  const text = R.qText(a);
  const places = text.includes(".") ? text.split(".")[1]!.length : 0;
  return places <= FACT_DECIMAL_PLACES ? text : undefined;
}

/**
 * The facts a model gives the inputs, as a caller writes them; undefined when a decimal is no fact
 * (then the proof asks again on the grid).
 *
 * @internal
 * @example
 * factsOf(model, inputs, strings) //=> { contractAmount: "450000.00", transferMode: "license", … }
 */
export function factsOf(model: Model<"verify">, inputs: Inputs, strings: StringTable): Record<string, unknown> | undefined {
  const facts: Record<string, unknown> = {};
  for (const [name, v] of inputs.vars) {
    const value = (e: ZArith | ZBool) => model.eval(e, true);
    switch (v.spec.type) {
      case "money": {
        const fen = BigInt((value(v.raw!) as unknown as { value(): bigint }).value());
        const neg = fen < 0n;
        const a = neg ? -fen : fen;
        facts[name] = `${neg ? "-" : ""}${a / 100n}.${String(a % 100n).padStart(2, "0")}`;
        break;
      }
      case "integer":
        facts[name] = Number((value(v.raw!) as unknown as { value(): bigint }).value());
        break;
      case "decimal":
      case "rate": {
        const { numerator, denominator } = (value(v.raw!) as unknown as { value(): { numerator: bigint; denominator: bigint } }).value();
        const text = decimalText(R.frac(numerator, denominator));
        if (text === undefined) return undefined;
        facts[name] = text;
        break;
      }
      case "date":
        facts[name] = isoOf(Number((value(v.raw!) as unknown as { value(): bigint }).value()));
        break;
      case "boolean":
        facts[name] = String(value(v.raw!)) === "true";
        break;
      case "enum":
      case "string":
        facts[name] = strings.strings[Number((value(v.raw!) as unknown as { value(): bigint }).value())];
        break;
      case "enumList": {
        const members = (v.value as Extract<SVal, { k: "set" }>).members;
        facts[name] = [...members].filter(([, flag]) => String(value(flag)) === "true").map(([k]) => k);
        break;
      }
    }
  }
  return facts;
}
