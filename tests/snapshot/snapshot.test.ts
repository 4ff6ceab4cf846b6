import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { defaultEngine } from "../../src/api.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import { canonical, lineDigest, recordRule, type RuleHashes } from "./record.js";

/*
 * The engine snapshot of issue #13: every decision, explanation and error of today's engine on every
 * worked example and on seeded generated facts of every rule version (cases.ts), kept as a SHA-256 per
 * rule version (hashes.json) and the full lines of a small sample (sample.jsonl). The test recomputes
 * each rule's lines and compares the hash; on a mismatch it shows the first differing sample case.
 *
 *   npx vitest run tests/snapshot                         compare the first QUICK_N generated facts per rule
 *   JJJ_SNAPSHOT_N=10000 npx vitest run tests/snapshot    compare all 10,000 (any N that was recorded)
 *   UPDATE_SNAPSHOT=1 npx vitest run tests/snapshot       re-record (JJJ_SNAPSHOT_N sets the largest N)
 *   JJJ_SNAPSHOT_DUMP=/tmp/a npx vitest run tests/snapshot  also write every line, to diff two engines
 */

const here = dirname(fileURLToPath(import.meta.url));
const HASHES = join(here, "hashes.json");
const SAMPLE = join(here, "sample.jsonl");

/** Generated facts per rule compared by default: a prefix of the recorded 10,000, so `npm test` stays short. */
const QUICK_N = 2000;
/** Generated facts per rule recorded by default. */
const FULL_N = 10_000;
/** The first generated cases of each rule are evaluated with `explain: true` (all examples are too). */
const EXPLAINED = 1000;
/** The sample keeps the full lines of the first examples and the first generated cases of each rule. */
const SAMPLE_EXAMPLES = 2;
const SAMPLE_GENERATED = 3;

interface Snapshot {
  about: string;
  engine: string;
  ruleSetHash: string;
  fastCheck: string;
  explained: number;
  rules: Record<string, { examples: number; byN: Record<string, RuleHashes>; digests: string }>;
}

const engine = defaultEngine();
const versions = engine.ruleSet.ruleIds().flatMap((id) => engine.ruleSet.versions(id));
const keyOf = (v: LoadedRuleVersion) => `${v.file.id}@${v.file.version}`;
/** Which lines of a rule go into the sample: the first examples, the first generated cases, and the first generated case with broken facts. */
function sampleIndexes(examples: number, lines: readonly string[]): number[] {
  const out = Array.from({ length: Math.min(SAMPLE_EXAMPLES, examples) }, (_, i) => i);
  for (let i = examples; i < Math.min(lines.length, examples + SAMPLE_GENERATED); i++) out.push(i);
  const broken = lines.findIndex((line, i) => i >= examples && (JSON.parse(line) as { error?: unknown }).error !== undefined);
  if (broken >= 0 && !out.includes(broken)) out.push(broken);
  return out;
}
const envN = (name: string) => (process.env[name] !== undefined ? Number(process.env[name]) : undefined);
const fastCheckVersion = (): string =>
  (JSON.parse(readFileSync(join(here, "../../node_modules/fast-check/package.json"), "utf8")) as { version: string }).version;
/** The rule-set hash and engine id that every decision's provenance carries. */
function provenanceOfSet(): { engine: string; ruleSetHash: string } {
  const v = versions[0]!;
  const d = engine.evaluate(v.file.id, v.file.examples.find((e) => e.expected)?.facts ?? {}, { on: v.validFrom, explain: false });
  return { engine: d.provenance.engine, ruleSetHash: d.provenance.ruleSetHash };
}

