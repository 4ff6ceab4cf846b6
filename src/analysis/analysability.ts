import { defaultEngine, type Engine } from "../api.js";
import type { LoadedRuleVersion } from "../engine/rule-version.js";
import { staticObstacle } from "./line.js";

/**
 * Whether every operation of a rule version has an exact symbolic form, and if not the first one that
 * has none, with its pointer. An analysable version may still stop the analysis for some facts (a
 * quotient by a parameter of 3, a product of two inputs along one of them): the functions that
 * analyse say so then.
 *
 * @category Analysis
 * @example
 * const a: Analysability = { ruleId: "sjz-2025/absorption-subsidy", version: 1, analysable: true };
 */
export type Analysability =
  | { ruleId: string; version: number; analysable: true }
  | { ruleId: string; version: number; analysable: false; op: string | undefined; pointer: string; reason: string };

/**
 * Which versions of a rule set the analysis can state exactly (without facts): each version, or only
 * the versions of `ruleIds`.
 *
 * @category Analysis
 * @example
 * analysability().filter((a) => !a.analysable).map((a) => `${a.ruleId}: ${a.op} at ${a.pointer}`) //=> []
 */
export function analysability(ruleIds?: readonly string[], engine: Engine = defaultEngine()): Analysability[] {
  const ids = ruleIds ?? engine.ruleSet.ruleIds();
  const out: Analysability[] = [];
  for (const id of ids) for (const v of engine.ruleSet.versions(id)) out.push(analysabilityOf(v));
  return out;
}

function analysabilityOf(v: LoadedRuleVersion): Analysability {
  const obstacle = staticObstacle(v);
  const base = { ruleId: v.file.id, version: v.file.version };
  return obstacle ? { ...base, analysable: false, op: obstacle.op, pointer: obstacle.pointer, reason: obstacle.reason } : { ...base, analysable: true };
}
