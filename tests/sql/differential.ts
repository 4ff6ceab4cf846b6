import { defaultEngine, evaluate } from "../../src/api.js";
import { PolicyError } from "../../src/errors.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import type { InputSpec } from "../../src/schema/rule-file.js";
import type { LogicNode } from "../../src/logic/tree.js";
import { DIV } from "../../src/ops/exact-arithmetic.js";
import type { SqlQuery } from "../../src/sql/index.js";
import { prng } from "../perf/generate.js";

/*
 * The differential harness of issue #19: random facts (boundaries, float traps, most digits, invalid
 * values, missing inputs) for a rule version, decided by `evaluate` and by the compiled SQL, compared
 * field by field. The facts are those a table gives SQL: every value is the text of a column, so the
 * generator writes integers and booleans as JSON numbers and booleans (the engine's types) and never
 * a text that only its JSON type makes invalid ("3" for an integer): SQL reads text (docs/sql.md).
 */

export type Facts = Record<string, unknown>;

/**
 * Random facts per rule of a differential run: JJJ_SQL_N (DuckDB) or JJJ_SQL_PG_N (PostgreSQL) when
 * set, else JJJ_SQL_DIFF_N (DuckDB) and JJJ_SQL_DIFF_N / 10 (PostgreSQL), else the CI sizes 300 and 200.
 * The full run of issue #19: JJJ_SQL_DIFF_N=1000000 (1,000,000 per rule on DuckDB, 100,000 on PostgreSQL).
 */
export function sqlDiffSize(engine: "duckdb" | "postgres", env: Readonly<Record<string, string | undefined>> = process.env): number {
  const own = env[engine === "duckdb" ? "JJJ_SQL_N" : "JJJ_SQL_PG_N"];
  const both = env["JJJ_SQL_DIFF_N"];
  const text = own ?? (both === undefined ? undefined : engine === "duckdb" ? both : String(Math.ceil(Number(both) / 10)));
  if (text === undefined) return engine === "duckdb" ? 300 : 200;
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) throw new Error(`JJJ_SQL_DIFF_N / JJJ_SQL_N / JJJ_SQL_PG_N must be a whole number ≥ 1, got ${JSON.stringify(text)}`);
  return n;
}

/** A small seeded generator (mulberry32, tests/perf/generate.ts), so a failing run can be repeated. */
export const random: (seed: number) => () => number = prng;

const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: () => number, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
const digits = (r: () => number, n: number) => Array.from({ length: n }, () => String(int(r, 0, 9))).join("");

/** Decimal texts near the version's numeric parameters (each ± one step), the rule's own boundaries. */
function boundaries(version: LoadedRuleVersion, step: string): string[] {
  const out: string[] = [];
  for (const v of Object.values(version.params)) {
    const text = typeof v === "number" ? String(v) : v !== null && typeof v === "object" && "toFixed" in (v as object) ? String(v) : undefined;
    if (text === undefined || !/^-?\d+(\.\d+)?$/.test(text)) continue;
    const d = Number(text);
    const s = Number(step);
    const places = step.includes(".") ? step.split(".")[1]!.length : 0;
    for (const x of [d - s, d, d + s]) if (x >= 0) out.push(x.toFixed(places));
  }
  return out;
}

