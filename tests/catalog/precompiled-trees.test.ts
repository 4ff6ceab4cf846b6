import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { loadBundledRules } from "../../src/catalog/bundled.js";
import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { isPrecompiled, loadPrecompiled } from "../../src/catalog/precompiled.js";
import { treeBuilder } from "../../src/logic/rebuild.js";
import { checkLogic, type LogicScope } from "../../src/logic/check.js";
import { createEngine } from "../../src/create-engine.js";
import { RuleFileError } from "../../src/errors.js";
import type { LoadedRuleVersion } from "../../src/engine/rule-version.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";

// Issues #15 and #20: the package's own rule files are loaded with every check when the package is built
// (scripts/bundle-rules.mjs marks them `checked`), and a trusted load rebuilds their typed logic trees without
// the checker (src/logic/rebuild.ts). The rebuilt form must be exactly what the checker builds from the files.
const root = fileURLToPath(new URL("../..", import.meta.url));
const expressions = (v: LoadedRuleVersion) => [...(v.applicable ? [v.applicable] : []), ...v.conditions, ...v.outcome];

describe("the precompiled form of the shipped rules", () => {
  const checked = loadRuleSet(BUNDLED_RULES.map(({ path, json }) => ({ path, json }))); // every check, the checker's trees
  const precompiled = loadPrecompiled(BUNDLED_RULES);

  it("is what the checker builds from the files, for every shipped rule version: trees, references, hashes, dates, parameters", () => {
    expect(isPrecompiled(BUNDLED_RULES)).toBe(true);
    expect(precompiled.ruleIds()).toEqual(checked.ruleIds());
    expect(precompiled.hash).toBe(checked.hash);
    let count = 0;
    for (const id of checked.ruleIds()) {
      const want = checked.versions(id);
      const got = precompiled.versions(id);
      expect(got.map((v) => v.file.version)).toEqual(want.map((v) => v.file.version));
      want.forEach((w, i) => {
        const g = got[i]!;
        expect([g.path, g.hash, g.amends, g.validFrom, g.validTo]).toEqual([w.path, w.hash, w.amends, w.validFrom, w.validTo]);
        expect(g.params).toEqual(w.params);
        expect(g.file).toEqual(w.file); // the schema parse orders keys its own way: equal, not byte for byte
        const [ge, we] = [expressions(g), expressions(w)];
        expect(ge.length).toBe(we.length);
        ge.forEach((e, k) => {
          // Same class, same fields, same values (descriptors by identity), at every node.
          expect(e.tree).toStrictEqual(we[k]!.tree);
          expect(e.refs).toStrictEqual(we[k]!.refs);
          expect(Object.isFrozen(e.tree)).toBe(true);
        });
        count += ge.length;
      });
    }
    expect(count).toBeGreaterThan(300);
  }, 120_000);

  it("decides as the checked load does", () => {
    const facts = { contractAmount: "3000000", transferMode: "license", sourceRegion: "tianjin", enterpriseCity: "shijiazhuang" };
    const on = { on: "2025-06-01", explain: true };
    const id = "sjz-2025/absorption-subsidy";
    expect(createEngine(precompiled).evaluate(id, facts, on)).toEqual(createEngine(checked).evaluate(id, facts, on));
  }, 60_000);

  it("rebuilds every kind of node the checker builds, beyond what the shipped rules use (lists, dates, each reference)", () => {
    const scope = {
      inputs: { kind: { type: "enum" }, start: { type: "date" }, amount: { type: "money" } },
      parameters: { rate: { type: "rate" } },
      conditions: new Set(["first"]),
      outcomes: new Map([["grant", "money"]]),
    } as unknown as LogicScope;
    const expressions = [
      { in: [{ var: "kind" }, ["a", "b"]] },
      { "jjj.dateLte": [{ var: "start" }, "2025-01-01"] },
      { if: [{ "jjj.condition": "first" }, { "jjj.outcome": "grant" }, { "jjj.mul": [{ var: "amount" }, { "jjj.param": "rate" }] }] },
      { and: [true, { "!": { "jjj.condition": "first" } }, { "jjj.dateLt": [{ "jjj.on": [] }, "2025-01-01"] }] },
      { "jjj.max": ["0", { var: "amount" }] },
      { "===": [{ var: "kind" }, null] },
      { "<": [1, 2.5] },
    ];
    const rebuild = treeBuilder(
      { inputs: scope.inputs, parameters: scope.parameters, conditions: [...scope.conditions], outcomes: [...scope.outcomes] },
      "a/b/v1.json",
    );
    for (const logic of expressions) {
      const checked = checkLogic(logic, scope);
      expect(checked.problems, JSON.stringify(logic)).toEqual([]);
      const rebuilt = rebuild(logic, "/outcome/x/logic");
      expect(rebuilt.tree).toStrictEqual(checked.tree);
      expect(rebuilt.refs).toEqual({ inputs: [...checked.inputs], parameters: [...checked.parameters] });
    }
  });

  it("refuses logic that is not the checked kind, with a typed error", () => {
    const rebuild = treeBuilder({ inputs: { amount: { type: "money" } }, parameters: {}, conditions: ["first", "second"], outcomes: [] }, "a/b/v1.json");
    expect(rebuild({ "jjj.gte": [{ var: "amount" }, "100"] }, "/applicable").refs).toEqual({ inputs: ["amount"], parameters: [] });
    const refused = [{ var: "other" }, { "jjj.param": "amount" }, { nope: [1] }, { a: 1, b: 2 }, { var: ["amount", 0] }, { "jjj.condition": "second" }];
    for (const logic of refused) {
      expect(() => rebuild(logic, "/conditions/1/logic", { conditions: 1, outcomes: 0 })).toThrow(RuleFileError);
    }
    const rule = BUNDLED_RULES.find((s) => s.path === "sjz-2025/absorption-subsidy/v1.json")!;
    const doc = BUNDLED_RULES.find((s) => s.path === "sjz-2025/document.json")!;
    const json = structuredClone(rule.json) as { conditions: { logic: unknown }[] };
    json.conditions[0]!.logic = { var: "undeclared" };
    try {
      loadPrecompiled([doc, { ...rule, json }]);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(RuleFileError);
      expect((error as RuleFileError).issues[0]).toMatchObject({ code: "not_as_built", path: "sjz-2025/absorption-subsidy/v1.json#/conditions/0/logic" });
    }
  });

  it("loadBundledRules takes only files as built, and needs their document", () => {
    const rule = BUNDLED_RULES.find((s) => s.path === "sjz-2025/absorption-subsidy/v1.json")!;
    const { checked: _checked, ...unmarked } = rule;
    expect(() => loadBundledRules([unmarked as RuleSource])).toThrow(/only the RULES lists of this package's rule modules/);
    expect(() => loadBundledRules([rule])).toThrow(RuleFileError);
    // With a limit of its own, a trusted load checks the files against it, as before.
    expect(() => loadRuleSet(BUNDLED_RULES, { trusted: true, maxConditions: 1 })).toThrow(/too_many_conditions|more than 1 \(MAX_CONDITIONS/);
    // A trusted load of files not marked checked still checks them (the checked path of catalog/load-core.ts).
    expect(loadRuleSet(BUNDLED_RULES.map(({ checked: _c, ...s }) => s), { trusted: true }).hash).toBe(checked.hash);
  }, 60_000);
});

describe("the engine entry", () => {
  it("carries no rule-profile checker, no schema and no checked loader", async () => {
    const result = await build({
      entryPoints: [`${root}src/engine-entry.ts`],
      bundle: true,
      write: false,
      metafile: true,
      format: "esm",
      platform: "browser",
      logLevel: "silent",
      absWorkingDir: root,
    });
    const inputs = Object.keys(result.metafile.inputs);
    for (const module of ["src/logic/check.ts", "src/logic/walk.ts", "src/catalog/load-core.ts", "src/catalog/json-shape.ts"]) {
      expect(inputs).not.toContain(module);
    }
    expect(inputs.some((i) => /node_modules\/zod\//.test(i))).toBe(false);
    expect(inputs).toContain("src/catalog/precompiled.ts");
  }, 60_000);
});
