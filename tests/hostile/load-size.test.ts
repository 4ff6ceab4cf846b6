import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, MAX_CONDITIONS, MAX_OUTCOME_FIELDS, MAX_SCHEMA_ISSUES_PER_FILE, MAX_VERSIONS_PER_RULE, type RuleSource } from "../../src/catalog/load.js";
import { MAX_FILE_DEPTH, MAX_FILE_NODES } from "../../src/catalog/json-shape.js";
import { InvalidArgumentError, RuleFileError } from "../../src/errors.js";
import { loadRules, minimalRule, withDocument } from "../helpers/fixtures.js";
import { guardPrototypes, thrown } from "./guard.js";
import { useEngineBundle } from "../helpers/engine-bundle.js";

// Hostile sizes: loading is linear in the size of a rule file and in the number of versions, and each size
// has a stated limit answered with a RuleFileError that names it. Linearity is not timed here: the sizes at
// the limit run in a child process with a generous timeout, so a quadratic regression (20,000 conditions
// took 23.7 s, 20,000 outcome fields 31.7 s, 3,000 versions 11.5 s) is killed and fails the test.
guardPrototypes();

const label = { zh: "条件", en: "condition" };
const gte = { "jjj.gte": [{ var: "amount" }, { "jjj.param": "threshold" }] };
const engine = useEngineBundle("jjj-load-size-");

