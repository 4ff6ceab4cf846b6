import { describe, expect, it, vi } from "vitest";
import { createEngine } from "../../src/create-engine.js";
import { loadPrecompiled } from "../../src/catalog/precompiled.js";
import { loadRuleSet } from "../../src/catalog/load.js";
import { defaultEngine } from "../../src/api.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import type { RuleSet } from "../../src/engine/rule-set.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";

// Issue #20: a trusted load of the package's own list (BUNDLED_RULES, what defaultEngine and the CLI load)
// reads each version's file (parsed from its text on first read, src/catalog/shipped-sources.ts) and builds its
// parts (runtime parameters, facts walk, typed trees, compiled expressions) on first use
// (src/engine/version-on-use.ts); any other list of precompiled files is read and built at load. The two must
// give the same versions and decisions, and what a caller receives from a version built on use must be as
// frozen as an eager one's.

const PARTS = ["params", "factsChecker", "applicable", "conditions", "outcome"] as const;
const versionsOf = (set: RuleSet): LoadedRuleVersion[] => set.ruleIds().flatMap((id) => [...set.versions(id)]);
const expressions = (v: LoadedRuleVersion) => [...(v.applicable ? [v.applicable] : []), ...v.conditions, ...v.outcome];
/** Whether a version's file and parts are read through accessors (on use) rather than held as values. */
const builtOnUse = (v: LoadedRuleVersion) => ["file", ...PARTS].every((name) => typeof Object.getOwnPropertyDescriptor(v, name)?.get === "function");

