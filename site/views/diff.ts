/** The diff of two versions, in words, and the cases whose outcome changes. Filled in once `diffRules` is exported. */
import * as core from "../../src/index.js";
import type { LoadedRuleVersion, RuleSet } from "../../src/index.js";
import { h } from "../dom.js";
import type { Lang } from "../i18n.js";

export function diffAvailable(): boolean {
  return typeof (core as Record<string, unknown>)["diffRules"] === "function";
}

export function renderDiff(set: RuleSet, ruleId: string, a: LoadedRuleVersion, b: LoadedRuleVersion, lang: Lang): HTMLElement {
  void set;
  void lang;
  return h("section", { class: "diff" }, h("h3", {}, `${ruleId} v${a.file.version} → v${b.file.version}`));
}
