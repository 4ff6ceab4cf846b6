import type { RuleSet } from "../engine/rule-set.js";
import { InvalidArgumentError } from "../errors.js";
import type { RuleSource } from "./load-core.js";
import { isPrecompiled, loadPrecompiled } from "./precompiled.js";

/**
 * A rule module's `RULES` (or `VERSIONS`): the files of shipped rules, with what the compiler knows of those
 * rules as a type only (`"~rules"`, never present at run time; `ShippedRules<ids>` in the modules' declarations).
 *
 * @category Catalog
 * @example
 * import { RULES } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";
 * const m: RuleModule<ShippedRules<"sjz-2025/absorption-subsidy">> = RULES;
 */
export type RuleModule<R = unknown> = readonly RuleSource[] & { readonly "~rules"?: R };

/**
 * The rules a list of rule modules declares together: each module's rules (the intersection of their maps),
 * or `unknown` (nothing known: any id) when one of them declares none.
 *
 * @category Catalog
 * @example
 * type R = RulesOfModules<[RuleModule<ShippedRules<"sjz-2025/absorption-subsidy">>, RuleModule<ShippedRules<"hd-2018/trading-subsidy">>]>;
 */
export type RulesOfModules<M extends readonly RuleModule[]> = M extends readonly [infer Head, ...infer Tail extends readonly RuleModule[]]
  ? Head extends { readonly "~rules"?: infer R }
    ? unknown extends R
      ? unknown
      : Tail extends readonly []
        ? R
        : unknown extends RulesOfModules<Tail>
          ? unknown
          : R & RulesOfModules<Tail>
    : unknown
  : M extends readonly []
    ? Record<never, never>
    : unknown; // a list of unknown length: nothing known

/**
 * Load rules shipped with this package, from the rule modules (`jjj-policy-rules/rules/<document>` or
 * `jjj-policy-rules/rules/<document>/<rule>`, each exporting `RULES`). Several modules may be passed: a
 * document file they share is loaded once. The modules were checked when the package was built (the same
 * checks as {@link loadRuleSet}, with the same hashes): this load checks nothing again (no zod, no checker)
 * but that each rule's document is among the modules, and rebuilds the typed logic trees without the checker. Pass only the package's own modules: files
 * you read go to `loadRuleSet`, which checks everything.
 *
 * @category Catalog
 * @throws {InvalidArgumentError} when an argument is not a list of sources, or not the package's own files as built
 * @throws {RuleFileError} when a rule's document file is not among the modules (code `unknown_document`)
 * @example
 * import { createEngine, loadBundledRules } from "jjj-policy-rules/engine";
 * import { RULES } from "jjj-policy-rules/rules/sjz-2025/absorption-subsidy";
 * const engine = createEngine(loadBundledRules(RULES));
 * engine.evaluate("sjz-2025/absorption-subsidy", facts, { on: "2025-06-01" }).outcome.amount //=> "200000.00"
 */
export function loadBundledRules<const M extends readonly RuleModule[]>(...modules: M): RuleSet<RulesOfModules<M>> {
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
  // The modules carry each file as built and checked (catalog/precompiled.ts): this entry carries no checker.
  if (!isPrecompiled(sources)) {
    throw new InvalidArgumentError(
      "loadBundledRules takes only the RULES lists of this package's rule modules (each file as built, with its hash); load other files with loadRuleSet / loadBundledRules 只接受本包规则模块的 RULES 列表;其他文件请用 loadRuleSet 加载",
    );
  }
  // What the compiler knows of the rules is the modules' declared type; at run time a set is a set.
  return loadPrecompiled(sources) as RuleSet<RulesOfModules<M>>;
}