/** The child: load the sources, build an engine, decide once; print what happened as JSON. */
const CHILD = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [bundle, file] = process.argv.slice(1);
const { loadRuleSet, createEngine } = await import(pathToFileURL(bundle).href);
const { sources, options, facts, on } = JSON.parse(readFileSync(file, "utf8"));
try {
  const decision = createEngine(loadRuleSet(sources, options)).evaluate("sjz-2025/test-rule", facts, { on });
  console.log(JSON.stringify({ ok: true, version: decision.version, outcomeFields: Object.keys(decision.outcome).length, eligible: decision.outcome.eligible }));
} catch (error) {
  console.log(JSON.stringify({ ok: false, name: error.name, codes: (error.issues ?? []).map((i) => i.code) }));
}`;

/** Load and decide in a child process killed after `timeout` ms; its report, or the reason it died. */
function inChild(job: { sources: RuleSource[]; options?: object; facts: object; on: string }, timeout = 20_000) {
  const file = join(engine.dir, "job.json");
  writeFileSync(file, JSON.stringify(job));
  const child = spawnSync(process.execPath, ["--input-type=module", "-e", CHILD, engine.file, file], { encoding: "utf8", timeout, maxBuffer: 1 << 20 });
  if (child.error || child.status !== 0) return { died: child.error?.message ?? `exit ${child.status}: ${child.stderr.slice(0, 500)}` };
  return JSON.parse(child.stdout) as { ok: boolean; version?: number; outcomeFields?: number; eligible?: unknown; codes?: string[] };
}

const rulePath = (version = 1) => `sjz-2025/test-rule/v${version}.json`;
const conditions = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `c${i}`, label, logic: gte }));
const withConditions = (n: number) =>
  minimalRule({ conditions: conditions(n), outcome: { eligible: { type: "boolean", label, logic: { and: [{ "jjj.condition": "c0" }, { "jjj.condition": `c${n - 1}` }] } } } });
const outcomeFields = (n: number) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`o${i}`, { type: "boolean", label, logic: { "jjj.condition": "enough" } }]));
/** Version i of the test rule, in force from day i after 2000-01-01 (open-ended: each closes the day before the next). */
const dayAfter2000 = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
const version = (i: number) => minimalRule({ version: i, validity: { from: { date: dayAfter2000(i), basis: "stated" } } });
const versions = (n: number) => Array.from({ length: n }, (_, i) => ({ path: rulePath(i + 1), json: version(i + 1) }));

function refused(load: () => unknown): RuleFileError {
  const error = thrown(load);
  expect(error).toBeInstanceOf(RuleFileError);
  return error as RuleFileError;
}

describe("sizes at the limit load in linear time (in a child killed after 20 s)", () => {
  it(`a rule with MAX_CONDITIONS (${MAX_CONDITIONS}) conditions loads and decides`, () => {
    const rule = withConditions(MAX_CONDITIONS);
    expect(JSON.stringify(rule).length).toBeGreaterThan(1_000_000);
    expect(inChild({ sources: withDocument({ path: rulePath(), json: rule }), facts: { amount: "200" }, on: "2025-06-01" })).toEqual({
      ok: true,
      version: 1,
      outcomeFields: 1,
      eligible: true,
    });
  }, 30_000);

  it(`a rule with MAX_OUTCOME_FIELDS (${MAX_OUTCOME_FIELDS}) outcome fields loads and decides`, () => {
    const rule = minimalRule({ outcome: outcomeFields(MAX_OUTCOME_FIELDS) });
    expect(inChild({ sources: withDocument({ path: rulePath(), json: rule }), facts: { amount: "200" }, on: "2025-06-01" })).toMatchObject({
      ok: true,
      outcomeFields: MAX_OUTCOME_FIELDS,
    });
  }, 30_000);

  it("6,000 versions of one rule (limit raised) load, and the version in force on a date decides", () => {
    // Comparing every pair of versions took 11.5 s for 3,000; twice as many would take four times as long.
    const job = { sources: withDocument(...versions(6000)), options: { maxVersionsPerRule: 6000 }, facts: { amount: "200" }, on: dayAfter2000(4321) };
    expect(inChild(job)).toMatchObject({ ok: true, version: 4321 });
  }, 30_000);
});

describe("just over a limit: a RuleFileError naming the limit and how to raise it", () => {
  it(`MAX_CONDITIONS + 1 conditions are refused; the maxConditions option raises the limit`, () => {
    const error = refused(() => loadRules(withConditions(MAX_CONDITIONS + 1)));
    expect(error.issues).toEqual([{ code: "too_many_conditions", path: `${rulePath()}#/conditions`, message: expect.stringMatching(/MAX_CONDITIONS.*maxConditions/) }]);
    // The same check with a small limit, so that raising it can be shown cheaply.
    const small = withDocument({ path: rulePath(), json: withConditions(4) });
    expect(refused(() => loadRuleSet(small, { maxConditions: 3 })).issues.map((i) => i.code)).toEqual(["too_many_conditions"]);
    expect(loadRuleSet(small, { maxConditions: 4 }).versions("sjz-2025/test-rule")[0]!.conditions).toHaveLength(4);
  }, 30_000);

  it(`MAX_OUTCOME_FIELDS + 1 outcome fields are refused; the maxOutcomeFields option raises the limit`, () => {
    const error = refused(() => loadRules(minimalRule({ outcome: outcomeFields(MAX_OUTCOME_FIELDS + 1) })));
    expect(error.issues).toEqual([{ code: "too_many_outcome_fields", path: `${rulePath()}#/outcome`, message: expect.stringMatching(/MAX_OUTCOME_FIELDS.*maxOutcomeFields/) }]);
    const small = withDocument({ path: rulePath(), json: minimalRule({ outcome: outcomeFields(3) }) });
    expect(refused(() => loadRuleSet(small, { maxOutcomeFields: 2 })).issues.map((i) => i.code)).toEqual(["too_many_outcome_fields"]);
    expect(loadRuleSet(small, { maxOutcomeFields: 3 }).versions("sjz-2025/test-rule")[0]!.outcome).toHaveLength(3);
  }, 30_000);

  it(`MAX_VERSIONS_PER_RULE (${MAX_VERSIONS_PER_RULE}) versions load; one more is refused once for the rule; maxVersionsPerRule raises it`, () => {
    expect(loadRuleSet(withDocument(...versions(MAX_VERSIONS_PER_RULE))).versions("sjz-2025/test-rule")).toHaveLength(MAX_VERSIONS_PER_RULE);
    const error = refused(() => loadRuleSet(withDocument(...versions(MAX_VERSIONS_PER_RULE + 1))));
    expect(error.issues).toEqual([
      { code: "too_many_versions", path: `${rulePath(1)}#`, message: expect.stringMatching(/MAX_VERSIONS_PER_RULE.*maxVersionsPerRule/) },
    ]);
    expect(refused(() => loadRuleSet(withDocument(...versions(3)), { maxVersionsPerRule: 2 })).issues.map((i) => i.code)).toEqual(["too_many_versions"]);
  }, 30_000);

  it(`a file of more than MAX_FILE_NODES (${MAX_FILE_NODES}) JSON values is refused; maxFileNodes raises the limit`, () => {
    const notes = Array.from({ length: MAX_FILE_NODES / 3 }, () => ({ zh: "x", en: "x" })); // 3 values each
    const error = refused(() => loadRules(minimalRule({ notes })));
    expect(error.issues).toEqual([{ code: "too_large", path: expect.stringMatching(/^sjz-2025\/test-rule\/v1\.json#/), message: expect.stringMatching(/MAX_FILE_NODES.*maxFileNodes/) }]);
    const rule = withDocument({ path: rulePath(), json: minimalRule({ notes: notes.slice(0, 100) }) });
    expect(refused(() => loadRuleSet(rule, { maxFileNodes: 200 })).issues.map((i) => i.code)).toEqual(["too_large"]);
    expect(loadRuleSet(rule, { maxFileNodes: 1000 }).ruleIds()).toEqual(["sjz-2025/test-rule"]);
  }, 30_000);

  it(`a file with 200,000 wrong values gets at most MAX_SCHEMA_ISSUES_PER_FILE (${MAX_SCHEMA_ISSUES_PER_FILE}) issues, then a count (spreading them overflowed the stack)`, () => {
    const error = refused(() => loadRules(minimalRule({ notes: Array.from({ length: 200_000 }, () => 1) })));
    expect(error.issues).toHaveLength(MAX_SCHEMA_ISSUES_PER_FILE + 1);
    expect(error.issues[0]).toEqual(expect.objectContaining({ code: "schema", path: `${rulePath()}#/notes/0` }));
    expect(error.issues.at(-1)).toEqual({ code: "too_many_issues", path: `${rulePath()}#`, message: `and ${200_000 - MAX_SCHEMA_ISSUES_PER_FILE} more schema issues (MAX_SCHEMA_ISSUES_PER_FILE)` });
  }, 30_000);

  it.each([0, -1, 1.5, NaN, "10", null])("a limit option of %s is an InvalidArgumentError", (value) => {
    for (const name of ["maxFileNodes", "maxConditions", "maxOutcomeFields", "maxVersionsPerRule"]) {
      const error = thrown(() => loadRuleSet(withDocument(), { [name]: value } as object));
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toContain(name);
    }
  });
});

describe("shared references (a DAG) are measured as the tree every later check walks", () => {
  /** a = {}; 22 times: a = { x: a, y: a } — 45 objects, 2^23 - 1 values as a tree. */
  const doubling = (levels: number) => {
    let a: object = {};
    for (let i = 0; i < levels; i++) a = { x: a, y: a };
    return a;
  };

  it.each([
    ["the whole file", (g: object) => g],
    ["a condition's logic", (g: object) => minimalRule({ conditions: [{ id: "enough", label, logic: { "!!": [g] } }] })],
    ["an example's facts", (g: object) => minimalRule({ examples: [{ description: "x", on: "2025-06-01", facts: { g }, expected: {} }] })],
    ["a document.json", (g: object) => g],
  ])("a 22-level doubling graph as %s is refused as too large (walking it as a tree took 12 s)", (where, place) => {
    const json = place(doubling(22));
    const path = where === "a document.json" ? "sjz-2025/document.json" : rulePath();
    const sources = where === "a document.json" ? [{ path, json }] : withDocument({ path, json });
    const error = refused(() => loadRuleSet(sources));
    expect(error.issues).toEqual([expect.objectContaining({ code: "too_large", path: expect.stringContaining(`${path}#`) })]);
  });

  it("a small DAG loads, and counts as a tree: 2^10 values pass, the same under a lower maxFileNodes do not", () => {
    const rule = minimalRule({ examples: [{ description: "x", on: "2025-06-01", facts: { amount: "100", g: doubling(10) }, expected: { outcome: { eligible: true } } }] });
    const sources = withDocument({ path: rulePath(), json: rule });
    expect(loadRuleSet(sources).ruleIds()).toEqual(["sjz-2025/test-rule"]);
    // The graph is 21 objects but 2^11 - 1 = 2047 values as a tree; the rest of the rule is about 80 more.
    expect(refused(() => loadRuleSet(sources, { maxFileNodes: 2047 })).issues.map((i) => i.code)).toEqual(["too_large"]);
    expect(loadRuleSet(sources, { maxFileNodes: 2200 }).ruleIds()).toEqual(["sjz-2025/test-rule"]);
  });

  it("depth is measured through a shared object too: reached again deeper, it is too deep", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < MAX_FILE_DEPTH - 20; i++) deep = [deep];
    let wrapped: unknown = deep;
    for (let i = 0; i < 30; i++) wrapped = { w: wrapped };
    const facts = { a: deep, b: wrapped }; // "b" reaches the same object 30 levels deeper than "a"
    for (const shared of [true, false]) {
      const rule = minimalRule({ examples: [{ description: "x", on: "2025-06-01", facts: shared ? facts : structuredClone(facts), expected: {} }] });
      expect(refused(() => loadRules(rule)).issues.map((i) => i.code)).toEqual(["too_deep"]);
    }
  });
});

