import type { RuleSet } from "../engine/rule-set.js";
import { InvalidArgumentError } from "../errors.js";
import { loadSources, type RuleSource } from "./load-core.js";

/**
 * Load rules shipped with this package, from the rule modules (`jjj-policy-rules/rules/<document>` or
 * `jjj-policy-rules/rules/<document>/<rule>`, each exporting `RULES`). Several modules may be passed: a
 * document file they share is loaded once. The modules were checked when the package was built (the same
 * checks as {@link loadRuleSet}, with the same hashes), so this load does not parse them with the schemas
 * again and needs no zod; the logic, the references and the versions are still checked. Pass only the
 * package's own modules: files you read go to `loadRuleSet`, which checks everything.
 *
 * @category Catalog
 * @throws {InvalidArgumentError} when an argument is not a list of sources
 * @example
 * import { createEngine, loadBundledRules } from "jjj-policy-rules/engine";
 * import { RULES } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";
 * const engine = createEngine(loadBundledRules(RULES));
 * engine.evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-06-01" }).outcome.amount //=> "200000.00"
 */
export function loadBundledRules(...modules: readonly (readonly RuleSource[])[]): RuleSet {
  const seen = new Set<unknown>();
  const sources: RuleSource[] = [];
  for (const list of modules) {
    if (!Array.isArray(list)) throw new InvalidArgumentError("loadBundledRules takes the RULES lists of rule modules, e.g. loadBundledRules(RULES)");
    for (const source of list as readonly RuleSource[]) {
      // A document shared by two rule modules is the same file: load it once.
      const path = (source as RuleSource | undefined)?.path;
      if (typeof path === "string" && seen.has(path)) continue;
      seen.add(path);
      sources.push(source);
    }
  }
  return loadSources(sources, { trusted: true }, undefined);
}
