import { createRequire } from "node:module";
import { readFileSync, writeFileSync } from "node:fs";
import { afterEach, describe, expect, it, vi } from "vitest";
import { compile } from "../../src/engine/compile.js";
import type { EvalEnv } from "../../src/engine/jjj-ops.js";
import { checkLogic } from "../../src/logic/check.js";
import { classify } from "./classify.js";
import {
  attempt,
  caseKey,
  loadClassicCases,
  loadCompatCases,
  passesClassic,
  render,
  scoreCompat,
  strictEqual,
  type Outcome,
} from "./runner.js";

// The engine's standard operations against the shared JsonLogic suites (see runner.ts for the comparison).
// divergences.json lists every community case the engine does not pass, with the reason; this test fails
// when the score, the list, or the engine's outcome on any listed case changes without the file changing.

const jsonLogic = createRequire(import.meta.url)("json-logic-js") as { apply: (rule: unknown, data?: unknown) => unknown };
const ENV: EvalEnv = { params: Object.create(null), conditions: Object.create(null), outcome: Object.create(null), on: "2025-06-01" };
const engine = (rule: unknown, data: unknown) => compile(rule)(data, ENV);
const reference = (rule: unknown, data: unknown) => jsonLogic.apply(rule, data);

const FILE = new URL("./divergences.json", import.meta.url);
interface Category {
  proposal: string;
  adopted: boolean;
  reason: string;
  profile: "rejected" | "accepted";
}
interface DifferenceCase {
  rule: unknown;
  data?: unknown;
  dataJson?: string;
  jsonLogicJs: { value?: unknown; error?: string; logs?: number };
  engine: { value?: unknown; error?: string; logs?: number };
}
interface Divergences {
  score: { engine: number; jsonLogicJs: number; total: number };
  classic: { suite: string; engine: number; total: number };
  categories: Record<string, Category>;
  deliberateDifferences: { id: string; what: string; reason: string; cases: DifferenceCase[] }[];
  divergences: { key: string; description: string; category: string; expected: unknown; engine: unknown }[];
  [k: string]: unknown;
}
const recorded = JSON.parse(readFileSync(FILE, "utf8")) as Divergences;

const classic = loadClassicCases();
const compat = loadCompatCases();
const engineScore = scoreCompat(engine, compat);
const referenceScore = scoreCompat(reference, compat);

/** The recorded form of what an implementation did: a rendered value, or the error message. */
const shown = (o: Outcome) => ("error" in o ? { error: o.error } : { value: render(o.value) });

if (process.env.UPDATE_DIVERGENCES === "1") {
  const previous = new Map(recorded.divergences.map((d) => [d.key, d]));
  recorded.score = { engine: engineScore.passed, jsonLogicJs: referenceScore.passed, total: engineScore.total };
  recorded.classic = {
    suite: recorded.classic.suite,
    engine: classic.filter(([rule, data, expected]) => passesClassic(expected, attempt(engine, rule, data))).length,
    total: classic.length,
  };
  recorded.divergences = engineScore.failures.map((f) => ({
    key: f.key,
    description: f.case.description,
    category: previous.get(f.key)?.category ?? classify(f.case),
    expected: f.case.error !== undefined ? { error: f.case.error.type } : { value: render(f.case.result) },
    engine: shown(f.outcome),
  }));
  writeFileSync(FILE, JSON.stringify(recorded, null, 2) + "\n");
}

describe("jsonlogic.com tests.json", () => {
  it("has 277 cases, and json-logic-js passes every one with this runner", () => {
    expect(classic).toHaveLength(277);
    const failed = classic.filter(([rule, data, expected]) => !passesClassic(expected, attempt(reference, rule, data)));
    expect(failed).toEqual([]);
  });

  it("the engine passes all 277, compared strictly", () => {
    const failed = classic
      .map(([rule, data, expected]) => ({ rule, data, expected, got: shown(attempt(engine, rule, data)) }))
      .filter(({ expected, rule, data }) => !passesClassic(expected, attempt(engine, rule, data)));
    expect(failed).toEqual([]);
    expect(recorded.classic).toMatchObject({ engine: 277, total: 277 });
  });
});

