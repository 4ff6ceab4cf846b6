import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRuleSet, MAX_VERSIONS_PER_RULE, type RuleSource } from "../../src/catalog/load.js";
import { MAX_EXTENDS_CHAIN, MAX_MATERIALISED_NODES, countJsonNodes, materialiseAmendments } from "../../src/catalog/extends.js";
import { MAX_FILE_NODES } from "../../src/catalog/json-shape.js";
import { RuleFileError, type PolicyIssue } from "../../src/errors.js";
import { minimalRule, withDocument } from "../helpers/fixtures.js";
import { guardPrototypes, thrown } from "./guard.js";
import { useEngineBundle } from "../helpers/engine-bundle.js";

// Hostile amendments ("extends": N, catalog/extends.ts): long chains, fan-outs that would make a small input
// build a huge rule set, huge overrides, would-be cycles and __proto__ keys. Each ends in a RuleFileError
// naming the problem, or loads; the big ones run in a child process with a 400 MB heap and a timeout, so a
// regression fails rather than hangs or exhausts the machine.
guardPrototypes();

const engine = useEngineBundle("jjj-extends-");

/** The child: load the sources; print the versions loaded, or the issue codes counted. */
const CHILD = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [bundle, file] = process.argv.slice(1);
const { loadRuleSet } = await import(pathToFileURL(bundle).href);
const { sources, options } = JSON.parse(readFileSync(file, "utf8"));
try {
  const set = loadRuleSet(sources, options);
  const list = set.versions("sjz-2025/test-rule");
  console.log(JSON.stringify({ ok: true, versions: list.length, lastAmends: list[list.length - 1].amends ?? null }));
} catch (error) {
  const codes = {};
  for (const i of error.issues ?? []) codes[i.code] = (codes[i.code] ?? 0) + 1;
  console.log(JSON.stringify({ ok: false, name: error.name, codes }));
}`;

function inChild(job: { sources: RuleSource[]; options?: object }, timeout = 30_000) {
  const file = join(engine.dir, "job.json");
  writeFileSync(file, JSON.stringify(job));
  const child = spawnSync(process.execPath, ["--max-old-space-size=400", "--input-type=module", "-e", CHILD, engine.file, file], { encoding: "utf8", timeout, maxBuffer: 1 << 20 });
  if (child.error || child.status !== 0) return { died: child.error?.message ?? `exit ${child.status}: ${child.stderr.slice(0, 500)}` };
  return JSON.parse(child.stdout) as { ok: boolean; versions?: number; lastAmends?: number | null; name?: string; codes?: Record<string, number> };
}

const path = (n: number) => `sjz-2025/test-rule/v${n}.json`;
const dayAfter2000 = (i: number) => new Date(Date.UTC(2000, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
/** Version n written as an amendment of `base`, open-ended from day n after 2000-01-01, with the threshold n. */
const amendment = (n: number, base: number, extra: Record<string, unknown> = {}) => ({
  id: "sjz-2025/test-rule",
  version: n,
  document: "sjz-2025",
  extends: base,
  validity: { from: { date: dayAfter2000(n), basis: "stated" } },
  parameters: { threshold: { value: String(100 + n) } },
  examples: [{ description: `v${n}`, on: dayAfter2000(n), facts: { amount: "1" }, expected: { outcome: { eligible: false } } }],
  ...extra,
});
const v1 = () => minimalRule({ validity: { from: { date: dayAfter2000(1), basis: "stated" } }, examples: [{ description: "v1", on: dayAfter2000(1), facts: { amount: "100" }, expected: { outcome: { eligible: true } } }] });

function refusedWith(sources: RuleSource[], options = {}): PolicyIssue[] {
  const error = thrown(() => loadRuleSet(sources, options));
  expect(error).toBeInstanceOf(RuleFileError);
  return [...(error as RuleFileError).issues];
}

describe("chains", () => {
  it(`a chain of ${MAX_VERSIONS_PER_RULE} versions, each extending the one before, loads in linear time when allowed`, () => {
    const sources = withDocument({ path: path(1), json: v1() }, ...Array.from({ length: MAX_VERSIONS_PER_RULE - 1 }, (_, i) => ({ path: path(i + 2), json: amendment(i + 2, i + 1) })));
    expect(inChild({ sources, options: { maxExtendsChain: MAX_VERSIONS_PER_RULE } })).toEqual({ ok: true, versions: MAX_VERSIONS_PER_RULE, lastAmends: MAX_VERSIONS_PER_RULE - 1 });
  }, 60_000);

  it(`by default a chain stops after MAX_EXTENDS_CHAIN (${MAX_EXTENDS_CHAIN}): one issue at the limit, one per version beyond it`, () => {
    const n = MAX_EXTENDS_CHAIN + 5;
    const sources = withDocument({ path: path(1), json: v1() }, ...Array.from({ length: n }, (_, i) => ({ path: path(i + 2), json: amendment(i + 2, i + 1) })));
    const issues = refusedWith(sources);
    expect(issues[0]).toMatchObject({ code: "extends_chain_too_long", path: `${path(MAX_EXTENDS_CHAIN + 2)}#/extends` });
    expect(issues.slice(1).map((i) => i.code)).toEqual(Array(n - MAX_EXTENDS_CHAIN - 1).fill("invalid_base"));
  });

  it("no cycle can be written: extends must name an earlier version", () => {
    // v1 extends v2 and v2 extends v1: v1 is refused for extending a later version, v2 for extending a refused amendment.
    const a = { ...amendment(1, 2) };
    const issues = refusedWith(withDocument({ path: path(1), json: a }, { path: path(2), json: amendment(2, 1) }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ["extends_not_earlier", `${path(1)}#/extends`],
      ["invalid_base", `${path(2)}#/extends`],
    ]);
    // A version extending itself.
    expect(refusedWith(withDocument({ path: path(1), json: v1() }, { path: path(2), json: amendment(2, 2) })).map((i) => i.code)).toEqual(["extends_not_earlier"]);
  });

  it("a JavaScript cycle inside an amendment is refused by the shape check before any merge", () => {
    const a: Record<string, any> = amendment(2, 1);
    a.parameters.threshold.note = { zh: "x", en: "x" };
    a.parameters.threshold.note.self = a;
    const issues = refusedWith(withDocument({ path: path(1), json: v1() }, { path: path(2), json: a }));
    expect(issues.map((i) => i.path)).toEqual([expect.stringMatching(/^sjz-2025\/test-rule\/v2\.json#/)]);
  });

  it("extends numbers that are no version: a schema issue at /extends", () => {
    for (const bad of [0, -1, 1.5, 1e300, "1", null, [1], { version: 1 }]) {
      const issues = refusedWith(withDocument({ path: path(1), json: v1() }, { path: path(2), json: amendment(2, 1, { extends: bad }) }));
      expect(issues.map((i) => i.path), JSON.stringify(bad)).toEqual([`${path(2)}#/extends`]);
    }
    // A huge but integral version is simply not earlier.
    expect(refusedWith(withDocument({ path: path(1), json: v1() }, { path: path(2), json: amendment(2, 1, { extends: 2 ** 53 - 1 }) })).map((i) => i.code)).toEqual(["extends_not_earlier"]);
  });
});

describe("sizes", () => {
  /** A base of about `nodes` JSON values: a long list of notes. */
  const bigBase = (nodes: number) => minimalRule({ validity: { from: { date: dayAfter2000(1), basis: "stated" } }, notes: Array.from({ length: Math.floor(nodes / 3) }, (_, i) => ({ zh: `注${i}`, en: `note ${i}` })) });

  it("a thousand three-line amendments of one very large version stop at MAX_MATERIALISED_NODES instead of building a thousand large versions", () => {
    const base = bigBase(MAX_FILE_NODES - 1_000);
    const n = MAX_VERSIONS_PER_RULE - 1;
    const sources = withDocument({ path: path(1), json: base }, ...Array.from({ length: n }, (_, i) => ({ path: path(i + 2), json: amendment(i + 2, 1) })));
    const built = Math.floor(MAX_MATERIALISED_NODES / countJsonNodes(base));
    const report = inChild({ sources });
    expect(report).toMatchObject({ ok: false, name: "RuleFileError" });
    expect((report as { codes: Record<string, number> }).codes["too_many_materialised_nodes"]).toBe(n - built);
  }, 60_000);

  it("a huge override (a parameter note, examples) is bounded by the file's node limit, then checked as a full file", () => {
    const notes = Array.from({ length: 90_000 }, (_, i) => ({ zh: `注${i}`, en: `note ${i}` }));
    const big = amendment(2, 1, { notes });
    expect(countJsonNodes(big)).toBeLessThan(MAX_FILE_NODES);
    expect(inChild({ sources: withDocument({ path: path(1), json: v1() }, { path: path(2), json: big }) })).toEqual({ ok: true, versions: 2, lastAmends: 1 });
    // Over the file limit: refused by the shape check of the amendment file itself.
    const bigger = amendment(2, 1, { notes: [...notes, ...notes] });
    expect(refusedWith(withDocument({ path: path(1), json: v1() }, { path: path(2), json: bigger })).map((i) => i.code)).toEqual(["too_large"]);
  }, 60_000);

  it("a full version over MAX_FILE_NODES made of a base and an amendment each under it: too_large", () => {
    const base = bigBase(MAX_FILE_NODES * 0.6);
    const notes = Array.from({ length: Math.floor(MAX_FILE_NODES * 0.2) }, (_, i) => ({ zh: `注${i}`, en: `n${i}` }));
    const changes = notes.map((note) => ({ date: dayAfter2000(2), note }));
    const a = amendment(2, 1, { changes: changes.slice(0, Math.floor(MAX_FILE_NODES * 0.06)) });
    expect(countJsonNodes(a)).toBeLessThan(MAX_FILE_NODES);
    base.changes = changes.slice(0, Math.floor(MAX_FILE_NODES * 0.03));
    const issues = refusedWith(withDocument({ path: path(1), json: base }, { path: path(2), json: a }));
    expect(issues.map((i) => [i.code, i.path])).toEqual([["too_large", `${path(2)}#`]]);
  });
});

describe("__proto__ and the names of Object.prototype", () => {
  const load = (a: unknown) => refusedWith(withDocument({ path: path(1), json: v1() }, { path: path(2), json: a }));

  it("an own __proto__ key anywhere in an amendment is refused, and nothing is polluted", () => {
    const texts = [
      `{"__proto__": {"polluted": true}, "extends": 1}`,
      `{"parameters": {"__proto__": {"value": "1", "polluted": true}}}`,
      `{"parameters": {"threshold": {"__proto__": {"polluted": true}, "value": "1"}}}`,
      `{"conditionLabels": {"__proto__": {"zh": "x", "en": "x", "polluted": true}}}`,
    ];
    for (const text of texts) {
      const a = { ...amendment(2, 1), ...JSON.parse(text) };
      if (text.startsWith(`{"__proto__"`)) Object.defineProperty(a, "__proto__", { value: { polluted: true }, enumerable: true, configurable: true, writable: true });
      const issues = load(a);
      expect(issues.length, text).toBeGreaterThan(0);
      expect(issues.every((i) => i.path.startsWith(`${path(2)}#`)), text).toBe(true);
    }
  });

  it("parameter and condition names of Object.prototype are not parameters or conditions of the base", () => {
    for (const name of ["constructor", "toString", "hasOwnProperty", "valueOf"]) {
      expect(load(amendment(2, 1, { parameters: { [name]: { value: "1" } } })).map((i) => [i.code, i.path])).toEqual([["unknown_parameter", `${path(2)}#/parameters/${name}`]]);
      expect(load(amendment(2, 1, { conditionLabels: { [name]: { zh: "x", en: "x" } } })).map((i) => [i.code, i.path])).toEqual([["unknown_condition", `${path(2)}#/conditionLabels/${name}`]]);
    }
  });

  it("called directly, without the loader's shape check, the merge keeps an own __proto__ as data and pollutes nothing", () => {
    const facts = JSON.parse(`{"amount": "1", "__proto__": {"polluted": true}}`);
    const a = amendment(2, 1, { examples: [{ description: "x", on: dayAfter2000(2), facts, rejects: ["__proto__"] }] });
    const issues: PolicyIssue[] = [];
    const out = materialiseAmendments([{ path: path(1), json: v1() }, { path: path(2), json: a }], {}, { issues, maxFileNodes: MAX_FILE_NODES, schemaIssues: () => [] });
    expect(issues).toEqual([]);
    const copied = (out[1]!.json as { examples: { facts: object }[] }).examples[0]!.facts;
    expect(Object.getPrototypeOf(copied)).toBe(Object.prototype);
    expect(Object.prototype.hasOwnProperty.call(copied, "__proto__")).toBe(true);
    expect((copied as { polluted?: unknown }).polluted).toBeUndefined();
    // In a parameter override, the schema refuses it as an unknown field; the merge would keep it as data.
    const b = amendment(2, 1, { parameters: JSON.parse(`{"threshold": {"value": "5", "__proto__": {"polluted": true}}}`) });
    const more: PolicyIssue[] = [];
    materialiseAmendments([{ path: path(1), json: v1() }, { path: path(2), json: b }], {}, { issues: more, maxFileNodes: MAX_FILE_NODES, schemaIssues: (p) => [{ code: "schema", path: p, message: "refused" }] });
    expect(more.map((i) => i.code)).toEqual(["schema"]);
  });
});
