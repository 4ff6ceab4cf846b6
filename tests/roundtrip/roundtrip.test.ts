import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createEngine } from "../../src/api.js";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { readRuleSources } from "../../src/cli/load-dir.js";
import { resolveSharedInputs } from "../../src/catalog/shared-inputs.js";
import { canonicalJson, sha256Hex } from "../../src/engine/hash.js";

// Every rule file in rules/ round-trips: load it, serialise what was loaded (JSON.stringify of the parsed
// file, as getRule returns it), load that again: the same file (deep-equal), the same hash, and the same
// decisions on every worked example. So the loader neither drops, adds nor rewrites anything, and a
// decision's recorded ruleHash identifies the file whatever its formatting or key order.

const sources = readRuleSources(fileURLToPath(new URL("../../rules", import.meta.url)));
const first = loadRuleSet(sources);
const ruleSources = sources.filter((s) => !s.path.endsWith("/document.json") && !s.path.endsWith("/inputs.json"));
// A rule file as the loader reads it: its references to shared inputs (<document>/inputs.json) written out.
const materialised = new Map(resolveSharedInputs(sources, [], { trusted: false, maxNodes: Infinity, schemaIssues: () => [], maxIssuesPerFile: Infinity }).map((s) => [s.path, s.json]));

/** The set again, with every file replaced by JSON.parse(JSON.stringify(x)) of what the first load parsed. */
function reserialised(pick: (path: string) => unknown): RuleSource[] {
  return sources.map((s) => ({ path: s.path, json: JSON.parse(JSON.stringify(pick(s.path))) }));
}

const loadedFile = (path: string) => {
  const source = sources.find((s) => s.path === path)!;
  if (path.endsWith("/document.json")) return first.document(path.split("/")[0]!);
  if (path.endsWith("/inputs.json")) return source.json;
  const json = source.json as { id: string; version: number };
  return first.version(json.id, json.version).file;
};
const second = loadRuleSet(reserialised(loadedFile));

/**
 * Reverse the key order of every object, and pretty-print: the same content, written differently. Except
 * the order of the fields of `outcome`, which is meaningful (a field may refer only to fields before it,
 * and the loader refuses a forward reference), so it is kept.
 */
function rewritten(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewritten(v));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => [k, rewritten(v, k)] as const);
    return Object.fromEntries(key === "outcome" ? entries : entries.reverse());
  }
  return value;
}
const third = loadRuleSet(sources.map((s) => ({ path: s.path, json: JSON.parse(JSON.stringify(rewritten(s.json), null, 2)) })));

it("reads every rule file of rules/", () => {
  expect(ruleSources.length).toBeGreaterThan(0);
  expect(first.ruleIds().length).toBeGreaterThan(0);
});

it("the rule set hash survives the round trip and a rewrite with other key order and formatting", () => {
  expect(second.hash).toBe(first.hash);
  expect(third.hash).toBe(first.hash);
});

describe.each(ruleSources.map((s) => [s.path, s] as const))("%s", (path, source) => {
  const { id, version } = source.json as { id: string; version: number };
  const a = first.version(id, version);
  const b = second.version(id, version);
  const c = third.version(id, version);

  it("loading keeps the file as written: the parsed file deep-equals the JSON read from disk", () => {
    expect(JSON.parse(JSON.stringify(a.file))).toEqual(materialised.get(path));
  });

  it("load → JSON.stringify → load gives the same file and the same hash", () => {
    expect(b.file).toEqual(a.file);
    expect(b.hash).toBe(a.hash);
    expect(a.hash).toBe(sha256Hex(canonicalJson(materialised.get(path))));
    expect([b.validFrom, b.validTo]).toEqual([a.validFrom, a.validTo]);
  });

  it("another key order and formatting give the same hash (and the same decisions, below)", () => {
    expect(c.hash).toBe(a.hash);
  });

  it("the same decisions on every worked example", () => {
    const [ea, eb, ec] = [createEngine(first), createEngine(second), createEngine(third)];
    for (const example of a.file.examples) {
      const run = (engine: typeof ea) => {
        try {
          return { decision: engine.evaluate(id, example.facts, { on: example.on, version }) };
        } catch (error) {
          const issues = (error as { issues?: { path: string; code: string }[] }).issues?.map(({ path, code }) => ({ path, code }));
          return { error: (error as Error).name, issues, message: (error as Error).message };
        }
      };
      const ra = run(ea);
      expect(run(eb), example.description.en).toEqual(ra);
      // Written in another key order, the explanation, the issues and error messages list parameters, inputs
      // and enum values in that order (the wording is the same); everything else, hashes included, is identical.
      const unordered = (r: ReturnType<typeof run>) =>
        "decision" in r
          ? { ...r.decision, explanation: r.decision.explanation.length }
          : { ...r, message: undefined, issues: r.issues?.map((i) => `${i.path} ${i.code}`).sort() };
      expect(unordered(run(ec)), example.description.en).toEqual(unordered(ra));
    }
  });
});