/** One value of an input: valid most of the time, else a trap or an invalid value. */
function value(r: () => number, spec: InputSpec, version: LoadedRuleVersion, on: string): unknown {
  const u = r();
  if (u < 0.02) return undefined; // missing
  switch (spec.type) {
    case "money": {
      const b = boundaries(version, "0.01");
      if (u < 0.35 && b.length > 0) return pick(r, b);
      if (u < 0.45) return pick(r, ["0", "0.00", "0.01", "0.1", "0.2", "0.3", "999999999999999.99", "100000000000000", "0.005"]);
      if (u < 0.5) return pick(r, [0.1, 0.2, 0.1 + 0.2, 500000, 1000000.5, 999999.99, 1e15]); // JS numbers, float traps included
      if (u < 0.58) return pick(r, ["-1", "-0.01", "1.001", "1e5", " 100", "abc", "", "50万", "1,000", "1000000000000000", true, null]);
      return `${int(r, 0, 3000000)}${r() < 0.5 ? `.${digits(r, int(r, 1, 2))}` : ""}`;
    }
    case "integer": {
      const b = boundaries(version, "1");
      if (u < 0.35 && b.length > 0) return Number(pick(r, b));
      if (u < 0.45) return pick(r, [0, 1, 9007199254740991, 2 ** 40]);
      if (u < 0.52) return pick(r, [-1, 1.5, 9007199254740992, 2 ** 60, null, "abc", true]);
      return int(r, 0, 5000);
    }
    case "rate":
    case "decimal": {
      if (u < 0.3) return pick(r, ["0", "1", "0.1", "0.2", "0.3", "0.15", "1.0000", "0.05", "0.999999999999", "0.000000000001", "0.5"]);
      if (u < 0.38) return pick(r, [0.1, 0.25, 1, 0]); // exact JS numbers
      if (u < 0.45) return pick(r, ["-0.1", "1.1", "2", "abc", "1e-3", "", ".5", "0." + "1".repeat(51), true, null]);
      if (u < 0.48) return `0.${digits(r, int(r, 13, 20))}1`; // past DUCKDB_MAX_INPUT_FRACTION_DIGITS: sql_limit on DuckDB, decided on PostgreSQL
      const places = int(r, 0, 12);
      return spec.type === "rate" ? (places === 0 ? pick(r, ["0", "1"]) : `0.${digits(r, places)}`) : `${int(r, 0, 100000)}${places ? `.${digits(r, places)}` : ""}`;
    }
    case "boolean":
      return u < 0.47 ? true : u < 0.94 ? false : pick(r, ["yes", 1, 0, null]);
    case "enum": {
      const values = Object.keys(spec.values ?? {});
      return u < 0.9 ? pick(r, values) : pick(r, ["unknown", "", values[0]!.toUpperCase(), ` ${values[0]}`, 5, null]);
    }
    case "enumList": {
      const values = Object.keys(spec.values ?? {});
      if (u < 0.06) return pick(r, [["unknown"], [values[0], "nope"], "a", null]);
      return values.filter(() => r() < 0.3).concat(r() < 0.1 ? [values[0]!] : []);
    }
    case "string": {
      const texts = Object.values(version.params).filter((v): v is string => typeof v === "string");
      if (u < 0.75 && texts.length > 0) return pick(r, texts);
      return pick(r, ["handan", "beijing", "Shijiazhuang", "shi jia", "", "a".repeat(201), "x-y", "tianjin"]);
    }
    case "date": {
      const near = [on, version.validFrom, ...Object.values(version.params).filter((v): v is string => typeof v === "string" && /^\d{4}-\d{2}-\d{2}$/.test(v))];
      if (u < 0.3) return shiftDays(pick(r, near), int(r, -2, 2));
      if (u < 0.38) return pick(r, ["2024-02-29", "2023-02-28", "9999-12-31", "9998-06-30", "0001-01-01", "2000-02-29", "2100-02-28"]);
      if (u < 0.45) return pick(r, ["2025-02-30", "2025-13-01", "2025-2-3", "20250101", "", "2025-00-10", "1900-02-29", 20250101, null]);
      return `${int(r, 1990, 2035)}-${String(int(r, 1, 12)).padStart(2, "0")}-${String(int(r, 1, 28)).padStart(2, "0")}`;
    }
  }
}

function shiftDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** `n` random facts for a version. */
export function randomFacts(version: LoadedRuleVersion, on: string, n: number, seed: number): Facts[] {
  const r = random(seed);
  const inputs = version.file.inputs;
  return Array.from({ length: n }, () => {
    const f: Facts = {};
    for (const [name, spec] of Object.entries(inputs)) {
      const v = value(r, spec, version, on);
      if (v !== undefined) f[name] = v;
    }
    return f;
  });
}

/** Whether a version divides by a value known only at evaluation time (an unrounded jjj.div: src/sql/quotient.ts). */
function divides(version: LoadedRuleVersion): boolean {
  const walk = (n: LogicNode): boolean => (n.op === DIV && n.operands[1]?.op !== undefined) || n.operands.some(walk);
  return [version.applicable?.tree, ...version.conditions.map((c) => c.tree), ...version.outcome.map((o) => o.tree)].some((t) => t !== undefined && walk(t));
}

