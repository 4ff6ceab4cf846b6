import { describe, expect, it } from "vitest";
import { createEngine, defaultEngine, type Engine } from "../../src/api.js";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { readRuleSources } from "../../src/cli/load-dir.js";
import type { ParameterSpec } from "../../src/schema/rule-file.js";
import { guardPrototypes } from "./guard.js";

// Issue #11: anything a caller receives can be mutated without changing a later decision. For every
// rule version of both kinds of set (the shipped one, loaded trusted, and one loaded from the rules/
// files with loadRuleSet), everything a caller can receive is vandalised in every way (push, assign,
// delete, add, re-prototype, nested); then every later result must be what it was before.
guardPrototypes();

const RULES_DIR = new URL("../../rules/", import.meta.url).pathname;

interface Case {
  label: string;
  id: string;
  version: number;
  on: string;
  facts: Record<string, unknown>;
  /** Every parameter overridden with its own value: the what-if (reference) path, same figures. */
  whatIf: Record<string, ParameterSpec["value"]>;
  profile: Record<string, unknown>;
}

/** One case per rule version: its first worked example with an expected decision. */
function casesOf(engine: Engine): Case[] {
  return engine.listRules().map((rule) => {
    const file = rule.file;
    const example = file.examples.find((e) => e.expected !== undefined)!;
    const whatIf: Case["whatIf"] = {};
    for (const [name, spec] of Object.entries(file.parameters)) whatIf[name] = structuredClone(spec.value);
    const subjects = file.subjects;
    const profile = {
      type: subjects.types[0],
      ...(subjects.places && { city: subjects.places[0] }),
      ...(subjects.fields && { fields: subjects.fields.slice(0, 1) }),
      facts: structuredClone(example.facts),
    };
    return { label: `${rule.id} v${rule.version}`, id: rule.id, version: rule.version, on: example.on, facts: structuredClone(example.facts), whatIf, profile };
  });
}

/** Everything a caller can receive for one case, freshly asked for. */
function receive(engine: Engine, c: Case): Record<string, unknown> {
  const options = { on: c.on, version: c.version };
  const safe = engine.safeEvaluate(c.id, structuredClone(c.facts), options);
  return {
    fast: engine.evaluate(c.id, structuredClone(c.facts), options),
    fastWithoutExplanation: engine.evaluate(c.id, structuredClone(c.facts), { ...options, explain: false }),
    reference: engine.evaluate(c.id, structuredClone(c.facts), { ...options, parameters: {} }),
    whatIf: engine.evaluate(c.id, structuredClone(c.facts), { ...options, parameters: structuredClone(c.whatIf) }),
    notInForce: engine.evaluate(c.id, structuredClone(c.facts), { on: "1990-01-01", version: c.version }),
    notInForceWhatIf: engine.evaluate(c.id, structuredClone(c.facts), { on: "1990-01-01", version: c.version, parameters: structuredClone(c.whatIf) }),
    safe: safe.ok ? safe.decision : safe.issues,
    batch: [...engine.evaluateMany(c.id, [structuredClone(c.facts)], options)].map((r) => (r.ok ? r.decision : r.issues)),
    rule: engine.getRule(c.id, c.version),
    match: engine.match(structuredClone(c.profile), { on: c.on }),
    matchWithoutFacts: engine.match({ ...structuredClone(c.profile), facts: {} }, { on: c.on }),
  };
}

/** What later calls give, as text: decisions, explanations, rules, lists, documents, matches. */
function observe(engine: Engine, cases: readonly Case[]): Map<string, string> {
  const out = new Map<string, string>();
  // An error is an observation too: a vandalised set may throw where it answered before.
  const note = (key: string, f: () => unknown) => {
    try {
      out.set(key, JSON.stringify(f()));
    } catch (error) {
      out.set(key, `threw ${String(error)}`);
    }
  };
  for (const c of cases) note(c.label, () => receive(engine, c));
  note("listRules()", () => engine.listRules());
  note("listRules({ on })", () => engine.listRules({ on: "2025-06-01" }));
  note("ruleSet.documents()", () => engine.ruleSet.documents());
  note("ruleSet versions", () => engine.ruleSet.ruleIds().map((id) => engine.ruleSet.versions(id).map((v) => [v.file, v.validFrom, v.validTo, v.hash, Object.keys(v.params)])));
  return out;
}

/** Internal parts of a loaded version a vandal must not walk into (see freeze.ts): none since the facts checker is frozen when built. */
const INTERNAL = new Set<string>();

/**
 * Try every kind of mutation on every object reachable from `roots` (own properties, functions
 * excluded). Mutations of frozen objects throw TypeError (strict mode): counted, not fatal.
 */
