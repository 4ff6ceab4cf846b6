import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import type { InputSpec } from "../../src/schema/rule-file.js";
// @ts-expect-error: a plain JavaScript bench module, without declarations (prng below gives it its type)
import { mulberry32 } from "../../scripts/bench-subjects.mjs";

/**
 * A small, fast, seeded PRNG (mulberry32): millions of inputs without fast-check's overhead. The benchmarks'
 * own (scripts/bench-subjects.mjs), so a seed gives the same numbers in both.
 */
export const prng: (seed: number) => () => number = mulberry32;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

/** Decimal strings near the numbers of a rule: parameters, bounds and example values, ± a little. */
function anchors(version: LoadedRuleVersion): string[] {
  const out = new Set<string>(["0", "1", "100", "1000000"]);
  for (const p of Object.values(version.file.parameters)) {
    if (typeof p.value === "string" && /^-?\d+(\.\d+)?$/.test(p.value)) out.add(p.value);
    if (typeof p.value === "number") out.add(String(p.value));
  }
  for (const e of version.file.examples) {
    for (const v of Object.values(e.facts)) if (typeof v === "string" && /^-?\d+(\.\d+)?$/.test(v)) out.add(v);
  }
  return [...out];
}

/** Add `delta` units of the last place (of `places` decimals) to a decimal string, exactly. */
function nudge(text: string, places: number, delta: number): string {
  const neg = text.startsWith("-");
  const [i, f = ""] = (neg ? text.slice(1) : text).split(".");
  const digits = BigInt(i! + f.padEnd(places, "0").slice(0, places)) * (neg ? -1n : 1n) + BigInt(delta);
  const abs = digits < 0n ? -digits : digits;
  const s = abs.toString().padStart(places + 1, "0");
  const body = places === 0 ? s : `${s.slice(0, s.length - places)}.${s.slice(s.length - places)}`;
  return (digits < 0n ? "-" : "") + body;
}

function money(r: Rand, near: string[], spec: InputSpec): string | number {
  const min = spec.min === undefined ? 0 : Number(spec.min);
  let text: string;
  const k = r();
  if (k < 0.35) text = nudge(pick(r, near).replace(/^-/, ""), 2, int(r, -3, 3));
  else if (k < 0.8) text = (int(r, 0, 300_000_000_00) / 100).toFixed(pick(r, [0, 1, 2]) as number);
  else if (k < 0.9) text = `${int(r, 0, 99999)}${String(int(r, 0, 99999)).padStart(5, "0")}${String(int(r, 0, 99999)).padStart(5, "0")}.${String(int(r, 0, 99)).padStart(2, "0")}`; // 13–15 digits: beyond 2^53 fen
  else if (k < 0.95) text = pick(r, ["0", "0.00", "0.01", "-0", "0.1", "00012.50"]);
  else text = String(int(r, 0, 10_000_000));
  if (text.startsWith("-") && !text.startsWith("-0") && min >= 0) text = text.slice(1);
  if (text.includes(".") && text.split(".")[1]!.length > 2) text = text.slice(0, text.indexOf(".") + 3);
  if (text.startsWith("-") && text.replace(/[-0.]/g, "") !== "" && min >= 0) text = text.slice(1);
  // Sometimes a JSON number, as callers may send.
  if (r() < 0.1 && Number.isFinite(Number(text)) && String(Number(text)) === text.replace(/^0+(?=\d)/, "")) return Number(text);
  return text;
}