describe("versions built on first use", () => {
  it("a load of the shipped list parses no rule file; a decision parses the files of its rule only", () => {
    // First in this file: no shipped file has been read yet (each source's json is parsed on first read).
    const parse = vi.spyOn(JSON, "parse");
    try {
      const set = loadPrecompiled(BUNDLED_RULES);
      const documents = BUNDLED_RULES.filter((s) => s.path.endsWith("/document.json")).length;
      expect(parse.mock.calls.length).toBe(documents);
      const id = "sjz-2025/absorption-subsidy";
      const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
      expect(createEngine(set).evaluate(id, facts, { on: "2025-06-01" }).outcome).toEqual({ eligible: true, amount: "200000.00" });
      const parsed = parse.mock.calls.length - documents;
      expect(parsed).toBeGreaterThanOrEqual(1);
      expect(parsed).toBeLessThanOrEqual(set.versions(id).length);
    } finally {
      parse.mockRestore();
    }
  });

  it("a shipped file's JSON is frozen deeply when first read, and the same object at every read", () => {
    const stack: unknown[] = BUNDLED_RULES.map((s) => s.json);
    BUNDLED_RULES.forEach((s, i) => expect(s.json).toBe(stack[i]));
    let objects = 0;
    while (stack.length > 0) {
      const o = stack.pop();
      if (o === null || typeof o !== "object") continue;
      expect(Object.isFrozen(o)).toBe(true);
      objects++;
      for (const key of Object.keys(o)) {
        const d = Object.getOwnPropertyDescriptor(o, key)!;
        if ("value" in d) stack.push(d.value); // the detail fields (examples, notes, changes) are getters
      }
    }
    expect(objects).toBeGreaterThan(5_000);
    const source = BUNDLED_RULES.find((s) => s.path === "sjz-2025/absorption-subsidy/v1.json")!;
    const rule = source.json as { conditions: { logic: unknown }[] };
    expect(() => (rule.conditions[0]!.logic = { var: "undeclared" })).toThrow(TypeError);
    expect(() => ((source as { json: unknown }).json = {})).toThrow(TypeError);
    expect(Object.isFrozen(source) && Object.isFrozen(BUNDLED_RULES)).toBe(true);
  });

  it("only for the package's own list: a copy of it (or any other list) is built at load", () => {
    const onUse = loadPrecompiled(BUNDLED_RULES);
    const eager = loadPrecompiled([...BUNDLED_RULES]);
    expect(versionsOf(onUse).every(builtOnUse)).toBe(true);
    expect(versionsOf(eager).some(builtOnUse)).toBe(false);
    expect(versionsOf(defaultEngine().ruleSet).every(builtOnUse)).toBe(true);
    expect(versionsOf(onUse).length).toBeGreaterThan(80);
  });

  it("gives the versions and decisions of an eager load and of the checked load, for every shipped version", () => {
    const onUse = loadPrecompiled(BUNDLED_RULES);
    const eager = loadPrecompiled([...BUNDLED_RULES]);
    const checked = loadRuleSet(BUNDLED_RULES.map(({ path, json }) => ({ path, json })));
    expect([onUse.hash, onUse.ruleIds()]).toEqual([eager.hash, eager.ruleIds()]);
    expect(onUse.hash).toBe(checked.hash);
    const engines = [onUse, eager, checked].map((set) => createEngine(set));
    let decisions = 0;
    for (const id of onUse.ruleIds()) {
      onUse.versions(id).forEach((v, i) => {
        const e = eager.versions(id)[i]!;
        expect([v.path, v.hash, v.amends, v.validFrom, v.validTo, v.file]).toEqual([e.path, e.hash, e.amends, e.validFrom, e.validTo, e.file]);
        expect(v.params).toEqual(e.params);
        const [ve, ee] = [expressions(v), expressions(e)];
        expect(ve.length).toBe(ee.length);
        ve.forEach((x, k) => {
          expect(x.tree).toStrictEqual(ee[k]!.tree);
          expect(x.refs).toStrictEqual(ee[k]!.refs);
        });
        // The same keys in the same order as an eager version (spreads and Object.keys see the same fields).
        expect(Object.keys(v)).toEqual(Object.keys(e));
        for (const example of v.file.examples) {
          const options = { on: example.on, version: v.file.version, explain: true };
          const [a, b, c] = engines.map((engine) => {
            try {
              return engine.evaluate(id, example.facts, options);
            } catch (error) {
              return String(error);
            }
          });
          expect(a).toEqual(b);
          expect(a).toEqual(c);
          decisions++;
        }
      });
    }
    expect(decisions).toBeGreaterThan(200);
  }, 120_000);

  it("builds a version's parts once, on the first read of any of them, frozen deeply, the same objects at every read", () => {
    const set = loadPrecompiled(BUNDLED_RULES);
    const v = set.version("sjz-2025/absorption-subsidy", 1);
    expect(Object.isFrozen(v)).toBe(true);
    const first = PARTS.map((name) => v[name]);
    expect(PARTS.map((name) => v[name])).toEqual(first);
    PARTS.forEach((name, i) => expect(v[name]).toBe(first[i]));
    expect(Object.isFrozen(v.conditions) && Object.isFrozen(v.outcome) && Object.isFrozen(v.params)).toBe(true);
    for (const e of expressions(v)) {
      expect(Object.isFrozen(e) && Object.isFrozen(e.tree) && Object.isFrozen(e.refs) && Object.isFrozen(e.refs.inputs)).toBe(true);
    }
    // Neither replaced nor redefined.
    expect(() => ((v as { conditions: unknown }).conditions = [])).toThrow(TypeError);
    expect(() => Object.defineProperty(v, "conditions", { value: [] })).toThrow(TypeError);
  });

  it("a caller who vandalises a version built on use changes no later decision", () => {
    const engine = createEngine(loadPrecompiled(BUNDLED_RULES));
    const id = "sjz-2025/absorption-subsidy";
    const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
    // Read the parts before any decision (the caller may be first), then try to change them.
    const v = engine.ruleSet.version(id, 1);
    const tries: (() => void)[] = [
      () => (v.conditions as unknown[]).push(v.conditions[0]),
      () => (v.conditions as unknown[]).splice(0, 1),
      () => ((v.conditions[0] as { fn: unknown }).fn = () => false),
      () => ((v.conditions[0]!.refs.inputs as string[])[0] = "other"),
      () => ((v.params as Record<string, unknown>)[Object.keys(v.params)[0]!] = "0"),
      () => ((v.outcome[0] as { name: string }).name = "changed"),
      () => ((v.outcome[0]!.tree as { type: string }).type = "string"),
      () => Object.setPrototypeOf(v.params, { vandal: true }),
    ];
    for (const t of tries) expect(t).toThrow(TypeError);
    const decision = engine.evaluate(id, facts, { on: "2025-06-01" });
    expect(decision.outcome).toEqual({ eligible: true, amount: "200000.00" });
    expect(decision).toEqual(createEngine(loadPrecompiled([...BUNDLED_RULES])).evaluate(id, facts, { on: "2025-06-01" }));
  });
});