function dump(v: LoadedRuleVersion, lines: readonly string[]): void {
  const dir = process.env.JJJ_SNAPSHOT_DUMP;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${keyOf(v).replaceAll("/", "__")}.jsonl`), lines.join("\n") + "\n");
}

/** The first path where two JSON values differ, e.g. `decision.explanation[2].en`, with both values there. */
export function firstDifference(a: unknown, b: unknown, path = ""): { path: string; expected: unknown; got: unknown } | undefined {
  if (canonical(a) === canonical(b)) return undefined;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
  }
  if (a && b && typeof a === "object" && typeof b === "object" && !Array.isArray(a) && !Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
    for (const k of keys) {
      const d = firstDifference((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], path ? `${path}.${k}` : k);
      if (d) return d;
    }
  }
  return { path: path || "(whole)", expected: a, got: b };
}

/** Both values at the first difference; for two long strings, the 60 characters either side of the first differing one. */
function around(expected: unknown, got: unknown): string[] {
  if (typeof expected === "string" && typeof got === "string") {
    let k = 0;
    while (k < expected.length && expected[k] === got[k]) k++;
    const cut = (s: string) => (k > 60 ? "…" : "") + s.slice(Math.max(0, k - 60), k + 60) + (s.length > k + 60 ? "…" : "");
    return [`  expected: ${JSON.stringify(cut(expected))} (first difference at character ${k})`, `  got:      ${JSON.stringify(cut(got))}`];
  }
  return [`  expected: ${canonical(expected)}`, `  got:      ${canonical(got)}`];
}

if (process.env.UPDATE_SNAPSHOT === "1") {
  it("records the engine snapshot", () => {
    const full = envN("JJJ_SNAPSHOT_N") ?? FULL_N;
    const ns = [...new Set([Math.min(QUICK_N, full), full])].sort((a, b) => a - b);
    const snapshot: Snapshot = {
      about: "Engine snapshot of issue #13 (tests/snapshot/snapshot.test.ts; docs/reliability.md, 'Engine snapshot'). Re-record with UPDATE_SNAPSHOT=1 npx vitest run tests/snapshot.",
      ...provenanceOfSet(),
      fastCheck: fastCheckVersion(),
      explained: EXPLAINED,
      rules: {},
    };
    const sample: string[] = [];
    for (const v of versions) {
      const r = recordRule(engine, v, ns, EXPLAINED);
      // The 4-hex digest of each line of the default run, to point at the first differing case outside the sample.
      const digests = r.lines.slice(0, r.examples + Math.min(QUICK_N, full)).map(lineDigest).join("");
      snapshot.rules[keyOf(v)] = { examples: r.examples, byN: r.byN, digests };
      for (const i of sampleIndexes(r.examples, r.lines)) {
        const line = r.lines[i]!;
        expect(canonical(JSON.parse(line)), "a line reads back as itself").toBe(line);
        sample.push(`{"index":${i},"record":${line},"rule":${JSON.stringify(keyOf(v))}}`);
      }
      dump(v, r.lines);
    }
    writeFileSync(HASHES, JSON.stringify(snapshot, null, 1) + "\n");
    writeFileSync(SAMPLE, sample.join("\n") + "\n");
  }, 3_600_000);
} else {
  const snapshot = JSON.parse(readFileSync(HASHES, "utf8")) as Snapshot;
  const samples = new Map<string, { index: number; record: unknown }[]>();
  for (const text of readFileSync(SAMPLE, "utf8").split("\n")) {
    if (!text) continue;
    const { rule, index, record } = JSON.parse(text) as { rule: string; index: number; record: unknown };
    samples.set(rule, [...(samples.get(rule) ?? []), { index, record }]);
  }
  const n = envN("JJJ_SNAPSHOT_N") ?? QUICK_N;

  describe(`engine snapshot: worked examples and ${n} generated facts per rule version`, () => {
    it("covers exactly the rule versions shipped, at this N", () => {
      expect(Object.keys(snapshot.rules).sort(), "rule versions added or removed: re-record the snapshot").toEqual(versions.map(keyOf).sort());
      for (const [key, rule] of Object.entries(snapshot.rules)) {
        expect(Object.keys(rule.byN), `${key}: N=${n} was not recorded (JJJ_SNAPSHOT_N)`).toContain(String(n));
      }
    });

    it("is read with the rule set and engine it was recorded with", () => {
      // Provenance is part of every decision: rule edits or a release change every hash. Say so first.
      const now = provenanceOfSet();
      expect(now.ruleSetHash, "the rule files changed since the snapshot was recorded; if intended, re-record (UPDATE_SNAPSHOT=1)").toBe(snapshot.ruleSetHash);
      expect(now.engine, "the engine id (package version) changed since the snapshot was recorded").toBe(snapshot.engine);
    });

    for (const v of versions) {
      it(`${keyOf(v)} gives the recorded decisions, explanations and errors`, () => {
        const expected = snapshot.rules[keyOf(v)]?.byN[String(n)];
        if (!expected) throw new Error(`${keyOf(v)} has no recorded hashes for N=${n}`);
        const got = recordRule(engine, v, [n], snapshot.explained);
        dump(v, got.lines);
        const hashes = got.byN[String(n)]!;
        if (hashes.sha256 === expected.sha256 && hashes.cases === expected.cases) return;
        if (hashes.inputsSha256 !== expected.inputsSha256 || hashes.cases !== expected.cases) {
          throw new Error(
            `${keyOf(v)}: the generated cases themselves changed (${expected.cases} → ${hashes.cases} cases, inputs hash differs), ` +
              `so this is the generator (tests/snapshot/cases.ts, tests/property/generators.ts, fast-check ${snapshot.fastCheck} recorded, ${fastCheckVersion()} now) or the worked examples, not necessarily the engine.`,
          );
        }
        for (const { index: i, record: want } of samples.get(keyOf(v)) ?? []) {
          const line = got.lines[i]!;
          if (canonical(want) === line) continue;
          const gotRecord = JSON.parse(line) as Record<string, unknown>;
          const d = firstDifference(want, gotRecord)!;
          throw new Error(
            [
              `${keyOf(v)}: case ${i} (${String(gotRecord.case)}) differs from the snapshot, first at ${d.path}`,
              ...around(d.expected, d.got),
              `input:    ${canonical({ facts: gotRecord.facts, options: gotRecord.options })}`,
              `expected: ${canonical(want)}`,
              `got:      ${line}`,
            ].join("\n"),
          );
        }
        const digests = snapshot.rules[keyOf(v)]!.digests;
        const first = got.lines.findIndex((line, i) => i * 4 < digests.length && lineDigest(line) !== digests.slice(i * 4, i * 4 + 4));
        const where =
          first >= 0
            ? `The first case whose line digest differs is case ${first}:\ngot:      ${got.lines[first]}\n` +
              `(the recorded line is not kept: only its digest ${digests.slice(first * 4, first * 4 + 4)}, now ${lineDigest(got.lines[first]!)}). `
            : "";
        throw new Error(
          where +
          `${keyOf(v)}: the outputs differ from the snapshot (sha256 ${expected.sha256} recorded, ${hashes.sha256} now; ` +
            `results ${JSON.stringify(expected.results)} recorded, ${JSON.stringify(hashes.results)} now), but not on the sampled cases. ` +
            `To see every difference, run JJJ_SNAPSHOT_DUMP=<dir> npx vitest run tests/snapshot here and on the recorded commit, and diff the two dirs.`,
        );
      }, 120_000);
    }
  });
}