/** The benefit and target rule versions (the issue's scope), and every version that divides, with a date each is in force on. */
export function differentialVersions(): { version: LoadedRuleVersion; on: string }[] {
  const rs = defaultEngine().ruleSet;
  const out: { version: LoadedRuleVersion; on: string }[] = [];
  for (const id of rs.ruleIds()) {
    for (const version of rs.versions(id)) {
      if (version.file.kind !== "benefit" && version.file.kind !== "target" && !divides(version)) continue;
      out.push({ version, on: shiftDays(version.validFrom, 30) <= (version.validTo ?? "9999-12-31") ? shiftDays(version.validFrom, 30) : version.validFrom });
    }
  }
  return out;
}

/** What the engine decides, as the comparison reads it: an error class, or the decision's parts. */
export type Verdict =
  | { error: "invalid_facts" | "evaluation_failed" | "sql_limit"; detail: string }
  | { error: undefined; inForce: boolean; applicable: boolean; conditions: Record<string, boolean | null>; outcome: Record<string, unknown> };

export function engineVerdict(version: LoadedRuleVersion, on: string, facts: Facts): Verdict {
  try {
    const d = evaluate(version.file.id, facts, { on, version: version.file.version, explain: false });
    const conditions: Record<string, boolean | null> = {};
    for (const c of version.conditions) conditions[c.spec.id] = null;
    for (const c of d.conditions) conditions[c.id] = c.holds;
    const outcome: Record<string, unknown> = {};
    for (const o of version.outcome) outcome[o.name] = Object.hasOwn(d.outcome, o.name) ? d.outcome[o.name] : null;
    return { error: undefined, inForce: d.inForce, applicable: d.applicable, conditions, outcome };
  } catch (e) {
    if (!(e instanceof PolicyError)) throw e;
    return { error: e.code === "invalid_facts" ? "invalid_facts" : "evaluation_failed", detail: e.message.slice(0, 200) };
  }
}

/** The same from a row of the compiled query. */
export function sqlVerdict(query: SqlQuery, row: Record<string, unknown>): Verdict {
  const error = row["error"];
  if (typeof error === "string") {
    const cls = error.startsWith("sql_limit") ? "sql_limit" : error.startsWith("evaluation_failed") ? "evaluation_failed" : "invalid_facts";
    return { error: cls, detail: error };
  }
  const conditions: Record<string, boolean | null> = {};
  const outcome: Record<string, unknown> = {};
  for (const c of query.columns) {
    const v = row[c.name];
    if (c.role === "condition") conditions[c.field!] = v === null || v === undefined ? null : Boolean(v);
    if (c.role === "outcome") outcome[c.field!] = v === null || v === undefined ? null : c.type === "integer" ? Number(v) : v;
  }
  return { error: undefined, inForce: Boolean(row["in_force"]), applicable: Boolean(row["applicable"]), conditions, outcome };
}

/** The difference between two verdicts, or undefined when they agree in every part. */
export function difference(engine: Verdict, sql: Verdict): string | undefined {
  if (engine.error !== undefined || sql.error !== undefined) {
    if (engine.error === sql.error) return undefined;
    return `engine ${engine.error ?? "decides"} / sql ${sql.error ?? "decides"} (${engine.error ? engine.detail : ""} | ${sql.error ? sql.detail : ""})`;
  }
  const a = JSON.stringify(engine);
  const b = JSON.stringify(sql);
  return a === b ? undefined : `engine ${a}\n     sql ${b}`;
}

/** Counts of a differential run. */
export interface Tally {
  rows: number;
  decided: number;
  errors: number;
  /** Rows the SQL form refuses for its own limit (DuckDB digits) where the engine decides: named, not differences. */
  sqlLimit: number;
  differences: string[];
}

export function tally(version: LoadedRuleVersion, on: string, query: SqlQuery, facts: readonly Facts[], rows: readonly Record<string, unknown>[], into: Tally): void {
  facts.forEach((f, i) => {
    const e = engineVerdict(version, on, f);
    const s = sqlVerdict(query, rows[i]!);
    into.rows++;
    if (s.error === "sql_limit" && e.error === undefined) {
      into.sqlLimit++;
      return;
    }
    if (e.error === undefined) into.decided++;
    else into.errors++;
    const d = difference(e, s);
    if (d !== undefined && into.differences.length < 20) into.differences.push(`${version.file.id}@${version.file.version} ${JSON.stringify(f)}\n     ${d}`);
    else if (d !== undefined) into.differences.push("…");
  });
}
