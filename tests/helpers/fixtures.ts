import { loadRuleSet, type RuleSource } from "../../src/catalog/load.js";
import { BUNDLED_RULES } from "../../src/generated/rules.js";

/** A deep copy of a shipped file's JSON, to mutate in a test. */
export function shipped(path: string): Record<string, any> {
  const found = BUNDLED_RULES.find((s) => s.path === path);
  if (!found) throw new Error(`no shipped file ${path}`);
  return structuredClone(found.json) as Record<string, any>;
}

/** The sjz-2025 document plus the given rule files. */
export function withDocument(...rules: RuleSource[]): RuleSource[] {
  return [{ path: "sjz-2025/document.json", json: shipped("sjz-2025/document.json") }, ...rules];
}

/** A minimal valid rule with one money input and one parameter, to break one field at a time. */
export function minimalRule(overrides: Record<string, unknown> = {}): Record<string, any> {
  return {
    id: "sjz-2025/test-rule",
    version: 1,
    document: "sjz-2025",
    clause: "九",
    measures: ["sjz-2025/九"],
    kind: "benefit",
    title: { zh: "测试", en: "Test" },
    source: { quote: "测试条文" },
    subjects: { types: ["enterprise"] },
    responsibleUnits: [],
    validity: { from: { date: "2025-01-01", basis: "stated" }, to: { date: "2025-12-31", basis: "stated" } },
    inputs: { amount: { type: "money", label: { zh: "金额", en: "amount" } } },
    parameters: { threshold: { type: "money", value: "100", label: { zh: "门槛", en: "threshold" } } },
    conditions: [{ id: "enough", label: { zh: "够", en: "enough" }, logic: { "jjj.gte": [{ var: "amount" }, { "jjj.param": "threshold" }] } }],
    outcome: { eligible: { type: "boolean", label: { zh: "符合", en: "eligible" }, logic: { "jjj.condition": "enough" } } },
    changes: [],
    examples: [{ description: "x", on: "2025-06-01", facts: { amount: "100" }, expected: { outcome: { eligible: true } } }],
    ...overrides,
  };
}

/** Load a rule set made of the sjz-2025 document and these rule files at their canonical paths. */
export function loadRules(...rules: Record<string, any>[]) {
  return loadRuleSet(withDocument(...rules.map((json) => ({ path: `${json.id}/v${json.version}.json`, json }))));
}
