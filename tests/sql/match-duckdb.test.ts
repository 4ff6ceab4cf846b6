import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import type { CliIo } from "../../src/cli/io.js";
import { runDuckDbMatch, sameFacts } from "../../src/cli/match-duckdb.js";
import { SUBJECT_TYPES } from "../../src/schema/values.js";
import { openDuckDb } from "../../src/sql/index.js";
import { runCli } from "../helpers/cli.js";
import { random, randomFacts, type Facts } from "./differential.js";

/*
 * Issue #19: `match --batch <file> --engine duckdb` prints, byte for byte, what `match --batch` prints for
 * the same profiles (JSON Lines and CSV, error records and exit code included), with most decided
 * measures taken from the SQL (counted), the rest decided by the engine (facts the SQL reads otherwise,
 * refused rows, a profile's own date).
 */
const dir = mkdtempSync(join(tmpdir(), "jjj-match-duckdb-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const engine = defaultEngine();
const ON = "2025-06-01";

/** Random profiles: every subject type, the places and fields the rules name (and some they do not), facts of several rules. */
function randomProfiles(n: number, seed: number, on: string): Record<string, unknown>[] {
  const r = random(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const versions = engine.ruleSet.list({ on });
  const places = [...new Set(versions.flatMap((v) => v.file.subjects.places ?? []))];
  const fields = [...new Set(versions.flatMap((v) => v.file.subjects.fields ?? []))];
  return Array.from({ length: n }, (_, i) => {
    const type = pick(SUBJECT_TYPES);
    const concerned = versions.filter((v) => v.file.subjects.types.includes(type) || (type === "state-owned-enterprise" && v.file.subjects.types.includes("enterprise")));
    const facts: Facts = {};
    for (let j = 0; j < 4 && concerned.length > 0; j++) {
      const v = pick(concerned);
      Object.assign(facts, randomFacts(v, on, 1, seed * 1000 + i * 10 + j)[0]);
    }
    const profile: Record<string, unknown> = { type };
    if (r() < 0.9) profile["city"] = r() < 0.9 ? pick(places) : "nowhere";
    if (r() < 0.5) profile["fields"] = Array.from({ length: 1 + Math.floor(r() * 3) }, () => (r() < 0.8 ? pick(fields) : "x-unknown"));
    if (Object.keys(facts).length > 0) profile["facts"] = facts;
    return profile;
  });
}

/** A fake CLI io that collects stdout. */
function collect(): { io: CliIo; out: () => string } {
  let out = "";
  return { io: { stdout: (t) => void (out += t), stderr: () => undefined, readText: async () => "", engine: () => engine }, out: () => out };
}

describe("match --batch --engine duckdb", () => {
  it("JSON Lines: the JS path's output byte for byte, most measures decided in SQL", async () => {
    const profiles = randomProfiles(300, 5, ON);
    // Rows the engine answers: a JSON number as an amount, an integer written as text, a profile of another date, bad profiles.
    profiles.push({ type: "enterprise", city: "shijiazhuang", facts: { contractAmount: 3000000, transferMode: "license", sourceRegion: "tianjin" } });
    profiles.push({ type: "enterprise", city: "shijiazhuang", facts: { contractAmount: "3000000.005", transferMode: "license", sourceRegion: "tianjin" } });
    profiles.push({ type: "university", city: "handan", on: "2019-03-01", fields: ["biomedicine", "x-unknown"] });
    profiles.push({ type: "bogus" }, { city: "handan" });
    // Integers and booleans written as text: the engine refuses them, while the SQL, reading text, would not.
    for (const v of engine.ruleSet.list({ on: ON })) {
      const typed = Object.entries(v.file.inputs).filter(([, spec]) => !spec.fromProfile && (spec.type === "integer" || spec.type === "boolean"));
      if (typed.length === 0) continue;
      for (const f of randomFacts(v, ON, 3, 41)) {
        for (const [name] of typed) if (f[name] !== undefined) f[name] = String(f[name]);
        profiles.push({ type: v.file.subjects.types[0], ...(v.file.subjects.places && { city: v.file.subjects.places[0] }), ...(v.file.subjects.fields && { fields: [v.file.subjects.fields[0]] }), facts: f });
      }
    }
    const file = join(dir, "p.jsonl");
    // Numbers a JS number cannot hold: the engine reads the rounded float, DuckDB's text has every digit.
    const raw = ['{"type":"enterprise","city":"shijiazhuang","facts":{"contractAmount":30000000000000001,"transferMode":"license","sourceRegion":"tianjin"}}', '{"type":"enterprise","city":"shijiazhuang","facts":{"contractAmount":1800000.0000000000001,"transferMode":"license","sourceRegion":"tianjin"}}'];
    writeFileSync(file, [...profiles.map((p) => JSON.stringify(p)), ...raw].join("\n") + "\n[1]\n");
    for (const format of ["jsonl", "csv"] as const) {
      const js = await runCli(["match", "--batch", file, "--on", ON, "--format", format]);
      const duck = await runCli(["match", "--batch", file, "--on", ON, "--format", format, "--engine", "duckdb"]);
      expect(duck.stdout).toBe(js.stdout);
      expect(duck.code).toBe(js.code);
      expect(js.code).toBe(3); // the bad profiles failed, on both paths
    }
    const stats = { sql: 0, engine: 0 };
    const c = collect();
    await runDuckDbMatch({ file, format: "jsonl", on: ON, whyNot: false, engine, io: c.io, stats });
    expect(stats.sql).toBeGreaterThan(200);
    expect(stats.engine).toBeGreaterThan(0);
    expect(c.out()).toContain('"status":"decided"');
  }, 180_000);

  it("without --on: each profile's own date, and today's decisions from SQL", async () => {
    const profiles = randomProfiles(60, 11, ON).map((p, i) => (i % 3 === 0 ? { ...p, on: ON } : p));
    const file = join(dir, "today.jsonl");
    writeFileSync(file, profiles.map((p) => JSON.stringify(p)).join("\n") + "\n");
    const js = await runCli(["match", "--batch", file]);
    const duck = await runCli(["match", "--batch", file, "--engine", "duckdb"]);
    expect(duck.stdout).toBe(js.stdout);
    expect(duck.code).toBe(js.code);
  }, 120_000);

  it("CSV and Parquet: the JS path's output for the same cells", async () => {
    const profiles = randomProfiles(200, 17, ON);
    const names = [...new Set(profiles.flatMap((p) => Object.keys((p["facts"] as Facts | undefined) ?? {})))].filter((n) => !["type", "city", "fields", "on"].includes(n));
    const cell = (v: unknown) => {
      if (v === undefined || v === null) return "";
      const text = Array.isArray(v) ? (v.length === 0 ? "[]" : v.join(",")) : String(v);
      return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
    };
    const header = ["type", "city", "fields", ...names];
    const rows = profiles.map((p) => [p["type"], p["city"], p["fields"], ...names.map((n) => ((p["facts"] as Facts | undefined) ?? {})[n])].map(cell).join(","));
    const csv = join(dir, "p.csv");
    writeFileSync(csv, [header.join(","), ...rows].join("\n") + "\n");
    for (const format of ["jsonl", "csv"] as const) {
      const js = await runCli(["match", "--batch", csv, "--on", ON, "--format", format]);
      const duck = await runCli(["match", "--batch", csv, "--on", ON, "--format", format, "--engine", "duckdb"]);
      expect(duck.stdout).toBe(js.stdout);
      expect(duck.code).toBe(js.code);
    }
    const parquet = join(dir, "p.parquet");
    const db = await openDuckDb();
    await db.run(`COPY (SELECT * FROM read_csv('${csv}', header = true, all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    db.close();
    const js = await runCli(["match", "--batch", csv, "--on", ON]);
    const stats = { sql: 0, engine: 0 };
    const c = collect();
    await runDuckDbMatch({ file: parquet, format: "jsonl", on: ON, whyNot: false, engine, io: c.io, stats });
    // Parquet has no header line: error records (if any) are numbered one lower; the matches are the same.
    const matches = (out: string) => out.split("\n").filter((l) => l.startsWith('{"summary"'));
    expect(matches(c.out())).toEqual(matches(js.stdout));
    expect(matches(js.stdout).length).toBeGreaterThan(150);
    expect(stats.sql).toBeGreaterThan(100);
  }, 180_000);

  it("refuses stdin, other engines and files it cannot read, in both languages", async () => {
    const stdin = await runCli(["match", "--batch", "-", "--engine", "duckdb"]);
    expect(stdin.code).toBe(2);
    expect(stdin.stderr).toContain("--engine takes duckdb");
    const other = await runCli(["match", "--batch", join(dir, "p.jsonl"), "--engine", "sqlite"]);
    expect(other.code).toBe(2);
    const txt = join(dir, "p.txt");
    writeFileSync(txt, "{}\n");
    const ext = await runCli(["match", "--batch", txt, "--engine", "duckdb"]);
    expect(ext.code).toBe(2);
    expect(ext.stderr).toContain("只读取");
  }, 60_000);
});

describe("sameFacts", () => {
  const version = engine.ruleSet.versionOn("sjz-2025/absorption-subsidy", ON)!;
  const names = Object.keys(version.file.inputs);
  const texts = (f: Facts) => names.map((n) => (f[n] === undefined ? null : Array.isArray(f[n]) ? JSON.stringify(f[n]) : String(f[n])));
  const facts: Facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };

  it("holds when the SQL read the match's facts, value for value", () => {
    expect(sameFacts(version, facts, texts(facts))).toBe(true);
    expect(sameFacts(version, { ...facts, contractAmount: 3000000 }, texts(facts))).toBe(true);
  });

  it("fails on any difference: a value, a missing input, a float the engine reads otherwise, a count", () => {
    expect(sameFacts(version, { ...facts, contractAmount: "3000000.0" }, texts(facts))).toBe(false);
    const { transferMode: _dropped, ...fewer } = facts;
    expect(sameFacts(version, fewer, texts(facts))).toBe(false);
    expect(sameFacts(version, facts, texts(fewer))).toBe(false);
    expect(sameFacts(version, { ...facts, contractAmount: 1e21 }, texts({ ...facts, contractAmount: "1e+21" }))).toBe(false);
    expect(sameFacts(version, { ...facts, contractAmount: 1234567890123.4567 }, texts({ ...facts, contractAmount: "1234567890123.4567" }))).toBe(false);
    expect(sameFacts(version, facts, [...texts(facts), "extra"])).toBe(false);
  });
});
