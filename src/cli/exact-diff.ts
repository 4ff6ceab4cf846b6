import { createEngine, type Engine } from "../api.js";
import { exactDiff } from "../analysis/exact-diff.js";
import { exactDiffLines, type ExactDiffOutcome } from "../analysis/exact-diff-text.js";
import type { RuleSet } from "../engine/rule-set.js";
import { PolicyError } from "../errors.js";
import type { RuleDiff, RuleSetDiff } from "../diff/types.js";

/*
 * The CLI composes the diff (src/diff) with the exact analysis (src/analysis): the two are of the same
 * tier and do not import each other. For each rule diff (of two versions, or of each changed version of
 * two releases), the exact change regions, or why there are none.
 */

/** The exact diff of the two versions a rule diff compares, or the typed error that stopped it. */
export function exactFor(diff: RuleDiff, from: { set: RuleSet; engine: () => Engine }, to: { set: RuleSet; engine: () => Engine }): ExactDiffOutcome {
  try {
    const a = from.set.versions(diff.from.ruleId).find((v) => v.file.version === diff.from.version);
    const b = to.set.versions(diff.to.ruleId).find((v) => v.file.version === diff.to.version);
    if (!a || !b) return { error: { code: "unknown_version", message: `${diff.from.ruleId}: a version compared is not in its rule set (比较的版本不在规则集中)` } };
    return exactDiff({ version: a, engine: from.engine() }, { version: b, engine: to.engine() });
  } catch (error) {
    if (error instanceof PolicyError) return { error: { code: error.code, message: error.message } };
    throw error;
  }
}

/**
 * The exact diffs of a report, computed once per rule diff: the text hook of formatRuleDiff and the
 * JSON of each diff with its `exact` field.
 */
export function exactDiffs(fromSet: RuleSet, toSet: RuleSet, lang: "en" | "zh" = "en") {
  // The engines that evaluate the witnesses, made when a first rule diff needs them (none for identical sets).
  const lazy = (set: RuleSet) => {
    let engine: Engine | undefined;
    return () => (engine ??= createEngine(set));
  };
  const from = { set: fromSet, engine: lazy(fromSet) };
  const to = fromSet === toSet ? from : { set: toSet, engine: lazy(toSet) };
  const cache = new WeakMap<RuleDiff, ExactDiffOutcome>();
  // A version added to a rule is compared with its predecessor in the newer set (as diffRuleSets does).
  const of = (diff: RuleDiff, added = false): ExactDiffOutcome => {
    let r = cache.get(diff);
    if (!r) cache.set(diff, (r = exactFor(diff, added ? to : from, to)));
    return r;
  };
  return {
    /** The lines of the "Exact change regions" section of a rule diff. */
    lines: (diff: RuleDiff) => exactDiffLines(of(diff), "  ", lang),
    /** A rule diff with its exact regions. */
    rule: (diff: RuleDiff) => ({ ...diff, exact: of(diff) }),
    /** A rule-set diff with the exact regions of each changed or added version (computed here, so the text hook finds them too). */
    set: (diff: RuleSetDiff) => ({
      ...diff,
      changed: diff.changed.map((r) => ({ ...r, versions: r.versions.map((v) => (v.diff ? { ...v, exact: of(v.diff, v.kind === "added") } : v)) })),
    }),
  };
}