function decimal(r: Rand, near: string[], spec: InputSpec): string {
  if (spec.min !== undefined && spec.max !== undefined && r() < 0.8) {
    // Within the declared range, at 0 to 8 places.
    const lo = Number(spec.min);
    const hi = Number(spec.max);
    const places = int(r, 0, 8);
    const x = Math.min(hi, Math.max(lo, lo + r() * (hi - lo)));
    const text = x.toFixed(places);
    return Number(text) > hi ? spec.max : Number(text) < lo ? spec.min : text;
  }
  const k = r();
  if (k < 0.3) return nudge(pick(r, near), 6, int(r, -3, 3)).replace(/(\.\d*?)0+$/, "$1").replace(/\.$/, "");
  if (k < 0.6) return (int(r, 0, 2_000_000) / 1_000_000).toFixed(int(r, 0, 6));
  if (k < 0.75) return (int(r, 0, 10_000_000_00) / 100).toFixed(int(r, 0, 2));
  if (k < 0.85) return `0.${String(int(r, 0, 99_999_999)).padStart(8, "0")}`; // 8 places: beyond the fast path's 6
  if (k < 0.9) return pick(r, ["0", "-0", "1", "0.5", "0.10", "1.000000", "100"]);
  return (int(r, -1_000_000, 1_000_000) / 1000).toFixed(3);
}

function integer(r: Rand, near: string[], spec: InputSpec): number {
  const n = integerRaw(r, near);
  if (spec.min !== undefined && n < Number(spec.min) && r() < 0.9) return Number(spec.min) + int(r, 0, 5);
  return n;
}

function integerRaw(r: Rand, near: string[]): number {
  const k = r();
  if (k < 0.3) {
    const n = Math.round(Number(pick(r, near)));
    return Number.isSafeInteger(n) ? n + int(r, -2, 2) : 0;
  }
  if (k < 0.8) return int(r, 0, 200);
  if (k < 0.9) return int(r, 0, 10_000_000);
  if (k < 0.95) return pick(r, [0, -0, 1, -1, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 2 ** 31, 2 ** 40]);
  return int(r, -1000, 1000);
}

function date(r: Rand): string {
  const d = new Date(Date.UTC(int(r, 2014, 2032), 0, 1) + int(r, 0, 365) * 86_400_000);
  return d.toISOString().slice(0, 10);
}

/** Random facts for a version: mostly valid (within declared bounds where the generator knows them). */
export function randomFacts(r: Rand, version: LoadedRuleVersion, strings: readonly string[]): Record<string, unknown> {
  const near = anchors(version);
  const facts: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(version.file.inputs)) {
    if (spec.default !== undefined && r() < 0.2) continue;
    switch (spec.type) {
      case "money":
        facts[name] = money(r, near, spec);
        break;
      case "decimal":
      case "rate":
        facts[name] = decimal(r, near, spec);
        break;
      case "integer":
        facts[name] = integer(r, near, spec);
        break;
      case "boolean":
        facts[name] = r() < 0.5;
        break;
      case "date":
        facts[name] = date(r);
        break;
      case "enum":
        facts[name] = pick(r, Object.keys(spec.values ?? {}));
        break;
      case "enumList": {
        const values = Object.keys(spec.values ?? {});
        facts[name] = values.filter(() => r() < 0.4).concat(r() < 0.1 && values.length ? [values[0]!] : []);
        break;
      }
      case "string":
        facts[name] = pick(r, strings);
        break;
    }
  }
  return facts;
}

/** String candidates for a rule: its string parameters and example values, and some lower-case words. */
export function stringCandidates(version: LoadedRuleVersion): string[] {
  const out = new Set<string>(["shijiazhuang", "handan", "beijing", "tianjin", "x", "abc"]);
  for (const p of Object.values(version.file.parameters)) if (p.type === "string" && typeof p.value === "string") out.add(p.value);
  for (const e of version.file.examples) for (const v of Object.values(e.facts)) if (typeof v === "string" && /^[a-z]+$/.test(v)) out.add(v);
  return [...out];
}

/** Dates around a rule's versions: their first and last days, the days either side, and dates between. */
export function evaluationDates(versions: readonly LoadedRuleVersion[]): string[] {
  const out = new Set<string>();
  const shift = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
  for (const v of versions) {
    for (const d of [v.validFrom, v.validTo].filter((x): x is string => x !== null)) {
      out.add(d);
      out.add(shift(d, -1));
      out.add(shift(d, 1));
    }
    out.add(shift(v.validFrom, 200));
  }
  return [...out];
}