function vandalise(roots: readonly unknown[]): { attempts: number; succeeded: number } {
  const objects: object[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [...roots];
  while (stack.length > 0) {
    const v = stack.pop();
    if (v === null || typeof v !== "object" || seen.has(v)) continue;
    seen.add(v);
    objects.push(v);
    for (const key of Reflect.ownKeys(v)) {
      if (typeof key === "string" && INTERNAL.has(key)) continue;
      const d = Object.getOwnPropertyDescriptor(v, key);
      if (d && "value" in d) stack.push(d.value);
      // An accessor's value too: a shipped version's parts are built on first read (engine/version-on-use.ts).
      else if (d?.get) stack.push(Reflect.get(v, key));
    }
  }
  let attempts = 0;
  let succeeded = 0;
  const attempt = (f: () => void) => {
    attempts++;
    try {
      f();
      succeeded++;
    } catch (error) {
      if (!(error instanceof TypeError)) throw error;
    }
  };
  const junk = (value: unknown): unknown =>
    typeof value === "string" ? `${value}-vandal` : typeof value === "number" ? value + 1 : typeof value === "boolean" ? !value : value === null ? "vandal" : ["vandal"];
  // Children were collected before their parents are mutated, so every object is reached.
  for (const o of objects) {
    const record = o as Record<string | symbol, unknown>;
    if (Array.isArray(o)) {
      const list = o as unknown[];
      attempt(() => list.push(list[0] ?? "vandal", "development", "gift"));
      attempt(() => list.unshift("vandal"));
      attempt(() => list.reverse());
      attempt(() => list.sort());
      attempt(() => list.splice(0, 1));
      if (list.length > 0) attempt(() => (list[0] = junk(list[0])));
      attempt(() => (list.length = 0));
      continue;
    }
    const keys = Reflect.ownKeys(o).filter((k) => !(typeof k === "string" && INTERNAL.has(k)));
    for (const key of keys) {
      const value = record[key];
      if (typeof value === "function") continue;
      attempt(() => (record[key] = junk(value)));
    }
    attempt(() => (record["gift"] = { zh: "赠与", en: "gift" }));
    attempt(() => (record["development"] = { zh: "开发", en: "development" }));
    attempt(() => Object.setPrototypeOf(o, { vandal: true }));
    for (const key of keys) {
      if (typeof record[key] === "function") continue;
      attempt(() => delete record[key]);
    }
  }
  return { attempts, succeeded };
}

const SETS: [string, () => Engine][] = [
  ["the shipped set", () => defaultEngine()],
  ["a set loaded from the rules/ files with loadRuleSet", () => createEngine(loadRuleSet(readRuleSources(RULES_DIR)))],
];

describe.each(SETS)("%s", (_name, make) => {
  it("every rule version: vandalising decisions, what-ifs, rules, lists, documents, versions and matches changes no later result", () => {
    const engine = make();
    const cases = casesOf(engine);
    expect(cases.length).toBe(engine.ruleSet.ruleIds().reduce((n, id) => n + engine.ruleSet.versions(id).length, 0));
    const before = observe(engine, cases);

    const received: unknown[] = [];
    for (const c of cases) {
      received.push(receive(engine, c));
      received.push(engine.ruleSet.versions(c.id), engine.ruleSet.version(c.id, c.version), engine.ruleSet.versionOn(c.id, c.on));
    }
    received.push(engine.listRules(), engine.listRules({ on: "2025-06-01" }), engine.ruleSet.documents(), engine.ruleSet.list());
    for (const d of engine.ruleSet.documents()) received.push(engine.ruleSet.document(d.id));
    const { attempts, succeeded } = vandalise(received);
    expect(attempts).toBeGreaterThan(10_000);
    // Fresh parts of results (an outcome, a list of decisions) may change; shared and loaded ones may not.
    expect(succeeded).toBeLessThan(attempts);

    const after = observe(engine, cases);
    const changed = [...before.keys()].filter((key) => after.get(key) !== before.get(key));
    expect(changed, `${changed.length} of ${before.size} results changed`).toEqual([]);
  }, 120_000); // about 5 s on a quiet machine: every rule, every result, tens of thousands of mutations

  it("the documented examples of the issue: a pushed eligible mode, an added enum value, a changed title", () => {
    const engine = make();
    const ID = "sjz-2025/absorption-subsidy";
    const facts = { contractAmount: "3000000", transferMode: "development", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
    const options = { on: "2025-06-01", parameters: {} };
    const before = engine.evaluate(ID, facts, options);
    expect(before.outcome).toEqual({ eligible: false, amount: "0.00" });

    const d = engine.evaluate(ID, facts, options);
    expect(() => (d.parameters["eligibleModes"] as string[]).push("development")).toThrow(TypeError);
    const missing = engine.match({ type: "enterprise", city: "shijiazhuang" }, { on: "2025-06-01" }).measures.find((m) => m.ruleId === ID)!.missing;
    const mode = missing.find((m) => m.name === "transferMode")!;
    expect(() => (mode.values!["gift"] = { zh: "赠与", en: "gift" })).toThrow(TypeError);
    expect(() => ((engine.getRule(ID).file.title as { en: string }).en = "changed")).toThrow(TypeError);

    expect(engine.evaluate(ID, facts, options)).toEqual(before);
    expect(() => engine.evaluate(ID, { ...facts, transferMode: "gift" }, options)).toThrow(/transferMode/);
    expect(engine.evaluate(ID, facts, { on: "2025-06-01" }).title.en).not.toBe("changed");
  });
});

describe("objects the caller passes in and changes afterwards", () => {
  const ID = "sjz-2025/absorption-subsidy";
  const FACTS = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };

  it("a what-if list changed after the call changes neither the decision's parameters nor its provenance", () => {
    const modes = ["transfer", "license"];
    const d = defaultEngine().evaluate(ID, FACTS, { on: "2025-06-01", parameters: { eligibleModes: modes } });
    const before = JSON.stringify(d);
    modes.push("development");
    modes[0] = "gift";
    expect(JSON.stringify(d)).toBe(before);
  });

  it("what-if options changed during evaluateMany change neither the next items nor earlier decisions", () => {
    const parameters = { eligibleModes: ["transfer", "license"] };
    const run = defaultEngine().evaluateMany(ID, [FACTS, FACTS], { on: "2025-06-01", parameters });
    const first = run.next().value!;
    const before = JSON.stringify(first);
    parameters.eligibleModes.length = 0;
    const second = run.next().value!;
    expect(JSON.stringify(first)).toBe(before);
    expect(second.ok && second.decision.outcome).toEqual({ eligible: true, amount: "200000.00" });
    expect(second.ok && second.decision.parameters["eligibleModes"]).toEqual(["transfer", "license"]);
  });

  it("two decisions of one batch with a list override do not share it", () => {
    const [a, b] = [...defaultEngine().evaluateMany(ID, [FACTS, FACTS], { on: "2025-06-01", parameters: { eligibleModes: ["transfer", "license"] } })];
    const listOf = (r: typeof a) => (r!.ok ? (r!.decision.provenance.overrides!["eligibleModes"] as string[]) : []);
    listOf(a).push("development");
    (a!.ok ? (a!.decision.parameters["eligibleModes"] as string[]) : []).push("development");
    expect(listOf(b)).toEqual(["transfer", "license"]);
    expect(b!.ok && b!.decision.parameters["eligibleModes"]).toEqual(["transfer", "license"]);
  });

  it("a profile's facts changed after matching do not change the result it echoes", () => {
    const fields = ["biomedicine"];
    const profile = { type: "enterprise", city: "shijiazhuang", fields, facts: { ...FACTS, list: ["a"] } };
    const r = defaultEngine().match(profile, { on: "2025-06-01" });
    const before = JSON.stringify(r);
    fields.push("hydrogen-energy");
    profile.facts.list.push("b");
    profile.facts.contractAmount = "1";
    expect(JSON.stringify(r)).toBe(before);
  });

  it("rule files changed after loadRuleSet change neither the set nor its decisions, and the caller's objects stay unfrozen", () => {
    const facts = { ...FACTS, transferMode: "development" };
    const expected = createEngine(loadRuleSet(readRuleSources(RULES_DIR)));
    const before = JSON.stringify(expected.evaluate(ID, facts, { on: "2025-06-01" }));
    const beforeReference = JSON.stringify(expected.evaluate(ID, facts, { on: "2025-06-01", parameters: {} }));

    const sources: RuleSource[] = readRuleSources(RULES_DIR);
    const engine = createEngine(loadRuleSet(sources));
    const json = sources.find((s) => s.path === `${ID}/v1.json`)!.json as Record<string, any>;
    expect(Object.isFrozen(json)).toBe(false);
    // Changed before the first evaluation, when the logic is compiled.
    json.conditions[1].logic.in[0] = "development";
    json.conditions[1].logic.in[1] = ["development"];
    json.parameters.eligibleModes.value.push("development");
    json.parameters.cap.value = "9000000";
    json.title.en = "changed";
    expect(JSON.stringify(engine.evaluate(ID, facts, { on: "2025-06-01" }))).toBe(before);
    expect(JSON.stringify(engine.evaluate(ID, facts, { on: "2025-06-01", parameters: {} }))).toBe(beforeReference);
    expect(engine.getRule(ID).file.title.en).not.toBe("changed");
  });

  it("a list inside a rule file's example, changed after loadRuleSet, changes neither the loaded rule nor the caller's ability to change it", () => {
    const RULE = "bth-2025/joint-research-key-fields";
    const sources: RuleSource[] = readRuleSources(RULES_DIR);
    const engine = createEngine(loadRuleSet(sources));
    const before = JSON.stringify(engine.getRule(RULE));
    const json = sources.find((s) => s.path === `${RULE}/v1.json`)!.json as Record<string, any>;
    const fields = json.examples[0].facts.fields as string[];
    expect(fields.length).toBeGreaterThan(0);
    fields.push("synthetic-biology"); // the caller's own array: it must stay theirs, unfrozen
    fields[0] = "changed";
    expect(JSON.stringify(engine.getRule(RULE))).toBe(before);
  });
});