describe("community suite (json-logic/compat-tables)", () => {
  it("has 1,138 cases in the 48 files of index.json", () => {
    expect(compat).toHaveLength(1138);
    expect(new Set(compat.map((c) => c.suite)).size).toBe(48);
    expect(new Set(compat.map(caseKey)).size).toBe(1138);
  });

  it("json-logic-js 2.0.5 scores 782, the score compat-tables publishes for it (validates the runner)", () => {
    expect(referenceScore.passed).toBe(782);
    expect(recorded.score.jsonLogicJs).toBe(782);
  });

  it("the engine's score is the one recorded in divergences.json", () => {
    expect(engineScore.passed).toBe(recorded.score.engine);
    expect(recorded.score.total).toBe(1138);
    expect(recorded.divergences).toHaveLength(recorded.score.total - recorded.score.engine);
  });

  it("every failing case is listed in divergences.json, and every listed case fails", () => {
    const failing = engineScore.failures.map((f) => f.key).sort();
    const listed = recorded.divergences.map((d) => d.key).sort();
    expect(failing).toEqual(listed);
  });

  it("the engine's outcome on every listed case is the one recorded (nothing changes quietly)", () => {
    const byKey = new Map(engineScore.failures.map((f) => [f.key, f]));
    const changed = recorded.divergences
      .map((d) => ({ key: d.key, recorded: d.engine, now: byKey.has(d.key) ? shown(byKey.get(d.key)!.outcome) : "passes now" }))
      .filter((d) => !strictEqual(d.recorded, d.now));
    expect(changed).toEqual([]);
  });

  it("every listed case has a category with a proposal, a decision and a reason", () => {
    for (const d of recorded.divergences) {
      const category = recorded.categories[d.category];
      expect(category, `${d.key}: category ${d.category}`).toBeDefined();
      expect(category!.reason.length).toBeGreaterThan(40);
      expect(typeof category!.adopted).toBe("boolean");
    }
    const used = new Set(recorded.divergences.map((d) => d.category));
    expect(Object.keys(recorded.categories).filter((c) => !used.has(c))).toEqual([]);
  });

  it("the engine and json-logic-js agree on all 1,138 cases: same value, or both throw", () => {
    const disagreements = compat
      .map((c) => ({ key: caseKey(c), rule: c.rule, mine: attempt(engine, c.rule, c.data), theirs: attempt(reference, c.rule, c.data) }))
      .filter(({ mine, theirs }) => ("error" in mine) !== ("error" in theirs) || ("value" in mine && "value" in theirs && !strictEqual(mine.value, theirs.value)))
      .map(({ key, rule, mine, theirs }) => ({ key, rule, engine: shown(mine), jsonLogicJs: shown(theirs) }));
    expect(disagreements).toEqual([]);
  });

  it("the rule profile rejects the logic of every divergent case, except the categories marked accepted", () => {
    const scope = { inputs: {}, parameters: {}, conditions: new Set<string>(), outcomes: new Map() };
    const wrong: unknown[] = [];
    for (const d of recorded.divergences) {
      const c = compat.find((x) => caseKey(x) === d.key)!;
      // A var naming no declared input is always rejected; it must not be what rejects the case.
      const codes = checkLogic(c.rule, scope).problems.map((p) => p.code).filter((code) => code !== "undeclared_input");
      const accepted = recorded.categories[d.category]!.profile === "accepted";
      if (accepted !== (codes.length === 0)) wrong.push({ key: d.key, rule: c.rule, category: d.category, codes });
    }
    expect(wrong).toEqual([]);
  });
});

describe("deliberate differences from json-logic-js (not exercised by either suite)", () => {
  afterEach(() => vi.restoreAllMocks());

  for (const difference of recorded.deliberateDifferences) {
    it(`${difference.id}: ${difference.what}`, () => {
      expect(difference.reason.length).toBeGreaterThan(40);
      for (const c of difference.cases) {
        const data = () => (c.dataJson !== undefined ? JSON.parse(c.dataJson) : structuredClone(c.data));
        for (const [name, run, want] of [
          ["json-logic-js", reference, c.jsonLogicJs],
          ["engine", engine, c.engine],
        ] as const) {
          const log = vi.spyOn(console, "log").mockImplementation(() => {});
          let got: { value?: unknown; error?: string; logs?: number };
          try {
            got = { value: render(run(structuredClone(c.rule), data())) };
          } catch (error) {
            got = { error: (error as Error).message };
          }
          if (want.logs !== undefined) got.logs = log.mock.calls.length;
          log.mockRestore();
          expect(got, `${name} on ${JSON.stringify(c.rule)}`).toEqual(want);
        }
      }
    });
  }
});