describe("overlapping versions, found in one pass", () => {
  /** Every version that overlaps an earlier one, pair by pair, as the quadratic check did. */
  function overlapsByPairs(spans: { from: string; to?: string }[]): Set<number> {
    const order = spans.map((s, i) => ({ ...s, v: i + 1 })).sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
    const out = new Set<number>();
    for (let i = 0; i < order.length; i++) {
      for (let j = i + 1; j < order.length; j++) {
        const a = order[i]!;
        const b = order[j]!;
        const aEnd = a.to ?? new Date(Date.parse(order[i + 1]!.from) - 86_400_000).toISOString().slice(0, 10);
        if (b.from <= aEnd || a.from === b.from) out.add(b.v);
      }
    }
    return out;
  }

  it("flags exactly the versions the pairwise check flagged, on 300 random sets of versions", () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const day = (d: number) => dayAfter2000(d);
    let flaggedSome = 0;
    for (let round = 0; round < 300; round++) {
      const n = 2 + random(4);
      const spans = Array.from({ length: n }, () => {
        const from = random(20);
        return random(2) === 0 ? { from: day(from) } : { from: day(from), to: day(from + random(8)) };
      });
      const sources = withDocument(...spans.map((s, i) => ({ path: rulePath(i + 1), json: minimalRule({ version: i + 1, validity: { from: { date: s.from, basis: "stated" }, ...(s.to ? { to: { date: s.to, basis: "stated" } } : {}) } }) })));
      const expected = overlapsByPairs(spans);
      let found = new Set<number>();
      try {
        loadRuleSet(sources);
      } catch (error) {
        expect(error).toBeInstanceOf(RuleFileError);
        const overlaps = (error as RuleFileError).issues.filter((i) => i.code === "overlapping_versions");
        found = new Set(overlaps.map((i) => Number(/v(\d+)\.json/.exec(i.path)![1])));
        expect(overlaps).toHaveLength(found.size); // one issue per overlapping version
      }
      expect([...found].sort(), JSON.stringify(spans)).toEqual([...expected].sort());
      if (expected.size > 0) flaggedSome++;
    }
    expect(flaggedSome).toBeGreaterThan(50);
    expect(flaggedSome).toBeLessThan(290);
  }, 60_000);
});

describe("messages stay short whatever the size", () => {
  it("an undeclared var lists at most 20 of the declared inputs", () => {
    const inputs = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`in${i}`, { type: "money", label }]));
    const rule = minimalRule({ inputs, conditions: [{ id: "enough", label, logic: { "!!": [{ var: "nope" }] } }] });
    const issue = refused(() => loadRules(rule)).issues.find((i) => i.code === "undeclared_input")!;
    expect(issue.message).toContain("in0, in1");
    expect(issue.message).toContain("in19, …");
    expect(issue.message).not.toContain("in20");
  });
});
